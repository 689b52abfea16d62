"""Make every page kept by the page cache stale (incluportal/pagecache.py).

Writes to the database do this by themselves; run it after a deploy that
changes templates or code but no data, so that no page rendered by the old
release is served again.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from incluportal import pagecache


class Command(BaseCommand):
    help = "Make every page kept by the page cache stale."

    def handle(self, *args, **options):
        if not pagecache.bump():
            raise CommandError(_("The cache did not answer: nothing was changed."))
        if options["verbosity"]:
            self.stdout.write(_("Every kept page is stale now."))
