"""The reader's language where no session is read (the public pages)."""

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
