"""The places that gather documents iterate the registry: what a new scheme
gets (``DocumentKind.setup``), the scheme page's list of documents
(``scheme_page``), the coordinator's dashboard (``dashboard``), the scheme
dossier (``dossier``) and the programme file (``programme_file``); and the
pages ask a kind's ``writers`` whether a document may be changed. A kind
declared here, in a test, takes its place in each; the kinds of the portal
keep the places as they were (their order, headings and query cost).
"""

import csv
import dataclasses
import io
import json
import re
from html import unescape

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import BooleanField, Value
from django.template.loader import get_template
from django.urls import reverse

from incluportal import pdf as pdf_module
from incluportal.documents import (
    DashboardColumn,
    DocumentKind,
    DossierSection,
    SchemeSetup,
    kind_for_key,
    kinds,
    register,
    unregister,
)
from schemes import pdfs, services
from schemes.coordination.portability import collecting
from schemes.models import (
    ActionPlan,
    AgendaItem,
    MentorProfile,
    NationalContext,
    NeedsAnalysis,
    ReviewReport,
    Scope,
    Strategy,
    Visit,
)
from tests import factories

pytestmark = pytest.mark.django_db


class Throwaway:
    """The model of the kind a test declares (nothing else asks it)."""


@pytest.fixture
def declare():
    """``declare(**hooks)``: a kind registered for the test, then removed."""
    declared = []

    def _declare(**hooks):
        kind = register(DocumentKind(key="throwaway", model=Throwaway, **hooks))
        declared.append(kind)
        return kind

    yield _declare
    for kind in declared:
        unregister(kind)
    assert "throwaway" not in {kind.key for kind in kinds()}


def test_the_kinds_come_in_the_order_of_the_method():
    # Set in schemes/work/models/__init__.py; the dossier and the dashboard
    # follow it.
    assert [kind.key for kind in kinds()] == [
        "needs-analysis",
        "national-context",
        "mentor-profile",
        "scope",
        "good-practice",
        "self-assessment",
        "support-member",
        "visit",
        "action-plan",
        "review-report",
        "strategy",
    ]


@pytest.mark.parametrize("kind", kinds(), ids=lambda kind: kind.key)
def test_each_kind_names_hooks_that_exist(kind):
    if kind.dashboard is not None:
        column = kind.dashboard
        assert (column.values is None) != (not column.related)
        if column.template:
            get_template(column.template)
    if kind.dossier is not None:
        get_template(kind.dossier.template)
        assert callable(kind.dossier.contexts)


def test_unregister_takes_a_kind_out(declare):
    kind = declare()
    assert kind_for_key("throwaway") is kind
    unregister(kind)
    assert kind not in kinds()


# --- What a new scheme gets ----------------------------------------------------


def _bare_scheme(world):
    return factories.SchemeFactory(
        programme=world.programme,
        mentee_city=factories.CityFactory(name="Leuven", slug="leuven"),
        mentee_association=world.association,
        mentor_city=factories.CityFactory(name="Ghent", slug="ghent"),
        mentor_association=world.mentor_association,
    )


def test_a_new_scheme_gets_what_the_kinds_declare(world):
    scheme = _bare_scheme(world)
    services.scheme_setup(scheme=scheme)
    assert NeedsAnalysis.objects.filter(scheme=scheme).exists()
    assert ActionPlan.objects.filter(scheme=scheme).exists()
    assert Scope.objects.filter(scheme=scheme).exists()
    # Started on demand: only schemes whose process asks for them.
    assert not ReviewReport.objects.filter(scheme=scheme).exists()
    assert not Strategy.objects.filter(scheme=scheme).exists()
    assert MentorProfile.objects.filter(
        programme=world.programme, city=scheme.mentor_city
    ).exists()
    contexts = NationalContext.objects.filter(programme=world.programme)
    assert contexts.get(city=scheme.mentee_city).association == world.association
    assert contexts.get(city=scheme.mentor_city).association == world.mentor_association
    # The visit kind's default visits, each with its agenda.
    visits = Visit.objects.filter(scheme=scheme).order_by("order")
    assert [visit.order for visit in visits] == [1, 2, 3]
    assert all(AgendaItem.objects.filter(visit=visit).exists() for visit in visits)
    assert kind_for_key("visit").setup is not None


