"""Bad input gets a clear message and writes nothing, never a 500.

First, a property-based test: every form of the project that is posted to
(found on the pages of the permission table, tests/test_permissions.py) gets
random and hostile values from Hypothesis, signed in as someone allowed to
post it. Whatever is sent, the answer is never a server error; a refusal
(a 4xx, an error message, a form with errors) leaves every table exactly as
it was, and each form error is said on the page.

Then the cases worth reading on their own: tampered formset management
forms (the admin's inlines are the project's formsets), other schemes' ids,
locked documents, NUL bytes and over-long text, ``<script>`` on the page and
in the PDF, and import files of the wrong kind.

Covered elsewhere and not repeated here: row-by-row import errors and
all-or-nothing imports, unreadable and oversized files, workbook formulas
and a workbook sent as CSV (tests/benchmarks/test_import_export.py,
tests/schemes/test_programme_data.py), another city's practice
in a mentor profile, a late edit of a submitted needs analysis
(tests/schemes/test_document_views.py), another scheme's visits or key
factor in a new row or member (tests/schemes/test_action_plans.py,
tests/schemes/test_support_group.py), a NUL byte and user HTML in a
self-assessment (tests/benchmarks/test_assessment_views.py), tags in the
action plan PDF (tests/schemes/test_pdfs.py).

The 500s this file found have their regression tests beside those: a bare
word as the next address (test_document_views.py), an id beyond 64 bits
(test_support_group.py), blank files, a workbook opening on a chart
(test_import_export.py, test_programme_data.py), the admin's URL fields
(tests/incluportal/test_admin.py).

BAD_INPUT_EXAMPLES=500 makes the property hunt longer than the suite's.

The harness (reading a page's forms, hostile values, the fingerprint of the
tables and the rules every post keeps) is tests/support/badinput.py; here
are the forms to post to and the cases.
"""

import datetime
import html
import io
import os
from dataclasses import dataclass
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schemes import services
from schemes.resources_programme import RESOURCES
from tests.schemes.test_document_workflow import _complete
from tests.support.badinput import (
    check_outcome,
    fingerprint,
    form_data,
    form_field,
    forms_posting_to,
    forms_with_errors,
    page_form_data,
    payloads,
    post,
    rolled_back,
    url_name,
)
from tests.support.htmlforms import Form, post_forms
from tests.test_permissions import MATRIX, _published_guide, stored_phase

pytestmark = pytest.mark.django_db


# --- Every form that is posted to, and who may post it ------------------------------


@dataclass
class Target:
    """Posts to the URL ``name`` from the forms on ``page``, signed in as
    ``persona``; ``setup`` first brings the world into the state where the
    form is shown."""

    name: str
    persona: str
    page: object  # world -> the path of the page holding the form
    setup: object = None  # world -> None
    id: str = ""
    # For a URL posted to without a form of its own: world -> its path.
    url: object = None

    def __post_init__(self):
        self.id = self.id or f"{self.name}-{self.persona}"


def _scheme_url(name, *args):
    return lambda w: reverse(name, args=[w.scheme.pk, *args])


def _programme_url(name, *args):
    return lambda w: reverse(name, args=[w.programme.slug, *args])


_needs_edit = _scheme_url("schemes:needs_analysis_edit", "A")


def _approved_and_published(w, publish=True):
    from schemes.work.services.good_practices import good_practice_publish

    w.public_practice.status = "approved"
    w.public_practice.save()
    if publish:
        good_practice_publish(practice=w.public_practice, by=w.users["mentor"])


def _row_edit(w):
    return reverse("schemes:action_plan_row_edit", args=[w.scheme.pk, w.row.pk])


def _visit_edit(w):
    return reverse("schemes:visit_edit", args=[w.scheme.pk, w.scheme.visits.first().pk])


def _member_edit(w):
    return reverse(
        "schemes:support_group_member_edit", args=[w.scheme.pk, "jelgava", w.member.pk]
    )


def _practice_edit(w):
    return reverse("schemes:good_practice_edit", args=[w.draft_practice.pk])


def _assessment_edit(w):
    return reverse("schemes:assessment_edit", args=[w.assessment.pk])


def _programme_create(w):
    return reverse("schemes:programme_create")


_invitation_create = _programme_url("schemes:invitation_create")


def _profile_part(part):
    return lambda w: reverse(
        "schemes:mentor_profile_edit",
        args=[w.programme.slug, w.mentor_city.slug, part],
    )


_profile_edit = _profile_part("A")


def _started(name):
    """The page of the scheme's review report or strategy, started."""

    def build(w):
        start = {
            "review_report": services.review_report_start,
            "strategy": services.strategy_start,
        }[name]
        start(scheme=w.scheme, by=w.users["mentee"])
        return reverse(f"schemes:{name}", args=[w.scheme.pk])

    return build


def _started_edit(name):
    def build(w):
        _started(name)(w)
        return reverse(f"schemes:{name}_edit", args=[w.scheme.pk])

    return build


def submitted_review_report(w):
    """A review report written in full and submitted by the mentee city."""
    _started("review_report")(w)
    report = w.scheme.review_report
    services.city_report_save(
        document=report,
        values={name: f"Text of {name}" for name, _required in report.SECTIONS},
        by=w.users["mentee"],
    )
    services.document_submit(document=report, by=w.users["mentee"])


def scope_written(w):
    services.scope_save(
        scope=w.scheme.scope,
        values={"questions": "How do we reach newcomers?"},
        by=w.users["mentee"],
    )


