import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

ADMIN_LISTS = [
    "admin:incluportal_user_changelist",
    "admin:schemes_organisation_changelist",
    "admin:schemes_city_changelist",
    "admin:schemes_association_changelist",
    "admin:schemes_partner_changelist",
    "admin:schemes_programme_changelist",
    "admin:schemes_participation_changelist",
    "admin:schemes_membership_changelist",
    "admin:schemes_scheme_changelist",
    "admin:benchmarks_theme_changelist",
    "admin:benchmarks_benchmark_changelist",
    "admin:benchmarks_keyfactor_changelist",
    "admin:schemes_selfassessment_changelist",
    "admin:schemes_questionanswer_changelist",
    "admin:schemes_cityguide_changelist",
    "admin:schemes_guidepublication_changelist",
    "admin:schemes_publishedpractice_changelist",
]


def test_every_model_has_an_admin():
    from django.apps import apps
    from django.contrib import admin as django_admin

    ours = [
        m
        for app in ("incluportal", "schemes", "benchmarks")
        for m in apps.get_app_config(app).get_models()
    ]
    # Parts edited inline with their parent need no page of their own.
    inline_only = {
        "ContextualFactor",
        "GuidingQuestion",
        "Example",
        "Rating",
        "GoodPracticeCriterion",
        "AgendaItem",
        "ActionPlanRow",
        "ActionPlanVersion",
        "SchemeCity",
        "GuideEntry",
    }
    from simple_history.admin import SimpleHistoryAdmin

    def history_shown(model):
        """A historical model is shown by its document's admin (history view)."""
        tracked = getattr(model, "instance_type", None)
        admin_ = django_admin.site._registry.get(tracked)
        return isinstance(admin_, SimpleHistoryAdmin)

    missing = [
        m.__name__
        for m in ours
        if m not in django_admin.site._registry
        and m.__name__ not in inline_only
        and not history_shown(m)
    ]
    assert missing == []


@pytest.mark.parametrize("url_name", ADMIN_LISTS)
def test_staff_can_open_every_admin_list(client, world, url_name):
    client.force_login(factories.UserFactory(is_staff=True, is_superuser=True))
    assert client.get(reverse(url_name)).status_code == 200


@pytest.mark.parametrize("persona", ["coordinator", "mentee", "other_programme"])
def test_people_without_staff_status_are_sent_to_the_admin_sign_in(
    client_for, world, persona
):
    response = client_for(persona).get(reverse("admin:index"))
    assert response.status_code == 302
    assert "/admin/login/" in response.url


def test_staff_export_cities_with_natural_keys_from_the_admin(client, world):
    client.force_login(factories.UserFactory(is_staff=True, is_superuser=True))
    response = client.post(
        reverse("admin:schemes_city_export"),
        {
            "format": "0",
            "export_items": [],
            "resource": "0",
            "cityresource_slug": "on",
            "cityresource_name_en": "on",
            "cityresource_associations": "on",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.splitlines()[0].startswith("slug,name_en,associations")
    assert "jelgava,Jelgava,lalrg" in body


def test_staff_import_cities_with_a_preview_first(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(factories.UserFactory(is_staff=True, is_superuser=True))
    csv = (
        b"slug,name_en,name_lv,country,population,website,associations\n"
        b"ventspils,Ventspils,Ventspils,LV,33000,,lalrg\n"
    )
    response = client.post(
        reverse("admin:schemes_city_import"),
        {
            "resource": "0",
            "format": "0",
            "import_file": SimpleUploadedFile("cities.csv", csv, "text/csv"),
        },
    )
    assert response.status_code == 200
    assert "Ventspils" in response.content.decode()
    from schemes.models import City

    assert not City.objects.filter(slug="ventspils").exists()  # only a preview


def test_every_admin_form_with_a_web_address_opens(client, world):
    """Django 5.2 warned of Django 6's https default on each of their URL
    fields: a 500 wherever warnings are errors, as in this suite."""
    from django.contrib import admin
    from django.db import models
    from django.test import RequestFactory

    staff = factories.UserFactory(is_staff=True, is_superuser=True)
    client.force_login(staff)
    request = RequestFactory().get("/admin/")
    request.user = staff
    for model, model_admin in admin.site._registry.items():
        shown = [model, *(inline.model for inline in model_admin.inlines)]
        if not any(
            isinstance(f, models.URLField) for m in shown for f in m._meta.get_fields()
        ):
            continue
        meta = model._meta
        urls = []
        if model_admin.has_add_permission(request):  # not the read-only ones
            urls.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_add"))
        obj = model._default_manager.order_by("pk").first()
        if obj is not None:
            name = f"admin:{meta.app_label}_{meta.model_name}_change"
            urls.append(reverse(name, args=[obj.pk]))
        for url in urls:
            assert client.get(url).status_code == 200, url


def test_the_public_face_is_read_only_in_the_admin(client, world):
    """Written only through the cities' services (publishing, withdrawing):
    staff can look, not change."""
    from schemes.models import CityGuide
    from schemes.public import services

    guide = services.guide_for_city(city=world.mentee_city, by=world.users["mentee"])
    client.force_login(factories.UserFactory(is_staff=True, is_superuser=True))
    page = client.get(reverse("admin:schemes_cityguide_change", args=[guide.pk]))
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    assert client.get(reverse("admin:schemes_cityguide_add")).status_code == 403
    response = client.post(
        reverse("admin:schemes_cityguide_delete", args=[guide.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert CityGuide.objects.filter(pk=guide.pk).exists()
