"""The public pages' catalogues (schemes/public/locale): in each public
language the interface does not speak, exactly the messages of context
"public", every one translated (manage.py public_messages). The interface's
languages (Latvian, French) hold them in their full catalogue
(tests/incluportal/test_translations.py)."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import pgettext

from schemes.management.commands.public_messages import (
    CONTEXT,
    adopt_public,
    catalogue_path,
    interface_languages,
    public_entries,
    public_languages,
)

ROOT = Path(__file__).resolve().parents[2]
PUBLIC_LOCALE = ROOT / "schemes" / "public" / "locale"
LANGUAGES = ["nl", "de", "it", "el", "es", "uk", "ru", "ar", "fa"]


def _catalogue(language, root=PUBLIC_LOCALE):
    return polib.pofile(str(catalogue_path(language, root)))


def _keys(entries):
    return {(e.msgctxt, e.msgid, e.msgid_plural) for e in entries}


def _strings(entry):
    if entry.msgid_plural:
        return [v for _k, v in sorted(entry.msgstr_plural.items())]
    return [entry.msgstr]


def test_every_public_language_but_the_interfaces_has_a_catalogue():
    assert public_languages() == LANGUAGES
    assert interface_languages() == ["lv", "fr"]
    assert sorted(p.name for p in PUBLIC_LOCALE.iterdir()) == sorted(LANGUAGES)
    # Django finds them: the directory is one of LOCALE_PATHS.
    assert PUBLIC_LOCALE in [Path(p) for p in settings.LOCALE_PATHS]


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_catalogue_is_complete_and_public_only(language):
    po = _catalogue(language)
    assert po.metadata["Language"] == language
    entries = [e for e in po if not e.obsolete]
    assert len(entries) > 20
    assert {e.msgctxt for e in entries} == {CONTEXT}
    assert [e.msgid for e in entries if "fuzzy" in e.flags] == []
    assert [e.msgid for e in entries if not all(_strings(e))] == []
    for entry in entries:
        placeholders = set(re.findall(r"%\(\w+\)s", entry.msgid))
        for text in _strings(entry):
            assert set(re.findall(r"%\(\w+\)s", text)) == placeholders, entry.msgid
            assert text != entry.msgid or entry.msgid in SAME_IN_TRANSLATION


# Words that a language writes as English does.
SAME_IN_TRANSLATION = {"Contact", "Website"}


def test_the_catalogues_hold_every_public_message_of_the_source(tmp_path):
    # The routine run afresh on a copy of the source: a public message
    # missing from a committed catalogue, or one no longer in the source,
    # fails here ("run manage.py public_messages and translate").
    copy = tmp_path / "src"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv", ".git", "node_modules", "*.mo", "__pycache__", "tests"
        ),
    )
    subprocess.run(
        [sys.executable, "manage.py", "public_messages"],
        cwd=copy,
        check=True,
        capture_output=True,
        timeout=180,
    )
    fresh_lv = polib.pofile(
        str(copy / "incluportal" / "locale" / "lv" / "LC_MESSAGES" / "django.po")
    )
    source = _keys(public_entries(fresh_lv))
    assert ("public", "Language courses", "") in source  # GuideCategory
    assert ("public", "Skip to main content", "") in source  # templates/public
    for language in LANGUAGES:
        committed = _keys(e for e in _catalogue(language) if not e.obsolete)
        assert sorted(source - committed) == [], f"{language}: missing"
        assert sorted(committed - source) == [], f"{language}: stale"
        assert _keys(_catalogue(language, copy / "schemes/public/locale")) == source
    # Every source file's messages go to the interface's catalogues, those
    # under schemes/public/ too: no second Latvian or French catalogue
    # beside them, and the French one holds the public messages, translated.
    for language in interface_languages():
        assert not (copy / "schemes" / "public" / "locale" / language).exists()
    fresh_fr = polib.pofile(
        str(copy / "incluportal" / "locale" / "fr" / "LC_MESSAGES" / "django.po")
    )
    public_fr = public_entries(fresh_fr)
    assert _keys(public_fr) == source
    assert [e.msgid for e in public_fr if not all(_strings(e))] == []
    # And compilemessages compiles every directory of LOCALE_PATHS.
    subprocess.run(
        [sys.executable, "manage.py", "compilemessages", "-v0"],
        cwd=copy,
        check=True,
        capture_output=True,
        timeout=180,
    )
    for language in LANGUAGES:
        assert (
            copy / f"schemes/public/locale/{language}/LC_MESSAGES/django.mo"
        ).exists()
    for language in interface_languages():
        assert (copy / f"incluportal/locale/{language}/LC_MESSAGES/django.mo").exists()


def test_the_routine_keeps_translations_adds_new_messages_and_drops_stale(tmp_path):
    from schemes.management.commands.public_messages import rebuild

    old = polib.POFile()
    for msgid, msgstr in (("Housing", "Житло"), ("Gone", "Зникло")):
        old.append(polib.POEntry(msgctxt=CONTEXT, msgid=msgid, msgstr=msgstr))
    path = catalogue_path("uk", tmp_path)
    path.parent.mkdir(parents=True)
    old.save(str(path))
    sources = [
        polib.POEntry(msgctxt=CONTEXT, msgid="Housing"),
        polib.POEntry(msgctxt=CONTEXT, msgid="Health"),
        polib.POEntry(
            msgctxt=CONTEXT,
            msgid="%(count)s service",
            msgid_plural="%(count)s services",
            flags=["python-format"],
        ),
    ]
    assert rebuild("uk", sources, tmp_path) == (2, 1)
    po = polib.pofile(str(path))
    got = {e.msgid: e for e in po}
    assert set(got) == {"Housing", "Health", "%(count)s service"}
    assert got["Housing"].msgstr == "Житло"
    assert got["Health"].msgstr == ""
    assert got["%(count)s service"].msgstr_plural == {0: "", 1: "", 2: ""}
    assert "python-format" in got["%(count)s service"].flags
    assert po.metadata["Plural-Forms"].startswith("nplurals=3;")


def test_a_public_language_that_joins_the_interface_keeps_its_translations(
    tmp_path,
):
    # Dutch added to settings.LANGUAGES: its new full catalogue takes the
    # translations of its public one, which goes (one catalogue a language).
    public = polib.POFile()
    public.append(polib.POEntry(msgctxt=CONTEXT, msgid="Housing", msgstr="Wonen"))
    public.append(
        polib.POEntry(
            msgctxt=CONTEXT,
            msgid="%(count)s service",
            msgid_plural="%(count)s services",
            msgstr_plural={0: "%(count)s dienst", 1: "%(count)s diensten"},
        )
    )
    path = catalogue_path("nl", tmp_path / "public")
    path.parent.mkdir(parents=True)
    public.save(str(path))
    full = polib.POFile()
    full.append(polib.POEntry(msgctxt=CONTEXT, msgid="Housing"))
    full.append(
        polib.POEntry(
            msgctxt=CONTEXT,
            msgid="%(count)s service",
            msgid_plural="%(count)s services",
            msgstr_plural={0: "", 1: ""},
        )
    )
    full.append(polib.POEntry(msgid="Sign in"))
    assert adopt_public(full, "nl", tmp_path / "public")
    got = {e.msgid: e for e in full}
    assert got["Housing"].msgstr == "Wonen"
    assert got["%(count)s service"].msgstr_plural[1] == "%(count)s diensten"
    assert got["Sign in"].msgstr == ""
    assert not (tmp_path / "public" / "nl").exists()
    assert not adopt_public(full, "nl", tmp_path / "public")


def test_a_public_page_reads_its_labels_from_the_catalogues():
    with translation.override("ar"):
        assert pgettext("public", "Language courses") == "دورات اللغة"
    with translation.override("uk"):
        assert pgettext("public", "Print (A4)") == "Друкувати (A4)"