def reports_asked_for(w):
    """The programme's process asks for a review report and a strategy (as
    seed 003's does): the scheme page offers to start them."""
    from tests import factories

    factories.phase_delivering(w.programme, "review-report", "strategy")


def submitted_needs(w):
    _complete(w.scheme.needs_analysis, w.users["mentee"])
    services.document_submit(document=w.scheme.needs_analysis, by=w.users["mentee"])


def needs_answered_twice(w):
    """A needs analysis with earlier versions to go back to."""
    for answer in ("First answer", "Second answer"):
        services.document_save(
            document=w.scheme.needs_analysis,
            values={"challenges": answer},
            by=w.users["mentee"],
        )


def submitted_plan(w):
    services.action_plan_submit(plan=w.scheme.action_plan, by=w.users["mentee"])


def approved_plan(w):
    submitted_plan(w)
    # Sent to the council before it decided (the decision's date is checked).
    w.scheme.action_plan.versions.update(
        frozen_at=datetime.datetime(2025, 5, 2, 9, tzinfo=datetime.UTC)
    )
    services.action_plan_approve(
        plan=w.scheme.action_plan,
        by=w.users["coordinator"],
        decision_date=datetime.date(2025, 5, 25),
        decision_reference="Nr. 7/12",
    )


def training_marked(w):
    services.step_mark(
        scheme=w.scheme,
        step="training",
        reached_on=datetime.date(2025, 4, 2),
        note="Held in Jelgava",
        by=w.users["coordinator"],
    )


def a_mentee_without_scheme(w):
    from schemes.network.models.programmes import ParticipationRole
    from tests import factories

    city = factories.CityFactory(name="Ventspils", slug="ventspils", country="LV")
    factories.ParticipationFactory(
        programme=w.programme, organisation=city, role=ParticipationRole.MENTEE_CITY
    )


def _invitation_url(w):
    from schemes.models import Invitation

    invitation = Invitation.objects.create(
        email="newcomer@example.org",
        organisation=w.mentee_city,
        programme=w.programme,
        invited_by=w.users["coordinator"],
    )
    return invitation.get_absolute_url()


def _password_reset_url(w):
    user = w.users["mentee"]
    return reverse(
        "password_reset_confirm",
        args=[
            urlsafe_base64_encode(force_bytes(user.pk)),
            default_token_generator.make_token(user),
        ],
    )


def _guide_page(name, entry=False):
    """An editor page of Jelgava's page for newcomers (published, with two
    services, so that one can move)."""

    def build(w):
        from schemes.models import CityGuide, GuideEntry

        guide = CityGuide.objects.filter(city=w.scheme.mentee_city).first()
        if guide is None:
            _published_guide(w)
            guide = CityGuide.objects.get(city=w.scheme.mentee_city)
            GuideEntry.objects.create(
                guide=guide, category="language", position=2, title={"en": "More"}
            )
        args = [guide.city.slug]
        if entry:
            args.append(guide.entries.first().pk)
        return reverse(f"schemes:{name}", args=args)

    return build


