"""Signing in: throttled passwords, and two-factor sign-in with an authenticator app.

Two-factor (TOTP, django-otp) is optional for everyone and compulsory for
the coordinators of a programme that asks for it (``require_two_factor``).
A user with a confirmed device signs in in two steps: the password first,
then a six-digit code; only then is the session signed in. Turning it on
also makes ten recovery codes (django-otp's static device), shown once:
each signs in once in place of the app's code, so a lost phone locks no one
out. New ones can be made (with a code), which voids the old ones. The ``next``
address is checked for its host at both steps, so a sign-in link can never
send anyone to another site.
"""

import base64
import re
import time

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import BooleanField, Value
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.module_loading import import_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from incluportal.forms import EmailAuthenticationForm
from incluportal.models import User

PENDING = "two_factor_pending"
PENDING_SECONDS = 300
RECOVERY_CODES = 10
# What a code confirms on the two-factor page of a user who has it on.
ACTIONS = ("confirm", "disable", "recovery")


def axes_username(request, credentials=None):
    """The address a sign-in attempt is for, as django-axes counts it."""
    raw = (credentials or {}).get("username")
    if raw is None and request is not None:
        raw = request.POST.get("username")
    return (raw or "").strip().lower() or None


def confirmed_device(user):
    if user is None or user.pk is None:
        return None
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def recovery_device(user):
    return StaticDevice.objects.filter(user=user, confirmed=True).first()


def recovery_codes_make(*, user):
    """Give the user RECOVERY_CODES new recovery codes, voiding the old ones;
    returns them, to be shown once (only the unused ones are stored)."""
    codes = set()
    while len(codes) < RECOVERY_CODES:
        code = StaticToken.random_token()  # 8 letters and digits 2-7
        if not code.isdigit():  # never mistaken for an app's code
            codes.add(code)
    with transaction.atomic():
        # The same device, so a session it confirmed stays confirmed.
        device, _created = StaticDevice.objects.get_or_create(
            user=user, defaults={"name": "Recovery codes", "confirmed": True}
        )
        device.token_set.all().delete()
        StaticToken.objects.bulk_create(
            StaticToken(device=device, token=code) for code in sorted(codes)
        )
    return sorted(codes)


def _recovery_codes_page(request, codes, next_url):
    return render(
        request,
        "registration/two_factor_recovery_codes.html",
        {"codes": codes, "next": next_url},
    )


def requirement():
    """Whether the user of the row must sign in with two-factor, as an
    expression on ``User`` rows: the rule that the ``TWO_FACTOR_REQUIREMENT``
    setting names (a dotted path to a function returning the expression; the
    schemes app's: the coordinators of a programme that asks for it). Without
    the setting, no one must."""
    rule = getattr(settings, "TWO_FACTOR_REQUIREMENT", None)
    if not rule:
        return Value(False, output_field=BooleanField())
    return import_string(rule)()


def two_factor_required(user):
    """Whether the user coordinates a programme that asks for two-factor."""
    if user is None or not user.is_authenticated:
        return False
    return bool(
        User.objects.filter(pk=user.pk)
        .annotate(required=requirement())
        .values_list("required", flat=True)
        .first()
    )


class UserBackend(ModelBackend):
    """Django's ModelBackend, whose user of each request also says whether it
    must sign in with two-factor (``two_factor_is_required``). It is read in
    the query that loads the user anyway: a programme's requirement, or a
    coordinator's new organisation, holds from that person's next request,
    at no query of its own."""

    def get_user(self, user_id):
        user = (
            User._default_manager.annotate(two_factor_is_required=requirement())
            .filter(pk=user_id)
            .first()
        )
        return user if user is not None and self.user_can_authenticate(user) else None


def safe_next(request, url):
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return resolve_url("home")


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Six-digit code from your authenticator app"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autofocus": True,
                "pattern": "[0-9 ]*",
            }
        ),
    )

    def clean_token(self):
        token = self.cleaned_data["token"].replace(" ", "")
        if not token.isdigit():
            raise forms.ValidationError(_("The code is made of digits only."))
        return token


