"""Where a scheme stands: each step of the method derived from its documents.

One function, ``programme_progress``, reads the state of every step for a
batch of schemes in a fixed number of queries (whatever their number); the
tracker, the badges, the dashboard (its column, filter, overdue rule and
export), the dossier and the admin all read it. Nothing stores a stage:

- needs analysis: the needs analysis is submitted (its ``submitted_at``);
- matching: the scheme exists with its mentor city (its start date);
- training: a coordinator marks it (``StepMark``), no document shows it;
- visits: every visit of the scheme is held (its days are past and its
  outcomes recorded);
- action plan: a version went to the council (the first one), and the
  plan is not back in drafting (its latest version returned, none approved);
- approval: the council approved a version (its decision's date);
- implementation: an action of the approved plan moved: its first progress
  note, or the first record of the plan's history with an action past "not
  started", whichever came first.

A programme's process (``Phase``) orders these steps as its phases, named
as its coordinators wish; a phase may also be reached when each of its
deliverables (document kinds) is submitted for the scheme, or when a
coordinator marks it. A programme with no phases follows the process it
started from as shipped (``schemes.network.processes``).

The current stage follows the furthest phase reached: the phase after it, or
the last one (the implementation) once reached. A step left behind (a needs
analysis never submitted while the plan went to the council) does not hold
the scheme back: it shows "not yet", and the dashboard flags it overdue.
"""

from dataclasses import dataclass, field

from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from schemes.network.models.processes import STEP_RULES, ProcessRule
from schemes.network.models.schemes import Scheme, SchemeStage
from schemes.network.processes import PROCESSES
from schemes.work.models.action_plans import (
    ActionPlan,
    ActionPlanRow,
    ActionPlanVersion,
    ImplementationStatus,
    PlanStatus,
)
from schemes.work.models.documents import SHARED_STATUSES
from schemes.work.models.needs import NeedsAnalysis
from schemes.work.models.progress import MARKABLE_STEPS, StepMark
from schemes.work.models.visits import Visit
from schemes.work.phases import day as _day
from schemes.work.phases import delivered as phases_delivered
from schemes.work.phases import phase_key, programme_phases

DONE, CURRENT, TODO = "done", "current", "todo"


@dataclass
class Step:
    """A phase of the scheme's process, and where the scheme is in it. Its
    key is the method's step (a ``SchemeStage``) for a phase reached as the
    step is, "phase-<id>" for another."""

    key: str
    reached_on: object = None  # a date, or None (not reached, or undated)
    reached: bool = False
    detail: str = ""
    state: str = TODO
    mark: object = None  # the coordinator's StepMark, for a markable step
    phase: object = None  # its Phase
    overdue: bool = False  # its due date passed, not reached

    @property
    def rule(self):
        return self.phase.rule if self.phase is not None else self.key

    @property
    def due_on(self):
        return self.phase.due_on if self.phase is not None else None

    @property
    def stage_label(self):
        """The step as a stage: "Training" (its phase's name)."""
        if self.phase is not None:
            return self.phase.display_name
        return SchemeStage(self.key).label

    @property
    def label(self):
        """The step as an event: "Training held" for a step of the method
        under its own name, else its phase's name."""
        if self.rule in STEP_RULES and (
            self.phase is None or self.phase.name == _SHIPPED_NAMES.get(self.rule)
        ):
            return _step_label(self.rule)
        return self.stage_label

    @property
    def markable(self):
        if self.rule == ProcessRule.MARKED:
            return self.phase is not None and self.phase.pk is not None
        return self.rule in MARKABLE_STEPS


# The steps' names as the IncluCities process ships them.
_SHIPPED_NAMES = {
    phase.rule: phase.name
    for phase in PROCESSES["inclucities"]
    if phase.rule in STEP_RULES
}


def _step_label(key):
    labels = {
        SchemeStage.NEEDS_ANALYSIS: _("Needs analysis submitted"),
        SchemeStage.MATCHING: _("Cities matched"),
        SchemeStage.TRAINING: _("Training held"),
        SchemeStage.VISITS: _("Visits held"),
        SchemeStage.ACTION_PLAN: _("Plan submitted"),
        SchemeStage.APPROVAL: _("Plan approved"),
        SchemeStage.IMPLEMENTATION: _("Implementation under way"),
    }
    return labels[key]


