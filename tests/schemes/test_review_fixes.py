"""Problems found by reading the portal as its users do."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from schemes import services
from schemes.models import GoodPractice

pytestmark = pytest.mark.django_db


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


def test_a_good_practice_needs_a_name_and_an_untitled_one_still_shows(
    world, client_for
):
    client = client_for("mentee")
    response = client.post(reverse("schemes:good_practice_create"), {})
    assert response.status_code == 200
    assert not GoodPractice.objects.filter(city=world.mentee_city).exists()
    untitled = GoodPractice.objects.create(city=world.mentee_city)
    assert str(untitled) == "Untitled good practice"
    assert client.get(untitled.get_absolute_url()).status_code == 200
    assert client.get(reverse("schemes:good_practice_list")).status_code == 200


def test_a_council_decision_cannot_be_dated_in_the_future(frozen_day, world):
    plan = world.scheme.action_plan
    services.action_plan_submit(plan=plan, by=world.users["mentee"])
    with pytest.raises(ValidationError, match="future"):
        services.action_plan_approve(
            plan=plan,
            by=world.users["coordinator"],
            decision_date=frozen_day + datetime.timedelta(days=1),
            decision_reference="7/12",
        )


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


def test_default_visit_texts_follow_the_readers_language(world, client_for):
    client = client_for("mentee")
    client.post(reverse("set_language"), {"language": "lv"})
    html = client.get(world.scheme.get_absolute_url()).content.decode()
    assert "Iedvesma: mentora pilsētas prakse" in html
    visit = world.scheme.visits.get(order=1)
    html = client.get(visit.get_absolute_url()).content.decode()
    assert "Mentora pilsētas labās prakses prezentācija" in html


def test_a_changed_visit_text_stays_as_written(world):
    visit = world.scheme.visits.get(order=2)
    visit.purpose = "Brussels study tour"
    assert visit.display_purpose == "Brussels study tour"
