"""Anonymous readers of the public pages (locust, headless): the public mix
of ``make load LOAD_ARGS="--public"``.

Started by ``tests/load/run.py``; not a test module (locust patches the
standard library with gevent when imported). What the readers do is
``tests/load/public.py``.

Environment: LOAD_PLAN (JSON: tests.load.public.plan_from), LOAD_REQUESTS
(a file: one JSON line per request, see tests/load/stats.py, with its
status and whether it was tolerated), LOAD_RATE (requests a second, all
readers together), LOAD_USERS and LOAD_SECONDS.
"""

import json
import os
import random
import time

from locust import constant_throughput, events, task
from locust.contrib.fasthttp import FastHttpUser

from tests.load.public import next_step, remember
from tests.load.stats import EXCEPTION

with open(os.environ["LOAD_PLAN"], encoding="utf-8") as _plan:
    PLAN = json.load(_plan)
_requests = open(os.environ["LOAD_REQUESTS"], "a", encoding="utf-8", buffering=1)  # noqa: SIM115
USERS = int(os.environ["LOAD_USERS"])
RATE = float(os.environ["LOAD_RATE"])


def _record(**fields):
    _requests.write(json.dumps(fields) + "\n")


@events.user_error.add_listener
def _on_user_error(user_instance, exception, tb, **kwargs):
    _record(name=EXCEPTION, ms=0, end=time.time(), error=repr(exception))


class PublicReader(FastHttpUser):
    """A browser without a session: no cookie is ever sent or kept."""

    # Each reader at its share of the rate (an open door: it never waits
    # longer than that, and waits for its answer before the next step).
    wait_time = constant_throughput(RATE / USERS)

    def on_start(self):
        self.rng = random.Random()
        self.seen = {}

    @task
    def read(self):
        current = next_step(PLAN, self.rng, self.seen)
        start = time.time()
        with self.client.get(
            current.path,
            name=current.name,
            headers=current.headers,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            status = response.status_code
            verdict = current.verdict(status)
            if verdict is None or verdict == "tolerated":
                response.success()
            else:
                response.failure(verdict)
            etag = response.headers.get("ETag") if status == 200 else None
        end = time.time()
        remember(self.seen, current, status, etag)
        _record(
            name=current.name,
            ms=(end - start) * 1000,
            end=end,
            status=status,
            error=None if verdict in (None, "tolerated") else verdict,
            tolerated=current.tolerated.get(status) if verdict else None,
            cookie=bool(response.headers.get("Set-Cookie")),
        )
