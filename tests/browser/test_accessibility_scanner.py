"""The accessibility scanner the journeys rely on finds what it should.

A scan that found nothing because axe-core failed to load would pass every
journey; these tests prove it reports a real violation, and that the keyboard
driver fails on a control the Tab key cannot reach.
"""

import pytest

from tests.browser.conftest import Keyboard, axe_violations

pytestmark = [pytest.mark.browser]


@pytest.fixture
def blank(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


def test_the_scanner_reports_a_field_without_a_label(blank):
    blank.set_content(
        '<html lang="en"><head><title>t</title></head><body><main>'
        '<h1>Form</h1><input type="text" name="city"></main></body></html>'
    )
    violations = axe_violations(blank)
    assert [v["id"] for v in violations] == ["label"]
    assert violations[0]["impact"] == "critical"


def test_the_scanner_passes_a_labelled_field(blank):
    blank.set_content(
        '<html lang="en"><head><title>t</title></head><body><main>'
        '<h1>Form</h1><label for="c">City</label><input id="c" name="city">'
        "</main></body></html>"
    )
    assert axe_violations(blank) == []


def test_the_keyboard_driver_fails_on_a_control_out_of_the_tab_order(blank):
    blank.set_content(
        '<button>First</button><div role="button" id="fake">Not reachable</div>'
    )
    keyboard = Keyboard(blank)
    keyboard.MAX_TABS = 5
    keyboard.press(blank.get_by_role("button", name="First"))
    with pytest.raises(pytest.fail.Exception, match="cannot be reached"):
        keyboard.focus(blank.locator("#fake"))


# The field lies under the fixed bar at the foot of a 720 px high window.
BAR_PAGE = (
    "<html><head><style>{style}</style></head><body>"
    '<button>First</button><div style="height: 640px"></div>'
    '<label for="city">City</label><input id="city">'
    '<div style="height: 2000px"></div>'
    '<div style="position: fixed; bottom: 0; left: 0; right: 0; height: 100px; '
    'background: #fff">Save</div></body></html>'
)


def test_the_keyboard_driver_reports_a_field_scrolled_under_a_sticky_bar(blank):
    blank.set_content(BAR_PAGE.format(style=""))
    keyboard = Keyboard(blank, watch_focus=True)
    keyboard.focus(blank.get_by_label("City"))
    assert len(keyboard.hidden_focus) == 1
    assert "Save" in keyboard.hidden_focus[0]


def test_the_keyboard_driver_passes_a_field_kept_clear_of_the_bar(blank):
    blank.set_content(BAR_PAGE.format(style="html { scroll-padding-bottom: 120px }"))
    keyboard = Keyboard(blank, watch_focus=True)
    keyboard.focus(blank.get_by_label("City"))
    assert keyboard.hidden_focus == []
