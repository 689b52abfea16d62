"""Annex 4: good practices written by a city, and their criteria ratings.

Editing a practice's answers goes through ``document_save`` like every
annex document; these are the writes of its own.
"""

from django.db import transaction

from incluportal.history import CRITERIA, one_record
from incluportal.models import User
from schemes import access
from schemes.models import GoodPractice, GoodPracticeCriterion, Organisation


@transaction.atomic
def good_practice_create(*, city: Organisation, values: dict, by: User) -> GoodPractice:
    """A new draft good practice of a city ``by`` works for. ``values`` may
    hold many-to-many fields (themes, key factors: lists)."""
    access.require_author(by, GoodPractice(city=city))
    m2m_names = {f.name for f in GoodPractice._meta.many_to_many}
    m2m = {name: values[name] for name in m2m_names if name in values}
    columns = {name: value for name, value in values.items() if name not in m2m}
    practice = GoodPractice(city=city, updated_by=by, **columns)
    practice.full_clean()
    with one_record(practice):
        practice.save()
        for name, value in m2m.items():
            getattr(practice, name).set(value)
    return practice


@transaction.atomic
def good_practice_criteria_save(
    *, practice: GoodPractice, ratings: dict, by: User
) -> GoodPractice:
    """Rate the practice against criteria areas: ``ratings`` maps each area
    (a key factor of the criteria framework) to ``(level or None, comment)``."""
    access.require_writer(by, practice)
    existing = {c.criteria_area_id: c for c in practice.criteria.all()}
    with one_record(practice, reason=CRITERIA):
        for area, (level, comment) in ratings.items():
            criterion = existing.get(area.pk) or GoodPracticeCriterion(
                good_practice=practice, criteria_area=area
            )
            criterion.level = level
            criterion.comment = comment
            criterion.full_clean()
            criterion.save()
        practice.save(update_fields=["updated_at"])  # a new revision
    return practice
