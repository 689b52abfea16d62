"""The public mix of make load (tests/load/public.py, public_run.py): what
the anonymous readers ask for, how answers are judged, the rate-limit
check; and the public locustfile in small against the test server."""

import random
from collections import Counter

import pytest

from tests.load import public, public_run, stats

PLAN = public.plan_from(
    cities=[("jelgava", ["lv", "en", "uk", "ru"]), ("schaerbeek", ["fr", "en"])],
    practices=[7, 9],
)


def test_the_plan_refuses_a_database_with_nothing_public():
    with pytest.raises(ValueError, match="load_demo"):
        public.plan_from(cities=[], practices=[1])
    with pytest.raises(ValueError, match="load_demo"):
        public.plan_from(cities=[("jelgava", ["lv"])], practices=[])


def test_each_kind_of_step_reads_its_public_address():
    rng = random.Random(1)
    index = public.step("index", PLAN, rng)
    assert index.path == "/public/" and "Accept-Language" in index.headers
    assert public.step("library", PLAN, rng).path == "/public/good-practices/"
    search = public.step("library search", PLAN, rng)
    assert search.path.startswith("/public/good-practices/?q=")
    practice = public.step("practice", PLAN, rng)
    assert practice.path in ("/public/good-practices/7/", "/public/good-practices/9/")
    pages = {public.step("city page", PLAN, rng).path for _ in range(200)}
    assert "/public/cities/jelgava/uk/" in pages
    assert "/public/cities/schaerbeek/fr/" in pages
    assert "/public/cities/schaerbeek/uk/" not in pages  # not one of its languages
    redirect = public.step("city redirect", PLAN, rng)
    assert redirect.path in ("/public/cities/jelgava/", "/public/cities/schaerbeek/")
    assert redirect.verdict(302) is None and redirect.verdict(200)
    with pytest.raises(ValueError):
        public.step("sign-in", PLAN, rng)


def test_the_sitemaps_404_is_tolerated_and_named_never_an_error():
    sitemap = public.step("sitemap", PLAN, random.Random(2))
    assert sitemap.path == "/sitemap.xml"
    assert sitemap.verdict(200) is None
    assert sitemap.verdict(404) == "tolerated"
    assert sitemap.verdict(500) == "500 for /sitemap.xml"
    # Any other page's 404 is an error.
    assert public.step("library", PLAN, random.Random(2)).verdict(404)


def test_the_mix_follows_its_weights():
    rng = random.Random(3)
    names = Counter(public.next_step(PLAN, rng, {}).name for _ in range(20_000))
    total = sum(public.WEIGHTS.values())
    city_pages = names["GET city page"] / 20_000
    assert abs(city_pages - public.WEIGHTS["city page"] / total) < 0.02
    assert abs(names["GET index"] / 20_000 - public.WEIGHTS["index"] / total) < 0.02
    assert not any("If-None-Match" in name for name in names)  # nothing seen yet


def test_a_revisit_sends_the_etag_it_got_and_accepts_a_304():
    rng = random.Random(4)
    seen = {}
    first = public.step("practice", PLAN, rng)
    public.remember(seen, first, 200, '"v1"')
    # Nothing to remember: no ETag, not a 200, or a revisit itself.
    public.remember(seen, public.step("library", PLAN, rng), 200, None)
    public.remember(seen, public.step("index", PLAN, rng), 500, '"x"')
    assert list(seen) == [first.path]
    steps = [public.next_step(PLAN, rng, seen) for _ in range(5_000)]
    revisits = [s for s in steps if s.revisit]
    assert abs(len(revisits) / 5_000 - public.REVISIT) < 0.03
    again = revisits[0]
    assert again.path == first.path and again.headers["If-None-Match"] == '"v1"'
    assert again.name == "GET practice again (If-None-Match)"
    assert again.verdict(304) is None and again.verdict(200) is None
    public.remember(seen, again, 200, '"v2"')
    assert seen[first.path][1] == '"v1"'


