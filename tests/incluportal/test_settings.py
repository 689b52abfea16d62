import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from incluportal import settings as portal_settings

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "q3v8-production-like-secret-key-with-enough-length-and-variety-9Xz",
    "ALLOWED_HOSTS": "portal.example.eu",
    "HTTPS": "1",
    "STATIC_MANIFEST": "1",
    "DATABASE_URL": "sqlite:///:memory:",
}


def _manage(*args, env):
    # Only the variables under test: nothing of this test run's own set-up
    # (DJANGO_ALLOW_ASYNC_UNSAFE for the browser tests, say) may leak in.
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in PRODUCTION_ENV and not k.startswith("DJANGO_")
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_values():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_flags_the_local_defaults():
    # The same check must fail without production values, or the test above
    # would prove nothing.
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env={})
    assert result.returncode != 0
    assert "security.W009" in result.stderr + result.stdout  # the dev SECRET_KEY


@pytest.mark.parametrize(
    ("raw", "expected"), [("1", True), ("yes", True), ("off", False), ("", False)]
)
def test_env_bool_reads_common_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("SOME_FLAG", raw)
    assert portal_settings.env_bool("SOME_FLAG") is expected


def test_env_bool_refuses_nonsense(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG"):
        portal_settings.env_bool("SOME_FLAG")


def test_env_int_refuses_nonsense(monkeypatch):
    monkeypatch.setenv("SOME_NUMBER", "ten")
    with pytest.raises(ImproperlyConfigured, match="SOME_NUMBER"):
        portal_settings.env_int("SOME_NUMBER", 1)


def test_local_default_is_sqlite_and_console_email():
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL",)}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE',"
            " 'incluportal.settings'); django.setup();"
            " from django.conf import settings as s;"
            " print(s.DATABASES['default']['ENGINE'], s.EMAIL_BACKEND,"
            " s.POST_OFFICE['BACKENDS']['default'], s.DEBUG)",
        ],
        cwd=ROOT,
        env={k: v for k, v in env.items() if k not in ("EMAIL_BACKEND", "DEBUG")},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == [
        "django.db.backends.sqlite3",
        "post_office.EmailBackend",  # queued, then relayed to:
        "django.core.mail.backends.console.EmailBackend",
        "False",
    ], result.stderr