TARGETS = [
    # Accounts.
    Target("login", "anonymous", lambda w: reverse("login")),
    Target("logout", "mentee", lambda w: reverse("home")),
    Target("set_language", "mentee", lambda w: reverse("home")),
    Target("password_change", "mentee", lambda w: reverse("password_change")),
    Target("password_reset", "anonymous", lambda w: reverse("password_reset")),
    Target("password_reset_confirm", "anonymous", _password_reset_url),
    Target(
        "notification_settings", "mentee", lambda w: reverse("notification_settings")
    ),
    Target("invitation_accept", "anonymous", _invitation_url),
    Target("two_factor_setup", "mentee", lambda w: reverse("two_factor_setup")),
    # The coordinator's workspace.
    Target("schemes:programme_create", "coordinator", _programme_create),
    Target(
        "schemes:programme_two_factor",
        "coordinator",
        lambda w: w.programme.get_absolute_url(),
    ),
    Target(
        "schemes:organisation_add",
        "coordinator",
        _programme_url("schemes:organisation_add"),
    ),
    # Names and descriptions in each language.
    Target(
        "schemes:programme_texts",
        "coordinator",
        _programme_url("schemes:programme_texts"),
    ),
    Target(
        "schemes:organisation_texts",
        "mentee",
        lambda w: reverse("schemes:organisation_texts", args=[w.mentee_city.slug]),
    ),
    # The programme's process, as shipped and once stored.
    Target(
        "schemes:programme_process",
        "coordinator",
        _programme_url("schemes:programme_process"),
    ),
    Target(
        "schemes:programme_process_apply",
        "coordinator",
        _programme_url("schemes:programme_process"),
    ),
    *[
        Target(
            name,
            "coordinator",
            _programme_url("schemes:programme_process"),
            setup=stored_phase,
            id=f"{name}-stored",
        )
        for name in [
            "schemes:phase_edit",
            "schemes:phase_delete",
            "schemes:phase_move",
            "schemes:programme_process",
        ]
    ],
    Target("schemes:invitation_create", "coordinator", _invitation_create),
    # Partners: attached (an existing organisation or a new one), changed,
    # detached.
    Target(
        "schemes:partner_list", "coordinator", _programme_url("schemes:partner_list")
    ),
    Target(
        "schemes:partner_edit",
        "coordinator",
        lambda w: reverse(
            "schemes:partner_edit", args=[w.programme.slug, w.partner.pk]
        ),
    ),
    Target(
        "schemes:partner_detach", "coordinator", _programme_url("schemes:partner_list")
    ),
    Target(
        "schemes:scheme_create", "coordinator", _programme_url("schemes:scheme_create")
    ),
    Target(
        "schemes:matching_all",
        "coordinator",
        _programme_url("schemes:matching_all"),
        setup=a_mentee_without_scheme,
    ),
    *[
        Target(
            "schemes:data_import",
            "coordinator",
            _programme_url("schemes:data_import", key),
            id=f"data_import-{key}",
        )
        for key in RESOURCES
    ],
    Target(
        "benchmarks:benchmark_import",
        "coordinator",
        lambda w: reverse("benchmarks:benchmark_import"),
    ),
    # Annex 2 and 3.
    *[
        Target(
            "schemes:needs_analysis_edit",
            persona,
            _scheme_url("schemes:needs_analysis_edit", part),
            id=f"needs_analysis_edit-{part}",
        )
        for part, persona in [("A", "mentee"), ("B", "mentee"), ("C", "association")]
    ],
    *[
        Target(
            "schemes:mentor_profile_edit",
            persona,
            _profile_part(part),
            id=f"mentor_profile_edit-{part}",
        )
        for part, persona in [
            ("A", "mentor"),
            ("B", "mentor"),
            ("C", "mentor_association"),
        ]
    ],
    Target("schemes:document_action", "mentee", _scheme_url("schemes:needs_analysis")),
    Target(
        "schemes:document_action",
        "coordinator",
        _scheme_url("schemes:needs_analysis"),
        setup=submitted_needs,
    ),
    Target(
        "schemes:history_restore",
        "mentee",
        lambda w: reverse(
            "schemes:history", args=["needs-analysis", w.scheme.needs_analysis.pk]
        ),
        setup=needs_answered_twice,
    ),
    # Annex 4.
    Target(
        "schemes:good_practice_create",
        "mentor",
        lambda w: reverse("schemes:good_practice_create"),
    ),
    Target("schemes:good_practice_edit", "mentor", _practice_edit),
    # The city's page for newcomers (schemes.public.views_editor).
    Target("schemes:guide_settings", "mentee", _guide_page("guide_settings")),
    Target("schemes:guide_entry_add", "mentee", _guide_page("guide_entry_add")),
    Target("schemes:guide_entry_edit", "mentee", _guide_page("guide_entry_edit", True)),
    Target(
        "schemes:guide_entry_delete",
        "mentee",
        _guide_page("guide_entry_delete", True),
    ),
    Target("schemes:guide_entry_move", "mentee", _guide_page("guide_overview")),
    Target("schemes:guide_withdraw", "mentee", _guide_page("guide_overview")),
    Target("schemes:guide_preview", "mentee", _guide_page("guide_preview")),
    Target(
        "schemes:good_practice_criteria",
        "mentor",
        lambda w: reverse("schemes:good_practice_criteria", args=[w.draft_practice.pk]),
    ),
    Target(
        "schemes:document_action",
        "mentor",
        lambda w: w.draft_practice.get_absolute_url(),
        id="document_action-good-practice",
    ),
    # Publishing in the public library (tests/public/).
    Target(
        "schemes:good_practice_publish",
        "mentor",
        lambda w: reverse("schemes:good_practice_publish", args=[w.public_practice.pk]),
        setup=lambda w: _approved_and_published(w, publish=False),
    ),
    Target(
        "schemes:good_practice_withdraw",
        "mentor",
        lambda w: w.public_practice.get_absolute_url(),
        setup=_approved_and_published,
    ),
    # Annex 5.
    Target(
        "schemes:support_group_member_add",
        "mentee",
        _scheme_url("schemes:support_group_member_add", "jelgava"),
    ),
    Target("schemes:support_group_member_edit", "mentee", _member_edit),
    Target(
        "schemes:support_group_member_delete",
        "mentee",
        _scheme_url("schemes:support_group", "jelgava"),
    ),
    # Annex 6.
    *[
        Target(name, "mentee", _scheme_url("schemes:action_plan"))
        for name in [
            "schemes:action_plan_row_add",
            "schemes:action_plan_row_delete",
            "schemes:action_plan_row_move",
            "schemes:action_plan_action",
        ]
    ],
    Target("schemes:action_plan_row_edit", "mentee", _row_edit),
    Target(
        "schemes:action_plan_action",
        "coordinator",
        _scheme_url("schemes:action_plan"),
        setup=submitted_plan,
    ),
    *[
        Target(name, "mentee", _scheme_url("schemes:action_plan"), setup=approved_plan)
        for name in [
            "schemes:action_plan_row_status",
            "schemes:action_plan_row_note",
        ]
    ],
    Target(
        "schemes:action_plan_action",
        "mentee",
        _scheme_url("schemes:action_plan"),
        setup=approved_plan,
        id="action_plan_action-new-draft",
    ),
    # Visits.
    *[
        Target(name, persona, _scheme_url("schemes:scheme_detail"))
        for name, persona in [
            ("schemes:visit_add", "mentee"),
            ("schemes:visit_move", "coordinator"),
            ("schemes:visit_delete", "mentee"),
        ]
    ],
    Target("schemes:visit_edit", "mentor", _visit_edit),
    # The scheme's technical partner helps prepare the visits.
    Target("schemes:visit_edit", "partner", _visit_edit),
    # The steps no document shows (the training), marked by a coordinator.
    Target("schemes:step_mark", "coordinator", _scheme_url("schemes:scheme_detail")),
    Target(
        "schemes:step_unmark",
        "coordinator",
        _scheme_url("schemes:scheme_detail"),
        setup=training_marked,
    ),
    # The scope, the review report and the strategy.
    Target("schemes:scope_edit", "mentor", _scheme_url("schemes:scope_edit")),
    *[
        Target(
            "schemes:scope_agree",
            persona,
            _scheme_url("schemes:scope"),
            setup=scope_written,
            id=f"scope_agree-{persona}",
        )
        for persona in ("mentee", "mentor")
    ],
    *[
        Target(
            f"schemes:{name}_start",
            persona,
            _scheme_url("schemes:scheme_detail"),
            setup=reports_asked_for,
        )
        for name, persona in (("review_report", "mentee"), ("strategy", "coordinator"))
    ],
    *[
        Target(f"schemes:{name}_edit", "mentee", _started_edit(name))
        for name in ("review_report", "strategy")
    ],
    Target(
        "schemes:document_action",
        "mentee",
        _started("review_report"),
        id="document_action-review-report-mentee",
    ),
    Target(
        "schemes:document_action",
        "coordinator",
        _scheme_url("schemes:review_report"),
        setup=submitted_review_report,
        id="document_action-review-report-coordinator",
    ),
    # Self-assessment.
    Target(
        "schemes:assessment_start",
        "mentee",
        lambda w: reverse("schemes:scheme_assessments", args=[w.scheme.pk]),
    ),
    # Posted by scripts only: the edit page submits with a button of its own.
    Target(
        "schemes:assessment_submit",
        "mentee",
        page=None,
        url=lambda w: reverse("schemes:assessment_submit", args=[w.assessment.pk]),
    ),
    Target("schemes:assessment_edit", "mentee", _assessment_edit),
]


