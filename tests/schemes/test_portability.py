"""Backup and portability: a programme to one JSON file and back."""

import datetime
import io
import json

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django_otp.plugins.otp_totp.models import TOTPDevice

from benchmarks.models import Benchmark
from incluportal.models import User
from schemes import services
from schemes.coordination import portability
from schemes.models import (
    ActionPlan,
    GoodPractice,
    GoodPracticeCriterion,
    Invitation,
    Membership,
    MentorProfile,
    NeedsAnalysis,
    Organisation,
    Participation,
    Programme,
    ProgressNote,
    Scheme,
    SchemeCity,
    StepMark,
)
from schemes.network.models.programmes import ParticipationRole
from schemes.work import annexes
from schemes.work.progress import scheme_progress
from schemes.work.services import self_assessments as assessment_services
from tests import factories


def _enrich(world):
    """Content in every corner of the programme, history included."""
    # As every database is since migration 0013: no scheme without its
    # documents, no mentor city without its profile.
    services.programme_documents_fill(programme=world.programme)
    mentee, mentor = world.users["mentee"], world.users["mentor"]
    needs = world.scheme.needs_analysis
    services.document_save(
        document=needs, values={"challenges": "Language courses"}, by=mentee
    )
    services.document_save(
        document=needs, values={"challenges": "Language courses, evenings"}, by=mentee
    )
    # Who saved, as the middleware records it in a request; an administrator
    # of no organisation is named by the history only.
    admin = factories.UserFactory(email="admin@example.org", is_superuser=True)
    created, first, last = needs.history.order_by("history_id")
    # Microseconds survive, even below a millisecond.
    second = datetime.timedelta(seconds=1)
    first.history_user = mentee
    first.history_date = (created.history_date + second).replace(microsecond=123456)
    first.save()
    last.history_user = admin
    last.history_date = (created.history_date + 2 * second).replace(microsecond=100)
    last.save()
    factor = world.benchmark.key_factors.order_by("number").first()
    # Made with the scheme (services.scheme_setup).
    profile = MentorProfile.objects.get(
        programme=world.programme, city=world.mentor_city
    )
    services.document_save(
        document=profile,
        values={
            "key_factors": [factor.pk],
            "good_practices": [world.public_practice.pk],
        },
        by=mentor,
    )
    world.public_practice.themes.add(world.benchmark.theme)
    criteria = Benchmark.objects.get(slug="unhcr-good-practice-criteria")
    GoodPracticeCriterion.objects.create(
        good_practice=world.public_practice,
        criteria_area=criteria.key_factors.get(number=2),
        level=2,
        comment="Run with the migrants' association",
    )
    question = factor.questions.order_by("order").first()
    assessment_services.self_assessment_save(
        assessment=world.assessment,
        ratings={factor.pk: {"level": 2, "note": "Half-way", "evidence": "Report"}},
        answers={question.pk: "Yes, since 2021."},
        by=mentee,
    )
    ProgressNote.objects.create(
        row=world.row,
        date=datetime.date(2022, 3, 1),
        text="First course held",
        author=mentee,
    )
    visit = world.scheme.visits.order_by("order").first()
    visit.team_participants.add(mentee, mentor)
    world.member.visits_attended.add(visit)
    Invitation.objects.create(
        email="newcomer@example.org",
        organisation=world.mentee_city,
        programme=world.programme,
        invited_by=world.users["coordinator"],
    )
    TOTPDevice.objects.create(user=mentee, name="phone", confirmed=True)
    # A step no document shows, marked by a coordinator.
    services.step_mark(
        scheme=world.scheme,
        step="training",
        reached_on=datetime.date(2021, 6, 3),
        note="Two days in Mechelen",
        by=world.users["coordinator"],
    )
    # A link to an association outside the programme is left out of the file.
    outside = factories.AssociationFactory(name="Outside", slug="outside")
    world.mentee_city.associations.add(outside)


def _export(slug, **kwargs):
    out, err = io.StringIO(), io.StringIO()
    call_command("export_programme", slug, stdout=out, stderr=err, **kwargs)
    return out.getvalue(), err.getvalue()


def _history_counts():
    return {
        model._meta.label: model.history.count()
        for model in portability.tracked_models()
    }


def _row_counts():
    from django.apps import apps

    return {
        model._meta.label: model._base_manager.count()
        for app in ("incluportal", "schemes", "benchmarks")
        for model in apps.get_app_config(app).get_models()
    }


