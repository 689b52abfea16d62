"""The self-assessment PDF, with the same server-drawn radar as the page."""

from django.utils.translation import gettext as _

from benchmarks.charts import Series, radar_svg
from incluportal.pdf import render_pdf
from schemes.models import AssessmentRound, Level


def assessment_context(assessment):
    ratings = list(
        assessment.ratings.select_related("key_factor").order_by("key_factor__number")
    )
    chart = None
    if len(ratings) >= 3:
        chart = radar_svg(
            axes=[r.key_factor.title for r in ratings],
            series=[
                Series(
                    f"{assessment.city} – {assessment.get_round_display()}",
                    [r.level for r in ratings],
                )
            ],
            maximum=max(Level.values),
            title=str(assessment.benchmark),
        )
    return {
        "assessment": assessment,
        "ratings": ratings,
        "chart": chart,
        "legend": [f"{assessment.city} – {assessment.get_round_display()}"],
    }


def _contents(assessment):
    """The section's line in the dossier's contents: a city's two rounds
    are told apart there."""
    if assessment.round == AssessmentRound.FINAL:
        text = _("Final self-assessment of %(city)s")
    else:
        text = _("Baseline self-assessment of %(city)s")
    return text % {"city": assessment.city.name}


def self_assessment_dossier(user, scheme):
    """A dossier section for each submitted self-assessment of the scheme."""
    return [
        {
            **assessment_context(assessment),
            "contents": _contents(assessment),
        }
        for assessment in scheme.self_assessments.filter(
            status="submitted"
        ).select_related("city", "benchmark")
    ]


def self_assessment_pdf(assessment):
    pdf = render_pdf(
        "pdf/document.html",
        {
            **assessment_context(assessment),
            "body_template": "pdf/_self_assessment_body.html",
            "title": f"{_('Self-assessment')} — {assessment.city.name}",
        },
    )
    return pdf, ["self-assessment", assessment.city.slug, assessment.round]
