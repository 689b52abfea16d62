"""No browser or proxy keeps a page of the portal (incluportal/middleware.py);
the permission audit (tests/test_permissions.py) checks every URL for every
persona, these the answers it does not reach."""

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

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


def test_a_page_read_again_is_rendered_again_and_kept_by_no_browser(world, client_for):
    # The server keeps no page either: a page read again shows what was
    # saved in between, and no answer says it came from a cache.
    client = client_for("mentee")
    url = reverse("schemes:action_plan", args=[world.scheme.pk])
    first = client.get(url)
    plan = world.scheme.action_plan
    plan.rows.create(number=99, action="Open a second language café")
    again = client.get(url)
    assert "Open a second language café" not in first.content.decode()
    assert "Open a second language café" in again.content.decode()
    for answer in (first, again):
        assert answer["Cache-Control"] == "private, no-store"
        assert "X-Page-Cache" not in answer


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
