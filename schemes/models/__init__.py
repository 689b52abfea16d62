from schemes.network.models.guides import (
    CityGuide,
    GuideCategory,
    GuideEntry,
    GuidePublication,
)
from schemes.network.models.invitations import Invitation
from schemes.network.models.organisations import (
    Association,
    City,
    Membership,
    Organisation,
    Partner,
)
from schemes.network.models.processes import Phase, ProcessRule
from schemes.network.models.programmes import Participation, ProcessKind, Programme
from schemes.network.models.schemes import (
    PartnerScheme,
    Scheme,
    SchemeCity,
    SchemeShape,
    SchemeStage,
)
from schemes.work.models.action_plans import (
    ActionPlan,
    ActionPlanRow,
    ActionPlanVersion,
    ImplementationStatus,
    PlanStatus,
    ProgressNote,
)
from schemes.work.models.city_reports import ReviewReport, Strategy
from schemes.work.models.documents import DocumentStatus
from schemes.work.models.good_practices import GoodPractice, GoodPracticeCriterion
from schemes.work.models.mentor_profiles import MentorProfile
from schemes.work.models.needs import NationalContext, NeedsAnalysis
from schemes.work.models.progress import StepMark
from schemes.work.models.published import PublishedPractice
from schemes.work.models.scope import Scope, ScopeStatus
from schemes.work.models.self_assessments import (
    AssessmentRound,
    AssessmentStatus,
    Level,
    QuestionAnswer,
    Rating,
    SelfAssessment,
)
from schemes.work.models.support import StakeholderType, SupportGroupMember
from schemes.work.models.visits import AgendaItem, Visit

__all__ = [
    # The public face
    "CityGuide",
    "GuideCategory",
    "GuideEntry",
    "GuidePublication",
    "PublishedPractice",
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
    "PartnerScheme",
    "Phase",
    "ProcessKind",
    "ProcessRule",
    "Partner",
    "Programme",
    "Scheme",
    "SchemeCity",
    "SchemeShape",
    "SchemeStage",
    "StakeholderType",
    "StepMark",
    "SupportGroupMember",
    "Visit",
    # The scope, the review report and the strategy
    "ReviewReport",
    "Scope",
    "ScopeStatus",
    "Strategy",
    # Self-assessments
    "AssessmentRound",
    "AssessmentStatus",
    "Level",
    "QuestionAnswer",
    "Rating",
    "SelfAssessment",
]
