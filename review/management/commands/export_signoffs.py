"""``manage.py export_signoffs``: the sign-off records with their chain, for a regulator or a
backup; ``verify_signoffs --file`` checks the result."""

import argparse
import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from review.records import export_rows, signoff_records, write

FORMATS = ("jsonl", "csv")


def day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"a date as YYYY-MM-DD, not {value!r}") from None


class Command(BaseCommand):
    help = (
        "Export sign-off records in sequence order as JSON Lines (default) or CSV, with their "
        "chain hashes and copies of the signed content. Filters give a partial export: each "
        "record still verifies, links only between records that follow each other."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--format",
            choices=FORMATS,
            help="jsonl or csv (default: the output's suffix, else jsonl)",
        )
        parser.add_argument("--output", type=Path, help="A file to write (default: stdout).")
        parser.add_argument("--page", type=int, help="Only the records of this page id.")
        parser.add_argument("--reviewer", help="Only the records of this reviewer (username).")
        parser.add_argument("--since", type=day, help="Signed on or after YYYY-MM-DD.")
        parser.add_argument("--until", type=day, help="Signed on or before YYYY-MM-DD.")

    def handle(self, *args, **options):
        output: Path | None = options["output"]
        export_format = options["format"] or (
            output.suffix.lstrip(".").lower() if output and output.suffix else "jsonl"
        )
        if export_format not in FORMATS:
            raise CommandError(f"Unknown format {export_format!r}: use --format jsonl or csv.")
        if options["since"] and options["until"] and options["since"] > options["until"]:
            raise CommandError("--since is after --until: no record could be in that range.")
        records = signoff_records(
            page=options["page"],
            reviewer=options["reviewer"],
            since=options["since"],
            until=options["until"],
        )
        rows = export_rows(records)
        if output is None:
            count = write(rows, self.stdout, export_format)
            # The export is on stdout: say what was done where it does not mix with it.
            self.stderr.write(
                f"Exported {count} sign-off record(s) ({export_format}).", style_func=str
            )
            return
        try:
            with output.open("w", encoding="utf-8", newline="") as stream:
                count = write(rows, stream, export_format)
        except OSError as error:  # no such folder, a folder, no permission, a full disk
            raise CommandError(f"Cannot write {output}: {error.strerror or error}") from error
        self.stdout.write(f"Exported {count} sign-off record(s) to {output} ({export_format}).")
