"""The languages a public page can be published in.

The portal's interface is in ``settings.LANGUAGES``; public pages speak
more: a city publishes its page in its own language, in English, and in the
languages its newcomers read. Their labels come from the catalogues in
``schemes/public/locale`` (a limited, complete set of strings).
"""

from django.conf import settings
from django.utils.translation import get_language_info

FALLBACK = "en"


def codes():
    return list(settings.PUBLIC_LANGUAGES)


def is_public_language(code):
    return code in settings.PUBLIC_LANGUAGES


def info(code):
    """Name in the language itself, and its direction."""
    data = get_language_info(code)
    return {
        "code": code,
        "name_local": data["name_local"],
        "name": data["name"],
        "bidi": data["bidi"],
        "dir": "rtl" if data["bidi"] else "ltr",
    }


def direction(code):
    return "rtl" if get_language_info(code)["bidi"] else "ltr"


def choices():
    """(code, "Name in itself") for a select, in the order of the setting."""
    return [(code, info(code)["name_local"]) for code in codes()]
