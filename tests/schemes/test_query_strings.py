"""Odd query strings are read as nothing, never a 500.

A short name with a NUL character was looked up as it came, which
PostgreSQL refuses (a 500 there); a version to compare with that is not a
number was a 500 on every database.
"""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _programme(name):
    return lambda w: reverse(name, args=[w.programme.slug])


PAGES = [
    ("mentor", lambda w: reverse("schemes:good_practice_create"), "city", 200),
    ("coordinator", _programme("schemes:scheme_create"), "mentee_city", 200),
    ("coordinator", _programme("schemes:scheme_create"), "benchmark", 200),
    ("coordinator", _programme("schemes:matching"), "mentee", 404),
    ("coordinator", _programme("schemes:matching"), "benchmark", 404),
    ("coordinator", _programme("schemes:matching_all"), "benchmark", 200),
]


@pytest.mark.parametrize(("persona", "build", "name", "status"), PAGES)
def test_a_short_name_with_a_null_character_finds_nothing(
    world, client_for, persona, build, name, status
):
    response = client_for(persona).get(build(world), {name: "jelgava\x00"})
    assert response.status_code == status


def test_a_proposed_pair_with_a_null_character_creates_nothing(world, client_for):
    from schemes.models import Scheme

    count = Scheme.objects.count()
    response = client_for("coordinator").post(
        reverse("schemes:matching_all", args=[world.programme.slug]),
        {"pair": "jelgava\x00|schaerbeek|language-learning"},
    )
    assert response.status_code == 404
    assert Scheme.objects.count() == count


@pytest.mark.parametrize("compare", ["abc", "1.5", "²", "-1", "99999999999999999999"])
def test_a_version_to_compare_that_is_not_one_compares_nothing(
    world, client_for, compare
):
    url = reverse("schemes:action_plan_version", args=[world.scheme.pk, 1])
    response = client_for("mentee").get(url, {"compare": compare})
    assert response.status_code == 200
    assert response.context["compare"] is None
