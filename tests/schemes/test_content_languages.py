"""Organisations, partners and programmes are named in each portal language
(issue 21): the forms offer a field per language, the reader's first; a name
shown in a language it has no text for is marked, in an element carrying the
language it is written in."""

import re

import pytest
from django.urls import reverse

from incluportal import translated
from schemes.models import Organisation, Programme, Scheme

pytestmark = pytest.mark.django_db

MARK = 'class="badge text-bg-light border translation-missing"'


def _in_latvian(client):
    client.post(reverse("set_language"), {"language": "lv"})
    return client


def _h1(response):
    html = response.content.decode()
    return re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)


def _new_organisation(**values):
    return {
        "new": "1",
        "new-kind": "city",
        "new-slug": "",
        "new-country": "LV",
        "new-role": "city",
        **{f"new-{key}": value for key, value in values.items()},
    }


def test_a_new_organisation_keeps_its_english_and_latvian_names(world, client_for):
    client = client_for("coordinator")
    url = reverse("schemes:organisation_add", args=[world.programme.slug])
    response = client.post(
        url,
        _new_organisation(
            name_en="Ventspils City",
            name_lv="Ventspils pilsēta",
            description_en="A port city.",
            description_lv="Ostas pilsēta.",
        ),
    )
    assert response.status_code == 302
    ventspils = Organisation.objects.get(name_en="Ventspils City")
    assert ventspils.name_lv == "Ventspils pilsēta"
    assert ventspils.description_lv == "Ostas pilsēta."
    assert ventspils.slug == "ventspils-city"  # from the English name
    assert world.programme.participations.filter(organisation=ventspils).exists()

    page = _in_latvian(client).get(ventspils.get_absolute_url())
    assert _h1(page) == "Ventspils pilsēta"
    html = page.content.decode()
    assert "Ostas pilsēta." in html and "A port city." not in html
    assert '<div lang="en">' not in html  # the description is not marked
    # Its programme (of the fixtures) is named in English only: marked.
    assert '<span lang="en">Inclu Test</span> <span ' + MARK in html


def test_an_organisation_named_only_in_english_reads_marked_in_latvian(
    world, client_for
):
    client = client_for("coordinator")
    url = reverse("schemes:organisation_add", args=[world.programme.slug])
    client.post(url, _new_organisation(name_en="Tukums"))
    tukums = Organisation.objects.get(slug="tukums")
    assert (tukums.name_en, tukums.name_lv) == ("Tukums", "")

    heading = _h1(_in_latvian(client).get(tukums.get_absolute_url()))
    assert heading.startswith('<span lang="en">Tukums</span> ')
    assert MARK in heading
    # The programme's page lists it marked too.
    programme_page = client.get(world.programme.get_absolute_url()).content.decode()
    assert re.search(
        r'<span lang="en">Tukums</span> <span ' + re.escape(MARK), (programme_page)
    )


def test_the_form_asks_first_for_the_name_in_the_readers_language(world, client_for):
    client = _in_latvian(client_for("coordinator"))
    url = reverse("schemes:organisation_add", args=[world.programme.slug])
    form = client.get(url).context["new"]
    names = [key for key in form.fields if key in translated.columns("name")]
    assert names == [f"name_{code}" for code in translated.reader_first()]
    assert names[0] == "name_lv" and form.fields["name_lv"].required
    assert not any(form.fields[key].required for key in names[1:])
    html = client.get(url).content.decode()
    assert re.search(r'<input[^>]*name="new-name_en"[^>]*lang="en"', html) or (
        re.search(r'<input[^>]*lang="en"[^>]*name="new-name_en"', html)
    )

    # Named in English only, while the coordinator reads Latvian: refused,
    # nothing written.
    before = Organisation.objects.count()
    response = client.post(url, _new_organisation(name_en="Talsi"))
    assert response.status_code == 200
    assert response.context["new"].errors["name_lv"]
    assert Organisation.objects.count() == before


