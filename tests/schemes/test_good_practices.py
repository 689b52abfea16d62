import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from schemes.models import GoodPractice, GoodPracticeCriterion
from schemes.work.annexes import GOOD_PRACTICE_PART
from tests import factories

pytestmark = pytest.mark.django_db

LIST = "schemes:good_practice_list"


def _practice(city, name, status="submitted", public=True, **answers):
    return GoodPractice.objects.create(
        city=city, title=name, status=status, is_public=public, **answers
    )


def test_search_finds_words_in_name_and_description(world, client_for):
    _practice(
        world.mentor_city,
        "Buddy scheme",
        description="Volunteers meet newcomers weekly",
    )
    _practice(world.mentee_city, "Evening courses", description="Latvian for adults")
    client = client_for("other_programme")
    html = client.get(reverse(LIST), {"q": "volunteers"}).content.decode()
    assert "Buddy scheme" in html and "Evening courses" not in html
    html = client.get(reverse(LIST), {"q": "latvian adults"}).content.decode()
    assert "Evening courses" in html and "Buddy scheme" not in html


def test_search_matches_the_city_name(world, client_for):
    _practice(world.mentor_city, "Welcome desk")
    html = client_for("mentee").get(reverse(LIST), {"q": "schaerbeek"}).content.decode()
    assert "Welcome desk" in html


def test_search_ignores_accents_and_case(world, client_for):
    _practice(world.mentor_city, "Cours de français", location="Schaerbeek")
    _practice(world.mentee_city, "Latvian evenings", location="Rīga, Jelgava")
    _practice(world.mentee_city, "Plain francais", description="Łódź and Ærø")
    client = client_for("mentee")

    def names(text):
        html = client.get(reverse(LIST), {"q": text}).content.decode()
        return {
            n
            for n in ("Cours de français", "Latvian evenings", "Plain francais")
            if n in html
        }

    both = {"Cours de français", "Plain francais"}
    assert names("francais") == both
    assert names("FRANÇAIS") == both
    assert names("riga") == {"Latvian evenings"}
    assert names("RĪGA jelgava") == {"Latvian evenings"}
    assert names("lodz aero") == {"Plain francais"}


def test_search_ignores_the_accents_of_a_renamed_city(world, client_for):
    _practice(world.mentee_city, "Evening courses")
    world.mentee_city.name_en = "Jūrmala"
    world.mentee_city.save()
    html = client_for("mentee").get(reverse(LIST), {"q": "jurmala"}).content.decode()
    assert "Evening courses" in html


def test_filters_by_theme_key_factor_country_and_city(world, client_for):
    a = _practice(world.mentor_city, "Alpha practice")
    b = _practice(world.mentee_city, "Beta practice")
    a.themes.add(world.benchmark.theme)
    kf = world.benchmark.key_factors.get(number=3)
    b.key_factors.add(kf)
    client = client_for("mentee")

    def names(**params):
        html = client.get(reverse(LIST), params).content.decode()
        return {n for n in ("Alpha practice", "Beta practice") if n in html}

    assert names(theme=world.benchmark.theme.slug) == {"Alpha practice"}
    assert names(key_factor=kf.pk) == {"Beta practice"}
    assert names(country="BE") == {"Alpha practice"}
    assert names(city="jelgava") == {"Beta practice"}


def test_the_filters_offer_the_portals_countries_and_keep_the_choice(world, client_for):
    html = (
        client_for("mentee")
        .get(reverse(LIST), {"country": "LV", "city": "jelgava"})
        .content.decode()
    )
    countries = html[html.index('<select name="country"') :]
    countries = countries[: countries.index("</select>")]
    # The countries of the portal's cities (Latvia, Belgium, Italy), no others.
    assert countries.count("<option") == 4
    assert '<option value="LV" selected>Latvia</option>' in countries
    assert '<option value="FR">' not in countries
    assert '<option value="jelgava" selected>Jelgava</option>' in html


def test_search_follows_an_edited_practice_and_a_renamed_city(world, client_for):
    practice = _practice(world.mentor_city, "Welcome desk")
    client = client_for("mentee")

    def found(text):
        html = client.get(reverse(LIST), {"q": text}).content.decode()
        return "Buddy desk" in html

    practice.title = "Buddy desk"
    practice.save()
    assert found("buddy")
    world.mentor_city.name_en = "Schaarbeek"
    world.mentor_city.save()
    assert found("schaarbeek") and not found("schaerbeek")


def test_drafts_and_private_practices_stay_with_their_city(world, client_for):
    html = client_for("other_programme").get(reverse(LIST)).content.decode()
    assert "Language café" in html  # public and submitted
    assert "Draft idea" not in html
    assert "Draft idea" in client_for("mentor").get(reverse(LIST)).content.decode()
    assert "Draft idea" in client_for("coordinator").get(reverse(LIST)).content.decode()
    url = world.draft_practice.get_absolute_url()
    assert client_for("other_programme").get(url).status_code == 404


