"""The load run's figures, from every request the locust users made.

locust's own tables are written every few seconds and approximate their
percentiles; here each request is one record (name, milliseconds, error),
written by the locustfile as it happens, and the figures are exact.
"""

import json
import math
from collections import defaultdict
from dataclasses import dataclass

ALL = "all requests"
EXCEPTION = "exception"  # a task that raised: counted as an error
# When the last user has signed in: the measured run starts there, so that
# the first seconds (every password checked at once) are reported apart.
SIGNED_IN = "all signed in"


@dataclass
class Row:
    name: str
    count: int
    errors: int
    per_second: float
    p50: float
    p95: float
    max: float


def percentile(sorted_values, fraction):
    """Nearest rank: the smallest value with ``fraction`` of them at or below."""
    if not sorted_values:
        return 0.0
    rank = max(1, math.ceil(fraction * len(sorted_values)))
    return sorted_values[rank - 1]


def read_records(path):
    with open(path, encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def _row(name, records, seconds):
    times = sorted(r["ms"] for r in records)
    return Row(
        name=name,
        count=len(records),
        errors=sum(1 for r in records if r.get("error")),
        per_second=len(records) / seconds if seconds else 0.0,
        p50=percentile(times, 0.50),
        p95=percentile(times, 0.95),
        max=times[-1] if times else 0.0,
    )


def _start(record):
    return record["end"] - record["ms"] / 1000


def rows_of(requests):
    """One row per request name, then the total, over the time they span."""
    if requests:
        seconds = max(r["end"] for r in requests) - min(map(_start, requests))
    else:
        seconds = 0.0
    by_name = defaultdict(list)
    for record in requests:
        by_name[record["name"]].append(record)
    rows = [_row(name, by_name[name], seconds) for name in sorted(by_name)]
    rows.append(_row(ALL, requests, seconds))
    return rows


@dataclass
class Summary:
    sign_in: list  # rows: requests begun before everyone was signed in
    run: list  # rows: the requests of the signed-in users
    exceptions: list

    @property
    def errors(self):
        return self.sign_in[-1].errors + self.run[-1].errors + len(self.exceptions)


def summarize(records):
    mark = next((r["end"] for r in records if r["name"] == SIGNED_IN), None)
    requests = [r for r in records if r["name"] not in (EXCEPTION, SIGNED_IN)]
    if mark is None:
        before, after = [], requests
    else:
        before = [r for r in requests if _start(r) < mark]
        after = [r for r in requests if _start(r) >= mark]
    return Summary(
        sign_in=rows_of(before),
        run=rows_of(after),
        exceptions=[r for r in records if r["name"] == EXCEPTION],
    )


def table(rows):
    header = ("request", "count", "errors", "req/s", "p50 ms", "p95 ms", "max ms")
    lines = [header] + [
        (
            r.name,
            r.count,
            r.errors,
            f"{r.per_second:.1f}",
            f"{r.p50:.0f}",
            f"{r.p95:.0f}",
            f"{r.max:.0f}",
        )
        for r in rows
    ]
    widths = [max(len(str(line[i])) for line in lines) for i in range(len(header))]
    out = []
    for n, line in enumerate(lines):
        cells = [str(line[0]).ljust(widths[0])]
        cells += [str(c).rjust(w) for c, w in zip(line[1:], widths[1:], strict=True)]
        out.append("  ".join(cells).rstrip())
        if n in (0, len(lines) - 2):
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)
