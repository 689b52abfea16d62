"""The pair's columns and the sides go, now that 0021 moved them (see 0020)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("schemes", "0021_scheme_cities_data"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="scheme",
            name="unique_scheme_pair",
        ),
        migrations.RemoveConstraint(
            model_name="scheme",
            name="scheme_mentor_is_not_mentee",
        ),
        migrations.RemoveField(
            model_name="historicalsupportgroupmember",
            name="side",
        ),
        migrations.RemoveField(
            model_name="historicalvisit",
            name="host",
        ),
        migrations.RemoveField(
            model_name="scheme",
            name="mentor_association",
        ),
        migrations.RemoveField(
            model_name="scheme",
            name="mentor_city",
        ),
        migrations.RemoveField(
            model_name="supportgroupmember",
            name="side",
        ),
        migrations.RemoveField(
            model_name="visit",
            name="host",
        ),
        migrations.AlterField(
            model_name="scheme",
            name="slug",
            field=models.SlugField(
                help_text="Its cities' short names: how files and exports name it.",
                max_length=255,
                verbose_name="short name",
            ),
        ),
        migrations.AlterField(
            model_name="supportgroupmember",
            name="city",
            field=models.ForeignKey(
                help_text="The scheme's city whose group this member belongs to.",
                on_delete=django.db.models.deletion.PROTECT,
                related_name="support_group_members",
                to="schemes.organisation",
                verbose_name="city",
            ),
        ),
        migrations.AddConstraint(
            model_name="scheme",
            constraint=models.UniqueConstraint(
                fields=("programme", "slug"),
                name="unique_scheme_slug",
                violation_error_message="These cities already have a scheme in this programme.",
            ),
        ),
        # "Pair matched" is "Cities matched": a scheme may join more than two.
        migrations.AlterField(
            model_name="phase",
            name="rule",
            field=models.CharField(
                choices=[
                    ("needs_analysis", "Needs analysis submitted"),
                    ("matching", "Cities matched"),
                    ("training", "Training held"),
                    ("visits", "Visits held"),
                    ("action_plan", "Plan submitted"),
                    ("approval", "Plan approved"),
                    ("implementation", "Implementation under way"),
                    ("deliverables", "Its deliverables are submitted"),
                    ("marked", "A coordinator marks it done"),
                ],
                max_length=30,
                verbose_name="reached when",
            ),
        ),
    ]
