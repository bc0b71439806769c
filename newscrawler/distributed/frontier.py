"""The shared frontier: scrapy-redis's scheduler with leases, an atomic seen set and idle exit.

Redis keys of one site's crawl, under ``<NEWSCRAWLER_REDIS_PREFIX>:<site>:``:

``queue``               the requests to do (a list: pushed on the left, leased from the right)
``generation``          the number of the current crawl of the site
``<n>:dupefilter``      fingerprints of the list pages queued in crawl n (scrapy-redis's fingerprints)
``<n>:seen``            article keys queued in crawl n (the portal spider's ``url_key``); for the
                        ``watch`` spider, the re-visits queued (``visit:<article id>:<visit count>``)
``workers``             the workers that may hold leases
``alive:<worker>``      a worker's heartbeat, expiring after ``NEWSCRAWLER_REDIS_LEASE_SECONDS``
``processing:<worker>`` the requests a worker has leased and not yet acknowledged

A starting worker first re-queues the leases of dead workers, then joins the crawl in progress if
any worker is registered or anything is queued (so a crawl whose workers were all killed or stopped
resumes), and otherwise starts the next crawl (``generation`` + 1) with an empty duplicate filter and
seen set, deleting the previous crawl's: a finished crawl never hides list pages from the next one.

Why a shim over scrapy-redis 0.9.1 (read against Scrapy 2.19 and run): its scheduler works with
the async ``start()`` and the engine's duck-typed scheduler interface, but (1) it tests and marks
a fingerprint (``SADD``) and pushes the request in two steps, so a worker killed between them
loses the request for good; (2) a popped request lives only in the worker's memory, so a kill
loses everything in flight; (3) its stats calls pass ``spider=``, deprecated in Scrapy 2.19;
(4) ``SCHEDULER_IDLE_BEFORE_CLOSE`` works by a blocking ``BRPOP`` on the reactor thread (freezing
every download while it waits) and a plain spider closes as soon as the shared queue is empty for
a moment, although other workers are still producing requests. The shim keeps scrapy-redis's
connection, queue encoding and fingerprints and replaces ``enqueue_request``/``next_request``.

A lease is acknowledged (removed from ``processing:<worker>``) only once its request has finished
and what it produced is committed: the frontier sends ``pipelines.signals.flush_requested`` and
acknowledges on the store's ``batch_committed`` (it never reaches into the item pipelines).
"""

from __future__ import annotations

import logging
import os
import socket
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import redis
from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy.utils.misc import load_object
from scrapy_redis.dupefilter import RFPDupeFilter  # type: ignore[import-untyped]
from scrapy_redis.queue import FifoQueue  # type: ignore[import-untyped]
from scrapy_redis.scheduler import Scheduler  # type: ignore[import-untyped]
from twisted.internet.task import LoopingCall
from w3lib.url import safe_url_string

from newscrawler.adapters import InternalChanged
from newscrawler.adapters import scrapy as scrapy_internals
from newscrawler.incremental import url_key
from pipelines.signals import batch_committed, flush_requested

log = logging.getLogger(__name__)

DEFAULT_PREFIX = "newscrawler"

# Mark a member and push the request in one step, or do neither (KEYS: set, queue; ARGV: member, request).
PUSH_IF_NEW = """
if redis.call('SADD', KEYS[1], ARGV[1]) == 1 then
  redis.call('LPUSH', KEYS[2], ARGV[2])
  return 1
end
return 0
"""


@dataclass(frozen=True)
class Keys:
    """The Redis keys of one site's shared crawl."""

    prefix: str
    site: str
    generation: int = 0

    def key(self, name: str) -> str:
        return f"{self.prefix}:{self.site}:{name}"

    @property
    def queue(self) -> str:
        return self.key("queue")

    @property
    def current(self) -> str:
        return self.key("generation")

    @property
    def dupefilter(self) -> str:
        return self.key(f"{self.generation}:dupefilter")

    @property
    def seen(self) -> str:
        return self.key(f"{self.generation}:seen")

    @property
    def workers(self) -> str:
        return self.key("workers")

    def alive(self, worker: str) -> str:
        return self.key(f"alive:{worker}")

    def processing(self, worker: str) -> str:
        return self.key(f"processing:{worker}")


