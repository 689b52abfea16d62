"""A programme's process: its ordered phases, each reached by a rule.

A phase is reached either as one of the IncluCities method's seven steps is
(``SchemeStage``, derived from the scheme's documents), when each of its
deliverables (document kinds of the registry) is submitted for the scheme,
or when a coordinator marks it done. ``schemes.work.progress`` reads them.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from incluportal.written import Written
from schemes.network.models.programmes import Programme
from schemes.network.models.schemes import SchemeStage


class ProcessRule(models.TextChoices):
    """How a phase is reached: one of the method's steps, or these two."""

    NEEDS_ANALYSIS = "needs_analysis", _("Needs analysis submitted")
    MATCHING = "matching", _("Cities matched")
    TRAINING = "training", _("Training held")
    VISITS = "visits", _("Visits held")
    ACTION_PLAN = "action_plan", _("Plan submitted")
    APPROVAL = "approval", _("Plan approved")
    IMPLEMENTATION = "implementation", _("Implementation under way")
    DELIVERABLES = "deliverables", _("Its deliverables are submitted")
    MARKED = "marked", _("A coordinator marks it done")


# The rules that are one of the method's steps.
STEP_RULES = frozenset(SchemeStage.values)


class PhaseManager(models.Manager):
    def get_by_natural_key(self, programme_slug, position):
        return self.get(programme__slug=programme_slug, position=position)


class Phase(Written, models.Model):
    """One phase of a programme's process, in its place."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="phases",
        verbose_name=_("programme"),
    )
    position = models.PositiveSmallIntegerField(_("position"))
    name = models.CharField(_("name"), max_length=120)
    rule = models.CharField(_("reached when"), max_length=30, choices=ProcessRule)
    # Keys of document kinds (``incluportal.documents.kinds()``); the phase
    # form offers the registered ones.
    deliverables = models.JSONField(_("deliverables"), default=list, blank=True)
    due_on = models.DateField(_("due date"), null=True, blank=True)
    # Raised by each change: a form opened at an older one is refused.
    revision = models.PositiveIntegerField(_("revision"), default=1, editable=False)

    objects = PhaseManager()

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["programme", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "position"],
                name="unique_phase_position",
            )
        ]

    def __str__(self):
        return self.display_name

    def natural_key(self):
        return (self.programme.slug, self.position)

    natural_key.dependencies = ["schemes.programme"]

    @property
    def display_name(self):
        """The name, in the reader's language while it is a shipped one."""
        return _shipped_names().show(self.name)

    @property
    def name_is_shipped(self):
        return _shipped_names().is_shipped(self.name)

    def clean(self):
        if not isinstance(self.deliverables, list) or not all(
            isinstance(key, str) for key in self.deliverables
        ):
            raise ValidationError({"deliverables": _("Choose document kinds.")})
        if self.rule == ProcessRule.DELIVERABLES and not self.deliverables:
            raise ValidationError(
                {
                    "deliverables": _(
                        "A phase reached by its deliverables needs at least one."
                    )
                }
            )
        if self.programme_id and self.rule in STEP_RULES:
            taken = Phase.objects.filter(
                programme_id=self.programme_id, rule=self.rule
            ).exclude(pk=self.pk)
            if taken.exists():
                raise ValidationError(
                    {
                        "rule": _(
                            "Another phase of this process is already reached this way."
                        )
                    }
                )


def _shipped_names():
    # Declared with the processes, which import this module.
    from schemes.network.processes import SHIPPED_PHASE_NAMES

    return SHIPPED_PHASE_NAMES
