"""The public mix of the load run (``make load LOAD_ARGS="--public"``):
anonymous readers of the public pages, as browsers and search engines read
them. Pure code (no Django, no locust), tested in tests/load/test_public.py.

What a reader does, by weight:

- the index of what the network publishes, in the language of its browser
  (Accept-Language);
- the library of good practices, without and with a search;
- a published practice's page;
- a city's page for newcomers in one of its languages;
- a city's address without a language (``/public/cities/<slug>/``): its
  redirect to the page's first language, not followed;
- ``/sitemap.xml``: a 404 is tolerated while the sitemap does not exist, and
  counted apart (``TOLERATED``), never silently;
- and, as a revisiting browser does, now and then an address it read before
  with the ETag it got (``If-None-Match``): a 304 when the page did not
  change, or the page again when the view gives no validator.
"""

import random
from dataclasses import dataclass, field

# Kinds of step and their weights.
WEIGHTS = {
    "index": 2,
    "library": 2,
    "library search": 2,
    "practice": 2,
    "city page": 5,
    "city redirect": 1,
    "sitemap": 1,
}
# The share of steps that revisit an address read before, with its ETag.
REVISIT = 0.3
SITEMAP = "/sitemap.xml"
# The browsers' languages for the index (Accept-Language).
ACCEPT_LANGUAGES = [
    "lv,en;q=0.8",
    "uk-UA,uk;q=0.9,ru;q=0.8",
    "fr-BE,fr;q=0.9,en;q=0.5",
    "nl-BE,nl;q=0.9",
    "ar,en;q=0.5",
    "en-GB,en;q=0.9",
]
# Words readers search the library for (accent-free, as people type them).
SEARCH_WORDS = ["french", "francais", "literacy", "volunteer", "course", "cours"]


@dataclass(frozen=True)
class Step:
    name: str  # the row of the figures
    path: str
    ok: tuple  # statuses that are the right answer
    # A status accepted, but reported apart: {status: why}.
    tolerated: dict = field(default_factory=dict)
    headers: dict = field(default_factory=dict)
    revisit: bool = False

    def verdict(self, status):
        """None when ``status`` is right, "tolerated" when it is accepted
        and reported apart, else the error's message."""
        if status in self.ok:
            return None
        if status in self.tolerated:
            return "tolerated"
        return f"{status} for {self.path}"


def plan_from(*, cities, practices, words=SEARCH_WORDS):
    """What the readers read: ``cities`` [(slug, [languages])] of the
    published pages, ``practices`` [ids] of the published practices."""
    if not cities or not practices:
        raise ValueError(
            "nothing public to read: no published city page or practice "
            "(load the demo: python manage.py load_demo)"
        )
    return {
        "cities": [{"slug": slug, "languages": list(langs)} for slug, langs in cities],
        "practices": list(practices),
        "words": list(words),
    }


def step(kind, plan, rng):
    """A first visit of one ``kind`` of page."""
    if kind == "index":
        language = rng.choice(ACCEPT_LANGUAGES)
        return Step(
            "GET index", "/public/", (200,), headers={"Accept-Language": language}
        )
    if kind == "library":
        return Step("GET library", "/public/good-practices/", (200,))
    if kind == "library search":
        word = rng.choice(plan["words"])
        return Step("GET library search", f"/public/good-practices/?q={word}", (200,))
    if kind == "practice":
        pk = rng.choice(plan["practices"])
        return Step("GET practice", f"/public/good-practices/{pk}/", (200,))
    city = rng.choice(plan["cities"])
    if kind == "city page":
        language = rng.choice(city["languages"])
        return Step(
            "GET city page", f"/public/cities/{city['slug']}/{language}/", (200,)
        )
    if kind == "city redirect":
        return Step(
            "GET city redirect (302, not followed)",
            f"/public/cities/{city['slug']}/",
            (301, 302),
        )
    if kind == "sitemap":
        return Step(
            "GET sitemap.xml",
            SITEMAP,
            (200,),
            tolerated={404: "no sitemap yet"},
        )
    raise ValueError(kind)


def next_step(plan, rng=random, seen=None):
    """The reader's next step. ``seen`` {path: (step, etag)}: the pages it
    read that gave an ETag; a revisit sends it back (``If-None-Match``)."""
    if seen and rng.random() < REVISIT:
        first, etag = seen[rng.choice(sorted(seen))]
        return Step(
            f"{first.name} again (If-None-Match)",
            first.path,
            (*first.ok, 304),
            tolerated=first.tolerated,
            headers={**first.headers, "If-None-Match": etag},
            revisit=True,
        )
    kinds = list(WEIGHTS)
    kind = rng.choices(kinds, weights=[WEIGHTS[k] for k in kinds])[0]
    return step(kind, plan, rng)


def remember(seen, current, status, etag):
    """After a first visit that answered 200 with an ETag, the browser keeps
    it for that address."""
    if not current.revisit and status == 200 and etag:
        seen[current.path] = (current, etag)


@dataclass
class Counts:
    revisits: int
    not_modified: int  # revisits answered 304
    tolerated: dict  # {(request name, why): count}
    # Answers that set a cookie (a public page must not): {request name: n},
    # apart for the right answers and the tolerated ones.
    cookies: dict
    tolerated_cookies: dict


def report(records):
    """What the figures of latency do not say, from the request records."""
    requests = [r for r in records if "status" in r]
    revisits = [r for r in requests if r["name"].endswith("(If-None-Match)")]
    tolerated, cookies, tolerated_cookies = {}, {}, {}
    for r in requests:
        if r.get("tolerated"):
            key = (r["name"], f"{r['status']} ({r['tolerated']})")
            tolerated[key] = tolerated.get(key, 0) + 1
        if r.get("cookie"):
            into = tolerated_cookies if r.get("tolerated") else cookies
            into[r["name"]] = into.get(r["name"], 0) + 1
    return Counts(
        revisits=len(revisits),
        not_modified=sum(1 for r in revisits if r["status"] == 304),
        tolerated=tolerated,
        cookies=cookies,
        tolerated_cookies=tolerated_cookies,
    )
