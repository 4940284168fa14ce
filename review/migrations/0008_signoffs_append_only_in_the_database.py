"""Sign-off records are append-only in PostgreSQL itself, not only through the ORM: a trigger
refuses DELETE and any UPDATE, except setting to null the references Django's SET_NULL clears
when a revision, task state or user is deleted (so deleting a signed page keeps working).

TRUNCATE is not refused: Django's test database flush uses it, and it needs the table owner's
privileges, which the app's database role should not have in production (docs/security.md).
SQLite (the embedded development default) has no such trigger.
"""

from django.db import migrations

FUNCTION = "review_signoff_append_only"
NULLABLE = ("revision_id", "task_state_id", "reviewer_id")

CREATE = f"""
CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'Clinical sign-offs are append-only: sign-off % cannot be deleted.',
            OLD.id USING ERRCODE = 'restrict_violation';
    END IF;
    IF (to_jsonb(NEW) - {" - ".join(f"'{name}'" for name in NULLABLE)})
            IS DISTINCT FROM (to_jsonb(OLD) - {" - ".join(f"'{name}'" for name in NULLABLE)})
        {"".join(
            f" OR (NEW.{name} IS DISTINCT FROM OLD.{name} AND NEW.{name} IS NOT NULL)"
            for name in NULLABLE
        )} THEN
        RAISE EXCEPTION 'Clinical sign-offs are append-only: sign-off % cannot be changed; '
            'record a new sign-off that supersedes it.', OLD.id
            USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS {FUNCTION} ON review_clinicalsignoff;
CREATE TRIGGER {FUNCTION} BEFORE UPDATE OR DELETE ON review_clinicalsignoff
    FOR EACH ROW EXECUTE FUNCTION {FUNCTION}();
"""

DROP = f"""
DROP TRIGGER IF EXISTS {FUNCTION} ON review_clinicalsignoff;
DROP FUNCTION IF EXISTS {FUNCTION}();
"""


def _on_postgresql(sql: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("review", "0007_one_signoff_a_task_state")]

    operations = [migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP))]
