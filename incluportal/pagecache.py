"""Signed-in pages kept per session until the portal's data changes.

A page decorated with ``@cached_page`` is answered, on a repeated GET, from
the cache instead of being queried and rendered again. Its entry is keyed by:

- the **data generation**: a token in the cache that every write to the
  database replaces (``bump``). A database execute wrapper (``install``)
  watches every statement on every connection; any that is not a read
  (``is_write``) replaces the token: at once in autocommit, and in a
  transaction when it commits (the first of its commit callbacks) and before
  the same connection next reads a kept page. So an ORM save, a
  ``QuerySet.update()``, raw SQL, an import, a migration or a management
  command in another process all make every kept page stale. Only the
  session table is left out: saving a session changes no page (pages showing
  messages are never kept, below).
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
defaults to 0 without it (the in-memory cache is per process; a system check
warns when it is on with one). A write never fails because the cache does
not answer: the process that could not replace the generation serves no
kept page, and tries again before each page and after each request, until
it can. ``manage.py clear_page_cache`` replaces it by hand (after a deploy
that changes templates).
"""

import functools
import hashlib
import logging
import re
import secrets
import threading

from django.conf import settings
from django.contrib import messages
from django.core import checks
from django.core.cache import cache
from django.core.signals import request_finished
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.signals import connection_created
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone, translation

GENERATION_KEY = "pagecache:generation"

logger = logging.getLogger(__name__)

# Comments, blanks and opening brackets before a statement's first word.
_LEAD = re.compile(r"(?:\s+|/\*.*?\*/|--[^\n]*(?:\n|$)|\()*", re.DOTALL)
# Statements that change no data; anything else counts as a write.
_READ = re.compile(
    r"(?:SELECT|SHOW|SET|RESET|SAVEPOINT|RELEASE|ROLLBACK|BEGIN|START|COMMIT|END"
    r"|PRAGMA|DECLARE|FETCH|MOVE|CLOSE|VALUES|TABLE|WITH|EXPLAIN)\b",
    re.IGNORECASE,
)
_WRITE_WORD = re.compile(r"\b(?:INSERT|UPDATE|DELETE|MERGE|ANALYZE)\b", re.IGNORECASE)
_SESSION_WRITE = re.compile(
    r'(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?django_session"?\s',
    re.IGNORECASE,
)


def is_write(sql):
    """Whether a statement can change what a page shows.

    Every statement is a write but reads (a query, a transaction's control, a
    cursor): a CTE or an EXPLAIN is one when it holds INSERT, UPDATE, DELETE,
    MERGE (or ANALYZE, which runs the statement). Saving a session is not."""
    statement = sql[_LEAD.match(sql).end() :]
    read = _READ.match(statement)
    if read:
        word = read.group(0).upper()
        return word in ("WITH", "EXPLAIN") and bool(_WRITE_WORD.search(statement))
    return not _SESSION_WRITE.match(statement)


def generation():
    """The current data generation; a new one if the cache has lost it."""
    token = cache.get(GENERATION_KEY)
    if token is None:
        cache.add(GENERATION_KEY, secrets.token_hex(8), timeout=None)
        token = cache.get(GENERATION_KEY)
    return token


# Set when a bump could not reach the cache: until one does, this process
# answers no page from the cache and tries again (cached_page, request_finished).
_missed = threading.Event()


def bump():
    """Make every kept page stale. Never raises: a write has happened and must
    not fail because the cache did not answer; False if it could not."""
    try:
        cache.set(GENERATION_KEY, secrets.token_hex(8), timeout=None)
    except Exception:
        _missed.set()
        logger.warning(
            "Page cache: the generation could not be replaced", exc_info=True
        )
        return False
    _missed.clear()
    return True


def _retry_missed(**kwargs):
    if _missed.is_set():
        bump()


def _watch_writes(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if is_write(sql):
        connection = context["connection"]
        if not connection.in_atomic_block:
            # Committed already (or, with autocommit off, to be committed by
            # code that manages it: this connection then bumps again, _fresh).
            if not connection.get_autocommit():
                connection.pagecache_dirty = True
            bump()
        else:
            # Once the transaction commits, for every other process; and
            # before this connection next reads a kept page (_fresh), since
            # it sees its own writes before they are committed.
            connection.pagecache_dirty = True
            if not any(entry[1] is bump for entry in connection.run_on_commit):
                connection.on_commit(bump, robust=True)
                # First of the commit's callbacks: one that fails (an e-mail
                # not sent) must not keep the pages from going stale.
                connection.run_on_commit.insert(0, connection.run_on_commit.pop())
    return result


def _fresh():
    """The generation, after this connection's uncommitted writes if any."""
    connection = connections[DEFAULT_DB_ALIAS]
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
    request_finished.connect(_retry_missed, dispatch_uid="pagecache")
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
        if not _usable(request) or (_missed.is_set() and not bump()):
            return view(request, *args, **kwargs)
        try:
            token = _fresh()
            key = _key(request, token)
            kept = cache.get(key)
        except Exception:
            logger.warning("Page cache: the cache did not answer", exc_info=True)
            return view(request, *args, **kwargs)
        if kept is not None:
            content, headers = kept
            get_token(request)  # the CSRF cookie's expiry renewed, as on a render
            response = HttpResponse(content, headers=headers)
            response["X-Page-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if _keepable(request, response):
            try:
                if _fresh() == token and not _missed.is_set():
                    kept = (response.content, dict(response.headers.items()))
                    cache.set(key, kept, settings.PAGE_CACHE_SECONDS)
                    response["X-Page-Cache"] = "miss"
            except Exception:
                logger.warning("Page cache: the page was not kept", exc_info=True)
        return response

    return wrapper


@checks.register(checks.Tags.caches)
def check_shared_cache(app_configs, **kwargs):
    """The page cache on a cache of this process only: other processes' writes
    would not reach it."""
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if settings.PAGE_CACHE_SECONDS > 0 and backend.endswith(
        ("LocMemCache", "DummyCache")
    ):
        return [
            checks.Warning(
                "PAGE_CACHE_SECONDS is on with a cache of each process's own "
                "memory: writes by other processes (other workers, commands) "
                "do not make its pages stale.",
                hint="Set REDIS_URL, or run a single process.",
                id="incluportal.W001",
            )
        ]
    return []
