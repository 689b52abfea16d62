"""The schemes app's pages outside its ``schemes:`` namespace: the home page,
accepting an invitation, and a user's notification settings (under
``accounts/``). ``incluportal.urls`` includes them by name."""

from django.urls import path

from schemes.views import coordination, home

urlpatterns = [
    path("", home.home, name="home"),
    path(
        "invitations/<str:token>/",
        coordination.invitation_accept,
        name="invitation_accept",
    ),
    path(
        "accounts/notifications/",
        coordination.notification_settings,
        name="notification_settings",
    ),
]
