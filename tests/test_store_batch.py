"""Saving a whole batch (``pipelines.db.batch.save_articles``) stores exactly what saving its items one by
one (``repository.save_article``) stores, on SQLite and PostgreSQL, and survives a concurrent writer."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import create_engine, insert, select
from sqlalchemy.orm import Session

from newscrawler.items import ArticleItem
from pipelines.db import batch, models
from pipelines.db.engine import make_engine, session_factory
from pipelines.db.migrate import upgrade
from pipelines.db.repository import SaveResult, save_article

from .conftest import _postgres_database
from .fixtures.articles import ARTICLES
from .fixtures.templates import netease, sina
from .test_store import T0, item_for


def _trimmed(slug: str) -> Any:  # type: ignore[no-untyped-def]
    """A body edit that drops the story's last paragraph (a near copy)."""
    story = next(a for a in ARTICLES if a.slug == slug)
    last = [text for kind, text in story.paragraphs if kind == "p"][-1]
    return lambda raw: raw.replace(last.encode(), b"")


def _archived_first() -> list[ArticleItem]:
    return [item_for("local", netease, url="https://a.example/local.html"),
            item_for("finance", netease, url="https://a.example/finance.html")]


def _batch() -> list[ArticleItem]:
    """New originals, copies of archived and of earlier batch articles, an update and a repeated URL."""
    later = T0 + timedelta(days=1)
    return [
        item_for("local", sina, url="https://b.example/local.html"),  # exact copy of an archived article
        item_for("local", sina, url="https://c.example/local.html", body_edit=_trimmed("local")),  # near copy
        item_for("tech", netease, url="https://a.example/tech.html"),  # new original
        item_for("finance", sina, url="https://a.example/finance.html", fetched_at=later,
                 body_edit=_trimmed("finance")),  # archived URL, changed: an update with a version
        item_for("tech", sina, url="https://b.example/tech.html"),  # exact copy of the batch's tech
        item_for("tech", sina, url="https://c.example/tech.html", body_edit=_trimmed("tech")),  # near copy of it
        item_for("sports", netease, url="https://a.example/sports.html"),
        item_for("sports", netease, url="https://a.example/sports.html", fetched_at=later),  # repeated URL
        item_for("weather", sina, url="https://a.example/weather.html"),
    ]


def _dump(s: Session) -> dict[str, Any]:
    """Every stored row that saving writes, child rows without their own ids (their order of insertion differs)."""
    def rows(model: Any, drop: tuple[str, ...] = ()) -> list[tuple[Any, ...]]:
        table = models.table_of(model)
        columns = [c for c in table.c if c.name not in drop]
        return sorted((tuple(r) for r in s.execute(select(*columns))), key=repr)

    return {
        "article": rows(models.Article),
        "article_version": rows(models.ArticleVersion, ("id",)),
        "lsh_band": rows(models.LshBand),
        "article_search": rows(models.SearchDocument),
        "disclaimer": rows(models.Disclaimer, ("id",)),
        "image": rows(models.Image, ("id",)),
        "quote": rows(models.Quote, ("id",)),
        "site": rows(models.Site),
    }


def _save_both(db_url: str, tmp_path: Any) -> tuple[list[SaveResult], list[SaveResult], dict[str, Any], dict[str, Any]]:
    if db_url.startswith("sqlite"):
        urls = [db_url, f"sqlite:///{tmp_path / 'archive-2.db'}"]
    else:
        urls = [db_url, db_url]
    results = []
    dumps = []
    for way, url in enumerate(urls):
        if way == 1 and url == urls[0]:  # PostgreSQL: start the second way from an emptied archive
            _empty(url)
        upgrade(url)
        engine = make_engine(url)
        maker = session_factory(engine)
        with maker.begin() as s:
            for item in _archived_first():
                save_article(s, item, T0)
        with maker.begin() as s:
            items = _batch()
            results.append(batch.save_articles(s, items, T0) if way == 0 else [save_article(s, i, T0) for i in items])
        with maker() as s:
            dumps.append(_dump(s))
        engine.dispose()
    return results[0], results[1], dumps[0], dumps[1]


