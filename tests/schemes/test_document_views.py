import pytest
from django.urls import reverse

from schemes import services
from schemes.models import DocumentStatus
from schemes.work.annexes import NEEDS_ANALYSIS
from tests.schemes.test_document_workflow import _complete

pytestmark = pytest.mark.django_db


def _url(world, part="A"):
    return reverse("schemes:needs_analysis_edit", args=[world.scheme.pk, part])


def test_the_mentee_sees_every_part_a_and_b_question(world, client_for):
    client = client_for("mentee")
    for key, part in zip("AB", NEEDS_ANALYSIS.parts[:2], strict=True):
        html = client.get(_url(world, key)).content.decode()
        for f in part.fields:
            assert str(f.label) in html.replace("&#x27;", "'"), f.id


def test_the_questions_are_shown_in_latvian(world, client_for):
    client = client_for("mentee")
    client.post(reverse("set_language"), {"language": "lv"})
    html = client.get(_url(world)).content.decode()
    assert "Kādus savas pilsētas izaicinājumus/problēmas/vajadzības" in html


def test_saving_a_part_keeps_the_answers(world, client_for):
    client = client_for("mentee")
    response = client.post(
        _url(world, "B"),
        {
            "migration_trends": "Growing since 2022",
            "population": "55000",
            "municipal_budget": "120000000.50",
            "municipal_budget_currency": "EUR",
            "local_sensitive_issues": ["funding", "public_attitudes"],
        },
    )
    assert response.status_code == 302
    needs = world.scheme.needs_analysis
    needs.refresh_from_db()
    assert needs.population == 55000
    assert needs.local_sensitive_issues == ["funding", "public_attitudes"]
    html = client.get(response.url).content.decode()
    assert "55,000" in html or "55 000" in html
    assert "Funding and budget issues" in html


def test_bad_input_is_a_form_error_and_writes_nothing(world, client_for):
    client = client_for("mentee")
    response = client.post(
        _url(world, "B"),
        {
            "migration_trends": "Kept?",
            "population": "-5",
            "local_sensitive_issues": ["nonsense"],
        },
    )
    assert response.status_code == 200
    assert "nothing was saved" in response.content.decode()
    world.scheme.needs_analysis.refresh_from_db()
    assert world.scheme.needs_analysis.migration_trends == ""


def test_the_association_writes_part_c_but_not_part_a(world, client_for):
    client = client_for("association")
    assert client.get(_url(world, "C")).status_code == 200
    response = client.post(_url(world, "C"), {"typicality": "Quite typical"})
    assert response.status_code == 302
    assert client.get(_url(world, "A")).status_code == 404
    assert client.post(_url(world, "A"), {"challenges": "x"}).status_code == 404


def test_the_mentor_reads_the_submitted_analysis_but_cannot_edit(world, client_for):
    needs = world.scheme.needs_analysis
    _complete(needs, world.users["mentee"])
    mentor = client_for("mentor")
    page = reverse("schemes:needs_analysis", args=[world.scheme.pk])
    assert "Answer to NA-A1" not in mentor.get(page).content.decode()  # a draft
    client_for("mentee").post(
        reverse("schemes:document_action", args=["needs-analysis", needs.pk, "submit"]),
        {"next": page},
    )
    needs.refresh_from_db()
    assert needs.status == DocumentStatus.SUBMITTED
    mentor = client_for("mentor")
    html = mentor.get(page).content.decode()
    assert "Answer to NA-A1" in html
    assert "Edit this part" not in html
    assert mentor.post(_url(world), {"challenges": "overwrite"}).status_code == 403
    needs.refresh_from_db()
    assert needs.challenges == "Answer to NA-A1"


def test_a_submitted_document_sends_its_author_back_to_the_page(world, client_for):
    needs = world.scheme.needs_analysis
    _complete(needs, world.users["mentee"])
    client = client_for("mentee")
    client.post(
        reverse("schemes:document_action", args=["needs-analysis", needs.pk, "submit"])
    )
    response = client.post(_url(world), {"challenges": "late change"})
    assert response.status_code == 302
    needs.refresh_from_db()
    assert needs.challenges == "Answer to NA-A1"


def test_the_coordinator_returns_with_a_comment_the_author_sees(world, client_for):
    needs = world.scheme.needs_analysis
    _complete(needs, world.users["mentee"])
    action = "schemes:document_action"
    client_for("mentee").post(
        reverse(action, args=["needs-analysis", needs.pk, "submit"])
    )
    client_for("coordinator").post(
        reverse(action, args=["needs-analysis", needs.pk, "return"]),
        {"comment": "Please add the 2023 figures"},
    )
    page = reverse("schemes:needs_analysis", args=[world.scheme.pk])
    html = client_for("mentee").get(page).content.decode()
    assert "Please add the 2023 figures" in html
    assert "Edit this part" in html


