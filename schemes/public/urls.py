"""Public pages: readable without signing in (namespace ``public``)."""

from django.urls import path

from schemes.public import views_guides, views_index, views_library, views_print

app_name = "public"

urlpatterns = [
    path("", views_index.index, name="index"),
    path("good-practices/", views_library.library, name="library"),
    path(
        "good-practices/<int:pk>/",
        views_library.practice_detail,
        name="practice_detail",
    ),
    path(
        "cities/<slug:slug>/",
        views_guides.city_guide_default,
        name="city_guide_default",
    ),
    path(
        "cities/<slug:slug>/<str:language>/",
        views_guides.city_guide,
        name="city_guide",
    ),
    path(
        "cities/<slug:slug>/<str:language>/print/",
        views_print.city_guide_print,
        name="city_guide_print",
    ),
    path(
        "cities/<slug:slug>/<str:language>/poster/",
        views_print.city_guide_poster,
        name="city_guide_poster",
    ),
]
