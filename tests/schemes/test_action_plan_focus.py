"""Where the keyboard focus goes after the action-plan editor changes by htmx.

A swap replaces the control that had the focus; each fragment marks with
``autofocus`` the one control htmx moves the focus to, so it is never lost to
the page's <body>. The browser journey (tests/browser/test_journey_action_plan)
follows the focus in Chromium; these pin the server's choice for every change.
"""

import pytest
from django.urls import reverse

from schemes import services
from tests.support.htmlforms import parse

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def autofocused(response):
    """The one element the fragment gives the focus to, and every id in it."""
    fragment = parse(response.content.decode())
    found = fragment.xpath("//*[@autofocus]")
    assert len(found) == 1, [(e.tag, dict(e.attrib)) for e in found]
    return dict(found[0].attrib), [str(i) for i in fragment.xpath("//@id")]


@pytest.fixture
def plan(world):
    plan = world.scheme.action_plan
    plan.rows.all().delete()
    return plan


@pytest.fixture
def rows(world, plan):
    return [
        services.row_create(plan=plan, values={"action": a}, by=world.users["mentee"])
        for a in ("First", "Second", "Third")
    ]


def _url(name, world, *args):
    return reverse(f"schemes:action_plan_{name}", args=[world.scheme.pk, *args])


def test_an_added_action_leaves_the_focus_in_the_empty_add_form(
    world, plan, client_for
):
    client = client_for("mentee")
    response = client.post(_url("row_add", world), {"action": "New"}, **HTMX)
    element, _ids = autofocused(response)
    assert element["id"] == "id_action"
    assert plan.rows.get().action == "New"


def test_a_refused_action_puts_the_focus_on_the_first_field_to_correct(
    world, plan, client_for
):
    client = client_for("mentee")
    data = {"action": "New", "timeline": "31/31/2025 – 40/2025"}
    response = client.post(_url("row_add", world), data, **HTMX)
    element, _ids = autofocused(response)
    assert element["id"] == "id_timeline"
    assert element["value"] == "31/31/2025 – 40/2025"
    assert not plan.rows.exists()


def test_a_moved_action_keeps_the_focus_on_its_button_until_it_reaches_the_end(
    world, rows, client_for
):
    client = client_for("mentee")
    third = rows[2]
    response = client.post(_url("row_move", world, third.pk, "up"), **HTMX)
    element, _ids = autofocused(response)
    assert element["aria-label"] == "Move action 2 up"
    # At the top, "up" is disabled: the focus goes to the row's Edit link.
    response = client.post(_url("row_move", world, third.pk, "up"), **HTMX)
    element, _ids = autofocused(response)
    assert element["data-hx-target"] == f"#row-{third.pk}"
    assert element["href"] == _url("row_edit", world, third.pk)
    response = client.post(_url("row_move", world, rows[1].pk, "down"), **HTMX)
    element, _ids = autofocused(response)
    assert element["href"] == _url("row_edit", world, rows[1].pk)  # now last


def test_an_action_opened_for_editing_takes_the_focus_with_ids_of_its_own(
    world, rows, client_for
):
    client = client_for("mentee")
    second = rows[1]
    response = client.get(_url("row_edit", world, second.pk), **HTMX)
    element, ids = autofocused(response)
    assert element["id"] == f"id_row{second.pk}_action"
    # The add form below keeps id_action & co.: no id is used twice.
    assert "id_action" not in ids and f"id_row{second.pk}_timeline" in ids


def test_a_saved_or_cancelled_edit_gives_the_focus_back_to_the_row(
    world, rows, client_for
):
    client = client_for("mentee")
    second = rows[1]
    edit = _url("row_edit", world, second.pk)
    response = client.post(
        edit, {"action": "Changed", "revision": second.revision}, **HTMX
    )
    element, _ids = autofocused(response)
    assert element["href"] == edit
    second.refresh_from_db()
    assert second.action == "Changed"
    response = client.get(_url("row_detail", world, second.pk), **HTMX)
    element, _ids = autofocused(response)
    assert element["href"] == edit


def test_a_refused_edit_puts_the_focus_on_the_field_to_correct(world, rows, client_for):
    client = client_for("mentee")
    second = rows[1]
    response = client.post(
        _url("row_edit", world, second.pk),
        {"action": "", "revision": second.revision},
        **HTMX,
    )
    element, _ids = autofocused(response)
    assert element["id"] == f"id_row{second.pk}_action"


def test_a_removed_action_passes_the_focus_to_the_one_in_its_place(
    world, rows, client_for
):
    client = client_for("mentee")
    first, second, third = rows
    response = client.post(
        _url("row_delete", world, first.pk), {"revision": first.revision}, **HTMX
    )
    element, _ids = autofocused(response)
    assert element["href"] == _url("row_edit", world, second.pk)
    response = client.post(
        _url("row_delete", world, third.pk), {"revision": third.revision}, **HTMX
    )
    element, _ids = autofocused(response)
    assert element["href"] == _url("row_edit", world, second.pk)  # the last
    response = client.post(
        _url("row_delete", world, second.pk), {"revision": second.revision}, **HTMX
    )
    element, _ids = autofocused(response)
    assert element["id"] == "id_action"  # no action left: add one


def test_the_plan_page_itself_takes_no_focus_away(world, rows, client_for):
    response = client_for("mentee").get(world.scheme.action_plan.get_absolute_url())
    assert b"autofocus" not in response.content
