"""Stage 5, store: write articles and fetches into the archive database in batched transactions.

Settings: ``NEWSCRAWLER_DATABASE_URL`` (a SQLAlchemy URL), ``NEWSCRAWLER_BATCH_SIZE``
(items per transaction, default 50), ``NEWSCRAWLER_BATCH_SECONDS`` (longest an
item waits for its commit, default 5), ``NEWSCRAWLER_AUTO_MIGRATE`` (bring the
schema to the newest revision when the crawl opens, default true),
``NEWSCRAWLER_SPOOL_DIR`` (where items go when the database fails, default
``data/unsaved``; it can be put on another disk), ``NEWSCRAWLER_DB_RETRY_DELAY`` (seconds
before the first of three retries of a failed transaction, default 0.5; then 4× and 16× that),
``NEWSCRAWLER_MIN_FREE_MB`` (free-space watermark, default 256: see below).

A batch is one transaction on both backends (articles, copy links, search tokens,
quotes, fetch rows; on SQLite through ``pipelines.db.engine``'s explicit BEGIN).
Counters are incremented only after the commit that made an outcome durable, so
a crawl that reports ``newscrawler/store/new = 120`` has 120 new rows even if it
is killed the next moment. A crash loses at most the open batch (never more than
``NEWSCRAWLER_BATCH_SIZE`` items, never more than ``NEWSCRAWLER_BATCH_SECONDS``
of work: a reactor timer commits a buffered item on time even when no further item
arrives). If the database stays unreachable after retries, the batch and every
later item are written to a JSON-lines spool file (``pipelines.spool``), the crawl is
closed with the reason ``database unavailable`` (``disk full`` when the disk refused
the write), and the spool file is named in the log; the crawl is closed even when the
spool cannot be written either. The next crawl into the same archive imports the
spool first, every item exactly once (``pipelines.spool.replay_spool``).

Retries wait on the reactor's clock, never by sleeping on the reactor thread (which would stall every
download, timer and signal of the crawl for up to ~10 s): the batch's next attempt is scheduled with
``twisted.internet.task.deferLater``, and until the batch is settled (committed, or given up and spooled)
``process_item`` and ``close_spider`` return Deferreds that Scrapy waits for, so items keep their order
and pile up no further than the open batch. Only a stage driven by hand, without a running reactor (a
script, a unit test), waits in place between attempts.

Before each commit the stage sends the ``make_durable`` signal
(``pipelines.archive``): the raw pages the batch points at are fsynced first, so a
committed row never names a WARC record that a power cut could lose. If that
fsync fails, the batch is spooled and the crawl closed (``archive not durable``).

Free space: when the crawl opens and before each batch, the folders the crawl writes
to (the SQLite file's, the WARC root, the spool) are checked against
``NEWSCRAWLER_MIN_FREE_MB``; below it the crawl closes with the reason ``disk full``
(before fetching anything, at the start), and what is in flight is still stored.
"""

from __future__ import annotations

import hashlib
import logging
import os
import socket
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

from scrapy import signals
from scrapy.crawler import Crawler
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from twisted.internet import task
from twisted.internet.base import DelayedCall, ReactorBase
from twisted.internet.defer import Deferred
from twisted.internet.interfaces import IReactorTime
from twisted.python.failure import Failure

from newscrawler.items import ArticleItem
from pipelines import defaults
from pipelines.db import repository
from pipelines.db.access import locate
from pipelines.db.batch import save_articles
from pipelines.db.engine import SQLITE_BEGIN, make_engine, session_factory
from pipelines.db.migrate import upgrade
from pipelines.db.pages import save_pages
from pipelines.defaults import setting
from pipelines.disk import DISK_FULL, close_crawl, free_space_problem, is_disk_full
from pipelines.signals import batch_committed, flush_requested, make_durable
from pipelines.spool import ReplayReport, archive_id, replay_spool, spool_path, spool_record, write_spool
from pipelines.stage import Stage

log = logging.getLogger(__name__)

RETRIES = 3



