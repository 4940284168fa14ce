"""Reading documents: fail closed, one query a read.

A document is served only when, in the query that reads it: the site is the one the request's
host names, in the language asked for; its sign-off exists with its digest; its page row is
live, not expired, records that same content digest, and no view restriction covers it or an
ancestor. Its parts are then
checked against their seals (``delivery.seals``): a body the renderer did not write is not
served.

The reads are plain SQL (the same text on PostgreSQL and SQLite), written once here: building
and compiling the equivalent ORM query cost more than the database took to answer it, and a
read must cost little more than a primary-key SELECT.

Review status, each kiosk item's expiry and the kiosk's "withdraw overdue" rule are applied
here, from the stored dates, so they are right on every day without a re-render.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import AnyStr

from django.conf import settings
from django.db import connection
from django.http.request import split_domain_port
from django.utils import timezone
from django.utils.translation import get_language
from wagtail.models import Locale, Page, PageViewRestriction, Site

from review.currency import status_for
from review.models import ClinicalSignoff

from . import seals
from .models import Document, DocumentKey, DocumentLink, SiteDocuments

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SiteRef:
    """The site a request's host names, as Wagtail chooses it: hostname and port, then the
    hostname of the default site, then the hostname on any port, then the default site (where
    several sites share a hostname on other ports, Wagtail picks the default site and this the
    first of them). Or a site known by its id."""

    host: str = ""
    port: int = 0
    site_id: int | None = None
    language: str = ""
    """The content language read (a language code); the default language when empty."""

    def locale_sql(self) -> tuple[str, list]:
        table = Locale._meta.db_table
        return (
            f"(SELECT id FROM {table} WHERE language_code = %s)",
            [self.language or settings.LANGUAGE_CODE],
        )

    def sql(self) -> tuple[str, list]:
        if self.site_id is not None:
            return "%s", [self.site_id]
        table = Site._meta.db_table
        return (
            f"(SELECT id FROM {table} WHERE hostname = %s OR is_default_site "
            "ORDER BY CASE WHEN hostname = %s AND port = %s THEN 0 "
            "WHEN hostname = %s AND is_default_site THEN 1 WHEN hostname = %s THEN 2 "
            "ELSE 3 END, id LIMIT 1)",
            [self.host, self.host, self.port, self.host, self.host],
        )


def site_for_request(request, language: str = "") -> SiteRef:
    host, _ = split_domain_port(request.get_host())
    return SiteRef(host=host, port=int(request.get_port()), language=language)


@cache
def _tables() -> dict[str, str]:
    from api.representations import REPRESENTATIONS

    return {
        "document": Document._meta.db_table,
        "link": DocumentLink._meta.db_table,
        "key": DocumentKey._meta.db_table,
        "page": Page._meta.db_table,
        "signoff": ClinicalSignoff._meta.db_table,
        "restriction": PageViewRestriction._meta.db_table,
        "state": SiteDocuments._meta.db_table,
        "site": Site._meta.db_table,
        **{
            f"kind:{representation.type}": model._meta.db_table
            for model, representation in REPRESENTATIONS.items()
        },
    }


def table(name: str) -> str:
    """The table of a document read's part: "document", "link", "key", "page", …"""
    return _tables()[name]


def kinds_all() -> list[str]:
    return [name.removeprefix("kind:") for name in _tables() if name.startswith("kind:")]


# The columns every read returns; a read adds the parts it serves.
_COLUMNS = (
    "id", "site_id", "page_id", "kind", "slug", "title", "path", "last_published_at", "digest",
    "last_reviewed", "next_review_due", "review", "translation_status", "etag",
)  # fmt: skip


def read(
    site: SiteRef,
    *,
    kinds: Iterable[str] | None = None,
    parts: Sequence[str] = (),
    where: str = "",
    params: Sequence = (),
    order: str = "d.title, d.id",
    limit: int | None = None,
    offset: int = 0,
    count: bool = False,
    with_site: bool = False,
) -> list[Served]:
    """The servable documents of ``site``: of ``kinds`` (all by default), with their ``parts``,
    matching ``where`` (SQL on ``d``, the document table, with ``params``), in ``order``. With
    ``count``, each carries ``total``: how many match in all. Each carries ``site_changed_at``,
    and with ``with_site`` the site's ``site_hostname``, ``site_port`` and ``site_name``."""
    kinds = tuple(kinds) if kinds is not None else tuple(kinds_all())
    site_sql, site_params = site.sql()
    locale_sql, locale_params = site.locale_sql()
    sql, names = _statement(
        site_sql,
        locale_sql,
        kinds,
        tuple(parts),
        where,
        order,
        limit is not None,
        limit == 1,
        count,
        with_site,
    )
    now = timezone.now()
    values = []
    for kind in kinds:  # each branch: the site's last change, then its WHERE clause
        values += [*site_params, *site_params, *locale_params, kind, now, *params]
    if limit is not None:
        values += [limit, offset]
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        return [Served(dict(zip(names, row, strict=True))) for row in cursor.fetchall()]


