"""Reading writes nothing (issue 16): a scheme's documents, plan and visits
are made when the scheme is (services.scheme_setup), a mentor city's profile
when it joins a programme as one; pages only read, and a document missing
is a 404, never created by a GET.

Writes are told by the statement: INSERT, UPDATE, DELETE (REPLACE, MERGE).
Saving the session would be one, but it is not the page's doing (and a GET
that changes nothing in the session does not save it): statements on
django_session are left out, should a middleware ever save one.
"""

import io
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from schemes import services
from schemes.models import (
    ActionPlan,
    MentorProfile,
    NationalContext,
    NeedsAnalysis,
    Participation,
    Scheme,
    Visit,
)
from schemes.network.models.programmes import ParticipationRole
from tests import factories

pytestmark = pytest.mark.django_db

WRITE = re.compile(
    r"^\s*(?:WITH\b.*\b)?(INSERT|UPDATE|DELETE|REPLACE|MERGE)\b",
    re.IGNORECASE | re.DOTALL,
)


def _writes(queries):
    return [
        q["sql"]
        for q in queries
        if WRITE.match(q["sql"]) and "django_session" not in q["sql"]
    ]


def _get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, _writes(queries.captured_queries)


def _scheme_pages(world):
    scheme = world.scheme
    pk, programme = scheme.pk, world.programme.slug
    visit = scheme.visits.order_by("order").first()
    mentor = world.mentor_city.slug
    profile = MentorProfile.objects.get(
        programme=world.programme, city=world.mentor_city
    )
    national = NationalContext.objects.get(
        programme=world.programme, city=world.mentee_city
    )
    return {
        "mentee": [
            reverse("schemes:programme_detail", args=[programme]),
            reverse("schemes:scheme_detail", args=[pk]),
            reverse("schemes:needs_analysis", args=[pk]),
            reverse("schemes:needs_analysis_edit", args=[pk, "A"]),
            reverse("schemes:needs_analysis_pdf", args=[pk]),
            reverse("schemes:action_plan", args=[pk]),
            reverse("schemes:action_plan_pdf", args=[pk]),
            reverse("schemes:action_plan_row_detail", args=[pk, world.row.pk]),
            reverse("schemes:action_plan_row_edit", args=[pk, world.row.pk]),
            reverse("schemes:action_plan_version", args=[pk, 1]),
            reverse("schemes:action_plan_version_pdf", args=[pk, 1]),
            reverse("schemes:visit_detail", args=[pk, visit.pk]),
            reverse("schemes:visit_edit", args=[pk, visit.pk]),
            reverse("schemes:visit_pdf", args=[pk, visit.pk]),
            reverse("schemes:support_group", args=[pk, "jelgava"]),
            reverse("schemes:support_group", args=[pk, "schaerbeek"]),
            reverse("schemes:support_group_member_add", args=[pk, "jelgava"]),
            reverse(
                "schemes:support_group_member_edit",
                args=[pk, "jelgava", world.member.pk],
            ),
            reverse("schemes:scheme_dossier_pdf", args=[pk]),
            reverse("schemes:mentor_profile", args=[programme, mentor]),
            reverse("schemes:mentor_profile_pdf", args=[programme, mentor]),
            reverse(
                "schemes:history", args=["needs-analysis", scheme.needs_analysis.pk]
            ),
            reverse("schemes:history", args=["action-plan", scheme.action_plan.pk]),
            reverse("schemes:history", args=["visit", visit.pk]),
            reverse("schemes:history", args=["support-member", world.member.pk]),
            reverse("schemes:good_practice_list"),
            reverse("schemes:good_practice_detail", args=[world.public_practice.pk]),
        ],
        "mentor": [
            reverse("schemes:scheme_detail", args=[pk]),
            reverse("schemes:mentor_profile", args=[programme, mentor]),
            reverse("schemes:mentor_profile_edit", args=[programme, mentor, "A"]),
            reverse("schemes:mentor_profile_pdf", args=[programme, mentor]),
            reverse("schemes:history", args=["mentor-profile", profile.pk]),
            reverse("schemes:support_group", args=[pk, "schaerbeek"]),
            reverse("schemes:good_practice_create"),
            reverse("schemes:good_practice_edit", args=[world.draft_practice.pk]),
            reverse("schemes:good_practice_criteria", args=[world.draft_practice.pk]),
        ],
        "association": [
            reverse("schemes:needs_analysis", args=[pk]),
            reverse("schemes:needs_analysis_edit", args=[pk, "C"]),
            reverse("schemes:history", args=["national-context", national.pk]),
        ],
        "coordinator": [
            reverse("schemes:dashboard", args=[programme]),
            reverse("schemes:scheme_detail", args=[pk]),
            reverse("schemes:needs_analysis", args=[pk]),
            reverse("schemes:action_plan", args=[pk]),
            reverse("schemes:mentor_profile", args=[programme, mentor]),
            reverse("schemes:scheme_dossier_pdf", args=[pk]),
        ],
    }


def test_every_scheme_page_reads_without_writing(world, client_for):
    for persona, urls in _scheme_pages(world).items():
        client = client_for(persona)
        for url in urls:
            response, writes = _get(client, url)
            assert response.status_code == 200, (persona, url)
            assert writes == [], (persona, url, writes)


