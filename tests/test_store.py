"""The archive on real databases (a SQLite file and a fresh PostgreSQL database): migrations, upserts,
versions, copies, the pipeline stages and their counters, batching and database failure."""

from __future__ import annotations

import dataclasses
import json
import os
import sqlite3
import stat
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from scrapy import signals
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from newscrawler.extract import extract
from newscrawler.items import ArticleItem, Fetch
from pipelines.archive import ArchiveRawPage, make_durable
from pipelines.db import models
from pipelines.db.engine import make_engine, session_factory
from pipelines.db.migrate import check, current_revision, head_revision, upgrade
from pipelines.db.repository import copies_of, save_article
from pipelines.dedupe import FingerprintArticle
from pipelines.normalise import NormaliseArticle, canonical_url
from pipelines.store import StoreArticle
from pipelines.syndication import band_keys, minhash
from pipelines.validate import ValidateArticle

from .fixtures.articles import ARTICLES
from .fixtures.templates import netease, sina

T0 = datetime(2023, 4, 17, 4, 0, tzinfo=UTC)


def item_for(slug: str, template=netease, *, url: str | None = None, fetched_at: datetime = T0,
             body_edit=None) -> ArticleItem:  # type: ignore[no-untyped-def]
    """An ArticleItem made the way a spider makes it: a fixture page, its fetch, the extractor."""
    article = next(a for a in ARTICLES if a.slug == slug)
    page = template(article)
    target = url or page.url
    raw = page.body if body_edit is None else body_edit(page.body)
    fetch = Fetch(url=target, final_url=target, status=200, headers=dict(page.headers), body=raw,
                  fetched_at=fetched_at)
    extracted = extract(raw, target, fetched_at, page.headers, raise_errors=True)
    extracted.canonical_url = target
    return ArticleItem(article=extracted, fetch=fetch)


def test_migrations_build_the_schema_the_models_describe(db_url: str) -> None:
    assert current_revision(db_url) is None
    assert upgrade(db_url) == head_revision()
    check(db_url)  # raises when models and migrations disagree
    assert upgrade(db_url) == head_revision()  # idempotent


@pytest.fixture
def sessions(db_url: str) -> Iterator[sessionmaker[Session]]:
    """Sessions on a migrated archive (the engine is disposed after the test)."""
    upgrade(db_url)
    engine = make_engine(db_url)
    yield session_factory(engine)
    engine.dispose()


def test_upsert_new_unchanged_changed(sessions: sessionmaker[Session]) -> None:
    first = item_for("finance")
    with sessions.begin() as s:
        result = save_article(s, first, T0)
    assert result.outcome == "new" and result.copy == "original"

    again = item_for("finance", fetched_at=T0 + timedelta(hours=2))
    with sessions.begin() as s:
        assert save_article(s, again, T0).outcome == "unchanged"
    with sessions() as s:
        row = s.scalar(select(models.Article))
        assert row is not None
        assert row.last_seen == T0 + timedelta(hours=2) and row.first_seen == T0
        assert row.version == 1 and s.scalar(select(func.count(models.ArticleVersion.id))) == 0
        old_body, old_title = row.body, row.title

    def rewrite(raw: bytes) -> bytes:
        return raw.replace("储能".encode("gb18030"), "新能源储能".encode("gb18030"))

    changed = item_for("finance", fetched_at=T0 + timedelta(days=1), body_edit=rewrite)
    with sessions.begin() as s:
        assert save_article(s, changed, T0).outcome == "updated"
    with sessions() as s:
        row = s.scalar(select(models.Article))
        assert row is not None and row.version == 2 and "新能源储能" in row.body
        versions = list(s.scalars(select(models.ArticleVersion)))
        assert len(versions) == 1
        assert versions[0].body == old_body and versions[0].title == old_title and versions[0].version == 1
        assert versions[0].record["canonical_url"] == row.canonical_url
        assert versions[0].valid_to == T0 + timedelta(days=1)
        assert [d.kind for d in row.disclaimers] == [d.kind for d in changed.article.disclaimers]
        assert s.scalar(select(func.count(models.Article.id))) == 1
        bands = set(s.scalars(select(models.LshBand.band_key)))
        assert bands == set(band_keys(minhash(row.body)))  # the first version's bands were replaced


