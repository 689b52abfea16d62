"""How every public page answers: anyone may read it, any cache may keep it
for a while, and it reads neither the session nor the signed-in user.

    @public_page(etag=lambda request, slug, language: ...)
    def city_guide(request, slug, language): ...

* ``Cache-Control: public, max-age=PUBLIC_MAX_AGE`` with the validators the
  view gives (an ETag from the data that changes the page, such as a
  publication's number), so a browser or proxy asks again cheaply and gets
  a 304 without the page being rendered;
* a page with an ETag is rendered once per ETag, address and host: the
  answer is kept in the shared cache (``keep``) for ``PUBLIC_MAX_AGE``
  seconds, so the next reader of the same publication in the same language
  gets it without a query beyond the ETag's. What the ETag covers is what
  changes the page (a new publication, a withdrawal, the language, a city's
  new name); a new release's templates show within ``PUBLIC_MAX_AGE``, as
  they do for a browser that keeps the page;
* at most ``PUBLIC_RATE_LIMIT`` requests a minute per client address (429
  with ``Retry-After`` beyond it);
* rendered in the page's own language (``render_public``), whatever the
  reader's cookie says, with ``Content-Language`` and ``lang``/``dir``.

The paths are listed in ``settings.PUBLIC_PATH_PREFIXES``: the middleware
that would read the session (the two-factor check) skips them, and a test
checks that no public answer varies on the cookie.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import condition

from incluportal.i18n import browser_language
from incluportal.ratelimit import over_limit, retry_after
from schemes.network import languages

RATE_WINDOW = 60
# The headers of a kept answer (the rest are added on the way out).
KEPT_HEADERS = ("Content-Type", "Content-Language", "Content-Disposition", "Vary")


def public_page(etag=None):
    """Decorate a view anyone may read (see the module's docstring).
    ``etag(request, *args, **kwargs)`` gives the page's validator from the
    data that changes it, or None (the page is not there: the view answers,
    usually a 404)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if over_limit(request, "public", settings.PUBLIC_RATE_LIMIT, RATE_WINDOW):
                return too_many_requests(request)
            if etag is None:
                response = view(request, *args, **kwargs)
            else:
                # The validator once a request: for the 304 and the kept page.
                tag = etag(request, *args, **kwargs)
                answer = condition(etag_func=lambda *a, **k: tag)(keep(view, tag))
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


def keep(view, tag):
    """``view``, its answer kept in the shared cache under ``tag`` (with the
    address and the host its links are built on). Only a 200 is kept."""
    if tag is None:
        return view

    def kept(request, *args, **kwargs):
        key = (
            "public-page:"
            + hashlib.sha256(
                "|".join(
                    (tag, request.get_host(), request.get_full_path(), request.method)
                ).encode()
            ).hexdigest()
        )
        stored = cache.get(key)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content)
            for name, value in headers.items():
                response[name] = value
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            headers = {
                name: response[name] for name in KEPT_HEADERS if name in response
            }
            cache.set(key, (response.content, headers), settings.PUBLIC_MAX_AGE)
        return response

    return kept


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