def test_a_city_user_documents_a_practice_with_every_template_field(world, client_for):
    client = client_for("mentee")
    form = client.get(reverse("schemes:good_practice_create")).content.decode()
    assert form.count("GP-") == 0  # the template's ids are not for officials
    response = client.post(
        reverse("schemes:good_practice_create"),
        {
            "title": "Latvian language club",
            "location": "Jelgava",
            "links": "https://www.jelgava.lv\nhttps://example.org/report",
            "meta-start_year": "2019",
            "meta-is_public": "on",
            "meta-themes": [world.benchmark.theme.pk],
        },
    )
    assert response.status_code == 302
    practice = GoodPractice.objects.get(title="Latvian language club")
    assert practice.city == world.mentee_city
    assert practice.status == "draft"
    assert practice.link_list() == [
        "https://www.jelgava.lv",
        "https://example.org/report",
    ]
    html = client.get(practice.get_absolute_url()).content.decode()
    # Every question of the template is read, by its question, not its id.
    for annex_field in GOOD_PRACTICE_PART.fields[1:]:
        assert f"<dt>{escape(annex_field.label)}</dt>" in html
    assert "GP-" not in html


def test_a_link_that_is_not_a_web_address_is_refused(world, client_for):
    response = client_for("mentee").post(
        reverse("schemes:good_practice_create"),
        {"title": "Bad link", "links": "javascript:alert(1)"},
    )
    assert response.status_code == 200
    assert "is not a web address" in response.content.decode()
    assert not GoodPractice.objects.filter(title="Bad link").exists()


def test_a_practice_is_rated_against_the_criteria_areas(world, client_for):
    client = client_for("mentor")
    url = reverse("schemes:good_practice_criteria", args=[world.draft_practice.pk])
    areas = list(
        factories.BenchmarkFactory._meta.model.objects.get(
            slug="unhcr-good-practice-criteria"
        ).key_factors.all()
    )
    data = {f"level_{a.pk}": "2" for a in areas}
    data[f"comment_{areas[0].pk}"] = "Migrants co-designed it"
    assert client.post(url, data).status_code == 302
    assert GoodPracticeCriterion.objects.filter(
        good_practice=world.draft_practice, level=2
    ).count() == len(areas)
    html = client.get(world.draft_practice.get_absolute_url()).content.decode()
    assert "Migrants co-designed it" in html


def test_the_library_query_count_does_not_grow(
    world, client_for, django_assert_max_num_queries
):
    client = client_for("mentee")
    for i in range(3):
        _practice(world.mentor_city, f"Practice {i}").themes.add(world.benchmark.theme)
    with django_assert_max_num_queries(30) as small:
        client.get(reverse(LIST))
    for i in range(15):
        _practice(world.mentor_city, f"More {i}").themes.add(world.benchmark.theme)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse(LIST))


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


def test_a_practices_key_factors_are_boxes_to_tick(world, client_for):
    client = client_for("mentee")
    form = client.get(reverse("schemes:good_practice_create")).content.decode()
    assert "<select multiple" not in form and 'name="meta-key_factors"' in form
    kf = world.benchmark.key_factors.get(number=2)
    assert re.search(
        rf'type="checkbox"[^>]* name="meta-key_factors" value="{kf.pk}"', form
    )
    client.post(
        reverse("schemes:good_practice_create"),
        {"title": "Ticked", "meta-key_factors": [kf.pk]},
    )
    assert list(GoodPractice.objects.get(title="Ticked").key_factors.all()) == [kf]


def test_a_new_practice_records_its_writers_language_and_the_library_says_it(
    world, client_for
):
    client = client_for("mentee")
    client.post(reverse("set_language"), {"language": "lv", "next": "/"})
    response = client.post(
        reverse("schemes:good_practice_create"),
        {"title": "Latviešu valodas klubs", "location": "Jelgava"},
    )
    assert response.status_code == 302
    practice = GoodPractice.objects.get(title="Latviešu valodas klubs")
    assert practice.language == "lv"
    practice.is_public = True
    practice.status = "approved"
    practice.save()
    reader = client_for("mentor")
    library = reverse("schemes:good_practice_list")
    english = reader.get(library).content.decode()
    assert "Latviešu valodas klubs" in english
    assert "Written in Latvian" in english
    client.post(reverse("set_language"), {"language": "lv", "next": "/"})
    latvian = client.get(library).content.decode()
    assert "Latviešu valodas klubs" in latvian
    assert 'class="written-in' not in latvian  # the reader's own language
