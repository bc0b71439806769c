"""Importing spooled items (``pipelines.spool``): the SQL of a replay, in one transaction of the caller's.

An item whose fetch (URL and fetch time) is archived already is skipped, so a replay interrupted after
its commit and run again stores nothing twice.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from newscrawler.items import ArticleItem
from pipelines.db import repository
from pipelines.db.batch import save_articles
from pipelines.db.models import CrawlRun, FetchRecord

__all__ = ["import_items"]


def import_items(session: Session, items: list[tuple[ArticleItem, Any]], now: datetime) -> tuple[int, int]:
    """Store the ``(item, crawl run id)`` pairs whose fetch is not in the archive yet, in the caller's
    transaction; return (stored, already there). A run id the archive does not know is dropped."""
    runs: dict[int, bool] = {}

    def run_of(run: Any) -> int | None:
        if not isinstance(run, int):
            return None
        if run not in runs:
            runs[run] = session.scalar(select(CrawlRun.id).where(CrawlRun.id == run)) is not None
        return run if runs[run] else None

    todo: list[tuple[ArticleItem, int | None]] = []
    already = 0
    for item, run in items:
        if item.fetch is not None and session.scalar(select(FetchRecord.id).where(
                FetchRecord.url == item.fetch.url, FetchRecord.fetched_at == item.fetch.fetched_at).limit(1)):
            already += 1
            continue
        todo.append((item, run_of(run)))
    saved = iter(save_articles(session, [item for item, _ in todo if item.article.is_article], now))
    rows = []
    for item, run in todo:
        article_id = next(saved).article_id if item.article.is_article else None
        pages = [item.fetch] if item.fetch is not None else []
        for page in pages + item.more_pages:
            rows.append(repository.fetch_row(
                page, encoding=item.article.encoding, warc=item.warc if page is item.fetch else None,
                is_article=item.article.is_article, article_id=article_id, crawl_run_id=run,
                body_hash=hashlib.sha256(page.body).hexdigest()))
    repository.record_fetches(session, rows)
    return len(todo), already
