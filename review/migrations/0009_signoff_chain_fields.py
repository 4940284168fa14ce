"""The sign-off chain's columns (``review.chain``), nullable until migration 0010 fills them for
existing records and 0011 makes them required; the chain's head; corrections that supersede."""

import django.db.models.deletion
from django.db import migrations, models

GENESIS = "0" * 64


class Migration(migrations.Migration):
    dependencies = [("review", "0008_signoffs_append_only_in_the_database")]

    operations = [
        migrations.AddField(
            model_name="clinicalsignoff",
            name="supersedes",
            field=models.ForeignKey(
                blank=True,
                help_text="The record this one corrects (``review.signoff.record_correction``): "
                "records are never changed, a correction is a new record that supersedes the "
                "old one.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="superseded_by",
                to="review.clinicalsignoff",
            ),
        ),
        migrations.AddField(
            model_name="clinicalsignoff",
            name="supersede_reason",
            field=models.CharField(blank=True, max_length=300),
        ),
        migrations.AddField(
            model_name="clinicalsignoff",
            name="sequence",
            field=models.PositiveIntegerField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="clinicalsignoff",
            name="previous_hash",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        migrations.AddField(
            model_name="clinicalsignoff",
            name="record_hash",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        migrations.AddConstraint(
            model_name="clinicalsignoff",
            constraint=models.UniqueConstraint(
                condition=models.Q(("supersedes__isnull", False)),
                fields=("supersedes",),
                name="one_correction_a_signoff",
            ),
        ),
        migrations.AddConstraint(
            model_name="clinicalsignoff",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("supersedes__isnull", True), models.Q(("supersede_reason", ""), _negated=True),
                    _connector="OR",
                ),
                name="a_correction_says_why",
            ),
        ),
        migrations.CreateModel(
            name="SignoffChainHead",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("sequence", models.PositiveIntegerField(default=0)),
                ("record_hash", models.CharField(default=GENESIS, max_length=64)),
            ],
            options={
                "constraints": [
                    models.CheckConstraint(condition=models.Q(("id", 1)), name="one_chain_head")
                ]
            },
        ),
    ]
