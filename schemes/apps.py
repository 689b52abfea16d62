from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchemesConfig(AppConfig):
    """Programmes, organisations, people, and the mentoring schemes they run."""

    name = "schemes"
    verbose_name = _("Programmes and schemes")
