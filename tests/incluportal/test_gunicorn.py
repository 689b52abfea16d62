"""gunicorn with incluportal/gunicorn.conf.py serves the portal, DEBUG off.

``make serve`` runs the same command after migrate and collectstatic; here
static files come from the apps (STATIC_MANIFEST=0), so the test needs no
collectstatic. The server reads the test database.
"""

import http.client
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from tests.load.run import free_port

ROOT = Path(__file__).resolve().parents[2]


def _database_url():
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def _get(port, path):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read().decode(errors="replace")
    finally:
        conn.close()


@pytest.fixture
def gunicorn(transactional_db, tmp_path):
    port = free_port()
    log = tmp_path / "gunicorn.log"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "PORT": str(port),
        "DATABASE_URL": _database_url(),
        "DEBUG": "0",
        "SECRET_KEY": "a-throw-away-key-for-this-test-only-4f9c2b7e1d8a6",
        "STATIC_MANIFEST": "0",
        "WEB_CONCURRENCY": "1",
        "GUNICORN_THREADS": "2",
    }
    with open(log, "w") as out:
        server = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "-c",
                "incluportal/gunicorn.conf.py",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and server.poll() is None:
        try:
            if _get(port, "/healthz")[0] == 200:
                break
        except OSError:
            time.sleep(0.3)
    yield server, port, log
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(40)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def test_gunicorn_serves_pages_and_static_files_with_debug_off(gunicorn):
    server, port, log_file = gunicorn
    assert _get(port, "/healthz")[0] == 200
    status, page = _get(port, "/accounts/login/")
    assert status == 200
    assert 'name="password"' in page
    status, css = _get(port, "/static/incluportal/css/portal.css")
    assert status == 200
    assert "{" in css
    # DEBUG off: the portal's own page, not Django's technical one.
    status, page = _get(port, "/no-such-page/")
    assert status == 404
    assert "URLconf" not in page

    # SIGTERM: requests finish, then the server stops by itself.
    server.send_signal(signal.SIGTERM)
    assert server.wait(40) == 0
    log = log_file.read_text()
    assert "Using worker: gthread" in log
    # The access log, with the time each request took.
    assert '"GET /accounts/login/ HTTP/1.1" 200' in log
    assert "ms" in log.split('"GET /accounts/login/ HTTP/1.1" 200')[1].splitlines()[0]
