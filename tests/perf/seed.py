"""A programme set at scale for ``tests/perf/pages.py``, written with bulk inserts.

At ``scale=1``: 50 programmes of 20 schemes (1,000 schemes) over a pool of
600 cities, each city taking part in two or three programmes; every scheme
set up as ``schemes.services.scheme_setup`` would (needs analysis, national
contexts, action plan, three visits with their agendas), with its answers
filled in, a 30-row action plan, a support group, a baseline self-assessment
where its benchmark has key factors, mentor profiles; and 10,000 good
practices in the library. Every document gets its first history record, as
a save through the portal would write.

Deterministic (one seeded ``random.Random``), so two runs measure the same data.
Expects the benchmarks of ``load_demo`` to be loaded, and Django to be set up
before it is imported (``pages.py`` imports it then).
"""

import random
import time
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from benchmarks.models import (
    Benchmark,
    FrameworkKind,
    KeyFactor,
    Theme,
)
from incluportal.models import User
from schemes.models import (
    ActionPlan,
    ActionPlanRow,
    ActionPlanVersion,
    AgendaItem,
    GoodPractice,
    Membership,
    MentorProfile,
    NationalContext,
    NeedsAnalysis,
    Organisation,
    Participation,
    Programme,
    ProgressNote,
    QuestionAnswer,
    Rating,
    Scheme,
    SchemeCity,
    SelfAssessment,
    StepMark,
    SupportGroupMember,
    Visit,
)
from schemes.network.models.organisations import OrganisationKind
from schemes.network.models.programmes import ParticipationRole
from schemes.network.models.schemes import SchemeStage
from schemes.work import annexes
from schemes.work.annexes import FieldKind, SensitiveIssue
from schemes.work.models.visits import DEFAULT_PURPOSES
from schemes.work.services.action_plans import snapshot

SCHEMES_PER_PROGRAMME = 20
MENTORS_PER_PROGRAMME = 10
CITIES_AT_SCALE_1 = 600
PROGRAMMES_AT_SCALE_1 = 50
GOOD_PRACTICES_AT_SCALE_1 = 10_000
PLAN_ROWS = 30
BATCH = 2_000

# The perf users' password: they sign in with ``force_login``, so it is never
# typed; one hash for all keeps seeding fast.
PASSWORD = "perf-not-a-real-password"  # noqa: S105

COUNTRIES = [
    "AT",
    "BE",
    "BG",
    "CY",
    "CZ",
    "DE",
    "DK",
    "EE",
    "ES",
    "FI",
    "FR",
    "GR",
    "HR",
    "IE",
    "IT",
    "LT",
    "LV",
    "NL",
    "PL",
    "PT",
]

# Words for the generated answers; "language" is left out, so that the
# measured search matches the practices that are about it, not every one.
VOCABULARY = (
    "integration migrants newcomers refugees residents city council "
    "course classes volunteers mentoring housing employment jobs training school "
    "children parents women youth health services information welcome desk "
    "neighbourhood community association network partners funding budget "
    "evaluation outreach participation civic orientation interpreters library "
    "sport culture festival dialogue discrimination equality trust cooperation "
    "coordination strategy action plan stakeholders survey focus groups local "
    "regional national digital platform counselling guidance recognition skills "
    "qualifications apprenticeship entrepreneurship childcare transport"
)
WORDS = VOCABULARY.split()

PRACTICE_NAMES = (
    "Language café",
    "Welcome desk",
    "Buddy programme",
    "Job coaching",
    "Parents' language classes",
    "Housing first for newcomers",
    "Civic orientation course",
    "Neighbourhood mothers",
    "Digital skills workshop",
    "Intercultural festival",
    "Youth mentoring",
    "One-stop shop for integration",
)


@dataclass
class Seeded:
    """What the measurements need from the seeded data."""

    programme: object  # the measured programme
    coordinator: object  # a coordinator of that programme
    scheme: object  # a scheme of it, with a 30-row draft plan
    mentee: object  # a person of that scheme's mentee city
    counts: dict
    seconds: float


def _progress(label, started):
    print(f"  {label:<46} {time.perf_counter() - started:7.1f} s", flush=True)


class _Text:
    """Plausible words, from a seeded generator."""

    def __init__(self, rng):
        self.rng = rng

    def words(self, low, high):
        return " ".join(self.rng.choices(WORDS, k=self.rng.randint(low, high)))

    def sentence(self):
        text = self.words(6, 16)
        return text[0].upper() + text[1:] + "."

    def paragraph(self, sentences=4):
        return " ".join(self.sentence() for _ in range(sentences))


