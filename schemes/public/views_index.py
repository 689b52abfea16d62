"""The public index: what the network publishes."""

from schemes.models import CityGuide
from schemes.public.http import (
    language_links,
    public_page,
    reader_language,
    render_public,
    varies_on_language_only,
)


@public_page()
def index(request):
    language = reader_language(request)
    guides = (
        CityGuide.objects.filter(current__isnull=False)
        .select_related("city")
        .order_by("city__name")
    )
    response = render_public(
        request,
        "public/index.html",
        {"guides": guides, "language_links": language_links(request, language)},
        language,
    )
    return varies_on_language_only(response)
