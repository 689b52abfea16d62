"""What the kinds' hooks share (``incluportal.documents``: ``setup``,
``dashboard``): each kind declares its own beside its model, from these."""

from django.db.models import Exists, OuterRef

from incluportal.documents import DashboardColumn, SchemeSetup
from incluportal.grammar import format_percent

# A document's cell on the dashboard: its status and how complete it is.
STATUS_CELL = "schemes/coordination/_dashboard_status.html"


def status_text(document):
    """A document's cell in the dashboard's export."""
    if document is None:
        return ""
    percent = format_percent(document.percent_complete)
    return f"{document.get_status_display()} ({percent})"


def status_column(heading, export_heading, **found):
    """A dashboard column of a document's status; ``found``: where the
    documents come from (``related`` or ``values``) and ``overdue``."""
    return DashboardColumn(
        heading=heading,
        export_heading=export_heading,
        template=STATUS_CELL,
        text=status_text,
        **found,
    )


def by_city(model, city_of):
    """Dashboard values: the document of ``model`` in the programme of the
    city ``city_of(scheme)`` (or None) of each scheme, one query for all."""

    def values(programme, schemes):
        chosen = {scheme.pk: city_of(scheme) for scheme in schemes}
        ids = {city.pk for city in chosen.values() if city is not None}
        found = {
            document.city_id: document
            for document in model.objects.filter(programme=programme, city__in=ids)
        }
        return {
            pk: found.get(city.pk) if city is not None else None
            for pk, city in chosen.items()
        }

    return values


def one_per_scheme(model):
    """The setup of a kind each scheme has one of (``model.scheme``)."""
    return SchemeSetup(
        present=lambda scheme: [Exists(model.objects.filter(scheme=OuterRef("pk")))],
        create=lambda scheme: model.objects.get_or_create(scheme=scheme),
    )


def one_per_city(model, cities):
    """The setup of a kind a city has one of in each programme:
    ``cities(scheme)`` gives (city, the defaults of a new one) for each city
    of the scheme that needs one."""

    def present(scheme):
        return [
            Exists(model.objects.filter(programme=OuterRef("programme"), city=city.pk))
            for city, _defaults in cities(scheme)
        ]

    def create(scheme):
        for city, defaults in cities(scheme):
            model.objects.get_or_create(
                programme=scheme.programme, city=city, defaults=defaults
            )

    return SchemeSetup(present=present, create=create)
