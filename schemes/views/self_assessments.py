"""A scheme's self-assessments: each city rates itself on the key factors of
the scheme's benchmark, at the start and at the end of the scheme."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from benchmarks.charts import Series, radar_svg
from benchmarks.models import GuidingQuestion
from incluportal import conflicts
from incluportal.conflicts import EditConflict, posted_revision
from incluportal.pdf import pdf_response
from incluportal.views import transition_refused
from incluportal.workflow import InvalidTransition
from schemes import access, selectors
from schemes import selectors_assessments as assessment_selectors
from schemes.forms_self_assessment import SelfAssessmentForm
from schemes.models import (
    AssessmentRound,
    Level,
    QuestionAnswer,
    SelfAssessment,
)
from schemes.pdfs_self_assessment import self_assessment_pdf
from schemes.work.services import self_assessments as services


@login_required
def scheme_assessments(request, scheme_pk):
    scheme = selectors.scheme_get_for_user(user=request.user, pk=scheme_pk)
    assessments = list(
        scheme.self_assessments.select_related("city").order_by("city__name", "round")
    )
    # The other city's draft is listed (its status tells where it stands)
    # but not opened: a draft is seen by its authors and the coordinators.
    readable = set(
        SelfAssessment.objects.visible_to(request.user)
        .filter(scheme=scheme)
        .values_list("pk", flat=True)
    )
    for assessment in assessments:
        assessment.readable = assessment.pk in readable
    my_cities = [c for c in scheme.cities if access.is_member(request.user, c)]
    startable = []
    for city in my_cities:
        rounds = {a.round for a in assessments if a.city_id == city.pk}
        for round_value in AssessmentRound.values:
            if round_value not in rounds:
                startable.append((city, AssessmentRound(round_value)))
                break
    chart = _comparison_chart(
        scheme.benchmark,
        [assessment_selectors.latest_submitted(scheme, c) for c in scheme.cities],
    )
    return render(
        request,
        "benchmarks/scheme_assessments.html",
        {
            "scheme": scheme,
            "assessments": assessments,
            "startable": startable,
            **chart,
        },
    )


@login_required
@require_POST
def assessment_start(request, scheme_pk):
    scheme = selectors.scheme_get_for_user(user=request.user, pk=scheme_pk)
    city = next(
        (c for c in scheme.cities if str(c.pk) == request.POST.get("city")), None
    )
    round_value = request.POST.get("round")
    if city is None or round_value not in AssessmentRound.values:
        messages.error(request, _("Choose one of the scheme's cities and a round."))
        return redirect("schemes:scheme_assessments", scheme_pk=scheme.pk)
    try:
        assessment = services.self_assessment_start(
            scheme=scheme, city=city, round=round_value, by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("schemes:scheme_assessments", scheme_pk=scheme.pk)
    return redirect("schemes:assessment_edit", pk=assessment.pk)


def _ratings_for(assessment):
    return list(
        assessment.ratings.select_related("key_factor").prefetch_related(
            Prefetch(
                "key_factor__questions",
                queryset=GuidingQuestion.objects.order_by("order"),
            ),
            Prefetch("answers", queryset=QuestionAnswer.objects.all()),
        )
    )


@login_required
def assessment_edit(request, pk):
    assessment = assessment_selectors.assessment_get_for_user(user=request.user, pk=pk)
    if not access.can_write(request.user, assessment):
        if assessment.is_draft:
            raise PermissionDenied
        messages.info(request, _("This self-assessment is submitted and read-only."))
        return redirect(assessment)
    ratings = _ratings_for(assessment)
    form = SelfAssessmentForm(
        request.POST or None, assessment=assessment, ratings=ratings
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.self_assessment_save(
                assessment=assessment,
                ratings=form.ratings_data(),
                answers=form.answers_data(),
                by=request.user,
                revision=posted_revision(request.POST),
            )
        except EditConflict as exc:
            conflict = exc
    if conflict is None and request.method == "POST" and form.is_valid():
        if "submit" in request.POST:
            try:
                services.self_assessment_submit(assessment=assessment, by=request.user)
            except InvalidTransition as error:
                return transition_refused(
                    request, error, back_url=assessment.get_absolute_url()
                )
            except ValidationError as error:
                messages.warning(
                    request,
                    _("Your draft is saved, but it cannot be submitted yet.")
                    + " "
                    + " ".join(error.messages),
                )
                return redirect("schemes:assessment_edit", pk=assessment.pk)
            messages.success(request, _("The self-assessment is submitted."))
            return redirect(assessment)
        messages.success(request, _("Your draft is saved."))
        return redirect("schemes:assessment_edit", pk=assessment.pk)
    rated = sum(1 for r in ratings if r.level is not None)
    return render(
        request,
        "benchmarks/assessment_form.html",
        {
            "assessment": assessment,
            "form": form,
            "rated": rated,
            "total": len(ratings),
            "levels": Level,
            **conflicts.form_context(conflict, assessment),
        },
        status=conflicts.status(conflict),
    )


@login_required
def assessment_detail(request, pk):
    assessment = assessment_selectors.assessment_get_for_user(user=request.user, pk=pk)
    ratings = _ratings_for(assessment)
    # With the same round of each of the scheme's other cities, and a final
    # assessment with the city's baseline.
    compare, baseline = assessment_selectors.compared(assessment)
    chart = _comparison_chart(assessment.benchmark, compare)
    changes = None
    if baseline is not None:
        baseline_levels = dict(
            baseline.ratings.values_list("key_factor__number", "level")
        )
        changes = [(r, baseline_levels.get(r.key_factor.number)) for r in ratings]
    return render(
        request,
        "benchmarks/assessment_detail.html",
        {
            "assessment": assessment,
            "ratings": ratings,
            "strengths": [r for r in ratings if r.level is not None and r.level >= 2],
            "gaps": [r for r in ratings if r.level is not None and r.level < 2],
            "unrated": [r for r in ratings if r.level is None],
            **chart,
            "changes": changes,
            "can_edit": access.can_write(request.user, assessment),
        },
    )


@login_required
@require_POST
def assessment_submit(request, pk):
    assessment = assessment_selectors.assessment_get_for_user(user=request.user, pk=pk)
    try:
        services.self_assessment_submit(assessment=assessment, by=request.user)
    except InvalidTransition as error:
        return transition_refused(
            request, error, back_url=assessment.get_absolute_url()
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("schemes:assessment_edit", pk=assessment.pk)
    messages.success(request, _("The self-assessment is submitted."))
    return redirect(assessment)


def _comparison_chart(benchmark, assessments):
    """A radar of the given assessments (None entries skipped) on one chart,
    on the key factors of ``benchmark``.

    Assessments made against another edition of it are matched by key factor
    number. Returns the template's context: ``chart`` (the SVG), ``legend`` (a
    label per series) and ``chart_rows`` (each key factor with its level in
    every series), the table that is the chart's text alternative.
    """
    nothing = {"chart": None, "legend": [], "chart_rows": []}
    assessments = [a for a in assessments if a is not None]
    if benchmark is None or not assessments:
        return nothing
    factors = list(benchmark.key_factors.all())
    if len(factors) < 3:
        return nothing
    levels = assessment_selectors.levels_by_key_factor(assessments)
    series = [
        Series(
            label=f"{a.city} – {a.get_round_display()}",
            values=[levels.get((a.pk, kf.number)) for kf in factors],
        )
        for a in assessments
    ]
    chart = radar_svg(
        axes=[kf.title for kf in factors],
        series=series,
        maximum=max(Level.values),
        title=_("Self-assessment: %(benchmark)s") % {"benchmark": benchmark},
    )
    return {
        "chart": chart,
        "legend": [s.label for s in series],
        "chart_rows": [
            (kf, [s.values[i] for s in series]) for i, kf in enumerate(factors)
        ],
    }


@login_required
def assessment_pdf(request, pk):
    assessment = assessment_selectors.assessment_get_for_user(user=request.user, pk=pk)
    pdf, name_parts = self_assessment_pdf(assessment)
    return pdf_response(pdf, *name_parts)
