"""Good-practice search: PostgreSQL full text where available, a simple
word-by-word match elsewhere (SQLite, the embedded default).

On PostgreSQL each practice's document (the fields below, weighted) is
stored in the column ``search_document`` and indexed; triggers keep it
current (migration ``schemes/0010``; the function they call, which repeats
these fields, is now that of ``schemes/0012``: change both together). It is
not a model field, so it is never loaded with a practice.
"""

from contextlib import contextmanager
from functools import reduce
from operator import and_, or_

from django.db import connection, transaction
from django.db.models import Expression, Q

# (field, weight): the name counts most, then what it is and what it did.
SEARCH_FIELDS = [
    ("title", "A"),
    ("location", "B"),
    ("lead_agencies", "B"),
    ("rationale", "C"),
    ("description", "C"),
    ("results", "C"),
    ("success_factors", "D"),
    ("transferability", "D"),
    ("city__name_en", "B"),
]


@contextmanager
def planned_for_memory():
    """PostgreSQL plans the queries of the block for data held in memory.

    Its default cost of a random read (4) assumes spinning disks. With it, a
    broad search (a word found in half the library) reads every practice
    rather than the full-text index: 50 ms instead of 7 at 10,000 practices.
    The library's few megabytes are cached, or on SSD, where 1.1 is the
    usual setting. ``SET LOCAL`` ends with the transaction opened here.
    """
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL random_page_cost = 1.1")
        yield


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
