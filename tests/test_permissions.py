"""The permission audit: every URL of the project, every persona, one table.

A URL added without an entry here fails ``test_every_url_is_declared``, so
no view can ship without its access rules being written down and tested.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import PERSONAS

pytestmark = pytest.mark.django_db

SIGNED_IN = [p for p in PERSONAS if p != "anonymous"]
# Take part in the programme / in the scheme of the world fixture.
# The technical partner is attached to that scheme: it reads what the
# scheme's cities read and helps prepare the visits.
SCHEME_PEOPLE = [
    "coordinator",
    "mentee",
    "mentor",
    "association",
    "mentor_association",
    "partner",
]
PROGRAMME_PEOPLE = [*SCHEME_PEOPLE, "other_scheme"]
CITY_PEOPLE = ["mentee", "mentor", "other_scheme", "other_programme"]


def organisers(status):
    """Coordinators, the two cities and the scheme's partner organise visits;
    associations read."""
    table = {
        **dict.fromkeys(SCHEME_PEOPLE, 403),
        **dict.fromkeys(["coordinator", "mentee", "mentor", "partner"], status),
    }
    return expect(302, **table, everyone_else=404)


def coordinators_only(status):
    """The programme's coordinators; its other people are refused (403);
    outsiders cannot see the programme at all (404)."""
    table = {**dict.fromkeys(PROGRAMME_PEOPLE, 403), "coordinator": status}
    return expect(302, **table, everyone_else=404)


def only(persona, status, others, anonymous=302, **more):
    """``persona`` gets ``status``; the scheme's other people ``others``;
    everyone else 404 (they cannot know the thing exists)."""
    table = {**dict.fromkeys(SCHEME_PEOPLE, others), persona: status, **more}
    return expect(anonymous, **table, everyone_else=404)


def expect(anonymous, **by_persona):
    """Expected status per persona; ``everyone_else`` fills the rest."""
    rest = by_persona.pop("everyone_else", None)
    table = {"anonymous": anonymous}
    for persona in SIGNED_IN:
        table[persona] = by_persona.get(persona, rest)
    return table


def stored_phase(w):
    """The training phase of the world's programme, its process stored."""
    from schemes.models import Phase
    from schemes.services import programme_process_apply

    if not Phase.objects.filter(programme=w.programme).exists():
        programme_process_apply(
            programme=w.programme, process="inclucities", by=w.users["coordinator"]
        )
    return Phase.objects.get(programme=w.programme, rule="training")


def _published_guide(w):
    """Jelgava's page for newcomers, published in Latvian, English and
    Ukrainian; its city's slug."""
    from django.utils import timezone

    from schemes.models import CityGuide, GuideEntry, GuidePublication
    from schemes.public.presenting import snapshot

    if CityGuide.objects.filter(city=w.scheme.mentee_city).exists():
        return w.scheme.mentee_city.slug  # made for another page of the world
    guide = CityGuide.objects.create(
        city=w.scheme.mentee_city, city_language="lv", extra_languages=["uk"]
    )
    GuideEntry.objects.create(
        guide=guide,
        category="language",
        title={"lv": "Latviešu valodas kursi", "en": "Latvian courses"},
    )
    guide.current = GuidePublication.objects.create(
        guide=guide,
        number=1,
        published_at=timezone.now(),
        languages=guide.languages,
        content=snapshot(guide),
    )
    guide.save()
    return guide.city.slug


def _published_practice(w):
    """A practice of the mentor city, approved and published."""
    from django.utils import timezone

    from schemes.models import GoodPractice, PublishedPractice

    practice = GoodPractice.objects.create(
        city=w.scheme.mentor_city, title="Language café", status="approved"
    )
    return PublishedPractice.objects.create(
        practice=practice,
        city=practice.city,
        title=practice.title,
        published_at=timezone.now(),
    )


def _guide_url(name, *more):
    """An editor page of Jelgava's page for newcomers (published, with a
    service): only the city's own officers (the mentee) may open it; anyone
    else cannot know it is there."""

    def build(w):
        from schemes.models import CityGuide

        _published_guide(w)
        guide = CityGuide.objects.get(city=w.scheme.mentee_city)
        values = {"pk": guide.entries.first().pk, "number": 1}
        args = [guide.city.slug, *(values[m] for m in more)]
        return reverse(f"schemes:{name}", args=args)

    return build


CITY_OFFICERS = expect(302, mentee=200, everyone_else=404)


def _approved(w):
    """The world's library practice, approved (its city may publish it)."""
    w.public_practice.status = "approved"
    w.public_practice.save()
    return w.public_practice


def _all(status):
    return dict.fromkeys(PERSONAS, status)


def _scheme_url(name):
    return lambda w: reverse(f"schemes:{name}", args=[w.scheme.pk])


def _started(name, suffix=""):
    """The URL of the scheme's review report or strategy, started."""

    def build(w):
        from schemes.work.models.city_reports import ReviewReport, Strategy

        model = {"review_report": ReviewReport, "strategy": Strategy}[name]
        model.objects.get_or_create(scheme=w.scheme)
        return reverse(f"schemes:{name}{suffix}", args=[w.scheme.pk])

    return build


