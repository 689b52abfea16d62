"""Programmes are sealed from each other.

A member of an organisation acts for it in every programme it takes part in;
a member of a coordinating body coordinates. So the coordinator of one
programme ("A", the world's programme) must not be able to enrol another
programme's organisations ("B", the world's other programme, coordinated by
"Other network") or give them members: not by the organisation picker, an
invitation, the people import or a programme file.
"""

import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from incluportal.models import User
from schemes import services
from schemes.coordination import portability
from schemes.models import (
    Invitation,
    Membership,
    Organisation,
    Participation,
    Programme,
)
from schemes.network.models.programmes import ParticipationRole
from tests import factories

pytestmark = pytest.mark.django_db

INVITEE = "intruder@example.org"


def _b_body(world):
    """B's coordinating body: its members coordinate B."""
    return Organisation.objects.get(slug="other-net")


def _b_body_members(world):
    return set(
        Membership.objects.filter(organisation=_b_body(world)).values_list(
            "user__email", flat=True
        )
    )


def _who_reads_b(world):
    return {
        user.email
        for user in User.objects.all()
        if Programme.objects.visible_to(user).filter(pk=world.other_programme.pk)
    }


def _enrol_b_body_in_a(world):
    """What an administrator (or the portal before programmes were sealed)
    may have done: B's coordinating body also takes part in A."""
    factories.ParticipationFactory(
        programme=world.programme,
        organisation=_b_body(world),
        role=ParticipationRole.TECHNICAL_PARTNER,
    )


def _programme_of_the_same_body(world):
    """Another programme that A's coordinating body coordinates, with a city."""
    earlier = factories.ProgrammeFactory(name="Earlier", slug="earlier")
    tukums = factories.CityFactory(name="Tukums", slug="tukums", country="LV")
    factories.ParticipationFactory(
        programme=earlier,
        organisation=world.coordinator_org,
        role=ParticipationRole.COORDINATOR,
    )
    factories.ParticipationFactory(
        programme=earlier, organisation=tukums, role=ParticipationRole.CITY
    )
    return tukums


def _import_people(client, world, csv):
    url = reverse("schemes:data_import", args=[world.programme.slug, "people"])
    preview = client.post(
        url,
        {"import_file": SimpleUploadedFile("people.csv", csv), "format": "csv"},
    )
    # The confirmation names the previewed file; a refused file has none.
    context = preview.context
    token = context["token"] if context is not None and "token" in context else ""
    confirm = client.post(url, {"confirm": "1", "token": token})
    return preview, confirm


def test_a_coordinator_cannot_reach_another_programme_by_any_path(world, client_for):
    client = client_for("coordinator")
    b_members, b_readers = _b_body_members(world), _who_reads_b(world)
    add_url = reverse("schemes:organisation_add", args=[world.programme.slug])

    # 1. The picker does not list B's organisations.
    page = client.get(add_url)
    picker = page.context["existing"].fields["organisation"].queryset
    assert not picker.filter(pk__in=[_b_body(world).pk, world.other_city.pk])
    assert "Other network" not in page.content.decode()

    # 2. Posting B's coordinating body anyway is a form error, not a role.
    response = client.post(
        add_url,
        {
            "existing": "1",
            "existing-organisation": _b_body(world).pk,
            "existing-role": "technical_partner",
        },
    )
    assert response.status_code == 200
    assert response.context["existing"].errors
    assert not world.programme.participations.filter(organisation=_b_body(world))

    # Suppose it took part in A all the same (an administrator's doing).
    _enrol_b_body_in_a(world)

    # 3. No invitation into it.
    invite_url = reverse("schemes:invitation_create", args=[world.programme.slug])
    page = client.get(invite_url)
    assert (
        not page.context["form"]
        .fields["organisation"]
        .queryset.filter(pk=_b_body(world).pk)
    )
    response = client.post(
        invite_url, {"email": INVITEE, "organisation": _b_body(world).pk}
    )
    assert response.status_code == 200 and response.context["form"].errors
    assert not Invitation.objects.exists()

    # 4. No person imported into it.
    preview, confirm = _import_people(
        client, world, f"email,full_name,organisation\n{INVITEE},X,other-net\n".encode()
    )
    assert "you do not coordinate" in preview.content.decode()
    assert "Confirm the import" not in preview.content.decode()
    assert confirm.status_code == 400  # no previewed file to confirm

    # 5. An invitation sent before the seal is no longer valid.
    invitation = Invitation.objects.create(
        email=INVITEE,
        organisation=_b_body(world),
        programme=world.programme,
        invited_by=world.users["coordinator"],
    )
    anonymous = client_for("anonymous")
    page = anonymous.get(invitation.get_absolute_url())
    assert page.status_code == 410
    assert "no longer valid" in page.content.decode()
    response = anonymous.post(
        invitation.get_absolute_url(),
        {"full_name": "X", "password1": "a-long-pass-phrase",
         "password2": "a-long-pass-phrase"},
    )  # fmt: skip
    assert response.status_code == 410

    # Nobody joined B's coordinating body, and nobody new reads B.
    assert _b_body_members(world) == b_members
    assert _who_reads_b(world) == b_readers
    assert not User.objects.filter(email=INVITEE).exists()
    dashboard = reverse("schemes:dashboard", args=[world.other_programme.slug])
    assert client_for("coordinator").get(dashboard).status_code == 404


