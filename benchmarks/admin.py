from django.contrib import admin
from django.db import models
from import_export.admin import ImportExportModelAdmin
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)
from simple_history.admin import SimpleHistoryAdmin

from benchmarks.models import (
    Benchmark,
    ContextualFactor,
    Example,
    GuidingQuestion,
    KeyFactor,
    QuestionAnswer,
    Rating,
    SelfAssessment,
    Theme,
)
from benchmarks.resources import KeyFactorResource


@admin.register(Theme)
class ThemeAdmin(TranslationAdmin):
    list_display = ["name", "slug", "order"]
    prepopulated_fields = {"slug": ["name_en"]}


class ContextualFactorInline(TranslationTabularInline):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    model = ContextualFactor
    extra = 0


@admin.register(Benchmark)
class BenchmarkAdmin(TranslationAdmin):
    list_display = ["title", "kind", "theme", "version"]
    list_filter = ["kind", "theme"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title_en"]}
    inlines = [ContextualFactorInline]


class GuidingQuestionInline(TranslationTabularInline):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    model = GuidingQuestion
    extra = 0


class ExampleInline(TranslationStackedInline):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    model = Example
    extra = 0


@admin.register(KeyFactor)
class KeyFactorAdmin(ImportExportModelAdmin, TranslationAdmin):
    resource_classes = [KeyFactorResource]
    list_display = ["__str__", "benchmark"]
    list_filter = ["benchmark"]
    search_fields = ["title", "benchmark__slug"]
    inlines = [GuidingQuestionInline, ExampleInline]


class RatingInline(admin.TabularInline):
    model = Rating
    extra = 0
    fields = ["key_factor", "level", "note", "evidence"]
    readonly_fields = ["key_factor"]


@admin.register(SelfAssessment)
class SelfAssessmentAdmin(SimpleHistoryAdmin):
    list_display = ["city", "scheme", "round", "status", "submitted_at"]
    list_filter = ["status", "round"]
    inlines = [RatingInline]
    raw_id_fields = ["scheme", "city", "benchmark", "created_by", "submitted_by"]


@admin.register(QuestionAnswer)
class QuestionAnswerAdmin(admin.ModelAdmin):
    list_display = ["question", "rating"]
    raw_id_fields = ["rating", "question"]
