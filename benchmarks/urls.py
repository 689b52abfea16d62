from django.urls import path

from benchmarks import views, views_io

app_name = "benchmarks"

urlpatterns = [
    path("benchmarks/", views.benchmark_list, name="benchmark_list"),
    path("benchmarks/export/", views_io.benchmark_export, name="benchmark_export"),
    path("benchmarks/import/", views_io.benchmark_import, name="benchmark_import"),
    path("benchmarks/<slug:slug>/", views.benchmark_detail, name="benchmark_detail"),
]
