"""Disclaimers and clinics become translatable (issue #21), in Wagtail's three steps for an
existing model: nullable locale and translation key (here), a data migration that gives every
existing row the default language and a key of its own (0011), then the constraints (0012)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("content_models", "0009_clinician_languages"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name=model,
            name="translation_key",
            field=models.UUIDField(editable=False, null=True),
        )
        for model in ("clinic", "disclaimer")
    ] + [
        migrations.AddField(
            model_name=model,
            name="locale",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        )
        for model in ("clinic", "disclaimer")
    ]
