"""Drafts beyond the permission matrix: what pages quote of another document."""

import pytest
from django.urls import reverse

from schemes.models import MentorProfile

pytestmark = pytest.mark.django_db


def test_a_mentor_profile_lists_only_the_good_practices_its_reader_may_see(
    world, client_for
):
    profile, _ = MentorProfile.objects.get_or_create(
        programme=world.programme, city=world.mentor_city
    )
    profile.good_practices.set([world.public_practice, world.draft_practice])
    MentorProfile.objects.filter(pk=profile.pk).update(status="submitted")
    url = reverse("schemes:mentor_profile", args=[world.programme.slug, "schaerbeek"])
    mentee_page = client_for("mentee").get(url).content.decode()
    assert "Language café" in mentee_page
    assert "Draft idea" not in mentee_page
    assert "Draft idea" in client_for("mentor").get(url).content.decode()


def test_the_other_citys_draft_self_assessment_is_listed_but_not_opened(
    world, client_for
):
    url = reverse("schemes:scheme_assessments", args=[world.scheme.pk])
    link = f'href="{world.assessment.get_absolute_url()}"'
    mentor_page = client_for("mentor").get(url).content.decode()
    assert "Jelgava" in mentor_page and "not shared yet" in mentor_page
    assert link not in mentor_page
    assert link in client_for("mentee").get(url).content.decode()


@pytest.mark.parametrize(
    "build",
    [
        lambda w: w.scheme.visits.first().get_absolute_url(),
        lambda w: reverse(
            "schemes:visit_edit", args=[w.scheme.pk, w.scheme.visits.first().pk]
        ),
        lambda w: reverse("schemes:support_group", args=[w.scheme.pk, "jelgava"]),
        lambda w: reverse(
            "schemes:support_group_member_edit",
            args=[w.scheme.pk, "jelgava", w.member.pk],
        ),
    ],
)
def test_visits_and_support_groups_say_they_are_shared_working_documents(
    build, world, client_for
):
    page = client_for("mentee").get(build(world)).content.decode()
    assert "A shared working document: it has no draft stage" in page
