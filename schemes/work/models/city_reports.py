"""The documents of a city's assessment and participation phases (the
process of the second programme of the demo): the intercultural review
report that ends the assessment phase, and the strategy that ends the
participation phase. Each is written by the city (the scheme's mentee city,
or the convening city of a community of practice) with the technical
partners attached to its scheme,
and reviewed by the programme's coordinators: draft, submitted, approved or
returned, as the annex documents. A scheme has them only when its programme's
process asks for them: they are started on demand (``review_report_start``,
``strategy_start`` in ``schemes.work.services.city_reports``)."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from incluportal.documents import DossierSection, file_rows, register
from schemes.network.models.programmes import ParticipationRole
from schemes.network.models.schemes import participant_q, partner_q
from schemes.work.models.documents import (
    SHARED_STATUSES,
    WorkflowDocument,
    annex_document_kind,
    coordinated_programmes,
    own_organisations,
)
from schemes.work.models.hooks import status_column


def _text(label, help_text=""):
    return models.TextField(label, blank=True, max_length=20_000, help_text=help_text)


class CityReportQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Its writers (the city and the technical partners attached to the
        scheme) and the programme's coordinators always; the scheme's other
        participants once it is submitted or approved."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        own = own_organisations(user)
        return self.filter(
            models.Q(scheme__mentee_city__in=own)
            | partner_q(own, "scheme__", roles=WRITING_PARTNERS)
            | models.Q(scheme__programme__in=coordinated_programmes(user))
            | models.Q(participant_q(own, "scheme__"), status__in=SHARED_STATUSES)
        )


class CityReport(WorkflowDocument):
    """A city's document of one scheme, in sections of free text."""

    # Its sections, in order: (field name, required before it is submitted).
    SECTIONS = ()
    # The name of its URLs ("schemes:<url_name>", "_edit", "_pdf", "_start").
    URL_NAME = ""
    KEY = ""

    class Meta:
        abstract = True

    def get_absolute_url(self):
        return reverse(f"schemes:{self.URL_NAME}", args=[self.scheme_id])

    @property
    def author(self):
        return self.scheme.mentee_city

    @property
    def programme(self):
        return self.scheme.programme

    def sections(self):
        """(field, label, help, text, required) of each section, in order."""
        return [
            {
                "name": name,
                "label": self._meta.get_field(name).verbose_name,
                "help": self._meta.get_field(name).help_text,
                "text": getattr(self, name),
                "required": required,
            }
            for name, required in self.SECTIONS
        ]

    def completeness(self):
        """(written, required) over its required sections."""
        required = [name for name, needed in self.SECTIONS if needed]
        written = sum(1 for name in required if getattr(self, name).strip())
        return written, len(required)


# The partners who write a city's report or strategy with it (seed 003: the
# assessment is made with the technical partners); method coordinators read.
WRITING_PARTNERS = (ParticipationRole.TECHNICAL_PARTNER,)


def writing_organisations(document):
    """The organisations that write a city's report or strategy: the city and
    the technical partners attached to its scheme."""
    scheme = document.scheme
    partners = scheme.partners().filter(role__in=WRITING_PARTNERS)
    return [scheme.mentee_city_id, *partners.values_list("organisation_id", flat=True)]


def city_report_writers(user, document):
    """Who may change the document now: its writing organisations, while it
    is a draft or returned."""
    from schemes import access

    return document.is_editable and bool(
        access.organisation_ids(user) & set(writing_organisations(document))
    )


def _declare(model, *, key, heading):
    register(
        annex_document_kind(
            key=key,
            model=model,
            writers=city_report_writers,
            # Written with partners: its queryset says who reads a draft.
            private=lambda document: False,
            history=f"schemes.work.history.city_reports.{model.__name__}History",
            pdf="schemes.pdfs_work.city_report_pdf",
            export=f"schemes:{model.URL_NAME}_pdf",
            # Only the schemes whose process asks for it: started on demand.
            setup=None,
            # Empty ("—") for a scheme that has none.
            dashboard=status_column(
                heading, heading, related=model.URL_NAME, when_asked=True
            ),
            dossier=DossierSection(
                template="pdf/_city_report_body.html",
                sections=f"schemes.pdfs_work.{model.URL_NAME}_dossier",
            ),
            programme_file=lambda programme, schemes, cities: file_rows(
                model, scheme__in=schemes
            ),
        )
    )


class ReviewReport(CityReport):
    """The intercultural review report that ends a city's assessment phase."""

    scheme = models.OneToOneField(
        "schemes.Scheme",
        on_delete=models.CASCADE,
        related_name="review_report",
        verbose_name=_("scheme"),
    )
    context = _text(
        _("the city and its diversity"),
        _("Who lives in the city, where newcomers come from, what has changed."),
    )
    method = _text(
        _("how the assessment was made"),
        _("With whom (technical partners, departments, residents), and how."),
    )
    strengths = _text(
        _("strengths"), _("What the city already does well for an intercultural city.")
    )
    gaps = _text(
        _("gaps and challenges"),
        _("Where policies, services or participation fall short."),
    )
    recommendations = _text(
        _("recommendations"), _("What the city should change, most important first.")
    )
    next_steps = _text(
        _("next steps for the participation phase"),
        _("Whom to involve, and which questions to take into the strategy."),
    )

    SECTIONS = (
        ("context", True),
        ("method", True),
        ("strengths", True),
        ("gaps", True),
        ("recommendations", True),
        ("next_steps", False),
    )
    URL_NAME = "review_report"
    KEY = "review-report"

    objects = CityReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("intercultural review report")
        verbose_name_plural = _("intercultural review reports")

    def __str__(self):
        return _("Intercultural review report of %(city)s") % {
            "city": self.scheme.mentee_city
        }


_declare(ReviewReport, key="review-report", heading=_("Review report"))


class Strategy(CityReport):
    """The city's strategy that ends its participation phase."""

    scheme = models.OneToOneField(
        "schemes.Scheme",
        on_delete=models.CASCADE,
        related_name="strategy",
        verbose_name=_("scheme"),
    )
    vision = _text(_("vision"), _("The city the strategy works towards."))
    priorities = _text(_("priorities"), _("The few priorities it sets, in order."))
    actions = _text(
        _("actions or measures"), _("What will be done under each priority.")
    )
    leads = _text(
        _("who leads"), _("The department, partner or person that leads each action.")
    )
    timeline = _text(_("timeline"), _("When each action starts and ends."))
    monitoring = _text(
        _("monitoring"), _("How progress is measured, by whom and how often.")
    )

    SECTIONS = (
        ("vision", True),
        ("priorities", True),
        ("actions", True),
        ("leads", True),
        ("timeline", True),
        ("monitoring", True),
    )
    URL_NAME = "strategy"
    KEY = "strategy"

    objects = CityReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")

    def __str__(self):
        return _("Strategy of %(city)s") % {"city": self.scheme.mentee_city}


_declare(Strategy, key="strategy", heading=_("Strategy"))

# The kinds started on demand, by URL key (the scheme page's buttons).
CITY_REPORTS = {model.KEY: model for model in (ReviewReport, Strategy)}
