"""Annex 3: a mentor city's strengths and experience (parts A and B)."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from incluportal.documents import DossierSection, file_rows, register
from schemes.network.models.organisations import Organisation, OrganisationKind
from schemes.network.models.programmes import Programme
from schemes.network.models.schemes import Scheme, SchemeCity
from schemes.work import annexes
from schemes.work.models.documents import (
    SHARED_STATUSES,
    LocalContextAnswers,
    MentorAnswers,
    WorkflowDocument,
    annex_document_kind,
    city_in_a_scheme_with,
    coordinated_programmes,
    own_organisations,
)
from schemes.work.models.hooks import (
    by_city,
    one_per_city,
    status_column,
)
from schemes.work.models.needs import NationalContext


class MentorProfileQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The mentor city and the programme's coordinators always; once it
        is submitted or approved, everyone in a scheme of the programme where
        the city takes part."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        own = own_organisations(user)
        return self.filter(
            models.Q(city__in=own)
            | models.Q(programme__in=coordinated_programmes(user))
            | models.Q(city_in_a_scheme_with(own), status__in=SHARED_STATUSES)
        )

    def pages_visible_to(self, user):
        """The profiles whose page the user may open: those they may read,
        and, shown as "not shared yet" until submitted, those of a city they
        work with: its association (which writes Part C on that page) and
        the people of the city's schemes as a mentor."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        writes_part_c = models.Exists(
            NationalContext.objects.filter(
                programme=models.OuterRef("programme"),
                city=models.OuterRef("city"),
                association__in=own_organisations(user),
            )
        )
        in_its_schemes = models.Exists(
            Scheme.objects.visible_to(user).filter(
                programme=models.OuterRef("programme"),
                pk__in=SchemeCity.objects.filter(
                    city=models.OuterRef(models.OuterRef("city"))
                ).values("scheme_id"),
            )
        )
        return self.filter(
            models.Q(pk__in=self.visible_to(user).values("pk"))
            | writes_part_c
            | in_its_schemes
        )


class MentorProfile(WorkflowDocument, MentorAnswers, LocalContextAnswers):
    """Annex 3, parts A and B: a mentor city's strengths, reused across the
    schemes of a programme."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="mentor_profiles",
        verbose_name=_("programme"),
    )
    city = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="mentor_profiles",
        limit_choices_to={"kind": OrganisationKind.CITY},
        verbose_name=_("city"),
    )
    key_factors = models.ManyToManyField(
        "benchmarks.KeyFactor",
        blank=True,
        related_name="mentor_profiles",
        verbose_name=_("key factors the city is strong in"),
    )
    good_practices = models.ManyToManyField(
        "schemes.GoodPractice",
        blank=True,
        related_name="mentor_profiles",
        verbose_name=_("good practices"),
    )

    PARTS = annexes.MENTOR_PROFILE.parts[:2]
    # Its links, in each historical record (simple-history's ``m2m_fields``).
    _history_m2m_fields = ["key_factors", "good_practices"]

    objects = MentorProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("mentor profile")
        verbose_name_plural = _("mentor profiles")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "city"], name="unique_mentor_profile"
            )
        ]

    def __str__(self):
        return _("Mentor profile of %(city)s") % {"city": self.city}

    def get_absolute_url(self):
        return reverse(
            "schemes:mentor_profile", args=[self.programme.slug, self.city.slug]
        )

    def history_children(self):
        """No rows: its links are kept by simple-history (``m2m_fields``)."""
        return {}

    @property
    def author(self):
        return self.city


def _profiles_file(programme, schemes, cities):
    return file_rows(MentorProfile, programme=programme)


register(
    annex_document_kind(
        key="mentor-profile",
        model=MentorProfile,
        annex=annexes.MENTOR_PROFILE,
        history="schemes.work.history.documents.MentorProfileHistory",
        pdf="schemes.pdfs.mentor_profile_pdf",
        export="schemes:mentor_profile_pdf",
        # The mentor city's, which its other schemes of the programme share.
        # (Each peer's, in a community of practice.)
        setup=one_per_city(
            MentorProfile,
            lambda scheme: [(city, {}) for city in scheme.profile_cities],
        ),
        dashboard=status_column(
            _("Mentor profile"),
            _("Mentor profile"),
            values=by_city(MentorProfile, lambda scheme: scheme.mentor_city),
        ),
        # With its Part C, its key factors and its good practices.
        dossier=DossierSection(
            template="pdf/_mentor_profile_body.html",
            sections="schemes.pdfs.mentor_profile_dossier",
        ),
        scheme_page="schemes.selectors.mentor_profile_entries",
        programme_file=_profiles_file,
    )
)
