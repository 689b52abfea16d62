"""Whether every save the load users were told succeeded is in the database.

Each save writes a value no other save writes (a marker). Two checks:

* every successful save is in the document's history: its value reached the
  database (a save merged away or silently dropped would be missing);
* the value stored now in each field is the last save of that field. Saves
  of one field by different users may overlap in time, and then either can
  be the last to commit: the stored value must be one of the saves that
  ended after the last save began (no later save started after it ended).

A save refused as an edit conflict (409) wrote nothing and is counted apart.

And a third: after each successful save its user opens the document again
(as the browser does, following the redirect). The page must show the saved
value, unless another save of the same field may have replaced it by then
(one that began before that read ended and ended after this save began). A
page without it is a stale read (a page kept from before the save, by any
cache).
"""

import json
from collections import defaultdict
from dataclasses import dataclass, field

SAVED = 302  # the edit views answer a save with a redirect to the document
CONFLICT = 409


@dataclass(frozen=True)
class Save:
    doc: str  # "needs:<scheme id>" or "row:<action-plan row id>"
    field: str
    value: str
    start: float
    end: float
    status: int
    seen: bool | None = None  # the value on the page read after the save
    read_start: float | None = None
    read_end: float | None = None


@dataclass
class Report:
    ok: int = 0
    conflicts: int = 0
    fields_checked: int = 0
    lost: list = field(default_factory=list)  # saves missing from the history
    wrong: list = field(default_factory=list)  # (doc, field, stored, candidates)
    reads: int = 0  # pages read after a save
    stale: list = field(default_factory=list)  # saves such a page did not show

    @property
    def passed(self):
        return not self.lost and not self.wrong and not self.stale


def read_saves(path):
    with open(path, encoding="utf-8") as lines:
        return [Save(**json.loads(line)) for line in lines if line.strip()]


def last_candidates(saves):
    """The values that may be stored last: those of the saves that ended after
    the latest start among them."""
    latest_start = max(s.start for s in saves)
    return {s.value for s in saves if s.end >= latest_start}


def check(saves, *, stored, history):
    """``stored(doc, field)``: the value now; ``history(doc, field)``: every
    value the field has held (a set)."""
    report = Report()
    by_field = defaultdict(list)
    for save in saves:
        if save.status == CONFLICT:
            report.conflicts += 1
        elif save.status == SAVED:
            report.ok += 1
            by_field[(save.doc, save.field)].append(save)
    for (doc, name), field_saves in sorted(by_field.items()):
        report.fields_checked += 1
        seen = history(doc, name)
        report.lost.extend(s for s in field_saves if s.value not in seen)
        candidates = last_candidates(field_saves)
        now = stored(doc, name)
        if now not in candidates:
            report.wrong.append((doc, name, now, sorted(candidates)))
        for save in field_saves:
            if save.seen is None:
                continue
            report.reads += 1
            replaced = any(
                other is not save
                and other.start <= save.read_end
                and other.end >= save.start
                for other in field_saves
            )
            if not save.seen and not replaced:
                report.stale.append(save)
    return report
