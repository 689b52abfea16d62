"""Import/export definitions (django-import-export), keyed by natural keys.

Ids never leave or enter the portal in a file: organisations and
programmes are matched by their slug, links between them by slugs too.
"""

from import_export import fields, resources, widgets

from schemes.models import Association, City, Organisation, Programme


class _OrganisationResource(resources.ModelResource):
    country = fields.Field(attribute="country", column_name="country")

    def dehydrate_country(self, obj):
        return obj.country.code

    def before_save_instance(self, instance, row, **kwargs):
        instance.kind = self._meta.model.KIND


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


class ProgrammeResource(resources.ModelResource):
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
