"""The public library of good practices the cities published.

The library reads the frozen copies only (``PublishedPractice``): what a
city's officers published from an approved practice, without personal data
(``schemes.work.services.good_practices.public_copy``). A practice edited
since stays as published until its city publishes it again.

One presenter (``practice_view``) and one template (``public/_practice.html``)
show a copy: on its public page and in the officers' preview before they
publish it.
"""

import hashlib

from django import forms
from django.core.paginator import Paginator
from django.db.models import Count, Max
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import pgettext_lazy
from django_countries import countries

from benchmarks.models import KeyFactor, Theme
from schemes.models import Organisation, PublishedPractice
from schemes.public.http import (
    language_links,
    public_page,
    reader_language,
    render_public,
    varies_on_language_only,
)
from schemes.public.presenting import city_names, names_hash
from schemes.work.search import fold

PAGE_SIZE = 20
SUMMARY_FROM = ("description", "rationale", "results")

# The public's names of the questions of Annex 4 (their plain-language
# labels, translated in the public catalogues); a question not listed keeps
# the English label frozen in the copy.
PUBLIC_LABELS = {
    "location": pgettext_lazy("public", "Where"),
    "lead_agencies": pgettext_lazy("public", "Who leads it"),
    "rationale": pgettext_lazy("public", "Why it started and for whom"),
    "description": pgettext_lazy("public", "What was done"),
    "resources_needed": pgettext_lazy("public", "Resources needed"),
    "results": pgettext_lazy("public", "Results"),
    "success_factors": pgettext_lazy("public", "What made it work"),
    "risks": pgettext_lazy("public", "Risks and challenges"),
    "transferability": pgettext_lazy("public", "How another city can do it"),
}


def practice_view(*, title, city, themes, key_factors, content, published_at=None):
    """What the public page of a copy shows (for ``public/_practice.html``)."""
    parts = [
        {
            "id": part["id"],
            "label": PUBLIC_LABELS.get(part["name"], part["label"]),
            "text": part["text"],
        }
        for part in content.get("parts", [])
    ]
    return {
        "title": title,
        "city": city,
        "themes": themes,
        "key_factors": key_factors,
        "start_year": content.get("start_year"),
        "parts": parts,
        "links": [
            link
            for link in content.get("links", [])
            if link.lower().startswith(("https://", "http://"))
        ],
        "published_at": published_at,
        "summary": _summary(content.get("parts", [])),
    }


def _summary(parts):
    """A sentence or two for search engines and social previews: what was
    done, else why, else the first answer."""
    texts = {part["name"]: part["text"] for part in parts}
    text = next(
        (texts[name] for name in SUMMARY_FROM if texts.get(name)),
        parts[0]["text"] if parts else "",
    )
    return Truncator(" ".join(text.split())).chars(200)


def copy_view(copy):
    return practice_view(
        title=copy.title,
        city=copy.city,
        themes=list(copy.themes.all()),
        key_factors=list(copy.key_factors.all()),
        content=copy.content,
        published_at=copy.published_at,
    )


class LibraryForm(forms.Form):
    """The library's search and filters: only choices that find something."""

    q = forms.CharField(
        label=pgettext_lazy("public", "Search"), required=False, max_length=200
    )
    theme = forms.ChoiceField(label=pgettext_lazy("public", "Theme"), required=False)
    key_factor = forms.TypedChoiceField(
        label=pgettext_lazy("public", "Key factor"),
        required=False,
        coerce=int,
        empty_value=None,
    )
    country = forms.ChoiceField(
        label=pgettext_lazy("public", "Country"), required=False
    )
    city = forms.ChoiceField(label=pgettext_lazy("public", "City"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        published = PublishedPractice.objects.all()
        themes = Theme.objects.filter(
            pk__in=PublishedPractice.themes.through.objects.values("theme_id")
        ).values_list("slug", "name")
        factors = KeyFactor.objects.filter(
            pk__in=PublishedPractice.key_factors.through.objects.values("keyfactor_id")
        ).values_list("pk", "title")
        cities = list(
            Organisation.objects.filter(pk__in=published.values("city_id"))
            .order_by("name")
            .values_list("slug", "name", "country")
        )
        present = {country for _slug, _name, country in cities}
        self.fields["theme"].choices = [
            ("", pgettext_lazy("public", "All themes")),
            *themes,
        ]
        self.fields["key_factor"].choices = [
            ("", pgettext_lazy("public", "All key factors")),
            *factors,
        ]
        self.fields["country"].choices = [
            ("", pgettext_lazy("public", "All countries")),
            *((code, name) for code, name in countries if code in present),
        ]
        self.fields["city"].choices = [
            ("", pgettext_lazy("public", "All cities")),
            *((slug, name) for slug, name, _country in cities),
        ]
        for name, field in self.fields.items():
            field.widget.attrs["class"] = (
                "form-control form-control-lg"
                if name == "q"
                else "form-select form-select-lg"
            )
        self.fields["q"].widget.input_type = "search"


def search(copies, data):
    """The copies matching the library's cleaned ``data``: every word of
    ``q`` (without accents, any case) in the copy's text, and each filter."""
    for word in fold(data.get("q") or "").split():
        copies = copies.filter(search_text__contains=word)
    if data.get("theme"):
        copies = copies.filter(themes__slug=data["theme"])
    if data.get("key_factor"):
        copies = copies.filter(key_factors=data["key_factor"])
    if data.get("country"):
        copies = copies.filter(city__country=data["country"])
    if data.get("city"):
        copies = copies.filter(city__slug=data["city"])
    return copies


def _library_etag(request):
    """Changes when a practice is published again or withdrawn (the latest
    publication, the count), and with the address and the reader's language."""
    state = PublishedPractice.objects.aggregate(
        latest=Max("published_at"), count=Count("pk")
    )
    key = "|".join(
        [
            str(state["latest"]),
            str(state["count"]),
            request.GET.urlencode(),
            reader_language(request),
        ]
    )
    return hashlib.sha256(key.encode()).hexdigest()[:32]


@public_page(etag=_library_etag)
def library(request):
    language = reader_language(request)
    with translation.override(language):  # the names in the filters' choices
        form = LibraryForm(request.GET)
        valid = form.is_valid()
    copies = PublishedPractice.objects.select_related("city")
    copies = search(copies, form.cleaned_data) if valid else copies.none()
    page = Paginator(copies.prefetch_related("themes"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    response = render_public(
        request,
        "public/library.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "searched": any(request.GET.get(name) for name in form.fields),
            "language_links": language_links(request, language),
        },
        language,
    )
    return varies_on_language_only(response)


def _practice_etag(request, pk):
    """The copy, its city's name (the page shows it) and the language."""
    found = (
        PublishedPractice.objects.filter(pk=pk)
        .values_list("published_at", *city_names("city"))
        .first()
    )
    if found is None:
        return None
    published, *names = found
    language = reader_language(request)
    return f"{pk}-{published.timestamp()}-{names_hash(names)}-{language}"


@public_page(etag=_practice_etag)
def practice_detail(request, pk):
    language = reader_language(request)
    copy = get_object_or_404(
        PublishedPractice.objects.select_related("city").prefetch_related(
            "themes", "key_factors"
        ),
        pk=pk,
    )
    response = render_public(
        request,
        "public/practice_detail.html",
        {
            "copy": copy,
            "view": copy_view(copy),
            "canonical": request.build_absolute_uri(copy.get_absolute_url()),
            "language_links": language_links(request, language),
        },
        language,
    )
    return varies_on_language_only(response)
