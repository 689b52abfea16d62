import logging

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import get_language_info
from django.views import i18n
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from incluportal.i18n import browser_language, is_interface_language
from incluportal.services import user_language_set

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def healthz(request):
    """200 when the database answers a query, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: the database did not answer")
        return HttpResponse(
            "database unavailable\n", status=503, content_type="text/plain"
        )
    return HttpResponse("ok\n", content_type="text/plain")


def set_language(request):
    """The language switcher: Django's ``set_language`` (the cookie, and back
    to ``next``); signed in, the choice also becomes the person's language,
    which their pages, e-mails and reminders follow on any browser
    (incluportal.middleware.PersonLanguageMiddleware)."""
    response = i18n.set_language(request)
    language = request.POST.get("language", "")
    if (
        request.method == "POST"
        and request.user.is_authenticated
        and is_interface_language(language)
    ):
        user_language_set(user=request.user, language=language, by=request.user)
    return response


def transition_refused(request, error, *, back_url):
    """The 409 page for a status change the document's status no longer
    allows (``incluportal.workflow.InvalidTransition``): someone else decided
    first, and nothing was recorded."""
    return render(
        request,
        "workflow_refused.html",
        {"message": " ".join(error.messages), "back_url": back_url},
        status=409,
    )


def page_not_found(request, exception):
    """The 404 page. Under the public face (``PUBLIC_PATH_PREFIXES``) it is a
    public page too: in the reader's language (the one in the address, else
    their browser's), without the portal's navigation, sign-in state or CSRF
    cookie, so it reads no session."""
    if not request.path_info.startswith(settings.PUBLIC_PATH_PREFIXES):
        return render(request, "404.html", status=404)
    segments = request.path_info.strip("/").split("/")
    in_address = [s for s in segments if s in settings.PUBLIC_LANGUAGES]
    language = (
        in_address[-1]
        if in_address
        else browser_language(request, settings.PUBLIC_LANGUAGES, "en")
    )
    with translation.override(language):
        response = render(
            request,
            "public/404.html",
            {
                "page_language": language,
                "page_dir": "rtl" if get_language_info(language)["bidi"] else "ltr",
            },
            status=404,
        )
    response["Content-Language"] = language
    return response


def server_error(request):
    """The 500 page, rendered without context processors that might fail again."""
    return render(request, "500.html", status=500)
