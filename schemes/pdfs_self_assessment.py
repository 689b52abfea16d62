"""The self-assessment PDF: what its page shows, with the same server-drawn
radar -- the other cities' same round and, for a final assessment, the
city's baseline beside it with the change per key factor, then each key
factor's note, evidence and answers to the guiding questions."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from benchmarks.charts import Series, radar_svg
from incluportal.pdf import render_pdf
from schemes import selectors_assessments as assessment_selectors
from schemes.models import AssessmentRound, Level, QuestionAnswer


def _label(assessment):
    return f"{assessment.city} – {assessment.get_round_display()}"


def _level(level):
    """ "2 · Partly in place", or "" if unrated."""
    if level is None:
        return ""
    return f"{level} · {Level(level).label}"


def _change(before, after):
    """ "+1", "0", "−1" (a typographic minus), or "" if either is unrated."""
    if before is None or after is None:
        return ""
    difference = after - before
    return f"+{difference}" if difference > 0 else str(difference).replace("-", "−")


def assessment_context(assessment):
    ratings = list(
        assessment.ratings.select_related("key_factor")
        .prefetch_related(
            Prefetch(
                "answers",
                queryset=QuestionAnswer.objects.select_related("question").order_by(
                    "question__order"
                ),
            ),
        )
        .order_by("key_factor__number")
    )
    # As the page compares: the same round of the scheme's other cities, and
    # the city's own baseline beside a final assessment.
    compared, baseline = assessment_selectors.compared(assessment)
    levels = assessment_selectors.levels_by_key_factor(compared[1:])
    for rating in ratings:
        levels[(assessment.pk, rating.key_factor.number)] = rating.level

    chart = None
    if len(ratings) >= 3:
        chart = radar_svg(
            axes=[r.key_factor.title for r in ratings],
            series=[
                Series(
                    _label(a),
                    [levels.get((a.pk, r.key_factor.number)) for r in ratings],
                )
                for a in compared
            ],
            maximum=max(Level.values),
            title=str(assessment.benchmark),
        )
    rows = []
    for rating in ratings:
        number = rating.key_factor.number
        before = levels.get((baseline.pk, number)) if baseline else None
        rows.append(
            {
                "rating": rating,
                "level": _level(rating.level),
                "baseline": _level(before),
                "change": _change(before, rating.level),
                "answers": [a for a in rating.answers.all() if a.text.strip()],
            }
        )
    return {
        "assessment": assessment,
        "baseline": baseline,
        "rows": rows,
        "chart": chart,
        "legend": [_label(a) for a in compared],
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
        ).select_related("city", "benchmark", "scheme")
    ]


def self_assessment_pdf(assessment):
    pdf = render_pdf(
        "pdf/document.html",
        {
            **assessment_context(assessment),
            "body_template": "pdf/_self_assessment_body.html",
            "title": f"{_('Self-assessment')} — {assessment.city.name}"
            f" — {assessment.get_round_display()}",
        },
    )
    return pdf, ["self-assessment", assessment.city.slug, assessment.round]
