"""A scheme's stage follows its documents: the stored ``Scheme.stage`` goes.

The stage is derived now (``schemes.work.progress``); only the training,
which no document shows, is recorded, as a ``StepMark`` a coordinator sets.
So that nothing already reported is lost, a scheme whose stored stage was
past the training gets its training marked done: dated its start date, or
undated with a note saying it was recorded before the portal followed the
documents.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

# The stored stages that come after the training.
PAST_TRAINING = ("visits", "action_plan", "approval", "implementation")
NOTE = (
    "Recorded before the portal followed the documents: the scheme's stage "
    "was then past the training."
)


def keep_training(apps, schema_editor):
    Scheme = apps.get_model("schemes", "Scheme")
    StepMark = apps.get_model("schemes", "StepMark")
    StepMark.objects.bulk_create(
        StepMark(
            scheme_id=scheme_id,
            step="training",
            reached_on=start_date,
            note=NOTE,
        )
        for scheme_id, start_date in Scheme.objects.filter(
            stage__in=PAST_TRAINING
        ).values_list("pk", "start_date")
    )


def restore_stage(apps, schema_editor):
    """Back: a scheme whose training is marked is at its visits."""
    Scheme = apps.get_model("schemes", "Scheme")
    StepMark = apps.get_model("schemes", "StepMark")
    Scheme.objects.filter(
        pk__in=StepMark.objects.filter(step="training").values("scheme")
    ).update(stage="visits")


class Migration(migrations.Migration):
    dependencies = [
        ("schemes", "0015_history_links"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="StepMark",
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
                    "step",
                    models.CharField(
                        choices=[
                            ("needs_analysis", "Needs analysis"),
                            ("matching", "Matching"),
                            ("training", "Training"),
                            ("visits", "Mentoring visits"),
                            ("action_plan", "Action plan"),
                            ("approval", "Approval"),
                            ("implementation", "Implementation"),
                        ],
                        max_length=30,
                        verbose_name="step",
                    ),
                ),
                (
                    "reached_on",
                    models.DateField(blank=True, null=True, verbose_name="date"),
                ),
                (
                    "note",
                    models.TextField(blank=True, max_length=2000, verbose_name="note"),
                ),
                (
                    "marked_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="marked"
                    ),
                ),
                (
                    "marked_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="marked by",
                    ),
                ),
                (
                    "scheme",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="step_marks",
                        to="schemes.scheme",
                        verbose_name="scheme",
                    ),
                ),
            ],
            options={
                "verbose_name": "step marked done",
                "verbose_name_plural": "steps marked done",
                "ordering": ["scheme", "step"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("scheme", "step"),
                        name="unique_step_mark",
                        violation_error_message="This step is already marked done.",
                    )
                ],
            },
        ),
        migrations.RunPython(keep_training, restore_stage),
        migrations.RemoveField(
            model_name="scheme",
            name="stage",
        ),
    ]
