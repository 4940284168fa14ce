"""Check plain text for risky claims outside the admin.

    python manage.py check_claims article.txt
    cat article.txt | python manage.py check_claims -

Prints one JSON object per flag on standard output. Exit status: 0 when nothing is flagged,
1 when something is, 2 when the file cannot be read.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims.checker import check_text
from claims.rules import load_rules

EXIT_FLAGGED = 1
EXIT_UNREADABLE = 2


class Command(BaseCommand):
    help = (
        "Check plain text (a file, or - for standard input) for risky claims. Prints one JSON "
        "object per flag; exits 0 when nothing is flagged, 1 otherwise, 2 if unreadable."
    )
    # call_command(..., stdin=io.StringIO(...)) reads from that instead of sys.stdin.
    stealth_options = ("stdin",)
    requires_system_checks: list[str] = []  # a text tool: no need to check the project first

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help='A UTF-8 text file, or "-" for standard input.')

    def handle(self, *args, **options) -> None:
        text = self._read(options["file"], options.get("stdin") or sys.stdin)
        rules = load_rules()
        flagged = 0
        for number, line in enumerate(text.splitlines(), start=1):
            for flag in check_text(line, rules=rules, location=f"line {number}"):
                flagged += 1
                record = {
                    "line": number,
                    "sentence": flag.sentence,
                    "matched_text": flag.matched_text,
                    "category": flag.category,
                    "category_label": flag.category_label,
                    "rule": flag.rule,
                    "explanation": flag.explanation,
                    "reason": flag.reason,
                }
                self.stdout.write(json.dumps(record, ensure_ascii=False))
        if flagged:
            self.stdout.flush()
            sys.exit(EXIT_FLAGGED)

    def _read(self, name: str, stdin) -> str:
        try:
            if name == "-":
                return stdin.read()
            return Path(name).read_text(encoding="utf-8")
        except UnicodeDecodeError as error:
            raise CommandError(
                f"Cannot read {name}: it is not UTF-8 text ({error.reason}).",
                returncode=EXIT_UNREADABLE,
            ) from error
        except OSError as error:
            reason = error.strerror or str(error)
            raise CommandError(
                f"Cannot read {name}: {reason}.", returncode=EXIT_UNREADABLE
            ) from error
