"""Load the IncluCities demo: programmes, organisations and one user per role.

Idempotent: objects are matched by natural keys (slugs, e-mail addresses),
so a second run updates in place and nothing doubles.
"""

import datetime
import json

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from incluportal.models import User
from schemes.management.demo_public import load_public_demo
from schemes.models import Membership, Organisation, Participation, Programme, Scheme
from schemes.network.models.programmes import ParticipationRole
from schemes.services import programme_documents_fill, programme_process_fill

# Public demo logins, listed in the README.
DEMO_PASSWORD = "incluportal-demo"  # noqa: S105 # nosec B105

# (e-mail, full name, organisation slug, position, staff, superuser)
DEMO_USERS = [
    (
        "coordinator@incluportal.test",
        "Clara Coordinator",
        "cemr",
        "Programme coordinator",
        False,
        False,
    ),
    (
        "jelgava@incluportal.test",
        "Jānis Bērziņš",
        "jelgava",
        "Integration officer (mentee city)",
        False,
        False,
    ),
    (
        "schaerbeek@incluportal.test",
        "Sophie Lambert",
        "schaerbeek",
        "Integration officer (mentor city)",
        False,
        False,
    ),
    (
        "lalrg@incluportal.test",
        "Līga Ozola",
        "lalrg",
        "Adviser (association)",
        False,
        False,
    ),
    (
        "riga@incluportal.test",
        "Rihards Kalniņš",
        "riga",
        "Officer (another programme)",
        False,
        False,
    ),
    (
        "partner@incluportal.test",
        "Rūta Krūmiņa",
        "radosas-idejas",
        "Trainer (technical partner in another programme)",
        False,
        False,
    ),
    (
        "migrationwork@incluportal.test",
        "Mark Walker",
        "migrationwork",
        "Method adviser (method coordinator)",
        False,
        False,
    ),
    ("admin@incluportal.test", "Portal administrator", None, "", True, True),
]

# In dependency order: benchmark content, then programmes, then their schemes.
DEMO_FIXTURES = [
    "benchmarks_inclucities",
    "benchmarks_unhcr",
    "demo_programmes",
    "demo_schemes",
]
# The demo's documents, written through the services (not a loaddata fixture).
DEMO_DOCUMENTS = settings.BASE_DIR / "fixtures" / "demo_documents.json"


class Command(BaseCommand):
    help = "Load the demo programmes, organisations and users (safe to run again)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-users",
            action="store_true",
            help="Load the content only, without the demo sign-ins.",
        )

    @transaction.atomic
    def handle(self, *args, no_users=False, **options):
        call_command("loaddata", *DEMO_FIXTURES, verbosity=0)
        # MigrationWork was a technical partner of IncluCities before the
        # method coordinator's role: one role is enough.
        Participation.objects.filter(
            programme__slug="inclucities",
            organisation__slug="migrationwork",
            role=ParticipationRole.TECHNICAL_PARTNER,
        ).delete()
        # The fixtures are loaded raw: the services give the schemes their
        # documents and visits, the mentor cities their profiles, and each
        # programme the phases of its process (IncluCities its method's
        # steps, the intercultural partnership seed 003's assessment process).
        for programme in Programme.objects.all():
            programme_documents_fill(programme=programme)
            programme_process_fill(programme=programme)
        self.stdout.write("Loaded benchmarks, programmes, organisations and schemes.")
        if no_users:
            return
        for email, name, org_slug, position, staff, superuser in DEMO_USERS:
            user, _ = User.objects.update_or_create(
                email=email,
                defaults={
                    "full_name": name,
                    "is_staff": staff,
                    "is_superuser": superuser,
                    "is_active": True,
                },
            )
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            if org_slug:
                Membership.objects.update_or_create(
                    user=user,
                    organisation=Organisation.objects.get(slug=org_slug),
                    defaults={"position": position},
                )
        _demo_matching_content()
        _demo_documents()
        _demo_review_report()
        # The public face: the two cities' pages and two published practices.
        load_public_demo()
        self.stdout.write(f"Demo sign-ins (password for all: {DEMO_PASSWORD}):")
        for email, _name, _org, position, *_ in DEMO_USERS:
            self.stdout.write(
                f"  {email:32} {position or 'Administrator (admin site)'}"
            )


