"""The printable one-page A4 version of a city's page and its QR-code poster
(schemes.public.views_print)."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from schemes.public import views_print
from tests.public.printing import published_guide

pytestmark = pytest.mark.django_db


def _pdf(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return PdfReader(io.BytesIO(response.content))


def _text(reader):
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_print_of_fifteen_services_fits_one_a4_page(client, settings):
    settings.SITE_URL = "https://portal.example.org"
    guide = published_guide(services=15)
    response = client.get(reverse("public:city_guide_print", args=["jelgava", "uk"]))
    reader = _pdf(response)
    assert len(reader.pages) == 1
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(float(width)), round(float(height))) == (595, 842)  # A4
    text = _text(reader)
    assert "Інформація для новоприбулих: Jelgava" in text
    assert "Послуга 1" in text and "Послуга 15" in text
    assert "Мовні курси" in text  # the category, from the Ukrainian catalogue
    assert "https://portal.example.org/public/cities/jelgava/uk/" in text
    assert "2026" in text  # the publication's date
    assert reader.trailer["/Root"]["/Lang"] == "uk"
    assert guide.current.number == 1
    assert 'filename="jelgava-uk-1.pdf"' in response["Content-Disposition"]


def test_the_arabic_print_is_right_to_left_and_tagged_arabic(client):
    published_guide(services=12)
    html = views_print.print_html(*views_print._published("jelgava", "ar"), "ar")
    assert 'lang="ar"' in html and 'dir="rtl"' in html
    response = client.get(reverse("public:city_guide_print", args=["jelgava", "ar"]))
    reader = _pdf(response)
    assert len(reader.pages) == 1
    assert reader.trailer["/Root"]["/Lang"] == "ar"


def test_a_language_the_page_is_not_published_in_is_not_found(client):
    published_guide(extra_languages=["uk"])
    for name in ("public:city_guide_print", "public:city_guide_poster"):
        assert client.get(reverse(name, args=["jelgava", "ar"])).status_code == 404
        assert client.get(reverse(name, args=["nowhere", "en"])).status_code == 404


def test_a_withdrawn_page_prints_nothing(client):
    guide = published_guide(services=1)
    guide.current = None
    guide.save()
    url = reverse("public:city_guide_print", args=["jelgava", "en"])
    assert client.get(url).status_code == 404


def test_the_print_is_cacheable_and_answers_304_until_a_new_publication(client):
    guide = published_guide(services=2)
    url = reverse("public:city_guide_print", args=["jelgava", "en"])
    first = client.get(url)
    assert "public" in first["Cache-Control"]
    etag = first["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    other = client.get(reverse("public:city_guide_print", args=["jelgava", "uk"]))
    assert other["ETag"] != etag
    publication = guide.current
    publication.pk = None
    publication.number = 2
    publication.save()
    guide.current = publication
    guide.save()
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_the_poster_points_to_the_city_page(client, settings):
    settings.SITE_URL = "https://portal.example.org"
    published_guide(services=3)
    response = client.get(reverse("public:city_guide_poster", args=["jelgava", "ar"]))
    reader = _pdf(response)
    assert len(reader.pages) == 1
    text = _text(reader)
    address = "https://portal.example.org/public/cities/jelgava/"
    assert address in text
    assert "Jelgava" in text
    assert "Інформація для новоприбулих" in text  # the other languages' titles
    assert "Information for newcomers" in text
    assert reader.trailer["/Root"]["/Lang"] == "ar"


def test_the_posters_qr_code_encodes_the_pages_address(settings):
    settings.SITE_URL = "https://portal.example.org"
    guide = published_guide(services=1)
    html = views_print.poster_html(guide, guide.current, "uk")
    svg = html[html.index("<svg") : html.index("</svg>") + 6]
    address = "https://portal.example.org/public/cities/jelgava/"
    assert views_print.qr_drawn(svg) == views_print.qr_matrix(address)
    assert views_print.qr_drawn(svg) != views_print.qr_matrix(address + "x")
    assert address in html


def test_the_poster_names_the_title_once_in_each_other_language():
    titles = views_print.poster_titles(["lv", "en", "uk", "ar", "fa"], "uk")
    by_code = {title["code"]: title for title in titles}
    assert "uk" not in by_code
    assert by_code["ar"] == {
        "code": "ar",
        "dir": "rtl",
        "text": "معلومات للقادمين الجدد",
    }
    assert by_code["fa"]["text"] == "اطلاعات برای تازه‌واردان"
    assert by_code["en"]["text"] == "Information for newcomers"
    assert len({title["text"] for title in titles}) == len(titles)


@pytest.mark.parametrize("services", [1, 12])
def test_the_print_reads_the_same_queries_at_any_size(
    client, services, django_assert_num_queries
):
    published_guide(services=services)
    url = reverse("public:city_guide_print", args=["jelgava", "en"])
    # The ETag (the current publication), then the page with it and its city.
    with django_assert_num_queries(2):
        reader = _pdf(client.get(url))
    assert f"Service {services}" in _text(reader)
