"""``manage.py verify_signoffs [--file EXPORT] [--head HASH]``: check the sign-off chain."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from review.chain import Verification, verify, verify_database
from review.records import ExportFormatError, read_export

# A file is checked against itself: whoever can write one can make every hash in it agree.
UNANCHORED = (
    "Not checked against a head hash: a file written whole, or rewritten with every hash after "
    "the change, passes the same checks. Give --head with the head hash kept elsewhere to show "
    "the file is the clinic's record."
)


class Command(BaseCommand):
    help = (
        "Recompute the sign-off chain: each record's hash from its fields, each link to the "
        "record before it, and the digest of each stored copy of the content. Exits non-zero "
        "naming the first broken link. With --file, checks an export (JSON Lines or CSV) "
        "instead of the database."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--file", type=Path, help="An export of export_signoffs or of the admin report."
        )
        parser.add_argument(
            "--head",
            help="The record hash the last record must have: a head hash kept elsewhere, so that "
            "records rewritten together with every hash after them are noticed too.",
        )

    def handle(self, *args, file: Path | None = None, head: str | None = None, **options):
        if file is not None:
            try:
                result = verify(read_export(file), complete=False)
            except (OSError, ExportFormatError) as error:
                raise CommandError(f"Cannot read {file}: {error}") from error
            except UnicodeDecodeError as error:  # a spreadsheet saved as UTF-16 or cp1252
                raise CommandError(
                    f"Cannot read {file}: it is not UTF-8 text (save the export as UTF-8)."
                ) from error
            if result.ok and not result.count:
                raise CommandError(f"{file} holds no sign-off records: there is nothing to verify.")
        else:
            result = verify_database()
        if not result.ok:
            raise CommandError(f"Broken link at {result.broken}")
        if head is not None and result.last is None:
            raise CommandError(
                f"There is no record, so no chain ends at the expected head {head}: the records "
                "were deleted, or this is not the database that made them."
            )
        if head is not None and result.head_hash != head.strip().lower():
            raise CommandError(
                f"The last record ({result.last}) has the hash {result.head_hash}, not the "
                f"expected head {head}: records after it are missing, or the chain was rewritten."
            )
        self.stdout.write(self._summary(result, file))
        if file is not None and head is None:
            self.stdout.write(UNANCHORED)

    def _summary(self, result: Verification, file: Path | None) -> str:
        if not result.count:
            return "No sign-off records: the chain is empty."
        head = f"head: record {result.last}, {result.head_hash}"
        if file is None:
            return f"Sign-off chain intact: {result.count} records; {head}."
        checked = (
            f"Export verified: {result.count} records ({result.first}–{result.last}), each "
            "record's hash and content digest checked"
        )
        if result.gaps:
            gaps = ", ".join(
                str(start) if start == end else f"{start}–{end}" for start, end in result.gaps
            )
            return (
                f"{checked}; links checked between consecutive records, not across "
                f"{len(result.gaps)} gap(s) of records left out: {gaps}; {head}."
            )
        if result.first != 1:
            return (
                f"{checked}, and every link between them; its link to record "
                f"{result.first - 1}, not in the file, is not checked; {head}."
            )
        return f"{checked}: complete from record 1, every link checked; {head}."
