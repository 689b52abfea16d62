"""Playwright for Python driving Debian's Chromium (never a downloaded browser)."""

import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")

# Playwright's sync API runs an event loop in the test thread; Django's ORM
# refuses to run inside one unless told that this thread is not async code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: run `sudo apt-get install chromium` "
            "(make test does it when run as root)."
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    # Let late requests finish while the test database is still there.
    page.wait_for_load_state("networkidle")
    context.close()


def sign_in(page, email, password):
    page.goto("/accounts/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


# --- Accessibility ------------------------------------------------------------
# axe-core comes from the npm registry (tests/browser/axe/package.json, pinned
# in its package-lock.json; `make test` runs `npm ci` there) and is injected by
# Playwright into the page under test. The portal never serves it.
AXE_JS = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.1 A and AA, which EU public-sector sites must meet (EN 301 549).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_BLOCKING = {"serious", "critical"}


def _axe_source():
    if not AXE_JS.exists():
        pytest.fail(
            f"axe-core not found at {AXE_JS}: run "
            "`npm ci --prefix tests/browser/axe` (make test does it)."
        )
    return AXE_JS.read_text(encoding="utf-8")


def axe_violations(page):
    """Scan the page as it is now; return axe's serious and critical violations.

    The script is evaluated through the DevTools protocol, so the portal's
    Content Security Policy (no inline script) stays on during the scan.
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_axe_source() + "\n;undefined")
    results = page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5),
            }));
        }""",
        AXE_TAGS,
    )
    return [v for v in results if v["impact"] in AXE_BLOCKING]


def describe_violations(url, violations):
    lines = [f"{url}:"]
    for violation in violations:
        lines.append(
            f"  [{violation['impact']}] {violation['id']}: {violation['help']}"
        )
        lines.extend(f"      {target}" for target in violation["nodes"])
    return "\n".join(lines)


# What covers the middle of the focused control's first box, or null when it
# is the control itself (or its label): the browser scrolls a control reached
# with Tab into view, but a sticky bar may still lie over it.
FOCUS_HIDDEN_BY = """() => {
    const el = document.activeElement;
    const box = el.getClientRects()[0];
    if (!box) return "nothing: it has no box on the page";
    const hit = document.elementFromPoint(
        box.left + box.width / 2, box.top + box.height / 2);
    if (hit && (hit === el || el.contains(hit) || hit.control === el)) return null;
    return hit ? hit.outerHTML.slice(0, 120) : "the edge of the screen";
}"""


class Keyboard:
    """Drives a page with the keyboard alone, as someone who cannot use a mouse.

    Controls are reached with Tab (in the page's own order, so a control that
    cannot be reached fails the test) and worked with Enter, Space and typing.
    """

    MAX_TABS = 250

    def __init__(self, page, *, watch_focus=False):
        self.page = page
        # With watch_focus, every control reached is checked to be in sight,
        # not scrolled under a sticky bar or an overlay where its focus cannot
        # be seen (WCAG 2.4.7); those that are not are listed here.
        self.watch_focus = watch_focus
        self.hidden_focus = []

    def focus(self, locator):
        """Press Tab until the control has the focus."""
        handle = locator.element_handle()
        self.page.evaluate(
            "() => document.activeElement && document.activeElement.blur()"
        )
        for _ in range(self.MAX_TABS):
            self.page.keyboard.press("Tab")
            if self.page.evaluate("(el) => document.activeElement === el", handle):
                self._check_in_sight(locator)
                return
        pytest.fail(f"{locator} cannot be reached with the Tab key")

    def _check_in_sight(self, locator):
        if not self.watch_focus:
            return
        covered_by = self.page.evaluate(FOCUS_HIDDEN_BY)
        if covered_by:
            self.hidden_focus.append(
                f"{self.page.url}: {locator} has the focus under {covered_by}"
            )

    def press(self, locator, key="Enter"):
        self.focus(locator)
        self.page.keyboard.press(key)

    def type(self, locator, text):
        """Reach a text field, clear it and type into it."""
        self.focus(locator)
        self.page.keyboard.press("ControlOrMeta+a")
        self.page.keyboard.press("Delete")
        if text:
            self.page.keyboard.insert_text(text)

    def select(self, locator, label):
        """Reach a drop-down and choose an option by its label with the keyboard."""
        self.focus(locator)
        labels = locator.evaluate("(el) => Array.from(el.options).map(o => o.label)")
        if label not in labels:
            pytest.fail(f"{label!r} is not among the options {labels}")
        current = locator.evaluate("(el) => el.selectedIndex")
        target = labels.index(label)
        key = "ArrowDown" if target > current else "ArrowUp"
        for _ in range(abs(target - current)):
            self.page.keyboard.press(key)

    def date(self, locator, value):
        """Reach a date field (<input type=date>) and type ``value`` into it.

        The field's day, month and year boxes come in the order of the
        browser's own locale, which the page cannot read: a first date typed
        into the field shows the order, then the real date is typed over it
        (Shift+Tab goes back from the year to the first box).
        """
        self.focus(locator)
        self.page.keyboard.type("01022003")
        order = {
            "2003-02-01": ("%d", "%m", "%Y"),
            "2003-01-02": ("%m", "%d", "%Y"),
        }.get(locator.input_value())
        if order is None:
            pytest.fail(f"{locator}: cannot tell the order of its date boxes")
        self.page.keyboard.press("Shift+Tab")
        self.page.keyboard.press("Shift+Tab")
        self.page.keyboard.type("".join(value.strftime(part) for part in order))
        if locator.input_value() != value.isoformat():
            pytest.fail(f"{locator} shows {locator.input_value()!r}, not {value}")

    def check(self, locator, checked=True):
        self.focus(locator)
        if locator.is_checked() != checked:
            self.page.keyboard.press("Space")

    def choose(self, radio):
        """Pick a radio button as the keyboard does: Tab into its group (which
        stops once, on the chosen button or the first), then the arrow keys."""
        handle = radio.element_handle()
        name = radio.get_attribute("name")
        self.page.evaluate(
            "() => document.activeElement && document.activeElement.blur()"
        )
        in_group = """(name) => document.activeElement &&
            document.activeElement.type === 'radio' &&
            document.activeElement.name === name"""
        for _ in range(self.MAX_TABS):
            self.page.keyboard.press("Tab")
            if self.page.evaluate(in_group, name):
                break
        else:
            pytest.fail(f"the group of {radio} cannot be reached with the Tab key")
        size = self.page.locator(f'input[type="radio"][name="{name}"]').count()
        for _ in range(size):
            if self.page.evaluate("(el) => document.activeElement === el", handle):
                break
            self.page.keyboard.press("ArrowRight")  # moves and selects
        else:
            pytest.fail(f"{radio} cannot be reached with the arrow keys")
        if not radio.is_checked():
            self.page.keyboard.press("Space")
        self._check_in_sight(radio)