class LeaseQueue(FifoQueue):  # type: ignore[misc]
    """scrapy-redis's FIFO list whose pop is a lease: the request moves to the worker's processing list."""

    keys: Keys
    worker: str

    def lease(self) -> tuple[Request, bytes] | None:
        """Pop the oldest request into this worker's processing list (re-registering the worker in the
        same transaction, so a non-empty processing list always belongs to a registered worker)."""
        pipe = self.server.pipeline()
        pipe.sadd(self.keys.workers, self.worker)
        pipe.lmove(self.key, self.keys.processing(self.worker), "RIGHT", "LEFT")
        data: bytes | None = pipe.execute()[1]
        if data is None:
            return None
        try:
            return self._decode_request(data), data
        except Exception:  # a request this code cannot rebuild would come back forever: drop it, loudly
            log.exception("dropping an undecodable request from the shared queue")
            self.server.lrem(self.keys.processing(self.worker), 1, data)
            return None

    def pop(self, timeout: int = 0) -> Request | None:
        leased = self.lease()
        return leased[0] if leased else None


class RedisSeen:
    """The article seen set shared by all workers (the portal spider's ``NEWSCRAWLER_SEEN_URLS``).

    ``add`` only checks Redis and remembers the key as pending; the scheduler adds it to the shared
    set in the same atomic step that queues its request (see :data:`PUSH_IF_NEW`), so a worker killed
    between the two leaves neither behind. Two workers may both be told yes; only one queues it.
    """

    def __init__(self, server: Any, key: str) -> None:
        self.server = server
        self.key = key
        self.pending: dict[str, str] = {}
        """The request URL's key (as the scheduler computes it) -> the key the spider added."""

    def add(self, key: str) -> bool:
        request_key = url_key(safe_url_string(key))  # how the key reads once Request() has escaped the URL
        if request_key in self.pending or self.server.sismember(self.key, key):
            return False
        self.pending[request_key] = key
        return True


def redis_seen(crawler: Crawler, site: str) -> RedisSeen:
    """The ``NEWSCRAWLER_SEEN_URLS`` factory the add-on sets: the scheduler's shared seen set for ``site``."""
    scheduler = crawler.engine.scheduler
    if not isinstance(scheduler, FrontierScheduler):
        raise NotConfigured("newscrawler.distributed.frontier.redis_seen needs SCHEDULER = FrontierScheduler")
    return scheduler.seen_set(site)


