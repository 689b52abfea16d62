"""The public library: search, filters, pages, language, validators."""

import re

import pytest
from django.urls import reverse

from schemes.work.services.good_practices import good_practice_publish
from tests import factories
from tests.public.practices import approved_practice

pytestmark = pytest.mark.django_db

LIBRARY = reverse("public:library")


def _publish(world, city=None, **kwargs):
    practice = approved_practice(city or world.mentor_city, **kwargs)
    return practice, good_practice_publish(practice=practice, by=world.users["mentor"])


def _titles(response):
    return re.findall(
        r'<h3 class="h5 mb-1"[^>]*><a[^>]*>([^<]*)</a>', response.content.decode()
    )


@pytest.fixture
def library(world):
    """Three published practices of two cities in two countries, one
    approved practice not published."""
    theme = world.benchmark.theme
    other_theme = factories.ThemeFactory(slug="housing", name="Housing")
    factor = world.benchmark.key_factors.get(number=2)
    cafe, _copy = _publish(
        world, title="Café des langues", description="Conversation à la mairie."
    )
    cafe.themes.add(theme)
    cafe.key_factors.add(factor)
    good_practice_publish(practice=cafe, by=world.users["mentor"])
    rooms, _copy = _publish(
        world, title="Rooms for families", description="Flats for newcomers."
    )
    rooms.themes.add(other_theme)
    good_practice_publish(practice=rooms, by=world.users["mentor"])
    world.users["mentee"]  # Jelgava's practice is published by its officer.
    jelgava = approved_practice(
        world.mentee_city, title="Latviešu valoda visiem", description="Rīgas iela."
    )
    good_practice_publish(practice=jelgava, by=world.users["mentee"])
    approved_practice(world.mentor_city, title="Kept inside")
    return {"theme": theme, "other_theme": other_theme, "factor": factor}


def test_lists_what_is_published_with_a_count(world, library, client):
    response = client.get(LIBRARY)
    assert response.status_code == 200
    assert sorted(_titles(response)) == [
        "Café des langues",
        "Latviešu valoda visiem",
        "Rooms for families",
    ]
    assert "3 good practices" in response.content.decode()


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("cafe", ["Café des langues"]),  # without the accent
        ("CAFÉ langues", ["Café des langues"]),
        ("café families", []),  # every word must match
        ("latviesu", ["Latviešu valoda visiem"]),
        ("rigas", ["Latviešu valoda visiem"]),  # in an answer, not the title
        ("mairie", ["Café des langues"]),
        ("kept inside", []),  # approved, not published
    ],
)
def test_search_ignores_accents_and_needs_every_word(
    world, library, client, q, expected
):
    response = client.get(LIBRARY, {"q": q})
    assert response.status_code == 200
    assert _titles(response) == expected


def test_filters_offer_only_what_is_published(world, library, client):
    page = client.get(LIBRARY).content.decode()
    theme_select = re.search(r'<select name="theme".*?</select>', page, re.S).group()
    assert library["theme"].name in theme_select and "Housing" in theme_select
    country_select = re.search(r'<select name="country".*?</select>', page, re.S)
    assert "Belgium" in country_select.group() and "Latvia" in country_select.group()
    assert "Italy" not in country_select.group()
    city_select = re.search(r'<select name="city".*?</select>', page, re.S).group()
    assert "Schaerbeek" in city_select and "Jelgava" in city_select
    assert "Capaci" not in city_select and "Riga" not in city_select
    factor_select = re.search(r'<select name="key_factor".*?</select>', page, re.S)
    assert library["factor"].title in factor_select.group()
    other_factor = world.benchmark.key_factors.get(number=3)
    assert other_factor.title not in factor_select.group()


def test_filters(world, library, client):
    def titles(**query):
        return sorted(_titles(client.get(LIBRARY, query)))

    assert titles(theme="housing") == ["Rooms for families"]
    assert titles(key_factor=library["factor"].pk) == ["Café des langues"]
    assert titles(country="LV") == ["Latviešu valoda visiem"]
    assert titles(city="schaerbeek") == ["Café des langues", "Rooms for families"]
    assert titles(city="schaerbeek", q="rooms") == ["Rooms for families"]


@pytest.mark.parametrize(
    "query",
    [
        {"theme": "no-such-theme"},
        {"key_factor": "x"},
        {"country": "ZZ"},
        {"city": "capaci"},
        {"page": "999"},
        {"page": "abc"},
        {"q": "x" * 500},
    ],
)
def test_bad_input_is_no_error(world, library, client, query):
    response = client.get(LIBRARY, query)
    assert response.status_code == 200


