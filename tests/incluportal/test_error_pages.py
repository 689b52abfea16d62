import pytest
from django.test import Client
from django.urls import path

from incluportal import urls as portal_urls

pytestmark = pytest.mark.django_db


def test_the_404_page_has_the_portal_look(client_for, world):
    response = client_for("mentee").get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert "portal-navbar" in html


def _boom(request):
    raise RuntimeError("boom")


urlpatterns = [path("boom/", _boom), *portal_urls.urlpatterns]
handler500 = portal_urls.handler500


def test_the_500_page_has_the_portal_look(settings):
    settings.ROOT_URLCONF = __name__
    response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


def test_the_403_page_has_the_portal_look(client_for, world):
    from django.urls import reverse

    url = reverse("benchmarks:benchmark_import")
    response = client_for("mentee").get(url)
    assert response.status_code == 403
    html = response.content.decode()
    assert "Not allowed" in html and "portal-navbar" in html
