"""Schemes of more than two cities (issue 17, point 3): a mentee city with
several mentors, or a community of practice of 3 to 8 peers. Their
documents, visits, support groups, access, dashboard and programme file work
for any number of cities; pairs are migrated unchanged."""

import io
import json

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone

from schemes import access, services
from schemes.models import (
    MentorProfile,
    NationalContext,
    NeedsAnalysis,
    Organisation,
    Participation,
    Scheme,
    SchemeCity,
    SelfAssessment,
    SupportGroupMember,
    Visit,
)
from schemes.network.models.programmes import ParticipationRole
from schemes.work.services import self_assessments as assessment_services
from tests import factories

pytestmark = pytest.mark.django_db


def _leuven(world):
    """A third city of the programme, with its association and an officer."""
    leuven = factories.CityFactory(name="Leuven", slug="leuven", country="BE")
    leuven.associations.add(world.mentor_association)
    factories.ParticipationFactory(
        programme=world.programme, organisation=leuven, role=ParticipationRole.CITY
    )
    officer = factories.UserFactory(email="leuven@example.org")
    factories.MembershipFactory(user=officer, organisation=leuven)
    return leuven, officer


def _create(world, **cities):
    return services.scheme_create(
        programme=world.programme,
        by=world.users["coordinator"],
        mentee_city=world.mentee_city,
        benchmark=world.benchmark,
        theme=world.benchmark.theme,
        **cities,
    )


def _peers(world):
    leuven, officer = _leuven(world)
    return _create(world, peer_cities=[world.mentor_city, leuven]), leuven, officer


# --- Mentoring with several mentors ---------------------------------------------


def test_a_mentee_city_with_two_mentors(world, client_for, client):
    leuven, officer = _leuven(world)
    scheme = _create(world, mentor_cities=[world.mentor_city, leuven])
    assert not scheme.is_peer_group
    assert scheme.mentor_cities == [world.mentor_city, leuven]
    assert scheme.title == "Jelgava – Schaerbeek, Leuven"
    # Each city's association (Brulocalis takes part; Leuven's is the same).
    assert [link.association for link in scheme.links] == [
        world.mentor_association,
        world.mentor_association,
    ]
    # Leuven takes the mentor's role in the programme, and gets its profile.
    assert Participation.objects.filter(
        programme=world.programme,
        organisation=leuven,
        role=ParticipationRole.MENTOR_CITY,
    ).exists()
    assert MentorProfile.objects.filter(programme=world.programme, city=leuven).exists()
    # The visits: the mentee's, the first mentor's, the mentee's.
    assert [v.host_city for v in scheme.visits.order_by("order")] == [
        world.mentee_city,
        world.mentor_city,
        world.mentee_city,
    ]
    # Both mentors read the scheme; Leuven's officer does not write the
    # mentee's needs analysis.
    client.force_login(officer)
    assert client.get(scheme.get_absolute_url()).status_code == 200
    for slug in ("jelgava", "schaerbeek", "leuven"):
        url = reverse("schemes:support_group", args=[scheme.pk, slug])
        assert client.get(url).status_code == 200, slug
    with pytest.raises(PermissionDenied):
        services.document_save(
            document=scheme.needs_analysis, values={"challenges": "x"}, by=officer
        )
    # A mentor keeps its own support group, not the mentee's.
    values = {"name": "Anna", "stakeholder_type": "ngo"}
    member = services.support_group_member_create(
        scheme=scheme, city=leuven, values=values, by=officer
    )
    assert member.city == leuven
    with pytest.raises(PermissionDenied):
        services.support_group_member_create(
            scheme=scheme, city=world.mentee_city, values=values, by=officer
        )
    # The other scheme's people see none of it.
    assert client_for("other_scheme").get(scheme.get_absolute_url()).status_code == 404


def test_the_scheme_page_names_every_city_and_its_role(world, client):
    leuven, officer = _leuven(world)
    scheme = _create(world, mentor_cities=[world.mentor_city, leuven])
    client.force_login(officer)
    html = client.get(scheme.get_absolute_url()).content.decode()
    assert html.count(">Mentor city</dt>") == 2
    assert ">Mentee city</dt>" in html
    for city in ("Jelgava", "Schaerbeek", "Leuven"):
        assert f"Local support group: {city}" in html
        assert f"Mentor profile: {city}" in html or city == "Jelgava"


# --- A community of practice --------------------------------------------------------


