"""Required questions are marked, and a refused submission names and links
each one still blank (issue 22, point 8)."""

import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from schemes import services
from schemes.models import DocumentStatus, NationalContext
from schemes.work.annexes import NEEDS_ANALYSIS
from tests.schemes.test_document_workflow import _complete

pytestmark = pytest.mark.django_db

PART_A, PART_B, PART_C = NEEDS_ANALYSIS.parts


def _submit(client, document, doc_type, next_url):
    return client.post(
        reverse("schemes:document_action", args=[doc_type, document.pk, "submit"]),
        {"next": next_url},
        follow=True,
    )


def test_required_questions_are_marked_for_eyes_and_screen_readers(world, client_for):
    url = reverse("schemes:needs_analysis_edit", args=[world.scheme.pk, "A"])
    html = client_for("mentee").get(url).content.decode()
    assert "marks a question to answer before you submit" in html
    for f in PART_A.fields:
        wrapper = re.search(rf'<div id="div_id_{f.name}" class="([^"]*)"', html)
        control = re.search(rf'<(textarea|input)[^>]*id="id_{f.name}"[^>]*>', html)
        assert wrapper and control, f.id
        if f.required:
            assert "field-required" in wrapper.group(1), f.id
            assert 'aria-required="true"' in control.group(0), f.id
        else:
            assert "field-required" not in wrapper.group(1), f.id
            assert "aria-required" not in control.group(0), f.id


def test_a_draft_still_saves_with_required_questions_blank(world, client_for):
    url = reverse("schemes:needs_analysis_edit", args=[world.scheme.pk, "A"])
    response = client_for("mentee").post(url, {"challenges": "Only this one"})
    assert response.status_code == 302


def test_a_refused_submission_links_every_missing_question(world, client_for):
    needs = world.scheme.needs_analysis
    _complete(needs, world.users["mentee"])
    services.document_save(
        document=needs,
        values={PART_A.fields[0].name: "", PART_B.fields[0].name: ""},
        by=world.users["mentee"],
    )
    page = needs.get_absolute_url()
    response = _submit(client_for("mentee"), needs, "needs-analysis", page)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == page
    assert "Not submitted: 2 required questions are not answered yet." in html
    for part, f in ((PART_A, PART_A.fields[0]), (PART_B, PART_B.fields[0])):
        edit = reverse("schemes:needs_analysis_edit", args=[world.scheme.pk, part.key])
        assert f'href="{edit}#id_{f.name}"' in html, f.id
        assert f"Part {part.key}: {escape(f.label)}" in html
        assert f"{f.id}:" not in html  # the template's code is not for officials
    needs.refresh_from_db()
    assert needs.status == DocumentStatus.DRAFT


def test_the_link_leads_to_the_field_on_the_edit_page(world, client_for):
    client = client_for("mentee")
    needs = world.scheme.needs_analysis
    html = _submit(client, needs, "needs-analysis", needs.get_absolute_url())
    href = re.search(
        r'<a class="alert-link" href="([^"#]+)#([^"]+)"', html.content.decode()
    )
    edit_page = client.get(href.group(1)).content.decode()
    assert f'id="{href.group(2)}"' in edit_page


def test_the_associations_part_c_links_to_the_page_it_was_submitted_from(
    world, client_for
):
    national = NationalContext.objects.get(
        programme=world.scheme.programme, city=world.scheme.mentee_city
    )
    page = world.scheme.needs_analysis.get_absolute_url()
    html = _submit(client_for("association"), national, "national-context", page)
    edit = reverse("schemes:needs_analysis_edit", args=[world.scheme.pk, "C"])
    first = next(f for f in PART_C.fields if f.required)
    assert f'href="{edit}#id_{first.name}"' in html.content.decode()


def test_a_missing_question_from_elsewhere_is_named_without_a_link(world, client_for):
    national = NationalContext.objects.get(
        programme=world.scheme.programme, city=world.scheme.mentee_city
    )
    html = _submit(client_for("association"), national, "national-context", "/")
    html = html.content.decode()
    first = next(f for f in PART_C.fields if f.required)
    assert f"Part C: {escape(first.label)}" in html
    assert f"{first.id}:" not in html
    assert f"#id_{first.name}" not in html
