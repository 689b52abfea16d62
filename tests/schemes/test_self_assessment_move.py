"""Self-assessments moved from the benchmarks app to the schemes app
(benchmarks migration 0005, schemes 0011) without losing a row: a
database holding them before the move holds them, their ratings, answers,
history and permissions after it."""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from schemes.models import QuestionAnswer, Rating, SelfAssessment
from tests import factories

BEFORE = [
    ("benchmarks", "0004_benchmark_owner_and_editions"),
    ("schemes", "0010_good_practice_search_document"),
]
MOVED = ("selfassessment", "historicalselfassessment", "rating", "questionanswer")


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def test_the_moved_models_keep_the_benchmarks_tables():
    assert SelfAssessment._meta.app_label == "schemes"
    assert SelfAssessment._meta.db_table == "benchmarks_selfassessment"
    assert Rating._meta.db_table == "benchmarks_rating"
    assert QuestionAnswer._meta.db_table == "benchmarks_questionanswer"
    history = SelfAssessment.history.model
    assert history._meta.app_label == "schemes"
    assert history._meta.db_table == "benchmarks_historicalselfassessment"


@pytest.mark.django_db(transaction=True)
def test_a_self_assessment_made_before_the_move_is_there_after_it():
    benchmark = factories.benchmark_with_factors(count=3, questions=1)
    scheme = factories.SchemeFactory(benchmark=benchmark)
    author = factories.UserFactory()
    factor = benchmark.key_factors.order_by("number").first()
    question = factor.questions.first()
    try:
        old = _migrate(BEFORE)
        # As the benchmarks app had it: its models, its content types (moved
        # back by the migration, as they were before it).
        old_types = old.get_model("contenttypes", "ContentType")
        assert not old_types.objects.filter(app_label="schemes", model__in=MOVED)
        assessment_type = old_types.objects.get(
            app_label="benchmarks", model="selfassessment"
        )
        old.get_model("auth", "Permission").objects.create(
            name="Can review self-assessment",
            codename="review_selfassessment",
            content_type=assessment_type,
        )
        assessment = old.get_model("benchmarks", "SelfAssessment").objects.create(
            scheme_id=scheme.pk,
            city_id=scheme.mentee_city_id,
            benchmark_id=benchmark.pk,
            round="baseline",
            status="submitted",
            created_by_id=author.pk,
            submitted_at=timezone.now(),
        )
        rating = old.get_model("benchmarks", "Rating").objects.create(
            assessment=assessment, key_factor_id=factor.pk, level=2, note="Halfway"
        )
        old.get_model("benchmarks", "QuestionAnswer").objects.create(
            rating=rating, question_id=question.pk, text="Two classes a week"
        )
        old.get_model("benchmarks", "HistoricalSelfAssessment").objects.create(
            id=assessment.pk,
            scheme_id=scheme.pk,
            city_id=scheme.mentee_city_id,
            benchmark_id=benchmark.pk,
            round="baseline",
            status="submitted",
            created_at=assessment.created_at,
            history_date=timezone.now(),
            history_type="+",
        )
    finally:
        _migrate(_latest())
    ContentType.objects.clear_cache()

    moved = SelfAssessment.objects.get(pk=assessment.pk)
    assert (moved.scheme, moved.city, moved.benchmark) == (
        scheme,
        scheme.mentee_city,
        benchmark,
    )
    assert moved.status == "submitted"
    assert moved.created_by == author
    [moved_rating] = moved.ratings.all()
    assert (moved_rating.key_factor, moved_rating.level, moved_rating.note) == (
        factor,
        2,
        "Halfway",
    )
    [answer] = moved_rating.answers.all()
    assert (answer.question, answer.text) == (question, "Two classes a week")
    assert moved.history.count() == 1
    # The content types, and the permissions with them, are the schemes app's.
    assert not ContentType.objects.filter(app_label="benchmarks", model__in=MOVED)
    moved_type = ContentType.objects.get_for_model(SelfAssessment)
    assert moved_type.pk == assessment_type.pk
    assert moved_type.app_label == "schemes"
    permission = Permission.objects.get(codename="review_selfassessment")
    assert permission.content_type == moved_type
    assert ContentType.objects.get(
        app_label="schemes", model="rating"
    ).model_class() is (Rating)
