"""Partners: a technical partner or a method coordinator attached to every
scheme of a programme or to chosen ones reads what the scheme's participants
read, helps prepare its visits and approves nothing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from schemes import access, services
from schemes.models import (
    NeedsAnalysis,
    Organisation,
    Participation,
    PartnerScheme,
    Scheme,
    Visit,
)
from schemes.network.models.programmes import ParticipationRole
from tests import factories
from tests.schemes.test_document_workflow import _complete

pytestmark = pytest.mark.django_db


def _partners_url(w):
    return reverse("schemes:partner_list", args=[w.programme.slug])


# --- Reading ----------------------------------------------------------------------


def test_a_partner_sees_the_schemes_it_is_attached_to_only(world, client_for):
    partner = world.users["partner"]
    assert list(Scheme.objects.visible_to(partner)) == [world.scheme]
    client = client_for("partner")
    assert client.get(world.scheme.get_absolute_url()).status_code == 200
    assert client.get(world.other_scheme.get_absolute_url()).status_code == 404
    # Its home page lists the scheme it supports.
    html = client.get(reverse("home")).content.decode()
    assert world.scheme.get_absolute_url() in html
    assert world.other_scheme.get_absolute_url() not in html


def test_a_partner_reads_shared_documents_not_drafts(world, client_for):
    needs = world.scheme.needs_analysis
    partner = world.users["partner"]
    assert not access.can_read(partner, needs)
    assert not NeedsAnalysis.objects.visible_to(partner).exists()
    _complete(needs, world.users["mentee"])
    services.document_submit(document=needs, by=world.users["mentee"])
    needs.refresh_from_db()
    assert access.can_read(partner, needs)
    assert list(NeedsAnalysis.objects.visible_to(partner)) == [needs]
    response = client_for("partner").get(
        reverse("schemes:needs_analysis", args=[world.scheme.pk])
    )
    assert "Answer to" in response.content.decode()


def test_a_partner_never_approves_nor_returns(world, client_for):
    needs = world.scheme.needs_analysis
    _complete(needs, world.users["mentee"])
    services.document_submit(document=needs, by=world.users["mentee"])
    needs.refresh_from_db()
    partner = world.users["partner"]
    assert not access.can_review(partner, needs)
    with pytest.raises(PermissionDenied):
        services.document_approve(document=needs, by=partner)
    client = client_for("partner")
    page = client.get(reverse("schemes:needs_analysis", args=[world.scheme.pk]))
    assert 'value="approve"' not in page.content.decode()
    url = reverse(
        "schemes:document_action", args=["needs-analysis", needs.pk, "approve"]
    )
    assert client.post(url).status_code == 403
    needs.refresh_from_db()
    assert needs.status == "submitted"


def test_a_partner_prepares_a_visit(world, client_for):
    visit = world.scheme.visits.get(order=1)
    client = client_for("partner")
    response = client.post(
        reverse("schemes:visit_edit", args=[world.scheme.pk, visit.pk]),
        {
            "host_city": world.mentee_city.pk,
            "purpose": "Situation",
            "agenda": "Welcome\nWorkshop with the partner\n",
            "team": [world.users["partner"].pk, world.users["mentee"].pk],
        },
    )
    assert response.status_code == 302
    assert list(visit.agenda_items.values_list("text", flat=True)) == [
        "Welcome",
        "Workshop with the partner",
    ]
    assert set(visit.team_participants.all()) == {
        world.users["partner"],
        world.users["mentee"],
    }
    # Another scheme's visits are not its business.
    other = services.visit_create(
        scheme=world.other_scheme,
        by=world.users["coordinator"],
        host_city=world.other_scheme.mentee_city,
        purpose="x",
    )
    with pytest.raises(PermissionDenied):
        services.visit_update(
            visit=other,
            values={},
            agenda=[],
            team=[],
            support=[],
            by=world.users["partner"],
        )


def test_a_partner_edits_no_city_document(world, client_for):
    client = client_for("partner")
    assert (
        client.get(
            reverse("schemes:needs_analysis_edit", args=[world.scheme.pk, "A"])
        ).status_code
        == 404
    )
    assert (
        client.post(
            reverse("schemes:action_plan_row_add", args=[world.scheme.pk]),
            {"action": "Theirs"},
        ).status_code
        == 403
    )


def test_a_partner_of_every_scheme_sees_new_schemes_too(world):
    services.partner_change(
        participation=world.partner,
        role=ParticipationRole.METHOD_COORDINATOR,
        all_schemes=True,
        by=world.users["coordinator"],
    )
    partner = world.users["partner"]
    assert set(Scheme.objects.visible_to(partner)) == {
        world.scheme,
        world.other_scheme,
    }
    city = factories.CityFactory(name="Ventspils", slug="ventspils", country="LV")
    factories.ParticipationFactory(
        programme=world.programme,
        organisation=city,
        role=ParticipationRole.MENTEE_CITY,
    )
    later = services.scheme_create(
        programme=world.programme,
        by=world.users["coordinator"],
        mentee_city=city,
        mentor_cities=[world.mentor_city],
    )
    assert Scheme.objects.visible_to(partner).filter(pk=later.pk).exists()
    assert Visit.objects.visible_to(partner).filter(scheme=later).exists()
    # The other programme stays sealed.
    assert (
        not Scheme.objects.visible_to(partner)
        .exclude(programme=world.programme)
        .exists()
    )


def test_a_partner_without_schemes_sees_none(world):
    """A participation of a partner's role before partners were attached (or
    from the organisations page) supports no scheme until it is chosen."""
    PartnerScheme.objects.all().delete()
    assert not Scheme.objects.visible_to(world.users["partner"]).exists()


def test_the_scheme_page_names_its_partners(world, client_for):
    html = client_for("mentee").get(world.scheme.get_absolute_url()).content.decode()
    assert "Creative Ideas" in html
    html = (
        client_for("coordinator")
        .get(world.other_scheme.get_absolute_url())
        .content.decode()
    )
    assert "Creative Ideas" not in html


# --- The coordinators' services -----------------------------------------------


def test_a_coordinator_attaches_an_existing_organisation(world):
    org = factories.PartnerFactory(name="TREE", slug="tree")
    participation = services.partner_attach(
        programme=world.programme,
        organisation=org,
        role=ParticipationRole.TECHNICAL_PARTNER,
        all_schemes=False,
        schemes=[world.other_scheme],
        by=world.users["coordinator"],
    )
    assert list(participation.schemes.all()) == [world.other_scheme]
    person = factories.UserFactory()
    factories.MembershipFactory(user=person, organisation=org)
    assert list(Scheme.objects.visible_to(person)) == [world.other_scheme]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"role": ParticipationRole.MENTEE_CITY}, "role"),
        ({"all_schemes": False, "schemes": []}, "schemes"),
    ],
)
def test_a_wrong_role_or_no_scheme_is_refused(world, changes, field):
    org = factories.PartnerFactory(name="TREE", slug="tree")
    arguments = {
        "programme": world.programme,
        "organisation": org,
        "role": ParticipationRole.TECHNICAL_PARTNER,
        "all_schemes": True,
        "by": world.users["coordinator"],
        **changes,
    }
    with pytest.raises(ValidationError) as error:
        services.partner_attach(**arguments)
    assert field in error.value.message_dict
    assert not Participation.objects.filter(organisation=org).exists()


def test_another_programmes_scheme_is_refused(world):
    org = factories.PartnerFactory(name="TREE", slug="tree")
    elsewhere = factories.SchemeFactory(
        programme=world.other_programme,
        mentee_city=world.other_city,
        mentor_city=factories.CityFactory(slug="linkoping"),
    )
    with pytest.raises(ValidationError, match="this programme"):
        services.partner_attach(
            programme=world.programme,
            organisation=org,
            role=ParticipationRole.TECHNICAL_PARTNER,
            all_schemes=False,
            schemes=[elsewhere],
            by=world.users["coordinator"],
        )
    assert not Participation.objects.filter(organisation=org).exists()


def test_a_city_cannot_be_a_technical_partner(world):
    with pytest.raises(ValidationError):
        services.partner_attach(
            programme=world.programme,
            organisation=world.other_city,
            role=ParticipationRole.TECHNICAL_PARTNER,
            all_schemes=True,
            by=world.users["coordinator"],
        )


@pytest.mark.parametrize("persona", ["partner", "mentee", "other_coordinator"])
def test_only_the_coordinators_attach_change_and_detach(world, persona):
    by = world.users[persona]
    org = factories.PartnerFactory(name="TREE", slug="tree")
    with pytest.raises(PermissionDenied):
        services.partner_attach(
            programme=world.programme,
            organisation=org,
            role=ParticipationRole.TECHNICAL_PARTNER,
            all_schemes=True,
            by=by,
        )
    with pytest.raises(PermissionDenied):
        services.partner_change(
            participation=world.partner,
            role=ParticipationRole.TECHNICAL_PARTNER,
            all_schemes=True,
            by=by,
        )
    with pytest.raises(PermissionDenied):
        services.partner_detach(participation=world.partner, by=by)
    assert world.partner.scheme_links.count() == 1


def test_a_detached_partner_sees_nothing_more(world):
    services.partner_detach(participation=world.partner, by=world.users["coordinator"])
    partner = world.users["partner"]
    assert not Scheme.objects.visible_to(partner).exists()
    assert not world.programme.participations.filter(
        organisation__slug="creative-ideas"
    ).exists()


# --- The partners page --------------------------------------------------------------


def test_the_page_attaches_a_new_organisation_to_chosen_schemes(world, client_for):
    client = client_for("coordinator")
    response = client.post(
        _partners_url(world),
        {
            "new": "1",
            "new-kind": "partner",
            "new-name_en": "Pro Arbeit",
            "new-slug": "pro-arbeit",
            "new-country": "DE",
            "new-role": "technical_partner",
            "new-scope": "chosen",
            "new-schemes": [world.other_scheme.pk],
        },
    )
    assert response.status_code == 302
    org = Organisation.objects.get(slug="pro-arbeit")
    participation = world.programme.participations.get(organisation=org)
    assert participation.role == "technical_partner"
    assert list(participation.schemes.all()) == [world.other_scheme]
    html = client.get(_partners_url(world)).content.decode()
    assert "Pro Arbeit" in html and "Creative Ideas" in html


def test_the_page_attaches_an_existing_organisation_to_every_scheme(world, client_for):
    # Known from another programme the coordinator coordinates.
    org = factories.PartnerFactory(name="MigrationWork", slug="migrationwork")
    earlier = factories.ProgrammeFactory(slug="earlier")
    for organisation, role in [
        (world.coordinator_org, ParticipationRole.COORDINATOR),
        (org, ParticipationRole.TECHNICAL_PARTNER),
    ]:
        factories.ParticipationFactory(
            programme=earlier, organisation=organisation, role=role
        )
    response = client_for("coordinator").post(
        _partners_url(world),
        {
            "existing": "1",
            "existing-organisation": org.pk,
            "existing-role": "method_coordinator",
            "existing-scope": "all",
        },
    )
    assert response.status_code == 302
    participation = world.programme.participations.get(organisation=org)
    assert participation.role == "method_coordinator" and participation.all_schemes


def test_chosen_with_no_scheme_is_a_form_error(world, client_for):
    response = client_for("coordinator").post(
        _partners_url(world),
        {
            "new": "1",
            "new-kind": "partner",
            "new-name_en": "Pro Arbeit",
            "new-slug": "pro-arbeit",
            "new-country": "DE",
            "new-role": "technical_partner",
            "new-scope": "chosen",
        },
    )
    assert response.status_code == 200
    assert "Choose the schemes it supports" in response.content.decode()
    assert not Organisation.objects.filter(slug="pro-arbeit").exists()


def test_another_programmes_organisation_cannot_be_chosen(world, client_for):
    """Not offered, and refused when posted: it takes part in a programme
    the coordinator does not coordinate."""
    foreign = factories.PartnerFactory(name="Foreign", slug="foreign")
    factories.ParticipationFactory(
        programme=world.other_programme,
        organisation=foreign,
        role=ParticipationRole.TECHNICAL_PARTNER,
    )
    client = client_for("coordinator")
    assert "Foreign" not in client.get(_partners_url(world)).content.decode()
    response = client.post(
        _partners_url(world),
        {
            "existing": "1",
            "existing-organisation": foreign.pk,
            "existing-role": "technical_partner",
            "existing-scope": "all",
        },
    )
    assert response.status_code == 200
    assert not world.programme.participations.filter(organisation=foreign).exists()


def test_the_page_changes_and_detaches_a_partner(world, client_for):
    client = client_for("coordinator")
    url = reverse("schemes:partner_edit", args=[world.programme.slug, world.partner.pk])
    page = client.get(url).content.decode()
    assert 'value="chosen" ' in page or 'value="chosen"' in page
    response = client.post(url, {"role": "technical_partner", "scope": "all"})
    assert response.status_code == 302
    world.partner.refresh_from_db()
    assert world.partner.all_schemes and not world.partner.scheme_links.exists()
    detach = reverse(
        "schemes:partner_detach", args=[world.programme.slug, world.partner.pk]
    )
    assert client.post(detach).status_code == 302
    assert not Participation.objects.filter(pk=world.partner.pk).exists()


def test_a_participation_that_is_no_partner_is_not_found(world, client_for):
    city = world.programme.participations.get(organisation=world.mentee_city)
    client = client_for("coordinator")
    for name in ("partner_edit", "partner_detach"):
        url = reverse(f"schemes:{name}", args=[world.programme.slug, city.pk])
        assert (
            client.post(url, {"role": "technical_partner", "scope": "all"}).status_code
            == 404
        )
    # Nor another programme's partner, nor a number beyond any.
    foreign = factories.ParticipationFactory(
        programme=world.other_programme,
        organisation=factories.PartnerFactory(slug="foreign"),
        role=ParticipationRole.TECHNICAL_PARTNER,
    )
    for pk in (foreign.pk, 2**63):
        url = reverse("schemes:partner_edit", args=[world.programme.slug, pk])
        assert client.get(url).status_code == 404
    assert Participation.objects.filter(pk=city.pk).exists()
