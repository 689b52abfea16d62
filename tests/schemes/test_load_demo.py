import pytest
from django.core.management import call_command
from django.utils import translation

from incluportal.models import User
from schemes.models import (
    Association,
    City,
    Membership,
    Organisation,
    Participation,
    Programme,
    Scheme,
)
from schemes.network.models.programmes import ParticipationRole

pytestmark = pytest.mark.django_db

INCLUCITIES_PAIRS = {
    "capaci": "mechelen",
    "saint-jean-de-la-ruelle": "city-of-brussels",
    "livadia": "fuenlabrada",
    "jelgava": "schaerbeek",
}


def _counts():
    return [
        m.objects.count()
        for m in (Organisation, Programme, Participation, User, Membership)
    ]


def test_it_loads_the_inclucities_programme(capsys):
    call_command("load_demo")
    inclucities = Programme.objects.get(slug="inclucities")
    roles = {(p.organisation.slug, p.role) for p in inclucities.participations.all()}
    for mentee, mentor in INCLUCITIES_PAIRS.items():
        assert (mentee, ParticipationRole.MENTEE_CITY) in roles
        assert (mentor, ParticipationRole.MENTOR_CITY) in roles
    associations = {s for s, r in roles if r == ParticipationRole.ASSOCIATION}
    assert associations == {
        "kede", "afccre", "aiccre", "femp", "brulocalis", "vvsg", "lalrg",
    }  # fmt: skip
    assert ("cemr", ParticipationRole.COORDINATOR) in roles
    assert inclucities.start_year == 2020 and inclucities.end_year == 2023
    city_slugs = set(
        City.objects.filter(programmes=inclucities).values_list("slug", flat=True)
    )
    assert len(city_slugs) == 8
    assert "incluportal-demo" in capsys.readouterr().out


def test_it_is_idempotent():
    call_command("load_demo")
    first = _counts()
    call_command("load_demo")
    assert _counts() == first


def test_its_content_is_bilingual():
    call_command("load_demo")
    lalrg = Association.objects.get(slug="lalrg")
    with translation.override("lv"):
        assert lalrg.name == "Latvijas Pašvaldību savienība"
        assert lalrg.acronym == "LPS"
    with translation.override("en"):
        assert lalrg.acronym == "LALRG"


def test_demo_users_have_their_roles():
    call_command("load_demo")
    jelgava_user = User.objects.get(email="jelgava@incluportal.test")
    assert jelgava_user.check_password("incluportal-demo")
    inclucities = Programme.objects.get(slug="inclucities")
    coordinator = User.objects.get(email="coordinator@incluportal.test")
    assert inclucities.is_coordinated_by(coordinator)
    assert not inclucities.is_coordinated_by(jelgava_user)
    riga = User.objects.get(email="riga@incluportal.test")
    assert not Programme.objects.visible_to(riga).filter(slug="inclucities").exists()


def test_the_content_loads_alone_without_users():
    call_command("loaddata", "demo_programmes", verbosity=0)
    assert Programme.objects.count() == 2
    assert User.objects.count() == 0


def test_the_partners_of_the_demo_support_their_schemes():
    call_command("load_demo")
    call_command("load_demo")
    inclucities = Programme.objects.get(slug="inclucities")
    migrationwork = inclucities.participations.get(organisation__slug="migrationwork")
    assert migrationwork.role == ParticipationRole.METHOD_COORDINATOR
    assert migrationwork.all_schemes
    adviser = User.objects.get(email="migrationwork@incluportal.test")
    assert Scheme.objects.visible_to(adviser).count() == inclucities.schemes.count()
    assert not inclucities.is_coordinated_by(adviser)
    partner = User.objects.get(email="partner@incluportal.test")
    assert partner.check_password("incluportal-demo")
    seed_003 = Programme.objects.visible_to(partner).get()
    assert seed_003.slug == "intercultural-partnership"
    assert seed_003.participations.filter(
        organisation__slug="radosas-idejas",
        role=ParticipationRole.TECHNICAL_PARTNER,
        all_schemes=True,
    ).exists()
    assert not Scheme.objects.visible_to(partner).filter(programme=inclucities)
