"""The store stage retries a failed transaction on the reactor's clock, never by sleeping on its thread.

The archive's ``fetch`` table is renamed away under the stage (a real SQLite error on every write, as
long as it is away) and back. The clock is a ``twisted.internet.task.Clock`` advanced by the test: had
the stage slept and retried in place, the batch would have failed all three attempts at once and been
given up before the test could heal the table.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from twisted.internet.defer import Deferred
from twisted.internet.task import Clock

from newscrawler.items import ArticleItem
from pipelines.store import StoreArticle

from .test_store import _crawler, item_for


def _store(tmp_path: Path) -> tuple[StoreArticle, Clock, Path]:
    db = tmp_path / "archive.db"
    crawler = _crawler(f"sqlite:///{db}", tmp_path, NEWSCRAWLER_BATCH_SIZE=2, NEWSCRAWLER_DB_RETRY_DELAY=0.5)
    store = StoreArticle.from_crawler(crawler)
    clock = Clock()
    store.clock = clock
    store.open_spider()
    return store, clock, db


def _rename(db: Path, old: str, new: str) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute(f"ALTER TABLE {old} RENAME TO {new}")


def _item(n: int) -> ArticleItem:
    return item_for(("finance", "tech", "local")[n % 3], url=f"https://x.example/{n}.html")


def _results(deferred: object) -> list[object]:
    got: list[object] = []
    assert isinstance(deferred, Deferred)
    deferred.addBoth(got.append)
    return got


def test_a_failed_batch_waits_on_the_clock_and_commits_when_the_database_heals(tmp_path: Path) -> None:
    store, clock, db = _store(tmp_path)
    _rename(db, "fetch", "fetch_away")
    first = _item(1)
    assert store.process_item(first) is first  # buffered
    second = _item(2)
    settled = _results(store.process_item(second))  # the batch is full: written, fails, retry scheduled
    assert settled == [] and store.committed == 0 and not store.failed
    assert [call.getTime() for call in clock.getDelayedCalls()] == [0.5]
    third = _item(3)
    waiting = _results(store.process_item(third))  # arrives while the batch waits: waits behind it
    assert waiting == []

    clock.advance(0.5)  # the second attempt fails too: the third is 4x the delay later
    assert settled == [] and not store.failed
    assert [call.getTime() for call in clock.getDelayedCalls()] == [2.5]

    _rename(db, "fetch_away", "fetch")
    clock.advance(2.0)
    assert settled == [second] and waiting == [third]
    assert store.committed == 2 and not clock.getDelayedCalls()
    assert store.close_spider() is None  # the third item's batch commits at once
    assert store.committed == 3
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM article").fetchone() == (3,)
        assert conn.execute("SELECT count(*) FROM fetch").fetchone() == (3,)


def test_a_batch_that_keeps_failing_is_given_up_after_the_last_timed_retry(tmp_path: Path) -> None:
    store, clock, db = _store(tmp_path)
    _rename(db, "fetch", "fetch_away")
    store.process_item(_item(1))
    settled = _results(store.process_item(_item(2)))
    closed = _results(store.close_spider())  # the crawl ends meanwhile: the close waits for the batch
    assert settled == [] and closed == []
    clock.advance(0.5)
    clock.advance(2.0)  # third and last attempt: spooled, the crawl closed with "database unavailable"
    assert len(settled) == 1 and isinstance(settled[0], ArticleItem) and closed == [None]
    assert store.failed and store.committed == 0 and store.closing == "database unavailable"
    assert store.spool_path is not None
    lines = [json.loads(x) for x in store.spool_path.read_text(encoding="utf-8").splitlines()]
    assert [x["article"]["url"] for x in lines] == ["https://x.example/1.html", "https://x.example/2.html"]
    assert not clock.getDelayedCalls()
