# The answer columns are named for what they hold ("links", not "gp_12"); the
# template id (GP-12) stays the reference of forms, pages and tests. The good
# practice's search trigger (migration 0010) names the columns: it is replaced
# with one naming the new columns (PostgreSQL only, as there).

from django.db import migrations

NEEDS = [
    ("na_a1", "challenges"),
    ("na_a2", "cross_cutting_topics"),
    ("na_a3", "reasons"),
    ("na_a4", "lessons_sought"),
    ("na_a5", "desired_impact"),
    ("na_a6", "main_actors"),
    ("na_a7", "actor_relations"),
    ("na_a8", "existing_strengths"),
    ("na_a9", "obstacles"),
    ("na_a10a", "plan_developers"),
    ("na_a10b", "plan_approvers"),
    ("na_a11", "mentoring_benefits"),
]

LOCAL_CONTEXT = [
    ("lc_1", "migration_trends"),
    ("lc_2a", "population"),
    ("lc_2a_note", "population_note"),
    ("lc_2b", "migrant_population"),
    ("lc_2b_note", "migrant_population_note"),
    ("lc_2c", "nationalities"),
    ("lc_3a", "municipal_budget"),
    ("lc_3a_currency", "municipal_budget_currency"),
    ("lc_3b", "integration_budget"),
    ("lc_4a", "integration_strategy"),
    ("lc_4b", "sectoral_policies"),
    ("lc_4c", "funded_institutions"),
    ("lc_4d", "ngo_networks"),
    ("lc_4e", "ngo_relations"),
    ("lc_4f", "migrant_groups"),
    ("lc_5", "other_local_factors"),
    ("lc_6", "local_sensitive_issues"),
    ("lc_6_text", "local_sensitive_issues_text"),
]

NATIONAL_CONTEXT = [
    ("nc_1", "typicality"),
    ("nc_2", "government_relations"),
    ("nc_3", "policy_framework"),
    ("nc_4", "shared_goals"),
    ("nc_5", "other_national_factors"),
    ("nc_6", "national_sensitive_issues"),
    ("nc_6_text", "national_sensitive_issues_text"),
    ("nc_7", "exchange_activities"),
]

MENTOR = [
    ("mp_a1", "experience_areas"),
    ("mp_a2", "replicable_practices"),
    ("mp_a3", "mentor_actors"),
]

GOOD_PRACTICE = [
    ("gp_1", "title"),
    ("gp_2", "location"),
    ("gp_3", "lead_agencies"),
    ("gp_4", "rationale"),
    ("gp_5", "description"),
    ("gp_6", "resources_needed"),
    ("gp_7", "results"),
    ("gp_8", "success_factors"),
    ("gp_9", "risks"),
    ("gp_10", "transferability"),
    ("gp_11", "contact"),
    ("gp_12", "links"),
]

# {model: its renamed columns}; the historical models hold the same columns.
RENAMES = {
    "needsanalysis": NEEDS + LOCAL_CONTEXT,
    "mentorprofile": MENTOR + LOCAL_CONTEXT,
    "nationalcontext": NATIONAL_CONTEXT,
    "goodpractice": GOOD_PRACTICE,
}

SEARCH_FUNCTION = """
CREATE OR REPLACE FUNCTION schemes_goodpractice_search_document() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_document :=
        setweight(to_tsvector('simple', coalesce(NEW.{title}, '')), 'A')
        || setweight(to_tsvector('simple', coalesce(NEW.{location}, '')), 'B')
        || setweight(to_tsvector('simple', coalesce(NEW.{lead_agencies}, '')), 'B')
        || setweight(to_tsvector('simple', coalesce(NEW.{rationale}, '')), 'C')
        || setweight(to_tsvector('simple', coalesce(NEW.{description}, '')), 'C')
        || setweight(to_tsvector('simple', coalesce(NEW.{results}, '')), 'C')
        || setweight(to_tsvector('simple', coalesce(NEW.{success_factors}, '')), 'D')
        || setweight(to_tsvector('simple', coalesce(NEW.{transferability}, '')), 'D')
        || setweight(to_tsvector('simple', coalesce(
            (SELECT name_en FROM schemes_organisation WHERE id = NEW.city_id), ''
        )), 'B');
    RETURN NEW;
END
$$;
"""

# The fields and weights of schemes.work.search.SEARCH_FIELDS, as they are here.
FORWARD = SEARCH_FUNCTION.format(
    title="title",
    location="location",
    lead_agencies="lead_agencies",
    rationale="rationale",
    description="description",
    results="results",
    success_factors="success_factors",
    transferability="transferability",
)

# The function of migration 0010, for the columns' old names.
BACKWARD = SEARCH_FUNCTION.format(
    title="gp_1",
    location="gp_2",
    lead_agencies="gp_3",
    rationale="gp_4",
    description="gp_5",
    results="gp_7",
    success_factors="gp_8",
    transferability="gp_10",
)


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("schemes", "0011_self_assessment"),
    ]

    operations = [
        *(
            migrations.RenameField(model_name, old_name, new_name)
            for model, renames in RENAMES.items()
            for model_name in (model, f"historical{model}")
            for old_name, new_name in renames
        ),
        migrations.RunPython(_on_postgresql(FORWARD), _on_postgresql(BACKWARD)),
    ]
