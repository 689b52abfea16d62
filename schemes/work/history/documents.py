"""History adapters of the annex documents (``schemes.work.models.needs`` and
``mentor_profiles``)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from benchmarks.models import KeyFactor
from schemes.models import (
    GoodPractice,
    MentorProfile,
    NationalContext,
    NeedsAnalysis,
)
from schemes.work.history import Tracked
from schemes.work.history.diff import collect, set_changes


class NeedsAnalysisHistory(Tracked):
    model = NeedsAnalysis


class NationalContextHistory(Tracked):
    model = NationalContext

    def back_url(self, obj):
        scheme = obj.city.schemes_as_mentee.filter(programme=obj.programme).first()
        if scheme is not None:
            return reverse("schemes:needs_analysis", args=[scheme.pk])
        return reverse(
            "schemes:mentor_profile", args=[obj.programme.slug, obj.city.slug]
        )


class MentorProfileHistory(Tracked):
    model = MentorProfile

    def prime(self, contents, names):
        names.prime(KeyFactor, collect(contents, "key_factors"))
        names.prime(GoodPractice, collect(contents, "good_practices"))

    def child_changes(self, old, new, names):
        return set_changes(
            _("Key factors the city is strong in"),
            KeyFactor,
            old.get("key_factors"),
            new.get("key_factors"),
            names,
        ) + set_changes(
            _("Good practices"),
            GoodPractice,
            old.get("good_practices"),
            new.get("good_practices"),
            names,
        )

    def restore_children(self, obj, children):
        obj.key_factors.set(
            KeyFactor.objects.filter(pk__in=children.get("key_factors", []))
        )
        obj.good_practices.set(
            GoodPractice.objects.filter(
                pk__in=children.get("good_practices", []), city=obj.city
            )
        )
