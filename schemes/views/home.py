from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from schemes import selectors
from schemes.work.progress import attach_progress


@login_required
def home(request):
    programmes = selectors.programmes_for_user(user=request.user)
    memberships = request.user.memberships.select_related("organisation")
    schemes = attach_progress(selectors.schemes_for_user(user=request.user))
    return render(
        request,
        "home.html",
        {"programmes": programmes, "memberships": memberships, "schemes": schemes},
    )
