from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchemesConfig(AppConfig):
    """Programmes, organisations, people, and the mentoring schemes they run."""

    name = "schemes"
    verbose_name = _("Programmes and schemes")

    def ready(self):
        # A benchmark's earlier edition keeps the submitted self-assessments
        # made against it (benchmarks.services.benchmark_new_edition).
        from benchmarks.services import register_edition_user
        from schemes.work.services.self_assessments import submitted_assessments

        register_edition_user(submitted_assessments)

        # SQLite's library search column is kept by triggers calling Python.
        from django.db.backends.signals import connection_created

        from schemes.work.search import register_fold

        connection_created.connect(register_fold)
