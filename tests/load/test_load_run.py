"""make load in small: three people for three seconds against a live server.

The same locustfile, accounts and checks as the 50-user run (tests/load/run.py),
so a change to the forms that would break the load run breaks here first.
"""

import pytest

from tests.load import run, stats
from tests.load.data import load_data_create


@pytest.mark.django_db(transaction=True)
def test_three_people_read_and_save_and_no_save_is_lost(
    live_server, tmp_path, settings
):
    accounts = load_data_create(users=3, password="three people, one pass")
    # Two officers of one city share its documents; the third has a city alone.
    assert len({a["scheme"] for a in accounts}) == 2

    requests_file, saves_file = run.locust_run(
        url=live_server.url,
        accounts=accounts,
        password="three people, one pass",
        users=3,
        seconds=3,
        work=tmp_path,
        wait="0.05,0.2",
    )

    summary = stats.summarize(stats.read_records(requests_file))
    sign_in = {row.name: row.count for row in summary.sign_in}
    assert sign_in["sign-in"] == 3
    assert summary.run[-1].count >= 3 * 4  # each opens and posts two forms first
    assert summary.errors == 0, (tmp_path / "locust.log").read_text()[-3000:]
    report = run.saves_check(saves_file)
    assert report.ok + report.conflicts >= 3 * 2
    # After each save its page is read again, and shows it: nothing stale.
    assert report.reads == report.ok
    assert report.passed, (report.lost, report.wrong, report.stale)


def test_it_refuses_a_server_or_a_database_elsewhere():
    with pytest.raises(SystemExit, match="loopback"):
        run.require_loopback("http://192.0.2.10:8000", "The server under load")
    with pytest.raises(SystemExit, match="loopback"):
        run.require_loopback("postgres://u@db.example.eu/portal", "The database")
    run.require_loopback("http://127.0.0.1:8000", "The server under load")
    run.require_loopback("postgres://postgres@localhost:5432/x", "The database")
    run.require_loopback("sqlite:////tmp/x.sqlite3", "The database")


def test_make_serves_script_runs_only_commands_that_exist():
    """The load runs start .ci/serve.sh: a management command it names that
    no longer exists (clear_page_cache, once) stops the server at start."""
    import re

    from django.core.management import get_commands

    script = (run.ROOT / ".ci" / "serve.sh").read_text()
    named = set(re.findall(r"manage\.py ([a-z_]+)", script))
    assert {"migrate", "load_demo", "collectstatic"} <= named
    assert named <= set(get_commands())


def test_the_servers_cpu_counts_a_worker_that_ended():
    """gunicorn replaces a worker after max_requests: the CPU it used must
    stay in the server's figure."""
    import os
    import subprocess
    import sys

    before = run.cpu_seconds(os.getpid())
    busy = (
        "import time\n"
        "end = time.process_time() + 0.3\n"
        "while time.process_time() < end: pass"
    )
    subprocess.run([sys.executable, "-c", busy], check=True)
    assert run.cpu_seconds(os.getpid()) - before >= 0.3
