from django.urls import path

from schemes import views

app_name = "schemes"

urlpatterns = [
    path("programmes/", views.programme_list, name="programme_list"),
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
    path("schemes/<int:pk>/", views.scheme_detail, name="scheme_detail"),
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
        "schemes/<int:scheme_pk>/support-group/<str:side>/",
        views.support_group,
        name="support_group",
    ),
    path(
        "schemes/<int:scheme_pk>/support-group/<str:side>/add/",
        views.support_group_member_edit,
        name="support_group_member_add",
    ),
    path(
        "schemes/<int:scheme_pk>/support-group/<str:side>/<int:member_pk>/",
        views.support_group_member_edit,
        name="support_group_member_edit",
    ),
    path(
        "schemes/<int:scheme_pk>/support-group/<str:side>/<int:member_pk>/delete/",
        views.support_group_member_delete,
        name="support_group_member_delete",
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
]
