"""make load: signed-in people read and save documents on the production set-up.

    .venv/bin/python tests/load/run.py [--users 50] [--seconds 60] [--url URL]
    .venv/bin/python tests/load/run.py --public [--rate 200] [--users 100]

--public: anonymous readers of the public pages instead, at a rate, and a
check of the rate limit per address (tests/load/public_run.py).

Without --url it starts ``make serve``'s script (.ci/serve.sh: gunicorn,
DEBUG off, hashed static files) on a free loopback port, against DATABASE_URL
(default: the local PostgreSQL, database ``incluportal``), and stops it at the
end. It adds the load test's programme and people to that database
(tests/load/data.py), runs locust headless for the given time, then reads
every saved document back. It prints requests per second, latencies and
errors, and exits non-zero if a request failed or a save was lost.

Loopback only: it refuses a server or a database anywhere else. Everything
is bounded in time; a server or a locust that hangs is killed.
"""

import argparse
import http.client
import json
import os
import resource
import runpy
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/incluportal"
SERVER_START_SECONDS = 300  # a first run migrates and collects static files
SERVER_STOP_SECONDS = 45


def is_loopback(host):
    return host in (None, "", "localhost", "::1") or host.startswith("127.")


def require_loopback(url, what):
    if not is_loopback(urlsplit(url).hostname):
        raise SystemExit(f"{what} must be on this machine (loopback): {url}")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --- The server -------------------------------------------------------------------


