"""The coordinator workspace: programmes, organisations, invitations, schemes."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from incluportal.i18n import (
    is_interface_language,
    person_language,
    set_language_cookie,
)
from incluportal.models import User
from incluportal.services import user_language_set, user_notifications_set
from incluportal.validators import slug_or_empty
from schemes import access, selectors, services
from schemes.forms_coordination import (
    AcceptInvitationForm,
    AccountSettingsForm,
    InvitationForm,
    OrganisationForm,
    OrganisationTextsForm,
    ParticipationForm,
    ProgrammeForm,
    ProgrammeTextsForm,
    SchemeForm,
)
from schemes.models import Invitation, Organisation


def _add_errors(form, error):
    if hasattr(error, "message_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def coordinated_programme(request, slug):
    """The programme, for its coordinators: others get 404 or 403."""
    programme = selectors.programme_get_for_user(user=request.user, slug=slug)
    if not access.is_coordinator(request.user, programme):
        raise PermissionDenied
    return programme


@login_required
def programme_create(request):
    if not services.user_can_create_programmes(request.user):
        raise PermissionDenied
    form = ProgrammeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "coordinator"}
        try:
            programme = services.programme_create(
                by=request.user, coordinator=form.cleaned_data["coordinator"], **fields
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The programme is created."))
            return redirect(programme)
    return render(request, "schemes/coordination/programme_form.html", {"form": form})


@login_required
def programme_texts(request, slug):
    """The programme's name, funder and description in each portal language."""
    programme = coordinated_programme(request, slug)
    form = ProgrammeTextsForm(request.POST or None, instance=programme)
    if request.method == "POST" and form.is_valid():
        try:
            services.programme_texts_set(
                programme=programme, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The names and description are saved."))
            return redirect(programme)
    return render(
        request,
        "schemes/coordination/programme_texts.html",
        {"programme": programme, "form": form},
    )


@login_required
def organisation_texts(request, slug):
    """The organisation's name, acronym and description in each portal
    language: for its people and for whoever may add it to a programme."""
    organisation = selectors.organisation_get_for_user(user=request.user, slug=slug)
    if not access.can_name_organisation(request.user, organisation):
        raise PermissionDenied
    form = OrganisationTextsForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_texts_set(
                organisation=organisation, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The names and description are saved."))
            return redirect(organisation)
    return render(
        request,
        "schemes/coordination/organisation_texts.html",
        {"organisation": organisation, "form": form},
    )


@login_required
@require_POST
def programme_two_factor(request, slug):
    """Require (or stop requiring) two-factor sign-in of the coordinators."""
    programme = coordinated_programme(request, slug)
    required = request.POST.get("require") == "1"
    try:
        services.programme_set_two_factor(
            programme=programme, required=required, by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(programme)
    # Every coordinator's next page holds to it (incluportal.twofactor.UserBackend).
    if required:
        messages.success(
            request,
            _(
                "Coordinators of this programme now sign in with two-factor "
                "authentication."
            ),
        )
    else:
        messages.success(
            request, _("Two-factor sign-in is no longer required of coordinators.")
        )
    return redirect(programme)


@login_required
def organisation_add(request, slug):
    programme = coordinated_programme(request, slug)
    existing = ParticipationForm(
        request.POST if "existing" in request.POST else None,
        programme=programme,
        user=request.user,
        prefix="existing",
    )
    new = OrganisationForm(
        request.POST if "new" in request.POST else None, prefix="new"
    )
    if request.method == "POST":
        try:
            if "existing" in request.POST and existing.is_valid():
                services.participation_add(
                    programme=programme, by=request.user, **existing.cleaned_data
                )
                messages.success(request, _("The organisation takes part now."))
                return redirect(programme)
            if "new" in request.POST and new.is_valid():
                data = dict(new.cleaned_data)
                role = data.pop("role")
                associations = data.pop("associations")
                created = services.organisation_create(
                    programme=programme,
                    role=role,
                    by=request.user,
                    associations=associations,
                    **data,
                )
                messages.success(
                    request, _("The organisation is created and takes part.")
                )
                namesakes = Organisation.objects.filter(name__iexact=created.name)
                if namesakes.exclude(pk=created.pk).exists():
                    # A warning, not a refusal: two towns may share a name.
                    messages.warning(
                        request,
                        _(
                            "Another organisation is also called %(name)s: check "
                            "that it is not the same one."
                        )
                        % {"name": created.name},
                    )
                return redirect(programme)
        except ValidationError as error:
            _add_errors(existing if "existing" in request.POST else new, error)
    return render(
        request,
        "schemes/coordination/organisation_add.html",
        {"programme": programme, "existing": existing, "new": new},
    )


@login_required
def invitation_create(request, slug):
    programme = coordinated_programme(request, slug)
    form = InvitationForm(request.POST or None, programme=programme, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invitation_send(
                programme=programme,
                by=request.user,
                **form.cleaned_data,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("The invitation is sent to %(email)s.") % {"email": invitation.email},
            )
            return redirect("schemes:invitation_create", slug=programme.slug)
    invitations = programme.invitations.select_related("organisation", "invited_by")[
        :50
    ]
    return render(
        request,
        "schemes/coordination/invitation_form.html",
        {"programme": programme, "form": form, "invitations": invitations},
    )


def invitation_accept(request, token):
    """The invitee's landing page: choose a password, join the organisation."""
    try:
        invitation = Invitation.from_token(token)
    except signing.SignatureExpired:
        return _invalid(
            request, _("This invitation has expired: ask for a new one."), 410
        )
    except (signing.BadSignature, Invitation.DoesNotExist):
        return _invalid(request, _("This invitation link is not valid."), 404)
    language = None
    if not request.user.is_authenticated:
        # Before an account exists: the invitee's language, unless they
        # switched the page to another (then the account takes that one).
        language = _invitee_language(request, invitation)
        translation.activate(language)
        request.LANGUAGE_CODE = language
    if invitation.accepted_at is not None:
        return _invalid(request, _("This invitation has been used already."), 410)
    try:
        services.invitation_check(invitation=invitation)
    except ValidationError as error:
        return _invalid(request, " ".join(error.messages), 410)
    account_exists = User.objects.filter(email__iexact=invitation.email).exists()
    signed_in_as_invitee = (
        request.user.is_authenticated
        and request.user.email.lower() == invitation.email.lower()
    )
    form = None
    if not account_exists:
        form = AcceptInvitationForm(
            request.POST or None,
            email=invitation.email,
            initial={"full_name": invitation.full_name},
        )
    if request.method == "POST":
        try:
            if signed_in_as_invitee:
                user = services.invitation_accept(
                    invitation=invitation, full_name="", user=request.user
                )
            elif form is not None and form.is_valid():
                user = services.invitation_accept(
                    invitation=invitation,
                    full_name=form.cleaned_data["full_name"],
                    password=form.cleaned_data["password1"],
                    language=language or "",
                )
                login(request, user, backend="incluportal.twofactor.UserBackend")
            else:
                user = None
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            user = None
        if user is not None:
            messages.success(
                request,
                _("Welcome! You now work for %(organisation)s in IncluPortal.")
                % {"organisation": invitation.organisation},
            )
            return redirect("home")
    return render(
        request,
        "schemes/coordination/invitation_accept.html",
        {
            "invitation": invitation,
            "form": form,
            "account_exists": account_exists,
            "signed_in_as_invitee": signed_in_as_invitee,
        },
    )


def _invitee_language(request, invitation):
    """The language the invitation page is shown in to a visitor who is not
    signed in: the one they chose with the switcher (its cookie), else the
    invitation's."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    return chosen if is_interface_language(chosen) else person_language(invitation)


def _invalid(request, reason, status):
    return render(
        request,
        "schemes/coordination/invitation_invalid.html",
        {"reason": reason},
        status=status,
    )


@login_required
def scheme_create(request, slug):
    programme = coordinated_programme(request, slug)
    initial = {}
    # From the matching page: ?mentee_city=<slug>&mentor_city=<slug>.
    mentee = Organisation.objects.filter(
        slug=slug_or_empty(request.GET.get("mentee_city"))
    ).first()
    if mentee:
        initial["mentee_city"] = mentee
        initial["mentee_association"] = services.programme_association(
            programme, mentee
        )
    mentor = Organisation.objects.filter(
        slug=slug_or_empty(request.GET.get("mentor_city"))
    ).first()
    if mentor:
        initial["other_cities"] = [mentor]
    benchmark = slug_or_empty(request.GET.get("benchmark"))
    if benchmark:
        from benchmarks.models import Benchmark

        found = Benchmark.objects.current().filter(slug=benchmark).first()
        if found:
            initial.update(benchmark=found, theme=found.theme)
    form = SchemeForm(request.POST or None, programme=programme, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            scheme = services.scheme_create(
                programme=programme, by=request.user, **form.service_arguments()
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The scheme is created, with its documents."))
            return redirect(scheme)
    return render(
        request,
        "schemes/coordination/scheme_form.html",
        {"programme": programme, "form": form},
    )


@login_required
def notification_settings(request):
    """The person's own settings: their language and their e-mails."""
    data = request.POST if request.method == "POST" else None  # an empty POST unticks
    form = AccountSettingsForm(data, instance=request.user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            user_language_set(
                user=request.user,
                language=form.cleaned_data["language"],
                by=request.user,
            )
            user_notifications_set(
                user=request.user,
                email_notifications=form.cleaned_data["email_notifications"],
                by=request.user,
            )
        # The confirmation, and the page after it, in the language chosen.
        translation.activate(request.user.language)
        messages.success(request, _("Your settings are saved."))
        return set_language_cookie(
            redirect("notification_settings"), request.user.language
        )
    return render(request, "registration/notification_settings.html", {"form": form})
