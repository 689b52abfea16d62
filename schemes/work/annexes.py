"""The annex templates of the IncluCities method, declared once.

Each template is a tuple of parts, each part a tuple of fields in the
template's order, with the template's question as label and its guidance as
help text. Everything else reads these declarations: the model columns
(``model_fields``), the forms, the read-only pages, the PDFs and the tests
that compare them with the guide's questions
(``tests/schemes/data/annex_questions.csv``). Changing a question here
changes it everywhere.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class FieldKind:
    TEXT = "text"  # long free text
    SHORT = "short"  # one line
    INTEGER = "integer"  # a whole number, with an optional note beside it
    MONEY = "money"  # an amount with its currency
    TICKLIST = "ticklist"  # choices from a list, plus free text
    URLS = "urls"  # links, one per line


class SensitiveIssue(models.TextChoices):
    """The tick list of LC-6 and NC-6."""

    IMMIGRANT_WORK = (
        "immigrant_work",
        _("Sensitive issues in the city's work with immigrant residents"),
    )
    PUBLIC_ATTITUDES = "public_attitudes", _("Public attitudes")
    AGENCY_COMPETITION = (
        "agency_competition",
        _("Competition between agencies that may threaten cooperation"),
    )
    FUNDING = "funding", _("Funding and budget issues")
    CITY_POWERS = "city_powers", _("Powers of the city administration")
    LEGISLATION = "legislation", _("Legislation affecting your work now or in future")
    OTHER = "other", _("Other (please explain)")


MAX_COUNT = 100_000_000  # more people than any city has

CURRENCIES = [
    ("EUR", "EUR"),
    ("BGN", "BGN"),
    ("CHF", "CHF"),
    ("CZK", "CZK"),
    ("DKK", "DKK"),
    ("GBP", "GBP"),
    ("HUF", "HUF"),
    ("ISK", "ISK"),
    ("NOK", "NOK"),
    ("PLN", "PLN"),
    ("RON", "RON"),
    ("SEK", "SEK"),
]


@dataclass(frozen=True)
class AnnexField:
    id: str
    label: str
    help_text: str = ""
    kind: str = FieldKind.TEXT
    required: bool = True
    note_label: str = ""  # INTEGER: the label of the note beside the number
    # The model attribute, named for what the answer holds ("links"); the
    # template id stays the field's reference in forms, pages and tests.
    name: str = field(kw_only=True)

    @property
    def legacy_name(self):
        """The attribute's name before the answers were named, derived from
        the id ("NA-A10a" -> "na_a10a"): files written then name it so."""
        return self.id.lower().replace("-", "_")

    @property
    def suffixes(self):
        """What the attributes after the first add to the name."""
        return {
            FieldKind.INTEGER: ["_note"],
            FieldKind.MONEY: ["_currency"],
            FieldKind.TICKLIST: ["_text"],
        }.get(self.kind, [])

    @property
    def names(self):
        """Every model attribute the field is stored in."""
        return [self.name] + [self.name + suffix for suffix in self.suffixes]

    @property
    def legacy_names(self):
        """{name before: name now} for every attribute of the field."""
        return {
            self.legacy_name + suffix: self.name + suffix
            for suffix in ["", *self.suffixes]
        }

    def column_header(self):
        """The spreadsheet column of the answer, in the active language:
        "GP-12 More information"."""
        return f"{self.id} {self.label}"

    def is_answered(self, obj):
        value = getattr(obj, self.name)
        if self.kind == FieldKind.TICKLIST:
            return bool(value) or bool(getattr(obj, self.name + "_text"))
        return value not in (None, "", [])

    def model_fields(self):
        """{attribute: Django model field} for this template field."""
        label = self.label
        if self.kind == FieldKind.INTEGER:
            return {
                self.name: models.PositiveIntegerField(
                    label,
                    null=True,
                    blank=True,
                    help_text=self.help_text,
                    validators=[
                        MaxValueValidator(
                            MAX_COUNT,
                            message=_("Enter a number no larger than 100,000,000."),
                        )
                    ],
                ),
                self.name + "_note": models.CharField(
                    self.note_label or _("note"), max_length=300, blank=True
                ),
            }
        if self.kind == FieldKind.MONEY:
            return {
                self.name: models.DecimalField(
                    label,
                    max_digits=15,
                    decimal_places=2,
                    null=True,
                    blank=True,
                    validators=[MinValueValidator(Decimal(0))],
                    help_text=self.help_text,
                ),
                self.name + "_currency": models.CharField(
                    _("currency"), max_length=3, choices=CURRENCIES, default="EUR"
                ),
            }
        if self.kind == FieldKind.TICKLIST:
            return {
                self.name: models.JSONField(
                    label, default=list, blank=True, help_text=self.help_text
                ),
                self.name + "_text": models.TextField(
                    _("explanation"), blank=True, max_length=10_000
                ),
            }
        if self.kind == FieldKind.SHORT:
            return {
                self.name: models.CharField(
                    label, max_length=300, blank=True, help_text=self.help_text
                )
            }
        return {
            self.name: models.TextField(
                label, blank=True, max_length=10_000, help_text=self.help_text
            )
        }


@dataclass(frozen=True)
class Part:
    key: str  # "A", "B", "C"
    title: str
    fields: tuple
    owner: str  # who writes it, e.g. "mentee_city"
    intro: str = ""

    @property
    def ids(self):
        return [f.id for f in self.fields]

    def model_fields(self):
        columns = {}
        for f in self.fields:
            columns.update(f.model_fields())
        return columns

    def field_names(self):
        return [name for f in self.fields for name in f.names]

    def completeness(self, obj):
        """(answered, required) over the part's required fields."""
        required = [f for f in self.fields if f.required]
        return sum(1 for f in required if f.is_answered(obj)), len(required)


