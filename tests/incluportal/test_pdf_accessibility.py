"""Every PDF is tagged (PDF/UA-1), with its language and title, as EN 301 549
asks of public-sector documents; read back with pdfinfo and pypdf."""

import io
import subprocess

import pytest
from django.urls import reverse
from pypdf import PdfReader

pytestmark = pytest.mark.django_db


def _structure_roles(node, roles):
    """The roles (/S) of every element below a structure node."""
    node = node.get_object()
    if isinstance(node, list):
        for child in node:
            _structure_roles(child, roles)
        return roles
    if not hasattr(node, "get"):
        return roles  # a marked-content number: a leaf
    if "/S" in node:
        roles.add(str(node["/S"]))
    if "/K" in node:
        _structure_roles(node["/K"], roles)
    return roles


def _pdf(client, url):
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    return response.content


@pytest.fixture
def urls(world):
    return {
        "action_plan": reverse("schemes:action_plan_pdf", args=[world.scheme.pk]),
        "assessment": reverse("schemes:assessment_pdf", args=[world.assessment.pk]),
        "visit": reverse(
            "schemes:visit_pdf", args=[world.scheme.pk, world.scheme.visits.first().pk]
        ),
        "dossier": reverse("schemes:scheme_dossier_pdf", args=[world.scheme.pk]),
    }


@pytest.mark.parametrize("name", ["action_plan", "assessment", "visit", "dossier"])
def test_every_pdf_is_tagged_with_its_language_and_title(world, client_for, urls, name):
    pdf = _pdf(client_for("mentee"), urls[name])
    reader = PdfReader(io.BytesIO(pdf))
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"]
    assert catalog["/Lang"] == "en"
    # Viewers show the title, not the file name (PDF/UA asks for both).
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"]
    assert reader.metadata.title.startswith(
        {
            "action_plan": "Action plan",
            "assessment": "Self-assessment",
            "visit": "Visit report",
            "dossier": "Scheme dossier",
        }[name]
    )
    roles = _structure_roles(catalog["/StructTreeRoot"], set())
    assert "/H1" in roles
    if name != "visit":  # the visit report's tables are key/value rows
        assert "/TH" in roles and "/Table" in roles


def test_a_latvian_pdf_says_it_is_latvian(world, client_for, urls):
    client = client_for("mentee")
    client.post(reverse("set_language"), {"language": "lv"})
    reader = PdfReader(io.BytesIO(_pdf(client, urls["assessment"])))
    assert reader.trailer["/Root"]["/Lang"] == "lv"
    assert reader.metadata.title.startswith("Pašnovērtējums")


def test_pdfinfo_reports_a_tagged_pdf(world, client_for, urls, tmp_path):
    path = tmp_path / "plan.pdf"
    path.write_bytes(_pdf(client_for("mentee"), urls["action_plan"]))
    info = subprocess.run(
        ["pdfinfo", str(path)], capture_output=True, text=True, check=True
    ).stdout
    assert "Tagged:          yes" in info
    assert "Title:           Action plan" in info
