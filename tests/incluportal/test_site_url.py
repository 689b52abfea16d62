"""Links in e-mail start with SITE_URL (incluportal/emails.py), which make run
and make serve set to the address they listen on unless the environment
gives one."""

import os
import re
import subprocess
from pathlib import Path

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from incluportal import emails
from tests.factories import UserFactory
from tests.incluportal.test_emails import _submit

ROOT = Path(__file__).resolve().parents[2]
PUBLIC = "https://portal.example.lv"


def _links(body):
    return re.findall(r"\b\w+://\S+", body)


@pytest.mark.django_db
@override_settings(SITE_URL=PUBLIC + "/")
def test_an_invitation_links_to_the_configured_site_url_not_the_request_host(
    world, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_for("coordinator").post(
            reverse("schemes:invitation_create", args=[world.programme.slug]),
            {
                "email": "newcomer@jelgava.example",
                "full_name": "Anna",
                "organisation": world.mentee_city.pk,
            },
        )
    (message,) = mail.outbox
    links = _links(message.body)
    assert links and all(link.startswith(PUBLIC + "/invitations/") for link in links)


@pytest.mark.django_db
@override_settings(SITE_URL=PUBLIC)
def test_a_password_reset_links_to_the_configured_site_url(
    client, django_capture_on_commit_callbacks
):
    UserFactory(email="reset@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("password_reset"), {"email": "reset@example.org"})
    (message,) = mail.outbox
    links = _links(message.body)
    assert links and all(link.startswith(PUBLIC + "/") for link in links)
    assert "testserver" not in message.body


@pytest.mark.django_db
@override_settings(SITE_URL=PUBLIC)
def test_a_submitted_document_is_announced_with_a_link_on_the_site_url(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _submit(world)
    (message,) = mail.outbox
    links = _links(message.body)
    assert links and all(link.startswith(PUBLIC + "/") for link in links)


@override_settings(SITE_URL="http://127.0.0.1:8123/")
def test_every_message_is_given_the_site_url_without_a_final_slash():
    assert emails.site_url() == "http://127.0.0.1:8123"


def _make_n(*args, **env):
    environment = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    return subprocess.run(  # noqa: S603 - a fixed command, no shell
        ["make", "-n", *args],  # noqa: S607 - make from PATH, as a person runs it
        cwd=ROOT,
        env={**environment, **env},
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_make_run_passes_its_port_as_the_site_url():
    out = _make_n("run", "PORT=8123")
    assert 'SITE_URL="http://127.0.0.1:8123" ' in out
    assert "runserver 127.0.0.1:8123" in out


def test_make_serve_passes_its_port_as_the_site_url():
    assert 'SITE_URL="http://127.0.0.1:8123" bash .ci/serve.sh' in _make_n(
        "serve", "PORT=8123"
    )


def test_a_site_url_from_the_environment_wins():
    out = _make_n("run", "PORT=8123", SITE_URL=PUBLIC)
    assert f'SITE_URL="{PUBLIC}" ' in out


def test_serve_sh_defaults_the_site_url_to_its_port():
    script = (ROOT / ".ci" / "serve.sh").read_text()
    assert 'export SITE_URL="${SITE_URL:-http://127.0.0.1:$PORT}"' in script
