"""Extract the portal's messages and rebuild the public pages' catalogues.

    .venv/bin/python manage.py public_messages

1. ``makemessages`` for every interface language but the source (English):
   each of ``settings.LANGUAGES`` has its full catalogue in
   ``incluportal/locale/<lang>`` (every string, the public ones included,
   since the portal's pages are read in that language too). Every source
   file writes there, also those under ``schemes/public/`` (left alone,
   makemessages would send them to ``schemes/public/locale``, the directory
   next to them). A language just added to ``settings.LANGUAGES`` gets its
   catalogue here, untranslated; if it was a public language before, the
   translations of its public catalogue move into it, and that catalogue
   goes (one catalogue per language).
2. For each public language the interface does not speak (Dutch, German,
   Italian, Greek, Spanish, Ukrainian, Russian, Arabic, Persian),
   ``schemes/public/locale/<lang>/LC_MESSAGES/django.po`` holds exactly the
   messages of context "public" of the interface's catalogue: a new one is
   added untranslated, a stale one dropped, a translation kept.

Then translate the empty entries (the .po files are the place) and compile
(``make messages``). ``tests/incluportal/test_translations.py`` fails while
an interface catalogue lacks a message or a translation,
``tests/public/test_public_catalogues.py`` while a public one does.

A developer's tool: polib is in requirements-dev.txt, like GNU gettext's
msgmerge, which makemessages needs; the portal reads the compiled .mo files.
"""

import contextlib
import shutil
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.test.utils import override_settings

CONTEXT = "public"
INTERFACE_LOCALE = Path(settings.BASE_DIR) / "incluportal" / "locale"
PUBLIC_LOCALE = Path(settings.BASE_DIR) / "schemes" / "public" / "locale"
# The rules of each language's plural forms (GNU gettext's).
PLURAL_FORMS = {
    "fr": "nplurals=2; plural=(n > 1);",
    "nl": "nplurals=2; plural=(n != 1);",
    "de": "nplurals=2; plural=(n != 1);",
    "it": "nplurals=2; plural=(n != 1);",
    "el": "nplurals=2; plural=(n != 1);",
    "es": "nplurals=2; plural=(n != 1);",
    "uk": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 "
    "&& (n%100<10 || n%100>=20) ? 1 : 2);",
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 "
    "&& (n%100<10 || n%100>=20) ? 1 : 2);",
    "ar": "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
    "n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);",
    "fa": "nplurals=2; plural=(n > 1);",
}
IGNORE = [".venv", "tests", "node_modules", "schemes/public/locale"]


def interface_languages():
    """The interface's languages that have a catalogue: every one of
    ``settings.LANGUAGES`` but the source language (English)."""
    return [
        code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE
    ]


def public_languages():
    """The public languages that have their own catalogue here: all but the
    interface's (English is the source; the others have their full
    catalogue in ``incluportal/locale``)."""
    interface = {code for code, _name in settings.LANGUAGES}
    return [code for code in settings.PUBLIC_LANGUAGES if code not in interface]


def catalogue_path(language, root=PUBLIC_LOCALE):
    return Path(root) / language / "LC_MESSAGES" / "django.po"


def _key(entry):
    return (entry.msgctxt, entry.msgid, entry.msgid_plural)


def public_entries(po):
    """The live entries of context "public" of a polib catalogue."""
    return [e for e in po if e.msgctxt == CONTEXT and not e.obsolete]


def extract(interface_locale=INTERFACE_LOCALE, public_locale=PUBLIC_LOCALE):
    """Run makemessages for every interface language into
    ``interface_locale`` (every source file, wherever it lies), and return
    {language: its catalogue (polib)}."""
    import polib

    languages = interface_languages()
    with (
        contextlib.chdir(Path(interface_locale).parents[1]),
        override_settings(LOCALE_PATHS=[str(interface_locale)]),
    ):
        call_command(
            "makemessages",
            locale=languages,
            ignore_patterns=IGNORE,
            no_location=True,
            no_wrap=True,
            verbosity=0,
        )
    catalogues = {}
    for language in languages:
        path = catalogue_path(language, interface_locale)
        catalogues[language] = polib.pofile(str(path), wrapwidth=0)
        if adopt_public(catalogues[language], language, public_locale):
            catalogues[language].save(str(path))
    return catalogues


def adopt_public(po, language, public_locale=PUBLIC_LOCALE):
    """A public language that became an interface language: the
    translations of its public catalogue fill the interface catalogue's
    empty entries, and the public catalogue goes. Returns whether there
    was one."""
    import polib

    path = catalogue_path(language, public_locale)
    if not path.exists():
        return False
    known = {_key(e): e for e in polib.pofile(str(path)) if not e.obsolete}
    for entry in po:
        old = known.get(_key(entry))
        if old is None or "fuzzy" in old.flags:
            continue
        if entry.msgid_plural and not any(entry.msgstr_plural.values()):
            entry.msgstr_plural = dict(old.msgstr_plural)
        elif not entry.msgid_plural and not entry.msgstr:
            entry.msgstr = old.msgstr
    shutil.rmtree(path.parents[1])
    return True


def rebuild(language, sources, root=PUBLIC_LOCALE):
    """Write ``language``'s public catalogue with exactly the ``sources``
    entries (polib entries), keeping the translations it had. Returns
    (added, dropped) counts."""
    import polib

    path = catalogue_path(language, root)
    old = {}
    if path.exists():
        old = {_key(e): e for e in polib.pofile(str(path)) if not e.obsolete}
    nplurals = int(PLURAL_FORMS[language].split(";")[0].split("=")[1])
    # Unwrapped, as makemessages writes the interface catalogues (no_wrap).
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Project-Id-Version": "IncluPortal public pages",
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": PLURAL_FORMS[language],
    }
    added = 0
    for source in sorted(sources, key=lambda e: (e.msgid, e.msgid_plural or "")):
        kept = old.pop(_key(source), None)
        entry = polib.POEntry(
            msgctxt=CONTEXT,
            msgid=source.msgid,
            msgid_plural=source.msgid_plural or "",
            flags=[f for f in source.flags if f.endswith("-format")],
        )
        if source.msgid_plural:
            forms = dict(kept.msgstr_plural) if kept else {}
            entry.msgstr_plural = {i: forms.get(i, "") for i in range(nplurals)}
        else:
            entry.msgstr = kept.msgstr if kept else ""
        if kept and "fuzzy" in kept.flags:
            entry.flags.append("fuzzy")
        added += kept is None
        po.append(entry)
    path.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(path))
    return added, len(old)


class Command(BaseCommand):
    help = (
        "makemessages for every interface language, then the public pages' "
        "catalogues (schemes/public/locale) with exactly the messages of "
        "context 'public'."
    )

    def handle(self, *args, **options):
        catalogues = extract()
        for language, po in catalogues.items():
            untranslated = len(po.untranslated_entries()) + len(po.fuzzy_entries())
            self.stdout.write(f"{language}: {untranslated} messages to translate")
        # The public messages are the same in every interface catalogue.
        sources = public_entries(next(iter(catalogues.values())))
        for language in public_languages():
            added, dropped = rebuild(language, sources)
            self.stdout.write(
                f"{language}: {len(sources)} public messages, "
                f"{added} new (to translate), {dropped} stale dropped"
            )
