"""A document's status line links to its history only for those who may
read it: a draft shown to someone it is not shared with yet says so, with no
link to a page that would answer 404."""

import re

import pytest
from django.urls import reverse

from schemes.models import MentorProfile

pytestmark = pytest.mark.django_db


def _profile_page(world, client_for, persona):
    url = reverse(
        "schemes:mentor_profile", args=[world.programme.slug, world.mentor_city.slug]
    )
    response = client_for(persona).get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_draft_profile_links_to_its_history_for_its_readers_only(world, client_for):
    profile = MentorProfile.objects.get(
        programme=world.programme, city=world.mentor_city
    )
    history = reverse("schemes:history", args=["mentor-profile", profile.pk])
    assert profile.status == "draft"
    for persona in ("mentor", "coordinator"):
        assert f'href="{history}"' in _profile_page(world, client_for, persona)
        assert client_for(persona).get(history).status_code == 200
    page = _profile_page(world, client_for, "mentee")
    assert f'href="{history}"' not in page
    assert client_for("mentee").get(history).status_code == 404


def _document_pages(world):
    scheme = world.scheme
    visit = scheme.visits.order_by("order").first()
    return [
        scheme.get_absolute_url(),
        reverse("schemes:needs_analysis", args=[scheme.pk]),
        reverse("schemes:scope", args=[scheme.pk]),
        reverse("schemes:action_plan", args=[scheme.pk]),
        reverse("schemes:visit_detail", args=[scheme.pk, visit.pk]),
        reverse("schemes:support_group", args=[scheme.pk, "jelgava"]),
        reverse("schemes:support_group", args=[scheme.pk, "schaerbeek"]),
        reverse("schemes:scheme_assessments", args=[scheme.pk]),
        reverse("schemes:assessment_detail", args=[world.assessment.pk]),
        reverse(
            "schemes:mentor_profile",
            args=[world.programme.slug, world.mentor_city.slug],
        ),
        world.public_practice.get_absolute_url(),
        world.draft_practice.get_absolute_url(),
    ]


@pytest.mark.parametrize(
    "persona",
    [
        "coordinator",
        "mentee",
        "mentor",
        "association",
        "mentor_association",
        "partner",
        "other_scheme",
        "other_programme",
    ],
)
def test_every_history_link_a_persona_sees_answers(world, client_for, persona):
    client = client_for(persona)
    broken, shown = [], 0
    for page in _document_pages(world):
        response = client.get(page)
        if response.status_code != 200:
            continue
        for link in re.findall(
            r'href="([^"]*/history/[^"]*)"', response.content.decode()
        ):
            shown += 1
            status = client.get(link.replace("&amp;", "&")).status_code
            if status != 200:
                broken.append((page, link, status))
    assert broken == []
    if persona in ("coordinator", "mentee", "mentor"):
        assert shown  # the links are there for those who may follow them


def test_the_other_sides_draft_self_assessment_shows_no_history_link(world, client_for):
    # The mentee city's baseline is a draft: the mentor city cannot read it,
    # nor its history, even on a page that names it.
    history = reverse("schemes:history", args=["self-assessment", world.assessment.pk])
    assert client_for("mentor").get(history).status_code == 404
    for page in _document_pages(world):
        response = client_for("mentor").get(page)
        assert history not in response.content.decode(), page
    html = (
        client_for("mentee")
        .get(reverse("schemes:assessment_detail", args=[world.assessment.pk]))
        .content.decode()
    )
    assert f'href="{history}"' in html


def test_the_history_link_is_shown_only_to_those_who_may_read_the_history(world, rf):
    # Whatever page includes it: the link asks the history page's own rule.
    from django.template.loader import render_to_string

    history = reverse("schemes:history", args=["self-assessment", world.assessment.pk])
    for persona, shown in [
        ("mentee", True),
        ("coordinator", True),
        ("mentor", False),  # the other side's draft
        ("association", False),
        ("other_programme", False),
    ]:
        request = rf.get("/")
        request.user = world.users[persona]
        html = render_to_string(
            "includes/history_link.html",
            {"object": world.assessment},
            request=request,
        )
        assert (history in html) is shown, persona
        code = 200 if shown else 404
        assert _client_status(world, persona, history) == code, persona


def _client_status(world, persona, url):
    from django.test import Client

    client = Client()
    client.force_login(world.users[persona])
    return client.get(url).status_code
