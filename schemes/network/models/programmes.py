from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from incluportal.models import User
from schemes.network.models.organisations import (
    Membership,
    Organisation,
    OrganisationKind,
)


class ParticipationRole(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    MENTOR_CITY = "mentor_city", _("Mentor city")
    MENTEE_CITY = "mentee_city", _("Mentee city")
    CITY = "city", _("Participating city")
    ASSOCIATION = "association", _("Association")
    TECHNICAL_PARTNER = "technical_partner", _("Technical partner")
    METHOD_COORDINATOR = "method_coordinator", _("Method coordinator")


# Partners support schemes: their people read what the scheme's participants
# read and help prepare its visits, but approve nothing (a participation of
# one of these roles, attached to every scheme of its programme or to chosen
# ones: ``all_schemes`` and ``schemes``).
PARTNER_ROLES = (
    ParticipationRole.TECHNICAL_PARTNER,
    ParticipationRole.METHOD_COORDINATOR,
)


# Which kinds of organisation may take which role in a programme.
ROLE_KINDS = {
    ParticipationRole.COORDINATOR: {
        OrganisationKind.PARTNER,
        OrganisationKind.ASSOCIATION,
        OrganisationKind.CITY,
    },
    ParticipationRole.MENTOR_CITY: {OrganisationKind.CITY},
    ParticipationRole.MENTEE_CITY: {OrganisationKind.CITY},
    ParticipationRole.CITY: {OrganisationKind.CITY},
    ParticipationRole.ASSOCIATION: {OrganisationKind.ASSOCIATION},
    ParticipationRole.TECHNICAL_PARTNER: {
        OrganisationKind.PARTNER,
        OrganisationKind.ASSOCIATION,
    },
    ParticipationRole.METHOD_COORDINATOR: {
        OrganisationKind.PARTNER,
        OrganisationKind.ASSOCIATION,
    },
}


class ProcessKind(models.TextChoices):
    """The processes the portal ships (``schemes.network.processes``): a
    programme starts from one, and its coordinators adapt its phases."""

    INCLUCITIES = "inclucities", _("IncluCities mentoring method")
    ASSESSMENT = "assessment", _("Assessment, review report, participation, strategy")
    COMMUNITY = "community", _("Community of practice")


class ProgrammeQuerySet(models.QuerySet):
    """Every read of programmes scoped to a user goes through here."""

    # Both filter through a subquery rather than a join: no row repeats, so
    # no DISTINCT over every column, and the planner has less to weigh (these
    # are nested in most queries of the portal).

    def visible_to(self, user):
        """Programmes the user takes part in (through an organisation)."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(
            pk__in=Participation.objects.filter(
                organisation__in=_organisations_of(user)
            ).values("programme_id")
        )

    def coordinated_by(self, user):
        """Programmes the user manages as a member of a coordinating body."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(
            pk__in=Participation.objects.filter(
                role=ParticipationRole.COORDINATOR,
                organisation__in=_organisations_of(user),
            ).values("programme_id")
        )


def _organisations_of(user):
    """The ids of the user's organisations, as a subquery."""
    return Membership.objects.filter(user=user).values("organisation_id")


class ProgrammeManager(models.Manager.from_queryset(ProgrammeQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Programme(models.Model):
    """A network's mentoring programme, e.g. IncluCities 2020–2023."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("short name in addresses"),
        max_length=80,
        unique=True,
        error_messages={"unique": _("This short name is taken: choose another.")},
    )
    start_year = models.PositiveSmallIntegerField(
        _("first year"), null=True, blank=True
    )
    end_year = models.PositiveSmallIntegerField(_("last year"), null=True, blank=True)
    funder = models.CharField(_("funded by"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    require_two_factor = models.BooleanField(
        _("coordinators must sign in with two-factor authentication"),
        default=False,
        help_text=_(
            "Its coordinators then confirm each sign-in with a code from an "
            "authenticator app."
        ),
    )
    process = models.CharField(
        _("process"),
        max_length=30,
        choices=ProcessKind,
        default=ProcessKind.INCLUCITIES,
        help_text=_("The process its phases started from."),
    )
    organisations = models.ManyToManyField(
        Organisation,
        through="Participation",
        related_name="programmes",
        verbose_name=_("organisations"),
    )

    objects = ProgrammeManager()

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["-start_year", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_year__isnull=True)
                | models.Q(start_year__isnull=True)
                | models.Q(end_year__gte=models.F("start_year")),
                name="programme_years_in_order",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("schemes:programme_detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError(
                {"end_year": _("The last year cannot come before the first year.")}
            )

    @property
    def years(self):
        if self.start_year and self.end_year and self.start_year != self.end_year:
            return f"{self.start_year}–{self.end_year}"
        return str(self.start_year or self.end_year or "")

    def is_coordinated_by(self, user):
        return Programme.objects.coordinated_by(user).filter(pk=self.pk).exists()

    def coordinator_users(self):
        """The people of the organisations that coordinate the programme."""
        return User.objects.filter(
            memberships__organisation__participations__programme=self,
            memberships__organisation__participations__role=ParticipationRole.COORDINATOR,
        ).distinct()


class ParticipationManager(models.Manager):
    def get_by_natural_key(self, programme_slug, organisation_slug, role):
        return self.get(
            programme__slug=programme_slug,
            organisation__slug=organisation_slug,
            role=role,
        )


class Participation(models.Model):
    """An organisation's role in a programme."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="participations",
        verbose_name=_("programme"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="participations",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=30, choices=ParticipationRole)
    # A partner's schemes (PARTNER_ROLES only): every scheme of the programme,
    # those made later included, or the chosen ones. Neither: none yet.
    all_schemes = models.BooleanField(
        _("supports every scheme of the programme"), default=False
    )
    schemes = models.ManyToManyField(
        "schemes.Scheme",
        through="schemes.PartnerScheme",
        blank=True,
        related_name="partner_participations",
        verbose_name=_("schemes it supports"),
    )

    objects = ParticipationManager()

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["programme", "role", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "organisation", "role"],
                name="unique_participation",
            )
        ]

    def __str__(self):
        return f"{self.organisation} – {self.get_role_display()} ({self.programme})"

    def natural_key(self):
        return (self.programme.slug, self.organisation.slug, self.role)

    natural_key.dependencies = ["schemes.programme", "schemes.organisation"]

    @property
    def is_partner(self):
        return self.role in PARTNER_ROLES

    def clean(self):
        if self.all_schemes and not self.is_partner:
            raise ValidationError(
                {"all_schemes": _("Only a partner supports the schemes.")}
            )
        if self.organisation_id and self.role:
            allowed = ROLE_KINDS.get(self.role, set())
            if self.organisation.kind not in allowed:
                raise ValidationError(
                    {
                        "role": _(
                            "%(organisation)s (%(kind)s) cannot take the role "
                            "“%(role)s”."
                        )
                        % {
                            "organisation": self.organisation,
                            "kind": self.organisation.get_kind_display(),
                            "role": self.get_role_display(),
                        }
                    }
                )
