"""The public library of good practices the cities published.

A first version: the helper building the library completes it (search,
filters, validators).
"""

from django.shortcuts import get_object_or_404

from schemes.models import PublishedPractice
from schemes.network import languages
from schemes.public.http import public_page, render_public


@public_page()
def library(request):
    practices = PublishedPractice.objects.select_related("city")[:20]
    return render_public(
        request, "public/library.html", {"practices": practices}, languages.FALLBACK
    )


@public_page()
def practice_detail(request, pk):
    practice = get_object_or_404(
        PublishedPractice.objects.select_related("city"), pk=pk
    )
    return render_public(
        request,
        "public/practice_detail.html",
        {"practice": practice},
        languages.FALLBACK,
    )