def test_copies_are_kept_and_linked(sessions: sessionmaker[Session]) -> None:
    original = item_for("local", netease, url="https://a.example/2023/0416/1.html")
    reprint = item_for("local", sina, url="https://b.example/2023/0416/2.html")  # same story, other portal

    story = next(a for a in ARTICLES if a.slug == "local")
    last = [text for kind, text in story.paragraphs if kind == "p"][-1]

    def trim(raw: bytes) -> bytes:  # a reprint that cut the last paragraph
        assert last.encode() in raw
        return raw.replace(last.encode(), b"")

    near = item_for("local", sina, url="https://c.example/2023/0416/3.html", body_edit=trim)
    unrelated = item_for("tech", sina, url="https://d.example/2023/0417/4.html")
    with sessions.begin() as s:
        results = [save_article(s, it, T0) for it in (original, reprint, near, unrelated)]
    assert [r.copy for r in results] == ["original", "exact_copy", "near_copy", "original"]
    assert results[1].duplicate_of == results[0].article_id == results[2].duplicate_of
    with sessions() as s:
        assert s.scalar(select(func.count(models.Article.id))) == 4
        group = copies_of(s, results[2].article_id)
        assert [a.id for a in group] == [r.article_id for r in results[:3]]
        near_row = s.get(models.Article, results[2].article_id)
        assert near_row is not None and 0.65 <= (near_row.similarity or 0) < 1.0


def _crawler(db_url: str, tmp_path: Path, **extra: object):  # type: ignore[no-untyped-def]
    settings = {"NEWSCRAWLER_DATABASE_URL": db_url, "NEWSCRAWLER_WARC_DIR": str(tmp_path / "warc"),
                "NEWSCRAWLER_SPOOL_DIR": str(tmp_path / "unsaved"), "NEWSCRAWLER_BATCH_SIZE": 3, **extra}
    return get_crawler(settings_dict=settings)


def _stages(crawler):  # type: ignore[no-untyped-def]
    return [cls.from_crawler(crawler) for cls in
            (ValidateArticle, NormaliseArticle, FingerprintArticle, ArchiveRawPage, StoreArticle)]


def _run(stages, items):  # type: ignore[no-untyped-def]
    dropped = []
    for item in items:
        try:
            for stage in stages:
                item = stage.process_item(item)
        except DropItem as exc:
            dropped.append(str(exc))
    return dropped


def test_pipeline_stages_store_count_and_name_their_drops(db_url: str, tmp_path: Path) -> None:
    crawler = _crawler(db_url, tmp_path)
    stages = _stages(crawler)
    for stage in stages:
        getattr(stage, "open_spider", lambda: None)()
    items = [item_for(a.slug, url=f"https://news.example.cn/{a.slug}.html?utm_source=feed#top") for a in ARTICLES]
    no_title = item_for("tech", url="https://news.example.cn/broken.html")
    no_title.article = dataclasses.replace(no_title.article, title="")
    listing = item_for("tech", url="https://news.example.cn/list.html")
    listing.article = dataclasses.replace(listing.article, is_article=False, reason="list page", body="",
                                          blocks=[])
    repeat = item_for("finance", url="https://news.example.cn/finance.html")
    dropped = _run(stages, [*items, no_title, listing, repeat])
    for stage in reversed(stages):
        getattr(stage, "close_spider", lambda: None)()
    crawler.signals.send_catch_log(signals.spider_closed, spider=None, reason="finished")

    assert dropped == ["article without title: https://news.example.cn/broken.html",
                       "not an article: list page (https://news.example.cn/list.html)",
                       "already stored in this crawl: https://news.example.cn/finance.html"]
    stats = crawler.stats.get_stats()
    assert stats["newscrawler/validate/ok"] == len(items) + 1
    assert stats["newscrawler/validate/missing_title"] == 1
    assert stats["newscrawler/dedupe/repeat_in_crawl"] == 1
    assert stats["newscrawler/store/new"] == len(items)
    assert stats["newscrawler/store/not_article"] == 1
    assert stats["newscrawler/store/fetch_recorded"] == len(items) + 1
    assert stats["newscrawler/archive/archived"] == len(items) + 1

    engine = make_engine(db_url)
    with session_factory(engine)() as s:
        urls = set(s.scalars(select(models.Article.canonical_url)))
        assert urls == {f"https://news.example.cn/{a.slug}.html" for a in ARTICLES}
        fetches = list(s.scalars(select(models.FetchRecord).order_by(models.FetchRecord.id)))
        assert len(fetches) == len(items) + 1 and not fetches[-1].is_article
        assert all(f.warc and "#" in f.warc for f in fetches)
        run = s.scalar(select(models.CrawlRun))
        assert run is not None and run.finished_at is not None and run.stats["newscrawler/store/new"] == len(items)
        assert run.status == "finished"
    engine.dispose()


