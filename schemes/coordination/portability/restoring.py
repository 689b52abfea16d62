"""Reading a programme file back, all or nothing."""

import json
from collections import Counter, defaultdict

from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from schemes.coordination.portability.format import (
    ANSWER_MODELS,
    APPS,
    CHUNK,
    ERRORS_SHOWN,
    FORMAT,
    LEGACY_FIELDS,
    MOVED,
    PRIVILEGE_FIELDS,
    PRIVILEGE_LINKS,
    VERSION,
    PortabilityError,
)

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
    from schemes.work.annexes import LEGACY_NAMES

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


def _drop_legacy_fields(entry):
    """The entry without what files written before held and today's models
    do not (``LEGACY_FIELDS``): a scheme's stored stage, say."""
    fields = entry.get("fields")
    dropped = LEGACY_FIELDS.get(str(entry.get("model", "")).lower())
    if not dropped or not isinstance(fields, dict):
        return entry
    return {
        **entry,
        "fields": {
            name: value for name, value in fields.items() if name not in dropped
        },
    }


def _label(entry):
    return str(entry.get("model", "")).lower()


def _pairs_to_cities(entries):
    """The entries of a file written while each scheme was a pair (its
    ``mentor_city`` and ``mentor_association``), as today's models hold
    them: the mentor becomes the scheme's ``SchemeCity`` (numbered as its
    scheme), a visit names its host city instead of a side, and a support
    group member its city (history records too), as migration 0021 does."""
    slugs = {
        entry.get("pk"): (entry.get("fields") or {}).get("slug", "")
        for entry in entries
        if _label(entry) == "schemes.organisation"
    }
    sides, links, last = {}, [], None
    for position, entry in enumerate(entries):
        fields = entry.get("fields")
        if _label(entry) != "schemes.scheme" or not isinstance(fields, dict):
            continue
        last = position
        if "mentor_city" not in fields:
            continue
        mentor = fields.pop("mentor_city")
        association = fields.pop("mentor_association", None)
        mentee = fields.get("mentee_city")
        fields.setdefault("shape", "mentoring")
        fields.setdefault(
            "slug",
            slugify(f"{slugs.get(mentee, '')}-{slugs.get(mentor, '')}")
            or f"scheme-{entry.get('pk')}",
        )
        sides[entry.get("pk")] = {"mentee": mentee, "mentor": mentor}
        links.append(
            {
                "model": "schemes.schemecity",
                "pk": entry.get("pk"),
                "fields": {
                    "scheme": entry.get("pk"),
                    "city": mentor,
                    "association": association,
                    "order": 1,
                },
            }
        )
    if not sides:
        return entries
    renamed = {
        "schemes.visit": ("host", "host_city"),
        "schemes.historicalvisit": ("host", "host_city"),
        "schemes.supportgroupmember": ("side", "city"),
        "schemes.historicalsupportgroupmember": ("side", "city"),
    }
    for entry in entries:
        fields = entry.get("fields")
        old, new = renamed.get(_label(entry), (None, None))
        if old and isinstance(fields, dict) and old in fields:
            side = fields.pop(old)
            fields[new] = sides.get(fields.get("scheme"), {}).get(side)
    return [*entries[: last + 1], *links, *entries[last + 1 :]]


def _deserialize(entries, using):
    allowed = [entry for entry in entries if isinstance(entry, dict)]
    if len(allowed) != len(entries):
        raise PortabilityError(
            _("The programme file holds an object that cannot be read.")
        )
    entries = [_drop_legacy_fields(_rename_legacy_answers(entry)) for entry in entries]
    entries = _pairs_to_cities(entries)
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
