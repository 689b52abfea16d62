"""Every page of the portal is valid HTML, as the W3C's Nu checker reads it.

Each page of the permission matrix (tests/test_permissions.py) is read as the
first persona it answers 200 to; htmx fragments are checked inside a page of
their own. The browser journeys check every page they reach the same way
(tests/browser/journey.py), with the demo's data.
"""

import pytest

from tests.conftest import PERSONAS
from tests.support.htmlvalidator import html_errors
from tests.test_permissions import MATRIX

pytestmark = pytest.mark.django_db


def test_the_checker_finds_errors():
    """The check can fail: a form inside a span, an empty table column."""
    errors = html_errors(
        '<!DOCTYPE html><html lang="en"><head><title>x</title></head>'
        "<body><span><form></form></span></body></html>"
    )
    assert any("form" in e and "span" in e for e in errors), errors
    assert html_errors("<tr><td>a fragment</td></tr>") == []


def test_every_page_is_valid_html(world, client_for):
    checked, problems = [], []
    for name, (method, build, expected, *_data) in MATRIX.items():
        reader = next((p for p in PERSONAS if expected[p] == 200), None)
        if method != "get" or reader is None:
            continue
        url = build(world)
        response = client_for(reader).get(url)
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        assert response.status_code == 200, f"{name} {url}: {response.status_code}"
        checked.append(url)
        problems += [f"{url} {error}" for error in html_errors(response.content)]
    assert len(checked) > 40, checked
    assert problems == [], f"{len(problems)} HTML errors:\n" + "\n".join(problems)
