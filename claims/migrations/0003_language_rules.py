"""Rules matched on language: terms, context, exceptions and conditions; word families; the
categories of issue #17. ``suppress_if_negated`` becomes ``unless_negated`` (same meaning)."""

import claims.validators
from django.db import migrations, models

CATEGORIES = [
    ("safety", "Absolute safety"),
    ("risk_denial", "Denial of a risk"),
    ("minimisation", "Minimising side effects or risks"),
    ("efficacy", "Unqualified efficacy"),
    ("cure", "Cure, permanence or guarantee"),
    ("speed", "Promise of speed"),
    ("comparison", "Comparison with other treatments"),
    ("proven", "Evidence inflation"),
    ("mechanism", "Mechanism overclaim"),
    ("hype", "Hope and hype"),
    ("regulatory", "Regulatory or licensing claim"),
    ("testimonial", "Testimonial or outcome statistic"),
    ("urgency", "Urgency or pressure"),
    ("universal", "Universal suitability"),
    ("vulnerable", "Aimed at vulnerable groups"),
    ("evidence", "Missing evidence"),
]
TERMS_HELP = (
    'One term a line, matched on word forms: "cure" also finds cures, cured, curing. '
    '"=better" is that exact word; "safe|harmless" either word; "@harm" any entry of the word '
    'family "harm"; "@number" a number; "~" up to four words in between, in the same clause ("not ~ @harm" finds '
    '"does not cause addiction"). Hyphens read as spaces: write "risk free".'
)


class Migration(migrations.Migration):

    dependencies = [("claims", "0002_default_rules")]

    operations = [
        migrations.CreateModel(
            name="WordFamily",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.SlugField(help_text='Rules refer to the family as "@name", for example "@harm".', max_length=60, unique=True)),
                ("words", models.TextField(help_text='One word or phrase a line, in any form: each is matched on its word forms ("addiction" also finds "addictions"). Lines starting with # are notes.', validators=[claims.validators.validate_family_words])),
                ("description", models.TextField(blank=True, help_text="What belongs in this family, and why.")),
            ],
            options={"verbose_name": "word family", "verbose_name_plural": "word families", "ordering": ["name"]},
        ),
        migrations.RenameField("claimrule", "suppress_if_negated", "unless_negated"),
        migrations.AlterField(
            model_name="claimrule",
            name="unless_negated",
            field=models.BooleanField(default=False, help_text='Do not flag the wording when a negation stands in the few words before it, in the same clause: "is not a cure", "there is no guarantee", "no procedure is risk-free" are hedging. A denial inside the terms ("not ~ @harm") is still flagged: it is the claim itself.'),
        ),
        migrations.AlterField(
            model_name="claimrule",
            name="category",
            field=models.CharField(choices=CATEGORIES, max_length=20),
        ),
        migrations.AlterField(
            model_name="claimrule",
            name="pattern",
            field=models.TextField(blank=True, help_text='Instead of terms, a regular expression, matched without regard to case and on whole words only. Before matching, hyphens and dashes in the text become spaces, curly quotes straight ones and runs of spaces one space: write "non ?addictive" to match "non-addictive", "non addictive" and "nonaddictive".', validators=[claims.validators.validate_rule_pattern]),
        ),
        migrations.AddField(
            model_name="claimrule",
            name="terms",
            field=models.TextField(blank=True, help_text="The wording to flag. " + TERMS_HELP, validators=[claims.validators.validate_terms]),
        ),
        migrations.AddField(
            model_name="claimrule",
            name="context",
            field=models.TextField(blank=True, help_text="Optional: flag only when one of these terms is also in the sentence (for example a word for a result, with a promise of speed). Same form as the terms.", validators=[claims.validators.validate_terms]),
        ),
        migrations.AddField(
            model_name="claimrule",
            name="exceptions",
            field=models.TextField(blank=True, help_text='Optional: do not flag a sentence that has one of these terms (for example "off label" for a licensing rule). Same form as the terms.', validators=[claims.validators.validate_terms]),
        ),
        migrations.AddField(
            model_name="claimrule",
            name="unless_hedged",
            field=models.CharField(blank=True, choices=[("", "Flag even when hedged"), ("strong", 'Not when hedged ("may", "might", "some people", a question)'), ("any", 'Not when hedged at all (also "can", "usually", "often", "most")')], default="", max_length=10),
        ),
        migrations.AddField(
            model_name="claimrule",
            name="unless_cited",
            field=models.BooleanField(default=False, help_text='Do not flag a sentence that cites its source: "(NICE, 2021)", "[3]", "NICE guideline NG193", "according to …".'),
        ),
        migrations.AddField(
            model_name="claimrule",
            name="unless_balanced",
            field=models.BooleanField(default=False, help_text='Do not flag a sentence that also names a serious risk or how likely it is ("rarely", "serious", "1 in 10") or says what to do if things go wrong ("if it gets worse, call us").'),
        ),
        migrations.AddField(
            model_name="claimrule",
            name="subject",
            field=models.CharField(blank=True, choices=[("", "Whoever or whatever it is said of"), ("treatment", "Only when said of the treatment (not of people, staff or studies)")], default="", max_length=20),
        ),
    ]