# Working languages of the demo cities (for matching).
DEMO_LANGUAGES = {
    "jelgava": "lv,en,ru",
    "schaerbeek": "fr,nl,en",
    "city-of-brussels": "fr,nl,en",
    "mechelen": "nl,en,fr",
    "fuenlabrada": "es,en",
    "capaci": "it,en",
    "saint-jean-de-la-ruelle": "fr,en",
    "livadia": "el,en",
}

# Which language-learning key factors each mentor city is strong in.
DEMO_STRENGTHS = {
    "schaerbeek": [2, 4, 5, 6, 8, 9, 10],
    "mechelen": [1, 11],
    "city-of-brussels": [3],
    "fuenlabrada": [7],
}


def _demo_matching_content():
    """What the matching needs in the demo: working languages, the mentor
    profiles' strengths, Schaerbeek's good practice and Jelgava's submitted
    self-assessment (safe to run again)."""
    from benchmarks.models import Benchmark
    from schemes.models import (
        Level,
        MentorProfile,
        Programme,
        Rating,
        SelfAssessment,
    )

    for slug, languages in DEMO_LANGUAGES.items():
        Organisation.objects.filter(slug=slug).update(working_languages=languages)
    programme = Programme.objects.get(slug="inclucities")
    benchmark = Benchmark.objects.get(slug="language-learning")
    factors = {kf.number: kf for kf in benchmark.key_factors.all()}
    for slug, numbers in DEMO_STRENGTHS.items():
        city = Organisation.objects.get(slug=slug)
        profile, _ = MentorProfile.objects.get_or_create(programme=programme, city=city)
        profile.key_factors.add(*[factors[n] for n in numbers])
    scheme = Scheme.objects.get(programme=programme, mentee_city__slug="jelgava")
    jelgava = scheme.mentee_city
    assessment, created = SelfAssessment.objects.get_or_create(
        scheme=scheme,
        city=jelgava,
        round="baseline",
        defaults={"benchmark": benchmark, "status": "submitted"},
    )
    if created:
        from django.utils import timezone

        assessment.submitted_at = timezone.now()
        assessment.save(update_fields=["submitted_at"])
        # Jelgava's gaps: needs mapping, coordination, non-formal learning...
        levels = {1: 2, 2: 0, 3: 1, 4: 1, 5: 1, 6: 2, 7: 1, 8: 0, 9: 1, 10: 0, 11: 1}
        Rating.objects.bulk_create(
            Rating(assessment=assessment, key_factor=factors[n], level=Level(level))
            for n, level in levels.items()
        )


def _noon(day):
    """Noon of an ISO ``day`` in the portal's time zone."""
    return timezone.make_aware(
        datetime.datetime.combine(datetime.date.fromisoformat(day), datetime.time(12))
    )


def _dated(document, *, submitted_on, approved_on):
    """Date a document's submission and approval in the scheme's years. The
    services stamp them now; the demo tells a story of 2021 to 2023, whose
    dates must follow each other (needs analysis, then the visits)."""
    type(document).objects.filter(pk=document.pk).update(
        submitted_at=_noon(submitted_on), reviewed_at=_noon(approved_on)
    )


