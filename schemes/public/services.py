"""Writes of the public face: a city's page for newcomers.

Only the city's own officers (its members) edit and publish it; each write
locks the page's row, so two officers publishing at once make two
numbered publications, never a lost one.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from incluportal import conflicts
from incluportal.conflicts import Difference, EditConflict
from incluportal.models import User
from schemes import access
from schemes.models import (
    CityGuide,
    GuideEntry,
    GuidePublication,
    Organisation,
)
from schemes.network import languages
from schemes.network.models.guides import text_in
from schemes.public.presenting import snapshot


def require_city_officer(user: User, city: Organisation) -> None:
    if not (user.is_superuser or access.is_member(user, city)):
        raise PermissionDenied


def guide_for_city(*, city: Organisation, by: User) -> CityGuide:
    """The city's page, started (empty) the first time an officer opens it,
    in the first of the city's working languages, as written, that is not
    English (English is on every page anyway)."""
    require_city_officer(by, city)
    guide = CityGuide.objects.filter(city=city).first()
    if guide is not None:
        return guide
    written = [c.strip().lower() for c in city.working_languages.split(",")]
    own = [
        c
        for c in written
        if languages.is_public_language(c) and c != languages.FALLBACK
    ]
    first = own[0] if own else languages.FALLBACK
    guide, _created = CityGuide.objects.get_or_create(
        city=city, defaults={"city_language": first, "updated_by": by}
    )
    return guide


def publication_problems(guide: CityGuide) -> list[str]:
    """Why the page cannot be published yet (empty: it can). English is the
    language every missing translation falls back to, so each service needs
    its name in English."""
    problems = []
    entries = list(guide.entries.all())
    if not entries:
        problems.append(_("Add at least one service before publishing."))
    for number, entry in enumerate(entries, start=1):
        if not text_in(entry.title, languages.FALLBACK):
            problems.append(
                _("Service %(number)s has no name in English.") % {"number": number}
            )
    return problems


@transaction.atomic
def guide_publish(*, guide: CityGuide, by: User, revision=None) -> GuidePublication:
    """Publish the page as it stands: a numbered, frozen copy that the
    public reads from now on. ``revision``: the one the preview showed (a
    page changed since is not published unseen)."""
    guide = _locked(guide, by, revision)
    problems = publication_problems(guide)
    if problems:
        raise ValidationError(problems)
    last = guide.publications.order_by("-number").first()
    publication = GuidePublication.objects.create(
        guide=guide,
        number=(last.number + 1) if last else 1,
        published_at=timezone.now(),
        published_by=by,
        languages=guide.languages,
        content=snapshot(guide),
    )
    guide.current = publication
    guide.save(update_fields=["current"])
    return publication


@transaction.atomic
def guide_withdraw(*, guide: CityGuide, by: User) -> None:
    """Take the page off the public site (its publications stay, as history)."""
    require_city_officer(by, guide.city)
    guide = CityGuide.objects.select_for_update().get(pk=guide.pk)
    if guide.current_id is None:
        return
    GuidePublication.objects.filter(pk=guide.current_id).update(
        withdrawn_at=timezone.now()
    )
    guide.current = None
    guide.save(update_fields=["current"])


# --- Editing the draft ----------------------------------------------------------
# Every write locks the page's row and compares the revision the form was
# opened at: a stale form is refused (``GuideConflict``), nothing saved, and
# the view shows the form again with what the person typed.


class GuideConflict(EditConflict):
    """Someone else changed the page since the form was opened."""

    @property
    def saved_by(self):
        return self.current.updated_by

    @property
    def saved_at(self):
        return self.current.updated_at


def _locked(guide: CityGuide, by: User, revision) -> CityGuide:
    require_city_officer(by, guide.city)
    locked = CityGuide.objects.select_for_update().get(pk=guide.pk)
    conflicts.after_lock()
    locked.city = guide.city
    if revision is not None and revision != locked.revision:
        raise GuideConflict(current=locked)
    return locked


def _differences(saved, values, labels):
    """The fields where the posted ``values`` differ from ``saved``."""
    return [
        Difference(
            label=labels.get(name, name), mine=_shown(mine), theirs=_shown(theirs)
        )
        for name, mine in values.items()
        if (theirs := saved.get(name)) != mine and (theirs or mine)
    ]


def _shown(value):
    if isinstance(value, dict):
        return "\n".join(f"{code}: {text}" for code, text in value.items() if text)
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return value or ""


def _bump(guide: CityGuide, by: User) -> None:
    guide.revision += 1
    guide.updated_by = by
    guide.save(update_fields=["revision", "updated_by", "updated_at"])


def _clean_texts(texts):
    return {
        code: text.strip()
        for code, text in (texts or {}).items()
        if text and text.strip()
    }


SETTINGS_FIELDS = ("city_language", "extra_languages", "intro")


@transaction.atomic
def guide_settings_save(*, guide: CityGuide, values: dict, by: User, revision=None):
    """Save the page's languages and introduction. ``values``:
    ``city_language``, ``extra_languages`` (codes of PUBLIC_LANGUAGES) and
    ``intro`` ({code: text}, merged into the saved introduction: the texts
    of languages not shown in the form are kept)."""
    try:
        locked = _locked(guide, by, revision)
    except GuideConflict as conflict:
        _explain_settings(conflict, values)
        raise
    codes = [values["city_language"], *values.get("extra_languages", [])]
    wrong = [code for code in codes if not languages.is_public_language(code)]
    if wrong:
        raise ValidationError(
            _("A page cannot be published in %(codes)s.") % {"codes": ", ".join(wrong)}
        )
    locked.city_language = values["city_language"]
    locked.extra_languages = [
        code
        for code in dict.fromkeys(values.get("extra_languages", []))
        if code not in (values["city_language"], languages.FALLBACK)
    ]
    intro = dict(locked.intro or {})
    for code, text in (values.get("intro") or {}).items():
        if (text or "").strip():
            intro[code] = text.strip()
        else:
            intro.pop(code, None)
    locked.intro = intro
    locked.save(update_fields=["city_language", "extra_languages", "intro"])
    _bump(locked, by)
    return locked


def _explain_settings(conflict, values):
    current = conflict.current
    saved = {name: getattr(current, name) for name in SETTINGS_FIELDS}
    posted = dict(values)
    if "intro" in posted:
        posted["intro"] = {**(current.intro or {}), **_clean_texts(posted["intro"])}
    labels = {
        name: str(CityGuide._meta.get_field(name).verbose_name)
        for name in SETTINGS_FIELDS
    }
    conflict.differences = _differences(saved, posted, labels)


ENTRY_FIELDS = (
    "category",
    *GuideEntry.TRANSLATED,
    "provider",
    "address",
    "map_url",
    "phone",
    "email",
    "link",
    "languages_spoken",
)


@transaction.atomic
def guide_entry_save(
    *, guide: CityGuide, values: dict, by: User, entry_id=None, revision=None
) -> GuideEntry:
    """Add a service to the page (``entry_id`` None: at the end of its
    category) or change one. ``values`` maps the names of ``ENTRY_FIELDS``
    to what was posted (translated fields as {code: text})."""
    try:
        locked = _locked(guide, by, revision)
    except GuideConflict as conflict:
        _explain_entry(conflict, values, entry_id)
        raise
    if entry_id is None:
        entry = GuideEntry(guide=locked)
        last = locked.entries.aggregate(last=Max("position"))["last"]
        entry.position = (last or 0) + 1
    else:
        entry = _entry(locked, entry_id)
    for name in ENTRY_FIELDS:
        if name not in values:
            continue
        value = values[name]
        if name in GuideEntry.TRANSLATED:
            # Texts in languages the form did not show are kept; a text
            # emptied in the form is removed.
            value = _clean_texts({**(getattr(entry, name) or {}), **(value or {})})
        setattr(entry, name, value)
    if not text_in(entry.title, languages.FALLBACK):
        raise ValidationError(
            _(
                "Give the service its name in English: it is shown when "
                "a text is missing in a language."
            )
        )
    entry.full_clean(exclude=["guide"])
    entry.save()
    _bump(locked, by)
    return entry


def _explain_entry(conflict, values, entry_id):
    entry = conflict.current.entries.filter(pk=entry_id).first() if entry_id else None
    if entry is None:
        return
    saved = {name: getattr(entry, name) for name in ENTRY_FIELDS}
    posted = {
        name: (
            {**_clean_texts(saved[name]), **_clean_texts(value)}
            if name in GuideEntry.TRANSLATED
            else value
        )
        for name, value in values.items()
    }
    labels = {
        name: str(GuideEntry._meta.get_field(name).verbose_name)
        for name in ENTRY_FIELDS
    }
    conflict.differences = _differences(saved, posted, labels)


def _entry(guide: CityGuide, entry_id) -> GuideEntry:
    entry = guide.entries.filter(pk=entry_id).first()
    if entry is None:
        raise ValidationError(_("This service is no longer on the page."))
    return entry


@transaction.atomic
def guide_entry_delete(*, guide: CityGuide, entry_id: int, by: User, revision=None):
    """Take a service off the draft (the publications keep it)."""
    locked = _locked(guide, by, revision)
    _entry(locked, entry_id).delete()
    _bump(locked, by)


@transaction.atomic
def guide_entry_move(
    *, guide: CityGuide, entry_id: int, up: bool, by: User, revision=None
) -> None:
    """Move a service one place up or down within its category."""
    locked = _locked(guide, by, revision)
    entry = _entry(locked, entry_id)
    ordered = list(
        locked.entries.filter(category=entry.category).order_by("position", "pk")
    )
    index = ordered.index(entry)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(ordered):
        return
    ordered[index], ordered[other] = ordered[other], ordered[index]
    # Renumber the whole page: positions stay distinct and in order.
    everything = list(locked.entries.order_by("position", "pk"))
    slots = iter(ordered)
    renumbered = [
        next(slots) if e.category == entry.category else e for e in everything
    ]
    for position, item in enumerate(renumbered, start=1):
        item.position = position
    GuideEntry.objects.bulk_update(renumbered, ["position"])
    _bump(locked, by)


def draft_differs(guide: CityGuide) -> bool:
    """Whether the draft has changes the public does not read yet (True
    when the page is not published)."""
    current = guide.current
    if current is None:
        return True
    return current.content != snapshot(guide) or current.languages != guide.languages
