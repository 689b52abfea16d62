import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from benchmarks.models import Benchmark
from schemes.coordination.matching import propose_pairing, rank_mentors
from schemes.models import MentorProfile, Organisation, Programme
from tests import factories

pytestmark = pytest.mark.django_db


def test_schaerbeek_ranks_first_for_jelgava_on_language_learning(client):
    call_command("load_demo", verbosity=0)
    programme = Programme.objects.get(slug="inclucities")
    jelgava = Organisation.objects.get(slug="jelgava")
    benchmark = Benchmark.objects.get(slug="language-learning")
    mentors = list(Organisation.objects.filter(participations__role="mentor_city"))
    ranking = rank_mentors(
        programme=programme, mentee=jelgava, benchmark=benchmark, candidates=mentors
    )
    assert ranking[0].mentor.slug == "schaerbeek"
    best = ranking[0]
    assert any(kf.number == 2 for kf, _evidence in best.factors)
    # The demo's good practices of Schaerbeek (fixtures/demo_documents.json).
    assert "CAMIM — House of Immersion" in [gp.title for gp in best.practices]
    assert all(gp.city.slug == "schaerbeek" for gp in best.practices)

    from incluportal.models import User

    client.force_login(User.objects.get(email="coordinator@incluportal.test"))
    html = client.get(
        reverse("schemes:matching", args=["inclucities"]), {"mentee": "jelgava"}
    ).content.decode()
    assert html.index("Schaerbeek") < html.index("Mechelen")
    assert "CAMIM — House of Immersion" in html
    assert "Mapping language-learning needs and opportunities" in html


@pytest.fixture
def setting(db):
    """A mentee and two mentors equally strong on the benchmark."""
    programme = factories.ProgrammeFactory()
    benchmark = factories.benchmark_with_factors(count=4)
    mentee = factories.CityFactory(
        country="LV", population=50_000, working_languages="en"
    )
    a = factories.CityFactory(
        name="Alpha", country="BE", population=50_000, working_languages="en"
    )
    b = factories.CityFactory(
        name="Beta", country="BE", population=50_000, working_languages="en"
    )
    for city in (a, b):
        profile = MentorProfile.objects.create(programme=programme, city=city)
        profile.key_factors.set(benchmark.key_factors.all())
    return programme, benchmark, mentee, a, b


def _order(programme, benchmark, mentee, *candidates):
    ranking = rank_mentors(
        programme=programme, mentee=mentee, benchmark=benchmark, candidates=candidates
    )
    return [s.mentor.name for s in ranking]


def test_equal_mentors_tie_by_name(setting):
    programme, benchmark, mentee, a, b = setting
    assert _order(programme, benchmark, mentee, b, a) == ["Alpha", "Beta"]


def test_a_similar_size_moves_a_mentor_up(setting):
    programme, benchmark, mentee, a, b = setting
    a.population = 900_000
    a.save()
    assert _order(programme, benchmark, mentee, a, b) == ["Beta", "Alpha"]


def test_the_same_governance_context_moves_a_mentor_up(setting):
    programme, benchmark, mentee, a, b = setting
    b.country = "LV"
    b.save()
    assert _order(programme, benchmark, mentee, a, b) == ["Beta", "Alpha"]


def test_strength_on_the_gaps_outweighs_size(setting):
    programme, benchmark, mentee, a, b = setting
    b.population = 500_000
    b.save()
    MentorProfile.objects.get(city=a).key_factors.clear()
    assert _order(programme, benchmark, mentee, a, b) == ["Beta", "Alpha"]


def test_every_point_is_explained(setting):
    programme, benchmark, mentee, a, b = setting
    best = rank_mentors(
        programme=programme, mentee=mentee, benchmark=benchmark, candidates=[a]
    )[0]
    assert round(sum(points for points, _ in best.reasons), 1) == best.score
    assert len(best.factors) == 4


@pytest.mark.parametrize(
    "language, population", [("en", "900,000"), ("lv", "900\xa0000")]
)
def test_populations_are_written_as_the_reader_writes_numbers(
    setting, language, population
):
    programme, benchmark, mentee, a, b = setting
    a.population = 900_000
    a.save()
    with translation.override(language):
        best = rank_mentors(
            programme=programme, mentee=mentee, benchmark=benchmark, candidates=[a]
        )[0]
        reasons = [str(text) for _points, text in best.reasons]
    assert any(population in text for text in reasons), reasons


def test_the_programme_wide_proposal_uses_each_mentor_once(setting):
    programme, benchmark, mentee, a, b = setting
    second = factories.CityFactory(
        country="BE", population=50_000, working_languages="en"
    )
    pairs = propose_pairing(
        programme=programme,
        mentees=[mentee, second],
        mentors=[a, b],
        benchmark_for=lambda m: benchmark,
    )
    mentors = [s.mentor for _m, s in pairs]
    assert None not in mentors and len(set(mentors)) == 2


def test_the_proposal_page_creates_the_ticked_schemes(client):
    call_command("load_demo", verbosity=0)
    from incluportal.models import User
    from schemes.models import Participation, Scheme

    programme = Programme.objects.get(slug="inclucities")
    newcomer = factories.CityFactory(name="Ventspils", country="LV", population=33_000)
    Participation.objects.create(
        programme=programme, organisation=newcomer, role="mentee_city"
    )
    client.force_login(User.objects.get(email="coordinator@incluportal.test"))
    url = reverse("schemes:matching_all", args=["inclucities"])
    html = client.get(url, {"benchmark": "language-learning"}).content.decode()
    assert "Ventspils" in html and "Create the ticked schemes" in html
    before = Scheme.objects.count()
    response = client.post(url, {"pair": ["ventspils|schaerbeek|language-learning"]})
    assert response.status_code == 302
    assert Scheme.objects.count() == before + 1


def test_matching_points_to_an_existing_scheme_instead_of_creating_it(client):
    call_command("load_demo", verbosity=0)
    from incluportal.models import User

    client.force_login(User.objects.get(email="coordinator@incluportal.test"))
    html = client.get(
        reverse("schemes:matching", args=["inclucities"]), {"mentee": "jelgava"}
    ).content.decode()
    first = html.index("Schaerbeek")
    assert "already have a scheme" in html[first : first + 3000]