def _demo_documents():
    """Content of the demo's other schemes and Schaerbeek's good practices
    (fixtures/demo_documents.json), written as their authors would: saved,
    submitted, approved by the coordinator, through the services. Each
    approved document answers every required question. Safe to run again:
    a practice that exists and a needs analysis no longer a draft are left
    as they are. The demo's history announces nothing: the messages it
    queues are dropped."""
    from post_office.models import Email

    from benchmarks.models import Benchmark
    from schemes.models import GoodPractice, Visit
    from schemes.services import (
        document_approve,
        document_save,
        document_submit,
        good_practice_create,
        visit_update,
    )
    from schemes.work.models.documents import DocumentStatus

    started = timezone.now()
    data = json.loads(DEMO_DOCUMENTS.read_text(encoding="utf-8"))
    coordinator = User.objects.get(email="coordinator@incluportal.test")
    # The other mentee cities' officers write their documents; they have no
    # password: they are not demo sign-ins.
    for author in data["authors"]:
        user, created = User.objects.get_or_create(
            email=author["email"],
            defaults={"full_name": author["full_name"], "email_notifications": False},
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        Membership.objects.update_or_create(
            user=user,
            organisation=Organisation.objects.get(slug=author["organisation"]),
            defaults={"position": author["position"]},
        )

    for item in data["good_practices"]:
        city = Organisation.objects.get(slug=item["city"])
        if GoodPractice.objects.filter(city=city, title=item["values"]["title"]):
            continue
        benchmark = Benchmark.objects.get(slug=item["theme"])
        author = User.objects.get(email=item["author"])
        practice = good_practice_create(
            city=city,
            by=author,
            values={
                **item["values"],
                "start_year": item["start_year"],
                "is_public": True,
                "themes": [benchmark.theme],
                "key_factors": list(
                    benchmark.key_factors.filter(number__in=item["key_factors"])
                ),
            },
        )
        document_submit(document=practice, by=author)
        document_approve(document=practice, by=coordinator)
        approved = datetime.date.fromisoformat(item["approved_on"])
        _dated(
            practice,
            submitted_on=(approved - datetime.timedelta(days=7)).isoformat(),
            approved_on=item["approved_on"],
        )

    for slug, content in data["schemes"].items():
        scheme = Scheme.objects.get(programme__slug="inclucities", slug=slug)
        author = User.objects.get(email=content["author"])
        needs = scheme.needs_analysis
        if needs.status != DocumentStatus.DRAFT:
            continue
        document_save(document=needs, values=content["needs"], by=author)
        document_submit(document=needs, by=author)
        document_approve(document=needs, by=coordinator)
        _dated(
            needs,
            submitted_on=content["needs_submitted_on"],
            approved_on=content["needs_approved_on"],
        )
        visits = Visit.objects.filter(scheme=scheme).order_by("order")
        for visit, (start, end, place, record) in zip(
            visits, content["visits"], strict=False
        ):
            visit_update(
                visit=visit,
                values={
                    "start_date": datetime.date.fromisoformat(start),
                    "end_date": datetime.date.fromisoformat(end),
                    "place": place,
                    # What the visit answered and achieved, as its report.
                    **record,
                },
                agenda=[item.text for item in visit.agenda_items.all()],
                team=[author],
                support=[],
                by=author,
            )
        if "action_plan" in content:
            _demo_action_plan(scheme, content["action_plan"], author, coordinator)
    # Only the demo people's messages of this run: nobody else's mail.
    Email.objects.filter(
        created__gte=started, to__contains="@incluportal.test"
    ).delete()


def _demo_action_plan(scheme, content, author, coordinator):
    """A plan sent to the council after the last visit and approved by it
    weeks later (left as it is once it has rows)."""
    from schemes.models import ActionPlanVersion
    from schemes.services import action_plan_approve, action_plan_submit, row_create

    plan = scheme.action_plan
    if plan.rows.exists():
        return
    for row in content["rows"]:
        values = {
            **row,
            "start": datetime.date.fromisoformat(row["start"]),
            "end": datetime.date.fromisoformat(row["end"]),
        }
        row_create(plan=plan, values=values, by=author)
    version = action_plan_submit(plan=plan, by=author)
    # Frozen on its day in 2022, not now: the council decides after it.
    ActionPlanVersion.objects.filter(pk=version.pk).update(
        frozen_at=_noon(content["submitted_on"])
    )
    action_plan_approve(
        plan=plan,
        by=coordinator,
        decision_date=datetime.date.fromisoformat(content["decision_date"]),
        decision_reference=content["decision_reference"],
    )
    # Last changed when the council approved it, not when the demo loaded.
    type(plan).objects.filter(pk=plan.pk).update(
        updated_at=_noon(content["decision_date"])
    )


def _demo_review_report():
    """Riga's assessment phase in the seed 003 programme: its intercultural
    review report, drafted with its technical partner Radošās idejas (safe
    to run again: a report with text is left as it is)."""
    from schemes.services import city_report_save, review_report_start

    scheme = Scheme.objects.get(
        programme__slug="intercultural-partnership", slug="riga-lublin-linkoping"
    )
    report = review_report_start(
        scheme=scheme, by=User.objects.get(email="riga@incluportal.test")
    )
    if report.context:
        return
    city_report_save(
        document=report,
        by=User.objects.get(email="partner@incluportal.test"),
        values={
            "context": "Rīga has about 605,000 residents; third-country nationals "
            "are some 5% of them, most from Ukraine, Russia, Belarus, Uzbekistan "
            "and India. Since 2022 the city has received over 20,000 people "
            "fleeing the war in Ukraine.",
            "method": "Desk review of the city's integration policies, interviews "
            "with the Education, Culture and Sports Department and five "
            "municipal services, and two focus groups with newcomers, led with "
            "Radošās idejas.",
        },
    )
