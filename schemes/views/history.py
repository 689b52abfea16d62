"""The history page of every document, and restoring an earlier version."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from schemes import services
from schemes.work import history
from schemes.work.history.timeline import timeline

PAGE_SIZE = 20


def _page(request):
    try:
        page = int(request.GET.get("page", 1))
    except ValueError:
        raise Http404 from None
    if not 1 <= page <= 10_000:
        raise Http404
    return page


@login_required
def document_history(request, doc_type, pk):
    tracked = history.tracked_for(doc_type)
    obj = tracked.get(request.user, pk)
    page = _page(request)
    entries, has_more = timeline(
        tracked, obj, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
    )
    if page > 1 and not entries:
        raise Http404
    return render(
        request,
        "schemes/history.html",
        {
            "object": obj,
            "doc_type": doc_type,
            "entries": entries,
            "page": page,
            "has_more": has_more,
            "can_restore": tracked.can_restore(request.user, obj),
            "back_url": tracked.back_url(obj),
        },
    )


@login_required
@require_POST
def document_restore(request, doc_type, pk):
    tracked = history.tracked_for(doc_type)
    obj = tracked.get(request.user, pk)
    if not tracked.can_restore(request.user, obj):
        raise PermissionDenied
    try:
        history_id = int(request.POST.get("history_id", ""))
    except ValueError:
        raise Http404 from None
    try:
        services.history_restore(
            tracked=tracked, obj=obj, history_id=history_id, by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _(
                "The earlier version is restored; the history keeps the one "
                "it replaced."
            ),
        )
    return redirect(reverse("schemes:history", args=[doc_type, obj.pk]))