@dataclass
class Progress:
    steps: list = field(default_factory=list)
    current: str = SchemeStage.NEEDS_ANALYSIS

    @property
    def current_label(self):
        found = [s for s in self.steps if s.key == self.current]
        return found[0].stage_label if found else ""

    @property
    def overdue(self):
        """The phases past their due date and not reached."""
        return [s for s in self.steps if s.overdue]

    def step(self, key):
        return next(s for s in self.steps if s.key == key)

    def reached(self, key):
        return self.step(key).reached


def programme_progress(schemes, *, today=None, phases=None):
    """{scheme id: Progress} for ``schemes`` (a list or queryset), in six
    queries whatever their number (five when their needs analyses were
    read with them; one more to date the implementation when an action
    moved; one more for each kind of deliverable their phases name).
    ``phases``: their programmes' phases, when read already
    (``programme_phases``)."""
    schemes = list(schemes)
    today = today or timezone.localdate()
    ids = [s.pk for s in schemes]
    if all(Scheme.needs_analysis.is_cached(s) for s in schemes):
        # Read with the schemes (the dashboard's select_related): no query.
        needs = {
            s.pk: s.needs_analysis.submitted_at
            for s in schemes
            if getattr(s, "needs_analysis", None) is not None
            and s.needs_analysis.status in SHARED_STATUSES
        }
    else:
        needs = dict(
            NeedsAnalysis.objects.filter(
                scheme__in=ids, status__in=SHARED_STATUSES, submitted_at__isnull=False
            ).values_list("scheme_id", "submitted_at")
        )
    marks = {}
    for mark in StepMark.objects.filter(scheme__in=ids):
        marks[(mark.scheme_id, mark.phase_id or mark.step)] = mark
    visits = {}
    for scheme_id, start, end, outcomes in Visit.objects.filter(
        scheme__in=ids
    ).values_list("scheme_id", "start_date", "end_date", "outcomes"):
        visits.setdefault(scheme_id, []).append((start, end, outcomes))
    submitted, approved, latest = {}, {}, {}
    for scheme_id, number, status, frozen, decided in ActionPlanVersion.objects.filter(
        plan__scheme__in=ids
    ).values_list("plan__scheme_id", "number", "status", "frozen_at", "decision_date"):
        day = _day(frozen)
        if scheme_id not in submitted or day < submitted[scheme_id]:
            submitted[scheme_id] = day
        if status == PlanStatus.APPROVED:
            approved.setdefault(scheme_id, set()).add(decided)
        if scheme_id not in latest or number > latest[scheme_id][0]:
            latest[scheme_id] = (number, status)
    # A plan sent back is being written again: submitted no more, unless the
    # council approved a version before.
    for scheme_id, (_number, status) in latest.items():
        if status == PlanStatus.RETURNED and scheme_id not in approved:
            submitted.pop(scheme_id, None)
    # Implementation: a progress note, or an action that moved, on a plan
    # the council approved (one query: the actions grouped by their status).
    started, moved = {}, set()
    for scheme_id, status, first in (
        ActionPlanRow.objects.filter(
            plan__scheme__in=ids, plan__versions__status=PlanStatus.APPROVED
        )
        .values("plan__scheme_id", "implementation_status")
        .annotate(first=Min("progress_notes__date"))
        .values_list("plan__scheme_id", "implementation_status", "first")
    ):
        if status != ImplementationStatus.NOT_STARTED:
            moved.add(scheme_id)
        if first and (scheme_id not in started or first < started[scheme_id]):
            started[scheme_id] = first
    for scheme_id, day in _first_moves(moved).items():
        if day and (scheme_id not in started or day < started[scheme_id]):
            started[scheme_id] = day
    if phases is None:
        phases = programme_phases({s.programme_id for s in schemes})
    delivered = phases_delivered(schemes, phases)
    result = {}
    for scheme in schemes:
        steps = _steps(
            scheme,
            needs=needs.get(scheme.pk),
            marks=marks,
            visits=visits.get(scheme.pk, []),
            submitted=submitted.get(scheme.pk),
            has_approved=scheme.pk in approved,
            approved=min((d for d in approved.get(scheme.pk, ()) if d), default=None),
            started=started.get(scheme.pk),
            moved=scheme.pk in moved,
            today=today,
        )
        result[scheme.pk] = _follow(
            scheme,
            phases[scheme.programme_id],
            steps,
            marks=marks,
            delivered=delivered,
            today=today,
        )
    return result


