"""The annex declarations match the CEMR guide's templates, question by question.

The facts compared (each template field's id and its question in English and
in Latvian) are kept beside this test, in ``data/annex_questions.csv``, taken
from the annexes of the IncluCities mentoring methodology guide (CEMR and
MigrationWork, Latvian edition) as the project's specification renders them.
"""

import csv
import re
from pathlib import Path

import pytest
from django.utils import translation

from schemes.forms import part_form_class
from schemes.models import GoodPractice, MentorProfile, NationalContext, NeedsAnalysis
from schemes.work import annexes
from schemes.work.models.documents import WorkflowDocument

QUESTIONS = Path(__file__).resolve().parent / "data" / "annex_questions.csv"
# Spec rows that the template splits into several fields.
EXPANSIONS = {
    "NA-A10": ["NA-A10a", "NA-A10b"],
    "LC-4": [f"LC-4{c}" for c in "abcdef"],
}


def _template_questions():
    with QUESTIONS.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _spec_ids(prefix):
    ids = [q["id"] for q in _template_questions() if q["id"].startswith(prefix + "-")]
    expanded = []
    for i in ids:
        expanded.extend(EXPANSIONS.get(i, [i]))
    return list(dict.fromkeys(expanded))  # LC appears once, as Part B of Annex 2


def _spec_latvian():
    return {q["id"]: q["latvian"] for q in _template_questions()}


def test_the_template_data_is_whole():
    questions = _template_questions()
    assert len(questions) == 42
    assert all(q["english"].strip() and q["latvian"].strip() for q in questions)
    assert len({q["id"] for q in questions}) == len(questions)


@pytest.mark.parametrize(
    ("part", "prefix"),
    [
        (annexes.NEEDS_PART_A, "NA"),
        (annexes.local_context_part("x"), "LC"),
        (annexes.national_context_part("x"), "NC"),
        (annexes.MENTOR_PART_A, "MP"),
        (annexes.GOOD_PRACTICE_PART, "GP"),
    ],
)
def test_each_part_has_the_templates_fields_in_order(part, prefix):
    assert part.ids == _spec_ids(prefix)


def test_annex_2_and_3_share_one_local_and_national_context():
    needs_b, needs_c = annexes.NEEDS_ANALYSIS.parts[1:]
    mentor_b, mentor_c = annexes.MENTOR_PROFILE.parts[1:]
    assert needs_b.fields is mentor_b.fields
    assert needs_c.fields is mentor_c.fields


def test_good_practice_has_all_twelve_template_fields():
    assert len(annexes.GOOD_PRACTICE_PART.fields) == 12


@pytest.mark.parametrize(
    "model", [NeedsAnalysis, MentorProfile, NationalContext, GoodPractice]
)
def test_each_answer_is_named_for_what_it_holds_in_a_column_of_its_own(model):
    declared = [f for part in model.PARTS for f in part.fields]
    names = [name for f in declared for name in f.names]
    assert len(set(names)) == len(names)
    for f in declared:
        assert re.fullmatch(r"[a-z]+(_[a-z]+)*", f.name), f.id
        assert f.name != f.legacy_name
        # The column is the declaration's, not another field's; and no name
        # of a document's workflow (status, history, save…) is taken.
        assert model._meta.get_field(f.name).verbose_name == f.label
        assert not hasattr(WorkflowDocument, f.name), f.name


def test_answers_keep_their_names_of_before_for_old_files():
    assert annexes.LEGACY_NAMES["gp_12"] == "links"
    assert annexes.LEGACY_NAMES["na_a10b"] == "plan_approvers"
    assert annexes.LEGACY_NAMES["lc_2a_note"] == "population_note"
    assert annexes.LEGACY_NAMES["lc_3a_currency"] == "municipal_budget_currency"
    assert annexes.LEGACY_NAMES["nc_6_text"] == "national_sensitive_issues_text"
    assert len(annexes.LEGACY_NAMES) == len(set(annexes.LEGACY_NAMES.values())) == 53


@pytest.mark.parametrize(
    ("model", "parts"),
    [
        (NeedsAnalysis, annexes.NEEDS_ANALYSIS.parts[:2]),
        (MentorProfile, annexes.MENTOR_PROFILE.parts[:2]),
        (NationalContext, annexes.NEEDS_ANALYSIS.parts[2:]),
        (GoodPractice, annexes.GOOD_PRACTICE.parts),
    ],
)
def test_forms_show_the_fields_in_the_templates_order(model, parts):
    for part in parts:
        form = part_form_class(model, part)()
        assert list(form.fields) == part.field_names()
        labels = [form.fields[f.name].label for f in part.fields]
        assert labels == [f.label for f in part.fields]


def test_numbers_are_numbers():
    form = part_form_class(NeedsAnalysis, annexes.NEEDS_ANALYSIS.parts[1])(
        {
            "population": "many",
            "municipal_budget": "12,5 million",
            "municipal_budget_currency": "EUR",
        }
    )
    assert not form.is_valid()
    assert "population" in form.errors and "municipal_budget" in form.errors


def test_the_questions_read_in_latvian():
    latvian = _spec_latvian()
    with translation.override("lv"):
        na_a1 = str(annexes.NEEDS_PART_A.fields[0].label)
        lc_1 = str(annexes.LOCAL_CONTEXT_FIELDS[0].label)
        gp_1 = str(annexes.GOOD_PRACTICE_PART.fields[0].label)
    assert na_a1 == latvian["NA-A1"].split(" (")[0]
    assert lc_1 == latvian["LC-1"]
    assert gp_1.rstrip("?") == latvian["GP-1"].rstrip("?")