class CodeForm(TokenForm):
    """The app's six-digit code, or one of the recovery codes."""

    token = forms.CharField(
        label=gettext_lazy("Code from your authenticator app, or a recovery code"),
        min_length=6,
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True}
        ),
    )

    def __init__(self, *args, autofocus=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not autofocus:
            del self.fields["token"].widget.attrs["autofocus"]

    def clean_token(self):
        return "".join(self.cleaned_data["token"].split()).replace("-", "").lower()


def _device_for(form, user):
    """The device the code is for: the app's (digits) or the recovery codes."""
    token = form.cleaned_data["token"]
    if token.isdigit():
        return confirmed_device(user)
    return recovery_device(user)


def _check_code(form, user):
    """Verify a code of either kind; the device it confirmed, or None."""
    device = _device_for(form, user)
    if device is None:
        form.add_error("token", _("This recovery code is not right, or it is used."))
        return None
    return device if _check(form, device) else None


def _check(form, device):
    """Verify the form's code on the device, with django-otp's throttling."""
    allowed, info = device.verify_is_allowed()
    if not allowed:
        form.add_error(
            None,
            _(
                "Too many wrong codes. Wait a little (a minute at most) and try "
                "again with the code your app shows then."
            ),
        )
        return False
    if device.verify_token(form.cleaned_data["token"]):
        return True
    if isinstance(device, StaticDevice):
        form.add_error("token", _("This recovery code is not right, or it is used."))
        return False
    form.add_error(
        "token",
        _(
            "This code is not right, or it has expired. Enter the code your "
            "app shows now."
        ),
    )
    return False


class SignInView(auth_views.LoginView):
    """The password step; a second step follows for users with two-factor."""

    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        if confirmed_device(user) is None:
            return super().form_valid(form)
        self.request.session[PENDING] = {
            "user": user.pk,
            "backend": user.backend,
            "next": self.get_success_url(),  # already checked for its host
            "at": time.time(),
        }
        return redirect("two_factor_verify")


@sensitive_post_parameters()
@never_cache
def two_factor_verify(request):
    """The second step of signing in: the code from the authenticator app."""
    pending = request.session.get(PENDING)
    user = None
    if pending and time.time() - pending.get("at", 0) <= PENDING_SECONDS:
        user = User.objects.filter(pk=pending.get("user"), is_active=True).first()
    device = confirmed_device(user) if user else None
    if device is None:
        request.session.pop(PENDING, None)
        messages.info(request, _("Please sign in again."))
        return redirect("login")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        used = _check_code(form, user)
        if used is not None:
            request.session.pop(PENDING, None)
            auth_login(request, user, backend=pending["backend"])
            otp_login(request, used)
            if isinstance(used, StaticDevice):
                left = used.token_set.count()
                messages.warning(
                    request,
                    _(
                        "You signed in with a recovery code. Recovery codes "
                        "left: %(left)s. You can make new ones on the "
                        "two-factor page."
                    )
                    % {"left": left},
                )
            return redirect(safe_next(request, pending.get("next")))
    return render(
        request, "registration/two_factor_verify.html", {"form": form}, status=200
    )


def _qr_svg(url):
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    # Made by the qrcode library from our own URL: no user text inside.
    return mark_safe(image.to_string(encoding="unicode"))  # noqa: S308 # nosec


# The key of the device being set up, until a code is tried with it.
PENDING_KEY = "two_factor_pending_key"


def _pending_device(request):
    """The authenticator being set up. Opening the page stores nothing: its
    key waits in the session, and the device is saved at the first code
    tried (django-otp saves it to count a wrong code, or to confirm it); from
    then on it is read back, with its count of wrong codes."""
    user = request.user
    pending = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if pending is not None:
        return pending
    key = request.session.get(PENDING_KEY)
    if not (isinstance(key, str) and re.fullmatch(r"[0-9a-f]{40}", key)):
        key = random_hex(20)
        request.session[PENDING_KEY] = key
    return TOTPDevice(
        user=user, name=str(_("Authenticator app")), confirmed=False, key=key
    )


@login_required
@never_cache
def two_factor_setup(request):
    """Turn two-factor sign-in on (scan, confirm with a code) or off."""
    user = request.user
    device = confirmed_device(user)
    required = two_factor_required(user)
    if device is not None:
        # One form per action on the page, each with its own field ids.
        action = next((a for a in ACTIONS if a in request.POST), "confirm")
        forms_ = {
            name: CodeForm(
                request.POST if name == action else None,
                prefix=None if name == "confirm" else name,
                autofocus=name in ("confirm", action),
            )
            for name in ACTIONS
        }
        form = forms_[action]
        context = {
            "form": form,
            "forms": forms_,
            "device": device,
            "required": required,
        }
        used = None
        if request.method == "POST" and form.is_valid():
            used = _check_code(form, user)
        if used is not None:
            if action == "disable":
                if required:
                    messages.error(
                        request,
                        _("A programme you coordinate requires two-factor sign-in."),
                    )
                else:
                    TOTPDevice.objects.filter(user=user).delete()
                    StaticDevice.objects.filter(user=user).delete()
                    messages.success(request, _("Two-factor sign-in is off."))
                return redirect("two_factor_setup")
            otp_login(request, used)  # verifies this session
            if action == "recovery":
                codes = recovery_codes_make(user=user)
                return _recovery_codes_page(request, codes, reverse("two_factor_setup"))
            messages.success(request, _("This session is verified."))
            return redirect(safe_next(request, request.GET.get("next")))
        context["verified"] = user.is_verified()
        recovery = recovery_device(user)
        context["recovery_left"] = recovery.token_set.count() if recovery else 0
        return render(request, "registration/two_factor_setup.html", context)

    form = TokenForm(request.POST or None)
    context = {"form": form, "device": device, "required": required}

    pending = _pending_device(request)
    if request.method == "POST" and form.is_valid() and _check(form, pending):
        pending.confirmed = True
        pending.save()
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        request.session.pop(PENDING_KEY, None)
        otp_login(request, pending)
        codes = recovery_codes_make(user=user)
        messages.success(
            request,
            _("Two-factor sign-in is on: each sign-in now asks for a code."),
        )
        return _recovery_codes_page(
            request, codes, safe_next(request, request.GET.get("next"))
        )
    context.update(
        qr=_qr_svg(pending.config_url),
        key=base64.b32encode(pending.bin_key).decode(),
    )
    return render(request, "registration/two_factor_setup.html", context)


# Pages a user who must still set up two-factor can reach.
_EXEMPT = ("two_factor_setup", "logout", "login", "two_factor_verify")


class RequireTwoFactorMiddleware:
    """Coordinators of a programme that requires two-factor use it: until
    their session is verified, every page leads to the two-factor page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Public pages never read the session (to stay cacheable and
        # anonymous): nobody is asked for a second factor there.
        if request.path_info.startswith(settings.PUBLIC_PATH_PREFIXES):
            return self.get_response(request)
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not user.is_verified()
            and self._required(request, user)
            and not self._exempt(request)
        ):
            messages.warning(
                request,
                _(
                    "A programme you coordinate requires two-factor sign-in: "
                    "set it up (or confirm this session) to continue."
                ),
            )
            url = reverse("two_factor_setup")
            if request.method == "GET":
                url += "?" + urlencode({"next": request.get_full_path()})
            return redirect(url)
        return self.get_response(request)

    @staticmethod
    def _exempt(request):
        path = request.path_info
        if path.startswith(("/static/", "/i18n/", "/healthz")):
            return True
        return path in {reverse(name) for name in _EXEMPT}

    @staticmethod
    def _required(request, user):
        """Read with the user (UserBackend); asked apart only of a user that
        another backend loaded."""
        required = getattr(user, "two_factor_is_required", None)
        if required is None:
            required = two_factor_required(user)
        return required


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out sign-in: when to try again (429)."""
    from axes.helpers import get_client_username
    from axes.models import AccessAttempt
    from django.utils import timezone

    username = get_client_username(request, credentials) or ""
    attempt = (
        AccessAttempt.objects.filter(
            username=username, ip_address=request.axes_ip_address
        )
        .order_by("-attempt_time")
        .first()
    )
    retry_at = None
    if attempt is not None and settings.AXES_COOLOFF_TIME:
        retry_at = timezone.localtime(attempt.attempt_time + settings.AXES_COOLOFF_TIME)
    return render(
        request,
        "registration/locked_out.html",
        {"failure_limit": settings.AXES_FAILURE_LIMIT, "retry_at": retry_at},
        status=429,
    )
