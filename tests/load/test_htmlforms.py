"""The load users' form reader: what a browser would post."""

import pytest
from django.urls import reverse

from schemes.models import NeedsAnalysis
from tests.load.htmlforms import form_with, forms_in

PAGE = """
<form method="post" action="/accounts/logout/"><input type="hidden"
  name="csrfmiddlewaretoken" value="t0"><button type="submit">Sign out</button></form>
<form method="post" novalidate>
  <input type="hidden" name="csrfmiddlewaretoken" value="t1">
  <input type="hidden" name="revision" value="7">
  <textarea name="story">
Line one &amp; two</textarea>
  <input type="text" name="leads" value="Mayor&#x27;s office">
  <input type="checkbox" name="public" value="1" checked>
  <input type="checkbox" name="draft">
  <input type="radio" name="level" value="" checked><input type="radio" name="level"
    value="1">
  <input type="text" name="locked" value="x" disabled>
  <select name="factor"><option value="">---</option><option value="3">Three</option>
  </select>
  <select name="visit"><option value="1">One</option>
    <option value="2" selected>Two</option></select>
  <select name="themes" multiple><option value="a" selected>A</option>
    <option value="b">B</option><option value="c" selected>C</option></select>
  <input type="submit" name="save" value="Save">
</form>
"""


def test_it_reads_a_form_as_a_browser_would_post_it():
    form = form_with(PAGE, "revision")
    assert form.fields == [
        ("csrfmiddlewaretoken", "t1"),
        ("revision", "7"),
        # The newline after <textarea> is not part of the value.
        ("story", "Line one & two"),
        ("leads", "Mayor's office"),
        ("public", "1"),
        # A ticked box or radio button sends its value, empty or not.
        ("level", ""),
        # No option chosen: a browser sends the first.
        ("factor", ""),
        ("visit", "2"),
        ("themes", "a"),
        ("themes", "c"),
    ]
    assert form.textareas == ["story"]


def test_it_changes_only_the_answers_given():
    form = form_with(PAGE, "revision")
    data = form.data(story="new text")
    assert ("story", "new text") in data
    assert ("revision", "7") in data
    assert len(data) == len(form.fields)


def test_it_says_when_no_form_has_the_field():
    assert len(forms_in(PAGE)) == 2
    with pytest.raises(LookupError, match="revision"):
        form_with("<form method='post'><input name='q'></form>", "revision")


@pytest.mark.django_db
def test_it_reads_the_portals_own_needs_analysis_form(client_for, world):
    url = reverse("schemes:needs_analysis_edit", args=[world.scheme.pk, "A"])
    client = client_for("mentee")
    form = form_with(client.get(url).content.decode(), "revision")
    assert form.textareas, "the part has written answers"
    name = form.textareas[0]
    data = form.data(**{name: "from the load test"})
    response = client.post(url, dict(_single(data)))
    assert response.status_code == 302
    needs = NeedsAnalysis.objects.get(scheme=world.scheme)
    assert getattr(needs, name) == "from the load test"


@pytest.mark.django_db
def test_it_reads_the_portals_own_action_row_form(client_for, world):
    url = reverse("schemes:action_plan_row_edit", args=[world.scheme.pk, world.row.pk])
    client = client_for("mentee")
    form = form_with(client.get(url).content.decode(), "revision")
    assert "action" in form.textareas
    response = client.post(url, dict(_single(form.data(action="Weekend courses"))))
    assert response.status_code == 302
    world.row.refresh_from_db()
    assert world.row.action == "Weekend courses"


def _single(pairs):
    # These two forms have no field with several values.
    names = [name for name, _value in pairs]
    assert len(names) == len(set(names))
    return pairs
