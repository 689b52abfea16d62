"""The demo looks like the real thing (issue 22, point 17): what it marks
approved is complete, every scheme has content, and its dates follow each
other. Relations between dates are checked, never today's date."""

import pytest
from django.core.management import call_command
from post_office.models import Email

from incluportal.documents import kinds
from schemes.models import (
    ActionPlan,
    CityGuide,
    GoodPractice,
    GuideEntry,
    GuidePublication,
    NeedsAnalysis,
    PublishedPractice,
    Scheme,
    Visit,
)
from schemes.public.presenting import complete_languages

pytestmark = pytest.mark.django_db

JELGAVA = "jelgava-schaerbeek"  # the journeys write its documents themselves


@pytest.fixture
def demo():
    call_command("load_demo")


def _approved():
    """Every approved document whose kind counts its answers."""
    for kind in kinds():
        if hasattr(kind.model, "completeness"):
            yield from kind.model.objects.filter(status="approved")


def test_every_approved_document_answers_every_required_question(demo):
    approved = list(_approved())
    assert len(approved) >= 10
    for document in approved:
        answered, required = document.completeness()
        assert answered == required, (document, answered, required)


def test_an_approved_action_plan_is_complete_and_decided_after_its_version(demo):
    plans = ActionPlan.objects.filter(status="approved")
    assert plans.exists()
    for plan in plans:
        rows = list(plan.rows.all())
        assert rows and all(
            r.action and r.leads and r.start and r.end and r.start <= r.end
            for r in rows
        )
        version = plan.versions.get(number=plan.version, status="approved")
        last_visit = plan.scheme.visits.exclude(end_date=None).order_by("-order")[0]
        # Consolidated at the last visit, sent to the council, decided after.
        assert last_visit.end_date < version.frozen_at.date() <= version.decision_date
        assert version.decision_reference
        assert version.decision_date <= min(r.start for r in rows)
        # Its PDF dates the plan by its last save: not after the decision.
        assert plan.updated_at.date() <= version.decision_date


def test_every_other_scheme_of_inclucities_has_real_content(demo):
    schemes = Scheme.objects.filter(programme__slug="inclucities").exclude(slug=JELGAVA)
    assert schemes.count() == 4
    for scheme in schemes:
        needs = scheme.needs_analysis
        assert needs.status == "approved", scheme
        assert len(needs.challenges) > 100 and needs.population
        visits = list(scheme.visits.order_by("order"))
        assert visits and all(v.start_date and v.place for v in visits), scheme
        # A visit held is reported: what it answered, what came of it, who came.
        for visit in visits:
            assert visit.questions_answered and visit.outcomes, visit
            assert visit.team_participants.exists(), visit


def test_schaerbeek_shares_the_benchmarks_good_practices(demo):
    practices = GoodPractice.objects.filter(
        city__slug="schaerbeek", status="approved", is_public=True
    )
    titles = set(practices.values_list("title", flat=True))
    assert "CAMIM — House of Immersion" in titles
    assert any("Brulingua" in title for title in titles)
    assert all(p.key_factors.exists() and p.themes.exists() for p in practices)


def test_the_dates_of_the_demo_follow_each_other(demo):
    for needs in NeedsAnalysis.objects.exclude(submitted_at=None):
        scheme = needs.scheme
        assert needs.submitted_at <= needs.reviewed_at
        assert scheme.start_date <= needs.submitted_at.date()
        visits = list(
            Visit.objects.filter(scheme=scheme)
            .exclude(start_date=None)
            .order_by("order")
        )
        # The needs analysis comes first, then the visits one after another,
        # all within the scheme's period.
        previous_end = needs.reviewed_at.date()
        for visit in visits:
            assert previous_end < visit.start_date <= visit.end_date, visit
            previous_end = visit.end_date
        assert scheme.end_date is None or previous_end <= scheme.end_date
    for practice in GoodPractice.objects.filter(status="approved"):
        assert practice.submitted_at <= practice.reviewed_at
        assert practice.start_year <= practice.reviewed_at.year


def _public_state():
    return (
        list(CityGuide.objects.values_list("pk", "revision", "current_id")),
        list(GuideEntry.objects.values_list("pk", "title")),
        list(GuidePublication.objects.values_list("pk", "published_at")),
        list(PublishedPractice.objects.values_list("pk", "published_at")),
    )


