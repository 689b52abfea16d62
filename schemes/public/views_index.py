"""The public index: what the network publishes."""

from django.utils.translation.trans_real import parse_accept_lang_header

from schemes.models import CityGuide
from schemes.network import languages
from schemes.public.http import public_page, render_public, varies_on_language_only


def _index_language(request):
    """The first language of the reader's browser the public pages speak.

    Read from Accept-Language only (never the portal's cookie or session)."""
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    for code, _quality in parse_accept_lang_header(header):
        code = code.split("-")[0].lower()
        if languages.is_public_language(code):
            return code
    return languages.FALLBACK


@public_page()
def index(request):
    language = request.GET.get("lang") or _index_language(request)
    if not languages.is_public_language(language):
        language = languages.FALLBACK
    guides = (
        CityGuide.objects.filter(current__isnull=False)
        .select_related("city")
        .order_by("city__name")
    )
    response = render_public(
        request,
        "public/index.html",
        {"guides": guides, "language_links": _language_links(language)},
        language,
    )
    return varies_on_language_only(response)


def _language_links(current):
    return [
        {**languages.info(code), "url": f"?lang={code}", "current": code == current}
        for code in languages.codes()
    ]