@pytest.mark.django_db(transaction=True)
def test_a_programme_survives_a_round_trip_through_an_empty_database(world, tmp_path):
    _enrich(world)
    text, summary = _export("inclu-test")
    assert "history of needs analyses: " in summary
    path = tmp_path / "inclu-test.json"
    path.write_text(text, encoding="utf-8")
    before = json.loads(text)
    history = _history_counts()
    key = TOTPDevice.objects.get(user=world.users["mentee"]).key
    dates = list(NeedsAnalysis.history.values_list("history_date", flat=True))
    exported_history = sum(
        1 for entry in before["objects"] if ".historical" in entry["model"]
    )
    assert exported_history == sum(history.values())  # every record of A

    call_command("flush", interactive=False, verbosity=0)
    assert not User.objects.exists()
    out = io.StringIO()
    call_command("import_programme", str(path), stdout=out)
    assert "Imported " in out.getvalue()

    after = json.loads(_export("inclu-test")[0])
    before.pop("exported_at")
    after.pop("exported_at")
    assert after == before
    # Raw saves write no history of their own: the records are those of the file.
    assert _history_counts() == history
    assert list(NeedsAnalysis.history.values_list("history_date", flat=True)) == dates
    needs = NeedsAnalysis.objects.get(scheme=world.scheme.pk)
    assert needs.challenges == "Language courses, evenings"
    assert needs.history.count() == 3
    assert [r.history_user and r.history_user.email for r in needs.history.all()] == [
        "admin@example.org",
        "mentee@example.org",
        None,
    ]

    # Sign-ins survive: the password hashes came along, and the second factor
    # of whoever had one.
    client = Client()
    response = client.post(
        reverse("login"),
        {"username": "mentor@example.org", "password": factories.TEST_PASSWORD},
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(world.users["mentor"].pk)
    client = Client()
    response = client.post(
        reverse("login"),
        {"username": "mentee@example.org", "password": factories.TEST_PASSWORD},
    )
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session  # a code is asked for first
    device = TOTPDevice.objects.get(user=world.users["mentee"].pk)
    assert device.key == key

    # New rows take numbers after the imported ones (PostgreSQL sequences).
    city = Organisation.objects.create(
        kind="city", name="Ventspils", slug="ventspils", country="LV"
    )
    person = User.objects.create_user("new@example.org", "pw")
    Membership.objects.create(user=person, organisation=city)
    scheme = Scheme.objects.create(
        programme_id=world.programme.pk, mentee_city=city, slug="ventspils-schaerbeek"
    )
    SchemeCity.objects.create(scheme=scheme, city_id=world.mentor_city.pk)
    services.scheme_setup(scheme=scheme)
    assert NeedsAnalysis.objects.filter(scheme=scheme).exists()
    services.document_save(
        document=scheme.needs_analysis, values={"challenges": "Housing"}, by=person
    )
    assert scheme.needs_analysis.history.count() == 2


@pytest.mark.django_db(transaction=True)
def test_import_reads_standard_input(world, monkeypatch):
    text, _ = _export("inclu-test")
    call_command("flush", interactive=False, verbosity=0)
    monkeypatch.setattr("sys.stdin", io.StringIO(text))
    call_command("import_programme", "-", stdout=io.StringIO())
    assert Programme.objects.filter(slug="inclu-test").exists()
    assert not Programme.objects.filter(slug="elsewhere").exists()


def _named_as_before(objects):
    """The objects as export_programme wrote them before the answers were
    named: each answer under its template id ("NA-A1" -> "na_a1", "LC-2a"'s
    note "lc_2a_note"), in the documents and in their history."""
    old = {
        f.name + suffix: f.id.lower().replace("-", "_") + suffix
        for template in annexes.TEMPLATES.values()
        for part in template.parts
        for f in part.fields
        for suffix in ["", *f.suffixes]
    }
    for entry in objects:
        if entry["model"].removeprefix("schemes.").removeprefix("historical") in (
            "needsanalysis",
            "mentorprofile",
            "nationalcontext",
            "goodpractice",
        ):
            entry["fields"] = {old.get(k, k): v for k, v in entry["fields"].items()}


@pytest.mark.django_db(transaction=True)
def test_a_file_written_before_the_answers_were_named_still_imports(world, tmp_path):
    _enrich(world)
    needs = world.scheme.needs_analysis
    services.document_save(
        document=needs,
        values={
            "population": 56000,
            "population_note": "CSB 2024",
            "municipal_budget": 120_000_000,
            "municipal_budget_currency": "EUR",
            "local_sensitive_issues": ["funding"],
            "local_sensitive_issues_text": "Short-term grants",
        },
        by=world.users["mentee"],
    )
    world.public_practice.links = "https://example.org/cafe"
    world.public_practice.save()
    path = _changed_file(world, tmp_path, _named_as_before)
    data = json.loads(path.read_text(encoding="utf-8"))
    written = _entry(data["objects"], "schemes.needsanalysis")["fields"]
    assert written["na_a1"] == "Language courses, evenings"
    assert written["lc_2a_note"] == "CSB 2024"
    assert "challenges" not in written
    assert "title" not in _entry(data["objects"], "schemes.goodpractice")["fields"]

    call_command("import_programme", str(path), stdout=io.StringIO())

    needs = NeedsAnalysis.objects.get(scheme=world.scheme.pk)
    assert needs.challenges == "Language courses, evenings"
    assert (needs.population, needs.population_note) == (56000, "CSB 2024")
    assert needs.municipal_budget == 120_000_000
    assert needs.municipal_budget_currency == "EUR"
    assert needs.local_sensitive_issues == ["funding"]
    assert needs.local_sensitive_issues_text == "Short-term grants"
    # In the order they were written (the test moved two records' dates).
    assert [r.challenges for r in needs.history.order_by("history_id")] == [
        "",
        "Language courses",
        "Language courses, evenings",
        "Language courses, evenings",
    ]
    practice = GoodPractice.objects.get(pk=world.public_practice.pk)
    assert practice.title == "Language café"
    assert practice.link_list() == ["https://example.org/cafe"]


def _with_a_stored_stage(objects):
    """The objects as export_programme wrote them while a scheme stored its
    stage: each scheme with its ``stage``, no step marked."""
    for entry in objects:
        if entry["model"] == "schemes.scheme":
            entry["fields"]["stage"] = "visits"
    objects[:] = [e for e in objects if e["model"] != "schemes.stepmark"]


@pytest.mark.django_db(transaction=True)
def test_a_file_written_while_schemes_stored_their_stage_still_imports(world, tmp_path):
    _enrich(world)
    data = json.loads(_export("inclu-test")[0])
    mark = _entry(data["objects"], "schemes.stepmark")["fields"]
    assert (mark["step"], mark["reached_on"], mark["note"]) == (
        "training",
        "2021-06-03",
        "Two days in Mechelen",
    )
    path = _changed_file(world, tmp_path, _with_a_stored_stage)
    assert '"stage": "visits"' in path.read_text(encoding="utf-8")

    call_command("import_programme", str(path), stdout=io.StringIO())

    scheme = Scheme.objects.get(pk=world.scheme.pk)
    # The stored stage is left out: the documents say where the scheme is.
    assert scheme_progress(scheme).current == "needs_analysis"
    assert not StepMark.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_file_with_gaps_comes_in_complete(world, tmp_path):
    """A file written before pages stopped making documents on a read: the
    other scheme has none, Mechelen (its mentor city) no profile. The
    import makes them, as the services would; the rest is as in the file."""
    other, mechelen = world.other_scheme.pk, world.other_scheme.mentor_city.pk
    assert not NeedsAnalysis.objects.filter(scheme=other).exists()
    text, _ = _export("inclu-test")
    needs_history = NeedsAnalysis.history.count()
    call_command("flush", interactive=False, verbosity=0)
    path = tmp_path / "inclu-test.json"
    path.write_text(text, encoding="utf-8")
    call_command("import_programme", str(path), stdout=io.StringIO())
    scheme = Scheme.objects.get(pk=other)
    assert NeedsAnalysis.objects.filter(scheme=scheme).exists()
    assert ActionPlan.objects.filter(scheme=scheme).exists()
    assert scheme.visits.count() == 3
    assert MentorProfile.objects.filter(
        programme=world.programme.pk, city=mechelen
    ).exists()
    # The file's records, and one for the analysis made now.
    assert NeedsAnalysis.history.count() == needs_history + 1


@pytest.mark.django_db(transaction=True)
def test_a_database_holding_any_of_its_objects_is_refused_untouched(world, tmp_path):
    path = tmp_path / "inclu-test.json"
    call_command(
        "export_programme", "inclu-test", output=str(path), stderr=io.StringIO()
    )

    rows = _row_counts()
    with pytest.raises(CommandError, match="“inclu-test” is already in this database"):
        call_command("import_programme", str(path))
    assert _row_counts() == rows

    # Without the programme, an object of the file under the same number.
    call_command("flush", interactive=False, verbosity=0)
    factories.CityFactory(pk=world.mentee_city.pk, name="Tukums", slug="tukums")
    rows = _row_counts()
    with pytest.raises(
        CommandError, match=f"schemes.Organisation {world.mentee_city.pk} "
    ):
        call_command("import_programme", str(path))
    assert _row_counts() == rows

    # Or a person of the file under another number.
    call_command("flush", interactive=False, verbosity=0)
    factories.UserFactory(pk=10_000, email="mentee@example.org")
    with pytest.raises(CommandError, match="“mentee@example.org”"):
        call_command("import_programme", str(path))
    assert not Programme.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json at all", "not valid JSON"),
        ('{"model": "schemes.programme"}', "not written by export_programme"),
        (
            '{"format": "incluportal-programme", "version": 99, "programme": "x",'
            ' "objects": []}',
            "version 99",
        ),
        (
            '{"format": "incluportal-programme", "version": 1, "programme": "x",'
            ' "objects": [{"model": "auth.group", "pk": 1, "fields": {}}]}',
            "“auth.group”",
        ),
        (
            '{"format": "incluportal-programme", "version": 1, "programme": "x",'
            ' "objects": [{"model": "schemes.nothing", "pk": 1, "fields": {}}]}',
            "cannot be read",
        ),
        (
            '{"format": "incluportal-programme", "version": 1, "programme": "x",'
            ' "objects": [{"model": "benchmarks.theme", "pk": "one", "fields": {}}]}',
            "cannot be read",
        ),
    ],
)
def test_a_file_of_another_format_is_refused(tmp_path, content, message):
    path = tmp_path / "file.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        call_command("import_programme", str(path))
    assert not Programme.objects.exists()