def _first_moves(scheme_ids):
    """{scheme id: the day an action of its approved plan first left "not
    started"}, read from the plan's history (a row's status change is a record
    of its plan, its rows as they were): one query, for the schemes with
    an action that moved."""
    if not scheme_ids:
        return {}
    found = {}
    records = (
        ActionPlan.history.model.objects.filter(
            scheme__in=scheme_ids, status=PlanStatus.APPROVED
        )
        .order_by("history_date", "history_id")
        .values_list("scheme_id", "history_date", "children")
    )
    for scheme_id, when, children in records.iterator():
        if scheme_id in found:
            continue
        rows = (children or {}).get("rows", [])
        if any(
            row.get("implementation_status", ImplementationStatus.NOT_STARTED)
            != ImplementationStatus.NOT_STARTED
            for row in rows
        ):
            found[scheme_id] = _day(when)
    return found


def _steps(
    scheme,
    *,
    needs,
    marks,
    visits,
    submitted,
    has_approved,
    approved,
    started,
    moved,
    today,
):
    steps = {key: Step(key=key) for key in SchemeStage.values}

    def reach(key, day):
        steps[key].reached = True
        steps[key].reached_on = day

    if needs:
        reach(SchemeStage.NEEDS_ANALYSIS, _day(needs))
    reach(SchemeStage.MATCHING, scheme.start_date)
    for key in MARKABLE_STEPS:
        mark = marks.get((scheme.pk, key))
        steps[key].mark = mark
        if mark is not None:
            reach(key, mark.reached_on)
    held = [
        (end or start)
        for start, end, outcomes in visits
        if start and (end or start) < today and outcomes.strip()
    ]
    if visits and len(held) == len(visits):
        reach(SchemeStage.VISITS, max(held))
    elif visits:
        steps[SchemeStage.VISITS].detail = ngettext(
            "%(held)s of %(count)s held", "%(held)s of %(count)s held", len(visits)
        ) % {"held": len(held), "count": len(visits)}
    else:
        steps[SchemeStage.VISITS].detail = _("no visit planned yet")
    if submitted:
        reach(SchemeStage.ACTION_PLAN, submitted)
    if has_approved:
        reach(SchemeStage.APPROVAL, approved)
    if started or moved:
        reach(SchemeStage.IMPLEMENTATION, started)
    return steps


def _follow(scheme, phases, steps, *, marks, delivered, today):
    """The scheme's Progress through its programme's ``phases``, given the
    method's ``steps`` derived from its documents."""
    ordered = []
    for phase in phases:
        step = Step(key=phase_key(phase), phase=phase)
        if phase.rule in STEP_RULES:
            derived = steps[phase.rule]
            step.reached, step.reached_on = derived.reached, derived.reached_on
            step.detail, step.mark = derived.detail, derived.mark
        elif phase.rule == ProcessRule.DELIVERABLES:
            keys = list(phase.deliverables)
            done = [k for k in keys if (scheme.pk, k) in delivered]
            if keys and len(done) == len(keys):
                step.reached = True
                days = [delivered[(scheme.pk, k)] for k in keys]
                step.reached_on = None if None in days else max(days)
            elif len(keys) > 1:
                step.detail = ngettext(
                    "%(done)s of %(count)s submitted",
                    "%(done)s of %(count)s submitted",
                    len(keys),
                ) % {"done": len(done), "count": len(keys)}
        elif phase.pk is not None:
            step.mark = marks.get((scheme.pk, phase.pk))
            if step.mark is not None:
                step.reached, step.reached_on = True, step.mark.reached_on
        step.state = DONE if step.reached else TODO
        step.overdue = bool(phase.due_on and not step.reached and phase.due_on < today)
        ordered.append(step)
    if not ordered:
        return Progress(steps=[], current="")
    # The scheme is as far as its furthest step: the one after the last step
    # reached (the implementation once the plan is approved), even if an
    # earlier one was never recorded, such as a needs analysis left in draft
    # while the plan went to the council. Such a step stays "not yet".
    # The matching, reached when the scheme is made, moves nothing on.
    moved_on = [
        i for i, s in enumerate(ordered) if s.reached and s.rule != SchemeStage.MATCHING
    ]
    after = moved_on[-1] + 1 if moved_on else 0
    current = next((s for s in ordered[after:] if not s.reached), ordered[-1])
    current.state = CURRENT
    return Progress(steps=ordered, current=current.key)


def scheme_progress(scheme, *, today=None):
    """The Progress of one scheme."""
    return programme_progress([scheme], today=today)[scheme.pk]


def attach_progress(schemes, *, today=None):
    """``schemes`` as a list, each with its ``progress`` for the templates."""
    schemes = list(schemes)
    progress = programme_progress(schemes, today=today)
    for scheme in schemes:
        scheme.progress = progress[scheme.pk]
    return schemes
