"""/sitemap.xml and /robots.txt (schemes.public.views_sitemap), and the
social-preview defaults of the public pages."""

import datetime
from xml.etree import ElementTree

import pytest
from django.urls import reverse

from schemes.models import GoodPractice, PublishedPractice
from tests.factories import CityFactory
from tests.public.printing import published_guide

pytestmark = pytest.mark.django_db

NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
}
SITE = "https://portal.example.org"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


def _practice(city, title="Language café"):
    practice = GoodPractice.objects.create(city=city, title=title, status="approved")
    return PublishedPractice.objects.create(
        practice=practice,
        city=city,
        title=title,
        published_at=datetime.datetime(2026, 4, 1, 8, 0, tzinfo=datetime.UTC),
    )


def _sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ElementTree.fromstring(response.content)  # noqa: S314 (our own answer)
    return response, {
        url.find("s:loc", NS).text: url for url in root.findall("s:url", NS)
    }


def test_the_sitemap_lists_every_public_page_with_its_languages(client):
    guide = published_guide(services=1, extra_languages=["uk", "ar"])
    practice = _practice(guide.city)
    unpublished = published_guide(
        city=CityFactory(name="Riga", slug="riga"), services=1
    )
    unpublished.current = None
    unpublished.save()
    confidential = GoodPractice.objects.create(
        city=guide.city, title="Not yet public", status="approved"
    )
    response, urls = _sitemap(client)
    assert "public" in response["Cache-Control"]
    city = f"{SITE}/public/cities/jelgava/"
    expected = {
        f"{SITE}/public/",
        f"{SITE}/public/good-practices/",
        f"{SITE}/public/good-practices/{practice.pk}/",
        city + "lv/",
        city + "en/",
        city + "uk/",
        city + "ar/",
    }
    assert set(urls) == expected
    assert "riga" not in response.content.decode()
    assert confidential.title not in response.content.decode()
    arabic = urls[city + "ar/"]
    alternates = {
        link.get("hreflang"): link.get("href")
        for link in arabic.findall("xhtml:link", NS)
    }
    assert alternates == {
        "lv": city + "lv/",
        "en": city + "en/",
        "uk": city + "uk/",
        "ar": city + "ar/",
        "x-default": city,
    }
    assert all(
        link.get("rel") == "alternate" for link in arabic.findall("xhtml:link", NS)
    )
    assert arabic.find("s:lastmod", NS).text.startswith("2026-03-02T")
    assert (
        urls[f"{SITE}/public/good-practices/{practice.pk}/"]
        .find("s:lastmod", NS)
        .text.startswith("2026-04-01T")
    )
    # The index changed last when the practice was published.
    assert urls[f"{SITE}/public/"].find("s:lastmod", NS).text.startswith("2026-04-01")


def test_a_withdrawn_practice_leaves_the_sitemap(client):
    guide = published_guide(services=1, extra_languages=[])
    practice = _practice(guide.city)
    address = f"{SITE}{practice.get_absolute_url()}"
    assert address in _sitemap(client)[1]
    practice.delete()
    assert address not in _sitemap(client)[1]


@pytest.mark.parametrize("size", [1, 6])
def test_the_sitemap_reads_the_same_number_of_queries_at_any_size(
    client, size, django_assert_num_queries
):
    for number in range(size):
        guide = published_guide(
            city=CityFactory(name=f"City {number}"), services=1, extra_languages=["uk"]
        )
        _practice(guide.city, title=f"Practice {number}")
    # The city pages with their publication and city; the practices.
    with django_assert_num_queries(2):
        _response, urls = _sitemap(client)
    assert len(urls) == 2 + size + 3 * size


def test_robots_allow_the_public_pages_only_and_name_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "public" in response["Cache-Control"]
    lines = response.content.decode().splitlines()
    assert lines == [
        "User-agent: *",
        "Allow: /public/",
        "Disallow: /",
        f"Sitemap: {SITE}/sitemap.xml",
    ]
    assert reverse("public_root:sitemap") == "/sitemap.xml"


def test_public_pages_carry_social_preview_defaults(client):
    html = client.get(reverse("public:index")).content.decode()
    assert '<meta property="og:site_name" content="IncluPortal">' in html
    assert '<meta property="og:type" content="website">' in html
    assert '<meta name="twitter:card" content="summary">' in html


def test_the_city_page_links_to_its_print_and_poster(client):
    published_guide(services=1)
    html = client.get(
        reverse("public:city_guide", args=["jelgava", "uk"])
    ).content.decode()
    assert reverse("public:city_guide_print", args=["jelgava", "uk"]) in html
    assert reverse("public:city_guide_poster", args=["jelgava", "uk"]) in html
