"""Backup and portability of a whole programme, as one JSON file.

``collect`` gathers every object that belongs to a programme: its
organisations and their people, the frameworks its schemes use, every
document with its history, the action plans with their versions. ``dump``
writes them with Django's serializer (primary keys kept) inside a small
envelope; ``load`` restores such a file into a database that holds none of
its objects, in one transaction.

The file holds the people's password hashes and two-factor devices (so that
their sign-ins survive a restore, and nobody's second factor is silently
dropped) and every confidential document of the programme: keep it as
carefully as the database itself.

Restoring saves raw (``DeserializedObject.save``), so no history is written
by the import itself: the historical records in the file are the history.
Only a document the file lacks, and the services would have made (a scheme's
needs analysis, a mentor city's profile…: ``_fill_documents``), is created
afterwards, with its own first record.
"""

import datetime
import json
from collections import Counter, defaultdict

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from incluportal.documents import kinds

FORMAT = "incluportal-programme"
VERSION = 1

# The apps whose objects a programme file may hold; anything else in a file
# is refused rather than written.
APPS = ("incluportal", "schemes", "benchmarks", "otp_totp")
# Models that moved between apps, by their labels in older files: the
# self-assessments were the benchmarks app's.
MOVED = {
    f"benchmarks.{name}": f"schemes.{name}"
    for name in ("selfassessment", "rating", "questionanswer")
}

# The primary keys of a collision check go to the database in chunks, below
# every backend's limit of query parameters.
CHUNK = 500

# Powers over the whole site, not the programme's: a file never carries them.
# An export writes them off; an import sets them off whatever the file says
# (the command reports it), so a changed file cannot make anyone an
# administrator. Give such rights again in the admin or with createsuperuser.
PRIVILEGE_FIELDS = ("is_staff", "is_superuser")
PRIVILEGE_LINKS = ("groups", "user_permissions")

# How many invalid objects a refusal names before it stops looking.
ERRORS_SHOWN = 10

# The documents (and their history) whose answers the files written before
# the answers were named call by their template id ("gp_12" for "links"):
# read under today's names.
ANSWER_MODELS = ("needsanalysis", "mentorprofile", "nationalcontext", "goodpractice")


class PortabilityError(ValueError):
    """A file that cannot be imported, or a database it cannot go into.

    The message is translated and says what to do; commands show it as is.
    """


# --- Collecting ------------------------------------------------------------------


def _pks(objects):
    return {obj.pk for obj in objects}


def _fk_targets(objects, model):
    """Primary keys that ``objects`` point at in ``model`` through a
    foreign key (or one-to-one) field."""
    target = model._meta.concrete_model
    found = set()
    for obj in objects:
        for field in obj._meta.concrete_fields:
            if (
                field.many_to_one or field.one_to_one
            ) and field.related_model._meta.concrete_model is target:
                value = getattr(obj, field.attname)
                if value is not None:
                    found.add(value)
    return found


def _m2m_targets(queryset, model):
    """Primary keys that the rows of ``queryset`` point at in ``model``
    through their many-to-many fields."""
    target = model._meta.concrete_model
    found = set()
    for field in queryset.model._meta.many_to_many:
        if field.related_model._meta.concrete_model is target:
            found.update(
                pk
                for pk in queryset.values_list(field.name, flat=True)
                if pk is not None
            )
    return found


def _rows(model, **lookups):
    """Every row of ``model`` matching ``lookups``, in primary-key order, with
    its many-to-many fields prefetched for the serializer."""
    m2m = [field.name for field in model._meta.many_to_many]
    return list(
        model._base_manager.filter(**lookups).order_by("pk").prefetch_related(*m2m)
    )


def tracked_models():
    """The models whose saves django-simple-history records: every kind of
    document in the registry."""
    return [kind.model for kind in kinds() if kind.history]


