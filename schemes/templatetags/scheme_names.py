"""A scheme's title with its cities' names as the reader sees them:
``{% scheme_title scheme %}``, ``Scheme.title`` where a city's name is not
translated into the reader's language is marked (``{% translated %}``)."""

from django import template
from django.utils.html import format_html, format_html_join

from incluportal.templatetags.translated_text import translated

register = template.Library()


@register.simple_tag
def scheme_title(scheme):
    # The shape of Scheme.title: "Jelgava – Schaerbeek, Ghent", or the peers
    # of a community of practice "Capaci, Jelgava, Tartu".
    first, *others = (translated(city, "name") for city in scheme.cities)
    return format_html(
        "{}{}{}",
        first,
        ", " if scheme.is_peer_group else " – ",
        format_html_join(", ", "{}", ((name,) for name in others)),
    )