# url name -> (method, how to build the url from the world, expected statuses)
# 302 for anonymous means "sent to sign-in" (checked below).
MATRIX = {
    # Signed out, it says what the portal is (tests/schemes/test_home.py).
    "home": ("get", lambda w: reverse("home"), _all(200)),
    "healthz": ("get", lambda w: reverse("healthz"), _all(200)),
    # The public face: the same page for everyone, signed in or not
    # (tests/public/).
    "public:index": ("get", lambda w: reverse("public:index"), _all(200)),
    "public:library": ("get", lambda w: reverse("public:library"), _all(200)),
    "public:practice_detail": (
        "get",
        lambda w: reverse("public:practice_detail", args=[_published_practice(w).pk]),
        _all(200),
    ),
    "public:city_guide_default": (
        "get",
        lambda w: reverse("public:city_guide_default", args=[_published_guide(w)]),
        _all(302),
    ),
    "public:city_guide": (
        "get",
        lambda w: reverse("public:city_guide", args=[_published_guide(w), "uk"]),
        _all(200),
    ),
    "public:city_guide_print": (
        "get",
        lambda w: reverse("public:city_guide_print", args=[_published_guide(w), "uk"]),
        _all(200),
    ),
    "public:city_guide_poster": (
        "get",
        lambda w: reverse("public:city_guide_poster", args=[_published_guide(w), "uk"]),
        _all(200),
    ),
    # At the site's root: /sitemap.xml and /robots.txt, public like the rest.
    "public_root:sitemap": (
        "get",
        lambda w: _published_guide(w) and reverse("public_root:sitemap"),
        _all(200),
    ),
    "public_root:robots": ("get", lambda w: reverse("public_root:robots"), _all(200)),
    # A city's page for newcomers, edited inside the portal by the city's
    # members (tests/public/test_guide_editor.py).
    "schemes:guide_overview": ("get", _guide_url("guide_overview"), CITY_OFFICERS),
    "schemes:guide_settings": ("get", _guide_url("guide_settings"), CITY_OFFICERS),
    "schemes:guide_entry_add": ("get", _guide_url("guide_entry_add"), CITY_OFFICERS),
    "schemes:guide_entry_edit": (
        "get",
        _guide_url("guide_entry_edit", "pk"),
        CITY_OFFICERS,
    ),
    "schemes:guide_entry_delete": (
        "get",
        _guide_url("guide_entry_delete", "pk"),
        CITY_OFFICERS,
    ),
    "schemes:guide_entry_move": (
        "post",
        _guide_url("guide_entry_move", "pk"),
        expect(302, mentee=302, everyone_else=404),
        lambda w: {"direction": "up"},
    ),
    "schemes:guide_preview": ("get", _guide_url("guide_preview"), CITY_OFFICERS),
    "schemes:guide_withdraw": (
        "post",
        _guide_url("guide_withdraw"),
        expect(302, mentee=302, everyone_else=404),
    ),
    "schemes:guide_history": ("get", _guide_url("guide_history"), CITY_OFFICERS),
    "schemes:guide_publication": (
        "get",
        _guide_url("guide_publication", "number"),
        CITY_OFFICERS,
    ),
    "login": ("get", lambda w: reverse("login"), expect(200, everyone_else=302)),
    "schemes:programme_two_factor": (
        "post",
        lambda w: reverse("schemes:programme_two_factor", args=[w.programme.slug]),
        coordinators_only(302),
        lambda w: {"require": "0"},
    ),
    "two_factor_setup": (
        "get",
        lambda w: reverse("two_factor_setup"),
        expect(302, everyone_else=200),
    ),
    # Without a password step in progress: back to the sign-in page.
    "two_factor_verify": (
        "get",
        lambda w: reverse("two_factor_verify"),
        _all(302),
    ),
    "logout": ("post", lambda w: reverse("logout"), _all(302)),
    "password_change": (
        "get",
        lambda w: reverse("password_change"),
        expect(302, everyone_else=200),
    ),
    "password_change_done": (
        "get",
        lambda w: reverse("password_change_done"),
        expect(302, everyone_else=200),
    ),
    "password_reset": ("get", lambda w: reverse("password_reset"), _all(200)),
    "password_reset_done": ("get", lambda w: reverse("password_reset_done"), _all(200)),
    "password_reset_confirm": (
        "get",
        lambda w: reverse("password_reset_confirm", args=["MQ", "bad-token"]),
        _all(200),
    ),
    "password_reset_complete": (
        "get",
        lambda w: reverse("password_reset_complete"),
        _all(200),
    ),
    "set_language": ("post", lambda w: reverse("set_language"), _all(302)),
    "schemes:programme_list": (
        "get",
        lambda w: reverse("schemes:programme_list"),
        expect(302, everyone_else=200),
    ),
    "schemes:programme_detail": (
        "get",
        lambda w: w.programme.get_absolute_url(),
        expect(302, **dict.fromkeys(PROGRAMME_PEOPLE, 200), everyone_else=404),
    ),
    "schemes:organisation_detail": (
        "get",
        lambda w: w.mentee_city.get_absolute_url(),
        expect(302, **dict.fromkeys(PROGRAMME_PEOPLE, 200), everyone_else=404),
    ),
    # An organisation's names in each language: its own people, and the
    # coordinator who may add it to programmes; others who see it: 403.
    "schemes:organisation_texts": (
        "get",
        lambda w: reverse("schemes:organisation_texts", args=[w.mentee_city.slug]),
        expect(
            302,
            **{
                **dict.fromkeys(PROGRAMME_PEOPLE, 403),
                **dict.fromkeys(["coordinator", "mentee"], 200),
            },
            everyone_else=404,
        ),
    ),
    "schemes:scheme_detail": (
        "get",
        lambda w: w.scheme.get_absolute_url(),
        expect(302, **dict.fromkeys(SCHEME_PEOPLE, 200), everyone_else=404),
    ),
    # A step no document shows (the training): the coordinators mark it.
    "schemes:step_mark": (
        "post",
        lambda w: reverse("schemes:step_mark", args=[w.scheme.pk, "training"]),
        only("coordinator", 302, 403),
        lambda w: {"reached_on": "2026-01-15", "note": "Held in Riga"},
    ),
    "schemes:step_unmark": (
        "post",
        lambda w: reverse("schemes:step_unmark", args=[w.scheme.pk, "training"]),
        only("coordinator", 302, 403),
    ),
    "benchmarks:benchmark_list": (
        "get",
        lambda w: reverse("benchmarks:benchmark_list"),
        expect(302, everyone_else=200),
    ),
    "benchmarks:benchmark_detail": (
        "get",
        lambda w: w.benchmark.get_absolute_url(),
        expect(302, everyone_else=200),
    ),
    "benchmarks:benchmark_export": (
        "get",
        lambda w: reverse("benchmarks:benchmark_export") + "?format=csv",
        # Only who may change a benchmark: the other programme's coordinator
        # has none of its own (language-learning is the world programme's).
        expect(302, coordinator=200, everyone_else=403),
    ),
    "benchmarks:benchmark_import": (
        "get",
        lambda w: reverse("benchmarks:benchmark_import"),
        # Only who may change a benchmark: the other programme's coordinator
        # has none of its own (language-learning is the world programme's).
        expect(302, coordinator=200, everyone_else=403),
    ),
    "schemes:scheme_assessments": (
        "get",
        lambda w: reverse("schemes:scheme_assessments", args=[w.scheme.pk]),
        expect(302, **dict.fromkeys(SCHEME_PEOPLE, 200), everyone_else=404),
    ),
    "schemes:assessment_start": (
        "post",
        lambda w: reverse("schemes:assessment_start", args=[w.scheme.pk]),
        # Only the city itself starts its assessment (the final round here:
        # the baseline exists already and is refused as a message + 302).
        expect(
            302,
            **{**dict.fromkeys(SCHEME_PEOPLE, 403), "mentee": 302},
            everyone_else=404,
        ),
        lambda w: {"city": w.mentee_city.pk, "round": "baseline"},
    ),
    "schemes:assessment_detail": (
        "get",
        lambda w: w.assessment.get_absolute_url(),
        # The mentee city's draft: its authors and the coordinators only.
        only("mentee", 200, 404, coordinator=200),
    ),
    "schemes:assessment_edit": (
        "get",
        lambda w: reverse("schemes:assessment_edit", args=[w.assessment.pk]),
        only("mentee", 200, 404, coordinator=403),
    ),
    "schemes:needs_analysis": (
        "get",
        lambda w: reverse("schemes:needs_analysis", args=[w.scheme.pk]),
        expect(302, **dict.fromkeys(SCHEME_PEOPLE, 200), everyone_else=404),
    ),
    "schemes:needs_analysis_edit": (
        "get",
        lambda w: reverse("schemes:needs_analysis_edit", args=[w.scheme.pk, "A"]),
        # A draft is shared with nobody but its authors and the coordinators.
        only("mentee", 200, 404, coordinator=403),
    ),
    "schemes:history": (
        "get",
        lambda w: reverse(
            "schemes:history", args=["needs-analysis", w.scheme.needs_analysis.pk]
        ),
        # A draft's history is as private as the draft (every type is walked
        # in tests/schemes/test_history.py).
        only("mentee", 200, 404, coordinator=200),
    ),
    "schemes:history_restore": (
        "post",
        lambda w: reverse(
            "schemes:history_restore",
            args=["needs-analysis", w.scheme.needs_analysis.pk],
        ),
        only("mentee", 302, 404, coordinator=403),
        lambda w: {"history_id": w.scheme.needs_analysis.history.latest().history_id},
    ),
    "schemes:mentor_profile": (
        "get",
        lambda w: reverse(
            "schemes:mentor_profile", args=[w.programme.slug, w.mentor_city.slug]
        ),
        expect(302, **dict.fromkeys(SCHEME_PEOPLE, 200), everyone_else=404),
    ),
    "schemes:mentor_profile_edit": (
        "get",
        lambda w: reverse(
            "schemes:mentor_profile_edit",
            args=[w.programme.slug, w.mentor_city.slug, "A"],
        ),
        only("mentor", 200, 404, coordinator=403),
    ),
    "schemes:support_group": (
        "get",
        lambda w: reverse("schemes:support_group", args=[w.scheme.pk, "jelgava"]),
        expect(302, **dict.fromkeys(SCHEME_PEOPLE, 200), everyone_else=404),
    ),
    "schemes:support_group_member_add": (
        "get",
        lambda w: reverse(
            "schemes:support_group_member_add", args=[w.scheme.pk, "jelgava"]
        ),
        only("mentee", 200, 403),
    ),
    "schemes:support_group_member_edit": (
        "get",
        lambda w: reverse(
            "schemes:support_group_member_edit",
            args=[w.scheme.pk, "jelgava", w.member.pk],
        ),
        only("mentee", 200, 403),
    ),
    "schemes:support_group_member_delete": (
        "post",
        lambda w: reverse(
            "schemes:support_group_member_delete",
            args=[w.scheme.pk, "jelgava", w.member.pk],
        ),
        only("mentee", 302, 403),
    ),
    "schemes:document_action": (
        "post",
        lambda w: reverse(
            "schemes:document_action",
            args=["needs-analysis", w.scheme.needs_analysis.pk, "submit"],
        ),
        # The mentee's incomplete draft: refused with a message (302).
        only("mentee", 302, 404, coordinator=403),
    ),
    "schemes:good_practice_list": (
        "get",
        lambda w: reverse("schemes:good_practice_list"),
        expect(302, everyone_else=200),
    ),
    "schemes:good_practice_create": (
        "get",
        lambda w: reverse("schemes:good_practice_create"),
        expect(302, **dict.fromkeys(CITY_PEOPLE, 200), everyone_else=403),
    ),
    "schemes:good_practice_detail": (
        "get",
        lambda w: w.public_practice.get_absolute_url(),
        expect(302, everyone_else=200),
    ),
    "schemes:good_practice_edit": (
        "get",
        lambda w: reverse("schemes:good_practice_edit", args=[w.draft_practice.pk]),
        only("mentor", 200, 404, coordinator=403),
    ),
    "schemes:good_practice_criteria": (
        "get",
        lambda w: reverse("schemes:good_practice_criteria", args=[w.draft_practice.pk]),
        only("mentor", 200, 404, coordinator=403),
    ),
    # Publishing in the public library: the practice's city only; whoever
    # reads the practice is refused (every signed-in user reads this one).
    "schemes:good_practice_publish": (
        "get",
        lambda w: reverse("schemes:good_practice_publish", args=[_approved(w).pk]),
        expect(302, mentor=200, everyone_else=403),
    ),
    "schemes:good_practice_withdraw": (
        "post",
        lambda w: reverse("schemes:good_practice_withdraw", args=[_approved(w).pk]),
        expect(302, mentor=302, everyone_else=403),
    ),
    "schemes:action_plan": (
        "get",
        lambda w: reverse("schemes:action_plan", args=[w.scheme.pk]),
        expect(302, **dict.fromkeys(SCHEME_PEOPLE, 200), everyone_else=404),
    ),
    # The plan is a draft (version 2): the page says so to the scheme's other
    # people, and its rows, PDF and history are its authors' and the
    # coordinators' (the frozen versions are everyone's in the scheme).
    "schemes:action_plan_pdf": (
        "get",
        lambda w: reverse("schemes:action_plan_pdf", args=[w.scheme.pk]),
        only("mentee", 200, 404, coordinator=200),
    ),
    "schemes:action_plan_row_add": (
        "post",
        lambda w: reverse("schemes:action_plan_row_add", args=[w.scheme.pk]),
        only("mentee", 302, 403),
        lambda w: {"action": "Another action"},
    ),
    "schemes:action_plan_row_detail": (
        "get",
        lambda w: reverse(
            "schemes:action_plan_row_detail", args=[w.scheme.pk, w.row.pk]
        ),
        only("mentee", 200, 404, coordinator=200),
    ),
    "schemes:action_plan_row_edit": (
        "get",
        lambda w: reverse("schemes:action_plan_row_edit", args=[w.scheme.pk, w.row.pk]),
        only("mentee", 200, 404, coordinator=403),
    ),
    "schemes:action_plan_row_delete": (
        "post",
        lambda w: reverse(
            "schemes:action_plan_row_delete", args=[w.scheme.pk, w.row.pk]
        ),
        only("mentee", 302, 404, coordinator=403),
    ),
    "schemes:action_plan_row_move": (
        "post",
        lambda w: reverse(
            "schemes:action_plan_row_move", args=[w.scheme.pk, w.row.pk, "down"]
        ),
        only("mentee", 302, 404, coordinator=403),
    ),
    "schemes:action_plan_row_status": (
        "post",
        lambda w: reverse(
            "schemes:action_plan_row_status", args=[w.scheme.pk, w.row.pk]
        ),
        # Implementation is tracked once the plan is approved; it is not yet.
        only("mentee", 403, 404, coordinator=403),
        lambda w: {"status": "in_progress"},
    ),
    "schemes:action_plan_row_note": (
        "post",
        lambda w: reverse("schemes:action_plan_row_note", args=[w.scheme.pk, w.row.pk]),
        only("mentee", 403, 404, coordinator=403),
        lambda w: {"date": "2026-01-15", "text": "Started"},
    ),
    "schemes:action_plan_version": (
        "get",
        lambda w: reverse("schemes:action_plan_version", args=[w.scheme.pk, 1]),
        expect(302, **dict.fromkeys(SCHEME_PEOPLE, 200), everyone_else=404),
    ),
    "schemes:action_plan_version_pdf": (
        "get",
        lambda w: reverse("schemes:action_plan_version_pdf", args=[w.scheme.pk, 1]),
        expect(302, **dict.fromkeys(SCHEME_PEOPLE, 200), everyone_else=404),
    ),
    "schemes:action_plan_action": (
        "post",
        lambda w: reverse("schemes:action_plan_action", args=[w.scheme.pk, "submit"]),
        only("mentee", 302, 403),
    ),
    "schemes:needs_analysis_pdf": (
        "get",
        lambda w: reverse("schemes:needs_analysis_pdf", args=[w.scheme.pk]),
        expect(302, **dict.fromkeys(SCHEME_PEOPLE, 200), everyone_else=404),
    ),
    "schemes:scheme_dossier_pdf": (
        "get",
        lambda w: reverse("schemes:scheme_dossier_pdf", args=[w.scheme.pk]),
        expect(302, **dict.fromkeys(SCHEME_PEOPLE, 200), everyone_else=404),
    ),
    "schemes:mentor_profile_pdf": (
        "get",
        lambda w: reverse(
            "schemes:mentor_profile_pdf", args=[w.programme.slug, w.mentor_city.slug]
        ),
        expect(302, **dict.fromkeys(SCHEME_PEOPLE, 200), everyone_else=404),
    ),
    "schemes:good_practice_pdf": (
        "get",
        lambda w: reverse("schemes:good_practice_pdf", args=[w.public_practice.pk]),
        expect(302, everyone_else=200),
    ),
    "schemes:visit_add": (
        "post",
        lambda w: reverse("schemes:visit_add", args=[w.scheme.pk]),
        # The two cities and the coordinators organise visits.
        organisers(302),
    ),
    "schemes:visit_detail": (
        "get",
        lambda w: w.scheme.visits.first().get_absolute_url(),
        expect(302, **dict.fromkeys(SCHEME_PEOPLE, 200), everyone_else=404),
    ),
    "schemes:visit_edit": (
        "get",
        lambda w: reverse(
            "schemes:visit_edit", args=[w.scheme.pk, w.scheme.visits.first().pk]
        ),
        organisers(200),
    ),
    "schemes:visit_delete": (
        "post",
        lambda w: reverse(
            "schemes:visit_delete", args=[w.scheme.pk, w.scheme.visits.first().pk]
        ),
        organisers(302),
    ),
    "schemes:visit_move": (
        "post",
        lambda w: reverse(
            "schemes:visit_move", args=[w.scheme.pk, w.scheme.visits.first().pk, "down"]
        ),
        organisers(302),
    ),
    "schemes:visit_pdf": (
        "get",
        lambda w: reverse(
            "schemes:visit_pdf", args=[w.scheme.pk, w.scheme.visits.first().pk]
        ),
        expect(302, **dict.fromkeys(SCHEME_PEOPLE, 200), everyone_else=404),
    ),
    "schemes:assessment_pdf": (
        "get",
        lambda w: reverse("schemes:assessment_pdf", args=[w.assessment.pk]),
        only("mentee", 200, 404, coordinator=200),
    ),
    # The scope: written and agreed by the two cities; its draft is theirs
    # and the coordinators' (the associations read the page's "not shared").
    "schemes:scope": (
        "get",
        _scheme_url("scope"),
        expect(302, **dict.fromkeys(SCHEME_PEOPLE, 200), everyone_else=404),
    ),
    "schemes:scope_edit": (
        "get",
        _scheme_url("scope_edit"),
        only("mentee", 200, 404, coordinator=403, mentor=200),
    ),
    # The mentee city's side: its people only (the empty scope is refused
    # with a message, a 302).
    "schemes:scope_agree": (
        "post",
        _scheme_url("scope_agree"),
        only("mentee", 302, 404, coordinator=403, mentor=403),
        lambda w: {"side": "mentee"},
    ),
    "schemes:scope_pdf": (
        "get",
        _scheme_url("scope_pdf"),
        only("mentee", 200, 404, coordinator=200, mentor=200),
    ),
    # The review report and the strategy, started (the draft of the mentee
    # city and the scheme's technical partner, reviewed by the coordinators).
    **{
        f"schemes:{name}{suffix}": ("get", _started(name, suffix), expected)
        for name in ("review_report", "strategy")
        for suffix, expected in (
            ("", expect(302, **dict.fromkeys(SCHEME_PEOPLE, 200), everyone_else=404)),
            ("_edit", only("mentee", 200, 404, coordinator=403, partner=200)),
            ("_pdf", only("mentee", 200, 404, coordinator=200, partner=200)),
        )
    },
    # Not started yet: the city or the coordinators start it.
    **{
        f"schemes:{name}_start": (
            "post",
            _scheme_url(f"{name}_start"),
            only("mentee", 302, 403, coordinator=302),
        )
        for name in ("review_report", "strategy")
    },
    "notification_settings": (
        "get",
        lambda w: reverse("notification_settings"),
        expect(302, everyone_else=200),
    ),
    "invitation_accept": (
        "get",
        lambda w: reverse("invitation_accept", args=["not-a-token"]),
        _all(404),
    ),
    "schemes:programme_create": (
        "get",
        lambda w: reverse("schemes:programme_create"),
        expect(302, coordinator=200, other_coordinator=200, everyone_else=403),
    ),
    **{
        f"schemes:{name}": (
            "get",
            (lambda n: lambda w: reverse(f"schemes:{n}", args=[w.programme.slug]))(
                name
            ),
            coordinators_only(200),
        )
        for name in [
            "organisation_add",
            "invitation_create",
            "scheme_create",
            "dashboard",
            "matching",
            "matching_all",
            "data",
            "programme_process",
            "programme_texts",
        ]
    },
    # The programme's process: its coordinators adapt it.
    "schemes:programme_process_apply": (
        "post",
        lambda w: reverse("schemes:programme_process_apply", args=[w.programme.slug]),
        coordinators_only(302),
        lambda w: {"process": "assessment"},
    ),
    "schemes:phase_edit": (
        "post",
        lambda w: reverse(
            "schemes:phase_edit", args=[w.programme.slug, stored_phase(w).pk]
        ),
        coordinators_only(302),
        lambda w: {
            f"phase-{stored_phase(w).pk}-name": "Training days",
            f"phase-{stored_phase(w).pk}-rule": "training",
        },
    ),
    "schemes:phase_delete": (
        "post",
        lambda w: reverse(
            "schemes:phase_delete", args=[w.programme.slug, stored_phase(w).pk]
        ),
        coordinators_only(302),
    ),
    "schemes:phase_move": (
        "post",
        lambda w: reverse(
            "schemes:phase_move", args=[w.programme.slug, stored_phase(w).pk, "up"]
        ),
        coordinators_only(302),
    ),
    "schemes:data_export": (
        "get",
        lambda w: reverse("schemes:data_export", args=[w.programme.slug, "people"]),
        coordinators_only(200),
    ),
    "schemes:data_import": (
        "get",
        lambda w: reverse("schemes:data_import", args=[w.programme.slug, "people"]),
        coordinators_only(200),
    ),
    # Partners: attached, changed and detached by the programme's coordinators.
    "schemes:partner_list": (
        "get",
        lambda w: reverse("schemes:partner_list", args=[w.programme.slug]),
        coordinators_only(200),
    ),
    "schemes:partner_edit": (
        "get",
        lambda w: reverse(
            "schemes:partner_edit", args=[w.programme.slug, w.partner.pk]
        ),
        coordinators_only(200),
    ),
    "schemes:partner_detach": (
        "post",
        lambda w: reverse(
            "schemes:partner_detach", args=[w.programme.slug, w.partner.pk]
        ),
        coordinators_only(302),
    ),
    "schemes:assessment_submit": (
        "post",
        lambda w: reverse("schemes:assessment_submit", args=[w.assessment.pk]),
        only("mentee", 302, 404, coordinator=403),
    ),
}