def test_a_scheme_that_has_everything_costs_one_query(world, django_assert_num_queries):
    services.scheme_setup(scheme=world.scheme)
    with django_assert_num_queries(1):
        services.scheme_setup(scheme=world.scheme)


def test_a_declared_setup_runs_until_its_documents_are_present(
    world, declare, django_assert_num_queries
):
    made = []

    def present(scheme):
        return [Value(bool(made), output_field=BooleanField())]

    declare(setup=SchemeSetup(present=present, create=made.append))
    services.scheme_setup(scheme=world.scheme)
    assert made == [world.scheme]
    # Present now: asked with the others, in the one query, and not made again.
    with django_assert_num_queries(1):
        services.scheme_setup(scheme=world.scheme)
    assert made == [world.scheme]


# --- The coordinator's dashboard -----------------------------------------------

HEADERS = [
    "Mentee or convening city",
    "Mentor or peer cities",
    "Theme",
    "Stage",
    "Needs analysis, parts A and B",
    "Needs analysis, part C",
    "Mentor profile",
    "Scope",
    "Next visit",
    "Action plan",
    "Overdue",
]


def _dashboard(client, **params):
    url = reverse("schemes:dashboard", args=["inclu-test"])
    # The CSV starts with a byte order mark, for spreadsheets.
    return client.get(url, params).content.decode("utf-8-sig")


def _csv(client):
    return list(csv.reader(io.StringIO(_dashboard(client, export="csv"))))


def test_the_dashboard_keeps_its_columns(world, client_for, settings):
    client = client_for("coordinator")
    table = _csv(client)
    assert table[0] == HEADERS
    html = _dashboard(client)
    headings = re.findall(r'<th scope="col">([^<]*)</th>', html)
    assert headings == [
        "Scheme",
        "Overdue",
        "Stage",
        "Needs analysis",
        "Part C",
        "Mentor profile",
        "Scope",
        "Next visit",
        "Action plan",
    ]


def test_a_document_started_on_demand_is_a_column_where_the_process_asks_for_it(
    world, client_for
):
    """IncluCities' process asks for no review report: no column for it; a
    programme whose phase delivers it shows it, on the page and in the file."""
    client = client_for("coordinator")
    assert "Review report" not in _csv(client)[0]
    factories.phase_delivering(world.programme, "review-report")
    assert _csv(client)[0] == [*HEADERS[:-1], "Review report", "Overdue"]
    assert '<th scope="col">Review report</th>' in _dashboard(client)
    assert "Strategy" not in _csv(client)[0]


def test_a_declared_dashboard_column_shows_and_exports(
    world, client_for, declare, settings, django_assert_max_num_queries
):
    client = client_for("coordinator")
    with django_assert_max_num_queries(100) as without:
        _dashboard(client)
    asked = []

    def values(programme, schemes):
        asked.append(len(schemes))
        # One query for every scheme, as a kind's own would be.
        list(NeedsAnalysis.objects.filter(scheme__in=schemes))
        return {scheme.pk: f"cell of {scheme.mentee_city.name}" for scheme in schemes}

    declare(
        dashboard=DashboardColumn(
            heading="Throwaway column",
            export_heading="Throwaway export",
            text=lambda value: value or "",
            values=values,
            overdue=lambda scheme, value, today: [f"Late: {value}"],
        )
    )
    with django_assert_max_num_queries(len(without.captured_queries) + 1):
        html = _dashboard(client)
    assert '<th scope="col">Throwaway column</th>' in html
    assert "<td>cell of Jelgava</td>" in html
    assert "Late: cell of Jelgava" in html
    table = _csv(client)
    assert table[0] == [*HEADERS[:-1], "Throwaway export", "Overdue"]
    row = next(r for r in table if r[0] == "Jelgava")
    assert row[-2] == "cell of Jelgava"
    assert "Late: cell of Jelgava" in row[-1]
    # Its values are read once for all the schemes (the page, then the CSV).
    assert asked == [2, 2]


# --- The scheme dossier ----------------------------------------------------------


@pytest.fixture
def dossier_html(monkeypatch):
    """dossier_html(user, scheme): the dossier's HTML, before its layout."""
    monkeypatch.setattr(pdf_module, "html_to_pdf", lambda html: html)

    def _html(user, scheme):
        html, _name = pdfs.scheme_dossier_pdf(user, scheme)
        return html

    return _html