@dataclass(frozen=True)
class Template:
    key: str
    title: str
    purpose: str
    parts: tuple = field(default_factory=tuple)

    @property
    def ids(self):
        return [i for part in self.parts for i in part.ids]


# --- Annex 2, Part A ---------------------------------------------------------
NEEDS_PART_A = Part(
    key="A",
    title=_("Mentee city: needs analysis in the local and national context"),
    owner="mentee_city",
    fields=(
        AnnexField(
            "NA-A1",
            _(
                "Which challenges/problems/needs in integration policy would you "
                "like to address within this project?"
            ),
            _("Please be as specific as possible."),
            name="challenges",
        ),
        AnnexField(
            "NA-A2",
            _(
                "Are there cross-cutting topics you would like to address besides "
                "the main theme?"
            ),
            _("For example communication, evaluation, participation."),
            required=False,
            name="cross_cutting_topics",
        ),
        AnnexField(
            "NA-A3",
            _("Why do you want to address this need?"),
            _(
                "For example evidence from immigrants, the wider public, researchers "
                "or city staff about a gap or a failing policy."
            ),
            name="reasons",
        ),
        AnnexField(
            "NA-A4",
            _(
                "What do you think you could learn from other cities to address this "
                "problem?"
            ),
            name="lessons_sought",
        ),
        AnnexField(
            "NA-A5",
            _(
                "What impact/result would you like to see in your city (or region) "
                "from the mentoring process?"
            ),
            name="desired_impact",
        ),
        AnnexField(
            "NA-A6",
            _(
                "Who are the main actors outside your unit you must work with to "
                "address the problem?"
            ),
            _(
                "For example other council units, other levels of government, "
                "private actors, civil society, migrant groups."
            ),
            name="main_actors",
        ),
        AnnexField(
            "NA-A7",
            _(
                "Are there problems in working with these actors? Do any "
                "relationships need strengthening?"
            ),
            name="actor_relations",
        ),
        AnnexField(
            "NA-A8",
            _("Which existing resources/strengths can you use to address the problem?"),
            name="existing_strengths",
        ),
        AnnexField(
            "NA-A9",
            _("What are the biggest obstacles for your city in addressing it?"),
            _("For example funding, knowledge, political commitment, cooperation."),
            name="obstacles",
        ),
        AnnexField(
            "NA-A10a",
            _(
                "Who needs to be involved in developing the action plan so that it "
                "is implemented?"
            ),
            name="plan_developers",
        ),
        AnnexField(
            "NA-A10b",
            _(
                "Who needs to be involved in approving the action plan so that it "
                "is implemented?"
            ),
            name="plan_approvers",
        ),
        AnnexField(
            "NA-A11",
            _("How can mentoring help your project besides knowledge exchange?"),
            _(
                "For example more visibility for your work locally, or political "
                "support for it."
            ),
            required=False,
            name="mentoring_benefits",
        ),
    ),
)

