"""PostgreSQL triggers that keep the recorded content digest honest against raw writes.

Listings trust the digest recorded on each row (one query, no per-item hashing). Django saves
keep it right; these triggers make every *other* write fail closed: a raw ``UPDATE`` of a content
column, of a page's title or SEO fields, or of a child row (a treatment's conditions, a
condition's codes, the routes) clears the recorded digest, so the page drops out of listings
until it is saved — and signed — again. (Detail pages recompute the digest anyway.)

The triggers are (re)created after every ``migrate`` from the current models, so the column
lists always match the digest's idea of content. On SQLite they are skipped: the embedded
default is for trying the CMS out, not for serving patients.
"""

from __future__ import annotations

from django.apps import apps
from django.db import connection

from signing.content import content_child_relations, content_fields, content_m2m_fields
from signing.models import SignedContentMixin

FUNCTION = """
CREATE OR REPLACE FUNCTION clinical_clear_parent_digest() RETURNS trigger AS $$
DECLARE
    parent_id bigint;
BEGIN
    IF TG_OP = 'DELETE' THEN
        EXECUTE format('SELECT ($1).%I', TG_ARGV[1]) INTO parent_id USING OLD;
    ELSE
        EXECUTE format('SELECT ($1).%I', TG_ARGV[1]) INTO parent_id USING NEW;
    END IF;
    EXECUTE format('UPDATE %I SET content_digest = '''' WHERE %I = $1', TG_ARGV[0], TG_ARGV[2])
        USING parent_id;
    RETURN NULL;
END $$ LANGUAGE plpgsql;
"""


def _content_columns(model) -> list[str]:
    """The model's own content columns (``signing.content``; the page's title and SEO fields
    live on Wagtail's table)."""
    local = set(model._meta.local_concrete_fields)
    return [field.column for field in content_fields(model) if field in local]


def _signed_models():
    return [m for m in apps.get_models() if issubclass(m, SignedContentMixin)]


def statements() -> list[str]:
    from wagtail.models import Page

    sql = [FUNCTION]
    page_tables = []
    for model in _signed_models():
        table = model._meta.db_table
        pk_column = model._meta.pk.column
        columns = _content_columns(model)
        changed = " OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in columns) or "FALSE"
        name = f"{table}_stale_digest"
        sql += [
            f"""CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$
            BEGIN
                IF NEW.content_digest IS NOT DISTINCT FROM OLD.content_digest AND ({changed}) THEN
                    NEW.content_digest := '';
                END IF;
                RETURN NEW;
            END $$ LANGUAGE plpgsql;""",
            f"DROP TRIGGER IF EXISTS {name} ON {table};",
            f"CREATE TRIGGER {name} BEFORE UPDATE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {name}();",
        ]
        if issubclass(model, Page):
            page_tables.append((table, pk_column))
        for relation in content_child_relations(model):
            child = relation.related_model._meta.db_table
            trigger = f"{child}_clears_{table}"[:63]
            sql += [
                f"DROP TRIGGER IF EXISTS {trigger} ON {child};",
                f"CREATE TRIGGER {trigger} AFTER INSERT OR UPDATE OR DELETE ON {child} "
                f"FOR EACH ROW EXECUTE FUNCTION clinical_clear_parent_digest("
                f"'{table}', '{relation.field.column}', '{pk_column}');",
            ]
        for field in content_m2m_fields(model):
            through = field.remote_field.through._meta
            parent_column = field.m2m_column_name()
            trigger = f"{through.db_table}_clears_{table}"[:63]
            sql += [
                f"DROP TRIGGER IF EXISTS {trigger} ON {through.db_table};",
                f"CREATE TRIGGER {trigger} AFTER INSERT OR UPDATE OR DELETE ON {through.db_table} "
                f"FOR EACH ROW EXECUTE FUNCTION clinical_clear_parent_digest("
                f"'{table}', '{parent_column}', '{pk_column}');",
            ]
    # The title and SEO fields live on Wagtail's own page table.
    for table, pk_column in page_tables:
        trigger = f"wagtailcore_page_clears_{table}"[:63]
        sql += [
            f"DROP TRIGGER IF EXISTS {trigger} ON wagtailcore_page;",
            f"CREATE TRIGGER {trigger} AFTER UPDATE OF title, seo_title, search_description "
            f"ON wagtailcore_page FOR EACH ROW "
            f"WHEN (NEW.title IS DISTINCT FROM OLD.title "
            f"OR NEW.seo_title IS DISTINCT FROM OLD.seo_title "
            f"OR NEW.search_description IS DISTINCT FROM OLD.search_description) "
            f"EXECUTE FUNCTION clinical_clear_parent_digest('{table}', 'id', '{pk_column}');",
        ]
    return sql


def install_triggers(using: str = "default", **kwargs) -> None:
    from django.db import connections

    conn = connections[using] if using else connection
    if conn.vendor != "postgresql":
        return
    with conn.cursor() as cursor:
        for statement in statements():
            cursor.execute(statement)