@pytest.mark.django_db
def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(CommandError, match="could not be read"):
        call_command("import_programme", str(tmp_path / "missing.json"))


def test_an_unknown_programme_cannot_be_exported(world):
    with pytest.raises(CommandError, match="no programme “nowhere”.*inclu-test"):
        _export("nowhere")


def test_the_export_holds_nothing_of_another_programme(world):
    _enrich(world)
    # A city of both programmes: its part in the other one stays out.
    Participation.objects.create(
        programme=world.other_programme,
        organisation=world.mentee_city,
        role=ParticipationRole.CITY,
    )
    TOTPDevice.objects.create(user=world.users["other_programme"], name="phone")
    # Groups are the site's, not the programme's: a person's stay out.
    Group.objects.create(name="Editors").user_set.add(world.users["mentee"])
    data = json.loads(_export("inclu-test")[0])
    assert data["format"] == "incluportal-programme"
    assert data["version"] == 1
    assert data["programme"] == "inclu-test"
    objects = data["objects"]
    keys = {(entry["model"], entry["pk"]) for entry in objects}

    def present(model, pk):
        return (model, pk) in keys

    assert present("schemes.programme", world.programme.pk)
    assert not present("schemes.programme", world.other_programme.pk)
    assert not present("schemes.organisation", world.other_city.pk)
    assert not present(
        "schemes.organisation", Organisation.objects.get(slug="other-net").pk
    )
    assert not present(
        "schemes.organisation", Organisation.objects.get(slug="outside").pk
    )
    for persona in ("other_programme", "other_coordinator"):
        assert not present("incluportal.user", world.users[persona].pk)
    for persona in ("coordinator", "mentee", "mentor", "association", "other_scheme"):
        assert present("incluportal.user", world.users[persona].pk)
    participations = [e for e in objects if e["model"] == "schemes.participation"]
    assert {e["fields"]["programme"] for e in participations} == {world.programme.pk}
    text = json.dumps(data)
    for secret in ("Elsewhere", "Riga", "other@example.org", "othercoord@example.org"):
        assert secret not in text
    # Every link points inside the file.
    jelgava = next(
        e
        for e in objects
        if e["model"] == "schemes.organisation" and e["pk"] == world.mentee_city.pk
    )
    assert jelgava["fields"]["associations"] == [world.association.pk]
    users = [e for e in objects if e["model"] == "incluportal.user"]
    assert all(e["fields"]["password"] for e in users)
    assert all(e["fields"]["groups"] == [] for e in users)
    # The frameworks it uses, whole: the benchmark and the criteria.
    benchmarks = {
        e["fields"]["slug"] for e in objects if e["model"] == "benchmarks.benchmark"
    }
    assert benchmarks == {"language-learning", "unhcr-good-practice-criteria"}
    assert sum(1 for e in objects if e["model"] == "benchmarks.keyfactor") == 10
    devices = [e for e in objects if e["model"] == "otp_totp.totpdevice"]
    assert [e["fields"]["user"] for e in devices] == [world.users["mentee"].pk]
    for model in (
        "otp_totp.totpdevice",
        "schemes.rating",
        "schemes.questionanswer",
        "schemes.progressnote",
        "schemes.actionplanversion",
        "schemes.invitation",
        "schemes.goodpracticecriterion",
        "schemes.historicalmentorprofile",
    ):
        assert any(e["model"] == model for e in objects), model


