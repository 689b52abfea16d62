"""A clone needs nothing beside it: no project file reads a folder next to the
repository (the specification folder the developers keep there is for people
to read). `.ci/run` also runs the suite in a clone with nothing beside it."""

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# A relative path up to a sibling folder named shared (either slash), or a
# path built from parents[n] that climbs out of the repository to it.
OUTSIDE = re.compile(r"\.\.[/\\]+shared\b|parents\[\d+\]\s*/\s*[\"']shared[\"']")


def _tracked_files():
    listing = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode()
    return [ROOT / name for name in listing.split("\0") if name]


def test_no_project_file_refers_to_a_folder_beside_the_repository():
    files = _tracked_files()
    assert len(files) > 100  # the listing is the project, not an empty tree
    offenders = []
    for path in files:
        if path == Path(__file__).resolve() or not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        for number, line in enumerate(text.splitlines(), 1):
            if OUTSIDE.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []


def test_the_pattern_catches_what_it_must():
    for line in [
        'open("..' + '/shared/spec/annexes.md")',  # split: this file is scanned too
        "SPEC = Path(__file__).resolve().parents[3] / 'shared' / 'spec'",
        r"..\shared\seeds",
    ]:
        assert OUTSIDE.search(line), line
    assert not OUTSIDE.search("cache shared by every process")
