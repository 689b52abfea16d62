"""History adapter of the mentoring visit (``schemes.work.models.visits``)."""

from django.utils.translation import gettext as _

from incluportal.models import User
from schemes import selectors
from schemes.models import AgendaItem, SupportGroupMember, Visit
from schemes.work.history import Tracked
from schemes.work.history.diff import change, collect, set_changes
from schemes.work.models.visits import SHIPPED_AGENDA


class VisitHistory(Tracked):
    model = Visit

    def prime(self, contents, names):
        names.prime(User, collect(contents, "team_participants"))
        names.prime(SupportGroupMember, collect(contents, "support_group_attendees"))

    def child_changes(self, old, new, names):
        changes = []
        before = "\n".join(map(SHIPPED_AGENDA.show, old.get("agenda", [])))
        after = "\n".join(map(SHIPPED_AGENDA.show, new.get("agenda", [])))
        if before != after and (before or after):
            changes.append(change(_("Agenda"), before, after))
        return (
            changes
            + set_changes(
                _("Participants from the city teams"),
                User,
                old.get("team_participants"),
                new.get("team_participants"),
                names,
            )
            + set_changes(
                _("Participants from the local support groups"),
                SupportGroupMember,
                old.get("support_group_attendees"),
                new.get("support_group_attendees"),
                names,
            )
        )

    def restore_children(self, obj, children):
        obj.agenda_items.all().delete()
        AgendaItem.objects.bulk_create(
            AgendaItem(visit=obj, order=i, text=SHIPPED_AGENDA.unfreeze(text))
            for i, text in enumerate(children.get("agenda", []), start=1)
        )
        team = selectors.visit_team_candidates(scheme=obj.scheme).filter(
            pk__in=children.get("team_participants", [])
        )
        obj.team_participants.set(team)
        obj.support_group_attendees.set(
            obj.scheme.support_group_members.filter(
                pk__in=children.get("support_group_attendees", [])
            )
        )
