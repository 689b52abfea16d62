from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IncluportalConfig(AppConfig):
    """Project-wide pieces: the user model, the UI shell, health check."""

    name = "incluportal"
    verbose_name = _("Portal")

    def ready(self):
        from incluportal import emails  # noqa: F401 - emails' receiver

        _group_model_length_limits()


# The apps whose models' length limits speak to the portal's readers (an
# import checks every row with full_clean, which raises the model field's own
# validator, not the form's).
PORTAL_APPS = ("incluportal", "schemes", "benchmarks")


def _group_model_length_limits():
    """Every length limit of the portal's models writes its numbers as the
    reader's language groups them, the noun agreeing with them
    (``incluportal.validators.LengthLimitValidator``): Django's own message
    prints "10000" and, in Latvian, the wrong case."""
    from django.apps import apps

    from incluportal.validators import group_length_limits

    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_label not in PORTAL_APPS:
            continue
        for field in model._meta.local_fields:
            if getattr(field, "max_length", None):
                group_length_limits(field)
