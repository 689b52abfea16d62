"""Time six pages on a large programme set against a bare signed-in view.

    .venv/bin/python tests/perf/pages.py [--database postgres|sqlite]
        [--scale 1] [--requests 200] [--warm-up 10] [--keep] [--redis URL]

Seeds a throw-away database (by default PostgreSQL at 127.0.0.1:5432, in a
database the script creates and drops; ``--database sqlite`` for a file in a
temporary folder) with 50 programmes, 1,000 schemes with their documents and
30-row action plans, and 10,000 good practices (``tests/perf/seed.py``;
``--scale 0.1`` for a tenth of it, a quick run), then analyses its tables as
autovacuum would.

Every page is requested through the portal's WSGI application, in process,
with the session cookie of a signed-in user, so each request runs the whole
middleware stack and reads its session and user from the database; the
baseline is a bare ``login_required`` view answering "ok", added only by
``tests/perf/urls.py``. The pages are requested round robin (each round in
a rotated order, after a warm-up) so that all see the same machine, and
their p50 and p95 are printed as ratios to the bare view's, with the queries
each request makes. The portal keeps no page: every request queries and
renders its page, as a first read does. ``--redis`` puts the cache and
sessions in Redis, as ``REDIS_URL`` does in production. Goal: every page
within 8x the bare view at p95. The
script exits non-zero if a page does not answer 200; a missed goal is only
reported. Not part of the test suite: timings belong here, not in assertions.
"""

import argparse
import io
import os
import platform
import statistics
import sys
import tempfile
import time
from http.cookies import SimpleCookie
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

GOAL = 8.0  # p95 of a page (first read) over p95 of the bare view
SEARCH = "language"


def _parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database", choices=["postgres", "sqlite"], default="postgres"
    )
    parser.add_argument(
        "--postgres",
        default="postgres://postgres@127.0.0.1:5432",
        help="the PostgreSQL server (default: %(default)s)",
    )
    parser.add_argument(
        "--name",
        default="incluportal_perf",
        help="the throw-away PostgreSQL database (default: %(default)s)",
    )
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument(
        "--requests", type=int, default=200, help="per page, in each run"
    )
    parser.add_argument("--warm-up", type=int, default=10, help="rounds, untimed")
    parser.add_argument(
        "--keep", action="store_true", help="leave the database for inspection"
    )
    parser.add_argument(
        "--profile",
        metavar="PAGE",
        help="instead of timing, profile the pages whose label contains PAGE "
        "(cProfile over 20 requests each; the functions that take the most time)",
    )
    parser.add_argument(
        "--redis",
        metavar="URL",
        help="cache and sessions in this Redis database, as in production "
        "(e.g. redis://127.0.0.1:6379/14; the script empties it); "
        "default: the in-process memory cache",
    )
    return parser.parse_args()


class PostgresDatabase:
    """A database created for the run and dropped after it."""

    def __init__(self, server, name):
        self.server, self.name = server.rstrip("/"), name

    def _admin(self, statement):
        import psycopg2
        from psycopg2 import sql

        conn = psycopg2.connect(f"{self.server}/postgres")
        conn.autocommit = True
        try:
            with conn.cursor() as cursor:
                cursor.execute(sql.SQL(statement).format(sql.Identifier(self.name)))
        finally:
            conn.close()

    def create(self):
        self._admin("DROP DATABASE IF EXISTS {} WITH (FORCE)")
        self._admin("CREATE DATABASE {}")
        return f"{self.server}/{self.name}"

    def drop(self):
        self._admin("DROP DATABASE IF EXISTS {} WITH (FORCE)")


class SqliteDatabase:
    def __init__(self):
        self.folder = tempfile.mkdtemp(prefix="incluportal-perf-")
        self.name = f"{self.folder}/perf.sqlite3"

    def create(self):
        return f"sqlite:///{self.name}"

    def drop(self):
        import shutil

        shutil.rmtree(self.folder, ignore_errors=True)


