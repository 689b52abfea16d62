"""A city's page for newcomers, as the public reads it.

A first version: the helper building the public page completes it (language
choice, fallback marks, hreflang links, phone layout).
"""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect

from schemes.models import CityGuide
from schemes.public.http import public_page, render_public
from schemes.public.presenting import guide_view


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
    return redirect("public:city_guide", slug, guide.current.languages[0])


@public_page()
def city_guide(request, slug, language):
    guide = _published(slug)
    publication = guide.current
    if language not in publication.languages:
        raise Http404
    return render_public(
        request,
        "public/city_guide.html",
        {
            "guide": guide,
            "publication": publication,
            "view": guide_view(publication.content, publication.languages, language),
        },
        language,
    )
