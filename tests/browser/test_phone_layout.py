"""On a phone-sized screen no page is wider than the screen."""

import pytest
from django.core.management import call_command

from schemes.models import Scheme
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_main_pages_fit_a_phone_screen(browser, live_server):
    call_command("load_demo", verbosity=0)
    scheme = Scheme.objects.get(mentee_city__slug="jelgava")
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    sign_in(page, "jelgava@incluportal.test", "incluportal-demo")
    pages = [
        "/",
        "/programmes/inclucities/",
        scheme.get_absolute_url(),
        f"/schemes/{scheme.pk}/needs-analysis/",
        f"/schemes/{scheme.pk}/needs-analysis/edit/B/",
        f"/schemes/{scheme.pk}/support-group/jelgava/",
        f"/schemes/{scheme.pk}/self-assessment/",
        "/programmes/inclucities/mentors/schaerbeek/",
        "/benchmarks/",
        "/benchmarks/language-learning/",
        "/good-practices/",
        "/good-practices/new/",
    ]
    too_wide = {}
    for url in pages:
        page.goto(url)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 390:
            too_wide[url] = width
    context.close()
    assert too_wide == {}


# --- Issue 22, point 12 and 13(e): what a city official must reach on a laptop
# (1,366 px) and a phone (375 px). Boxes are measured, not looked at.
LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 375, "height": 812}


def _signed_in_page(browser, live_server, user, viewport):
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    context = browser.new_context(base_url=live_server.url, viewport=viewport)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return context, context.new_page()


# Whether the element's middle is on the screen and not hidden by a scrolling
# or clipping ancestor: the element itself answers there.
IN_SIGHT = """(el) => {
    // Only the page scrolls (down to the element): a scrolling table is left
    // as it comes, as the person first sees it.
    const top = el.getBoundingClientRect().top;
    window.scrollTo({top: window.scrollY + top - window.innerHeight / 2,
                     behavior: "instant"});
    const box = el.getBoundingClientRect();
    const x = box.left + box.width / 2, y = box.top + box.height / 2;
    if (box.left < 0 || box.right > window.innerWidth) return false;
    const hit = document.elementFromPoint(x, y);
    return hit !== null && (hit === el || el.contains(hit));
}"""


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["1366", "375"])
def test_the_support_groups_edit_and_remove_buttons_stay_in_sight(
    browser, live_server, world, viewport
):
    from schemes.models import SupportGroupMember

    # Long names, as real organisations have, in every column.
    for name in ("Andris Bērziņš", "Olena Kovalenko-Shevchenko"):
        SupportGroupMember.objects.create(
            scheme=world.scheme,
            city=world.mentee_city,
            name=name,
            organisation="Jelgava State Gymnasium, adult education department",
            stakeholder_type="migrant_association",
            role="Advises on outreach to newcomers and their families",
            contact="someone@example.lv",
        )
    context, page = _signed_in_page(
        browser, live_server, world.users["mentee"], viewport
    )
    page.goto(f"/schemes/{world.scheme.pk}/support-group/jelgava/")
    buttons = page.locator(
        "table a:text-is('Edit'), table a:has-text('Edit'), "
        "table button:has-text('Remove')"
    )
    assert buttons.count() == 6  # Edit and Remove for each of three members
    hidden = [
        buttons.nth(i).inner_text()
        for i in range(buttons.count())
        if not buttons.nth(i).evaluate(IN_SIGHT)
    ]
    width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert hidden == []
    assert width <= viewport["width"]


def test_the_steps_of_the_method_leave_most_of_a_phones_first_screen(
    browser, live_server, world
):
    context, page = _signed_in_page(browser, live_server, world.users["mentee"], PHONE)
    page.goto(world.scheme.get_absolute_url())
    summary = page.locator(".stage-summary")
    tracker = page.locator(".stage-tracker")
    assert summary.is_visible() and "of 7" in summary.inner_text()
    height = summary.bounding_box()["height"] + tracker.bounding_box()["height"]
    width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert height < PHONE["height"] / 4
    assert width <= PHONE["width"]  # the steps scroll inside their row


def test_self_assessment_headings_stay_inside_their_box_on_a_phone(
    browser, live_server, world
):
    context, page = _signed_in_page(browser, live_server, world.users["mentee"], PHONE)
    page.goto(f"/self-assessments/{world.assessment.pk}/edit/")
    outside = page.evaluate(
        """() => [...document.querySelectorAll("fieldset.key-factor")].filter(f => {
            const legend = f.querySelector("legend").getBoundingClientRect();
            const box = f.getBoundingClientRect();
            const style = getComputedStyle(f);
            const top = box.top + parseFloat(style.borderTopWidth);
            return legend.top < top || legend.bottom > box.bottom
                || legend.left < box.left || legend.right > box.right;
        }).map(f => f.querySelector("legend").innerText)"""
    )
    count = page.locator("fieldset.key-factor").count()
    context.close()
    assert count == 5 and outside == []


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["1366", "375"])
def test_the_librarys_country_filter_shows_its_choice_whole(
    browser, live_server, world, viewport
):
    context, page = _signed_in_page(
        browser, live_server, world.users["mentee"], viewport
    )
    page.goto("/good-practices/")
    # The widest of its options, in the select's font, against the room the
    # select leaves for text (its width less its padding, arrow included).
    room, needed = page.evaluate(
        """() => {
            const select = document.querySelector("select[name=country]");
            const style = getComputedStyle(select);
            const ctx = document.createElement("canvas").getContext("2d");
            ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
            const needed = Math.max(...[...select.options].map(
                o => ctx.measureText(o.text).width));
            const room = select.clientWidth - parseFloat(style.paddingLeft)
                - parseFloat(style.paddingRight);
            return [room, needed];
        }"""
    )
    context.close()
    assert needed <= room
