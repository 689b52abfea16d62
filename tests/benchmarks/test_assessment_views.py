import pytest
from django.urls import reverse

from schemes.models import AssessmentStatus
from tests.support.htmlforms import parse

pytestmark = pytest.mark.django_db


def _post_all(client, assessment, level, submit=False):
    data = {f"level_{r.key_factor_id}": str(level) for r in assessment.ratings.all()}
    data["submit" if submit else "save"] = "1"
    return client.post(reverse("schemes:assessment_edit", args=[assessment.pk]), data)


def test_the_form_shows_every_key_factor_and_question(world, client_for):
    response = client_for("mentee").get(
        reverse("schemes:assessment_edit", args=[world.assessment.pk])
    )
    html = response.content.decode()
    for kf in world.benchmark.key_factors.all():
        assert kf.title in html
        for q in kf.questions.all():
            assert q.text in html
    assert html.count('type="radio"') == 5 * 5  # 5 factors x (unrated + 4 levels)


def test_a_draft_is_saved_and_shown_again(world, client_for):
    client = client_for("mentee")
    kf = world.benchmark.key_factors.get(number=2)
    response = client.post(
        reverse("schemes:assessment_edit", args=[world.assessment.pk]),
        {
            f"level_{kf.pk}": "1",
            f"note_{kf.pk}": "Courses in Russian only",
            "save": "1",
        },
    )
    assert response.status_code == 302
    html = client.get(response.url).content.decode()
    assert "Courses in Russian only" in html
    assert "1 / 5" in html


def test_an_incomplete_submission_keeps_the_draft_and_says_why(world, client_for):
    client = client_for("mentee")
    kf = world.benchmark.key_factors.get(number=1)
    response = client.post(
        reverse("schemes:assessment_edit", args=[world.assessment.pk]),
        {f"level_{kf.pk}": "3", "submit": "1"},
        follow=True,
    )
    html = response.content.decode()
    assert "cannot be submitted yet" in html
    world.assessment.refresh_from_db()
    assert world.assessment.status == AssessmentStatus.DRAFT
    assert world.assessment.ratings.get(key_factor=kf).level == 3


def test_a_level_outside_the_scale_is_a_form_error(world, client_for):
    kf = world.benchmark.key_factors.get(number=1)
    response = client_for("mentee").post(
        reverse("schemes:assessment_edit", args=[world.assessment.pk]),
        {f"level_{kf.pk}": "7", "save": "1"},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert world.assessment.ratings.get(key_factor=kf).level is None


def test_submitting_shows_the_result_with_a_radar_chart(world, client_for):
    client = client_for("mentee")
    response = _post_all(client, world.assessment, 2, submit=True)
    assert response.url == world.assessment.get_absolute_url()
    html = client.get(response.url).content.decode()
    (svg,) = parse(html).xpath('//svg[@class="radar"]')
    assert len(svg.xpath('.//*[@class="radar-axis"]')) == 5
    assert len(svg.xpath('.//*[@class="radar-series"]')) == 1
    assert "Strengths" in html and "Gaps" in html


def test_the_chart_has_every_value_it_draws_in_a_table(world, client_for):
    # The radar's text alternative: someone who cannot see it reads the levels.
    client = client_for("mentee")
    factors = list(world.benchmark.key_factors.order_by("number"))
    levels = [3, 0, 2, 1, None]
    data = {
        f"level_{kf.pk}": "" if level is None else str(level)
        for kf, level in zip(factors, levels, strict=True)
    }
    client.post(
        reverse("schemes:assessment_edit", args=[world.assessment.pk]),
        {**data, "save": "1"},
    )
    html = client.get(world.assessment.get_absolute_url()).content.decode()
    (table,) = parse(html).xpath('//table[contains(@class, "chart-values")]')
    rows = [
        tuple(cell.text_content() for cell in row)
        for row in table.xpath('.//tr[th[@scope="row"]]')
    ]
    assert rows == [
        (f"{kf.number}. {kf.title}", "—" if level is None else str(level))
        for kf, level in zip(factors, levels, strict=True)
    ]
    assert "Jelgava – Baseline (start of the scheme)" in table.text_content()


def test_the_mentor_reads_the_mentees_assessment_once_submitted_and_never_edits(
    world, client_for
):
    url = reverse("schemes:assessment_edit", args=[world.assessment.pk])
    client = client_for("mentor")
    # A draft is seen by its authors and the coordinators only.
    assert client.get(world.assessment.get_absolute_url()).status_code == 404
    assert client.post(url, {"save": "1"}).status_code == 404
    _post_all(client_for("mentee"), world.assessment, 3, submit=True)
    client = client_for("mentor")
    assert client.get(world.assessment.get_absolute_url()).status_code == 200
    # Read-only once submitted: sent back to the result, nothing saved.
    assert client.post(url, {"save": "1"}).status_code == 302


def test_a_submitted_assessment_sends_its_author_to_the_result(world, client_for):
    client = client_for("mentee")
    _post_all(client, world.assessment, 3, submit=True)
    response = client.get(
        reverse("schemes:assessment_edit", args=[world.assessment.pk])
    )
    assert response.status_code == 302
    assert response.url == world.assessment.get_absolute_url()


def test_mentee_and_mentor_are_compared_on_one_chart(world, client_for):
    mentee = client_for("mentee")
    _post_all(mentee, world.assessment, 1, submit=True)
    mentor = client_for("mentor")
    mentor.post(
        reverse("schemes:assessment_start", args=[world.scheme.pk]),
        {"city": world.mentor_city.pk, "round": "baseline"},
    )
    mentor_assessment = world.scheme.self_assessments.get(city=world.mentor_city)
    _post_all(mentor, mentor_assessment, 3, submit=True)
    html = mentor.get(
        reverse("schemes:scheme_assessments", args=[world.scheme.pk])
    ).content.decode()
    assert html.count('class="radar-series"') == 2
    assert "Jelgava" in html and "Schaerbeek" in html


def test_the_final_round_shows_the_change_since_the_baseline(world, client_for):
    client = client_for("mentee")
    _post_all(client, world.assessment, 1, submit=True)
    client.post(
        reverse("schemes:assessment_start", args=[world.scheme.pk]),
        {"city": world.mentee_city.pk, "round": "final"},
    )
    final = world.scheme.self_assessments.get(round="final")
    _post_all(client, final, 3, submit=True)
    html = client.get(final.get_absolute_url()).content.decode()
    assert "Change since the baseline" in html
    assert html.count('class="radar-series"') == 2


def test_user_text_is_escaped(world, client_for):
    client = client_for("mentee")
    kf = world.benchmark.key_factors.get(number=1)
    client.post(
        reverse("schemes:assessment_edit", args=[world.assessment.pk]),
        {f"note_{kf.pk}": "<script>alert(1)</script>", "save": "1"},
    )
    html = client.get(world.assessment.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_null_byte_is_refused_with_a_message(world, client_for):
    kf = world.benchmark.key_factors.get(number=1)
    response = client_for("mentee").post(
        reverse("schemes:assessment_edit", args=[world.assessment.pk]),
        {f"note_{kf.pk}": "bad\x00text", "save": "1"},
    )
    assert response.status_code == 200
    assert world.assessment.ratings.get(key_factor=kf).note == ""
