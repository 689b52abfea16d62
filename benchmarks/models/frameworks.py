"""Thematic benchmarks and other frameworks a city can measure itself against.

One structure holds three kinds of framework (``Benchmark.kind``):
an IncluCities thematic benchmark (key factors with guiding questions),
the UNHCR toolkit's key areas (with self-assessment checklists), and its
good-practice criteria areas (with indicators). Only the labels differ.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class FrameworkKind(models.TextChoices):
    BENCHMARK = "benchmark", _("Thematic benchmark")
    CHECKLIST = "checklist", _("Self-assessment checklist")
    CRITERIA = "criteria", _("Good-practice criteria")


# What the parts of a framework are called, by kind:
# (factor, factors, question, questions).
KIND_LABELS = {
    FrameworkKind.BENCHMARK: (
        _("key factor"),
        _("key factors"),
        _("guiding question"),
        _("guiding questions"),
    ),
    FrameworkKind.CHECKLIST: (
        _("key area"),
        _("key areas"),
        _("checklist item"),
        _("checklist items"),
    ),
    FrameworkKind.CRITERIA: (
        _("criteria area"),
        _("criteria areas"),
        _("indicator"),
        _("indicators"),
    ),
}


class SlugManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class BenchmarkQuerySet(models.QuerySet):
    def current(self):
        """The editions in use: earlier editions are kept only for the
        self-assessments made against them, and offered nowhere."""
        return self.filter(edition_of__isnull=True)


class Theme(models.Model):
    """An area of integration policy, e.g. language learning."""

    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = SlugManager()

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class Benchmark(models.Model):
    """A framework: a thematic benchmark, a checklist set or a criteria set."""

    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    kind = models.CharField(
        _("kind of framework"),
        max_length=20,
        choices=FrameworkKind,
        default=FrameworkKind.BENCHMARK,
        db_index=True,
    )
    theme = models.ForeignKey(
        Theme,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="benchmarks",
        verbose_name=_("theme"),
    )
    title = models.CharField(_("title"), max_length=300)
    rationale = models.TextField(_("rationale"), blank=True)
    scope = models.TextField(_("scope"), blank=True)
    developed_by = models.CharField(_("developed by"), max_length=500, blank=True)
    source = models.CharField(
        _("source"),
        max_length=500,
        blank=True,
        help_text=_("The publication the framework comes from."),
    )
    version = models.CharField(_("version"), max_length=50, blank=True)
    published_on = models.DateField(_("date"), null=True, blank=True)
    # Who changes it (see ``benchmarks.selectors.benchmarks_editable_by``). A
    # string reference: the benchmarks app does not import the schemes app's
    # models here.
    programme = models.ForeignKey(
        "schemes.Programme",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="benchmarks",
        verbose_name=_("programme"),
        help_text=_(
            "The programme whose coordinators may change it. Empty: content "
            "shared by the whole portal, which only the portal's editors change."
        ),
    )
    edition = models.PositiveSmallIntegerField(_("edition"), default=1, editable=False)
    edition_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="earlier_editions",
        verbose_name=_("earlier edition of"),
    )

    objects = SlugManager.from_queryset(BenchmarkQuerySet)()

    class Meta:
        verbose_name = _("benchmark")
        verbose_name_plural = _("benchmarks")
        ordering = ["kind", "theme__order", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("benchmarks:benchmark_detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    @property
    def current_edition(self):
        return self.edition_of or self

    def editions(self):
        """Every edition of this benchmark, the oldest first."""
        current = self.current_edition
        return Benchmark.objects.filter(
            models.Q(pk=current.pk) | models.Q(edition_of=current)
        ).order_by("edition")

    @property
    def labels(self):
        factor, factors, question, questions = KIND_LABELS[FrameworkKind(self.kind)]
        return {
            "factor": factor,
            "factors": factors,
            "question": question,
            "questions": questions,
        }


class ContextualFactorManager(models.Manager):
    def get_by_natural_key(self, benchmark_slug, order):
        return self.get(benchmark__slug=benchmark_slug, order=order)


class ContextualFactor(models.Model):
    """A condition outside the city's control that shapes what it can do."""

    benchmark = models.ForeignKey(
        Benchmark,
        on_delete=models.CASCADE,
        related_name="contextual_factors",
        verbose_name=_("benchmark"),
    )
    order = models.PositiveSmallIntegerField(_("order"))
    text = models.TextField(_("text"))

    objects = ContextualFactorManager()

    class Meta:
        verbose_name = _("contextual factor")
        verbose_name_plural = _("contextual factors")
        ordering = ["benchmark", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["benchmark", "order"], name="unique_contextual_factor_order"
            )
        ]

    def __str__(self):
        return self.text[:80]

    def natural_key(self):
        return (self.benchmark.slug, self.order)

    natural_key.dependencies = ["benchmarks.benchmark"]


