from django.contrib import admin
from django.db import models
from import_export.admin import ImportExportModelAdmin
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from benchmarks.models import (
    Benchmark,
    ContextualFactor,
    Example,
    GuidingQuestion,
    KeyFactor,
    Theme,
)
from benchmarks.resources import KeyFactorResource
from benchmarks.selectors import benchmarks_editable_by
from benchmarks.services import benchmark_new_edition


class EditableBenchmarksMixin:
    """Only the benchmarks the user may change (``benchmarks_editable_by``),
    and a new edition before changing one that submitted self-assessments
    use (``benchmark_new_edition``), as on the import page."""

    benchmark_path = "benchmark"

    def get_queryset(self, request):
        editable = benchmarks_editable_by(request.user)
        if not self.benchmark_path:
            return super().get_queryset(request).filter(pk__in=editable)
        return (
            super()
            .get_queryset(request)
            .filter(**{f"{self.benchmark_path}__in": editable})
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "benchmark":
            kwargs["queryset"] = benchmarks_editable_by(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def _benchmark_of(self, obj):
        return obj if not self.benchmark_path else obj.benchmark

    def save_model(self, request, obj, form, change):
        # Before the row and its inlines are saved: the earlier edition is a
        # copy of what is stored now.
        if change or self.benchmark_path:
            earlier = benchmark_new_edition(
                benchmark=self._benchmark_of(obj), by=request.user
            )
            if earlier is not None and not self.benchmark_path:
                obj.edition = earlier.edition + 1  # as the service saved it
        super().save_model(request, obj, form, change)


@admin.register(Theme)
class ThemeAdmin(TranslationAdmin):
    list_display = ["name", "slug", "order"]
    prepopulated_fields = {"slug": ["name_en"]}


class ContextualFactorInline(TranslationTabularInline):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    model = ContextualFactor
    extra = 0


@admin.register(Benchmark)
class BenchmarkAdmin(EditableBenchmarksMixin, TranslationAdmin):
    benchmark_path = ""
    list_display = ["title", "kind", "theme", "programme", "edition", "version"]
    list_filter = ["kind", "theme", "programme"]
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
class KeyFactorAdmin(EditableBenchmarksMixin, ImportExportModelAdmin, TranslationAdmin):
    resource_classes = [KeyFactorResource]
    list_display = ["__str__", "benchmark"]
    list_filter = ["benchmark"]
    search_fields = ["title", "benchmark__slug"]
    inlines = [GuidingQuestionInline, ExampleInline]

    def get_resource_kwargs(self, request, *args, **kwargs):
        return {
            **super().get_resource_kwargs(request, *args, **kwargs),
            "user": request.user,
        }
