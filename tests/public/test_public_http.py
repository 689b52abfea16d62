"""How every public page answers (schemes.public.http): cacheable for
everyone, the session untouched, limited per address, in its own language."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from incluportal import ratelimit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_a_public_page_is_cacheable_and_reads_no_session(client, django_user_model):
    response = client.get(reverse("public:index"))
    assert response.status_code == 200
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert "public" in directives
    assert "no-store" not in directives and "private" not in directives
    assert "cookie" not in response.get("Vary", "").lower()
    assert not response.cookies


def test_a_signed_in_reader_gets_the_same_answer(client, django_user_model, settings):
    """A coordinator required to use two factors, not yet verified, is sent
    to the two-factor page everywhere in the portal, but not on public pages:
    they never look at who is signed in."""
    anonymous = client.get(reverse("public:index"), HTTP_ACCEPT_LANGUAGE="lv")
    user = django_user_model.objects.create_user(
        email="reader@example.org", password="x" * 12
    )
    user.two_factor_is_required = True
    client.force_login(user)
    signed_in = client.get(reverse("public:index"), HTTP_ACCEPT_LANGUAGE="lv")
    assert signed_in.status_code == 200
    assert signed_in.content == anonymous.content
    assert "cookie" not in signed_in.get("Vary", "").lower()


def test_a_portal_page_stays_private(client):
    response = client.get(reverse("login"))
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize(
    ("header", "language", "direction"),
    [
        ("ar,en;q=0.5", "ar", "rtl"),
        ("fa-AF,en;q=0.5", "fa", "rtl"),
        ("uk-UA,uk;q=0.9", "uk", "ltr"),
        ("zu,lv;q=0.8", "lv", "ltr"),  # the first one the pages speak
        ("zu", "en", "ltr"),  # none: English
    ],
)
def test_the_index_speaks_the_readers_browser_language(
    client, header, language, direction
):
    response = client.get(reverse("public:index"), HTTP_ACCEPT_LANGUAGE=header)
    assert response["Content-Language"] == language
    assert f'<html lang="{language}" dir="{direction}">' in response.content.decode()
    assert "Accept-Language" in response["Vary"]


def test_the_language_cookie_of_the_portal_is_not_read(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "lv"
    response = client.get(reverse("public:index"), HTTP_ACCEPT_LANGUAGE="uk")
    assert response["Content-Language"] == "uk"


def test_too_many_requests_from_one_address_are_refused(client, settings):
    settings.PUBLIC_RATE_LIMIT = 3
    url = reverse("public:index")
    answers = [client.get(url, REMOTE_ADDR="192.0.2.7").status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    refused = client.get(url, REMOTE_ADDR="192.0.2.7")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 61
    assert "no-store" in refused["Cache-Control"]  # a refusal is not kept
    # Another address is counted apart.
    assert client.get(url, REMOTE_ADDR="192.0.2.8").status_code == 200


def test_a_limit_of_zero_switches_it_off(client, settings):
    settings.PUBLIC_RATE_LIMIT = 0
    url = reverse("public:index")
    assert {client.get(url).status_code for _ in range(5)} == {200}


def test_an_unreachable_cache_lets_the_request_through(rf, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("no cache")

    monkeypatch.setattr(ratelimit.cache, "add", broken)
    request = rf.get("/public/")
    assert ratelimit.over_limit(request, "public", 1, 60) is False


def test_the_window_turns(rf, monkeypatch):
    request = rf.get("/public/", REMOTE_ADDR="192.0.2.9")
    now = [1_000_040.0]  # 20 s into a window of 60
    monkeypatch.setattr(ratelimit.time, "time", lambda: now[0])
    assert not ratelimit.over_limit(request, "t", 1, 60)
    assert ratelimit.over_limit(request, "t", 1, 60)
    assert ratelimit.retry_after(60) == 41
    now[0] += 40  # the next window
    assert not ratelimit.over_limit(request, "t", 1, 60)


def test_a_missing_public_page_is_a_public_404_in_the_address_language(client):
    response = client.get("/public/cities/nowhere/ar/")
    assert response.status_code == 404
    assert response["Content-Language"] == "ar"
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert reverse("public:index") in html
    assert reverse("login") in html  # the public footer, not the portal's menu
    assert "csrfmiddlewaretoken" not in html
    assert not response.cookies
    assert "cookie" not in response.get("Vary", "").lower()


def test_a_missing_public_page_without_a_language_reads_the_browser(client):
    response = client.get("/public/nothing-here/", HTTP_ACCEPT_LANGUAGE="uk,en;q=0.5")
    assert response.status_code == 404
    assert response["Content-Language"] == "uk"


def test_a_missing_portal_page_is_the_portals_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert 'dir="rtl"' not in response.content.decode()
    assert "public-page" not in response.content.decode()
