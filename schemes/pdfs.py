"""One small builder per PDF document. Each returns (pdf bytes, file name parts)
and shows the reader only what the pages would show them."""

import datetime

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from incluportal import dates
from incluportal.documents import kinds
from incluportal.pdf import html_to_pdf, prints_a_draft, render_html, render_pdf
from schemes import access, selectors
from schemes.models import MentorProfile, NationalContext, PlanStatus
from schemes.work import annexes
from schemes.work.progress import scheme_progress
from schemes.work.services.action_plans import snapshot


def _plan_period(rows, scheme):
    """The years the plan's actions span ("2024–2026"), else the scheme's."""
    days = [
        datetime.date.fromisoformat(value) if isinstance(value, str) else value
        for row in rows
        for value in (row.get("start"), row.get("end"))
        if value
    ] or [day for day in (scheme.start_date, scheme.end_date) if day]
    if not days:
        return ""
    first, last = min(days).year, max(days).year
    return str(first) if first == last else f"{first}–{last}"


def _plan_title(plan, data):
    """ "Action plan — Jelgava: Language-learning support, 2024–2025": the
    city, theme and period a council's agenda names it by. The theme is the
    scheme's, in the reader's language (a version does not freeze it)."""
    scheme = plan.scheme
    city = data.get("mentee_city") or scheme.mentee_city.name
    theme = scheme.theme.name if scheme.theme else ""
    period = _plan_period(data.get("rows", []), scheme)
    if theme and period:
        return _("Action plan — %(city)s: %(theme)s, %(period)s") % {
            "city": city,
            "theme": theme,
            "period": period,
        }
    if theme or period:
        return _("Action plan — %(city)s: %(subject)s") % {
            "city": city,
            "subject": theme or period,
        }
    return _("Action plan — %(city)s") % {"city": city}


def _plan_context(plan, version=None):
    if version is None:
        data = snapshot(plan)
        status = plan.get_status_display()
        number = plan.version
        date = plan.updated_at
        decision_date = decision_reference = None
        if plan.is_approved:
            approved = plan.versions.filter(status=PlanStatus.APPROVED).last()
            if approved:
                decision_date = approved.decision_date
                decision_reference = approved.decision_reference
    else:
        data = version.snapshot
        status = version.get_status_display()
        number = version.number
        date = version.frozen_at
        decision_date = version.decision_date
        decision_reference = version.decision_reference
    return {
        "snapshot": data,
        "columns": annexes.ACTION_PLAN_COLUMNS,
        "version_number": number,
        "status_label": status,
        "plan_date": date,
        # Marked as a draft on every page until the council has approved it.
        "draft": (version or plan).status != PlanStatus.APPROVED,
        "decision_date": decision_date,
        # As the rest of the document dates days, in the reader's language.
        "decision_day": dates.day(decision_date),
        "decision_reference": decision_reference,
        "plan_title": _plan_title(plan, data),
    }


def action_plan_html(plan, version=None):
    """The council-ready plan as HTML, and its version number."""
    context = _plan_context(plan, version)
    note = _("version %(number)s, %(date)s") % {
        "number": context["version_number"],
        # As the page above dates it, in the reader's language.
        "date": dates.day(context["plan_date"]),
    }
    html = render_html(
        "pdf/action_plan.html",
        {
            **context,
            "title": context["plan_title"],
            "footer_note": note,
        },
    )
    return html, context["version_number"]


def action_plan_pdf(plan, version=None):
    html, number = action_plan_html(plan, version)
    return html_to_pdf(html), [
        "action-plan",
        plan.scheme.mentee_city.slug,
        f"v{number}",
    ]


def _needs_context(user, scheme):
    needs = scheme.needs_analysis
    national = NationalContext.objects.filter(
        programme=scheme.programme, city=scheme.mentee_city
    ).first()
    parts = annexes.NEEDS_ANALYSIS.parts
    return {
        "scheme": scheme,
        "template": annexes.NEEDS_ANALYSIS,
        "needs_sections": [
            selectors.part_section(user=user, document=doc, part=part)
            for doc, part in (
                (needs, parts[0]),
                (needs, parts[1]),
                (national, parts[2]),
            )
        ],
    }


def needs_analysis_pdf(user, scheme):
    context = _needs_context(user, scheme)
    pdf = render_pdf(
        "pdf/document.html",
        {
            **context,
            "body_template": "pdf/_needs_analysis_body.html",
            "title": f"{_('Needs analysis')} — {scheme.mentee_city.name}",
        },
    )
    return pdf, ["needs-analysis", scheme.mentee_city.slug]


