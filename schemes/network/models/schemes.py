from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property
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


class SchemeShape(models.TextChoices):
    """Who helps whom: the method's mentoring, or the guide's community of
    practice (chapter 6), where peer cities learn from each other."""

    MENTORING = "mentoring", _("Mentoring: a mentee city and its mentor cities")
    PEERS = "peers", _("Community of practice: a group of peer cities")


# How many mentors a mentee city may have, and how many cities a community
# of practice holds (its convening city included).
MAX_MENTORS = 3
PEER_GROUP_MIN = 3
PEER_GROUP_MAX = 8


def participant_q(organisations, prefix=""):
    """Whether one of ``organisations`` (ids, or a subquery of them) takes
    part in the scheme: one of its cities or their associations, or a
    partner attached to it (who reads what the cities read); ``prefix`` is
    the path to the scheme ("scheme__"). Every read rule of a scheme's
    documents is built on it."""
    return (
        models.Q(**{f"{prefix}mentee_city__in": organisations})
        | models.Q(**{f"{prefix}mentee_association__in": organisations})
        | other_city_q(organisations, prefix)
        | models.Q(
            **{
                f"{prefix}pk__in": SchemeCity.objects.filter(
                    association__in=organisations
                ).values("scheme_id")
            }
        )
        | partner_q(organisations, prefix)
    )


def other_city_q(cities, prefix=""):
    """Whether one of ``cities`` is one of the scheme's mentors or peers
    (any city of the scheme but its mentee or convening city)."""
    return models.Q(
        **{
            f"{prefix}pk__in": SchemeCity.objects.filter(city__in=cities).values(
                "scheme_id"
            )
        }
    )


def learner_q(cities, prefix=""):
    """Whether one of ``cities`` writes the scheme's own documents (needs
    analysis, scope, action plan): its mentee city, or any peer of a
    community of practice (``Scheme.learning_city_ids``)."""
    return models.Q(**{f"{prefix}mentee_city__in": cities}) | (
        other_city_q(cities, prefix) & models.Q(**{f"{prefix}shape": SchemeShape.PEERS})
    )


