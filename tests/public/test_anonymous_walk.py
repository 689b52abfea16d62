"""Signed out, nothing unpublished or confidential is reachable.

A world holding confidential texts (markers) and published ones; then EVERY
URL pattern of the project, walked from the resolver as the permission
matrix does, requested anonymously with GET and HEAD, each parameter filled
with every candidate its name calls for (the pks of all the world's
objects, every slug, every public language…). No answer may hold a marker;
a URL that is not public must send the visitor to sign in (or answer 404 or
405); the public pages must show the published texts (so that the test
could fail). A parameter the walk does not know fails the test: a URL added
later cannot slip past it.
"""

import itertools

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import reverse

from incluportal.documents import kinds
from schemes.models import (
    ActionPlanRow,
    ActionPlanVersion,
    CityGuide,
    GuideEntry,
    GuidePublication,
    Organisation,
    Programme,
    SupportGroupMember,
    Visit,
)
from schemes.public.services import guide_publish, guide_withdraw
from schemes.work import annexes
from schemes.work.services.good_practices import good_practice_publish
from tests.public.practices import approved_practice
from tests.test_permissions import named_patterns

pytestmark = pytest.mark.django_db

# Texts nobody signed out may read.
MARKERS = {
    "draft practice": "SECRET-DRAFT-PRACTICE-7F3",
    "submitted practice": "SECRET-SUBMITTED-PRACTICE-7F3",
    "approved, unpublished practice": "SECRET-APPROVED-UNPUBLISHED-7F3",
    "edited after it was published": "SECRET-EDITED-AFTER-PUBLISHING-7F3",
    "contact person of a published practice": "SECRET-CONTACT-PERSON-7F3",
    "needs analysis": "SECRET-NEEDS-ANALYSIS-7F3",
    "action plan": "SECRET-ACTION-PLAN-7F3",
    "support group member": "SECRET-SUPPORT-MEMBER-7F3",
    "visit": "SECRET-VISIT-7F3",
    "draft-only city page": "SECRET-DRAFT-SERVICE-7F3",
    "withdrawn city page": "SECRET-WITHDRAWN-PAGE-7F3",
    "unpublished change of a published page": "SECRET-UNPUBLISHED-CHANGE-7F3",
}
# Texts the public pages must show.
PUBLISHED = {
    "published practice": "PUBLISHED-PRACTICE-TEXT-7F3",
    "published city page": "PUBLISHED-SERVICE-TEXT-7F3",
}

# Anyone may read these: the public face, the front page, signing in and
# its password reset, an invitation's page (its token is the secret).
OPEN = {
    "home",
    "healthz",
    "login",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "invitation_accept",
    "set_language",
}


def _is_open(name):
    return name in OPEN or name.startswith(("public:", "public_root:"))


def _patterns():
    """(name, converters) of every named URL, as the permission matrix walks
    them."""
    for name, pattern in named_patterns():
        yield name, pattern.pattern.converters


def _world_with_secrets(world):
    users = world.users
    draft = world.draft_practice
    draft.description = MARKERS["draft practice"]
    draft.save()
    world.public_practice.rationale = MARKERS["submitted practice"]
    world.public_practice.save()
    approved_practice(
        world.mentor_city,
        title="Approved, kept inside",
        description=MARKERS["approved, unpublished practice"],
    )
    published = approved_practice(
        world.mentor_city,
        title="Published practice",
        description=PUBLISHED["published practice"],
        contact=MARKERS["contact person of a published practice"],
    )
    published.themes.add(world.benchmark.theme)
    good_practice_publish(practice=published, by=users["mentor"])
    published.description = MARKERS["edited after it was published"]
    published.save()

    needs = world.scheme.needs_analysis
    text_field = next(
        f
        for part in annexes.NEEDS_ANALYSIS.parts
        for f in part.fields
        if f.kind == annexes.FieldKind.TEXT
    )
    setattr(needs, text_field.name, MARKERS["needs analysis"])
    needs.save()
    ActionPlanRow.objects.filter(pk=world.row.pk).update(action=MARKERS["action plan"])
    SupportGroupMember.objects.filter(pk=world.member.pk).update(
        name=MARKERS["support group member"]
    )
    Visit.objects.create(
        scheme=world.scheme,
        order=99,
        host_city=world.mentor_city,
        purpose="Study visit",
        notes=MARKERS["visit"],
    )

    # Jelgava's page: published, then changed without publishing again.
    jelgava = CityGuide.objects.create(
        city=world.mentee_city, city_language="lv", extra_languages=["uk"]
    )
    entry = GuideEntry.objects.create(
        guide=jelgava,
        category="language",
        title={"lv": "Valodas kursi", "en": PUBLISHED["published city page"]},
    )
    guide_publish(guide=jelgava, by=users["mentee"])
    entry.description = {"en": MARKERS["unpublished change of a published page"]}
    entry.save()
    # Schaerbeek's page: published, then withdrawn.
    schaerbeek = CityGuide.objects.create(
        city=world.mentor_city, city_language="fr", extra_languages=["ar"]
    )
    GuideEntry.objects.create(
        guide=schaerbeek,
        category="legal",
        title={"en": MARKERS["withdrawn city page"]},
    )
    guide_publish(guide=schaerbeek, by=users["mentor"])
    guide_withdraw(guide=schaerbeek, by=users["mentor"])
    # Riga's page: drafts only.
    riga = CityGuide.objects.create(city=world.other_city, city_language="lv")
    GuideEntry.objects.create(
        guide=riga, category="housing", title={"en": MARKERS["draft-only city page"]}
    )


