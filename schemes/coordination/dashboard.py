"""The coordinator's dashboard: every scheme of a programme at a glance.

Its document columns are those of the kinds that declare one
(``DocumentKind.dashboard``), in the registry's order. The rows are built
from a fixed number of queries, whatever the number of schemes: each
column's values are read once for the whole programme.
"""

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from incluportal.documents import kinds
from schemes.models import Scheme
from schemes.work.phases import programme_phases
from schemes.work.progress import programme_progress


@dataclass
class Cell:
    column: object
    value: object

    @property
    def text(self):
        return self.column.text(self.value)


@dataclass
class SchemeRow:
    scheme: Scheme
    cells: list = field(default_factory=list)
    overdue: list = field(default_factory=list)
    progress: object = None  # schemes.work.progress.Progress


def dashboard_columns(phases):
    """The document columns, in the registry's order, for a programme of
    these ``phases``: a column ``when_asked`` only if one of them delivers
    its kind."""
    asked = {key for phase in phases for key in phase.deliverables or ()}
    return [
        kind.dashboard
        for kind in kinds()
        if kind.dashboard is not None
        and (not kind.dashboard.when_asked or kind.key in asked)
    ]


def dashboard_rows(programme, *, theme=None, country=None, stage=None, phases=None):
    """The rows of the dashboard; ``phases``: the programmes' phases
    (``programme_phases``), when read already."""
    if phases is None:
        phases = programme_phases([programme.pk])
    columns = dashboard_columns(phases[programme.pk])
    schemes = (
        Scheme.objects.filter(programme=programme)
        .with_cities()
        .select_related(
            "theme",
            *(column.related for column in columns if column.related),
        )
        .order_by("mentee_city__name")
    )
    if theme:
        schemes = schemes.filter(theme=theme)
    if country:
        schemes = schemes.filter(mentee_city__country=country)
    schemes = list(schemes)
    progress = programme_progress(schemes, phases=phases)
    if stage:
        schemes = [s for s in schemes if progress[s.pk].current == stage]
    values = [
        column.values(programme, schemes) if column.values is not None else None
        for column in columns
    ]
    today = timezone.localdate()
    rows = []
    for scheme in schemes:
        # The kinds' overdue rules read it (the needs analysis's, say).
        scheme.progress = progress[scheme.pk]
        row = SchemeRow(scheme=scheme, progress=scheme.progress)
        for column, found in zip(columns, values, strict=True):
            if found is None:
                value = getattr(scheme, column.related, None)
            else:
                value = found.get(scheme.pk)
            row.cells.append(Cell(column, value))
            row.overdue.extend(column.overdue(scheme, value, today))
        # A phase of the process past its due date, not reached.
        row.overdue.extend(
            _("%(phase)s due %(date)s")
            % {"phase": step.stage_label, "date": date_format(step.due_on)}
            for step in scheme.progress.overdue
        )
        rows.append(row)
    return rows


def dashboard_dataset(rows, columns):
    """The dashboard as a table for CSV/XLSX (the export neutralises formulas)."""
    import tablib

    data = tablib.Dataset(
        headers=[
            _("Mentee or convening city"),
            _("Mentor or peer cities"),
            _("Theme"),
            _("Stage"),
            *(str(column.export_heading) for column in columns),
            _("Overdue"),
        ]
    )
    for row in rows:
        data.append(
            [
                row.scheme.mentee_city.name,
                ", ".join(link.city.name for link in row.scheme.links),
                row.scheme.theme.name if row.scheme.theme else "",
                row.progress.current_label,
                *(cell.text for cell in row.cells),
                "; ".join(row.overdue),
            ]
        )
    return data
