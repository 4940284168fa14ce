"""Carry sign-offs over to the third canonical form of content (``signing.digest``).

The second form took ``data-block-key="…"`` out of every string, so words typed in that shape
into a summary or a paragraph were not content; and it named a file Wagtail had not hashed (one
made in code) by its empty hash, so choosing another such file was not content either. The third
takes block keys out of rich text's tags only, and names an unhashed file by its id and name.
Content with neither hashes as before, and keeps its digest.

As migration 0006 did for the second form: for each sign-off whose revision still exists and
still hashes, in the second form, to the digest it signed, a record is appended to the chain
(``review.chain``) that carries it over to the third form's digest, with ``carried_over_from``
and a reason, and the object's history logs it. Nothing is re-signed silently: a sign-off that
cannot be checked is left for a new review. Rows then record the digest of what they hold, and
documents rendered from the old digest are stale (``rebuild_documents --stale``) until rendered
again.

It writes through the app's own models (the chain links a record as the app does today): a
later migration that changes the sign-off's table or a clinical model's must say
``run_before`` this one.
"""

import re

from django.db import migrations

REASON = (
    "Digest v3 (migration review 0015): the same signed revision hashed in the third canonical "
    "form, which keeps words shaped like a rich-text block key and names an unhashed file."
)
# Fields a carried-over record does not copy: its key, its place in the chain, the task state
# (which allows one sign-off) and a correction's link (it carries over, it corrects nothing).
NOT_COPIED = {
    "id",
    "task_state",
    "sequence",
    "previous_hash",
    "record_hash",
    "supersedes",
    "supersede_reason",
}
_BLOCK_KEY = re.compile(r'\s+data-block-key="[^"]*"')
_UNHASHED_FILE = re.compile(r"^[a-z0-9_]+\.[a-z0-9_]+:\d+:")


def _second_form(value):
    """The third form's canonical content as the second form had it."""
    if isinstance(value, str):
        return _BLOCK_KEY.sub("", value)
    if isinstance(value, dict):
        if set(value) == {"file"} and _UNHASHED_FILE.match(str(value["file"])):
            return {"file": ""}
        return {key: _second_form(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_second_form(item) for item in value]
    return value


def digest_v2(obj) -> str:
    from signing.digest import canonical_content, digest_of_content, fold

    return digest_of_content(fold(_second_form(canonical_content(obj))))


def carry_over_signoffs(apps, schema_editor) -> list[str]:
    """Append carried-over sign-offs; returns "object_title (object id)" of each."""
    from django.apps import apps as live_apps
    from django.db import transaction
    from wagtail.log_actions import log
    from wagtail.models import Revision

    from review.models import ClinicalSignoff
    from signing.digest import canonical_content, content_digest, digest_of_content
    from signing.models import SignedContentMixin

    db = schema_editor.connection.alias if schema_editor is not None else "default"
    carried = []
    with transaction.atomic(using=db):
        records = ClinicalSignoff.objects.using(db).defer("content")
        # One record at a time (their copies of the content are large), in chain order.
        pks = list(records.exclude(revision=None).order_by("sequence").values_list("pk", flat=True))
        for pk in pks:
            signoff = records.get(pk=pk)
            revision = Revision.objects.using(db).get(pk=signoff.revision_id)
            obj = revision.as_object()
            if digest_v2(obj) != signoff.digest:
                continue  # not the content that was signed: leave it for a new review
            content = canonical_content(obj)
            digest = digest_of_content(content)
            if digest == signoff.digest or signoff.carried_over_to.filter(digest=digest).exists():
                continue
            fields = {
                field.attname: getattr(signoff, field.attname)
                for field in ClinicalSignoff._meta.concrete_fields
                if field.name not in NOT_COPIED and field.name != "content"
            }
            fields.update(
                digest=digest,
                content=content,
                carried_over_from_id=signoff.pk,
                carry_over_reason=REASON,
            )
            ClinicalSignoff.objects.using(db).create(**fields)
            log(
                instance=obj,
                action="clinical_review.signoff_carried_over",
                revision=revision,
                data={"from_signoff": signoff.pk, "from_digest": signoff.digest, "digest": digest},
            )
            carried.append(f"{signoff.object_title} ({signoff.object_id})")
        for model in live_apps.get_models():
            if issubclass(model, SignedContentMixin):
                for row in model._default_manager.using(db).all():
                    digest = content_digest(row)
                    if row.content_digest != digest:
                        model._default_manager.using(db).filter(pk=row.pk).update(
                            content_digest=digest
                        )
    if carried:
        print(f"\n  Carried {len(carried)} sign-off(s) over to digest v3: {', '.join(carried)}")  # noqa: T201
    return carried


class Migration(migrations.Migration):
    dependencies = [
        ("review", "0014_signoff_translation_source"),
        ("content_models", "0013_protect_chosen_disclaimer"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(carry_over_signoffs, migrations.RunPython.noop)]
