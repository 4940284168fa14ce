"""Every existing clinic and disclaimer is in the default language, with a translation key of
its own. Their content digests do not change (``signing.digest`` names a chosen snippet by
its id, and the locale and translation key are not content), so every sign-off stays valid."""

from django.db import migrations
from wagtail.models import BootstrapTranslatableModel


class Migration(migrations.Migration):
    dependencies = [("content_models", "0010_translatable_snippets_bootstrap")]

    operations = [
        BootstrapTranslatableModel("content_models.Clinic"),
        BootstrapTranslatableModel("content_models.Disclaimer"),
    ]
