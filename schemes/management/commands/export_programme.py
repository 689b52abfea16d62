"""Write a whole programme to one JSON file: ``export_programme <slug>``."""

import io

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from schemes.coordination import portability
from schemes.models import Programme


class Command(BaseCommand):
    help = gettext_lazy(
        "Write a whole programme (organisations and their people, schemes, "
        "documents with their history, action plans with their versions, the "
        "frameworks they use) to one JSON file, for a backup or a move to "
        "another portal with import_programme. The file is confidential: it "
        "holds every document of the programme, and its people's password "
        "hashes and two-factor keys."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "slug", help=gettext_lazy("The programme's short name in addresses.")
        )
        parser.add_argument(
            "--output",
            "-o",
            metavar="FILE",
            help=gettext_lazy("The file to write (default: standard output)."),
        )

    def handle(self, *args, slug, output=None, **options):
        programme = Programme.objects.filter(slug=slug).first()
        if programme is None:
            known = ", ".join(
                Programme.objects.order_by("slug").values_list("slug", flat=True)
            )
            raise CommandError(
                _("There is no programme “%(slug)s”. Programmes: %(known)s.")
                % {"slug": slug, "known": known or "—"}
            )
        if output in (None, "-"):
            buffer = io.StringIO()
            counts = portability.dump(programme, buffer)
            self.stdout.write(buffer.getvalue(), ending="")
        else:
            try:
                with open(output, "w", encoding="utf-8") as stream:
                    counts = portability.dump(programme, stream)
            except OSError as exc:
                raise CommandError(
                    _("The file %(file)s could not be written: %(error)s")
                    % {"file": output, "error": exc.strerror or exc}
                ) from exc
        self.stderr.write(
            _("Exported “%(programme)s”: %(total)s objects (%(details)s).")
            % {
                "programme": programme.slug,
                "total": sum(counts.values()),
                "details": portability.describe(counts),
            }
        )