def test_an_unsafe_next_address_is_ignored(world, client_for):
    needs = world.scheme.needs_analysis
    response = client_for("mentee").post(
        reverse("schemes:document_action", args=["needs-analysis", needs.pk, "submit"]),
        {"next": "https://evil.example/"},
    )
    assert response.url == "/"


def test_the_scheme_page_shows_progress_and_completeness(world, client_for):
    needs = world.scheme.needs_analysis
    _complete(needs, world.users["mentee"])
    html = client_for("mentee").get(world.scheme.get_absolute_url()).content.decode()
    assert 'aria-current="step"' in html
    assert "100% complete" in html


def test_the_mentor_profile_links_key_factors_and_practices(world, client_for):
    client = client_for("mentor")
    url = reverse(
        "schemes:mentor_profile_edit",
        args=[world.programme.slug, world.mentor_city.slug, "A"],
    )
    kf = world.benchmark.key_factors.get(number=2)
    response = client.post(
        url,
        {
            "experience_areas": "Language cafés",
            "key_factors": [kf.pk],
            "good_practices": [world.draft_practice.pk],
        },
    )
    assert response.status_code == 302
    html = client.get(response.url).content.decode()
    assert str(kf) in html and "Draft idea" in html
    assert "Mentors facilitate, they do not direct." in html  # Annex 1 guidance


def test_a_practice_of_another_city_cannot_be_linked(world, client_for):
    client = client_for("mentor")
    url = reverse(
        "schemes:mentor_profile_edit",
        args=[world.programme.slug, world.mentor_city.slug, "A"],
    )
    from schemes.models import GoodPractice

    foreign = GoodPractice.objects.create(city=world.mentee_city, title="Not yours")
    response = client.post(
        url, {"experience_areas": "x", "good_practices": [foreign.pk]}
    )
    assert response.status_code == 200
    assert not world.mentor_city.mentor_profiles.get().good_practices.exists()


@pytest.mark.parametrize("next_url", ["0", "logout", "password_change"])
def test_a_bare_word_as_next_address_goes_home(world, client_for, next_url):
    """redirect() took a bare word for a view's name: NoReverseMatch, a 500."""
    needs = world.scheme.needs_analysis
    response = client_for("mentee").post(
        reverse("schemes:document_action", args=["needs-analysis", needs.pk, "submit"]),
        {"next": next_url},
    )
    assert response.status_code == 302
    assert response.url == "/"


def test_a_comment_with_a_null_character_is_refused_with_a_message(world, client_for):
    """PostgreSQL cannot store it: the return was a 500 there."""
    needs = world.scheme.needs_analysis
    _complete(needs, world.users["mentee"])
    action = "schemes:document_action"
    client_for("mentee").post(
        reverse(action, args=["needs-analysis", needs.pk, "submit"])
    )
    response = client_for("coordinator").post(
        reverse(action, args=["needs-analysis", needs.pk, "return"]),
        {"comment": "Add\x00 figures"},
        follow=True,
    )
    assert "null character" in response.content.decode()
    needs.refresh_from_db()
    assert needs.status == DocumentStatus.SUBMITTED


def test_answers_show_as_paragraphs_with_user_html_escaped_once(world, client_for):
    services.document_save(
        document=world.scheme.needs_analysis,
        values={"challenges": "First line\n\n<b>bold?</b> & more"},
        by=world.users["mentee"],
    )
    html = (
        client_for("mentee")
        .get(reverse("schemes:needs_analysis", args=[world.scheme.pk]))
        .content.decode()
    )
    assert "<p>First line</p>" in html
    assert "<p>&lt;b&gt;bold?&lt;/b&gt; &amp; more</p>" in html
    assert "&lt;p&gt;" not in html


def test_other_in_the_tick_list_needs_an_explanation(world, client_for):
    url = reverse("schemes:needs_analysis_edit", args=[world.scheme.pk, "B"])
    response = client_for("mentee").post(url, {"local_sensitive_issues": ["other"]})
    assert response.status_code == 200
    assert "Explain what “other” means here." in response.content.decode()


def test_a_huge_number_gets_a_plain_message(world, client_for):
    url = reverse("schemes:needs_analysis_edit", args=[world.scheme.pk, "B"])
    response = client_for("mentee").post(
        url, {"migrant_population": "99999999999999999999"}
    )
    assert "no larger than 100,000,000" in response.content.decode()
