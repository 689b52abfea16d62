"""factory_boy factories. Values are random unless a comment says why not."""

import factory
from factory.django import DjangoModelFactory

from incluportal.models import User
from schemes.models import Membership, Organisation, Participation, Programme
from schemes.models.organisations import OrganisationKind
from schemes.models.programmes import ParticipationRole

TEST_PASSWORD = "correct-horse-battery-staple"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name")
    password = factory.django.Password(TEST_PASSWORD)


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = OrganisationKind.CITY
    name = factory.Sequence(lambda n: f"Town {n}")
    # The slug follows the name, as the admin prepopulates it.
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))
    country = "LV"
    population = factory.Faker("random_int", min=5_000, max=500_000)


class CityFactory(OrganisationFactory):
    kind = OrganisationKind.CITY


class AssociationFactory(OrganisationFactory):
    kind = OrganisationKind.ASSOCIATION
    name = factory.Sequence(lambda n: f"Association {n}")
    acronym = factory.Sequence(lambda n: f"A{n}")
    population = None


class PartnerFactory(OrganisationFactory):
    kind = OrganisationKind.PARTNER
    name = factory.Sequence(lambda n: f"Network {n}")
    population = None


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = Programme

    name = factory.Sequence(lambda n: f"Programme {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))
    start_year = 2020
    end_year = 2023


class ParticipationFactory(DjangoModelFactory):
    class Meta:
        model = Participation

    programme = factory.SubFactory(ProgrammeFactory)
    organisation = factory.SubFactory(CityFactory)
    role = ParticipationRole.MENTEE_CITY


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(CityFactory)
