"""History adapter of the good practice (``schemes.work.models.good_practices``)."""

from django.utils.translation import gettext as _

from benchmarks.models import KeyFactor, Theme
from schemes.models import GoodPractice, GoodPracticeCriterion
from schemes.work.history import Tracked
from schemes.work.history.diff import change, collect, set_changes


class GoodPracticeHistory(Tracked):
    model = GoodPractice

    def prime(self, contents, names):
        names.prime(Theme, collect(contents, "themes"))
        criteria = [a for c in contents for a in c.get("criteria", [])]
        names.prime(
            KeyFactor, collect(contents, "key_factors") | {a["area"] for a in criteria}
        )

    def child_changes(self, old, new, names):
        changes = set_changes(
            _("Themes"), Theme, old.get("themes"), new.get("themes"), names
        ) + set_changes(
            _("Key factors it illustrates"),
            KeyFactor,
            old.get("key_factors"),
            new.get("key_factors"),
            names,
        )
        levels = dict(GoodPracticeCriterion._meta.get_field("level").flatchoices)
        before = {c["area"]: c for c in old.get("criteria", [])}
        for criterion in new.get("criteria", []):
            was = before.get(criterion["area"], {})
            area = names(KeyFactor, criterion["area"])
            if was.get("level") != criterion["level"]:
                changes.append(
                    change(
                        f"{area} – {_('level')}",
                        levels.get(was.get("level"), ""),
                        levels.get(criterion["level"], ""),
                    )
                )
            if (was.get("comment") or "") != (criterion["comment"] or ""):
                changes.append(
                    change(
                        f"{area} – {_('comment')}",
                        was.get("comment"),
                        criterion["comment"],
                    )
                )
        return changes

    def restore_children(self, obj, children):
        obj.themes.set(Theme.objects.filter(pk__in=children.get("themes", [])))
        obj.key_factors.set(
            KeyFactor.objects.filter(pk__in=children.get("key_factors", []))
        )
        areas = set(
            KeyFactor.objects.filter(
                pk__in=[c["area"] for c in children.get("criteria", [])]
            ).values_list("pk", flat=True)
        )
        obj.criteria.all().delete()
        GoodPracticeCriterion.objects.bulk_create(
            GoodPracticeCriterion(
                good_practice=obj,
                criteria_area_id=c["area"],
                level=c["level"],
                comment=c["comment"] or "",
            )
            for c in children.get("criteria", [])
            if c["area"] in areas
        )