def _mentor_context(user, programme, city):
    profile = MentorProfile.objects.filter(programme=programme, city=city).first()
    national = NationalContext.objects.filter(programme=programme, city=city).first()
    parts = annexes.MENTOR_PROFILE.parts
    readable = profile is not None and access.can_read(user, profile)
    return {
        "city": city,
        "mentor_template": annexes.MENTOR_PROFILE,
        "mentor_sections": [
            selectors.part_section(user=user, document=doc, part=part)
            for doc, part in (
                (profile, parts[0]),
                (profile, parts[1]),
                (national, parts[2]),
            )
        ],
        "mentor_readable": readable,
        "key_factors": profile.key_factors.select_related("benchmark")
        if readable
        else [],
        "good_practices": profile.good_practices.visible_to(user) if readable else [],
    }


def mentor_profile_pdf(user, programme, city):
    pdf = render_pdf(
        "pdf/document.html",
        {
            **_mentor_context(user, programme, city),
            "body_template": "pdf/_mentor_profile_body.html",
            "title": f"{_('Mentor profile')} — {city.name}",
        },
    )
    return pdf, ["mentor-profile", city.slug]


def good_practice_pdf(practice):
    pdf = render_pdf(
        "pdf/document.html",
        {
            "practice": practice,
            "gp_part": annexes.GOOD_PRACTICE_PART,
            "criteria": practice.criteria.select_related("criteria_area"),
            "body_template": "pdf/_good_practice_body.html",
            "title": str(practice),
        },
    )
    return pdf, ["good-practice", practice.city.slug, str(practice)[:40]]


def visit_pdf(user, scheme, visit):
    pdf = render_pdf(
        "pdf/document.html",
        {
            "scheme": scheme,
            "visit": visit,
            "plan_readable": access.can_read_scheme_plan(user, scheme),
            "body_template": "pdf/_visit_body.html",
            "title": f"{_('Visit report')} — {scheme}",
        },
    )
    return pdf, ["visit", scheme.mentee_city.slug, visit.order]


def needs_analysis_dossier(user, scheme):
    """The dossier's needs analysis section (``DocumentKind.dossier``)."""
    return [{**_needs_context(user, scheme), "contents": _("Needs analysis")}]


def mentor_profile_dossier(user, scheme):
    """The dossier's mentor profile sections: each mentor city's (each
    peer's, in a community of practice)."""
    cities = scheme.profile_cities
    return [
        {
            **_mentor_context(user, scheme.programme, city),
            "contents": _("Mentor profile")
            if len(cities) == 1
            else _("Mentor profile: %(city)s") % {"city": city.name},
        }
        for city in cities
    ]


def visit_dossier(user, scheme):
    """A dossier section for each of the scheme's visits."""
    plan_readable = access.can_read_plan(user, scheme.action_plan)
    return [
        {
            "scheme": scheme,
            "visit": visit,
            "plan_readable": plan_readable,
            "contents": str(visit),
        }
        for visit in scheme.visits.select_related("host_city").prefetch_related(
            "agenda_items",
            "team_participants",
            "support_group_attendees",
            "added_actions",
        )
    ]


def action_plan_dossier(user, scheme):
    """The dossier's action plan section: its working version, if the
    reader may read it."""
    plan = scheme.action_plan
    return [
        {
            **_plan_context(plan),
            "plan_readable": access.can_read_plan(user, plan),
            "contents": _("Action plan"),
        }
    ]


def scheme_dossier_pdf(user, scheme):
    """Every kind's sections of the scheme (``DocumentKind.dossier``), in
    the registry's order, each read as its own page or PDF would be."""
    sections = [
        {
            "contents": context["contents"],
            "html": render_to_string(kind.dossier.template, context),
            # Its pages marked as a draft's, as its own PDF's would be.
            "draft": prints_a_draft(context),
        }
        for kind in kinds()
        if kind.dossier is not None
        for context in kind.dossier.contexts(user, scheme)
    ]
    today = timezone.localdate()
    pdf = render_pdf(
        "pdf/dossier.html",
        {
            "scheme": scheme,
            "sections": sections,
            "progress": scheme_progress(scheme, today=today),
            "printed_on": dates.day(today),
            "title": f"{_('Scheme dossier')} — {scheme}",
        },
    )
    return pdf, ["dossier", scheme.slug]
