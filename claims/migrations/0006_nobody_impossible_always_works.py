"""Absolute claims the seeded rules missed, found by a bug hunt (not by reading the test sets):

- "Nobody has ever become addicted", "It is impossible to become addicted": "nobody" and
  "impossible" deny like "no" and "never" (the negation family). So they also read "It is
  impossible to guarantee results" as negated, which was flagged as a guarantee.
- "Ketamine always works", "It never fails": a guarantee (the cure-or-guarantee rule).

Each is added only while the family or rule is as 0004 seeded it (compared line by line: the
admin saves CRLF): one an admin has edited is theirs, and is left as it is.
"""

from django.db import migrations

SEEDED_NEGATION = """not
no
never
non
none
nothing
without
zero"""
NEGATION_ADDED = ["nobody", "impossible"]

SEEDED_GUARANTEE = """cure
guarantee
eliminate
eradicate
get rid of
reverse
=promise|=promises|=promised
100 % effective
complete recovery
pain free living|life
say goodbye to
no more pain
never come back
never return"""
GUARANTEE_ADDED = ["always work", "never fail"]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _changes(apps):
    WordFamily = apps.get_model("claims", "WordFamily")
    ClaimRule = apps.get_model("claims", "ClaimRule")
    return [
        (
            WordFamily.objects.filter(name="negation").first(),
            "words",
            SEEDED_NEGATION,
            NEGATION_ADDED,
        ),
        (
            ClaimRule.objects.filter(name="cure-or-guarantee").first(),
            "terms",
            SEEDED_GUARANTEE,
            GUARANTEE_ADDED,
        ),
    ]


def add_words(apps, schema_editor):
    for obj, field, seeded, added in _changes(apps):
        if obj is None or _lines(getattr(obj, field)) != _lines(seeded):
            print(
                f"\n  claims 0006: {obj or 'a seeded rule'} was edited or deleted; add {added} by hand"
            )
            continue
        setattr(obj, field, "\n".join([seeded, *added]))
        obj.save(update_fields=[field])


def remove_words(apps, schema_editor):
    for obj, field, seeded, added in _changes(apps):
        if obj is not None and _lines(getattr(obj, field)) == [*_lines(seeded), *added]:
            setattr(obj, field, seeded)
            obj.save(update_fields=[field])


class Migration(migrations.Migration):
    dependencies = [("claims", "0005_side_effect_free")]

    operations = [migrations.RunPython(add_words, remove_words)]
