"""One text of a city's page for newcomers, as ``templates/public/_guide_body.html``
shows it: in the reader's language, or the English one marked as such.

A tag rather than an include: a page of thirty services shows a hundred
texts, and an include per text was most of the page's rendering time.
"""

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils.html import format_html
from django.utils.translation import pgettext

register = template.Library()


@register.simple_tag
def guide_text(text):
    """``text`` is one of presenting.guide_view's texts: {"text", "lang",
    "fallback", "dir"?}."""
    if not text:
        return ""
    marker = (
        format_html(
            '<span class="guide-fallback">{}</span> ',
            pgettext("public", "In English"),
        )
        if text.get("fallback")
        else ""
    )
    direction = format_html(' dir="{}"', text["dir"]) if text.get("dir") else ""
    return format_html(
        '<p class="mb-1">{}<span lang="{}"{}>{}</span></p>',
        marker,
        text["lang"],
        direction,
        linebreaksbr(text["text"], autoescape=True),
    )
