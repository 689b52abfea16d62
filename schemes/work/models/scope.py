"""The scheme's scope: after the needs analysis, the mentee city and its
mentor refine it into the questions the scheme will answer, agreed by both
sides. Each side records its agreement (who, when); with both, the scope is
agreed; a change after that reopens the agreement."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from incluportal.documents import (
    DocumentKind,
    DossierSection,
    file_rows,
    register,
)
from incluportal.history import Revisioned, tracked
from incluportal.written import Written
from schemes.network.models.organisations import Membership
from schemes.network.models.programmes import Programme
from schemes.network.models.schemes import city_q, participant_q
from schemes.work.models.hooks import one_per_scheme, status_column


class ScopeStatus(models.TextChoices):
    DRAFT = "draft", _("Being agreed")
    AGREED = "agreed", _("Agreed by both sides")


# Agreed once both sides agree; a change after that reopens the agreement.
SCOPE_TRANSITIONS = {
    ScopeStatus.DRAFT: (ScopeStatus.AGREED,),
    ScopeStatus.AGREED: (ScopeStatus.DRAFT,),
}
# The two sides that agree: the mentee (or convening) city, and the others
# (``Scheme.side_cities``), any one of which agrees for them all.
SCOPE_SIDES = ("mentee", "mentor")
# What the scope says, in the order of its page, form and PDF; the first is
# required before a side may agree.
SCOPE_FIELDS = ("questions", "needs", "out_of_scope")


class ScopeQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The two cities and the programme's coordinators always; the
        scheme's other participants (its associations) once it is agreed."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        own = Membership.objects.filter(user=user).values("organisation_id")
        return self.filter(
            city_q(own, "scheme__")
            | models.Q(scheme__programme__in=Programme.objects.coordinated_by(user))
            | models.Q(participant_q(own, "scheme__"), status=ScopeStatus.AGREED)
        )


class Scope(Written, Revisioned):
    scheme = models.OneToOneField(
        "schemes.Scheme",
        on_delete=models.CASCADE,
        related_name="scope",
        verbose_name=_("scheme"),
    )
    questions = models.TextField(
        _("questions the scheme will answer"),
        blank=True,
        max_length=10_000,
        help_text=_(
            "Refined from the needs analysis with the mentor: one question "
            "per line, as concrete as the scheme can answer."
        ),
    )
    needs = models.TextField(
        _("needs it takes up"),
        blank=True,
        max_length=10_000,
        help_text=_("The needs from the needs analysis that these questions answer."),
    )
    out_of_scope = models.TextField(
        _("left out of the scheme"),
        blank=True,
        max_length=10_000,
        help_text=_("What the two cities agree the scheme will not address."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ScopeStatus, default=ScopeStatus.DRAFT
    )
    mentee_agreed_at = models.DateTimeField(
        _("agreed by the mentee city"), null=True, blank=True
    )
    mentee_agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agreed for the mentee city by"),
    )
    mentor_agreed_at = models.DateTimeField(
        _("agreed by the mentor city"), null=True, blank=True
    )
    mentor_agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agreed for the mentor city by"),
    )
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last saved by"),
    )

    objects = ScopeQuerySet.as_manager()
    history = tracked()

    class Meta:
        verbose_name = _("scope")
        verbose_name_plural = _("scopes")

    def __str__(self):
        return _("Scope of %(scheme)s") % {"scheme": self.scheme}

    def get_absolute_url(self):
        return reverse("schemes:scope", args=[self.scheme_id])

    @property
    def is_agreed(self):
        return self.status == ScopeStatus.AGREED

    def agreed_at(self, side):
        return getattr(self, f"{side}_agreed_at")

    def agreements(self):
        """Each side's cities and its agreement (when, by whom), for pages."""
        return [
            {
                "side": side,
                "city": self.scheme.side_cities(side)[0],
                "name": ", ".join(c.name for c in self.scheme.side_cities(side)),
                # One city: the button names it in the genitive (grammar).
                "single": len(self.scheme.side_cities(side)) == 1,
                "at": getattr(self, f"{side}_agreed_at"),
                "by": getattr(self, f"{side}_agreed_by"),
            }
            for side in SCOPE_SIDES
        ]

    def content(self):
        """(label, help, text) of what it says, for its page and PDF."""
        return [
            (
                self._meta.get_field(name).verbose_name,
                self._meta.get_field(name).help_text,
                getattr(self, name),
            )
            for name in SCOPE_FIELDS
        ]

    @property
    def percent_complete(self):
        filled = sum(1 for name in SCOPE_FIELDS if getattr(self, name).strip())
        return round(100 * filled / len(SCOPE_FIELDS))


def scope_writers(user, scope):
    """The scheme's cities write it together, agreed or not: a change to an
    agreed scope reopens the agreement."""
    from schemes import access

    return bool(access.organisation_ids(user) & scope.scheme.city_ids)


register(
    DocumentKind(
        key="scope",
        model=Scope,
        author=lambda scope: scope.scheme.mentee_city,
        programme=lambda scope: scope.scheme.programme,
        # Its draft is the two cities' (not one author's): the queryset
        # decides who reads it.
        writers=scope_writers,
        transitions=SCOPE_TRANSITIONS,
        history="schemes.work.history.scope.ScopeHistory",
        pdf="schemes.pdfs_work.scope_pdf",
        export="schemes:scope_pdf",
        setup=one_per_scheme(Scope),
        # Its status and how much of it is written, as the other documents'.
        dashboard=status_column(_("Scope"), _("Scope"), related="scope"),
        dossier=DossierSection(
            template="pdf/_scope_body.html",
            sections="schemes.pdfs_work.scope_dossier",
        ),
        scheme_page="schemes.selectors.scope_entries",
        programme_file=lambda programme, schemes, cities: file_rows(
            Scope, scheme__in=schemes
        ),
    )
)