def collect(programme):
    """Every object of ``programme``, dependencies first, each once.

    The people are the members of its organisations and anyone its objects
    name (who saved, submitted or reviewed a document, who took part in a
    visit); the frameworks are those its schemes, assessments, plans and
    documents refer to, whole. Links to anything outside the programme (a
    city's association that takes no part in it, a person's groups) are left
    out by ``serialize``.
    """
    from benchmarks.models import (
        Benchmark,
        ContextualFactor,
        Example,
        GuidingQuestion,
        KeyFactor,
        Theme,
    )
    from schemes.models import (
        ActionPlan,
        ActionPlanRow,
        ActionPlanVersion,
        AgendaItem,
        GoodPractice,
        GoodPracticeCriterion,
        Invitation,
        Membership,
        MentorProfile,
        NationalContext,
        NeedsAnalysis,
        Organisation,
        Participation,
        Programme,
        ProgressNote,
        QuestionAnswer,
        Rating,
        Scheme,
        SelfAssessment,
        SupportGroupMember,
        Visit,
    )
    from schemes.models.organisations import OrganisationKind

    User = get_user_model()

    programmes = _rows(Programme, pk=programme.pk)
    participations = _rows(Participation, programme=programme)
    schemes = _rows(Scheme, programme=programme)
    scheme_ids = _pks(schemes)

    # What belongs to the programme or to one of its schemes.
    needs = _rows(NeedsAnalysis, scheme__in=scheme_ids)
    national = _rows(NationalContext, programme=programme)
    profiles = _rows(MentorProfile, programme=programme)
    members = _rows(SupportGroupMember, scheme__in=scheme_ids)
    visits = _rows(Visit, scheme__in=scheme_ids)
    agenda = _rows(AgendaItem, visit__in=_pks(visits))
    plans = _rows(ActionPlan, scheme__in=scheme_ids)
    rows = _rows(ActionPlanRow, plan__in=_pks(plans))
    notes = _rows(ProgressNote, row__in=_pks(rows))
    versions = _rows(ActionPlanVersion, plan__in=_pks(plans))
    assessments = _rows(SelfAssessment, scheme__in=scheme_ids)
    ratings = _rows(Rating, assessment__in=_pks(assessments))
    answers = _rows(QuestionAnswer, rating__in=_pks(ratings))
    invitations = _rows(Invitation, programme=programme)

    # Its organisations: those taking part, and any its objects name.
    owned = [
        *participations,
        *schemes,
        *national,
        *profiles,
        *assessments,
        *invitations,
    ]
    organisations = _rows(Organisation, pk__in=_fk_targets(owned, Organisation))
    city_ids = {o.pk for o in organisations if o.kind == OrganisationKind.CITY}
    practices = _rows(GoodPractice, city__in=city_ids)
    criteria = _rows(GoodPracticeCriterion, good_practice__in=_pks(practices))
    memberships = _rows(Membership, organisation__in=_pks(organisations))

    # The frameworks it uses, whole.
    using_frameworks = [*schemes, *assessments, *rows, *ratings, *criteria]
    factor_ids = _fk_targets(using_frameworks, KeyFactor)
    for model, objects in ((MentorProfile, profiles), (GoodPractice, practices)):
        factor_ids |= _m2m_targets(
            model._base_manager.filter(pk__in=_pks(objects)), KeyFactor
        )
    benchmark_ids = _fk_targets(using_frameworks, Benchmark)
    benchmark_ids |= set(
        KeyFactor._base_manager.filter(pk__in=factor_ids).values_list(
            "benchmark", flat=True
        )
    )
    benchmark_ids |= set(
        GuidingQuestion._base_manager.filter(
            pk__in=_fk_targets(answers, GuidingQuestion)
        ).values_list("key_factor__benchmark", flat=True)
    )
    benchmarks = _rows(Benchmark, pk__in=benchmark_ids)
    theme_ids = _fk_targets([*schemes, *benchmarks], Theme) | _m2m_targets(
        GoodPractice._base_manager.filter(pk__in=_pks(practices)), Theme
    )
    themes = _rows(Theme, pk__in=theme_ids)
    contextual = _rows(ContextualFactor, benchmark__in=benchmark_ids)
    factors = _rows(KeyFactor, benchmark__in=benchmark_ids)
    questions = _rows(GuidingQuestion, key_factor__in=_pks(factors))
    examples = _rows(Example, key_factor__in=_pks(factors))

    # The history of every tracked object, in the order it was written.
    documents = {
        NeedsAnalysis: needs,
        NationalContext: national,
        MentorProfile: profiles,
        GoodPractice: practices,
        SupportGroupMember: members,
        Visit: visits,
        ActionPlan: plans,
        SelfAssessment: assessments,
    }
    # A kind added to the registry but not collected above fails here.
    history = [
        record
        for model in tracked_models()
        for record in model.history.model.objects.filter(
            id__in=_pks(documents[model])
        ).order_by("history_id")
    ]
    # Their links (simple-history's ``m2m_fields``), after the records.
    history_links = [
        row
        for model in tracked_models()
        for field in model.history.model._history_m2m_fields
        for row in getattr(model.history.model, field.name)
        .model.objects.filter(
            history__in=model.history.model.objects.filter(
                id__in=_pks(documents[model])
            )
        )
        .order_by("m2m_history_id")
    ]

    everything = [
        *programmes,
        *organisations,
        *participations,
        *memberships,
        *themes,
        *benchmarks,
        *contextual,
        *factors,
        *questions,
        *examples,
        *schemes,
        *practices,
        *criteria,
        *needs,
        *national,
        *profiles,
        *visits,
        *agenda,
        *members,
        *plans,
        *rows,
        *notes,
        *versions,
        *assessments,
        *ratings,
        *answers,
        *invitations,
        *history,
        *history_links,
    ]
    # Its people: members of its organisations, and anyone its objects name
    # (historical records included, so that the history keeps its authors).
    user_ids = _fk_targets(everything, User) | _m2m_targets(
        Visit._base_manager.filter(pk__in=_pks(visits)), User
    )
    users = _rows(User, pk__in=user_ids)
    return [*users, *_devices(user_ids), *everything]