def test_the_export_goes_to_a_file_with_a_summary(world, tmp_path):
    path = tmp_path / "out.json"
    out, err = _export("inclu-test", output=str(path))
    assert out == ""
    assert "Exported “inclu-test”: " in err
    assert "mentoring schemes: 2" in err
    assert json.loads(path.read_text(encoding="utf-8"))["programme"] == "inclu-test"


def test_the_commands_speak_latvian(world):
    with (
        translation.override("lv"),
        pytest.raises(CommandError, match="Nav programmas"),
    ):
        _export("nowhere")


# --- What an import refuses -------------------------------------------------------


def _changed_file(world, tmp_path, change):
    """The programme's file with ``change(objects)`` applied, in an emptied
    database."""
    data = json.loads(_export("inclu-test")[0])
    change(data["objects"])
    path = tmp_path / "changed.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    call_command("flush", interactive=False, verbosity=0)
    return path


def _entry(objects, model, **match):
    return next(
        entry
        for entry in objects
        if entry["model"] == model
        and all(entry["fields"].get(k) == v for k, v in match.items())
    )


def _set_name(value):
    def change(objects):
        fields = _entry(objects, "schemes.organisation", slug="jelgava")["fields"]
        fields["name_en"] = value  # "name" is the current language's (modeltranslation)

    return change


