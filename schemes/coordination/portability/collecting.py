"""Gathering a programme's objects and writing them as one file."""

import datetime
import json
from collections import Counter, defaultdict

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.translation import gettext as _

from incluportal.documents import kinds
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
        PartnerScheme,
        Programme,
        ProgressNote,
        QuestionAnswer,
        Rating,
        Scheme,
        SelfAssessment,
        StepMark,
        SupportGroupMember,
        Visit,
    )
    from schemes.network.models.organisations import OrganisationKind

    User = get_user_model()

    programmes = _rows(Programme, pk=programme.pk)
    participations = _rows(Participation, programme=programme)
    schemes = _rows(Scheme, programme=programme)
    scheme_ids = _pks(schemes)
    # The schemes its partners support (after the schemes, in the file).
    partner_schemes = _rows(PartnerScheme, participation__in=_pks(participations))

    # What belongs to the programme or to one of its schemes.
    needs = _rows(NeedsAnalysis, scheme__in=scheme_ids)
    national = _rows(NationalContext, programme=programme)
    profiles = _rows(MentorProfile, programme=programme)
    members = _rows(SupportGroupMember, scheme__in=scheme_ids)
    marks = _rows(StepMark, scheme__in=scheme_ids)
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
        *partner_schemes,
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
        *marks,
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
