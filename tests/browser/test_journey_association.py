"""The association's journey: Part C of the mentee city's needs analysis.

LALRG (lalrg@incluportal.test), Jelgava's association of local governments,
writes the national/regional context of Jelgava's needs analysis (Annex 2,
Part C), saves it and submits it; Jelgava then reads it in its needs
analysis. Keyboard only, every page scanned with axe, in English and Latvian.
"""

import pytest
from django.core.management import call_command

from schemes.models import NationalContext
from schemes.work.annexes import NATIONAL_CONTEXT_FIELDS, SensitiveIssue
from tests.browser.journey import Journey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QUESTIONS = {f.id: f for f in NATIONAL_CONTEXT_FIELDS}
TICKED = [SensitiveIssue.FUNDING, SensitiveIssue.LEGISLATION]

ANSWERS = {
    "en": {
        "NC-1": "Jelgava is typical of Latvia's regional cities outside Riga.",
        "NC-2": "LALRG negotiates each year with the government on local budgets.",
        "NC-3": "The state funds Latvian courses but leaves their planning to cities.",
        "NC-4": "Both levels want newcomers to learn Latvian quickly.",
        "NC-7": "Seminars on integration for the officers of member municipalities.",
        "NC-6 text": "The national integration plan ends in 2027.",
    },
    "lv": {
        "NC-1": "Jelgava ir tipiska Latvijas reģionu pilsēta ārpus Rīgas.",
        "NC-2": "LPS katru gadu ar valdību vienojas par pašvaldību budžetiem.",
        "NC-3": "Valsts finansē valodas kursus, bet plānošanu atstāj pilsētām.",
        "NC-4": "Abi līmeņi vēlas, lai jaunpienācēji ātri apgūst latviešu valodu.",
        "NC-7": "Semināri par integrāciju pašvaldību darbiniekiem.",
        "NC-6 text": "Valsts integrācijas plāns beidzas 2027. gadā.",
    },
}


@pytest.mark.parametrize("language", ["en", "lv"])
def test_the_association_writes_part_c_and_the_mentee_city_reads_it(
    browser, live_server, language
):
    call_command("load_demo", verbosity=0)
    context = NationalContext.objects.get(
        programme__slug="inclucities", city__slug="jelgava"
    )
    answers = ANSWERS[language]
    written = ("NC-1", "NC-2", "NC-3", "NC-4", "NC-7")

    # --- The association writes Part C -----------------------------------------
    association = Journey(browser, live_server, language)
    page, keys, t = association.page, association.keys, association.t
    association.sign_in("lalrg@incluportal.test")
    association.follow(page.get_by_role("link", name="Jelgava – Schaerbeek"))
    association.follow(page.get_by_role("link", name=t("Needs analysis, part C")))
    part_c = page.locator("#part-C")
    # Parts A and B are the city's: the association may read, not edit them.
    assert page.get_by_role("link", name=t("Edit this part")).count() == 1
    association.follow(part_c.get_by_role("link", name=t("Edit this part")))
    for key in written:
        keys.type(page.get_by_label(t(QUESTIONS[key].label)), answers[key])
    for issue in TICKED:
        keys.check(page.get_by_role("checkbox", name=t(issue.label), exact=True))
    keys.type(page.get_by_label(t("explanation")), answers["NC-6 text"])
    association.follow(page.get_by_role("button", name=t("Save"), exact=True))
    assert page.get_by_text(t("Your answers are saved.")).is_visible()
    for key in written:
        assert part_c.get_by_text(answers[key]).is_visible()

    context.refresh_from_db()
    for key in written:
        assert getattr(context, QUESTIONS[key].name) == answers[key]
    assert sorted(context.national_sensitive_issues) == sorted(TICKED)
    assert context.national_sensitive_issues_text == answers["NC-6 text"]
    assert context.status == "draft"

    # Submitted, it is shared with the scheme.
    association.follow(
        page.get_by_role("button", name=t("Submit for review")),
        confirm=t(
            "Submit for review? You cannot edit it afterwards unless the "
            "coordinators send it back."
        ),
    )
    assert page.get_by_text(
        t("Submitted: the coordinators can now review it.")
    ).is_visible()
    context.refresh_from_db()
    assert context.status == "submitted"
    assert context.submitted_by.email == "lalrg@incluportal.test"
    association.finish()

    # --- The mentee city reads it ----------------------------------------------
    city = Journey(browser, live_server, language)
    page, t = city.page, city.t
    city.sign_in("jelgava@incluportal.test")
    city.follow(page.get_by_role("link", name="Jelgava – Schaerbeek"))
    city.follow(page.get_by_role("link", name=t("Needs analysis, part C")))
    part_c = page.locator("#part-C")
    for key in written:
        assert part_c.get_by_text(answers[key]).is_visible()
    for issue in TICKED:
        assert part_c.get_by_text(t(issue.label)).is_visible()
    assert part_c.get_by_role("link", name=t("Edit this part")).count() == 0
    city.finish()
