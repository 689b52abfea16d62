"""The page cache (incluportal/pagecache.py): repeated reads answered from the
cache, and never a page older than the data, another person's page, another
language's page or one that loses a message."""

import datetime
import threading

import pytest
from django.core import mail
from django.core.cache import cache, caches
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from incluportal import pagecache
from schemes.models import ActionPlan, ActionPlanRow
from tests import factories
from tests.incluportal.test_redis import on_redis  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()  # the in-memory cache, before a test may switch to Redis
    yield
    pagecache._missed.clear()  # a failed test must not leave the cache off


def _read(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200
    return response


def _warm(client, url):
    """The first GET takes the CSRF cookie, the second keeps the page."""
    _read(client, url)
    assert _read(client, url)["X-Page-Cache"] == "miss"


@pytest.fixture
def plan_url(world):
    return reverse("schemes:action_plan", args=[world.scheme.pk])


def test_a_repeated_read_is_answered_from_the_cache_without_the_view(
    client_for, plan_url, django_assert_max_num_queries
):
    client = client_for("mentee")
    _warm(client, plan_url)
    first = _read(client, plan_url)
    assert first["X-Page-Cache"] == "hit"
    with django_assert_max_num_queries(2):  # the session and the user
        again = _read(client, plan_url)
    assert again.content == first.content
    assert "Evening courses" in again.content.decode()
    # The middleware still answers around it: security headers, CSRF cookie.
    assert again["Content-Security-Policy"]
    assert again["X-Frame-Options"] == "DENY"
    assert again.cookies["csrftoken"].value == client.cookies["csrftoken"].value


def test_an_orm_save_makes_the_page_fresh(client_for, world, plan_url):
    client = client_for("mentee")
    _warm(client, plan_url)
    world.row.action = "Weekend courses"
    world.row.save()
    response = _read(client, plan_url)
    assert response["X-Page-Cache"] == "miss"
    assert "Weekend courses" in response.content.decode()


def test_a_queryset_update_makes_the_page_fresh(client_for, world, plan_url):
    client = client_for("mentee")
    _warm(client, plan_url)
    ActionPlanRow.objects.filter(pk=world.row.pk).update(action="Sunday courses")
    assert "Sunday courses" in _read(client, plan_url).content.decode()


def test_raw_sql_makes_the_page_fresh(client_for, world, plan_url):
    client = client_for("mentee")
    _warm(client, plan_url)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE schemes_actionplanrow SET action = %s WHERE id = %s",
            ["Night courses", world.row.pk],
        )
    assert "Night courses" in _read(client, plan_url).content.decode()


def test_a_change_of_access_takes_effect_at_once(client_for, world):
    url = reverse("schemes:scheme_detail", args=[world.scheme.pk])
    client = client_for("mentee")
    _warm(client, url)
    world.users["mentee"].memberships.all().delete()
    assert client.get(url).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_a_write_committed_on_another_connection_makes_the_page_fresh(
    client_for, world, plan_url
):
    """As from another app server or a command: only the database and the
    cache are shared, and this connection has written nothing."""
    client = client_for("mentee")
    _warm(client, plan_url)
    failures = []

    def elsewhere():
        try:
            ActionPlanRow.objects.filter(pk=world.row.pk).update(action="From afar")
        except Exception as error:  # noqa: BLE001 - reported to the test
            failures.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=elsewhere)
    thread.start()
    thread.join()
    assert failures == []
    assert not getattr(connection, "pagecache_dirty", False)
    response = _read(client, plan_url)
    assert response["X-Page-Cache"] == "miss"
    assert "From afar" in response.content.decode()


