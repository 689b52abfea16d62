"""A good practice as its city published it (the public face:
``schemes.public``)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from schemes.network.models.organisations import Organisation


class PublishedPractice(models.Model):
    """A good practice as its city published it: the copy the public reads.

    Frozen when the city publishes (an approved practice only); later edits
    stay inside the portal until the city publishes again. Withdrawing
    deletes the copy.
    """

    practice = models.OneToOneField(
        "schemes.GoodPractice",
        on_delete=models.CASCADE,
        related_name="publication",
        verbose_name=_("good practice"),
    )
    city = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="published_practices",
        verbose_name=_("city"),
    )
    title = models.CharField(_("title"), max_length=300)
    # The parts shown to the public: [{"label": …, "text": …}, …] and the
    # rest of the frozen copy (start year, links).
    content = models.JSONField(_("content"), default=dict)
    themes = models.ManyToManyField(
        "benchmarks.Theme", blank=True, related_name="+", verbose_name=_("themes")
    )
    key_factors = models.ManyToManyField(
        "benchmarks.KeyFactor",
        blank=True,
        related_name="+",
        verbose_name=_("key factors"),
    )
    # Lower-case, accent-free text of the copy, for the public search.
    search_text = models.TextField(default="", editable=False)
    published_at = models.DateTimeField(_("published"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )

    class Meta:
        verbose_name = _("published good practice")
        verbose_name_plural = _("published good practices")
        ordering = ["-published_at", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("public:practice_detail", args=[self.pk])