def foreign_ids(w):
    """Ids of things outside the world's scheme: another scheme's visits,
    agenda items, rows and members, another programme's organisations."""
    from benchmarks.models import KeyFactor
    from schemes.models import (
        ActionPlanRow,
        AgendaItem,
        GoodPractice,
        Organisation,
        SupportGroupMember,
        Visit,
    )

    other = w.other_scheme
    ids = set()
    for queryset in [
        Visit.objects.filter(scheme=other),
        AgendaItem.objects.filter(visit__scheme=other),
        ActionPlanRow.objects.filter(plan__scheme=other),
        SupportGroupMember.objects.filter(scheme=other),
        Organisation.objects.filter(participations__programme=w.other_programme),
        KeyFactor.objects.exclude(benchmark=w.benchmark),
        GoodPractice.objects.exclude(city=w.mentor_city),
    ]:
        ids.update(queryset.values_list("pk", flat=True))
    return sorted(str(pk) for pk in ids)


def other_scheme_things(w):
    """Give the other scheme documents, visits, a row and a support group."""
    from schemes.models import ActionPlanRow, GoodPractice, SupportGroupMember

    services.scheme_setup(scheme=w.other_scheme)
    ActionPlanRow.objects.create(
        plan=w.other_scheme.action_plan, number=1, action="Theirs"
    )
    SupportGroupMember.objects.create(
        scheme=w.other_scheme,
        city=w.other_scheme.mentee_city,
        name="Theirs",
        stakeholder_type="ngo",
    )
    GoodPractice.objects.create(city=w.other_scheme.mentee_city, title="Theirs")


def sign_in(client, w, persona):
    client.logout()
    if w.users[persona] is not None:
        client.force_login(w.users[persona])


# --- The property --------------------------------------------------------------------


# Examples a form: enough for the suite; raise it for a longer hunt.
EXAMPLES = int(os.environ.get("BAD_INPUT_EXAMPLES", "8"))


@pytest.mark.parametrize("target", TARGETS, ids=[t.id for t in TARGETS])
def test_random_posts_never_fail_and_refusals_write_nothing(target, world, client):
    other_scheme_things(world)
    if target.setup:
        target.setup(world)
    sign_in(client, world, target.persona)
    if target.url is not None:
        url = target.url(world)
        forms = [(url, Form(action=url, multipart=False, htmx=False))]
    else:
        page = target.page(world)
        response = client.get(page, follow=True)
        assert response.status_code == 200, page
        page_path = response.request["PATH_INFO"]
        forms = forms_posting_to(response.content.decode(), page_path, target.name)
        assert forms, f"no form on {page_path} posts to {target.name}"
    ids = foreign_ids(world)

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
        ],
        database=None,
    )
    @given(data=st.data())
    def post_something(data):
        with rolled_back():
            sign_in(client, world, target.persona)
            step = forms
            # A page that answers with a new form of its own (an import's
            # "confirm") is posted again.
            for _step in range(2):
                action, form = data.draw(st.sampled_from(step), label="form")
                payload = data.draw(payloads(form, ids), label="payload")
                htmx = form.htmx and data.draw(st.booleans(), label="htmx")
                headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
                before = fingerprint()
                response = client.post(action, payload, **headers)
                check_outcome(
                    response, before, fingerprint(), htmx=htmx, what=f"POST {action}"
                )
                if response.status_code != 200 or htmx:
                    break
                shown = forms_posting_to(response.content.decode(), action, target.name)
                step = [
                    (a, f) for a, f in shown if f.fields.keys() != form.fields.keys()
                ]
                if not step:
                    break

    post_something()


