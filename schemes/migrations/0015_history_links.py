"""A document's links in its history as simple-history keeps them.

Until now each historical record held the ids a document linked to (its
themes, key factors, good practices, team, visits attended) in its snapshot
(``children``). They are kept by simple-history's ``m2m_fields`` now: a
table of links a record. This creates the tables and moves the links of
every record written before into them (the id of the link's own row, which
the snapshot did not keep, is 0).
"""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

# {historical model: {key in the snapshot: (table of links, own column, target column)}}
MOVED = {
    "HistoricalMentorProfile": {
        "key_factors": (
            "MentorProfile_key_factors_history",
            "mentorprofile",
            "keyfactor",
        ),
        "good_practices": (
            "MentorProfile_good_practices_history",
            "mentorprofile",
            "goodpractice",
        ),
    },
    "HistoricalGoodPractice": {
        "themes": ("GoodPractice_themes_history", "goodpractice", "theme"),
        "key_factors": (
            "GoodPractice_key_factors_history",
            "goodpractice",
            "keyfactor",
        ),
    },
    "HistoricalVisit": {
        "team_participants": ("Visit_team_participants_history", "visit", "user"),
    },
    "HistoricalSupportGroupMember": {
        "visits": (
            "SupportGroupMember_visits_attended_history",
            "supportgroupmember",
            "visit",
        ),
    },
}


def move_links(apps, schema_editor):
    for model_name, keys in MOVED.items():
        history = apps.get_model("schemes", model_name)
        for record in history.objects.exclude(children=None).iterator():
            children = dict(record.children or {})
            if not any(key in children for key in keys):
                continue
            for key, (table, own, target) in keys.items():
                links = apps.get_model("schemes", table)
                links.objects.bulk_create(
                    links(
                        id=0,
                        history=record,
                        **{f"{own}_id": record.id, f"{target}_id": pk},
                    )
                    for pk in children.pop(key, [])
                )
            record.children = children
            record.save(update_fields=["children"])


class Migration(migrations.Migration):
    dependencies = [
        ("benchmarks", "0005_self_assessment_to_schemes"),
        ("schemes", "0014_one_snapshot_format"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="GoodPractice_key_factors_history",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                (
                    "goodpractice",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="schemes.goodpractice",
                    ),
                ),
                (
                    "history",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        to="schemes.historicalgoodpractice",
                    ),
                ),
                (
                    "keyfactor",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="benchmarks.keyfactor",
                    ),
                ),
            ],
            options={
                "verbose_name": "GoodPractice_key_factors_history",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="GoodPractice_themes_history",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                (
                    "goodpractice",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="schemes.goodpractice",
                    ),
                ),
                (
                    "history",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        to="schemes.historicalgoodpractice",
                    ),
                ),
                (
                    "theme",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="benchmarks.theme",
                    ),
                ),
            ],
            options={
                "verbose_name": "GoodPractice_themes_history",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="MentorProfile_good_practices_history",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                (
                    "goodpractice",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="schemes.goodpractice",
                    ),
                ),
                (
                    "history",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        to="schemes.historicalmentorprofile",
                    ),
                ),
                (
                    "mentorprofile",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="schemes.mentorprofile",
                    ),
                ),
            ],
            options={
                "verbose_name": "MentorProfile_good_practices_history",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="MentorProfile_key_factors_history",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                (
                    "history",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        to="schemes.historicalmentorprofile",
                    ),
                ),
                (
                    "keyfactor",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="benchmarks.keyfactor",
                    ),
                ),
                (
                    "mentorprofile",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="schemes.mentorprofile",
                    ),
                ),
            ],
            options={
                "verbose_name": "MentorProfile_key_factors_history",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="SupportGroupMember_visits_attended_history",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                (
                    "history",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        to="schemes.historicalsupportgroupmember",
                    ),
                ),
                (
                    "supportgroupmember",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="schemes.supportgroupmember",
                    ),
                ),
                (
                    "visit",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="schemes.visit",
                    ),
                ),
            ],
            options={
                "verbose_name": "SupportGroupMember_visits_attended_history",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Visit_team_participants_history",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                (
                    "history",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        to="schemes.historicalvisit",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "visit",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="schemes.visit",
                    ),
                ),
            ],
            options={
                "verbose_name": "Visit_team_participants_history",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.RunPython(move_links, migrations.RunPython.noop),
    ]
