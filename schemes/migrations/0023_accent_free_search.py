# The library search ignores accents (schemes.work.search): "francais" finds
# "français", "riga" finds "Rīga".
#
# PostgreSQL: the unaccent extension, and the search document's function of
# migration 0012 again, each field without its accents.
#
# SQLite: the column search_text holds the same fields, folded to lower case
# without accents by the Python function incluportal_fold (registered on every
# connection: schemes.work.search.register_fold), one field a line. Triggers
# keep it current on every insert or update of a practice and when a city is
# renamed, as PostgreSQL's do. It is not a model field, so Django never loads
# it. A write from a connection without the function (the sqlite3 shell) fails
# rather than leave the column stale.

from django.db import migrations

# What django.contrib.postgres's UnaccentExtension does, which fails when
# reversed on SQLite. unaccent is a trusted extension (PostgreSQL 13 and
# later): the database's owner may create it. Reversing keeps it, as it may
# have been there before, created by someone the portal's user is not.
EXTENSION = "CREATE EXTENSION IF NOT EXISTS unaccent"

SEARCH_FUNCTION = """
CREATE OR REPLACE FUNCTION schemes_goodpractice_search_document() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_document :=
        setweight(to_tsvector('simple', {f}(coalesce(NEW.title, ''))), 'A')
        || setweight(to_tsvector('simple', {f}(coalesce(NEW.location, ''))), 'B')
        || setweight(to_tsvector('simple', {f}(coalesce(NEW.lead_agencies, ''))), 'B')
        || setweight(to_tsvector('simple', {f}(coalesce(NEW.rationale, ''))), 'C')
        || setweight(to_tsvector('simple', {f}(coalesce(NEW.description, ''))), 'C')
        || setweight(to_tsvector('simple', {f}(coalesce(NEW.results, ''))), 'C')
        || setweight(to_tsvector('simple', {f}(coalesce(NEW.success_factors, ''))), 'D')
        || setweight(to_tsvector('simple', {f}(coalesce(NEW.transferability, ''))), 'D')
        || setweight(to_tsvector('simple', {f}(coalesce(
            (SELECT name_en FROM schemes_organisation WHERE id = NEW.city_id), ''
        ))), 'B');
    RETURN NEW;
END
$$;
"""

# The fields of schemes.work.search.SEARCH_FIELDS, one a line.
SQLITE_TEXT = """incluportal_fold(
    coalesce({p}.title, '') || char(10) || coalesce({p}.location, '')
    || char(10) || coalesce({p}.lead_agencies, '')
    || char(10) || coalesce({p}.rationale, '')
    || char(10) || coalesce({p}.description, '')
    || char(10) || coalesce({p}.results, '')
    || char(10) || coalesce({p}.success_factors, '')
    || char(10) || coalesce({p}.transferability, '')
    || char(10) || coalesce(
        (SELECT name_en FROM schemes_organisation WHERE id = {p}.city_id), ''
    )
)"""

SQLITE_FORWARD = [
    "ALTER TABLE schemes_goodpractice ADD COLUMN search_text text",
    f"""
CREATE TRIGGER schemes_goodpractice_search_text_insert
AFTER INSERT ON schemes_goodpractice
BEGIN
    UPDATE schemes_goodpractice SET search_text = {SQLITE_TEXT.format(p="NEW")}
    WHERE id = NEW.id;
END""",
    f"""
CREATE TRIGGER schemes_goodpractice_search_text_update
AFTER UPDATE OF title, location, lead_agencies, rationale, description, results,
    success_factors, transferability, city_id ON schemes_goodpractice
BEGIN
    UPDATE schemes_goodpractice SET search_text = {SQLITE_TEXT.format(p="NEW")}
    WHERE id = NEW.id;
END""",
    f"""
CREATE TRIGGER schemes_organisation_search_text
AFTER UPDATE OF name_en ON schemes_organisation
WHEN OLD.name_en IS NOT NEW.name_en
BEGIN
    UPDATE schemes_goodpractice
    SET search_text = {SQLITE_TEXT.format(p="schemes_goodpractice")}
    WHERE city_id = NEW.id;
END""",
    f"UPDATE schemes_goodpractice SET search_text = "
    f"{SQLITE_TEXT.format(p='schemes_goodpractice')}",
]

SQLITE_BACKWARD = [
    "DROP TRIGGER schemes_organisation_search_text",
    "DROP TRIGGER schemes_goodpractice_search_text_update",
    "DROP TRIGGER schemes_goodpractice_search_text_insert",
    "ALTER TABLE schemes_goodpractice DROP COLUMN search_text",
]

# Rebuilt by the trigger, accents removed.
REFILL = "UPDATE schemes_goodpractice SET search_document = NULL"


def _run(postgresql=(), sqlite=()):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for sql in {"postgresql": postgresql, "sqlite": sqlite}.get(vendor, ()):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("schemes", "0022_scheme_cities_done"),
    ]

    operations = [
        migrations.RunPython(
            _run(
                postgresql=[EXTENSION, SEARCH_FUNCTION.format(f="unaccent"), REFILL],
                sqlite=SQLITE_FORWARD,
            ),
            _run(
                # The function of migration 0012, accents kept.
                postgresql=[SEARCH_FUNCTION.format(f=""), REFILL],
                sqlite=SQLITE_BACKWARD,
            ),
        ),
    ]
