"""Pages judged not articles: kept with their text (table ``page``) and searchable on request.

The store stage calls ``save_pages`` with the non-article items of a batch, in the batch's transaction:
one row per URL (the fetched URL after redirects), its newest title, kind, reason and text
(``Article.page_text``), and the page's search tokens in ``page_search`` (the same bigram tokens as
articles; migration 0009 indexes them). A page fetched again replaces its text and keeps
``first_seen``. ``search_pages`` is ``newscrawler search --kind``'s way into them: ranked like articles
(bm25 on SQLite, ``ts_rank_cd`` on PostgreSQL), newest ``last_seen`` first on request.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import (
    Column,
    ColumnElement,
    Integer,
    MetaData,
    Select,
    Table,
    Text,
    func,
    literal_column,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from newscrawler.items import ArticleItem
from pipelines.db.filters import ArticleFilter
from pipelines.db.models import Page, PageSearch, Site
from pipelines.db.repository import site_id
from pipelines.db.search import (
    TITLE_WEIGHT,
    SearchHit,
    fts5_match,
    index_text,
    parse_query,
    pg_tsquery,
    snippet,
)

PAGE_KINDS = ("list", "video", "gallery", "error", "empty", "mis-encoded", "timeout", "invalid")
"""The kinds a non-article page can have (``Article.kind``); a page whose kind is unset counts as ``page``."""

_PG_PAGE_SEARCH = Table("page_search", MetaData(), Column("page_id", Integer, primary_key=True),
                        Column("title", Text), Column("body", Text), Column("document", TSVECTOR))


def save_pages(session: Session, items: Sequence[ArticleItem], now: datetime) -> list[int]:
    """Keep the non-article ``items`` (newest text per URL) with their search tokens; their page ids.

    ``first_seen``/``last_seen`` are fetch times (``now`` for an item without its fetch)."""
    postgres = session.get_bind().dialect.name == "postgresql"
    upsert = pg_insert if postgres else sqlite_insert
    ids = []
    for item in items:
        article = item.article
        url = (item.fetch.final_url if item.fetch is not None else None) or article.url or ""
        seen = item.fetch.fetched_at if item.fetch is not None else now
        values = {"url": url, "site_id": site_id(session, item.site or urlsplit(url).hostname,
                                                 urlsplit(url).hostname),
                  "title": article.title, "kind": article.kind, "reason": article.reason,
                  "text": article.page_text, "encoding": article.encoding, "first_seen": seen, "last_seen": seen}
        statement = upsert(Page).values(values)
        kept = statement.on_conflict_do_update(index_elements=["url"], set_={
            key: statement.excluded[key] for key in ("site_id", "title", "kind", "reason", "text", "encoding",
                                                     "last_seen")}).returning(Page.id)
        page_id = int(session.execute(kept).scalar_one())
        ids.append(page_id)
        tokens = {"page_id": page_id, "title": index_text(article.title), "body": index_text(article.page_text)}
        if postgres:
            search = pg_insert(_PG_PAGE_SEARCH)
            session.execute(search.on_conflict_do_update(index_elements=["page_id"], set_={
                "title": search.excluded.title, "body": search.excluded.body,
                "document": search.excluded.document}), [tokens])
        else:
            lite = sqlite_insert(PageSearch)
            session.execute(lite.on_conflict_do_update(index_elements=["page_id"], set_={
                "title": lite.excluded.title, "body": lite.excluded.body}), [tokens])
    return ids


def search_pages(session: Session, query: str, where: ArticleFilter | None = None, *, kinds: Sequence[str] = (),
                 limit: int = 20, order: str = "relevance",
                 marks: tuple[str, str] = ("【", "】")) -> list[SearchHit]:
    """Kept pages matching ``query`` (of ``kinds``, all when empty), best or newest first, as search hits
    (``kind`` set; ``publish_date`` is when the page was last fetched). The article filter applies by
    site and by date (of the last fetch); a source or channel condition matches no page."""
    where = where or ArticleFilter()
    terms = parse_query(query)
    if where.source or where.channel:
        return []
    statement, score = _matching(session, query, where, kinds,
                                 (Page.id, Page.url, Page.title, Site.name, Page.last_seen, Page.kind, Page.text))
    ordered = (statement.add_columns(score).order_by(Page.last_seen.desc(), Page.id.desc()) if order == "newest"
               else statement.add_columns(score).order_by(score.desc(), Page.id.desc()))
    return [SearchHit(page_id, url, title, site, seen, None, None, None if order == "newest" else float(value),
                      snippet(body or "", terms, marks=marks), kind or "page")
            for page_id, url, title, site, seen, kind, body, value in session.execute(ordered.limit(limit))]


def count_pages(session: Session, query: str, where: ArticleFilter | None = None, *,
                kinds: Sequence[str] = ()) -> int:
    """How many kept pages ``search_pages`` finds without a limit (counted without reading their text)."""
    where = where or ArticleFilter()
    if where.source or where.channel:
        return 0
    statement, _ = _matching(session, query, where, kinds, (Page.id,))
    return int(session.execute(select(func.count()).select_from(statement.subquery())).scalar_one())


def _matching(session: Session, query: str, where: ArticleFilter, kinds: Sequence[str],
              columns: tuple[Any, ...]) -> tuple[Select[Any], ColumnElement[Any]]:
    """``columns`` of the pages matching ``query``, ``kinds`` and ``where`` (site, dates), and their score."""
    if session.get_bind().dialect.name == "postgresql":
        tsquery = func.to_tsquery(literal_column("'simple'"), pg_tsquery(query))
        document: ColumnElement[Any] = literal_column("page_search.document")
        rank: ColumnElement[Any] = func.ts_rank_cd(document, tsquery)
        ids = select(PageSearch.page_id.label("id"), rank.label("score")).where(document.bool_op("@@")(tsquery))
    else:
        rank = literal_column(f"-bm25(page_fts, {TITLE_WEIGHT}, 1.0)")
        ids = (select(literal_column("page_fts.rowid").label("id"), rank.label("score"))
               .select_from(text("page_fts")).where(text("page_fts MATCH :match").bindparams(match=fts5_match(query))))
    matched = ids.subquery("matched")
    statement = (select(*columns).join(matched, matched.c.id == Page.id)
                 .outerjoin(Site, Site.id == Page.site_id))
    if kinds:
        statement = statement.where(Page.kind.in_(list(kinds)))
    if where.site:
        statement = statement.where((Site.name == where.site) | (Site.domain == where.site))
    if where.since is not None:
        statement = statement.where(Page.last_seen >= where.since)
    if where.until is not None:
        statement = statement.where(Page.last_seen < where.until)
    return statement, matched.c.score
