import re

import pytest
from django.core import mail, signing
from django.urls import reverse

from incluportal.models import User
from schemes.models import (
    Invitation,
    Membership,
    Organisation,
    Participation,
    Programme,
    Scheme,
)
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_coordinator_creates_a_programme_coordinated_by_their_body(world, client_for):
    client = client_for("coordinator")
    response = client.post(
        reverse("schemes:programme_create"),
        {
            "name_en": "IncluCities II",
            "slug": "inclucities-2",
            "start_year": "2026",
            "end_year": "2028",
            "coordinator": world.coordinator_org.pk,
        },
    )
    assert response.status_code == 302
    programme = Programme.objects.get(slug="inclucities-2")
    assert programme.is_coordinated_by(world.users["coordinator"])


def test_only_coordinators_create_programmes(world, client_for):
    assert (
        client_for("mentee").get(reverse("schemes:programme_create")).status_code == 403
    )


def test_organisations_are_added_existing_or_new(world, client_for):
    # An existing one from another programme the same body coordinates (one
    # from a programme it does not coordinate is refused: test_programme_seal).
    earlier = factories.ProgrammeFactory(name="Earlier", slug="earlier")
    tukums = factories.CityFactory(name="Tukums", slug="tukums", country="LV")
    for org, role in [(world.coordinator_org, "coordinator"), (tukums, "city")]:
        factories.ParticipationFactory(programme=earlier, organisation=org, role=role)
    client = client_for("coordinator")
    url = reverse("schemes:organisation_add", args=[world.programme.slug])
    client.post(
        url,
        {"existing": "1", "existing-organisation": tukums.pk, "existing-role": "city"},
    )
    assert world.programme.participations.filter(organisation=tukums).exists()
    client.post(
        url,
        {
            "new": "1",
            "new-kind": "city",
            "new-name_en": "Ventspils",
            "new-slug": "ventspils",
            "new-country": "LV",
            "new-population": "33000",
            "new-role": "mentee_city",
        },
    )
    assert Participation.objects.filter(
        programme=world.programme, organisation__slug="ventspils", role="mentee_city"
    ).exists()


def _invite(client, world, email="newcomer@jelgava.example"):
    return client.post(
        reverse("schemes:invitation_create", args=[world.programme.slug]),
        {"email": email, "full_name": "Anna", "organisation": world.mentee_city.pk},
    )


