"""Changes to what may be public run one at a time.

A change (a publish, an unpublish, a move, a sign-off, a snippet edit) locks rows as it goes:
the page's, its revision's, the documents it renders. Two changes that lock the same rows in
opposite orders deadlock, and PostgreSQL then aborts one of them. So every door that writes
takes this lock first, before it locks or reads anything else, and holds it until its
transaction ends: the admin's writes (``delivery.middleware.AdminWritesAtomic``),
``publish_scheduled``'s items, the Python API's doors on signed content (``publish``,
``unpublish`` and ``move`` in ``signing.models``: they write rows before they reach the
document writes), and the document writes themselves (``delivery.sync``). Changes are rare
and short; reads never wait.

PostgreSQL's transaction-level advisory lock: taken again in the same transaction, it is
simply held once more. SQLite, the embedded trial database, lets one transaction write at a
time of itself.
"""

from __future__ import annotations

from django.db import connection

LOCK_KEY = 0x434D53_444F43  # "CMS", "DOC"


def one_change_at_a_time() -> None:
    """Wait until no other transaction is changing what may be public; hold that until this
    transaction ends. Call inside ``transaction.atomic()``."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
