"""An import does a few queries a row, never a lookup per row of what it could
read once (the objects to update, the links, the programme's organisations).

Timings belong to tests/perf/imports.py; here the number of queries is held
for each import at two sizes, so that a lookup per row shows as growth.
"""

import pytest
import tablib

from benchmarks.resources import KeyFactorResource
from schemes.resources_programme import RESOURCES

pytestmark = pytest.mark.django_db

# Queries a row may take, new or updated: its savepoint and release, its
# INSERT or UPDATE, a uniqueness check where the model has one, and what the
# model writes with it (history, its participation, its guiding questions; a
# city's associations: looked up, set, and read back for the preview).
PER_ROW = {
    "cities": 9,
    "associations": 6,
    "people": 5,
    "good-practices": 7,
    "action-plan-rows": 4,
    "key-factors": 8,
}
# Reading the objects to update and the programme once, the history of
# changed plans, the transaction.
FIXED = 15


def _dataset(key, first, count):
    numbers = range(first, first + count)
    header, rows = {
        "cities": (
            ["slug", "name_en", "country", "associations"],
            [[f"city-{i}", f"City {i}", "LV", "lalrg"] for i in numbers],
        ),
        "associations": (
            ["slug", "name_en", "country"],
            [[f"association-{i}", f"Association {i}", "LV"] for i in numbers],
        ),
        "people": (
            ["email", "full_name", "organisation", "position"],
            [[f"p{i}@example.org", f"P {i}", "jelgava", "Officer"] for i in numbers],
        ),
        "good-practices": (
            ["city", "title"],
            [["jelgava", f"Evening classes {i}"] for i in numbers],
        ),
        "action-plan-rows": (
            ["scheme", "number", "action"],
            [["jelgava/schaerbeek", 10 + i, f"Action {i}"] for i in numbers],
        ),
        "key-factors": (
            ["benchmark", "number", "title_en", "questions_en"],
            [["language-learning", 10 + i, f"F {i}", "One?\nTwo?"] for i in numbers],
        ),
    }[key]
    return tablib.Dataset(*rows, headers=header)


def _resource(world, key):
    coordinator = world.users["coordinator"]
    if key == "key-factors":
        return KeyFactorResource(user=coordinator)
    return RESOURCES[key][0](world.programme, by=coordinator)


@pytest.mark.parametrize("key", list(PER_ROW))
@pytest.mark.parametrize("count", [10, 40])
def test_an_import_takes_a_few_queries_a_row(
    world, django_assert_max_num_queries, key, count
):
    budget = FIXED + PER_ROW[key] * count
    # New rows, then the same rows again: updates (or unchanged ones).
    for _round in ("new", "again"):
        dataset = _dataset(key, 0, count)
        with django_assert_max_num_queries(budget):
            result = _resource(world, key).import_data(dataset)
        assert not result.has_errors()
        assert not result.has_validation_errors()


def test_the_import_timing_script_runs_and_prints_its_ratios(tmp_path):
    # tests/perf/imports.py is run by hand for its timings; here, on a few rows
    # of its own database, so that a change to the imports cannot break it.
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "tests/perf/imports.py", "--rows", "20"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
        env={**__import__("os").environ, "TMPDIR": str(tmp_path)},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.splitlines()
    assert any(line.startswith("sqlite, 20 rows a file") for line in lines)
    for key in ("cities", "people", "key-factors"):
        (row,) = [line for line in lines if line.startswith(key)]
        assert float(row.split()[-1]) > 0  # import CPU / bare CPU