# --- Every form is fuzzed ----------------------------------------------------------

# The first persona with a 200 in the permission table opens each page.
OPENERS = [
    "coordinator", "mentee", "mentor", "association", "mentor_association",
    "anonymous",
]  # fmt: skip


def test_every_form_of_every_page_is_fuzzed(world, client):
    """Open every page of the permission table (as someone who may) and list
    the URLs its forms post to: each must be a target above."""
    fuzzed = {t.name for t in TARGETS}
    found = {}
    for name, (method, build, expected, *_rest) in MATRIX.items():
        if method == "post":
            found.setdefault(name, "the permission table")
            continue
        if name.endswith(("_pdf", "_export")):
            continue
        persona = next((p for p in OPENERS if expected.get(p) == 200), None)
        if persona is None:
            continue
        sign_in(client, world, persona)
        path = build(world)
        response = client.get(path)
        if "html" not in response.get("Content-Type", ""):
            continue
        for form in post_forms(response.content.decode()):
            action = urlsplit(form.action).path or urlsplit(path).path
            found.setdefault(url_name(action), path)
    missing = {name: page for name, page in found.items() if name not in fuzzed}
    assert missing == {}, f"add these form targets to TARGETS: {missing}"


# === Readable cases ==================================================================


@pytest.fixture
def staff(world, client):
    from tests import factories

    client.force_login(factories.UserFactory(is_staff=True, is_superuser=True))
    return client


# --- Formsets ------------------------------------------------------------------------
# The portal's own pages have no formset (the property above tampers with any
# management form it finds, should one appear); the admin's inlines are the
# formsets of the project.


def _admin_pages_with_inlines(world):
    """(model, change page) of the admins with inlines, on an existing row:
    one page for each kind of inline."""
    from django.contrib import admin
    from django.core.mail import send_mail

    # The outgoing-mail queue (django-post_office) holds one message, with
    # its log: one is sent.
    send_mail("Subject", "Body", None, ["someone@example.org"])
    # Whoever may change anything: the read-only admins (the public face,
    # written only through the cities' services) show no formset to tamper with.
    request = SimpleNamespace(user=SimpleNamespace(has_perm=lambda *args: True))
    pages, seen = [], set()
    for model, model_admin in admin.site._registry.items():
        if not model_admin.has_change_permission(request):
            continue
        if not set(model_admin.inlines) - seen:
            continue
        seen.update(model_admin.inlines)
        obj = model._default_manager.order_by("pk").first()
        assert obj is not None, f"the world has no {model.__name__}"
        meta = model._meta
        url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
        pages.append((model, url))
    return pages


def _admin_form(client, url):
    html = client.get(url).content.decode()
    forms = [f for f in post_forms(html) if any("TOTAL_FORMS" in n for n in f.fields)]
    assert len(forms) == 1, url
    data = form_data(forms[0])
    prefixes = [
        n.removesuffix("-TOTAL_FORMS") for n in data if n.endswith("-TOTAL_FORMS")
    ]
    return data, prefixes


def _without_management_form(data, prefix):
    return {
        k: v
        for k, v in data.items()
        if not (k.startswith(f"{prefix}-") and k.endswith("_FORMS"))
    }


MANAGEMENT_TAMPERING = {
    "TOTAL_FORMS=100000": lambda d, p: {**d, f"{p}-TOTAL_FORMS": "100000"},
    "TOTAL_FORMS=abc": lambda d, p: {**d, f"{p}-TOTAL_FORMS": "abc"},
    "missing": _without_management_form,
    # Django reads these as "no form" and "every form was there before": the
    # page saves as it was and no inline row changes.
    "TOTAL_FORMS=-1": lambda d, p: {**d, f"{p}-TOTAL_FORMS": "-1"},
    "INITIAL_FORMS=100000": lambda d, p: {**d, f"{p}-INITIAL_FORMS": "100000"},
}
TOLERATED = {"TOTAL_FORMS=-1", "INITIAL_FORMS=100000"}


def _saved_as_is(parent, label):
    """A table a save of ``parent``'s page writes even with nothing changed."""
    name = label.split(".")[1]
    parent = parent._meta.concrete_model
    return label in (parent._meta.label, "admin.LogEntry") or name.startswith(
        "Historical"
    )


def test_a_tampered_management_form_writes_no_inline_row(world, staff, monkeypatch):
    """Every kind of admin inline, each kind of tampering."""
    from django.forms import formsets

    # Django caps a formset at 1,000 forms above its maximum: the 2,000 forms
    # of TOTAL_FORMS=100000 take the admin 6 to 30 seconds a page to build,
    # check and show again. A lower cap takes the same path in a blink.
    monkeypatch.setattr(formsets, "DEFAULT_MAX_NUM", 10)
    pages = _admin_pages_with_inlines(world)
    assert len(pages) >= 8
    for parent, url in pages:
        data, prefixes = _admin_form(staff, url)
        assert prefixes, url
        for prefix in prefixes:
            for tampering, tamper in MANAGEMENT_TAMPERING.items():
                where = (url, prefix, tampering)
                response, changed = post(staff, url, tamper(data, prefix))
                if tampering in TOLERATED:
                    assert response.status_code in (200, 302), where
                    assert all(_saved_as_is(parent, t) for t in changed), where
                    continue
                assert response.status_code == 200, where
                assert "errornote" in response.content.decode(), where
                assert changed == [], where