def test_a_community_of_practice_writes_its_documents_together(world, client_for):
    scheme, leuven, officer = _peers(world)
    assert scheme.is_peer_group and scheme.mentor_city is None
    assert scheme.peer_cities == [world.mentee_city, world.mentor_city, leuven]
    assert scheme.title == "Jelgava, Schaerbeek, Leuven"
    # Any peer writes the group's needs analysis and plan, and submits them.
    needs = scheme.needs_analysis
    services.document_save(document=needs, values={"challenges": "Housing"}, by=officer)
    services.row_create(
        plan=scheme.action_plan, values={"action": "Joint course"}, by=officer
    )
    # Its draft: the peers and the coordinators read it, nobody else.
    needs.refresh_from_db()
    assert access.can_read(officer, needs)
    assert access.can_read(world.users["mentor"], needs)
    for outsider in ("other_scheme", "association", "other_programme"):
        user = world.users[outsider]
        assert not access.can_read(user, needs), outsider
        assert not NeedsAnalysis.objects.visible_to(user).filter(pk=needs.pk).exists()
    assert NeedsAnalysis.objects.visible_to(officer).filter(pk=needs.pk).exists()
    # Every peer has its profile (what the others learn from it).
    for city in scheme.peer_cities:
        assert MentorProfile.objects.filter(programme=world.programme, city=city)
    # No peer takes a mentor's or a mentee's role in the programme.
    assert not Participation.objects.filter(
        organisation=leuven, role=ParticipationRole.MENTOR_CITY
    ).exists()


def test_the_coordinators_review_reaches_every_peer(
    world, django_capture_on_commit_callbacks
):
    scheme, leuven, officer = _peers(world)
    needs = scheme.needs_analysis
    NeedsAnalysis.objects.filter(pk=needs.pk).update(status="submitted")
    needs.refresh_from_db()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.document_return(
            document=needs, comment="Say more", by=world.users["coordinator"]
        )
    recipients = {address for message in mail.outbox for address in message.to}
    assert {
        officer.email,
        world.users["mentee"].email,
        world.users["mentor"].email,
    } <= recipients
    assert world.users["other_scheme"].email not in recipients


def test_a_community_meets_in_its_cities_in_turn(world):
    scheme, leuven, _officer = _peers(world)
    assert [v.host_city for v in scheme.visits.order_by("order")] == [
        world.mentee_city,
        world.mentor_city,
        leuven,
    ]


def test_every_peer_keeps_its_own_support_group(world, client):
    scheme, leuven, officer = _peers(world)
    values = {"name": "Anna", "stakeholder_type": "ngo", "represents_migrants": True}
    services.support_group_member_create(
        scheme=scheme, city=leuven, values=values, by=officer
    )
    with pytest.raises(PermissionDenied):
        services.support_group_member_create(
            scheme=scheme, city=world.mentor_city, values=values, by=officer
        )
    client.force_login(officer)
    html = client.get(
        reverse("schemes:support_group", args=[scheme.pk, "leuven"])
    ).content.decode()
    assert "Anna" in html and "Peer city" in html


# --- Refused ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cities", "message"),
    [
        (lambda w, extra: {"peer_cities": [w.mentor_city]}, "3 to 8 cities"),
        (lambda w, extra: {"peer_cities": extra[:8]}, "3 to 8 cities"),
        (lambda w, extra: {"mentor_cities": extra[:4]}, "one to 3 mentor cities"),
        (lambda w, extra: {"mentor_cities": []}, "one to 3 mentor cities"),
        (
            lambda w, extra: {"mentor_cities": [w.mentor_city, w.mentee_city]},
            "takes part in the scheme once",
        ),
        (
            lambda w, extra: {"mentor_cities": [w.mentor_city, w.mentor_city]},
            "takes part in the scheme once",
        ),
        (
            lambda w, extra: {
                "mentor_cities": [w.mentor_city],
                "peer_cities": extra[:2],
            },
            "not both",
        ),
        (lambda w, extra: {"mentor_cities": [w.other_city]}, "of this programme"),
        (lambda w, extra: {"mentor_cities": [w.mentor_city]}, "already have a scheme"),
    ],
)
def test_a_scheme_of_the_wrong_cities_is_refused_and_nothing_is_written(
    world, cities, message
):
    extra = []
    for n in range(8):
        city = factories.CityFactory(name=f"Town {n}", slug=f"town-{n}")
        factories.ParticipationFactory(
            programme=world.programme, organisation=city, role=ParticipationRole.CITY
        )
        extra.append(city)
    before = (Scheme.objects.count(), SchemeCity.objects.count(), Visit.objects.count())
    with pytest.raises(ValidationError, match=message):
        _create(world, **cities(world, extra))
    assert before == (
        Scheme.objects.count(),
        SchemeCity.objects.count(),
        Visit.objects.count(),
    )


def test_the_form_says_what_is_wrong_with_a_community(world, client_for):
    response = client_for("coordinator").post(
        reverse("schemes:scheme_create", args=[world.programme.slug]),
        {
            "shape": "peers",
            "mentee_city": world.mentee_city.pk,
            "other_cities": [world.mentor_city.pk],
        },
    )
    assert response.status_code == 200
    assert "A community of practice has 3 to 8 cities" in response.content.decode()
    assert Scheme.objects.count() == 2


