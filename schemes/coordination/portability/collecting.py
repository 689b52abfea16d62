"""Gathering a programme's objects and writing them as one file."""

import datetime
import json
from collections import Counter, defaultdict

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.exceptions import ImproperlyConfigured
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.translation import gettext as _

from incluportal.documents import file_rows, kinds
from schemes.coordination.portability.format import FORMAT, PRIVILEGE_FIELDS, VERSION

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


def tracked_models():
    """The models whose saves django-simple-history records: every kind of
    document in the registry."""
    return [kind.model for kind in kinds() if kind.history]


def collect(programme):
    """Every object of ``programme``, dependencies first, each once.

    The network's objects (the programme, its participations, schemes,
    step marks and invitations, the organisations they name and their
    members) are gathered here; each kind of document brings its own
    objects (its ``programme_file`` in the registry). The people are the
    members of its organisations and anyone its objects name (who saved,
    submitted or reviewed a document, who took part in a visit); the
    frameworks are those its objects refer to, whole. Links to anything
    outside the programme (a city's association that takes no part in it, a
    person's groups) are left out by ``serialize``.
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
        Invitation,
        Membership,
        Organisation,
        Participation,
        PartnerScheme,
        Phase,
        Programme,
        Scheme,
        SchemeCity,
        StepMark,
    )
    from schemes.network.models.organisations import OrganisationKind

    User = get_user_model()

    programmes = file_rows(Programme, pk=programme.pk)
    participations = file_rows(Participation, programme=programme)
    phases = file_rows(Phase, programme=programme)
    schemes = file_rows(Scheme, programme=programme)
    scheme_ids = _pks(schemes)
    scheme_cities = file_rows(SchemeCity, scheme__in=scheme_ids)
    marks = file_rows(StepMark, scheme__in=scheme_ids)
    invitations = file_rows(Invitation, programme=programme)
    network = [*participations, *schemes, *scheme_cities, *invitations]
    city_ids = set(
        Organisation._base_manager.filter(
            pk__in=_fk_targets(network, Organisation), kind=OrganisationKind.CITY
        ).values_list("pk", flat=True)
    )
    # The schemes its partners support (after the schemes, in the file).
    partner_schemes = file_rows(PartnerScheme, participation__in=_pks(participations))

    # Each kind's documents and their rows, in the registry's order.
    documents = []
    for kind in kinds():
        if kind.programme_file is None:
            raise ImproperlyConfigured(
                f"Document kind {kind.key!r} declares no programme_file: the "
                "programme file cannot hold its documents."
            )
        documents.append((kind, kind.programme_file(programme, scheme_ids, city_ids)))
    owned = [obj for _kind, objects in documents for obj in objects]

    # Its organisations: those taking part, and any its objects name.
    organisations = file_rows(
        Organisation, pk__in=_fk_targets([*network, *owned], Organisation)
    )
    memberships = file_rows(Membership, organisation__in=_pks(organisations))

    # The frameworks it uses, whole.
    using_frameworks = [*schemes, *owned]
    factor_ids = _fk_targets(using_frameworks, KeyFactor) | _m2m_of(
        using_frameworks, KeyFactor
    )
    benchmark_ids = _fk_targets(using_frameworks, Benchmark)
    benchmark_ids |= set(
        KeyFactor._base_manager.filter(pk__in=factor_ids).values_list(
            "benchmark", flat=True
        )
    )
    benchmark_ids |= set(
        GuidingQuestion._base_manager.filter(
            pk__in=_fk_targets(using_frameworks, GuidingQuestion)
        ).values_list("key_factor__benchmark", flat=True)
    )
    benchmarks = file_rows(Benchmark, pk__in=benchmark_ids)
    theme_ids = _fk_targets([*using_frameworks, *benchmarks], Theme) | _m2m_of(
        using_frameworks, Theme
    )
    themes = file_rows(Theme, pk__in=theme_ids)
    contextual = file_rows(ContextualFactor, benchmark__in=benchmark_ids)
    factors = file_rows(KeyFactor, benchmark__in=benchmark_ids)
    questions = file_rows(GuidingQuestion, key_factor__in=_pks(factors))
    examples = file_rows(Example, key_factor__in=_pks(factors))

    # The history of every tracked object, in the order it was written, and
    # their links (simple-history's ``m2m_fields``) after the records.
    history, history_links = [], []
    for kind, objects in documents:
        if not kind.history:
            continue
        records = kind.model.history.model.objects.filter(
            id__in=[obj.pk for obj in objects if type(obj) is kind.model]
        )
        history.extend(records.order_by("history_id"))
        for field in kind.model.history.model._history_m2m_fields:
            through = getattr(kind.model.history.model, field.name).model
            history_links.extend(
                through.objects.filter(history__in=records).order_by("m2m_history_id")
            )

    everything = [
        *programmes,
        *organisations,
        *participations,
        *phases,
        *memberships,
        *themes,
        *benchmarks,
        *contextual,
        *factors,
        *questions,
        *examples,
        *schemes,
        *scheme_cities,
        *partner_schemes,
        *owned,
        *marks,
        *invitations,
        *history,
        *history_links,
    ]
    # Its people: members of its organisations, and anyone its objects name
    # (historical records included, so that the history keeps its authors).
    user_ids = _fk_targets(everything, User) | _m2m_of(everything, User)
    users = file_rows(User, pk__in=user_ids)
    return [*users, *_devices(user_ids), *everything]


def _m2m_of(objects, model):
    """Primary keys that ``objects`` point at in ``model`` through their
    many-to-many fields (prefetched by ``file_rows``; one query per model
    and field otherwise)."""
    target = model._meta.concrete_model
    by_model = defaultdict(list)
    for obj in objects:
        by_model[obj._meta.concrete_model].append(obj.pk)
    found = set()
    for source, pks in by_model.items():
        if any(
            field.related_model._meta.concrete_model is target
            for field in source._meta.many_to_many
        ):
            found |= _m2m_targets(source._base_manager.filter(pk__in=pks), model)
    return found


def _devices(user_ids):
    """The people's two-factor devices (authenticator apps)."""
    if not apps.is_installed("django_otp.plugins.otp_totp"):
        return []
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return file_rows(TOTPDevice, user__in=user_ids)


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
