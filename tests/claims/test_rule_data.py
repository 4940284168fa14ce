"""Rules are data: seeded by a migration, edited in the admin, validated on the way in."""

import importlib
import logging

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse

from claims.checker import check_text
from claims.models import ClaimCategory, ClaimRule, WordFamily
from claims.rules import load_rules
from claims.validators import validate_rule_pattern
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

seed_migration = importlib.import_module("claims.migrations.0004_default_language_rules")


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def _rule_data(**overrides) -> dict[str, str]:
    data = {
        "name": "holistic",
        "category": ClaimCategory.HYPE,
        "pattern": r"holistic(ally)?",
        "explanation": "Vague promotional wording.",
        "active": "on",
    }
    data.update(overrides)
    return data


def test_the_migrations_seed_every_default_rule_and_family_once():
    names = [rule["name"] for rule in seed_migration.RULES]
    assert sorted(ClaimRule.objects.values_list("name", flat=True)) == sorted(names)
    assert set(ClaimRule.objects.values_list("category", flat=True)) == set(
        ClaimCategory.values
    ) - {ClaimCategory.EVIDENCE}  # a benefit without a reference is a structural check
    assert sorted(WordFamily.objects.values_list("name", flat=True)) == sorted(
        seed_migration.FAMILIES
    )
    for obj in [*ClaimRule.objects.all(), *WordFamily.objects.all()]:
        obj.full_clean()  # every seeded rule and family passes the admin's own validation


def test_seeding_again_is_idempotent_and_keeps_edits():
    rule = "cure-or-guarantee"
    ClaimRule.objects.filter(name=rule).update(explanation="Edited by an admin.")
    seed_migration.seed_language_rules(apps, None)

    assert ClaimRule.objects.count() == len(seed_migration.RULES)
    assert ClaimRule.objects.get(name=rule).explanation == "Edited by an admin."


def test_a_new_rule_changes_what_is_flagged():
    text = "We offer a holistic approach to back pain."
    assert check_text(text) == []

    ClaimRule.objects.create(
        name="holistic", category=ClaimCategory.HYPE, pattern=r"holistic(ally)?", explanation="…"
    )

    [flag] = check_text(text)
    assert (flag.rule, flag.category, flag.matched_text) == ("holistic", "hype", "holistic")


def test_an_inactive_or_edited_rule_changes_what_is_flagged():
    text = "This cream cures eczema."
    rule = ClaimRule.objects.filter(name="cure-or-guarantee")
    rule.update(explanation="Say what the evidence shows.")
    assert check_text(text)[0].explanation == "Say what the evidence shows."

    rule.update(active=False)
    assert check_text(text) == []


def test_unless_negated_is_per_rule():
    text = "It is not a cure."
    assert check_text(text) == []
    ClaimRule.objects.filter(name="cure-or-guarantee").update(unless_negated=False)
    assert [flag.rule for flag in check_text(text)] == ["cure-or-guarantee"]


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        (r"cur(e|es", "not a valid regular expression: missing ), unterminated subpattern"),
        (r"(cure)?", "matches empty text"),
        (r"risk-free", 'write "risk ?free"'),
        # Valid alone, but not inside the whole-word group the checker matches it in.
        (r"(?i)cures? (all )?pain", "leave out inline flags such as (?i)"),
        (r"cures{1,5000000000}", "too large to read"),
    ],
)
def test_an_invalid_pattern_is_a_validation_error(pattern, message):
    with pytest.raises(ValidationError) as error:
        validate_rule_pattern(pattern)
    assert message in str(error.value)
    with pytest.raises(ValidationError) as error:
        ClaimRule(name="bad", category="cure", pattern=pattern, explanation="…").full_clean()
    assert "pattern" in error.value.message_dict


def test_hyphens_inside_character_classes_and_escapes_are_allowed():
    validate_rule_pattern(r"[a-z]+ free|100\-fold")


def test_admins_add_rules_in_the_snippet_admin(admin_client):
    url = reverse("wagtailsnippets_claims_claimrule:add")
    response = admin_client.post(url, _rule_data())

    assert response.status_code == 302
    assert ClaimRule.objects.get(name="holistic").pattern == r"holistic(ally)?"
    assert admin_client.get(reverse("wagtailsnippets_claims_claimrule:list")).status_code == 200


def test_the_admin_form_shows_a_clear_error_for_an_invalid_regex(admin_client):
    url = reverse("wagtailsnippets_claims_claimrule:add")
    response = admin_client.post(url, _rule_data(pattern="holistic(ally"))

    assert response.status_code == 200
    errors = response.context["form"].errors["pattern"]
    assert errors == [
        "This is not a valid regular expression: missing ), unterminated subpattern "
        "(at character 9)."
    ]
    assert not ClaimRule.objects.filter(name="holistic").exists()


