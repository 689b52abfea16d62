"""The coordinator's journey: a new programme, its organisations, a scheme.

CEMR's coordinator (coordinator@incluportal.test) creates a programme, adds a
new mentee city (Ventspils, a member of LALRG), the mentor city Schaerbeek and
both cities' associations, asks the matching for a mentor on the benchmark it
chooses, creates the scheme from the suggestion, marks its training done on
the scheme page (the stage moves on to the visits) and finds it on the
programme's dashboard at that stage. Keyboard only, every page scanned with
axe, in English, Latvian and French.
"""

import datetime
import re

import pytest
from django.core.management import call_command
from django.utils import formats, translation

from benchmarks.models import Benchmark
from incluportal.models import User
from schemes.models import Organisation, Programme, Scheme
from schemes.network.models.programmes import ParticipationRole
from schemes.work.models.progress import StepMark
from tests.browser.journey import Journey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PROGRAMME = {
    "en": {"name": "Baltic mentoring 2027", "funder": "AMIF"},
    "lv": {"name": "Baltijas mentorēšana 2027", "funder": "AMIF"},
    "fr": {"name": "Mentorat balte 2027", "funder": "AMIF"},
}
SLUG = "baltic-2027"
TRAINING_DAY = datetime.date(2025, 3, 14)  # past, whenever the test runs


