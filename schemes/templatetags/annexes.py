"""Showing annex answers, from the same declarations as the forms."""

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join, linebreaks
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from schemes.work.annexes import FieldKind, SensitiveIssue

register = template.Library()


@register.simple_tag
def annex_answer(obj, annex_field):
    """The answer to one template question, formatted for reading."""
    value = getattr(obj, annex_field.name)
    kind = annex_field.kind
    if kind == FieldKind.TICKLIST:
        labels = [str(SensitiveIssue(v).label) for v in value if v in SensitiveIssue]
        text = getattr(obj, annex_field.name + "_text")
        if not labels and not text:
            return _no_answer()
        items = format_html_join("", "<li>{}</li>", ((label,) for label in labels))
        return format_html(
            "{}{}",
            format_html("<ul>{}</ul>", items) if labels else "",
            _paragraphs(text) if text else "",
        )
    if value in (None, ""):
        return _no_answer()
    if kind == FieldKind.INTEGER:
        note = getattr(obj, annex_field.name + "_note")
        number = number_format(value, force_grouping=True)
        return (
            format_html('{} <span class="text-body-secondary">{}</span>', number, note)
            if note
            else number
        )
    if kind == FieldKind.MONEY:
        currency = getattr(obj, annex_field.name + "_currency")
        return f"{number_format(value, decimal_pos=0, force_grouping=True)} {currency}"
    if kind == FieldKind.URLS:
        links = [line.strip() for line in value.splitlines() if line.strip()]
        # Only web addresses become links: never a javascript: or data: URL.
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>{}</li>",
                (
                    (
                        format_html('<a href="{}" rel="noopener">{}</a>', u, u)
                        if u.lower().startswith(("http://", "https://"))
                        else u,
                    )
                    for u in links
                ),
            ),
        )
    return _paragraphs(value)


def _paragraphs(text):
    # linebreaks() escapes the text itself (autoescape=True) and returns HTML.
    return mark_safe(linebreaks(text, autoescape=True))  # noqa: S308 # nosec


def _no_answer():
    return format_html(
        '<span class="text-body-secondary fst-italic">{}</span>', _("Not answered")
    )


@register.filter
def percent(pair):
    answered, required = pair
    return round(100 * answered / required) if required else 100


@register.simple_tag
def timeline(row):
    """A row's timeline, from a row or its frozen snapshot, in the one style
    of every page and PDF (``schemes.work.timeline.display``): "Mar 2024 –
    Jun 2024", "2024. gada marts – jūnijs"."""
    from schemes.work.timeline import display

    return display(row)
