from schemes.models.action_plans import (
    ActionPlan,
    ActionPlanRow,
    ActionPlanVersion,
    ImplementationStatus,
    PlanStatus,
    ProgressNote,
)
from schemes.models.documents import (
    DocumentStatus,
    GoodPractice,
    GoodPracticeCriterion,
    MentorProfile,
    NationalContext,
    NeedsAnalysis,
)
from schemes.models.invitations import Invitation
from schemes.models.organisations import (
    Association,
    City,
    Membership,
    Organisation,
    Partner,
)
from schemes.models.programmes import Participation, Programme
from schemes.models.schemes import Scheme, SchemeStage
from schemes.models.support import Side, StakeholderType, SupportGroupMember
from schemes.models.visits import AgendaItem, Visit, VisitHost

__all__ = [
    "ActionPlan",
    "ActionPlanRow",
    "ActionPlanVersion",
    "AgendaItem",
    "ImplementationStatus",
    "Invitation",
    "PlanStatus",
    "ProgressNote",
    "Association",
    "City",
    "DocumentStatus",
    "GoodPractice",
    "GoodPracticeCriterion",
    "Membership",
    "MentorProfile",
    "NationalContext",
    "NeedsAnalysis",
    "Organisation",
    "Participation",
    "Partner",
    "Programme",
    "Scheme",
    "SchemeStage",
    "Side",
    "StakeholderType",
    "SupportGroupMember",
    "Visit",
    "VisitHost",
]

# Declares the kinds of documents whose model lives in another app.
from schemes.models import kinds_elsewhere  # noqa: E402, F401
