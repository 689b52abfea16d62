import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from schemes.models import Association, City, Organisation
from schemes.network.models.programmes import ParticipationRole
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_programme_cannot_end_before_it_starts():
    programme = factories.ProgrammeFactory.build(start_year=2023, end_year=2020)
    with pytest.raises(ValidationError) as error:
        programme.full_clean()
    assert "end_year" in error.value.message_dict


def test_the_database_also_refuses_years_out_of_order():
    with pytest.raises(IntegrityError):
        factories.ProgrammeFactory(start_year=2023, end_year=2020)


def test_an_association_cannot_be_a_mentee_city():
    participation = factories.ParticipationFactory.build(
        programme=factories.ProgrammeFactory(),
        organisation=factories.AssociationFactory(),
        role=ParticipationRole.MENTEE_CITY,
    )
    with pytest.raises(ValidationError) as error:
        participation.full_clean()
    assert "role" in error.value.message_dict


def test_a_city_can_be_a_mentor_city():
    participation = factories.ParticipationFactory.build(
        programme=factories.ProgrammeFactory(),
        organisation=factories.CityFactory(),
        role=ParticipationRole.MENTOR_CITY,
    )
    participation.full_clean()


def test_proxies_save_and_list_their_own_kind():
    city = City.objects.create(name="Ventspils", slug="ventspils", country="LV")
    association = Association.objects.create(name="Assoc", slug="assoc", country="LV")
    assert Organisation.objects.get(pk=city.pk).kind == "city"
    assert list(City.objects.all()) == [city]
    assert list(Association.objects.all()) == [association]


def test_an_association_shows_its_acronym():
    association = factories.AssociationFactory(name="Latvian Assoc", acronym="LALRG")
    assert association.display_name == "Latvian Assoc (LALRG)"


def test_text_written_only_in_latvian_shows_to_english_readers():
    from django.utils import translation

    from schemes.models import Programme

    with translation.override("lv"):
        programme = factories.ProgrammeFactory(name="Tikai latviski", slug="tikai")
    with translation.override("en"):
        assert Programme.objects.get(pk=programme.pk).name == "Tikai latviski"
