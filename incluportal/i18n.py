"""Languages: the portal's interface languages, a person's own language, and
the reader's language where no session is read (the public pages).

The interface languages are ``settings.LANGUAGES``, read when asked (never
frozen into a migration or a module constant), so that a language added to
the setting is offered everywhere at once.
"""

from django.conf import settings
from django.utils.translation import get_language_info
from django.utils.translation.trans_real import parse_accept_lang_header


def browser_language(request, offered, default):
    """The first of the reader's browser languages (Accept-Language) that is
    in ``offered``, else ``default``. Never the portal's cookie or session."""
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    for code, _quality in parse_accept_lang_header(header):
        code = code.split("-")[0].lower()
        if code in offered:
            return code
    return default


def interface_codes():
    """The codes of the interface languages, in the setting's order."""
    return [code for code, _name in settings.LANGUAGES]


def is_interface_language(code):
    return code in interface_codes()


def default_language():
    """A new person's language when nobody chose one (the model's default)."""
    return settings.LANGUAGE_CODE


def language_choices():
    """(code, the language's name in itself) for the interface languages:
    a person picks their language by the name they read it under
    ("Latviešu", "Français"), whatever the page's language. Callable
    ``choices`` of ``User.language``: migrations keep a reference to it,
    not today's list."""
    choices = []
    for code in interface_codes():
        name = get_language_info(code)["name_local"]
        choices.append((code, name[:1].upper() + name[1:]))
    return choices


def person_language(person):
    """The language to write to ``person`` in (their ``language``), or the
    portal's default when they have none or one the portal no longer offers."""
    code = getattr(person, "language", "") or ""
    return code if is_interface_language(code) else settings.LANGUAGE_CODE


def set_language_cookie(response, language):
    """Remember ``language`` in this browser, as Django's switcher does: the
    pages before signing in (and after signing out) are in it."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response
