"""Exports of the sign-off records (``export_signoffs`` and the "Sign-off records" report) carry
the chain, and ``verify_signoffs --file`` checks them without the database."""

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.urls import reverse
from openpyxl import load_workbook

from review.models import ClinicalSignoff
from review.wagtail_hooks import SignoffRecordsMenuItem
from tests.factories import TreatmentPageFactory
from tests.factories.signing import sign
from tests.workflow import logged_in, make_reviewer

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the tests run on PostgreSQL"),
]

REPORT = "clinical_review:signoff_records"


@pytest.fixture
def records(treatment_index, time_machine):
    """Records 3-7 after the factories' two (home, index, signed today): "Heat" signed by Dr Ada
    in January and March, "Rest" by Dr Ada and "Ice" by Dr Bea in February, "Rest" again by
    Dr Bea in April; record 8 corrects record 7 with a comment that needs CSV quoting."""
    ada, bea = make_reviewer("ada"), make_reviewer("bea")
    heat, rest, ice = (
        TreatmentPageFactory(parent=treatment_index, title=title, slug=title.lower(), live=False)
        for title in ("Heat", "Rest", "Ice")
    )
    plan = [
        ("2026-01-15", heat, ada),
        ("2026-02-10", rest, ada),
        ("2026-02-20", ice, bea),
        ("2026-03-05", heat, ada),
        ("2026-04-01", rest, bea),
    ]
    for day, page, reviewer in plan:
        time_machine.move_to(f"{day} 10:00:00+00:00")
        page.title = f"{page.title}."  # new content for each sign-off
        record = sign(page.save_revision(), reviewer=reviewer)
    assert record.sequence == 7
    _comment_for_csv()
    return {"heat": heat, "rest": rest, "ice": ice, "ada": ada, "bea": bea}


def _comment_for_csv():
    """A record whose comment needs CSV quoting (appended, it is record 8)."""
    from review.signoff import record_correction

    last = ClinicalSignoff.objects.order_by("sequence").last()
    record_correction(
        last, by=None, reason="Typo in the comment.", comment='Checked, "twice",\nsigned.'
    )


def _export(tmp_path, *args, name="export.jsonl") -> Path:
    path = tmp_path / name
    call_command("export_signoffs", "--output", str(path), *args, stdout=io.StringIO())
    return path


def _verify_file(path) -> tuple[int, str]:
    """``verify_signoffs --file``: the exit status ``manage.py`` gives (a ``CommandError``'s
    ``returncode``) and what it says. (Run in-process, because ``manage.py``'s own runner closes
    the test's database connection; one test runs it in a process of its own.)"""
    out = io.StringIO()
    try:
        call_command("verify_signoffs", "--file", str(path), stdout=out)
    except CommandError as error:
        return error.returncode, str(error)
    return 0, out.getvalue()


