"""Migration 0016 drops the stored stage: a scheme whose stage was past the
training keeps that step done, as a mark dated its start (or undated, with
a note), so nothing already reported is lost."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from schemes.models import StepMark
from schemes.work.progress import scheme_progress
from tests import factories

BEFORE = [("schemes", "0015_history_links")]
AFTER = [("schemes", "0016_steps_follow_documents")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_a_stage_past_the_training_becomes_a_training_mark():
    programme = factories.ProgrammeFactory()
    schemes = {
        stage: factories.SchemeFactory(
            programme=programme,
            start_date=datetime.date(2024, 3, 1) if stage != "approval" else None,
        )
        for stage in ("needs_analysis", "training", "visits", "approval")
    }
    try:
        old = _migrate(BEFORE)
        Scheme = old.get_model("schemes", "Scheme")
        for stage, scheme in schemes.items():
            Scheme.objects.filter(pk=scheme.pk).update(stage=stage)
        _migrate(AFTER)
        # Read with today's models: the later migrations too.
        _migrate(_latest())
        marks = {m.scheme_id: m for m in StepMark.objects.all()}
        # At the training or before it: nothing was reported done.
        assert set(marks) == {schemes["visits"].pk, schemes["approval"].pk}
        visits = marks[schemes["visits"].pk]
        assert (visits.step, visits.reached_on) == (
            "training",
            datetime.date(2024, 3, 1),
        )
        undated = marks[schemes["approval"].pk]
        assert undated.reached_on is None
        assert "before the portal followed the documents" in undated.note
        progress = scheme_progress(schemes["visits"], today=datetime.date(2026, 3, 6))
        assert progress.reached("training")
        # And back: the marked schemes are at their visits again.
        old = _migrate(BEFORE)
        stages = dict(
            old.get_model("schemes", "Scheme").objects.values_list("pk", "stage")
        )
        assert stages[schemes["visits"].pk] == "visits"
        assert stages[schemes["training"].pk] == "needs_analysis"
    finally:
        _migrate(_latest())
