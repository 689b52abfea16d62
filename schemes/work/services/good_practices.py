"""Annex 4: good practices written by a city, and their criteria ratings.

Editing a practice's answers goes through ``document_save`` like every
annex document; these are the writes of its own.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from incluportal.history import CRITERIA, one_record
from incluportal.models import User
from schemes import access
from schemes.models import (
    DocumentStatus,
    GoodPractice,
    GoodPracticeCriterion,
    Organisation,
    PublishedPractice,
)
from schemes.work.annexes import GOOD_PRACTICE_PART, FieldKind
from schemes.work.search import fold


@transaction.atomic
def good_practice_create(*, city: Organisation, values: dict, by: User) -> GoodPractice:
    """A new draft good practice of a city ``by`` works for. ``values`` may
    hold many-to-many fields (themes, key factors: lists)."""
    access.require_author(by, GoodPractice(city=city))
    m2m_names = {f.name for f in GoodPractice._meta.many_to_many}
    m2m = {name: values[name] for name in m2m_names if name in values}
    columns = {name: value for name, value in values.items() if name not in m2m}
    practice = GoodPractice(city=city, updated_by=by)
    practice.mark_written(columns)  # the writer's language, if it holds text
    for name, value in columns.items():
        setattr(practice, name, value)
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


# Answers of Annex 4 that never become public: personal data (GP-11 asks
# for a contact person and position, a name).
PERSONAL_FIELDS = frozenset({"contact"})


def public_copy(practice: GoodPractice) -> dict:
    """What publishing ``practice`` makes public (``PublishedPractice.content``):
    its answers with their question labels (English, the public pages
    translate them), without personal data, its links and start year, and
    the revision it was taken from."""
    parts = []
    links = []
    for annex_field in GOOD_PRACTICE_PART.fields:
        if annex_field.name == "title" or annex_field.name in PERSONAL_FIELDS:
            continue
        value = (getattr(practice, annex_field.name) or "").strip()
        if annex_field.kind == FieldKind.URLS:
            links = [line.strip() for line in value.splitlines() if line.strip()]
            continue
        if value:
            with translation.override("en"):
                label = str(annex_field.label)
            parts.append(
                {
                    "id": annex_field.id,
                    "name": annex_field.name,
                    "label": label,
                    "text": value,
                }
            )
    return {
        "parts": parts,
        "links": links,
        "start_year": practice.start_year,
        "revision": practice.revision,
    }


def public_search_text(title: str, content: dict) -> str:
    """The copy's text for the public search: lower case, without accents."""
    texts = [title, *(part["text"] for part in content.get("parts", []))]
    return fold("\n".join(texts))


def publication_problem(practice: GoodPractice):
    """Why ``practice`` cannot be published now (a sentence), or None."""
    if practice.status != DocumentStatus.APPROVED:
        return _(
            "Only an approved good practice can be published: this one is "
            "“%(status)s”. Submit it and have it approved first."
        ) % {"status": practice.get_status_display()}
    if not (practice.title or "").strip():
        return _("The good practice needs a name before it is published.")
    return None


@transaction.atomic
def good_practice_publish(*, practice: GoodPractice, by: User) -> PublishedPractice:
    """Publish ``practice`` in the public library, or replace its public
    copy with the practice as it is now. Its city's officers only; an
    approved practice only (ValidationError otherwise)."""
    access.require_author(by, practice)
    practice = GoodPractice.objects.select_for_update().get(pk=practice.pk)
    problem = publication_problem(practice)
    if problem:
        raise ValidationError(problem)
    content = public_copy(practice)
    copy = (
        PublishedPractice.objects.select_for_update().filter(practice=practice).first()
    ) or PublishedPractice(practice=practice)
    copy.city = practice.city
    copy.title = practice.title.strip()
    copy.content = content
    copy.search_text = public_search_text(copy.title, content)
    copy.published_at = timezone.now()
    copy.published_by = by
    copy.save()
    copy.themes.set(practice.themes.all())
    copy.key_factors.set(practice.key_factors.all())
    return copy


@transaction.atomic
def good_practice_withdraw(*, practice: GoodPractice, by: User) -> None:
    """Take ``practice`` out of the public library (its copy is deleted)."""
    access.require_author(by, practice)
    GoodPractice.objects.select_for_update().get(pk=practice.pk)
    PublishedPractice.objects.filter(practice=practice).delete()