@pytest.mark.parametrize("pattern", ["(", "a{4294967296}"])
def test_a_broken_rule_saved_outside_the_form_is_skipped_not_fatal(caplog, pattern):
    ClaimRule.objects.create(name="broken", category="cure", pattern=pattern, explanation="…")

    with caplog.at_level(logging.WARNING, logger="claims.rules"):
        rules = load_rules()

    assert "broken" not in {rule.name for rule in rules}
    assert "broken" in caplog.text
    assert [flag.rule for flag in check_text("It cures.", rules=rules)] == ["cure-or-guarantee"]


def test_admins_add_a_language_rule_and_extend_a_word_family(admin_client):
    text = "Our drips are holistic and wholesome."
    assert check_text(text) == []

    response = admin_client.post(
        reverse("wagtailsnippets_claims_wordfamily:add"),
        {"name": "wellness-word", "words": "holistic\nwholesome", "description": "Vague."},
    )
    assert response.status_code == 302
    response = admin_client.post(
        reverse("wagtailsnippets_claims_claimrule:add"),
        _rule_data(
            name="wellness",
            pattern="",
            terms="@wellness-word",
            unless_negated="on",
            unless_hedged="strong",
        ),
    )
    assert response.status_code == 302

    flags = check_text(text)
    assert [(flag.rule, flag.matched_text) for flag in flags] == [("wellness", "holistic")]
    assert 'the term "@wellness-word" matched (not negated, not hedged)' in flags[0].reason
    assert check_text("Our drips may be holistic.") == []
    assert check_text("Our drips are not holistic.") == []
    assert admin_client.get(reverse("wagtailsnippets_claims_wordfamily:list")).status_code == 200


def test_a_rule_naming_a_family_that_does_not_exist_is_a_form_error(admin_client):
    response = admin_client.post(
        reverse("wagtailsnippets_claims_claimrule:add"),
        _rule_data(pattern="", terms="not ~ @harmz"),
    )

    assert response.status_code == 200
    assert "No word family is named @harmz" in response.content.decode()
    assert not ClaimRule.objects.filter(name="holistic").exists()


def test_a_family_name_is_written_in_lower_case_as_rules_refer_to_it(admin_client):
    response = admin_client.post(
        reverse("wagtailsnippets_claims_wordfamily:add"), {"name": "Wellness", "words": "calm"}
    )

    assert response.status_code == 200
    assert "rules refer to it as @wellness" in response.content.decode()


def test_a_family_rules_refer_to_is_neither_renamed_nor_deleted(admin_client):
    family = WordFamily.objects.get(name="harm")
    edit = reverse("wagtailsnippets_claims_wordfamily:edit", args=(family.pk,))
    delete = reverse("wagtailsnippets_claims_wordfamily:delete", args=(family.pk,))

    renamed = admin_client.post(edit, {"name": "harms", "words": family.words})
    deleted = admin_client.post(delete, follow=True)

    assert renamed.status_code == 200
    assert "denies-a-risk" in renamed.content.decode()  # a rule that refers to it, named
    assert "cannot be deleted" in deleted.content.decode()
    assert WordFamily.objects.filter(name="harm").exists()
    assert "denies-a-risk" in [flag.rule for flag in check_text("It does not cause addiction.")]


def test_the_admin_form_explains_a_term_it_cannot_read(admin_client):
    response = admin_client.post(
        reverse("wagtailsnippets_claims_claimrule:add"),
        _rule_data(pattern="", terms="safe\n~ harmless"),
    )
    assert response.status_code == 200
    [error] = response.context["form"].errors["terms"]
    assert error.startswith("Line 2 (~ harmless):")


def test_a_rule_needs_terms_or_a_pattern_not_both():
    with pytest.raises(ValidationError, match="either terms or a pattern"):
        ClaimRule(
            name="both", category="cure", terms="cure", pattern="cure", explanation="…"
        ).clean()
    with pytest.raises(ValidationError, match="either terms or a pattern"):
        ClaimRule(name="none", category="cure", explanation="…").clean()


def test_a_rule_that_names_an_unknown_family_is_skipped_not_fatal(caplog):
    ClaimRule.objects.create(name="lost", category="hype", terms="@no-such-family", explanation="…")

    with caplog.at_level(logging.WARNING, logger="claims.rules"):
        rules = load_rules()

    assert "lost" not in {rule.name for rule in rules}
    assert "@no-such-family" in caplog.text
