"""A user's journey through the portal, as the browser journeys drive it.

A ``Journey`` wraps a Playwright page for one person in one language:

- ``journey.t("Sign in")`` gives the text the page shows in the journey's
  language, from the same message catalogue as the portal, so one journey
  test runs in English, in Latvian and in French;
- every page the journey reaches (``visit``, or ``arrived`` after a click that
  navigates or an htmx swap) is scanned with axe-core, checked with the
  W3C's HTML checker, and on a phone-sized screen checked for sideways
  scrolling; ``finish()`` fails with every
  problem found, page by page;
- ``journey.keys`` works the page with the keyboard alone (see
  ``conftest.Keyboard``): journeys reach and operate every control with Tab,
  Enter, Space and typing, never the mouse.
"""

import re

from django.utils import translation
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import get_language_info

from incluportal import translated
from tests.browser.conftest import Keyboard, axe_violations, describe_violations
from tests.support.htmlvalidator import html_errors

PASSWORD = "incluportal-demo"
PHONE = {"width": 390, "height": 844}


class Journey:
    def __init__(self, browser, live_server, language="en", viewport=None):
        self.language = language
        self.viewport = viewport
        options = {
            "base_url": live_server.url,
            "accept_downloads": True,
            # The browser asks for English: the journey chooses its language
            # with the portal's switcher, as a visitor would.
            "locale": "en-GB",
            # No smooth scrolling: a control reached with Tab is in its place
            # at once, so the keyboard driver can check it is in sight.
            "reduced_motion": "reduce",
        }
        if viewport:
            options.update(viewport=viewport, is_mobile=True, has_touch=True)
        self.context = browser.new_context(**options)
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        self.keys = Keyboard(self.page, watch_focus=True)
        self.scanned = []  # every URL scanned, in order
        self.problems = []

    # --- Language -----------------------------------------------------------
    def t(self, message, **values):
        """The portal's text for ``message`` in the journey's language.

        ``message`` is an English message id, or a lazy translation from the
        code (a form label, an annex question) read in the journey's language.
        """
        with translation.override(self.language):
            if isinstance(message, Promise):
                text = str(message)
            else:
                text = str(translation.gettext(message))
        return text % values if values else text

    def exact(self, message, **values):
        """A pattern matching exactly the text of ``message`` as a label or
        name, with or without the asterisk of a required field."""
        return re.compile(rf"^\s*{re.escape(self.t(message, **values))}\s*\*?\s*$")

    def tp(self, context, message):
        with translation.override(self.language):
            return str(translation.pgettext(context, message))

    def field(self, message, within=None):
        """A form field by its label's text in the journey's language (with
        the "*" a required field's label ends with, or without)."""
        text = re.escape(capfirst(self.t(message)))
        return (within or self.page).get_by_label(re.compile(rf"^\s*{text}\*?\s*$"))

    def language_field(self, message, within=None, language=None):
        """The field of one language of a text kept per language ("Name (in
        English)"): by default, the one in the journey's language."""
        in_language = self.t(translated.in_language(language or self.language))
        text = re.escape(f"{capfirst(self.t(message))} ({in_language})")
        return (within or self.page).get_by_label(re.compile(rf"^\s*{text}\*?\s*$"))

    # --- Pages --------------------------------------------------------------
    def visit(self, url):
        response = self.page.goto(url)
        assert response is not None and response.status < 400, (
            f"{url} answered {response.status if response else 'nothing'}"
        )
        self.arrived()
        return response

    def arrived(self, label=None):
        """Check the page as it is now: axe, valid HTML, and width on a phone."""
        self.page.wait_for_load_state("load")
        # After an htmx swap: until htmx has settled the new content (and
        # moved the focus into it), the page is still changing.
        self.page.wait_for_function(
            """() => !document.querySelector(
                ".htmx-request, .htmx-swapping, .htmx-settling, .htmx-added")"""
        )
        # A colour caught halfway through a transition (a button taking the
        # focus fades in its focus colours) is not what anyone reads.
        self.page.evaluate(
            """() => Promise.allSettled(document.getAnimations()
                .filter((a) => a.effect.getComputedTiming().endTime !== Infinity)
                .map((a) => a.finished)).then(() => null)"""
        )
        where = label or self.page.url
        self.scanned.append(where)
        violations = axe_violations(self.page)
        if violations:
            self.problems.append(describe_violations(where, violations))
        if self.viewport:
            width = self.page.evaluate("document.documentElement.scrollWidth")
            if width > self.viewport["width"]:
                self.problems.append(
                    f"{where}: {width}px wide on a {self.viewport['width']}px screen"
                )
        # Valid HTML, as the W3C's checker reads the page as it is now.
        self.problems += [f"{where}: {e}" for e in html_errors(self.page.content())]
        lang = self.page.evaluate("document.documentElement.lang")
        if lang != self.language:
            self.problems.append(f"{where}: <html lang={lang!r}>, not {self.language}")

    def follow(self, locator, key="Enter", *, confirm=None):
        """Work a link or button that loads a page, then check the new page.

        ``confirm``: the question the page asks first (``data-confirm``), in
        the journey's language; it is answered OK, as the user would.
        """
        asked = []
        if confirm is not None:

            def accept(dialog):
                asked.append(dialog.message)
                dialog.accept()

            self.page.once("dialog", accept)
        with self.page.expect_navigation():
            self.keys.press(locator, key)
        if confirm is not None:
            assert asked == [confirm], f"asked {asked}, not {confirm!r}"
        self.arrived()

    def menu(self, name):
        """Follow a link of the main navigation, opening the collapsed menu
        first on a phone."""
        nav = self.page.get_by_role("navigation", name=self.t("Main navigation"))
        link = nav.get_by_role("link", name=name, exact=True)
        if not link.is_visible():
            self.keys.press(
                nav.get_by_role("button", name=self.t("Show or hide navigation"))
            )
            link.wait_for(state="visible")
        self.follow(link)

    def focus_in_view(self, label):
        """Check that the control with the focus can be seen, not scrolled
        out of view or hidden under something (such as a sticky save bar)."""
        from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

        try:
            self.page.wait_for_function(
                """() => {
                    const el = document.activeElement;
                    if (!el || el === document.body) return false;
                    const box = el.getBoundingClientRect();
                    const hit = document.elementFromPoint(
                        box.left + box.width / 2,
                        box.top + Math.min(box.height / 2, 10),
                    );
                    return !!hit && (el.contains(hit)
                        || Array.from(el.labels || []).some((l) => l.contains(hit)));
                }""",
                timeout=3_000,  # smooth scrolling may still be moving the page
            )
        except PlaywrightTimeoutError:
            self.problems.append(f"{self.page.url}: {label} has the focus, unseen")

    def sign_in(self, email, password=PASSWORD):
        """Sign in with the keyboard, in the journey's language."""
        language, self.language = self.language, "en"
        self.visit("/accounts/login/")
        self.switch_language(language)
        self.keys.type(self.page.get_by_label(self.t("E-mail address")), email)
        self.keys.type(self.page.get_by_label(self.t("Password")), password)
        with self.page.expect_navigation():
            self.keys.press(self.page.get_by_role("button", name=self.t("Sign in")))
        self.arrived()

    def switch_language(self, language):
        """Use the language switcher in the menu bar, by keyboard."""
        if self.page.evaluate("document.documentElement.lang") == language:
            self.language = language
            return
        # The switcher names each language in itself ("Latviešu", "Français").
        name = capfirst(get_language_info(language)["name_local"])
        button = self.page.get_by_role("button", name=name)
        if not button.is_visible():  # collapsed menu on a phone
            self.keys.press(self.page.locator(".navbar-toggler"))
        with self.page.expect_navigation():
            self.keys.press(button)
        self.language = language
        self.arrived()

    def finish(self):
        """Close the browser context and fail with every problem found."""
        self.context.close()
        self.problems.extend(self.keys.hidden_focus)
        assert self.scanned, "the journey visited no page"
        assert not self.problems, "\n".join(self.problems)