def test_pages_of_twenty_keep_the_search(world, client):
    for number in range(23):
        _publish(world, title=f"Practice {number:02d}")
    first = client.get(LIBRARY, {"q": "practice"})
    assert len(_titles(first)) == 20
    page = first.content.decode()
    assert "23 good practices" in page
    assert "Page 1 of 2" in page
    assert 'href="?q=practice&amp;page=2"' in page
    second = client.get(LIBRARY, {"q": "practice", "page": 2})
    assert len(_titles(second)) == 3
    assert not set(_titles(first)) & set(_titles(second))


def test_in_the_readers_language(world, library, client):
    french = client.get(LIBRARY, HTTP_ACCEPT_LANGUAGE="fr-BE,fr;q=0.9,en;q=0.5")
    assert french["Content-Language"] == "fr"
    assert '<html lang="fr" dir="ltr">' in french.content.decode()
    assert "Accept-Language" in french["Vary"]
    arabic = client.get(LIBRARY, {"lang": "ar", "q": "cafe"})
    assert '<html lang="ar" dir="rtl">' in arabic.content.decode()
    # The language links keep the search.
    assert 'href="?lang=uk&amp;q=cafe"' in arabic.content.decode()
    unknown = client.get(LIBRARY, {"lang": "xx"})
    assert unknown["Content-Language"] == "en"


def test_validators_change_with_what_the_page_shows(world, library, client):
    first = client.get(LIBRARY)
    etag = first["ETag"]
    assert "public" in first["Cache-Control"]
    assert client.get(LIBRARY, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(LIBRARY, {"q": "cafe"})["ETag"] != etag
    assert client.get(LIBRARY, {"lang": "fr"})["ETag"] != etag
    _publish(world, title="One more")
    assert client.get(LIBRARY, HTTP_IF_NONE_MATCH=etag).status_code == 200


@pytest.mark.parametrize("size", [3, 30])
def test_the_library_reads_the_same_queries_at_any_size(
    world, client, django_assert_num_queries, size
):
    theme = world.benchmark.theme
    for number in range(size):
        practice, _copy = _publish(world, title=f"Practice {number}")
        practice.themes.add(theme)
        practice.key_factors.add(world.benchmark.key_factors.first())
        good_practice_publish(practice=practice, by=world.users["mentor"])
    # ETag; the choices of theme, key factor and city; count; page; themes.
    with django_assert_num_queries(7):
        response = client.get(LIBRARY, {"q": "practice", "theme": theme.slug})
    assert len(_titles(response)) == min(size, 20)
    copy = practice.publication
    with django_assert_num_queries(4):  # ETag; the copy; its themes, factors
        assert client.get(copy.get_absolute_url()).status_code == 200


def test_a_practices_public_page(world, library, client):
    practice, copy = _publish(world, title="Mentoring at work", start_year=2021)
    practice.themes.add(library["theme"])
    copy = good_practice_publish(practice=practice, by=world.users["mentor"])
    response = client.get(copy.get_absolute_url())
    page = response.content.decode()
    assert "Mentoring at work" in page
    assert "Schaerbeek · Belgium" in page
    assert "since 2021" in page
    assert library["theme"].name in page
    assert "Published on" in page
    assert "Why it started and for whom" in page
    assert "Newcomers did not know where to start." in page
    assert '<meta property="og:title" content="Mentoring at work">' in page
    assert '<meta property="og:type" content="article">' in page
    url = f"http://testserver{copy.get_absolute_url()}"
    assert f'<meta property="og:url" content="{url}">' in page
    assert f'<link rel="canonical" href="{url}">' in page
    assert 'property="og:description" content="A desk open every morning' in page
    etag = response["ETag"]
    assert (
        client.get(copy.get_absolute_url(), HTTP_IF_NONE_MATCH=etag).status_code == 304
    )
    assert (
        client.get(reverse("public:practice_detail", args=[copy.pk + 999])).status_code
        == 404
    )


def test_the_citys_texts_keep_their_direction_on_a_right_to_left_page(
    world, library, client
):
    copy = _publish(world, title="Mentoring at work")[1]
    page = client.get(copy.get_absolute_url(), {"lang": "fa"}).content.decode()
    assert '<html lang="fa" dir="rtl">' in page
    assert '<h1 class="h2" dir="auto">Mentoring at work</h1>' in page
    assert '<div dir="auto"><p>A desk open every morning' in page
