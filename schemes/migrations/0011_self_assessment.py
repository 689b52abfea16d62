"""Self-assessments (with their ratings, answers and history) become the
schemes app's: a self-assessment is a scheme's document. State only: the
tables keep their names (``Meta.db_table``) and their rows, and the benchmarks
app let go of the models in its migration 0005_self_assessment_to_schemes.
Their content types follow (app label benchmarks to schemes), and with them
their permissions and anything that names them generically."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

MOVED = ("selfassessment", "historicalselfassessment", "rating", "questionanswer")


def _move_content_types(apps, schema_editor, source, target):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MOVED:
        old = ContentType.objects.using(db).filter(app_label=source, model=model)
        if (
            not ContentType.objects.using(db)
            .filter(app_label=target, model=model)
            .exists()
        ):
            old.update(app_label=target)


def forwards(apps, schema_editor):
    _move_content_types(apps, schema_editor, "benchmarks", "schemes")


def backwards(apps, schema_editor):
    _move_content_types(apps, schema_editor, "schemes", "benchmarks")


class Migration(migrations.Migration):
    dependencies = [
        ("benchmarks", "0005_self_assessment_to_schemes"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("schemes", "0010_good_practice_search_document"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="HistoricalSelfAssessment",
                    fields=[
                        (
                            "id",
                            models.BigIntegerField(
                                auto_created=True,
                                blank=True,
                                db_index=True,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "revision",
                            models.PositiveIntegerField(
                                default=0, editable=False, verbose_name="revision"
                            ),
                        ),
                        (
                            "children",
                            models.JSONField(blank=True, editable=False, null=True),
                        ),
                        (
                            "round",
                            models.CharField(
                                choices=[
                                    ("baseline", "Baseline (start of the scheme)"),
                                    ("final", "Final (end of the scheme)"),
                                ],
                                default="baseline",
                                max_length=20,
                                verbose_name="round",
                            ),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("draft", "Draft"),
                                    ("submitted", "Submitted"),
                                ],
                                default="draft",
                                max_length=20,
                                verbose_name="status",
                            ),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(
                                blank=True, editable=False, verbose_name="started"
                            ),
                        ),
                        (
                            "submitted_at",
                            models.DateTimeField(
                                blank=True, null=True, verbose_name="submitted"
                            ),
                        ),
                        (
                            "history_id",
                            models.AutoField(primary_key=True, serialize=False),
                        ),
                        ("history_date", models.DateTimeField(db_index=True)),
                        (
                            "history_change_reason",
                            models.CharField(max_length=100, null=True),
                        ),
                        (
                            "history_type",
                            models.CharField(
                                choices=[
                                    ("+", "Created"),
                                    ("~", "Changed"),
                                    ("-", "Deleted"),
                                ],
                                max_length=1,
                            ),
                        ),
                        (
                            "benchmark",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="benchmarks.benchmark",
                                verbose_name="benchmark",
                            ),
                        ),
                        (
                            "city",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="schemes.organisation",
                                verbose_name="city",
                            ),
                        ),
                        (
                            "created_by",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="started by",
                            ),
                        ),
                        (
                            "history_user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "scheme",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="schemes.scheme",
                                verbose_name="scheme",
                            ),
                        ),
                        (
                            "submitted_by",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="submitted by",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "historical self-assessment",
                        "verbose_name_plural": "historical self-assessments",
                        "db_table": "benchmarks_historicalselfassessment",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="SelfAssessment",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "revision",
                            models.PositiveIntegerField(
                                default=0, editable=False, verbose_name="revision"
                            ),
                        ),
                        (
                            "round",
                            models.CharField(
                                choices=[
                                    ("baseline", "Baseline (start of the scheme)"),
                                    ("final", "Final (end of the scheme)"),
                                ],
                                default="baseline",
                                max_length=20,
                                verbose_name="round",
                            ),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("draft", "Draft"),
                                    ("submitted", "Submitted"),
                                ],
                                default="draft",
                                max_length=20,
                                verbose_name="status",
                            ),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(
                                auto_now_add=True, verbose_name="started"
                            ),
                        ),
                        (
                            "updated_at",
                            models.DateTimeField(
                                auto_now=True, verbose_name="last saved"
                            ),
                        ),
                        (
                            "submitted_at",
                            models.DateTimeField(
                                blank=True, null=True, verbose_name="submitted"
                            ),
                        ),
                        (
                            "benchmark",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="self_assessments",
                                to="benchmarks.benchmark",
                                verbose_name="benchmark",
                            ),
                        ),
                        (
                            "city",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="self_assessments",
                                to="schemes.organisation",
                                verbose_name="city",
                            ),
                        ),
                        (
                            "created_by",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="started by",
                            ),
                        ),
                        (
                            "scheme",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="self_assessments",
                                to="schemes.scheme",
                                verbose_name="scheme",
                            ),
                        ),
                        (
                            "submitted_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="submitted by",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "self-assessment",
                        "verbose_name_plural": "self-assessments",
                        "db_table": "benchmarks_selfassessment",
                        "ordering": ["scheme", "city__name", "round"],
                    },
                ),
                migrations.CreateModel(
                    name="Rating",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "level",
                            models.PositiveSmallIntegerField(
                                blank=True,
                                choices=[
                                    (0, "Not in place"),
                                    (1, "Emerging"),
                                    (2, "Partly in place"),
                                    (3, "Fully in place"),
                                ],
                                null=True,
                                verbose_name="level",
                            ),
                        ),
                        (
                            "note",
                            models.TextField(
                                blank=True, max_length=5000, verbose_name="note"
                            ),
                        ),
                        (
                            "evidence",
                            models.TextField(
                                blank=True, max_length=5000, verbose_name="evidence"
                            ),
                        ),
                        (
                            "key_factor",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="ratings",
                                to="benchmarks.keyfactor",
                                verbose_name="key factor",
                            ),
                        ),
                        (
                            "assessment",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="ratings",
                                to="schemes.selfassessment",
                                verbose_name="self-assessment",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "rating",
                        "verbose_name_plural": "ratings",
                        "db_table": "benchmarks_rating",
                        "ordering": ["assessment", "key_factor__number"],
                    },
                ),
                migrations.CreateModel(
                    name="QuestionAnswer",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "text",
                            models.TextField(
                                blank=True, max_length=5000, verbose_name="answer"
                            ),
                        ),
                        (
                            "question",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="answers",
                                to="benchmarks.guidingquestion",
                                verbose_name="guiding question",
                            ),
                        ),
                        (
                            "rating",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="answers",
                                to="schemes.rating",
                                verbose_name="rating",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "answer to a guiding question",
                        "verbose_name_plural": "answers to guiding questions",
                        "db_table": "benchmarks_questionanswer",
                        "ordering": ["rating", "question__order"],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("rating", "question"),
                                name="unique_question_answer",
                            )
                        ],
                    },
                ),
                migrations.AddConstraint(
                    model_name="selfassessment",
                    constraint=models.UniqueConstraint(
                        fields=("scheme", "city", "round"),
                        name="unique_self_assessment",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="rating",
                    constraint=models.UniqueConstraint(
                        fields=("assessment", "key_factor"), name="unique_rating"
                    ),
                ),
            ],
        ),
        migrations.RunPython(forwards, backwards),
    ]
