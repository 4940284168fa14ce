"""Sign-off records form one hash chain (``review.chain``): each is appended under a lock on
the chain's head, links to the record before it, and ``verify_signoffs`` recomputes every link
and every stored content's digest, naming the first broken one."""

import datetime
import io
import threading
import time

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from wagtail.models import PageLogEntry

from review import chain
from review.models import ClinicalSignoff, SignoffChainHead
from review.signoff import record_correction
from signing.digest import digest_of_content
from signing.signoffs import signoffs_of
from tests.factories import TreatmentPageFactory
from tests.factories.signing import sign
from tests.workflow import approval_data, review_url

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the tests run on PostgreSQL"),
]


def _in_order() -> list[ClinicalSignoff]:
    return list(ClinicalSignoff.objects.order_by("sequence"))


def _verify() -> str:
    out = io.StringIO()
    call_command("verify_signoffs", stdout=out)
    return out.getvalue()


def _raw(sql: str, params: list) -> None:
    """A write the append-only trigger would refuse: as the database superuser, the test skips
    triggers for this one statement (as someone with the database's keys could)."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(sql, params)
        cursor.execute("SET LOCAL session_replication_role = DEFAULT")


@pytest.fixture
def drafts(treatment_index):
    return [
        TreatmentPageFactory(parent=treatment_index, title=title, slug=title.lower(), live=False)
        for title in ("Heat", "Rest", "Stretching")
    ]


@pytest.fixture
def signed(drafts, submitted, reviewer, reviewer_client):
    """Sign-offs through the review screen and through the record function used in set-up."""
    reviewer_client.post(
        review_url(submitted), approval_data(reviewer, comment="Checked against NICE.")
    )
    for draft in drafts:
        sign(draft.save_revision())
    return _in_order()


def test_each_signoff_links_to_the_one_before_it(signed):
    # home and index pages (signed by the factories), the reviewed page, three drafts
    assert len(signed) == 6
    assert [record.sequence for record in signed] == [1, 2, 3, 4, 5, 6]
    assert signed[0].previous_hash == chain.GENESIS
    for before, record in zip(signed, signed[1:], strict=False):
        assert record.previous_hash == before.record_hash
    for record in signed:
        # stored as computed from the row read back from the database
        assert record.record_hash == chain.record_hash(chain.values_of(record))
    assert len({record.record_hash for record in signed}) == 6
    head = SignoffChainHead.objects.get()
    assert (head.sequence, head.record_hash) == (6, signed[-1].record_hash)
    reviewed = next(record for record in signed if record.comment == "Checked against NICE.")
    assert reviewed.task_state_id is not None  # the review screen's own sign-off is chained


def test_the_record_hash_covers_what_was_signed_but_not_the_detachable_references(signed):
    record = signed[2]
    values = chain.values_of(record)
    assert values["content_type"] == "content_models.treatmentpage"
    assert values["base_content_type"] == "wagtailcore.page"
    assert chain.canonical_record(values)["signed_at"].endswith("+00:00")
    for name, value in [("comment", "changed"), ("digest", "0" * 64), ("sequence", 99)]:
        assert chain.record_hash({**values, name: value}) != record.record_hash, name
    assert "revision" not in chain.CHAINED_FIELDS and "reviewer" not in chain.CHAINED_FIELDS


def test_verify_passes_and_prints_the_head(signed):
    output = _verify()

    assert "Sign-off chain intact: 6 records" in output
    assert signed[-1].record_hash in output


def test_deleting_a_signed_page_nulls_references_and_the_chain_still_verifies(signed, admin_client):
    from django.urls import reverse

    page_id = int(signed[-1].object_id)
    admin_client.post(reverse("wagtailadmin_pages:delete", args=(page_id,)))

    assert ClinicalSignoff.objects.get(pk=signed[-1].pk).revision_id is None
    assert "intact: 6 records" in _verify()


@pytest.mark.parametrize(
    ("sql", "problem"),
    [
        (
            "UPDATE review_clinicalsignoff SET comment = 'Not checked.' WHERE id = %s",
            "record hash does not match its fields",
        ),
        (
            "UPDATE review_clinicalsignoff SET next_review_due = next_review_due + 365 "
            "WHERE id = %s",
            "record hash does not match its fields",
        ),
        (
            "UPDATE review_clinicalsignoff SET content = jsonb_set(content, '{title}', "
            "'\"Cures everything\"') WHERE id = %s",
            "copy of the signed content does not hash to its digest",
        ),
    ],
    ids=["comment", "next review due", "copy of the content"],
)
def test_a_changed_record_is_named(signed, sql, problem):
    tampered = signed[3]
    _raw(sql, [tampered.pk])

    with pytest.raises(CommandError) as refused:
        _verify()

    assert f"record 4 (sign-off id {tampered.pk}): " in str(refused.value)
    assert problem in str(refused.value)


def test_a_record_rewritten_with_a_fresh_hash_breaks_the_next_link(signed):
    tampered = signed[3]
    values = {**chain.values_of(tampered), "comment": "Rewritten, hash and all."}
    _raw(
        "UPDATE review_clinicalsignoff SET comment = %s, record_hash = %s WHERE id = %s",
        [values["comment"], chain.record_hash(values), tampered.pk],
    )

    with pytest.raises(CommandError) as refused:
        _verify()

    assert f"record 5 (sign-off id {signed[4].pk})" in str(refused.value)
    assert "previous hash is not the record hash of record 4" in str(refused.value)


def test_a_deleted_record_is_noticed_in_the_middle_and_at_the_end(signed):
    # (drafts' records: no published document refers to them)
    _raw("DELETE FROM review_clinicalsignoff WHERE id = %s", [signed[-1].pk])
    with pytest.raises(CommandError, match="head names record 6 .* the last record is 5"):
        _verify()

    _raw("DELETE FROM review_clinicalsignoff WHERE id = %s", [signed[3].pk])
    with pytest.raises(CommandError, match=r"record 5 \(sign-off id \d+\): record\(s\) 4 before"):
        _verify()


def test_a_correction_supersedes_a_record_without_changing_it(signed):
    original = signed[-1]
    due = original.next_review_due - datetime.timedelta(days=180)

    correction = record_correction(
        original,
        by=None,
        reason="The reviewer set twelve months; the policy is six.",
        next_review_due=due,
    )

    assert correction.supersedes == original and correction.sequence == 7
    assert correction.previous_hash == original.record_hash
    assert (correction.digest, correction.signed_at) == (original.digest, original.signed_at)
    assert ClinicalSignoff.objects.get(pk=original.pk).next_review_due != due  # unchanged
    page = original.revision.as_object()
    assert signoffs_of(page).first() == correction  # review dates follow the correction
    assert chain.values_of(correction)["supersedes"] == original.record_hash
    assert "intact: 7 records" in _verify()

    with pytest.raises(ValueError, match="corrected already"):
        record_correction(original, by=None, reason="Again.", comment="x")
    with pytest.raises(ValueError, match="cannot change digest"):
        record_correction(correction, by=None, reason="Other content.", digest="0" * 64)
    with pytest.raises(ValueError, match="needs a reason"):
        record_correction(correction, by=None, reason="  ", comment="x")


def test_a_correction_is_in_the_pages_history_with_who_why_and_what_changed(signed, reviewer):
    original = signed[-1]
    due = original.next_review_due - datetime.timedelta(days=180)

    correction = record_correction(
        original,
        reason="Policy is six months.",
        by=reviewer,
        next_review_due=due,
        comment=original.comment,
    )

    entry = PageLogEntry.objects.get(action="clinical_review.signoff_corrected")
    assert (entry.page_id, entry.user) == (int(original.object_id), reviewer)
    assert entry.data == {
        "corrects": original.pk,
        "correction": correction.pk,
        "reason": "Policy is six months.",
        "changes": {
            "next_review_due": {
                "from": original.next_review_due.isoformat(),
                "to": due.isoformat(),
            }
        },
    }
    assert entry.message == "Sign-off record corrected by a new record that supersedes it"


def test_the_database_requires_a_reason_for_a_correction(signed):
    original = signed[-1]
    copy = {
        field.attname: getattr(original, field.attname)
        for field in ClinicalSignoff._meta.concrete_fields
        if field.name not in ("id", "task_state")
    }
    with pytest.raises(IntegrityError, match="a_correction_says_why"), transaction.atomic():
        ClinicalSignoff.objects.create(**{**copy, "supersedes_id": original.pk})


def test_bulk_inserts_join_the_chain_in_order(signed):
    original = signed[-1]
    copies = [
        ClinicalSignoff(
            **{
                field.attname: getattr(original, field.attname)
                for field in ClinicalSignoff._meta.concrete_fields
                if field.name not in ("id", "task_state")
            },
        )
        for _ in range(2)
    ]
    ClinicalSignoff.objects.bulk_create(copies)

    assert [copy.sequence for copy in copies] == [7, 8]
    assert copies[1].previous_hash == copies[0].record_hash
    assert "intact: 8 records" in _verify()
    with pytest.raises(PermissionDenied, match="would break it"):
        ClinicalSignoff.objects.bulk_create(copies, ignore_conflicts=True)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_signoff_waits_for_the_one_being_appended(treatment_index):
    """Two sign-offs at once: the second waits for the first's transaction to end, then links
    to it. (Without the lock it would read the old head and collide on the sequence.)"""
    first_page, second_page = (
        TreatmentPageFactory(parent=treatment_index, title=title, slug=title, live=False)
        for title in ("first", "second")
    )
    revisions = [first_page.save_revision(), second_page.save_revision()]
    before = ClinicalSignoff.objects.count()
    linked = threading.Event()
    outcome: dict[str, object] = {}

    def first():
        try:
            with transaction.atomic():
                outcome["first"] = sign(revisions[0])
                linked.set()
                time.sleep(1)  # the second sign-off starts now and must wait
                outcome["first committed"] = time.monotonic()
        finally:
            linked.set()
            connection.close()

    def second():
        try:
            linked.wait(timeout=30)
            outcome["second"] = sign(revisions[1])
            outcome["second done"] = time.monotonic()
        except Exception as error:  # noqa: BLE001  (reported below)
            outcome["second"] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert isinstance(outcome["second"], ClinicalSignoff), outcome["second"]
    assert outcome["second done"] > outcome["first committed"]
    assert outcome["second"].sequence == outcome["first"].sequence + 1 == before + 2
    assert outcome["second"].previous_hash == outcome["first"].record_hash
    assert chain.verify_database().ok


# The migration that links records made before the chain ----------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_links_existing_records_in_the_order_they_were_signed():
    from django.db.migrations.executor import MigrationExecutor

    before_chain = [("review", "0008_signoffs_append_only_in_the_database")]
    executor = MigrationExecutor(connection)
    executor.migrate(before_chain)
    old = executor.loader.project_state(before_chain).apps
    Signoff = old.get_model("review", "ClinicalSignoff")
    ContentType = old.get_model("contenttypes", "ContentType")
    page_type = ContentType.objects.get(app_label="wagtailcore", model="page")
    treatment_type = ContentType.objects.get(app_label="content_models", model="treatmentpage")
    now = timezone.now()

    def record(title, days_ago, **extra):
        content = {"_type": "content_models.treatmentpage", "title": title}
        return Signoff.objects.create(
            base_content_type=page_type,
            content_type=treatment_type,
            object_id="99",
            object_title=title,
            digest=digest_of_content(content),
            content=content,
            reviewer_name="Dr Before",
            reviewer_credentials="MB BS",
            reviewer_registration="GMC 1234567",
            signed_at=now - datetime.timedelta(days=days_ago),
            review_kind="full",
            last_full_review_at=now - datetime.timedelta(days=days_ago),
            next_review_due=(now + datetime.timedelta(days=300)).date(),
            attestation="I checked it.",
            **extra,
        )

    later = record("Signed later", 1)
    earlier = record("Signed earlier", 10)
    carried = record("Carried", 10, carried_over_from=earlier, carry_over_reason="Digest v2")

    executor = MigrationExecutor(connection)
    executor.migrate([executor.loader.graph.leaf_nodes("review")[0]])

    records = list(ClinicalSignoff.objects.order_by("sequence"))
    in_order = [(r.pk, r.sequence) for r in records]
    assert in_order == [(earlier.pk, 1), (carried.pk, 2), (later.pk, 3)]
    assert chain.values_of(records[1])["carried_over_from"] == records[0].record_hash
    result = chain.verify_database()
    assert result.ok, result.broken
    assert SignoffChainHead.objects.get().record_hash == records[-1].record_hash
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        _update_comment(records[0].pk)  # the trigger is back on


def _update_comment(pk: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute("UPDATE review_clinicalsignoff SET comment = 'x' WHERE id = %s", [pk])


def test_a_corrected_review_date_is_served_at_once(treatment_index, client):
    page = TreatmentPageFactory(parent=treatment_index, slug="corrected")
    original = signoffs_of(page).first()
    due = timezone.localdate() + datetime.timedelta(days=10)
    before = client.get("/api/v1/treatments/corrected/").json()["review"]
    assert before["status"] == "current"

    record_correction(
        original, by=None, reason="The policy is a shorter interval.", next_review_due=due
    )

    review = client.get("/api/v1/treatments/corrected/").json()["review"]
    assert review["next_review_due"] == due.isoformat()
    assert review["status"] == "due_soon"
