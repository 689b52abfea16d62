"""Time a 5,000-row import against the same writes done bare, in one run.

    .venv/bin/python tests/perf/imports.py [--rows 5000] [--only cities]
    .venv/bin/python tests/perf/imports.py --database postgres://postgres@127.0.0.1:5432/incluportal_perf

Builds the demo data in a throw-away database (SQLite by default; with
--database, a PostgreSQL database that is created, used and dropped), writes
a CSV file of new rows for each import and times, for each:

(a) reading the file (``read_dataset``): the floor of any import;
(b) the same objects saved one by one with the ORM in one transaction, with
    what the model writes with them (participation, questions) and no
    validation: what a row-by-row import cannot avoid; rolled back;
(c) the import as the page runs it: the preview (a dry run, rolled back),
    then the confirmation (the import itself).

Prints the times, with the CPU time of this process beside them (on a
machine busy with other work the clock says little), and the ratio (c)/(b) of
CPU times: what reading, checking and reporting each row adds to the bare
writes. The goal is a 5,000-row import (the
largest file a page takes) of a few seconds each for the preview and the
import. Not part of the test suite: timings belong here, not in assertions;
tests/incluportal/test_import_queries.py holds the number of queries a row.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def _csv(header, rows):
    lines = [",".join(header)] + [",".join(str(cell) for cell in row) for row in rows]
    return ("\n".join(lines) + "\n").encode()


def _files(count):
    """{import: (csv bytes, bare writer)} for ``count`` new rows each."""
    from benchmarks.models import Benchmark, GuidingQuestion, KeyFactor
    from incluportal.models import User
    from schemes.models import Membership, Organisation, Participation, Programme

    programme = Programme.objects.get(slug="inclucities")
    city = Organisation.objects.get(slug="jelgava")
    benchmark = Benchmark.objects.order_by("slug").first()
    numbers = range(1000, 1000 + count)

    def cities():
        for i in numbers:
            org = Organisation(
                kind="city", name=f"City {i}", slug=f"city-{i}", country="LV"
            )
            org.save()
            Participation.objects.create(
                programme=programme, organisation=org, role="city"
            )

    def people():
        for i in numbers:
            user = User(email=f"person-{i}@example.org", full_name=f"Person {i}")
            user.set_unusable_password()
            user.save()
            membership = Membership(user=user, organisation=city, position="Officer")
            membership.save()

    def key_factors():
        for i in numbers:
            factor = KeyFactor(benchmark=benchmark, number=i, title_en=f"Factor {i}")
            factor.save()
            GuidingQuestion.objects.bulk_create(
                GuidingQuestion(key_factor=factor, order=n, text=q, text_en=q)
                for n, q in enumerate(["One?", "Two?"], start=1)
            )

    return programme, {
        "cities": (
            _csv(
                ["slug", "name_en", "country"],
                [[f"city-{i}", f"City {i}", "LV"] for i in numbers],
            ),
            cities,
        ),
        "people": (
            _csv(
                ["email", "full_name", "organisation", "position"],
                [
                    [f"person-{i}@example.org", f"Person {i}", "jelgava", "Officer"]
                    for i in numbers
                ],
            ),
            people,
        ),
        "key-factors": (
            _csv(
                ["benchmark", "number", "title_en", "questions_en"],
                [[benchmark.slug, i, f"Factor {i}", '"One?\nTwo?"'] for i in numbers],
            ),
            key_factors,
        ),
    }


def _timed(function):
    """(seconds of the clock, seconds of this process's CPU, value): the CPU
    time is what the import costs when the machine is busy with others."""
    wall, cpu = time.perf_counter(), time.process_time()
    value = function()
    return time.perf_counter() - wall, time.process_time() - cpu, value


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--only", choices=["cities", "people", "key-factors"])
    parser.add_argument("--database", help="a PostgreSQL URL (created and dropped)")
    args = parser.parse_args()

    if args.database:
        os.environ["DATABASE_URL"] = args.database
    else:
        tmp = tempfile.mkdtemp()
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/perf.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "incluportal.settings")
    os.environ["IMPORT_TIME_LIMIT"] = "600"  # measured here, not stopped
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    if args.database:
        from django.test.utils import setup_databases, teardown_databases

        # A test database beside the one named: created here, dropped at the end.
        old = setup_databases(verbosity=0, interactive=False)
    else:
        call_command("migrate", verbosity=0)
    try:
        call_command("load_demo", verbosity=0)
        _run(args, connection, transaction)
    finally:
        if args.database:
            teardown_databases(old, verbosity=0)


def _run(args, connection, transaction):
    from benchmarks.resources import KeyFactorResource
    from schemes.resources_programme import RESOURCES

    programme, files = _files(args.rows)
    print(f"{connection.vendor}, {args.rows} rows a file; seconds (CPU seconds)")
    print(
        f"{'import':<12} {'read':>12} {'bare':>14} {'preview':>14} {'import':>14}"
        f" {'ratio':>6}  (ratio = import CPU / bare CPU)"
    )
    for key, (content, bare_writes) in files.items():
        if args.only and key != args.only:
            continue
        make = KeyFactorResource if key == "key-factors" else RESOURCES[key][0]
        _measure(key, content, bare_writes, make, programme, args.rows, transaction)


def _measure(key, content, bare_writes, make, programme, rows, transaction):
    from incluportal.imports import read_dataset

    def bare():
        with transaction.atomic():
            bare_writes()
            transaction.set_rollback(True)

    from incluportal.models import User

    # Who imports: the demo's coordinator of the programme, and for key
    # factors the portal's administrator (the shipped benchmarks are the
    # portal's shared content, changed by its editors).
    def resource():
        if key == "key-factors":
            return make(user=User.objects.get(email="admin@incluportal.test"))
        coordinator = User.objects.get(email="coordinator@incluportal.test")
        return make(programme, by=coordinator)

    read = _timed(lambda: read_dataset(content, "csv"))
    dataset = read[2]
    base = _timed(bare)
    preview = _timed(lambda: resource().import_data(dataset, dry_run=True))
    result = preview[2]
    assert not (result.has_errors() or result.has_validation_errors()), key
    imported = _timed(lambda: resource().import_data(dataset))
    assert imported[2].totals["new"] == rows, imported[2].totals
    cells = [f"{wall:6.2f} ({cpu:5.2f})" for wall, cpu, _ in (base, preview, imported)]
    print(
        f"{key:<12} {read[0]:5.2f} ({read[1]:4.2f}) {cells[0]:>14} {cells[1]:>14}"
        f" {cells[2]:>14} {imported[1] / base[1]:6.2f}"
    )


if __name__ == "__main__":
    main()
