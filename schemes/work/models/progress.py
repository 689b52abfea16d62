"""What a coordinator records of a scheme's step that no document shows."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from schemes.network.models.processes import ProcessRule
from schemes.network.models.schemes import SchemeStage

# The steps no document shows: a coordinator marks them done.
MARKABLE_STEPS = (SchemeStage.TRAINING,)


class StepMark(models.Model):
    """A step of a scheme marked done by a coordinator, with its date: one of
    the method's steps (``step``), or a phase of the scheme's programme
    reached when marked (``phase``)."""

    scheme = models.ForeignKey(
        "schemes.Scheme",
        on_delete=models.CASCADE,
        related_name="step_marks",
        verbose_name=_("scheme"),
    )
    step = models.CharField(_("step"), max_length=30, choices=SchemeStage, blank=True)
    phase = models.ForeignKey(
        "schemes.Phase",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="marks",
        verbose_name=_("phase"),
    )
    reached_on = models.DateField(_("date"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True, max_length=2000)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("marked by"),
    )
    marked_at = models.DateTimeField(_("marked"), default=timezone.now)

    class Meta:
        verbose_name = _("step marked done")
        verbose_name_plural = _("steps marked done")
        ordering = ["scheme", "step"]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "step"],
                condition=~models.Q(step=""),
                name="unique_step_mark",
                violation_error_message=_("This step is already marked done."),
            ),
            models.UniqueConstraint(
                fields=["scheme", "phase"],
                condition=models.Q(phase__isnull=False),
                name="unique_phase_mark",
                violation_error_message=_("This step is already marked done."),
            ),
            models.CheckConstraint(
                condition=(models.Q(step="") & models.Q(phase__isnull=False))
                | (~models.Q(step="") & models.Q(phase__isnull=True)),
                name="step_mark_step_or_phase",
            ),
        ]

    def __str__(self):
        if self.phase_id:
            return f"{self.scheme}: {self.phase}"
        return f"{self.scheme}: {self.get_step_display()}"

    def clean(self):
        if self.step and self.step not in MARKABLE_STEPS:
            raise ValidationError(
                {"step": _("This step follows the scheme's documents.")}
            )
        if (
            self.phase_id
            and self.scheme_id
            and (
                self.phase.programme_id != self.scheme.programme_id
                or self.phase.rule != ProcessRule.MARKED
            )
        ):
            raise ValidationError(
                {"phase": _("This phase follows the scheme's documents.")}
            )