def test_batches_commit_at_the_batch_size(db_url: str, tmp_path: Path) -> None:
    crawler = _crawler(db_url, tmp_path, NEWSCRAWLER_BATCH_SIZE=4, NEWSCRAWLER_BATCH_SECONDS=3600)
    store = StoreArticle.from_crawler(crawler)
    store.open_spider()
    engine = make_engine(db_url)

    def stored() -> int:
        with session_factory(engine)() as s:
            return s.scalar(select(func.count(models.Article.id))) or 0

    for n, article in enumerate(ARTICLES[:5], start=1):
        store.process_item(item_for(article.slug, url=f"https://x.example/{n}.html"))
        assert stored() == (4 if n >= 4 else 0)
    store.close_spider()
    crawler.signals.send_catch_log(signals.spider_closed, spider=None, reason="finished")
    assert stored() == 5
    engine.dispose()


def test_archived_records_are_fsynced_before_each_commit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "archive.db"
    crawler = _crawler(f"sqlite:///{db}", tmp_path, NEWSCRAWLER_BATCH_SIZE=2, NEWSCRAWLER_BATCH_SECONDS=3600)
    stages = _stages(crawler)
    archive, store = stages[3], stages[4]
    for stage in stages:
        getattr(stage, "open_spider", lambda: None)()
    assert archive.writer is not None and not archive.writer.sync_each  # fsync left to the store's commits
    real_fsync, calls = os.fsync, []

    def fsync(fd: int) -> None:
        if stat.S_ISREG(os.fstat(fd).st_mode):  # a WARC file (not a folder)
            with sqlite3.connect(db) as conn:  # what was committed when it was fsynced
                calls.append(conn.execute("SELECT count(*) FROM article").fetchone()[0])
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    _run(stages, [item_for(a.slug, url=f"https://x.example/{n}.html") for n, a in enumerate(ARTICLES[:3])])
    # the new file (its warcinfo record), then once before the first batch (2 items) committed: not per record
    assert calls == [0, 0]
    for stage in reversed(stages):
        getattr(stage, "close_spider", lambda: None)()
    crawler.signals.send_catch_log(signals.spider_closed, spider=None, reason="finished")
    assert calls == [0, 0, 2, 3]  # before the last batch committed, then when the file was closed
    assert store.committed == 3


