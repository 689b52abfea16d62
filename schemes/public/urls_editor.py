"""Inside the portal: a city's officers edit and publish what the public reads."""

from django.urls import path  # noqa: F401

urlpatterns = []
