"""Project-wide request and response rules that belong to no single view."""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_cache_control

from incluportal.i18n import person_language


class NoStoreMiddleware:
    """Every answer of the portal is ``Cache-Control: private, no-store``.

    Nearly every page behind sign-in shows a scheme's confidential content
    (documents, the dossier, history, PDFs, CSV and XLSX exports), and so do
    redirects and errors about it: no browser disk cache or proxy keeps any
    of it, whoever is signed in, whatever the view. One rule, not a list of
    views, so a new view cannot forget it. The sign-in and password
    pages carry a CSRF token and are not worth keeping either. The public
    face (published pages, readable without signing in) marks its answers
    ``public_cacheable`` and keeps its own ``Cache-Control``.
    Static files are answered before this middleware (WhiteNoise, which
    sits above it) and keep their long caching.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # A public page (schemes.public.http.public_page) holds nothing
        # confidential and says itself how long it may be kept.
        if getattr(response, "public_cacheable", False):
            return response
        # Merged with what a view set (never_cache adds no-cache, max-age=0);
        # "public" is dropped by patch_cache_control when "private" is set.
        patch_cache_control(response, private=True, no_store=True)
        return response


class PersonLanguageMiddleware:
    """Signed in, a person reads the portal in their own language
    (``User.language``: chosen at invitation, changed on their settings page
    or with the switcher), on any browser, whatever its cookie or
    Accept-Language say; before signing in, Django's LocaleMiddleware decides
    (the cookie, then the browser). Below AuthenticationMiddleware, which
    gives ``request.user``.

    The language cookie is left to the person's explicit choices (the
    switcher, the settings page): the invitation page takes it for the
    invitee's choice (schemes.views.coordination). Public pages
    (``PUBLIC_PATH_PREFIXES``) are skipped: they read no session and speak
    their own page's language (schemes.public.http).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(settings.PUBLIC_PATH_PREFIXES):
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                language = person_language(user)
                translation.activate(language)
                request.LANGUAGE_CODE = language
        return self.get_response(request)
