"""In a real browser: the Content Security Policy breaks nothing, two people
editing at once see the conflict, and an earlier version comes back."""

import os

import pytest
from django.core.management import call_command

from schemes.models import Scheme
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("SCREENSHOTS")  # a folder: save screenshots to look at

WATCH_CSP = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline'));
});
"""


def _shot(page, name):
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def _violations(page):
    return page.evaluate("window.__csp || []")


def test_the_pages_work_under_the_content_security_policy(browser, live_server):
    call_command("load_demo", verbosity=0)
    scheme = Scheme.objects.get(mentee_city__slug="jelgava")
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.add_init_script(WATCH_CSP)
    console = []
    page = context.new_page()
    page.on(
        "console",
        lambda m: console.append(m.text) if "Content Security Policy" in m.text else 0,
    )
    sign_in(page, "jelgava@incluportal.test", "incluportal-demo")
    checked = []
    for url in [
        "/",
        f"/schemes/{scheme.pk}/",
        f"/schemes/{scheme.pk}/needs-analysis/",
        f"/schemes/{scheme.pk}/needs-analysis/edit/A/",
        f"/schemes/{scheme.pk}/action-plan/",
        f"/history/needs-analysis/{scheme.needs_analysis.pk}/",
        "/accounts/two-factor/",
    ]:
        page.goto(url)
        page.wait_for_load_state("networkidle")
        assert _violations(page) == [], url
        checked.append(url)
    page.set_viewport_size({"width": 390, "height": 844})
    _shot(page, "two-factor-phone")
    page.set_viewport_size({"width": 1280, "height": 900})
    # htmx at work under the policy: a row edited in place.
    page.goto(f"/schemes/{scheme.pk}/action-plan/")
    page.get_by_label("Actions").last.fill("Valodas kafejnīca")
    page.get_by_role("button", name="Add the action").click()
    page.locator("#plan-rows").get_by_text("Valodas kafejnīca").wait_for()
    # Bootstrap's menus and the confirmation dialogs run too.
    page.get_by_role("button", name="Latviešu").click()
    page.wait_for_load_state("networkidle")
    assert _violations(page) == []
    assert console == []
    assert len(checked) == 7
    page.wait_for_load_state("networkidle")
    context.close()


def test_two_people_editing_at_once_see_each_others_text(browser, live_server):
    call_command("load_demo", verbosity=0)
    scheme = Scheme.objects.get(mentee_city__slug="jelgava")
    url = f"/schemes/{scheme.pk}/needs-analysis/edit/A/"
    contexts = [
        browser.new_context(base_url=live_server.url, locale="en-GB") for _ in "ab"
    ]
    first, second = (c.new_page() for c in contexts)
    for page in (first, second):
        sign_in(page, "jelgava@incluportal.test", "incluportal-demo")
        page.goto(url)  # both open the same part at the same time
    field = "textarea[name=challenges]"
    first.fill(field, "Vakara kursi strādājošajiem")
    first.get_by_role("button", name="Save").click()
    first.get_by_text("Your answers are saved.").wait_for()

    second.fill(field, "Valodas kafejnīca bibliotēkā")
    second.get_by_role("button", name="Save").click()
    second.get_by_text("Someone else saved this while you were editing").wait_for()
    table = second.locator(".conflict-table")
    assert "Valodas kafejnīca bibliotēkā" in table.inner_text()
    assert "Vakara kursi strādājošajiem" in table.inner_text()
    # Nothing typed is lost: the form still holds the second person's text.
    assert second.input_value(field) == "Valodas kafejnīca bibliotēkā"
    _shot(second, "conflict-desktop")
    second.set_viewport_size({"width": 390, "height": 844})
    _shot(second, "conflict-phone")
    # Saving again, having seen the other text, keeps theirs.
    second.get_by_role("button", name="Save").click()
    second.get_by_text("Your answers are saved.").wait_for()
    scheme.needs_analysis.refresh_from_db()
    assert scheme.needs_analysis.challenges == "Valodas kafejnīca bibliotēkā"

    # The history shows both saves and brings the first one back.
    second.goto(f"/history/needs-analysis/{scheme.needs_analysis.pk}/")
    _shot(second, "history-phone")
    second.set_viewport_size({"width": 1280, "height": 900})
    _shot(second, "history-desktop")
    entries = second.locator(".history-entry")
    assert entries.count() >= 3
    second.once("dialog", lambda dialog: dialog.accept())
    entries.nth(1).get_by_role("button", name="Restore this version").click()
    second.get_by_text("The earlier version is restored").wait_for()
    scheme.needs_analysis.refresh_from_db()
    assert scheme.needs_analysis.challenges == "Vakara kursi strādājošajiem"
    second.get_by_role("button", name="Latviešu").click()
    second.get_by_text("Vēsture").first.wait_for()
    _shot(second, "history-lv")
    for context in contexts:
        context.pages[0].wait_for_load_state("networkidle")
        context.close()
