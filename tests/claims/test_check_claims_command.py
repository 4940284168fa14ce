"""manage.py check_claims: JSON lines on standard output; exit 0, 1 or 2."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command, execute_from_command_line

from demo.loader import read_source

pytestmark = pytest.mark.django_db

RISKY = "Each session lasts an hour.\nUnlike opioids, it does not cause addiction.\nIt is a cure.\n"
NEUTRAL = "Each session lasts about 45 minutes to an hour.\nYou may feel light-headed.\n"


def _lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines()]


def test_flags_are_printed_as_json_lines_and_the_exit_status_is_1(tmp_path, capsys):
    path = tmp_path / "article.txt"
    path.write_text(RISKY, encoding="utf-8")

    with pytest.raises(SystemExit) as exit_:
        execute_from_command_line(["manage.py", "check_claims", str(path)])

    assert exit_.value.code == 1
    records = _lines(capsys.readouterr().out)
    assert [(r["line"], r["rule"]) for r in records] == [
        (2, "unlike-other-treatments"),
        (2, "denies-a-risk"),
        (3, "cure-or-guarantee"),
    ]
    denial = records[1]
    assert denial["sentence"] == "Unlike opioids, it does not cause addiction."
    assert denial["matched_text"] == "does not cause addiction"
    assert denial["category"] == "risk_denial"
    assert denial["explanation"]
    assert {"sentence", "matched_text", "category", "rule", "explanation", "reason"} <= set(denial)
    assert denial["reason"].startswith('Rule "denies-a-risk"')


def test_nothing_flagged_prints_nothing_and_exits_0(tmp_path, capsys):
    path = tmp_path / "neutral.txt"
    path.write_text(NEUTRAL, encoding="utf-8")

    execute_from_command_line(["manage.py", "check_claims", str(path)])  # no SystemExit: 0

    assert capsys.readouterr().out == ""


def test_standard_input_is_read_with_a_dash():
    stdout = io.StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command(
            "check_claims", "-", stdin=io.StringIO("Results are guaranteed."), stdout=stdout
        )

    assert exit_.value.code == 1
    assert [r["rule"] for r in _lines(stdout.getvalue())] == ["cure-or-guarantee"]


def test_the_article_as_written_is_flagged(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(read_source("article"), encoding="utf-8")
    stdout = io.StringIO()

    with pytest.raises(SystemExit):
        call_command("check_claims", str(path), stdout=stdout)

    matched = {record["matched_text"] for record in _lines(stdout.getvalue())}
    assert {"does not suppress breathing or cause addiction", "Non-Addictive"} <= matched


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "No such file or directory"), (b"caf\xe9 \xff", "it is not UTF-8 text")],
)
def test_an_unreadable_file_is_an_error_with_status_2(tmp_path, content, message):
    path = tmp_path / "input.txt"
    if content is not None:
        path.write_bytes(content)

    with pytest.raises(CommandError) as error:
        call_command("check_claims", str(path))

    assert error.value.returncode == 2
    assert f"Cannot read {path}" in str(error.value)
    assert message in str(error.value)


def test_the_real_command_exits_2_with_a_message_for_a_missing_file(tmp_path):
    manage = Path(settings.BASE_DIR) / "manage.py"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test", "TEST_DATABASE": "sqlite"}
    env.pop("DATABASE_URL", None)  # the file is read before any database access

    result = subprocess.run(
        [sys.executable, str(manage), "check_claims", str(tmp_path / "missing.txt")],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )

    assert result.returncode == 2
    assert result.stdout == ""
    assert "Cannot read" in result.stderr and "missing.txt" in result.stderr