def field(scope, label):
    """A form field by its whole label, which on a required field ends with
    "*" (a regular expression is matched against the label's raw text)."""
    return scope.get_by_label(re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$", re.I))


def in_language(language, obj):
    with translation.override(language):
        return str(obj)


@pytest.mark.parametrize("language", ["en", "lv", "fr"])
def test_the_coordinator_sets_up_a_programme_and_a_scheme(
    browser, live_server, language
):
    call_command("load_demo", verbosity=0)
    coordinator = User.objects.get(email="coordinator@incluportal.test")
    lalrg = Organisation.objects.get(slug="lalrg")
    brulocalis = Organisation.objects.get(slug="brulocalis")
    schaerbeek = Organisation.objects.get(slug="schaerbeek")
    benchmark = Benchmark.objects.get(slug="language-learning")
    names = PROGRAMME[language]
    journey = Journey(browser, live_server, language)
    page, keys, t = journey.page, journey.keys, journey.t
    journey.sign_in("coordinator@incluportal.test")

    # --- A new programme --------------------------------------------------------
    journey.menu(t("Programmes"))
    journey.follow(page.get_by_role("link", name=t("New programme")))
    keys.type(journey.language_field("name"), names["name"])
    keys.type(field(page, t("short name in addresses")), SLUG)
    keys.type(field(page, t("first year")), "2027")
    keys.type(field(page, t("last year")), "2028")
    keys.type(journey.language_field("funded by"), names["funder"])
    journey.follow(page.get_by_role("button", name=t("Create the programme")))
    assert page.get_by_text(t("The programme is created.")).is_visible()
    assert page.get_by_role("heading", name=names["name"]).is_visible()

    # --- Its organisations: a new mentee city, then three already in the portal --
    journey.follow(page.get_by_role("link", name=t("Add an organisation")))
    new = page.get_by_role("region", name=t("A new organisation"))
    keys.select(field(new, t("kind")), t("City"))
    keys.type(journey.language_field("name", within=new), "Ventspils")
    keys.type(field(new, t("short name in addresses")), "ventspils")
    keys.select(field(new, t("country")), t("Latvia"))
    keys.type(field(new, t("population")), "33000")
    keys.type(field(new, t("working languages")), "lv, en")
    keys.check(new.get_by_role("checkbox", name=in_language(language, lalrg)))
    keys.select(field(new, t("Role in the programme")), t("Mentee city"))
    journey.follow(new.get_by_role("button", name=t("Create and add")))
    assert page.get_by_text(
        t("The organisation is created and takes part.")
    ).is_visible()

    for organisation, role in [
        (schaerbeek, t("Mentor city")),
        (lalrg, t("Association")),
        (brulocalis, t("Association")),
    ]:
        journey.follow(page.get_by_role("link", name=t("Add an organisation")))
        existing = page.get_by_role(
            "region", name=t("An organisation already in the portal")
        )
        keys.select(
            field(existing, t("Organisation")), in_language(language, organisation)
        )
        keys.select(field(existing, t("Role")), role)
        journey.follow(existing.get_by_role("button", name=t("Add to the programme")))
        assert page.get_by_text(t("The organisation takes part now.")).is_visible()

    # --- Matching: the mentor for Ventspils on the benchmark chosen -------------
    journey.follow(page.get_by_role("link", name=t("Matching"), exact=True))
    keys.select(page.get_by_label(t("Mentee city")), "Ventspils")
    keys.select(page.get_by_label(t("Benchmark")), in_language(language, benchmark))
    journey.follow(page.get_by_role("button", name=t("Rank")))
    journey.follow(page.get_by_role("link", name=t("Create a scheme with this mentor")))

    # The form comes filled from the suggestion: cities, associations, benchmark.
    form = page.locator("main form")
    chosen = {
        label: field(form, t(label)).evaluate(
            "(el) => el.options[el.selectedIndex].label"
        )
        for label in (
            "Mentee city, or the convening city",
            "mentee city's association",
            "benchmark",
        )
    }
    assert chosen == {
        "Mentee city, or the convening city": "Ventspils",
        "mentee city's association": in_language(language, lalrg),
        "benchmark": in_language(language, benchmark),
    }
    # Mentoring, with the suggested mentor ticked (its association follows
    # from the programme: Brulocalis).
    mentoring = t("Mentoring: a mentee city and its mentor cities")
    assert form.get_by_role("radio", name=mentoring).is_checked()
    mentor = in_language(language, schaerbeek)
    assert form.get_by_role("checkbox", name=mentor).is_checked()
    journey.follow(page.get_by_role("button", name=t("Create the scheme")))
    assert page.get_by_text(
        t("The scheme is created, with its documents.")
    ).is_visible()
    assert page.get_by_role("heading", name="Ventspils – Schaerbeek").is_visible()

    # --- The training, which no document shows, marked done on the scheme page --
    tracker = page.get_by_role("list", name=t("Steps of the method"))
    current = tracker.locator('[aria-current="step"]')
    assert current.get_by_text(t("Needs analysis submitted")).is_visible()
    keys.date(page.get_by_label(t("Date"), exact=True), TRAINING_DAY)
    keys.type(page.get_by_label(t("Note"), exact=True), "Two days in Riga")
    journey.follow(
        page.get_by_role(
            "button", name=t("Mark “%(step)s” done", step=t("Training held"))
        )
    )
    assert page.get_by_text(t("The step is marked done.")).is_visible()
    training = tracker.get_by_role("listitem").nth(2)
    with translation.override(language):
        shown_day = formats.date_format(TRAINING_DAY, "DATE_FORMAT")
    assert training.get_by_text(shown_day).is_visible()
    # Marked by hand, the training moves the scheme on to its visits.
    assert current.get_by_text(t("Visits held")).is_visible()

    # --- The dashboard ----------------------------------------------------------
    journey.follow(page.get_by_role("link", name=names["name"]))
    journey.follow(page.get_by_role("link", name=t("Dashboard"), exact=True))
    assert page.get_by_role("link", name="Ventspils – Schaerbeek").is_visible()
    row = page.get_by_role("row").filter(has_text="Ventspils – Schaerbeek")
    assert row.get_by_role("cell", name=t("Mentoring visits"), exact=True).is_visible()

    # --- In the database ---------------------------------------------------------
    programme = Programme.objects.get(slug=SLUG)
    assert in_language(language, programme) == names["name"]
    assert (programme.start_year, programme.end_year) == (2027, 2028)
    assert programme.is_coordinated_by(coordinator)
    ventspils = Organisation.objects.get(slug="ventspils")
    assert (ventspils.kind, ventspils.country.code, ventspils.population) == (
        "city",
        "LV",
        33000,
    )
    assert ventspils.working_languages == "lv, en"
    assert list(ventspils.associations.all()) == [lalrg]
    assert set(programme.participations.values_list("organisation__slug", "role")) >= {
        ("ventspils", ParticipationRole.MENTEE_CITY),
        ("schaerbeek", ParticipationRole.MENTOR_CITY),
        ("lalrg", ParticipationRole.ASSOCIATION),
        ("brulocalis", ParticipationRole.ASSOCIATION),
    }
    scheme = Scheme.objects.get(programme=programme)
    assert (
        scheme.mentee_city,
        scheme.mentee_association,
        scheme.mentor_city,
        scheme.mentor_association,
    ) == (ventspils, lalrg, schaerbeek, brulocalis)
    assert (scheme.benchmark, scheme.theme) == (benchmark, benchmark.theme)
    assert scheme.visits.count() == 3  # the method's three, set up with it
    mark = StepMark.objects.get(scheme=scheme)
    assert (mark.step, mark.reached_on, mark.note) == (
        "training",
        TRAINING_DAY,
        "Two days in Riga",
    )
    assert mark.marked_by == coordinator
    journey.finish()
