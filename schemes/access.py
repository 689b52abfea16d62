"""Who may read, write and review the annex documents: the rules in one place.

Reading: the author organisation and the programme's coordinators always;
the scheme's other participants once the document is submitted (a draft is
seen by its authors and the coordinators). The action plan and the
self-assessments follow the same rule; visits and the local support groups
have no draft: they are working documents shared by the whole scheme.
Writing: the author organisation, while the document is a draft or returned.
Reviewing (approve, send back): the programme's coordinators.
"""

from django.db.models import Q

from schemes.models import (
    GoodPractice,
    MentorProfile,
    NationalContext,
    NeedsAnalysis,
    Organisation,
    Programme,
    Scheme,
)


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


def scheme_participant(user, scheme):
    ids = organisation_ids(user)
    return bool(
        ids
        & {
            scheme.mentee_city_id,
            scheme.mentor_city_id,
            scheme.mentee_association_id,
            scheme.mentor_association_id,
        }
    )


def document_programme(document):
    if isinstance(document, NeedsAnalysis):
        return document.scheme.programme
    return getattr(document, "programme", None)


def _shared_with(user, document):
    """Participants who read a submitted document that is not theirs."""
    if isinstance(document, NeedsAnalysis):
        return scheme_participant(user, document.scheme)
    if isinstance(document, (NationalContext, MentorProfile)):
        # Everyone in a scheme of the programme where this city takes part.
        ids = organisation_ids(user)
        city = Q(mentee_city=document.city_id) | Q(mentor_city=document.city_id)
        people = (
            Q(mentee_city__in=ids)
            | Q(mentor_city__in=ids)
            | Q(mentee_association__in=ids)
            | Q(mentor_association__in=ids)
        )
        return Scheme.objects.filter(
            city, people, programme=document.programme
        ).exists()
    if isinstance(document, GoodPractice):
        return document.is_public and user.is_authenticated
    return False


def can_read(user, document):
    if not user.is_authenticated:
        return False
    if is_member(user, document.author):
        return True
    programme = document_programme(document)
    if programme is not None and is_coordinator(user, programme):
        return True
    if isinstance(document, GoodPractice) and not document.is_public:
        return coordinates_city(user, document.city)
    return document.is_shared and _shared_with(user, document)


def coordinates_city(user, city):
    """Whether the user coordinates a programme the city takes part in."""
    return user.is_superuser or (
        Programme.objects.coordinated_by(user)
        .filter(participations__organisation=city)
        .exists()
    )


def can_edit(user, document):
    return document.is_editable and is_member(user, document.author)


def can_submit(user, document):
    return document.is_editable and is_member(user, document.author)


def is_reviewer(user, document):
    """Whoever approves or returns the document once it is submitted."""
    if isinstance(document, GoodPractice):
        return coordinates_city(user, document.city)
    programme = document_programme(document)
    return programme is not None and is_coordinator(user, programme)


def can_review(user, document):
    from schemes.models.documents import DocumentStatus

    return document.status == DocumentStatus.SUBMITTED and is_reviewer(user, document)


def can_organise_visits(user, scheme):
    """Coordinators and the two cities add, remove, reorder and record visits."""
    return is_coordinator(user, scheme.programme) or bool(
        organisation_ids(user) & {scheme.mentee_city_id, scheme.mentor_city_id}
    )


def can_read_plan(user, plan):
    """The working plan: the mentee city and the coordinators always; the
    scheme's other participants once it is submitted or approved. (Its
    frozen versions were submitted: everyone in the scheme reads them.)"""
    from schemes.models import PlanStatus

    scheme = plan.scheme
    if is_member(user, scheme.mentee_city) or is_coordinator(user, scheme.programme):
        return True
    shared = plan.status in (PlanStatus.SUBMITTED, PlanStatus.APPROVED)
    return shared and scheme_participant(user, scheme)


def can_read_scheme_plan(user, scheme):
    """``can_read_plan`` for the scheme's plan (what other pages quote of
    it, such as the actions a visit added); true when it has none yet."""
    plan = getattr(scheme, "action_plan", None)
    return plan is None or can_read_plan(user, plan)


def can_edit_plan(user, plan):
    return plan.is_editable and is_member(user, plan.scheme.mentee_city)


def can_review_plan(user, plan):
    from schemes.models import PlanStatus

    return plan.status == PlanStatus.SUBMITTED and is_coordinator(
        user, plan.scheme.programme
    )
