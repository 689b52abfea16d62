from django import template
from django.urls import reverse

from incluportal.documents import kind_for_model

register = template.Library()


@register.simple_tag
def history_url(obj):
    """The history page of a tracked document ("" for anything else)."""
    kind = kind_for_model(type(obj))
    if kind is None or not kind.history or obj.pk is None:
        return ""
    return reverse("schemes:history", args=[kind.key, obj.pk])
