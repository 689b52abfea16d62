"""A refused form says so at the top, with each error linked to its field.

Every form of the portal is checked the same way by the bad-input hunt
(tests/test_bad_input.py, with ``tests.support.a11y.error_problems``); these
are the readable cases: a crispy form, the hand-written self-assessment, a
group of radio buttons, an htmx row of the action plan, signing in, and the
checker itself on pages that get it wrong.
"""

import pytest
from django import forms
from django.template import Context, Template
from django.urls import reverse

from tests.support.a11y import error_problems, parse

pytestmark = pytest.mark.django_db


def summary_of(html):
    page = parse(html)
    assert len(page.summaries) == 1, "one error summary"
    summary = page.summaries[0]
    assert summary.attrs["role"] == "alert"
    assert summary.attrs["tabindex"] == "-1"  # errors.js gives it the focus
    return page, summary


def test_a_crispy_form_lists_each_error_linked_to_its_field(world, client_for):
    client = client_for("mentee")
    url = reverse("schemes:support_group_member_add", args=[world.scheme.pk, "jelgava"])
    response = client.post(url, {"name": ""})
    assert response.status_code == 200
    html = response.content.decode()
    page, summary = summary_of(html)
    form = response.context["form"]
    assert set(form.errors) == {"name", "stakeholder_type"}
    assert summary.links == ["#id_name", "#id_stakeholder_type"]
    assert "This field is required." in summary.text
    assert "nothing was saved" in summary.text
    select = page.by_id["id_stakeholder_type"]
    assert select.tag == "select" and select.attrs["aria-invalid"] == "true"
    assert "id_stakeholder_type_error" in select.described_by
    assert "This field is required." in page.by_id["id_stakeholder_type_error"].text
    assert error_problems(html, [form]) == []


def test_the_self_assessment_links_its_hand_written_fields(world, client_for):
    client = client_for("mentee")
    assessment = world.assessment
    url = reverse("schemes:assessment_edit", args=[assessment.pk])
    page = parse(client.get(url).content.decode())
    note = next(i for i in page.by_id if i.startswith("id_") and "note" in i)
    response = client.post(url, {note.removeprefix("id_"): "bad\x00text", "save": ""})
    html = response.content.decode()
    form = response.context["form"]
    assert note.removeprefix("id_") in form.errors
    page, summary = summary_of(html)
    assert f"#{note}" in summary.links
    assert page.by_id[note].invalid
    assert error_problems(html, [form]) == []


def test_a_group_of_radio_buttons_is_linked_by_its_first_button():
    class Rating(forms.Form):
        level = forms.ChoiceField(
            choices=[("1", "Low"), ("2", "High")], widget=forms.RadioSelect
        )

    form = Rating(data={})
    html = Template(
        "{% load crispy_forms_tags form_errors %}{% error_summary form %}"
        "{{ form|crispy }}"
    ).render(Context({"form": form}))
    page, summary = summary_of(html)
    assert summary.links == ["#id_level_0"]
    assert page.by_id["id_level_0"].invalid
    assert error_problems(html, [form]) == []


def test_an_htmx_row_brings_its_summary_with_it(world, client_for):
    client = client_for("mentee")
    url = reverse("schemes:action_plan_row_add", args=[world.scheme.pk])
    response = client.post(
        url, {"action": "Courses", "timeline": "13/2025"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    html = response.content.decode()
    page, summary = summary_of(html)
    assert summary.links == ["#id_timeline"]
    assert error_problems(html, [response.context["form"]]) == []


def test_signing_in_says_the_error_once_in_the_summary(world, client):
    response = client.post(
        reverse("login"), {"username": "mentee@example.org", "password": "wrong"}
    )
    html = response.content.decode()
    page, summary = summary_of(html)
    assert "Please enter a correct" in summary.text
    # crispy's own box for errors outside the fields is not shown as well.
    assert html.count("Please enter a correct") == 1
    assert error_problems(html, [response.context["form"]]) == []


class _Form(forms.Form):
    name = forms.CharField()


@pytest.mark.parametrize(
    "html, problem",
    [
        ("<p>This field is required.</p>", "no error summary"),
        (
            '<div data-error-summary role="alert" tabindex="-1">'
            "<p>This field is required.</p></div>"
            '<input id="id_name" aria-invalid="true" aria-describedby="e">'
            '<p id="e">This field is required.</p>',
            "no link to #id_name",
        ),
        (
            '<div data-error-summary role="alert" tabindex="-1">'
            '<a href="#id_name">Name: This field is required.</a></div>'
            '<input id="id_name">',
            "is not aria-invalid and described by its error",
        ),
        (
            '<div data-error-summary role="alert" tabindex="-1">'
            '<a href="#id_name">Name: This field is required.</a></div>',
            "not on the page",
        ),
        (
            '<div data-error-summary><a href="#id_name">Name: This field is '
            'required.</a></div><input id="id_name" aria-invalid="true" '
            'aria-describedby="e"><p id="e">This field is required.</p>',
            'needs role="alert"',
        ),
    ],
)
def test_the_checker_finds_what_is_missing(html, problem):
    form = _Form(data={})
    assert not form.is_valid()
    problems = error_problems(html, [form])
    assert any(problem in p for p in problems), problems
