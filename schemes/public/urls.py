"""Public pages: readable without signing in (namespace ``public``)."""

from django.urls import path  # noqa: F401

app_name = "public"

urlpatterns = []