def _empty(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.exec_driver_sql("DROP SCHEMA public CASCADE")
        connection.exec_driver_sql("CREATE SCHEMA public")
    engine.dispose()


def test_a_batch_stores_what_saving_one_by_one_stores(db_url: str, tmp_path: Any) -> None:
    in_batch, one_by_one, batch_rows, single_rows = _save_both(db_url, tmp_path)
    assert in_batch == one_by_one
    assert [(r.outcome, r.copy) for r in in_batch] == [
        ("new", "exact_copy"), ("new", "near_copy"), ("new", "original"), ("updated", "original"),
        ("new", "exact_copy"), ("new", "near_copy"), ("new", "original"), ("unchanged", "original"),
        ("new", "original")]
    for table, rows in single_rows.items():
        assert batch_rows[table] == rows, table
    assert len(batch_rows["article"]) == 2 + 7
    assert batch_rows["quote"] and batch_rows["disclaimer"] and batch_rows["lsh_band"]


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL database. (Not SQLite: it serialises writers, so another writer's commit fails
    this transaction, which the store retries, rather than inserting between the check and the insert.)"""
    yield from _postgres_database()


def test_a_concurrent_insert_of_a_batch_url_falls_back_to_one_by_one(postgres_url: str,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    db_url = postgres_url
    upgrade(db_url)
    engine = make_engine(db_url)
    other = make_engine(db_url)
    items = _batch()[:3]
    taken = items[2].article.canonical_url
    real_insert = batch._insert_rows

    def insert_after_another_writer(session: Session, new: list[Any]) -> None:
        # another crawler commits the same URL after this batch checked which URLs are archived
        with other.begin() as connection:
            connection.execute(insert(models.table_of(models.Article)).values(
                canonical_url=taken, url=taken, title="earlier", body="", blocks=[], author=[], editor=[],
                breadcrumb=[], tags=[], extractor_version="x", content_hash="0", signature=[], version=1,
                first_seen=T0, last_seen=T0))
        real_insert(session, new)

    monkeypatch.setattr(batch, "_insert_rows", insert_after_another_writer)
    try:
        with session_factory(engine).begin() as s:
            results = batch.save_articles(s, items, T0)
        assert [r.outcome for r in results] == ["new", "new", "updated"]
        with session_factory(engine)() as s:
            urls = list(s.scalars(select(models.Article.canonical_url)))
            assert sorted(urls) == sorted(i.article.canonical_url for i in items)
            row = s.scalar(select(models.Article).where(models.Article.canonical_url == taken))
            assert row is not None and row.title == items[2].article.title and row.version == 2
    finally:
        engine.dispose()
        other.dispose()


def test_a_store_batch_is_one_transaction(db_url: str, tmp_path: Any) -> None:
    """Articles, search tokens, quotes and fetch rows of a batch commit together or not at all: when the
    batch's fetch rows cannot be written (here a run id the archive does not have), none of its articles
    stay behind (under pysqlite's legacy transactions the batch's savepoint used to commit them alone)."""
    from scrapy.utils.test import get_crawler

    from pipelines.store import StoreArticle

    crawler = get_crawler(settings_dict={"NEWSCRAWLER_DATABASE_URL": db_url, "NEWSCRAWLER_BATCH_SIZE": 2,
                                         "NEWSCRAWLER_SPOOL_DIR": str(tmp_path / "unsaved"),
                                         "NEWSCRAWLER_DB_RETRY_DELAY": 0.01})
    store = StoreArticle._configured(crawler)
    store.open_spider()
    for item in _archived_first():  # the site exists now: the next batch starts with reads only
        item.site = "a"
        store.process_item(item)
    assert store.committed == 2
    store.run_id = 10**9  # the fetch rows' foreign key fails, after the articles were written
    for slug in ("tech", "sports"):
        item = item_for(slug, netease, url=f"https://a.example/{slug}.html")
        item.site = "a"
        store.process_item(item)
    store.close_spider()
    assert store.failed and store.spool_path is not None
    assert len(store.spool_path.read_text(encoding="utf-8").splitlines()) == 2  # kept for a replay
    engine = make_engine(db_url)
    with session_factory(engine)() as s:
        urls = set(s.scalars(select(models.Article.canonical_url)))
        tokens = len(s.scalars(select(models.SearchDocument.article_id)).all())
        quotes = {a for a in s.scalars(select(models.Quote.article_id))}
        articles = set(s.scalars(select(models.Article.id)))
    engine.dispose()
    assert urls == {"https://a.example/local.html", "https://a.example/finance.html"}
    assert tokens == 2 and quotes <= articles