def city_q(cities, prefix=""):
    """Whether one of ``cities`` is one of the scheme's cities."""
    return models.Q(**{f"{prefix}mentee_city__in": cities}) | other_city_q(
        cities, prefix
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

    def with_cities(self):
        """Each scheme with its cities and their associations, read at once."""
        return self.select_related(
            "mentee_city", "mentee_association"
        ).prefetch_related(
            models.Prefetch(
                "city_links",
                queryset=SchemeCity.objects.select_related("city", "association"),
            )
        )


class SchemeManager(models.Manager.from_queryset(SchemeQuerySet)):
    def get_by_natural_key(self, programme_slug, slug):
        return self.get(programme__slug=programme_slug, slug=slug)


class Scheme(models.Model):
    """A scheme: mentor cities help a mentee city on one theme, or a group
    of peer cities learn from each other (``shape``).

    Its first city (``mentee_city``) is the mentee, or the convening city of
    a community of practice: the scheme's documents (needs analysis, scope,
    action plan, reports) are its. Every other city is a ``SchemeCity``:
    the mentors, or the other peers, who write those documents with it
    in a community of practice.
    """

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
    shape = models.CharField(
        _("shape"),
        max_length=10,
        choices=SchemeShape,
        default=SchemeShape.MENTORING,
    )
    slug = models.SlugField(
        _("short name"),
        max_length=255,
        help_text=_("Its cities' short names: how files and exports name it."),
    )
    mentee_city = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="schemes_as_mentee",
        limit_choices_to={"kind": OrganisationKind.CITY},
        verbose_name=_("mentee city"),
        help_text=_(
            "In a community of practice: the convening city, which holds the "
            "group's documents."
        ),
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
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)

    objects = SchemeManager()

    class Meta:
        verbose_name = _("mentoring scheme")
        verbose_name_plural = _("mentoring schemes")
        ordering = ["programme", "slug"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "slug"],
                name="unique_scheme_slug",
                violation_error_message=_(
                    "These cities already have a scheme in this programme."
                ),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("schemes:scheme_detail", args=[self.pk])

    def natural_key(self):
        return (self.programme.slug, self.slug)

    natural_key.dependencies = [
        "schemes.programme",
        "schemes.organisation",
        "benchmarks.benchmark",
    ]

    def clean(self):
        errors = {}
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

    # --- Its cities (read from ``city_links``: prefetch them with
    # ``Scheme.objects.with_cities()`` when listing schemes) -----------------

    @cached_property
    def links(self):
        """The scheme's cities besides its first, in order."""
        return list(self.city_links.all())

    @property
    def is_peer_group(self):
        return self.shape == SchemeShape.PEERS

    @property
    def mentor_links(self):
        return [] if self.is_peer_group else self.links

    @property
    def mentor_cities(self):
        return [link.city for link in self.mentor_links]

    @property
    def mentor_city(self):
        """The first mentor city (None in a community of practice)."""
        links = self.mentor_links
        return links[0].city if links else None

    @property
    def mentor_association(self):
        links = self.mentor_links
        return links[0].association if links else None

    @property
    def peer_cities(self):
        """Every city of a community of practice, its convening city first."""
        if not self.is_peer_group:
            return []
        return [self.mentee_city, *(link.city for link in self.links)]

    @property
    def profile_cities(self):
        """The cities whose profile of strengths (Annex 3) the scheme reads:
        its mentors, or every peer of a community of practice."""
        return self.peer_cities if self.is_peer_group else self.mentor_cities

    def city_by_slug(self, slug):
        """The scheme's city of this short name, or None."""
        return next((city for city in self.cities if city.slug == slug), None)

    @property
    def cities(self):
        return [self.mentee_city, *(link.city for link in self.links)]

    @property
    def city_ids(self):
        return {self.mentee_city_id, *(link.city_id for link in self.links)}

    def roles(self):
        """[(city, association, role label)] for pages and PDFs."""
        return [
            (self.mentee_city, self.mentee_association, self.role_of(self.mentee_city))
        ] + [
            (link.city, link.association, self.role_of(link.city))
            for link in self.links
        ]

    def side_cities(self, side):
        """The cities of a side ("mentee": the first city; "mentor": the
        others, mentors or peers)."""
        if side == "mentee":
            return [self.mentee_city]
        return [link.city for link in self.links]

    def role_of(self, city):
        """The city's role here, as a label: mentee, mentor, convening or
        peer city (None for a city of another scheme)."""
        if city.pk == self.mentee_city_id:
            return _("Convening city") if self.is_peer_group else _("Mentee city")
        if city.pk in self.city_ids:
            return _("Peer city") if self.is_peer_group else _("Mentor city")
        return None

    @property
    def title(self):
        """ "Jelgava – Schaerbeek", "Jelgava – Schaerbeek, Ghent", or the
        peers of a community of practice: "Capaci, Jelgava, Tartu"."""
        others = ", ".join(link.city.name for link in self.links)
        if self.is_peer_group:
            return f"{self.mentee_city.name}, {others}"
        return f"{self.mentee_city.name} – {others}"

    @property
    def learning_city_ids(self):
        """The cities that write the scheme's own documents (needs analysis,
        scope, action plan): its mentee city, or every peer of a community
        of practice, with its convening city."""
        if self.is_peer_group:
            return self.city_ids
        return {self.mentee_city_id}

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
        """ "mentee" for the first city or its association, "mentor" for the
        others (mentors, or the other peers), None for anyone else."""
        if organisation.pk in (self.mentee_city_id, self.mentee_association_id):
            return "mentee"
        if any(
            organisation.pk in (link.city_id, link.association_id)
            for link in self.links
        ):
            return "mentor"
        return None


class SchemeCityManager(models.Manager):
    def get_by_natural_key(self, programme_slug, scheme_slug, city_slug):
        return self.get(
            scheme__programme__slug=programme_slug,
            scheme__slug=scheme_slug,
            city__slug=city_slug,
        )


class SchemeCity(models.Model):
    """A city of a scheme besides its first: a mentor, or a peer of a
    community of practice (its scheme's ``shape`` says which)."""

    scheme = models.ForeignKey(
        Scheme,
        on_delete=models.CASCADE,
        related_name="city_links",
        verbose_name=_("scheme"),
    )
    city = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="scheme_links",
        limit_choices_to={"kind": OrganisationKind.CITY},
        verbose_name=_("city"),
    )
    association = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="scheme_links_as_association",
        limit_choices_to={"kind": OrganisationKind.ASSOCIATION},
        verbose_name=_("city's association"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1)

    objects = SchemeCityManager()

    class Meta:
        verbose_name = _("city of a scheme")
        verbose_name_plural = _("cities of schemes")
        ordering = ["scheme", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "city"], name="unique_scheme_city"
            )
        ]

    def __str__(self):
        return f"{self.scheme}: {self.city}"

    def natural_key(self):
        return (*self.scheme.natural_key(), self.city.slug)

    natural_key.dependencies = ["schemes.scheme", "schemes.organisation"]


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
