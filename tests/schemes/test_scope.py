"""The scheme's scope: written by its two cities, agreed by both sides, and
reopened by any change after that."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from incluportal.conflicts import EditConflict
from schemes import services
from schemes.models import Scope, ScopeStatus
from schemes.work.history import tracked_for

pytestmark = pytest.mark.django_db

QUESTION = "How do we reach newcomers who do not speak Latvian?"


def _scope(world):
    return Scope.objects.get(scheme=world.scheme)


def _write(world, persona="mentee", **values):
    return services.scope_save(
        scope=_scope(world),
        values=values or {"questions": QUESTION},
        by=world.users[persona],
    )


def _agree(world, persona, side=None):
    return services.scope_agree(
        scope=_scope(world), side=side or persona, by=world.users[persona]
    )


def _pdf_text(content):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


# --- Services -------------------------------------------------------------------


def test_every_scheme_has_a_scope_being_agreed(world):
    scope = _scope(world)
    assert scope.status == ScopeStatus.DRAFT
    assert scope.agreements()[0]["city"] == world.mentee_city
    assert scope.agreements()[1]["city"] == world.mentor_city
    assert [a["at"] for a in scope.agreements()] == [None, None]


@pytest.mark.parametrize("persona", ["mentee", "mentor"])
def test_both_cities_write_it(world, persona):
    scope = _write(world, persona, questions=QUESTION, needs="Language courses")
    scope.refresh_from_db()
    assert scope.questions == QUESTION and scope.needs == "Language courses"
    assert scope.updated_by == world.users[persona]
    record = scope.history.latest()
    assert record.questions == QUESTION
    assert record.updated_by_id == world.users[persona].pk


@pytest.mark.parametrize(
    "persona", ["coordinator", "association", "mentor_association", "other_scheme"]
)
def test_nobody_else_writes_it(world, persona):
    records = _scope(world).history.count()
    with pytest.raises(PermissionDenied):
        _write(world, persona)
    scope = _scope(world)
    assert scope.questions == "" and scope.history.count() == records


def test_an_unknown_field_is_refused(world):
    with pytest.raises(ValueError):
        _write(world, status="agreed")
    assert _scope(world).status == ScopeStatus.DRAFT


def test_each_side_records_its_agreement_and_both_make_it_agreed(world):
    _write(world)
    scope = _agree(world, "mentee")
    scope.refresh_from_db()
    assert scope.status == ScopeStatus.DRAFT
    assert scope.mentee_agreed_by == world.users["mentee"]
    assert scope.mentee_agreed_at is not None
    assert scope.mentor_agreed_at is None
    _agree(world, "mentor")
    scope.refresh_from_db()
    assert scope.status == ScopeStatus.AGREED
    assert scope.mentor_agreed_by == world.users["mentor"]
    assert scope.mentee_agreed_by == world.users["mentee"]
    # The agreement is in the history, with who and when.
    record = scope.history.latest()
    assert record.status == ScopeStatus.AGREED
    assert record.mentor_agreed_by_id == world.users["mentor"].pk


def test_the_mentor_may_agree_first(world):
    _write(world)
    _agree(world, "mentor")
    _agree(world, "mentee")
    assert _scope(world).status == ScopeStatus.AGREED


def test_an_empty_scope_cannot_be_agreed(world):
    with pytest.raises(ValidationError, match="questions"):
        _agree(world, "mentee")
    assert _scope(world).mentee_agreed_at is None


def test_a_side_agrees_once(world):
    _write(world)
    _agree(world, "mentee")
    with pytest.raises(ValidationError, match="already"):
        _agree(world, "mentee")


@pytest.mark.parametrize(
    ("persona", "side"),
    [
        ("mentor", "mentee"),
        ("mentee", "mentor"),
        ("coordinator", "mentee"),
        ("association", "mentee"),
    ],
)
def test_only_a_sides_city_agrees_for_it(world, persona, side):
    _write(world)
    with pytest.raises(PermissionDenied):
        _agree(world, persona, side)
    assert _scope(world).agreed_at(side) is None


def test_no_such_side(world):
    _write(world)
    with pytest.raises(ValidationError):
        _agree(world, "mentee", "coordinator")


def test_a_change_after_the_agreement_reopens_it(world):
    _write(world)
    _agree(world, "mentee")
    _agree(world, "mentor")
    _write(world, "mentor", out_of_scope="Housing")
    scope = _scope(world)
    assert scope.status == ScopeStatus.DRAFT
    assert [a["at"] for a in scope.agreements()] == [None, None]
    assert scope.out_of_scope == "Housing"
    # Both agree again.
    _agree(world, "mentee")
    _agree(world, "mentor")
    assert _scope(world).status == ScopeStatus.AGREED


def test_a_change_after_one_side_agreed_asks_it_again(world):
    _write(world)
    _agree(world, "mentee")
    _write(world, "mentor", questions=QUESTION + " And their children?")
    assert _scope(world).mentee_agreed_at is None


def test_a_save_that_changes_nothing_keeps_the_agreement(world):
    _write(world)
    _agree(world, "mentee")
    _agree(world, "mentor")
    records = _scope(world).history.count()
    _write(world, "mentee", questions=QUESTION)
    scope = _scope(world)
    assert scope.status == ScopeStatus.AGREED
    assert scope.history.count() == records


def test_two_forms_opened_at_once_merge_their_changes(world):
    revision = _scope(world).revision
    services.scope_save(
        scope=_scope(world),
        values={"questions": QUESTION, "needs": ""},
        by=world.users["mentee"],
        revision=revision,
    )
    # The mentor's form was opened before the mentee saved.
    services.scope_save(
        scope=_scope(world),
        values={"questions": "", "needs": "Language courses"},
        by=world.users["mentor"],
        revision=revision,
    )
    scope = _scope(world)
    assert (scope.questions, scope.needs) == (QUESTION, "Language courses")


def test_two_forms_changing_the_same_text_conflict(world):
    revision = _scope(world).revision
    services.scope_save(
        scope=_scope(world),
        values={"questions": QUESTION},
        by=world.users["mentee"],
        revision=revision,
    )
    with pytest.raises(EditConflict) as raised:
        services.scope_save(
            scope=_scope(world),
            values={"questions": "Something else"},
            by=world.users["mentor"],
            revision=revision,
        )
    assert raised.value.differences[0].theirs == QUESTION
    assert _scope(world).questions == QUESTION


def test_a_restored_version_is_agreed_again(world):
    _write(world)
    first = _scope(world).history.latest()
    _write(world, "mentor", questions="Another question")
    _agree(world, "mentee")
    _agree(world, "mentor")
    services.history_restore(
        tracked=tracked_for("scope"),
        obj=_scope(world),
        history_id=first.history_id,
        by=world.users["mentee"],
    )
    scope = _scope(world)
    assert scope.questions == QUESTION
    assert scope.status == ScopeStatus.DRAFT
    assert [a["at"] for a in scope.agreements()] == [None, None]


# --- Pages ------------------------------------------------------------------------


def test_the_page_shows_the_agreement_and_the_readers_button(world, client_for):
    _write(world)
    _agree(world, "mentor")
    url = reverse("schemes:scope", args=[world.scheme.pk])
    page = client_for("mentee").get(url).content.decode()
    assert QUESTION in page
    assert "Agreed on" in page and "Not agreed yet" in page
    assert "Agree to this scope for Jelgava" in page
    assert "Agree to this scope for Schaerbeek" not in page
    # The coordinator reads it, without a button.
    page = client_for("coordinator").get(url).content.decode()
    assert QUESTION in page and "Agree to this scope" not in page
    # The associations read that it is not shared yet.
    page = client_for("association").get(url).content.decode()
    assert QUESTION not in page and "Not shared yet" in page


def test_agreeing_on_the_page(world, client_for):
    _write(world)
    client = client_for("mentee")
    url = reverse("schemes:scope_agree", args=[world.scheme.pk])
    response = client.post(url, {"side": "mentee"})
    assert response.status_code == 302
    assert _scope(world).mentee_agreed_by == world.users["mentee"]
    client = client_for("mentor")
    response = client.post(url, {"side": "mentor"}, follow=True)
    assert "Both sides agree" in response.content.decode()
    assert _scope(world).status == ScopeStatus.AGREED


@pytest.mark.parametrize("side", ["", "both", "mentor", "x" * 300, "mentee\x00"])
def test_a_bad_side_is_refused(world, client_for, side):
    _write(world)
    response = client_for("mentee").post(
        reverse("schemes:scope_agree", args=[world.scheme.pk]), {"side": side}
    )
    assert response.status_code == 403
    assert _scope(world).mentee_agreed_at is None


def test_agreeing_needs_a_post(world, client_for):
    response = client_for("mentee").get(
        reverse("schemes:scope_agree", args=[world.scheme.pk])
    )
    assert response.status_code == 405


def test_the_form_saves_and_says_it_reopens(world, client_for):
    _write(world)
    _agree(world, "mentee")
    client = client_for("mentor")
    url = reverse("schemes:scope_edit", args=[world.scheme.pk])
    page = client.get(url).content.decode()
    assert "asks both sides to agree again" in page
    response = client.post(
        url,
        {
            "questions": QUESTION,
            "needs": "Language",
            "out_of_scope": "",
            "revision": _scope(world).revision,
        },
    )
    assert response.status_code == 302
    scope = _scope(world)
    assert scope.needs == "Language" and scope.mentee_agreed_at is None


def test_the_form_shows_a_conflict(world, client_for):
    revision = _scope(world).revision
    _write(world)
    response = client_for("mentor").post(
        reverse("schemes:scope_edit", args=[world.scheme.pk]),
        {"questions": "Mine", "needs": "", "out_of_scope": "", "revision": revision},
    )
    assert response.status_code == 409
    assert _scope(world).questions == QUESTION


def test_the_scheme_page_lists_the_scope_with_its_status(world, client_for):
    page = client_for("mentor").get(world.scheme.get_absolute_url()).content.decode()
    assert reverse("schemes:scope", args=[world.scheme.pk]) in page
    assert "Being agreed" in page


def test_the_pdf_and_the_dossier_hold_the_scope(world, client_for):
    _write(world)
    _agree(world, "mentee")
    response = client_for("mentor").get(
        reverse("schemes:scope_pdf", args=[world.scheme.pk])
    )
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    assert QUESTION in text and "Agreed on" in text and "Not agreed yet" in text
    dossier = client_for("coordinator").get(
        reverse("schemes:scheme_dossier_pdf", args=[world.scheme.pk])
    )
    assert QUESTION in _pdf_text(dossier.content)


def test_script_is_text_on_the_page_and_in_the_pdf(world, client_for):
    _write(world, questions="<script>alert(1)</script>")
    client = client_for("mentee")
    page = client.get(reverse("schemes:scope", args=[world.scheme.pk]))
    assert "&lt;script&gt;" in page.content.decode()
    assert "<script>alert" not in page.content.decode()
    pdf = client.get(reverse("schemes:scope_pdf", args=[world.scheme.pk]))
    assert "<script>alert(1)</script>" in _pdf_text(pdf.content)


def test_the_pdf_in_latvian(world):
    from schemes import pdfs_work

    _write(world)
    with translation.override("lv"):
        pdf, _name = pdfs_work.scope_pdf(world.users["mentee"], _scope(world))
    text = _pdf_text(pdf)
    assert "Tvērums" in text and "Vēl nav piekritusi" in text


@pytest.mark.django_db(transaction=True)
def test_both_sides_agreeing_at_once_are_both_recorded(world):
    from tests.schemes.test_status_races import _race

    _write(world)
    # Both loaded the scope before either agreed.
    mine, theirs = _scope(world), _scope(world)
    outcomes = _race(
        lambda: services.scope_agree(
            scope=mine, side="mentee", by=world.users["mentee"]
        ),
        lambda: services.scope_agree(
            scope=theirs, side="mentor", by=world.users["mentor"]
        ),
    )
    assert not any(isinstance(o, Exception) for o in outcomes), outcomes
    scope = _scope(world)
    assert scope.status == ScopeStatus.AGREED
    assert scope.mentee_agreed_by == world.users["mentee"]
    assert scope.mentor_agreed_by == world.users["mentor"]


@pytest.mark.django_db(transaction=True)
def test_a_change_racing_an_agreement_never_leaves_it_agreed_on_other_text(world):
    from tests.schemes.test_status_races import _race

    _write(world)
    _agree(world, "mentee")
    agreeing, changing = _scope(world), _scope(world)
    _race(
        lambda: services.scope_agree(
            scope=agreeing, side="mentor", by=world.users["mentor"]
        ),
        lambda: services.scope_save(
            scope=changing,
            values={"questions": "Changed at the same moment"},
            by=world.users["mentee"],
            revision=changing.revision,
        ),
    )
    scope = _scope(world)
    assert scope.questions == "Changed at the same moment"
    # Whichever came first, the changed text is not agreed by both.
    assert scope.status == ScopeStatus.DRAFT
    assert scope.mentee_agreed_at is None


def test_the_history_page_shows_the_changes_and_the_agreements(world, client_for):
    _write(world)
    _agree(world, "mentee")
    page = client_for("mentor").get(
        reverse("schemes:history", args=["scope", _scope(world).pk])
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert QUESTION in text
    assert "Agreed by the mentee city" in text or "agreed by the mentee city" in text
    # The moment it agreed, as people write it (not as the database does).
    from incluportal import dates

    assert dates.moment(_scope(world).mentee_agreed_at) in text
    assert "+00:00" not in text
    # Its restore is the two cities': the coordinator reads but does not restore.
    page = client_for("coordinator").get(
        reverse("schemes:history", args=["scope", _scope(world).pk])
    )
    assert page.status_code == 200
