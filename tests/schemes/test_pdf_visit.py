"""The visit report PDF names its host city and each participant's
organisation."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from schemes.models import SupportGroupMember

pytestmark = pytest.mark.django_db


def _text(response):
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


def _pdf_text(client, visit):
    return _text(
        client.get(reverse("schemes:visit_pdf", args=[visit.scheme_id, visit.pk]))
    )


def test_it_names_the_host_city_not_a_role(world, client_for):
    # The second default visit is in the mentor city.
    visit = world.scheme.visits.get(order=2)
    client = client_for("mentee")
    assert "Host city Schaerbeek" in _pdf_text(client, visit)
    client.post(reverse("set_language"), {"language": "lv"})
    text = _pdf_text(client, visit)
    # The city's name, not its role in the scheme (the agenda names roles).
    assert "Uzņēmēja pilsēta Schaerbeek" in text


def test_a_visit_without_a_host_city_is_online(world, client_for):
    visit = world.scheme.visits.get(order=2)
    visit.host_city = None
    visit.save()
    assert "Host city Online meeting" in _pdf_text(client_for("mentee"), visit)


def test_it_names_each_participants_organisation(world, client_for):
    visit = world.scheme.visits.get(order=1)
    visit.team_participants.set([world.users["mentee"], world.users["mentor"]])
    visit.support_group_attendees.set(
        [
            world.member,
            SupportGroupMember.objects.create(
                scheme=world.scheme,
                city=world.mentee_city,
                name="Andris Ozols",
                organisation="Jelgavas bibliotēka",
                stakeholder_type="migrant_association",
            ),
        ]
    )
    text = _pdf_text(client_for("mentee"), visit)
    mentee, mentor = world.users["mentee"], world.users["mentor"]
    assert f"{mentee.get_full_name()} Jelgava" in text
    assert f"{mentor.get_full_name()} Schaerbeek" in text
    assert "Andris Ozols Jelgavas bibliotēka (local support group)" in text
    assert "Olena — (local support group)" in text
