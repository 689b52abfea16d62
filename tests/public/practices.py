"""Good practices for the public-face tests."""

from schemes.models import GoodPractice

CONTACT = "Anna Bērziņa, anna.berzina@example.org, +371 2000 0000"


def approved_practice(city, title="Welcome desk", **answers):
    """An approved practice of ``city`` with answers, links and a contact."""
    values = {
        "location": "Schaerbeek town hall",
        "lead_agencies": "Social services",
        "rationale": "Newcomers did not know where to start.",
        "description": "A desk open every morning, in five languages.",
        "results": "Two thousand visits a year.",
        "contact": CONTACT,
        "links": "https://example.org/desk\njavascript:alert(1)",
        "start_year": 2019,
        **answers,
    }
    return GoodPractice.objects.create(
        city=city, title=title, status="approved", **values
    )
