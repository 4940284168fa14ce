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


def _lines(terms: str) -> list[str]:
    """A rule's terms line by line: the admin's form saves them with CRLF line ends."""
    return [line.strip() for line in terms.splitlines() if line.strip()]


def add_term(apps, schema_editor):
    ClaimRule = apps.get_model("claims", "ClaimRule")
    rule = ClaimRule.objects.filter(name="absolute-safety").first()
    if rule is None or _lines(rule.terms) != _lines(SEEDED_TERMS):
        print('\n  claims 0005: the rule "absolute-safety" was edited or deleted; add "side effect free" by hand')
        return
    rule.terms = f"{SEEDED_TERMS}\n{ADDED}"
    rule.save(update_fields=["terms"])


def remove_term(apps, schema_editor):
    ClaimRule = apps.get_model("claims", "ClaimRule")
    rule = ClaimRule.objects.filter(name="absolute-safety").first()
    if rule is not None and _lines(rule.terms) == [*_lines(SEEDED_TERMS), ADDED]:
        rule.terms = SEEDED_TERMS
        rule.save(update_fields=["terms"])


class Migration(migrations.Migration):
    dependencies = [("claims", "0004_default_language_rules")]

    operations = [migrations.RunPython(add_term, remove_term)]
