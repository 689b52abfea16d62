"""Who may read, write and review the documents.

Reading: the author organisation and the programme's coordinators always;
the scheme's other participants once the document is submitted (a draft is
seen by its authors and the coordinators). A partner attached to the scheme
(technical partner, method coordinator) is one of its participants for
reading (``participant_q``): it reads what the scheme's other cities read,
helps prepare the visits, and writes and approves nothing else. The action plan and the
self-assessments follow the same rule; visits and the local support groups
have no draft: they are working documents shared by the whole scheme.
Each kind states its rule once, as the ``visible_to`` queryset of its model,
and declares its author, programme, writers and reviewers in the registry
(``incluportal.documents``); ``can_read`` below is derived from them.
Writing and reviewing (approve, send back): each kind's ``writers`` and
``reviewers`` — usually the author organisation while the document is a draft
or returned, and the programme's coordinators.
"""

from django.core.exceptions import PermissionDenied

from incluportal.documents import kind_for_model
from schemes.models import Organisation, Programme, Scheme


def organisation_ids(user):
    """The ids of the user's organisations, once per request."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_organisation_ids", None)
    if cached is None:
        cached = frozenset(user.memberships.values_list("organisation_id", flat=True))
        user._organisation_ids = cached
    return cached


def is_member(user, organisation):
    return organisation is not None and organisation.pk in organisation_ids(user)


def is_author(user, document):
    """Whether the user works for the document's author organisation, or
    for one that writes it with the author (its kind's ``co_authors``)."""
    kind = kind_for_model(type(document))
    return is_member(user, kind.author(document)) or bool(
        organisation_ids(user) & kind.co_authors(document)
    )


def is_coordinator(user, programme):
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    cache = getattr(user, "_coordinated_programmes", None)
    if cache is None:
        cache = frozenset(
            Programme.objects.coordinated_by(user).values_list("pk", flat=True)
        )
        user._coordinated_programmes = cache
    return programme.pk in cache


def manages_organisation(user, organisation):
    """Whether the user coordinates every programme the organisation takes
    part in: only then may they add it to a programme or give it members."""
    return (
        user is not None
        and Organisation.objects.managed_by(user).filter(pk=organisation.pk).exists()
    )


def can_name_organisation(user, organisation):
    """Whether the user may write the organisation's name, acronym and
    description in each language: one of its people, or whoever may add it
    to a programme (a coordinator of each of its programmes)."""
    return is_member(user, organisation) or manages_organisation(user, organisation)


def document_programme(document):
    """The programme whose coordinators read and review ``document`` (None
    for a good practice, which belongs to its city)."""
    return kind_for_model(type(document)).programme(document)


def can_read(user, document):
    """Whether the user may read ``document``: its kind's queryset decides
    (``visible_to``, the one statement of the rule). The author organisation
    and the programme's coordinators, known from per-request caches, are
    let in first, and everyone else kept from a draft, without asking the
    database (tests/schemes/test_document_kinds.py checks that both agree)."""
    if not user.is_authenticated:
        return False
    kind = kind_for_model(type(document))
    if is_author(user, document):
        return True
    programme = kind.programme(document)
    if programme is not None:
        if is_coordinator(user, programme):
            return True
        if kind.private(document):
            return False  # a draft: its authors and coordinators, asked above
    return kind.readable_by(user).filter(pk=document.pk).exists()


def coordinates_city(user, city):
    """Whether the user coordinates a programme the city takes part in."""
    return user.is_superuser or (
        Programme.objects.coordinated_by(user)
        .filter(participations__organisation=city)
        .exists()
    )


def can_submit(user, document):
    """Whether the user may submit ``document`` now: its author, while it is
    editable (the pipeline decides the rest, under the row lock)."""
    return document.is_editable and is_author(user, document)


def is_reviewer(user, document):
    """Whoever approves or returns the document once it is submitted."""
    return kind_for_model(type(document)).reviewers(user, document)


def can_write(user, document):
    """Whether the user may change ``document`` now: its kind's ``writers``."""
    return kind_for_model(type(document)).writers(user, document)


# The services' checks, derived from the registry: each raises
# PermissionDenied (a 403) when the kind's declaration says no. A service
# creating a document asks them of the unsaved instance it is about to save.


def require_author(user, document):
    """The user works for the document's author organisation. Whether its
    status allows the step is the pipeline's question, asked under the row
    lock (``incluportal.workflow.transition``)."""
    if not is_author(user, document):
        raise PermissionDenied


def require_writer(user, document):
    if not can_write(user, document):
        raise PermissionDenied


def require_coordinator(user, programme):
    if not is_coordinator(user, programme):
        raise PermissionDenied


def require_reviewer(user, document):
    if not is_reviewer(user, document):
        raise PermissionDenied


def can_review(user, document):
    from schemes.work.models.documents import DocumentStatus

    return document.status == DocumentStatus.SUBMITTED and is_reviewer(user, document)


def supports_scheme(user, scheme):
    """Whether one of the user's organisations is a partner attached to the
    scheme (``Scheme.objects.supported_by``), once per request."""
    if not user.is_authenticated:
        return False
    cache = getattr(user, "_supported_schemes", None)
    if cache is None:
        cache = frozenset(
            Scheme.objects.supported_by(user).values_list("pk", flat=True)
        )
        user._supported_schemes = cache
    return scheme.pk in cache


def can_organise_visits(user, scheme):
    """Whether the user may add, remove, reorder and record the scheme's
    visits: the visits' ``writers``, asked of a visit the scheme would get."""
    from schemes.work.models.visits import Visit

    return can_write(user, Visit(scheme=scheme))


def can_read_plan(user, plan):
    """``can_read`` for the working plan (ActionPlanQuerySet.visible_to)."""
    return can_read(user, plan)


def can_read_scheme_plan(user, scheme):
    """``can_read_plan`` for the scheme's plan (what other pages quote of
    it, such as the actions a visit added); true when it has none yet."""
    plan = getattr(scheme, "action_plan", None)
    return plan is None or can_read_plan(user, plan)


def can_review_plan(user, plan):
    from schemes.models import PlanStatus

    return plan.status == PlanStatus.SUBMITTED and is_coordinator(
        user, plan.scheme.programme
    )
