"""Annex 5: the local support group of each of a scheme's cities."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from incluportal import conflicts
from incluportal.conflicts import EditConflict, posted_revision
from schemes import access, selectors, services
from schemes.forms import SupportGroupMemberForm
from schemes.models import SupportGroupMember
from schemes.work.models.support import SUPPORT_GROUP_MAX, support_group_warnings


def _scheme_city(scheme, slug):
    """The scheme's city of this short name (404 for any other)."""
    city = scheme.city_by_slug(slug)
    if city is None:
        raise Http404
    return city


def _keeps_group(user, scheme, city):
    """Whether the user may change the city's group: the members' ``writers``."""
    return access.can_write(user, SupportGroupMember(scheme=scheme, city=city))


@login_required
def support_group(request, scheme_pk, city):
    scheme = selectors.scheme_get_for_user(user=request.user, pk=scheme_pk)
    city = _scheme_city(scheme, city)
    members = list(
        scheme.support_group_members.filter(city=city).prefetch_related(
            "visits_attended"
        )
    )
    return render(
        request,
        "schemes/support_group.html",
        {
            "scheme": scheme,
            "city": city,
            "role": scheme.role_of(city),
            "members": members,
            "warnings": support_group_warnings(members),
            "can_edit": _keeps_group(request.user, scheme, city),
            "max_members": SUPPORT_GROUP_MAX,
        },
    )


def _editable_group(request, scheme_pk, slug):
    scheme = selectors.scheme_get_for_user(user=request.user, pk=scheme_pk)
    city = _scheme_city(scheme, slug)
    if not _keeps_group(request.user, scheme, city):
        raise PermissionDenied
    return scheme, city


@login_required
def support_group_member_edit(request, scheme_pk, city, member_pk=None):
    scheme, city = _editable_group(request, scheme_pk, city)
    member = None
    if member_pk is not None:
        member = get_object_or_404(
            scheme.support_group_members.filter(city=city), pk=member_pk
        )
    form = SupportGroupMemberForm(request.POST or None, instance=member, scheme=scheme)
    conflict = None
    if request.method == "POST" and form.is_valid():
        values = {n: form.cleaned_data[n] for n in form.Meta.fields}
        try:
            if member is None:
                services.support_group_member_create(
                    scheme=scheme, city=city, values=values, by=request.user
                )
            else:
                services.support_group_member_update(
                    member=member,
                    values=values,
                    by=request.user,
                    revision=posted_revision(request.POST),
                )
        except EditConflict as exc:
            conflict = exc
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The member is saved."))
            return redirect(
                "schemes:support_group", scheme_pk=scheme.pk, city=city.slug
            )
    return render(
        request,
        "schemes/support_group_member_form.html",
        {
            "scheme": scheme,
            "city": city,
            "form": form,
            "member": member,
            **conflicts.form_context(conflict, member),
        },
        status=conflicts.status(conflict),
    )


@login_required
@require_POST
def support_group_member_delete(request, scheme_pk, city, member_pk):
    scheme, city = _editable_group(request, scheme_pk, city)
    member = get_object_or_404(
        scheme.support_group_members.filter(city=city), pk=member_pk
    )
    services.support_group_member_delete(member=member, by=request.user)
    messages.success(
        request, _("%(name)s is removed from the group.") % {"name": member.name}
    )
    return redirect("schemes:support_group", scheme_pk=scheme.pk, city=city.slug)
