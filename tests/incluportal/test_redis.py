"""The cache and sessions on Redis (REDIS_URL), against this machine's Redis.

Redis at 127.0.0.1:6379 is part of the machine, like PostgreSQL: when it is
down these tests fail (with the connection error), they are not skipped.
Each test writes under its own key prefix in database 3 and removes its keys,
so runs in parallel do not meet.
"""

import uuid

import pytest
import redis
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

REDIS = "redis://127.0.0.1:6379/3"
PASSWORD = "a long enough pass phrase"


@pytest.fixture
def on_redis(settings):
    """The settings REDIS_URL gives (see incluportal/settings.py)."""
    prefix = f"incluportal-test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS,
            "KEY_PREFIX": prefix,
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    server = redis.Redis.from_url(REDIS)
    yield server, prefix
    keys = list(server.scan_iter(f"{prefix}:*"))
    if keys:
        server.delete(*keys)
    server.close()


def test_the_cache_sets_and_gets_through_redis(on_redis):
    server, prefix = on_redis
    cache = caches["default"]
    cache.set("greeting", {"lv": "Sveiki"}, timeout=60)
    assert cache.get("greeting") == {"lv": "Sveiki"}
    # Really in Redis (another app server would read it), under the prefix.
    assert server.exists(f"{prefix}:1:greeting") == 1
    cache.delete("greeting")
    assert server.exists(f"{prefix}:1:greeting") == 0


def test_a_signed_in_session_is_stored_in_redis_and_read_from_it(client, on_redis):
    server, prefix = on_redis
    user = factories.UserFactory(email="official@example.org", password=PASSWORD)
    response = client.post(
        reverse("login"), {"username": user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    session_key = client.cookies["sessionid"].value
    key = f"{prefix}:1:django.contrib.sessions.cached_db{session_key}"
    assert server.exists(key) == 1
    # Written to the database too, and read from Redis: without the row the
    # session still holds (the row is what survives a Redis restart).
    assert Session.objects.filter(session_key=session_key).exists()
    Session.objects.filter(session_key=session_key).delete()
    assert client.get(reverse("home")).context["user"] == user


def test_signing_in_is_still_paused_after_five_failures_with_redis(client, on_redis):
    user = factories.UserFactory(email="official@example.org", password=PASSWORD)
    for _ in range(4):
        response = client.post(
            reverse("login"), {"username": user.email, "password": "wrong"}
        )
        assert response.status_code == 200
    response = client.post(
        reverse("login"), {"username": user.email, "password": "wrong"}
    )
    assert response.status_code == 429
    response = client.post(
        reverse("login"), {"username": user.email, "password": PASSWORD}
    )
    assert response.status_code == 429
