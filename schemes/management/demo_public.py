"""The public face of the demo (issue 20): Jelgava's and Schaerbeek's pages
for newcomers, published, and two of Schaerbeek's approved good practices
in the public library (fixtures/demo_public.json).

Written by ``load_demo`` after the demo's documents. Safe to run again: a
page that has services and a practice that is published are left as they
are, so a second run changes nothing and doubles nothing.
"""

import json

from django.conf import settings

from incluportal.models import User
from schemes.models import (
    GoodPractice,
    Organisation,
    PublishedPractice,
)
from schemes.public.services import (
    guide_entry_save,
    guide_for_city,
    guide_publish,
    guide_settings_save,
)
from schemes.work.services.good_practices import good_practice_publish

DEMO_PUBLIC = settings.BASE_DIR / "fixtures" / "demo_public.json"


def load_public_demo():
    data = json.loads(DEMO_PUBLIC.read_text(encoding="utf-8"))
    for slug, content in data["guides"].items():
        city = Organisation.objects.get(slug=slug)
        officer = User.objects.get(email=content["officer"])
        guide = guide_for_city(city=city, by=officer)
        if guide.entries.exists():
            continue  # written already (by a first run, or by its officers)
        _write_demo_guide(guide, content, officer)
        guide_publish(guide=guide, by=officer)
    for item in data["practices"]:
        practice = GoodPractice.objects.get(
            city__slug=item["city"], title=item["title"]
        )
        if PublishedPractice.objects.filter(practice=practice).exists():
            continue
        good_practice_publish(practice=practice, by=User.objects.get(email=item["by"]))


def _write_demo_guide(guide, content, by):
    """The page's languages, introduction and services, through the
    editor's services."""
    guide = guide_settings_save(
        guide=guide,
        values={
            "city_language": content["city_language"],
            "extra_languages": content["extra_languages"],
            "intro": content["intro"],
        },
        by=by,
    )
    for entry in content["entries"]:
        guide_entry_save(guide=guide, values=entry, by=by)
