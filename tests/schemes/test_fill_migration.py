"""Migration 0013 gives existing rows what pages used to create when read:
schemes their documents, plan and default visits; mentor cities their
profiles. Run here as a plain call on rows with gaps."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from schemes import services
from schemes.models import (
    ActionPlan,
    MentorProfile,
    NationalContext,
    NeedsAnalysis,
)
from schemes.network.models.programmes import ParticipationRole
from tests import factories

# Migrated back and forth: the database's tables change under the test.
pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("schemes", "0012_answer_field_names")]


def _fill():
    """As ``migrate`` runs it on a database of before 0013: back to 0012,
    then forward through 0013 (which fills the gaps) and 0015 (which keeps
    the links of the records 0013 wrote apart from their snapshot) to
    today's tables."""
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def _visits(scheme):
    """Its visits, each with the side of its host city (the mentee's, the
    mentor's, or none: online)."""
    return [
        (
            v.order,
            scheme.side_of(v.host_city) if v.host_city else None,
            v.purpose,
            [a.text for a in v.agenda_items.order_by("order")],
        )
        for v in scheme.visits.order_by("order")
    ]


def test_a_scheme_with_gaps_gets_what_scheme_setup_gives(world):
    mentor = factories.CityFactory(name="Leuven", slug="leuven")
    bare = factories.SchemeFactory(
        programme=world.programme,
        mentee_city=world.other_scheme.mentee_city,
        mentee_association=world.association,
        mentor_city=mentor,
        mentor_association=world.mentor_association,
    )
    for scheme in (bare, world.other_scheme):
        assert not NeedsAnalysis.objects.filter(scheme=scheme).exists()
        assert not ActionPlan.objects.filter(scheme=scheme).exists()
        assert not scheme.visits.exists()
    complete = {
        model: model.objects.count()
        for model in (NeedsAnalysis, ActionPlan, NationalContext, MentorProfile)
    }
    set_up_visits = _visits(world.scheme)  # made by services.scheme_setup

    _fill()

    for scheme in (bare, world.other_scheme):
        needs = NeedsAnalysis.objects.get(scheme=scheme)
        plan = ActionPlan.objects.get(scheme=scheme)
        assert (needs.revision, plan.revision) == (1, 1)
        assert needs.history.count() == 1
        assert plan.history.get().children == {"rows": []}
        assert _visits(scheme) == set_up_visits
        visit = scheme.visits.order_by("order").first()
        assert visit.history.get().children == visit.history_children()
        profile = MentorProfile.objects.get(
            programme=world.programme, city=scheme.mentor_city
        )
        assert profile.history.get().children == profile.history_children()
    # The associations' national contexts: Leuven's is new, the mentee's
    # (Capaci, with the association named on the bare scheme) too.
    for city, association in (
        (mentor, world.mentor_association),
        (bare.mentee_city, world.association),
    ):
        context = NationalContext.objects.get(programme=world.programme, city=city)
        assert context.association == association
    # The other scheme names no association: no national context for it.
    assert not NationalContext.objects.filter(
        programme=world.programme, city=world.other_scheme.mentor_city
    ).exists()
    assert NeedsAnalysis.objects.count() == complete[NeedsAnalysis] + 2
    assert ActionPlan.objects.count() == complete[ActionPlan] + 2
    assert NationalContext.objects.count() == complete[NationalContext] + 2
    # Leuven and Mechelen (the other scheme's mentor city).
    assert MentorProfile.objects.count() == complete[MentorProfile] + 2


def test_a_mentor_city_without_a_scheme_gets_its_profile(world):
    city = factories.CityFactory(name="Gent", slug="gent")
    factories.ParticipationFactory(
        programme=world.programme, organisation=city, role=ParticipationRole.MENTOR_CITY
    )
    other = factories.CityFactory(name="Namur", slug="namur")
    factories.ParticipationFactory(
        programme=world.programme, organisation=other, role=ParticipationRole.CITY
    )
    _fill()
    assert MentorProfile.objects.filter(programme=world.programme, city=city).exists()
    assert not MentorProfile.objects.filter(city=other).exists()  # not a mentor


def test_filling_again_changes_nothing(world):
    _fill()
    services.document_save(
        document=world.scheme.needs_analysis,
        values={"challenges": "Housing"},
        by=world.users["mentee"],
    )
    counts = {
        model: (model.objects.count(), model.history.count())
        for model in (NeedsAnalysis, ActionPlan, NationalContext, MentorProfile)
    }
    visits = {s.pk: _visits(s) for s in (world.scheme, world.other_scheme)}
    _fill()
    assert counts == {
        model: (model.objects.count(), model.history.count())
        for model in (NeedsAnalysis, ActionPlan, NationalContext, MentorProfile)
    }
    assert visits == {s.pk: _visits(s) for s in (world.scheme, world.other_scheme)}
    assert NeedsAnalysis.objects.get(scheme=world.scheme).challenges == "Housing"