def test_a_visit_is_held_in_one_of_its_schemes_cities(world, client_for):
    visit = world.scheme.visits.get(order=1)
    response = client_for("mentee").post(
        reverse("schemes:visit_edit", args=[world.scheme.pk, visit.pk]),
        {"host_city": world.other_city.pk, "purpose": "Elsewhere"},
    )
    assert response.status_code == 200
    visit.refresh_from_db()
    assert visit.host_city == world.mentee_city
    with pytest.raises(ValidationError, match="Choose one of the scheme's cities"):
        Visit(
            scheme=world.scheme, order=9, host_city=world.other_city, purpose="x"
        ).full_clean()


def test_a_visit_added_on_the_scheme_page_is_in_the_city_chosen(world, client_for):
    client = client_for("mentor")
    url = reverse("schemes:visit_add", args=[world.scheme.pk])
    client.post(url, {"host": "schaerbeek"})
    client.post(url, {"host": ""})
    client.post(url, {"host": "riga"})  # not one of its cities: online
    added = world.scheme.visits.order_by("-order")[:3]
    assert [v.host_city for v in added] == [None, None, world.mentor_city]


def test_no_support_group_of_a_city_outside_the_scheme(world, client_for):
    client = client_for("mentee")
    for slug in ("mechelen", "riga", "nowhere"):
        url = reverse("schemes:support_group", args=[world.scheme.pk, slug])
        assert client.get(url).status_code == 404, slug
        add = reverse("schemes:support_group_member_add", args=[world.scheme.pk, slug])
        assert client.post(add, {"name": "x"}).status_code == 404, slug
    assert not SupportGroupMember.objects.filter(name="x").exists()


# --- The coordinator's views ----------------------------------------------------


def test_the_dashboard_shows_and_exports_a_community(world, client_for):
    scheme, _leuven_city, _officer = _peers(world)
    client = client_for("coordinator")
    url = reverse("schemes:dashboard", args=[world.programme.slug])
    assert scheme.title in client.get(url).content.decode()
    text = client.get(url, {"export": "csv"}).content.decode()
    assert "Jelgava" in text and "Schaerbeek, Leuven" in text


# --- The programme file -------------------------------------------------------------


