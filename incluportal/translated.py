"""Content stored in each portal language (django-modeltranslation).

A translated field (``Programme.name``) has a column per language
(``name_en``, ``name_lv``…). A form offers one input per language, the
reader's own first; a page shows the reader's text, or another language's
text marked as such (``templatetags/translated_text.py``), never a silent
fallback. The languages are modeltranslation's, in the order of
``settings.LANGUAGES``: a language added there (and its columns) appears in
every form, export and mark without a change here.
"""

import copy

from django.conf import settings
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import get_language_info, pgettext_lazy
from modeltranslation import settings as mt_settings
from modeltranslation.utils import (
    build_localized_fieldname,
    get_language,
    resolution_order,
)

# "in English" as a mark and in a field's label says it: a phrase of its own
# per language, as languages inflect it differently (lv "angliski", fr "en
# anglais"). A language without one here is named by its own name.
IN_LANGUAGE = {
    "en": pgettext_lazy("content language", "in English"),
    "lv": pgettext_lazy("content language", "in Latvian"),
    "fr": pgettext_lazy("content language", "in French"),
}


def codes():
    """The content languages, in the order of ``settings.LANGUAGES``."""
    available = set(mt_settings.AVAILABLE_LANGUAGES)
    return [code for code, _name in settings.LANGUAGES if code in available]


def reader_first():
    """The content languages, the reader's (the active one) first."""
    current = get_language()
    return [current, *(code for code in codes() if code != current)]


def in_language(code):
    """ "in English", in the reader's language."""
    if code in IN_LANGUAGE:
        return IN_LANGUAGE[code]
    return get_language_info(code)["name_local"]


def columns(*names):
    """Every language's column of each of ``names``: name_en, name_lv…"""
    return [build_localized_fieldname(name, code) for name in names for code in codes()]


def first_text(values, name):
    """The text of ``name`` among ``values`` (a dict of columns) to make a
    short name from: the default language's, as an address is the same for
    every reader, else the reader's, else any language's."""
    default = mt_settings.DEFAULT_LANGUAGE
    for code in [default, *(c for c in reader_first() if c != default)]:
        text = values.get(build_localized_fieldname(name, code))
        if text:
            return text
    return values.get(name) or ""


def resolved(instance, name):
    """(text, language) of the translated field as the reader sees it: the
    reader's text, or the first fallback language's (modeltranslation's
    order); ("", None) when no language has one."""
    descriptor = getattr(type(instance), name)
    order = resolution_order(get_language(), descriptor.fallback_languages)
    for code in order:
        text = getattr(instance, build_localized_fieldname(name, code), None)
        if text:
            return text, code
    return "", None


def missing_mark(code):
    """The visible mark after a text shown in another language than the
    reader's: "in English", with a title saying why."""
    return format_html(
        '<span class="badge text-bg-light border translation-missing" title="{}">{}'
        "</span>",
        pgettext_lazy("content language", "Not translated into this language yet"),
        in_language(code),
    )


def split_by_language(form, model, names, *, required=()):
    """Replace each of ``names`` among the form's fields (or add it at the
    end, taken from ``model``) by one field per language, labelled with the
    language, at the same place: the reader's language first, required where
    the name is in ``required``, the others optional. Each input carries the
    ``lang`` of the text it takes (spelling, screen readers)."""
    split = {}
    for name in names:
        base = form.fields.get(name) or model._meta.get_field(name).formfield()
        label = capfirst(base.label or model._meta.get_field(name).verbose_name)
        split[name] = {}
        for position, code in enumerate(reader_first()):
            field = copy.deepcopy(base)
            field.label = f"{label} ({in_language(code)})"
            field.required = position == 0 and name in required
            field.widget.attrs["lang"] = code
            if position:
                field.help_text = OTHER_LANGUAGE_HELP
            split[name][build_localized_fieldname(name, code)] = field
    fields = {}
    for key, field in form.fields.items():
        fields.update(split.pop(key, {key: field}))
    for rest in split.values():
        fields.update(rest)
    form.fields = fields


OTHER_LANGUAGE_HELP = pgettext_lazy(
    "content language",
    "Optional. Left empty, readers in this language see the text in another "
    "language, marked as not translated.",
)


def translated_values(cleaned_data, names):
    """The per-language values of ``names`` in a form's cleaned data."""
    return {
        column: cleaned_data[column]
        for column in columns(*names)
        if column in cleaned_data
    }
