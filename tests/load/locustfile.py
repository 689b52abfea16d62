"""Signed-in people reading and saving documents (locust, headless).

Started by ``tests/load/run.py`` (``make load``), which prepares the accounts
and reads the results; not a test module (locust patches the standard library
with gevent when imported, so pytest never imports this file).

Environment: LOAD_PLAN (JSON: the password and one account per user, with its
scheme and action-plan rows), LOAD_SAVES (a file: one JSON line per save),
LOAD_REQUESTS (a file: one JSON line per request, see tests/load/stats.py),
LOAD_WAIT ("min,max" seconds a person pauses between two steps), LOAD_USERS
and LOAD_SECONDS: everyone signs in, then they read and save for that long.
"""

import itertools
import json
import os
import random
import time
import uuid

import gevent.event
from locust import HttpUser, between, events, task

from tests.load.htmlforms import form_with
from tests.load.saves import CONFLICT, SAVED
from tests.load.stats import EXCEPTION, SIGNED_IN

with open(os.environ["LOAD_PLAN"], encoding="utf-8") as _plan:
    PLAN = json.load(_plan)
_accounts = itertools.cycle(PLAN["accounts"])
# Open for the whole run (one line per write, flushed): gevent runs one
# greenlet at a time, so lines never interleave.
_saves = open(os.environ["LOAD_SAVES"], "a", encoding="utf-8", buffering=1)  # noqa: SIM115
_requests = open(os.environ["LOAD_REQUESTS"], "a", encoding="utf-8", buffering=1)  # noqa: SIM115
_wait = [float(x) for x in os.environ.get("LOAD_WAIT", "0.5,1.5").split(",")]
USERS = int(os.environ["LOAD_USERS"])
SECONDS = float(os.environ["LOAD_SECONDS"])
SIGN_IN_SECONDS = 300  # at most, for everyone to be signed in

_signed_in = 0
_everyone_in = gevent.event.Event()


def _record(**fields):
    _requests.write(json.dumps(fields) + "\n")


@events.request.add_listener
def _on_request(name, response_time, exception, response=None, **kwargs):
    _record(
        name=name,
        ms=response_time,
        end=time.time(),
        error=str(exception) if exception else None,
    )


@events.user_error.add_listener
def _on_user_error(user_instance, exception, tb, **kwargs):
    _record(name=EXCEPTION, ms=0, end=time.time(), error=repr(exception))


class PortalUser(HttpUser):
    wait_time = between(*_wait)

    def on_start(self):
        global _signed_in
        self.account = next(_accounts)
        self.scheme = self.account["scheme"]
        try:
            self.sign_in()
        finally:
            _signed_in += 1  # a failed sign-in must not hold the others back
        if _signed_in == USERS:
            # The measured run starts now, and stops SECONDS later.
            _record(name=SIGNED_IN, ms=0, end=time.time(), error=None)
            _everyone_in.set()
            gevent.spawn_later(SECONDS, self.environment.runner.quit)
        _everyone_in.wait(SIGN_IN_SECONDS)
        # Everyone's first two steps are a save of each kind (after the usual
        # pause): the two officers of a city meet on their documents early,
        # and every run saves, however short.
        for save in (self.save_needs_analysis, self.save_action_row):
            gevent.sleep(self.wait_time())
            save()

    def sign_in(self):
        page = self.client.get("/accounts/login/", name="sign-in page")
        form = form_with(page.text, "username")
        data = form.data(username=self.account["email"], password=PLAN["password"])
        with self.client.post(
            "/accounts/login/",
            data=data,
            name="sign-in",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"sign-in answered {response.status_code}")

    def read(self, url, name):
        # A redirect here would be the sign-in page: not what was asked for.
        with self.client.get(
            url, name=name, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} for {url}")
            return response

    @task(2)
    def home(self):
        self.read("/", "GET home")

    @task(2)
    def scheme_page(self):
        self.read(f"/schemes/{self.scheme}/", "GET scheme")

    @task(2)
    def needs_analysis(self):
        self.read(f"/schemes/{self.scheme}/needs-analysis/", "GET needs analysis")

    @task(2)
    def action_plan(self):
        self.read(f"/schemes/{self.scheme}/action-plan/", "GET action plan")

    @task(2)
    def good_practices(self):
        self.read("/good-practices/", "GET good practices")

    @task(1)
    def save_needs_analysis(self):
        url = f"/schemes/{self.scheme}/needs-analysis/edit/A/"
        back = f"/schemes/{self.scheme}/needs-analysis/"
        self.save(url, back, f"needs:{self.scheme}", "needs analysis")

    @task(1)
    def save_action_row(self):
        row = random.choice(self.account["rows"])
        url = f"/schemes/{self.scheme}/action-plan/rows/{row}/edit/"
        back = f"/schemes/{self.scheme}/action-plan/"
        self.save(url, back, f"row:{row}", "action row")

    def save(self, url, back, doc, label):
        """Open the form (a fresh revision), change one answer, post it all."""
        page = self.read(url, f"GET {label} form")
        if page.status_code != 200:
            return
        form = form_with(page.text, "revision")
        name = random.choice(form.textareas)
        value = f"{self.account['email'].split('@')[0]} {uuid.uuid4().hex}"
        start = time.time()
        with self.client.post(
            url,
            data=form.data(**{name: value}),
            name=f"POST {label} form",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            end = time.time()
            status = response.status_code
            if status == SAVED and response.headers.get("Location") != back:
                # Sent elsewhere (the sign-in page?): not saved as asked.
                status = -status
            if status == CONFLICT:
                # Someone saved the same answer between our read and our
                # save: the portal refuses it and says so. Not an error.
                response.success()
            elif status != SAVED:
                response.failure(f"save answered {status}")
        record = {
            "doc": doc,
            "field": name,
            "value": value,
            "start": start,
            "end": end,
            "status": status,
        }
        if status == SAVED:
            # Where the browser goes next: the document, with the message
            # "saved"; then the same page again: it must show the save too.
            record["read_start"] = time.time()
            self.read(back, f"GET {label} after saving")
            page = self.read(back, f"GET {label} after saving, again")
            record["read_end"] = time.time()
            record["seen"] = page.status_code == 200 and value in page.text
        _saves.write(json.dumps(record) + "\n")
