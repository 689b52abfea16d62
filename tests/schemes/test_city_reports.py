"""The intercultural review report and the strategy of a scheme's city:
started on demand, written by the city, reviewed by the coordinators."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from incluportal.conflicts import EditConflict
from incluportal.workflow import InvalidTransition
from schemes import pdfs_work, services
from schemes.models import DocumentStatus, ReviewReport, Strategy
from schemes.work.models import city_reports
from tests import factories

pytestmark = pytest.mark.django_db

KINDS = {
    "review_report": (ReviewReport, services.review_report_start),
    "strategy": (Strategy, services.strategy_start),
}


def _start(world, name, persona="mentee"):
    _model, start = KINDS[name]
    return start(scheme=world.scheme, by=world.users[persona])


def _fill(world, document, persona="mentee"):
    return services.city_report_save(
        document=document,
        values={field: f"Text of {field}" for field, _req in document.SECTIONS},
        by=world.users[persona],
    )


def _pdf_text(content):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


@pytest.fixture(params=sorted(KINDS))
def name(request):
    return request.param


# --- Starting ----------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["mentee", "coordinator"])
def test_the_city_or_a_coordinator_starts_it(world, name, persona):
    model, _start_it = KINDS[name]
    document = _start(world, name, persona)
    assert model.objects.get(scheme=world.scheme) == document
    assert document.status == DocumentStatus.DRAFT
    assert document.history.count() == 1
    # Again: the same document.
    assert _start(world, name) == document
    assert model.objects.count() == 1


@pytest.mark.parametrize(
    "persona", ["mentor", "association", "mentor_association", "other_coordinator"]
)
def test_nobody_else_starts_it(world, name, persona):
    with pytest.raises(PermissionDenied):
        _start(world, name, persona)
    assert not KINDS[name][0].objects.exists()


def test_a_new_scheme_does_not_get_them(world):
    services.scheme_setup(scheme=world.scheme)
    assert not ReviewReport.objects.exists() and not Strategy.objects.exists()


# --- Writing -----------------------------------------------------------------------


def test_the_city_writes_it_with_its_history(world, name):
    document = _fill(world, _start(world, name))
    document.refresh_from_db()
    first = document.SECTIONS[0][0]
    assert getattr(document, first) == f"Text of {first}"
    assert document.updated_by == world.users["mentee"]
    assert document.percent_complete == 100
    assert document.history.count() == 2
    assert getattr(document.history.latest(), first) == f"Text of {first}"


@pytest.mark.parametrize(
    "persona", ["coordinator", "mentor", "association", "other_scheme"]
)
def test_nobody_else_writes_it(world, name, persona):
    document = _start(world, name)
    with pytest.raises(PermissionDenied):
        _fill(world, document, persona)
    document.refresh_from_db()
    assert document.completeness()[0] == 0 and document.history.count() == 1


def test_more_writers_join_through_one_function(world, monkeypatch):
    """The technical partners will co-write: ``writing_organisations`` is the
    one place that says who writes."""
    document = _start(world, "review_report")
    monkeypatch.setattr(
        city_reports,
        "writing_organisations",
        lambda doc: [doc.scheme.mentee_city_id, world.association.pk],
    )
    _fill(world, document, "association")
    document.refresh_from_db()
    assert document.strengths == "Text of strengths"


def test_a_field_that_is_no_section_is_refused(world, name):
    document = _start(world, name)
    with pytest.raises(ValueError):
        services.city_report_save(
            document=document, values={"status": "approved"}, by=world.users["mentee"]
        )


def test_two_forms_opened_at_once(world):
    document = _start(world, "strategy")
    revision = document.revision
    services.city_report_save(
        document=Strategy.objects.get(),
        values={"vision": "A city for all", "timeline": ""},
        by=world.users["mentee"],
        revision=revision,
    )
    # A colleague's form, opened before: another section merges...
    services.city_report_save(
        document=Strategy.objects.get(),
        values={"vision": "", "timeline": "2026–2028"},
        by=world.users["mentee"],
        revision=revision,
    )
    strategy = Strategy.objects.get()
    assert (strategy.vision, strategy.timeline) == ("A city for all", "2026–2028")
    # ... the same section conflicts.
    with pytest.raises(EditConflict):
        services.city_report_save(
            document=Strategy.objects.get(),
            values={"vision": "Mine"},
            by=world.users["mentee"],
            revision=revision,
        )
    assert Strategy.objects.get().vision == "A city for all"


# --- Review ------------------------------------------------------------------------


def test_an_incomplete_one_cannot_be_submitted(world, name):
    document = _start(world, name)
    with pytest.raises(ValidationError, match="0 of"):
        services.document_submit(document=document, by=world.users["mentee"])
    document.refresh_from_db()
    assert document.status == DocumentStatus.DRAFT


def test_submit_return_resubmit_approve(world, name):
    mentee, coordinator = world.users["mentee"], world.users["coordinator"]
    document = _fill(world, _start(world, name))
    with pytest.raises(InvalidTransition):  # a draft is not reviewed
        services.document_approve(document=document, by=coordinator)
    services.document_submit(document=document, by=mentee)
    assert document.status == DocumentStatus.SUBMITTED
    # Submitted: nobody writes it any more.
    with pytest.raises(PermissionDenied):
        _fill(world, document)
    with pytest.raises(PermissionDenied):
        services.document_approve(document=document, by=mentee)
    services.document_return(document=document, by=coordinator, comment="More data")
    assert document.status == DocumentStatus.RETURNED
    _fill(world, document)  # returned: the city writes again
    services.document_submit(document=document, by=mentee)
    services.document_approve(document=document, by=coordinator)
    document.refresh_from_db()
    assert document.status == DocumentStatus.APPROVED
    assert document.reviewed_by == coordinator
    with pytest.raises(InvalidTransition):
        services.document_approve(document=document, by=coordinator)


def test_the_other_coordinator_does_not_review(world):
    document = _fill(world, _start(world, "review_report"))
    services.document_submit(document=document, by=world.users["mentee"])
    with pytest.raises(PermissionDenied):
        services.document_approve(
            document=document, by=world.users["other_coordinator"]
        )


# --- Pages -------------------------------------------------------------------------


def test_the_scheme_page_offers_them_where_the_process_asks_for_them(world, client_for):
    url = world.scheme.get_absolute_url()
    # The IncluCities process asks for neither.
    page = client_for("mentee").get(url).content.decode()
    assert "Start the review report" not in page
    assert "Start the strategy" not in page
    factories.phase_delivering(world.programme, "review-report")
    page = client_for("mentee").get(url).content.decode()
    assert "Start the review report" in page
    assert "Start the strategy" not in page


def test_the_scheme_page_offers_to_start_them(world, client_for):
    factories.phase_delivering(world.programme, "review-report", "strategy")
    url = world.scheme.get_absolute_url()
    page = client_for("mentee").get(url).content.decode()
    assert "Start the review report" in page and "Start the strategy" in page
    # The mentor city cannot start them: nothing to show it yet.
    page = client_for("mentor").get(url).content.decode()
    assert "review report" not in page.lower()
    client = client_for("coordinator")
    response = client.post(
        reverse("schemes:review_report_start", args=[world.scheme.pk])
    )
    assert response.status_code == 302
    assert response.url == reverse("schemes:review_report", args=[world.scheme.pk])
    page = client.get(url).content.decode()
    assert "Start the review report" not in page
    assert reverse("schemes:review_report", args=[world.scheme.pk]) in page
    assert "Start the strategy" in page


def test_starting_needs_a_post(world, client_for):
    response = client_for("mentee").get(
        reverse("schemes:strategy_start", args=[world.scheme.pk])
    )
    assert response.status_code == 405
    assert not Strategy.objects.exists()


def test_a_page_before_it_is_started_is_not_found(world, client_for):
    for url_name in ("strategy", "strategy_edit", "strategy_pdf"):
        response = client_for("mentee").get(
            reverse(f"schemes:{url_name}", args=[world.scheme.pk])
        )
        assert response.status_code == 404, url_name


def test_write_submit_and_approve_in_the_browser(world, client_for):
    _start(world, "review_report")
    client = client_for("mentee")
    edit = reverse("schemes:review_report_edit", args=[world.scheme.pk])
    data = {field: f"Our {field}" for field, _req in ReviewReport.SECTIONS}
    response = client.post(
        edit, {**data, "revision": ReviewReport.objects.get().revision}
    )
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "Our strengths" in page and "Submit for review" in page
    report = ReviewReport.objects.get()
    action = reverse(
        "schemes:document_action", args=["review-report", report.pk, "submit"]
    )
    client.post(action, {"next": report.get_absolute_url()})
    assert ReviewReport.objects.get().status == DocumentStatus.SUBMITTED
    client = client_for("coordinator")
    page = client.get(report.get_absolute_url()).content.decode()
    assert "Approve" in page
    action = reverse(
        "schemes:document_action", args=["review-report", report.pk, "approve"]
    )
    client.post(action, {"next": report.get_absolute_url()})
    assert ReviewReport.objects.get().status == DocumentStatus.APPROVED
    # Approved: the whole scheme reads it.
    page = client_for("mentor_association").get(report.get_absolute_url())
    assert "Our strengths" in page.content.decode()


def test_a_draft_is_not_shown_to_the_mentor(world, client_for):
    document = _fill(world, _start(world, "strategy"))
    page = client_for("mentor").get(document.get_absolute_url()).content.decode()
    assert "Text of vision" not in page and "Not shared yet" in page


@pytest.mark.parametrize("bad", ["a\x00b", "x" * 20_001])
def test_bad_text_is_a_form_error(world, client_for, bad):
    document = _start(world, "strategy")
    response = client_for("mentee").post(
        reverse("schemes:strategy_edit", args=[world.scheme.pk]),
        {"vision": bad, "revision": document.revision},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["vision"]
    assert Strategy.objects.get().vision == ""


def test_the_pdf_holds_the_text(world, client_for, name):
    document = _fill(world, _start(world, name))
    response = client_for("coordinator").get(
        reverse(f"schemes:{name}_pdf", args=[world.scheme.pk])
    )
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    first, last = document.SECTIONS[0][0], document.SECTIONS[-1][0]
    assert f"Text of {first}" in text and f"Text of {last}" in text
    assert "Jelgava" in text


def test_the_dossier_holds_them(world, client_for):
    _fill(world, _start(world, "review_report"))
    _fill(world, _start(world, "strategy"))
    response = client_for("mentee").get(
        reverse("schemes:scheme_dossier_pdf", args=[world.scheme.pk])
    )
    text = _pdf_text(response.content)
    assert "Intercultural review report" in text
    assert "Text of recommendations" in text and "Text of monitoring" in text


def test_script_is_text_on_the_page_and_in_the_pdf(world, client_for):
    document = _start(world, "review_report")
    services.city_report_save(
        document=document,
        values={"gaps": "<script>alert(1)</script>"},
        by=world.users["mentee"],
    )
    client = client_for("mentee")
    page = client.get(document.get_absolute_url()).content.decode()
    assert "&lt;script&gt;" in page and "<script>alert" not in page
    pdf = client.get(reverse("schemes:review_report_pdf", args=[world.scheme.pk]))
    assert "<script>alert(1)</script>" in _pdf_text(pdf.content)


def test_the_pdf_in_latvian(world):
    document = _fill(world, _start(world, "strategy"))
    with translation.override("lv"):
        pdf, _name = pdfs_work.city_report_pdf(world.users["mentee"], document)
    text = _pdf_text(pdf)
    assert "Stratēģija" in text and "Uzraudzība" in text


def test_the_history_page_lists_the_saves(world, client_for):
    document = _fill(world, _start(world, "strategy"))
    page = client_for("mentee").get(
        reverse("schemes:history", args=["strategy", document.pk])
    )
    assert page.status_code == 200
    assert "Text of vision" in page.content.decode()


# --- Written with the technical partners ------------------------------------------


def test_a_technical_partner_of_the_scheme_writes_the_draft_with_the_city(world, name):
    from schemes import access

    document = _start(world, name)
    partner = world.users["partner"]
    assert access.can_read(partner, document)
    model, _start_it = KINDS[name]
    assert model.objects.visible_to(partner).filter(pk=document.pk).exists()
    field = document.SECTIONS[0][0]
    services.city_report_save(
        document=document, values={field: "Written with the partner"}, by=partner
    )
    document.refresh_from_db()
    assert getattr(document, field) == "Written with the partner"
    # It writes; the city submits and the coordinators decide.
    with pytest.raises(PermissionDenied):
        services.document_submit(document=document, by=partner)


def test_a_method_coordinator_or_another_schemes_partner_does_not_see_the_draft(
    world, name
):
    from schemes import access
    from schemes.network.models.programmes import ParticipationRole
    from tests import factories

    document = _start(world, name)
    method = factories.PartnerFactory(name="Method", slug="method")
    factories.ParticipationFactory(
        programme=world.programme,
        organisation=method,
        role=ParticipationRole.METHOD_COORDINATOR,
        all_schemes=True,
    )
    reader = factories.UserFactory(email="method@example.org")
    factories.MembershipFactory(user=reader, organisation=method)
    for person in (reader, world.users["other_scheme"]):
        assert not access.can_read(person, document)
        with pytest.raises(PermissionDenied):
            services.city_report_save(
                document=document, values={document.SECTIONS[0][0]: "x"}, by=person
            )


def test_its_required_sections_are_marked_and_a_refusal_links_each(
    world, client_for, name
):
    """As an annex's questions (issue 22, point 8): the sections required
    before submitting are marked on the form, and a submission refused for
    blank ones names each, linked to its field."""
    import re

    document = _start(world, name)
    client = client_for("mentee")
    edit = reverse(f"schemes:{document.URL_NAME}_edit", args=[world.scheme.pk])
    html = client.get(edit).content.decode()
    assert "marks a question to answer before you submit" in html
    for field, required in document.SECTIONS:
        wrapper = re.search(rf'<div id="div_id_{field}" class="([^"]*)"', html)
        assert wrapper, field
        assert ("field-required" in wrapper.group(1)) == required, field
    # One required section written, the others still blank.
    required = [field for field, needed in document.SECTIONS if needed]
    assert len(required) >= 2
    services.city_report_save(
        document=document, values={required[0]: "Written"}, by=world.users["mentee"]
    )
    action = reverse(
        "schemes:document_action",
        args=[name.replace("_", "-"), document.pk, "submit"],
    )
    response = client.post(action, {"next": document.get_absolute_url()}, follow=True)
    page = response.content.decode()
    assert type(document).objects.get().status == DocumentStatus.DRAFT
    for field in required[1:]:
        assert f'href="{edit}#id_{field}"' in page, field
    assert f'href="{edit}#id_{required[0]}"' not in page
