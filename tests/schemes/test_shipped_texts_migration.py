"""Migration 0029: shipped texts a form froze in its writer's language (a
visit's purpose and agenda, a phase's name) are stored as their English
source again, and read in each reader's language; a person's own text stays
as written."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation

from schemes import services
from schemes.models import AgendaItem, Phase, Visit

BEFORE = [("schemes", "0028_written_language")]

SITUATION = "Situation: the mentors meet the local context"
INTERVIEWS = "Interviews and focus groups"


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def _latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def _latvian(text):
    with translation.override("lv"):
        return translation.gettext(text)


@pytest.mark.django_db(transaction=True)
def test_frozen_translations_become_shipped_texts_again(world):
    services.programme_process_fill(programme=world.programme)
    visits = {v.order: v for v in world.scheme.visits.all()}
    # As the old visit form saved them in Latvian; visit 3 is Jelgava's own.
    Visit.objects.filter(pk=visits[1].pk).update(purpose=_latvian(SITUATION))
    Visit.objects.filter(pk=visits[3].pk).update(purpose="Mūsu vizīte")
    AgendaItem.objects.filter(visit=visits[2], text=INTERVIEWS).update(
        text=_latvian(INTERVIEWS)
    )
    phase = Phase.objects.get(programme=world.programme, position=1)
    Phase.objects.filter(pk=phase.pk).update(name=_latvian("Needs analysis"))
    assert _latvian(SITUATION) != SITUATION
    try:
        _migrate(BEFORE)
    finally:
        # Forward through 0029, and back to today's tables whatever happens.
        _migrate(_latest())
    purposes = dict(world.scheme.visits.values_list("order", "purpose"))
    assert purposes[1] == SITUATION
    assert purposes[3] == "Mūsu vizīte"
    assert AgendaItem.objects.filter(visit=visits[2], text=INTERVIEWS).exists()
    phase.refresh_from_db()
    assert phase.name == "Needs analysis"
    with translation.override("en"):
        assert world.scheme.visits.get(order=1).display_purpose == SITUATION
