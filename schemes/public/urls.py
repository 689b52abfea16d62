"""Public pages: readable without signing in (namespace ``public``)."""

from django.urls import path

from schemes.public import views_index

app_name = "public"

urlpatterns = [
    path("", views_index.index, name="index"),
]