def _devices(user_ids):
    """The people's two-factor devices (authenticator apps)."""
    if not apps.is_installed("django_otp.plugins.otp_totp"):
        return []
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return _rows(TOTPDevice, user__in=user_ids)


# --- Writing ---------------------------------------------------------------------


def serialize(objects):
    """Django's serializer output for ``objects`` (primary keys kept), with
    many-to-many links restricted to objects in the list and sorted, so that
    the file never points outside itself and two exports of the same data
    are equal. Times are written in full: Django's JSON encoder would cut
    them to milliseconds."""
    collected = defaultdict(set)
    for obj in objects:
        collected[obj._meta.concrete_model].add(obj.pk)
    data = serializers.serialize("python", objects)
    User = get_user_model()
    for obj, entry in zip(objects, data, strict=True):
        fields = entry["fields"]
        if isinstance(obj, User):
            fields.update(dict.fromkeys(PRIVILEGE_FIELDS, False))
        for name, value in fields.items():
            if isinstance(value, datetime.date | datetime.time):
                fields[name] = value.isoformat()
        for field in obj._meta.many_to_many:
            if field.name in fields:
                allowed = collected[field.related_model._meta.concrete_model]
                fields[field.name] = sorted(
                    pk for pk in fields[field.name] if pk in allowed
                )
    return data


def count(objects):
    """{model: number of objects}, in the order the models first appear."""
    return dict(Counter(obj._meta.concrete_model for obj in objects))


def describe(counts):
    """A line for people: "users: 9, organisations: 7, …"."""
    parts = []
    for model, number in counts.items():
        original = getattr(model, "instance_type", None)
        if original is not None:
            name = _("history of %(documents)s") % {
                "documents": original._meta.verbose_name_plural
            }
        else:
            name = model._meta.verbose_name_plural
        parts.append(f"{name}: {number}")
    return ", ".join(parts)


