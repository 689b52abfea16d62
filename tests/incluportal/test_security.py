"""Sign-in hardening: throttling, two-factor, security headers."""

import base64
import re
import time

import pytest
import time_machine
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests import factories
from tests.support.htmlforms import parse

pytestmark = pytest.mark.django_db

PASSWORD = "a long enough pass phrase"


@pytest.fixture
def user():
    return factories.UserFactory(email="official@example.org", password=PASSWORD)


def _sign_in(client, email, password, next_url="", **extra):
    data = {"username": email, "password": password}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("login"), data, **extra)


def test_repeated_failures_pause_signing_in_and_say_until_when(client, user):
    for _ in range(4):
        assert _sign_in(client, user.email, "wrong").status_code == 200
    # The fifth failure pauses signing in; even the right password is
    # refused now, with the time to try again.
    assert _sign_in(client, user.email, "wrong").status_code == 429
    response = _sign_in(client, user.email, PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert "Signing in is paused" in page
    assert "You can try again at" in page
    assert "_auth_user_id" not in client.session


def test_the_pause_is_for_that_address_from_that_computer(client, user):
    for _ in range(5):
        _sign_in(client, user.email, "wrong")
    elsewhere = Client(REMOTE_ADDR="192.0.2.10")
    assert _sign_in(elsewhere, user.email, PASSWORD).status_code == 302


def test_a_success_clears_the_count(client, user):
    for _ in range(4):
        _sign_in(client, user.email, "wrong")
    assert _sign_in(client, user.email, PASSWORD).status_code == 302
    client.post(reverse("logout"))
    for _ in range(4):
        _sign_in(client, user.email, "wrong")
    assert _sign_in(client, user.email, PASSWORD).status_code == 302


def _enable_two_factor(user):
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def _next_code_period():
    """The clock a code period on: the app shows a new code."""
    return time_machine.travel(time.time() + 30, tick=True)


def _device_shown(page):
    """The authenticator app's view of the set-up page: the key it shows
    (what scanning the QR code gives), as a device that makes codes."""
    key = base64.b32decode(page.context["key"]).hex()
    return TOTPDevice(key=key)


def _code(device):
    return str(totp(device.bin_key, step=device.step, digits=device.digits)).zfill(
        device.digits
    )


def test_two_factor_asks_for_a_code_after_the_password(client, user):
    device = _enable_two_factor(user)
    response = _sign_in(client, user.email, PASSWORD, next_url="/programmes/")
    assert response.url == reverse("two_factor_verify")
    # Not signed in yet: the password alone is not enough.
    assert "_auth_user_id" not in client.session
    # Signed out: a page that needs signing in sends to the sign-in page.
    assert client.get(reverse("schemes:programme_list")).status_code == 302

    wrong = client.post(reverse("two_factor_verify"), {"token": "000000"})
    assert "This code is not right" in wrong.content.decode()
    assert "_auth_user_id" not in client.session

    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    response = client.post(reverse("two_factor_verify"), {"token": _code(device)})
    assert response.status_code == 302
    assert response.url == "/programmes/"
    assert client.session["_auth_user_id"] == str(user.pk)


def test_the_code_step_does_not_follow_a_next_to_another_site(client, user):
    device = _enable_two_factor(user)
    _sign_in(client, user.email, PASSWORD, next_url="https://evil.example/steal")
    response = client.post(reverse("two_factor_verify"), {"token": _code(device)})
    assert response.url == reverse("home")


def test_wrong_codes_are_throttled(client, user):
    device = _enable_two_factor(user)
    _sign_in(client, user.email, PASSWORD)
    for _ in range(3):
        client.post(reverse("two_factor_verify"), {"token": "000000"})
    # Even the right code waits now: each failure doubles the delay.
    response = client.post(reverse("two_factor_verify"), {"token": _code(device)})
    assert "Too many wrong codes" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_anyone_can_turn_two_factor_on_with_a_code_from_the_app(client, user):
    client.force_login(user)
    page = client.get(reverse("two_factor_setup"))
    assert b"<svg" in page.content  # the QR code, drawn on the server
    shown = _device_shown(page)
    # Opening the page stores nothing; opening it again shows the same key.
    assert not TOTPDevice.objects.filter(user=user).exists()
    again = _device_shown(client.get(reverse("two_factor_setup")))
    assert again.key == shown.key
    assert client.post(reverse("two_factor_setup"), {"token": "12"}).status_code == 200
    response = client.post(reverse("two_factor_setup"), {"token": _code(shown)})
    assert response.status_code == 200  # the recovery codes, shown once
    assert "Your recovery codes" in response.content.decode()
    device = TOTPDevice.objects.get(user=user)
    assert device.confirmed
    assert device.key == shown.key


def test_a_wrong_code_while_setting_up_is_counted(client, user):
    client.force_login(user)
    shown = _device_shown(client.get(reverse("two_factor_setup")))
    wrong = str((int(_code(shown)) + 1) % 1_000_000).zfill(6)
    client.post(reverse("two_factor_setup"), {"token": wrong})
    # Saved now, to keep the count of wrong codes (django-otp's throttling).
    pending = TOTPDevice.objects.get(user=user)
    assert (pending.confirmed, pending.key) == (False, shown.key)
    assert pending.throttling_failure_count == 1


@pytest.fixture
def strict_programme(world):
    world.programme.require_two_factor = True
    world.programme.save()
    return world.programme


def test_a_programme_can_require_two_factor_of_its_coordinators(
    strict_programme, world
):
    client = Client()
    client.force_login(world.users["coordinator"])
    response = client.get(reverse("schemes:scheme_detail", args=[world.scheme.pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("two_factor_setup"))
    # The city's users are not coordinators: nothing changes for them.
    mentee = Client()
    mentee.force_login(world.users["mentee"])
    assert mentee.get(reverse("home")).status_code == 200


def test_a_required_two_factor_cannot_be_turned_off(strict_programme, world):
    coordinator = world.users["coordinator"]
    device = _enable_two_factor(coordinator)
    client = Client()
    client.force_login(coordinator)
    # Signed in, but this session is not verified: confirm it first.
    # Signed out: a page that needs signing in sends to the sign-in page.
    assert client.get(reverse("schemes:programme_list")).status_code == 302
    client.post(reverse("two_factor_setup"), {"token": _code(device)})
    assert client.get(reverse("home")).status_code == 200
    device.refresh_from_db()
    with _next_code_period():  # a code is good once
        response = client.post(
            reverse("two_factor_setup"),
            {"disable-token": _code(device), "disable": "1"},
        )
    assert response.status_code == 302  # the code was right: refused as a rule
    assert TOTPDevice.objects.filter(user=coordinator, confirmed=True).exists()


def test_the_sign_in_page_sends_the_security_headers(client):
    response = client.get(reverse("login"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@override_settings(
    SECURE_HSTS_SECONDS=31536000,
    SECURE_HSTS_INCLUDE_SUBDOMAINS=True,
    SESSION_COOKIE_SECURE=True,
    CSRF_COOKIE_SECURE=True,
)
def test_over_https_the_sign_in_page_sends_hsts_and_secure_cookies(client):
    response = client.get(reverse("login"), secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert response.cookies["csrftoken"]["secure"]


def test_no_page_needs_an_inline_script_or_style():
    """The policy allows none, so the templates must hold none."""
    import re
    from pathlib import Path

    from django.conf import settings

    offenders = []
    for path in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        if "pdf" in path.parts:  # PDFs are rendered by WeasyPrint, not a browser
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text):
            offenders.append(f"{path}: inline <script>")
        if re.search(r"<style|\sstyle=|\son[a-z]+=", text):
            offenders.append(f"{path}: inline style or event handler")
    assert offenders == []


def test_only_web_addresses_become_links(world, client_for):
    practice = world.public_practice
    practice.links = "javascript:alert(1)\nhttps://example.org/cafe"
    practice.save()
    page = client_for("mentee").get(practice.get_absolute_url()).content.decode()
    assert 'href="https://example.org/cafe"' in page
    assert 'href="javascript' not in page
    assert "javascript:alert(1)" in page  # shown, as text


def test_addresses_in_any_case_share_one_count(client, user):
    for i in range(5):
        email = user.email.upper() if i % 2 else user.email
        _sign_in(client, email, "wrong")
    assert _sign_in(client, user.email, PASSWORD).status_code == 429


def test_the_admin_loads_nothing_from_elsewhere(client):
    admin = factories.UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    for url in ["/admin/schemes/programme/", "/admin/benchmarks/keyfactor/add/"]:
        page = client.get(url).content.decode()
        assert "googleapis" not in page and "//cdn" not in page, url


def test_a_coordinator_requires_two_factor_from_the_programme_page(world, client_for):
    client = client_for("coordinator")
    url = reverse("schemes:programme_two_factor", args=[world.programme.slug])
    assert client.post(url, {"require": "1"}).status_code == 302
    world.programme.refresh_from_db()
    assert world.programme.require_two_factor
    # From the next page on, the coordinator is asked to set it up.
    response = client.get(reverse("home"))
    assert response.url.startswith(reverse("two_factor_setup"))
    # A city cannot change it.
    assert client_for("mentee").post(url, {"require": "0"}).status_code == 403


def test_a_requirement_holds_for_every_coordinator_from_their_next_page(world):
    colleague = factories.UserFactory(email="colleague@example.org")
    factories.MembershipFactory(user=colleague, organisation=world.coordinator_org)
    signed_in = Client()
    signed_in.force_login(colleague)
    assert signed_in.get(reverse("home")).status_code == 200
    client = Client()
    client.force_login(world.users["coordinator"])
    url = reverse("schemes:programme_two_factor", args=[world.programme.slug])
    client.post(url, {"require": "1"})
    # The colleague's session was open before: the very next page asks.
    response = signed_in.get(reverse("home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("two_factor_setup"))
    strict_programme = world.programme
    strict_programme.require_two_factor = False
    strict_programme.save()
    assert signed_in.get(reverse("home")).status_code == 200


def test_joining_a_strict_programmes_coordinators_holds_from_the_next_page(
    strict_programme, world
):
    official = world.users["mentee"]
    client = Client()
    client.force_login(official)
    assert client.get(reverse("home")).status_code == 200
    factories.MembershipFactory(user=official, organisation=world.coordinator_org)
    # Signed out: a page that needs signing in sends to the sign-in page.
    assert client.get(reverse("schemes:programme_list")).status_code == 302


def test_the_requirement_is_read_with_the_user_in_no_query_of_its_own(
    strict_programme, world
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(world.users["mentee"])
    # A page that shows no programme: only the check can ask about them.
    url = reverse("password_change")
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    asking = [q["sql"] for q in queries if "require_two_factor" in q["sql"]]
    assert len(asking) == 1
    assert '"incluportal_user"."email"' in asking[0]  # the user's own query


def test_the_rule_matches_the_programmes_a_user_coordinates(strict_programme, world):
    from incluportal.models import User
    from incluportal.twofactor import two_factor_required
    from schemes.models import Programme

    superuser = factories.UserFactory(is_superuser=True)
    for user in [*User.objects.all(), superuser]:
        expected = (
            Programme.objects.coordinated_by(user)
            .filter(require_two_factor=True)
            .exists()
        )
        assert two_factor_required(user) is expected, user
    assert two_factor_required(world.users["coordinator"]) is True


def _recovery_codes(response):
    """The codes the page lists, each eight letters and digits 2-7 (base32)."""
    codes = parse(response.content.decode()).xpath(
        '//ul[contains(@class, "recovery-codes")]/li/text()'
    )
    return [str(code) for code in codes if re.fullmatch(r"[a-z2-7]{8}", code)]


def _turn_on(client, user):
    """Enrol through the page; the recovery codes it shows, and the device."""
    client.force_login(user)
    shown = _device_shown(client.get(reverse("two_factor_setup")))
    response = client.post(reverse("two_factor_setup"), {"token": _code(shown)})
    assert response.status_code == 200
    codes = _recovery_codes(response)
    return codes, TOTPDevice.objects.get(user=user)


def test_turning_two_factor_on_shows_ten_recovery_codes_once(client, user):
    codes, device = _turn_on(client, user)
    assert device.confirmed
    assert len(set(codes)) == 10
    home = client.get(reverse("home")).content.decode()
    assert not any(code in home for code in codes)  # shown once, never again
    page = client.get(reverse("two_factor_setup")).content.decode()
    assert "Unused recovery codes: 10" in page
    assert not any(code in page for code in codes)


def test_a_recovery_code_signs_in_once_in_place_of_the_app(client, user):
    codes, _device = _turn_on(client, user)
    client.post(reverse("logout"))
    _sign_in(client, user.email, PASSWORD, next_url="/programmes/")
    # Typed as people type: capitals, a space in the middle.
    typed = f"{codes[3][:4].upper()} {codes[3][4:]}"
    response = client.post(reverse("two_factor_verify"), {"token": typed})
    assert response.status_code == 302
    assert response.url == "/programmes/"
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.get(reverse("home")).status_code == 200
    client.post(reverse("logout"))
    _sign_in(client, user.email, PASSWORD)
    again = client.post(reverse("two_factor_verify"), {"token": codes[3]})
    assert "This recovery code is not right, or it is used" in again.content.decode()
    assert "_auth_user_id" not in client.session
    assert StaticToken.objects.filter(device__user=user).count() == 9


def test_a_coordinator_who_must_use_two_factor_signs_in_with_a_recovery_code(
    strict_programme, world
):
    coordinator = world.users["coordinator"]
    coordinator.set_password(PASSWORD)
    coordinator.save()
    codes, _device = _turn_on(Client(), coordinator)
    client = Client()
    _sign_in(client, coordinator.email, PASSWORD)
    client.post(reverse("two_factor_verify"), {"token": codes[0]})
    # Verified by the recovery code: the requirement is met.
    assert client.get(reverse("home")).status_code == 200


def test_new_recovery_codes_void_the_old_ones(client, user):
    old, device = _turn_on(client, user)
    response = client.post(
        reverse("two_factor_setup"),
        {"recovery-token": old[0], "recovery": "1"},
    )
    assert response.status_code == 200
    new = _recovery_codes(response)
    assert len(new) == 10 and not set(new) & set(old)
    tokens = set(
        StaticToken.objects.filter(device__user=user).values_list("token", flat=True)
    )
    assert tokens == set(new)
    # The session stays confirmed: the same recovery device holds the new codes.
    assert client.get(reverse("home")).status_code == 200


def test_new_recovery_codes_need_a_right_code(client, user):
    old, _device = _turn_on(client, user)
    response = client.post(
        reverse("two_factor_setup"),
        {"recovery-token": "aaaaaaaa", "recovery": "1"},
    )
    assert "This recovery code is not right" in response.content.decode()
    tokens = set(
        StaticToken.objects.filter(device__user=user).values_list("token", flat=True)
    )
    assert tokens == set(old)


def test_turning_two_factor_off_removes_the_recovery_codes(client, user):
    _codes, device = _turn_on(client, user)
    with _next_code_period():
        client.post(
            reverse("two_factor_setup"),
            {"disable-token": _code(device), "disable": "1"},
        )
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticToken.objects.filter(device__user=user).exists()


def test_the_recovery_code_pages_read_in_latvian(client, user):
    # Signed in, the pages are in the person's language (not the cookie's).
    user.language = "lv"
    user.save(update_fields=["language"])
    codes, device = _turn_on(client, user)
    assert len(codes) == 10
    page = client.get(reverse("two_factor_setup")).content.decode()
    assert "Neizmantotie atkopšanas kodi: 10" in page


def test_staff_see_who_has_recovery_codes_but_never_the_codes(client, user):
    codes, device = _turn_on(client, user)
    staff = Client()
    staff.force_login(factories.UserFactory(is_staff=True, is_superuser=True))
    recovery = StaticToken.objects.filter(device__user=user).first().device
    for url in [
        reverse("admin:otp_static_staticdevice_change", args=[recovery.pk]),
        reverse("admin:otp_totp_totpdevice_change", args=[device.pk]),
    ]:
        page = staff.get(url)
        assert page.status_code == 200
        assert not any(code in page.content.decode() for code in codes)
        assert device.key not in page.content.decode()
