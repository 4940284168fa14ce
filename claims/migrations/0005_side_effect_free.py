"""Add "side effect free" to the seeded absolute-safety rule, which missed "Our infusions are
side-effect free." (terms match across hyphens and spaces), while the rule is as 0004 seeded
it: a rule an admin has edited is theirs, and is left as it is."""

from django.db import migrations

SEEDED_TERMS = """@intensifier safe
be ~ safe
risk free
harmless
no|zero|without risk
no|zero|without any risk
no|without side effect
no|without any side effect
free of|from ~ side effect
free of|from ~ risk
nothing can go wrong
painless
pain free
not hurt
safe and effective"""
ADDED = "side effect free"


def add_term(apps, schema_editor):
    ClaimRule = apps.get_model("claims", "ClaimRule")
    ClaimRule.objects.filter(name="absolute-safety", terms=SEEDED_TERMS).update(
        terms=f"{SEEDED_TERMS}\n{ADDED}"
    )


def remove_term(apps, schema_editor):
    ClaimRule = apps.get_model("claims", "ClaimRule")
    ClaimRule.objects.filter(name="absolute-safety", terms=f"{SEEDED_TERMS}\n{ADDED}").update(
        terms=SEEDED_TERMS
    )


class Migration(migrations.Migration):
    dependencies = [("claims", "0004_default_language_rules")]

    operations = [migrations.RunPython(add_term, remove_term)]