def test_a_new_programme_keeps_its_names_and_descriptions(world, client_for):
    client = client_for("coordinator")
    response = client.post(
        reverse("schemes:programme_create"),
        {
            "name_en": "Welcoming cities",
            "name_lv": "Viesmīlīgas pilsētas",
            "description_en": "Cities learn from each other.",
            "description_lv": "Pilsētas mācās cita no citas.",
            "funder_en": "The EU",
            "slug": "welcoming",
            "coordinator": world.coordinator_org.pk,
        },
    )
    assert response.status_code == 302
    programme = Programme.objects.get(slug="welcoming")
    assert (programme.name_en, programme.name_lv) == (
        "Welcoming cities",
        "Viesmīlīgas pilsētas",
    )

    page = _in_latvian(client).get(programme.get_absolute_url())
    assert _h1(page) == "Viesmīlīgas pilsētas"
    html = page.content.decode()
    assert "Pilsētas mācās cita no citas." in html
    # The funder was written in English only: shown in English, marked.
    assert re.search(r'<span lang="en">The EU</span> <span ' + re.escape(MARK), html)


def test_a_programme_named_only_in_english_reads_marked_in_latvian(world, client_for):
    client = client_for("coordinator")
    client.post(
        reverse("schemes:programme_create"),
        {
            "name_en": "Pilot",
            "description_en": "A first try.",
            "slug": "pilot",
            "coordinator": world.coordinator_org.pk,
        },
    )
    client = _in_latvian(client)
    page = client.get(reverse("schemes:programme_detail", args=["pilot"]))
    assert _h1(page).startswith('<span lang="en">Pilot</span> ')
    html = page.content.decode()
    assert '<div lang="en"><p>A first try.</p></div>' in html
    listing = client.get(reverse("schemes:programme_list")).content.decode()
    assert '<span lang="en">Pilot</span> <span ' + MARK in listing


def test_a_new_partner_keeps_its_english_and_latvian_names(world, client_for):
    client = client_for("coordinator")
    response = client.post(
        reverse("schemes:partner_list", args=[world.programme.slug]),
        {
            "new": "1",
            "new-kind": "partner",
            "new-name_en": "Integration Lab",
            "new-name_lv": "Integrācijas laboratorija",
            "new-acronym_en": "IL",
            "new-slug": "integration-lab",
            "new-country": "LV",
            "new-role": "technical_partner",
            "new-scope": "all",
        },
    )
    assert response.status_code == 302
    lab = Organisation.objects.get(slug="integration-lab")
    assert (lab.name_en, lab.name_lv, lab.acronym_en) == (
        "Integration Lab",
        "Integrācijas laboratorija",
        "IL",
    )
    page = _in_latvian(client).get(
        reverse("schemes:partner_list", args=[world.programme.slug])
    )
    assert "Integrācijas laboratorija" in page.content.decode()


def test_a_scheme_reads_with_its_cities_latvian_names_or_marked(world, client_for):
    # Capaci (of the other scheme) mentored by Schaerbeek: Capaci has its
    # Latvian name, Schaerbeek only its English one.
    capaci = world.other_scheme.mentee_city
    capaci.name_lv = "Kapači"
    capaci.save()
    client = client_for("coordinator")
    response = client.post(
        reverse("schemes:scheme_create", args=[world.programme.slug]),
        {
            "shape": "mentoring",
            "mentee_city": capaci.pk,
            "other_cities": [world.mentor_city.pk],
        },
    )
    assert response.status_code == 302
    scheme = Scheme.objects.get(mentee_city=capaci, city_links__city=world.mentor_city)

    heading = _h1(_in_latvian(client).get(scheme.get_absolute_url()))
    assert heading.startswith('Kapači – <span lang="en">Schaerbeek</span> <span ')
    assert heading.count("translation-missing") == 1


def test_the_mark_reads_only_the_objects_own_columns(world, django_assert_num_queries):
    from incluportal.templatetags.translated_text import translated as tag

    programme = Programme.objects.get(pk=world.programme.pk)
    programme.description_en = "Line one\n\nLine two"
    with django_assert_num_queries(0):
        assert tag(programme, "name") == "Inclu Test"
        assert tag(programme, "funder") == ""
        assert tag(programme, "description", linebreaks=True) == (
            "<p>Line one</p>\n\n<p>Line two</p>"
        )
        association = world.association
        assert tag(association, "display_name") == "Latvian Association (LALRG)"


