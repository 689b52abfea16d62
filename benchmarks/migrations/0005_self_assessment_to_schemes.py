"""Self-assessments become the schemes app's (schemes migration
0011_self_assessment): they leave this app's state only. Their tables,
benchmarks_selfassessment, benchmarks_rating, benchmarks_questionanswer and
benchmarks_historicalselfassessment, and every row in them stay as they are:
the moved models name them in ``Meta.db_table``."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("benchmarks", "0004_benchmark_owner_and_editions"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.DeleteModel(name="QuestionAnswer"),
                migrations.DeleteModel(name="Rating"),
                migrations.DeleteModel(name="HistoricalSelfAssessment"),
                migrations.DeleteModel(name="SelfAssessment"),
            ],
        ),
    ]