def test_writes_in_a_transaction_bump_once_more_when_it_commits(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        factories.ThemeFactory()
        factories.ThemeFactory()
    assert callbacks.count(pagecache.bump) == 1  # once per transaction
    # Before then, this connection sees its own writes: its next read of a
    # kept page replaces the generation first.
    assert connection.pagecache_dirty
    before = cache.get(pagecache.GENERATION_KEY)
    assert pagecache._fresh() != before
    assert not connection.pagecache_dirty
    committed = pagecache.generation()
    callbacks[0]()
    assert pagecache.generation() != committed


def test_connections_opened_later_are_watched_too():
    watched = []

    def elsewhere():
        try:
            connection.ensure_connection()
            watched.append(pagecache._watch_writes in connection.execute_wrappers)
        finally:
            connection.close()

    thread = threading.Thread(target=elsewhere)
    thread.start()
    thread.join()
    assert watched == [True]


@pytest.mark.parametrize(
    "sql, write",
    [
        ('INSERT INTO "schemes_actionplanrow" ("action") VALUES (%s)', True),
        ('  update "schemes_scheme" SET "notes" = %s', True),
        ('DELETE FROM "schemes_scheme" WHERE "id" = %s', True),
        ('TRUNCATE "schemes_scheme"', True),
        ('ALTER TABLE "schemes_scheme" ADD COLUMN "x" integer', True),
        ('SELECT "schemes_scheme"."id" FROM "schemes_scheme"', False),
        ("SET LOCAL random_page_cost = 1.1", False),
        ('SAVEPOINT "s1"', False),
        ('UPDATE "django_session" SET "session_data" = %s', False),
        ('INSERT INTO "django_session" ("session_key") VALUES (%s)', False),
        ('DELETE FROM "django_session" WHERE "expire_date" < %s', False),
        ('UPDATE "django_session_extra" SET "x" = 1', True),
        # Whatever is not a read is a write, behind comments and brackets too.
        ("/* app=portal */ UPDATE schemes_scheme SET notes = ''", True),
        ("-- a fix\nDELETE FROM schemes_actionplanrow", True),
        ("(UPDATE schemes_scheme SET notes = '')", True),
        ("WITH x AS (SELECT 1) UPDATE schemes_scheme SET notes = ''", True),
        ("WITH x AS (SELECT 1) SELECT * FROM x", False),
        ("COPY schemes_actionplanrow FROM STDIN", True),
        ("DO $$ BEGIN UPDATE schemes_scheme SET notes = ''; END $$", True),
        ("CALL refresh_everything()", True),
        ("EXPLAIN SELECT 1", False),
        ("EXPLAIN ANALYZE UPDATE schemes_scheme SET notes = ''", True),
        ("/* c */ SELECT 1", False),
        ('SELECT "id" FROM "schemes_scheme" FOR UPDATE', False),
        ('DECLARE "c1" NO SCROLL CURSOR WITH HOLD FOR SELECT 1', False),
        ('RELEASE SAVEPOINT "s1"', False),
        ("PRAGMA foreign_keys = ON", False),
    ],
)
def test_which_statements_count_as_writes(sql, write):
    assert pagecache.is_write(sql) is write


def test_saving_a_session_keeps_the_pages(client_for, plan_url):
    client = client_for("mentee")
    _warm(client, plan_url)
    session = client.session
    session["seen"] = True
    session.save()
    assert _read(client, plan_url)["X-Page-Cache"] == "hit"


def test_no_one_is_answered_with_another_persons_page(client_for, world):
    url = reverse("home")
    _warm(client_for("mentee"), url)
    mentor = client_for("mentor")
    _read(mentor, url)  # takes a CSRF cookie
    page = _read(mentor, url)
    assert page["X-Page-Cache"] == "miss"
    assert "mentor@example.org" in page.content.decode()
    assert "mentee@example.org" not in page.content.decode()


def test_a_person_without_access_gets_a_404_not_the_kept_page(client_for, world):
    url = reverse("schemes:scheme_detail", args=[world.scheme.pk])
    _warm(client_for("mentee"), url)
    other = client_for("other_programme")
    _read(other, reverse("home"))  # takes a CSRF cookie
    assert other.get(url).status_code == 404


def test_each_language_has_its_own_page(client_for, plan_url):
    client = client_for("mentee")
    _warm(client, plan_url)
    latvian = client.get(plan_url, HTTP_ACCEPT_LANGUAGE="lv")
    assert latvian["Content-Language"] == "lv"
    assert '<html lang="lv">' in latvian.content.decode()
    assert latvian.get("X-Page-Cache") != "hit"


def test_a_new_day_gets_a_new_page(client_for, plan_url, monkeypatch):
    client = client_for("mentee")
    _warm(client, plan_url)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr(pagecache.timezone, "localdate", lambda: tomorrow)
    assert _read(client, plan_url)["X-Page-Cache"] == "miss"


def test_a_page_that_shows_a_message_is_not_kept(client_for, plan_url, world):
    client = client_for("mentee")
    _warm(client, plan_url)
    response = client.post(
        reverse("schemes:action_plan_action", args=[world.scheme.pk, "submit"]),
        follow=True,
    )
    assert response.redirect_chain[-1][0] == plan_url
    assert "frozen and submitted" in response.content.decode()
    assert "X-Page-Cache" not in response
    again = _read(client, plan_url)
    assert again["X-Page-Cache"] == "miss"
    assert "frozen and submitted" not in again.content.decode()


def test_a_waiting_message_is_shown_not_a_kept_page(client_for, plan_url, world):
    client = client_for("coordinator")
    _warm(client, plan_url)
    # A refused approval writes nothing, so the kept page is still current,
    # but the message waiting for the next page must be shown.
    response = client.post(
        reverse("schemes:action_plan_action", args=[world.scheme.pk, "approve"]),
        follow=True,
    )
    assert response.redirect_chain[-1][0] == plan_url
    assert "Give the date and the reference" in response.content.decode()
    assert "X-Page-Cache" not in response
    assert _read(client, plan_url)["X-Page-Cache"] == "hit"


def test_htmx_requests_and_errors_are_not_kept(client_for, world, plan_url):
    client = client_for("mentee")
    _read(client, plan_url)
    for _ in range(3):
        response = client.get(plan_url, HTTP_HX_REQUEST="true")
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
    missing = reverse("schemes:scheme_detail", args=[world.scheme.pk + 1000])
    for _ in range(3):
        response = client.get(missing)
        assert response.status_code == 404
        assert "X-Page-Cache" not in response


def test_without_a_csrf_cookie_the_page_is_rendered_and_sets_one(client_for, plan_url):
    client = client_for("mentee")
    _warm(client, plan_url)
    del client.cookies["csrftoken"]
    response = _read(client, plan_url)
    assert response.get("X-Page-Cache") is None
    assert response.cookies["csrftoken"].value


def test_a_lost_generation_never_serves_an_old_page(client_for, world, plan_url):
    client = client_for("mentee")
    _warm(client, plan_url)
    cache.delete(pagecache.GENERATION_KEY)
    assert _read(client, plan_url)["X-Page-Cache"] == "miss"


def test_off_when_page_cache_seconds_is_zero(client_for, plan_url, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client = client_for("mentee")
    for _ in range(3):
        assert _read(client, plan_url).get("X-Page-Cache") is None


@pytest.mark.usefixtures("on_redis")
def test_on_redis_the_page_and_its_generation_are_shared(client_for, world, plan_url):
    """As in production: another server reads the same generation."""
    client = client_for("mentee")
    _warm(client, plan_url)
    assert _read(client, plan_url)["X-Page-Cache"] == "hit"
    other_server = caches.create_connection("default")
    assert other_server.get(pagecache.GENERATION_KEY) == pagecache.generation()
    # Another server's write: it replaces the generation in Redis.
    other_server.set(pagecache.GENERATION_KEY, "elsewhere", None)
    other_server.close()
    ActionPlanRow.objects.filter(pk=world.row.pk).update(action="Shared courses")
    connection.pagecache_dirty = False  # only the other server's token counts
    response = _read(client, plan_url)
    assert response["X-Page-Cache"] == "miss"
    assert "Shared courses" in response.content.decode()


@pytest.mark.parametrize(
    "persona, name, args",
    [
        ("coordinator", "home", lambda w: []),
        ("coordinator", "schemes:dashboard", lambda w: [w.programme.slug]),
        ("mentee", "schemes:scheme_detail", lambda w: [w.scheme.pk]),
        ("mentee", "schemes:needs_analysis_edit", lambda w: [w.scheme.pk, "A"]),
        ("mentee", "schemes:action_plan", lambda w: [w.scheme.pk]),
        ("mentee", "schemes:good_practice_list", lambda w: []),
        ("mentee", "benchmarks:benchmark_list", lambda w: []),
        ("coordinator", "schemes:programme_detail", lambda w: [w.programme.slug]),
    ],
)
def test_the_measured_pages_are_kept(client_for, world, persona, name, args):
    """The pages tests/perf/pages.py times, and some more, use the cache."""
    client = client_for(persona)
    url = reverse(name, args=args(world))
    _warm(client, url)
    assert _read(client, url)["X-Page-Cache"] == "hit"


class _FlakyCache:
    """The cache, but writing the generation times out (Redis, for a moment)."""

    def __init__(self, real):
        self.real, self.down = real, True

    def set(self, key, *args, **kwargs):
        if key == pagecache.GENERATION_KEY and self.down:
            raise TimeoutError("Timeout reading from socket")
        return self.real.set(key, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.real, name)


def _elsewhere(function):
    """function() in another thread: its own connection, as another worker."""
    answers = []

    def run():
        try:
            answers.append(function())
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    return answers[0]


@pytest.mark.django_db(transaction=True)
def test_a_cache_that_does_not_answer_fails_no_save_and_serves_no_old_page(
    world, monkeypatch, client_for
):
    url = reverse("schemes:action_plan", args=[world.scheme.pk])
    coordinator = Client()
    coordinator.force_login(world.users["coordinator"])
    mentee = client_for("mentee")  # signing in writes: before the hiccup
    _warm(coordinator, url)
    flaky = _FlakyCache(pagecache.cache)
    monkeypatch.setattr(pagecache, "cache", flaky)
    response = mentee.post(
        reverse("schemes:action_plan_action", args=[world.scheme.pk, "submit"])
    )
    # The submission stands, with its e-mail, and the person is not told off.
    assert response.status_code == 302
    assert ActionPlan.objects.get(scheme=world.scheme).status == "submitted"
    assert len(mail.outbox) == 1
    # While the generation cannot be replaced, no page comes from the cache...
    page = _elsewhere(lambda: coordinator.get(url))
    assert "X-Page-Cache" not in page
    assert "Record the approval" in page.content.decode()
    # ...and once the cache answers again, the next request replaces it.
    flaky.down = False
    page = _elsewhere(lambda: coordinator.get(url))
    assert "Record the approval" in page.content.decode()
    assert page["X-Page-Cache"] == "miss"
    assert _elsewhere(lambda: coordinator.get(url))["X-Page-Cache"] == "hit"


def test_a_failing_commit_callback_does_not_keep_the_pages_from_going_stale(
    django_capture_on_commit_callbacks,
):
    def send_mail_that_fails():
        raise ConnectionError("SMTP down")

    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        transaction.on_commit(send_mail_that_fails)
        factories.ThemeFactory()
    assert callbacks == [pagecache.bump, send_mail_that_fails]


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_savepoint_keeps_the_bump_of_what_commits(world):
    with transaction.atomic():
        try:
            with transaction.atomic():
                ActionPlanRow.objects.filter(pk=world.row.pk).update(action="x")
                raise RuntimeError
        except RuntimeError:
            pass
        after_rollback = pagecache.generation()
        ActionPlanRow.objects.filter(pk=world.row.pk).update(action="y")
    assert pagecache.generation() != after_rollback


def test_the_command_makes_every_kept_page_stale(client_for, plan_url):
    client = client_for("mentee")
    _warm(client, plan_url)
    call_command("clear_page_cache", verbosity=0)
    assert _read(client, plan_url)["X-Page-Cache"] == "miss"


def test_a_system_check_warns_of_a_cache_of_one_process(settings):
    assert [w.id for w in pagecache.check_shared_cache(None)] == ["incluportal.W001"]
    settings.PAGE_CACHE_SECONDS = 0
    assert pagecache.check_shared_cache(None) == []
    settings.PAGE_CACHE_SECONDS = 300
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/3",
        }
    }
    assert pagecache.check_shared_cache(None) == []