class Browser:
    """One signed-in person: their cookies, sent back as a browser would."""

    def __init__(self, app, user):
        from django.conf import settings
        from django.test import Client

        self.app = app
        client = Client()
        client.force_login(user)
        self.cookies = {
            settings.SESSION_COOKIE_NAME: client.cookies[
                settings.SESSION_COOKIE_NAME
            ].value
        }

    def get(self, url):
        """(status, body) of a GET through the WSGI application."""
        path, _sep, query = url.partition("?")
        environ = {
            "REQUEST_METHOD": "GET",
            "SCRIPT_NAME": "",
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SERVER_NAME": "localhost",
            "SERVER_PORT": "80",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "127.0.0.1",
            "HTTP_HOST": "localhost",
            "HTTP_ACCEPT": "text/html",
            "HTTP_COOKIE": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            "wsgi.version": (1, 0),
            "wsgi.url_scheme": "http",
            "wsgi.input": BytesIO(b""),
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": False,
            "wsgi.multiprocess": False,
            "wsgi.run_once": False,
        }
        answer = {}

        def start_response(status, headers, exc_info=None):
            answer["status"], answer["headers"] = status, headers

        result = self.app(environ, start_response)
        try:
            body = b"".join(result)
        finally:
            result.close()  # request_finished, as a WSGI server sends it
        for name, value in answer["headers"]:
            if name.lower() == "set-cookie":
                for key, morsel in SimpleCookie(value).items():
                    self.cookies[key] = morsel.value
        return int(answer["status"][:3]), body


def _machine(connection):
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import django

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            database = f"PostgreSQL {cursor.fetchone()[0]}"
        else:
            cursor.execute("SELECT sqlite_version()")
            database = f"SQLite {cursor.fetchone()[0]}"
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return [
        f"CPU: {cpu}, {os.cpu_count()} cores (load average {load})",
        f"OS: {platform.platform()}",
        f"Python {platform.python_version()}, Django {django.get_version()}, "
        f"{database}",
    ]


def _percentiles(times):
    cuts = statistics.quantiles(times, n=100, method="inclusive")
    return cuts[49] * 1000, cuts[94] * 1000


def _pages(seeded):
    from django.urls import reverse

    from benchmarks.models import Theme

    scheme = seeded.scheme
    theme = Theme.objects.get(slug="language-learning")
    return [
        ("bare view (baseline)", reverse("perf_bare"), seeded.mentee),
        ("home page", reverse("home"), seeded.coordinator),
        (
            "coordinator dashboard",
            reverse("schemes:dashboard", args=[seeded.programme.slug]),
            seeded.coordinator,
        ),
        (
            "scheme page",
            reverse("schemes:scheme_detail", args=[scheme.pk]),
            seeded.mentee,
        ),
        (
            "needs-analysis form",
            reverse("schemes:needs_analysis_edit", args=[scheme.pk, "A"]),
            seeded.mentee,
        ),
        (
            "action-plan editor",
            reverse("schemes:action_plan", args=[scheme.pk]),
            seeded.mentee,
        ),
        (
            "library search",
            reverse("schemes:good_practice_list") + f"?q={SEARCH}&theme={theme.slug}",
            seeded.mentee,
        ),
    ]


def _describe(seeded):
    """What the measured pages show, so the table can be read."""
    from benchmarks.models import Theme
    from schemes.models import GoodPractice
    from schemes.work.search import search_good_practices

    matches = search_good_practices(
        GoodPractice.objects.visible_to(seeded.mentee).filter(
            themes=Theme.objects.get(slug="language-learning")
        ),
        SEARCH,
    ).count()
    return [
        f"dashboard: {seeded.programme.schemes.count()} schemes; "
        f"action plan: {seeded.scheme.action_plan.rows.count()} rows; "
        f"library search: {matches} matches for “{SEARCH}” in the theme "
        "language learning, 20 a page"
    ]


def measure(seeded, *, requests, warm_up):
    """Each page's times."""
    from django.core.cache import cache
    from django.core.wsgi import get_wsgi_application

    cache.clear()
    return _measure(get_wsgi_application(), seeded, requests=requests, warm_up=warm_up)


def profile(seeded, wanted, requests=20):
    """Print where the time of the pages labelled ``wanted`` goes: the
    functions with the most time of their own, then with the most in all."""
    import cProfile
    import pstats

    from django.core.wsgi import get_wsgi_application

    app = get_wsgi_application()
    for label, url, user in _pages(seeded):
        if wanted not in label:
            continue
        browser = Browser(app, user)
        browser.get(url)  # warm: templates loaded, CSRF cookie taken
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(requests):
            browser.get(url)
        profiler.disable()
        print(f"\n=== {label} ({requests} requests)")
        stats = pstats.Stats(profiler, stream=sys.stdout)
        stats.sort_stats("tottime").print_stats(15)
        stats.sort_stats("cumulative").print_stats(25)
    return 0


