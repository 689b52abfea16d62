"""E-mail the people of a scheme a week before each of its visits.

Run it daily (cron or a scheduler). Each visit is announced once: a visit
whose date changes after its reminder went out is not announced again.
"""

import datetime

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from incluportal import emails
from schemes.models import Visit


class Command(BaseCommand):
    help = "Send the e-mail reminders of visits that start within a week."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7)

    def handle(self, *args, days=7, **options):
        today = timezone.localdate()
        due = Visit.objects.filter(
            start_date__gte=today,
            start_date__lte=today + datetime.timedelta(days=days),
            reminder_sent_at__isnull=True,
        ).select_related("scheme__programme", "scheme__mentee_city", "host_city")
        sent = 0
        for visit in due:
            with transaction.atomic():
                emails.visit_reminder(visit)
                visit.reminder_sent_at = timezone.now()
                visit.save(update_fields=["reminder_sent_at"])
            sent += 1
        self.stdout.write(f"Visit reminders sent: {sent}")
