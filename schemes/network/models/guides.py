"""A city's one-stop information page for newcomers (the public face:
``schemes.public``).

Texts a city writes in several languages are JSON objects keyed by language
code (``{"lv": "…", "en": "…"}``): a page is published in languages the
portal's interface does not have (Ukrainian, Arabic…), and an entry shows
which of them are complete.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from schemes.network.languages import FALLBACK
from schemes.network.models.organisations import Organisation, OrganisationKind


class GuideCategory(models.TextChoices):
    # Read on the public page: in the public catalogues (context "public").
    FIRST_STEPS = "first-steps", pgettext_lazy("public", "First steps and registration")
    LANGUAGE = "language", pgettext_lazy("public", "Language courses")
    LEGAL = "legal", pgettext_lazy("public", "Legal and asylum advice")
    HOUSING = "housing", pgettext_lazy("public", "Housing")
    WORK = "work", pgettext_lazy("public", "Work")
    HEALTH = "health", pgettext_lazy("public", "Health")
    SCHOOL = "school", pgettext_lazy("public", "Children and school")
    EMERGENCY = "emergency", pgettext_lazy("public", "Emergencies")


def text_in(texts, language):
    """The text in ``language``, or "" when it has none."""
    return ((texts or {}).get(language) or "").strip()


class CityGuideQuerySet(models.QuerySet):
    def editable_by(self, user):
        """The pages ``user`` may edit and publish: those of the user's own
        cities (every page for a superuser)."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(city__memberships__user=user)


class CityGuide(models.Model):
    """A city's one-stop information page for newcomers: the draft its
    officers edit. What the public reads is the latest publication."""

    city = models.OneToOneField(
        Organisation,
        on_delete=models.CASCADE,
        related_name="guide",
        limit_choices_to={"kind": OrganisationKind.CITY},
        verbose_name=_("city"),
    )
    city_language = models.CharField(
        _("the city's language"),
        max_length=10,
        help_text=_("The language the city's own services use."),
    )
    # Beside the city's language and English, always published.
    extra_languages = models.JSONField(
        _("languages for newcomers"),
        default=list,
        blank=True,
        help_text=_("The languages the city's newcomers read."),
    )
    # {"lv": "…", "en": "…"}: a short introduction above the services.
    intro = models.JSONField(_("introduction"), default=dict, blank=True)
    revision = models.PositiveIntegerField(default=0, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )
    # The publication the public reads; None when the page is not public
    # (never published, or withdrawn).
    current = models.OneToOneField(
        "GuidePublication",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("current publication"),
    )

    objects = CityGuideQuerySet.as_manager()

    class Meta:
        verbose_name = _("information page for newcomers")
        verbose_name_plural = _("information pages for newcomers")

    def __str__(self):
        return str(self.city)

    @property
    def languages(self):
        """Every language of the page: the city's, English, then the others."""
        ordered = [self.city_language, FALLBACK, *self.extra_languages]
        return list(dict.fromkeys(code for code in ordered if code))

    @property
    def is_published(self):
        return self.current_id is not None


class GuideEntry(models.Model):
    """One service on the page: who provides it, where, when, for whom."""

    guide = models.ForeignKey(
        CityGuide,
        on_delete=models.CASCADE,
        related_name="entries",
        verbose_name=_("information page"),
    )
    category = models.CharField(
        _("category"), max_length=20, choices=GuideCategory.choices
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    # Texts in each language of the page ({"lv": "…", "en": "…"}).
    title = models.JSONField(_("service"), default=dict, blank=True)
    description = models.JSONField(_("what it offers"), default=dict, blank=True)
    opening_hours = models.JSONField(_("opening hours"), default=dict, blank=True)
    cost = models.JSONField(_("cost"), default=dict, blank=True)
    eligibility = models.JSONField(_("who may use it"), default=dict, blank=True)
    # The same in every language.
    provider = models.CharField(_("provider"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    map_url = models.URLField(_("map link"), max_length=500, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    link = models.URLField(_("website"), max_length=500, blank=True)
    # Language codes, such as ["lv", "en", "ru"].
    languages_spoken = models.JSONField(_("languages spoken"), default=list, blank=True)

    TRANSLATED = ("title", "description", "opening_hours", "cost", "eligibility")

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["guide", "position", "pk"]

    def __str__(self):
        return text_in(self.title, FALLBACK) or str(_("Untitled service"))

    def missing_languages(self, languages):
        """The languages of ``languages`` in which a text written in English
        has no translation."""
        missing = []
        for code in languages:
            for name in self.TRANSLATED:
                texts = getattr(self, name)
                if text_in(texts, FALLBACK) and not text_in(texts, code):
                    missing.append(code)
                    break
        return missing


class GuidePublication(models.Model):
    """What the public read from a given moment: a frozen copy of the page
    in every language (``content``), kept as the page's history."""

    guide = models.ForeignKey(
        CityGuide,
        on_delete=models.CASCADE,
        related_name="publications",
        verbose_name=_("information page"),
    )
    number = models.PositiveIntegerField(_("number"))
    published_at = models.DateTimeField(_("published"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    languages = models.JSONField(_("languages"), default=list)
    # {"intro": {...}, "entries": [{"category": …, "title": {...}, …}, …]}
    content = models.JSONField(_("content"), default=dict)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ["guide", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["guide", "number"], name="unique_guide_publication_number"
            )
        ]

    def __str__(self):
        return f"{self.guide} #{self.number}"

    def get_absolute_url(self, language=None):
        return reverse(
            "public:city_guide",
            args=[self.guide.city.slug, language or self.languages[0]],
        )
