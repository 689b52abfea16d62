"""An action's timeline: read from what people write, stored as a start and
an end, printed in one style (issue 22, point 10)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from schemes.forms import ActionPlanRowForm
from schemes.templatetags.annexes import timeline as timeline_tag
from schemes.work import timeline
from schemes.work.timeline import Timeline

D = datetime.date
NB = "\u00a0"  # each end of a timeline stays on one line


@pytest.mark.parametrize(
    ("written", "start", "start_precision", "end", "end_precision"),
    [
        ("12.03.2024", D(2024, 3, 12), "day", D(2024, 3, 12), "day"),
        ("2024-03-12", D(2024, 3, 12), "day", D(2024, 3, 12), "day"),
        ("12/03/2024", D(2024, 3, 12), "day", D(2024, 3, 12), "day"),
        ("2024. gada 12. marts", D(2024, 3, 12), "day", D(2024, 3, 12), "day"),
        ("03.2024", D(2024, 3, 1), "month", D(2024, 3, 31), "month"),
        ("03/2024", D(2024, 3, 1), "month", D(2024, 3, 31), "month"),
        ("2024-02", D(2024, 2, 1), "month", D(2024, 2, 29), "month"),
        ("March 2024", D(2024, 3, 1), "month", D(2024, 3, 31), "month"),
        ("2024. gada marts", D(2024, 3, 1), "month", D(2024, 3, 31), "month"),
        ("mars 2024", D(2024, 3, 1), "month", D(2024, 3, 31), "month"),
        ("Q3 2024", D(2024, 7, 1), "quarter", D(2024, 9, 30), "quarter"),
        (
            "2024. gada 3. ceturksnis",
            D(2024, 7, 1),
            "quarter",
            D(2024, 9, 30),
            "quarter",
        ),
        ("3. ceturksnis 2024", D(2024, 7, 1), "quarter", D(2024, 9, 30), "quarter"),
        ("T3 2024", D(2024, 7, 1), "quarter", D(2024, 9, 30), "quarter"),
        ("3e trimestre 2024", D(2024, 7, 1), "quarter", D(2024, 9, 30), "quarter"),
        ("2025", D(2025, 1, 1), "year", D(2025, 12, 31), "year"),
        ("03.2024–06.2024", D(2024, 3, 1), "month", D(2024, 6, 30), "month"),
        ("03.2024-06.2024", D(2024, 3, 1), "month", D(2024, 6, 30), "month"),
        ("Q1 2024 - Q2 2025", D(2024, 1, 1), "quarter", D(2025, 6, 30), "quarter"),
        ("2024. gada marts – jūnijs", D(2024, 3, 1), "month", D(2024, 6, 30), "month"),
        ("12.03.2024 – Q4 2024", D(2024, 3, 12), "day", D(2024, 12, 31), "quarter"),
        ("  ", None, "day", None, "day"),
    ],
)
def test_what_people_write_is_read_as_a_start_and_an_end(
    written, start, start_precision, end, end_precision
):
    form = ActionPlanRowForm.base_fields["timeline"]
    assert form.clean(written) == Timeline(start, start_precision, end, end_precision)


@pytest.mark.parametrize("language", ["en", "lv"])
@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("soon", "for example 12.03.2024, 03.2024"),
        ("31.02.2024", "for example 12.03.2024, 03.2024"),
        ("13/2025", "for example 12.03.2024, 03.2024"),
        ("Q5 2024", "for example 12.03.2024, 03.2024"),
        ("06.2024 – 03.2024", "The end cannot come before the start."),
    ],
)
def test_what_cannot_be_read_is_a_form_error_with_examples(
    db, world, language, written, message
):
    with translation.override(language):
        form = ActionPlanRowForm(
            {"action": "Kursi", "timeline": written}, plan=world.scheme.action_plan
        )
        assert not form.is_valid()
    if language == "en":
        assert message in form.errors["timeline"][0]


@pytest.mark.parametrize(
    ("when", "english", "latvian"),
    [
        (
            Timeline(D(2024, 3, 12), "day", D(2024, 3, 12), "day"),
            "12 Mar 2024",
            "2024. gada 12. marts",
        ),
        (
            Timeline(D(2024, 3, 1), "month", D(2024, 6, 30), "month"),
            "Mar 2024 – Jun 2024",
            "2024. gada marts – jūnijs",
        ),
        (
            Timeline(D(2024, 11, 1), "month", D(2025, 2, 28), "month"),
            "Nov 2024 – Feb 2025",
            "2024. gada novembris – 2025. gada februāris",
        ),
        (
            Timeline(D(2024, 7, 1), "quarter", D(2024, 9, 30), "quarter"),
            "Q3 2024",
            "2024. gada 3. ceturksnis",
        ),
        (
            Timeline(D(2024, 1, 1), "quarter", D(2025, 6, 30), "quarter"),
            "Q1 2024 – Q2 2025",
            "2024. gada 1. ceturksnis – 2025. gada 2. ceturksnis",
        ),
        (
            Timeline(D(2025, 1, 1), "year", D(2025, 12, 31), "year"),
            "2025",
            "2025. gads",
        ),
        (Timeline(D(2024, 3, 1), "month", None, "day"), "Mar 2024", "2024. gada marts"),
        (Timeline(), "", ""),
    ],
)
def test_a_timeline_prints_in_one_style_and_reads_back(when, english, latvian):
    for language, expected in (("en", english), ("lv", latvian)):
        with translation.override(language):
            printed = timeline.display(when)
            assert printed.replace(NB, " ") == expected
            if when.start and when.end:
                assert timeline.parse(printed) == when  # the editor's initial text


def test_a_range_breaks_after_its_dash_and_between_words_never_inside_one():
    when = Timeline(D(2024, 1, 1), "quarter", D(2025, 6, 30), "quarter")
    with translation.override("lv"):
        printed = timeline.display(when)
    assert printed == (
        f"2024.{NB}gada 1.{NB}ceturksnis{NB}– 2025.{NB}gada 2.{NB}ceturksnis"
    )
    with translation.override("en"):
        assert timeline.display(when) == f"Q1{NB}2024{NB}– Q2{NB}2025"


def test_a_version_frozen_before_quarters_still_prints():
    """A snapshot row with the month flags of before (and ISO dates)."""
    row = {
        "start": "2024-03-01",
        "start_is_month": True,
        "end": "2024-06-01",
        "end_is_month": True,
    }
    with translation.override("en"):
        assert timeline_tag(row).replace(NB, " ") == "Mar 2024 – Jun 2024"


@pytest.mark.django_db
def test_the_editor_stores_the_timeline_and_every_page_prints_it_alike(
    world, client_for
):
    plan = world.scheme.action_plan
    client = client_for("mentee")
    url = reverse("schemes:action_plan_row_add", args=[world.scheme.pk])
    rows = [("Later", "Q3 2025"), ("Sooner", "03.2024–06.2024"), ("Unknown", "")]
    for action, written in rows:
        assert (
            client.post(url, {"action": action, "timeline": written}).status_code == 302
        )
    later = plan.rows.get(action="Later")
    assert (later.start, later.start_precision, later.end, later.end_precision) == (
        D(2025, 7, 1),
        "quarter",
        D(2025, 9, 30),
        "quarter",
    )
    # Stored as dates: the plan's actions sort by when they start.
    by_start = plan.rows.filter(start__isnull=False).order_by("start", "end")
    assert [r.action for r in by_start] == ["Sooner", "Later"]
    html = client.get(plan.get_absolute_url()).content.decode()
    assert f"Q3{NB}2025" in html and f"Mar{NB}2024{NB}– Jun{NB}2024" in html
    edit = client.get(
        reverse("schemes:action_plan_row_edit", args=[world.scheme.pk, later.pk])
    )
    assert f'value="Q3{NB}2025"' in edit.content.decode()
    client.post(reverse("set_language"), {"language": "lv"})
    html = client.get(plan.get_absolute_url()).content.decode()
    assert f"2025.{NB}gada 3.{NB}ceturksnis" in html
