from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from incluportal.documents import DocumentKind, register
from incluportal.history import Revisioned, tracked
from schemes.network.models.schemes import Scheme


class VisitHost(models.TextChoices):
    MENTEE = "mentee", _("Mentee city")
    MENTOR = "mentor", _("Mentor city")
    VIRTUAL = "virtual", _("Virtual meeting")


class VisitQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Visits have no draft: everyone who sees the scheme reads them."""
        return self.filter(scheme__in=Scheme.objects.visible_to(user))


class Visit(Revisioned):
    """A mentoring visit (or virtual meeting) of a scheme, in order."""

    scheme = models.ForeignKey(
        "schemes.Scheme",
        on_delete=models.CASCADE,
        related_name="visits",
        verbose_name=_("scheme"),
    )
    order = models.PositiveSmallIntegerField(_("order"))
    host = models.CharField(_("where"), max_length=20, choices=VisitHost)
    purpose = models.CharField(_("purpose"), max_length=300)
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("to"), null=True, blank=True)
    place = models.CharField(
        _("place"),
        max_length=300,
        blank=True,
        help_text=_("Leave empty for a virtual meeting."),
    )
    notes = models.TextField(_("notes"), blank=True, max_length=20_000)
    questions_answered = models.TextField(
        _("questions the visit answered"), blank=True, max_length=20_000
    )
    outcomes = models.TextField(_("outcomes"), blank=True, max_length=20_000)
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    team_participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="visits",
        verbose_name=_("participants from the city teams"),
    )

    objects = VisitQuerySet.as_manager()
    history = tracked(
        excluded_fields=["reminder_sent_at"],
        m2m_fields=["team_participants"],
    )

    class Meta:
        verbose_name = _("mentoring visit")
        verbose_name_plural = _("mentoring visits")
        ordering = ["scheme", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "order"],
                name="unique_visit_order",
            )
        ]

    def __str__(self):
        return _("Visit %(number)s: %(purpose)s") % {
            "number": self.order,
            "purpose": self.display_purpose,
        }

    def get_absolute_url(self):
        return reverse("schemes:visit_detail", args=[self.scheme_id, self.pk])

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("The last day cannot come before the first.")}
            )

    def history_children(self):
        return {
            "agenda": list(
                self.agenda_items.order_by("order").values_list("text", flat=True)
            ),
            "support_group_attendees": sorted(
                self.support_group_attendees.values_list("pk", flat=True)
            ),
        }

    @property
    def display_purpose(self):
        """The purpose, translated when it is still one of the defaults."""
        return gettext(self.purpose) if self.purpose else ""

    @property
    def is_virtual(self):
        return self.host == VisitHost.VIRTUAL


def _visit_organisers(user, visit):
    from schemes import access

    return access.can_organise_visits(user, visit.scheme)


register(
    DocumentKind(
        key="visit",
        model=Visit,
        # A working document of the whole scheme, written by no single city.
        programme=lambda visit: visit.scheme.programme,
        writers=_visit_organisers,
        history="schemes.work.history.visits.VisitHistory",
        # Its team is a link of its own (simple-history's ``m2m_fields``);
        # who came from the support groups is a link of theirs, kept here.
        history_rows=("agenda", "support_group_attendees"),
        pdf="schemes.pdfs.visit_pdf",
        export="schemes:visit_pdf",
    )
)


class AgendaItem(models.Model):
    visit = models.ForeignKey(
        Visit,
        on_delete=models.CASCADE,
        related_name="agenda_items",
        verbose_name=_("visit"),
    )
    order = models.PositiveSmallIntegerField(_("order"))
    text = models.CharField(_("agenda item"), max_length=500)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["visit", "order"]

    def __str__(self):
        return self.display_text

    @property
    def display_text(self):
        """The item, translated when it is still one of the defaults."""
        return gettext(self.text)
