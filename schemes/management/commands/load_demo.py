"""Load the IncluCities demo: programmes, organisations and one user per role.

Idempotent: objects are matched by natural keys (slugs, e-mail addresses),
so a second run updates in place and nothing doubles.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from incluportal.models import User
from schemes.models import Membership, Organisation, Scheme
from schemes.services import scheme_setup

DEMO_PASSWORD = "incluportal-demo"  # noqa: S105 - public demo logins, listed in README

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
    ("admin@incluportal.test", "Portal administrator", None, "", True, True),
]

# In dependency order: benchmark content, then programmes, then their schemes.
DEMO_FIXTURES = [
    "benchmarks_inclucities",
    "benchmarks_unhcr",
    "demo_programmes",
    "demo_schemes",
]


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
        for scheme in Scheme.objects.all():
            scheme_setup(scheme=scheme)
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
        self.stdout.write(f"Demo sign-ins (password for all: {DEMO_PASSWORD}):")
        for email, _name, _org, position, *_ in DEMO_USERS:
            self.stdout.write(
                f"  {email:32} {position or 'Administrator (admin site)'}"
            )
