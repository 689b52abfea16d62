"""make load LOAD_ARGS="--public": anonymous readers of the public pages at a
given rate (default 200 requests a second) against ``make serve``, then a
short check of the rate limit per address.

Two servers, one after the other, both ``make serve``'s script on loopback:

1. the load, with ``PUBLIC_RATE_LIMIT=0``: every reader of a load generator
   on one machine comes from 127.0.0.1, which the limit (300 requests a
   minute per address) would stop after a second and a half;
2. the rate limit, with ``PUBLIC_RATE_LIMIT`` (default 300): requests one
   after another, each on a new connection as distinct browsers of one
   address would open, until the first 429; it must be request number
   limit + 1 and carry ``Retry-After``.

The goal: the rate held, p95 under 700 ms, no error, and no public answer
setting a cookie. It prints the figures and exits non-zero when a goal is
missed.
"""

import http.client
import json
import os
import sys
import time
from collections import Counter
from urllib.parse import urlsplit

from tests.load import run, stats
from tests.load.public import report

P95_GOAL_MS = 700
RATE_HELD = 0.97  # of the asked rate, over the whole run (ramp-up included)


def locust_run_public(*, url, plan, users, rate, seconds, work):
    """Run the public locustfile headless; returns the file of its requests."""
    run.require_loopback(url, "The server under load")
    plan_file = work / "public-plan.json"
    plan_file.write_text(json.dumps(plan))
    requests = work / "requests.jsonl"
    requests.write_text("")
    env = {
        **os.environ,
        "PYTHONPATH": str(run.ROOT),
        "LOAD_PLAN": str(plan_file),
        "LOAD_REQUESTS": str(requests),
        "LOAD_RATE": str(rate),
        "LOAD_USERS": str(users),
        "LOAD_SECONDS": str(seconds),
    }
    run.run_locust(
        "locustfile_public.py",
        url=url,
        users=users,
        env=env,
        work=work,
        run_time=seconds,
        stop_timeout=5,
    )
    return requests


def machine_busy_seconds():
    """CPU seconds the whole machine has spent busy (all processes)."""
    import psutil  # locust's dependency

    t = psutil.cpu_times()
    return t.user + t.nice + t.system + t.irq + t.softirq + getattr(t, "steal", 0)


def database_cpu_seconds(name):
    """CPU seconds of the PostgreSQL backends connected to database ``name``
    (on this machine: the load's database work)."""
    import psutil

    total = 0.0
    for proc in psutil.process_iter(["cmdline"]):
        words = " ".join(proc.info["cmdline"] or []).split()
        # "postgres: [CLUSTER:] USER DATABASE HOST(PORT) STATE"
        if words[:1] == ["postgres:"] and name in words[1:4]:
            try:
                times = proc.cpu_times()
            except psutil.NoSuchProcess:
                continue
            total += times.user + times.system
    return total


