"""The load test's own programme, people and documents, and reading them back.

A programme "Load test" (slug ``load-test``) with one mentor city and a
mentee city for every two users: the two officers of a city share its needs
analysis and action plan, so some saves meet on the same document (and now
and then on the same answer: an edit conflict, 409) while most do not.
Matched by slugs and addresses, so a second run reuses what the first made.
Needs Django set up, on the database the server under test uses.
"""

from django.contrib.auth.hashers import make_password
from django.db import transaction

PROGRAMME = "load-test"
DOMAIN = "load.incluportal.test"
ROWS = 4


def load_data_create(*, users, password, per_city=2, rows=ROWS):
    """Make (or reuse) the programme, the cities, their schemes with rows and
    ``users`` people; set their password. Returns the plan the locust users
    read: [{"email", "scheme", "rows": [row ids]}], one per user."""
    from axes.models import AccessAttempt

    from incluportal.models import User
    from schemes import services
    from schemes.models import (
        ActionPlan,
        Membership,
        Organisation,
        Participation,
        Programme,
        Scheme,
        SchemeCity,
    )
    from schemes.network.models.organisations import OrganisationKind
    from schemes.network.models.programmes import ParticipationRole

    programme, _ = Programme.objects.get_or_create(
        slug=PROGRAMME, defaults={"name": "Load test"}
    )
    mentor, _ = Organisation.objects.get_or_create(
        slug="load-mentor",
        defaults={
            "name": "Load mentor city",
            "kind": OrganisationKind.CITY,
            "country": "BE",
        },
    )
    Participation.objects.get_or_create(
        programme=programme, organisation=mentor, role=ParticipationRole.MENTOR_CITY
    )
    # One hash for everyone: hashing a password costs a good part of a second.
    hashed = make_password(password)
    accounts = []
    cities = (users + per_city - 1) // per_city
    for n in range(1, cities + 1):
        with transaction.atomic():
            city, _ = Organisation.objects.get_or_create(
                slug=f"load-city-{n:02d}",
                defaults={
                    "name": f"Load city {n:02d}",
                    "kind": OrganisationKind.CITY,
                    "country": "LV",
                },
            )
            Participation.objects.get_or_create(
                programme=programme,
                organisation=city,
                role=ParticipationRole.MENTEE_CITY,
            )
            scheme, created = Scheme.objects.get_or_create(
                programme=programme,
                mentee_city=city,
                slug=f"{city.slug}-{mentor.slug}",
            )
            if created:
                SchemeCity.objects.create(scheme=scheme, city=mentor)
            services.scheme_setup(scheme=scheme)
            people = []
            for k in range(per_city):
                number = (n - 1) * per_city + k + 1
                if number > users:
                    break
                user, _ = User.objects.update_or_create(
                    email=f"load-{number:02d}@{DOMAIN}",
                    defaults={
                        "full_name": f"Load user {number:02d}",
                        "is_active": True,
                    },
                )
                user.password = hashed
                user.save(update_fields=["password"])
                Membership.objects.get_or_create(user=user, organisation=city)
                people.append(user)
            plan = ActionPlan.objects.get(scheme=scheme)
            for i in range(plan.rows.count(), rows):
                services.row_create(
                    plan=plan,
                    values={"action": f"Action {i + 1} of {city.name}"},
                    by=people[0],
                )
            row_ids = list(plan.rows.order_by("number").values_list("pk", flat=True))
            accounts += [
                {"email": user.email, "scheme": scheme.pk, "rows": row_ids}
                for user in people
            ]
    # A lock left by an earlier, broken run would refuse every sign-in.
    AccessAttempt.objects.filter(username__endswith=f"@{DOMAIN}").delete()
    return accounts


class Database:
    """Reads the saved documents back for ``saves.check``: what a field holds
    now, and every value it has held (its history)."""

    def __init__(self):
        self._plan_history = {}

    @staticmethod
    def _object(doc):
        from schemes.models import ActionPlanRow, NeedsAnalysis

        kind, pk = doc.split(":")
        if kind == "needs":
            return NeedsAnalysis.objects.get(scheme_id=int(pk))
        return ActionPlanRow.objects.get(pk=int(pk))

    def stored(self, doc, name):
        return getattr(self._object(doc), name)

    def history(self, doc, name):
        obj = self._object(doc)
        if doc.startswith("needs:"):
            return set(obj.history.values_list(name, flat=True))
        # A row is recorded, with all its plan's rows, in each plan record.
        if obj.plan_id not in self._plan_history:
            self._plan_history[obj.plan_id] = list(
                obj.plan.history.values_list("children", flat=True)
            )
        return {
            saved.get(name)
            for children in self._plan_history[obj.plan_id]
            for saved in (children or {}).get("rows", [])
            if saved.get("id") == obj.pk
        }


def public_plan():
    """What the public mix reads (tests/load/public.py): the published city
    pages with their languages and the published practices of this
    database (the demo's, with ``load_demo``)."""
    from schemes.models import CityGuide, PublishedPractice
    from tests.load.public import plan_from

    guides = CityGuide.objects.filter(current__isnull=False).select_related(
        "city", "current"
    )
    return plan_from(
        cities=[(g.city.slug, g.current.languages) for g in guides],
        practices=list(PublishedPractice.objects.values_list("pk", flat=True)),
    )