def test_the_admin_form_as_shown_saves(world, staff):
    """The control: the same pages, untampered, do save."""
    for _parent, url in _admin_pages_with_inlines(world):
        data, _prefixes = _admin_form(staff, url)
        response = staff.post(url, data)
        assert response.status_code == 302, (url, forms_with_errors(response))


def test_an_inline_row_of_another_scheme_is_not_taken_over(world, staff):
    """An agenda item of the other scheme's visit, posted as one of this
    visit's inline rows: Django finds no such row of this visit and leaves
    the other one alone."""
    from schemes.models import AgendaItem

    other_scheme_things(world)
    visit = world.scheme.visits.first()
    theirs = AgendaItem.objects.filter(visit__scheme=world.other_scheme).first()
    before = list(AgendaItem.objects.order_by("pk").values())
    url = reverse("admin:schemes_visit_change", args=[visit.pk])
    data, _prefixes = _admin_form(staff, url)
    data["agenda_items-0-id"] = str(theirs.pk)
    data["agenda_items-0-text"] = "Taken over"
    response, changed = post(staff, url, data)
    assert response.status_code in (200, 302)
    assert "schemes.AgendaItem" not in changed
    assert list(AgendaItem.objects.order_by("pk").values()) == before


# --- Another scheme's ids ------------------------------------------------------------


def _others(world):
    from schemes.models import ActionPlanRow, SupportGroupMember

    other_scheme_things(world)
    return {
        "row": ActionPlanRow.objects.get(plan__scheme=world.other_scheme),
        "visit": world.other_scheme.visits.first(),
        "member": SupportGroupMember.objects.get(scheme=world.other_scheme),
    }


IN_THE_ADDRESS = [
    ("schemes:action_plan_row_edit", ["row"], {"action": "Taken over"}),
    ("schemes:action_plan_row_delete", ["row"], {}),
    ("schemes:action_plan_row_move", ["row", "up"], {}),
    ("schemes:action_plan_row_status", ["row"], {"status": "done"}),
    ("schemes:action_plan_row_note", ["row"], {"date": "2025-01-01", "text": "x"}),
    ("schemes:visit_edit", ["visit"], {"purpose": "Taken over"}),
    ("schemes:visit_delete", ["visit"], {}),
    ("schemes:visit_move", ["visit", "up"], {}),
    ("schemes:support_group_member_edit", ["jelgava", "member"], {"name": "x"}),
    ("schemes:support_group_member_delete", ["jelgava", "member"], {}),
]


def test_another_schemes_object_in_the_address_is_not_found(world, client_for):
    """The mentee's own scheme in the address, the other scheme's object after it."""
    others = _others(world)
    client = client_for("mentee")
    for name, args, data in IN_THE_ADDRESS:
        args = [others[a].pk if a in others else a for a in args]
        url = reverse(name, args=[world.scheme.pk, *args])
        response, changed = post(client, url, data)
        assert response.status_code == 404, url
        assert changed == [], url


def test_another_schemes_document_cannot_be_acted_on(world, client_for):
    other_scheme_things(world)
    theirs = world.other_scheme.needs_analysis
    for action in ("submit", "approve", "return"):
        url = reverse(
            "schemes:document_action", args=["needs-analysis", theirs.pk, action]
        )
        response, changed = post(client_for("mentee"), url, {"comment": "x"})
        assert response.status_code == 404 and changed == []


def test_another_schemes_ids_in_a_form_are_refused(world, client_for):
    """Choices of the other scheme (visits, members, key factors of another
    benchmark) are not choices here."""
    from benchmarks.models import KeyFactor

    others = _others(world)
    client = client_for("mentee")
    foreign_factor = KeyFactor.objects.exclude(benchmark=world.benchmark).first()
    visit = world.scheme.visits.first()
    cases = [
        (
            reverse(
                "schemes:action_plan_row_edit", args=[world.scheme.pk, world.row.pk]
            ),
            {"added_at_visit": others["visit"].pk},
            "added_at_visit",
        ),
        (
            reverse(
                "schemes:action_plan_row_edit", args=[world.scheme.pk, world.row.pk]
            ),
            {"key_factor": foreign_factor.pk},
            "key_factor",
        ),
        (
            reverse("schemes:visit_edit", args=[world.scheme.pk, visit.pk]),
            {"support": [world.member.pk, others["member"].pk]},
            "support",
        ),
        (
            reverse(
                "schemes:support_group_member_edit",
                args=[world.scheme.pk, "jelgava", world.member.pk],
            ),
            {"visits_attended": [visit.pk, others["visit"].pk]},
            "visits_attended",
        ),
    ]
    for url, bad, field_name in cases:
        data = {**page_form_data(client, url), **bad}
        response, changed = post(client, url, data)
        assert response.status_code == 200 and changed == [], url
        (form,) = forms_with_errors(response)
        assert field_name in form.errors, (url, form.errors)


def test_another_assessments_ratings_cannot_be_posted_in(world, client_for):
    """The form's fields are the assessment's own: the other scheme's
    assessment of the same benchmark keeps its ratings."""
    from schemes.models import Rating
    from schemes.work.services import self_assessments as assessment_services

    theirs = assessment_services.self_assessment_start(
        scheme=world.other_scheme,
        city=world.other_scheme.mentee_city,
        round="baseline",
        by=world.users["other_scheme"],
    )
    their_ratings = list(Rating.objects.filter(assessment=theirs).values())
    client = client_for("mentee")
    url = reverse("schemes:assessment_edit", args=[world.assessment.pk])
    data = page_form_data(client, url)
    for rating in theirs.ratings.all():
        data[f"level_{rating.pk}"] = "3"
        data[f"rating_{rating.pk}"] = "3"
    client.post(url, {**data, "save": "1"})
    assert list(Rating.objects.filter(assessment=theirs).values()) == their_ratings


