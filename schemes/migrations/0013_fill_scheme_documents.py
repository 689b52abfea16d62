"""Fill the gaps that pages used to fill when read.

Until now a scheme's needs analysis, national contexts, action plan and
default visits, and a mentor city's profile, were created on the first
view of a page that needed them. Now the services create them when a
scheme is created (or its cities change) and when a mentor city joins a
programme, and pages only read: this gives every existing scheme and
mentor city what a page would have created, with the first historical
record the services would have written (no author: the portal made it).
"""

from django.core.exceptions import FieldDoesNotExist
from django.db import migrations
from django.utils import timezone, translation

MENTOR_CITY = "mentor_city"


# What ``history_children`` gives for a new, empty row of each model (its
# rows, saved with the record); the other documents have none.
EMPTY_CHILDREN = {
    "ActionPlan": {"rows": []},
    "MentorProfile": {"key_factors": [], "good_practices": []},
}


def _record(apps, instance, reason, children=None):
    """The historical record ``simple_history`` writes for a new row."""
    history = apps.get_model("schemes", f"Historical{instance._meta.object_name}")
    values = {}
    for field in instance._meta.concrete_fields:
        try:
            history._meta.get_field(field.name)
        except FieldDoesNotExist:
            continue  # not tracked (updated_at…)
        values[field.attname] = getattr(instance, field.attname)
    history.objects.create(
        history_date=timezone.now(),
        history_type="+",
        history_change_reason=reason,
        children=children or EMPTY_CHILDREN.get(instance._meta.object_name),
        **values,
    )


def _create(apps, model, **fields):
    """A new row as ``Revisioned.save`` writes one (revision 1), recorded."""
    instance = model.objects.create(revision=1, **fields)
    _record(apps, instance, None)
    return instance


# The default visits as they were when this migration was written (a side,
# not a city; the texts translated where they are shown).
DEFAULT_VISITS = [
    ("mentee", "Situation: the mentors meet the local context"),
    ("mentor", "Inspiration: the mentor city's practice"),
    ("mentee", "Consolidating the action plan"),
]


def _visits_with_agendas(apps, scheme):
    """The method's three default visits, in English (the source language:
    shown translated, as ``services.scheme_setup`` stores them)."""
    from schemes.work.annexes import VISIT_AGENDAS

    Visit = apps.get_model("schemes", "Visit")
    AgendaItem = apps.get_model("schemes", "AgendaItem")
    with translation.override("en"):
        for order, ((host, purpose), agenda) in enumerate(
            zip(DEFAULT_VISITS, VISIT_AGENDAS, strict=True), start=1
        ):
            visit = Visit.objects.create(
                scheme=scheme, order=order, host=host, purpose=str(purpose), revision=1
            )
            AgendaItem.objects.bulk_create(
                AgendaItem(visit=visit, order=n, text=str(text))
                for n, text in enumerate(agenda, start=1)
            )
            _record(
                apps,
                visit,
                None,
                children={
                    "agenda": [str(text) for text in agenda],
                    "team_participants": [],
                    "support_group_attendees": [],
                },
            )


def fill_scheme_documents(apps, schema_editor):
    Scheme = apps.get_model("schemes", "Scheme")
    NeedsAnalysis = apps.get_model("schemes", "NeedsAnalysis")
    NationalContext = apps.get_model("schemes", "NationalContext")
    ActionPlan = apps.get_model("schemes", "ActionPlan")
    Visit = apps.get_model("schemes", "Visit")
    MentorProfile = apps.get_model("schemes", "MentorProfile")
    Participation = apps.get_model("schemes", "Participation")

    def ensure_profile(programme_id, city_id):
        if not MentorProfile.objects.filter(
            programme_id=programme_id, city_id=city_id
        ).exists():
            _create(apps, MentorProfile, programme_id=programme_id, city_id=city_id)

    # Only the columns read here: tests run this on today's schema, where
    # later migrations dropped others (0016, the scheme's stored stage).
    schemes = Scheme.objects.order_by("pk").only(
        "programme_id",
        "mentee_city_id",
        "mentee_association_id",
        "mentor_city_id",
        "mentor_association_id",
    )
    for scheme in schemes:
        if not NeedsAnalysis.objects.filter(scheme=scheme).exists():
            _create(apps, NeedsAnalysis, scheme=scheme)
        for city_id, association_id in (
            (scheme.mentee_city_id, scheme.mentee_association_id),
            (scheme.mentor_city_id, scheme.mentor_association_id),
        ):
            if association_id and not NationalContext.objects.filter(
                programme_id=scheme.programme_id, city_id=city_id
            ).exists():
                _create(
                    apps,
                    NationalContext,
                    programme_id=scheme.programme_id,
                    city_id=city_id,
                    association_id=association_id,
                )
        if not ActionPlan.objects.filter(scheme=scheme).exists():
            _create(apps, ActionPlan, scheme=scheme)
        ensure_profile(scheme.programme_id, scheme.mentor_city_id)
        if not Visit.objects.filter(scheme=scheme).exists():
            _visits_with_agendas(apps, scheme)
    for programme_id, city_id in (
        Participation.objects.filter(role=MENTOR_CITY)
        .order_by("pk")
        .values_list("programme_id", "organisation_id")
    ):
        ensure_profile(programme_id, city_id)


class Migration(migrations.Migration):
    dependencies = [
        ("schemes", "0012_answer_field_names"),
    ]

    operations = [
        migrations.RunPython(fill_scheme_documents, migrations.RunPython.noop),
    ]
