"""What the interface languages' grammar asks of names put into sentences.

Translations can reorder words but not decline a name: Latvian greets a
person in the vocative ("Jānis" -> "Jāni") and puts a city owning something
in the genitive ("Jelgava" -> "Jelgavas pašnovērtējums"). The portal holds no
declined form of a person's name, so in such a language a greeting leaves the
name out rather than print the nominative; a city's genitive is stored on the
organisation (``Organisation.name_genitive_lv``).
"""

from django.utils.formats import number_format
from django.utils.translation import get_language, pgettext, pgettext_lazy

# Languages whose greeting would need the person's name in a case the portal
# does not hold (Latvian vocative: "Jāni", "Pēteri", "Edgar", but foreign
# names such as "Thomas" do not decline by rule).
GREETS_WITHOUT_NAME = frozenset({"lv"})


def _language():
    return (get_language() or "en").split("-")[0]


def greeting_name(name):
    """``name`` to greet the person with in the active language, or "" when
    the language would need a form of it the portal does not know."""
    if _language() in GREETS_WITHOUT_NAME:
        return ""
    return name or ""


def format_count(value):
    """A whole number as the active language groups it: "10 000" in
    Latvian and French (with a non-breaking space), "10,000" in English."""
    return number_format(value, decimal_pos=0, force_grouping=True)


def format_percent(value):
    """A percentage as the active language writes it: "0 %" in Latvian and
    French (with a non-breaking space before the sign), "0%" in English."""
    return pgettext(
        "percentage; a non-breaking space where the language wants one", "%(number)s%%"
    ) % {"number": format_count(value)}


def name_genitive(organisation):
    """``organisation``'s name for a sentence that puts it in the genitive
    ("Sākt Jelgavas noslēguma pašnovērtējumu"): in Latvian, its stored
    genitive, or, when none is stored, the name after its kind's genitive
    ("pilsētas Schaerbeek"); the name itself in the other languages."""
    if _language() == "lv" and organisation.name_genitive_lv:
        return organisation.name_genitive_lv
    form = _UNDECLINED.get(organisation.kind, _UNDECLINED["partner"])
    return str(form) % {"name": organisation.name}


# An undeclined name in a genitive slot, after its kind's noun in the
# languages that need one: the English text is only the name.
_UNDECLINED = {
    "city": pgettext_lazy("a city's name in the genitive, undeclined", "%(name)s"),
    "association": pgettext_lazy(
        "an association's name in the genitive, undeclined", "%(name)s"
    ),
    "partner": pgettext_lazy(
        "an organisation's name in the genitive, undeclined", "%(name)s"
    ),
}
