"""Mentoring visits: the method allows 2 to 10 meetings, in any order."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _

from incluportal import conflicts
from incluportal.history import one_record
from incluportal.written import active_language
from schemes import access
from schemes.models import AgendaItem, Visit
from schemes.work.models.visits import SHIPPED_AGENDA, SHIPPED_PURPOSES

MIN_VISITS, MAX_VISITS = 2, 10


@transaction.atomic
def visit_create(*, scheme, by, host_city, purpose) -> Visit:
    """Add a visit at the end of the scheme's list, in ``host_city`` (one of
    the scheme's cities) or online (None)."""
    access.require_writer(by, Visit(scheme=scheme))
    if scheme.visits.count() >= MAX_VISITS:
        raise ValidationError(
            _("A scheme has at most %(max)s visits.") % {"max": MAX_VISITS}
        )
    last = scheme.visits.aggregate(m=Max("order"))["m"] or 0
    # A purpose of the portal's (``NEW_MEETING``) is shown in each reader's
    # language; one the writer gave is theirs.
    purpose = SHIPPED_PURPOSES.store(str(purpose))
    visit = Visit(
        scheme=scheme,
        order=last + 1,
        host_city=host_city,
        purpose=purpose,
        language="" if SHIPPED_PURPOSES.is_shipped(purpose) else active_language(),
    )
    visit.full_clean()
    visit.save()
    return visit


@transaction.atomic
def visit_update(*, visit, values, agenda, team, support, by, revision=None) -> Visit:
    """Save a visit's details, its agenda (a list of lines) and who took part.

    ``revision`` is the one the form was opened at: someone else's save since
    then is merged, or refused with ``EditConflict`` (``incluportal.conflicts``).

    The texts come as the writer read them: a shipped purpose or agenda
    item left as the form showed it, in their language, stays the shipped
    text (shown to each reader in theirs). A save that changes a text
    records the writer's language as the visit's.
    """
    access.require_writer(by, visit)
    if "purpose" in values:
        values = {**values, "purpose": SHIPPED_PURPOSES.store(values["purpose"])}
    values = {
        **values,
        "agenda": [SHIPPED_AGENDA.store(line) for line in agenda],
        "team_participants": list(team),
        "support_group_attendees": list(support),
    }
    visit, values = conflicts.merge(visit, revision, values)
    visit.mark_written(values, always=("agenda",))
    with one_record(visit):
        if "agenda" in values:
            visit.agenda_items.all().delete()
            AgendaItem.objects.bulk_create(
                AgendaItem(visit=visit, order=i, text=text)
                for i, text in enumerate(values.pop("agenda"), start=1)
            )
        conflicts.apply(visit, values)
        visit.full_clean()
        visit.save()
    return visit


@transaction.atomic
def visit_delete(*, visit, by):
    access.require_writer(by, visit)
    scheme = visit.scheme
    if scheme.visits.count() <= MIN_VISITS:
        raise ValidationError(
            _("A scheme keeps at least %(min)s visits: both cities are visited.")
            % {"min": MIN_VISITS}
        )
    visit.delete()
    _renumber(scheme.visits.order_by("order"))


@transaction.atomic
def visit_move(*, visit, by, offset):
    """Move a visit up (offset -1) or down (+1) in the scheme's order."""
    access.require_writer(by, visit)
    visits = list(visit.scheme.visits.select_for_update().order_by("order"))
    index = visits.index(visit)
    target = index + offset
    if 0 <= target < len(visits):
        visits[index], visits[target] = visits[target], visits[index]
        _renumber(visits)


def _renumber(items):
    """Give items the numbers 1..n; in two steps, to pass the unique constraint."""
    items = list(items)
    if not items:
        return
    model = type(items[0])
    field = "order" if hasattr(items[0], "order") else "number"
    model.objects.filter(pk__in=[i.pk for i in items]).update(
        **{field: F(field) + 1000}
    )
    for position, item in enumerate(items, start=1):
        setattr(item, field, position)
    model.objects.bulk_update(items, [field])
