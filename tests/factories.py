"""factory_boy factories. Values are random unless a comment says why not."""

import factory
from factory.django import DjangoModelFactory

from incluportal.models import User
from schemes.models import Membership, Organisation, Participation, Programme
from schemes.network.models.organisations import OrganisationKind
from schemes.network.models.programmes import ParticipationRole

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


class ThemeFactory(DjangoModelFactory):
    class Meta:
        model = "benchmarks.Theme"
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"theme-{n}")
    name = factory.Sequence(lambda n: f"Theme {n}")


class BenchmarkFactory(DjangoModelFactory):
    class Meta:
        model = "benchmarks.Benchmark"

    slug = factory.Sequence(lambda n: f"benchmark-{n}")
    title = factory.Sequence(lambda n: f"Benchmark {n}")
    theme = factory.SubFactory(ThemeFactory)


class KeyFactorFactory(DjangoModelFactory):
    class Meta:
        model = "benchmarks.KeyFactor"

    benchmark = factory.SubFactory(BenchmarkFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Key factor {n}")


class GuidingQuestionFactory(DjangoModelFactory):
    class Meta:
        model = "benchmarks.GuidingQuestion"

    key_factor = factory.SubFactory(KeyFactorFactory)
    order = factory.Sequence(lambda n: n + 1)
    text = factory.Faker("sentence")


def benchmark_with_factors(count=5, questions=2, **kwargs):
    """A benchmark with ``count`` key factors numbered 1..count."""
    benchmark = BenchmarkFactory(**kwargs)
    for number in range(1, count + 1):
        kf = KeyFactorFactory(benchmark=benchmark, number=number)
        for order in range(1, questions + 1):
            GuidingQuestionFactory(key_factor=kf, order=order)
    return benchmark


class SchemeFactory(DjangoModelFactory):
    """A scheme stored as it is, without the services' set-up. A pair by
    default: ``mentor_city`` (with ``mentor_association``) becomes its one
    ``SchemeCity``; ``mentor_cities``, or ``peer_cities`` for a community of
    practice, give several."""

    class Meta:
        model = "schemes.Scheme"

    programme = factory.SubFactory(ProgrammeFactory)
    mentee_city = factory.SubFactory(CityFactory)
    mentor_cities = None
    peer_cities = None
    mentor_city = factory.LazyAttribute(
        lambda o: None if (o.mentor_cities or o.peer_cities) else CityFactory()
    )
    mentor_association = None
    shape = factory.LazyAttribute(lambda o: "peers" if o.peer_cities else "mentoring")
    slug = factory.LazyAttribute(
        lambda o: "-".join(
            city.slug
            for city in [
                o.mentee_city,
                *(o.peer_cities or o.mentor_cities or [o.mentor_city]),
            ]
        )
    )

    @classmethod
    def _create(
        cls,
        model_class,
        *args,
        mentor_city=None,
        mentor_association=None,
        mentor_cities=None,
        peer_cities=None,
        **kwargs,
    ):
        from schemes.models import SchemeCity

        scheme = super()._create(model_class, *args, **kwargs)
        others = peer_cities or mentor_cities or [mentor_city]
        SchemeCity.objects.bulk_create(
            SchemeCity(
                scheme=scheme,
                city=city,
                association=mentor_association if order == 1 else None,
                order=order,
            )
            for order, city in enumerate(others, start=1)
        )
        return scheme


def phase_delivering(programme, *keys, name="Assessment"):
    """A phase added to ``programme``'s process (stored first if it was not),
    reached when the document kinds ``keys`` are submitted: the programme then
    asks for them, as seed 003's process asks for a review report."""
    from schemes.models import Phase, ProcessRule
    from schemes.services import programme_process_fill

    programme_process_fill(programme=programme)
    return Phase.objects.create(
        programme=programme,
        position=programme.phases.count() + 1,
        name=name,
        rule=ProcessRule.DELIVERABLES,
        deliverables=list(keys),
    )