@lru_cache(maxsize=256)
def _statement(
    site_sql: str,
    locale_sql: str,
    kinds: tuple[str, ...],
    parts: tuple[str, ...],
    where: str,
    order: str,
    limited: bool,
    one: bool,
    count: bool,
    with_site: bool,
) -> tuple[str, list[str]]:
    """The SQL of a read and the names of its columns: the same few shapes serve every request,
    so each is written once."""
    tables = _tables()
    # The page's own expiry too: a kiosk that goes offline must drop the page at that moment.
    columns = [*(f"d.{name}" for name in _COLUMNS), "p.expire_at"]
    # A subquery, not a join, and not of ``d``: one relation fewer for the planner to order
    # (planning cost more than running the read), a plan it is content to reuse for a prepared
    # statement, and run once, not once a row.
    columns.append(
        f"(SELECT st.changed_at FROM {tables['state']} st "
        f"WHERE st.site_id = {site_sql}) AS site_changed_at"
    )
    names = [*_COLUMNS, "expire_at", "site_changed_at"]
    part_columns = [name for part in parts for name in (part, f"seal_{part}")]
    # The large columns are joined on once the rows are chosen and ordered (sorting rows that
    # carry them cost more than everything else together), unless one row is read.
    deferred = bool(parts) and not one
    # The site's columns likewise: joined on to the chosen rows, not in every branch (a join
    # more in each branch made a list read six times slower to plan and run).
    site_columns = ["si.hostname AS site_hostname", "si.port AS site_port", "si.site_name"]
    site_join = f"JOIN {tables['site']} si ON si.id = d.site_id"
    joins = ""
    if with_site and not deferred:
        columns += site_columns
        names += ["site_hostname", "site_port", "site_name"]
        joins = site_join
    if not deferred:
        columns += [f"d.{name}" for name in part_columns]
        names += part_columns
    # One branch a kind, each joining its own table of recorded digests (a join the planner
    # estimates well, where one condition over every kind's table misled it).
    branches = [
        f"SELECT {', '.join(columns)} FROM {tables['document']} d "
        f"JOIN {tables['kind:' + kind]} c ON c.page_ptr_id = d.page_id "
        "AND c.content_digest = d.digest "
        f"JOIN {tables['page']} p ON p.id = d.page_id "
        f"JOIN {tables['signoff']} so ON so.id = d.signoff_id AND so.digest = d.digest "
        f"{joins} "
        f"WHERE d.site_id = {site_sql} AND d.locale_id = {locale_sql} AND d.kind = %s "
        "AND p.live AND (p.expire_at IS NULL OR p.expire_at > %s) "
        f"AND NOT EXISTS (SELECT 1 FROM {tables['restriction']} r "
        f"JOIN {tables['page']} rp ON rp.id = r.page_id WHERE p.path LIKE rp.path || '%%') "
        f"{'AND (' + where + ')' if where else ''}"
        for kind in kinds
    ]
    total = ", COUNT(*) OVER () AS total" if count else ""
    names += ["total"] if count else []
    sql = f"SELECT d.*{total} FROM ({' UNION ALL '.join(branches)}) d ORDER BY {order}"
    if limited:
        sql += " LIMIT %s OFFSET %s"
    if deferred:
        selected = [f"b.{name}" for name in part_columns]
        names += part_columns
        if with_site:
            selected += site_columns
            names += ["site_hostname", "site_port", "site_name"]
        sql = (
            f"SELECT d.*, {', '.join(selected)} FROM ({sql}) d "
            f"JOIN {tables['document']} b ON b.id = d.id {site_join if with_site else ''} "
            f"ORDER BY {order}"
        )
    return sql, names


class Served:
    """A document as a read returns it: its columns, and what the read added (``total``,
    ``site_changed_at``, the site's columns), as attributes."""

    def __init__(self, values: dict) -> None:
        for name in ("last_reviewed", "next_review_due"):
            if isinstance(values[name], str):
                values[name] = datetime.date.fromisoformat(values[name])
        self.__dict__.update(values)

    @property
    def pk(self) -> int:
        return self.id

    def encoded(self, part: str) -> bytes:
        """The part as UTF-8, encoded once: the seal reads it, then the response sends it."""
        key = f"_encoded_{part}"
        body = self.__dict__.get(key)
        if body is None:
            body = self.__dict__[key] = getattr(self, part).encode()
        return body


def site_root_url(documents: Sequence[Served]) -> str:
    """The root URL of the site the documents were read from (read with ``with_site``), as
    Wagtail writes it; empty without documents (a page with no items links nowhere)."""
    if not documents:
        return ""
    first = documents[0]
    return Site(hostname=first.site_hostname, port=first.site_port).root_url