def test_the_services_refuse_what_the_forms_do_not_offer(world):
    coordinator = world.users["coordinator"]
    with pytest.raises(ValidationError, match="you do not coordinate"):
        services.participation_add(
            programme=world.programme,
            organisation=_b_body(world),
            role=ParticipationRole.TECHNICAL_PARTNER,
            by=coordinator,
        )
    _enrol_b_body_in_a(world)
    with pytest.raises(ValidationError, match="you do not coordinate"):
        services.invitation_send(
            programme=world.programme,
            organisation=_b_body(world),
            email=INVITEE,
            by=coordinator,
        )
    assert not Invitation.objects.exists()


def test_a_city_shared_with_another_programme_gets_members_from_neither_alone(
    world, client_for
):
    # Riga takes part in B; an administrator also put it in A.
    factories.ParticipationFactory(
        programme=world.programme,
        organisation=world.other_city,
        role=ParticipationRole.CITY,
    )
    preview, _confirm = _import_people(
        client_for("coordinator"),
        world,
        f"email,organisation\n{INVITEE},riga\n".encode(),
    )
    assert "you do not coordinate" in preview.content.decode()
    with pytest.raises(ValidationError, match="you do not coordinate"):
        services.invitation_send(
            programme=world.other_programme,
            organisation=world.other_city,
            email=INVITEE,
            by=world.users["other_coordinator"],
        )
    assert not Membership.objects.filter(organisation=world.other_city).exclude(
        user=world.users["other_programme"]
    )


def test_an_invitation_lapses_when_its_organisation_joins_another_programme(
    world, client_for
):
    client_for("coordinator").post(
        reverse("schemes:invitation_create", args=[world.programme.slug]),
        {"email": INVITEE, "organisation": world.mentee_city.pk},
    )
    invitation = Invitation.objects.get()
    # Before it is accepted, Jelgava also takes part in B.
    factories.ParticipationFactory(
        programme=world.other_programme,
        organisation=world.mentee_city,
        role=ParticipationRole.CITY,
    )
    with pytest.raises(ValidationError, match="no longer valid"):
        services.invitation_accept(
            invitation=invitation, full_name="X", password="a-long-pass-phrase"
        )
    assert not User.objects.filter(email=INVITEE).exists()


def test_a_coordinator_adds_and_staffs_an_organisation_of_their_other_programme(
    world, client_for
):
    tukums = _programme_of_the_same_body(world)
    client = client_for("coordinator")
    add_url = reverse("schemes:organisation_add", args=[world.programme.slug])
    picker = client.get(add_url).context["existing"].fields["organisation"].queryset
    assert list(picker) == [tukums]
    client.post(
        add_url,
        {"existing": "1", "existing-organisation": tukums.pk, "existing-role": "city"},
    )
    assert world.programme.participations.filter(organisation=tukums).exists()
    _preview, confirm = _import_people(
        client, world, b"email,organisation\nilze@tukums.example,tukums\n"
    )
    assert confirm.status_code == 302
    assert Membership.objects.filter(
        user__email="ilze@tukums.example", organisation=tukums
    ).exists()


def test_an_organisation_of_another_programme_cannot_coordinate_a_new_one(
    world, client_for
):
    # A's coordinator also works for Riga, a city of B.
    coordinator = world.users["coordinator"]
    factories.MembershipFactory(user=coordinator, organisation=world.other_city)
    client = client_for("coordinator")
    url = reverse("schemes:programme_create")
    choices = client.get(url).context["form"].fields["coordinator"].queryset
    assert list(choices) == [world.coordinator_org]
    response = client.post(
        url,
        {"name_en": "Riga's own", "slug": "rigas", "coordinator": world.other_city.pk},
    )
    assert response.status_code == 200
    assert not Programme.objects.filter(slug="rigas").exists()
    with pytest.raises(ValidationError, match="you do not coordinate"):
        services.programme_create(
            by=coordinator, coordinator=world.other_city, name="Riga's own", slug="r"
        )


def _file_reaching_into(world, model, fields):
    """A's programme file, the database flushed, B set up again; the file
    gains one row of ``model`` with ``fields(file, b_programme, b_body)``."""
    data, _counts = portability.document(world.programme)
    call_command("flush", interactive=False, verbosity=0)
    # Numbers of their own, so that only the new row can be what is refused.
    b_programme = factories.ProgrammeFactory(pk=9_000, slug="elsewhere")
    b_body = factories.PartnerFactory(pk=9_000, slug="other-net")
    factories.ParticipationFactory(
        pk=9_000,
        programme=b_programme,
        organisation=b_body,
        role=ParticipationRole.COORDINATOR,
    )
    data["objects"].append(
        {"model": model, "pk": 10_000, "fields": fields(data, b_programme, b_body)}
    )
    return io.StringIO(json.dumps(data))


def _first(data, model):
    return next(o["pk"] for o in data["objects"] if o["model"] == model)


@pytest.mark.django_db(transaction=True)  # flush empties the database
@pytest.mark.parametrize(
    "model, fields",
    [
        (  # one of the file's people, a member of B's coordinating body
            "schemes.membership",
            lambda data, b, body: {
                "user": _first(data, "incluportal.user"),
                "organisation": body.pk,
                "position": "",
                "created_at": "2026-03-06T10:30:00Z",
            },
        ),
        (  # one of the file's organisations, a coordinator of B
            "schemes.participation",
            lambda data, b, body: {
                "programme": b.pk,
                "organisation": _first(data, "schemes.organisation"),
                "role": "coordinator",
            },
        ),
    ],
    ids=["membership", "participation"],
)
def test_a_programme_file_cannot_reach_into_what_is_already_there(world, model, fields):
    stream = _file_reaching_into(world, model, fields)
    with pytest.raises(portability.PortabilityError, match="does not hold"):
        portability.load(stream)
    assert not Programme.objects.filter(slug="inclu-test").exists()
    assert Membership.objects.count() == 0
    assert Participation.objects.count() == 1
