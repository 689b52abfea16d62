"""Annex 6: the mentee city's action plan, its frozen versions and its
implementation."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from incluportal.documents import (
    DashboardColumn,
    DocumentKind,
    DossierSection,
    file_rows,
    register,
)
from incluportal.history import Revisioned, tracked
from incluportal.written import Written
from schemes.network.models.organisations import Membership
from schemes.network.models.programmes import Programme
from schemes.network.models.schemes import learner_q, participant_q
from schemes.work.models.documents import scheme_learners
from schemes.work.models.hooks import one_per_scheme
from schemes.work.timeline import Precision


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted to the council")
    APPROVED = "approved", _("Approved by the council")
    RETURNED = "returned", _("Returned for changes")


# The workflow as data: which status may follow which.
PLAN_TRANSITIONS = {
    PlanStatus.DRAFT: (PlanStatus.SUBMITTED,),
    PlanStatus.SUBMITTED: (PlanStatus.APPROVED, PlanStatus.RETURNED),
    PlanStatus.RETURNED: (PlanStatus.SUBMITTED,),
    PlanStatus.APPROVED: (PlanStatus.DRAFT,),  # a new draft from the approved plan
}
# Read by the scheme's other participants; a draft or returned plan is not.
SHARED_PLAN_STATUSES = (PlanStatus.SUBMITTED, PlanStatus.APPROVED)


class ImplementationStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DELAYED = "delayed", _("Delayed")
    DROPPED = "dropped", _("Dropped")


class ActionPlanQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The working plan: the mentee city and the coordinators always; the
        scheme's other participants once it is submitted or approved. (Its
        frozen versions were submitted: everyone in the scheme reads them.)"""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        own = Membership.objects.filter(user=user).values("organisation_id")
        return self.filter(
            learner_q(own, "scheme__")
            | models.Q(scheme__programme__in=Programme.objects.coordinated_by(user))
            | models.Q(
                participant_q(own, "scheme__"),
                status__in=SHARED_PLAN_STATUSES,
            )
        )


