import pytest
from django.core.management import call_command
from pypdf import PdfReader

from schemes.models import Scheme
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_plan_is_built_row_by_row_approved_and_exported(browser, live_server):
    call_command("load_demo", verbosity=0)
    scheme = Scheme.objects.get(mentee_city__slug="jelgava")
    plan_url = f"/schemes/{scheme.pk}/action-plan/"

    context = browser.new_context(base_url=live_server.url, accept_downloads=True)
    page = context.new_page()
    sign_in(page, "jelgava@incluportal.test", "incluportal-demo")
    page.goto(plan_url)
    rows = [
        ("Latviešu valodas kursi vakaros", "03/2025", "12/2025"),
        ("Valodas kafejnīcas bibliotēkās", "09/2025", ""),
    ]
    for action, start, end in rows:
        page.get_by_label("Actions").last.fill(action)
        page.get_by_label("From").last.fill(start)
        page.get_by_label("Until").last.fill(end)
        page.get_by_role("button", name="Add the action").click()
        page.locator("#plan-rows").get_by_text(action).wait_for()
    # A bad date is refused by the server, and nothing typed is lost.
    page.get_by_label("Actions").last.fill("Ziņu lapa")
    page.get_by_label("From").last.fill("31/31/2025")
    page.get_by_role("button", name="Add the action").click()
    page.get_by_text("Enter a month such as 03/2025").wait_for()
    assert page.get_by_label("Actions").last.input_value() == "Ziņu lapa"

    page.get_by_role("button", name="Move action 2 up").click()
    page.locator("#plan-rows tr.plan-row").first.get_by_text(rows[1][0]).wait_for()
    page.get_by_role("link", name="Edit action 1").click()
    page.locator("#plan-rows textarea").first.fill(
        "Valodas kafejnīcas visās bibliotēkās"
    )
    page.locator("#plan-rows").get_by_role("button", name="Save").click()
    page.locator("#plan-rows").get_by_text("visās bibliotēkās").wait_for()
    page.once("dialog", lambda dialog: dialog.accept())  # "Submit to the council?"
    page.get_by_role("button", name="Submit version 1 to the council").click()
    page.get_by_text("Version 1 is frozen").wait_for()
    context.close()

    context = browser.new_context(base_url=live_server.url, accept_downloads=True)
    page = context.new_page()
    sign_in(page, "coordinator@incluportal.test", "incluportal-demo")
    page.goto(plan_url)
    page.get_by_label("Date of the council's decision").fill("2025-05-25")
    page.get_by_label("Reference of the decision").fill("Nr. 7/12")
    page.get_by_role("button", name="Record the approval").click()
    page.get_by_text("The approval is recorded.").wait_for()
    page.get_by_role("button", name="Latviešu").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Lejupielādēt PDF").first.click()
    download = download_info.value
    assert download.suggested_filename == "action-plan-jelgava-v1.pdf"
    reader = PdfReader(download.path())
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    for heading in [
        "Darbības",
        "Rezultāti",
        "Termiņš",
        "Kurš vada?",
        "Resursi un partneri",
    ]:
        assert heading in text
    assert "Valodas kafejnīcas visās bibliotēkās" in text
    assert "Latviešu valodas kursi vakaros" in text
    assert f"1. lapa no {len(reader.pages)}" in text
    assert "Nr. 7/12" in text and "Paraksts" in text
    context.close()
