"""A city's page for newcomers, as the public reads it."""

import pytest
from django.urls import reverse

from schemes.models import GuideEntry
from schemes.public import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide(world):
    guide = services.guide_for_city(city=world.mentee_city, by=world.users["mentee"])
    guide.city_language = "lv"
    guide.extra_languages = ["uk", "ar"]
    guide.intro = {"lv": "Sveicināti Jelgavā", "en": "Welcome to Jelgava"}
    guide.save()
    return guide


def make_entries(guide, count):
    GuideEntry.objects.bulk_create(
        GuideEntry(
            guide=guide,
            category=["emergency", "language"][n % 2],
            position=n,
            title={"en": f"Service {n}", "uk": f"Послуга {n}"},
            description={"en": f"Help number {n}"},
            phone="+371 630 05 555",
            email="info@jelgava.lv",
            address="Lielā iela 11, Jelgava",
            languages_spoken=["lv", "ru"],
        )
        for n in range(count)
    )


def publish(world, guide):
    return services.guide_publish(guide=guide, by=world.users["mentee"])


def page_url(world, language):
    return reverse("public:city_guide", args=[world.mentee_city.slug, language])


@pytest.fixture
def published(world, guide):
    make_entries(guide, 2)
    return publish(world, guide)


def test_the_page_in_ukrainian_with_marked_fallbacks(world, client, published):
    response = client.get(page_url(world, "uk"))
    assert response.status_code == 200
    assert response["Content-Language"] == "uk"
    page = response.content.decode()
    assert '<html lang="uk" dir="ltr">' in page
    assert "Послуга 0" in page
    # The description has no Ukrainian text: the English one, marked.
    assert '<span class="guide-fallback">' in page
    assert '<span lang="en" dir="ltr">Help number 0</span>' in page
    assert 'href="tel:+37163005555"' in page
    assert 'href="mailto:info@jelgava.lv"' in page
    assert "openstreetmap.org/search?query=" in page
    assert 'lang="ru" dir="ltr">Русский</span>' in page


def test_the_page_in_arabic_reads_right_to_left(world, client, published):
    page = client.get(page_url(world, "ar")).content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert "bootstrap.rtl.min.css" in page
    assert '<span lang="en" dir="ltr">Service 0</span>' in page


def test_categories_in_a_fixed_order_with_a_table_of_contents(world, client, published):
    page = client.get(page_url(world, "en")).content.decode()
    assert page.index('id="category-language"') < page.index('id="category-emergency"')
    assert 'href="#category-language"' in page
    # In English nothing falls back.
    assert "guide-fallback" not in page.split('id="main"')[1]


def test_language_links_alternates_and_social_metadata(world, client, published):
    page = client.get(page_url(world, "uk")).content.decode()
    for code in ("lv", "en", "uk", "ar"):
        assert (
            f'hreflang="{code}" href="http://testserver{page_url(world, code)}"' in page
        )
    default = reverse("public:city_guide_default", args=[world.mentee_city.slug])
    assert f'hreflang="x-default" href="http://testserver{default}"' in page
    assert f'rel="canonical" href="http://testserver{page_url(world, "uk")}"' in page
    assert 'property="og:locale" content="uk"' in page
    assert 'property="og:description" content="Welcome to Jelgava"' in page
    assert 'lang="ar" dir="rtl" hreflang="ar">العربيّة</a>' in page
    assert "{# print links" not in page


def test_404s(world, client, guide):
    assert client.get(page_url(world, "uk")).status_code == 404  # never published
    make_entries(guide, 1)
    publish(world, guide)
    assert client.get(page_url(world, "ru")).status_code == 404  # not a language
    assert client.get(page_url(world, "xx")).status_code == 404
    other = reverse("public:city_guide", args=["no-such-city", "en"])
    assert client.get(other).status_code == 404
    services.guide_withdraw(guide=guide, by=world.users["mentee"])
    assert client.get(page_url(world, "uk")).status_code == 404
    default = reverse("public:city_guide_default", args=[world.mentee_city.slug])
    assert client.get(default).status_code == 404


@pytest.mark.parametrize(
    ("header", "language"),
    [("uk-UA,uk;q=0.9,en;q=0.5", "uk"), ("de-DE,fr;q=0.8", "lv"), ("", "lv")],
)
def test_the_address_without_a_language_redirects(
    world, client, published, header, language
):
    default = reverse("public:city_guide_default", args=[world.mentee_city.slug])
    response = client.get(default, HTTP_ACCEPT_LANGUAGE=header)
    assert response.status_code == 302
    assert response.url == page_url(world, language)
    assert "Accept-Language" in response["Vary"]
    assert "Cookie" not in response.get("Vary", "")


def test_etag_304_and_a_new_publication(world, client, guide):
    make_entries(guide, 1)
    publish(world, guide)
    first = client.get(page_url(world, "uk"))
    etag = first["ETag"]
    assert "public" in first["Cache-Control"]
    assert "Cookie" not in first.get("Vary", "")
    assert not first.cookies
    assert client.get(page_url(world, "en"))["ETag"] != etag
    again = client.get(page_url(world, "uk"), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    publish(world, guide)
    fresh = client.get(page_url(world, "uk"), HTTP_IF_NONE_MATCH=etag)
    assert fresh.status_code == 200
    assert fresh["ETag"] != etag


def test_the_draft_is_not_public_until_published(world, client, published, guide):
    GuideEntry.objects.filter(guide=guide).update(title={"en": "Draft name"})
    page = client.get(page_url(world, "en")).content.decode()
    assert "Draft name" not in page and "Service 0" in page


def test_a_signed_in_reader_gets_the_same_page(world, client, client_for, published):
    anonymous = client.get(page_url(world, "uk")).content
    assert client_for("mentee").get(page_url(world, "uk")).content == anonymous


@pytest.mark.parametrize("count", [3, 30])
def test_queries_do_not_grow(world, client, guide, count, django_assert_num_queries):
    make_entries(guide, count)
    publish(world, guide)
    # The ETag (one query), the page and its publication (one).
    with django_assert_num_queries(2):
        response = client.get(page_url(world, "uk"))
    assert response.status_code == 200
    assert response.content.decode().count("guide-entry") == count
