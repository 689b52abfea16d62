"""Suggesting mentor cities for a mentee city, with every point explained.

The score follows the method's matching criteria (chapter 3 of the guide):
  * the mentee's gaps on the benchmark's key factors against the mentor's
    strengths on them: its self-assessment, its mentor profile and its good
    practices tied to those factors (up to 50 points);
  * a similar size (up to 20 points);
  * a similar multi-level governance context: the same country (15 points);
  * a shared working language (15 points).
Each criterion adds a line to the explanation, so a coordinator can see why.
"""

import math
from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from schemes.models import AssessmentStatus, GoodPractice, MentorProfile, Rating
from schemes.work.models.documents import SHARED_STATUSES

FACTOR_POINTS, SIZE_POINTS, GOVERNANCE_POINTS, LANGUAGE_POINTS = 50, 20, 15, 15
GAP_LEVEL = 1  # "not in place" or "emerging"
STRONG_LEVEL = 2  # "partly" or "fully in place"


@dataclass
class Suggestion:
    mentor: object
    score: float = 0
    reasons: list = field(default_factory=list)
    factors: list = field(default_factory=list)  # (key factor, [evidence])
    practices: list = field(default_factory=list)


def _latest_levels(city_ids, benchmark):
    """{city id: {key factor id: level}} from each city's latest submitted
    self-assessment against the benchmark, in any of its editions (matched
    by key factor number)."""
    factor_ids = dict(benchmark.key_factors.values_list("number", "pk"))
    ratings = (
        Rating.objects.filter(
            assessment__city_id__in=city_ids,
            assessment__benchmark__in=benchmark.editions(),
            assessment__status=AssessmentStatus.SUBMITTED,
            level__isnull=False,
        )
        .order_by("assessment__submitted_at")
        .values_list("assessment__city_id", "key_factor__number", "level")
    )
    levels = {}
    for city_id, number, level in ratings:  # later assessments overwrite
        if number in factor_ids:
            levels.setdefault(city_id, {})[factor_ids[number]] = level
    return levels


def gaps_of(mentee, benchmark):
    """The benchmark's key factors where the mentee city is weak: from its
    self-assessment, or every factor when it has not assessed itself."""
    factors = list(benchmark.key_factors.all())
    levels = _latest_levels([mentee.pk], benchmark).get(mentee.pk)
    if not levels:
        return factors, False
    return [kf for kf in factors if levels.get(kf.pk, 0) <= GAP_LEVEL], True


def _size_points(a, b):
    if not a.population or not b.population:
        return 0, None
    ratio = abs(math.log10(a.population / b.population))  # 0 = same, 1 = ten times
    return round(SIZE_POINTS * max(0.0, 1 - ratio), 1), ratio


def rank_mentors(*, programme, mentee, benchmark, candidates):
    """Candidates ranked best first, each with its score and reasons."""
    candidates = [c for c in candidates if c.pk != mentee.pk]
    gaps, assessed = gaps_of(mentee, benchmark)
    gap_ids = {kf.pk for kf in gaps}
    levels = _latest_levels([c.pk for c in candidates], benchmark)
    profiles = {
        p.city_id: {kf.pk for kf in p.key_factors.all()}
        for p in MentorProfile.objects.filter(
            programme=programme, city__in=candidates
        ).prefetch_related("key_factors")
    }
    practices = {}
    for gp in (
        GoodPractice.objects.filter(city__in=candidates, key_factors__in=gap_ids)
        .filter(status__in=SHARED_STATUSES)
        .prefetch_related("key_factors")
        .distinct()
    ):
        practices.setdefault(gp.city_id, []).append(gp)

    suggestions = []
    for city in candidates:
        s = Suggestion(mentor=city)
        # 1. Strengths on the mentee's gaps.
        raw = 0
        for kf in gaps:
            evidence = []
            level = levels.get(city.pk, {}).get(kf.pk)
            if level is not None and level >= STRONG_LEVEL:
                raw += level - 1  # 1 for partly, 2 for fully in place
                evidence.append(_("self-assessed %(level)s") % {"level": level})
            if kf.pk in profiles.get(city.pk, set()):
                raw += 2
                evidence.append(_("named in its mentor profile"))
            tied = [
                gp for gp in practices.get(city.pk, []) if kf in gp.key_factors.all()
            ]
            if tied:
                raw += min(len(tied), 2)
                evidence.append(
                    _("good practice: %(names)s") % {"names": ", ".join(map(str, tied))}
                )
            if evidence:
                s.factors.append((kf, evidence))
        best_possible = 6 * max(len(gaps), 1)
        factor_points = round(FACTOR_POINTS * min(raw / best_possible * 2, 1), 1)
        s.score += factor_points
        s.practices = practices.get(city.pk, [])
        s.reasons.append(
            (
                factor_points,
                ngettext(
                    "Strong on %(n)s of the mentee's %(gaps)s gap",
                    "Strong on %(n)s of the mentee's %(gaps)s gaps",
                    len(gaps),
                )
                % {"n": len(s.factors), "gaps": len(gaps)}
                if assessed
                else ngettext(
                    "Strong on %(n)s key factor (the mentee has not assessed itself)",
                    "Strong on %(n)s key factors (the mentee has not assessed itself)",
                    len(s.factors),
                )
                % {"n": len(s.factors)},
            )
        )
        # 2. Size.
        size_points, ratio = _size_points(mentee, city)
        s.score += size_points
        if ratio is None:
            s.reasons.append((0, _("Size unknown")))
        else:
            s.reasons.append(
                (
                    size_points,
                    _("Population %(mentor)s against %(mentee)s")
                    % {
                        "mentor": number_format(city.population, force_grouping=True),
                        "mentee": number_format(mentee.population, force_grouping=True),
                    },
                )
            )
        # 3. Governance context.
        if city.country == mentee.country:
            s.score += GOVERNANCE_POINTS
            s.reasons.append(
                (GOVERNANCE_POINTS, _("Same country: the same levels of government"))
            )
        else:
            s.reasons.append(
                (0, _("Another country: %(country)s") % {"country": city.country.name})
            )
        # 4. Working language.
        shared = sorted(city.languages & mentee.languages)
        if shared:
            s.score += LANGUAGE_POINTS
            s.reasons.append(
                (
                    LANGUAGE_POINTS,
                    _("Shared working language: %(codes)s")
                    % {"codes": ", ".join(shared)},
                )
            )
        else:
            s.reasons.append((0, _("No shared working language on record")))
        s.score = round(s.score, 1)
        suggestions.append(s)
    return sorted(suggestions, key=lambda s: (-s.score, s.mentor.name))


def propose_pairing(*, programme, mentees, mentors, benchmark_for):
    """One mentor per mentee, best pairs first (each mentor used once).

    ``benchmark_for(mentee)`` gives the benchmark to match on. Returns
    [(mentee, Suggestion or None)] in the mentees' order.
    """
    options = []
    for mentee in mentees:
        benchmark = benchmark_for(mentee)
        if benchmark is None:
            continue
        for suggestion in rank_mentors(
            programme=programme, mentee=mentee, benchmark=benchmark, candidates=mentors
        ):
            options.append((suggestion.score, mentee, suggestion))
    chosen, used = {}, set()
    for _score, mentee, suggestion in sorted(options, key=lambda o: -o[0]):
        if mentee.pk in chosen or suggestion.mentor.pk in used:
            continue
        chosen[mentee.pk] = suggestion
        used.add(suggestion.mentor.pk)
    return [(m, chosen.get(m.pk)) for m in mentees]
