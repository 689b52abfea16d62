"""Good-practice search: PostgreSQL full text where available, a simple
word-by-word match elsewhere (SQLite, the embedded default). Both ignore
accents and case: "francais" finds "français", "riga" finds "Rīga".

On PostgreSQL each practice's document (the fields below, weighted, without
their accents: the ``unaccent`` extension) is stored in the column
``search_document`` and indexed; triggers keep it current (migration
``schemes/0010``; the function they call, which repeats these fields, is now
that of ``schemes/0023``: change both together). On SQLite the same fields,
folded by :func:`fold`, are stored in the column ``search_text`` by triggers
of ``schemes/0023``, so a search reads one column and calls no Python for
each practice. Neither column is a model field, so neither is loaded with a
practice.
"""

import unicodedata
from contextlib import contextmanager
from functools import reduce
from operator import and_

from django.db import connection, transaction
from django.db.models import Expression, Func, Q, TextField, Value

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


# Letters that Unicode does not decompose into a base letter and an accent.
_LETTERS = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ı": "i"}
)


def fold(text):
    """``text`` in lower case without its accents (SQLite's search column).

    Registered on every SQLite connection as ``incluportal_fold`` (see
    :func:`register_fold`): the triggers that keep ``search_text`` call it.
    """
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(
        _LETTERS
    )


def register_fold(sender, connection, **kwargs):
    """``connection_created`` receiver: SQLite's triggers need ``fold``."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "incluportal_fold", 1, fold, deterministic=True
        )


class StoredColumn(Expression):
    """A column of the practice table that is no model field."""

    def __init__(self, column, output_field):
        self.column = column
        super().__init__(output_field=output_field)

    def as_sql(self, compiler, connection):
        # The practice table's alias in this query ("U0" inside a subquery).
        table = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return f"{table}.{connection.ops.quote_name(self.column)}", []


def search_good_practices(queryset, text):
    text = (text or "").strip()[:200]
    if not text:
        return queryset
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import (
            SearchQuery,
            SearchRank,
            SearchVectorField,
        )

        # "simple": no stemming, since the library mixes many languages.
        # The words lose their accents as the stored document did.
        query = SearchQuery(
            Func(Value(text), function="unaccent", output_field=TextField()),
            search_type="websearch",
            config="simple",
        )
        document = StoredColumn("search_document", SearchVectorField())
        return (
            queryset.alias(document=document)
            .filter(document=query)
            .annotate(rank=SearchRank(document, query))
            .order_by("-rank", "-updated_at")
        )
    # Every word somewhere in the practice's folded fields (one per line).
    words = fold(text).split()[:10]
    return queryset.alias(search_text=StoredColumn("search_text", TextField())).filter(
        reduce(and_, (Q(search_text__contains=word) for word in words))
    )
