"""Benchmark content is stored in English and Latvian (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from benchmarks.models import (
    Benchmark,
    ContextualFactor,
    Example,
    GuidingQuestion,
    KeyFactor,
    Theme,
)


@register(Theme)
class ThemeTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(Benchmark)
class BenchmarkTranslationOptions(TranslationOptions):
    fields = ("title", "rationale", "scope", "developed_by", "source")


@register(ContextualFactor)
class ContextualFactorTranslationOptions(TranslationOptions):
    fields = ("text",)


@register(KeyFactor)
class KeyFactorTranslationOptions(TranslationOptions):
    fields = ("title", "why_and_how", "practical_tips")


@register(GuidingQuestion)
class GuidingQuestionTranslationOptions(TranslationOptions):
    fields = ("text",)


@register(Example)
class ExampleTranslationOptions(TranslationOptions):
    fields = ("title", "text")
