from django.urls import path

from schemes import views

app_name = "schemes"

urlpatterns = [
    path("programmes/", views.programme_list, name="programme_list"),
    path("programmes/<slug:slug>/", views.programme_detail, name="programme_detail"),
    path(
        "organisations/<slug:slug>/",
        views.organisation_detail,
        name="organisation_detail",
    ),
    path("schemes/<int:pk>/", views.scheme_detail, name="scheme_detail"),
]