def test_an_invitation_is_emailed_with_a_signed_link_that_creates_the_account(
    world, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _invite(client_for("coordinator"), world)
    assert len(mail.outbox) == 1
    link = re.search(r"http://\S+(/invitations/\S+/)", mail.outbox[0].body).group(1)
    client = client_for("anonymous")
    page = client.get(link)
    assert page.status_code == 200 and "Jelgava" in page.content.decode()
    response = client.post(
        link,
        {"full_name": "Anna Bērziņa", "password1": "a-long-latvian-passphrase",
         "password2": "a-long-latvian-passphrase"},
    )  # fmt: skip
    assert response.url == reverse("home")
    user = User.objects.get(email="newcomer@jelgava.example")
    assert Membership.objects.filter(user=user, organisation=world.mentee_city).exists()
    assert client.get(reverse("home")).status_code == 200  # signed in
    assert client.get(link).status_code == 410  # used


def test_a_weak_password_is_refused_and_nothing_is_created(world, client_for):
    _invite(client_for("coordinator"), world)
    link = Invitation.objects.get().get_absolute_url()
    response = client_for("anonymous").post(
        link, {"full_name": "A", "password1": "123", "password2": "123"}
    )
    assert response.status_code == 200
    assert not User.objects.filter(email="newcomer@jelgava.example").exists()


def test_an_expired_or_forged_invitation_is_refused(world, client_for, monkeypatch):
    _invite(client_for("coordinator"), world)
    invitation = Invitation.objects.get()
    client = client_for("anonymous")
    assert client.get(reverse("invitation_accept", args=["forged"])).status_code == 404
    monkeypatch.setattr("schemes.network.models.invitations.INVITATION_MAX_AGE", -1)
    response = client.get(invitation.get_absolute_url())
    assert response.status_code == 410
    assert "expired" in response.content.decode()


def test_an_invitation_to_an_organisation_outside_the_programme_is_refused(
    world, client_for
):
    response = client_for("coordinator").post(
        reverse("schemes:invitation_create", args=[world.programme.slug]),
        {"email": "x@example.org", "organisation": world.other_city.pk},
    )
    assert response.status_code == 200
    assert not Invitation.objects.exists()


def test_an_existing_account_accepts_after_signing_in(world, client_for):
    existing = world.users["other_programme"]
    _invite(client_for("coordinator"), world, email=existing.email)
    link = Invitation.objects.get().get_absolute_url()
    client = client_for("other_programme")
    assert client.post(link).status_code == 302
    assert Membership.objects.filter(
        user=existing, organisation=world.mentee_city
    ).exists()


def test_a_scheme_is_created_in_the_browser_with_its_documents(world, client_for):
    client = client_for("coordinator")
    response = client.post(
        reverse("schemes:scheme_create", args=[world.programme.slug]),
        {
            "mentee_city": world.other_scheme.mentee_city.pk,
            "shape": "mentoring",
            "other_cities": [world.mentor_city.pk],
            "benchmark": world.benchmark.pk,
            "theme": world.benchmark.theme.pk,
        },
    )
    assert response.status_code == 302
    scheme = Scheme.objects.get(
        mentee_city=world.other_scheme.mentee_city, city_links__city=world.mentor_city
    )
    assert scheme.visits.count() == 3
    assert scheme.needs_analysis.status == "draft"
    assert scheme.action_plan.version == 1


def test_a_scheme_with_a_city_outside_the_programme_is_refused(world, client_for):
    response = client_for("coordinator").post(
        reverse("schemes:scheme_create", args=[world.programme.slug]),
        {
            "shape": "mentoring",
            "mentee_city": world.other_city.pk,
            "other_cities": [world.mentor_city.pk],
        },
    )
    assert response.status_code == 200
    assert not Scheme.objects.filter(mentee_city=world.other_city).exists()


def test_the_coordinator_of_another_programme_cannot_manage_this_one(world, client_for):
    for name in ["dashboard", "scheme_create", "invitation_create", "organisation_add"]:
        url = reverse(f"schemes:{name}", args=[world.programme.slug])
        assert client_for("other_coordinator").get(url).status_code == 404, name


def test_token_tampering_changes_nothing(world, client_for):
    _invite(client_for("coordinator"), world)
    invitation = Invitation.objects.get()
    forged = signing.dumps(invitation.pk + 1000, salt="wrong")
    assert (
        client_for("anonymous")
        .get(reverse("invitation_accept", args=[forged]))
        .status_code
        == 404
    )


def test_a_namesake_organisation_gets_a_warning_not_a_refusal(world, client_for):
    client = client_for("coordinator")
    response = client.post(
        reverse("schemes:organisation_add", args=[world.programme.slug]),
        {
            "new": "1",
            "new-kind": "city",
            "new-name_en": "Jelgava",
            "new-slug": "jelgava-2",
            "new-country": "EE",
            "new-role": "city",
        },
        follow=True,
    )
    assert "Another organisation is also called Jelgava" in response.content.decode()
    assert Participation.objects.filter(organisation__slug="jelgava-2").exists()


def test_a_reserved_programme_address_is_refused(world, client_for):
    response = client_for("coordinator").post(
        reverse("schemes:programme_create"),
        {"name_en": "New", "slug": "new", "coordinator": world.coordinator_org.pk},
    )
    assert response.status_code == 200
    assert not Programme.objects.filter(slug="new").exists()


def test_a_scheme_cannot_swap_mentor_and_mentee(world, client_for):
    url = reverse("schemes:scheme_create", args=[world.programme.slug])
    response = client_for("coordinator").post(
        url,
        {
            "shape": "mentoring",
            "mentee_city": world.mentor_city.pk,
            "other_cities": [world.mentee_city.pk],
        },
    )
    assert response.status_code == 200
    assert not world.programme.schemes.filter(mentee_city=world.mentor_city).exists()


def test_a_city_keeps_to_its_own_association(world, client_for):
    newcomer = Organisation.objects.create(
        kind="city", name="Ventspils", slug="ventspils", country="LV"
    )
    newcomer.associations.add(world.association)
    Participation.objects.create(
        programme=world.programme, organisation=newcomer, role="mentee_city"
    )
    url = reverse("schemes:scheme_create", args=[world.programme.slug])
    response = client_for("coordinator").post(
        url,
        {
            "mentee_city": newcomer.pk,
            "mentee_association": world.mentor_association.pk,
            "shape": "mentoring",
            "other_cities": [world.mentor_city.pk],
        },
    )
    assert response.status_code == 200
    assert "is not a member of this association" in response.content.decode()


def test_an_address_is_not_invited_twice(world, client_for):
    client = client_for("coordinator")
    url = reverse("schemes:invitation_create", args=[world.programme.slug])
    data = {"email": "twice@example.org", "organisation": world.mentee_city.pk}
    client.post(url, data)
    response = client.post(url, data)
    assert "is pending" in response.content.decode()
    assert Invitation.objects.count() == 1


def test_the_invitation_link_uses_the_site_url_not_the_coordinators_host(
    world, client_for, django_capture_on_commit_callbacks, settings
):
    # One rule for every e-mail (incluportal/emails.py): links start with
    # SITE_URL, which make run / make serve set to where they listen.
    settings.ALLOWED_HOSTS = ["portal.example.eu"]
    settings.SITE_URL = "https://inclu.example.lv"
    with django_capture_on_commit_callbacks(execute=True):
        client_for("coordinator").post(
            reverse("schemes:invitation_create", args=[world.programme.slug]),
            {
                "email": "p@example.org",
                "full_name": "Pēteris",
                "organisation": world.mentee_city.pk,
            },
            HTTP_HOST="portal.example.eu",
        )
    body = mail.outbox[0].body
    assert re.search(r"https://inclu\.example\.lv/invitations/\S+/", body)
    assert "portal.example.eu" not in body
    assert body.startswith("Hello Pēteris,")


def test_a_new_organisation_without_a_short_name_gets_one_from_its_name(
    world, client_for
):
    client = client_for("coordinator")
    url = reverse("schemes:organisation_add", args=[world.programme.slug])
    new = {"new": "1", "new-kind": "city", "new-country": "LV", "new-role": "city"}
    client.post(url, {**new, "new-name_en": "Līvāni", "new-slug": ""})
    client.post(url, {**new, "new-name_en": "Livani", "new-slug": ""})
    assert world.programme.participations.filter(organisation__slug="livani-2").exists()
    assert Organisation.objects.get(slug="livani").name == "Līvāni"
    assert Organisation.objects.get(slug="livani-2").name == "Livani"
    # A name with no Latin letter: the form asks for a short name.
    response = client.post(url, {**new, "new-name_en": "Київ", "new-slug": ""})
    assert response.status_code == 200
    assert "Write a short name" in response.content.decode()
    assert not Organisation.objects.filter(name="Київ").exists()


def test_the_role_of_an_organisation_is_chosen_never_assumed(world, client_for):
    client = client_for("coordinator")
    url = reverse("schemes:organisation_add", args=[world.programme.slug])
    html = client.get(url).content.decode()
    for prefix in ("existing", "new"):
        roles = html[html.index(f'name="{prefix}-role"') :]
        roles = roles[: roles.index("</select>")]
        assert roles.count("selected") == 1
        assert '<option value="" selected>' in roles
    response = client.post(
        url,
        {
            "new": "1",
            "new-kind": "city",
            "new-name_en": "Tukums",
            "new-country": "LV",
            "new-role": "",
        },
    )
    assert response.status_code == 200
    assert not Organisation.objects.filter(name="Tukums").exists()
