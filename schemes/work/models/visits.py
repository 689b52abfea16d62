from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from incluportal import dates
from incluportal.documents import (
    DashboardColumn,
    DocumentKind,
    DossierSection,
    SchemeSetup,
    file_rows,
    register,
)
from incluportal.history import Revisioned, one_record, tracked
from incluportal.written import ShippedTexts, Written
from schemes.network.models.schemes import Scheme
from schemes.work import annexes

# The method's default: three visits, the first and last in the mentee city
# and the second in its (first) mentor city, each with its agenda
# (``annexes.VISIT_AGENDAS``); a community of practice meets in three of its
# cities in turn. Stored in English, the source language, and shown in each
# reader's language until someone changes them (``SHIPPED``).
DEFAULT_PURPOSES = [
    _("Situation: the mentors meet the local context"),
    _("Inspiration: the mentor city's practice"),
    _("Consolidating the action plan"),
]
PEER_PURPOSES = [
    _("Situation: the peers meet the host city's local context"),
    _("Inspiration: a peer city's practice"),
    _("Consolidating the action plan"),
]
# The purpose of a visit someone adds, until they give it one.
NEW_MEETING = _("New meeting")
SHIPPED_PURPOSES = ShippedTexts(DEFAULT_PURPOSES, PEER_PURPOSES, NEW_MEETING)
SHIPPED_AGENDA = ShippedTexts(annexes.VISIT_AGENDAS)


def default_hosts(scheme):
    """The host city of each default visit."""
    cities = scheme.cities
    if scheme.is_peer_group:
        return [cities[i % len(cities)] for i in range(len(DEFAULT_PURPOSES))]
    return [scheme.mentee_city, scheme.mentor_city, scheme.mentee_city]


class VisitQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Visits have no draft: everyone who sees the scheme reads them."""
        return self.filter(scheme__in=Scheme.objects.visible_to(user))


class Visit(Written, Revisioned):
    """A mentoring visit (or virtual meeting) of a scheme, in order."""

    scheme = models.ForeignKey(
        "schemes.Scheme",
        on_delete=models.CASCADE,
        related_name="visits",
        verbose_name=_("scheme"),
    )
    order = models.PositiveSmallIntegerField(_("order"))
    host_city = models.ForeignKey(
        "schemes.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_visits",
        verbose_name=_("host city"),
        help_text=_("One of the scheme's cities; none for a virtual meeting."),
    )
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
    # Read by the history's list of changes (``schemes.work.history.diff``).
    SHIPPED_TEXTS = {"purpose": SHIPPED_PURPOSES}
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
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The last day cannot come before the first.")
        if (
            self.host_city_id is not None
            and self.scheme_id
            and self.host_city_id not in self.scheme.city_ids
        ):
            errors["host_city"] = _("Choose one of the scheme's cities.")
        if errors:
            raise ValidationError(errors)

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
        """The purpose, in the reader's language while it is a shipped one."""
        return SHIPPED_PURPOSES.show(self.purpose)

    @property
    def purpose_is_shipped(self):
        return SHIPPED_PURPOSES.is_shipped(self.purpose)

    @property
    def is_virtual(self):
        return self.host_city_id is None

    @property
    def where(self):
        """The host city's name, or "Virtual meeting"."""
        if self.host_city_id is None:
            return gettext("Virtual meeting")
        return self.host_city.name


def _visit_organisers(user, visit):
    """Coordinators, the scheme's cities and its partners (who help
    prepare them) add, remove, reorder and record visits."""
    from schemes import access

    scheme = visit.scheme
    return (
        access.is_coordinator(user, scheme.programme)
        or bool(access.organisation_ids(user) & scheme.city_ids)
        or access.supports_scheme(user, scheme)
    )


def _default_visits(scheme):
    """A new scheme's visits: the defaults with their agendas, unless it has
    visits already."""
    if scheme.visits.exists():
        return
    # Default texts are stored in English, the source language, and shown
    # translated (``SHIPPED_PURPOSES``, ``SHIPPED_AGENDA``).
    purposes = PEER_PURPOSES if scheme.is_peer_group else DEFAULT_PURPOSES
    for i, (host, purpose, agenda) in enumerate(
        zip(
            default_hosts(scheme),
            purposes,
            annexes.VISIT_AGENDAS,
            strict=True,
        ),
        start=1,
    ):
        with translation.override("en"):
            visit = Visit(scheme=scheme, order=i, host_city=host, purpose=str(purpose))
            with one_record(visit):
                visit.save()
                AgendaItem.objects.bulk_create(
                    AgendaItem(visit=visit, order=n, text=str(text))
                    for n, text in enumerate(agenda, start=1)
                )


@dataclass
class SchemeVisits:
    """A scheme's visits as the dashboard sees them."""

    next: Visit | None = None
    # Those past whose outcomes nobody has recorded.
    unreported: list = field(default_factory=list)


def _dashboard_visits(programme, schemes):
    today = timezone.localdate()
    found = {scheme.pk: SchemeVisits() for scheme in schemes}
    for visit in Visit.objects.filter(scheme__in=schemes).order_by(
        "start_date", "order"
    ):
        visits = found[visit.scheme_id]
        if visit.start_date and visit.start_date >= today:
            if visits.next is None:
                visits.next = visit
        elif visit.start_date and visit.start_date < today and not visit.outcomes:
            visits.unreported.append(visit)
    return found


def _unreported(scheme, visits, today):
    return [
        gettext("No outcomes recorded for visit %(number)s") % {"number": visit.order}
        for visit in (visits.unreported if visits else [])
    ]


def _visits_file(programme, schemes, cities):
    """The schemes' visits and their agendas."""
    visits = file_rows(Visit, scheme__in=schemes)
    return [*visits, *file_rows(AgendaItem, visit__in=[v.pk for v in visits])]


register(
    DocumentKind(
        key="visit",
        model=Visit,
        programme_file=_visits_file,
        # A working document of the whole scheme, written by no single city.
        programme=lambda visit: visit.scheme.programme,
        writers=_visit_organisers,
        history="schemes.work.history.visits.VisitHistory",
        # Its team is a link of its own (simple-history's ``m2m_fields``);
        # who came from the support groups is a link of theirs, kept here.
        history_rows=("agenda", "support_group_attendees"),
        pdf="schemes.pdfs.visit_pdf",
        export="schemes:visit_pdf",
        setup=SchemeSetup(
            present=lambda scheme: [
                Exists(Visit.objects.filter(scheme=OuterRef("pk")))
            ],
            create=_default_visits,
        ),
        dashboard=DashboardColumn(
            heading=_("Next visit"),
            export_heading=_("Next visit"),
            template="schemes/coordination/_dashboard_visit.html",
            text=lambda visits: (
                dates.day(visits.next.start_date) if visits and visits.next else ""
            ),
            values=_dashboard_visits,
            overdue=_unreported,
        ),
        dossier=DossierSection(
            template="pdf/_visit_body.html",
            sections="schemes.pdfs.visit_dossier",
        ),
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
        """The item, in the reader's language while it is a shipped one."""
        return SHIPPED_AGENDA.show(self.text)
