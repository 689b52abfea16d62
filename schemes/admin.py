from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.db import models
from django.utils.translation import gettext_lazy
from import_export.admin import ImportExportModelAdmin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from incluportal.admin import UserAdmin as PortalUserAdmin
from incluportal.documents import kinds
from incluportal.models import User
from schemes import services
from schemes.models import (
    ActionPlan,
    ActionPlanRow,
    ActionPlanVersion,
    AgendaItem,
    Association,
    City,
    CityGuide,
    GoodPractice,
    GoodPracticeCriterion,
    GuideEntry,
    GuidePublication,
    Invitation,
    Membership,
    MentorProfile,
    NationalContext,
    NeedsAnalysis,
    Organisation,
    Participation,
    Partner,
    PartnerScheme,
    Phase,
    Programme,
    ProgressNote,
    PublishedPractice,
    QuestionAnswer,
    Rating,
    ReviewReport,
    Scheme,
    SchemeCity,
    Scope,
    SelfAssessment,
    StepMark,
    Strategy,
    SupportGroupMember,
    Visit,
)
from schemes.network.models.programmes import ParticipationRole
from schemes.resources import AssociationResource, CityResource, ProgrammeResource
from schemes.work.progress import attach_progress, scheme_progress


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user", "organisation"]


admin.site.unregister(User)


@admin.register(User)
class UserAdmin(PortalUserAdmin):
    """The portal's user admin, with the organisations each person belongs to."""

    inlines = [MembershipInline]


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    autocomplete_fields = ["organisation"]


class _HttpsLinks:
    """Web addresses typed without a scheme are taken as https://."""

    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Organisation)
class OrganisationAdmin(_HttpsLinks, TranslationAdmin):
    list_display = ["name", "kind", "acronym", "country", "population"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "acronym", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
    filter_horizontal = ["associations"]
    inlines = [MembershipInline]


class _KindAdmin(_HttpsLinks, ImportExportModelAdmin, TranslationAdmin):
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
class PartnerAdmin(_HttpsLinks, TranslationAdmin):
    list_display = ["name", "acronym", "country"]
    search_fields = ["name", "acronym", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
    exclude = ["kind", "associations", "population"]
    inlines = [MembershipInline]


@admin.register(Programme)
class ProgrammeAdmin(_HttpsLinks, ImportExportModelAdmin, TranslationAdmin):
    resource_classes = [ProgrammeResource]
    list_display = ["name", "start_year", "end_year", "funder"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [ParticipationInline]

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is Participation:
            for participation in formset.new_objects + [
                obj for obj, _fields in formset.changed_objects
            ]:
                _mentor_profile(participation)


def _mentor_profile(participation):
    """A city that becomes a mentor city in the admin gets its profile, as
    through ``services.participation_add`` (pages only read it)."""
    if participation.role == ParticipationRole.MENTOR_CITY:
        services.mentor_profile_ensure(
            programme=participation.programme, city=participation.organisation
        )


@admin.register(Participation)
class ParticipationAdmin(admin.ModelAdmin):
    list_display = ["organisation", "role", "programme", "all_schemes"]
    list_filter = ["programme", "role"]
    autocomplete_fields = ["programme", "organisation"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        _mentor_profile(obj)


@admin.register(PartnerScheme)
class PartnerSchemeAdmin(admin.ModelAdmin):
    """The schemes a partner supports (coordinators choose them on the
    programme's partners page)."""

    list_display = ["participation", "scheme"]
    list_filter = ["participation__programme"]
    raw_id_fields = ["participation", "scheme"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "position"]
    list_filter = ["organisation__kind"]
    search_fields = ["user__email", "user__full_name", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]


class _SchemeChangeList(ChangeList):
    def get_results(self, request):
        """The page's schemes with their progress, read for all at once."""
        super().get_results(request)
        self.result_list = attach_progress(self.result_list)


@admin.register(Phase)
class PhaseAdmin(admin.ModelAdmin):
    """A programme's phases: coordinators adapt them on the programme's
    Process page; here for the portal's editors."""

    list_display = ["programme", "position", "name", "rule", "due_on"]
    list_filter = ["programme", "rule"]
    ordering = ["programme", "position"]


@admin.register(StepMark)
class StepMarkAdmin(admin.ModelAdmin):
    list_display = ["scheme", "step", "phase", "reached_on", "marked_by", "marked_at"]
    list_filter = ["step"]
    raw_id_fields = ["scheme", "phase", "marked_by"]


class SchemeCityInline(admin.TabularInline):
    model = SchemeCity
    autocomplete_fields = ["city", "association"]
    extra = 0


@admin.register(Scheme)
class SchemeAdmin(admin.ModelAdmin):
    list_display = ["__str__", "programme", "theme", "stage"]
    list_filter = ["programme", "theme"]
    autocomplete_fields = ["mentee_city", "mentee_association"]
    inlines = [SchemeCityInline]
    search_fields = ["slug", "mentee_city__name", "city_links__city__name"]

    def get_queryset(self, request):
        # Their titles name every city: read them with the page.
        return super().get_queryset(request).with_cities()

    def get_changelist(self, request, **kwargs):
        return _SchemeChangeList

    @admin.display(description=gettext_lazy("stage"))
    def stage(self, obj):
        """The stage its documents show (``schemes.work.progress``)."""
        progress = getattr(obj, "progress", None) or scheme_progress(obj)
        return progress.current_label

    def save_related(self, request, form, formsets, change):
        """A scheme made, or given other cities or associations, in the admin
        gets the documents the services give it (pages only read them), once
        its cities (the inline) are saved too."""
        super().save_related(request, form, formsets, change)
        scheme = form.instance
        scheme.__dict__.pop("links", None)
        services.scheme_setup(scheme=scheme)


class _DocumentAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "status", "updated_at"]
    list_filter = ["status"]
    readonly_fields = [
        "created_at",
        "updated_at",
        "updated_by",
        "submitted_at",
        "submitted_by",
        "reviewed_at",
        "reviewed_by",
    ]


@admin.register(NeedsAnalysis)
class NeedsAnalysisAdmin(_DocumentAdmin):
    raw_id_fields = ["scheme"]


@admin.register(ReviewReport, Strategy)
class CityReportAdmin(_DocumentAdmin):
    raw_id_fields = ["scheme"]


@admin.register(Scope)
class ScopeAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "status", "updated_at"]
    list_filter = ["status"]
    raw_id_fields = ["scheme"]
    readonly_fields = [
        "status",
        "mentee_agreed_at",
        "mentee_agreed_by",
        "mentor_agreed_at",
        "mentor_agreed_by",
        "updated_at",
        "updated_by",
    ]


@admin.register(NationalContext)
class NationalContextAdmin(_DocumentAdmin):
    autocomplete_fields = ["city", "association"]


@admin.register(MentorProfile)
class MentorProfileAdmin(_DocumentAdmin):
    autocomplete_fields = ["city"]
    filter_horizontal = ["key_factors", "good_practices"]


class GoodPracticeCriterionInline(admin.TabularInline):
    model = GoodPracticeCriterion
    extra = 0


@admin.register(GoodPractice)
class GoodPracticeAdmin(_DocumentAdmin):
    list_display = ["__str__", "city", "status", "is_public", "updated_at"]
    list_filter = ["status", "is_public", "themes"]
    search_fields = ["title", "city__name"]
    autocomplete_fields = ["city"]
    filter_horizontal = ["themes", "key_factors"]
    inlines = [GoodPracticeCriterionInline]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0


@admin.register(Visit)
class VisitAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "scheme", "host_city", "start_date"]
    raw_id_fields = ["scheme"]
    filter_horizontal = ["team_participants"]
    inlines = [AgendaItemInline]


class ActionPlanRowInline(admin.StackedInline):
    model = ActionPlanRow
    extra = 0
    raw_id_fields = ["key_factor", "added_at_visit"]


class ActionPlanVersionInline(admin.TabularInline):
    model = ActionPlanVersion
    extra = 0
    fields = ["number", "status", "frozen_at", "decision_date", "decision_reference"]
    readonly_fields = ["number", "status", "frozen_at"]
    can_delete = False


@admin.register(ActionPlan)
class ActionPlanAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "status", "version", "updated_at"]
    list_filter = ["status"]
    raw_id_fields = ["scheme"]
    inlines = [ActionPlanRowInline, ActionPlanVersionInline]