class KeyFactorQuerySet(models.QuerySet):
    def current(self):
        """Key factors of the benchmarks' current editions (what to offer)."""
        return self.filter(benchmark__edition_of__isnull=True)


class KeyFactorManager(models.Manager.from_queryset(KeyFactorQuerySet)):
    def get_by_natural_key(self, benchmark_slug, number):
        return self.get(benchmark__slug=benchmark_slug, number=number)


class KeyFactor(models.Model):
    """A key factor (or key area, or criteria area) of a framework, in order."""

    benchmark = models.ForeignKey(
        Benchmark,
        on_delete=models.CASCADE,
        related_name="key_factors",
        verbose_name=_("benchmark"),
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)
    why_and_how = models.TextField(_("why and how"), blank=True)
    practical_tips = models.TextField(_("practical tips"), blank=True)

    objects = KeyFactorManager()

    class Meta:
        verbose_name = _("key factor")
        verbose_name_plural = _("key factors")
        ordering = ["benchmark", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["benchmark", "number"], name="unique_key_factor_number"
            )
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def get_absolute_url(self):
        return f"{self.benchmark.get_absolute_url()}#{self.anchor}"

    def natural_key(self):
        return (self.benchmark.slug, self.number)

    natural_key.dependencies = ["benchmarks.benchmark"]

    @property
    def anchor(self):
        return f"factor-{self.number}"


class KeyFactorPartManager(models.Manager):
    """Questions and examples are known by their key factor and their place."""

    def get_by_natural_key(self, benchmark_slug, number, order):
        return self.get(
            key_factor__benchmark__slug=benchmark_slug,
            key_factor__number=number,
            order=order,
        )


class GuidingQuestion(models.Model):
    """A guiding question (or checklist item, or indicator) of a key factor."""

    key_factor = models.ForeignKey(
        KeyFactor,
        on_delete=models.CASCADE,
        related_name="questions",
        verbose_name=_("key factor"),
    )
    order = models.PositiveSmallIntegerField(_("order"))
    text = models.TextField(_("text"))

    objects = KeyFactorPartManager()

    class Meta:
        verbose_name = _("guiding question")
        verbose_name_plural = _("guiding questions")
        ordering = ["key_factor", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["key_factor", "order"], name="unique_question_order"
            )
        ]

    def __str__(self):
        return self.text[:80]

    def natural_key(self):
        return (*self.key_factor.natural_key(), self.order)

    natural_key.dependencies = ["benchmarks.keyfactor"]


class Example(models.Model):
    """A good-practice example illustrating a key factor."""

    key_factor = models.ForeignKey(
        KeyFactor,
        on_delete=models.CASCADE,
        related_name="examples",
        verbose_name=_("key factor"),
    )
    order = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"), blank=True)
    url = models.URLField(_("link"), blank=True, max_length=500)

    objects = KeyFactorPartManager()

    class Meta:
        verbose_name = _("good-practice example")
        verbose_name_plural = _("good-practice examples")
        ordering = ["key_factor", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["key_factor", "order"], name="unique_example_order"
            )
        ]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (*self.key_factor.natural_key(), self.order)

    natural_key.dependencies = ["benchmarks.keyfactor"]
