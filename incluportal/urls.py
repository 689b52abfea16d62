from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from incluportal import twofactor, views
from incluportal.forms import SiteUrlPasswordResetForm

auth_patterns = [
    path("login/", twofactor.SignInView.as_view(), name="login"),
    path("two-factor/", twofactor.two_factor_setup, name="two_factor_setup"),
    path("two-factor/verify/", twofactor.two_factor_verify, name="two_factor_verify"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password/change/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "password/reset/",
        auth_views.PasswordResetView.as_view(
            email_template_name="registration/password_reset_email.txt",
            subject_template_name="registration/password_reset_subject.txt",
            form_class=SiteUrlPasswordResetForm,
        ),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

urlpatterns = [
    # The home page, invitations and notification settings (schemes.urls_portal).
    path("", include("schemes.urls_portal")),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/", include(auth_patterns)),
    # The switcher (django.conf.urls.i18n's, which also keeps a signed-in
    # person's choice on their account).
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("public/", include("schemes.public.urls")),
    # /sitemap.xml and /robots.txt (settings.PUBLIC_PATH_PREFIXES).
    path("", include("schemes.public.urls_root")),
    path("", include("schemes.urls")),
    path("", include("benchmarks.urls")),
]

handler404 = "incluportal.views.page_not_found"
handler500 = "incluportal.views.server_error"
