"""Restore a programme written by export_programme: ``import_programme FILE``."""

import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from schemes.coordination import portability


class Command(BaseCommand):
    help = gettext_lazy(
        "Restore a programme file written by export_programme into a database "
        "that holds none of its objects (an empty one, typically): every object "
        "keeps its number, people keep their passwords and two-factor devices. "
        "Nothing is written unless all of it can be. The file is confidential."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file",
            metavar="FILE",
            help=gettext_lazy("The programme file; “-” reads standard input."),
        )

    def handle(self, *args, file, **options):
        dropped = []
        try:
            if file == "-":
                counts = portability.load(sys.stdin, dropped=dropped)
            else:
                with open(file, encoding="utf-8") as stream:
                    counts = portability.load(stream, dropped=dropped)
        except OSError as exc:
            raise CommandError(
                _("The file %(file)s could not be read: %(error)s")
                % {"file": file, "error": exc.strerror or exc}
            ) from exc
        except portability.PortabilityError as exc:
            raise CommandError(
                _("%(file)s: %(error)s") % {"file": file, "error": exc}
            ) from exc
        if dropped:
            self.stderr.write(
                _(
                    "Not imported: the staff or administrator rights, groups and "
                    "permissions the file gave %(people)s. Give them again in the "
                    "admin if they are due."
                )
                % {"people": ", ".join(dropped)}
            )
        self.stdout.write(
            _("Imported %(total)s objects (%(details)s).")
            % {
                "total": sum(counts.values()),
                "details": portability.describe(counts),
            }
        )
