"""The action plan (Annex 6): built row by row, submitted, approved, printed.

Keyboard only, in English and in Latvian. Jelgava's officer adds three
actions through the htmx row editor (a refused date keeps what was typed),
moves one, edits one in place and submits the plan to the council; the
coordinator records the council's approval and downloads the PDF, whose text
is read back with pypdf. After each change of the editor the focus must be
somewhere sensible, never lost to the page's <body>. Every page and every
state of the editor is scanned with axe-core.
"""

import datetime
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect
from pypdf import PdfReader

from schemes.models import PlanStatus, Scheme
from tests.browser.journey import Journey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROWS = [
    {
        "Actions": "Latviešu valodas kursi vakaros",
        "Results": "60 pieaugušo gadā apgūst A2 līmeni",
        "Timeline": "03/2025 – 12/2025",
        "Who leads?": "Izglītības pārvalde",
        "Resources and partners": "Divi skolotāji, bibliotēka",
        "Success evaluation": "Pabeigto kursu apliecības",
    },
    {
        "Actions": "Valodas kafejnīcas bibliotēkās",
        "Results": "Satikšanās vieta jaunpienācējiem",
        "Timeline": "09/2025",
        "Who leads?": "Jelgavas bibliotēka",
        "Resources and partners": "Brīvprātīgie vadītāji",
        "Success evaluation": "Apmeklētāju skaits",
    },
    {
        "Actions": "Ziņu lapa jaunpienācējiem",
        "Results": "Informācija par kursiem divās valodās",
        "Timeline": "01/10/2025",
        "Who leads?": "Sabiedrisko attiecību nodaļa",
        "Resources and partners": "Tulkotājs",
        "Success evaluation": "Lasītāju skaits",
    },
]
EDITED = "Valodas kafejnīcas visās bibliotēkās"
DECISION_DATE = datetime.date(2025, 5, 25)
SUBMITTED_AT = datetime.datetime(2025, 5, 2, 9, tzinfo=datetime.UTC)
REFERENCE = "Nr. 7/12"


