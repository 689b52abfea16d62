"""Good-practice search: PostgreSQL full text where available, a simple
word-by-word match elsewhere (SQLite, the embedded default).

On PostgreSQL each practice's document (the fields below, weighted) is
stored in the column ``search_document`` and indexed; triggers keep it
current (migration ``schemes/0010``, which repeats these fields: change both
together). It is not a model field, so it is never loaded with a practice.
"""

from functools import reduce
from operator import and_, or_

from django.db import connection
from django.db.models import Expression, Q

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


class StoredDocument(Expression):
    """A practice's stored search document (PostgreSQL only)."""

    def __init__(self):
        from django.contrib.postgres.search import SearchVectorField

        super().__init__(output_field=SearchVectorField())

    def as_sql(self, compiler, connection):
        # The practice table's alias in this query ("U0" inside a subquery).
        table = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return f"{table}.{connection.ops.quote_name('search_document')}", []


def search_good_practices(queryset, text):
    text = (text or "").strip()[:200]
    if not text:
        return queryset
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank

        # "simple": no stemming, since the library mixes many languages.
        query = SearchQuery(text, search_type="websearch", config="simple")
        document = StoredDocument()
        return (
            queryset.alias(document=document)
            .filter(document=query)
            .annotate(rank=SearchRank(document, query))
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