def test_the_report_counts_304s_tolerated_answers_and_cookies():
    records = [
        {"name": "GET library", "status": 200, "ms": 5, "end": 1},
        {"name": "GET library again (If-None-Match)", "status": 304, "ms": 1, "end": 2},
        {"name": "GET index again (If-None-Match)", "status": 200, "ms": 1, "end": 3},
        {
            "name": "GET sitemap.xml",
            "status": 404,
            "tolerated": "no sitemap yet",
            "ms": 2,
            "end": 4,
        },
        {"name": "GET index", "status": 200, "cookie": True, "ms": 3, "end": 5},
        {
            "name": "GET sitemap.xml",
            "status": 404,
            "tolerated": "no sitemap yet",
            "cookie": True,
            "ms": 2,
            "end": 5,
        },
        {"name": stats.EXCEPTION, "ms": 0, "end": 6, "error": "boom"},
    ]
    counts = public.report(records)
    assert (counts.revisits, counts.not_modified) == (2, 1)
    assert counts.tolerated == {("GET sitemap.xml", "404 (no sitemap yet)"): 2}
    # A cookie on a right answer is a fault; on a tolerated one, reported.
    assert counts.cookies == {"GET index": 1}
    assert counts.tolerated_cookies == {"GET sitemap.xml": 1}


@pytest.mark.parametrize(
    ("statuses", "retry_after", "passed", "says"),
    [
        ([200] * 300 + [429], "42", True, "request 301 answered 429"),
        ([200] * 300 + [429], None, False, "Retry-After"),
        ([200] * 300 + [429], "3600", False, "Retry-After"),
        ([200] * 150 + [429], "42", False, "not 301"),
        ([200] * 700 + [429], "42", False, "REDIS_URL"),
        ([200] * 301, None, False, "no 429"),
        ([200] * 10 + [304] + [200] * 289 + [429], "42", False, "other than 200"),
    ],
)
def test_the_rate_limit_verdict(statuses, retry_after, passed, says):
    ok, sentence = public_run.rate_limit_verdict(statuses, retry_after, 300)
    assert ok is passed
    assert says in sentence


@pytest.mark.django_db(transaction=True)
def test_the_rate_limit_check_finds_the_first_refused_request(live_server, settings):
    from django.core.cache import cache

    settings.PUBLIC_RATE_LIMIT = 5
    cache.clear()  # the counts of the test client's requests, from 127.0.0.1 too
    statuses, retry_after = public_run.rate_limit_check(live_server.url, limit=5)
    assert statuses == [200] * 5 + [429]
    assert public_run.rate_limit_verdict(statuses, retry_after, 5)[0]


@pytest.mark.django_db(transaction=True)
def test_readers_read_the_public_pages_without_an_error(
    live_server, tmp_path, settings, world
):
    from tests.load.data import public_plan
    from tests.test_permissions import _published_guide, _published_practice

    settings.PUBLIC_RATE_LIMIT = 0
    _published_guide(world)
    _published_practice(world)
    plan = public_plan()
    assert plan["cities"] == [{"slug": "jelgava", "languages": ["lv", "en", "uk"]}]

    requests_file = public_run.locust_run_public(
        url=live_server.url, plan=plan, users=3, rate=30, seconds=4, work=tmp_path
    )

    records = stats.read_records(requests_file)
    summary = stats.summarize(records)
    assert summary.run[-1].count >= 40
    assert summary.errors == 0, (tmp_path / "locust.log").read_text()[-3000:]
    names = {r["name"] for r in records}
    assert {"GET city page", "GET library", "GET practice"} <= names
    counts = public.report(records)
    assert counts.cookies == {}
    # Until the sitemap exists, its 404 is reported apart.
    sitemap = [r for r in records if r["name"] == "GET sitemap.xml"]
    assert all(r["status"] in (200, 404) for r in sitemap)
    assert all(r["tolerated"] for r in sitemap if r["status"] == 404)