def document(programme):
    """The whole file, as a Python dict; and the counts of what it holds."""
    objects = collect(programme)
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().isoformat(),
        "programme": programme.slug,
        "objects": serialize(objects),
    }, count(objects)


def dump(programme, stream):
    """Write ``programme`` to ``stream`` (text, UTF-8) as one JSON document;
    return the counts of what it holds, by model."""
    data, counts = document(programme)
    stream.write(json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1))
    stream.write("\n")
    return counts


# --- Reading ---------------------------------------------------------------------


def _read(stream):
    try:
        data = json.load(stream)
    except (ValueError, UnicodeDecodeError) as exc:
        raise PortabilityError(
            _("The file is not a programme file: it is not valid JSON (%(error)s).")
            % {"error": exc}
        ) from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise PortabilityError(
            _(
                "The file is not a programme file: it was not written by "
                "export_programme."
            )
        )
    if data.get("version") != VERSION:
        raise PortabilityError(
            _(
                "The file is a programme file of version %(version)s; this portal "
                "reads version %(supported)s only."
            )
            % {"version": data.get("version"), "supported": VERSION}
        )
    if not isinstance(data.get("programme"), str) or not isinstance(
        data.get("objects"), list
    ):
        raise PortabilityError(
            _(
                "The programme file is incomplete: its programme or its objects "
                "are missing."
            )
        )
    return data


def _rename_legacy_answers(entry):
    """The entry with the answers of a document named as they are today."""
    from schemes.annexes import LEGACY_NAMES

    app, _dot, model = str(entry.get("model", "")).lower().partition(".")
    fields = entry.get("fields")
    if (
        app != "schemes"
        or model.removeprefix("historical") not in ANSWER_MODELS
        or not isinstance(fields, dict)
    ):
        return entry
    return {
        **entry,
        "fields": {
            LEGACY_NAMES.get(name, name): value for name, value in fields.items()
        },
    }


def _deserialize(entries, using):
    allowed = [entry for entry in entries if isinstance(entry, dict)]
    if len(allowed) != len(entries):
        raise PortabilityError(
            _("The programme file holds an object that cannot be read.")
        )
    entries = [_rename_legacy_answers(entry) for entry in entries]
    for entry in entries:
        label = str(entry.get("model", ""))
        if label.lower() in MOVED:
            entry["model"] = label = MOVED[label.lower()]
        if label.partition(".")[0] not in APPS:
            raise PortabilityError(
                _(
                    "The programme file holds objects of “%(model)s”, which a "
                    "programme file never holds: it was not written by "
                    "export_programme, or was changed since."
                )
                % {"model": label}
            )
    try:
        return list(serializers.deserialize("python", entries, using=using))
    except (
        DeserializationError,
        FieldDoesNotExist,
        ValidationError,
        KeyError,
        TypeError,
    ) as exc:
        raise PortabilityError(
            _("The programme file holds an object that cannot be read: %(error)s")
            % {"error": exc}
        ) from exc