def _set_status(objects):
    _entry(objects, "schemes.needsanalysis")["fields"]["status"] = "published"


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (_set_name("x" * 5000), "name_en", "at most 200 characters"),
        (_set_name("Jel\x00gava"), "name_en", "null character"),
        (_set_status, "status", "not a valid choice"),
    ],
    ids=["a 5,000-character name", "a NUL byte", "an unknown status"],
)
def test_an_invalid_object_is_named_and_nothing_is_written(
    world, tmp_path, change, field, message
):
    """It ended in a traceback (PostgreSQL) or was written as it came (SQLite)."""
    path = _changed_file(world, tmp_path, change)
    with pytest.raises(CommandError) as refusal:
        call_command("import_programme", str(path))
    text = str(refusal.value)
    assert text.startswith(f"{path}: ")
    assert "nothing was written" in text
    model = "schemes.Organisation" if field == "name_en" else "schemes.NeedsAnalysis"
    assert f"{model} " in text
    assert f"field “{field}”" in text
    assert message in text
    assert not Programme.objects.exists()
    assert not User.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_staff_and_superuser_rights_in_a_file_are_not_imported(world, tmp_path):
    from django.contrib.auth.models import Permission

    permission = Permission.objects.get(codename="delete_programme")

    def change(objects):
        person = _entry(objects, "incluportal.user", email="mentor@example.org")
        person["fields"].update(
            is_staff=True, is_superuser=True, user_permissions=[permission.pk]
        )

    path = _changed_file(world, tmp_path, change)
    err = io.StringIO()
    call_command("import_programme", str(path), stdout=io.StringIO(), stderr=err)
    person = User.objects.get(email="mentor@example.org")
    assert not person.is_staff
    assert not person.is_superuser
    assert not person.user_permissions.exists()
    assert "mentor@example.org" in err.getvalue()
    assert Programme.objects.filter(slug="inclu-test").exists()  # the rest came in


def test_an_export_carries_no_staff_or_superuser_rights(world):
    world.users["mentor"].is_staff = True
    world.users["mentor"].is_superuser = True
    world.users["mentor"].save()
    data = json.loads(_export("inclu-test")[0])
    people = [e["fields"] for e in data["objects"] if e["model"] == "incluportal.user"]
    assert people
    assert not any(p["is_staff"] or p["is_superuser"] for p in people)
