from django.contrib import admin
from import_export.admin import ImportExportModelAdmin
from modeltranslation.admin import TabbedTranslationAdmin

from schemes.models import (
    Association,
    City,
    Membership,
    Organisation,
    Participation,
    Partner,
    Programme,
    Scheme,
)
from schemes.resources import AssociationResource, CityResource, ProgrammeResource


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user", "organisation"]


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(Organisation)
class OrganisationAdmin(TabbedTranslationAdmin):
    list_display = ["name", "kind", "acronym", "country", "population"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "acronym", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
    filter_horizontal = ["associations"]
    inlines = [MembershipInline]


class _KindAdmin(ImportExportModelAdmin, TabbedTranslationAdmin):
    list_display = ["name", "acronym", "country"]
    list_filter = ["country"]
    search_fields = ["name", "acronym", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
    exclude = ["kind"]
    inlines = [MembershipInline]


@admin.register(City)
class CityAdmin(_KindAdmin):
    resource_classes = [CityResource]
    list_display = ["name", "country", "population"]
    filter_horizontal = ["associations"]


@admin.register(Association)
class AssociationAdmin(_KindAdmin):
    resource_classes = [AssociationResource]
    exclude = ["kind", "associations", "population"]


@admin.register(Partner)
class PartnerAdmin(TabbedTranslationAdmin):
    list_display = ["name", "acronym", "country"]
    search_fields = ["name", "acronym", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
    exclude = ["kind", "associations", "population"]
    inlines = [MembershipInline]


@admin.register(Programme)
class ProgrammeAdmin(ImportExportModelAdmin, TabbedTranslationAdmin):
    resource_classes = [ProgrammeResource]
    list_display = ["name", "start_year", "end_year", "funder"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [ParticipationInline]


@admin.register(Participation)
class ParticipationAdmin(admin.ModelAdmin):
    list_display = ["organisation", "role", "programme"]
    list_filter = ["programme", "role"]
    autocomplete_fields = ["programme", "organisation"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "position"]
    list_filter = ["organisation__kind"]
    search_fields = ["user__email", "user__full_name", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]


@admin.register(Scheme)
class SchemeAdmin(admin.ModelAdmin):
    list_display = ["__str__", "programme", "theme", "stage"]
    list_filter = ["programme", "stage", "theme"]
    autocomplete_fields = [
        "mentee_city",
        "mentee_association",
        "mentor_city",
        "mentor_association",
    ]
