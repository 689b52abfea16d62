"""What a coordinator records of a scheme's step that no document shows."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from schemes.network.models.schemes import SchemeStage

# The steps no document shows: a coordinator marks them done.
MARKABLE_STEPS = (SchemeStage.TRAINING,)


class StepMark(models.Model):
    """A step of a scheme marked done by a coordinator, with its date."""

    scheme = models.ForeignKey(
        "schemes.Scheme",
        on_delete=models.CASCADE,
        related_name="step_marks",
        verbose_name=_("scheme"),
    )
    step = models.CharField(_("step"), max_length=30, choices=SchemeStage)
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
                name="unique_step_mark",
                violation_error_message=_("This step is already marked done."),
            )
        ]

    def __str__(self):
        return f"{self.scheme}: {self.get_step_display()}"

    def clean(self):
        if self.step and self.step not in MARKABLE_STEPS:
            raise ValidationError(
                {"step": _("This step follows the scheme's documents.")}
            )
