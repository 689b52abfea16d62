"""Writes of the public face: a city's page for newcomers.

Only the city's own officers (its members) edit and publish it; each write
locks the page's row, so two officers publishing at once make two
numbered publications, never a lost one.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from incluportal.models import User
from schemes import access
from schemes.models import CityGuide, GuidePublication, Organisation
from schemes.network import languages
from schemes.network.models.guides import text_in
from schemes.public.presenting import snapshot


def require_city_officer(user: User, city: Organisation) -> None:
    if not (user.is_superuser or access.is_member(user, city)):
        raise PermissionDenied


def guide_for_city(*, city: Organisation, by: User) -> CityGuide:
    """The city's page, started (empty, in the city's first working
    language) the first time an officer opens it."""
    require_city_officer(by, city)
    guide = CityGuide.objects.filter(city=city).first()
    if guide is not None:
        return guide
    working = [c for c in sorted(city.languages) if languages.is_public_language(c)]
    first = working[0] if working else languages.FALLBACK
    guide, _created = CityGuide.objects.get_or_create(
        city=city, defaults={"city_language": first, "updated_by": by}
    )
    return guide


def publication_problems(guide: CityGuide) -> list[str]:
    """Why the page cannot be published yet (empty: it can). English is the
    language every missing translation falls back to, so each service needs
    its name in English."""
    problems = []
    entries = list(guide.entries.all())
    if not entries:
        problems.append(_("Add at least one service before publishing."))
    for number, entry in enumerate(entries, start=1):
        if not text_in(entry.title, languages.FALLBACK):
            problems.append(
                _("Service %(number)s has no name in English.") % {"number": number}
            )
    return problems


@transaction.atomic
def guide_publish(*, guide: CityGuide, by: User) -> GuidePublication:
    """Publish the page as it stands: a numbered, frozen copy that the
    public reads from now on."""
    require_city_officer(by, guide.city)
    guide = CityGuide.objects.select_for_update().get(pk=guide.pk)
    problems = publication_problems(guide)
    if problems:
        raise ValidationError(problems)
    last = guide.publications.order_by("-number").first()
    publication = GuidePublication.objects.create(
        guide=guide,
        number=(last.number + 1) if last else 1,
        published_at=timezone.now(),
        published_by=by,
        languages=guide.languages,
        content=snapshot(guide),
    )
    guide.current = publication
    guide.save(update_fields=["current"])
    return publication


@transaction.atomic
def guide_withdraw(*, guide: CityGuide, by: User) -> None:
    """Take the page off the public site (its publications stay, as history)."""
    require_city_officer(by, guide.city)
    guide = CityGuide.objects.select_for_update().get(pk=guide.pk)
    if guide.current_id is None:
        return
    GuidePublication.objects.filter(pk=guide.current_id).update(
        withdrawn_at=timezone.now()
    )
    guide.current = None
    guide.save(update_fields=["current"])
