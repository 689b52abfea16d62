"""The scheme's scope: written by its cities, agreed by both sides."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from incluportal import conflicts
from incluportal.history import one_record
from incluportal.workflow import transition
from schemes import access
from schemes.work.models.scope import (
    SCOPE_FIELDS,
    SCOPE_SIDES,
    SCOPE_TRANSITIONS,
    Scope,
    ScopeStatus,
)


def reopen(scope):
    """Forget both sides' agreement: the scope is being agreed again. The
    caller holds the row's lock and saves."""
    for side in SCOPE_SIDES:
        setattr(scope, f"{side}_agreed_at", None)
        setattr(scope, f"{side}_agreed_by", None)
    scope.status = ScopeStatus.DRAFT


@transaction.atomic
def scope_save(*, scope: Scope, values, by, revision=None) -> Scope:
    """One of the two cities changes what the scope says. ``revision`` is the
    one the form was opened at: someone else's save since then is merged, or
    refused with ``EditConflict`` where both changed the same text. A change
    reopens the agreement, whoever had agreed."""
    unknown = set(values) - set(SCOPE_FIELDS)
    if unknown:
        raise ValueError(f"not a field of the scope: {sorted(unknown)}")
    scope, values = conflicts.merge(scope, revision, values)
    access.require_writer(by, scope)
    values = {
        name: text for name, text in values.items() if text != getattr(scope, name)
    }
    if not values:
        return scope  # nothing changed: the agreement holds
    if scope.is_agreed:
        transition(scope, SCOPE_TRANSITIONS, ScopeStatus.DRAFT)
    scope.mark_written(values)
    with one_record(scope):
        reopen(scope)
        conflicts.apply(scope, values)
        scope.updated_by = by
        scope.full_clean()
        scope.save()
    return scope


def sides_of(user, scope):
    """The sides (``"mentee"``, ``"mentor"``) whose city the user works for."""
    return [
        side
        for side in SCOPE_SIDES
        if any(access.is_member(user, c) for c in scope.scheme.side_cities(side))
    ]


@transaction.atomic
def scope_agree(*, scope: Scope, side, by) -> Scope:
    """Someone of the ``side``'s city records its agreement with the scope as
    it is now; with the other side's, the scope is agreed."""
    if side not in SCOPE_SIDES:
        raise ValidationError(_("Choose the side that agrees."))
    conflicts.lock(scope)
    if side not in sides_of(by, scope):
        raise PermissionDenied
    if not scope.questions.strip():
        raise ValidationError(
            _("Write the questions the scheme will answer before agreeing.")
        )
    if scope.agreed_at(side) is not None:
        raise ValidationError(_("Your city has agreed to this scope already."))
    fields = [f"{side}_agreed_at", f"{side}_agreed_by"]
    if all(
        scope.agreed_at(other) is not None for other in SCOPE_SIDES if other != side
    ):
        # The other side agreed already: with this side's, the scope is agreed.
        transition(scope, SCOPE_TRANSITIONS, ScopeStatus.AGREED)
        fields.append("status")
    setattr(scope, f"{side}_agreed_at", timezone.now())
    setattr(scope, f"{side}_agreed_by", by)
    scope.save(update_fields=fields)
    return scope
