"""The processes the portal ships, declared once as data.

A programme starts from one (``Programme.process``): its phases are copied
to the programme (``schemes.coordination.processes.programme_process_apply``)
and its coordinators adapt them. Each phase: its name (English, stored so
and shown in each reader's language until a coordinator renames the phase:
``SHIPPED_PHASE_NAMES``), how it is reached (a ``ProcessRule``) and its
deliverables, the keys of document kinds of the registry.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_noop

from incluportal.written import ShippedTexts
from schemes.network.models.processes import ProcessRule
from schemes.network.models.programmes import ProcessKind


@dataclass(frozen=True)
class ShippedPhase:
    name: str
    rule: str
    deliverables: tuple = ()


PROCESSES = {
    # The IncluCities mentoring method: its seven steps, each reached as the
    # scheme's documents show it (the training, marked by a coordinator).
    ProcessKind.INCLUCITIES: (
        ShippedPhase(
            gettext_noop("Needs analysis"),
            ProcessRule.NEEDS_ANALYSIS,
            ("needs-analysis",),
        ),
        ShippedPhase(gettext_noop("Matching"), ProcessRule.MATCHING),
        ShippedPhase(gettext_noop("Training"), ProcessRule.TRAINING),
        ShippedPhase(gettext_noop("Mentoring visits"), ProcessRule.VISITS, ("visit",)),
        ShippedPhase(
            gettext_noop("Action plan"), ProcessRule.ACTION_PLAN, ("action-plan",)
        ),
        ShippedPhase(gettext_noop("Approval"), ProcessRule.APPROVAL),
        ShippedPhase(gettext_noop("Implementation"), ProcessRule.IMPLEMENTATION),
    ),
    # Seed 003's process: each city assessed with the technical partners,
    # ending in an intercultural review report; a participation phase ending
    # in a strategy; then the city implements it.
    ProcessKind.ASSESSMENT: (
        ShippedPhase(
            gettext_noop("Assessment"),
            ProcessRule.DELIVERABLES,
            ("review-report",),
        ),
        ShippedPhase(
            gettext_noop("Participation"),
            ProcessRule.DELIVERABLES,
            ("strategy",),
        ),
        ShippedPhase(gettext_noop("Implementation"), ProcessRule.MARKED),
    ),
    # The guide's community of practice: peer cities on one theme, no fixed
    # mentor; they agree its scope, learn from each other's visits and write
    # their own action plans.
    ProcessKind.COMMUNITY: (
        ShippedPhase(
            gettext_noop("Kick-off and scope"),
            ProcessRule.DELIVERABLES,
            ("scope",),
        ),
        ShippedPhase(gettext_noop("Peer exchanges"), ProcessRule.VISITS, ("visit",)),
        ShippedPhase(gettext_noop("Shared learning"), ProcessRule.MARKED),
        ShippedPhase(
            gettext_noop("Action plans"), ProcessRule.ACTION_PLAN, ("action-plan",)
        ),
        ShippedPhase(gettext_noop("Implementation"), ProcessRule.IMPLEMENTATION),
    ),
}

SHIPPED_PHASE_NAMES = ShippedTexts(
    [phase.name for phases in PROCESSES.values() for phase in phases]
)