@pytest.mark.parametrize("language", ["en", "lv"])
def test_the_plan_is_built_row_by_row_submitted_approved_and_printed(
    browser, live_server, language
):
    call_command("load_demo", verbosity=0)
    scheme = Scheme.objects.get(mentee_city__slug="jelgava")
    plan = scheme.action_plan

    journey = Journey(browser, live_server, language)
    page, keys, t = journey.page, journey.keys, journey.t
    journey.sign_in("jelgava@incluportal.test")
    journey.follow(page.get_by_role("link", name="Jelgava – Schaerbeek"))
    journey.follow(page.get_by_role("link", name=re.compile("^" + t("Action plan"))))

    add_form = page.get_by_role("region", name=t("Add an action"))

    def edit_name(number):
        return f"{t('Edit')} {t('action %(number)s', number=number)}"

    plan_rows = page.locator("#plan-rows tr.plan-row")

    def fill(values, within):
        for label, text in values.items():
            keys.type(journey.field(label, within=within), text)

    def add(values, expect_rows):
        fill(values, add_form)
        keys.press(add_form.get_by_role("button", name=t("Add the action")))
        plan_rows.nth(expect_rows - 1).wait_for()
        journey.arrived(f"{page.url} (editor)")

    for number, values in enumerate(ROWS[:2], start=1):
        add(values, number)
        assert plan_rows.nth(number - 1).get_by_text(values["Actions"]).is_visible()
        # Ready for the next action: the focus is back in the empty form.
        actions = journey.field("Actions", within=add_form)
        expect(actions).to_be_focused()
        expect(actions).to_have_value("")

    # A day that does not exist is refused, and nothing typed is lost.
    fill({**ROWS[2], "Timeline": "31/31/2025"}, add_form)
    keys.press(add_form.get_by_role("button", name=t("Add the action")))
    error = t(
        "Write a day, a month, a quarter or a range of them, for example "
        "12.03.2024, 03.2024, March 2024, Q3 2024 or 03.2024 – 06.2024."
    )
    add_form.get_by_text(error, exact=True).wait_for()  # under the field
    summary = add_form.locator("[data-error-summary]")
    assert summary.get_by_role("link").inner_text().endswith(f": {error}")
    journey.arrived(f"{page.url} (editor, refused)")
    assert plan_rows.count() == 2
    assert (
        journey.field("Actions", within=add_form).input_value() == (ROWS[2]["Actions"])
    )
    expect(journey.field("Timeline", within=add_form)).to_be_focused()  # to correct
    keys.type(journey.field("Timeline", within=add_form), ROWS[2]["Timeline"])
    keys.press(add_form.get_by_role("button", name=t("Add the action")))
    plan_rows.nth(2).wait_for()
    journey.arrived(f"{page.url} (editor)")
    expect(journey.field("Actions", within=add_form)).to_be_focused()

    # Action 3 moves up twice, the focus staying with it: on the same button,
    # then, at the top, on the row's first control.
    keys.press(
        page.get_by_role("button", name=t("Move action %(number)s up", number=3))
    )
    plan_rows.nth(1).get_by_text(ROWS[2]["Actions"]).wait_for()
    journey.arrived(f"{page.url} (editor, moved)")
    expect(
        page.get_by_role("button", name=t("Move action %(number)s up", number=2))
    ).to_be_focused()
    page.keyboard.press("Enter")
    plan_rows.first.get_by_text(ROWS[2]["Actions"]).wait_for()
    journey.arrived(f"{page.url} (editor, moved)")
    edit_first = page.get_by_role("link", name=edit_name(1))
    expect(edit_first).to_be_focused()

    # Action 1 is edited in place: the focus goes to its first field, then
    # back to the row.
    page.keyboard.press("Enter")
    row_form = page.locator("#plan-rows tr.plan-row-form")
    row_form.wait_for()
    journey.arrived(f"{page.url} (row editor)")
    expect(journey.field("Actions", within=row_form)).to_be_focused()
    keys.type(journey.field("Actions", within=row_form), EDITED)
    keys.press(row_form.get_by_role("button", name=t("Save")))
    plan_rows.first.get_by_text(EDITED).wait_for()
    journey.arrived(f"{page.url} (editor, saved)")
    expect(page.get_by_role("link", name=edit_name(1))).to_be_focused()

    # Submitted to the council (the browser asks to confirm: yes).
    page.once("dialog", lambda dialog: dialog.accept())
    journey.follow(
        page.get_by_role(
            "button", name=t("Submit version %(number)s to the council", number=1)
        )
    )
    assert page.get_by_text(
        t("Version %(number)s is frozen and submitted to the council.", number=1)
    ).is_visible()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED
    # The council met on DECISION_DATE, after the version went to it (a
    # decision older than the version is refused): the version is dated so.
    plan.versions.filter(number=1).update(frozen_at=SUBMITTED_AT)
    assert list(plan.rows.values_list("action", flat=True)) == [
        EDITED,
        ROWS[0]["Actions"],
        ROWS[1]["Actions"],
    ]
    journey.finish()

    # The coordinator records the council's decision and prints the plan.
    journey = Journey(browser, live_server, language)
    page, keys = journey.page, journey.keys
    journey.sign_in("coordinator@incluportal.test")
    journey.visit(plan.get_absolute_url())
    keys.date(journey.field("Date of the council's decision"), DECISION_DATE)
    keys.type(journey.field("Reference of the decision"), REFERENCE)
    journey.follow(page.get_by_role("button", name=t("Record the approval")))
    assert page.get_by_text(t("The approval is recorded.")).is_visible()
    plan.refresh_from_db()
    version = plan.versions.get(number=1)
    assert plan.status == PlanStatus.APPROVED
    assert (version.decision_date, version.decision_reference) == (
        DECISION_DATE,
        REFERENCE,
    )

    with page.expect_download() as download_info:
        keys.press(page.get_by_role("link", name=t("Download PDF")))
    download = download_info.value
    assert download.suggested_filename == "action-plan-jelgava-v1.pdf"
    reader = PdfReader(download.path())
    pages = len(reader.pages)
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    for heading in (
        "Action plan",
        "Actions",
        "Results",
        "Timeline",
        "Who leads?",
        "Resources and partners",
        "Success evaluation",
        "Approval",
        "Signature",
    ):
        assert t(heading) in text, heading
    for row in ROWS:
        assert row["Results"] in text
    assert EDITED in text and ROWS[0]["Actions"] in text
    assert t("page %(page)s of %(pages)s", page=1, pages=pages) in text
    assert REFERENCE in text
    journey.finish()