def _contents(html):
    listed = html.split("<h2>Contents</h2>", 1)[1].split("</ol>", 1)[0]
    # Each entry links to its section ("1. Needs analysis"), its page number
    # added by the PDF's CSS.
    entries = re.findall(r'<li><a href="#section-\d+">\d+\. ([^<]*)</a></li>', listed)
    return [unescape(entry) for entry in entries]


def test_the_dossier_keeps_its_sections_in_order(world, dossier_html):
    html = dossier_html(world.users["coordinator"], world.scheme)
    visits = [str(visit) for visit in world.scheme.visits.order_by("order")]
    assessments = [
        f"Self-assessment of {assessment.city.name}"
        for assessment in world.scheme.self_assessments.filter(status="submitted")
    ]
    assert _contents(html) == [
        "Needs analysis",
        "Mentor profile",
        "Scope",
        *assessments,
        *visits,
        "Action plan",
    ]
    assert html.count('<section class="doc-section') == 1 + len(_contents(html))


def test_a_started_review_report_and_strategy_follow_the_action_plan(
    world, dossier_html
):
    mentee = world.users["mentee"]
    services.strategy_start(scheme=world.scheme, by=mentee)
    services.review_report_start(scheme=world.scheme, by=mentee)
    html = dossier_html(world.users["coordinator"], world.scheme)
    assert _contents(html)[-3:] == [
        "Action plan",
        "Intercultural review report",
        "Strategy",
    ]
    # The mentor city reads neither draft: the dossier says so.
    html = dossier_html(world.users["mentor"], world.scheme)
    assert html.count("Not shared yet: it is a draft.") == 2


def test_a_declared_dossier_section_follows_the_kinds(
    world, declare, dossier_html, settings
):
    # The section's template, from memory for this test.
    engine = {**django_settings.TEMPLATES[0], "APP_DIRS": False}
    engine["OPTIONS"] = {
        **engine["OPTIONS"],
        "loaders": [
            (
                "django.template.loaders.locmem.Loader",
                {"test/throwaway.html": "<h1>Throwaway of {{ city }}</h1>"},
            ),
            "django.template.loaders.filesystem.Loader",
            "django.template.loaders.app_directories.Loader",
        ],
    }
    settings.TEMPLATES = [engine]
    declare(
        dossier=DossierSection(
            template="test/throwaway.html",
            sections=f"{__name__}.throwaway_sections",
        )
    )
    html = dossier_html(world.users["mentee"], world.scheme)
    assert _contents(html)[-2:] == ["Action plan", "Throwaway of Jelgava"]
    last = html.split('<section class="doc-section')[-1]
    assert last.endswith(
        'id="section-8"><h1>Throwaway of Jelgava</h1></section>\n\n</body>\n</html>\n'
    )
    # A kind with nothing to show for a scheme adds nothing.
    other = _bare_scheme(world)
    services.scheme_setup(scheme=other)
    assert "Throwaway" not in dossier_html(world.users["coordinator"], other)


def throwaway_sections(user, scheme):
    """The throwaway kind's sections: one for the world's scheme only."""
    if scheme.mentee_city.name != "Jelgava":
        return []
    name = scheme.mentee_city.name
    return [{"city": name, "contents": f"Throwaway of {name}"}]


# --- The scheme page's list of documents ---------------------------------------


def _scheme_page_labels(html):
    return [
        unescape(label)
        for label in re.findall(
            r'<(?:a|span) class="fw-semibold"(?: href="[^"]*")?>([^<]*)</(?:a|span)>',
            html,
        )
    ]


def test_the_scheme_page_lists_the_kinds_documents_in_order(
    world, client_for, settings
):
    html = client_for("coordinator").get(world.scheme.get_absolute_url()).content
    labels = _scheme_page_labels(html.decode())
    assert labels[:4] == [
        "Needs analysis, parts A and B",
        "Needs analysis, part C",
        "Mentor profile",
        "Scope",
    ]


def throwaway_entries(user, scheme):
    """The test kind's line on the scheme page (named by its dotted path)."""
    return [
        {
            "label": f"Charter of {scheme.mentee_city.name}",
            "document": None,
            "url": "/nowhere/",
            "readable": False,
        }
    ]


