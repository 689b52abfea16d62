from benchmarks.models.assessments import (
    AssessmentRound,
    AssessmentStatus,
    Level,
    QuestionAnswer,
    Rating,
    SelfAssessment,
)
from benchmarks.models.frameworks import (
    Benchmark,
    ContextualFactor,
    Example,
    FrameworkKind,
    GuidingQuestion,
    KeyFactor,
    Theme,
)

__all__ = [
    "AssessmentRound",
    "AssessmentStatus",
    "Benchmark",
    "ContextualFactor",
    "Example",
    "FrameworkKind",
    "GuidingQuestion",
    "KeyFactor",
    "Level",
    "QuestionAnswer",
    "Rating",
    "SelfAssessment",
    "Theme",
]