def _check_empty(slug, objects, using):
    """Refuse unless the database holds none of ``objects``: neither their
    primary keys nor any of their unique values (an e-mail address, a short
    name)."""
    from schemes.models import Programme

    if Programme._base_manager.using(using).filter(slug=slug).exists():
        raise PortabilityError(
            _(
                "The programme “%(programme)s” is already in this database: a "
                "programme can only be imported into a database that holds none "
                "of its objects."
            )
            % {"programme": slug}
        )
    by_model = defaultdict(list)
    for obj in objects:
        by_model[type(obj.object)].append(obj.object)
    for model, instances in by_model.items():
        manager = model._base_manager.using(using)
        unique = [
            field
            for field in model._meta.concrete_fields
            if field.unique and not field.primary_key
        ]
        for field in [model._meta.pk, *unique]:
            values = [getattr(obj, field.attname) for obj in instances]
            values = [value for value in values if value not in (None, "")]
            for start in range(0, len(values), CHUNK):
                lookup = {f"{field.attname}__in": values[start : start + CHUNK]}
                clash = manager.filter(**lookup).values_list(field.attname, flat=True)
                clash = clash.first()
                if clash is None:
                    continue
                if field.primary_key:
                    raise PortabilityError(
                        _(
                            "This database already holds %(model)s %(pk)s of the "
                            "file: a programme can only be imported into a "
                            "database that holds none of its objects."
                        )
                        % {"model": model._meta.label, "pk": clash}
                    )
                raise PortabilityError(
                    _(
                        "This database already holds %(model)s with %(field)s "
                        "“%(value)s”: a programme can only be imported into a "
                        "database that holds none of its objects."
                    )
                    % {"model": model._meta.label, "field": field.name, "value": clash}
                )


def _check_sealed(objects):
    """Refuse a file whose objects point at an organisation or a programme
    it does not hold (``_check_empty`` has made sure those it holds are new).

    Otherwise a crafted file could give its people a membership of, or its
    organisations a role in, what is already in the database: another
    programme or its coordinating body (the rule that
    ``services.organisation_require_managed`` enforces in the portal). History
    records are left out: they may name what an object pointed at once.
    """
    from schemes.models import Organisation, Programme

    sealed = (Organisation, Programme)
    held = defaultdict(set)
    for obj in objects:
        held[obj.object._meta.concrete_model].add(obj.object.pk)
    for obj in objects:
        row = obj.object
        if hasattr(row, "instance_type"):  # a history record
            continue
        for field in row._meta.concrete_fields:
            if not (field.many_to_one or field.one_to_one):
                continue
            target = field.related_model._meta.concrete_model
            value = getattr(row, field.attname)
            if target in sealed and value is not None and value not in held[target]:
                raise PortabilityError(
                    _(
                        "The programme file links %(model)s %(pk)s to an "
                        "organisation or a programme it does not hold: a "
                        "programme file can only point at its own."
                    )
                    % {"model": row._meta.label, "pk": row.pk}
                )


def _reset_sequences(models, using):
    """Let the next row of each model take a number after the imported ones
    (PostgreSQL; SQLite follows explicit primary keys by itself)."""
    connection = connections[using]
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def _drop_privileges(objects):
    """Set every person's staff and superuser flags off and drop their groups
    and permissions; return the e-mail addresses of those that had any."""
    User = get_user_model()
    dropped = []
    for entry in objects:
        person = entry.object
        if not isinstance(person, User):
            continue
        if any(getattr(person, name) for name in PRIVILEGE_FIELDS) or any(
            entry.m2m_data.get(name) for name in PRIVILEGE_LINKS
        ):
            dropped.append(person.email)
        for name in PRIVILEGE_FIELDS:
            setattr(person, name, False)
        for name in PRIVILEGE_LINKS:
            entry.m2m_data.pop(name, None)
    return dropped


def _has_nul(value):
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(_has_nul(v) for v in value)
    return False


def _check_object(instance, saved):
    """Django's validation of one object. Before saving, the fields alone
    (their targets may come later in the file) and NUL characters, which
    PostgreSQL refuses; after saving every object, ``full_clean`` whole:
    links, the model's own rules, uniqueness.

    An empty value is not checked: "required" is a rule of the forms, and a
    programme's data holds empty drafts (a missing value the database needs
    is still refused by the database, in the same transaction)."""
    fields = instance._meta.concrete_fields
    empty = [f.name for f in fields if f.value_from_object(instance) in f.empty_values]
    if saved:
        instance.full_clean(exclude=empty)
        return
    errors = {
        field.name: [_("This text contains a null character.")]
        for field in fields
        if _has_nul(field.value_from_object(instance))
    }
    try:
        instance.clean_fields(
            exclude=[*errors, *empty, *(f.name for f in fields if f.is_relation)]
        )
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)