def _get(url, path):
    """One request on a new connection: (status, Retry-After)."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status, response.getheader("Retry-After")
    finally:
        connection.close()


def rate_limit_check(url, *, limit, window=60, most=None, path="/public/"):
    """Requests until the first 429, at most ``most`` (default limit + 1),
    all within one window of the limit. Returns (statuses, Retry-After of
    the first 429 or None)."""
    run.require_loopback(url, "The server under check")
    most = most or limit + 1
    # The count starts again when the window turns: start in a window with
    # time enough left (50 ms a request at most, on loopback).
    if window - time.time() % window < most * 0.05 + 2:
        time.sleep(window - time.time() % window + 0.5)
    statuses = []
    while len(statuses) < most:
        status, retry_after = _get(url, path)
        statuses.append(status)
        if status == 429:
            return statuses, retry_after
    return statuses, None


def rate_limit_verdict(statuses, retry_after, limit):
    """(passed, sentence) of the check."""
    if 429 not in statuses:
        return False, f"no 429 after {len(statuses)} requests (limit {limit})"
    first = statuses.index(429) + 1
    others = Counter(s for s in statuses[:-1] if s != 200)
    if others:
        return False, f"answers before the limit other than 200: {dict(others)}"
    if first != limit + 1:
        return False, (
            f"the first 429 came at request {first}, not {limit + 1}: the "
            "count is not shared by the server's processes (set REDIS_URL, "
            "as in production)"
        )
    if not (retry_after or "").isdigit() or not 0 < int(retry_after) <= 61:
        return False, f"429 at request {first} without a valid Retry-After"
    return True, f"request {first} answered 429, Retry-After: {retry_after} s"


def _server(url, database_url, work, name, env):
    print(f"Starting make serve on {url} ({name}; log: {work / (name + '.log')})")
    with open(work / f"{name}.log", "w") as log:
        server = run.server_start(
            port=urlsplit(url).port, database_url=database_url, log=log, env=env
        )
    try:
        run.server_wait(url, server)
    except RuntimeError:
        print((work / f"{name}.log").read_text()[-3000:], file=sys.stderr)
        run.server_stop(server)
        raise
    return server


def main(args, *, database_url, work):
    load_before = os.getloadavg()[0]
    users = args.users or 100
    url = args.url or f"http://127.0.0.1:{run.free_port()}"
    server = None
    try:
        if not args.url:
            print(
                "PUBLIC_RATE_LIMIT=0 for the load: every reader comes from "
                "127.0.0.1, which the limit per address would stop."
            )
            server = _server(
                url, database_url, work, "server", {"PUBLIC_RATE_LIMIT": "0"}
            )
        else:
            run.server_wait(url, None)
        run.django_setup(database_url)
        from tests.load.data import public_plan

        plan = public_plan()
        print(
            f"{users} anonymous readers, {args.rate:g} requests a second in all, "
            f"for {args.seconds} s: {len(plan['cities'])} city pages, "
            f"{len(plan['practices'])} practices..."
        )
        database = urlsplit(database_url).path.lstrip("/")
        started = time.monotonic()
        server_cpu = run.cpu_seconds(server.pid) if server else None
        locust_cpu = run._children_cpu()
        machine_cpu = machine_busy_seconds()
        database_cpu = database_cpu_seconds(database)
        requests_file = locust_run_public(
            url=url,
            plan=plan,
            users=users,
            rate=args.rate,
            seconds=args.seconds,
            work=work,
        )
        elapsed = time.monotonic() - started
        locust_cpu = run._children_cpu() - locust_cpu
        machine_cpu = machine_busy_seconds() - machine_cpu
        database_cpu = database_cpu_seconds(database) - database_cpu
        if server is not None:
            server_cpu = run.cpu_seconds(server.pid) - server_cpu
    finally:
        if server is not None:
            run.server_stop(server)
    load_after = os.getloadavg()[0]
    records = stats.read_records(requests_file)
    summary = stats.summarize(records)
    rows = summary.run
    total = rows[-1]
    counts = report(records)

    check = None
    if not args.url and args.rate_limit > 0:
        checker = _server(
            url,
            database_url,
            work,
            "server-rate-limit",
            {"PUBLIC_RATE_LIMIT": str(args.rate_limit)},
        )
        try:
            workers, _threads = run.server_shape()
            statuses, retry_after = rate_limit_check(
                url, limit=args.rate_limit, most=args.rate_limit * workers + 1
            )
        finally:
            run.server_stop(checker)
        check = rate_limit_verdict(statuses, retry_after, args.rate_limit)

    if server is not None:
        workers, threads = run.server_shape()
        shape = f"gunicorn {workers} workers x {threads} threads"
    else:
        shape = f"the server at {url}"
    print()
    print(
        f"IncluPortal's public pages under load: {users} readers, "
        f"{args.rate:g} req/s asked, {args.seconds} s, {shape}, "
        f"{os.cpu_count()} CPUs (load average {load_before:.1f} before, "
        f"{load_after:.1f} after)"
    )
    if server_cpu is not None:
        # On a shared machine, how much of it the server had, and who had
        # the rest.
        others = machine_cpu - server_cpu - locust_cpu - database_cpu
        print(
            f"CPU over the {elapsed:.0f} s of locust, in cores: machine "
            f"{machine_cpu / elapsed:.2f} busy of {os.cpu_count()}; server "
            f"{server_cpu / elapsed:.2f}, PostgreSQL {database_cpu / elapsed:.2f}, "
            f"locust {locust_cpu / elapsed:.2f}, everything else "
            f"{others / elapsed:.2f}"
        )
        if total.count:
            print(
                f"CPU per request: server {server_cpu / total.count * 1000:.1f} ms, "
                f"PostgreSQL {database_cpu / total.count * 1000:.1f} ms"
            )
    print(stats.table(rows))
    print()
    print(
        f"revisits (If-None-Match): {counts.revisits}, "
        f"answered 304: {counts.not_modified}"
    )
    for (name, why), count in sorted(counts.tolerated.items()):
        with_cookie = counts.tolerated_cookies.get(name, 0)
        print(
            f"TOLERATED: {name}: {count} answered {why}"
            + (f", {with_cookie} of them setting a cookie" if with_cookie else "")
        )
    cookies = sum(counts.cookies.values())
    print(f"right answers setting a cookie: {cookies} {counts.cookies or ''}")
    print(f"errors: {summary.errors}")
    failures = Counter(r["error"] for r in records if r.get("error"))
    for message, count in failures.most_common(10):
        print(f"error x{count}: {message}")
    goals = [
        (total.per_second >= RATE_HELD * args.rate, f"{total.per_second:.1f} req/s"),
        (total.p95 < P95_GOAL_MS, f"p95 {total.p95:.0f} ms"),
        (summary.errors == 0, f"{summary.errors} errors"),
        (cookies == 0, f"{cookies} cookies"),
    ]
    met = all(ok for ok, _ in goals)
    print(
        f"goal ({args.rate:g} req/s, p95 < {P95_GOAL_MS} ms, 0 errors, no cookie): "
        + ("met" if met else "MISSED")
        + " - "
        + ", ".join(text for _, text in goals)
    )
    if check is not None:
        passed, sentence = check
        print(
            f"rate limit (PUBLIC_RATE_LIMIT={args.rate_limit} a minute per address): "
            + ("ok" if passed else "FAILED")
            + f" - {sentence}"
        )
        met = met and passed
    print(f"(details: {work})")
    return 0 if met else 1