def test_a_failed_archive_fsync_spools_the_batch(tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    crawler = _crawler(f"sqlite:///{db}", tmp_path, NEWSCRAWLER_BATCH_SIZE=2)
    store = StoreArticle.from_crawler(crawler)
    store.open_spider()

    def broken_disk() -> None:
        raise OSError("fsync failed")

    crawler.signals.connect(broken_disk, signal=make_durable, weak=False)
    store.process_item(item_for("finance", url="https://x.example/1.html"))
    store.process_item(item_for("tech", url="https://x.example/2.html"))
    store.close_spider()
    crawler.signals.send_catch_log(signals.spider_closed, spider=None, reason="archive not durable")
    assert store.spool_path is not None and len(store.spool_path.read_text(encoding="utf-8").splitlines()) == 2
    assert crawler.stats.get_value("newscrawler/store/spooled") == 2
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM article").fetchone()[0] == 0


def test_json_columns_hold_chinese_as_utf8(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'archive.db'}"
    upgrade(url)
    engine = make_engine(url)
    item = item_for("finance")
    assert item.article.author or item.article.editor
    with session_factory(engine).begin() as s:
        save_article(s, item, T0)
    engine.dispose()
    with sqlite3.connect(tmp_path / "archive.db") as conn:
        blocks, names = conn.execute("SELECT blocks, author || editor FROM article").fetchone()
    assert item.article.blocks[0].text in blocks and "\\u" not in blocks + names
    assert json.loads(blocks)[0]["text"] == item.article.blocks[0].text


def test_unreachable_database_stops_loudly(tmp_path: Path) -> None:
    crawler = _crawler("postgresql://postgres@127.0.0.1:9/none", tmp_path)
    with pytest.raises(Exception, match=r"(?i)connect"):
        StoreArticle.from_crawler(crawler).open_spider()


def test_failed_writes_are_spooled_not_lost(tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    crawler = _crawler(f"sqlite:///{db}", tmp_path, NEWSCRAWLER_BATCH_SIZE=2, NEWSCRAWLER_DB_RETRY_DELAY=0.01)
    store = StoreArticle.from_crawler(crawler)
    store.open_spider()
    with sqlite3.connect(db) as conn:  # the archive breaks under the running crawl
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("DROP TABLE fetch")
    store.process_item(item_for("finance", url="https://x.example/1.html"))
    store.process_item(item_for("tech", url="https://x.example/2.html"))  # the batch fails, after 3 tries
    with pytest.raises(DropItem, match="database unavailable"):
        store.process_item(item_for("local", url="https://x.example/3.html"))
    store.close_spider()
    crawler.signals.send_catch_log(signals.spider_closed, spider=None, reason="database unavailable")
    assert store.spool_path is not None
    lines = [json.loads(x) for x in store.spool_path.read_text(encoding="utf-8").splitlines()]
    assert [x["article"]["url"] for x in lines] == [f"https://x.example/{i}.html" for i in (1, 2, 3)]
    assert lines[0]["fetch"]["body"].encode("latin-1")[:30] == item_for("finance").fetch.body[:30]  # type: ignore[union-attr]
    assert crawler.stats.get_value("newscrawler/store/spooled") == 3


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("HTTPS://News.Example.CN:443/a/1.html?utm_source=wx&id=7#comments", "https://news.example.cn/a/1.html?id=7"),
        ("http://news.example.cn:8080/a?spm=1.2&from=timeline", "http://news.example.cn:8080/a"),
        ("https://news.example.cn", "https://news.example.cn/"),
    ],
)
def test_canonical_url(raw: str, expected: str) -> None:
    assert canonical_url(raw) == expected


def test_naive_timestamps_are_refused(sessions: sessionmaker[Session]) -> None:
    item = item_for("finance")
    assert item.fetch is not None
    item.fetch.fetched_at = datetime(2023, 4, 17, 12, 0)  # naive
    with pytest.raises(Exception, match="naive datetime"), sessions.begin() as s:
        save_article(s, item, T0)


def test_site_ids_survive_a_rolled_back_transaction(sessions: sessionmaker[Session]) -> None:
    with sessions() as s:
        s.begin()
        save_article(s, item_for("finance", url="https://x.example/1.html"), T0)
        s.rollback()  # the site row inserted with it is gone too
        s.begin()
        save_article(s, item_for("tech", url="https://x.example/2.html"), T0)
        s.commit()
        row = s.scalar(select(models.Article))
        assert row is not None and row.site_id == s.scalar(select(models.Site.id).where(models.Site.name == "x.example"))
