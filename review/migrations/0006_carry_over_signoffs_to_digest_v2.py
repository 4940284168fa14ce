"""Carry sign-offs over to the second canonical form of content (``signing.digest``).

The first form hashed a StreamField as it happened to be stored, so a ListBlock's items gave
another digest once a template or the API had rendered the page, and it left out which
Disclaimer a treatment shows. The second form hashes typed values and includes that choice:
the same signed content now has another digest.

For each sign-off whose revision still exists and still hashes, in the first form, to the
digest it signed (so the reviewer signed exactly this content, disclaimer choice included,
since the revision holds it), a new record is appended that carries it over to the new digest:
same reviewer, dates and review, ``carried_over_from`` pointing at the original and a reason.
Each carried-over page or snippet gets an audit-log entry. Nothing is re-signed silently:
sign-offs that cannot be checked (revision deleted, image file replaced since) are left as
they are, and content that hashes differently is served only after a new review.

It reads content through the models of its day (a revision's object is built by Wagtail);
a later migration that changes a clinical model's table must say ``run_before`` this one.
"""

import hashlib
import json
import re

import django.db.models.deletion
from django.db import migrations, models

REASON = (
    "Digest v2 (migration review 0006): the same signed revision hashed in the second "
    "canonical form, which also covers the chosen disclaimer."
)


def _without_block_ids(value):
    if isinstance(value, dict):
        is_block = "type" in value and "value" in value
        return {k: _without_block_ids(v) for k, v in value.items() if not (is_block and k == "id")}
    if isinstance(value, list):
        return [_without_block_ids(item) for item in value]
    return value


_V1_BLOCK_KEY = re.compile(r'\s+data-block-key="[^"]*"')


def _without_block_keys(value):
    """The first form dropped block keys from every string (``signing.digest`` now drops them
    only from rich text's tags)."""
    if isinstance(value, str):
        return _V1_BLOCK_KEY.sub("", value)
    if isinstance(value, dict):
        return {key: _without_block_keys(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_without_block_keys(item) for item in value]
    return value


def digest_v1(obj) -> str:
    """The first form: StreamFields as stored (block ids dropped), and no snippet choices."""
    from wagtail.fields import StreamField
    from wagtail.models import Page

    from signing.content import content_fields
    from signing.digest import canonical_content, digest_of_content, fold

    content = canonical_content(obj)
    for field in content_fields(type(obj)):
        if isinstance(field, StreamField):
            stored = field.value_from_object(obj).get_prep_value()
            content[field.name] = _without_block_ids(stored)
        elif field.is_relation and not (
            issubclass(field.related_model, Page) or hasattr(field.related_model, "file_hash")
        ):
            content.pop(field.name, None)
    return digest_of_content(fold(_without_block_keys(content)))


def carry_over_signoffs(apps, schema_editor) -> list[str]:
    """Append carried-over sign-offs; returns "object_title (object id)" of each, and logs."""
    from django.db import transaction
    from wagtail.log_actions import log
    from wagtail.models import Revision

    from signing.digest import canonical_content, content_digest, digest_of_content
    from signing.models import SignedContentMixin

    Signoff = apps.get_model("review", "ClinicalSignoff")
    carried = []
    with transaction.atomic():
        originals = Signoff.objects.filter(carried_over_from=None).exclude(revision=None)
        for signoff in originals.order_by("signed_at", "pk"):
            obj = Revision.objects.get(pk=signoff.revision_id).as_object()
            if digest_v1(obj) != signoff.digest:
                continue  # no longer the content that was signed: leave it for a new review
            content = canonical_content(obj)
            digest = digest_of_content(content)
            if digest == signoff.digest or signoff.carried_over_to.filter(digest=digest).exists():
                continue
            fields = {
                field.attname: getattr(signoff, field.attname)
                for field in Signoff._meta.concrete_fields
                if not field.primary_key
            }
            fields.update(
                digest=digest,
                content=content,
                carried_over_from_id=signoff.pk,
                carry_over_reason=REASON,
            )
            Signoff.objects.create(**fields)
            log(
                instance=obj,
                action="clinical_review.signoff_carried_over",
                revision=Revision.objects.get(pk=signoff.revision_id),
                data={"from_signoff": signoff.pk, "from_digest": signoff.digest, "digest": digest},
            )
            carried.append(f"{signoff.object_title} ({signoff.object_id})")
        # Rows record the digest of what they hold, now in the second form.
        from django.apps import apps as live_apps

        for model in live_apps.get_models():
            if issubclass(model, SignedContentMixin):
                for row in model._default_manager.all():
                    model._default_manager.filter(pk=row.pk).update(
                        content_digest=content_digest(row)
                    )
    if carried:
        print(f"\n  Carried {len(carried)} sign-off(s) over to digest v2: {', '.join(carried)}")  # noqa: T201
    return carried


class Migration(migrations.Migration):
    dependencies = [
        ("review", "0005_signoff_readability"),
        ("content_models", "0004_stable_child_order"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="clinicalsignoff",
            name="carried_over_from",
            field=models.ForeignKey(
                blank=True,
                help_text="The sign-off this record carries over to a new digest of the same "
                "content, when a migration changed how content is hashed; never a new review.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="carried_over_to",
                to="review.clinicalsignoff",
            ),
        ),
        migrations.AddField(
            model_name="clinicalsignoff",
            name="carry_over_reason",
            field=models.CharField(blank=True, max_length=300),
        ),
        migrations.RunPython(carry_over_signoffs, migrations.RunPython.noop),
    ]
