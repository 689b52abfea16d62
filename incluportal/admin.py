from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.admin import StaticDeviceAdmin
from django_otp.plugins.otp_static.models import StaticDevice
from post_office.models import EmailTemplate

from incluportal.forms import UserAdminChangeForm, UserAdminCreationForm
from incluportal.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """The portal's users; an app adds its inlines by registering a subclass
    in its place (schemes.admin adds the memberships)."""

    form = UserAdminChangeForm
    add_form = UserAdminCreationForm
    ordering = ["email"]
    list_display = ["email", "full_name", "is_staff", "is_active", "last_login"]
    list_filter = ["is_staff", "is_superuser", "is_active", "language"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Personal info"), {"fields": ["full_name", "language"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups"]},
        ),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["email", "full_name", "password1", "password2"],
            },
        ),
    ]
    readonly_fields = ["last_login", "date_joined"]


admin.site.unregister(StaticDevice)


@admin.register(StaticDevice)
class RecoveryCodesAdmin(StaticDeviceAdmin):
    """Who has recovery codes, never the codes: they are shown once, to their
    owner (incluportal.twofactor); staff can delete a device, not read it."""

    inlines = []


# E-mail is written from templates/emails/ (incluportal/emails.py), never from
# templates kept in the database: the admin offers none to edit.
admin.site.unregister(EmailTemplate)
