"""The six pages of ``tests/perf/pages.py`` make as many queries with much
data as with little: each is requested at a small size, then again after
its data has grown several times over, and the two counts must be equal and
under the page's ceiling. An N+1 shows here as growth; a page that gains a
query or two shows at the ceiling, which is the count today plus two.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from schemes import services
from schemes.models import (
    ActionPlanRow,
    ActionPlanVersion,
    GoodPractice,
    GoodPracticeCriterion,
    MentorProfile,
    NationalContext,
    ProgressNote,
    SupportGroupMember,
    Visit,
)
from schemes.network.models.programmes import ParticipationRole
from schemes.work.services.action_plans import snapshot
from tests import factories

pytestmark = pytest.mark.django_db

# The home page, the dashboard and the scheme page derive each scheme's stage
# from its documents (schemes.work.progress): up to five queries more, the
# same for one scheme or a hundred; and one for the phases of the programmes'
# processes (the dashboard reads them once for its filter and its rows);
# and one for the schemes' cities besides the first (``with_cities``).
CEILINGS = {
    "home": 13,
    "dashboard": 16,
    "scheme": 18,  # its partners: one query
    "needs_analysis": 9,
    "action_plan": 13,
    # On PostgreSQL, three more: the page's transaction planned for memory
    # (BEGIN or SAVEPOINT, SET LOCAL, COMMIT or RELEASE; schemes.work.search).
    "library": 16,
}


def _flat(client, url, grow, ceiling, assert_max, assert_num):
    """The response after growth, once both counts have been checked."""
    client.get(url)  # what a first visit caches (content types)
    with assert_max(ceiling) as small:
        response = client.get(url)
    assert response.status_code == 200
    grow()
    with assert_num(len(small.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def flat(django_assert_max_num_queries, django_assert_num_queries, settings):

    def check(client, url, grow, ceiling):
        return _flat(
            client,
            url,
            grow,
            ceiling,
            django_assert_max_num_queries,
            django_assert_num_queries,
        )

    return check


def _scheme(world, programme=None, **kwargs):
    """A scheme set up as the portal sets one up, with dated visits."""
    scheme = factories.SchemeFactory(
        programme=programme or world.programme,
        mentee_city=factories.CityFactory(),
        mentor_city=factories.CityFactory(),
        theme=world.benchmark.theme,
        benchmark=world.benchmark,
        mentee_association=world.association,
        **kwargs,
    )
    services.scheme_setup(scheme=scheme)
    today = timezone.localdate()
    # One visit past without outcomes (overdue), one to come.
    Visit.objects.filter(scheme=scheme, order=1).update(
        start_date=today - datetime.timedelta(days=30)
    )
    Visit.objects.filter(scheme=scheme, order=2).update(
        start_date=today + datetime.timedelta(days=30)
    )
    MentorProfile.objects.get_or_create(
        programme=scheme.programme, city=scheme.mentor_city
    )
    return scheme


def test_the_home_page(world, client_for, flat):
    def grow():
        for _ in range(6):
            _scheme(world)
        # A second programme the same body coordinates.
        programme = factories.ProgrammeFactory()
        factories.ParticipationFactory(
            programme=programme,
            organisation=world.coordinator_org,
            role=ParticipationRole.COORDINATOR,
        )
        for _ in range(3):
            _scheme(world, programme=programme)

    html = flat(client_for("coordinator"), reverse("home"), grow, CEILINGS["home"])
    assert html.count('class="list-group-item list-group-item-action"') == 11
    assert html.count('class="card h-100 portal-card"') == 2


def test_the_coordinator_dashboard(world, client_for, flat):
    url = reverse("schemes:dashboard", args=[world.programme.slug])

    def grow():
        for _ in range(6):
            _scheme(world)

    html = flat(client_for("coordinator"), url, grow, CEILINGS["dashboard"])
    assert html.count("No outcomes recorded for visit 1") == 6


def test_the_scheme_page(world, client_for, flat):
    scheme = world.scheme

    def grow():
        for order in range(4, 9):
            Visit.objects.create(
                scheme=scheme, order=order, host_city=None, purpose=f"Call {order}"
            )
        for n in range(8):
            SupportGroupMember.objects.create(
                scheme=scheme,
                city=scheme.mentor_city if n % 2 else scheme.mentee_city,
                name=f"Member {n}",
                stakeholder_type="ngo",
            )
        MentorProfile.objects.get_or_create(
            programme=scheme.programme, city=scheme.mentor_city
        )
        for _ in range(3):
            _scheme(world)  # the programme's other schemes

    html = flat(
        client_for("mentee"), scheme.get_absolute_url(), grow, CEILINGS["scheme"]
    )
    assert "Call 8" in html


@pytest.mark.parametrize(
    ("persona", "part"), [("mentee", "A"), ("mentee", "B"), ("association", "C")]
)
def test_the_needs_analysis_form(world, client_for, flat, persona, part):
    scheme = world.scheme
    url = reverse("schemes:needs_analysis_edit", args=[scheme.pk, part])

    def grow():
        needs = scheme.needs_analysis
        context = NationalContext.objects.get(
            programme=scheme.programme, city=scheme.mentee_city
        )
        # Many saves: a long history behind the form.
        for n in range(6):
            services.document_save(
                document=needs,
                values={"challenges": f"Need {n}", "migration_trends": f"Trend {n}"},
                by=world.users["mentee"],
            )
            services.document_save(
                document=context,
                values={"typicality": f"Context {n}"},
                by=world.users["association"],
            )
        for _ in range(3):
            _scheme(world)  # the association's other schemes

    html = flat(client_for(persona), url, grow, CEILINGS["needs_analysis"])
    assert {"A": "Need 5", "B": "Trend 5", "C": "Context 5"}[part] in html


def _rows(plan, mentee, visit, key_factor, start, count):
    for n in range(start, start + count):
        services.row_create(
            plan=plan,
            values={
                "action": f"Action {n}",
                "need": f"Need {n}",
                "key_factor": key_factor,
                "added_at_visit": visit,
            },
            by=mentee,
        )


def test_the_action_plan_editor(world, client_for, flat, plan):
    mentee = world.users["mentee"]
    visit = world.scheme.visits.first()
    key_factor = world.benchmark.key_factors.first()
    _rows(plan, mentee, visit, key_factor, 1, 3)

    def grow():
        _rows(plan, mentee, visit, key_factor, 4, 9)
        for number in (1, 2):
            ActionPlanVersion.objects.create(
                plan=plan, number=number, status="returned", snapshot=snapshot(plan)
            )

    html = flat(
        client_for("mentee"), plan.get_absolute_url(), grow, CEILINGS["action_plan"]
    )
    assert html.count('class="plan-row"') == 12


def test_an_approved_plan_with_its_progress_notes(world, client_for, flat, plan):
    mentee = world.users["mentee"]
    visit = world.scheme.visits.first()
    key_factor = world.benchmark.key_factors.first()
    _rows(plan, mentee, visit, key_factor, 1, 3)
    plan.status = "approved"
    plan.save()

    def grow():
        added = ActionPlanRow.objects.bulk_create(
            ActionPlanRow(plan=plan, number=n, action=f"Action {n}")
            for n in range(4, 13)
        )
        for row in [*plan.rows.all()[:3], *added]:
            for day in (1, 2):
                ProgressNote.objects.create(
                    row=row,
                    date=datetime.date(2025, 1, day),
                    text=f"Note {row.number}.{day}",
                    author=mentee,
                )

    html = flat(
        client_for("mentee"), plan.get_absolute_url(), grow, CEILINGS["action_plan"]
    )
    assert html.count('class="plan-row"') == 12
    assert "Note 12.2" in html


def _practices(world, start, count):
    criteria = world.benchmark.key_factors.all()[:2]
    for n in range(start, start + count):
        practice = GoodPractice.objects.create(
            city=world.mentor_city if n % 2 else factories.CityFactory(),
            title=f"Language café {n}",
            rationale="Conversation in the language of the city",
            status="approved",
            is_public=True,
        )
        practice.themes.add(world.benchmark.theme, factories.ThemeFactory())
        practice.key_factors.add(*criteria)
        for area in criteria:
            GoodPracticeCriterion.objects.create(
                good_practice=practice, criteria_area=area, level=2
            )


def test_the_library_search(world, client_for, flat):
    _practices(world, 1, 5)
    theme = world.benchmark.theme
    url = reverse("schemes:good_practice_list") + f"?q=language&theme={theme.slug}"

    def grow():
        _practices(world, 6, 20)

    html = flat(client_for("mentee"), url, grow, CEILINGS["library"])
    assert "25 good practices" in html
    assert html.count('class="list-group-item list-group-item-action"') == 20
