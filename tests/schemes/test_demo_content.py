"""The demo looks like the real thing (issue 22, point 17): what it marks
approved is complete, every scheme has content, and its dates follow each
other. Relations between dates are checked, never today's date."""

import pytest
from django.core.management import call_command
from post_office.models import Email

from incluportal.documents import kinds
from schemes.models import ActionPlan, GoodPractice, NeedsAnalysis, Scheme, Visit

pytestmark = pytest.mark.django_db

JELGAVA = "jelgava-schaerbeek"  # the journeys write its documents themselves


@pytest.fixture
def demo():
    call_command("load_demo")


def _approved():
    """Every approved document whose kind counts its answers."""
    for kind in kinds():
        if hasattr(kind.model, "completeness"):
            yield from kind.model.objects.filter(status="approved")


def test_every_approved_document_answers_every_required_question(demo):
    approved = list(_approved())
    assert len(approved) >= 10
    for document in approved:
        answered, required = document.completeness()
        assert answered == required, (document, answered, required)


def test_an_approved_action_plan_is_complete_and_decided_after_its_version(demo):
    plans = ActionPlan.objects.filter(status="approved")
    assert plans.exists()
    for plan in plans:
        rows = list(plan.rows.all())
        assert rows and all(
            r.action and r.leads and r.start and r.end and r.start <= r.end
            for r in rows
        )
        version = plan.versions.get(number=plan.version, status="approved")
        last_visit = plan.scheme.visits.exclude(end_date=None).order_by("-order")[0]
        # Consolidated at the last visit, sent to the council, decided after.
        assert last_visit.end_date < version.frozen_at.date() <= version.decision_date
        assert version.decision_reference
        assert version.decision_date <= min(r.start for r in rows)
        # Its PDF dates the plan by its last save: not after the decision.
        assert plan.updated_at.date() <= version.decision_date


def test_every_other_scheme_of_inclucities_has_real_content(demo):
    schemes = Scheme.objects.filter(programme__slug="inclucities").exclude(slug=JELGAVA)
    assert schemes.count() == 4
    for scheme in schemes:
        needs = scheme.needs_analysis
        assert needs.status == "approved", scheme
        assert len(needs.challenges) > 100 and needs.population
        visits = list(scheme.visits.order_by("order"))
        assert visits and all(v.start_date and v.place for v in visits), scheme
        # A visit held is reported: what it answered, what came of it, who came.
        for visit in visits:
            assert visit.questions_answered and visit.outcomes, visit
            assert visit.team_participants.exists(), visit


def test_schaerbeek_shares_the_benchmarks_good_practices(demo):
    practices = GoodPractice.objects.filter(
        city__slug="schaerbeek", status="approved", is_public=True
    )
    titles = set(practices.values_list("title", flat=True))
    assert "CAMIM — House of Immersion" in titles
    assert any("Brulingua" in title for title in titles)
    assert all(p.key_factors.exists() and p.themes.exists() for p in practices)


def test_the_dates_of_the_demo_follow_each_other(demo):
    for needs in NeedsAnalysis.objects.exclude(submitted_at=None):
        scheme = needs.scheme
        assert needs.submitted_at <= needs.reviewed_at
        assert scheme.start_date <= needs.submitted_at.date()
        visits = list(
            Visit.objects.filter(scheme=scheme)
            .exclude(start_date=None)
            .order_by("order")
        )
        # The needs analysis comes first, then the visits one after another,
        # all within the scheme's period.
        previous_end = needs.reviewed_at.date()
        for visit in visits:
            assert previous_end < visit.start_date <= visit.end_date, visit
            previous_end = visit.end_date
        assert scheme.end_date is None or previous_end <= scheme.end_date
    for practice in GoodPractice.objects.filter(status="approved"):
        assert practice.submitted_at <= practice.reviewed_at
        assert practice.start_year <= practice.reviewed_at.year


def test_loading_the_demo_again_changes_nothing_and_sends_nothing(demo):
    before = (GoodPractice.objects.count(), Visit.objects.count())
    dates = list(NeedsAnalysis.objects.values_list("pk", "reviewed_at"))
    call_command("load_demo")
    assert (GoodPractice.objects.count(), Visit.objects.count()) == before
    assert list(NeedsAnalysis.objects.values_list("pk", "reviewed_at")) == dates
    assert not Email.objects.exists()