# The admin has its own permission system (is_staff); it is tested in
# tests/incluportal/test_admin.py rather than URL by URL here.
EXCLUDED_NAMESPACES = {"admin"}


def named_patterns(resolver=None, namespace=None):
    """(name, pattern) of every named URL of the project but the admin's
    (also walked anonymously by tests/public/test_anonymous_walk.py)."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or namespace
            if ns in EXCLUDED_NAMESPACES:
                continue
            full_ns = (
                f"{namespace}:{pattern.namespace}"
                if namespace and pattern.namespace
                else ns
            )
            yield from named_patterns(pattern, full_ns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield (
                (f"{namespace}:{pattern.name}" if namespace else pattern.name),
                pattern,
            )


def _named_urls():
    return [name for name, _pattern in named_patterns()]


def test_every_url_is_declared():
    undeclared = sorted(set(_named_urls()) - set(MATRIX))
    assert undeclared == [], f"add these URLs to the permission MATRIX: {undeclared}"


def test_matrix_has_no_stale_entries():
    assert sorted(set(MATRIX) - set(_named_urls())) == []


CASES = [(name, persona) for name in MATRIX for persona in PERSONAS]


@pytest.mark.parametrize(("url_name", "persona"), CASES)
def test_permission_matrix(url_name, persona, world, client_for):
    method, build, expected, *data = MATRIX[url_name]
    url = build(world)
    payload = data[0](world) if data else {}
    response = getattr(client_for(persona), method)(url, payload)
    assert response.status_code == expected[persona], (
        f"{persona} {method.upper()} {url}: {response.status_code}, "
        f"expected {expected[persona]}"
    )
    public = url_name.split(":")[0] in ("public", "public_root")
    signing_in = not public
    if (
        persona == "anonymous"
        and expected[persona] == 302
        and method == "get"
        and signing_in
    ):
        assert response.url.startswith(reverse("login")), response.url
    if public and response.status_code in (200, 302):
        # The public face, its pages and the redirect to a city page's
        # language alike: cacheable, the same for everyone.
        assert public_cache(response), response.get("Cache-Control")
        return
    # Pages, PDFs, exports, redirects and refusals alike: kept by no browser
    # or proxy (incluportal/middleware.py).
    assert no_store(response), f"{url}: Cache-Control {response.get('Cache-Control')}"


def public_cache(response):
    """Whether a public page may be kept by any cache and varies on nothing
    personal (schemes.public.http.public_page)."""
    directives = {
        part.strip().split("=")[0].lower()
        for part in response.get("Cache-Control", "").split(",")
    }
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",")}
    return (
        "public" in directives
        and "max-age" in directives
        and not directives & {"private", "no-store"}
        and "cookie" not in vary
        and not response.cookies
    )


def no_store(response):
    """Whether the answer is ``Cache-Control: private, no-store``."""
    directives = {
        part.strip().split("=")[0].lower()
        for part in response.get("Cache-Control", "").split(",")
    }
    return {"private", "no-store"} <= directives and "public" not in directives


# --- Drafts -------------------------------------------------------------------
# A draft is seen by its authors and the coordinators; once submitted, by
# everyone taking part in the scheme. Each document kind is written with a
# marker text, then every place that shows it is read by each of the scheme's
# people, before and after it is shared. A "status" read answers 404 to those
# the draft is not shared with; a "text" read (a page or PDF that shows
# several documents) answers 200 without the draft's text; a "submitted" read
# shows the document to no one until it is submitted (the dossier holds the
# submitted self-assessments only).
# Visits and the local support groups have no draft: they are shared working
# documents (tests/schemes/test_visits.py, tests/schemes/test_support_group.py).


def _plan_draft(w):
    # An action added at a visit shows on the visit too.
    w.row.added_at_visit = w.scheme.visits.first()
    w.row.save()
    return "Evening courses"


def _plan_share(w):
    plan = w.scheme.action_plan
    type(plan).objects.filter(pk=plan.pk).update(status="submitted")


def _assessment_draft(w):
    w.assessment.ratings.update(note="Secret self-rating note")
    return "Secret self-rating note"


def _assessment_share(w):
    type(w.assessment).objects.filter(pk=w.assessment.pk).update(status="submitted")


def _write(get_document, field, text):
    def draft(w):
        document = get_document(w)
        type(document).objects.filter(pk=document.pk).update(**{field: text})
        return text

    return draft


def _submit(get_document, **more):
    def share(w):
        document = get_document(w)
        type(document).objects.filter(pk=document.pk).update(status="submitted", **more)

    return share


def _agree(get_scope):
    def share(w):
        scope = get_scope(w)
        type(scope).objects.filter(pk=scope.pk).update(status="agreed")

    return share


def _national(w):
    from schemes.models import NationalContext

    return NationalContext.objects.get(programme=w.programme, city=w.mentee_city)


def _profile(w):
    from schemes.models import MentorProfile

    return MentorProfile.objects.get_or_create(
        programme=w.programme, city=w.mentor_city
    )[0]


def _needs(w):
    return w.scheme.needs_analysis


def _scope(w):
    return w.scheme.scope


def _report(name):
    def get(w):
        from schemes.work.models.city_reports import ReviewReport, Strategy

        model = {"review_report": ReviewReport, "strategy": Strategy}[name]
        return model.objects.get_or_create(scheme=w.scheme)[0]

    return get


def _history(doc_type, get_document):
    return lambda w: reverse("schemes:history", args=[doc_type, get_document(w).pk])


def _visit_url(name):
    return lambda w: reverse(
        f"schemes:{name}", args=[w.scheme.pk, w.scheme.visits.first().pk]
    )


def _mentor_url(name):
    return lambda w: reverse(
        f"schemes:{name}", args=[w.programme.slug, w.mentor_city.slug]
    )


# kind (its key in the registry, incluportal.documents) -> (its authors, write
# the draft (returns its marker), share it, reads)
DRAFTS = {
    "action-plan": (
        {"mentee"},
        _plan_draft,
        _plan_share,
        [
            ("text", _scheme_url("action_plan")),
            (
                "status",
                lambda w: reverse(
                    "schemes:action_plan_row_detail", args=[w.scheme.pk, w.row.pk]
                ),
            ),
            ("status", _scheme_url("action_plan_pdf")),
            ("status", _history("action-plan", lambda w: w.scheme.action_plan)),
            ("text", _scheme_url("scheme_dossier_pdf")),
            ("text", _visit_url("visit_detail")),
            ("text", _visit_url("visit_pdf")),
        ],
    ),  # fmt: skip
    "self-assessment": (
        {"mentee"},
        _assessment_draft,
        _assessment_share,
        [
            ("status", lambda w: w.assessment.get_absolute_url()),
            (
                "status",
                lambda w: reverse("schemes:assessment_pdf", args=[w.assessment.pk]),
            ),
            ("status", _history("self-assessment", lambda w: w.assessment)),
            ("submitted", _scheme_url("scheme_dossier_pdf")),
        ],
    ),  # fmt: skip
    "needs-analysis": (
        {"mentee"},
        _write(_needs, "challenges", "Secret needs draft"),
        _submit(_needs),
        [
            ("text", _scheme_url("needs_analysis")),
            ("text", _scheme_url("needs_analysis_pdf")),
            ("text", _scheme_url("scheme_dossier_pdf")),
            ("status", _history("needs-analysis", _needs)),
        ],
    ),
    "national-context": (
        {"association"},
        _write(_national, "typicality", "Secret context draft"),
        _submit(_national),
        [
            ("text", _scheme_url("needs_analysis")),
            ("text", _scheme_url("needs_analysis_pdf")),
            ("status", _history("national-context", _national)),
        ],
    ),
    "mentor-profile": (
        {"mentor"},
        _write(_profile, "experience_areas", "Secret profile draft"),
        _submit(_profile),
        [
            ("text", _mentor_url("mentor_profile")),
            ("text", _mentor_url("mentor_profile_pdf")),
            ("text", _scheme_url("scheme_dossier_pdf")),
            ("status", _history("mentor-profile", _profile)),
        ],
    ),
    "good-practice": (
        {"mentor"},
        lambda w: "Draft idea",
        _submit(lambda w: w.draft_practice, is_public=True),
        [
            ("status", lambda w: w.draft_practice.get_absolute_url()),
            (
                "status",
                lambda w: reverse(
                    "schemes:good_practice_pdf", args=[w.draft_practice.pk]
                ),
            ),
            ("status", _history("good-practice", lambda w: w.draft_practice)),
        ],
    ),  # fmt: skip
    "scope": (
        {"mentee", "mentor"},
        _write(_scope, "questions", "Secret scope question"),
        _agree(_scope),
        [
            ("text", _scheme_url("scope")),
            ("status", _scheme_url("scope_pdf")),
            ("status", _history("scope", _scope)),
            ("text", _scheme_url("scheme_dossier_pdf")),
        ],
    ),
    # Written by the city with the scheme's technical partner.
    **{
        kind: (
            {"mentee", "partner"},
            _write(_report(name), field, f"Secret {kind} draft"),
            _submit(_report(name)),
            [
                ("text", _scheme_url(name)),
                ("status", _scheme_url(f"{name}_pdf")),
                ("status", _history(kind, _report(name))),
                ("text", _scheme_url("scheme_dossier_pdf")),
            ],
        )
        for kind, name, field in (
            ("review-report", "review_report", "strengths"),
            ("strategy", "strategy", "vision"),
        )
    },
}

# Kinds without a draft, shared by the whole scheme from the start -> their page
# in MATRIX.
NO_DRAFT = {
    "visit": "schemes:visit_detail",
    "support-member": "schemes:support_group",
}


def test_every_document_kind_is_audited():
    from incluportal.documents import kinds

    assert {kind.key for kind in kinds()} == set(DRAFTS) | set(NO_DRAFT)
    assert set(DRAFTS).isdisjoint(NO_DRAFT)
    for url_name in NO_DRAFT.values():
        assert url_name in MATRIX, url_name
    for kind in kinds():
        # Its PDF download, if it has one, is in the URL audit too.
        assert kind.export is None or kind.export in MATRIX, kind.key


DRAFT_CASES = [
    (kind, index) for kind, (*_, reads) in DRAFTS.items() for index in range(len(reads))
]


def _shows(response, marker):
    if response["Content-Type"] == "application/pdf":
        import io

        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(response.content))
        text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
        return marker in text
    return marker in response.content.decode()


@pytest.mark.parametrize(("kind", "index"), DRAFT_CASES)
def test_a_draft_is_seen_by_its_authors_and_the_coordinators_only(
    kind, index, world, client_for
):
    authors, write, share, reads = DRAFTS[kind]
    mode, build = reads[index]
    marker = write(world)
    url = build(world)
    for shared in (False, True):
        if shared:
            share(world)
        for persona in SCHEME_PEOPLE:
            sees = shared or (
                mode != "submitted" and persona in authors | {"coordinator"}
            )
            response = client_for(persona).get(url)
            where = f"{persona} {url} ({'shared' if shared else 'draft'})"
            if mode == "status":
                assert response.status_code == (200 if sees else 404), where
                continue
            assert response.status_code == 200, where
            assert _shows(response, marker) == sees, where
