"""Time the action-plan PDF export against bare WeasyPrint, in one run.

    .venv/bin/python tests/perf/pdf.py [--rows 30] [--repeat 5]

Builds a 30-row plan in a throw-away SQLite database, then times
(a) the portal's export (snapshot, template, restricted fetcher, WeasyPrint)
and (b) WeasyPrint alone on the same HTML with its default fetcher,
alternating the two so that both see the same machine. Prints the medians
and their ratio; the goal is at most 1.15 and under a second for 30 rows.
Not part of the test suite: timings belong here, not in assertions.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()

    tmp = tempfile.mkdtemp()
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/perf.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "incluportal.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import translation

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)

    from schemes import pdfs
    from schemes.models import ActionPlanRow, Scheme
    from schemes.services import scheme_setup

    translation.activate("lv")
    scheme = Scheme.objects.get(mentee_city__slug="jelgava")
    scheme_setup(scheme=scheme)
    plan = scheme.action_plan
    ActionPlanRow.objects.bulk_create(
        ActionPlanRow(
            plan=plan,
            number=i,
            action=f"Latviešu valodas kursi pieaugušajiem, grupa {i}: vakara kursi",
            results="Dalībnieki sasniedz A2 līmeni; 20 cilvēku grupā",
            leads="Jelgavas izglītības pārvalde",
            resources="Skolotāji, bibliotēkas telpas, ESF finansējums",
            success="80 % dalībnieku nokārto eksāmenu",
        )
        for i in range(1, args.rows + 1)
    )

    from weasyprint import HTML

    html, _number = pdfs.action_plan_html(plan)  # the very HTML the portal renders
    pdfs.action_plan_pdf(plan)  # warm up fonts and caches for both paths
    HTML(string=html).write_pdf()

    def portal_run():
        return pdfs.action_plan_pdf(plan)[0]

    def bare_run():
        return HTML(string=html).write_pdf()

    portal_times, bare_times = [], []
    for i in range(args.repeat):
        # Alternate which goes first, so neither always gets a warmer cache.
        order = [(portal_run, portal_times), (bare_run, bare_times)]
        for run, times in order if i % 2 == 0 else reversed(order):
            start = time.perf_counter()
            result = run()
            times.append(time.perf_counter() - start)
            if run is portal_run:
                pdf_bytes = result

    portal = statistics.median(portal_times)
    bare = statistics.median(bare_times)
    print(f"rows: {args.rows}, runs: {args.repeat}, pdf size: {len(pdf_bytes)} bytes")
    print(f"portal export     median {portal * 1000:7.1f} ms")
    print(f"bare WeasyPrint   median {bare * 1000:7.1f} ms")
    print(f"ratio portal/bare        {portal / bare:7.2f}  (goal <= 1.15)")
    print(f"under one second:        {'yes' if portal < 1 else 'no'}")


if __name__ == "__main__":
    main()
