"""Annex 4: the good-practice library."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_countries import countries

from benchmarks.models import Benchmark, FrameworkKind, KeyFactor, Theme
from incluportal import conflicts
from incluportal.conflicts import EditConflict, posted_revision
from incluportal.forms import LongSelect
from incluportal.validators import slug_or_empty
from schemes import access, selectors, services
from schemes.forms import GoodPracticeMetaForm, part_form_class
from schemes.models import (
    GoodPractice,
    GoodPracticeCriterion,
    Organisation,
    PublishedPractice,
)
from schemes.public.views_library import practice_view
from schemes.work import annexes
from schemes.work.search import planned_for_memory, search_good_practices
from schemes.work.services import good_practices as practice_services

PART = annexes.GOOD_PRACTICE_PART
CRITERIA_SLUG = "unhcr-good-practice-criteria"


class LibraryFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Search"), required=False, max_length=200)
    theme = forms.ModelChoiceField(
        Theme.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=gettext_lazy("All themes"),
        label=gettext_lazy("Theme"),
    )
    key_factor = forms.ModelChoiceField(
        KeyFactor.objects.current()
        .filter(benchmark__kind=FrameworkKind.BENCHMARK)
        .select_related("benchmark"),
        required=False,
        empty_label=gettext_lazy("All key factors"),
        label=gettext_lazy("Key factor"),
    )
    # Hundreds of cities: selects that render without a template per option.
    country = forms.ChoiceField(
        required=False, label=gettext_lazy("Country"), widget=LongSelect
    )
    city = forms.ChoiceField(
        required=False, label=gettext_lazy("City"), widget=LongSelect
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The countries of the portal's cities, not every country there is.
        present = set(Organisation.objects.cities().values_list("country", flat=True))
        self.fields["country"].choices = [
            ("", _("All countries")),
            *((code, name) for code, name in countries if code in present),
        ]
        # Slugs and names only: no model instance for each of the cities.
        self.fields["city"].choices = [
            ("", _("All cities")),
            *Organisation.objects.cities().values_list("slug", "name"),
        ]
        for name, field in self.fields.items():
            field.widget.attrs["class"] = (
                "form-control" if name == "q" else "form-select"
            )


@login_required
def good_practice_list(request):
    # The queries run as the page renders: all of it is planned for memory.
    with planned_for_memory():
        return _library(request)


def _library(request):
    form = LibraryFilterForm(request.GET or None)
    practices = GoodPractice.objects.visible_to(request.user).select_related("city")
    if form.is_valid():
        data = form.cleaned_data
        if data["theme"]:
            practices = practices.filter(themes=data["theme"])
        if data["key_factor"]:
            practices = practices.filter(key_factors=data["key_factor"])
        if data["country"]:
            practices = practices.filter(city__country=data["country"])
        if data["city"]:
            practices = practices.filter(city__slug=data["city"])
        practices = search_good_practices(practices, data["q"])
    page = Paginator(practices.prefetch_related("themes"), 20).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "schemes/good_practice_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "my_cities": _my_cities(request.user),
        },
    )


def _my_cities(user):
    return Organisation.objects.cities().filter(memberships__user=user)


def _get_readable(user, pk):
    practice = get_object_or_404(
        GoodPractice.objects.select_related("city").prefetch_related(
            "themes", "key_factors__benchmark"
        ),
        pk=pk,
    )
    if not access.can_read(user, practice):
        raise Http404
    return practice


@login_required
def good_practice_detail(request, pk):
    practice = _get_readable(request.user, pk)
    criteria = practice.criteria.select_related("criteria_area")
    publication = PublishedPractice.objects.filter(practice=practice).first()
    return render(
        request,
        "schemes/good_practice_detail.html",
        {
            "practice": practice,
            "publication": publication,
            "changed_since_publication": publication is not None
            and publication.content.get("revision") != practice.revision,
            "can_publish": access.is_author(request.user, practice),
            "part": PART,
            "criteria": criteria,
            "can_edit": access.can_write(request.user, practice),
            "gp_actions": selectors.document_actions(request.user, practice),
            "completeness": PART.completeness(practice),
        },
    )


@login_required
def good_practice_create(request):
    cities = _my_cities(request.user)
    if not cities.exists():
        raise PermissionDenied
    city = cities.filter(slug=slug_or_empty(request.GET.get("city"))).first()
    city = city or cities.first()
    practice = GoodPractice(city=city, location=city.name)
    return _good_practice_form(request, practice, created=True)


@login_required
def good_practice_edit(request, pk):
    practice = _get_readable(request.user, pk)
    if not access.can_write(request.user, practice):
        if not practice.is_editable:
            messages.info(request, _("This good practice is submitted and read-only."))
            return redirect(practice)
        raise PermissionDenied
    return _good_practice_form(request, practice)


def _good_practice_form(request, practice, created=False):
    form = part_form_class(GoodPractice, PART)(request.POST or None, instance=practice)
    # The library lists practices by name: a practice needs one to be saved.
    form.fields["title"].required = True
    meta = GoodPracticeMetaForm(request.POST or None, instance=practice, prefix="meta")
    conflict = None
    if request.method == "POST" and form.is_valid() and meta.is_valid():
        values = {
            **{n: form.cleaned_data[n] for n in PART.field_names()},
            **meta.cleaned_data,
        }
        try:
            if created:
                practice = services.good_practice_create(
                    city=practice.city, values=values, by=request.user
                )
            else:
                services.document_save(
                    document=practice,
                    values=values,
                    by=request.user,
                    revision=posted_revision(request.POST),
                )
        except EditConflict as exc:
            conflict = exc
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The good practice is saved."))
            return redirect(practice)
    return render(
        request,
        "schemes/good_practice_form.html",
        {
            "practice": practice,
            "form": form,
            "meta": meta,
            "part": PART,
            "created": created,
            **conflicts.form_context(conflict, practice),
        },
        status=conflicts.status(conflict),
    )


@login_required
def good_practice_criteria(request, pk):
    """Rate a good practice against the five UNHCR good-practice criteria areas."""
    practice = _get_readable(request.user, pk)
    if not access.can_write(request.user, practice):
        raise PermissionDenied
    framework = Benchmark.objects.filter(slug=CRITERIA_SLUG).first()
    if framework is None:
        raise Http404
    areas = list(framework.key_factors.prefetch_related("questions"))
    existing = {c.criteria_area_id: c for c in practice.criteria.all()}
    level_choices = [
        ("", _("Not rated")),
        *GoodPracticeCriterion._meta.get_field("level").choices,
    ]
    fields = {}
    for area in areas:
        current = existing.get(area.pk)
        fields[f"level_{area.pk}"] = forms.TypedChoiceField(
            label=area.title,
            choices=level_choices,
            coerce=int,
            empty_value=None,
            required=False,
            initial=current.level if current else None,
        )
        fields[f"comment_{area.pk}"] = forms.CharField(
            label=_("Comment"),
            required=False,
            max_length=5000,
            initial=current.comment if current else "",
            widget=forms.Textarea(attrs={"rows": 2}),
        )
    form = type("CriteriaForm", (forms.Form,), fields)(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.good_practice_criteria_save(
            practice=practice,
            ratings={
                area: (
                    form.cleaned_data[f"level_{area.pk}"],
                    form.cleaned_data[f"comment_{area.pk}"],
                )
                for area in areas
            },
            by=request.user,
        )
        messages.success(request, _("The criteria ratings are saved."))
        return redirect(practice)
    rows = [
        (area, form[f"level_{area.pk}"], form[f"comment_{area.pk}"]) for area in areas
    ]
    return render(
        request,
        "schemes/good_practice_criteria.html",
        {"practice": practice, "form": form, "rows": rows, "framework": framework},
    )


def _get_published_by_city(user, pk):
    """A practice its city's officers (only they) publish or withdraw."""
    practice = _get_readable(user, pk)
    if not access.is_author(user, practice):
        raise PermissionDenied
    return practice