def _answers(parts, text, rng):
    """A value for every answer column of the given annex parts."""

    values = {}
    for part in parts:
        for f in part.fields:
            if f.kind == FieldKind.INTEGER:
                values[f.name] = rng.randint(100, 200_000)
                values[f.name + "_note"] = text.words(3, 8)
            elif f.kind == FieldKind.MONEY:
                values[f.name] = Decimal(rng.randint(1_000, 2_000_000))
                values[f.name + "_currency"] = "EUR"
            elif f.kind == FieldKind.TICKLIST:
                values[f.name] = rng.sample(SensitiveIssue.values, k=2)
                values[f.name + "_text"] = text.sentence()
            elif f.kind == FieldKind.SHORT:
                values[f.name] = text.words(2, 6)
            elif f.kind == FieldKind.URLS:
                values[f.name] = "https://example.org/report\nhttps://example.org/video"
            else:
                values[f.name] = text.paragraph(rng.randint(2, 5))
    return values


def _bulk(model, objs, history=True):
    """Insert ``objs`` and, for a tracked model, their first history records."""
    objs = model.objects.bulk_create(objs, batch_size=BATCH)
    if history and hasattr(model, "history"):
        model.history.bulk_history_create(objs, batch_size=BATCH)
    return objs


@transaction.atomic
def seed(*, scale=1.0, rng_seed=8) -> Seeded:

    rng = random.Random(rng_seed)
    text = _Text(rng)
    started = time.perf_counter()
    n_programmes = max(1, round(PROGRAMMES_AT_SCALE_1 * scale))
    n_cities = max(
        SCHEMES_PER_PROGRAMME + MENTORS_PER_PROGRAMME, round(CITIES_AT_SCALE_1 * scale)
    )
    n_practices = max(20, round(GOOD_PRACTICES_AT_SCALE_1 * scale))
    today = timezone.localdate()
    now = timezone.now()

    # --- Organisations and their people ------------------------------------
    cities = _bulk(
        Organisation,
        [
            Organisation(
                kind=OrganisationKind.CITY,
                name=f"Perf city {i:04d}",
                name_en=f"Perf city {i:04d}",
                slug=f"perf-city-{i:04d}",
                country=COUNTRIES[i % len(COUNTRIES)],
                population=rng.randint(10_000, 900_000),
                working_languages="en,fr",
            )
            for i in range(n_cities)
        ],
    )
    associations = dict(
        zip(
            COUNTRIES,
            _bulk(
                Organisation,
                [
                    Organisation(
                        kind=OrganisationKind.ASSOCIATION,
                        name=f"Perf association {c}",
                        name_en=f"Perf association {c}",
                        acronym=f"PA-{c}",
                        acronym_en=f"PA-{c}",
                        slug=f"perf-association-{c.lower()}",
                        country=c,
                    )
                    for c in COUNTRIES
                ],
            ),
            strict=True,
        )
    )
    Organisation.associations.through.objects.bulk_create(
        Organisation.associations.through(
            from_organisation_id=city.pk,
            to_organisation_id=associations[city.country.code].pk,
        )
        for city in cities
    )
    networks = _bulk(
        Organisation,
        [
            Organisation(
                kind=OrganisationKind.PARTNER,
                name=f"Perf network {p:02d}",
                name_en=f"Perf network {p:02d}",
                slug=f"perf-network-{p:02d}",
                country="BE",
            )
            for p in range(n_programmes)
        ],
    )
    password = make_password(PASSWORD)
    orgs = [*cities, *associations.values(), *networks]
    users = User.objects.bulk_create(
        [
            User(
                email=f"{org.slug}@perf.test",
                full_name=f"Person of {org.name}",
                password=password,
            )
            for org in orgs
        ],
        batch_size=BATCH,
    )
    Membership.objects.bulk_create(
        [
            Membership(user=user, organisation=org, position="Officer")
            for user, org in zip(users, orgs, strict=True)
        ],
        batch_size=BATCH,
    )
    person = {org.pk: user for user, org in zip(users, orgs, strict=True)}
    _progress(f"{len(orgs)} organisations, {len(users)} people", started)

    # --- Programmes, participations, schemes ------------------------------
    programmes = _bulk(
        Programme,
        [
            Programme(
                name=f"Perf programme {p:02d}",
                name_en=f"Perf programme {p:02d}",
                slug=f"perf-programme-{p:02d}",
                start_year=2015 + p % 10,
                end_year=2018 + p % 10,
                funder="AMIF",
                funder_en="AMIF",
            )
            for p in range(n_programmes)
        ],
    )
    benchmarks = list(
        Benchmark.objects.filter(kind=FrameworkKind.BENCHMARK).select_related("theme")
    )
    participations, schemes, mentor_links = [], [], []
    per_programme = SCHEMES_PER_PROGRAMME + MENTORS_PER_PROGRAMME
    trained = []
    for p, programme in enumerate(programmes):
        pool = [
            cities[(p * per_programme + i) % n_cities] for i in range(per_programme)
        ]
        mentees, mentors = pool[:SCHEMES_PER_PROGRAMME], pool[SCHEMES_PER_PROGRAMME:]
        participations.append(
            Participation(
                programme=programme,
                organisation=networks[p],
                role=ParticipationRole.COORDINATOR,
            )
        )
        participations += [
            Participation(
                programme=programme, organisation=c, role=ParticipationRole.MENTEE_CITY
            )
            for c in mentees
        ]
        participations += [
            Participation(
                programme=programme, organisation=c, role=ParticipationRole.MENTOR_CITY
            )
            for c in mentors
        ]
        involved = {associations[c.country.code] for c in pool}
        participations += [
            Participation(
                programme=programme, organisation=a, role=ParticipationRole.ASSOCIATION
            )
            for a in sorted(involved, key=lambda a: a.pk)
        ]
        start = date(programme.start_year, 3, 1)
        for i, mentee in enumerate(mentees):
            mentor = mentors[i % MENTORS_PER_PROGRAMME]
            benchmark = benchmarks[(p + i) % len(benchmarks)]
            # Half the schemes have their associations on board (part C).
            with_associations = i % 2 == 0
            schemes.append(
                Scheme(
                    programme=programme,
                    theme=benchmark.theme,
                    benchmark=benchmark,
                    mentee_city=mentee,
                    slug=f"{mentee.slug}-{mentor.slug}",
                    mentee_association=(
                        associations[mentee.country.code] if with_associations else None
                    ),
                    start_date=start,
                    end_date=start + timedelta(days=900),
                )
            )
            mentor_links.append(
                SchemeCity(
                    city=mentor,
                    association=(
                        associations[mentor.country.code] if with_associations else None
                    ),
                )
            )
            # The measured scheme (the first) is still being written; the
            # others are past their training one in two.
            trained.append(bool(i) and (p + i) % 2 == 0)
    Participation.objects.bulk_create(participations, batch_size=BATCH)
    schemes = Scheme.objects.bulk_create(schemes, batch_size=BATCH)
    for scheme, link in zip(schemes, mentor_links, strict=True):
        link.scheme = scheme
    SchemeCity.objects.bulk_create(mentor_links, batch_size=BATCH)
    for scheme, link in zip(schemes, mentor_links, strict=True):
        scheme.__dict__["links"] = [link]  # as Scheme.links reads them
    StepMark.objects.bulk_create(
        [
            StepMark(
                scheme=scheme,
                step=SchemeStage.TRAINING,
                reached_on=scheme.start_date + timedelta(days=60),
            )
            for scheme, done in zip(schemes, trained, strict=True)
            if done
        ],
        batch_size=BATCH,
    )
    _progress(f"{len(programmes)} programmes, {len(schemes)} schemes", started)

    # --- What scheme_setup creates, with answers -------------------------
    needs_parts = annexes.NEEDS_ANALYSIS.parts[:2]
    statuses = ["draft", "draft", "submitted", "approved", "returned"]

    def workflow(status, author):
        fields = {"status": status, "updated_by": author}
        if status != "draft":
            fields.update(submitted_at=now, submitted_by=author)
        return fields

    _bulk(
        NeedsAnalysis,
        [
            NeedsAnalysis(
                scheme=s,
                # The measured scheme's analysis is a draft, so its form opens.
                **workflow(statuses[n % 5] if n else "draft", person[s.mentee_city_id]),
                **_answers(needs_parts, text, rng),
            )
            for n, s in enumerate(schemes)
        ],
    )
    national_part = (annexes.national_context_part("association"),)
    contexts = {}
    for s in schemes:
        for city_id, association_id in (
            (s.mentee_city_id, s.mentee_association_id),
            (s.mentor_city.pk, s.mentor_association and s.mentor_association.pk),
        ):
            if association_id and (s.programme_id, city_id) not in contexts:
                contexts[(s.programme_id, city_id)] = NationalContext(
                    programme_id=s.programme_id,
                    city_id=city_id,
                    association_id=association_id,
                    **workflow(rng.choice(statuses), person[association_id]),
                    **_answers(national_part, text, rng),
                )
    _bulk(NationalContext, list(contexts.values()))
    mentor_parts = annexes.MENTOR_PROFILE.parts[:2]
    profiles = {}
    for s in schemes:
        key = (s.programme_id, s.mentor_city.pk)
        if key not in profiles:
            profiles[key] = MentorProfile(
                programme_id=s.programme_id,
                city_id=s.mentor_city.pk,
                **workflow(rng.choice(statuses), person[s.mentor_city.pk]),
                **_answers(mentor_parts, text, rng),
            )
    profiles = _bulk(MentorProfile, list(profiles.values()))
    factors = list(
        KeyFactor.objects.filter(benchmark__kind=FrameworkKind.BENCHMARK).only(
            "pk", "benchmark_id"
        )
    )
    MentorProfile.key_factors.through.objects.bulk_create(
        [
            MentorProfile.key_factors.through(
                mentorprofile_id=mp.pk, keyfactor_id=kf.pk
            )
            for mp in profiles
            for kf in rng.sample(factors, k=min(4, len(factors)))
        ],
        batch_size=BATCH,
    )
    _progress(
        f"{len(schemes)} needs analyses, {len(contexts)} national contexts, "
        f"{len(profiles)} mentor profiles",
        started,
    )

    plans = _bulk(
        ActionPlan,
        [
            ActionPlan(scheme=s, status=statuses[n % 5] if n else "draft")
            for n, s in enumerate(schemes)
        ],
    )
    plan_of = {plan.scheme_id: plan for plan in plans}
    visits, agenda = [], []
    for s in schemes:
        hosts = [s.mentee_city, s.mentor_city, s.mentee_city]
        for order, (host, purpose) in enumerate(
            zip(hosts, DEFAULT_PURPOSES, strict=True), start=1
        ):
            day = today + timedelta(days=rng.randint(-400, 400))
            visits.append(
                Visit(
                    scheme=s,
                    order=order,
                    host_city=host,
                    purpose=str(purpose),
                    start_date=day,
                    end_date=day + timedelta(days=2),
                    place=f"Town hall of {s.mentee_city.name}",
                    notes=text.paragraph(3),
                    questions_answered=text.paragraph(2) if day < today else "",
                    outcomes=text.paragraph(3) if day < today and order != 2 else "",
                )
            )
    visits = _bulk(Visit, visits)
    for visit in visits:
        for n, item in enumerate(annexes.VISIT_AGENDAS[visit.order - 1], start=1):
            agenda.append(AgendaItem(visit=visit, order=n, text=str(item)))
    AgendaItem.objects.bulk_create(agenda, batch_size=BATCH)
    scheme_of = {s.pk: s for s in schemes}
    Visit.team_participants.through.objects.bulk_create(
        [
            Visit.team_participants.through(visit_id=v.pk, user_id=person[org].pk)
            for v in visits
            for org in (
                scheme_of[v.scheme_id].mentee_city_id,
                scheme_of[v.scheme_id].mentor_city.pk,
            )
        ],
        batch_size=BATCH,
    )
    _progress(f"{len(plans)} action plans, {len(visits)} visits", started)

    rows = []
    visit_of = {(v.scheme_id, v.order): v for v in visits}
    for s in schemes:
        for number in range(1, PLAN_ROWS + 1):
            start_day = date(2022, 1, 1) + timedelta(days=rng.randint(0, 700))
            rows.append(
                ActionPlanRow(
                    plan=plan_of[s.pk],
                    number=number,
                    action=text.sentence(),
                    results=text.sentence(),
                    start=start_day,
                    end=start_day + timedelta(days=rng.randint(30, 300)),
                    leads=text.words(2, 5),
                    resources=text.sentence(),
                    success=text.sentence(),
                    need=text.words(3, 8),
                    key_factor=rng.choice(factors) if number % 3 == 0 else None,
                    added_at_visit=(
                        visit_of[(s.pk, 1 + number % 3)] if number % 4 == 0 else None
                    ),
                    implementation_status=rng.choice(
                        ["not_started", "in_progress", "done"]
                    ),
                )
            )
    rows = ActionPlanRow.objects.bulk_create(rows, batch_size=BATCH)
    # Approved plans are being carried out: every fifth action has a note.
    ProgressNote.objects.bulk_create(
        [
            ProgressNote(
                row=row,
                date=today - timedelta(days=rng.randint(1, 200)),
                text=text.sentence(),
                author=person[scheme_of[row.plan.scheme_id].mentee_city_id],
            )
            for row in rows
            if row.number % 5 == 0 and row.plan.status == "approved"
        ],
        batch_size=BATCH,
    )
    # The measured plan went to the council once and came back: version 2.

    measured = plan_of[schemes[0].pk]
    ActionPlanVersion.objects.create(
        plan=measured,
        number=1,
        status="returned",
        snapshot=snapshot(measured),
        frozen_by=person[schemes[0].mentee_city_id],
    )
    ActionPlan.objects.filter(pk=measured.pk).update(
        version=2, review_comment=text.sentence()
    )
    _progress(f"{len(rows)} action-plan rows", started)

    members = []
    types = ["migrant_association", "ngo", "public_agency", "council_staff"]
    for s in schemes:
        for n in range(6):
            members.append(
                SupportGroupMember(
                    scheme=s,
                    city=s.mentee_city if n < 4 else s.mentor_city,
                    name=f"Member {n} of scheme {s.pk}",
                    organisation=text.words(2, 4),
                    stakeholder_type=types[n % 4],
                    represents_migrants=n % 4 == 0,
                    role="Member",
                )
            )
    _bulk(SupportGroupMember, members)

    rated = {
        b.pk: list(b.key_factors.prefetch_related("questions"))
        for b in benchmarks
        if b.key_factors.exists()
    }
    assessments = _bulk(
        SelfAssessment,
        [
            SelfAssessment(
                scheme=s,
                city_id=s.mentee_city_id,
                benchmark_id=s.benchmark_id,
                round="baseline",
                status="submitted",
                created_by=person[s.mentee_city_id],
                submitted_at=now,
            )
            for s in schemes
            if s.benchmark_id in rated
        ],
    )
    ratings = Rating.objects.bulk_create(
        [
            Rating(
                assessment=a,
                key_factor=kf,
                level=rng.randint(0, 3),
                note=text.sentence(),
                evidence=text.sentence(),
            )
            for a in assessments
            for kf in rated[a.benchmark_id]
        ],
        batch_size=BATCH,
    )
    questions = {
        kf.pk: list(kf.questions.all()) for kfs in rated.values() for kf in kfs
    }
    QuestionAnswer.objects.bulk_create(
        [
            QuestionAnswer(rating=r, question=q, text=text.sentence())
            for r in ratings
            for q in questions[r.key_factor_id]
        ],
        batch_size=BATCH,
    )
    _progress(
        f"{len(members)} support-group members, {len(assessments)} self-assessments",
        started,
    )

    # --- The good-practice library ----------------------------------------
    themes = list(Theme.objects.all())
    gp_part = (annexes.GOOD_PRACTICE_PART,)
    practices = []
    for n in range(n_practices):
        city = cities[n % n_cities]
        values = _answers(gp_part, text, rng)
        values["title"] = f"{rng.choice(PRACTICE_NAMES)} {n}"
        values["location"] = city.name
        # A third speak of language learning, as the network's libraries do.
        if n % 3 == 0:
            values["rationale"] = "Language learning for adults. " + values["rationale"]
        status = "approved" if n % 10 < 7 else "submitted" if n % 10 < 9 else "draft"
        practices.append(
            GoodPractice(
                city=city,
                start_year=2010 + n % 14,
                is_public=n % 20 != 19,
                **workflow(status, person[city.pk]),
                **values,
            )
        )
    practices = _bulk(GoodPractice, practices)
    GoodPractice.themes.through.objects.bulk_create(
        [
            GoodPractice.themes.through(goodpractice_id=gp.pk, theme_id=t.pk)
            for gp in practices
            for t in rng.sample(themes, k=rng.randint(1, 2))
        ],
        batch_size=BATCH,
    )
    GoodPractice.key_factors.through.objects.bulk_create(
        [
            GoodPractice.key_factors.through(goodpractice_id=gp.pk, keyfactor_id=kf.pk)
            for gp in practices
            for kf in rng.sample(factors, k=rng.randint(0, 3))
        ],
        batch_size=BATCH,
    )
    _progress(f"{len(practices)} good practices", started)

    programme = programmes[0]
    scheme = schemes[0]
    return Seeded(
        programme=programme,
        coordinator=person[networks[0].pk],
        scheme=scheme,
        mentee=person[scheme.mentee_city_id],
        counts={
            "programmes": len(programmes),
            "schemes": len(schemes),
            "cities": len(cities),
            "plan rows": len(rows),
            "good practices": len(practices),
        },
        seconds=time.perf_counter() - started,
    )
