"""Personas shared by every test, after the house style.

One programme ("the programme") with a coordinating body, a mentee city,
its association, a mentor city and a technical partner attached to the
scheme (not to the programme's other one), each with one person; and another
programme with its own coordinator and city, whose people must see nothing
of the first.
"""

import datetime
import zoneinfo
from dataclasses import dataclass

import pytest
import time_machine
from django.core.cache import cache
from django.utils import translation

from schemes import services
from schemes.network.models.programmes import ParticipationRole
from schemes.network.models.schemes import PartnerScheme
from tests import factories

PERSONAS = [
    "anonymous",
    "coordinator",
    "mentee",
    "mentor",
    "association",
    "mentor_association",
    "partner",
    "other_scheme",
    "other_coordinator",
    "other_programme",
]


# A day with a single-digit day and month (6 March 2026, 10:30 in Brussels), so
# that a test of printed dates tells 06.03.2026 from 6.3.2026.
FROZEN_MOMENT = datetime.datetime(
    2026, 3, 6, 10, 30, tzinfo=zoneinfo.ZoneInfo("Europe/Brussels")
)


@pytest.fixture
def frozen_day():
    """The clock stands at FROZEN_MOMENT (and ticks on from there): tests that
    print or compare dates pass the same on every day of the year."""
    with time_machine.travel(FROZEN_MOMENT, tick=True):
        yield FROZEN_MOMENT.date()


@dataclass
class World:
    programme: object
    coordinator_org: object
    mentee_city: object
    mentor_city: object
    association: object
    other_programme: object
    other_city: object
    benchmark: object
    scheme: object
    other_scheme: object
    users: dict
    assessment: object = None
    mentor_association: object = None
    public_practice: object = None
    draft_practice: object = None
    member: object = None
    row: object = None
    partner: object = None


def _member(email, organisation):
    user = factories.UserFactory(email=email)
    factories.MembershipFactory(user=user, organisation=organisation)
    return user