def _export(slug):
    out = io.StringIO()
    call_command("export_programme", slug, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def _cities(slug):
    return [
        (s.slug, s.shape, [c.slug for c in s.cities])
        for s in Scheme.objects.filter(programme__slug=slug).with_cities()
    ]


def _hosts(of=None):
    """(scheme, order, host city) of each visit; ``of``: of the schemes
    named there only (the import gives a scheme without visits its own)."""
    found = sorted(
        Visit.objects.values_list("scheme__slug", "order", "host_city__slug")
    )
    if of is None:
        return found
    return [row for row in found if row[0] in {s for s, _o, _h in of}]


@pytest.mark.django_db(transaction=True)
def test_a_community_goes_with_the_programme_file(world, tmp_path):
    _peers(world)
    before = _cities("inclu-test")
    hosts = _hosts()
    path = tmp_path / "programme.json"
    path.write_text(_export("inclu-test"))
    call_command("flush", interactive=False, verbosity=0)
    call_command("import_programme", str(path), stdout=io.StringIO())
    assert _cities("inclu-test") == before
    assert _hosts(of=hosts) == hosts


@pytest.mark.django_db(transaction=True)
def test_a_file_written_while_schemes_were_pairs_still_imports(world, tmp_path):
    before = _cities("inclu-test")
    hosts = _hosts()
    members = sorted(SupportGroupMember.objects.values_list("name", "city__slug"))
    data = json.loads(_export("inclu-test"))
    # As the file was then: each scheme its mentor in two columns, no shape or
    # short name; a visit's host and a member's group by their side.
    links = {
        entry["fields"]["scheme"]: entry["fields"]
        for entry in data["objects"]
        if entry["model"] == "schemes.schemecity"
    }
    firsts = {}
    old = []
    for entry in data["objects"]:
        fields = entry["fields"]
        if entry["model"] == "schemes.schemecity":
            continue
        if entry["model"] == "schemes.scheme":
            link = links[entry["pk"]]
            fields["mentor_city"] = link["city"]
            fields["mentor_association"] = link["association"]
            del fields["shape"], fields["slug"]
            firsts[entry["pk"]] = fields["mentee_city"]
        if entry["model"] in ("schemes.visit", "schemes.historicalvisit"):
            host = fields.pop("host_city")
            first = firsts[fields["scheme"]]
            fields["host"] = (
                "virtual" if host is None else "mentee" if host == first else "mentor"
            )
        if entry["model"] in (
            "schemes.supportgroupmember",
            "schemes.historicalsupportgroupmember",
        ):
            city = fields.pop("city")
            fields["side"] = "mentee" if city == firsts[fields["scheme"]] else "mentor"
        old.append(entry)
    data["objects"] = old
    path = tmp_path / "programme.json"
    path.write_text(json.dumps(data))
    call_command("flush", interactive=False, verbosity=0)
    call_command("import_programme", str(path), stdout=io.StringIO())
    assert _cities("inclu-test") == before
    assert _hosts(of=hosts) == hosts
    assert sorted(SupportGroupMember.objects.values_list("name", "city__slug")) == (
        members
    )


# --- The migration ------------------------------------------------------------------

BEFORE = [("schemes", "0019_partners")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_pairs_are_migrated_unchanged_and_back():
    programme = factories.ProgrammeFactory()
    cities = {slug: factories.CityFactory(slug=slug) for slug in ("aa", "bb", "cc")}
    association = factories.AssociationFactory(slug="assoc")
    try:
        old = _migrate(BEFORE)
        OldScheme = old.get_model("schemes", "Scheme")
        OldVisit = old.get_model("schemes", "Visit")
        OldMember = old.get_model("schemes", "SupportGroupMember")
        first = OldScheme.objects.create(
            programme_id=programme.pk,
            mentee_city_id=cities["aa"].pk,
            mentor_city_id=cities["bb"].pk,
            mentor_association_id=association.pk,
        )
        second = OldScheme.objects.create(
            programme_id=programme.pk,
            mentee_city_id=cities["cc"].pk,
            mentor_city_id=cities["bb"].pk,
        )
        for order, host in enumerate(("mentee", "mentor", "virtual"), start=1):
            OldVisit.objects.create(
                scheme_id=first.pk, order=order, host=host, purpose="p", revision=1
            )
        OldMember.objects.create(
            scheme_id=first.pk,
            side="mentor",
            name="M",
            stakeholder_type="ngo",
            revision=1,
        )
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
        schemes = {s.pk: s for s in Scheme.objects.with_cities()}
        assert schemes[first.pk].slug == "aa-bb"
        assert schemes[first.pk].shape == "mentoring"
        assert schemes[first.pk].mentor_city == cities["bb"]
        assert schemes[first.pk].mentor_association == association
        assert schemes[second.pk].cities == [cities["cc"], cities["bb"]]
        assert [
            v.host_city
            for v in Visit.objects.filter(scheme_id=first.pk).order_by("order")
        ] == [cities["aa"], cities["bb"], None]
        assert SupportGroupMember.objects.get(name="M").city == cities["bb"]

        # And back: the pair's columns and the sides as they were.
        old = _migrate(BEFORE)
        back = old.get_model("schemes", "Scheme").objects.get(pk=first.pk)
        assert (back.mentor_city_id, back.mentor_association_id) == (
            cities["bb"].pk,
            association.pk,
        )
        assert list(
            old.get_model("schemes", "Visit")
            .objects.filter(scheme_id=first.pk)
            .order_by("order")
            .values_list("host", flat=True)
        ) == ["mentee", "mentor", "virtual"]
        assert old.get_model("schemes", "SupportGroupMember").objects.get().side == (
            "mentor"
        )
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_the_organisations_of_a_scheme_are_found_once(world):
    """``Scheme.objects.visible_to`` through any of its cities or their
    associations, each scheme once."""
    scheme, leuven, officer = _peers(world)
    visible = list(Scheme.objects.visible_to(officer))
    assert visible == [scheme]
    association_user = world.users["mentor_association"]
    seen = list(Scheme.objects.visible_to(association_user))
    assert seen.count(scheme) == 1 and seen.count(world.scheme) == 1
    assert Organisation.objects.filter(pk=leuven.pk).exists()
    assert NationalContext.objects.filter(programme=world.programme, city=leuven)


def test_a_self_assessment_is_compared_with_every_other_city_of_the_scheme(
    world, client, client_for
):
    scheme, leuven, officer = _peers(world)
    people = {
        world.mentee_city: world.users["mentee"],
        world.mentor_city: world.users["mentor"],
        leuven: officer,
    }
    made = {}
    for city, person in people.items():
        made[city] = assessment_services.self_assessment_start(
            scheme=scheme, city=city, round="baseline", by=person
        )
    SelfAssessment.objects.filter(scheme=scheme).update(
        status="submitted", submitted_at=timezone.now()
    )
    url = made[leuven].get_absolute_url()
    assert client_for("other_scheme").get(url).status_code == 404
    client.force_login(officer)
    html = client.get(url).content.decode()
    for city in people:
        assert f"{city.name} – " in html, city
