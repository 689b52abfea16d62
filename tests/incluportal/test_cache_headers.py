"""No browser or proxy keeps a page of the portal (incluportal/middleware.py);
the permission audit (tests/test_permissions.py) checks every URL for every
persona, these the answers it does not reach."""

import pytest
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from incluportal import pagecache
from tests import factories
from tests.test_permissions import no_store

pytestmark = pytest.mark.django_db


def test_a_pdf_and_the_exports_are_kept_by_no_browser(world, client_for):
    client = client_for("coordinator")
    for url in [
        reverse("schemes:scheme_dossier_pdf", args=[world.scheme.pk]),
        reverse("schemes:data_export", args=[world.programme.slug, "people"]),
        reverse("schemes:data_export", args=[world.programme.slug, "people"])
        + "?format=xlsx",
        reverse("benchmarks:benchmark_export") + "?format=csv",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] != "text/html; charset=utf-8", url
        assert response["Cache-Control"] == "private, no-store", url


def test_a_page_answered_by_the_page_cache_is_kept_by_no_browser(
    world, client_for, settings
):
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    client = client_for("mentee")
    url = reverse("schemes:action_plan", args=[world.scheme.pk])
    answers = [client.get(url) for _ in range(3)]
    assert [a.get("X-Page-Cache") for a in answers] == [None, "miss", "hit"]
    assert all(a["Cache-Control"] == "private, no-store" for a in answers)
    # What the server keeps is the page, not a header for browsers.
    kept = cache.get(pagecache._key(answers[2].wsgi_request, pagecache.generation()))
    assert kept is not None
    assert "Cache-Control" not in kept[1]


def test_the_admin_and_a_page_that_forbids_caching_itself_say_no_store_too(
    world, client_for
):
    admin = Client()
    admin.force_login(factories.UserFactory(is_staff=True, is_superuser=True))
    assert no_store(admin.get(reverse("admin:index")))
    # never_cache's own directives are kept, private and no-store with them.
    response = client_for("coordinator").get(reverse("two_factor_setup"))
    assert no_store(response)
    assert "no-cache" in response["Cache-Control"]


def test_static_files_keep_their_caching():
    assert finders.find("incluportal/js/errors.js")
    response = Client().get("/static/incluportal/js/errors.js")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