class StoreArticle(Stage):
    """Upsert articles (keyed by canonical URL) and record every fetch, in batches."""

    name = "store"

    def __init__(self, crawler: Crawler | None = None, url: str = defaults.DATABASE_URL,
                 batch_size: int = defaults.BATCH_SIZE, batch_seconds: float = defaults.BATCH_SECONDS,
                 auto_migrate: bool = defaults.AUTO_MIGRATE, spool_dir: str = defaults.SPOOL_DIR) -> None:
        super().__init__(crawler)
        self.url = url
        self.batch_size = max(1, batch_size)
        self.batch_seconds = batch_seconds
        self.auto_migrate = auto_migrate
        self.spool_dir = Path(spool_dir)
        self.engine: Engine | None = None
        self.sessions: sessionmaker[Session] | None = None
        self.buffer: list[ArticleItem] = []
        self.oldest: float | None = None
        self.run_id: int | None = None
        self.failed = False
        self.spool_path: Path | None = None
        self.retry_delay = defaults.DB_RETRY_DELAY
        """Seconds before the first retry of a failed transaction (then 4x, 16x)."""
        self.finish_on_signal = False
        """True when Scrapy built the stage: the run is then closed by ``spider_closed``."""
        self.committed = 0
        """Items whose transaction has committed: what the log reports as stored."""
        self.min_free_mb = 0.0
        """The free-space watermark (``NEWSCRAWLER_MIN_FREE_MB``; 0, the default outside a crawl: off)."""
        self.watched: list[Path] = [self.spool_dir]
        """Folders the crawl writes to, whose free space the watermark checks (the SQLite file's is added)."""
        self.closing: str | None = None
        """The reason the stage asked the crawl to close with, once it has."""
        self.deadline: DelayedCall | None = None
        """The reactor timer that flushes the buffer ``batch_seconds`` after its oldest item arrived."""
        self.clock: IReactorTime | None = None
        """The clock retries wait on: the running reactor when None (a test gives a ``task.Clock``)."""
        self.pending: Deferred[None] | None = None
        """The batch whose write waits for a retry: fires when it is committed or given up."""
        self.waiters: list[Deferred[None]] = []
        """Items and closes that arrived while ``pending`` waits: released, in order, when it fires."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StoreArticle:
        """Built by Scrapy: the run is closed from ``spider_closed``, the only place that knows the reason."""
        store = cls._configured(crawler)
        store.finish_on_signal = True
        crawler.signals.connect(store.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(store.flush, signal=flush_requested)
        return store

    @classmethod
    def _configured(cls, crawler: Crawler) -> StoreArticle:
        s = crawler.settings
        store = cls(crawler, setting(s, "DATABASE_URL"), setting(s, "BATCH_SIZE"), setting(s, "BATCH_SECONDS"),
                    setting(s, "AUTO_MIGRATE"), setting(s, "SPOOL_DIR"))
        store.retry_delay = setting(s, "DB_RETRY_DELAY")
        store.min_free_mb = setting(s, "MIN_FREE_MB")
        if setting(s, "ARCHIVE_RAW"):
            store.watched.append(Path(setting(s, "WARC_DIR")))
        return store

    # -- lifecycle -------------------------------------------------------------------------------

    def open_spider(self) -> None:
        """Connect (and migrate) now, so a wrong URL or a dead server stops the crawl before it fetches; a
        disk below the free-space watermark closes it before it fetches too (``disk full``)."""
        archive_file = locate(self.url).file
        if archive_file is not None:
            self.watched.append(archive_file.parent)
        self._check_free_space(at_start=True)
        if self.auto_migrate:
            upgrade(self.url)
        try:  # what an earlier crawl could not store, first
            replayed = replay_spool(self.url, self.spool_dir)
        except (OSError, ValueError, KeyError, TypeError, SQLAlchemyError):
            # a damaged spool never stops crawls: it stays where it is for `newscrawler replay`
            log.exception("the spool in %s could not be replayed; it is left for newscrawler replay", self.spool_dir)
            replayed = ReplayReport()
        if replayed.other_archive:
            log.info("spool files for another archive left in %s: %s", self.spool_dir,
                     ", ".join(path.name for path in replayed.other_archive))
        if replayed.files:
            log.info("replayed %d spool file(s) from %s: %d item(s) stored, %d already archived",
                     len(replayed.files), self.spool_dir, replayed.stored, replayed.already)
            self.count("replayed", replayed.stored)
        self.engine = make_engine(self.url).execution_options(**{SQLITE_BEGIN: "BEGIN IMMEDIATE"})
        self.sessions = session_factory(self.engine)
        spider_obj = getattr(self.crawler, "spider", None)
        spider = getattr(spider_obj, "name", None) or "crawl"
        site = getattr(getattr(spider_obj, "profile", None), "name", None)
        with self.sessions.begin() as session:
            killed = repository.close_dead_runs(session, site, socket.gethostname(), _process_alive, _now())
            self.run_id = repository.start_run(session, spider, self._settings_summary(), _now(), site=site)
        if killed:
            log.warning("run(s) %s of site %s were left running by a process that died: marked killed",
                        ", ".join(map(str, killed)), site)

    def close_spider(self) -> Deferred[None] | None:
        if self.pending is not None:  # a batch waits for a retry: close after it is settled
            return self._wait().addCallback(lambda _: self.close_spider())
        self._cancel_deadline()
        flushed = self.flush()
        if flushed is not None:
            return flushed.addCallback(lambda _: self.close_spider())
        if not self.finish_on_signal:
            self._finish("finished")
        return None

    def spider_closed(self, spider: object, reason: str) -> None:
        """Record how the crawl ended (``finished``, ``shutdown``, ``closespider_pagecount`` …)."""
        self._finish(reason)

    def _finish(self, reason: str) -> None:
        if self.sessions is not None and self.run_id is not None and not self.failed:
            stats = dict(self.crawler.stats.get_stats()) if self.crawler and self.crawler.stats else {}
            stats["finish_reason"] = reason
            with self.sessions.begin() as session:
                repository.finish_run(session, self.run_id, reason, _jsonable(stats), _now())
        if self.engine is not None:
            self.engine.dispose()
            self.engine = None

    # -- items -----------------------------------------------------------------------------------

    def process_item(self, item: ArticleItem) -> ArticleItem | Deferred[ArticleItem]:
        if self.pending is not None:  # the open batch waits for a retry: this item waits for it (in order)
            return self._wait().addCallback(lambda _: self.process_item(item))
        if self.failed:
            try:
                self._spool([item])
            except OSError as exc:
                self.count("lost", site=item.site)
                raise self.drop("lost", f"{self.closing}, and the spool cannot be written ({exc}): "
                                        f"{item.article.url} not kept") from exc
            raise self.drop("spooled", f"{self.closing}, item kept in {self.spool_path}")
        self.buffer.append(item)
        self.oldest = self.oldest or time.monotonic()
        if len(self.buffer) >= self.batch_size or time.monotonic() - self.oldest >= self.batch_seconds:
            flushed = self.flush()
            if flushed is not None:  # the batch (with this item) is settled later: the item's outcome too
                return flushed.addCallback(lambda _: self._buffered(item))
        elif self.deadline is None:
            self._arm_deadline()
        return self._buffered(item)

    def _buffered(self, item: ArticleItem) -> ArticleItem:
        """What becomes of an item once it is in a batch: a page that is not an article is dropped here."""
        if not item.article.is_article:
            self.count(f"not_article/{item.article.reason}", site=item.site)
            raise self.drop("not_article", f"not an article: {item.article.reason} ({item.article.url})",
                            expected=True)
        return item

    def flush(self) -> Deferred[None] | None:
        """Commit the buffered items in one transaction, then count them and send ``batch_committed`` (also
        when nothing was pending: everything handed over is committed). A transient error is retried on
        the reactor's clock: the Deferred returned then fires when the batch is committed or given up
        (None: it is settled already). While a batch waits, a flush does nothing (the wait ends with one)."""
        self._cancel_deadline()
        if self.sessions is None or self.pending is not None:
            return None
        if not self.buffer:
            if not self.failed:
                self._committed()
            return None
        batch, self.buffer, self.oldest = self.buffer, [], None
        self._check_free_space()  # the batch is still written: the watermark's headroom is for it
        failed = self._archive_durable()
        if failed is not None:
            self._give_up(batch, failed, reason=DISK_FULL if is_disk_full(failed) else "archive not durable")
            return None
        retry = self._attempt(batch, 1, self.retry_delay)
        if retry is None:
            return None
        self.pending = retry
        return retry.addBoth(self._settled)

    def _attempt(self, batch: list[ArticleItem], attempt: int, delay: float) -> Deferred[None] | None:
        """One try at writing ``batch``: None when it ended (committed, or given up and spooled), else the
        Deferred of the retries still to come, scheduled on the clock ``delay`` seconds from now."""
        try:
            outcomes = self._write(batch)
        except OperationalError as exc:
            log.warning("archive write failed (attempt %d/%d): %s", attempt, RETRIES, exc.orig)
            if attempt < RETRIES and not is_disk_full(exc):  # a full disk stays full: no retries
                clock = self._clock()
                if clock is None:  # no reactor runs (a script or a test driving the stage by hand): wait here
                    time.sleep(delay)
                    return self._attempt(batch, attempt + 1, delay * 4)
                later = task.deferLater(clock, delay, self._attempt, batch, attempt + 1, delay * 4)
                return cast(Deferred[None], later)  # a Deferred the next try returns is chained in
            self._give_up(batch, exc, reason=DISK_FULL if is_disk_full(exc) else "database unavailable")
            return None
        except SQLAlchemyError as exc:
            self._give_up(batch, exc, reason=DISK_FULL if is_disk_full(exc) else "database unavailable")
            return None
        for outcome, site in outcomes:
            self.count(outcome, site=site)
        self.committed += len(batch)
        log.info("stored %d item(s); %d stored in this crawl", len(batch), self.committed)
        self._committed()
        return None

    def _clock(self) -> IReactorTime | None:
        if self.clock is not None:
            return self.clock
        from twisted.internet import reactor

        running = cast(ReactorBase, reactor)
        return cast(IReactorTime, running) if running.running else None

    def _wait(self) -> Deferred[None]:
        """A Deferred that fires once the batch waiting for a retry is settled (in arrival order)."""
        waiter: Deferred[None] = Deferred()
        self.waiters.append(waiter)
        return waiter

    def _settled(self, result: object) -> object:
        """The waiting batch is committed or given up: release what waited for it, in order."""
        self.pending = None
        waiters, self.waiters = self.waiters, []
        for waiter in waiters:
            waiter.callback(None)
        if self.buffer and self.pending is None and self.deadline is None:
            self._arm_deadline()  # items that arrived meanwhile are committed on time
        return result

    def _committed(self) -> None:
        if self.crawler is not None:
            self.crawler.signals.send_catch_log(batch_committed)

    def _check_free_space(self, at_start: bool = False) -> None:
        """Close the crawl with ``disk full`` when a watched folder is below the watermark (once)."""
        if self.closing is not None:
            return
        problem = free_space_problem(self.watched, self.min_free_mb)
        if problem is None:
            return
        self.closing = DISK_FULL
        log.error("disk full: %s; %s", problem,
                  "not starting the crawl" if at_start else "closing the crawl (what is in flight is still stored)")
        self.count("disk_full")
        if at_start and self.crawler is not None:
            from twisted.internet import reactor

            cast(ReactorBase, reactor).callLater(0, close_crawl, self.crawler, DISK_FULL)
        else:
            close_crawl(self.crawler, DISK_FULL)

    def _arm_deadline(self) -> None:
        """Flush the buffer ``batch_seconds`` from now through the reactor, so a buffered item is committed
        on time even when no further item arrives (only while a reactor runs: a crawl, not a test driving
        the stage by hand, where ``process_item`` checks the age itself)."""
        from twisted.internet import reactor

        clock = cast(ReactorBase, reactor)
        if not clock.running:
            return
        self.deadline = clock.callLater(max(self.batch_seconds, 0.0), self._on_deadline)

    def _cancel_deadline(self) -> None:
        if self.deadline is not None:
            if self.deadline.active():
                self.deadline.cancel()
            self.deadline = None

    def _on_deadline(self) -> None:
        self.deadline = None
        try:
            flushed = self.flush()
        except Exception:  # a reactor timer has no caller to raise to: log it, the next flush tries again
            log.exception("the timed flush of the store batch failed")
            return
        if flushed is not None:
            flushed.addErrback(lambda failure: log.error("the timed flush of the store batch failed: %s",
                                                         failure.getErrorMessage()))

    def _archive_durable(self) -> Exception | None:
        """Send ``make_durable`` (fsync the WARC records archived so far); the first receiver's error, if any."""
        if self.crawler is None:
            return None
        for _receiver, result in self.crawler.signals.send_catch_log(make_durable):
            if isinstance(result, Failure):
                return result.value if isinstance(result.value, Exception) else RuntimeError(str(result.value))
        return None

    def _write(self, batch: list[ArticleItem]) -> list[tuple[str, str | None]]:
        assert self.sessions is not None
        outcomes: list[tuple[str, str | None]] = []
        now = _now()
        with self.sessions.begin() as session:
            saved = iter(save_articles(session, [item for item in batch if item.article.is_article], now))
            fetches: list[dict[str, Any]] = []
            for item in batch:
                article_id = None
                if item.article.is_article:
                    result = next(saved)
                    article_id = result.article_id
                    outcomes.append((result.outcome, item.site))
                    if result.copy != "original":
                        outcomes.append((result.copy, item.site))
                pages = [item.fetch] if item.fetch is not None else []
                for fetch in pages + item.more_pages:
                    fetches.append(repository.fetch_row(
                        fetch, encoding=item.article.encoding, warc=item.warc if fetch is item.fetch else None,
                        is_article=item.article.is_article, article_id=article_id, crawl_run_id=self.run_id,
                        body_hash=hashlib.sha256(fetch.body).hexdigest()))
                    outcomes.append(("fetch_recorded", item.site))
            repository.record_fetches(session, fetches)
            kept = [item for item in batch if not item.article.is_article]
            if kept:  # their text stays searchable (newscrawler search --kind page)
                save_pages(session, kept, now)
                outcomes += [("page_kept", item.site) for item in kept]
        return outcomes

    # -- failure ---------------------------------------------------------------------------------

    def _give_up(self, batch: list[ArticleItem], exc: Exception, reason: str = "database unavailable") -> None:
        """Spool the batch and close the crawl; the crawl is closed even when the spool cannot be written
        (a full disk): then the items are named in the log, lost to this crawl but fetched again by the next
        (the archive, not the crawl's memory, decides what is known)."""
        self.failed = True
        what = "archive database unavailable" if reason == "database unavailable" else reason
        try:
            self._spool(batch)
        except OSError as spool_error:
            log.error("%s (%s) and the spool cannot be written either (%s): %d item(s) not kept: %s; closing the "
                      "crawl", what, exc, spool_error, len(batch), " ".join(i.article.url or "?" for i in batch))
            self.count("lost", len(batch))
        else:
            log.error("%s (%s); %d item(s) kept in %s; closing the crawl", what, exc, len(batch), self.spool_path)
            self.count("spooled", len(batch))
        self.closing = reason
        close_crawl(self.crawler, reason)

    def _spool(self, items: list[ArticleItem]) -> None:
        """Append items to a JSON-lines file (``pipelines.spool``) so nothing is lost while the database is
        down; the next crawl into the same archive replays them."""
        if self.spool_path is None:
            self.spool_path = spool_path(self.spool_dir)
        archive = archive_id(self.url)
        write_spool(self.spool_path, [spool_record(item, archive, self.run_id) for item in items])

    def _settings_summary(self) -> dict[str, Any]:
        if self.crawler is None:
            return {}
        s = self.crawler.settings
        keys = ("USER_AGENT", "ROBOTSTXT_OBEY", "DOWNLOAD_DELAY", "CONCURRENT_REQUESTS_PER_DOMAIN",
                "AUTOTHROTTLE_ENABLED", "NEWSCRAWLER_BATCH_SIZE", "DEPTH_LIMIT", "CLOSESPIDER_PAGECOUNT")
        summary: dict[str, Any] = {k: s.get(k) for k in keys if s.get(k) is not None}
        # who runs it: a later crawl of the site marks the run killed if this process dies without closing it
        summary.update(_host=socket.gethostname(), _pid=os.getpid())
        return summary


def _process_alive(pid: int) -> bool:
    """Whether a process with this id exists on this machine (signal 0 checks without sending anything)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, under another user
        return True
    return True


def _now() -> datetime:
    return datetime.now(UTC)


def _jsonable(stats: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in stats.items()
            if isinstance(v, (int, float, str, datetime))}
