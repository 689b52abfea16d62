"""The public face for search engines: /sitemap.xml and /robots.txt, at the
site's root (``schemes.public.urls_root``).

The sitemap lists the public index, the library, every published good
practice and every published city page in each of its languages, the
languages of a page naming each other (``xhtml:link rel="alternate"
hreflang``). Robots may read ``/public/`` and nothing else: the rest of the
portal asks for a sign-in.
"""

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse

from schemes.models import CityGuide, PublishedPractice
from schemes.public.http import public_page


def _absolute(path):
    return settings.SITE_URL + path


def city_pages(guides):
    """One sitemap entry per language of each published page, each naming
    all the page's languages as alternates (and x-default: the address that
    picks the first one)."""
    urls = []
    for guide in guides:
        publication = guide.current
        slug = guide.city.slug
        alternates = [
            {
                "hreflang": code,
                "loc": _absolute(reverse("public:city_guide", args=[slug, code])),
            }
            for code in publication.languages
        ]
        alternates.append(
            {
                "hreflang": "x-default",
                "loc": _absolute(reverse("public:city_guide_default", args=[slug])),
            }
        )
        for alternate in alternates[:-1]:
            urls.append(
                {
                    "loc": alternate["loc"],
                    "lastmod": publication.published_at,
                    "alternates": alternates,
                }
            )
    return urls


def sitemap_urls():
    """Every public address worth indexing, with its last change."""
    guides = list(
        CityGuide.objects.filter(current__isnull=False)
        .select_related("city", "current")
        .order_by("city__slug")
    )
    practices = list(PublishedPractice.objects.order_by("pk"))
    dates = [g.current.published_at for g in guides]
    practice_dates = [p.published_at for p in practices]
    urls = [
        {
            "loc": _absolute(reverse("public:index")),
            "lastmod": max(dates + practice_dates, default=None),
        },
        {
            "loc": _absolute(reverse("public:library")),
            "lastmod": max(practice_dates, default=None),
        },
    ]
    urls += [
        {"loc": _absolute(p.get_absolute_url()), "lastmod": p.published_at}
        for p in practices
    ]
    return urls + city_pages(guides)


@public_page()
def sitemap(request):
    xml = render_to_string("public/sitemap.xml", {"urls": sitemap_urls()})
    return HttpResponse(xml, content_type="application/xml; charset=utf-8")


@public_page()
def robots(request):
    lines = [
        "User-agent: *",
        "Allow: /public/",
        "Disallow: /",
        f"Sitemap: {_absolute(reverse('public_root:sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
