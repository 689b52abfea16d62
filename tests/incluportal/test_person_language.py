"""Each person has a language (User.language): chosen at invitation, changed
on their settings page and with the switcher while signed in; their pages
follow it on any browser (incluportal.middleware.PersonLanguageMiddleware),
and so do the e-mails sent to them (tests/schemes/test_notifications.py)."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client, override_settings
from django.urls import reverse

from incluportal.i18n import language_choices
from incluportal.models import User
from incluportal.services import user_language_set
from schemes.models import Invitation
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def _lang(response):
    return re.search(r'<html lang="(\w+)"', response.content.decode()).group(1)


def _signed_in(user, **headers):
    """A browser of its own (a new session, no cookie), signed in as ``user``."""
    client = Client(**headers)
    client.force_login(user)
    return client


# The switcher.


def test_the_switcher_keeps_a_signed_in_persons_choice_for_every_browser(
    world, client_for
):
    response = client_for("mentee").post(
        reverse("set_language"), {"language": "lv", "next": reverse("home")}
    )
    assert response.status_code == 302
    mentee = world.users["mentee"]
    mentee.refresh_from_db()
    assert mentee.language == "lv"
    # Another browser: no cookie, an English one.
    home = _signed_in(mentee, HTTP_ACCEPT_LANGUAGE="en").get(reverse("home"))
    assert _lang(home) == "lv"
    assert home["Content-Language"] == "lv"
    assert "Sākums" in home.content.decode()


def test_the_persons_language_wins_over_the_browsers_cookie(world):
    mentee = world.users["mentee"]
    mentee.language = "lv"
    mentee.save()
    client = _signed_in(mentee)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert _lang(client.get(reverse("home"))) == "lv"


def test_before_signing_in_the_switcher_only_sets_the_cookie(world, client):
    response = client.post(reverse("set_language"), {"language": "lv"})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "lv"
    assert _lang(client.get(reverse("login"))) == "lv"
    assert set(User.objects.values_list("language", flat=True)) == {"en"}


def _sign_in(client, email):
    response = client.post(
        reverse("login"), {"username": email, "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    return client.get(reverse("home"))


def test_a_language_chosen_before_signing_in_is_kept_on_the_account(world, client):
    client.post(reverse("set_language"), {"language": "lv"})  # on the sign-in page
    assert _lang(_sign_in(client, "mentee@example.org")) == "lv"
    world.users["mentee"].refresh_from_db()
    assert world.users["mentee"].language == "lv"


def test_an_english_browser_without_a_choice_keeps_the_accounts_language(world):
    mentee = world.users["mentee"]
    mentee.language = "lv"
    mentee.save()
    client = Client(HTTP_ACCEPT_LANGUAGE="en-GB,en")
    assert _lang(client.get(reverse("login"))) == "en"
    assert _lang(_sign_in(client, "mentee@example.org")) == "lv"
    mentee.refresh_from_db()
    assert mentee.language == "lv"


def test_a_language_the_portal_does_not_offer_is_not_kept(world, client_for):
    response = client_for("mentee").post(reverse("set_language"), {"language": "de"})
    assert response.status_code == 302
    world.users["mentee"].refresh_from_db()
    assert world.users["mentee"].language == "en"


def test_the_public_pages_keep_their_own_language_for_a_signed_in_person(world):
    mentee = world.users["mentee"]
    mentee.language = "lv"
    mentee.save()
    response = _signed_in(mentee).get("/robots.txt")
    assert response.status_code == 200
    assert "Cookie" not in response.get("Vary", "")


# The settings page.


def test_a_person_changes_their_language_on_their_settings_page(world, client_for):
    client = client_for("mentee")
    page = client.get(reverse("notification_settings")).content.decode()
    assert 'name="language"' in page
    assert '<option value="lv">Latviešu</option>' in page
    response = client.post(
        reverse("notification_settings"),
        {"language": "lv", "email_notifications": "on"},
        follow=True,
    )
    mentee = world.users["mentee"]
    mentee.refresh_from_db()
    assert (mentee.language, mentee.email_notifications) == ("lv", True)
    assert _lang(response) == "lv"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "lv"
    assert "Sākums" in response.content.decode()  # the page after it


def test_an_unknown_language_is_a_form_error_and_changes_nothing(world, client_for):
    response = client_for("mentee").post(
        reverse("notification_settings"), {"language": "xx"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["language"]
    mentee = world.users["mentee"]
    mentee.refresh_from_db()
    assert (mentee.language, mentee.email_notifications) == ("en", True)


def test_only_the_person_sets_their_language_and_only_an_offered_one(world):
    mentee, coordinator = world.users["mentee"], world.users["coordinator"]
    with pytest.raises(PermissionDenied):
        user_language_set(user=mentee, language="lv", by=coordinator)
    with pytest.raises(ValidationError) as error:
        user_language_set(user=mentee, language="de", by=mentee)
    assert "language" in error.value.message_dict
    assert mentee.language == "en"
    mentee.refresh_from_db()
    assert mentee.language == "en"


@override_settings(LANGUAGES=[("en", "English"), ("de", "German")])
def test_a_language_added_to_the_setting_is_offered_without_a_migration(world):
    assert language_choices() == [("en", "English"), ("de", "Deutsch")]
    mentee = world.users["mentee"]
    user_language_set(user=mentee, language="de", by=mentee)
    mentee.refresh_from_db()
    assert mentee.language == "de"
    with pytest.raises(ValidationError):
        user_language_set(user=mentee, language="lv", by=mentee)  # gone


# The invitation.


def _invite(client, world, **extra):
    return client.post(
        reverse("schemes:invitation_create", args=[world.programme.slug]),
        {
            "email": "newcomer@jelgava.example",
            "full_name": "Anna",
            "organisation": world.mentee_city.pk,
            **extra,
        },
    )


def test_the_invitation_offers_the_inviters_language_first(world, client_for):
    coordinator = world.users["coordinator"]
    coordinator.language = "lv"
    coordinator.save()
    form = client_for("coordinator").get(
        reverse("schemes:invitation_create", args=[world.programme.slug])
    )
    assert form.context["form"]["language"].initial == "lv"
    assert '<option value="lv" selected>Latviešu</option>' in form.content.decode()


def test_an_invitation_in_latvian_is_written_shown_and_kept_in_latvian(
    world, client, django_capture_on_commit_callbacks
):
    client.force_login(world.users["coordinator"])  # an English reader
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(client, world, language="lv")
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.language == "lv"
    (message,) = mail.outbox
    assert message.subject.startswith("Uzaicinājums uz IncluPortal: ")
    assert message.extra_headers["Content-Language"] == "lv"
    # The invitee's own browser: no cookie, an English one.
    invitee = Client(HTTP_ACCEPT_LANGUAGE="en")
    page = invitee.get(invitation.get_absolute_url())
    assert page.status_code == 200
    assert _lang(page) == "lv"
    invitee.post(
        invitation.get_absolute_url(),
        {"full_name": "Anna Bērziņa", "password1": "a-long-latvian-passphrase",
         "password2": "a-long-latvian-passphrase"},
    )  # fmt: skip
    assert User.objects.get(email="newcomer@jelgava.example").language == "lv"
    assert _lang(invitee.get(reverse("home"))) == "lv"


def test_an_invitee_who_switches_the_page_gets_an_account_in_that_language(
    world, client_for
):
    _invite(client_for("coordinator"), world, language="lv")
    invitation = Invitation.objects.get()
    invitee = Client()
    invitee.post(reverse("set_language"), {"language": "en"})
    assert _lang(invitee.get(invitation.get_absolute_url())) == "en"
    invitee.post(
        invitation.get_absolute_url(),
        {"full_name": "Anna Bērziņa", "password1": "a-long-latvian-passphrase",
         "password2": "a-long-latvian-passphrase"},
    )  # fmt: skip
    assert User.objects.get(email="newcomer@jelgava.example").language == "en"


def test_an_invitation_without_a_language_is_in_the_inviters(world, client_for):
    coordinator = world.users["coordinator"]
    coordinator.language = "lv"
    coordinator.save()
    _invite(client_for("coordinator"), world)
    assert Invitation.objects.get().language == "lv"


def test_an_invitation_in_an_unknown_language_is_refused(world, client_for):
    response = _invite(client_for("coordinator"), world, language="xx")
    assert response.status_code == 200
    assert response.context["form"].errors["language"]
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_a_french_invitation_is_written_in_french(
    world, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _invite(client_for("coordinator"), world, language="fr")
    (message,) = mail.outbox
    assert message.subject.startswith("Invitation à IncluPortal : ")
    assert Invitation.objects.get().language == "fr"


# Django's password reset.


def test_the_password_reset_is_in_the_account_owners_language(
    world, client, django_capture_on_commit_callbacks
):
    mentee = world.users["mentee"]
    mentee.language = "lv"
    mentee.save()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("password_reset"),
            {"email": "mentee@example.org"},
            HTTP_ACCEPT_LANGUAGE="en",
        )
    (message,) = mail.outbox
    assert message.subject == "Izvēlieties jaunu IncluPortal paroli"
