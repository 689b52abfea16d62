"""The scope agreed by both cities, and a city's review report reviewed.

Keyboard only, in English and in Latvian: Jelgava's officer writes the
scheme's scope and agrees to it, Schaerbeek's agrees too and the scope is
agreed; Jelgava starts its intercultural review report from the scheme page,
writes it and submits it, and the coordinator approves it. Every page on the
way is scanned with axe-core.
"""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from incluportal.grammar import name_genitive
from schemes.models import (
    DocumentStatus,
    Organisation,
    ReviewReport,
    Scheme,
    ScopeStatus,
)
from tests import factories
from tests.browser.journey import Journey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QUESTION = "Kā sasniegt jaunpienācējus, kuri vēl nerunā latviski?"


def _scheme():
    return Scheme.objects.get(
        mentee_city__slug="jelgava", city_links__city__slug="schaerbeek"
    )


def _agree_button(journey, city):
    """The button agreeing for ``city`` (a slug): the city's name in the
    genitive in Latvian ("Piekrist šim tvērumam Jelgavas vārdā")."""
    with translation.override(journey.language):
        name = name_genitive(Organisation.objects.get(slug=city))
    return journey.page.get_by_role(
        "button", name=journey.t("Agree to this scope for %(city)s", city=name)
    )


def _agree(browser, live_server, language, email, city):
    journey = Journey(browser, live_server, language)
    journey.sign_in(email)
    journey.visit(reverse("schemes:scope", args=[_scheme().pk]))
    journey.follow(_agree_button(journey, city))
    return journey


@pytest.mark.parametrize("language", ["en", "lv"])
def test_the_cities_agree_the_scope_and_the_review_report_is_approved(
    browser, live_server, language
):
    call_command("load_demo", verbosity=0)
    scheme = _scheme()
    # Its programme's process asks for a review report (as seed 003's does).
    factories.phase_delivering(scheme.programme, "review-report")

    # Jelgava writes the scope from the scheme page, and agrees.
    journey = Journey(browser, live_server, language)
    journey.sign_in("jelgava@incluportal.test")
    journey.visit(scheme.get_absolute_url())
    page = journey.page
    journey.follow(page.get_by_role("link", name=journey.t("Scope"), exact=True))
    journey.follow(page.get_by_role("link", name=journey.t("Edit the scope")))
    journey.keys.type(
        page.get_by_label(journey.t("questions the scheme will answer"), exact=False),
        QUESTION,
    )
    journey.follow(page.get_by_role("button", name=journey.t("Save")))
    journey.follow(_agree_button(journey, "jelgava"))
    assert journey.t("Your agreement is recorded: the other side agrees next.") in (
        page.content()
    )
    journey.finish()

    # Schaerbeek agrees: the scope is agreed.
    journey = _agree(
        browser, live_server, language, "schaerbeek@incluportal.test", "schaerbeek"
    )
    assert journey.t("Both sides agree: the scope is agreed.") in journey.page.content()
    journey.finish()
    assert (
        scheme.scope.__class__.objects.get(scheme=scheme).status == ScopeStatus.AGREED
    )

    # Jelgava starts its review report, writes it and submits it.
    journey = Journey(browser, live_server, language)
    journey.sign_in("jelgava@incluportal.test")
    journey.visit(scheme.get_absolute_url())
    page = journey.page
    journey.follow(
        page.get_by_role("button", name=journey.t("Start the review report"))
    )
    journey.follow(page.get_by_role("link", name=journey.t("Edit"), exact=True))
    for name, _required in ReviewReport.SECTIONS:
        label = ReviewReport._meta.get_field(name).verbose_name
        journey.keys.type(
            page.get_by_label(journey.t(label), exact=False), f"Jelgava: {name}"
        )
    journey.follow(page.get_by_role("button", name=journey.t("Save")))
    journey.follow(
        page.get_by_role("button", name=journey.t("Submit for review")),
        confirm=journey.t(
            "Submit for review? You cannot edit it afterwards unless the "
            "coordinators send it back."
        ),
    )
    journey.finish()
    assert ReviewReport.objects.get(scheme=scheme).status == DocumentStatus.SUBMITTED

    # The coordinator approves it.
    journey = Journey(browser, live_server, language)
    journey.sign_in("coordinator@incluportal.test")
    journey.visit(reverse("schemes:review_report", args=[scheme.pk]))
    page = journey.page
    assert "Jelgava: recommendations" in page.content()
    journey.follow(page.get_by_role("button", name=journey.t("Approve")))
    journey.finish()
    assert ReviewReport.objects.get(scheme=scheme).status == DocumentStatus.APPROVED
