"""The permission audit: every URL of the project, every persona, one table.

A URL added without an entry here fails ``test_every_url_is_declared``, so
no view can ship without its access rules being written down and tested.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import PERSONAS

pytestmark = pytest.mark.django_db

SIGNED_IN = [p for p in PERSONAS if p != "anonymous"]
# Take part in the programme / in the scheme of the world fixture.
PROGRAMME_PEOPLE = ["coordinator", "mentee", "mentor", "association", "other_scheme"]
SCHEME_PEOPLE = ["coordinator", "mentee", "mentor", "association"]


def expect(anonymous, **by_persona):
    """Expected status per persona; ``everyone_else`` fills the rest."""
    rest = by_persona.pop("everyone_else", None)
    table = {"anonymous": anonymous}
    for persona in SIGNED_IN:
        table[persona] = by_persona.get(persona, rest)
    return table


def _all(status):
    return dict.fromkeys(PERSONAS, status)


# url name -> (method, how to build the url from the world, expected statuses)
# 302 for anonymous means "sent to sign-in" (checked below).
MATRIX = {
    "home": ("get", lambda w: reverse("home"), expect(302, everyone_else=200)),
    "healthz": ("get", lambda w: reverse("healthz"), _all(200)),
    "login": ("get", lambda w: reverse("login"), expect(200, everyone_else=302)),
    "logout": ("post", lambda w: reverse("logout"), _all(302)),
    "password_change": (
        "get",
        lambda w: reverse("password_change"),
        expect(302, everyone_else=200),
    ),
    "password_change_done": (
        "get",
        lambda w: reverse("password_change_done"),
        expect(302, everyone_else=200),
    ),
    "password_reset": ("get", lambda w: reverse("password_reset"), _all(200)),
    "password_reset_done": ("get", lambda w: reverse("password_reset_done"), _all(200)),
    "password_reset_confirm": (
        "get",
        lambda w: reverse("password_reset_confirm", args=["MQ", "bad-token"]),
        _all(200),
    ),
    "password_reset_complete": (
        "get",
        lambda w: reverse("password_reset_complete"),
        _all(200),
    ),
    "set_language": ("post", lambda w: reverse("set_language"), _all(302)),
    "schemes:programme_list": (
        "get",
        lambda w: reverse("schemes:programme_list"),
        expect(302, everyone_else=200),
    ),
    "schemes:programme_detail": (
        "get",
        lambda w: w.programme.get_absolute_url(),
        expect(302, **dict.fromkeys(PROGRAMME_PEOPLE, 200), everyone_else=404),
    ),
    "schemes:organisation_detail": (
        "get",
        lambda w: w.mentee_city.get_absolute_url(),
        expect(302, **dict.fromkeys(PROGRAMME_PEOPLE, 200), everyone_else=404),
    ),
    "schemes:scheme_detail": (
        "get",
        lambda w: w.scheme.get_absolute_url(),
        expect(302, **dict.fromkeys(SCHEME_PEOPLE, 200), everyone_else=404),
    ),
    "benchmarks:benchmark_list": (
        "get",
        lambda w: reverse("benchmarks:benchmark_list"),
        expect(302, everyone_else=200),
    ),
    "benchmarks:benchmark_detail": (
        "get",
        lambda w: w.benchmark.get_absolute_url(),
        expect(302, everyone_else=200),
    ),
    "benchmarks:benchmark_export": (
        "get",
        lambda w: reverse("benchmarks:benchmark_export") + "?format=csv",
        expect(302, coordinator=200, other_coordinator=200, everyone_else=403),
    ),
    "benchmarks:benchmark_import": (
        "get",
        lambda w: reverse("benchmarks:benchmark_import"),
        expect(302, coordinator=200, other_coordinator=200, everyone_else=403),
    ),
    "benchmarks:scheme_assessments": (
        "get",
        lambda w: reverse("benchmarks:scheme_assessments", args=[w.scheme.pk]),
        expect(302, **dict.fromkeys(SCHEME_PEOPLE, 200), everyone_else=404),
    ),
    "benchmarks:assessment_start": (
        "post",
        lambda w: reverse("benchmarks:assessment_start", args=[w.scheme.pk]),
        # Only the city itself starts its assessment (the final round here:
        # the baseline exists already and is refused as a message + 302).
        expect(
            302,
            **{**dict.fromkeys(SCHEME_PEOPLE, 403), "mentee": 302},
            everyone_else=404,
        ),
        lambda w: {"city": w.mentee_city.pk, "round": "baseline"},
    ),
    "benchmarks:assessment_detail": (
        "get",
        lambda w: w.assessment.get_absolute_url(),
        expect(302, **dict.fromkeys(SCHEME_PEOPLE, 200), everyone_else=404),
    ),
    "benchmarks:assessment_edit": (
        "get",
        lambda w: reverse("benchmarks:assessment_edit", args=[w.assessment.pk]),
        expect(
            302,
            **{**dict.fromkeys(SCHEME_PEOPLE, 403), "mentee": 200},
            everyone_else=404,
        ),
    ),
    "benchmarks:assessment_submit": (
        "post",
        lambda w: reverse("benchmarks:assessment_submit", args=[w.assessment.pk]),
        expect(
            302,
            **{**dict.fromkeys(SCHEME_PEOPLE, 403), "mentee": 302},
            everyone_else=404,
        ),
    ),
}

# The admin has its own permission system (is_staff); it is tested in
# tests/incluportal/test_admin.py rather than URL by URL here.
EXCLUDED_NAMESPACES = {"admin"}


def _named_urls(resolver=None, namespace=None):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or namespace
            if ns in EXCLUDED_NAMESPACES:
                continue
            full_ns = (
                f"{namespace}:{pattern.namespace}"
                if namespace and pattern.namespace
                else ns
            )
            yield from _named_urls(pattern, full_ns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_every_url_is_declared():
    undeclared = sorted(set(_named_urls()) - set(MATRIX))
    assert undeclared == [], f"add these URLs to the permission MATRIX: {undeclared}"


def test_matrix_has_no_stale_entries():
    assert sorted(set(MATRIX) - set(_named_urls())) == []


CASES = [(name, persona) for name in MATRIX for persona in PERSONAS]


@pytest.mark.parametrize(("url_name", "persona"), CASES)
def test_permission_matrix(url_name, persona, world, client_for):
    method, build, expected, *data = MATRIX[url_name]
    url = build(world)
    payload = data[0](world) if data else {}
    response = getattr(client_for(persona), method)(url, payload)
    assert response.status_code == expected[persona], (
        f"{persona} {method.upper()} {url}: {response.status_code}, "
        f"expected {expected[persona]}"
    )
    if persona == "anonymous" and expected[persona] == 302 and method == "get":
        assert response.url.startswith(reverse("login")), response.url
