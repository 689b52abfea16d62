"""A newcomer on a phone prints a city's page and its poster (issue 20):
an anonymous visitor opens the page in Arabic and in Ukrainian on a 390 px
screen, follows "Print (A4)" and "Poster with QR code", and gets a one-page
PDF each."""

import pytest
from pypdf import PdfReader

from tests.browser.conftest import axe_violations, describe_violations
from tests.public.printing import published_guide

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
LINKS = {
    "ar": ("طباعة (A4)", "ملصق برمز QR"),
    "uk": ("Друкувати (A4)", "Плакат із QR-кодом"),
}


@pytest.mark.parametrize(("language", "direction"), [("ar", "rtl"), ("uk", "ltr")])
def test_a_visitor_on_a_phone_prints_the_page_and_its_poster(
    browser, live_server, settings, language, direction
):
    settings.SITE_URL = live_server.url
    published_guide(services=12, extra_languages=["uk", "ar"])
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(f"/public/cities/jelgava/{language}/")
    html = page.locator("html")
    assert (html.get_attribute("lang"), html.get_attribute("dir")) == (
        language,
        direction,
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    violations = axe_violations(page)
    assert violations == [], describe_violations(page.url, violations)

    print_label, poster_label = LINKS[language]
    downloads = {}
    for kind, label in (("print", print_label), ("poster", poster_label)):
        link = page.get_by_role("link", name=label)
        box = link.bounding_box()
        assert box["height"] >= 24 and box["width"] >= 24  # a finger's target
        with page.expect_download() as download_info:
            link.click()
        downloads[kind] = download_info.value
    assert downloads["print"].suggested_filename == f"jelgava-{language}-1.pdf"
    assert downloads["poster"].suggested_filename == f"poster-jelgava-{language}.pdf"
    for kind, download in downloads.items():
        reader = PdfReader(download.path())
        assert len(reader.pages) == 1, kind
        assert reader.trailer["/Root"]["/Lang"] == language
        text = reader.pages[0].extract_text()
        assert f"{live_server.url}/public/cities/jelgava/" in text, kind
    context.close()
