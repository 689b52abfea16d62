"""Import and export of key factors with their guiding questions.

One row per key factor, matched by (benchmark slug, number). Each text has
a column per interface language (``title_en``, ``title_lv``, ``title_fr``,
…); guiding questions travel in one cell per language, one question per
line.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields

from benchmarks.models import Benchmark, GuidingQuestion, KeyFactor
from benchmarks.selectors import benchmarks_editable_by
from benchmarks.services import benchmark_new_edition
from incluportal.resources import (
    AllOrNothingResource,
    CachedForeignKeyWidget,
    WholeNumberWidget,
)
from incluportal.spreadsheets import check_cells

REQUIRED_COLUMNS = ("benchmark", "number", "title_en")
# English first: the source language, the one a text falls back to.
LANGUAGES = [code for code, _name in settings.LANGUAGES]
TEXT_COLUMNS = tuple(
    f"{name}_{code}"
    for name in ("title", "why_and_how", "practical_tips", "questions")
    for code in LANGUAGES
)


class BenchmarkSlugWidget(CachedForeignKeyWidget):
    """A benchmark by its short name, among those the importing user may
    change (``editable``; None: refuse every benchmark)."""

    def __init__(self, editable=None):
        super().__init__(Benchmark, field="slug")
        self.editable = editable

    def get_queryset(self, value, row, *args, **kwargs):
        if self.editable is None:
            return Benchmark.objects.none()
        return self.editable

    def clean(self, value, row=None, **kwargs):
        if not value:
            raise ValueError(_("The benchmark is missing."))
        try:
            return super().clean(value, row=row, **kwargs)
        except Benchmark.DoesNotExist:
            found = Benchmark.objects.filter(slug=value).first()
            if found is None:
                raise ValueError(
                    _("No benchmark has the short name “%(slug)s”.") % {"slug": value}
                ) from None
            if found.edition_of_id:
                raise ValueError(
                    _(
                        "“%(slug)s” is an earlier edition, kept unchanged for the "
                        "self-assessments made against it: change “%(current)s”."
                    )
                    % {"slug": value, "current": found.edition_of.slug}
                ) from None
            raise ValueError(
                _(
                    "You may not change the benchmark “%(slug)s”: it belongs to "
                    "another programme, or it is shared by the whole portal and "
                    "only the portal's editors change it."
                )
                % {"slug": value}
            ) from None


class KeyFactorResource(AllOrNothingResource):
    """Key factors of the benchmarks ``user`` may change (see
    ``benchmarks_editable_by``): exported, and the only ones imported."""

    benchmark = fields.Field(
        attribute="benchmark", column_name="benchmark", widget=BenchmarkSlugWidget()
    )
    number = fields.Field(
        attribute="number", column_name="number", widget=WholeNumberWidget()
    )
    show_diff = False  # the page shows each row's outcome, not a diff
    natural_key_complete = True  # every key factor is read (get_queryset)

    class Meta:
        model = KeyFactor
        import_id_fields = ("benchmark", "number")
        # No copy of each row's object to compare: nothing is skipped as
        # unchanged here, and the page shows no diff.
        skip_diff = True
        fields = ("benchmark", "number", *TEXT_COLUMNS)
        export_order = fields
        clean_model_instances = True

    def __init__(self, *, user=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user
        self.editable = None if user is None else benchmarks_editable_by(user)
        self.fields["benchmark"].widget = BenchmarkSlugWidget(self.editable)
        # A column of guiding questions per language (not a model field).
        for code in LANGUAGES:
            self.fields[f"questions_{code}"] = fields.Field(
                column_name=f"questions_{code}",
                dehydrate_method=_questions_in(code),
            )

    def get_queryset(self):
        return (
            KeyFactor.objects.filter(
                benchmark__in=Benchmark.objects.none()
                if self.editable is None
                else self.editable
            )
            .select_related("benchmark")
            .prefetch_related("questions")
            .order_by("benchmark__slug", "number")
        )

    def before_import(self, dataset, **kwargs):
        missing = [c for c in REQUIRED_COLUMNS if c not in (dataset.headers or [])]
        if missing:
            raise ValidationError(
                _("The file lacks the column(s): %(missing)s. Expected: %(all)s.")
                % {
                    "missing": ", ".join(missing),
                    "all": ", ".join(("benchmark", "number", *TEXT_COLUMNS)),
                }
            )
        self._new_editions = set()

    def before_import_row(self, row, **kwargs):
        errors = check_cells(row)
        errors.update(self.duplicate_errors(row, kwargs.get("row_number")))
        if errors:
            raise ValidationError(errors)

    def duplicate_error(self, key, first, again):
        return "number", _(
            "Key factor %(number)s of “%(benchmark)s” appears twice "
            "(rows %(first)s and %(again)s)."
        ) % {"number": key[1], "benchmark": key[0], "first": first, "again": again}

    def before_save_instance(self, instance, row, **kwargs):
        # Before the first change to a benchmark: a new edition, if submitted
        # self-assessments use it (rolled back with the rest in a dry run).
        if instance.benchmark_id not in self._new_editions:
            self._new_editions.add(instance.benchmark_id)
            benchmark_new_edition(benchmark=instance.benchmark, by=self.user)
        self._creating = instance._state.adding  # a new one has no questions yet
        super().before_save_instance(instance, row, **kwargs)

    def after_save_instance(self, instance, row, **kwargs):
        if kwargs.get("dry_run") and not kwargs.get("using_transactions", True):
            return
        columns = {code: _lines(row.get(f"questions_{code}")) for code in LANGUAGES}
        if not any(columns.values()):
            return
        # Inside the row's own savepoint: the questions change with their row.
        if not self._creating:
            instance.questions.all().delete()
        count = max(len(lines) for lines in columns.values())
        questions = []
        for i in range(count):
            texts = {
                code: lines[i] if i < len(lines) else ""
                for code, lines in columns.items()
            }
            # A question missing in a language reads in another: English,
            # else the first language that has it.
            fallback = texts[LANGUAGES[0]] or next(t for t in texts.values() if t)
            values = {f"text_{code}": text or fallback for code, text in texts.items()}
            questions.append(
                GuidingQuestion(
                    key_factor=instance, order=i + 1, text=fallback, **values
                )
            )
        GuidingQuestion.objects.bulk_create(questions)


def _lines(value):
    return [line.strip() for line in str(value or "").splitlines() if line.strip()]


def _questions_in(code):
    """The export of a key factor's guiding questions in language ``code``,
    one a line."""

    def dehydrate(key_factor):
        return "\n".join(
            getattr(q, f"text_{code}") or "" for q in key_factor.questions.all()
        )

    return dehydrate


FORMATS = {
    "csv": ("text/csv", "csv"),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
    ),
    "json": ("application/json", "json"),
}
