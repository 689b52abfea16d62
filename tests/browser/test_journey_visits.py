"""A mentoring visit is recorded: agenda, participants, notes and outcomes.

Jelgava's officer (the cities and the coordinators organise visits), keyboard
only, in English and in Latvian: adds a visit to Schaerbeek from the scheme
page, records its dates, place, agenda, who took part and what came out of
it, has a last day before the first refused, saves, reads the visit back and
finds it in the scheme's list of visits. Every page is scanned with axe-core.
"""

import datetime

import pytest
from django.core.management import call_command
from django.utils import formats, translation

from schemes.models import Scheme, SupportGroupMember, Visit
from tests.browser.journey import Journey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PURPOSE = "Valodas kafejnīcu pieredze Schaerbeek"
PLACE = "Schaerbeek, Maison des Femmes"
AGENDA = [
    "Sagaidīšana un iepazīšanās",
    "Apmeklējums valodas kafejnīcā",
    "Secinājumi rīcības plānam",
]
NOTES = "Jelgavas komanda piedalījās divās kafejnīcas sesijās."
QUESTIONS = "Kā piesaistīt brīvprātīgos vadītājus?"
OUTCOMES = "Izmēģināt valodas kafejnīcu Jelgavas bibliotēkā līdz rudenim."
FIRST_DAY = datetime.date(2025, 10, 14)
LAST_DAY = datetime.date(2025, 10, 16)


@pytest.mark.parametrize("language", ["en", "lv"])
def test_jelgava_records_a_visit_to_its_mentor_city(browser, live_server, language):
    call_command("load_demo", verbosity=0)
    scheme = Scheme.objects.get(mentee_city__slug="jelgava")
    # Jelgava's local support group has one member, who came along.
    member = SupportGroupMember.objects.create(
        scheme=scheme,
        city=scheme.mentee_city,
        name="Inga Kalniņa",
        organisation="Jelgavas bibliotēka",
        stakeholder_type="public_agency",
    )
    visits_before = scheme.visits.count()
    with translation.override(language):
        mentor_city = "Schaerbeek"
        member_label = f"{member.name} (Jelgava)"
        shown_day = formats.date_format(FIRST_DAY, "SHORT_DATE_FORMAT")

    journey = Journey(browser, live_server, language)
    page, keys, t = journey.page, journey.keys, journey.t

    journey.sign_in("jelgava@incluportal.test")
    journey.follow(page.get_by_role("link", name="Jelgava – Schaerbeek"))

    # A new visit, hosted by the mentor city: the form opens at once.
    keys.select(page.get_by_label(t("Add a visit or meeting in")), mentor_city)
    journey.follow(page.get_by_role("button", name=t("Add"), exact=True))
    number = visits_before + 1
    assert page.get_by_role(
        "heading", name=t("Visit %(number)s", number=number)
    ).is_visible()

    keys.type(journey.field("purpose"), PURPOSE)
    keys.date(journey.field("from"), FIRST_DAY)
    keys.date(journey.field("to"), FIRST_DAY - datetime.timedelta(1))
    keys.type(journey.field("place"), PLACE)
    keys.type(journey.field("Agenda"), "\n".join(AGENDA))
    keys.check(page.get_by_label("Jānis Bērziņš"))
    keys.check(page.get_by_label("Sophie Lambert"))
    journey.focus_in_view("Sophie Lambert's box")  # not under the save bar
    keys.check(page.get_by_label(member_label))
    keys.type(journey.field("notes"), NOTES)
    keys.type(journey.field("questions the visit answered"), QUESTIONS)
    keys.type(journey.field("outcomes"), OUTCOMES)
    journey.follow(page.get_by_role("button", name=t("Save")))
    # The last day before the first is refused; what was typed is still there.
    # The error is in the summary, linked to the field, and under the field.
    refusal = t("The last day cannot come before the first.")
    link = page.locator("[data-error-summary]").get_by_role("link")
    assert link.inner_text().endswith(f": {refusal}")
    assert link.get_attribute("href") == "#id_end_date"
    assert page.locator("#id_end_date_error").get_by_text(refusal).is_visible()
    assert journey.field("outcomes").input_value() == OUTCOMES
    keys.date(journey.field("to"), LAST_DAY)
    journey.follow(page.get_by_role("button", name=t("Save")))
    assert page.get_by_text(t("The visit is saved.")).is_visible()

    # The visit's page shows what was recorded.
    assert page.get_by_role("heading", level=1).inner_text() == t(
        "Visit %(number)s: %(purpose)s", number=number, purpose=PURPOSE
    )
    agenda = page.get_by_role("heading", name=t("Agenda")).locator(
        "xpath=following-sibling::ol[1]/li"
    )
    assert agenda.all_inner_texts() == AGENDA
    participants = page.get_by_role("heading", name=t("Participants")).locator(
        "xpath=following-sibling::ul[1]"
    )
    for name in ("Jānis Bērziņš", "Sophie Lambert", member.name):
        assert participants.get_by_text(name).is_visible()
    assert page.get_by_text(OUTCOMES).is_visible()

    # Back on the scheme page, it is the last visit of the list.
    journey.follow(
        page.get_by_role("navigation", name=t("Breadcrumb")).get_by_role(
            "link", name=str(scheme)
        )
    )
    last = page.get_by_role("heading", name=t("Mentoring visits")).locator(
        "xpath=following-sibling::ol[1]/li[last()]"
    )
    assert last.get_by_role("link", name=f"{number}. {PURPOSE}").is_visible()
    assert shown_day in last.inner_text()

    visit = scheme.visits.get(order=number)
    assert (visit.host_city.slug, visit.purpose, visit.place) == (
        "schaerbeek",
        PURPOSE,
        PLACE,
    )
    assert (visit.start_date, visit.end_date) == (FIRST_DAY, LAST_DAY)
    assert [a.text for a in visit.agenda_items.order_by("order")] == AGENDA
    assert sorted(u.email for u in visit.team_participants.all()) == [
        "jelgava@incluportal.test",
        "schaerbeek@incluportal.test",
    ]
    assert list(visit.support_group_attendees.all()) == [member]
    assert (visit.notes, visit.questions_answered, visit.outcomes) == (
        NOTES,
        QUESTIONS,
        OUTCOMES,
    )
    assert Visit.objects.filter(scheme=scheme).count() == visits_before + 1
    journey.finish()
