"""Signed-in pages kept per session until the portal's data changes.

A page decorated with ``@cached_page`` is answered, on a repeated GET, from
the cache instead of being queried and rendered again. Its entry is keyed by:

- the **data generation**: a token in the cache that every write to the
  database replaces (``bump``). A database execute wrapper (``install``)
  watches every statement on every connection: INSERT, UPDATE, DELETE,
  TRUNCATE or a schema change replaces the token at once and again when the
  transaction commits, so an ORM save, a ``QuerySet.update()``, raw SQL, an
  import, a migration or a management command in another process all make
  every kept page stale. Only the session table is left out: saving a
  session changes no page (pages showing messages are never kept, below).
- the **session** and its **CSRF cookie**: an entry serves only the browser
  that asked for it, and its forms carry that browser's CSRF token;
- the **language**, the **day** (pages mark what is overdue) and the full
  path with its query string.

A page is not kept, nor served from the cache, when the request is not a
plain GET, comes from htmx, carries or produced messages, has no CSRF cookie
yet, or when its answer is anything but a 200 HTML page that sets no cookie.
Entries live ``PAGE_CACHE_SECONDS`` at most (0 turns the cache off).

The generation must be seen by every process that writes: the cache has to
be shared (Redis, ``REDIS_URL``), which is why ``PAGE_CACHE_SECONDS``
defaults to 0 without it (the in-memory cache is per process).
"""

import functools
import hashlib
import re
import secrets

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.signals import connection_created
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone, translation

GENERATION_KEY = "pagecache:generation"

_WRITE = re.compile(
    r"^\s*(?:INSERT|UPDATE|DELETE|TRUNCATE|REPLACE|MERGE|ALTER|DROP|CREATE)\b",
    re.IGNORECASE,
)
_SESSION_WRITE = re.compile(
    r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?django_session"?\s',
    re.IGNORECASE,
)


def is_write(sql):
    """Whether a statement can change what a page shows."""
    return bool(_WRITE.match(sql)) and not _SESSION_WRITE.match(sql)


def generation():
    """The current data generation; a new one if the cache has lost it."""
    token = cache.get(GENERATION_KEY)
    if token is None:
        cache.add(GENERATION_KEY, secrets.token_hex(8), timeout=None)
        token = cache.get(GENERATION_KEY)
    return token


def bump():
    """Make every kept page stale."""
    cache.set(GENERATION_KEY, secrets.token_hex(8), timeout=None)


def _watch_writes(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if is_write(sql):
        connection = context["connection"]
        if not connection.in_atomic_block:
            bump()  # committed already
        else:
            # Once the transaction commits, for every other process; and
            # before this connection next reads a kept page (_fresh), since
            # it sees its own writes before they are committed.
            connection.pagecache_dirty = True
            if not any(entry[1] is bump for entry in connection.run_on_commit):
                connection.on_commit(bump)
    return result


def _fresh(using=DEFAULT_DB_ALIAS):
    """The generation, after this connection's uncommitted writes if any."""
    connection = connections[using]
    if getattr(connection, "pagecache_dirty", False):
        connection.pagecache_dirty = False
        bump()
    return generation()


def _install(sender, connection, **kwargs):
    if _watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch_writes)


def install():
    """Watch the writes of every connection, open or opened later."""
    connection_created.connect(_install, dispatch_uid="pagecache")
    for connection in connections.all(initialized_only=True):
        _install(None, connection)


def _key(request, token):
    parts = [
        token,
        str(request.user.pk),
        request.session.session_key or "",
        request.META["CSRF_COOKIE"],
        translation.get_language() or "",
        timezone.localdate().isoformat(),
        request.get_full_path(),
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"pagecache:page:{digest}"


def _usable(request):
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method == "GET"
        and request.user.is_authenticated
        and request.session.session_key
        and request.META.get("CSRF_COOKIE")
        and not request.headers.get("HX-Request")
        and not len(messages.get_messages(request))
    )


def _keepable(request, response):
    return (
        response.status_code == 200
        and not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
        and not response.cookies
        and not len(messages.get_messages(request))
    )


def cached_page(view):
    """Answer repeated GETs of this page from the cache (module docstring)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _usable(request):
            return view(request, *args, **kwargs)
        token = _fresh()
        key = _key(request, token)
        kept = cache.get(key)
        if kept is not None:
            content, headers = kept
            get_token(request)  # the CSRF cookie's expiry renewed, as on a render
            response = HttpResponse(content, headers=headers)
            response["X-Page-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if _keepable(request, response) and _fresh() == token:
            kept = (response.content, dict(response.headers.items()))
            cache.set(key, kept, settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response

    return wrapper
