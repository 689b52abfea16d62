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
