"""Link the sign-off records that exist already into the chain (``review.chain``), in the order
they were signed (``signed_at``, then id), and set the chain's head to the last of them.

The records are append-only in PostgreSQL (migration 0008): its trigger is disabled for this
one transaction (``ALTER TABLE … DISABLE TRIGGER`` needs the table's owner, which runs the
migrations) and enabled again before it commits. SQLite has no such trigger.
"""

from django.db import migrations

TABLE = "review_clinicalsignoff"
TRIGGER = "review_signoff_append_only"


def _trigger_exists(schema_editor) -> bool:
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM pg_trigger WHERE tgname = %s AND tgrelid = %s::regclass",
            [TRIGGER, TABLE],
        )
        return cursor.fetchone() is not None


def build_chain(apps, schema_editor) -> int:
    """Set sequence, previous hash and record hash on every record; returns how many."""
    from review import chain

    Signoff = apps.get_model("review", "ClinicalSignoff")
    Head = apps.get_model("review", "SignoffChainHead")
    db = schema_editor.connection.alias
    guarded = schema_editor.connection.vendor == "postgresql" and _trigger_exists(schema_editor)
    if guarded:
        schema_editor.execute(f"ALTER TABLE {TABLE} DISABLE TRIGGER {TRIGGER}")
    hashes: dict[int, str] = {}
    sequence, previous = 0, chain.GENESIS
    records = (
        Signoff.objects.using(db)
        .select_related(*chain.CONTENT_TYPE_FIELDS)
        .order_by("signed_at", "pk")
    )
    for record in records.iterator(chunk_size=200):
        sequence += 1
        record.sequence, record.previous_hash = sequence, previous
        references = {}
        for name in chain.REFERENCE_FIELDS:
            pk = getattr(record, f"{name}_id")
            if pk is not None:
                if pk not in hashes:
                    raise RuntimeError(
                        f"Sign-off {record.pk} refers to sign-off {pk}, signed after it: the chain "
                        "cannot link it."
                    )
                references[name] = hashes[pk]
        previous = chain.record_hash(chain.values_of(record, references=references))
        hashes[record.pk] = previous
        Signoff.objects.using(db).filter(pk=record.pk).update(
            sequence=sequence, previous_hash=record.previous_hash, record_hash=previous
        )
    Head.objects.using(db).update_or_create(
        pk=chain.HEAD_ID, defaults={"sequence": sequence, "record_hash": previous}
    )
    if guarded:
        schema_editor.execute(f"ALTER TABLE {TABLE} ENABLE TRIGGER {TRIGGER}")
    return sequence


class Migration(migrations.Migration):
    dependencies = [("review", "0009_signoff_chain_fields")]

    operations = [migrations.RunPython(build_chain, migrations.RunPython.noop)]
