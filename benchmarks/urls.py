from django.urls import path

from benchmarks import views, views_io

app_name = "benchmarks"

urlpatterns = [
    path("benchmarks/", views.benchmark_list, name="benchmark_list"),
    path("benchmarks/export/", views_io.benchmark_export, name="benchmark_export"),
    path("benchmarks/import/", views_io.benchmark_import, name="benchmark_import"),
    path("benchmarks/<slug:slug>/", views.benchmark_detail, name="benchmark_detail"),
    path(
        "schemes/<int:scheme_pk>/self-assessment/",
        views.scheme_assessments,
        name="scheme_assessments",
    ),
    path(
        "schemes/<int:scheme_pk>/self-assessment/start/",
        views.assessment_start,
        name="assessment_start",
    ),
    path(
        "self-assessments/<int:pk>/", views.assessment_detail, name="assessment_detail"
    ),
    path(
        "self-assessments/<int:pk>/edit/",
        views.assessment_edit,
        name="assessment_edit",
    ),
    path(
        "self-assessments/<int:pk>/pdf/",
        views.assessment_pdf,
        name="assessment_pdf",
    ),
    path(
        "self-assessments/<int:pk>/submit/",
        views.assessment_submit,
        name="assessment_submit",
    ),
]
