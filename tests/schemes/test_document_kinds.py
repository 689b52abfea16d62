"""The registry of document kinds, and the one read rule of each kind.

``access.can_read`` answers for one document from per-request caches where
it can and asks the kind's queryset otherwise; the queryset answers for
lists. They must agree for every kind, persona and status: that is what makes
the queryset the one statement of the rule.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.http import Http404
from django.utils.module_loading import import_string

from incluportal.documents import (
    DocumentKind,
    kind_for_key,
    kind_for_model,
    kinds,
    register,
)
from schemes import access
from schemes.models import (
    GoodPractice,
    MentorProfile,
    NationalContext,
    NeedsAnalysis,
    ReviewReport,
    Scheme,
    SchemeCity,
    Scope,
    Strategy,
)
from tests import factories
from tests.conftest import PERSONAS

pytestmark = pytest.mark.django_db


def _profile(w):
    return MentorProfile.objects.get_or_create(
        programme=w.programme, city=w.mentor_city
    )[0]


# kind -> (the document of the world fixture, the persona who writes it)
DOCUMENTS = {
    "needs-analysis": (lambda w: w.scheme.needs_analysis, "mentee"),
    "national-context": (
        lambda w: NationalContext.objects.get(
            programme=w.programme, city=w.mentee_city
        ),
        "association",
    ),
    "mentor-profile": (_profile, "mentor"),
    "good-practice": (lambda w: w.draft_practice, "mentor"),
    "support-member": (lambda w: w.member, "mentee"),
    "visit": (lambda w: w.scheme.visits.first(), None),
    "self-assessment": (lambda w: w.assessment, "mentee"),
    "action-plan": (lambda w: w.scheme.action_plan, "mentee"),
    "scope": (lambda w: w.scheme.scope, "mentee"),
    "review-report": (
        lambda w: ReviewReport.objects.get_or_create(scheme=w.scheme)[0],
        "mentee",
    ),
    "strategy": (
        lambda w: Strategy.objects.get_or_create(scheme=w.scheme)[0],
        "mentee",
    ),
}


def test_every_kind_has_a_document_in_this_test():
    assert set(DOCUMENTS) == {kind.key for kind in kinds()}


def _statuses(model):
    try:
        field = model._meta.get_field("status")
    except FieldDoesNotExist:
        return [None]  # no draft: visits, support groups
    return [value for value, _label in field.choices]


def _variants(kind, document):
    """The document in each of its states: every status, and for a good
    practice public or not."""
    publics = [True, False] if kind.model is GoodPractice else [None]
    for status in _statuses(kind.model):
        for is_public in publics:
            values = {}
            if status is not None:
                values["status"] = status
            if is_public is not None:
                values["is_public"] = is_public
            if values:
                kind.model._base_manager.filter(pk=document.pk).update(**values)
            yield status, is_public, kind.model._base_manager.get(pk=document.pk)


def _users(world):
    users = {persona: world.users[persona] or AnonymousUser() for persona in PERSONAS}
    users["superuser"] = factories.UserFactory(
        email="root@example.org", is_superuser=True
    )
    return users


@pytest.mark.parametrize("key", sorted(DOCUMENTS))
def test_the_check_of_one_document_agrees_with_the_queryset(key, world):
    kind = kind_for_key(key)
    get_document, author = DOCUMENTS[key]
    users = _users(world)
    seen = set()
    for status, is_public, document in _variants(kind, get_document(world)):
        for persona, user in users.items():
            # A fresh user each time: no per-request cache carried over.
            if user.is_authenticated:
                user = type(user).objects.get(pk=user.pk)
            checked = access.can_read(user, document)
            listed = kind.readable_by(user).filter(pk=document.pk).exists()
            where = (key, status, is_public, persona)
            assert checked == listed, where
            if checked:
                seen.add(persona)
            if persona in (author, "coordinator", "superuser"):
                assert checked, where
            # Beyond the programme, only a shared public good practice.
            library = is_public and status in ("submitted", "approved")
            if persona == "anonymous" or (
                persona in ("other_coordinator", "other_programme") and not library
            ):
                assert not checked, where
    # The states walked include ones the scheme's other people read.
    assert seen & {"mentor", "mentee", "association", "mentor_association"} - {author}


def test_a_draft_is_read_by_its_authors_and_the_coordinators_only(world):
    needs = world.scheme.needs_analysis
    readers = {
        persona
        for persona, user in _users(world).items()
        if NeedsAnalysis.objects.visible_to(user).filter(pk=needs.pk).exists()
    }
    assert readers == {"mentee", "coordinator", "superuser"}


def test_a_submitted_needs_analysis_is_read_by_the_whole_scheme(world):
    needs = world.scheme.needs_analysis
    NeedsAnalysis.objects.filter(pk=needs.pk).update(status="submitted")
    readers = {
        persona
        for persona, user in _users(world).items()
        if NeedsAnalysis.objects.visible_to(user).filter(pk=needs.pk).exists()
    }
    assert readers == {
        "mentee",
        "mentor",
        "association",
        "mentor_association",
        "partner",  # the scheme's technical partner
        "coordinator",
        "superuser",
    }


def test_a_scope_being_agreed_is_read_by_the_two_cities_and_the_coordinators(
    world,
):
    scope = world.scheme.scope
    users = _users(world)

    def readers():
        return {
            persona
            for persona, user in users.items()
            if Scope.objects.visible_to(user).filter(pk=scope.pk).exists()
        }

    assert readers() == {"mentee", "mentor", "coordinator", "superuser"}
    Scope.objects.filter(pk=scope.pk).update(status="agreed")
    assert readers() == {
        "mentee",
        "mentor",
        "association",
        "mentor_association",
        "partner",
        "coordinator",
        "superuser",
    }


def test_a_submitted_mentor_profile_is_read_in_every_scheme_of_its_city(world):
    profile = _profile(world)
    MentorProfile.objects.filter(pk=profile.pk).update(status="approved")
    # The other scheme's mentee city is mentored by the same city too.
    SchemeCity.objects.filter(scheme=world.other_scheme).update(city=world.mentor_city)
    user = world.users["other_scheme"]
    assert MentorProfile.objects.visible_to(user).filter(pk=profile.pk).exists()
    assert access.can_read(user, MentorProfile.objects.get(pk=profile.pk))


def test_kinds_are_found_by_key_and_by_model():
    needs = kind_for_key("needs-analysis")
    assert needs.model is NeedsAnalysis
    assert kind_for_model(NeedsAnalysis) is needs
    assert kind_for_model(Scheme) is None
    assert str(needs.verbose_name) == "needs analysis"
    with pytest.raises(Http404):
        kind_for_key("no-such-kind")


def test_a_key_or_a_model_is_declared_once():
    with pytest.raises(ImproperlyConfigured):
        register(DocumentKind(key="needs-analysis", model=Scheme))
    with pytest.raises(ImproperlyConfigured):
        register(DocumentKind(key="scheme", model=NeedsAnalysis))
    assert kind_for_key("needs-analysis").model is NeedsAnalysis
    assert kind_for_model(Scheme) is None


@pytest.mark.parametrize("key", sorted(DOCUMENTS))
def test_each_kind_names_what_exists(key, world):
    kind = kind_for_key(key)
    document = DOCUMENTS[key][0](world)
    assert kind.tracked.model is kind.model
    children = getattr(document, "history_children", None)
    rows = tuple(children()) if children else ()
    assert rows == kind.history_rows
    if kind.pdf:
        assert callable(import_string(kind.pdf))
    if kind.transitions is not None:
        assert set(kind.transitions) == set(_statuses(kind.model))


def test_the_registry_imports_no_app():
    import ast
    from pathlib import Path

    import incluportal.documents

    tree = ast.parse(Path(incluportal.documents.__file__).read_text())
    imported = {
        node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
    } | {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    assert {name.split(".")[0] for name in imported} <= {
        "collections",
        "dataclasses",
        "functools",
        "django",
    }
