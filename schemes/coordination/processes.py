"""A programme's process, as its coordinators adapt it: start it from a
shipped process, then rename, reorder, add or drop its phases, and set their
deliverables and due dates."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from incluportal.validators import reject_nul
from incluportal.written import active_language
from schemes import access
from schemes.models import Phase, ProcessKind
from schemes.network.processes import PROCESSES, SHIPPED_PHASE_NAMES

# The fields of a phase a coordinator sets.
PHASE_FIELDS = ("name", "rule", "deliverables", "due_on")


def _locked(programme):
    """The programme's phases in order, locked while they change."""
    return list(
        Phase.objects.select_for_update()
        .filter(programme=programme)
        .order_by("position")
    )


def _ensure(programme):
    """A programme that never changed its process has none stored: it
    follows the one it started from, as shipped; store it before a change."""
    phases = _locked(programme)
    if not phases:
        phases = _create(programme, programme.process)
    return phases


def _create(programme, process):
    phases = []
    for position, shipped in enumerate(PROCESSES[process], start=1):
        phase = Phase(
            programme=programme,
            position=position,
            name=shipped.name,
            rule=shipped.rule,
            deliverables=list(shipped.deliverables),
        )
        phase.full_clean()
        phase.save()
        phases.append(phase)
    return phases


@transaction.atomic
def programme_process_fill(*, programme) -> list:
    """Store the phases of a programme that has none (one loaded raw, as the
    demo's are), as its process ships them; safe to run again."""
    return _ensure(programme)


@transaction.atomic
def programme_process_apply(*, programme, process, by) -> list:
    """The programme follows the shipped ``process`` from now: its phases
    are replaced by the process's (the marks of those dropped go with them)."""
    access.require_coordinator(by, programme)
    if process not in ProcessKind.values:
        raise ValidationError({"process": _("Choose one of the processes.")})
    _locked(programme)
    Phase.objects.filter(programme=programme).delete()
    programme.process = process
    programme.full_clean()
    programme.save(update_fields=["process"])
    return _create(programme, process)


def _clean_fields(fields):
    unknown = set(fields) - set(PHASE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown phase fields: {sorted(unknown)}")
    if "name" in fields:
        # A shipped name left as the form showed it, in the coordinator's
        # language, stays shipped: each reader reads it in theirs.
        fields["name"] = SHIPPED_PHASE_NAMES.store((fields["name"] or "").strip())
        reject_nul(fields["name"])
    if "deliverables" in fields:
        # In the registry's order as chosen, each once.
        fields["deliverables"] = list(dict.fromkeys(fields["deliverables"] or []))
    return fields


@transaction.atomic
def phase_create(*, programme, by, **fields) -> Phase:
    """A new phase, at the end of the programme's process."""
    access.require_coordinator(by, programme)
    fields = _clean_fields(fields)
    phases = _ensure(programme)
    last = Phase.objects.filter(programme=programme).aggregate(Max("position"))
    phase = Phase(
        programme=programme,
        position=(last["position__max"] or len(phases)) + 1,
        **fields,
    )
    _mark_written(phase)
    phase.full_clean()
    phase.save()
    return phase


@transaction.atomic
def phase_update(*, phase, by, revision=None, **fields) -> Phase:
    """Rename the phase, change how it is reached, its deliverables or its
    due date. ``revision``: the one the form was opened at; a phase another
    coordinator changed since is refused, their change kept."""
    access.require_coordinator(by, phase.programme)
    fields = _clean_fields(fields)
    phase = Phase.objects.select_for_update().get(pk=phase.pk)
    if revision is not None and revision != phase.revision:
        raise ValidationError(
            _(
                "Another coordinator changed this phase since you opened it: "
                "it is shown as saved now; make your change again."
            )
        )
    renamed = "name" in fields and fields["name"] != phase.name
    for name, value in fields.items():
        setattr(phase, name, value)
    if renamed:
        _mark_written(phase)
    phase.revision += 1
    phase.full_clean()
    phase.save()
    return phase


def _mark_written(phase):
    """A name a coordinator gave is in their language; a shipped one in
    each reader's."""
    phase.language = "" if phase.name_is_shipped else active_language()


def _require_unchanged(phases, phase, revision, position):
    """Refuse a drop or a move asked from a page older than the phase: one
    another coordinator changed (``revision``) or moved (``position``)
    since; None: not asked."""
    current = next((p for p in phases if p.pk == phase.pk), None)
    if current is None or (
        (revision is not None and revision != current.revision)
        or (position is not None and position != current.position)
    ):
        raise ValidationError(
            _(
                "Another coordinator changed the process since you opened it: "
                "it is shown as it is now; look again before you drop or move "
                "a phase."
            )
        )


@transaction.atomic
def phase_delete(*, phase, by, revision=None) -> None:
    """Drop the phase (and the marks of it); the others close up.
    ``revision``: the one the page showed; a phase changed since is kept."""
    programme = phase.programme
    access.require_coordinator(by, programme)
    phases = _locked(programme)
    _require_unchanged(phases, phase, revision, None)
    if len(phases) == 1:
        raise ValidationError(_("A process keeps at least one phase."))
    Phase.objects.filter(pk=phase.pk).delete()
    _renumber([p for p in phases if p.pk != phase.pk])


@transaction.atomic
def phase_move(*, phase, by, offset, position=None) -> None:
    """Move the phase up (offset -1) or down (+1) the process. ``position``:
    where the page showed it; a phase moved since stays where it is."""
    access.require_coordinator(by, phase.programme)
    phases = _locked(phase.programme)
    _require_unchanged(phases, phase, None, position)
    index = [p.pk for p in phases].index(phase.pk)
    target = index + offset
    if 0 <= target < len(phases):
        phases[index], phases[target] = phases[target], phases[index]
        _renumber(phases)


def _renumber(phases):
    """Positions 1, 2, … in the order given (two passes: each position is
    unique at every moment)."""
    changed = [p for i, p in enumerate(phases, start=1) if p.position != i]
    if not changed:
        return
    top = max(p.position for p in phases) + len(phases)
    for offset, phase in enumerate(changed, start=1):
        Phase.objects.filter(pk=phase.pk).update(position=top + offset)
    for i, phase in enumerate(phases, start=1):
        if phase in changed:
            phase.position = i
            Phase.objects.filter(pk=phase.pk).update(position=i)
