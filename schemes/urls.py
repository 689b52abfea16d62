from django.urls import include, path

from schemes import views
from schemes.views import (
    city_reports,
    coordination,
    dashboard,
    data,
    partners,
    processes,
    scope,
)
from schemes.views import history as history_views

app_name = "schemes"

urlpatterns = [
    path("", include("schemes.urls_self_assessments")),
    # A city's page for newcomers and its published practices, edited here.
    path("", include("schemes.public.urls_editor")),
    path("programmes/", views.programme_list, name="programme_list"),
    path("programmes/new/", coordination.programme_create, name="programme_create"),
    path(
        "programmes/<slug:slug>/organisations/add/",
        coordination.organisation_add,
        name="organisation_add",
    ),
    path(
        "programmes/<slug:slug>/names/",
        coordination.programme_texts,
        name="programme_texts",
    ),
    path(
        "programmes/<slug:slug>/partners/",
        partners.partner_list,
        name="partner_list",
    ),
    path(
        "programmes/<slug:slug>/partners/<int:pk>/",
        partners.partner_edit,
        name="partner_edit",
    ),
    path(
        "programmes/<slug:slug>/partners/<int:pk>/detach/",
        partners.partner_detach,
        name="partner_detach",
    ),
    path(
        "programmes/<slug:slug>/invitations/",
        coordination.invitation_create,
        name="invitation_create",
    ),
    path("programmes/<slug:slug>/dashboard/", dashboard.dashboard, name="dashboard"),
    path(
        "programmes/<slug:slug>/two-factor/",
        coordination.programme_two_factor,
        name="programme_two_factor",
    ),
    path(
        "programmes/<slug:slug>/process/",
        processes.programme_process,
        name="programme_process",
    ),
    path(
        "programmes/<slug:slug>/process/apply/",
        processes.programme_process_apply,
        name="programme_process_apply",
    ),
    path(
        "programmes/<slug:slug>/process/phases/<int:pk>/",
        processes.phase_edit,
        name="phase_edit",
    ),
    path(
        "programmes/<slug:slug>/process/phases/<int:pk>/delete/",
        processes.phase_delete,
        name="phase_delete",
    ),
    path(
        "programmes/<slug:slug>/process/phases/<int:pk>/<str:direction>/",
        processes.phase_move,
        name="phase_move",
    ),
    path("programmes/<slug:slug>/data/", data.data_index, name="data"),
    path(
        "programmes/<slug:slug>/data/<str:key>/export/",
        data.data_export,
        name="data_export",
    ),
    path(
        "programmes/<slug:slug>/data/<str:key>/import/",
        data.data_import,
        name="data_import",
    ),
    path("programmes/<slug:slug>/matching/", dashboard.matching_view, name="matching"),
    path(
        "programmes/<slug:slug>/matching/all/",
        dashboard.matching_all,
        name="matching_all",
    ),
    path(
        "programmes/<slug:slug>/schemes/new/",
        coordination.scheme_create,
        name="scheme_create",
    ),
    path("programmes/<slug:slug>/", views.programme_detail, name="programme_detail"),
    path(
        "programmes/<slug:programme_slug>/mentors/<slug:city_slug>/",
        views.mentor_profile,
        name="mentor_profile",
    ),
    path(
        "programmes/<slug:programme_slug>/mentors/<slug:city_slug>/edit/<str:part_key>/",
        views.mentor_profile_edit,
        name="mentor_profile_edit",
    ),
    path(
        "organisations/<slug:slug>/",
        views.organisation_detail,
        name="organisation_detail",
    ),
    path(
        "organisations/<slug:slug>/names/",
        coordination.organisation_texts,
        name="organisation_texts",
    ),
    path("schemes/<int:pk>/", views.scheme_detail, name="scheme_detail"),
    path(
        "schemes/<int:scheme_pk>/steps/<str:step>/mark/",
        views.step_mark,
        name="step_mark",
    ),
    path(
        "schemes/<int:scheme_pk>/steps/<str:step>/unmark/",
        views.step_unmark,
        name="step_unmark",
    ),
    path(
        "history/<str:doc_type>/<int:pk>/",
        history_views.document_history,
        name="history",
    ),
    path(
        "history/<str:doc_type>/<int:pk>/restore/",
        history_views.document_restore,
        name="history_restore",
    ),
    path(
        "schemes/<int:scheme_pk>/needs-analysis/",
        views.needs_analysis,
        name="needs_analysis",
    ),
    path(
        "schemes/<int:scheme_pk>/needs-analysis/edit/<str:part_key>/",
        views.needs_analysis_edit,
        name="needs_analysis_edit",
    ),
    path(
        "schemes/<int:scheme_pk>/support-group/<slug:city>/",
        views.support_group,
        name="support_group",
    ),
    path(
        "schemes/<int:scheme_pk>/support-group/<slug:city>/add/",
        views.support_group_member_edit,
        name="support_group_member_add",
    ),
    path(
        "schemes/<int:scheme_pk>/support-group/<slug:city>/<int:member_pk>/",
        views.support_group_member_edit,
        name="support_group_member_edit",
    ),
    path(
        "schemes/<int:scheme_pk>/support-group/<slug:city>/<int:member_pk>/delete/",
        views.support_group_member_delete,
        name="support_group_member_delete",
    ),
    path(
        "schemes/<int:scheme_pk>/needs-analysis/pdf/",
        views.needs_analysis_pdf,
        name="needs_analysis_pdf",
    ),
    path(
        "schemes/<int:scheme_pk>/dossier/pdf/",
        views.scheme_dossier_pdf,
        name="scheme_dossier_pdf",
    ),
    path("schemes/<int:scheme_pk>/scope/", scope.scope_detail, name="scope"),
    path("schemes/<int:scheme_pk>/scope/edit/", scope.scope_edit, name="scope_edit"),
    path("schemes/<int:scheme_pk>/scope/agree/", scope.scope_agree, name="scope_agree"),
    path("schemes/<int:scheme_pk>/scope/pdf/", scope.scope_pdf, name="scope_pdf"),
    *[
        path(
            f"schemes/<int:scheme_pk>/{kind}/{suffix}", view, {"kind": kind}, name=name
        )
        for kind, url_name in (
            ("review-report", "review_report"),
            ("strategy", "strategy"),
        )
        for suffix, view, name in (
            ("", city_reports.city_report_detail, url_name),
            ("edit/", city_reports.city_report_edit, f"{url_name}_edit"),
            ("start/", city_reports.city_report_start, f"{url_name}_start"),
            ("pdf/", city_reports.city_report_pdf, f"{url_name}_pdf"),
        )
    ],
    path("schemes/<int:scheme_pk>/action-plan/", views.action_plan, name="action_plan"),
    path(
        "schemes/<int:scheme_pk>/action-plan/pdf/",
        views.action_plan_pdf,
        name="action_plan_pdf",
    ),
    path(
        "schemes/<int:scheme_pk>/action-plan/rows/add/",
        views.row_add,
        name="action_plan_row_add",
    ),
    path(
        "schemes/<int:scheme_pk>/action-plan/rows/<int:row_pk>/",
        views.row_detail,
        name="action_plan_row_detail",
    ),
    path(
        "schemes/<int:scheme_pk>/action-plan/rows/<int:row_pk>/edit/",
        views.row_edit,
        name="action_plan_row_edit",
    ),
    path(
        "schemes/<int:scheme_pk>/action-plan/rows/<int:row_pk>/delete/",
        views.row_delete,
        name="action_plan_row_delete",
    ),
    path(
        "schemes/<int:scheme_pk>/action-plan/rows/<int:row_pk>/move/<str:direction>/",
        views.row_move,
        name="action_plan_row_move",
    ),
    path(
        "schemes/<int:scheme_pk>/action-plan/rows/<int:row_pk>/status/",
        views.row_status,
        name="action_plan_row_status",
    ),
    path(
        "schemes/<int:scheme_pk>/action-plan/rows/<int:row_pk>/notes/",
        views.row_note,
        name="action_plan_row_note",
    ),
    path(
        "schemes/<int:scheme_pk>/action-plan/versions/<int:number>/",
        views.version_detail,
        name="action_plan_version",
    ),
    path(
        "schemes/<int:scheme_pk>/action-plan/versions/<int:number>/pdf/",
        views.action_plan_version_pdf,
        name="action_plan_version_pdf",
    ),
    path(
        "schemes/<int:scheme_pk>/action-plan/<str:action>/",
        views.plan_action,
        name="action_plan_action",
    ),
    path("schemes/<int:scheme_pk>/visits/add/", views.visit_add, name="visit_add"),
    path(
        "schemes/<int:scheme_pk>/visits/<int:visit_pk>/",
        views.visit_detail,
        name="visit_detail",
    ),
    path(
        "schemes/<int:scheme_pk>/visits/<int:visit_pk>/edit/",
        views.visit_edit,
        name="visit_edit",
    ),
    path(
        "schemes/<int:scheme_pk>/visits/<int:visit_pk>/delete/",
        views.visit_delete,
        name="visit_delete",
    ),
    path(
        "schemes/<int:scheme_pk>/visits/<int:visit_pk>/move/<str:direction>/",
        views.visit_move,
        name="visit_move",
    ),
    path(
        "schemes/<int:scheme_pk>/visits/<int:visit_pk>/pdf/",
        views.visit_pdf,
        name="visit_pdf",
    ),
    path(
        "programmes/<slug:programme_slug>/mentors/<slug:city_slug>/pdf/",
        views.mentor_profile_pdf,
        name="mentor_profile_pdf",
    ),
    path(
        "good-practices/<int:pk>/pdf/",
        views.good_practice_pdf,
        name="good_practice_pdf",
    ),
    path(
        "documents/<str:doc_type>/<int:pk>/<str:action>/",
        views.document_action,
        name="document_action",
    ),
    path("good-practices/", views.good_practice_list, name="good_practice_list"),
    path(
        "good-practices/new/", views.good_practice_create, name="good_practice_create"
    ),
    path(
        "good-practices/<int:pk>/",
        views.good_practice_detail,
        name="good_practice_detail",
    ),
    path(
        "good-practices/<int:pk>/edit/",
        views.good_practice_edit,
        name="good_practice_edit",
    ),
    path(
        "good-practices/<int:pk>/criteria/",
        views.good_practice_criteria,
        name="good_practice_criteria",
    ),
    path(
        "good-practices/<int:pk>/publish/",
        views.good_practice_publish,
        name="good_practice_publish",
    ),
    path(
        "good-practices/<int:pk>/withdraw/",
        views.good_practice_withdraw,
        name="good_practice_withdraw",
    ),
]