@admin.register(ProgressNote)
class ProgressNoteAdmin(admin.ModelAdmin):
    list_display = ["row", "date", "author"]
    raw_id_fields = ["row", "author"]


@admin.register(SupportGroupMember)
class SupportGroupMemberAdmin(SimpleHistoryAdmin):
    list_display = ["name", "scheme", "city", "stakeholder_type", "represents_migrants"]
    list_filter = ["city", "stakeholder_type", "represents_migrants"]
    raw_id_fields = ["scheme"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organisation", "programme", "created_at", "accepted_at"]
    list_filter = ["programme"]
    search_fields = ["email"]
    raw_id_fields = ["organisation", "programme", "invited_by"]


class RatingInline(admin.TabularInline):
    model = Rating
    extra = 0
    fields = ["key_factor", "level", "note", "evidence"]
    readonly_fields = ["key_factor"]


@admin.register(SelfAssessment)
class SelfAssessmentAdmin(SimpleHistoryAdmin):
    list_display = ["city", "scheme", "round", "status", "submitted_at"]
    list_filter = ["status", "round"]
    inlines = [RatingInline]
    raw_id_fields = ["scheme", "city", "benchmark", "created_by", "submitted_by"]


@admin.register(QuestionAnswer)
class QuestionAnswerAdmin(admin.ModelAdmin):
    list_display = ["question", "rating"]
    raw_id_fields = ["rating", "question"]


class HistoryLinksAdmin(admin.ModelAdmin):
    """The links a historical record keeps (simple-history's ``m2m_fields``):
    read only, as the records are."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


for _kind in kinds():
    _records = _kind.model.history.model
    for _field in _records._history_m2m_fields:
        admin.site.register(getattr(_records, _field.name).model, HistoryLinksAdmin)


# --- The public face: shown to staff, written only by the cities' officers
# through schemes.public.services and the practice's publishing service.


class _ReadOnly:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class GuideEntryInline(_ReadOnly, admin.TabularInline):
    model = GuideEntry
    fields = ["position", "category", "title", "provider", "languages_spoken"]
    extra = 0


@admin.register(CityGuide)
class CityGuideAdmin(_ReadOnly, admin.ModelAdmin):
    list_display = ["city", "city_language", "current", "updated_at", "updated_by"]
    list_select_related = ["city", "current", "updated_by"]
    inlines = [GuideEntryInline]


@admin.register(GuidePublication)
class GuidePublicationAdmin(_ReadOnly, admin.ModelAdmin):
    list_display = ["guide", "number", "published_at", "published_by", "withdrawn_at"]
    list_select_related = ["guide__city", "published_by"]


@admin.register(PublishedPractice)
class PublishedPracticeAdmin(_ReadOnly, admin.ModelAdmin):
    list_display = ["title", "city", "published_at", "published_by"]
    list_select_related = ["city", "published_by"]
    search_fields = ["title"]
