"""The switches of docs/deploy.md: REDIS_URL and AWS_STORAGE_BUCKET_NAME.

Each case imports the settings in a fresh interpreter with only the variables
under test set, as a server would start. Nothing here reaches the network.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.incluportal.test_settings import PRODUCTION_ENV

ROOT = Path(__file__).resolve().parents[2]

# Variables a developer's shell (or this test run) may hold that would change
# what the settings decide.
_OURS = (
    "REDIS_URL",
    "CACHE_KEY_PREFIX",
    "AWS_",
    "DJANGO_",
    "DATABASE_URL",
    "CONN_MAX_AGE",
    "DISABLE_SERVER_SIDE_CURSORS",
)

_REPORT = """
import json, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "incluportal.settings")
import django
django.setup()
from django.conf import settings
from django.core.cache import caches
from django.core.files.storage import storages
storage = storages["default"]
def path(obj):
    return type(obj).__module__ + "." + type(obj).__name__
out = {
    "cache": path(caches["default"]),
    "cache_location": settings.CACHES["default"].get("LOCATION"),
    "cache_prefix": settings.CACHES["default"].get("KEY_PREFIX"),
    "session_engine": settings.SESSION_ENGINE,
    "conn_max_age": settings.DATABASES["default"]["CONN_MAX_AGE"],
    "server_side_cursors": not settings.DATABASES["default"][
        "DISABLE_SERVER_SIDE_CURSORS"
    ],
    "storage": path(storage),
}
if out["storage"].startswith("storages."):
    out.update(
        bucket=storage.bucket_name,
        endpoint=storage.endpoint_url,
        access_key=storage.access_key,
        url=storage.url("exports/dossier.pdf"),
    )
print(json.dumps(out))
"""


def _settings_with(env):
    base = {k: v for k, v in os.environ.items() if not k.startswith(_OURS)}
    result = subprocess.run(
        [sys.executable, "-c", _REPORT],
        cwd=ROOT,
        env={**base, "DATABASE_URL": "sqlite:///:memory:", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_without_redis_the_cache_is_in_memory_and_sessions_in_the_database():
    found = _settings_with({})
    assert found["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert found["session_engine"] == "django.contrib.sessions.backends.db"


def test_redis_url_puts_the_cache_and_sessions_in_redis():
    found = _settings_with({"REDIS_URL": "redis://10.0.0.5:6379/2"})
    assert found["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert found["cache_location"] == "redis://10.0.0.5:6379/2"
    assert found["cache_prefix"] == "incluportal"
    # Read from Redis, written to the database too: a Redis restart signs
    # nobody out.
    assert found["session_engine"] == "django.contrib.sessions.backends.cached_db"


def test_behind_pgbouncer_connections_and_server_side_cursors_can_be_turned_off():
    assert _settings_with({})["server_side_cursors"] is True
    found = _settings_with({"CONN_MAX_AGE": "0", "DISABLE_SERVER_SIDE_CURSORS": "1"})
    assert found["conn_max_age"] == 0
    assert found["server_side_cursors"] is False


def test_without_a_bucket_files_stay_on_this_server():
    found = _settings_with({})
    assert found["storage"] == "django.core.files.storage.filesystem.FileSystemStorage"


def test_a_bucket_puts_files_in_s3_compatible_storage_with_signed_addresses():
    found = _settings_with(
        {
            "AWS_STORAGE_BUCKET_NAME": "incluportal-files",
            "AWS_S3_ENDPOINT_URL": "https://s3.example.eu",
            "AWS_ACCESS_KEY_ID": "AKIAEXAMPLEONLY",
            "AWS_SECRET_ACCESS_KEY": "not-a-real-secret",
        }
    )
    assert found["storage"] == "storages.backends.s3.S3Storage"
    assert found["bucket"] == "incluportal-files"
    assert found["endpoint"] == "https://s3.example.eu"
    # The credentials come from the environment, not from the settings file.
    assert found["access_key"] == "AKIAEXAMPLEONLY"
    # A private bucket: every address is signed and expires in five minutes
    # (signing happens locally: no request is made).
    url = found["url"]
    assert url.startswith(
        "https://s3.example.eu/incluportal-files/exports/dossier.pdf?"
    )
    assert "X-Amz-Signature=" in url
    assert "X-Amz-Expires=300" in url


def test_check_deploy_stays_clean_with_redis_and_a_bucket():
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(_OURS)},
        **PRODUCTION_ENV,
        "REDIS_URL": "redis://10.0.0.5:6379/0",
        "AWS_STORAGE_BUCKET_NAME": "incluportal-files",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
