"""The benchmark content the portal ships, in English, Latvian and French."""

import pytest
from django.core.management import call_command
from django.utils import translation

from benchmarks.models import Benchmark, FrameworkKind, GuidingQuestion, KeyFactor

pytestmark = pytest.mark.django_db

LANGUAGE_FACTORS = [
    "Leadership and public commitment",
    "Mapping language-learning needs and opportunities",
    "Defining language-learning support actions",
    "Coordination between providers of language-learning opportunities",
    "Language-learning support adaptable in time and place to different life "
    "circumstances",
    "Providing different learning modes and goals",
    "Combining language training with volunteering, work placements and employment",
    "Supporting volunteering and language learning in non-formal settings",
    "Harnessing digital learning tools and blended learning",
    "Municipalities / LRG associations improve multi-level coordination of "
    "language-learning support",
    "Monitoring and evaluation",
]


@pytest.fixture
def loaded():
    call_command("loaddata", "benchmarks_inclucities", "benchmarks_unhcr", verbosity=0)


def test_the_language_learning_benchmark_is_whole(loaded):
    benchmark = Benchmark.objects.get(slug="language-learning")
    assert benchmark.kind == FrameworkKind.BENCHMARK
    assert benchmark.contextual_factors.count() == 7
    factors = list(benchmark.key_factors.order_by("number"))
    assert [kf.number for kf in factors] == list(range(1, 12))
    assert all(kf.why_and_how_en and kf.why_and_how_lv for kf in factors)
    assert all(kf.questions.exists() for kf in factors)
    assert GuidingQuestion.objects.filter(key_factor__benchmark=benchmark).count() >= 28


def test_its_key_factor_titles_match_the_content_spec(loaded):
    titles = list(
        KeyFactor.objects.filter(benchmark__slug="language-learning")
        .order_by("number")
        .values_list("title_en", flat=True)
    )
    normalise = [t.replace("–", "-").casefold() for t in titles]
    assert normalise == [t.casefold() for t in LANGUAGE_FACTORS]


def test_it_reads_in_latvian_with_proper_diacritics(loaded):
    benchmark = Benchmark.objects.get(slug="language-learning")
    with translation.override("lv"):
        assert benchmark.title == "Atbalsts valodu apguvei formālā un neformālā vidē"
        first = benchmark.key_factors.get(number=1)
        assert first.title == "Vadība un sabiedriskā apņemšanās"
        assert first.questions.first().text.startswith("Vai politiskie līderi")
    with translation.override("en"):
        assert first.questions.first().text.startswith("Do political leaders")


def test_the_language_learning_benchmark_is_whole_in_french(loaded):
    benchmark = Benchmark.objects.get(slug="language-learning")
    assert benchmark.title_fr and benchmark.rationale_fr and benchmark.scope_fr
    assert benchmark.theme.name_fr
    assert all(cf.text_fr for cf in benchmark.contextual_factors.all())
    for kf in benchmark.key_factors.all():
        assert kf.title_fr and kf.why_and_how_fr, kf.number
        # Practical tips where English has them, and nowhere else.
        assert bool(kf.practical_tips_fr) == bool(kf.practical_tips_en), kf.number
        assert all(q.text_fr for q in kf.questions.all()), kf.number
        for example in kf.examples.all():
            assert example.title_fr, example
            assert bool(example.text_fr) == bool(example.text_en), example
    # Typographic apostrophes throughout, and no English left in French.
    texts = [
        benchmark.rationale_fr,
        *(kf.why_and_how_fr for kf in benchmark.key_factors.all()),
    ]
    assert not any("'" in text for text in texts)
    assert not any(" the " in text for text in texts)


def test_it_reads_in_french(loaded):
    benchmark = Benchmark.objects.get(slug="language-learning")
    with translation.override("fr"):
        assert benchmark.title == (
            "Soutien à l’apprentissage de la langue en contexte formel et non formel"
        )
        first = benchmark.key_factors.get(number=1)
        assert first.title == "Leadership et engagement public"
        assert first.questions.first().text.startswith(
            "Les responsables politiques soulignent-ils"
        )
        tenth = benchmark.key_factors.get(number=10)
        assert "LRG" not in tenth.title
        # A text the French content lacks reads in English, not empty.
        question = GuidingQuestion.objects.filter(
            key_factor__benchmark__slug="unhcr-key-areas"
        ).first()
        assert question.text == question.text_en


def test_every_shipped_benchmark_has_its_french_title(loaded):
    for benchmark in Benchmark.objects.all():
        assert benchmark.title_fr, benchmark.slug
        assert all(kf.title_fr for kf in benchmark.key_factors.all()), benchmark.slug


def test_the_other_three_themes_have_their_benchmark(loaded):
    for slug in ["gender-sensitive-integration", "city-for-all", "labour-market"]:
        benchmark = Benchmark.objects.get(slug=slug)
        assert benchmark.theme.slug == slug
        assert benchmark.title_en and benchmark.title_lv


def test_the_unhcr_frameworks_are_checklists_and_criteria(loaded):
    areas = Benchmark.objects.get(slug="unhcr-key-areas")
    criteria = Benchmark.objects.get(slug="unhcr-good-practice-criteria")
    assert areas.kind == FrameworkKind.CHECKLIST
    assert criteria.kind == FrameworkKind.CRITERIA
    assert areas.key_factors.count() == 6
    assert criteria.key_factors.count() == 5
    for kf in [*areas.key_factors.all(), *criteria.key_factors.all()]:
        assert kf.questions.count() >= 4, kf
        assert all(q.text_en and q.text_lv for q in kf.questions.all())
    assert areas.labels["questions"] == "checklist items"


def test_loading_twice_doubles_nothing(loaded):
    counts = [KeyFactor.objects.count(), GuidingQuestion.objects.count()]
    call_command("loaddata", "benchmarks_inclucities", "benchmarks_unhcr", verbosity=0)
    assert [KeyFactor.objects.count(), GuidingQuestion.objects.count()] == counts
