"""Every sign-off record is a link of the chain: its chain columns are required and unique."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("review", "0010_build_signoff_chain")]

    operations = [
        migrations.AlterField(
            model_name="clinicalsignoff",
            name="sequence",
            field=models.PositiveIntegerField(
                editable=False, help_text="The record's place in the chain: 1, 2, 3, …", unique=True
            ),
        ),
        migrations.AlterField(
            model_name="clinicalsignoff",
            name="previous_hash",
            field=models.CharField(
                editable=False,
                help_text="The record hash of the record before this one (64 zeros for the first).",
                max_length=64,
                unique=True,
            ),
        ),
        migrations.AlterField(
            model_name="clinicalsignoff",
            name="record_hash",
            field=models.CharField(
                editable=False,
                help_text="SHA-256 of this record's chained fields and the previous hash.",
                max_length=64,
                unique=True,
            ),
        ),
    ]
