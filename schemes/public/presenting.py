"""A city's page for newcomers, read in one language.

Both the editor's preview (the draft) and the public page (a publication)
go through ``guide_view``: what the preview shows is exactly what the public
will read. The content is the snapshot format of ``snapshot``::

    {"intro": {"lv": "…", "en": "…"},
     "entries": [{"category": "language", "title": {...}, "description": {...},
                  "opening_hours": {...}, "cost": {...}, "eligibility": {...},
                  "provider": "…", "address": "…", "map_url": "…",
                  "phone": "…", "email": "…", "link": "…",
                  "languages_spoken": ["lv", "ru"]}, …]}

A text missing in the reader's language falls back, visibly, to English:
the view marks it (``fallback``) and gives its language for ``lang``/``dir``.
"""

import hashlib
import re
from urllib.parse import quote_plus

from modeltranslation.settings import AVAILABLE_LANGUAGES
from modeltranslation.utils import build_localized_fieldname

from schemes.models import CityGuide, GuideCategory, GuideEntry
from schemes.network import languages
from schemes.network.models.guides import text_in

FIELDS = GuideEntry.TRANSLATED
PLAIN = ("provider", "address", "map_url", "phone", "email", "link")


def snapshot(guide):
    """The page's content as it stands, in every language (for publishing
    and for the preview)."""
    return {
        "intro": dict(guide.intro or {}),
        "entries": [
            {
                "category": entry.category,
                **{name: dict(getattr(entry, name) or {}) for name in FIELDS},
                **{name: getattr(entry, name) for name in PLAIN},
                "languages_spoken": list(entry.languages_spoken or []),
            }
            for entry in guide.entries.all()  # ordered by position
        ],
    }


def _text(texts, language):
    """The text to show in ``language``: its own, or English marked as a
    fallback, or None when there is neither."""
    own = text_in(texts, language)
    if own:
        return {"text": own, "lang": language, "fallback": False}
    english = text_in(texts, languages.FALLBACK)
    if english:
        return {
            "text": english,
            "lang": languages.FALLBACK,
            "dir": "ltr",
            "fallback": True,
        }
    return None


def complete_languages(entry, page_languages):
    """The languages of the page in which every text of the entry written in
    English is translated."""
    return [
        code
        for code in page_languages
        if all(
            text_in(entry.get(name), code)
            for name in FIELDS
            if text_in(entry.get(name), languages.FALLBACK)
        )
    ]


def map_link(entry):
    """The entry's own map link, or a search for its address on OpenStreetMap
    (a link the reader follows; nothing is fetched)."""
    if entry.get("map_url"):
        return entry["map_url"]
    if entry.get("address"):
        return "https://www.openstreetmap.org/search?query=" + quote_plus(
            entry["address"]
        )
    return ""


def guide_view(content, page_languages, language):
    """The page in ``language``: the introduction, then the categories that
    have services, in the order of ``GuideCategory``, each service with its
    texts resolved (own language or English fallback)."""
    by_category = {}
    for entry in content.get("entries", []):
        by_category.setdefault(entry["category"], []).append(entry)
    sections = []
    for value, label in GuideCategory.choices:
        entries = by_category.get(value)
        if not entries:
            continue
        sections.append(
            {
                "category": value,
                "label": label,
                "entries": [
                    {
                        **{name: _text(entry.get(name), language) for name in FIELDS},
                        **{name: entry.get(name, "") for name in PLAIN},
                        "map_link": map_link(entry),
                        "tel": re.sub(r"[^0-9+]", "", entry.get("phone") or ""),
                        "spoken": [
                            _language(code)
                            for code in entry.get("languages_spoken", [])
                        ],
                        "complete": [
                            _language(code)
                            for code in complete_languages(entry, page_languages)
                        ],
                    }
                    for entry in entries
                ],
            }
        )
    return {
        "language": language,
        "dir": languages.direction(language),
        "info": _language(language),
        "intro": _text(content.get("intro"), language),
        "sections": sections,
    }


def _language(code):
    """A language by its own name, with its code and direction (the code
    itself when Django does not know it)."""
    try:
        return languages.info(code)
    except KeyError:
        return {"code": code, "name_local": code, "name": code, "dir": "ltr"}


def guide_etag(kind, slug, language):
    """The validator of a city's published page (``kind``: the page, its
    print, its poster) in ``language``: the current publication, the city's
    name (the page shows it) and the language. None when nothing is
    published."""
    current = (
        CityGuide.objects.filter(city__slug=slug)
        .values_list("current_id", "current__number", *city_names("city"))
        .first()
    )
    if not current or current[0] is None:
        return None
    publication, number, *names = current
    return f"{kind}-{publication}-{number}-{names_hash(names)}-{language}"


def city_names(path):
    """The lookups of a city's name in every language (the page shows the
    one of its language, or the fallback), from the model at ``path``."""
    return [
        f"{path}__{build_localized_fieldname('name', code)}"
        for code in AVAILABLE_LANGUAGES
    ]


def names_hash(names):
    return hashlib.sha256("|".join(n or "" for n in names).encode()).hexdigest()[:8]
