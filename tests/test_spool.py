"""Items the archive could not take are spooled and imported exactly once: by the next crawl into the same
archive when it opens, or by ``replay_spool`` (``newscrawler replay``), on SQLite and PostgreSQL; a spool
that cannot be written still closes the crawl."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

from scrapy import signals
from scrapy.utils.test import get_crawler
from sqlalchemy import func, select

from newscrawler.items import ArticleItem
from pipelines.db import models
from pipelines.db.engine import make_engine, session_factory
from pipelines.db.migrate import upgrade
from pipelines.spool import REPLAYED_SUFFIX, item_from_record, replay_spool, spool_record
from pipelines.store import StoreArticle

from .conftest import REPO
from .fixtures.templates import netease
from .portal_server import portal
from .test_portal_crawl import _cmd
from .test_store import item_for


def _store(db_url: str, spool: Path) -> StoreArticle:
    crawler = get_crawler(settings_dict={"NEWSCRAWLER_DATABASE_URL": db_url, "NEWSCRAWLER_BATCH_SIZE": 2,
                                         "NEWSCRAWLER_SPOOL_DIR": str(spool), "NEWSCRAWLER_DB_RETRY_DELAY": 0.01})
    store = StoreArticle.from_crawler(crawler)
    store.open_spider()
    return store


def _close(store: StoreArticle, reason: str = "finished") -> None:
    store.close_spider()
    assert store.crawler is not None
    store.crawler.signals.send_catch_log(signals.spider_closed, spider=None, reason=reason)


def _item(slug: str) -> ArticleItem:
    item = item_for(slug, netease, url=f"https://a.example/{slug}.html")
    item.site = "a"
    return item


def _counts(db_url: str) -> tuple[int, int, int]:
    engine = make_engine(db_url)
    try:
        with session_factory(engine)() as s:
            return (s.scalar(select(func.count(models.Article.id))) or 0,
                    s.scalar(select(func.count(models.FetchRecord.id))) or 0,
                    s.scalar(select(func.count(func.distinct(models.FetchRecord.url)))) or 0)
    finally:
        engine.dispose()


def test_a_spool_record_gives_back_the_item() -> None:
    item = _item("finance")
    item.canonical_claim, item.site_domains, item.more_pages = "https://x.example/", ("a.example",), [item.fetch]  # type: ignore[list-item]
    back = item_from_record(spool_record(item, "sqlite:///x.db", 7))
    assert back == item


def test_spooled_items_are_replayed_exactly_once(db_url: str, tmp_path: Path) -> None:
    spool = tmp_path / "unsaved"
    store = _store(db_url, spool)
    store.process_item(_item("local"))
    store.process_item(_item("finance"))  # committed
    store.run_id = 10**9  # the archive refuses the next batch (its fetch rows' run does not exist)
    store.process_item(_item("tech"))
    store.process_item(_item("sports"))  # this batch fails: spooled, the crawl closes
    _close(store, "database unavailable")
    assert store.failed and _counts(db_url) == (2, 2, 2)
    spooled = sorted(spool.glob("unsaved-*.jsonl"))
    assert len(spooled) == 1
    keep = tmp_path / "copy.jsonl"
    shutil.copy(spooled[0], keep)

    again = _store(db_url, spool)  # the next crawl into this archive imports the spool first
    assert again.crawler is not None and again.crawler.stats.get_value("newscrawler/store/replayed") == 2
    _close(again)
    assert _counts(db_url) == (4, 4, 4)
    assert not list(spool.glob("unsaved-*.jsonl")) and len(list(spool.glob(f"*{REPLAYED_SUFFIX}"))) == 1

    shutil.copy(keep, spooled[0])  # as if a crash came between the import's commit and the rename
    report = replay_spool(db_url, spool)
    assert (report.stored, report.already, len(report.files)) == (0, 2, 1)
    assert _counts(db_url) == (4, 4, 4)  # nothing twice


def test_a_spool_for_another_archive_is_left_alone(tmp_path: Path) -> None:
    spool = tmp_path / "unsaved"
    store = _store(f"sqlite:///{tmp_path / 'one.db'}", spool)
    store.run_id = 10**9
    store.process_item(_item("tech"))
    store.process_item(_item("sports"))
    _close(store, "database unavailable")
    other = f"sqlite:///{tmp_path / 'two.db'}"
    _close(_store(other, spool))
    assert _counts(other) == (0, 0, 0) and len(list(spool.glob("unsaved-*.jsonl"))) == 1
    assert replay_spool(other, spool, any_archive=True).stored == 2  # on purpose, it can


def test_the_crawl_closes_even_when_the_spool_cannot_be_written(tmp_path: Path) -> None:
    """The archive fails (its ``fetch`` table is gone) and the spool folder cannot be made (a file is in
    its way, as a full disk refuses it): the crawl still closes, with ``database unavailable``."""
    db = tmp_path / "news.db"
    upgrade(f"sqlite:///{db}")
    with sqlite3.connect(db) as conn:
        conn.execute("DROP TABLE fetch")
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the spool folder should be", encoding="utf-8")
    with portal() as state:
        cmd = _cmd(state, tmp_path, "NEWSCRAWLER_AUTO_MIGRATE=False", f"NEWSCRAWLER_SPOOL_DIR={blocked / 'unsaved'}",
                   "NEWSCRAWLER_DB_RETRY_DELAY=0.01", "NEWSCRAWLER_BATCH_SIZE=2", "CONCURRENT_REQUESTS_PER_DOMAIN=1")
        proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=300)
    assert "crawl finished (database unavailable)" in proc.stderr, proc.stderr[-3000:]
    assert "the spool cannot be written either" in proc.stderr


def test_below_the_watermark_the_batch_is_still_stored_and_the_crawl_asked_to_close(tmp_path: Path) -> None:
    """The disk passes the watermark mid-crawl: the batch in hand still goes in (the watermark's headroom is
    for it), the stage then closes with ``disk full``."""
    db_url = f"sqlite:///{tmp_path / 'a.db'}"
    store = _store(db_url, tmp_path / "unsaved")
    store.min_free_mb = 1e12  # more than any disk has free: the disk is "full" from now on
    store.process_item(_item("tech"))
    store.process_item(_item("sports"))
    assert store.closing == "disk full" and not store.failed
    _close(store, "disk full")
    assert _counts(db_url) == (2, 2, 2)


def test_a_line_torn_by_a_crash_is_counted_and_the_rest_imported(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'a.db'}"
    spool = tmp_path / "unsaved"
    store = _store(db_url, spool)
    store.run_id = 10**9
    store.process_item(_item("tech"))
    store.process_item(_item("sports"))
    _close(store, "database unavailable")
    (path,) = spool.glob("unsaved-*.jsonl")
    with path.open("a", encoding="utf-8") as fh:
        fh.write('{"archive": "x", "article": {"url": "https://a.exa')  # the write a kill -9 cut short
    report = replay_spool(db_url, spool, any_archive=True)
    assert (report.stored, report.unreadable) == (2, 1)
    assert _counts(db_url) == (2, 2, 2)