def test_matching_creates_all_the_ticked_schemes_or_none(world, client_for):
    """A second pair naming a city outside the programme: the first pair's
    scheme is not created either."""
    from schemes.models import Scheme

    a_mentee_without_scheme(world)
    pairs = [
        f"ventspils|{world.mentor_city.slug}|{world.benchmark.slug}",
        f"ventspils|{world.other_city.slug}|{world.benchmark.slug}",
    ]
    count = Scheme.objects.count()
    response, changed = post(
        client_for("coordinator"),
        reverse("schemes:matching_all", args=[world.programme.slug]),
        {"pair": pairs},
    )
    assert response.status_code == 404
    assert changed == [] and Scheme.objects.count() == count


# --- Locked documents ---------------------------------------------------------------


def _approve_needs(world):
    submitted_needs(world)
    services.document_approve(
        document=world.scheme.needs_analysis, by=world.users["coordinator"]
    )


def _submit_practice(world):
    practice = world.draft_practice
    _complete(practice, world.users["mentor"])
    services.document_submit(document=practice, by=world.users["mentor"])


def _submit_assessment(world):
    from schemes.work.services import self_assessments as assessment_services

    for rating in world.assessment.ratings.all():
        rating.level = 2
        rating.save()
    assessment_services.self_assessment_submit(
        assessment=world.assessment, by=world.users["mentee"]
    )


LOCKED = {
    "approved needs analysis": (
        _approve_needs,
        "mentee",
        lambda w: reverse("schemes:needs_analysis_edit", args=[w.scheme.pk, "B"]),
        {"na_b1": "Changed after approval"},
    ),
    "submitted good practice": (
        _submit_practice,
        "mentor",
        lambda w: reverse("schemes:good_practice_edit", args=[w.draft_practice.pk]),
        {"title": "Changed after submitting"},
    ),
    "criteria of a submitted good practice": (
        _submit_practice,
        "mentor",
        lambda w: reverse("schemes:good_practice_criteria", args=[w.draft_practice.pk]),
        {},
    ),
    "submitted self-assessment": (
        _submit_assessment,
        "mentee",
        lambda w: reverse("schemes:assessment_edit", args=[w.assessment.pk]),
        {"save": "1"},
    ),
    "submitted review report": (
        submitted_review_report,
        "mentee",
        lambda w: reverse("schemes:review_report_edit", args=[w.scheme.pk]),
        {"strengths": "Changed after submitting"},
    ),
    "row of a submitted plan": (
        submitted_plan,
        "mentee",
        lambda w: reverse("schemes:action_plan_row_edit", args=[w.scheme.pk, w.row.pk]),
        {"action": "Changed after submitting"},
    ),
    "new row in a submitted plan": (
        submitted_plan,
        "mentee",
        lambda w: reverse("schemes:action_plan_row_add", args=[w.scheme.pk]),
        {"action": "Added after submitting"},
    ),
    "row removed from an approved plan": (
        approved_plan,
        "mentee",
        lambda w: reverse(
            "schemes:action_plan_row_delete", args=[w.scheme.pk, w.row.pk]
        ),
        {},
    ),
    "row moved in an approved plan": (
        approved_plan,
        "mentee",
        lambda w: reverse(
            "schemes:action_plan_row_move", args=[w.scheme.pk, w.row.pk, "down"]
        ),
        {},
    ),
}


@pytest.mark.parametrize("case", LOCKED)
def test_a_submitted_or_approved_document_cannot_be_edited(world, client_for, case):
    lock, persona, build, data = LOCKED[case]
    lock(world)
    client = client_for(persona)
    response, changed = post(client, build(world), data)
    assert changed == []
    if response.status_code == 302:
        # Its authors are sent back to it, told why.
        shown = [str(m) for m in get_messages(response.wsgi_request)]
        assert any("read-only" in m or "no longer be edited" in m for m in shown)
    else:
        assert response.status_code == 403


# --- NUL bytes and over-long text -----------------------------------------------------


