"""A city's page for newcomers with a typical number of services, published
(for the print, poster and sitemap tests)."""

import datetime

from schemes.models import CityGuide, GuideEntry, GuidePublication
from schemes.public.presenting import snapshot
from tests.factories import CityFactory

CATEGORIES = ["first-steps", "language", "legal", "housing", "work", "health"]


def service(number):
    """A service written in Latvian, English, Ukrainian and Arabic."""
    return {
        "title": {
            "lv": f"Pakalpojums {number}",
            "en": f"Service {number}",
            "uk": f"Послуга {number}",
            "ar": f"الخدمة {number}",
        },
        "description": {
            "en": "Free advice for newcomers on their first steps in the city: "
            "registration, documents, where to find a course and a doctor.",
            "uk": "Безкоштовні консультації для новоприбулих щодо перших кроків "
            "у місті: реєстрація, документи, курси та лікар.",
            "ar": "استشارات مجانية للقادمين الجدد حول خطواتهم الأولى في المدينة: "
            "التسجيل والوثائق والدورات والطبيب.",
        },
        "opening_hours": {"en": "Mon–Thu 9:00–17:00", "uk": "Пн–Чт 9:00–17:00"},
        "cost": {"en": "Free", "uk": "Безкоштовно", "ar": "مجاناً"},
        "eligibility": {"en": "Everyone living in the city"},
        "provider": f"Provider {number}",
        "address": f"Lielā iela {number}, Jelgava",
        "phone": "+371 6300 0000",
        "email": f"info{number}@example.test",
        "link": f"https://example.test/service-{number}",
        "languages_spoken": ["lv", "en", "ru", "uk"],
    }


def published_guide(city=None, services=15, extra_languages=("uk", "ar")):
    """A city's page with ``services`` services, published in Latvian,
    English and ``extra_languages``."""
    city = city or CityFactory(name="Jelgava", slug="jelgava")
    guide = CityGuide.objects.create(
        city=city,
        city_language="lv",
        extra_languages=list(extra_languages),
        intro={"en": "Where to turn in your first months.", "uk": "Куди звертатися."},
    )
    for number in range(1, services + 1):
        GuideEntry.objects.create(
            guide=guide,
            category=CATEGORIES[number % len(CATEGORIES)],
            position=number,
            **service(number),
        )
    guide.current = GuidePublication.objects.create(
        guide=guide,
        number=1,
        published_at=datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.UTC),
        languages=guide.languages,
        content=snapshot(guide),
    )
    guide.save()
    return guide
