from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from incluportal.pagecache import cached_page
from schemes import selectors


@login_required
@cached_page
def home(request):
    programmes = selectors.programmes_for_user(user=request.user)
    memberships = request.user.memberships.select_related("organisation")
    schemes = selectors.schemes_for_user(user=request.user)
    return render(
        request,
        "home.html",
        {"programmes": programmes, "memberships": memberships, "schemes": schemes},
    )
