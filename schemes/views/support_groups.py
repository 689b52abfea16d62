"""Annex 5: each side's local support group."""

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
from schemes.models import Side, SupportGroupMember
from schemes.work.models.support import SUPPORT_GROUP_MAX, support_group_warnings


def _side_city(scheme, side):
    if side == Side.MENTEE:
        return scheme.mentee_city
    if side == Side.MENTOR:
        return scheme.mentor_city
    raise Http404


def _keeps_group(user, scheme, side):
    """Whether the user may change the side's group: the members' ``writers``."""
    return access.can_write(user, SupportGroupMember(scheme=scheme, side=side))


@login_required
def support_group(request, scheme_pk, side):
    scheme = selectors.scheme_get_for_user(user=request.user, pk=scheme_pk)
    city = _side_city(scheme, side)
    members = list(
        scheme.support_group_members.filter(side=side).prefetch_related(
            "visits_attended"
        )
    )
    return render(
        request,
        "schemes/support_group.html",
        {
            "scheme": scheme,
            "side": Side(side),
            "city": city,
            "members": members,
            "warnings": support_group_warnings(members),
            "can_edit": _keeps_group(request.user, scheme, side),
            "max_members": SUPPORT_GROUP_MAX,
        },
    )


def _editable_scheme(request, scheme_pk, side):
    scheme = selectors.scheme_get_for_user(user=request.user, pk=scheme_pk)
    _side_city(scheme, side)
    if not _keeps_group(request.user, scheme, side):
        raise PermissionDenied
    return scheme


@login_required
def support_group_member_edit(request, scheme_pk, side, member_pk=None):
    scheme = _editable_scheme(request, scheme_pk, side)
    member = None
    if member_pk is not None:
        member = get_object_or_404(
            scheme.support_group_members.filter(side=side), pk=member_pk
        )
    form = SupportGroupMemberForm(request.POST or None, instance=member, scheme=scheme)
    conflict = None
    if request.method == "POST" and form.is_valid():
        values = {n: form.cleaned_data[n] for n in form.Meta.fields}
        try:
            if member is None:
                services.support_group_member_create(
                    scheme=scheme, side=side, values=values, by=request.user
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
            return redirect("schemes:support_group", scheme_pk=scheme.pk, side=side)
    return render(
        request,
        "schemes/support_group_member_form.html",
        {
            "scheme": scheme,
            "side": Side(side),
            "form": form,
            "member": member,
            **conflicts.form_context(conflict, member),
        },
        status=conflicts.status(conflict),
    )


@login_required
@require_POST
def support_group_member_delete(request, scheme_pk, side, member_pk):
    scheme = _editable_scheme(request, scheme_pk, side)
    member = get_object_or_404(
        scheme.support_group_members.filter(side=side), pk=member_pk
    )
    services.support_group_member_delete(member=member, by=request.user)
    messages.success(
        request, _("%(name)s is removed from the group.") % {"name": member.name}
    )
    return redirect("schemes:support_group", scheme_pk=scheme.pk, side=side)
