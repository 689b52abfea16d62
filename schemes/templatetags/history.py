from django import template
from django.urls import reverse

register = template.Library()


@register.simple_tag
def history_url(obj):
    """The history page of a tracked document ("" for anything else)."""
    from schemes.history import DOC_TYPE_OF

    doc_type = DOC_TYPE_OF.get(type(obj))
    if doc_type is None or obj.pk is None:
        return ""
    return reverse("schemes:history", args=[doc_type, obj.pk])
