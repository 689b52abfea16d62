import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from schemes import services

pytestmark = pytest.mark.django_db


def test_default_visits_come_with_their_typical_agenda(world):
    visits = list(world.scheme.visits.prefetch_related("agenda_items"))
    assert [v.order for v in visits] == [1, 2, 3]
    assert [len(v.agenda_items.all()) for v in visits] == [4, 4, 3]
    assert "good practice" in visits[0].agenda_items.all()[2].text


def test_visits_are_added_reordered_and_removed(world):
    mentor = world.users["mentor"]
    added = services.visit_create(
        scheme=world.scheme, by=mentor, host_city=None, purpose="Online check-in"
    )
    assert added.order == 4
    services.visit_move(visit=added, by=mentor, offset=-1)
    orders = list(world.scheme.visits.values_list("purpose", flat=True))
    assert orders[2] == "Online check-in"
    services.visit_delete(visit=world.scheme.visits.get(order=1), by=mentor)
    assert list(world.scheme.visits.values_list("order", flat=True)) == [1, 2, 3]


def test_a_scheme_keeps_between_two_and_ten_visits(world):
    coordinator = world.users["coordinator"]
    services.visit_delete(visit=world.scheme.visits.first(), by=coordinator)
    with pytest.raises(ValidationError, match="at least 2"):
        services.visit_delete(visit=world.scheme.visits.first(), by=coordinator)
    for _ in range(8):
        services.visit_create(
            scheme=world.scheme,
            by=coordinator,
            host_city=world.scheme.mentee_city,
            purpose="x",
        )
    with pytest.raises(ValidationError, match="at most 10"):
        services.visit_create(
            scheme=world.scheme,
            by=coordinator,
            host_city=world.scheme.mentee_city,
            purpose="x",
        )


def test_associations_read_visits_but_do_not_organise_them(world):
    with pytest.raises(PermissionDenied):
        services.visit_create(
            scheme=world.scheme,
            by=world.users["association"],
            host_city=world.scheme.mentee_city,
            purpose="x",
        )


def test_a_visit_records_agenda_participants_and_outcomes(world, client_for):
    visit = world.scheme.visits.get(order=1)
    client = client_for("mentee")
    response = client.post(
        reverse("schemes:visit_edit", args=[world.scheme.pk, visit.pk]),
        {
            "host_city": world.mentee_city.pk,
            "purpose": "Situation",
            "start_date": "2021-10-04",
            "end_date": "2021-10-05",
            "place": "Jelgava city hall",
            "agenda": "Welcome\n\nFocus group with teachers\n",
            "team": [world.users["mentor"].pk],
            "support": [world.member.pk],
            "outcomes": "Three actions drafted",
        },
    )
    assert response.status_code == 302
    html = client.get(visit.get_absolute_url()).content.decode()
    assert "Focus group with teachers" in html
    assert "Olena" in html and "Three actions drafted" in html
    assert list(visit.agenda_items.values_list("text", flat=True)) == [
        "Welcome",
        "Focus group with teachers",
    ]


def test_a_visit_cannot_end_before_it_starts(world, client_for):
    visit = world.scheme.visits.get(order=1)
    response = client_for("mentee").post(
        reverse("schemes:visit_edit", args=[world.scheme.pk, visit.pk]),
        {
            "host_city": world.mentee_city.pk,
            "purpose": "x",
            "start_date": "2021-10-05",
            "end_date": "2021-10-01",
        },
    )
    assert response.status_code == 200
    visit.refresh_from_db()
    assert visit.start_date is None


def test_default_visit_texts_follow_the_readers_language(world, client_for):
    client = client_for("mentee")
    client.post(reverse("set_language"), {"language": "lv"})
    html = client.get(world.scheme.get_absolute_url()).content.decode()
    assert "Iedvesma: mentora pilsētas prakse" in html
    visit = world.scheme.visits.get(order=1)
    html = client.get(visit.get_absolute_url()).content.decode()
    assert "Mentora pilsētas labās prakses prezentācija" in html


def test_a_changed_visit_text_stays_as_written(world):
    visit = world.scheme.visits.get(order=2)
    visit.purpose = "Brussels study tour"
    assert visit.display_purpose == "Brussels study tour"
