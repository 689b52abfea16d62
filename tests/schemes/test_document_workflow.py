import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from schemes import services
from schemes.models import DocumentStatus, NationalContext
from schemes.work.annexes import NEEDS_ANALYSIS

pytestmark = pytest.mark.django_db


def _complete(document, by):
    values = {}
    for part in document.PARTS:
        for f in part.fields:
            if f.kind == "integer":
                values[f.name] = 1000
            elif f.kind == "money":
                values[f.name] = 1_000_000
            elif f.kind == "ticklist":
                values[f.name] = ["funding"]
            else:
                values[f.name] = f"Answer to {f.id}"
    return services.document_save(document=document, values=values, by=by)


def test_a_new_scheme_gets_its_documents_and_three_visits(world):
    scheme = world.scheme
    assert scheme.needs_analysis.status == DocumentStatus.DRAFT
    assert NationalContext.objects.filter(
        programme=scheme.programme,
        city=scheme.mentee_city,
        association=world.association,
    ).exists()
    assert [(v.order, v.host_city) for v in scheme.visits.all()] == [
        (1, world.mentee_city),
        (2, world.mentor_city),
        (3, world.mentee_city),
    ]
    services.scheme_setup(scheme=scheme)  # again: nothing doubles
    assert scheme.visits.count() == 3


def test_an_incomplete_document_cannot_be_submitted(world):
    needs = world.scheme.needs_analysis
    with pytest.raises(ValidationError, match="0 of"):
        services.document_submit(document=needs, by=world.users["mentee"])
    needs.refresh_from_db()
    assert needs.status == DocumentStatus.DRAFT


def test_the_full_workflow_submit_return_resubmit_approve(world):
    needs = world.scheme.needs_analysis
    mentee, coordinator = world.users["mentee"], world.users["coordinator"]
    _complete(needs, mentee)
    assert needs.completeness()[0] == needs.completeness()[1]
    services.document_submit(document=needs, by=mentee)
    assert needs.status == DocumentStatus.SUBMITTED
    with pytest.raises(ValidationError, match="comment"):
        services.document_return(document=needs, by=coordinator, comment="  ")
    services.document_return(document=needs, by=coordinator, comment="Add figures")
    assert needs.status == DocumentStatus.RETURNED
    assert needs.review_comment == "Add figures"
    services.document_save(document=needs, values={"challenges": "Sharper"}, by=mentee)
    services.document_submit(document=needs, by=mentee)
    services.document_approve(document=needs, by=coordinator)
    needs.refresh_from_db()
    assert needs.status == DocumentStatus.APPROVED
    assert needs.reviewed_by == coordinator


@pytest.mark.parametrize(
    ("status", "action"),
    [
        ("draft", "approve"),
        ("draft", "return"),
        ("approved", "submit"),
        ("approved", "return"),
        ("submitted", "submit"),
    ],
)
def test_illegal_transitions_are_refused(world, status, action):
    needs = world.scheme.needs_analysis
    _complete(needs, world.users["mentee"])
    type(needs).objects.filter(pk=needs.pk).update(status=status)
    needs.refresh_from_db()
    by = world.users["mentee" if action == "submit" else "coordinator"]
    with pytest.raises((ValidationError, PermissionDenied)):
        if action == "submit":
            services.document_submit(document=needs, by=by)
        elif action == "approve":
            services.document_approve(document=needs, by=by)
        else:
            services.document_return(document=needs, by=by, comment="x")
    needs.refresh_from_db()
    assert needs.status == status


def test_submitted_and_approved_documents_are_read_only_to_their_authors(world):
    needs = world.scheme.needs_analysis
    mentee = world.users["mentee"]
    _complete(needs, mentee)
    services.document_submit(document=needs, by=mentee)
    with pytest.raises(PermissionDenied):
        services.document_save(document=needs, values={"challenges": "late"}, by=mentee)
    needs.refresh_from_db()
    assert needs.challenges == "Answer to NA-A1"


def test_only_the_owner_writes_each_part(world):
    needs = world.scheme.needs_analysis
    national = NationalContext.objects.get(city=world.mentee_city)
    with pytest.raises(PermissionDenied):
        services.document_save(
            document=needs, values={"challenges": "x"}, by=world.users["association"]
        )
    with pytest.raises(PermissionDenied):
        services.document_save(
            document=national, values={"typicality": "x"}, by=world.users["mentee"]
        )
    services.document_save(
        document=national,
        values={"typicality": "Typical"},
        by=world.users["association"],
    )


def test_only_coordinators_review(world):
    needs = world.scheme.needs_analysis
    _complete(needs, world.users["mentee"])
    services.document_submit(document=needs, by=world.users["mentee"])
    for persona in ["mentee", "mentor", "association", "other_coordinator"]:
        with pytest.raises(PermissionDenied):
            services.document_approve(document=needs, by=world.users[persona])


def test_completeness_counts_required_fields_only(world):
    needs = world.scheme.needs_analysis
    required = sum(1 for p in NEEDS_ANALYSIS.parts[:2] for f in p.fields if f.required)
    assert needs.completeness() == (0, required)
    services.document_save(
        document=needs,
        values={"challenges": "Need", "cross_cutting_topics": "optional one"},
        by=world.users["mentee"],
    )
    assert needs.completeness() == (1, required)
