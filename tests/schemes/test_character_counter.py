"""Long answers show their limit, and a counter with the script (issue 22,
point 9)."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from incluportal.forms import CountedTextarea
from schemes.forms import ActionPlanRowForm

pytestmark = pytest.mark.django_db


def _edit_page(client, world):
    url = reverse("schemes:needs_analysis_edit", args=[world.scheme.pk, "A"])
    return client.get(url).content.decode()


def test_a_long_answer_writes_its_limit_beside_it(world, client_for):
    html = _edit_page(client_for("mentee"), world)
    textarea = re.search(r'<textarea[^>]*name="challenges"[^>]*>', html).group(0)
    assert 'maxlength="10000"' in textarea
    assert 'data-char-limit="id_challenges_limit"' in textarea
    assert re.search(r'aria-describedby="id_challenges_limit( |")', textarea)
    limit = re.search(
        r'<div class="form-text char-limit" id="id_challenges_limit"[^>]*>', html
    )
    assert limit and 'data-limit="10000"' in limit.group(0)
    assert 'data-count-text="%(count)s of %(limit)s characters"' in limit.group(0)
    assert "Up to 10,000 characters." in html
    # Announced politely, and only what the script writes there.
    assert (
        '<span class="visually-hidden" aria-live="polite" data-char-live></span>'
        in html
    )
    assert "incluportal/js/forms.js" in html


def test_the_limit_is_written_with_the_languages_grouping(world, client_for):
    client = client_for("mentee")
    client.post(reverse("set_language"), {"language": "lv"})
    html = _edit_page(client, world)
    assert "10\xa0000" in html or "10&nbsp;000" in html


def test_the_action_plans_long_answers_count_too(world):
    form = ActionPlanRowForm(plan=world.scheme.action_plan)
    with translation.override("en"):
        html = str(form["action"])
    assert isinstance(form.fields["action"].widget, CountedTextarea)
    assert 'maxlength="5000"' in html and "Up to 5,000 characters." in html


def test_a_field_without_a_limit_gets_no_counter():
    widget = CountedTextarea()
    html = widget.render("free", "", attrs={"id": "id_free"})
    assert "char-limit" not in html
