"""Schemes of any number of cities (issue 17, point 3).

A scheme keeps its first city (``mentee_city``: the mentee, or the convening
city of a community of practice) and gets its others as ``SchemeCity`` rows,
with a ``shape`` (mentoring or peers) and a ``slug``. Each existing pair
becomes a mentoring scheme whose one mentor is its mentor city, with the
same associations; its visits name their host city instead of a side, and
its support-group members the city whose group they belong to (in their
history too). Nothing is lost: every pair reads as before.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("benchmarks", "0005_self_assessment_to_schemes"),
        ("schemes", "0019_partners"),
    ]

    operations = [
        # Reversible with data: the pair's columns may be empty, and the
        # sides have defaults, until 0022 drops them (and when 0022 is
        # undone, until 0021 undone fills them again).
        migrations.AlterField(
            model_name="scheme",
            name="mentor_city",
            field=models.ForeignKey(
                null=True,
                limit_choices_to={"kind": "city"},
                on_delete=django.db.models.deletion.PROTECT,
                related_name="schemes_as_mentor",
                to="schemes.organisation",
                verbose_name="mentor city",
            ),
        ),
        migrations.AlterField(
            model_name="visit",
            name="host",
            field=models.CharField(
                choices=[
                    ("mentee", "Mentee city"),
                    ("mentor", "Mentor city"),
                    ("virtual", "Virtual meeting"),
                ],
                default="virtual",
                max_length=20,
                verbose_name="where",
            ),
        ),
        migrations.AlterField(
            model_name="historicalvisit",
            name="host",
            field=models.CharField(
                choices=[
                    ("mentee", "Mentee city"),
                    ("mentor", "Mentor city"),
                    ("virtual", "Virtual meeting"),
                ],
                default="virtual",
                max_length=20,
                verbose_name="where",
            ),
        ),
        migrations.AlterField(
            model_name="supportgroupmember",
            name="side",
            field=models.CharField(
                choices=[("mentee", "Mentee city"), ("mentor", "Mentor city")],
                default="mentee",
                max_length=10,
                verbose_name="side",
            ),
        ),
        migrations.AlterField(
            model_name="historicalsupportgroupmember",
            name="side",
            field=models.CharField(
                choices=[("mentee", "Mentee city"), ("mentor", "Mentor city")],
                default="mentee",
                max_length=10,
                verbose_name="side",
            ),
        ),
        migrations.CreateModel(
            name="SchemeCity",
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
                    "order",
                    models.PositiveSmallIntegerField(default=1, verbose_name="order"),
                ),
            ],
            options={
                "verbose_name": "city of a scheme",
                "verbose_name_plural": "cities of schemes",
                "ordering": ["scheme", "order"],
            },
        ),
        migrations.AlterModelOptions(
            name="scheme",
            options={
                "ordering": ["programme", "slug"],
                "verbose_name": "mentoring scheme",
                "verbose_name_plural": "mentoring schemes",
            },
        ),
        migrations.AlterModelOptions(
            name="supportgroupmember",
            options={
                "ordering": ["scheme", "city", "name"],
                "verbose_name": "support group member",
                "verbose_name_plural": "support group members",
            },
        ),
        migrations.AddField(
            model_name="historicalsupportgroupmember",
            name="city",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="The scheme's city whose group this member belongs to.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="schemes.organisation",
                verbose_name="city",
            ),
        ),
        migrations.AddField(
            model_name="historicalvisit",
            name="host_city",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="One of the scheme's cities; none for a virtual meeting.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="schemes.organisation",
                verbose_name="host city",
            ),
        ),
        migrations.AddField(
            model_name="scheme",
            name="shape",
            field=models.CharField(
                choices=[
                    ("mentoring", "Mentoring: a mentee city and its mentor cities"),
                    ("peers", "Community of practice: a group of peer cities"),
                ],
                default="mentoring",
                max_length=10,
                verbose_name="shape",
            ),
        ),
        migrations.AddField(
            model_name="scheme",
            name="slug",
            field=models.SlugField(
                default="",
                help_text="Its cities' short names: how files and exports name it.",
                max_length=255,
                verbose_name="short name",
            ),
        ),
        migrations.AddField(
            model_name="supportgroupmember",
            name="city",
            field=models.ForeignKey(
                help_text="The scheme's city whose group this member belongs to.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="support_group_members",
                to="schemes.organisation",
                verbose_name="city",
            ),
        ),
        migrations.AddField(
            model_name="visit",
            name="host_city",
            field=models.ForeignKey(
                blank=True,
                help_text="One of the scheme's cities; none for a virtual meeting.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="hosted_visits",
                to="schemes.organisation",
                verbose_name="host city",
            ),
        ),
        migrations.AlterField(
            model_name="scheme",
            name="mentee_city",
            field=models.ForeignKey(
                help_text="In a community of practice: the convening city, which holds the group's documents.",
                limit_choices_to={"kind": "city"},
                on_delete=django.db.models.deletion.PROTECT,
                related_name="schemes_as_mentee",
                to="schemes.organisation",
                verbose_name="mentee city",
            ),
        ),
        migrations.AddField(
            model_name="schemecity",
            name="association",
            field=models.ForeignKey(
                blank=True,
                limit_choices_to={"kind": "association"},
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="scheme_links_as_association",
                to="schemes.organisation",
                verbose_name="city's association",
            ),
        ),
        migrations.AddField(
            model_name="schemecity",
            name="city",
            field=models.ForeignKey(
                limit_choices_to={"kind": "city"},
                on_delete=django.db.models.deletion.PROTECT,
                related_name="scheme_links",
                to="schemes.organisation",
                verbose_name="city",
            ),
        ),
        migrations.AddField(
            model_name="schemecity",
            name="scheme",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="city_links",
                to="schemes.scheme",
                verbose_name="scheme",
            ),
        ),
        migrations.AddConstraint(
            model_name="schemecity",
            constraint=models.UniqueConstraint(
                fields=("scheme", "city"), name="unique_scheme_city"
            ),
        ),
    ]
