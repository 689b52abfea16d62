"""What the kinds' hooks share (``incluportal.documents``: ``setup``,
``dashboard``): each kind declares its own beside its model, from these."""

from django.db.models import Exists, OuterRef

from incluportal.documents import DashboardColumn, SchemeSetup

# A document's cell on the dashboard: its status and how complete it is.
STATUS_CELL = "schemes/coordination/_dashboard_status.html"


def status_text(document):
    """A document's cell in the dashboard's export."""
    if document is None:
        return ""
    return f"{document.get_status_display()} ({document.percent_complete}%)"


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


def by_city(model, city_field):
    """Dashboard values: the document of ``model`` in the programme of the
    city each scheme names in ``city_field``, one query for all."""

    def values(programme, schemes):
        cities = {getattr(scheme, city_field) for scheme in schemes}
        found = {
            document.city_id: document
            for document in model.objects.filter(programme=programme, city__in=cities)
        }
        return {scheme.pk: found.get(getattr(scheme, city_field)) for scheme in schemes}

    return values


def one_per_scheme(model):
    """The setup of a kind each scheme has one of (``model.scheme``)."""
    return SchemeSetup(
        present=lambda scheme: [Exists(model.objects.filter(scheme=OuterRef("pk")))],
        create=lambda scheme: model.objects.get_or_create(scheme=scheme),
    )


def one_per_city(model, sides):
    """The setup of a kind a city has one of in each programme: ``sides(scheme)``
    gives ("mentee" or "mentor", the defaults of a new one) for each city of
    the scheme that needs one."""

    def present(scheme):
        return [
            Exists(
                model.objects.filter(
                    programme=OuterRef("programme"), city=OuterRef(f"{side}_city")
                )
            )
            for side, _defaults in sides(scheme)
        ]

    def create(scheme):
        for side, defaults in sides(scheme):
            model.objects.get_or_create(
                programme=scheme.programme,
                city=getattr(scheme, f"{side}_city"),
                defaults=defaults,
            )

    return SchemeSetup(present=present, create=create)
