"""A programme's phases, as progress reads them: in one query with their
programmes (the process as shipped for a programme that stored none), and
the documents that deliver them, one query for each kind."""

from django.utils import timezone

from incluportal.documents import kinds
from schemes.network.models.processes import STEP_RULES, Phase, ProcessRule
from schemes.network.models.programmes import Programme
from schemes.network.processes import PROCESSES
from schemes.work.models.documents import SHARED_STATUSES


def phase_key(phase):
    """A phase's key in the tracker, the dashboard's filter and the mark's
    address: its method step, or "phase-<id>"."""
    if phase.rule in STEP_RULES:
        return phase.rule
    return f"phase-{phase.pk}"


def day(value):
    """The day of ``value`` (a datetime: in the portal's time zone)."""
    if value is None:
        return None
    if hasattr(value, "date"):
        return (
            timezone.localtime(value).date()
            if timezone.is_aware(value)
            else value.date()
        )
    return value


# A phase's fields, read through its programme.
_PHASE_FIELDS = (
    "id",
    "position",
    "name",
    "language",
    "rule",
    "deliverables",
    "due_on",
    "revision",
)


def programme_phases(programme_ids):
    """{programme id: its phases in order}, in one query (the programmes
    joined to their phases); a programme with none has those of the process
    it started from, as shipped (unsaved)."""
    found, started_from = {}, {}
    rows = (
        Programme.objects.filter(pk__in=list(programme_ids))
        .order_by("pk", "phases__position")
        .values_list("pk", "process", *(f"phases__{name}" for name in _PHASE_FIELDS))
    )
    for programme_id, process, *values in rows:
        started_from[programme_id] = process
        listed = found.setdefault(programme_id, [])
        if values[0] is not None:
            listed.append(
                Phase(
                    programme_id=programme_id,
                    **dict(zip(_PHASE_FIELDS, values, strict=True)),
                )
            )
    for pk, listed in found.items():
        if not listed:
            found[pk] = shipped_phases(started_from[pk])
    return found


def shipped_phases(process):
    """The phases of a shipped process, unsaved."""
    return [
        Phase(
            position=position,
            name=shipped.name,
            rule=shipped.rule,
            deliverables=list(shipped.deliverables),
        )
        for position, shipped in enumerate(
            PROCESSES.get(process, PROCESSES["inclucities"]), start=1
        )
    ]


def delivered(schemes, phases):
    """{(scheme id, kind key): the day its document was first submitted
    (None if undated)} for the kinds the phases reached by deliverables name:
    one query for each kind (a document of the scheme, submitted or
    approved)."""
    wanted = {
        key
        for listed in phases.values()
        for phase in listed
        if phase.rule == ProcessRule.DELIVERABLES
        for key in phase.deliverables
    }
    if not wanted:
        return {}
    ids = [s.pk for s in schemes]
    registered = {kind.key: kind for kind in kinds()}
    found = {}
    for key in sorted(wanted):
        kind = registered.get(key)
        if kind is None:
            continue
        model = kind.model
        names = {f.name for f in model._meta.get_fields()}
        if "scheme" not in names:
            continue
        documents = model._default_manager.filter(scheme__in=ids)
        if "status" in names:
            documents = documents.filter(status__in=SHARED_STATUSES)
        dated = "submitted_at" if "submitted_at" in names else None
        for scheme_id, when in documents.values_list("scheme_id", dated or "scheme_id"):
            on = day(when) if dated else None
            previous = found.get((scheme_id, key), on)
            found[(scheme_id, key)] = min(
                (d for d in (previous, on) if d), default=None
            )
    return found
