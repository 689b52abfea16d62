from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncluportalConfig(AppConfig):
    """Project-wide pieces: the user model, the UI shell, health check."""

    name = "incluportal"
    verbose_name = _("Portal")

    def ready(self):
        from incluportal import (
            emails,  # noqa: F401 - emails' receiver
            services,  # noqa: F401 - the sign-in's language
        )