def test_a_name_in_latvian_only_is_marked_for_english_readers(world):
    from incluportal.templatetags.translated_text import translated as tag

    city = world.mentee_city
    city.name_en, city.name_lv = "", "Jelgava<"
    html = tag(city, "name")
    assert html.startswith('<span lang="lv">Jelgava&lt;</span> <span ')
    assert ">in Latvian</span>" in html


def test_a_coordinator_adds_the_latvian_name_the_programme_lacked(world, client_for):
    client = _in_latvian(client_for("coordinator"))
    url = reverse("schemes:programme_texts", args=[world.programme.slug])
    form = client.get(url).context["form"]
    assert form.initial["name_en"] == "Inclu Test"
    assert list(form.fields)[0] == "name_lv"
    response = client.post(
        url,
        {
            "name_en": "Inclu Test",
            "name_lv": "Inclu tests",
            "description_lv": "Apraksts.",
        },
    )
    assert response.status_code == 302
    world.programme.refresh_from_db()
    assert (world.programme.name_en, world.programme.name_lv) == (
        "Inclu Test",
        "Inclu tests",
    )
    assert world.programme.description_lv == "Apraksts."
    assert _h1(client.get(world.programme.get_absolute_url())) == "Inclu tests"

    # Without a name in any language: refused, nothing written.
    response = client.post(url, {"name_en": "", "name_lv": ""})
    assert response.status_code == 200 and response.context["form"].errors
    world.programme.refresh_from_db()
    assert world.programme.name_lv == "Inclu tests"


def test_a_city_writes_its_own_latvian_name(world, client_for):
    client = _in_latvian(client_for("mentee"))
    city = world.mentee_city
    page = client.get(city.get_absolute_url()).content.decode()
    url = reverse("schemes:organisation_texts", args=[city.slug])
    assert f'href="{url}"' in page
    response = client.post(url, {"name_en": "Jelgava", "name_lv": "Jelgavas pilsēta"})
    assert response.status_code == 302
    city.refresh_from_db()
    assert city.name_lv == "Jelgavas pilsēta"
    assert _h1(client.get(city.get_absolute_url())) == "Jelgavas pilsēta"


def test_a_city_cannot_rename_another(world, client_for):
    from django.core.exceptions import PermissionDenied

    from schemes import services

    client = client_for("mentee")
    mentor = world.mentor_city
    url = reverse("schemes:organisation_texts", args=[mentor.slug])
    assert f'href="{url}"' not in client.get(mentor.get_absolute_url()).content.decode()
    assert client.post(url, {"name_en": "Renamed"}).status_code == 403
    with pytest.raises(PermissionDenied):
        services.organisation_texts_set(
            organisation=mentor, by=world.users["mentee"], name_en="Renamed"
        )
    mentor.refresh_from_db()
    assert mentor.name_en == "Schaerbeek"


def test_french_comes_with_its_columns_without_a_change_to_the_forms(world, client_for):
    assert "fr" in translated.codes()
    client = client_for("coordinator")
    client.post(reverse("set_language"), {"language": "fr"})
    url = reverse("schemes:organisation_add", args=[world.programme.slug])
    form = client.get(url).context["new"]
    names = [key for key in form.fields if key in translated.columns("name")]
    assert names[0] == "name_fr" and set(names) == set(translated.columns("name"))
    client.post(
        url, _new_organisation(name_fr="Ville de Bruxelles", name_en="City of Brussels")
    )
    brussels = Organisation.objects.get(slug="city-of-brussels")  # from English
    assert brussels.name_fr == "Ville de Bruxelles"
    assert _h1(client.get(brussels.get_absolute_url())) == "Ville de Bruxelles"
    # Latvian readers get the English name, marked.
    heading = _h1(_in_latvian(client).get(brussels.get_absolute_url()))
    assert heading.startswith('<span lang="en">City of Brussels</span> <span ')
