"""A city's page for newcomers on paper: a one-page A4 print and a poster
with a QR code for the city's offices.

Both are PDFs of the current publication (``guide_view``, the presenter of
the public page), laid out by the project's pipeline (``incluportal.pdf``:
tagged PDF/UA, a fetcher that loads nothing from outside). Like every public
answer they read no session and are cacheable; their ETag is the
publication's and the language's, so a new publication changes them.
"""

import re

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import pgettext, pgettext_lazy

from incluportal.pdf import html_to_pdf, pdf_response
from schemes.models import CityGuide
from schemes.network import languages
from schemes.public.http import public_page
from schemes.public.presenting import guide_etag, guide_view

QR_BORDER = 2


def _published(slug, language):
    """The city's page and its current publication in ``language``, or 404."""
    guide = get_object_or_404(
        CityGuide.objects.select_related("city", "current"), city__slug=slug
    )
    publication = guide.current
    if publication is None or language not in publication.languages:
        raise Http404
    return guide, publication


def _etag(kind):
    def etag(request, slug, language):
        return guide_etag(kind, slug, language)

    return etag


def page_address(guide, language=None):
    """The absolute address of the city's public page: in ``language``, or
    the one that chooses the page's first language (for the poster)."""
    if language:
        path = reverse("public:city_guide", args=[guide.city.slug, language])
    else:
        path = reverse("public:city_guide_default", args=[guide.city.slug])
    return settings.SITE_URL + path


def qr_matrix(url):
    """The QR code of ``url``: rows of booleans, its quiet zone included."""
    code = qrcode.QRCode(border=QR_BORDER)
    code.add_data(url)
    code.make(fit=True)
    return code.get_matrix()


def qr_svg(url):
    """The QR code of ``url`` as an inline SVG (one square per dark module,
    in module units: CSS sizes it)."""
    image = qrcode.make(
        url, image_factory=qrcode.image.svg.SvgPathImage, border=QR_BORDER
    )
    svg = image.to_string(encoding="unicode")
    svg = re.sub(r' width="[^"]*" height="[^"]*"', "", svg, count=1)
    # Made by the qrcode library from our own URL: no user text inside.
    return mark_safe(svg.replace("<svg ", '<svg class="qr" aria-hidden="true" ', 1))  # noqa: S308 # nosec


def qr_drawn(svg):
    """The dark modules an SVG of ``qr_svg`` draws, as rows of booleans (the
    inverse of ``qr_svg``, for the tests)."""
    size = int(re.search(r'viewBox="0 0 (\d+) (\d+)"', svg).group(1))
    rows = [[False] * size for _ in range(size)]
    for x, y in re.findall(r"M(\d+),(\d+)H", svg):
        rows[int(y)][int(x)] = True
    return rows


def _render(template, context, language):
    with translation.override(language):
        title = pgettext("public", "Information for newcomers in %(city)s") % {
            "city": context["guide"].city.name
        }
        html = render_to_string(
            template,
            {
                **context,
                "title": title,
                # templates/pdf/base.html: final, one page, no page counter.
                "draft": False,
                "page_counter": '""',
                "page_language": language,
                "page_dir": languages.direction(language),
            },
        )
    return html


def print_html(guide, publication, language):
    """The one-page A4 print of the page in ``language`` (HTML)."""
    address = page_address(guide, language)
    return _render(
        "public/print/guide.html",
        {
            "guide": guide,
            "publication": publication,
            "view": guide_view(publication.content, publication.languages, language),
            "address": address,
            "qr": qr_svg(address),
        },
        language,
    )


def poster_titles(page_languages, language):
    """The poster's title in the page's other languages; a language whose
    catalogue lacks it is left out rather than shown in English twice."""
    english = pgettext_lazy("public", "Information for newcomers")
    titles = []
    for code in page_languages:
        with translation.override(code):
            text = str(english)
        with translation.override(languages.FALLBACK):
            untranslated = code != languages.FALLBACK and text == str(english)
        if code == language or untranslated:
            continue
        titles.append({"code": code, "dir": languages.direction(code), "text": text})
    return titles


def poster_html(guide, publication, language):
    """The A4 poster for the city's offices (HTML)."""
    address = page_address(guide)
    return _render(
        "public/print/poster.html",
        {
            "guide": guide,
            "publication": publication,
            "other_titles": poster_titles(publication.languages, language),
            "address": address,
            "qr": qr_svg(address),
        },
        language,
    )


@public_page(etag=_etag("print"))
def city_guide_print(request, slug, language):
    guide, publication = _published(slug, language)
    pdf = html_to_pdf(print_html(guide, publication, language))
    return pdf_response(pdf, guide.city.slug, language, publication.number)


@public_page(etag=_etag("poster"))
def city_guide_poster(request, slug, language):
    guide, publication = _published(slug, language)
    pdf = html_to_pdf(poster_html(guide, publication, language))
    return pdf_response(pdf, "poster", guide.city.slug, language)
