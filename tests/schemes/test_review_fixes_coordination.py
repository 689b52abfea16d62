"""Problems a coordinator found in the workspace, each pinned by a test."""

import io
import re

import openpyxl
import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from schemes.models import Invitation, Organisation, Participation, Programme

pytestmark = pytest.mark.django_db


def test_a_scheme_cannot_swap_mentor_and_mentee(world, client_for):
    url = reverse("schemes:scheme_create", args=[world.programme.slug])
    response = client_for("coordinator").post(
        url, {"mentee_city": world.mentor_city.pk, "mentor_city": world.mentee_city.pk}
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
            "mentor_city": world.mentor_city.pk,
        },
    )
    assert response.status_code == 200
    assert "is not a member of this association" in response.content.decode()


def test_matching_points_to_an_existing_scheme_instead_of_creating_it(client):
    call_command("load_demo", verbosity=0)
    from incluportal.models import User

    client.force_login(User.objects.get(email="coordinator@incluportal.test"))
    html = client.get(
        reverse("schemes:matching", args=["inclucities"]), {"mentee": "jelgava"}
    ).content.decode()
    first = html.index("Schaerbeek")
    assert "already have a scheme" in html[first : first + 3000]


def test_a_reserved_programme_address_is_refused(world, client_for):
    response = client_for("coordinator").post(
        reverse("schemes:programme_create"),
        {"name": "New", "slug": "new", "coordinator": world.coordinator_org.pk},
    )
    assert response.status_code == 200
    assert not Programme.objects.filter(slug="new").exists()


def _xlsx(rows):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _upload(client, url, content, fmt):
    return client.post(
        url, {"import_file": SimpleUploadedFile(f"f.{fmt}", content), "format": fmt}
    )


def test_a_formula_in_a_workbook_is_refused_not_emptied(world, client_for):
    url = reverse("schemes:data_import", args=[world.programme.slug, "cities"])
    content = _xlsx([["slug", "name_en", "country", "population"],
                     ["jelgava", "Jelgava", "LV", "=10000+1000"]])  # fmt: skip
    html = _upload(client_for("coordinator"), url, content, "xlsx").content.decode()
    assert "spreadsheet formula" in html
    assert "Confirm the import" not in html


def test_a_text_the_portal_exported_with_an_apostrophe_imports_back(world, client_for):
    Organisation.objects.filter(pk=world.mentee_city.pk).update(website="")
    Organisation.objects.filter(pk=world.mentee_city.pk).update(name_en="=Jelgava")
    client = client_for("coordinator")
    export = reverse("schemes:data_export", args=[world.programme.slug, "cities"])
    content = client.get(export, {"format": "csv"}).content
    assert content.startswith("\ufeff".encode())  # Excel reads UTF-8
    url = reverse("schemes:data_import", args=[world.programme.slug, "cities"])
    html = _upload(client, url, content, "csv").content.decode()
    assert "Confirm the import" in html


def test_a_workbook_sent_as_csv_gets_a_clear_message(world, client_for):
    url = reverse("schemes:data_import", args=[world.programme.slug, "cities"])
    response = _upload(client_for("coordinator"), url, _xlsx([["slug"]]), "csv")
    assert "choose the XLSX format" in response.content.decode()


def test_a_missing_column_reads_as_a_sentence(world, client_for):
    url = reverse("schemes:data_import", args=[world.programme.slug, "cities"])
    html = _upload(
        client_for("coordinator"), url, b"slug\njelgava\n", "csv"
    ).content.decode()
    assert "The file lacks the column(s): name_en, country." in html
    assert "[&#x27;" not in html


def test_an_address_is_not_invited_twice(world, client_for):
    client = client_for("coordinator")
    url = reverse("schemes:invitation_create", args=[world.programme.slug])
    data = {"email": "twice@example.org", "organisation": world.mentee_city.pk}
    client.post(url, data)
    response = client.post(url, data)
    assert "is pending" in response.content.decode()
    assert Invitation.objects.count() == 1


def test_the_invitation_link_uses_the_address_the_coordinator_used(
    world, client_for, django_capture_on_commit_callbacks, settings
):
    settings.ALLOWED_HOSTS = ["portal.example.eu"]
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
    assert re.search(r"http://portal\.example\.eu/invitations/\S+/", body)
    assert body.startswith("Hello Pēteris,")