@login_required
def good_practice_publish(request, pk):
    """GET: exactly what the public would read; POST: publish it."""
    practice = _get_published_by_city(request.user, pk)
    problem = practice_services.publication_problem(practice)
    if request.method == "POST" and problem is None:
        try:
            practice_services.good_practice_publish(practice=practice, by=request.user)
        except ValidationError as error:
            problem = " ".join(error.messages)
        else:
            messages.success(
                request, _("The good practice is published in the public library.")
            )
            return redirect(practice)
    publication = PublishedPractice.objects.filter(practice=practice).first()
    view = practice_view(
        title=practice.title,
        city=practice.city,
        themes=list(practice.themes.all()),
        key_factors=list(practice.key_factors.all()),
        content=practice_services.public_copy(practice),
    )
    return render(
        request,
        "schemes/good_practice_publish.html",
        {
            "practice": practice,
            "view": view,
            "problem": problem,
            "publication": publication,
            "withheld": [
                f for f in PART.fields if f.name in practice_services.PERSONAL_FIELDS
            ],
        },
        status=409 if problem and request.method == "POST" else 200,
    )


@login_required
@require_POST
def good_practice_withdraw(request, pk):
    """Take the practice out of the public library."""
    practice = _get_published_by_city(request.user, pk)
    practice_services.good_practice_withdraw(practice=practice, by=request.user)
    messages.success(
        request, _("The good practice is withdrawn from the public library.")
    )
    return redirect(practice)