def test_loading_the_demo_again_changes_nothing_and_sends_nothing(demo):
    before = (GoodPractice.objects.count(), Visit.objects.count())
    dates = list(NeedsAnalysis.objects.values_list("pk", "reviewed_at"))
    public = _public_state()
    call_command("load_demo")
    assert (GoodPractice.objects.count(), Visit.objects.count()) == before
    assert list(NeedsAnalysis.objects.values_list("pk", "reviewed_at")) == dates
    # The pages are not published again, their services not doubled.
    assert _public_state() == public
    assert not Email.objects.exists()


# (city, its page's languages in order, a service's name in each of them)
PAGES = [
    (
        "jelgava",
        {
            "lv": "Latviešu valodas kursi pieaugušajiem",
            "en": "Latvian language courses for adults",
            "uk": "Курси латиської мови для дорослих",
            "ru": "Курсы латышского языка для взрослых",
        },
    ),
    (
        "schaerbeek",
        {
            "fr": "Cours de français et d&#x27;alphabétisation",
            "en": "French and literacy courses",
            "nl": "Lessen Frans en alfabetisering",
            "ar": "دروس اللغة الفرنسية ومحو الأمية",
        },
    ),
]


@pytest.mark.parametrize(("slug", "names"), PAGES)
def test_the_demo_publishes_each_citys_page_in_its_languages(demo, client, slug, names):
    guide = CityGuide.objects.get(city__slug=slug)
    publication = guide.current
    assert publication is not None and publication.number == 1
    assert publication.languages == list(names)
    # Every service is written in every language of its page: no fallback.
    for entry in publication.content["entries"]:
        assert complete_languages(entry, publication.languages) == list(names)
    categories = {e["category"] for e in publication.content["entries"]}
    assert {"first-steps", "language", "legal", "emergency"} <= categories
    emergency = [e for e in publication.content["entries"] if e["phone"] == "112"]
    assert [e["category"] for e in emergency] == ["emergency"]

    response = client.get(f"/public/cities/{slug}/")
    assert response.status_code == 302
    assert response["Location"] == f"/public/cities/{slug}/{list(names)[0]}/"
    for language, name in names.items():
        response = client.get(f"/public/cities/{slug}/{language}/")
        assert response.status_code == 200, language
        assert response["Content-Language"] == language
        html = response.content.decode()
        assert name in html, language
        direction = "rtl" if language == "ar" else "ltr"
        assert f'lang="{language}" dir="{direction}"' in html, language
    other = "ar" if slug == "jelgava" else "uk"
    assert client.get(f"/public/cities/{slug}/{other}/").status_code == 404


def test_jelgavas_page_tells_of_its_language_courses_and_information_point(demo):
    content = CityGuide.objects.get(city__slug="jelgava").current.content
    titles = [e["title"]["lv"] for e in content["entries"]]
    assert "Informācijas punkts iebraucējiem" in titles
    assert "Latviešu valodas kursi pieaugušajiem" in titles
    assert content["intro"]["uk"].startswith("Тут ви знайдете послуги")


def test_the_demo_publishes_two_good_practices_in_the_public_library(demo, client):
    published = list(PublishedPractice.objects.order_by("title"))
    assert [p.title for p in published] == [
        "CAMIM — House of Immersion",
        "One public list of French and literacy courses",
    ]
    library = client.get("/public/good-practices/").content.decode()
    for copy in published:
        practice = copy.practice
        assert practice.status == "approved" and copy.city.slug == "schaerbeek"
        assert set(copy.themes.all()) == set(practice.themes.all())
        assert set(copy.key_factors.all()) == set(practice.key_factors.all())
        assert copy.content["parts"][0]["text"] == practice.location
        assert copy.search_text == copy.search_text.lower()
        assert copy.get_absolute_url() in library
        page = client.get(copy.get_absolute_url())
        assert page.status_code == 200
        assert copy.title in page.content.decode()
    camim = published[0]
    assert "camim" in camim.search_text and "—" in camim.search_text
    assert "schaerbeek" in camim.search_text
    # The contact (a person and their position) stays inside the portal.
    assert camim.practice.contact
    assert camim.practice.contact not in str(camim.content)
