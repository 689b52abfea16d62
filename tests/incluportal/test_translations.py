"""English is the source language; the catalogue of every other interface
language (settings.LANGUAGES: Latvian, French) must be complete."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
# Every interface language but the source: a language added to
# settings.LANGUAGES is checked here from then on.
LANGUAGES = [code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def _po(language, root=ROOT):
    return (
        Path(root) / "incluportal" / "locale" / language / "LC_MESSAGES" / "django.po"
    )


def test_the_interface_languages_are_english_latvian_and_french():
    assert [code for code, _ in settings.LANGUAGES] == ["en", "lv", "fr"]
    assert LANGUAGES == ["lv", "fr"]
    for language in LANGUAGES:
        assert _po(language).exists(), language


def _entries(po_text):
    """(msgid, msgstr, flags) for each entry but the header."""
    entries = []
    for block in po_text.strip().split("\n\n")[1:]:
        lines = block.splitlines()
        flags = " ".join(line for line in lines if line.startswith("#,"))
        parts = {"msgid": [], "msgstr": []}
        current = None
        for line in lines:
            key = line.split(" ", 1)[0]
            if key in ("msgid", "msgid_plural"):
                current = "msgid" if key == "msgid" else None
                if current:
                    parts[current].append(line.split(" ", 1)[1])
            elif key.startswith("msgstr"):
                current = "msgstr"
                parts[current].append(line.split(" ", 1)[1])
            elif line.startswith('"') and current:
                parts[current].append(line)
        unq = [
            "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', " ".join(parts[k])))
            for k in ("msgid", "msgstr")
        ]
        entries.append((unq[0], unq[1], flags))
    return entries


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_is_translated(language):
    entries = _entries(_po(language).read_text(encoding="utf-8"))
    assert len(entries) > 100
    untranslated = [msgid for msgid, msgstr, _ in entries if not msgstr]
    fuzzy = [msgid for msgid, _, flags in entries if "fuzzy" in flags]
    assert untranslated == []
    assert fuzzy == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_survive_translation(language):
    for msgid, msgstr, _ in _entries(_po(language).read_text(encoding="utf-8")):
        if not msgstr:
            continue  # untranslated: test_every_string_is_translated says so
        # Sets, not lists: a plural entry holds one msgstr per plural form.
        assert set(re.findall(r"%\(\w+\)s", msgid)) == set(
            re.findall(r"%\(\w+\)s", msgstr)
        ), msgid


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    """The routine of the README (make makemessages) run on a copy of the
    source: makemessages for every interface language, every file's strings
    in the interface's catalogues (those under schemes/public/ included),
    then the public catalogues. Returns the copy's root."""
    copy = tmp_path_factory.mktemp("messages") / "src"
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
    return copy


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogue_holds_every_string_of_the_source(fresh, language):
    # Extracted afresh and compared: a new translatable string without its
    # entry in any interface language's catalogue fails here.
    fresh_ids = {m for m, _, _ in _entries(_po(language, fresh).read_text("utf-8"))}
    committed = {m for m, _, _ in _entries(_po(language).read_text("utf-8"))}
    assert sorted(fresh_ids - committed) == [], "run make makemessages and translate"


@pytest.mark.django_db
def test_switching_to_latvian_translates_the_navigation(client_for, world):
    client = client_for("mentee")
    response = client.post(
        reverse("set_language"), {"language": "lv", "next": reverse("home")}
    )
    assert response.status_code == 302
    html = client.get(reverse("home")).content.decode()
    assert '<html lang="lv">' in html
    assert "Programmas" in html
    assert "Jūsu programmas" in html
    assert "Apmācāmā pilsēta" in html