def _jsonl(path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_a_full_export_holds_every_record_with_its_chain_and_verifies(records, tmp_path):
    path = _export(tmp_path)

    rows = _jsonl(path)
    stored = list(ClinicalSignoff.objects.order_by("sequence"))
    assert [row["sequence"] for row in rows] == list(range(1, 9))
    for row, record in zip(rows, stored, strict=True):
        assert (row["id"], row["record_hash"], row["previous_hash"]) == (
            record.pk,
            record.record_hash,
            record.previous_hash,
        )
        assert row["content"] == record.content
    assert rows[-1]["supersedes"] == rows[-2]["record_hash"]
    status, output = _verify_file(path)
    assert status == 0, output
    assert "8 records (1–8)" in output and "complete from record 1" in output
    assert stored[-1].record_hash in output
    # A blank line before the first record (an editor added it) leaves the file JSON Lines.
    path.write_text("\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    assert _verify_file(path) == (0, output)


@pytest.mark.parametrize("name", ["export.jsonl", "export.csv"])
def test_one_byte_changed_in_a_comment_fails_verification(records, tmp_path, name):
    path = _export(tmp_path, name=name)
    text = path.read_text(encoding="utf-8")
    assert text.count("Checked, ") == 1
    path.write_text(text.replace("Checked, ", "Checked. "), encoding="utf-8")

    status, output = _verify_file(path)

    assert status == 1
    last = ClinicalSignoff.objects.order_by("sequence").last()
    assert f"Broken link at record 8 (sign-off id {last.pk})" in output
    assert "record hash does not match its fields" in output


def test_manage_py_exits_non_zero_for_a_tampered_export(records, tmp_path):
    path = _export(tmp_path)
    path.write_text(path.read_text().replace("Checked, ", "Checked. "), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"

    run = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "verify_signoffs", "--file", str(path)],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert run.returncode == 1, run.stdout + run.stderr
    assert "CommandError: Broken link at record 8" in run.stderr


def test_a_file_rewritten_hashes_and_all_is_caught_by_the_head_kept_elsewhere(records, tmp_path):
    from review import chain

    kept_head = ClinicalSignoff.objects.order_by("sequence").last().record_hash
    path = _export(tmp_path)
    rows = _jsonl(path)
    rows[-1]["comment"] = "Never checked."
    rows[-1]["record_hash"] = chain.record_hash(rows[-1])  # the last record: no link after it
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")

    assert _verify_file(path)[0] == 0  # a chain alone cannot tell
    with pytest.raises(CommandError, match=f"not the expected head {kept_head}"):
        call_command("verify_signoffs", "--file", str(path), "--head", kept_head)
    assert "intact: 8 records" in _verify_db("--head", kept_head)


def _verify_db(*args) -> str:
    out = io.StringIO()
    call_command("verify_signoffs", *args, stdout=out)
    return out.getvalue()


def test_a_changed_copy_of_the_content_fails_verification(records, tmp_path):
    path = _export(tmp_path)
    rows = _jsonl(path)
    rows[3]["content"]["title"] = "Cures everything"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")

    status, output = _verify_file(path)

    assert status == 1
    assert "record 4" in output and "does not hash to its digest" in output


def test_a_csv_export_holds_the_same_records_as_json_lines(records, tmp_path):
    jsonl, as_csv = _export(tmp_path), _export(tmp_path, name="export.csv")

    with as_csv.open(encoding="utf-8", newline="") as stream:
        table = list(csv.DictReader(stream))
    rows = _jsonl(jsonl)
    assert [row["record_hash"] for row in table] == [row["record_hash"] for row in rows]
    assert table[-1]["comment"] == 'Checked, "twice",\nsigned.'
    assert json.loads(table[0]["content"]) == rows[0]["content"]
    assert _verify_file(as_csv)[0] == 0


def test_filters_give_a_partial_export_that_verifies_with_its_gaps_named(records, tmp_path):
    heat = records["heat"]
    by_page = _jsonl(_export(tmp_path, "--page", str(heat.pk), name="heat.jsonl"))
    by_ada = _jsonl(_export(tmp_path, "--reviewer", "ada", name="ada.jsonl"))
    february = _export(tmp_path, "--since", "2026-02-01", "--until", "2026-02-28", name="feb.jsonl")

    assert [row["sequence"] for row in by_page] == [3, 6]
    assert {row["object_id"] for row in by_page} == {str(heat.pk)}
    assert [row["sequence"] for row in by_ada] == [3, 4, 6]
    assert [row["sequence"] for row in _jsonl(february)] == [4, 5]
    last_day = _export(tmp_path, "--until", "9999-12-31", name="all.jsonl")  # the last there is
    assert len(_jsonl(last_day)) == ClinicalSignoff.objects.count()
    status, output = _verify_file(tmp_path / "ada.jsonl")
    assert status == 0, output
    assert "3 records (3–6)" in output and "1 gap(s) of records left out: 5" in output
    status, output = _verify_file(february)
    assert status == 0 and "link to record 3, not in the file, is not checked" in output


def test_a_gap_hides_no_change_to_the_records_either_side(records, tmp_path):
    path = _export(tmp_path, "--reviewer", "ada")
    rows = _jsonl(path)
    rows[1]["previous_hash"] = "f" * 64  # record 4's link to record 3, in the file
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")

    status, output = _verify_file(path)

    assert status == 1 and "record 4" in output and "previous hash is not" in output


def test_a_file_out_of_order_or_unreadable_fails(records, tmp_path):
    path = _export(tmp_path)
    rows = _jsonl(path)
    rows[2], rows[3] = rows[3], rows[2]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    status, output = _verify_file(path)
    assert status == 1 and "record 3" in output and "out of order" in output

    path.write_text('{"sequence": 1}\nnot json\n', encoding="utf-8")
    status, output = _verify_file(path)
    assert status == 1 and "cannot be read" in output

    path.write_text('{"sequence": ' + "[" * 100_000 + "\n", encoding="utf-8")
    status, output = _verify_file(path)
    assert status == 1 and "nested too deeply" in output

    path.write_text('{"sequence": ' + "1" * 5_000 + "}\n", encoding="utf-8")
    status, output = _verify_file(path)  # more digits than Python reads as an integer
    assert status == 1 and "line 1 is not JSON" in output


# The admin report ------------------------------------------------------------------------------


def test_reviewers_open_the_report_with_the_hashes_and_its_filters(records):
    client = logged_in(records["ada"])

    everything = client.get(reverse(REPORT))
    heat_only = client.get(reverse(REPORT), {"page": records["heat"].pk})
    by_bea = client.get(reverse(REPORT), {"reviewer": records["bea"].pk})
    march = client.get(
        reverse(REPORT), {"signed_at_from": "2026-03-01", "signed_at_to": "2026-03-31"}
    )

    assert everything.status_code == 200
    page = everything.content.decode()
    last = ClinicalSignoff.objects.order_by("sequence").last()
    assert f'title="{last.record_hash}"' in page and f'title="{last.previous_hash}"' in page
    assert _sequences(heat_only) == [6, 3]
    assert _sequences(by_bea) == [8, 7, 5]
    assert _sequences(march) == [6]


def _sequences(response) -> list[int]:
    return [record.sequence for record in response.context["object_list"]]


@pytest.mark.parametrize("export_format", ["csv", "jsonl"])
def test_the_reports_csv_and_json_lines_verify(records, tmp_path, export_format):
    client = logged_in(records["bea"])

    response = client.get(reverse(REPORT), {"export": export_format, "reviewer": records["bea"].pk})

    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'.{export_format}"')
    path = tmp_path / f"report.{export_format}"
    path.write_bytes(b"".join(response.streaming_content))
    status, output = _verify_file(path)
    assert status == 0, output
    assert "3 records (5–8)" in output
    last = ClinicalSignoff.objects.order_by("sequence").last()
    assert last.record_hash in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("export_format", ["csv", "jsonl", "xlsx"])
def test_a_download_with_a_filter_it_cannot_read_is_refused_with_the_reason(records, export_format):
    """30 February: Wagtail leaves the filter out, and the download held every record."""
    client = logged_in(records["ada"])
    asked = {"signed_at_from": "2026-02-30", "export": export_format}

    refused = client.get(reverse(REPORT), asked)

    assert refused.status_code == 302
    assert "export=" not in refused["Location"] and "2026-02-30" in refused["Location"]
    shown = client.get(refused["Location"])
    message = " ".join(str(m) for m in shown.context["messages"])
    assert "Nothing was downloaded" in message and "Signed" in message


def test_the_reports_xlsx_has_the_chain(records):
    client = logged_in(records["ada"])

    response = client.get(reverse(REPORT), {"export": "xlsx"})

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header, *rows = list(sheet.values)
    assert "record_hash" in header and "previous_hash" in header and "content" not in header
    stored = list(ClinicalSignoff.objects.order_by("sequence"))
    column = header.index("record_hash")
    assert [row[column] for row in rows] == [record.record_hash for record in stored]
    assert rows[0][header.index("signed_at")] == stored[0].signed_at.isoformat()


def test_the_xlsx_writes_a_control_character_as_its_escape(records):
    from review.signoff import record_correction

    last = ClinicalSignoff.objects.order_by("sequence").last()
    record_correction(last, by=None, reason="A stray character.", comment="Checked\x0bsigned.")
    client = logged_in(records["ada"])

    response = client.get(reverse(REPORT), {"export": "xlsx"})

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header, *rows = list(sheet.values)
    assert rows[-1][header.index("comment")] == "Checked\\x0bsigned."
    csv_text = client.get(reverse(REPORT), {"export": "csv"}).getvalue().decode()
    assert "Checked\x0bsigned." in csv_text  # the CSV keeps the text as signed


def test_editors_cannot_open_the_report_or_download_it(records, editor_client, rf, editor):
    for params in ({}, {"export": "jsonl"}, {"export": "csv"}, {"export": "xlsx"}):
        response = editor_client.get(reverse(REPORT), params)
        assert response.status_code == 302, params  # Wagtail's "no permission" redirect
        assert response["Location"] == reverse("wagtailadmin_home")
    item = SignoffRecordsMenuItem("Sign-off records", reverse(REPORT))
    request = rf.get("/")
    request.user = editor
    assert not item.is_shown(request)
    request.user = records["ada"]
    assert item.is_shown(request)


def test_the_export_command_writes_json_lines_to_stdout_and_reads_dates_strictly(records):
    out = io.StringIO()
    call_command("export_signoffs", "--until", "2026-01-31", stdout=out, stderr=io.StringIO())
    # (the factories signed the home and index pages today, after January)
    assert [json.loads(line)["sequence"] for line in out.getvalue().splitlines()] == [3]

    with pytest.raises(CommandError, match="--since: a date as YYYY-MM-DD"):
        call_command("export_signoffs", "--since", "last week", stdout=io.StringIO())


@pytest.mark.parametrize(
    ("output", "says"),
    [("missing-folder/out.jsonl", "Cannot write"), (".", "Cannot write")],
)
def test_the_export_command_says_why_it_cannot_write_its_file(records, tmp_path, output, says):
    with pytest.raises(CommandError, match=says):
        call_command("export_signoffs", "--output", str(tmp_path / output), stdout=io.StringIO())


def test_the_export_command_refuses_a_range_that_ends_before_it_starts(records):
    with pytest.raises(CommandError, match="--since is after --until"):
        call_command(
            "export_signoffs", "--since", "2026-01-02", "--until", "2026-01-01",
            stdout=io.StringIO(),
        )  # fmt: skip


def test_verifying_a_file_that_is_not_utf8_says_so(records, tmp_path):
    path = _export(tmp_path)
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))

    with pytest.raises(CommandError, match="not UTF-8"):
        call_command("verify_signoffs", "--file", str(path), stdout=io.StringIO())


