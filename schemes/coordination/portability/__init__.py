"""Backup and portability of a whole programme, as one JSON file.

``collect`` gathers every object that belongs to a programme: its
organisations and their people, the frameworks its schemes use, every
document with its history, the action plans with their versions. ``dump``
writes them with Django's serializer (primary keys kept) inside a small
envelope; ``load`` restores such a file into a database that holds none of
its objects, in one transaction.

The file holds the people's password hashes and two-factor devices (so that
their sign-ins survive a restore, and nobody's second factor is silently
dropped) and every confidential document of the programme: keep it as
carefully as the database itself.

Restoring saves raw (``DeserializedObject.save``), so no history is written
by the import itself: the historical records in the file are the history.
Only a document the file lacks, and the services would have made (a scheme's
needs analysis, a mentor city's profile…: ``_fill_documents``), is created
afterwards, with its own first record.

The package: ``format`` (the file's format and error), ``collecting``
(gathers and writes a programme), ``restoring`` (reads a file back).
"""

from schemes.coordination.portability.collecting import (
    collect,
    count,
    describe,
    document,
    dump,
    serialize,
    tracked_models,
)
from schemes.coordination.portability.format import FORMAT, VERSION, PortabilityError
from schemes.coordination.portability.restoring import load

__all__ = [
    "FORMAT",
    "VERSION",
    "PortabilityError",
    "collect",
    "count",
    "describe",
    "document",
    "dump",
    "load",
    "serialize",
    "tracked_models",
]
