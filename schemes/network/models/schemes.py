from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from schemes.network.models.organisations import (
    Membership,
    Organisation,
    OrganisationKind,
)
from schemes.network.models.programmes import (
    PARTNER_ROLES,
    Participation,
    Programme,
)


class SchemeStage(models.TextChoices):
    """The steps of the method, in order. A scheme stores none: its stage is
    derived from its documents (``schemes.work.progress``)."""

    NEEDS_ANALYSIS = "needs_analysis", _("Needs analysis")
    MATCHING = "matching", _("Matching")
    TRAINING = "training", _("Training")
    VISITS = "visits", _("Mentoring visits")
    ACTION_PLAN = "action_plan", _("Action plan")
    APPROVAL = "approval", _("Approval")
    IMPLEMENTATION = "implementation", _("Implementation")


def participant_q(organisations, prefix=""):
    """Whether one of ``organisations`` (ids, or a subquery of them) takes
    part in the scheme: one of its four, or a partner attached to it (who
    reads what the four read); ``prefix`` is the path to the scheme
    ("scheme__"). Every read rule of a scheme's documents is built on it."""
    return (
        models.Q(**{f"{prefix}mentee_city__in": organisations})
        | models.Q(**{f"{prefix}mentor_city__in": organisations})
        | models.Q(**{f"{prefix}mentee_association__in": organisations})
        | models.Q(**{f"{prefix}mentor_association__in": organisations})
        | partner_q(organisations, prefix)
    )


def partner_q(organisations, prefix="", roles=PARTNER_ROLES):
    """Whether one of ``organisations`` is a partner attached to the scheme:
    to every scheme of its programme, or to this one (in one of ``roles``)."""
    partners = Participation.objects.filter(
        organisation__in=organisations, role__in=roles
    )
    return models.Q(
        **{
            f"{prefix}programme__in": partners.filter(all_schemes=True).values(
                "programme_id"
            )
        }
    ) | models.Q(
        **{
            f"{prefix}pk__in": PartnerScheme.objects.filter(
                participation__in=partners
            ).values("scheme_id")
        }
    )


class SchemeQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Schemes the user takes part in, or coordinates.

        Mentoring is confidential: taking part in the programme is not enough,
        the user's organisation must be one of the scheme's four, or coordinate
        its programme.
        """
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        # Subqueries, not joins: a scheme appears once without DISTINCT.
        orgs = Membership.objects.filter(user=user).values("organisation_id")
        return self.filter(
            participant_q(orgs)
            | models.Q(programme__in=Programme.objects.coordinated_by(user))
        )

    def supported_by(self, user):
        """The schemes one of the user's organisations supports as a partner."""
        if not user.is_authenticated:
            return self.none()
        orgs = Membership.objects.filter(user=user).values("organisation_id")
        return self.filter(partner_q(orgs))


class SchemeManager(models.Manager.from_queryset(SchemeQuerySet)):
    def get_by_natural_key(self, programme_slug, mentee_slug, mentor_slug):
        return self.get(
            programme__slug=programme_slug,
            mentee_city__slug=mentee_slug,
            mentor_city__slug=mentor_slug,
        )


class Scheme(models.Model):
    """A mentoring scheme: a mentor city helps a mentee city on one theme."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.PROTECT,
        related_name="schemes",
        verbose_name=_("programme"),
    )
    theme = models.ForeignKey(
        "benchmarks.Theme",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="schemes",
        verbose_name=_("theme"),
    )
    benchmark = models.ForeignKey(
        "benchmarks.Benchmark",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="schemes",
        verbose_name=_("benchmark"),
        help_text=_("Optional: the method allows mentoring without a benchmark."),
    )
    mentee_city = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="schemes_as_mentee",
        limit_choices_to={"kind": OrganisationKind.CITY},
        verbose_name=_("mentee city"),
    )
    mentee_association = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="schemes_as_mentee_association",
        limit_choices_to={"kind": OrganisationKind.ASSOCIATION},
        verbose_name=_("mentee city's association"),
    )
    mentor_city = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="schemes_as_mentor",
        limit_choices_to={"kind": OrganisationKind.CITY},
        verbose_name=_("mentor city"),
    )
    mentor_association = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="schemes_as_mentor_association",
        limit_choices_to={"kind": OrganisationKind.ASSOCIATION},
        verbose_name=_("mentor city's association"),
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)

    objects = SchemeManager()

    class Meta:
        verbose_name = _("mentoring scheme")
        verbose_name_plural = _("mentoring schemes")
        ordering = ["programme", "mentee_city__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "mentee_city", "mentor_city"],
                name="unique_scheme_pair",
                violation_error_message=_(
                    "These two cities already have a scheme in this programme."
                ),
            ),
            models.CheckConstraint(
                condition=~models.Q(mentee_city=models.F("mentor_city")),
                name="scheme_mentor_is_not_mentee",
            ),
        ]

    def __str__(self):
        return f"{self.mentee_city} – {self.mentor_city}"

    def get_absolute_url(self):
        return reverse("schemes:scheme_detail", args=[self.pk])

    def natural_key(self):
        return (self.programme.slug, self.mentee_city.slug, self.mentor_city.slug)

    natural_key.dependencies = [
        "schemes.programme",
        "schemes.organisation",
        "benchmarks.benchmark",
    ]

    def clean(self):
        errors = {}
        if self.mentee_city_id and self.mentee_city_id == self.mentor_city_id:
            errors["mentor_city"] = _("The mentor city must differ from the mentee.")
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date cannot come before the start date.")
        if (
            self.benchmark_id
            and self.theme_id
            and self.benchmark.theme_id not in (None, self.theme_id)
        ):
            errors["benchmark"] = _("This benchmark belongs to another theme.")
        if errors:
            raise ValidationError(errors)

    @property
    def cities(self):
        return [self.mentee_city, self.mentor_city]

    def partners(self):
        """The partner participations attached to this scheme."""
        return (
            Participation.objects.filter(
                role__in=PARTNER_ROLES, programme_id=self.programme_id
            )
            .filter(
                models.Q(all_schemes=True)
                | models.Q(
                    pk__in=PartnerScheme.objects.filter(scheme=self).values(
                        "participation_id"
                    )
                )
            )
            .select_related("organisation")
            .order_by("organisation__name")
        )

    def side_of(self, organisation):
        """ "mentee" or "mentor" for a city or association of this scheme."""
        if organisation.pk in (self.mentee_city_id, self.mentee_association_id):
            return "mentee"
        if organisation.pk in (self.mentor_city_id, self.mentor_association_id):
            return "mentor"
        return None


class PartnerScheme(models.Model):
    """A scheme a partner (``Participation`` of a partner role) supports."""

    participation = models.ForeignKey(
        Participation,
        on_delete=models.CASCADE,
        related_name="scheme_links",
        verbose_name=_("partner"),
    )
    scheme = models.ForeignKey(
        Scheme,
        on_delete=models.CASCADE,
        related_name="partner_links",
        verbose_name=_("scheme"),
    )

    class Meta:
        verbose_name = _("scheme a partner supports")
        verbose_name_plural = _("schemes partners support")
        ordering = ["participation", "scheme"]
        constraints = [
            models.UniqueConstraint(
                fields=["participation", "scheme"], name="unique_partner_scheme"
            )
        ]

    def __str__(self):
        return f"{self.participation.organisation} – {self.scheme}"

    def clean(self):
        if (
            self.participation_id
            and self.scheme_id
            and self.participation.programme_id != self.scheme.programme_id
        ):
            raise ValidationError(
                {"scheme": _("Choose a scheme of the partner's programme.")}
            )
