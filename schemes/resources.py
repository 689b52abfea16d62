"""Import/export definitions (django-import-export), keyed by natural keys.

Ids never leave or enter the portal in a file: organisations and
programmes are matched by their slug, links between them by slugs too.
A translated field has a column per portal language (``name_en``,
``name_lv``…: ``incluportal.translated.columns``); a file without one of
them leaves that language's text as it is.
"""

from django.utils.translation import gettext as _
from django_countries import countries
from import_export import fields, widgets

from incluportal.resources import AllOrNothingResource, WholeNumberWidget
from incluportal.translated import columns
from schemes.models import Association, City, Organisation, Programme


class CountryWidget(widgets.Widget):
    """A country by its code. Checked here, by a dictionary lookup: the model
    field's own check walks the 250 choices for every row."""

    def clean(self, value, row=None, **kwargs):
        text = str("" if value is None else value).strip()
        if not text:
            return ""  # the model says that the country is needed
        code = countries.alpha2(text)
        if not code:
            raise ValueError(
                _("“%(value)s” is not a country code (two letters: LV, BE…).")
                % {"value": text}
            )
        return code


class _OrganisationResource(AllOrNothingResource):
    country = fields.Field(
        attribute="country", column_name="country", widget=CountryWidget()
    )
    checked_by_widget = ("country",)
    population = fields.Field(
        attribute="population", column_name="population", widget=WholeNumberWidget()
    )

    def dehydrate_country(self, obj):
        return obj.country.code


class CityResource(_OrganisationResource):
    associations = fields.Field(
        attribute="associations",
        column_name="associations",
        widget=widgets.ManyToManyWidget(Organisation, field="slug", separator="|"),
    )

    class Meta:
        model = City
        import_id_fields = ("slug",)
        fields = (
            "slug",
            *columns("name"),
            "country",
            "population",
            "website",
            "working_languages",
            "associations",
            *columns("description"),
        )
        export_order = fields
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True


class AssociationResource(_OrganisationResource):
    class Meta:
        model = Association
        import_id_fields = ("slug",)
        fields = (
            "slug",
            *columns("acronym", "name"),
            "country",
            "website",
            *columns("description"),
        )
        export_order = fields
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True


class ProgrammeResource(AllOrNothingResource):
    class Meta:
        model = Programme
        import_id_fields = ("slug",)
        fields = (
            "slug",
            *columns("name"),
            "start_year",
            "end_year",
            *columns("funder", "description"),
            "website",
        )
        export_order = fields
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
