from django import template
from django.urls import reverse

from incluportal.documents import kind_for_model
from schemes import access

register = template.Library()


@register.simple_tag(takes_context=True)
def history_url(context, obj):
    """The history page of a tracked document, if the viewer may read it
    ("" otherwise, and for anything untracked): a link that would answer 404
    is not shown. The history page's own rule decides (``Tracked.get``:
    ``access.can_read``); a page that has asked already says so with
    ``known_readable``."""
    kind = kind_for_model(type(obj))
    if kind is None or not kind.history or obj.pk is None:
        return ""
    if not context.get("known_readable"):
        request = context.get("request")
        user = getattr(request, "user", None) or context.get("user")
        if user is None or not access.can_read(user, obj):
            return ""
    return reverse("schemes:history", args=[kind.key, obj.pk])
