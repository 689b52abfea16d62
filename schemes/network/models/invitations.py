from django.conf import settings
from django.core import signing
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from incluportal.i18n import default_language, language_choices

INVITATION_SALT = "incluportal.invitation"
INVITATION_MAX_AGE = 60 * 60 * 24 * 14  # two weeks


class Invitation(models.Model):
    """A coordinator's invitation for a person to join an organisation."""

    email = models.EmailField(_("e-mail address"))
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    organisation = models.ForeignKey(
        "schemes.Organisation",
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("organisation"),
    )
    programme = models.ForeignKey(
        "schemes.Programme",
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("programme"),
    )
    position = models.CharField(_("position"), max_length=150, blank=True)
    # The invitee's: the invitation is written in it, its page shown in it,
    # and the account created from it takes it (the person changes it later).
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=language_choices,
        default=default_language,
        help_text=_("The language of the invitation and of the person's pages."),
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} → {self.organisation}"

    def get_absolute_url(self):
        return reverse("invitation_accept", args=[self.token])

    @property
    def token(self):
        return signing.dumps(self.pk, salt=INVITATION_SALT, compress=True)

    @classmethod
    def from_token(cls, token):
        """The invitation of a token, or raise signing.BadSignature /
        signing.SignatureExpired (a subclass) / cls.DoesNotExist."""
        pk = signing.loads(token, salt=INVITATION_SALT, max_age=INVITATION_MAX_AGE)
        return cls.objects.select_related("organisation", "programme").get(pk=pk)
