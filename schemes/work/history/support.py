"""History adapter of a support group's member (``schemes.work.models.support``)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from schemes.models import SupportGroupMember, Visit
from schemes.work.history import Tracked
from schemes.work.history.diff import collect, set_changes


class SupportGroupMemberHistory(Tracked):
    model = SupportGroupMember

    def back_url(self, obj):
        return reverse("schemes:support_group", args=[obj.scheme_id, obj.city.slug])

    def prime(self, contents, names):
        names.prime(Visit, collect(contents, "visits_attended"))

    def child_changes(self, old, new, names):
        return set_changes(
            _("Visits attended"),
            Visit,
            old.get("visits_attended"),
            new.get("visits_attended"),
            names,
        )

    def restore_children(self, obj, children):
        obj.visits_attended.set(
            obj.scheme.visits.filter(pk__in=children.get("visits_attended", []))
        )
