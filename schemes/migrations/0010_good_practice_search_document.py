# On PostgreSQL, a good practice's search document is stored and indexed, so
# that searching a library of thousands neither rebuilds every practice's
# document nor reads every row (schemes.work.search). Triggers keep it current:
# on every insert or update of a practice, and when a city is renamed. It is
# not a model field, so Django never loads it. Nothing changes on SQLite,
# which searches word by word.

from django.db import migrations

# The fields and weights of schemes.work.search.SEARCH_FIELDS, as they were here.
FORWARD = """
ALTER TABLE schemes_goodpractice ADD COLUMN search_document tsvector;

CREATE FUNCTION schemes_goodpractice_search_document() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_document :=
        setweight(to_tsvector('simple', coalesce(NEW.gp_1, '')), 'A')
        || setweight(to_tsvector('simple', coalesce(NEW.gp_2, '')), 'B')
        || setweight(to_tsvector('simple', coalesce(NEW.gp_3, '')), 'B')
        || setweight(to_tsvector('simple', coalesce(NEW.gp_4, '')), 'C')
        || setweight(to_tsvector('simple', coalesce(NEW.gp_5, '')), 'C')
        || setweight(to_tsvector('simple', coalesce(NEW.gp_7, '')), 'C')
        || setweight(to_tsvector('simple', coalesce(NEW.gp_8, '')), 'D')
        || setweight(to_tsvector('simple', coalesce(NEW.gp_10, '')), 'D')
        || setweight(to_tsvector('simple', coalesce(
            (SELECT name_en FROM schemes_organisation WHERE id = NEW.city_id), ''
        )), 'B');
    RETURN NEW;
END
$$;

CREATE TRIGGER schemes_goodpractice_search_document
BEFORE INSERT OR UPDATE ON schemes_goodpractice
FOR EACH ROW EXECUTE FUNCTION schemes_goodpractice_search_document();

-- A renamed city: its practices' documents are rebuilt by the trigger above.
CREATE FUNCTION schemes_organisation_search_document() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE schemes_goodpractice SET search_document = NULL WHERE city_id = NEW.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER schemes_organisation_search_document
AFTER UPDATE OF name_en ON schemes_organisation
FOR EACH ROW WHEN (OLD.name_en IS DISTINCT FROM NEW.name_en)
EXECUTE FUNCTION schemes_organisation_search_document();

UPDATE schemes_goodpractice SET search_document = NULL;

CREATE INDEX schemes_goodpractice_search_document
ON schemes_goodpractice USING gin (search_document);
"""

BACKWARD = """
DROP TRIGGER schemes_organisation_search_document ON schemes_organisation;
DROP FUNCTION schemes_organisation_search_document();
DROP TRIGGER schemes_goodpractice_search_document ON schemes_goodpractice;
DROP FUNCTION schemes_goodpractice_search_document();
ALTER TABLE schemes_goodpractice DROP COLUMN search_document;
"""


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("schemes", "0009_programme_two_factor"),
    ]

    operations = [
        migrations.RunPython(_on_postgresql(FORWARD), _on_postgresql(BACKWARD)),
    ]