# --- Local context: Annex 2 Part B and Annex 3 Part B (one definition) --------
LOCAL_CONTEXT_FIELDS = (
    AnnexField(
        "LC-1",
        _(
            "How has migration to your city developed in recent years? What have "
            "been the main trends and problems?"
        ),
        name="migration_trends",
    ),
    AnnexField(
        "LC-2a",
        _("Number of inhabitants in your city"),
        kind=FieldKind.INTEGER,
        note_label=_("Source and year"),
        name="population",
    ),
    AnnexField(
        "LC-2b",
        _(
            "Number of people with a migrant background / foreign-born / "
            "non-nationals in your city"
        ),
        _("Say which definition the number uses."),
        kind=FieldKind.INTEGER,
        note_label=_("Definition used"),
        name="migrant_population",
    ),
    AnnexField(
        "LC-2c",
        _("Main nationalities and status groups in the city"),
        _("For example refugees, asylum seekers, economic migrants."),
        name="nationalities",
    ),
    AnnexField(
        "LC-3a",
        _("What is the approximate annual municipal budget of your city?"),
        kind=FieldKind.MONEY,
        name="municipal_budget",
    ),
    AnnexField(
        "LC-3b",
        _(
            "What share (or actual amount) goes to integration work and services "
            "for migrants/refugees?"
        ),
        _("If you know it."),
        required=False,
        name="integration_budget",
    ),
    AnnexField(
        "LC-4a",
        _("Main content of your city's integration concept/strategy"),
        _("If there is one."),
        required=False,
        name="integration_strategy",
    ),
    AnnexField(
        "LC-4b",
        _("Relevant sectoral policies"),
        required=False,
        name="sectoral_policies",
    ),
    AnnexField(
        "LC-4c",
        _("Institutions funded or supported by the municipality"),
        required=False,
        name="funded_institutions",
    ),
    AnnexField(
        "LC-4d",
        _("Main NGO networks or organisations"),
        required=False,
        name="ngo_networks",
    ),
    AnnexField(
        "LC-4e",
        _("Formal relations between the city and immigrant NGOs"),
        _("For example an advisory body, migrant NGOs as service providers."),
        required=False,
        name="ngo_relations",
    ),
    AnnexField(
        "LC-4f", _("Main migrant groups"), required=False, name="migrant_groups"
    ),
    AnnexField(
        "LC-5",
        _("Are there other important factors concerning your city?"),
        required=False,
        name="other_local_factors",
    ),
    AnnexField(
        "LC-6",
        _(
            "Are there particular problems, sensitive issues or local problems "
            "around migration that may concern this exchange?"
        ),
        _("Tick any that apply and explain."),
        kind=FieldKind.TICKLIST,
        required=False,
        name="local_sensitive_issues",
    ),
)
LOCAL_CONTEXT_INTRO = _(
    "Policy developments, initiatives and institutions in your city relevant to "
    "the theme are asked one by one."
)


def local_context_part(owner):
    return Part(
        key="B",
        title=_("Local context"),
        owner=owner,
        fields=LOCAL_CONTEXT_FIELDS,
        intro=LOCAL_CONTEXT_INTRO,
    )


