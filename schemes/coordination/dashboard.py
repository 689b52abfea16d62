"""The coordinator's dashboard: every scheme of a programme at a glance.

The rows are built from a fixed number of queries, whatever the number of
schemes: each related table is read once for the whole programme.
"""

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from incluportal import dates
from schemes.models import MentorProfile, NationalContext, PlanStatus, Scheme, Visit
from schemes.network.models.schemes import SchemeStage
from schemes.work.progress import programme_progress


@dataclass
class SchemeRow:
    scheme: Scheme
    needs: object = None
    part_c: object = None
    mentor_profile: object = None
    next_visit: object = None
    plan: object = None
    overdue: list = field(default_factory=list)
    progress: object = None  # schemes.work.progress.Progress

    @property
    def plan_label(self):
        if self.plan is None:
            return "—"
        version = _("version %(number)s") % {"number": self.plan.version}
        return f"{self.plan.get_status_display()} · {version}"


def dashboard_rows(programme, *, theme=None, country=None, stage=None):
    schemes = (
        Scheme.objects.filter(programme=programme)
        .select_related(
            "theme", "mentee_city", "mentor_city", "needs_analysis", "action_plan"
        )
        .order_by("mentee_city__name")
    )
    if theme:
        schemes = schemes.filter(theme=theme)
    if country:
        schemes = schemes.filter(mentee_city__country=country)
    schemes = list(schemes)
    progress = programme_progress(schemes)
    if stage:
        schemes = [s for s in schemes if progress[s.pk].current == stage]
    cities = {s.mentee_city_id for s in schemes} | {s.mentor_city_id for s in schemes}
    contexts = {
        c.city_id: c
        for c in NationalContext.objects.filter(programme=programme, city__in=cities)
    }
    profiles = {
        p.city_id: p
        for p in MentorProfile.objects.filter(programme=programme, city__in=cities)
    }
    today = timezone.localdate()
    upcoming, unreported = {}, {}
    for visit in Visit.objects.filter(scheme__in=schemes).order_by(
        "start_date", "order"
    ):
        if visit.start_date and visit.start_date >= today:
            upcoming.setdefault(visit.scheme_id, visit)
        elif visit.start_date and visit.start_date < today and not visit.outcomes:
            unreported.setdefault(visit.scheme_id, []).append(visit)
    rows = []
    for scheme in schemes:
        row = SchemeRow(
            scheme=scheme,
            needs=getattr(scheme, "needs_analysis", None),
            part_c=contexts.get(scheme.mentee_city_id),
            mentor_profile=profiles.get(scheme.mentor_city_id),
            next_visit=upcoming.get(scheme.pk),
            plan=getattr(scheme, "action_plan", None),
            progress=progress[scheme.pk],
        )
        # A later step reached (other than the matching, which every scheme
        # has) while the needs analysis waits.
        past_needs = any(
            step.reached
            for step in row.progress.steps
            if step.key not in (SchemeStage.NEEDS_ANALYSIS, SchemeStage.MATCHING)
        )
        if past_needs and row.needs is not None and row.needs.is_editable:
            row.overdue.append(_("Needs analysis not submitted"))
        for visit in unreported.get(scheme.pk, []):
            row.overdue.append(
                _("No outcomes recorded for visit %(number)s") % {"number": visit.order}
            )
        if (
            scheme.end_date
            and scheme.end_date < today
            and (row.plan is None or row.plan.status != PlanStatus.APPROVED)
        ):
            row.overdue.append(_("Action plan not approved by the scheme's end date"))
        rows.append(row)
    return rows


def dashboard_dataset(rows):
    """The dashboard as a table for CSV/XLSX (the export neutralises formulas)."""
    import tablib

    def status(document):
        if document is None:
            return ""
        return f"{document.get_status_display()} ({document.percent_complete}%)"

    data = tablib.Dataset(
        headers=[
            _("Mentee city"),
            _("Mentor city"),
            _("Theme"),
            _("Stage"),
            _("Needs analysis, parts A and B"),
            _("Needs analysis, part C"),
            _("Mentor profile"),
            _("Next visit"),
            _("Action plan"),
            _("Overdue"),
        ]
    )
    for row in rows:
        data.append(
            [
                row.scheme.mentee_city.name,
                row.scheme.mentor_city.name,
                row.scheme.theme.name if row.scheme.theme else "",
                row.progress.current_label,
                status(row.needs),
                status(row.part_c),
                status(row.mentor_profile),
                dates.day(row.next_visit.start_date) if row.next_visit else "",
                row.plan_label,
                "; ".join(row.overdue),
            ]
        )
    return data
