"""The writes of a city's page for newcomers (schemes.public.services)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from schemes.models import CityGuide, GuideEntry
from schemes.public import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide(world):
    return services.guide_for_city(city=world.mentee_city, by=world.users["mentee"])


def entry_values(**more):
    return {
        "category": "language",
        "title": {"en": "Latvian courses", "lv": "Latviešu valodas kursi"},
        "description": {"en": "Lessons for adults."},
        "opening_hours": {},
        "cost": {"en": "Free"},
        "eligibility": {},
        "provider": "Jelgava city",
        "address": "Lielā iela 11, Jelgava",
        "map_url": "",
        "phone": "+371 630 05 555",
        "email": "info@jelgava.lv",
        "link": "https://jelgava.lv",
        "languages_spoken": ["lv", "en"],
        **more,
    }


def add(guide, by, **more):
    guide.refresh_from_db()
    return services.guide_entry_save(
        guide=guide, values=entry_values(**more), by=by, revision=guide.revision
    )


def test_editable_by_is_the_city_members_and_superusers(
    world, guide, django_user_model
):
    assert list(CityGuide.objects.editable_by(world.users["mentee"])) == [guide]
    assert not CityGuide.objects.editable_by(world.users["mentor"]).exists()
    assert not CityGuide.objects.editable_by(world.users["coordinator"]).exists()
    admin = django_user_model.objects.create_superuser(
        email="root@example.org", password="x-long-password"
    )
    assert list(CityGuide.objects.editable_by(admin)) == [guide]


def test_an_outsider_cannot_write(world, guide):
    with pytest.raises(PermissionDenied):
        services.guide_entry_save(
            guide=guide, values=entry_values(), by=world.users["mentor"]
        )
    assert not GuideEntry.objects.exists()


def test_settings_save_bumps_the_revision_and_keeps_other_intros(world, guide):
    mentee = world.users["mentee"]
    guide.intro = {"de": "Willkommen"}
    guide.save()
    saved = services.guide_settings_save(
        guide=guide,
        values={
            "city_language": "lv",
            "extra_languages": ["uk", "ar", "en", "lv"],
            "intro": {"lv": " Sveiki ", "en": "Welcome", "uk": ""},
        },
        by=mentee,
        revision=guide.revision,
    )
    saved.refresh_from_db()
    assert saved.languages == ["lv", "en", "uk", "ar"]
    assert saved.extra_languages == ["uk", "ar"]
    assert saved.intro == {"de": "Willkommen", "lv": "Sveiki", "en": "Welcome"}
    assert saved.revision == 1
    assert saved.updated_by == mentee


def test_a_stale_settings_form_is_a_conflict_and_saves_nothing(world, guide):
    mentee = world.users["mentee"]
    values = {"city_language": "lv", "extra_languages": ["uk"], "intro": {}}
    services.guide_settings_save(guide=guide, values=values, by=mentee, revision=0)
    with pytest.raises(services.GuideConflict) as caught:
        services.guide_settings_save(
            guide=guide,
            values={**values, "extra_languages": ["ar"]},
            by=mentee,
            revision=0,
        )
    assert caught.value.saved_by == mentee
    assert [d.mine for d in caught.value.differences] == ["ar"]
    guide.refresh_from_db()
    assert guide.extra_languages == ["uk"]
    assert guide.revision == 1


def test_a_language_outside_the_public_languages_is_refused(world, guide):
    with pytest.raises(ValidationError):
        services.guide_settings_save(
            guide=guide,
            values={"city_language": "xx", "extra_languages": [], "intro": {}},
            by=world.users["mentee"],
        )
    guide.refresh_from_db()
    assert guide.revision == 0


def test_add_edit_and_a_stale_edit(world, guide):
    mentee = world.users["mentee"]
    entry = add(guide, mentee)
    assert entry.position == 1
    assert entry.title == {"en": "Latvian courses", "lv": "Latviešu valodas kursi"}
    guide.refresh_from_db()
    opened_at = guide.revision
    services.guide_entry_save(
        guide=guide,
        entry_id=entry.pk,
        values={"title": {"en": "Latvian lessons", "lv": ""}},
        by=mentee,
        revision=opened_at,
    )
    entry.refresh_from_db()
    # Emptied in the form: removed; other languages kept.
    assert entry.title == {"en": "Latvian lessons"}
    with pytest.raises(services.GuideConflict) as caught:
        services.guide_entry_save(
            guide=guide,
            entry_id=entry.pk,
            values={"title": {"en": "Courses"}},
            by=mentee,
            revision=opened_at,
        )
    assert caught.value.differences[0].mine == "en: Courses"
    entry.refresh_from_db()
    assert entry.title == {"en": "Latvian lessons"}


def test_a_service_needs_its_english_name_and_valid_fields(world, guide):
    mentee = world.users["mentee"]
    with pytest.raises(ValidationError):
        add(guide, mentee, title={"lv": "Kursi"})
    with pytest.raises(ValidationError):
        add(guide, mentee, email="not an address")
    assert not GuideEntry.objects.exists()
    guide.refresh_from_db()
    assert guide.revision == 0


def test_move_within_the_category_and_delete(world, guide):
    mentee = world.users["mentee"]
    first = add(guide, mentee, title={"en": "First"})
    housing = add(guide, mentee, category="housing", title={"en": "Housing"})
    second = add(guide, mentee, title={"en": "Second"})
    guide.refresh_from_db()
    services.guide_entry_move(
        guide=guide, entry_id=second.pk, up=True, by=mentee, revision=guide.revision
    )
    names = [str(e) for e in guide.entries.filter(category="language")]
    assert names == ["Second", "First"]
    # Already first: nothing moves.
    guide.refresh_from_db()
    services.guide_entry_move(
        guide=guide, entry_id=second.pk, up=True, by=mentee, revision=guide.revision
    )
    assert [str(e) for e in guide.entries.filter(category="language")] == [
        "Second",
        "First",
    ]
    with pytest.raises(services.GuideConflict):
        services.guide_entry_move(
            guide=guide, entry_id=first.pk, up=True, by=mentee, revision=0
        )
    guide.refresh_from_db()
    services.guide_entry_delete(
        guide=guide, entry_id=housing.pk, by=mentee, revision=guide.revision
    )
    assert [str(e) for e in guide.entries.all()] == ["Second", "First"]
    with pytest.raises(services.GuideConflict):
        services.guide_entry_delete(
            guide=guide, entry_id=first.pk, by=mentee, revision=0
        )
    assert guide.entries.count() == 2


def test_publish_problems_publish_withdraw_and_history(world, guide):
    mentee = world.users["mentee"]
    assert services.publication_problems(guide) == [
        "Add at least one service before publishing."
    ]
    with pytest.raises(ValidationError):
        services.guide_publish(guide=guide, by=mentee)
    entry = add(guide, mentee)
    GuideEntry.objects.filter(pk=entry.pk).update(title={"lv": "Kursi"})
    assert services.publication_problems(guide) == ["Service 1 has no name in English."]
    GuideEntry.objects.filter(pk=entry.pk).update(title={"en": "Courses"})
    guide.refresh_from_db()
    assert services.draft_differs(guide)
    with pytest.raises(services.GuideConflict):
        services.guide_publish(guide=guide, by=mentee, revision=guide.revision - 1)
    first = services.guide_publish(guide=guide, by=mentee, revision=guide.revision)
    guide.refresh_from_db()
    assert guide.current == first and first.number == 1
    assert first.languages == guide.languages
    assert first.content["entries"][0]["title"] == {"en": "Courses"}
    assert not services.draft_differs(guide)
    add(guide, mentee, title={"en": "More"})
    guide.refresh_from_db()
    assert services.draft_differs(guide)
    second = services.guide_publish(guide=guide, by=mentee)
    assert second.number == 2
    services.guide_withdraw(guide=guide, by=mentee)
    guide.refresh_from_db()
    second.refresh_from_db()
    first.refresh_from_db()
    assert guide.current is None
    assert second.withdrawn_at is not None
    assert first.content["entries"][0]["title"] == {"en": "Courses"}
    assert list(guide.publications.values_list("number", flat=True)) == [2, 1]
    with pytest.raises(PermissionDenied):
        services.guide_withdraw(guide=guide, by=world.users["mentor"])


@pytest.mark.parametrize(
    ("working", "expected"),
    [
        ("lv, en", "lv"),
        ("en, fr, nl", "fr"),  # English is on every page anyway
        ("EN,Nl", "nl"),
        ("xx, it", "it"),  # a language the pages do not speak is passed over
        ("", "en"),
    ],
)
def test_a_new_page_starts_in_the_citys_first_own_language(world, working, expected):
    city = world.mentee_city
    city.working_languages = working
    city.save()
    guide = services.guide_for_city(city=city, by=world.users["mentee"])
    assert guide.city_language == expected
    assert guide.languages[0] == expected
