"""The services ask the registry who may write, review or author a document.

Each kind's declaration (``writers``, ``reviewers``, ``author``) is the one
statement of the rule: the services check it through ``access.require_*``.
Here each service is called twice by the persona who may act: as declared
it goes through; with the declaration changed to say no, it refuses.
"""

import dataclasses

import pytest
from django.core.exceptions import PermissionDenied

from incluportal import documents
from schemes import services
from schemes.models import (
    ActionPlan,
    DocumentStatus,
    GoodPractice,
    NeedsAnalysis,
    SelfAssessment,
    SupportGroupMember,
    Visit,
)
from schemes.work.services import self_assessments as assessment_services
from tests import factories

pytestmark = pytest.mark.django_db


def _deny(model, rule, monkeypatch):
    """Change ``model``'s declaration so that ``rule`` says no to everyone."""
    kind = documents.kind_for_model(model)
    if rule == "author":
        other = factories.CityFactory(name="Elsewhere", slug="elsewhere")
        changed = dataclasses.replace(kind, author=lambda _document: other)
    else:
        changed = dataclasses.replace(kind, **{rule: lambda _user, _document: False})
    monkeypatch.setitem(documents._BY_MODEL, model, changed)


def _submitted_needs(w):
    NeedsAnalysis.objects.filter(scheme=w.scheme).update(
        status=DocumentStatus.SUBMITTED
    )
    return NeedsAnalysis.objects.get(scheme=w.scheme)


# (model, rule, persona, the service call)
CALLS = {
    "visit_move": (
        Visit,
        "writers",
        "mentee",
        lambda w, by: services.visit_move(
            visit=w.scheme.visits.first(), by=by, offset=1
        ),
    ),
    "visit_create": (
        Visit,
        "writers",
        "mentor",
        lambda w, by: services.visit_create(
            scheme=w.scheme, by=by, host_city=w.scheme.mentor_city, purpose="More"
        ),
    ),
    "support_group_member_delete": (
        SupportGroupMember,
        "writers",
        "mentee",
        lambda w, by: services.support_group_member_delete(member=w.member, by=by),
    ),
    "good_practice_criteria_save": (
        GoodPractice,
        "writers",
        "mentor",
        lambda w, by: services.good_practice_criteria_save(
            practice=w.draft_practice, ratings={}, by=by
        ),
    ),
    "good_practice_create": (
        GoodPractice,
        "author",
        "mentor",
        lambda w, by: services.good_practice_create(
            city=w.mentor_city, values={"title": "Language cafés"}, by=by
        ),
    ),
    "row_create": (
        ActionPlan,
        "writers",
        "mentee",
        lambda w, by: services.row_create(
            plan=w.scheme.action_plan, values={"action": "Open a desk"}, by=by
        ),
    ),
    "self_assessment_save": (
        SelfAssessment,
        "writers",
        "mentee",
        lambda w, by: assessment_services.self_assessment_save(
            assessment=w.assessment, ratings={}, answers={}, by=by
        ),
    ),
    "document_approve": (
        NeedsAnalysis,
        "reviewers",
        "coordinator",
        lambda w, by: services.document_approve(document=_submitted_needs(w), by=by),
    ),
    "document_return": (
        NeedsAnalysis,
        "reviewers",
        "coordinator",
        lambda w, by: services.document_return(
            document=_submitted_needs(w), by=by, comment="Say more on housing."
        ),
    ),
}


@pytest.mark.parametrize("name", sorted(CALLS))
def test_the_service_follows_the_declaration(name, world):
    _model, _rule, persona, call = CALLS[name]
    call(world, world.users[persona])  # as declared: allowed


@pytest.mark.parametrize("name", sorted(CALLS))
def test_the_service_refuses_when_the_declaration_says_no(name, world, monkeypatch):
    model, rule, persona, call = CALLS[name]
    _deny(model, rule, monkeypatch)
    with pytest.raises(PermissionDenied):
        call(world, world.users[persona])
