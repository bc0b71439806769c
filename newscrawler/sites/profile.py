"""The site profile: what the portal spider needs to know about one publisher.

A profile is data, not code: it is read from a TOML file (see ``loader.py``) and never imports a
crawler. Patterns are regular expressions *searched* (``re.search``) in the full URL, so
``/news/\\d+\\.html$`` matches ``https://example.cn/news/1.html`` and an anchored ``^https://`` pattern
still works.

Start URLs, feeds and sitemaps are either absolute (``https://…``) or begin with ``/``: those are
relative to the base URL the crawl is given at run time (``--base-url``, e.g. the demo portal on a
free port) and are joined to it by :meth:`SiteProfile.resolved`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Literal
from urllib.parse import urlsplit

__all__ = ["ProfileError", "SiteProfile", "UrlClass", "host_of"]

UrlClass = Literal["article", "list", "excluded"]


class ProfileError(ValueError):
    """A site profile is invalid or cannot be read; the message is one line naming the file and key."""


def host_of(url: str) -> str:
    """The lower-cased host of ``url`` without port or trailing dot ('' when there is none)."""
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return ""
    return (host or "").rstrip(".").lower()


def _domain_matches(host: str, domain: str) -> bool:
    return host == domain or host.endswith("." + domain)


@dataclass(frozen=True)
class SiteProfile:
    """One publisher's crawl rules (all sequences are tuples, patterns are compiled).

    ``interval`` is the re-crawl interval in seconds (the profile file writes it as ``"2h"``);
    ``delay`` is seconds between requests to the site; ``selectors`` maps ``title``/``body``/``date``
    to a CSS selector or an XPath expression (one starting with ``/``, ``./`` or ``(``) that overrides
    the generic extractor on this site; ``encoding`` overrides every charset declaration.
    """

    name: str
    domains: tuple[str, ...]
    title: str = ""
    start_urls: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    article_patterns: tuple[re.Pattern[str], ...] = ()
    list_patterns: tuple[re.Pattern[str], ...] = ()
    exclude_patterns: tuple[re.Pattern[str], ...] = ()
    depth: int = 2
    delay: float = 1.0
    concurrency: int = 2
    interval: float = 3600.0
    selectors: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}), hash=False)
    encoding: str | None = None
    watch_intervals: tuple[float, ...] = ()
    """The watch's re-visit ages in seconds (the ``[watch]`` table's ``intervals``; empty: the setting's)."""
    watch_max_articles: int | None = None
    """Most watched articles of this site (``[watch] max_articles``; None: the setting's)."""
    source: Path | None = field(default=None, compare=False)
    """The file the profile was read from (None for a profile built in code)."""

    def is_on_site(self, url: str) -> bool:
        """True when the URL's host is one of ``domains`` or a subdomain of one."""
        host = host_of(url)
        return bool(host) and any(_domain_matches(host, d) for d in self.domains)

    def matching_domain(self, url: str) -> str | None:
        """The longest of ``domains`` that the URL's host falls under, or None."""
        host = host_of(url)
        found = [d for d in self.domains if host and _domain_matches(host, d)]
        return max(found, key=len) if found else None

    def classify(self, url: str) -> UrlClass | None:
        """What the site's own patterns say about ``url``: exclusions first, then article, then list.

        None means the profile has no opinion and the generic classifier decides.
        """
        if any(p.search(url) for p in self.exclude_patterns):
            return "excluded"
        if any(p.search(url) for p in self.article_patterns):
            return "article"
        if any(p.search(url) for p in self.list_patterns):
            return "list"
        return None

    @property
    def needs_base_url(self) -> bool:
        """True when a start URL, feed or sitemap is a path to be joined to a run-time base URL."""
        return any(u.startswith("/") for u in (*self.start_urls, *self.feeds, *self.sitemaps))

    def resolved(self, base_url: str | None) -> SiteProfile:
        """A copy whose start URLs, feeds and sitemaps are absolute.

        Entries beginning with ``/`` are appended to ``base_url`` (``--base-url``) with its query
        dropped, so a base with a path keeps it: ``http://127.0.0.1:8080/demo`` + ``/rss.xml`` is
        ``http://127.0.0.1:8080/demo/rss.xml``. Absolute entries are kept as they are.
        Raises :class:`ProfileError` when such an entry exists and no base URL is given.
        """
        if not self.needs_base_url:
            return self
        if not base_url:
            where = f"{self.source}: " if self.source else ""
            raise ProfileError(f"{where}site '{self.name}' has start URLs relative to a base URL: give --base-url")
        base = urlsplit(base_url)
        if base.scheme not in ("http", "https") or not base.netloc:
            raise ProfileError(f"--base-url: expected an absolute http(s) URL, got {base_url!r}")
        root = f"{base.scheme}://{base.netloc}{base.path.rstrip('/')}"

        def join(urls: tuple[str, ...]) -> tuple[str, ...]:
            return tuple(root + u if u.startswith("/") else u for u in urls)

        return replace(self, start_urls=join(self.start_urls), feeds=join(self.feeds), sitemaps=join(self.sitemaps))
