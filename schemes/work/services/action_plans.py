"""The action plan: rows, frozen versions, council approval, implementation."""

from contextlib import contextmanager

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from incluportal import conflicts, dates, emails
from incluportal.history import one_record
from incluportal.history import snapshot as document_snapshot
from incluportal.validators import reject_nul
from incluportal.workflow import transition
from incluportal.written import active_language, changes_text
from schemes import access
from schemes.models import (
    ActionPlanRow,
    ActionPlanVersion,
    PlanStatus,
    ProgressNote,
)
from schemes.work.history.diff import row_diff
from schemes.work.models.action_plans import PLAN_TRANSITIONS
from schemes.work.services.visits import _renumber

ROW_FIELDS = [
    "action",
    "results",
    "start",
    "start_precision",
    "end",
    "end_precision",
    "leads",
    "resources",
    "success",
    "need",
    "key_factor",
    "added_at_visit",
]


def _transition(plan, new_status):
    """Lock the plan and take the step (``incluportal.workflow``)."""
    transition(plan, PLAN_TRANSITIONS, new_status)


def _validate_links(plan, row):
    """A row may only point at its own scheme's benchmark and visits."""
    scheme = plan.scheme
    if row.key_factor_id and (
        scheme.benchmark_id is None
        or row.key_factor.benchmark_id != scheme.benchmark_id
    ):
        raise ValidationError({"key_factor": _("Choose a key factor of this scheme.")})
    if row.added_at_visit_id and row.added_at_visit.scheme_id != scheme.pk:
        raise ValidationError({"added_at_visit": _("Choose a visit of this scheme.")})


@contextmanager
def _changing(plan, *, written=False):
    """A change of the plan's rows: a new revision of the plan, and one
    record of it in its history, with its rows as the change leaves them.
    (The plan is saved after its rows only to lock rows and plan in the
    order concurrent writes always have; the record does not depend on it.)
    ``written``: the change is text of the writer's, in their language."""
    fields = ["updated_at"]
    if written:
        plan.language = active_language()
        fields.append("language")
    with one_record(plan):
        yield
        plan.save(update_fields=fields)


@transaction.atomic
def row_create(*, plan, values, by) -> ActionPlanRow:
    """Add an action at the end of a draft plan."""
    access.require_writer(by, plan)
    last = plan.rows.aggregate(m=Max("number"))["m"] or 0
    row = ActionPlanRow(plan=plan, number=last + 1, **values)
    _validate_links(plan, row)
    row.full_clean()
    with _changing(plan, written=True):
        row.save()
    return row


@transaction.atomic
def row_update(*, row, values, by, revision=None) -> ActionPlanRow:
    """Save a row; ``revision`` is the one its form was opened at (see
    ``incluportal.conflicts``: someone else's save is merged or refused)."""
    plan = row.plan
    row, values = conflicts.merge(row, revision, values)
    row.plan = plan
    access.require_writer(by, plan)
    written = changes_text(row, values)
    for name, value in values.items():
        setattr(row, name, value)
    _validate_links(plan, row)
    row.full_clean()
    with _changing(plan, written=written):
        row.save()
    return row


@transaction.atomic
def row_delete(*, row, by, revision=None):
    plan = row.plan
    access.require_writer(by, plan)
    current = conflicts.lock(row)
    if revision is not None and current.revision != revision:
        raise ValidationError(
            _(
                "Someone changed this action after you opened the plan: "
                "read it again before removing it."
            )
        )
    with _changing(plan):
        row.delete()
        _renumber(plan.rows.order_by("number"))


@transaction.atomic
def row_move(*, row, by, offset):
    """Move an action up (offset -1) or down (+1); the rows are renumbered."""
    plan = row.plan
    access.require_writer(by, plan)
    rows = list(plan.rows.select_for_update().order_by("number"))
    index = [r.pk for r in rows].index(row.pk)
    target = index + offset
    if 0 <= target < len(rows):
        rows[index], rows[target] = rows[target], rows[index]
        with _changing(plan):
            _renumber(rows)


def snapshot(plan):
    """The plan as a frozen version holds it: its rows in the format of its
    historical records (``incluportal.history.snapshot``), with the names of
    its scheme and cities as they were."""
    scheme = plan.scheme
    return {
        "scheme": str(scheme),
        "mentee_city": scheme.mentee_city.name,
        "mentor_city": ", ".join(city.name for city in scheme.mentor_cities),
        "peer_cities": ", ".join(link.city.name for link in scheme.links)
        if scheme.is_peer_group
        else "",
        **document_snapshot(plan),
    }


