"""Archived articles as plain rows for export, read in bounded pages (flat memory for any archive size).

``count_rows`` takes the size of the export first (for a progress bar) and the
highest matching id, so rows archived while the export runs are not chased.
``row_pages`` then reads keyset pages: ``WHERE id > last ORDER BY id LIMIT n``,
each page in its own short read transaction on a pooled connection (no open
server-side cursor for the whole run, no SQLite WAL snapshot pinned while a
crawl writes), plus one query each for the page's disclaimers and quotes,
bounded to the page's id range and the same filter.

A row is a dict with the keys of ``COLUMNS`` in that order: Python values
(timezone-aware UTC datetimes, lists of strings, ``disclaimers`` as
``{"kind", "text"}`` and ``quotes`` as dicts with the keys of
``QUOTE_FIELDS``). Formatting them is the caller's job.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, func, select

from pipelines.db.filters import ArticleFilter
from pipelines.db.models import Article, Disclaimer, Quote, Site

COLUMNS = ("id", "canonical_url", "url", "site", "title", "publish_date", "source", "author", "editor", "channel",
           "breadcrumb", "tags", "language", "body", "first_seen", "last_seen", "version", "duplicate_of_id",
           "syndication_group", "similarity", "disclaimers", "quotes")

QUOTE_FIELDS = ("speaker", "speaker_mention", "speaker_type", "speaker_title", "speaker_affiliation", "cue",
                "quote_type", "text", "relayed_by", "addressee", "addressee_outlet", "parent", "block_index",
                "start", "end")
"""The fields of an exported quote: the stored quote record (``newscrawler.extract.quotes.Quote.to_json``),
with ``quote_text`` named ``text``; fields an older record lacks are None (``speaker_title`` empty)."""

_ARTICLE_COLUMNS = (Article.id, Article.canonical_url, Article.url, Site.name.label("site"), Article.title,
                    Article.publish_date, Article.source, Article.author, Article.editor, Article.channel,
                    Article.breadcrumb, Article.tags, Article.language, Article.body, Article.first_seen,
                    Article.last_seen, Article.version, Article.duplicate_of_id, Article.syndication_group,
                    Article.similarity)


@dataclass(frozen=True, slots=True)
class RowCount:
    """How many articles an export will write, and the highest id among them (None when there are none)."""

    total: int
    last_id: int | None


def count_rows(engine: Engine, where: ArticleFilter | None = None, *, limit: int | None = None) -> RowCount:
    """The number of matching articles (at most ``limit``) and the id the export stops at."""
    where = where or ArticleFilter()
    size: tuple[Any, ...] = (func.count(Article.id), func.max(Article.id))
    with engine.connect() as connection:
        total, last_id = connection.execute(where.apply(select(*size))).one()
        if limit is not None and total > limit:
            ids = where.apply(select(Article.id)).order_by(Article.id).limit(limit).subquery()
            last_id = connection.execute(select(func.max(ids.c.id))).scalar_one()
            total = limit
    return RowCount(int(total), last_id)


def row_pages(engine: Engine, where: ArticleFilter | None = None, *, upto: int | None, batch: int = 1000,
              ) -> Iterator[list[dict[str, Any]]]:
    """Pages of at most ``batch`` rows of the matching articles with id ≤ ``upto``, in id order."""
    if batch < 1:
        raise ValueError(f"batch must be at least 1, not {batch}")
    if upto is None:
        return
    where = where or ArticleFilter()
    after = 0
    while True:
        with engine.connect() as connection:
            page = connection.execute(
                where.apply(select(*_ARTICLE_COLUMNS).outerjoin(Site, Site.id == Article.site_id))
                .where(Article.id > after, Article.id <= upto).order_by(Article.id).limit(batch)
            ).all()
            if not page:
                return
            last = page[-1].id
            in_page = where.apply(select(Article.id)).where(Article.id > after, Article.id <= last)
            disclaimers = _children(connection.execute(
                select(Disclaimer.article_id, Disclaimer.kind, Disclaimer.text)
                .where(Disclaimer.article_id.in_(in_page)).order_by(Disclaimer.article_id, Disclaimer.position)
            ), lambda row: {"kind": row.kind, "text": row.text})
            quotes = _children(connection.execute(
                select(Quote.article_id, Quote.speaker, Quote.speaker_type, Quote.cue, Quote.quote_type, Quote.text,
                       Quote.record)
                .where(Quote.article_id.in_(in_page)).order_by(Quote.article_id, Quote.position)
            ), _quote)
        yield [{**row._asdict(), "author": row.author or [], "editor": row.editor or [],
                "breadcrumb": row.breadcrumb or [], "tags": row.tags or [],
                "disclaimers": disclaimers.get(row.id, []), "quotes": quotes.get(row.id, [])} for row in page]
        if last >= upto or len(page) < batch:
            return
        after = last


def _children(rows: Any, shape: Any) -> dict[int, list[dict[str, Any]]]:
    grouped: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        grouped[row.article_id].append(shape(row))
    return grouped


def _quote(row: Any) -> dict[str, Any]:
    record: dict[str, Any] = row.record or {}
    quote = {name: record.get(name) for name in QUOTE_FIELDS}
    quote.update(speaker=row.speaker, speaker_type=row.speaker_type, cue=row.cue, quote_type=row.quote_type,
                 text=row.text, speaker_title=list(record.get("speaker_title") or []))
    return quote

