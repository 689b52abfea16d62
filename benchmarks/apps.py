from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BenchmarksConfig(AppConfig):
    """Thematic benchmarks, their key factors, and city self-assessments."""

    name = "benchmarks"
    verbose_name = _("Thematic benchmarks")