class ActionPlan(Written, Revisioned):
    scheme = models.OneToOneField(
        "schemes.Scheme",
        on_delete=models.CASCADE,
        related_name="action_plan",
        verbose_name=_("scheme"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=PlanStatus, default=PlanStatus.DRAFT
    )
    # The number the next frozen version will get; the draft is "version N".
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    review_comment = models.TextField(_("coordinator's comment"), blank=True)

    objects = ActionPlanQuerySet.as_manager()
    history = tracked()

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")

    def __str__(self):
        return _("Action plan of %(city)s") % {"city": self.scheme.mentee_city}

    def get_absolute_url(self):
        return reverse("schemes:action_plan", args=[self.scheme_id])

    def history_children(self):
        """The plan's rows, the one format of its historical records and of
        its frozen versions: every column of a row (links by id), the name
        of its key factor as it is now, and its progress notes."""
        notes = {}
        for note in ProgressNote.objects.filter(row__plan=self).order_by("date", "pk"):
            notes.setdefault(note.row_id, []).append(
                {"date": note.date.isoformat(), "text": note.text}
            )
        return {
            "rows": [
                {
                    "id": row.pk,
                    "revision": row.revision,
                    **{
                        f.attname: _plain(getattr(row, f.attname))
                        for f in ActionPlanRow.content_fields()
                    },
                    "key_factor": str(row.key_factor) if row.key_factor else "",
                    "notes": notes.get(row.pk, []),
                }
                for row in self.rows.select_related("key_factor").order_by("number")
            ]
        }

    @property
    def is_editable(self):
        return self.status in (PlanStatus.DRAFT, PlanStatus.RETURNED)

    @property
    def is_approved(self):
        return self.status == PlanStatus.APPROVED


def _plan_writers(user, plan):
    """The mentee city (every peer of a community of practice), while the
    plan is being written (or sent back)."""
    from schemes import access

    return plan.is_editable and access.is_author(user, plan)


def _plan_reviewers(user, plan):
    from schemes import access

    return access.is_coordinator(user, plan.scheme.programme)


def plan_label(plan):
    """The plan's status and version, as the dashboard shows it."""
    if plan is None:
        return "—"
    version = gettext("version %(number)s") % {"number": plan.version}
    return f"{plan.get_status_display()} · {version}"


def _plan_overdue(scheme, plan, today):
    if (
        scheme.end_date
        and scheme.end_date < today
        and (plan is None or plan.status != PlanStatus.APPROVED)
    ):
        return [gettext("Action plan not approved by the scheme's end date")]
    return []


def _plans_file(programme, schemes, cities):
    """The schemes' plans, their actions with the progress notes, and the
    versions sent to the council."""
    plans = file_rows(ActionPlan, scheme__in=schemes)
    plan_ids = [p.pk for p in plans]
    rows = file_rows(ActionPlanRow, plan__in=plan_ids)
    notes = file_rows(ProgressNote, row__in=[r.pk for r in rows])
    return [*plans, *rows, *notes, *file_rows(ActionPlanVersion, plan__in=plan_ids)]


register(
    DocumentKind(
        key="action-plan",
        model=ActionPlan,
        programme_file=_plans_file,
        author=lambda plan: plan.scheme.mentee_city,
        co_authors=scheme_learners,
        programme=lambda plan: plan.scheme.programme,
        private=lambda plan: plan.status not in SHARED_PLAN_STATUSES,
        writers=_plan_writers,
        reviewers=_plan_reviewers,
        # Annex 6 (schemes.work.annexes.ACTION_PLAN) is a table of rows, not a
        # template of parts: the plan's own screens follow its columns.
        annex=None,
        transitions=PLAN_TRANSITIONS,
        history="schemes.work.history.action_plans.ActionPlanHistory",
        history_rows=("rows",),
        pdf="schemes.pdfs.action_plan_pdf",
        export="schemes:action_plan_pdf",
        setup=one_per_scheme(ActionPlan),
        dashboard=DashboardColumn(
            heading=_("Action plan"),
            export_heading=_("Action plan"),
            text=plan_label,
            related="action_plan",
            overdue=_plan_overdue,
        ),
        # Its working version, or a note that it is a draft.
        dossier=DossierSection(
            template="pdf/_dossier_action_plan.html",
            sections="schemes.pdfs.action_plan_dossier",
        ),
    )
)


def _plain(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


class ActionPlanRow(Revisioned):
    plan = models.ForeignKey(
        ActionPlan,
        on_delete=models.CASCADE,
        related_name="rows",
        verbose_name=_("action plan"),
    )
    number = models.PositiveSmallIntegerField(_("number"))
    action = models.TextField(_("actions"), max_length=5000)
    results = models.TextField(_("results"), blank=True, max_length=5000)
    # The timeline as written (schemes.work.timeline): the first day of its
    # start and the last day of its end, and the unit each was written in
    # (12.03.2024, 03.2024, Q3 2024, 2024), which is how it prints.
    start = models.DateField(_("from"), null=True, blank=True)
    start_precision = models.CharField(
        _("start written as"),
        max_length=10,
        choices=Precision,
        default=Precision.DAY,
    )
    end = models.DateField(_("until"), null=True, blank=True)
    end_precision = models.CharField(
        _("end written as"),
        max_length=10,
        choices=Precision,
        default=Precision.DAY,
    )
    leads = models.CharField(_("who leads?"), max_length=500, blank=True)
    resources = models.TextField(
        _("resources and partners"), blank=True, max_length=5000
    )
    success = models.TextField(_("success evaluation"), blank=True, max_length=5000)
    need = models.CharField(
        _("need it answers"),
        max_length=500,
        blank=True,
        help_text=_("The need from the needs analysis that this action answers."),
    )
    key_factor = models.ForeignKey(
        "benchmarks.KeyFactor",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_plan_rows",
        verbose_name=_("benchmark key factor"),
    )
    added_at_visit = models.ForeignKey(
        "schemes.Visit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="added_actions",
        verbose_name=_("added at visit"),
    )
    implementation_status = models.CharField(
        _("implementation"),
        max_length=20,
        choices=ImplementationStatus,
        default=ImplementationStatus.NOT_STARTED,
    )

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="unique_row_number")
        ]

    def __str__(self):
        return f"{self.number}. {self.action[:60]}"

    def history_base(self, revision):
        """This row's content at ``revision``, from the plan's recent history."""
        records = self.plan.history.order_by("-history_date")[:200]
        for record in records.iterator():
            for row in (record.children or {}).get("rows", []):
                if row.get("id") == self.pk and row.get("revision") == revision:
                    return {f.name: row.get(f.attname) for f in self.content_fields()}
        return None

    @classmethod
    def content_fields(cls):
        """What a row says: every column but its identity and bookkeeping."""
        return [
            f
            for f in cls._meta.concrete_fields
            if f.name not in ("id", "plan", "revision")
        ]

    def clean(self):
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end cannot come before the start.")})


class ProgressNote(models.Model):
    """A dated note on how an approved action is going."""

    row = models.ForeignKey(
        ActionPlanRow,
        on_delete=models.CASCADE,
        related_name="progress_notes",
        verbose_name=_("action"),
    )
    date = models.DateField(_("date"))
    text = models.TextField(_("progress"), max_length=5000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("written by"),
    )

    class Meta:
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")
        ordering = ["row", "-date", "-pk"]

    def __str__(self):
        return f"{self.date}: {self.text[:60]}"


class ActionPlanVersion(models.Model):
    """A plan frozen when it went to the council: readable and exportable for good."""

    plan = models.ForeignKey(
        ActionPlan,
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("action plan"),
    )
    number = models.PositiveSmallIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=20, choices=PlanStatus)
    frozen_at = models.DateTimeField(_("frozen"), auto_now_add=True)
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    # The plan as it was, in full: its rows in the format of its historical
    # records (``ActionPlan.history_children``), with the names of its scheme
    # and cities (``schemes.work.services.action_plans.snapshot``).
    snapshot = models.JSONField(_("content"))
    decision_date = models.DateField(
        _("date of the council's decision"), null=True, blank=True
    )
    decision_reference = models.CharField(
        _("reference of the decision"), max_length=200, blank=True
    )

    class Meta:
        verbose_name = _("action plan version")
        verbose_name_plural = _("action plan versions")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"], name="unique_plan_version"
            )
        ]

    def __str__(self):
        return _("Version %(number)s") % {"number": self.number}

    def get_absolute_url(self):
        return reverse(
            "schemes:action_plan_version", args=[self.plan.scheme_id, self.number]
        )
