from django.shortcuts import render

from schemes import selectors
from schemes.work.progress import attach_progress


def home(request):
    if not request.user.is_authenticated:
        # What the portal is and whom it is for, and the way in.
        return render(request, "home_signed_out.html")
    programmes = selectors.programmes_for_user(user=request.user)
    memberships = request.user.memberships.select_related("organisation")
    schemes = attach_progress(selectors.schemes_for_user(user=request.user))
    return render(
        request,
        "home.html",
        {"programmes": programmes, "memberships": memberships, "schemes": schemes},
    )