def test_a_scheme_without_its_documents_is_a_404_not_a_write(world, client_for):
    """A scheme made without the services (raw, as a fixture or an old
    database could hold one): its pages answer 404 and create nothing."""
    scheme = factories.SchemeFactory(
        programme=world.programme,
        mentee_city=world.mentee_city,
        mentee_association=world.association,
        mentor_city=factories.CityFactory(name="Leuven", slug="leuven"),
    )
    factories.ParticipationFactory(
        programme=world.programme,
        organisation=scheme.mentor_city,
        role=ParticipationRole.MENTOR_CITY,
    )
    pk, programme = scheme.pk, world.programme.slug
    client = client_for("mentee")
    for url in [
        reverse("schemes:scheme_detail", args=[pk]),
        reverse("schemes:needs_analysis", args=[pk]),
        reverse("schemes:needs_analysis_edit", args=[pk, "A"]),
        reverse("schemes:needs_analysis_pdf", args=[pk]),
        reverse("schemes:action_plan", args=[pk]),
        reverse("schemes:action_plan_pdf", args=[pk]),
        reverse("schemes:scheme_dossier_pdf", args=[pk]),
        reverse("schemes:mentor_profile", args=[programme, "leuven"]),
        reverse("schemes:mentor_profile_pdf", args=[programme, "leuven"]),
    ]:
        response, writes = _get(client, url)
        assert response.status_code == 404, url
        assert writes == [], (url, writes)
    assert not NeedsAnalysis.objects.filter(scheme=scheme).exists()
    assert not ActionPlan.objects.filter(scheme=scheme).exists()
    assert not Visit.objects.filter(scheme=scheme).exists()
    assert not MentorProfile.objects.filter(city=scheme.mentor_city).exists()


def test_creating_a_scheme_makes_everything_its_pages_read(world):
    mentor = factories.CityFactory(name="Leuven", slug="leuven")
    mentor.associations.add(world.mentor_association)
    services.participation_add(
        programme=world.programme,
        organisation=mentor,
        role=ParticipationRole.MENTOR_CITY,
        by=world.users["coordinator"],
    )
    assert MentorProfile.objects.filter(programme=world.programme, city=mentor).exists()
    scheme = services.scheme_create(
        programme=world.programme,
        by=world.users["coordinator"],
        mentee_city=world.mentee_city,
        mentor_cities=[mentor],
        mentee_association=world.association,
    )
    assert NeedsAnalysis.objects.filter(scheme=scheme).exists()
    assert ActionPlan.objects.filter(scheme=scheme).exists()
    assert scheme.visits.count() == 3
    for city in (world.mentee_city, mentor):
        assert NationalContext.objects.filter(
            programme=world.programme, city=city
        ).exists()


def test_a_city_that_becomes_a_mentor_through_a_new_scheme_gets_its_profile(world):
    city = factories.CityFactory(name="Gent", slug="gent")
    services.participation_add(
        programme=world.programme,
        organisation=city,
        role=ParticipationRole.CITY,
        by=world.users["coordinator"],
    )
    assert not MentorProfile.objects.filter(city=city).exists()  # not a mentor yet
    services.scheme_create(
        programme=world.programme,
        by=world.users["coordinator"],
        mentee_city=world.mentee_city,
        mentor_cities=[city],
    )
    assert MentorProfile.objects.filter(programme=world.programme, city=city).exists()


def test_the_demo_is_complete_without_a_page_read(db):
    call_command("load_demo", "--no-users", stdout=io.StringIO())

    for scheme in Scheme.objects.all():
        assert NeedsAnalysis.objects.filter(scheme=scheme).exists()
        assert ActionPlan.objects.filter(scheme=scheme).exists()
        assert scheme.visits.exists()
    for participation in Participation.objects.filter(
        role=ParticipationRole.MENTOR_CITY
    ):
        assert MentorProfile.objects.filter(
            programme=participation.programme, city=participation.organisation
        ).exists()


def test_the_admin_gives_what_the_services_give(world, client):
    """A scheme or a mentor city made in the admin: the same documents."""
    admin = factories.UserFactory(
        email="root@example.org", is_staff=True, is_superuser=True
    )
    client.force_login(admin)
    city = factories.CityFactory(name="Gent", slug="gent")
    response = client.post(
        reverse("admin:schemes_participation_add"),
        {
            "programme": world.programme.pk,
            "organisation": city.pk,
            "role": ParticipationRole.MENTOR_CITY,
        },
    )
    assert response.status_code == 302
    assert MentorProfile.objects.filter(programme=world.programme, city=city).exists()
    response = client.post(
        reverse("admin:schemes_scheme_add"),
        {
            "programme": world.programme.pk,
            "mentee_city": world.other_scheme.mentee_city.pk,
            "mentee_association": world.association.pk,
            "shape": "mentoring",
            "slug": "admin-made",
            "city_links-TOTAL_FORMS": "1",
            "city_links-INITIAL_FORMS": "0",
            "city_links-0-city": city.pk,
            "city_links-0-order": "1",
        },
    )
    assert response.status_code == 302
    scheme = Scheme.objects.get(city_links__city=city)
    assert NeedsAnalysis.objects.filter(scheme=scheme).exists()
    assert ActionPlan.objects.filter(scheme=scheme).exists()
    assert scheme.visits.count() == 3
    assert NationalContext.objects.filter(
        programme=world.programme, city=scheme.mentee_city
    ).exists()
