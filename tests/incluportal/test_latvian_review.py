"""Latvian as a Latvian official reads it (issue 21, point 5): names in the
case the sentence needs, numbers and percentages in Latvian style, and no
internal codes on the pages officials read.

These tests read the compiled Latvian catalogue."""

import json

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from incluportal import grammar
from incluportal.validators import LengthLimitValidator
from schemes.forms import SupportGroupMemberForm, part_form_class
from schemes.models import NeedsAnalysis
from schemes.network.models.schemes import SchemeStage
from schemes.work.annexes import NEEDS_ANALYSIS

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


def _in_latvian(client):
    client.post(reverse("set_language"), {"language": "lv"})
    return client


def test_the_latvian_home_page_greets_without_the_nominative_name(world, client_for):
    user = world.users["mentee"]
    user.full_name = "Jānis Bērziņš"
    user.save(update_fields=["full_name"])
    html = _in_latvian(client_for("mentee")).get(reverse("home")).content.decode()
    heading = html.split("<h1", 1)[1].split("</h1>", 1)[0]
    assert "Laipni lūdzam!" in heading
    assert "Jānis" not in heading


def test_the_english_home_page_still_greets_by_name(world, client_for):
    user = world.users["mentee"]
    user.full_name = "Jānis Bērziņš"
    user.save(update_fields=["full_name"])
    html = client_for("mentee").get(reverse("home")).content.decode()
    assert f"Welcome, {user.get_short_name()}" in html


def test_the_length_limit_reads_10_000_zimem():
    validator = LengthLimitValidator(10_000)
    with translation.override("lv"), pytest.raises(ValidationError) as refused:
        validator("x" * 10_001)
    message = " ".join(refused.value.messages)
    assert f"ne vairāk kā 10{NBSP}000 zīmēm" in message
    assert f"tajā ir 10{NBSP}001" in message


def test_a_limit_ending_in_one_takes_the_singular():
    with translation.override("lv"), pytest.raises(ValidationError) as refused:
        LengthLimitValidator(21)("x" * 30)
    assert "ne vairāk kā 21 zīmei" in refused.value.messages[0]


def test_an_annex_answer_over_its_limit_is_refused_in_latvian_style():
    part = NEEDS_ANALYSIS.parts[0]
    form_class = part_form_class(NeedsAnalysis, part)
    name = part.fields[0].name
    with translation.override("lv"):
        form = form_class({name: "x" * 10_001}, instance=NeedsAnalysis())
        assert not form.is_valid()
        errors = " ".join(form.errors[name])
    assert f"10{NBSP}000 zīmēm" in errors
    assert "10000" not in errors


def test_percentages_have_a_space_before_the_sign_in_latvian_only():
    with translation.override("lv"):
        assert grammar.format_percent(0) == f"0{NBSP}%"
    with translation.override("en"):
        assert grammar.format_percent(0) == "0%"


def test_the_scheme_page_writes_aizpilditi_0_percent(world, client_for):
    html = _in_latvian(client_for("mentee")).get(world.scheme.get_absolute_url())
    html = html.content.decode()
    assert f"aizpildīti 0{NBSP}%" in html
    assert "0%" not in html.replace("100%", "")


def test_the_needs_analysis_page_shows_no_question_codes(world, client_for):
    page = reverse("schemes:needs_analysis", args=[world.scheme.pk])
    for client in (client_for("mentee"), _in_latvian(client_for("mentee"))):
        html = client.get(page).content.decode()
        assert "NA-A10b" not in html and "NA-A1" not in html
        assert "LC-4" not in html


def test_the_matching_step_is_mentoru_piemeklesana():
    with translation.override("lv"):
        assert str(SchemeStage.MATCHING.label) == "Mentoru piemeklēšana"


def test_a_support_group_member_has_a_full_name(world):
    with translation.override("lv"):
        form = SupportGroupMemberForm(scheme=world.scheme)
        assert str(form.fields["name"].label) == "Vārds, uzvārds"


def test_a_city_is_named_in_its_genitive_in_latvian(world):
    city = world.mentee_city
    city.name_genitive_lv = "Jelgavas"
    with translation.override("lv"):
        assert grammar.name_genitive(city) == "Jelgavas"
        # No genitive stored: the name after its kind, which declines.
        assert grammar.name_genitive(world.mentor_city) == "pilsētas Schaerbeek"
        assert (
            grammar.name_genitive(world.association)
            == "asociācijas Latvian Association"
        )
    with translation.override("en"):
        assert grammar.name_genitive(city) == "Jelgava"


def test_the_start_button_reads_sakt_jelgavas_nosleguma_pasnovertejumu(
    world, client_for
):
    world.mentee_city.name_genitive_lv = "Jelgavas"
    world.mentee_city.save(update_fields=["name_genitive_lv"])
    page = reverse("schemes:scheme_assessments", args=[world.scheme.pk])
    html = _in_latvian(client_for("mentee")).get(page).content.decode()
    assert "Sākt Jelgavas noslēguma pašnovērtējumu" in html
    english = client_for("mentor").get(page).content.decode()
    assert "Start the baseline self-assessment of Schaerbeek" in english


def test_the_shipped_benchmarks_latvian_text_has_no_english_acronym():
    path = settings.BASE_DIR / "fixtures" / "benchmarks_inclucities.json"
    latvian = [
        value
        for row in json.loads(path.read_text(encoding="utf-8"))
        for name, value in row["fields"].items()
        if name.endswith("_lv") and isinstance(value, str)
    ]
    assert latvian
    assert not [text for text in latvian if "LRG" in text]
    assert any(
        text.startswith("Pašvaldības un pašvaldību asociācijas uzlabo")
        for text in latvian
    )


def _latvian_translations():
    path = settings.BASE_DIR / "incluportal" / "locale" / "lv" / "LC_MESSAGES"
    text = (path / "django.po").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.startswith("msgstr")]


def test_no_latvian_translation_hedges_a_gender():
    # "ir iesniedzis(-gusi)": a form that does not vary reads right instead.
    assert [line for line in _latvian_translations() if "(-" in line] == []


def test_latvian_translations_quote_with_latvian_quotation_marks():
    assert [line for line in _latvian_translations() if "“" in line] == []


def test_a_model_length_limit_reads_in_latvian_style_too(world):
    # An import checks each row with full_clean: the model field's limit.
    member = world.member
    member.name = "x" * 201
    with translation.override("lv"), pytest.raises(ValidationError) as refused:
        member.full_clean()
    assert "ne vairāk kā 200 zīmēm" in refused.value.message_dict["name"][0]


def test_every_form_length_limit_reads_in_latvian_style(world):
    with translation.override("lv"):
        form = SupportGroupMemberForm(
            {"name": "x" * 201, "stakeholder_type": "other"}, scheme=world.scheme
        )
        assert not form.is_valid()
        assert "ne vairāk kā 200 zīmēm" in form.errors["name"][0]
