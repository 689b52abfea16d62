"""The public face of the demo (issue 20): Jelgava's and Schaerbeek's pages
for newcomers, published, and two of Schaerbeek's approved good practices
in the public library (fixtures/demo_public.json).

Written by ``load_demo`` after the demo's documents. Safe to run again: a
page that has services and a practice that is published are left as they
are, so a second run changes nothing and doubles nothing.
"""

import json

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

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
from schemes.work.annexes import GOOD_PRACTICE_PART
from schemes.work.search import fold

DEMO_PUBLIC = settings.BASE_DIR / "fixtures" / "demo_public.json"
# The answers of a practice that its public copy shows, in the order of the
# template: its title is the copy's own field; the contact (a person and
# their position) stays inside the portal.
PUBLIC_PARTS = [
    f for f in GOOD_PRACTICE_PART.fields if f.name not in ("title", "contact", "links")
]


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
        _publish_demo_practice(practice, User.objects.get(email=item["by"]))


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


@transaction.atomic
def _publish_demo_practice(practice, by):
    """The public copy of an approved practice, written with the models
    directly. To become ``good_practice_publish(practice=…, by=…)``, the
    publishing service, once it exists."""
    with translation.override("en"):
        parts = [
            {"label": str(f.label), "text": getattr(practice, f.name)}
            for f in PUBLIC_PARTS
            if getattr(practice, f.name)
        ]
    links = [line.strip() for line in practice.links.splitlines() if line.strip()]
    copy = PublishedPractice.objects.create(
        practice=practice,
        city=practice.city,
        title=practice.title,
        content={"parts": parts, "start_year": practice.start_year, "links": links},
        search_text=fold(
            "\n".join(
                [practice.title, *(p["text"] for p in parts), practice.city.name_en]
            )
        ),
        published_at=timezone.now(),
        published_by=by,
    )
    copy.themes.set(practice.themes.all())
    copy.key_factors.set(practice.key_factors.all())
    return copy