@pytest.fixture
def world(db):
    programme = factories.ProgrammeFactory(name="Inclu Test", slug="inclu-test")
    coordinator_org = factories.PartnerFactory(name="Network", slug="network")
    mentee_city = factories.CityFactory(name="Jelgava", slug="jelgava", country="LV")
    mentor_city = factories.CityFactory(
        name="Schaerbeek", slug="schaerbeek", country="BE"
    )
    association = factories.AssociationFactory(
        name="Latvian Association", slug="lalrg", acronym="LALRG", country="LV"
    )
    mentee_city.associations.add(association)
    mentor_association = factories.AssociationFactory(
        name="Brussels Association", slug="brulocalis", acronym="BRU", country="BE"
    )
    mentor_city.associations.add(mentor_association)
    for org, role in [
        (coordinator_org, ParticipationRole.COORDINATOR),
        (mentee_city, ParticipationRole.MENTEE_CITY),
        (mentor_city, ParticipationRole.MENTOR_CITY),
        (association, ParticipationRole.ASSOCIATION),
        (mentor_association, ParticipationRole.ASSOCIATION),
    ]:
        factories.ParticipationFactory(programme=programme, organisation=org, role=role)

    # A second scheme of the same programme: its people take part in the
    # programme but must not see the first scheme's documents.
    other_mentee = factories.CityFactory(name="Capaci", slug="capaci", country="IT")
    other_mentor = factories.CityFactory(name="Mechelen", slug="mechelen", country="BE")
    for org, role in [
        (other_mentee, ParticipationRole.MENTEE_CITY),
        (other_mentor, ParticipationRole.MENTOR_CITY),
    ]:
        factories.ParticipationFactory(programme=programme, organisation=org, role=role)
    # The programme's own benchmark: its coordinators change it (the shared
    # one below, only the portal's editors).
    benchmark = factories.benchmark_with_factors(
        count=5, slug="language-learning", programme=programme
    )
    scheme = factories.SchemeFactory(
        programme=programme,
        theme=benchmark.theme,
        benchmark=benchmark,
        mentee_city=mentee_city,
        mentee_association=association,
        mentor_city=mentor_city,
        mentor_association=mentor_association,
    )
    services.scheme_setup(scheme=scheme)
    other_scheme = factories.SchemeFactory(
        programme=programme,
        theme=benchmark.theme,
        benchmark=benchmark,
        mentee_city=other_mentee,
        mentor_city=other_mentor,
    )

    # A technical partner supporting the first scheme only.
    partner_org = factories.PartnerFactory(name="Creative Ideas", slug="creative-ideas")
    partner = factories.ParticipationFactory(
        programme=programme,
        organisation=partner_org,
        role=ParticipationRole.TECHNICAL_PARTNER,
    )
    PartnerScheme.objects.create(participation=partner, scheme=scheme)

    other_programme = factories.ProgrammeFactory(name="Elsewhere", slug="elsewhere")
    other_coord_org = factories.PartnerFactory(name="Other network", slug="other-net")
    other_city = factories.CityFactory(name="Riga", slug="riga", country="LV")
    factories.ParticipationFactory(
        programme=other_programme,
        organisation=other_coord_org,
        role=ParticipationRole.COORDINATOR,
    )
    factories.ParticipationFactory(
        programme=other_programme, organisation=other_city, role=ParticipationRole.CITY
    )

    users = {
        "anonymous": None,
        "coordinator": _member("coordinator@example.org", coordinator_org),
        "mentee": _member("mentee@example.org", mentee_city),
        "mentor": _member("mentor@example.org", mentor_city),
        "association": _member("association@example.org", association),
        "mentor_association": _member("mentorassoc@example.org", mentor_association),
        "partner": _member("partner@example.org", partner_org),
        "other_scheme": _member("otherscheme@example.org", other_mentee),
        "other_coordinator": _member("othercoord@example.org", other_coord_org),
        "other_programme": _member("other@example.org", other_city),
    }
    from schemes.models import GoodPractice, SupportGroupMember
    from schemes.work.services import self_assessments as assessment_services

    factories.benchmark_with_factors(
        count=5, slug="unhcr-good-practice-criteria", kind="criteria", theme=None
    )
    public_practice = GoodPractice.objects.create(
        city=mentor_city, title="Language café", status="submitted", is_public=True
    )
    draft_practice = GoodPractice.objects.create(
        city=mentor_city, title="Draft idea", is_public=False
    )
    from schemes.models import ActionPlanRow, ActionPlanVersion
    from schemes.work.services.action_plans import snapshot

    plan = scheme.action_plan
    row = ActionPlanRow.objects.create(plan=plan, number=1, action="Evening courses")
    # Version 1 went to the council and came back: the draft is version 2.
    ActionPlanVersion.objects.create(
        plan=plan, number=1, status="returned", snapshot=snapshot(plan)
    )
    plan.version = 2
    plan.save()
    member = SupportGroupMember.objects.create(
        scheme=scheme,
        city=scheme.mentee_city,
        name="Olena",
        stakeholder_type="migrant_association",
        represents_migrants=True,
    )

    assessment = assessment_services.self_assessment_start(
        scheme=scheme, city=mentee_city, round="baseline", by=users["mentee"]
    )
    return World(
        programme=programme,
        coordinator_org=coordinator_org,
        mentee_city=mentee_city,
        mentor_city=mentor_city,
        association=association,
        other_programme=other_programme,
        other_city=other_city,
        benchmark=benchmark,
        scheme=scheme,
        other_scheme=other_scheme,
        users=users,
        assessment=assessment,
        mentor_association=mentor_association,
        public_practice=public_practice,
        draft_practice=draft_practice,
        member=member,
        row=row,
        partner=partner,
    )


@pytest.fixture
def client_for(client, world):
    """``client_for("mentee")``: a test client signed in as that persona."""

    def _client(persona):
        client.logout()
        user = world.users[persona]
        if user is not None:
            client.force_login(user)
        return client

    return _client


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The production hasher is slow on purpose; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _no_public_rate_limit(settings):
    # Every test client comes from 127.0.0.1: hundreds of public pages read
    # in a minute by the suite are not one visitor. The tests of the limit
    # set it (tests/public/test_public_http.py).
    settings.PUBLIC_RATE_LIMIT = 0


@pytest.fixture(autouse=True)
def _an_empty_cache():
    # Ids repeat between tests (a rolled-back transaction gives them back),
    # so a public page kept under one test's publication would answer the
    # next test's (schemes.public.http.keep); rate-limit counts start at 0.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _mail_through_the_queue(settings):
    # pytest-django sends mail straight to mail.outbox; here, as in
    # production, it is queued (django-post_office) in the transaction that
    # sends it and delivered when that commits, through the test outbox.
    settings.EMAIL_BACKEND = "post_office.EmailBackend"
    settings.POST_OFFICE = {
        **settings.POST_OFFICE,
        "BACKENDS": {"default": "django.core.mail.backends.locmem.EmailBackend"},
    }


@pytest.fixture(autouse=True)
def _english_unless_a_test_says_otherwise():
    # A request in Latvian leaves Latvian active in the thread; without this
    # a later test would create its content in the wrong language.
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture
def plan(world):
    """The scheme's action plan, emptied: no rows, no versions, version 1."""
    plan = world.scheme.action_plan
    plan.versions.all().delete()
    plan.rows.all().delete()
    plan.version = 1
    plan.save()
    return plan