def _validate(objects, *, saved):
    """Raise ``PortabilityError`` naming the first invalid objects: model,
    number, field and what is wrong."""
    found = []
    for entry in objects:
        instance = entry.object
        try:
            _check_object(instance, saved)
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                found.append(
                    _("%(model)s %(pk)s, field “%(field)s”: %(messages)s")
                    % {
                        "model": instance._meta.label,
                        "pk": instance.pk,
                        "field": field,
                        "messages": " ".join(messages),
                    }
                )
            if len(found) >= ERRORS_SHOWN:
                break
    if found:
        raise PortabilityError(
            _(
                "The programme file holds invalid objects, and nothing was "
                "written. The first ones:\n%(errors)s"
            )
            % {"errors": "\n".join(f"- {line}" for line in found[:ERRORS_SHOWN])}
        )


# A key of a record's snapshot that held links before simple-history kept
# them, named otherwise than the links.
_SNAPSHOT_LINKS = {"visits": "visits_attended"}


def _links_from_snapshots(objects, using):
    """A file written before a record's links were kept by simple-history
    holds them in its snapshot (``children``): keep them as it does now, as
    migration 0015 did for the records of the database (the id of the link's
    own row, which the snapshot did not keep, is 0)."""
    for entry in objects:
        record = entry.object
        if not hasattr(record, "history_type"):
            continue  # not a historical record
        fields = {f.name: f for f in record._history_m2m_fields}
        children = dict(getattr(record, "children", None) or {})
        keys = {_SNAPSHOT_LINKS.get(key, key): key for key in children}
        moved = [name for name in fields if name in keys]
        if not moved:
            continue
        for name in moved:
            field = fields[name]
            rows = getattr(type(record), name).model
            own, target = field.m2m_field_name(), field.m2m_reverse_field_name()
            rows.objects.using(using).bulk_create(
                rows(
                    id=0, history=record, **{f"{own}_id": record.id, f"{target}_id": pk}
                )
                for pk in children.pop(keys[name])
            )
        record.children = children
        record.save(using=using, update_fields=["children"])


def _fill_documents(objects, using):
    """Give the restored schemes and mentor cities what the services give
    them (``services.programme_documents_fill``): a file written before
    pages stopped creating documents on a read may lack some. A file
    without such gaps gains nothing; what is added has its own history."""
    from schemes import services
    from schemes.models import Programme

    if using != DEFAULT_DB_ALIAS:  # the services write to the default database
        return
    for obj in objects:
        if isinstance(obj.object, Programme):
            services.programme_documents_fill(programme=obj.object)


def load(stream, using=DEFAULT_DB_ALIAS, dropped=None):
    """Restore a file written by ``dump`` into a database that holds none of
    its objects; return the counts of what was written, by model.

    Every object is validated (``full_clean``); people's staff and superuser
    flags, groups and permissions are never imported: the addresses of those
    the file gave any are appended to ``dropped``.

    Raise ``PortabilityError`` (and write nothing) for a file that is not a
    programme file, holds an invalid object, or a database that already holds
    any of its objects.
    """
    data = _read(stream)
    objects = _deserialize(data["objects"], using)
    (dropped if dropped is not None else []).extend(_drop_privileges(objects))
    _validate(objects, saved=False)
    _check_empty(data["programme"], objects, using)
    _check_sealed(objects)
    models = list(dict.fromkeys(type(obj.object) for obj in objects))
    try:
        with transaction.atomic(using=using):
            for obj in objects:
                obj.save(using=using)
            _validate(objects, saved=True)
            _reset_sequences(models, using)
            _links_from_snapshots(objects, using)
            _fill_documents(objects, using)
    except (DatabaseError, ValueError) as exc:
        raise PortabilityError(
            _(
                "The programme file could not be imported, and nothing was "
                "written: %(error)s"
            )
            % {"error": exc}
        ) from exc
    return dict(Counter(type(obj.object) for obj in objects))