# What, by whom, where, which field.
TEXT_FIELDS = [
    ("needs analysis", "mentee", _needs_edit, "challenges"),
    ("action plan row", "mentee", _row_edit, "leads"),
    ("visit", "mentor", _visit_edit, "place"),
    ("support group member", "mentee", _member_edit, "name"),
    ("good practice", "mentor", _practice_edit, "title"),
    ("scope", "mentor", _scheme_url("schemes:scope_edit"), "questions"),
    ("review report", "mentee", _started_edit("review_report"), "strengths"),
    ("strategy", "mentee", _started_edit("strategy"), "monitoring"),
    ("programme", "coordinator", _programme_create, "name_en"),
    ("programme, Latvian name", "coordinator", _programme_create, "name_lv"),
    ("invitation", "coordinator", _invitation_create, "full_name"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("what", "persona", "build", "field_name"),
    TEXT_FIELDS,
    ids=[t[0] for t in TEXT_FIELDS],
)
@pytest.mark.parametrize("bad", ["nul", "too long"])
def test_a_nul_byte_or_too_much_text_is_a_form_error(
    world, client_for, what, persona, build, field_name, bad
):
    client = client_for(persona)
    url = build(world)
    max_length = form_field(client.get(url), field_name).max_length
    value = "a\x00b" if bad == "nul" else "x" * (max_length + 1)
    data = {**page_form_data(client, url), field_name: value}
    response, changed = post(client, url, data)
    assert response.status_code == 200 and changed == [], what
    errors = forms_with_errors(response)[0].errors[field_name]
    expected = "null character" if bad == "nul" else "at most"
    assert any(expected in e for e in errors), errors


# --- <script> is text, on the page and in the PDF ------------------------------------

SCRIPT = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


def _pdf_text(response):
    """The PDF's text without white space (table cells wrap their lines)."""
    from pypdf import PdfReader

    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return "".join("".join(p.extract_text().split()) for p in reader.pages)


def test_script_is_shown_as_text_on_every_page_and_in_the_pdfs(world, client_for):
    """Typed into the forms as people do, shown back as the characters typed."""
    kf = world.benchmark.key_factors.first()
    typed = [
        ("mentee", _needs_edit, {"challenges": SCRIPT}),
        ("mentee", _row_edit, {"action": SCRIPT}),
        ("mentee", _visit_edit, {"notes": SCRIPT, "agenda": SCRIPT}),
        ("mentee", _member_edit, {"name": SCRIPT}),
        ("mentee", _assessment_edit, {f"note_{kf.pk}": SCRIPT, "save": "1"}),
        (
            "mentor",
            _practice_edit,
            {"title": SCRIPT + " café", "lead_agencies": SCRIPT},
        ),
        ("mentor", _profile_edit, {"experience_areas": SCRIPT}),
    ]
    for persona, build, values in typed:
        client, url = client_for(persona), build(world)
        response = client.post(url, {**page_form_data(client, url), **values})
        assert response.status_code == 302, (url, forms_with_errors(response))

    scheme, programme, city = world.scheme.pk, world.programme.slug, "schaerbeek"
    read = {
        "mentee": [
            reverse("schemes:needs_analysis", args=[scheme]),
            reverse("schemes:action_plan", args=[scheme]),
            world.scheme.visits.first().get_absolute_url(),
            reverse("schemes:support_group", args=[scheme, "jelgava"]),
            world.assessment.get_absolute_url(),
        ],
        "mentor": [
            world.draft_practice.get_absolute_url(),
            reverse("schemes:mentor_profile", args=[programme, city]),
        ],
    }
    for persona, pages in read.items():
        client = client_for(persona)
        for page in pages:
            shown = client.get(page).content.decode()
            assert ESCAPED in shown and SCRIPT not in shown, page

    mentee = client_for("mentee")
    dossier = _pdf_text(
        mentee.get(reverse("schemes:scheme_dossier_pdf", args=[scheme]))
    )
    # The needs analysis, the visit's agenda and notes, the plan.
    assert dossier.count(SCRIPT) == 4, dossier
    pdf = reverse("schemes:assessment_pdf", args=[world.assessment.pk])
    assert SCRIPT in _pdf_text(mentee.get(pdf))
    mentor = client_for("mentor")
    for pdf in (
        reverse("schemes:good_practice_pdf", args=[world.draft_practice.pk]),
        reverse("schemes:mentor_profile_pdf", args=[programme, city]),
    ):
        assert SCRIPT in _pdf_text(mentor.get(pdf)), pdf


# --- Import files -------------------------------------------------------------------


def _import_urls(world):
    return {
        "key factors": reverse("benchmarks:benchmark_import"),
        "programme people": reverse(
            "schemes:data_import", args=[world.programme.slug, "people"]
        ),
    }


def _xlsx(rows):
    import openpyxl

    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _zip_without_workbook():
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    return out.getvalue()


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 40

BAD_FILES = {
    # name: (content, format, what the page says)
    "a picture as CSV": (PNG, "csv", "not UTF-8"),
    "NUL bytes in CSV": (b"a,b\n1,\x002\n", "csv", "null characters"),
    "a picture as XLSX": (PNG, "xlsx", "cannot be read as an Excel workbook"),
    "a zip that is no workbook": (_zip_without_workbook(), "xlsx", "cannot be read"),
    "an empty workbook": (_xlsx([]), "xlsx", "empty"),
    "a workbook of blank rows": (_xlsx([[None, None], ["", ""]]), "xlsx", "empty"),
    "CSV with ragged rows": (b"a,b,c\n1,2\n", "csv", "Line 2 has 2 cells"),
    "a workbook sent as JSON": (_xlsx([["a"], [1]]), "json", "not valid JSON"),
    "JSON with a list of lists": (b"[[1, 2]]", "json", "list of objects"),
    "JSON that is a number": (b"42", "json", "list of objects"),
}


@pytest.mark.parametrize("which", ["key factors", "programme people"])
def test_a_bad_import_file_gets_a_clear_message_and_writes_nothing(
    world, client_for, which
):
    client = client_for("coordinator")
    for bad, (content, file_format, message) in BAD_FILES.items():
        if which == "programme people" and file_format == "json":
            message = "Choose the file's format: CSV, XLSX."  # no JSON there
        response, changed = post(
            client,
            _import_urls(world)[which],
            {"import_file": SimpleUploadedFile("data", content), "format": file_format},
        )
        assert response.status_code == 400, bad
        assert message in html.unescape(response.content.decode()), bad
        assert changed == [], bad
        pending = ("benchmark_import", f"programme_import_{world.programme.pk}_people")
        assert not any(key in client.session for key in pending), bad