def as_datetime(value) -> datetime.datetime:
    if isinstance(value, str):
        value = datetime.datetime.fromisoformat(value)
    if value is None:
        return datetime.datetime.fromtimestamp(0, tz=datetime.UTC)
    return timezone.make_aware(value, datetime.UTC) if timezone.is_naive(value) else value


def read_one(site: SiteRef, part: str, **kwargs) -> Served | None:
    """The one servable document ``read`` finds, if its ``part`` is intact."""
    found = intact(read(site, parts=[part], limit=1, **kwargs), part, keep_encoded=True)
    return found[0] if found else None


def page_document(request, page: Page) -> Served | None:
    """The servable document of the web page ``page`` in the request's site and in the language
    its URL names (``cms.content_language``), with its JSON-LD intact; read once a request (the
    page is served only with it, and shows its JSON-LD and review line from it)."""
    documents = request.__dict__.setdefault("_public_documents", {})
    if page.pk not in documents:
        site = site_for_request(request, get_language())
        documents[page.pk] = read_one(site, "jsonld", where="d.page_id = %s", params=[page.pk])
    return documents[page.pk]


def intact(documents: Iterable[Served], part: str, *, keep_encoded: bool = False) -> list[Served]:
    """The documents whose ``part`` is what the renderer wrote; the others are logged and left
    out, as if they did not exist. With ``keep_encoded``, each keeps the bytes its seal was
    checked on (``Served.encoded``), for an answer that sends them as they are."""
    verifier = seals.Verifier()
    kept = []
    for document in documents:
        if verifier.intact(document, part, document.encoded(part) if keep_encoded else None):
            kept.append(document)
        else:
            logger.error(
                "Document %s (%s %s) fails its %s seal: not served.",
                document.pk,
                document.kind,
                document.path,
                part,
            )
    return kept


# Bodies ------------------------------------------------------------------------------------


def status(document: Served, today: datetime.date) -> str:
    """The document's review status on ``today`` (kept on it: an answer asks up to three times)."""
    kept = document.__dict__.get("_status")
    if kept is None or kept[0] != today:
        kept = document._status = (today, status_for(document.next_review_due, today).value)
    return kept[1]


def review_json(document: Served, today: datetime.date) -> str:
    """The detail's ``review``: the stored review with today's status first."""
    return f'{{"status":"{status(document, today)}",{document.review[1:]}'


def review_summary_json(document: Served, today: datetime.date) -> str:
    translation = f'"{document.translation_status}"' if document.translation_status else "null"
    return (
        f'{{"status":"{status(document, today)}",'
        f'"last_reviewed":"{document.last_reviewed.isoformat()}",'
        f'"next_review_due":"{document.next_review_due.isoformat()}",'
        f'"translation_status":{translation}}}'
    )


def with_members(body: AnyStr, **members: str) -> AnyStr:
    """A stored JSON object (text, or its UTF-8 bytes) with members (already JSON) added at its
    end."""
    extra = ",".join(f'"{name}":{value}' for name, value in members.items())
    if isinstance(body, bytes):
        return body[:-1] + (b"," if body != b"{}" else b"") + extra.encode() + b"}"
    return body[:-1] + ("," if body != "{}" else "") + extra + "}"


def detail_body(document: Served, today: datetime.date) -> bytes:
    """The detail as sent: the bytes its seal was checked on (not encoded again), with today's
    review added."""
    body = document.encoded("detail")
    if not document.review:  # a page whose representation has no review (the site's own)
        return body
    return with_members(body, review=review_json(document, today))


def item_body(document: Served, today: datetime.date) -> str:
    return with_members(document.item, review=review_summary_json(document, today))


def etag(documents: Iterable[Served], today: datetime.date, *extra: object) -> str:
    """A strong validator of an answer made of ``documents``: their own ETags, today's review
    statuses and whatever else the answer depends on (the query, the count)."""
    digest = hashlib.sha256()
    for value in extra:
        digest.update(f"{value}\n".encode())
    for document in documents:
        digest.update(f"{document.etag}:{status(document, today)}\n".encode())
    return f'"{digest.hexdigest()}"'


def site_object(site: SiteRef) -> Site | None:
    """The site a ``SiteRef`` names (one query)."""
    site_sql, params = site.sql()
    found = Site.objects.raw(f"SELECT * FROM {table('site')} WHERE id = {site_sql}", params)
    return next(iter(found), None)


def site_changed_at(site: SiteRef) -> datetime.datetime | None:
    """When the site's documents last changed (the epoch if they never did); None when no site
    answers. One query."""
    tables = _tables()
    site_sql, params = site.sql()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT si.id, st.changed_at FROM {tables['site']} si "  # noqa: S608
            f"LEFT JOIN {tables['state']} st ON st.site_id = si.id WHERE si.id = {site_sql}",
            params,
        )
        row = cursor.fetchone()
    return None if row is None else as_datetime(row[1])
