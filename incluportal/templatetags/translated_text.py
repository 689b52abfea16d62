"""A translated field as the reader sees it: ``{% translated programme "name" %}``.

The reader's text as it is; where their language has none, another
language's text (modeltranslation's fallback order) in an element carrying
its ``lang``, so that a screen reader pronounces it in that language,
followed by a visible mark ("in English"). ``linebreaks=True`` for a
description (paragraphs); ``"display_name"`` for an organisation's name
with its acronym. Reads only the object's own columns: no query.
"""

from django import template
from django.template.defaultfilters import linebreaks_filter
from django.utils.html import conditional_escape, format_html
from modeltranslation.utils import get_language

from incluportal.translated import missing_mark, resolved

register = template.Library()


def _display_name(instance):
    name, code = resolved(instance, "name")
    acronym, _code = resolved(instance, "acronym")
    if acronym and acronym != name:
        return f"{name} ({acronym})", code
    return name, code


@register.simple_tag
def translated(instance, name, linebreaks=False):
    if instance is None:
        return ""
    if name == "display_name":
        text, code = _display_name(instance)
    else:
        text, code = resolved(instance, name)
    if not text:
        return ""
    body = linebreaks_filter(text, autoescape=True) if linebreaks else None
    if code == get_language():
        return body if linebreaks else conditional_escape(text)
    if linebreaks:
        return format_html(
            '<p class="small mb-1">{}</p><div lang="{}">{}</div>',
            missing_mark(code),
            code,
            body,
        )
    return format_html('<span lang="{}">{}</span> {}', code, text, missing_mark(code))
