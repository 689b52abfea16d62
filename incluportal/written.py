"""Texts the portal ships and texts people write.

A shipped text (a default visit's purpose, its agenda, a process's phase
names) is stored as its English source and shown in each reader's language,
for as long as nobody changes it. A form shows it translated; submitted
back unchanged, in whatever language the writer reads, it must stay the
shipped text, not become the writer's translation of it (``ShippedTexts``).

A text a person changes is theirs: stored as written, never translated, and
the document records the language it was written in (``Written``).
"""

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import translation
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _


class ShippedTexts:
    """A set of shipped texts, declared with ``gettext_lazy`` or
    ``gettext_noop`` (the English source is what is stored)."""

    def __init__(self, *groups):
        self._groups = groups
        self._sources = None

    @property
    def sources(self) -> frozenset:
        if self._sources is None:
            # English is the source language: its text is the msgid.
            with translation.override("en"):
                self._sources = frozenset(
                    str(text) for group in self._groups for text in _flat(group)
                )
        return self._sources

    def show(self, text) -> str:
        """``text`` in the reader's language when it is a shipped one; a
        person's text as they wrote it (never looked up in the catalogue,
        where a word of theirs might happen to be a message)."""
        if not text:
            return ""
        return gettext(text) if text in self.sources else text

    def store(self, text) -> str:
        """What to store for ``text`` as submitted in the active language:
        the source of the shipped text it reads as (the form showed it
        translated and the writer left it), else the text as written."""
        if not text or text in self.sources:
            return text
        for source in self.sources:
            if gettext(source) == text:
                return source
        return text

    def in_any_language(self, languages):
        """{translation: source} of every shipped text in each of
        ``languages`` (for data that froze a translation)."""
        found = {}
        for code in languages:
            with translation.override(code):
                for source in self.sources:
                    found.setdefault(gettext(source), source)
        return found

    def unfreeze(self, text) -> str:
        """The source of ``text`` when it is a shipped text's translation in
        any of the portal's languages (as saved before shipped texts were
        kept as such, and so restored from an old version), else ``text``."""
        if not text or text in self.sources:
            return text
        codes = [code for code, _name in settings.LANGUAGES]
        return self.in_any_language(codes).get(text, text)

    def is_shipped(self, text) -> bool:
        return text in self.sources


def _flat(group):
    if isinstance(group, (list, tuple)):
        for item in group:
            yield from _flat(item)
    else:
        yield group


def active_language() -> str:
    """The writer's language: the active one, as one of the portal's codes."""
    code = translation.get_language() or settings.LANGUAGE_CODE
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return settings.LANGUAGE_CODE


# Language names as they read inside a sentence ("Written in Latvian"), in
# lower case where the reader's language writes them so (Latvian, French),
# unlike the language switcher's. A language not listed reads as Django
# names it.
IN_A_SENTENCE = {
    "en": pgettext_lazy("inside a sentence", "English"),
    "lv": pgettext_lazy("inside a sentence", "Latvian"),
    "fr": pgettext_lazy("inside a sentence", "French"),
}


def language_name(code) -> str:
    """A language's name in the reader's language, as it reads inside a
    sentence ("Latvian"; "latviešu" for a Latvian reader)."""
    if not code:
        return ""
    if code in IN_A_SENTENCE:
        return str(IN_A_SENTENCE[code])
    try:
        info = translation.get_language_info(code)
    except KeyError:
        return code
    return info["name_translated"]


class Written(models.Model):
    """A document people write: the language it was last written in."""

    language = models.CharField(
        _("written in"),
        max_length=10,
        blank=True,
        editable=False,
        help_text=_(
            "The language of the last save that changed its text; empty while "
            "it holds only what the portal ships."
        ),
    )

    class Meta:
        abstract = True

    @property
    def language_name(self):
        return language_name(self.language)

    def mark_written(self, values, *, of=None, always=()):
        """Record the writer's language when ``values`` (about to be
        written to ``of``, the document itself by default) change a text;
        ``always``: fields that are text though not a column of it (a
        visit's agenda). Call before the values are applied."""
        if changes_text(self if of is None else of, values, always=always):
            self.language = active_language()
            return True
        return False


def changes_text(obj, values, *, always=()):
    """Whether ``values`` change a text of ``obj`` (dates, choices' codes
    and links are not text in a language)."""
    for name, value in values.items():
        is_text = isinstance(value, str) or name in always
        if is_text and value != _current(obj, name) and not _is_code(obj, name):
            return True
    return False


def _is_code(obj, name):
    try:
        field = type(obj)._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return bool(field.choices) or field.is_relation


def _current(obj, name):
    try:
        field = type(obj)._meta.get_field(name)
    except FieldDoesNotExist:  # not a column: part of the document's rows
        children = getattr(obj, "history_children", None)
        return children().get(name) if children else None
    return getattr(obj, field.attname)