# --- National context: Annex 2 Part C and Annex 3 Part C (one definition) -----
NATIONAL_CONTEXT_FIELDS = (
    AnnexField(
        "NC-1",
        _(
            "How typical is the city's political and migration context for the "
            "cities you represent? How does it differ from other cities?"
        ),
        _(
            "Think of replicating the results of the exchange; describe "
            "similarities and differences."
        ),
        name="typicality",
    ),
    AnnexField(
        "NC-2",
        _(
            "What are your association's relations (formal competences, formal and "
            "informal relations) with regional and national government in this "
            "policy area?"
        ),
        _("For example taking part in official consultation mechanisms."),
        name="government_relations",
    ),
    AnnexField(
        "NC-3",
        _(
            "How far do national (and, where relevant, regional) governments "
            "provide a supportive policy framework for local authorities in this "
            "policy area?"
        ),
        _(
            "For example through consultation, coordination, information "
            "exchange, capacity building, funding."
        ),
        name="policy_framework",
    ),
    AnnexField(
        "NC-4",
        _(
            "How far do local and national (and, where relevant, regional) "
            "governments share the same policy goals in this area?"
        ),
        name="shared_goals",
    ),
    AnnexField(
        "NC-5",
        _("Are there other important factors in your regional/national context?"),
        required=False,
        name="other_national_factors",
    ),
    AnnexField(
        "NC-6",
        _(
            "Are there particular national/regional problems or sensitive issues "
            "around migration that may matter in the mentoring process?"
        ),
        _("Tick any that apply and explain."),
        kind=FieldKind.TICKLIST,
        required=False,
        name="national_sensitive_issues",
    ),
    AnnexField(
        "NC-7",
        _(
            "What are your association's main activities to promote knowledge "
            "exchange between your member cities in the territory and, where "
            "relevant, beyond it?"
        ),
        name="exchange_activities",
    ),
)


def national_context_part(owner):
    return Part(
        key="C",
        title=_("National/regional context and role of the city association"),
        owner=owner,
        fields=NATIONAL_CONTEXT_FIELDS,
    )


NEEDS_ANALYSIS = Template(
    key="needs_analysis",
    title=_("Needs analysis"),
    purpose=_(
        "This needs analysis template helps to identify the needs of the mentee "
        "city and to match them with the context its association provides."
    ),
    parts=(
        NEEDS_PART_A,
        local_context_part("mentee_city"),
        national_context_part("mentee_association"),
    ),
)

# --- Annex 3 ------------------------------------------------------------------
MENTOR_PART_A = Part(
    key="A",
    title=_("Strengths and experience"),
    owner="mentor_city",
    fields=(
        AnnexField(
            "MP-A1",
            _(
                "In which policy areas does your city have particularly much "
                "experience?"
            ),
            _("Link the benchmark key factors your city is strong in below."),
            name="experience_areas",
        ),
        AnnexField(
            "MP-A2",
            _(
                "Which projects and policies in this area would you consider good "
                "practice that can and is worth replicating in other cities?"
            ),
            _("Explain why; link your good-practice records (Annex 4) below."),
            name="replicable_practices",
        ),
        AnnexField(
            "MP-A3",
            _(
                "Which other actors outside your unit would matter for your city "
                "in a mentor role?"
            ),
            _(
                "For example immigrant associations, employers' organisations, "
                "trade unions."
            ),
            name="mentor_actors",
        ),
    ),
)

MENTOR_PROFILE = Template(
    key="mentor_profile",
    title=_("Mentor city's strengths, experience and context"),
    purpose=_(
        "This template helps to identify the areas where the mentor city can offer "
        "support."
    ),
    parts=(
        MENTOR_PART_A,
        local_context_part("mentor_city"),
        national_context_part("mentor_association"),
    ),
)

