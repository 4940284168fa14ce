"""A front-end cache backend that says when a purge failed, so the outbox can retry it.

Wagtail's ``HTTPBackend`` (Varnish, nginx, Squid) logs a failed PURGE and carries on; a purge
lost that way leaves withdrawn content in the cache until it expires.
"""

from __future__ import annotations

from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

from wagtail import __version__
from wagtail.contrib.frontend_cache.backends.http import HTTPBackend as WagtailHTTPBackend
from wagtail.contrib.frontend_cache.backends.http import PurgeRequest


class PurgeFailed(Exception):
    pass


class HTTPBackend(WagtailHTTPBackend):
    timeout = 10

    def purge(self, url: str) -> None:
        parsed = urlsplit(url)
        host = parsed.hostname + (f":{parsed.port}" if parsed.port else "")
        request = PurgeRequest(
            url=urlunsplit(
                [self.cache_scheme, self.cache_netloc, parsed.path, parsed.query, parsed.fragment]
            ),
            headers={"Host": host, "User-Agent": "Wagtail-frontendcache/" + __version__},
        )
        try:
            # The scheme is the configured LOCATION's, not the purged URL's.
            with urlopen(request, timeout=self.timeout):  # noqa: S310
                pass
        except HTTPError as error:
            if error.code != 404:  # nothing cached under that URL: nothing to purge
                raise PurgeFailed(f"PURGE {url}: HTTP {error.code}") from error
        except (URLError, OSError) as error:
            raise PurgeFailed(f"PURGE {url}: {getattr(error, 'reason', error)}") from error

    def purge_batch(self, urls: list[str]) -> None:
        """Every URL is tried, whichever fail: one bad URL must not keep the rest cached."""
        failures = []
        for url in urls:
            try:
                self.purge(url)
            except PurgeFailed as failure:
                failures.append(str(failure))
            except Exception as error:  # a URL urllib cannot send (not ASCII, say), …
                failures.append(f"PURGE {url}: {type(error).__name__}: {error}")
        if failures:
            raise PurgeFailed("; ".join(failures))
