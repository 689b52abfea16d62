"""Good-practice search: PostgreSQL full text where available, a simple
word-by-word match elsewhere (SQLite, the embedded default)."""

from functools import reduce
from operator import and_, or_

from django.db import connection
from django.db.models import Q

# (field, weight): the name counts most, then what it is and what it did.
SEARCH_FIELDS = [
    ("gp_1", "A"),
    ("gp_2", "B"),
    ("gp_3", "B"),
    ("gp_4", "C"),
    ("gp_5", "C"),
    ("gp_7", "C"),
    ("gp_8", "D"),
    ("gp_10", "D"),
    ("city__name_en", "B"),
]


def search_good_practices(queryset, text):
    text = (text or "").strip()[:200]
    if not text:
        return queryset
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = reduce(
            lambda a, b: a + b,
            (
                SearchVector(field, weight=weight, config="simple")
                for field, weight in SEARCH_FIELDS
            ),
        )
        # "simple": no stemming, since the library mixes many languages.
        query = SearchQuery(text, search_type="websearch", config="simple")
        return (
            queryset.annotate(search=vector, rank=SearchRank(vector, query))
            .filter(search=query)
            .order_by("-rank", "-updated_at")
        )
    words = text.split()[:10]
    return queryset.filter(
        reduce(
            and_,
            (
                reduce(
                    or_,
                    (Q(**{f"{field}__icontains": word}) for field, _ in SEARCH_FIELDS),
                )
                for word in words
            ),
        )
    )
