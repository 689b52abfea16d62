"""A city's page for newcomers, as the public reads it.

``/public/cities/<slug>/`` sends the reader to the page in the best of its
languages for them (their browser's Accept-Language, else the city's
language); ``/public/cities/<slug>/<language>/`` is the current publication
in that language. The editor's preview and history show the same body
(``templates/public/_guide_body.html``, through ``presenting.guide_view``).
"""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from incluportal.i18n import browser_language
from schemes.models import CityGuide
from schemes.network import languages
from schemes.network.models.guides import text_in
from schemes.public.http import (
    public_page,
    render_public,
    varies_on_language_only,
)
from schemes.public.presenting import guide_etag, guide_view


def _published(slug):
    guide = get_object_or_404(
        CityGuide.objects.select_related("city", "current"), city__slug=slug
    )
    if guide.current is None:
        raise Http404
    return guide


@public_page()
def city_guide_default(request, slug):
    guide = _published(slug)
    offered = guide.current.languages
    default = guide.city_language if guide.city_language in offered else offered[0]
    language = browser_language(request, offered, default)
    return varies_on_language_only(redirect("public:city_guide", slug, language))


def _etag(request, slug, language):
    """The publication, the city's name and the language: a new publication,
    a withdrawal, a renamed city or another language changes it."""
    return guide_etag("guide", slug, language)


@public_page(etag=_etag)
def city_guide(request, slug, language):
    guide = _published(slug)
    publication = guide.current
    if language not in publication.languages:
        raise Http404
    content = publication.content
    view = guide_view(content, publication.languages, language)
    links = [
        {
            **languages.info(code),
            "url": reverse("public:city_guide", args=[slug, code]),
            "current": code == language,
        }
        for code in publication.languages
    ]
    default_url = reverse("public:city_guide_default", args=[slug])
    description = text_in(content.get("intro"), language) or text_in(
        content.get("intro"), languages.FALLBACK
    )
    return render_public(
        request,
        "public/city_guide.html",
        {
            "guide": guide,
            "city": guide.city,
            "publication": publication,
            "view": view,
            "language_links": links,
            "alternates": [
                {**link, "absolute": request.build_absolute_uri(link["url"])}
                for link in links
            ],
            "canonical": request.build_absolute_uri(request.path),
            "x_default": request.build_absolute_uri(default_url),
            "description": description,
            "og_locale": _og_locale(language),
        },
        language,
    )


def _og_locale(code):
    # Open Graph wants language_TERRITORY; the language alone is accepted.
    return {"en": "en_GB", "fa": "fa_IR", "ar": "ar_AR"}.get(code, code)