def _measure(app, seeded, *, requests, warm_up):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    pages = _pages(seeded)
    browsers = {}
    for _label, _url, user in pages:
        browsers.setdefault(user.pk, Browser(app, user))

    failures, queries = [], {}
    for label, url, user in pages:
        status, body = browsers[user.pk].get(url)  # also takes the CSRF cookie
        if status != 200:
            failures.append(f"{label}: {url} answered {status}")
            continue
        with CaptureQueriesContext(connection) as captured:
            browsers[user.pk].get(url)
        queries[label] = len(captured.captured_queries)
    if failures:
        return failures, None, queries

    times = {label: [] for label, _url, _user in pages}
    for round_ in range(warm_up + requests):
        shift = round_ % len(pages)
        for label, url, user in pages[shift:] + pages[:shift]:
            start = time.perf_counter()
            status, _body = browsers[user.pk].get(url)
            elapsed = time.perf_counter() - start
            if status != 200:
                failures.append(f"{label}: {url} answered {status}")
            if round_ >= warm_up:
                times[label].append(elapsed)
    return failures, times, queries


def _table(times, queries):
    labels = list(times)
    base50, base95 = _percentiles(times[labels[0]])
    lines = [
        f"{'page':<24} {'p50 ms':>8} {'p95 ms':>8} {'x bare p50':>11} "
        f"{'x bare p95':>11} {'queries':>8}  goal (p95 <= {GOAL:g}x bare)"
    ]
    missed = 0
    for label in labels:
        p50, p95 = _percentiles(times[label])
        ratio50, ratio95 = p50 / base50, p95 / base95
        if label == labels[0]:
            goal = "(baseline)"
        elif ratio95 <= GOAL:
            goal = "met"
        else:
            goal = "MISSED"
            missed += 1
        lines.append(
            f"{label:<24} {p50:8.1f} {p95:8.1f} {ratio50:11.2f} {ratio95:11.2f} "
            f"{queries[label]:8d}  {goal}"
        )
    return lines, missed


def main():
    args = _parse_args()
    database = (
        PostgresDatabase(args.postgres, args.name)
        if args.database == "postgres"
        else SqliteDatabase()
    )
    os.environ["DATABASE_URL"] = database.create()
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.perf.settings"
    if args.redis:
        os.environ["REDIS_URL"] = args.redis
    try:
        return _run(args)
    finally:
        from django.db import connections

        connections.close_all()
        if args.keep:
            print(f"Database kept: {database.name}")
        else:
            database.drop()


def _run(args):
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from tests.perf.seed import seed

    if settings.DEBUG:
        print("DEBUG is on: timings would include its overhead. Unset DEBUG.")
        return 2
    print(f"Seeding ({args.database}, scale {args.scale:g})...", flush=True)
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("load_demo", no_users=True, stdout=io.StringIO())  # benchmarks
    print(f"  {'migrations and benchmarks':<46} {time.perf_counter() - started:7.1f} s")
    seeded = seed(scale=args.scale)
    with connection.cursor() as cursor:
        cursor.execute(
            "VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE"
        )
    total = time.perf_counter() - started
    counts = ", ".join(f"{n:,} {what}" for what, n in seeded.counts.items())
    print(f"Seeded {counts} in {total:.0f} s (bulk inserts: {seeded.seconds:.0f} s).")
    for line in _describe(seeded):
        print(line)

    if args.profile:
        return profile(seeded, args.profile)
    print(
        f"Measuring: {args.warm_up} warm-up rounds, then {args.requests} requests "
        "per page, round robin...",
        flush=True,
    )
    title = "First reads: every request queried and rendered"
    failures, missed = [], {}
    run_failures, times, queries = measure(
        seeded, requests=args.requests, warm_up=args.warm_up
    )
    failures += run_failures
    if times is not None:
        lines, missed[title] = _table(times, queries)
        print()
        print(title)
        print("\n".join(lines))
    print()
    print("\n".join(_machine(connection)))
    print(f"Cache: {settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}")
    for title, count in missed.items():
        if count:
            print(f"{title.split(':')[0]}: {count} page(s) above {GOAL:g}x at p95.")
    for failure in failures:
        print(f"FAILED {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