def test_a_declared_scheme_page_entry_shows_after_the_kinds(
    world, client_for, declare, settings
):
    declare(scheme_page=f"{__name__}.throwaway_entries")
    html = client_for("mentee").get(world.scheme.get_absolute_url()).content.decode()
    labels = _scheme_page_labels(html)
    assert labels[:5] == [
        "Needs analysis, parts A and B",
        "Needs analysis, part C",
        "Mentor profile",
        "Scope",
        "Charter of Jelgava",
    ]
    # Not started: no document yet.
    entry = html.split("Charter of Jelgava", 1)[1]
    assert "Not started." in entry.split("list-group-item", 1)[0]


# --- The programme file ----------------------------------------------------------


def test_the_programme_file_holds_what_a_declared_kind_brings(world, declare):
    seen = {}
    outsider = factories.CityFactory(name="Outsider", slug="outsider")

    def programme_file(programme, schemes, cities):
        seen.update(programme=programme, schemes=set(schemes), cities=set(cities))
        return [outsider]

    declare(programme_file=programme_file)
    objects = collecting.collect(world.programme)
    assert outsider in objects
    assert seen["programme"] == world.programme
    assert seen["schemes"] == set(world.programme.schemes.values_list("pk", flat=True))
    assert world.scheme.city_ids <= seen["cities"]
    assert world.association.pk not in seen["cities"]


def test_a_kind_without_a_place_in_the_programme_file_stops_the_export(world, declare):
    declare()
    with pytest.raises(ImproperlyConfigured, match="throwaway"):
        collecting.collect(world.programme)


def test_each_kind_brings_its_documents_to_the_programme_file(world):
    services.scheme_setup(scheme=world.scheme)
    data = json.loads(
        json.dumps(
            collecting.serialize(collecting.collect(world.programme)), default=str
        )
    )
    models = {entry["model"] for entry in data}
    for kind in kinds():
        assert f"schemes.{kind.model._meta.model_name}" in models or not (
            kind.model._base_manager.exists()
        ), kind.key


# --- Who may write: the kind's writers, asked by the pages ------------------------


@pytest.fixture
def writers_of():
    """``writers_of(key, rule)``: the kind's writers replaced for the test."""
    replaced = []

    def _replace(key, rule):
        kind = kind_for_key(key)
        replaced.append(kind)
        return register(dataclasses.replace(kind, writers=rule))

    yield _replace
    for kind in replaced:
        register(kind)


def test_the_needs_analysis_pages_follow_the_kinds_writers(
    world, client_for, writers_of, settings
):
    services.scheme_setup(scheme=world.scheme)
    client = client_for("mentee")
    url = reverse("schemes:needs_analysis_edit", args=[world.scheme.pk, "A"])
    assert client.get(url).status_code == 200
    writers_of("needs-analysis", lambda user, document: False)
    # The author, whom the rule no longer lets write: told so, sent back.
    response = client.get(url)
    assert response.status_code == 302
    assert (
        client.get(
            reverse("schemes:needs_analysis", args=[world.scheme.pk])
        ).status_code
        == 200
    )


def test_the_visit_pages_follow_the_kinds_writers(
    world, client_for, writers_of, settings
):
    services.scheme_setup(scheme=world.scheme)
    client = client_for("coordinator")
    page = client.get(world.scheme.get_absolute_url()).content.decode()
    assert 'id="new-visit-host"' in page
    writers_of("visit", lambda user, visit: False)
    page = client.get(world.scheme.get_absolute_url()).content.decode()
    assert 'id="new-visit-host"' not in page


def test_the_support_group_pages_follow_the_kinds_writers(
    world, client_for, writers_of, settings
):
    client = client_for("mentee")
    url = reverse("schemes:support_group_member_add", args=[world.scheme.pk, "jelgava"])
    assert client.get(url).status_code == 200
    writers_of("support-member", lambda user, member: False)
    assert client.get(url).status_code == 403


def test_the_action_plan_editor_follows_the_kinds_writers(
    world, client_for, writers_of, settings
):
    services.scheme_setup(scheme=world.scheme)
    client = client_for("mentee")
    url = reverse("schemes:action_plan", args=[world.scheme.pk])
    assert 'id="add-row-title"' in client.get(url).content.decode()
    writers_of("action-plan", lambda user, plan: False)
    response = client.get(url)
    assert response.status_code == 200
    assert 'id="add-row-title"' not in response.content.decode()
    add = reverse("schemes:action_plan_row_add", args=[world.scheme.pk])
    assert client.post(add, {"title": "An action"}).status_code == 403
