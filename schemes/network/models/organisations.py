from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField


class OrganisationKind(models.TextChoices):
    CITY = "city", _("City")
    ASSOCIATION = "association", _("Association of local and regional governments")
    PARTNER = "partner", _("Other partner")


class OrganisationQuerySet(models.QuerySet):
    def cities(self):
        return self.filter(kind=OrganisationKind.CITY)

    def associations(self):
        return self.filter(kind=OrganisationKind.ASSOCIATION)

    def partners(self):
        return self.filter(kind=OrganisationKind.PARTNER)

    def visible_to(self, user):
        """Organisations taking part in a programme the user can see."""
        from schemes.network.models.programmes import Participation, Programme

        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        # Subqueries, not joins: an organisation appears once without DISTINCT.
        taking_part = Participation.objects.filter(
            programme__in=Programme.objects.visible_to(user)
        ).values("organisation_id")
        own = Membership.objects.filter(user=user).values("organisation_id")
        return self.filter(models.Q(pk__in=taking_part) | models.Q(pk__in=own))

    def managed_by(self, user):
        """Organisations the user may put into a programme or give members:
        those taking part in no programme the user does not coordinate.

        A member acts for the organisation in every programme it takes part
        in (a member of a coordinating body coordinates), so handing out its
        membership is up to whoever coordinates all of them; otherwise the
        coordinator of one programme could enrol a body of another and read
        everything there. ``schemes.services.organisation_require_managed``
        enforces it.
        """
        from schemes.network.models.programmes import Participation, Programme

        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        elsewhere = Participation.objects.exclude(
            programme__in=Programme.objects.coordinated_by(user)
        ).values("organisation_id")
        return self.exclude(pk__in=elsewhere)


class OrganisationManager(models.Manager.from_queryset(OrganisationQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Organisation(models.Model):
    """A city, an association of local and regional governments, or a partner.

    One table for all three, so that participations and memberships point
    at one model; ``kind`` says which, and the proxies below filter by it.
    """

    kind = models.CharField(
        _("kind"), max_length=20, choices=OrganisationKind, db_index=True
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("short name in addresses"),
        max_length=80,
        unique=True,
        help_text=_("Lower-case letters, digits and hyphens; used in addresses."),
        error_messages={"unique": _("This short name is taken: choose another.")},
    )
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    # Latvian puts an owner in the genitive ("Jelgavas pašnovērtējums"), and
    # a name cannot be declined by rule (foreign names, plural names such as
    # Cēsis -> Cēsu): the form is stored, not derived (incluportal.grammar).
    name_genitive_lv = models.CharField(
        _("name in the Latvian genitive"),
        max_length=200,
        blank=True,
        help_text=_(
            "For Latvian sentences such as “Jelgavas pašnovērtējums”: "
            "Jelgavas, Rīgas, Latvijas Pašvaldību savienības. Left empty, "
            "Latvian sentences name it as “pilsētas Schaerbeek”."
        ),
    )
    country = CountryField(_("country"))
    population = models.PositiveIntegerField(
        _("population"),
        null=True,
        blank=True,
        help_text=_("Number of inhabitants (cities only)."),
    )
    website = models.URLField(_("website"), blank=True)
    working_languages = models.CharField(
        _("working languages"),
        max_length=100,
        blank=True,
        help_text=_("Languages its staff can work in, as codes: en, fr, lv…"),
    )
    description = models.TextField(_("description"), blank=True)
    associations = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="member_cities",
        limit_choices_to={"kind": OrganisationKind.ASSOCIATION},
        verbose_name=_("member of associations"),
        help_text=_("The national or regional associations this city belongs to."),
    )

    objects = OrganisationManager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("schemes:organisation_detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    @property
    def languages(self):
        return {
            c.strip().lower() for c in self.working_languages.split(",") if c.strip()
        }

    @property
    def display_name(self):
        """Name with its acronym, as associations are usually known by both."""
        if self.acronym and self.acronym != self.name:
            return f"{self.name} ({self.acronym})"
        return self.name


class _KindManager(OrganisationManager):
    kind = None

    def get_queryset(self):
        return super().get_queryset().filter(kind=self.kind)


class CityManager(_KindManager):
    kind = OrganisationKind.CITY


class AssociationManager(_KindManager):
    kind = OrganisationKind.ASSOCIATION


class PartnerManager(_KindManager):
    kind = OrganisationKind.PARTNER


class KindProxyMixin:
    """A proxy of one kind of organisation always saves with that kind."""

    KIND = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.kind:
            self.kind = self.KIND

    def save(self, *args, **kwargs):
        self.kind = self.KIND
        super().save(*args, **kwargs)


class City(KindProxyMixin, Organisation):
    KIND = OrganisationKind.CITY
    objects = CityManager()

    class Meta:
        proxy = True
        verbose_name = _("city")
        verbose_name_plural = _("cities")


class Association(KindProxyMixin, Organisation):
    KIND = OrganisationKind.ASSOCIATION
    objects = AssociationManager()

    class Meta:
        proxy = True
        verbose_name = _("association")
        verbose_name_plural = _("associations")


class Partner(KindProxyMixin, Organisation):
    KIND = OrganisationKind.PARTNER
    objects = PartnerManager()

    class Meta:
        proxy = True
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")


class Membership(models.Model):
    """A person working for an organisation; what they may do follows from it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    position = models.CharField(_("position"), max_length=150, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation__name", "user__email"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="unique_membership"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.organisation}"
