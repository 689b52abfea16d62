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
    MentorProfile,
    NationalContext,
    NeedsAnalysis,
)
from schemes.models.good_practices import GoodPractice, GoodPracticeCriterion
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
from schemes.models.self_assessments import (
    AssessmentRound,
    AssessmentStatus,
    Level,
    QuestionAnswer,
    Rating,
    SelfAssessment,
)
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
    # Self-assessments
    "AssessmentRound",
    "AssessmentStatus",
    "Level",
    "QuestionAnswer",
    "Rating",
    "SelfAssessment",
]
