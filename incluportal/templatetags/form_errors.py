"""The error summary at the top of a refused form.

``{% error_summary form other_form %}`` lists every error of the forms given,
each linked to its field, in a box that takes the focus when the page (or an
htmx swap) shows it, so that a screen reader announces it and a keyboard user
starts from it (static ``incluportal/js/errors.js``). Fields themselves carry
``aria-invalid`` and ``aria-describedby`` pointing at their error text.
"""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

register = template.Library()

NOTHING_SAVED = _("Please correct the errors below: nothing was saved.")


def _target(field):
    """The id of the control a link to this field should focus."""
    if field.id_for_label:
        return field.id_for_label
    # Radio buttons and tick boxes: the first of the group.
    return f"{field.auto_id}_0" if field.auto_id else ""


def error_items(*forms):
    items = []
    for form in forms:
        if not form or not getattr(form, "errors", None):
            continue
        items.extend({"text": error} for error in form.non_field_errors())
        for field in form:
            for error in field.errors:
                if field.is_hidden:
                    items.append({"text": error})
                else:
                    items.append(
                        {"label": field.label, "text": error, "target": _target(field)}
                    )
    return items


@register.inclusion_tag("includes/error_summary.html")
def error_summary(*forms, message=None):
    return {"items": error_items(*forms), "message": message or NOTHING_SAVED}


@register.simple_tag
def invalid_attrs(field, also=""):
    """For a hand-written control: ``aria-invalid`` and ``aria-describedby``
    (``also`` first, e.g. a help text's id, then the error), as Django and
    crispy give the fields they render."""
    described = [also] if also else []
    if not field.errors:
        return format_html(' aria-describedby="{}"', also) if also else ""
    described.append(f"{field.auto_id}_error")
    return format_html(
        ' aria-invalid="true" aria-describedby="{}"', " ".join(described)
    )


@register.simple_tag
def field_error(field):
    """The error text of a hand-written control, with the id it is described by."""
    if not field.errors:
        return ""
    return format_html(
        '<div class="invalid-feedback d-block" id="{}_error">{}</div>',
        field.auto_id,
        " ".join(str(e) for e in field.errors),
    )
