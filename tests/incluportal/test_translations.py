"""English is the source language; the Latvian catalogue must be complete."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
LV_PO = ROOT / "incluportal" / "locale" / "lv" / "LC_MESSAGES" / "django.po"


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


def test_every_latvian_string_is_translated():
    entries = _entries(LV_PO.read_text(encoding="utf-8"))
    assert len(entries) > 100
    untranslated = [msgid for msgid, msgstr, _ in entries if not msgstr]
    fuzzy = [msgid for msgid, _, flags in entries if "fuzzy" in flags]
    assert untranslated == []
    assert fuzzy == []


def test_placeholders_survive_translation():
    for msgid, msgstr, _ in _entries(LV_PO.read_text(encoding="utf-8")):
        # Sets, not lists: a plural entry holds one msgstr per plural form.
        assert set(re.findall(r"%\(\w+\)s", msgid)) == set(
            re.findall(r"%\(\w+\)s", msgstr)
        ), msgid


def test_the_catalogue_holds_every_string_of_the_source(tmp_path):
    # Extract the strings afresh from a copy of the source and compare:
    # a new translatable string without its Latvian entry fails here.
    copy = tmp_path / "src"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv", ".git", "node_modules", "*.mo", "__pycache__", "tests"
        ),
    )
    subprocess.run(
        # The routine of the README (make makemessages): makemessages for
        # Latvian with every file's strings in the interface's catalogue,
        # those under schemes/public/ included, then the public catalogues.
        [sys.executable, "manage.py", "public_messages"],
        cwd=copy,
        check=True,
        capture_output=True,
        timeout=120,
    )
    fresh = copy / "incluportal" / "locale" / "lv" / "LC_MESSAGES" / "django.po"
    fresh_ids = {m for m, _, _ in _entries(fresh.read_text(encoding="utf-8"))}
    committed = {m for m, _, _ in _entries(LV_PO.read_text(encoding="utf-8"))}
    assert sorted(fresh_ids - committed) == [], "run makemessages and translate"


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