@pytest.mark.parametrize("export_format", ["jsonl", "csv"])
def test_an_export_saved_with_a_byte_order_mark_still_verifies(records, tmp_path, export_format):
    """Excel's "CSV UTF-8" starts the file with one: that is no broken chain."""
    path = tmp_path / f"signoffs.{export_format}"
    call_command("export_signoffs", "--output", str(path), stdout=io.StringIO())
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())

    out = io.StringIO()
    call_command("verify_signoffs", "--file", str(path), stdout=out)
    assert out.getvalue().startswith("Export verified: 8 records")


def test_a_file_verified_without_a_head_says_what_that_does_not_show(records, tmp_path):
    """A one-record file anyone could write passes the file's own checks; only a head hash
    kept elsewhere ties it to the clinic's chain."""
    path = _export(tmp_path)
    head = ClinicalSignoff.objects.order_by("sequence").last().record_hash

    status, alone = _verify_file(path)
    out = io.StringIO()
    call_command("verify_signoffs", "--file", str(path), "--head", head, stdout=out)

    assert status == 0 and "Not checked against a head hash" in alone
    assert "Export verified" in out.getvalue() and "head hash" not in out.getvalue()


@pytest.mark.parametrize("content", ["", "\n\n"])
@pytest.mark.django_db
def test_an_empty_file_is_not_verified(tmp_path, content):
    path = tmp_path / "export.jsonl"
    path.write_text(content, encoding="utf-8")

    status, output = _verify_file(path)

    assert status == 1 and "holds no sign-off records" in output


@pytest.mark.django_db
def test_a_head_given_for_an_empty_chain_says_there_is_no_record():
    with pytest.raises(CommandError, match="There is no record"):
        call_command("verify_signoffs", "--head", "0" * 64, stdout=io.StringIO())
