"""One numeric date style per language: 06/03/2026 in English, 06.03.2026 in
Latvian, months as 03/2026 and 03.2026, on pages, in forms, e-mails, PDFs
(tests/schemes/test_pdfs.py) and exports. The clock stands on 6 March 2026,
a single-digit day and month, where a wrong style shows (6.3.2026)."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from incluportal import dates
from schemes import services
from schemes.forms import ActionPlanRowForm
from schemes.resources_programme import DayWidget

DAY = datetime.date(2026, 3, 6)


@pytest.mark.parametrize(
    ("language", "day", "month", "moment"),
    [
        ("en", "06/03/2026", "03/2026", "06/03/2026 10:30"),
        ("lv", "06.03.2026", "03.2026", "06.03.2026 10:30"),
        ("fr", "06/03/2026", "03/2026", "06/03/2026 10:30"),
    ],
)
def test_each_language_has_one_numeric_style(frozen_day, language, day, month, moment):
    from django.utils import timezone

    now = timezone.now()
    with translation.override(language):
        assert dates.day(DAY) == day
        assert dates.month(DAY) == month
        assert dates.day(now) == day  # a moment is dated in the reader's zone
        assert dates.moment(now).startswith(moment[:13])
        assert dates.day(None) == dates.month("") == dates.moment(None) == ""


def test_a_late_evening_in_utc_is_the_next_day_in_brussels(settings):
    settings.TIME_ZONE = "Europe/Brussels"
    late = datetime.datetime(2026, 3, 5, 23, 30, tzinfo=datetime.UTC)
    with translation.override("lv"):
        assert dates.day(late) == "06.03.2026"


@pytest.mark.django_db
def test_a_row_form_offers_its_saved_month_in_latvian(world):
    row = services.row_create(
        plan=world.scheme.action_plan,
        values={
            "action": "Kursi",
            "start": datetime.date(2026, 3, 1),
            "start_precision": "month",
            "end": datetime.date(2026, 3, 31),
            "end_precision": "month",
        },
        by=world.users["mentee"],
    )
    with translation.override("lv"):
        form = ActionPlanRowForm(instance=row, plan=row.plan)
        # The timeline's one style (schemes.work.timeline), which reads back.
        assert form.initial["timeline"] == "2026.\u00a0gada marts"


@pytest.mark.django_db
def test_pages_print_days_with_two_digits(frozen_day, world, client_for):
    scheme = world.scheme
    scheme.start_date = DAY
    scheme.end_date = datetime.date(2026, 12, 25)
    scheme.save()
    client = client_for("coordinator")
    url = reverse("schemes:scheme_detail", args=[scheme.pk])
    english = client.get(url).content.decode()
    assert "06/03/2026 – 25/12/2026" in english
    client.post(reverse("set_language"), {"language": "lv"})
    latvian = client.get(url).content.decode()
    assert "06.03.2026 – 25.12.2026" in latvian
    assert "6.03.2026" not in latvian.replace("06.03.2026", "")


@pytest.mark.django_db
def test_the_visit_reminder_dates_the_visit_in_the_readers_style(
    frozen_day, world, django_capture_on_commit_callbacks
):
    visit = world.scheme.visits.get(order=1)
    visit.start_date = frozen_day + datetime.timedelta(days=6)  # 12 March
    visit.save()
    with translation.override("lv"), django_capture_on_commit_callbacks(execute=True):
        call_command("send_visit_reminders", verbosity=0)
    assert mail.outbox
    assert all(
        "12.03.2026" in m.subject and "12.03.2026" in m.body for m in mail.outbox
    )


@pytest.mark.django_db
def test_a_pending_invitation_is_dated_in_the_readers_style(frozen_day, world):
    def invite():
        services.invitation_send(
            programme=world.programme,
            organisation=world.mentee_city,
            email="new.officer@example.org",
            by=world.users["coordinator"],
        )

    invite()
    with translation.override("lv"), pytest.raises(ValidationError) as error:
        invite()
    assert "06.03.2026" in str(error.value)


@pytest.mark.django_db
def test_the_dashboard_export_dates_the_next_visit(frozen_day, world, client_for):
    visit = world.scheme.visits.get(order=1)
    visit.start_date = datetime.date(2026, 4, 1)
    visit.save()
    client = client_for("coordinator")
    client.post(reverse("set_language"), {"language": "lv"})
    url = reverse("schemes:dashboard", args=[world.programme.slug])
    exported = client.get(url, {"export": "csv"}).content.decode()
    assert "01.04.2026" in exported


@pytest.mark.parametrize(
    ("language", "text"), [("en", "06/03/2026"), ("lv", "06.03.2026")]
)
def test_plan_rows_export_in_the_readers_style_and_read_back_any(language, text):
    widget = DayWidget()
    with translation.override(language):
        assert widget.render(DAY) == text
    for typed in ("2026-03-06", "06.03.2026", "06/03/2026"):
        assert widget.clean(typed) == DAY
    assert widget.render(DAY, force_native_type=True) == DAY  # a workbook's date cell
