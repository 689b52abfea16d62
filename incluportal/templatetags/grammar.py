"""Template side of ``incluportal.grammar``: ``{{ name|greeting_name }}``."""

from django import template

from incluportal import grammar

register = template.Library()


@register.filter
def greeting_name(name):
    return grammar.greeting_name(name)


@register.filter
def count(value):
    """``{{ city.population|count }}``: "55 000" in Latvian."""
    if value is None or value == "":
        return ""
    return grammar.format_count(value)


@register.filter
def percent(value):
    """``{{ document.percent_complete|percent }}``: "0 %" in Latvian."""
    if value is None or value == "":
        return ""
    return grammar.format_percent(value)


@register.filter
def genitive(organisation):
    """``{{ city|genitive }}``: "Jelgavas" in Latvian, "Jelgava" in English."""
    return grammar.name_genitive(organisation)
