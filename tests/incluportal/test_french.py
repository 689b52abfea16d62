"""French, the third interface language: the switcher offers it, and pages,
validation messages and PDFs read in French for a French reader."""

import io
import re

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from incluportal.templatetags.form_errors import NOTHING_SAVED

pytestmark = pytest.mark.django_db


def _french(client):
    response = client.post(
        reverse("set_language"), {"language": "fr", "next": reverse("home")}
    )
    assert response.status_code == 302


def test_the_switcher_offers_each_language_named_in_itself(client_for):
    client = client_for("mentee")
    html = client.get(reverse("home")).content.decode()
    switcher = re.findall(
        r'<button type="submit" name="language" value="(\w+)"[^>]*lang="(\w+)">'
        r"([^<]+)</button>",
        html,
    )
    assert switcher == [("lv", "lv", "Latviešu"), ("fr", "fr", "Français")]
    _french(client)
    html = client.get(reverse("home")).content.decode()
    assert '<html lang="fr">' in html
    assert 'aria-current="true" lang="fr">Français</span>' in html


def test_a_refused_form_says_why_in_french(world, client_for):
    client = client_for("mentee")
    _french(client)
    url = reverse("schemes:support_group_member_add", args=[world.scheme.pk, "jelgava"])
    response = client.post(url, {"name": ""})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ce champ est obligatoire." in html
    assert "This field is required." not in html
    # The portal's own words on the form, from the French catalogue.
    with translation.override("fr"):
        summary = str(NOTHING_SAVED)
    assert summary != "Please correct the errors below: nothing was saved."
    assert summary in html


def test_a_label_before_a_value_takes_the_french_space_before_its_colon(
    world, client_for
):
    client = client_for("mentee")
    url = reverse("schemes:scheme_detail", args=[world.scheme.pk])
    english = client.get(url).content.decode()
    assert "Local support group: Jelgava" in english
    _french(client)
    french = client.get(url).content.decode()
    assert "Groupe de soutien local\u00a0: Jelgava" in french


def test_the_dossier_pdf_takes_the_french_colon(world, client_for):
    client = client_for("coordinator")
    _french(client)
    url = reverse("schemes:scheme_dossier_pdf", args=[world.scheme.pk])
    response = client.get(url)
    assert response.status_code == 200
    text = "".join(
        page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages
    )
    assert re.search(r"Dossier du dispositif[\s\u00a0]: ", text)
    assert "dispositif:" not in text


def test_a_pdf_marks_a_name_without_a_french_text(world, client_for):
    programme = world.programme
    programme.name_fr = ""
    programme.save()
    client = client_for("coordinator")
    _french(client)
    url = reverse("schemes:scheme_dossier_pdf", args=[world.scheme.pk])
    text = " ".join(
        " ".join(page.extract_text().split())
        for page in PdfReader(io.BytesIO(client.get(url).content)).pages
    )
    with translation.override("fr"):
        from incluportal.translated import in_language

        mark = str(in_language("en"))
    assert f"{programme.name_en} {mark}" in text