def server_start(*, port, database_url, log, env=None):
    """``make serve``'s script in its own process group (to stop it whole),
    with ``env`` added to the environment."""
    env = {
        **os.environ,
        "PORT": str(port),
        "DATABASE_URL": database_url,
        **(env or {}),
    }
    return subprocess.Popen(
        ["bash", str(ROOT / ".ci" / "serve.sh")],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def answers(url, path="/healthz"):
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
    try:
        connection.request("GET", path)
        return connection.getresponse().status
    except OSError:
        return None
    finally:
        connection.close()


def server_wait(url, process, timeout=SERVER_START_SECONDS):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server stopped (exit {process.returncode})")
        if answers(url) == 200:
            return
        time.sleep(1)
    raise RuntimeError(f"the server did not answer within {timeout} s")


def server_stop(process):
    """SIGTERM (gunicorn lets requests in flight finish), then SIGKILL."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(SERVER_STOP_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def cpu_seconds(pid):
    """CPU time used so far by a process and its children (gunicorn's workers),
    those it has reaped included (a worker replaced after max_requests)."""
    import psutil  # locust's dependency

    process = psutil.Process(pid)
    total = 0.0
    for proc in [process, *process.children(recursive=True)]:
        try:
            times = proc.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
        total += times.children_user + times.children_system
    return total


def server_shape():
    """Workers and threads, as incluportal/gunicorn.conf.py decides them."""
    conf = runpy.run_path(str(ROOT / "incluportal" / "gunicorn.conf.py"))
    return conf["workers"], conf["threads"]


# --- locust -----------------------------------------------------------------------


def locust_run(*, url, accounts, password, users, seconds, work, wait="0.5,1.5"):
    """Run locust headless; returns the files of its requests and saves."""
    require_loopback(url, "The server under load")
    plan = work / "plan.json"
    plan.write_text(json.dumps({"password": password, "accounts": accounts}))
    saves = work / "saves.jsonl"
    saves.write_text("")
    requests = work / "requests.jsonl"
    requests.write_text("")
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "LOAD_PLAN": str(plan),
        "LOAD_SAVES": str(saves),
        "LOAD_REQUESTS": str(requests),
        "LOAD_WAIT": wait,
        "LOAD_USERS": str(users),
        "LOAD_SECONDS": str(seconds),
    }
    # The locustfile stops the run SECONDS after everyone signed in;
    # run_time is the bound if that never happens.
    run_locust(
        "locustfile.py",
        url=url,
        users=users,
        env=env,
        work=work,
        run_time=seconds + 300,
        stop_timeout=10,
    )
    return requests, saves


def run_locust(locustfile, *, url, users, env, work, run_time, stop_timeout):
    """Locust headless with ``tests/load/<locustfile>``, every user started
    within a second; its log in ``work/locust.log``. Errors are not its exit
    code: the caller counts them from the requests' file."""
    command = [
        str(BIN / "locust"),
        "-f",
        str(ROOT / "tests" / "load" / locustfile),
        "--headless",
        "--users",
        str(users),
        "--spawn-rate",
        str(users),
        "--run-time",
        f"{run_time}s",
        "--stop-timeout",
        str(stop_timeout),
        "--host",
        url,
        "--only-summary",
        "--exit-code-on-error",
        "0",
    ]
    with open(work / "locust.log", "w") as log:
        subprocess.run(
            command,
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            timeout=run_time + 120,
            check=True,
        )


def saves_check(saves_file):
    """Every save read back from the database (Django must be set up)."""
    from tests.load.data import Database
    from tests.load.saves import check, read_saves

    database = Database()
    return check(
        read_saves(saves_file), stored=database.stored, history=database.history
    )


def _children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def django_setup(database_url):
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "incluportal.settings")
    import django

    django.setup()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--users", type=int, help="default: 50 signed-in users, 100 public readers"
    )
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument(
        "--wait",
        default="0.5,1.5",
        help="seconds a person pauses between two steps: min,max (default 0.5,1.5)",
    )
    parser.add_argument(
        "--url", help="a server already running (loopback); default: start one"
    )
    parser.add_argument(
        "--public",
        action="store_true",
        help="anonymous readers of the public pages (tests/load/public_run.py)",
    )
    parser.add_argument(
        "--rate",
        type=float,
        default=200,
        help="--public: requests a second, all readers together (default 200)",
    )
    parser.add_argument(
        "--rate-limit",
        type=int,
        default=300,
        help="--public: the PUBLIC_RATE_LIMIT the check after the load sets "
        "(default 300 a minute; 0: no check)",
    )
    args = parser.parse_args(argv)
    # Run as a script: the project's packages (tests.load among them).
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from tests.load import stats

    load_before = os.getloadavg()[0]  # the machine may be shared: say how busy
    database_url = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE
    require_loopback(database_url, "The database")
    if args.url:
        require_loopback(args.url, "The server under load")
    work = Path(tempfile.mkdtemp(prefix="incluportal-load-"))
    if args.public:
        from tests.load import public_run

        return public_run.main(args, database_url=database_url, work=work)
    args.users = args.users or 50
    server = None
    url = args.url
    if url:
        require_loopback(url, "The server under load")
    else:
        url = f"http://127.0.0.1:{free_port()}"
    try:
        if not args.url:
            print(f"Starting make serve on {url} (log: {work / 'server.log'})")
            with open(work / "server.log", "w") as log:
                server = server_start(
                    port=urlsplit(url).port, database_url=database_url, log=log
                )
        try:
            server_wait(url, server)
        except RuntimeError:
            if server is not None:
                print((work / "server.log").read_text()[-3000:], file=sys.stderr)
            raise
        django_setup(database_url)
        from tests.load.data import load_data_create

        password = secrets.token_urlsafe(18)
        accounts = load_data_create(users=args.users, password=password)
        print(
            f"{args.users} users sign in and read and save documents for "
            f"{args.seconds} s (pauses {args.wait} s)..."
        )
        started = time.monotonic()
        server_cpu = cpu_seconds(server.pid) if server else None
        locust_cpu = _children_cpu()
        requests_file, saves_file = locust_run(
            url=url,
            accounts=accounts,
            password=password,
            users=args.users,
            seconds=args.seconds,
            work=work,
            wait=args.wait,
        )
        elapsed = time.monotonic() - started
        locust_cpu = _children_cpu() - locust_cpu
        if server is not None:
            server_cpu = cpu_seconds(server.pid) - server_cpu
    finally:
        if server is not None:
            server_stop(server)
    records = stats.read_records(requests_file)
    summary = stats.summarize(records)
    errors = summary.errors
    report = saves_check(saves_file)

    if server is not None:
        workers, threads = server_shape()
        shape = f"gunicorn {workers} workers x {threads} threads"
    else:
        shape = f"the server at {url}"
    print()
    print(
        f"IncluPortal under load: {args.users} users, {args.seconds} s, {shape}, "
        f"{os.cpu_count()} CPUs "
        f"(load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after)"
    )
    if server_cpu is not None:
        # On a shared machine, how much of it the server had.
        print(
            f"CPU over the {elapsed:.0f} s of locust: server {server_cpu:.0f} s "
            f"({server_cpu / elapsed:.2f} cores), locust {locust_cpu:.0f} s"
        )
    print(f"Signing in, {args.users} users at once:")
    print(stats.table(summary.sign_in))
    print()
    print(f"Reading and saving, {args.users} signed-in users:")
    print(stats.table(summary.run))
    print()
    print(f"errors: {errors}")
    print(
        f"saves: {report.ok - len(report.lost)} ok, {len(report.lost)} lost "
        f"({report.conflicts} refused as edit conflicts, 409)"
    )
    print(
        f"last values: {report.fields_checked} fields checked, "
        f"{len(report.wrong)} wrong"
    )
    failures = Counter(r["error"] for r in records if r.get("error"))
    for message, count in failures.most_common(10):
        print(f"error x{count}: {message}")
    for doc, name, now, candidates in report.wrong[:10]:
        print(f"wrong: {doc} {name} holds {now!r}, expected one of {candidates}")
    print(
        f"reads after saving: {report.reads}, {len(report.stale)} without the save "
        "(stale)"
    )
    for save in report.stale[:10]:
        print(f"stale: {save.doc} {save.field} {save.value!r} not on the page")
    print(f"(details: {work})")
    return 1 if errors or not report.passed else 0


if __name__ == "__main__":
    sys.exit(main())