# --- Annex 4 ------------------------------------------------------------------
GOOD_PRACTICE_PART = Part(
    key="GP",
    title=_("Good practice analysis"),
    owner="city",
    fields=(
        AnnexField(
            "GP-1", _("Name of the good practice"), kind=FieldKind.SHORT, name="title"
        ),
        AnnexField(
            "GP-2",
            _("Where is it? City / geographical area"),
            kind=FieldKind.SHORT,
            name="location",
        ),
        AnnexField("GP-3", _("Lead agencies: who leads it?"), name="lead_agencies"),
        AnnexField(
            "GP-4",
            pgettext_lazy("good practice", "Context and rationale"),
            _(
                "Why did it arise and which problem did it address? Who was it for "
                "(target group)? What did it hope to achieve?"
            ),
            name="rationale",
        ),
        AnnexField(
            "GP-5",
            pgettext_lazy("good practice", "Description"),
            _(
                "When did it start? What was already in place that helped "
                "(preconditions)? What were the main activities? Who did the work "
                "(institutions, partners)?"
            ),
            name="description",
        ),
        AnnexField(
            "GP-6",
            _("Resources needed (inputs)"),
            _("Funding, staff, volunteers, partners…"),
            name="resources_needed",
        ),
        AnnexField(
            "GP-7",
            _("Results (outputs, benefits)"),
            _(
                "Who benefited and how? What changed concretely for the target "
                "group? Was it evaluated or monitored, and with what results?"
            ),
            name="results",
        ),
        AnnexField(
            "GP-8",
            _("Success factors"),
            _("What must be done to implement it? What worked best?"),
            name="success_factors",
        ),
        AnnexField(
            "GP-9",
            _("Risks and challenges"),
            _(
                "What were the biggest challenges and how were they overcome? What "
                "are the biggest risks for such a practice?"
            ),
            name="risks",
        ),
        AnnexField(
            "GP-10",
            _("Transferability"),
            _("What is needed to make it possible in another city? Do's and don'ts."),
            name="transferability",
        ),
        AnnexField(
            "GP-11",
            _("Contact (person and position)"),
            kind=FieldKind.SHORT,
            required=False,
            name="contact",
        ),
        AnnexField(
            "GP-12",
            _("More information"),
            _("Websites, reports, videos: one link per line."),
            kind=FieldKind.URLS,
            required=False,
            name="links",
        ),
    ),
)

GOOD_PRACTICE = Template(
    key="good_practice",
    title=_("Good practice"),
    purpose=_(
        "A good practice is an initiative (policy, project, service, activity) that "
        "succeeded in one place and could be adapted elsewhere."
    ),
    parts=(GOOD_PRACTICE_PART,),
)

TEMPLATES = {t.key: t for t in (NEEDS_ANALYSIS, MENTOR_PROFILE, GOOD_PRACTICE)}

# {attribute name before the answers were named ("gp_12"): its name now
# ("links")}, over every template: files written before still import.
LEGACY_NAMES = {
    old: new
    for template in TEMPLATES.values()
    for part in template.parts
    for f in part.fields
    for old, new in f.legacy_names.items()
}

# --- Annex 6 ------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    number: int
    key: str  # the row attribute (timeline spans two dates)
    title: str  # the column heading of the template
    help_text: str


ACTION_PLAN_COLUMNS = (
    Column(
        1,
        "action",
        _("Actions"),
        _("What you will do to meet the identified needs"),
    ),
    Column(
        2,
        "results",
        _("Results"),
        _("Which results you expect from each action"),
    ),
    Column(3, "timeline", _("Timeline"), _("When will the actions take place?")),
    Column(4, "leads", _("Who leads?"), _("Who leads each action")),
    Column(
        5,
        "resources",
        _("Resources and partners"),
        _("Staff, partners, funding: what you will use"),
    ),
    Column(
        6,
        "success",
        _("Success evaluation"),
        _("What will show that we have succeeded?"),
    ),
)

ACTION_PLAN = Template(
    key="action_plan",
    title=_("Action plan"),
    purpose=_(
        "The mentee city's plan of actions, developed with its mentor and local "
        "support group, for approval by its council."
    ),
)

# The typical agenda of each default visit (chapter 5 of the guide).
VISIT_AGENDAS = (
    (
        _(
            "Summary by the mentee city and its association of the key issues from "
            "the needs analysis, with the questions the visit must answer"
        ),
        _(
            "Interviews and focus groups on possible actions and obstacles, including "
            "with the local support network"
        ),
        _("Presentation of the mentor city's good practice"),
        _("Action-planning workshop with the local stakeholder group"),
    ),
    (
        _("Introduction to the mentor city's context and the questions to answer"),
        _("Interviews and focus groups"),
        _("Site visits and good-practice presentations by the mentor city"),
        _(
            "Action-planning workshop reviewing the mentee's plan in the light of the "
            "visit"
        ),
    ),
    (
        _("Summary of the questions still open in the action plan"),
        _(
            "Interviews and focus groups on the potential for implementation (key "
            "actors)"
        ),
        _(
            "Presentation of the final action plan to politicians and local "
            "stakeholders"
        ),
    ),
)