def _every_pk():
    """The primary keys of all the world's objects (not their history)."""
    pks = set()
    for model in apps.get_models():
        if model._meta.app_label not in ("schemes", "benchmarks", "incluportal"):
            continue
        if model.__name__.startswith("Historical") or model._meta.auto_created:
            continue
        pks.update(model._base_manager.values_list("pk", flat=True))
    return sorted(pk for pk in pks if isinstance(pk, int)) + [999_999]


def _candidates():
    """Candidate values for each parameter name."""
    slugs = sorted(
        {
            *Organisation.objects.values_list("slug", flat=True),
            *Programme.objects.values_list("slug", flat=True),
            *apps.get_model("benchmarks", "Benchmark").objects.values_list(
                "slug", flat=True
            ),
            "no-such-thing",
        }
    )
    cities = sorted({*Organisation.objects.cities().values_list("slug", flat=True)})
    parts = sorted(
        {part.key for template in annexes.TEMPLATES.values() for part in template.parts}
    )
    numbers = sorted(
        {
            *ActionPlanVersion.objects.values_list("number", flat=True),
            *GuidePublication.objects.values_list("number", flat=True),
            99,
        }
    )
    return {
        "pk": _every_pk(),
        "scheme_pk": _every_pk(),
        "row_pk": [*ActionPlanRow.objects.values_list("pk", flat=True), 999_999],
        "visit_pk": [*Visit.objects.values_list("pk", flat=True), 999_999],
        "member_pk": [*SupportGroupMember.objects.values_list("pk", flat=True), 9999],
        "number": numbers,
        "slug": slugs,
        "programme_slug": slugs,
        "city_slug": cities,
        "city": cities,
        "language": [*settings.PUBLIC_LANGUAGES, "xx"],
        "doc_type": sorted(kind.key for kind in kinds()),
        "action": ["submit", "approve", "return", "reopen", "agree", "publish"],
        "direction": ["up", "down"],
        "step": ["needs-analysis", "action-plan", "x"],
        "part_key": [*parts, "x"],
        "key": ["organisations", "schemes", "x"],
        "token": ["not-a-token", "x" * 40],
        "uidb64": ["MQ", "Mg"],
    }


def _urls(candidates):
    """(name, url) for every pattern and every combination of candidates;
    an unknown parameter fails the walk, naming it."""
    doc_models = {kind.key: kind.model for kind in kinds()}
    unknown = []
    for name, converters in _patterns():
        params = list(converters)
        missing = [p for p in params if p not in candidates]
        if missing:
            unknown += [f"{name}: {p}" for p in missing]
            continue
        values = [candidates[p] for p in params]
        for combination in itertools.product(*values):
            kwargs = dict(zip(params, combination, strict=True))
            if "doc_type" in kwargs and "pk" in kwargs:
                # A document's pk, of its kind (every kind's pk otherwise).
                model = doc_models[kwargs["doc_type"]]
                if not model._base_manager.filter(pk=kwargs["pk"]).exists():
                    continue
            url = reverse(name, kwargs=kwargs)
            yield name, url
            if name.startswith("public:") and "language" not in kwargs:
                # A public page chooses its language from ``?lang=`` too.
                for code in candidates["language"]:
                    yield name, f"{url}?lang={code}"
    assert unknown == [], f"the anonymous walk knows no candidates for {unknown}"


def test_anonymous_visitors_read_only_what_is_published(world, client, settings):
    settings.PUBLIC_RATE_LIMIT = 0  # off: and the walk counts nothing either
    _world_with_secrets(world)
    login = reverse("login")
    leaks, refused_wrongly, seen_published, walked = [], [], set(), set()
    for name, url in _urls(_candidates()):
        walked.add(name)
        for method in ("get", "head"):
            response = getattr(client, method)(url)
            status = response.status_code
            body = response.content.decode(errors="replace") if method == "get" else ""
            location = response.get("Location", "")
            leaks += [
                f"{method.upper()} {url}: {what}"
                for what, marker in MARKERS.items()
                if marker in body or marker in location
            ]
            seen_published.update(
                what for what, text in PUBLISHED.items() if text in body
            )
            if _is_open(name):
                ok = status in (200, 204, 301, 302, 304, 404, 405)
            else:
                ok = status in (404, 405) or (
                    status == 302 and location.startswith(login)
                )
            if not ok:
                refused_wrongly.append(f"{method.upper()} {url}: {status} {location}")
    assert leaks == []
    assert refused_wrongly == []
    assert seen_published == set(PUBLISHED)
    # Every named URL was walked (none lacked a candidate).
    assert walked == {name for name, _converters in _patterns()}
    assert len(walked) > 100


def test_a_parameter_the_walk_does_not_know_fails_it(world):
    candidates = _candidates()
    del candidates["row_pk"]
    with pytest.raises(AssertionError) as failure:
        list(_urls(candidates))
    assert "schemes:action_plan_row_detail: row_pk" in str(failure.value)
