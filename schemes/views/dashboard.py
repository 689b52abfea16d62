"""The coordinator's dashboard and the matching of mentors to mentees."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from benchmarks.models import Benchmark, FrameworkKind, Theme
from incluportal.importing import CSV_SEMICOLON, export_response
from incluportal.validators import slug_or_empty
from schemes import services
from schemes.coordination import matching
from schemes.coordination.dashboard import (
    dashboard_columns,
    dashboard_dataset,
    dashboard_rows,
)
from schemes.models import Organisation
from schemes.network.models.programmes import ParticipationRole
from schemes.views.coordination import coordinated_programme
from schemes.work.phases import phase_key, programme_phases


class DashboardFilterForm(forms.Form):
    theme = forms.ModelChoiceField(
        Theme.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=gettext_lazy("All themes"),
        label=gettext_lazy("Theme"),
    )
    country = forms.ChoiceField(
        required=False, label=gettext_lazy("Mentee city's country")
    )
    stage = forms.ChoiceField(required=False, label=gettext_lazy("Stage"))

    def __init__(self, *args, programme, phases, **kwargs):
        super().__init__(*args, **kwargs)
        countries = sorted(
            {
                (s.mentee_city.country.code, s.mentee_city.country.name)
                for s in programme.schemes.select_related("mentee_city")
            },
            key=lambda c: str(c[1]),
        )
        self.fields["country"].choices = [
            ("", gettext_lazy("All countries")),
            *countries,
        ]
        # The phases of the programme's process, by name.
        self.fields["stage"].choices = [
            ("", gettext_lazy("All stages")),
            *((phase_key(phase), phase.display_name) for phase in phases),
        ]
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select"


@login_required
def dashboard(request, slug):
    programme = coordinated_programme(request, slug)
    # The programme's phases, read once for the stage filter and the rows.
    phases = programme_phases([programme.pk])
    form = DashboardFilterForm(
        request.GET or None, programme=programme, phases=phases[programme.pk]
    )
    filters = {}
    if form.is_valid():
        filters = {k: v for k, v in form.cleaned_data.items() if v}
    rows = dashboard_rows(programme, phases=phases, **filters)
    columns = dashboard_columns(phases[programme.pk])
    export = request.GET.get("export")
    if export in ("csv", CSV_SEMICOLON, "xlsx"):
        return export_response(
            dashboard_dataset(rows, columns), export, f"dashboard-{programme.slug}"
        )
    query = request.GET.copy()
    query.pop("export", None)
    return render(
        request,
        "schemes/coordination/dashboard.html",
        {
            "programme": programme,
            "form": form,
            "columns": columns,
            "rows": rows,
            "query": query.urlencode(),
        },
    )


def _mentor_candidates(programme):
    return list(
        Organisation.objects.filter(
            participations__programme=programme,
            participations__role=ParticipationRole.MENTOR_CITY,
        ).distinct()
    )


def _mentees(programme):
    return list(
        Organisation.objects.filter(
            participations__programme=programme,
            participations__role=ParticipationRole.MENTEE_CITY,
        ).distinct()
    )


def _benchmark_for(programme, mentee):
    """The benchmark of the mentee's scheme, if it has one."""
    scheme = programme.schemes.filter(
        mentee_city=mentee, benchmark__isnull=False
    ).first()
    return scheme.benchmark if scheme else None


@login_required
def matching_view(request, slug):
    programme = coordinated_programme(request, slug)
    mentees = _mentees(programme)
    benchmarks = (
        Benchmark.objects.current()
        .filter(kind=FrameworkKind.BENCHMARK)
        .select_related("theme")
    )
    mentee = None
    if request.GET.get("mentee"):
        mentee = get_object_or_404(
            Organisation.objects.filter(participations__programme=programme).distinct(),
            slug=slug_or_empty(request.GET["mentee"]),
        )
    benchmark = None
    if request.GET.get("benchmark"):
        benchmark = get_object_or_404(
            benchmarks, slug=slug_or_empty(request.GET["benchmark"])
        )
    elif mentee is not None:
        benchmark = _benchmark_for(programme, mentee)
    suggestions = []
    if mentee is not None and benchmark is not None:
        suggestions = matching.rank_mentors(
            programme=programme,
            mentee=mentee,
            benchmark=benchmark,
            candidates=_mentor_candidates(programme),
        )
    existing = {}
    if mentee is not None:
        # Each mentor of the mentee's schemes (a scheme may have several).
        existing = {
            city.pk: s
            for s in programme.schemes.filter(mentee_city=mentee).with_cities()
            for city in s.mentor_cities
        }
    for suggestion in suggestions:
        suggestion.existing_scheme = existing.get(suggestion.mentor.pk)
    return render(
        request,
        "schemes/coordination/matching.html",
        {
            "programme": programme,
            "mentees": mentees,
            "benchmarks": benchmarks,
            "mentee": mentee,
            "benchmark": benchmark,
            "suggestions": suggestions,
        },
    )


@login_required
def matching_all(request, slug):
    """A pairing of every mentee city, to review before any scheme is created."""
    programme = coordinated_programme(request, slug)
    default = (
        Benchmark.objects.current()
        .filter(
            kind=FrameworkKind.BENCHMARK,
            slug=slug_or_empty(request.GET.get("benchmark")),
        )
        .first()
    )

    def benchmark_for(mentee):
        return _benchmark_for(programme, mentee) or default

    mentees = [
        m
        for m in _mentees(programme)
        if not programme.schemes.filter(mentee_city=m).exists()
    ]
    if request.method == "POST":
        return _create_proposed(request, programme)
    pairs = matching.propose_pairing(
        programme=programme,
        mentees=mentees,
        mentors=_mentor_candidates(programme),
        benchmark_for=benchmark_for,
    )
    return render(
        request,
        "schemes/coordination/matching_all.html",
        {
            "programme": programme,
            "rows": [(m, s, benchmark_for(m)) for m, s in pairs],
            "benchmarks": Benchmark.objects.current().filter(
                kind=FrameworkKind.BENCHMARK
            ),
            "default": default,
        },
    )


def _create_proposed(request, programme):
    """Create the schemes the coordinator ticked on the proposal."""
    cities = Organisation.objects.filter(participations__programme=programme).distinct()
    pairs = []
    for value in request.POST.getlist("pair")[:50]:
        mentee_slug, mentor_slug, benchmark_slug = (
            slug_or_empty(part) for part in (value.split("|") + ["", ""])[:3]
        )
        pairs.append(
            (
                get_object_or_404(cities, slug=mentee_slug),
                get_object_or_404(cities, slug=mentor_slug),
                Benchmark.objects.current().filter(slug=benchmark_slug).first(),
            )
        )
    try:
        created = len(
            services.schemes_create_proposed(
                programme=programme, pairs=pairs, by=request.user
            )
        )
    except ValidationError as error:
        messages.error(
            request,
            _("No scheme was created: %(error)s") % {"error": " ".join(error.messages)},
        )
        return redirect("schemes:matching_all", slug=programme.slug)
    messages.success(
        request,
        ngettext(
            "%(count)s scheme is created.", "%(count)s schemes are created.", created
        )
        % {"count": created},
    )
    return redirect("schemes:dashboard", slug=programme.slug)
