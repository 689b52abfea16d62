"""A technical partner supports a scheme: attached by a coordinator, it reads
the scheme's shared documents and helps prepare a visit, and approves nothing.

The coordinator of IncluCities (coordinator@incluportal.test) opens the
programme's Partners page and attaches a new technical partner to the
Jelgava – Schaerbeek scheme only. Its officer (given an account, as an
accepted invitation would) signs in: the home page lists the scheme, the
scheme page names the partner, the needs analysis Jelgava submitted reads in
full without an approve button, and a visit's agenda is edited and saved.
Another scheme's address answers 404. Keyboard only, every page scanned with
axe, in English and in Latvian.
"""

import pytest
from django.core.management import call_command

from schemes import services
from schemes.models import Membership, Participation, Scheme
from tests import factories
from tests.browser.journey import Journey
from tests.schemes.test_document_workflow import _complete

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PARTNER = "Integration Lab"
AGENDA_ITEM = {
    "en": "Workshop on volunteer language tutors, run by the partner",
    "lv": "Darbnīca par brīvprātīgajiem valodas pasniedzējiem, vada partneris",
}


@pytest.mark.parametrize("language", ["en", "lv"])
def test_a_technical_partner_supports_the_scheme_it_is_attached_to(
    browser, live_server, language
):
    call_command("load_demo", verbosity=0)
    scheme = Scheme.objects.get(mentee_city__slug="jelgava")
    other = Scheme.objects.get(mentee_city__slug="capaci")
    # Jelgava has written and submitted its needs analysis.
    jelgava = Membership.objects.get(organisation__slug="jelgava").user
    _complete(scheme.needs_analysis, jelgava)
    services.document_submit(document=scheme.needs_analysis, by=jelgava)
    challenges = scheme.needs_analysis.challenges

    # --- The coordinator attaches a new technical partner to the scheme ------
    coordinator = Journey(browser, live_server, language)
    page, keys, t = coordinator.page, coordinator.keys, coordinator.t
    coordinator.sign_in("coordinator@incluportal.test")
    coordinator.follow(page.get_by_role("link", name="IncluCities").first)
    coordinator.follow(page.get_by_role("link", name=t("Partners"), exact=True))
    new = page.get_by_role("region", name=t("A new organisation"))
    keys.select(coordinator.field("Kind", within=new), t("Other partner"))
    keys.type(coordinator.language_field("Name", within=new), PARTNER)
    keys.type(
        coordinator.field("Short name in addresses", within=new), "integration-lab"
    )
    with_country = coordinator.field("Country", within=new)
    keys.select(with_country, "Latvia" if language == "en" else "Latvija")
    keys.select(coordinator.field("Role", within=new), t("Technical partner"))
    keys.choose(new.get_by_label(t("The schemes chosen below")))
    keys.check(new.get_by_label(str(scheme)))
    coordinator.follow(new.get_by_role("button", name=t("Create and attach")))
    assert page.get_by_text(
        t(
            "%(organisation)s is attached as %(role)s.",
            organisation=PARTNER,
            role=t("Technical partner").lower(),
        )
    ).is_visible()
    row = page.get_by_role("row").filter(has_text=PARTNER)
    assert row.get_by_role("link", name=str(scheme)).is_visible()
    coordinator.finish()

    participation = Participation.objects.get(organisation__slug="integration-lab")
    assert participation.role == "technical_partner"
    assert not participation.all_schemes
    assert list(participation.schemes.all()) == [scheme]
    # Its officer gets an account, as an accepted invitation would give.
    officer = factories.UserFactory(email="lab@example.org", full_name="Laura Lab")
    Membership.objects.create(user=officer, organisation=participation.organisation)

    # --- The partner reads the scheme and prepares a visit ---------------------
    partner = Journey(browser, live_server, language)
    page, keys, t = partner.page, partner.keys, partner.t
    partner.sign_in("lab@example.org", factories.TEST_PASSWORD)
    assert page.get_by_role("link", name=str(other)).count() == 0
    partner.follow(page.get_by_role("link", name=str(scheme)))
    assert page.get_by_role("link", name=PARTNER).is_visible()
    # The needs analysis Jelgava shared, in full; nothing to approve.
    partner.follow(page.get_by_role("link", name=t("Needs analysis, parts A and B")))
    assert page.get_by_text(challenges).first.is_visible()
    assert page.get_by_role("button", name=t("Approve")).count() == 0
    assert page.get_by_role("link", name=t("Edit this part")).count() == 0
    page.go_back()
    partner.arrived()
    # The first visit: its agenda gets an item.
    visit = scheme.visits.order_by("order").first()
    partner.follow(page.locator(f'a[href="{visit.get_absolute_url()}"]').first)
    partner.follow(page.get_by_role("link", name=t("Edit"), exact=True))
    agenda = partner.field("Agenda")
    lines = agenda.input_value().splitlines()
    keys.type(agenda, "\n".join([*lines, AGENDA_ITEM[language]]))
    partner.follow(page.get_by_role("button", name=t("Save")))
    assert page.get_by_text(t("The visit is saved.")).is_visible()
    assert page.get_by_text(AGENDA_ITEM[language]).is_visible()
    # A scheme it does not support is not there at all.
    response = page.goto(other.get_absolute_url())
    assert response.status == 404
    partner.finish()

    items = list(visit.agenda_items.order_by("order").values_list("text", flat=True))
    assert items[-1] == AGENDA_ITEM[language]
    scheme.needs_analysis.refresh_from_db()
    assert scheme.needs_analysis.status == "submitted"
