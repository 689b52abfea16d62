import logging

from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

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


def server_error(request):
    """The 500 page, rendered without context processors that might fail again."""
    return render(request, "500.html", status=500)
