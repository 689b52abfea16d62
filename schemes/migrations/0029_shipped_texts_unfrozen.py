"""Shipped texts frozen in a writer's language go back to being shipped.

Until then the visit form showed a default purpose and agenda in the
writer's language and saved them back as shown: after Jelgava saved visit 1
in Latvian, every reader read "Situācija: mentori iepazīst vietējo
kontekstu". A visit purpose, an agenda item or a phase name that reads as
one of the portal's shipped texts in one of its languages is stored again as
its English source, which each reader reads in their language.

The shipped texts are read from the code that declares them (as 0013 reads
the default visits), in every interface language of the portal.
"""

from importlib import import_module

from django.conf import settings
from django.db import migrations

# (model, field, where its shipped texts are declared)
COLUMNS = [
    ("Visit", "purpose", "schemes.work.models.visits", "SHIPPED_PURPOSES"),
    ("AgendaItem", "text", "schemes.work.models.visits", "SHIPPED_AGENDA"),
    ("Phase", "name", "schemes.network.processes", "SHIPPED_PHASE_NAMES"),
]


def _frozen(shipped):
    """{a shipped text's translation: its source}, translations only."""
    found = shipped.in_any_language([code for code, _name in settings.LANGUAGES])
    return {text: source for text, source in found.items() if text != source}


def unfreeze(apps, schema_editor):
    for model_name, field, module, name in COLUMNS:
        model = apps.get_model("schemes", model_name)
        frozen = _frozen(getattr(import_module(module), name))
        rows = list(model.objects.filter(**{f"{field}__in": list(frozen)}))
        for row in rows:
            setattr(row, field, frozen[getattr(row, field)])
        model.objects.bulk_update(rows, [field], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("schemes", "0028_written_language"),
    ]

    operations = [migrations.RunPython(unfreeze, migrations.RunPython.noop)]
