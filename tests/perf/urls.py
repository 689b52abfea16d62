"""The portal's URLs plus the baseline of ``tests/perf/pages.py``: a bare view
behind ``login_required``, run through the same middleware as every page.
Only the perf settings use this module; the portal itself has no such page."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import path

from incluportal.urls import handler500
from incluportal.urls import urlpatterns as portal_urlpatterns

__all__ = ["handler500", "urlpatterns"]


@login_required
def bare(request):
    return HttpResponse("ok")


urlpatterns = [path("perf/bare/", bare, name="perf_bare"), *portal_urlpatterns]
