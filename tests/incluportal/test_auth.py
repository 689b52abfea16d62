import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_it_signs_in_with_an_email_address_in_any_case(client):
    UserFactory(email="official@jelgava.example")
    response = client.post(
        reverse("login"),
        {"username": "Official@Jelgava.EXAMPLE", "password": TEST_PASSWORD},
    )
    assert response.status_code == 302
    assert response.url == reverse("home")


def test_it_refuses_a_wrong_password_with_a_message(client):
    UserFactory(email="official@jelgava.example")
    response = client.post(
        reverse("login"),
        {"username": "official@jelgava.example", "password": "wrong"},
    )
    assert response.status_code == 200
    assert "correct e-mail address and password" in response.content.decode()


def test_it_follows_a_safe_next_url(client):
    UserFactory(email="a@example.org")
    response = client.post(
        reverse("login") + "?next=/programmes/",
        {
            "username": "a@example.org",
            "password": TEST_PASSWORD,
            "next": "/programmes/",
        },
    )
    assert response.url == "/programmes/"


def test_it_ignores_a_next_url_on_another_site(client):
    UserFactory(email="a@example.org")
    response = client.post(
        reverse("login"),
        {
            "username": "a@example.org",
            "password": TEST_PASSWORD,
            "next": "https://evil.example/steal",
        },
    )
    assert response.url == reverse("home")


def test_it_signs_out_on_post(client):
    client.force_login(UserFactory())
    response = client.post(reverse("logout"))
    assert response.url == reverse("login")
    # Signed out: a page that needs signing in sends to the sign-in page.
    assert client.get(reverse("schemes:programme_list")).status_code == 302


def test_it_emails_a_reset_link_that_sets_a_new_password(
    client, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://portal.example.org"  # the link's, not the request's
    user = UserFactory(email="reset@example.org")
    # Queued like every message, delivered when the request's writes commit.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("password_reset"), {"email": "reset@example.org"})
    assert len(mail.outbox) == 1
    link = re.search(r"https://portal\.example\.org(/\S+)", mail.outbox[0].body).group(
        1
    )
    response = client.get(link, follow=True)
    form_url = response.redirect_chain[-1][0]
    new = "a-much-better-passphrase-2026"
    response = client.post(form_url, {"new_password1": new, "new_password2": new})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)


def test_it_does_not_tell_whether_an_address_has_an_account(client):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_it_refuses_a_weak_new_password(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": TEST_PASSWORD,
            "new_password1": "12345678",
            "new_password2": "12345678",
        },
    )
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.check_password(TEST_PASSWORD)


def test_the_sign_in_page_names_itself(client):
    html = client.get(reverse("login")).content.decode()
    assert "<title>Sign in · IncluPortal</title>" in html
