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
    "Benchmark",
    "ContextualFactor",
    "Example",
    "FrameworkKind",
    "GuidingQuestion",
    "KeyFactor",
    "Theme",
]
