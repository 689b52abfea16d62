"""Inside the portal: a city's officers edit and publish what the public reads."""

from django.urls import path

from schemes.public import views_editor

PREFIX = "cities/<slug:slug>/newcomers/"

urlpatterns = [
    path(PREFIX, views_editor.guide_overview, name="guide_overview"),
    path(f"{PREFIX}settings/", views_editor.guide_settings, name="guide_settings"),
    path(
        f"{PREFIX}services/add/", views_editor.guide_entry_add, name="guide_entry_add"
    ),
    path(
        f"{PREFIX}services/<int:pk>/",
        views_editor.guide_entry_edit,
        name="guide_entry_edit",
    ),
    path(
        f"{PREFIX}services/<int:pk>/delete/",
        views_editor.guide_entry_delete,
        name="guide_entry_delete",
    ),
    path(
        f"{PREFIX}services/<int:pk>/move/",
        views_editor.guide_entry_move,
        name="guide_entry_move",
    ),
    path(f"{PREFIX}preview/", views_editor.guide_preview, name="guide_preview"),
    path(f"{PREFIX}withdraw/", views_editor.guide_withdraw, name="guide_withdraw"),
    path(f"{PREFIX}history/", views_editor.guide_history, name="guide_history"),
    path(
        f"{PREFIX}history/<int:number>/",
        views_editor.guide_publication,
        name="guide_publication",
    ),
]
