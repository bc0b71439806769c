"""Re-extract archived pages with the current extractor (``newscrawler reextract``).

Reads each article's raw response back from the WARC archive, runs ``extract``
on it exactly as a crawl would (same bytes, headers, URL and fetch time) and
saves the result through the archive's upsert: an article whose output changed
gets a new version (its previous content kept in ``article_version``), one whose
output is the same only records the new extractor version. No page is re-fetched.
This module and the CLI are the composition root: the only code that joins the
extractor to the storage layer.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from newscrawler.extract import extract
from newscrawler.items import ArticleItem
from pipelines.db import repository
from pipelines.db.engine import make_engine, session_factory
from pipelines.db.migrate import upgrade
from pipelines.warc import read_record


def reextract(db_url: str, warc_root: str | Path, *, site: str | None = None, since: datetime | None = None,
              batch_size: int = 100, progress: Callable[[int, int], None] | None = None) -> Counter[str]:
    """Re-extract the matching archived articles; return outcome counts
    (``updated``, ``unchanged``, ``missing_raw``, ``not_article_now``)."""
    upgrade(db_url)
    engine = make_engine(db_url)
    sessions = session_factory(engine)
    counts: Counter[str] = Counter()
    try:
        with sessions() as session:
            todo = repository.articles_to_reextract(session, site, since)
        for start in range(0, len(todo), batch_size):
            with sessions.begin() as session:
                for _, canonical, location in todo[start : start + batch_size]:
                    counts[_one(session, canonical, location, warc_root)] += 1
            if progress is not None:
                progress(min(start + batch_size, len(todo)), len(todo))
    finally:
        engine.dispose()
    return counts


def _one(session: Session, canonical: str, location: str, warc_root: str | Path) -> str:
    try:
        fetch = read_record(warc_root, location)
    except (OSError, ValueError, KeyError):
        return "missing_raw"
    article = extract(fetch.body, fetch.final_url, fetch.fetched_at, fetch.headers)
    if not article.is_article:
        return "not_article_now"
    article.canonical_url = canonical
    # the page's own fetch time, so last_seen stays what the crawls saw
    result = repository.save_article(session, ArticleItem(article=article, warc=location), fetch.fetched_at)
    return result.outcome
