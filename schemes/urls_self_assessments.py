"""A scheme's self-assessments, in the ``schemes:`` namespace (included by
``schemes.urls``); their paths are those they had under ``benchmarks:``."""

from django.urls import path

from schemes.views import self_assessments

urlpatterns = [
    path(
        "schemes/<int:scheme_pk>/self-assessment/",
        self_assessments.scheme_assessments,
        name="scheme_assessments",
    ),
    path(
        "schemes/<int:scheme_pk>/self-assessment/start/",
        self_assessments.assessment_start,
        name="assessment_start",
    ),
    path(
        "self-assessments/<int:pk>/",
        self_assessments.assessment_detail,
        name="assessment_detail",
    ),
    path(
        "self-assessments/<int:pk>/edit/",
        self_assessments.assessment_edit,
        name="assessment_edit",
    ),
    path(
        "self-assessments/<int:pk>/pdf/",
        self_assessments.assessment_pdf,
        name="assessment_pdf",
    ),
    path(
        "self-assessments/<int:pk>/submit/",
        self_assessments.assessment_submit,
        name="assessment_submit",
    ),
]
