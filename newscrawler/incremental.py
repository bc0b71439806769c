"""Which article URLs a crawl can skip: those already in the archive and not yet due again.

The archive, not memory, is the record of what was crawled, so a scheduled
re-crawl (or a crawl restarted after a crash) fetches list pages and feeds again
but only the articles it does not have. Part of the composition root: it joins
the spiders to the storage layer.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.exc import OperationalError

from pipelines.db import repository
from pipelines.db.engine import make_engine, session_factory
from pipelines.normalise import canonical_url


def archived_urls(db_url: str, recrawl_after: timedelta | None = None) -> set[str]:
    """Canonical URLs to skip; empty for an archive that does not exist yet."""
    engine = make_engine(db_url)
    try:
        with session_factory(engine)() as session:
            fresh_since = datetime.now(UTC) - recrawl_after if recrawl_after is not None else None
            return repository.archived_urls(session, fresh_since)
    except OperationalError as exc:
        if "no such table" in str(exc) or "does not exist" in str(exc):
            return set()  # a new archive: nothing crawled yet
        raise
    finally:
        engine.dispose()


def url_key(url: str) -> str:
    """The form URLs are compared in (the archive's canonical spelling)."""
    return canonical_url(url)
