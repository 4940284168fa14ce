"""Which site answers a host, and which sections are private: remembered per process for as
long as the database says they have not changed.

Every API request needs both, and Wagtail's site lookup and the restrictions query cost more
to build than to run. So each process remembers them, keyed by a *routing token*: a random
value in a one-row table that PostgreSQL triggers replace, in the same transaction, whenever a
site, a view restriction, or a page's place in the tree (``path``, ``url_path``) changes —
through Django or through raw SQL alike. A request reads the token first (one indexed row) and
reuses what this process worked out under that token.

Why a table and not the content version in the shared cache: the token changes in the same
transaction as the data, so a token always names one committed state — a rolled-back change
takes its token back with it — and a raw write cannot go around it. Reading the token *before*
the data means what is remembered under a token is never older than that token.

On SQLite (the embedded default) there are no triggers: everything is looked up per request.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass

from django.db import DatabaseError, connections
from django.db.models import Q, QuerySet
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.models.sites import get_site_for_hostname

TABLE = "delivery_routing_token"
FUNCTION = "delivery_new_routing_token"

_SITE_FIELDS = ("id", "hostname", "port", "site_name", "root_page_id", "is_default_site")
_ROOT_FIELDS = ("id", "path", "depth", "url_path")
# A host header is checked against ALLOWED_HOSTS before a view runs, but with a wildcard
# there is no bound: past this many hosts the memo starts again.
_MAX_ENTRIES = 256


def statements() -> list[str]:
    """The table, its one row, and the triggers that replace the token (idempotent)."""
    sql = [
        f"CREATE TABLE IF NOT EXISTS {TABLE} (id integer PRIMARY KEY CHECK (id = 1), "
        "token uuid NOT NULL)",
        "INSERT INTO delivery_routing_token VALUES (1, gen_random_uuid()) "
        "ON CONFLICT (id) DO NOTHING",
        """CREATE OR REPLACE FUNCTION delivery_new_routing_token() RETURNS trigger AS $$
        BEGIN
            INSERT INTO delivery_routing_token VALUES (1, gen_random_uuid())
                ON CONFLICT (id) DO UPDATE SET token = EXCLUDED.token;
            RETURN NULL;
        END $$ LANGUAGE plpgsql;""",
    ]
    for table in ("wagtailcore_site", "wagtailcore_pageviewrestriction"):
        trigger = f"{table}_new_routing_token"
        sql += [
            f"DROP TRIGGER IF EXISTS {trigger} ON {table}",
            f"CREATE TRIGGER {trigger} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()",
        ]
    # A move or a slug change rewrites the paths of a subtree: a site's root or a private
    # section may now be somewhere else. Other page saves leave the token alone.
    sql += [
        "DROP TRIGGER IF EXISTS wagtailcore_page_new_routing_token ON wagtailcore_page",
        "CREATE TRIGGER wagtailcore_page_new_routing_token AFTER UPDATE OF path, url_path, depth "
        "ON wagtailcore_page FOR EACH ROW WHEN (NEW.path IS DISTINCT FROM OLD.path "
        "OR NEW.url_path IS DISTINCT FROM OLD.url_path OR NEW.depth IS DISTINCT FROM OLD.depth) "
        f"EXECUTE FUNCTION {FUNCTION}()",
        "DROP TRIGGER IF EXISTS wagtailcore_page_truncate_routing_token ON wagtailcore_page",
        "CREATE TRIGGER wagtailcore_page_truncate_routing_token AFTER TRUNCATE "
        f"ON wagtailcore_page FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()",
    ]
    return sql


def install(using: str = "default") -> None:
    """Create the token table and its triggers (PostgreSQL only; run after every migrate)."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for statement in statements():
            cursor.execute(statement)


def current_token(using: str = "default") -> str | None:
    """The routing token, or None where there is none (SQLite, or not migrated yet)."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return None
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT token FROM delivery_routing_token WHERE id = 1")
            row = cursor.fetchone()
    except DatabaseError:
        if connection.in_atomic_block:
            raise  # the transaction is broken now; don't hide that
        return None
    return str(row[0]) if row else None


@dataclass(frozen=True)
class _Section:
    """What ``descendant_of_q`` reads of a private page."""

    path: str
    depth: int


class _Memo:
    """This process's answers under one token. Replaced whole, never edited across tokens, so
    a thread that still holds the old one reads a consistent set."""

    def __init__(self, token: str | None) -> None:
        self.token = token
        self.sites: dict[tuple[str, int], tuple[tuple, tuple] | None] = {}
        self.private: tuple[_Section, ...] | None = None
        self.querysets: dict[Hashable, QuerySet] = {}


_memo = _Memo(None)


def _memo_for(token: str | None) -> _Memo:
    global _memo
    memo = _memo
    if token is None:
        return _Memo(None)  # nothing to key by: a throwaway memo, so a lookup per request
    if memo.token != token or max(len(memo.sites), len(memo.querysets)) > _MAX_ENTRIES:
        memo = _memo = _Memo(token)
    return memo


def site_for_request(request, token: str | None) -> Site | None:
    """The Wagtail site for the request's host and port (Wagtail's own matching), as fresh
    instances: the site and its root page with the fields routing reads (the rest of the root
    page loads on access). ``token`` is :func:`current_token`, read before this call."""
    from django.http.request import split_domain_port

    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()
    memo = _memo_for(token)
    key = (hostname, port)
    if key not in memo.sites:
        try:
            site = get_site_for_hostname(hostname, port)
        except Site.DoesNotExist:
            memo.sites[key] = None
        else:
            root = site.root_page
            memo.sites[key] = (
                tuple(getattr(site, name) for name in _SITE_FIELDS),
                tuple(getattr(root, name) for name in _ROOT_FIELDS),
            )
    found = memo.sites[key]
    if found is None:
        return None
    site_values, root_values = found
    using = "default"
    site = Site.from_db(using, list(_SITE_FIELDS), list(site_values))
    site.root_page = Page.from_db(using, list(_ROOT_FIELDS), list(root_values))
    return site


def private_q(token: str | None) -> Q:
    """Pages in a private section, or below one (Wagtail's ``descendant_of_q``)."""
    memo = _memo_for(token)
    sections = memo.private
    if sections is None:
        sections = memo.private = tuple(
            _Section(path, depth)
            for path, depth in PageViewRestriction.objects.values_list("page__path", "page__depth")
        )
    q = Q()
    for section in sections:
        q |= Page.objects.descendant_of_q(section, inclusive=True)
    return q if q else Q(pk__in=[])


def queryset(token: str | None, key: Hashable, build: Callable[[], QuerySet]) -> QuerySet:
    """``build()``, built once per token in this process and then copied.

    Resolving a queryset's filters (the site, the private sections, the signed check) costs
    about a millisecond each time, for the same result while the token holds. ``key`` must name
    everything else ``build`` depends on. The queryset kept is never evaluated: each caller gets
    ``.all()`` of it, a new queryset with its own copy of the query and no results shared.
    """
    memo = _memo_for(token)
    kept = memo.querysets.get(key)
    if kept is None:
        kept = memo.querysets[key] = build()
    return kept.all()
