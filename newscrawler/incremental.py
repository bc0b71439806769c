"""Which article URLs a crawl can skip: those already in the archive and not yet due again.

The archive, not memory, is the record of what was crawled, so a scheduled
re-crawl (or a crawl restarted after a crash) fetches list pages and feeds again
but only the articles it does not have. Part of the composition root: it joins
the spiders to the storage layer.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from newscrawler.common.urls import canonical_url
from pipelines.storage import archived_url_set


def archived_urls(db_url: str, recrawl_after: timedelta | None = None) -> set[str]:
    """Canonical URLs to skip; empty for an archive that does not exist yet."""
    fresh_since = datetime.now(UTC) - recrawl_after if recrawl_after is not None else None
    return archived_url_set(db_url, fresh_since)


def url_key(url: str) -> str:
    """The form URLs are compared in (the archive's canonical spelling)."""
    return canonical_url(url)
