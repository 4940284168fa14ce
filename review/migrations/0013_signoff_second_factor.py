"""Sign-off records state the second factor the reviewer passed: "totp" or "recovery-code".
Existing records keep "" (none was asked for), and the chain leaves an empty value out of a
record's hash, so their hashes and links do not change (``review.chain``)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("review", "0012_signoff_records_permission"),
    ]

    operations = [
        migrations.AddField(
            model_name="clinicalsignoff",
            name="second_factor",
            field=models.CharField(
                blank=True,
                choices=[
                    ("", "None (signed before a second factor was required)"),
                    ("totp", "Authenticator app (TOTP)"),
                    ("recovery-code", "Recovery code"),
                ],
                default="",
                help_text="The second factor the reviewer passed with the password: chained "
                "only when set, so records made before it was kept hash as before "
                "(``review.chain``).",
                max_length=20,
            ),
        ),
    ]
