"""How every public page answers: anyone may read it, any cache may keep it
for a while, and it reads neither the session nor the signed-in user.

    @public_page(etag=lambda request, slug, language: ...)
    def city_guide(request, slug, language): ...

* ``Cache-Control: public, max-age=PUBLIC_MAX_AGE`` with the validators the
  view gives (an ETag from the data that changes the page, such as a
  publication's number), so a browser or proxy asks again cheaply and gets
  a 304 without the page being rendered;
* at most ``PUBLIC_RATE_LIMIT`` requests a minute per client address (429
  with ``Retry-After`` beyond it);
* rendered in the page's own language (``render_public``), whatever the
  reader's cookie says, with ``Content-Language`` and ``lang``/``dir``.

The paths are listed in ``settings.PUBLIC_PATH_PREFIXES``: the middleware
that would read the session (the two-factor check) skips them, and a test
checks that no public answer varies on the cookie.
"""

from functools import wraps

from django.conf import settings
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import condition

from incluportal.i18n import browser_language
from incluportal.ratelimit import over_limit, retry_after
from schemes.network import languages

RATE_WINDOW = 60


def public_page(etag=None, last_modified=None):
    """Decorate a view anyone may read (see the module's docstring)."""

    def decorator(view):
        answer = view
        if etag or last_modified:
            answer = condition(etag_func=etag, last_modified_func=last_modified)(view)

        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if over_limit(request, "public", settings.PUBLIC_RATE_LIMIT, RATE_WINDOW):
                return too_many_requests(request)
            response = answer(request, *args, **kwargs)
            if response.status_code in (200, 302, 304):
                patch_cache_control(
                    response, public=True, max_age=settings.PUBLIC_MAX_AGE
                )
                # incluportal.middleware.NoStoreMiddleware leaves it be.
                response.public_cacheable = True
            return response

        return wrapped

    return decorator


def too_many_requests(request):
    language = languages.FALLBACK
    response = render_public(
        request, "public/too_many_requests.html", {}, language, status=429
    )
    response["Retry-After"] = str(retry_after(RATE_WINDOW))
    return response


def render_public(request, template, context, language, status=200):
    """Render ``template`` in ``language`` (a code of PUBLIC_LANGUAGES)."""
    info = languages.info(language)
    with translation.override(language):
        response = render(
            request,
            template,
            {**context, "page_language": language, "page_dir": info["dir"]},
            status=status,
        )
    response["Content-Language"] = language
    return response


def varies_on_language_only(response):
    """For an answer chosen by Accept-Language (a page's address without a
    language), say so to caches."""
    patch_vary_headers(response, ("Accept-Language",))
    return response


def reader_language(request):
    """The language a page without one in its address is read in: ``?lang=``
    if it is a public language, else the first of the reader's browser
    languages the public pages speak, else English.

    Never the portal's cookie or session: the answer is the same for
    everyone sending the same address and header (``varies_on_language_only``).
    """
    asked = request.GET.get("lang", "")
    if languages.is_public_language(asked):
        return asked
    return browser_language(request, languages.codes(), languages.FALLBACK)


def language_links(request, current):
    """Links to the same page in each public language (``?lang=``), keeping
    the rest of the query (a search, its filters; not its page number)."""
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("lang", None)
    rest = f"&{query.urlencode()}" if query else ""
    return [
        {
            **languages.info(code),
            "url": f"?lang={code}{rest}",
            "current": code == current,
        }
        for code in languages.codes()
    ]
