"""Import/export definitions (django-import-export), keyed by natural keys.

Ids never leave or enter the portal in a file: organisations and
programmes are matched by their slug, links between them by slugs too.
"""

from django.db import models
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from incluportal.history import IMPORTED
from schemes.models import Association, City, Organisation, Programme


class WholeNumberWidget(widgets.IntegerWidget):
    """An integer column whose bad values get a message a person can act on."""

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row=row, **kwargs)
        except (ArithmeticError, ValueError, TypeError):
            raise ValueError(
                _("“%(value)s” is not a whole number.") % {"value": value}
            ) from None


class AllOrNothingResource(resources.ModelResource):
    """An import either applies every row or none: one bad row rolls back all."""

    @classmethod
    def widget_from_django_field(cls, f, default=widgets.Widget):
        if isinstance(f, models.TextField):
            return widgets.CharWidget
        return super().widget_from_django_field(f, default=default)

    @classmethod
    def widget_kwargs_for_field(cls, field_name, django_field):
        # Empty cells (None from XLSX) are empty text, as in CSV files.
        kwargs = super().widget_kwargs_for_field(field_name, django_field)
        if isinstance(django_field, (models.CharField, models.TextField)) and (
            django_field.blank
        ):
            kwargs.update({"coerce_to_string": True, "allow_blank": True})
        return kwargs

    def before_save_instance(self, instance, row, **kwargs):
        # Said in the history of the documents an import changes.
        instance._change_reason = IMPORTED
        super().before_save_instance(instance, row, **kwargs)

    def import_data(self, dataset, **kwargs):
        kwargs["use_transactions"] = True
        kwargs["rollback_on_validation_errors"] = True
        return super().import_data(dataset, **kwargs)


class _OrganisationResource(AllOrNothingResource):
    country = fields.Field(attribute="country", column_name="country")
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
            "name_en",
            "name_lv",
            "country",
            "population",
            "website",
            "working_languages",
            "associations",
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
            "acronym_en",
            "acronym_lv",
            "name_en",
            "name_lv",
            "country",
            "website",
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
            "name_en",
            "name_lv",
            "start_year",
            "end_year",
            "funder_en",
            "funder_lv",
            "description_en",
            "description_lv",
            "website",
        )
        export_order = fields
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