class FrontierScheduler(Scheduler):  # type: ignore[misc]
    """scrapy-redis's scheduler with atomic pushes, leased pops, dead-worker recovery and idle exit."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FrontierScheduler:
        scheduler: FrontierScheduler = super().from_crawler(crawler)
        scheduler.setup(crawler)
        return scheduler

    def setup(self, crawler: Crawler) -> None:
        s = crawler.settings
        self.crawler = crawler
        self.prefix: str = s.get("NEWSCRAWLER_REDIS_PREFIX") or DEFAULT_PREFIX
        self.lease_ms = max(1000, round(s.getfloat("NEWSCRAWLER_REDIS_LEASE_SECONDS", 30.0) * 1000))
        self.idle_seconds = s.getfloat("NEWSCRAWLER_REDIS_IDLE_SECONDS", 30.0)
        self.worker = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self.keys = Keys(self.prefix, "unopened")
        self.leases: list[tuple[Request, bytes]] = []
        self.seen: RedisSeen | None = None
        self.idle_since: float | None = None
        self.clock: Callable[[], float] = time.monotonic
        """Seconds of a monotonic clock, read by the idle exit (tests give another clock)."""
        self.loop: LoopingCall | None = None
        self.awaiting: list[tuple[Request, bytes]] = []
        """Leases whose requests have finished, waiting for the store to commit what they produced."""
        self.push_if_new = self.server.register_script(PUSH_IF_NEW)
        crawler.signals.connect(self.on_idle, signal=signals.spider_idle)
        crawler.signals.connect(self.on_batch_committed, signal=batch_committed)

    # -- lifecycle -------------------------------------------------------------------------------

    def open(self, spider: Spider) -> None:
        if not issubclass(load_object(self.queue_cls), LeaseQueue):
            raise NotConfigured(f"FrontierScheduler needs SCHEDULER_QUEUE_CLASS = {__name__}.LeaseQueue")
        try:
            scrapy_internals.check()  # the engine's in-progress requests (see _in_progress)
        except InternalChanged as exc:
            raise NotConfigured(f"FrontierScheduler: {exc}") from exc
        profile = getattr(spider, "profile", None)
        self.keys = Keys(self.prefix, getattr(profile, "name", None) or spider.name)
        self._recover_dead()
        self.keys = self._join()
        self.queue_key = self.keys.queue
        self.df = RFPDupeFilter(self.server, key=self.keys.dupefilter, debug=False)
        super().open(spider)
        self.queue.keys, self.queue.worker = self.keys, self.worker
        self.loop = LoopingCall(self.tick)
        self.loop.start(min(1.0, self.lease_ms / 3000), now=False)
        log.info("worker %s joined crawl %d of %s:%s (%d request(s) queued)", self.worker, self.keys.generation,
                 self.prefix, self.keys.site, len(self.queue))

    def _join(self) -> Keys:
        """Register, joining the crawl in progress or starting the next one (atomically: of two workers
        starting at once, one starts the crawl and the other joins it)."""
        keys = self.keys
        with self.server.pipeline() as pipe:
            while True:
                try:
                    pipe.watch(keys.workers, keys.queue, keys.current)
                    running = pipe.scard(keys.workers) or pipe.llen(keys.queue)
                    previous = Keys(keys.prefix, keys.site, int(pipe.get(keys.current) or 0))
                    pipe.multi()
                    if running:
                        joined = previous
                    else:
                        joined = Keys(keys.prefix, keys.site, previous.generation + 1)
                        pipe.set(keys.current, joined.generation)
                        pipe.delete(previous.dupefilter, previous.seen)
                    pipe.sadd(keys.workers, self.worker)
                    pipe.set(keys.alive(self.worker), "1", px=self.lease_ms)
                    pipe.execute()
                    return joined
                except redis.WatchError:
                    continue

    def close(self, reason: str) -> None:
        """Scrapy closes the scheduler after every request has finished and the pipelines have closed
        (committing the last batch): acknowledge everything, hand back anything else, leave."""
        if self.loop is None:  # never opened
            return
        if self.loop.running:
            self.loop.stop()
        self._acknowledge(self.awaiting + self.leases)  # the store stage has closed: its last batch committed
        self.awaiting, self.leases = [], []
        mine = self.keys.processing(self.worker)
        while self.server.lmove(mine, self.keys.queue, "RIGHT", "RIGHT") is not None:
            pass
        self.server.srem(self.keys.workers, self.worker)
        self.server.delete(self.keys.alive(self.worker))
        if reason == "finished":
            self._clear_if_last()

    def seen_set(self, site: str) -> RedisSeen:
        self.seen = RedisSeen(self.server, Keys(self.prefix, site, self.keys.generation).seen)
        return self.seen

    # -- the engine's interface ------------------------------------------------------------------

    def enqueue_request(self, request: Request) -> bool:
        visit = request.meta.get("watch_visit")
        if visit is not None:  # a watch re-visit: queued once, however many workers planned it
            return self._push_new(self.keys.seen, f"visit:{visit}", request, "visit")
        if self.seen is not None and self.seen.pending:
            key = self.seen.pending.pop(url_key(request.url), None)
            if key is not None:
                return self._push_new(self.seen.key, key, request, "article")
        if not request.dont_filter:
            return self._push_new(self.keys.dupefilter, self.df.request_fingerprint(request), request, "page")
        self.queue.push(request)
        self._count("enqueued")
        return True

    def next_request(self) -> Request | None:
        leased: tuple[Request, bytes] | None = self.queue.lease()
        if leased is None:
            return None
        self.leases.append(leased)
        self.idle_since = None
        self._count("leased")
        return leased[0]

    def _push_new(self, set_key: str, member: str, request: Request, kind: str) -> bool:
        data = self.queue.serializer.dumps(request.to_dict(spider=self.spider))
        if self.push_if_new(keys=[set_key, self.keys.queue], args=[member, data]):
            self._count("enqueued")
            return True
        self._count(f"duplicate_{kind}")
        return False

    def _count(self, name: str, n: int = 1) -> None:
        self.crawler.stats.inc_value(f"newscrawler/frontier/{name}", n)

    # -- leases, heartbeats, dead workers --------------------------------------------------------

    def tick(self) -> None:
        """Every second (or a third of the lease): heartbeat, acknowledge, recover the dead, wake the engine."""
        try:
            self._heartbeat()
            self._acknowledge_finished()
            self._recover_dead()
        except redis.RedisError as exc:  # Redis away for a moment: the next tick tries again
            log.warning("shared frontier: %s", exc)
        scrapy_internals.wake_engine(self.crawler)  # look at the shared queue now, not at the next heartbeat

    def _register(self) -> None:
        pipe = self.server.pipeline()
        pipe.sadd(self.keys.workers, self.worker)
        pipe.set(self.keys.alive(self.worker), "1", px=self.lease_ms)
        pipe.execute()

    def _heartbeat(self) -> None:
        if not self.server.set(self.keys.alive(self.worker), "1", px=self.lease_ms, xx=True):
            log.warning("worker %s was presumed dead (no heartbeat for %.0f s): its in-flight requests were "
                        "re-queued and may be fetched twice", self.worker, self.lease_ms / 1000)
            self._register()

    def _in_progress(self) -> set[Request]:
        """Requests the engine is still working on: from download start until their callback's output
        has been handled (requests scheduled, items through every pipeline). Scrapy has no public
        signal for that moment; the engine slot's ``inprogress`` set is exactly it (checked at open)."""
        return scrapy_internals.in_progress(self.crawler)

    def _acknowledge_finished(self) -> None:
        """Leases whose requests finished wait for the store's next commit (``flush_requested`` asks for it
        now); a crawl without a store stage has nothing to wait for."""
        busy = self._in_progress()
        done = [lease for lease in self.leases if lease[0] not in busy]
        if not done:
            return
        self.leases = [lease for lease in self.leases if lease[0] in busy]
        self.awaiting.extend(done)
        if not self.crawler.signals.send_catch_log(flush_requested):
            self.on_batch_committed()

    def on_batch_committed(self) -> None:
        """The store committed: what the awaiting leases produced is in the archive; forget them."""
        done, self.awaiting = self.awaiting, []
        self._acknowledge(done)

    def _acknowledge(self, leases: list[tuple[Request, bytes]]) -> None:
        """Remove ``leases`` from this worker's processing list: their requests will not be handed out again."""
        if not leases:
            return
        pipe = self.server.pipeline(transaction=False)
        for _, data in leases:
            pipe.lrem(self.keys.processing(self.worker), 1, data)
        pipe.execute()
        self._count("acknowledged", len(leases))

    def _recover_dead(self) -> None:
        for raw in self.server.smembers(self.keys.workers):
            worker = raw.decode() if isinstance(raw, bytes) else str(raw)
            if worker == self.worker or self.server.exists(self.keys.alive(worker)):
                continue
            moved = 0
            while self.server.lmove(self.keys.processing(worker), self.keys.queue, "RIGHT", "RIGHT") is not None:
                moved += 1
            self._forget(worker)
            if moved:
                log.warning("worker %s stopped its heartbeat: %d in-flight request(s) re-queued", worker, moved)
                self._count("requeued_from_dead_workers", moved)

    def _forget(self, worker: str) -> None:
        """Deregister a dead worker unless it leased again meanwhile (then the next tick recovers it)."""
        with self.server.pipeline() as pipe:
            try:
                pipe.watch(self.keys.processing(worker), self.keys.alive(worker))
                if pipe.llen(self.keys.processing(worker)) == 0 and not pipe.exists(self.keys.alive(worker)):
                    pipe.multi()
                    pipe.srem(self.keys.workers, worker)
                    pipe.execute()
            except redis.WatchError:
                pass

    # -- idle exit -------------------------------------------------------------------------------

    def busy_elsewhere(self) -> bool:
        """Whether the shared frontier holds work: queued requests or any worker's leased ones."""
        if len(self.queue):
            return True
        workers = self.server.smembers(self.keys.workers)
        pipe = self.server.pipeline(transaction=False)
        for raw in workers:
            pipe.llen(self.keys.processing(raw.decode() if isinstance(raw, bytes) else str(raw)))
        return any(pipe.execute()) if workers else False

    def on_idle(self, spider: Spider) -> None:
        """Keep an idle worker open while the frontier has work or for NEWSCRAWLER_REDIS_IDLE_SECONDS after."""
        now = self.clock()
        try:
            busy = self.busy_elsewhere()
        except redis.RedisError as exc:  # cannot tell: stay
            log.warning("shared frontier: %s", exc)
            raise DontCloseSpider from exc
        if busy:
            self.idle_since = None
        elif self.idle_since is None:
            self.idle_since = now
        if self.idle_since is None or now - self.idle_since < self.idle_seconds:
            raise DontCloseSpider
        log.info("shared frontier empty for %.0f s: worker %s leaves", now - self.idle_since, self.worker)

    def _clear_if_last(self) -> None:
        """The last worker out of a finished crawl frees its duplicate filter and seen set (not when a
        worker has joined or queued something meanwhile; the next crawl would delete them anyway)."""
        with self.server.pipeline() as pipe:
            try:
                pipe.watch(self.keys.workers, self.keys.queue)
                if pipe.scard(self.keys.workers) or pipe.llen(self.keys.queue):
                    return
                pipe.multi()
                pipe.delete(self.keys.dupefilter, self.keys.seen)
                pipe.execute()
                log.info("last worker out: the shared frontier of %s is cleared for the next crawl", self.keys.site)
            except redis.WatchError:
                pass