@transaction.atomic
def action_plan_submit(*, plan, by) -> ActionPlanVersion:
    """Send the plan to the council: it is frozen as version ``plan.version``.

    A second submission of the same draft (two officers at once) waits on the
    row lock and is refused with ``InvalidTransition``: one version only."""
    access.require_author(by, plan)
    _transition(plan, PlanStatus.SUBMITTED)
    if not plan.rows.exists():
        raise ValidationError(_("Add at least one action before submitting the plan."))
    version = ActionPlanVersion.objects.create(
        plan=plan,
        number=plan.version,
        status=PlanStatus.SUBMITTED,
        frozen_by=by,
        snapshot=snapshot(plan),
    )
    plan.review_comment = ""
    plan.save(update_fields=["status", "review_comment", "updated_at"])
    emails.plan_submitted(plan)
    return version


def _current_version(plan):
    return plan.versions.select_for_update().get(number=plan.version)


def decision_too_early(*, version, decision_date):
    """Why the council cannot have approved ``version`` on ``decision_date``
    (a day before the version went to it, where the portal runs), or ""."""
    submitted_on = timezone.localdate(version.frozen_at)
    if decision_date is None or decision_date >= submitted_on:
        return ""
    return _(
        "The council cannot have approved version %(number)s before it was "
        "submitted on %(date)s: check the date of the decision."
    ) % {"number": version.number, "date": dates.day(submitted_on)}


@transaction.atomic
def action_plan_approve(*, plan, by, decision_date, decision_reference):
    """Record the council's approval of the submitted version: a decision
    dated before the version was submitted, or in the future, is refused."""
    access.require_reviewer(by, plan)
    if decision_date is None or not decision_reference.strip():
        raise ValidationError(
            _("Give the date and the reference of the council's decision.")
        )
    if decision_date > timezone.localdate():
        raise ValidationError(
            _("The council's decision cannot be dated in the future.")
        )
    _transition(plan, PlanStatus.APPROVED)
    version = _current_version(plan)
    too_early = decision_too_early(version=version, decision_date=decision_date)
    if too_early:
        raise ValidationError({"decision_date": too_early})
    version.status = PlanStatus.APPROVED
    version.decision_date = decision_date
    version.decision_reference = decision_reference.strip()
    version.full_clean()
    version.save()
    plan.save(update_fields=["status", "updated_at"])
    emails.plan_reviewed(plan)
    return version


@transaction.atomic
def action_plan_return(*, plan, by, comment):
    """Send the submitted version back; the next submission is a new version."""
    access.require_reviewer(by, plan)
    if not comment.strip():
        raise ValidationError(_("Say what should change: the comment is required."))
    reject_nul(comment)  # PostgreSQL cannot store it: a 500 otherwise
    _transition(plan, PlanStatus.RETURNED)
    version = _current_version(plan)
    version.status = PlanStatus.RETURNED
    version.save(update_fields=["status"])
    plan.version += 1
    plan.review_comment = comment.strip()
    plan.save(update_fields=["status", "version", "review_comment", "updated_at"])
    emails.plan_reviewed(plan)


@transaction.atomic
def action_plan_new_draft(*, plan, by):
    """Start the next version from the approved plan."""
    access.require_author(by, plan)
    _transition(plan, PlanStatus.DRAFT)
    plan.version += 1
    plan.save(update_fields=["status", "version", "updated_at"])


def _require_implementer(user, row):
    """The mentee city tracks the actions of its approved plan."""
    if not row.plan.is_approved:
        raise PermissionDenied
    access.require_author(user, row.plan)


@transaction.atomic
def row_set_status(*, row, status, by):
    _require_implementer(by, row)
    row.implementation_status = status
    row.full_clean()
    with _changing(row.plan):
        row.save(update_fields=["implementation_status"])


@transaction.atomic
def progress_note_add(*, row, date, text, by) -> ProgressNote:
    _require_implementer(by, row)
    note = ProgressNote(row=row, date=date, text=text, author=by)
    note.full_clean()
    with _changing(row.plan):
        note.save()
    return note


# What a reader of two versions compares in a row (the key factor by the
# name it had when the version was frozen).
VERSION_COLUMNS = [
    "action",
    "results",
    "start",
    "end",
    "leads",
    "resources",
    "success",
    "need",
    "key_factor",
]


def version_diff(old, new):
    """What changed between two snapshots, row by row (matched by identity),
    in the order of the rows' numbers: the history's ``row_diff``.

    Returns a list of {"kind": "added"|"removed"|"changed", "old_number",
    "new_number", "row", "changes": [(field, old value, new value)]}.
    """
    diff = row_diff(old["rows"], new["rows"], VERSION_COLUMNS)
    return sorted(diff, key=lambda d: d["new_number"] or d["old_number"] or 0)
