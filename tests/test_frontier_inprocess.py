"""The shared frontier's lease and acknowledgement logic in-process, against the real Redis server and
without a crawl: leases are acknowledged only after the store's ``batch_committed``, a dead worker's
leases are re-queued, and a closing worker hands back what it still holds."""

from __future__ import annotations

from typing import Any

from scrapy import Request, Spider
from scrapy.utils.test import get_crawler

from newscrawler.distributed.frontier import FrontierScheduler
from pipelines.signals import batch_committed, flush_requested

from .conftest import REDIS_URL

FRONTIER = "newscrawler.distributed.frontier"




def _worker(redis_prefix: str) -> FrontierScheduler:
    """A worker's scheduler, opened as the engine opens it (its heartbeat loop stopped: ticks are by hand)."""
    crawler = get_crawler(Spider, settings_dict={
        "REDIS_URL": REDIS_URL, "NEWSCRAWLER_REDIS_PREFIX": redis_prefix, "SCHEDULER_PERSIST": True,
        "SCHEDULER_QUEUE_CLASS": f"{FRONTIER}.LeaseQueue", "SCHEDULER_IDLE_BEFORE_CLOSE": 0,
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter", "NEWSCRAWLER_REDIS_LEASE_SECONDS": 1})
    spider = Spider.from_crawler(crawler, name="site")
    crawler.spider = spider
    scheduler = FrontierScheduler.from_crawler(crawler)
    scheduler.open(spider)
    assert scheduler.loop is not None
    scheduler.loop.stop()
    return scheduler


def _processing(scheduler: FrontierScheduler) -> int:
    return int(scheduler.server.llen(scheduler.keys.processing(scheduler.worker)))


def test_a_lease_is_acknowledged_only_when_the_store_has_committed(redis_prefix: str) -> None:
    worker = _worker(redis_prefix)
    asked: list[Any] = []
    worker.crawler.signals.connect(lambda: asked.append(1), signal=flush_requested, weak=False)
    assert worker.enqueue_request(Request("https://news.example.cn/a.html", dont_filter=True))
    request = worker.next_request()
    assert request is not None and request.url == "https://news.example.cn/a.html"
    assert _processing(worker) == 1
    worker.tick()  # the request has finished (no engine holds it): the store is asked to commit
    assert asked == [1] and _processing(worker) == 1  # not committed yet: still leased
    worker.crawler.signals.send_catch_log(batch_committed)
    assert _processing(worker) == 0
    assert worker.crawler.stats.get_value("newscrawler/frontier/acknowledged") == 1
    worker.close("finished")


def test_without_a_store_a_finished_lease_is_acknowledged_at_once(redis_prefix: str) -> None:
    worker = _worker(redis_prefix)
    worker.enqueue_request(Request("https://news.example.cn/b.html", dont_filter=True))
    assert worker.next_request() is not None
    worker.tick()
    assert _processing(worker) == 0
    worker.close("finished")


def test_the_leases_of_a_dead_worker_are_requeued_and_pages_are_queued_once(redis_prefix: str) -> None:
    alive, dead = _worker(redis_prefix), _worker(redis_prefix)
    assert alive.keys.generation == dead.keys.generation  # the second joined the first's crawl
    assert dead.enqueue_request(Request("https://news.example.cn/channel/"))
    assert not alive.enqueue_request(Request("https://news.example.cn/channel/"))  # shared duplicate filter
    assert dead.next_request() is not None and _processing(dead) == 1
    dead.server.delete(dead.keys.alive(dead.worker))  # its heartbeat stopped: killed
    alive.tick()
    assert _processing(dead) == 0 and len(alive.queue) == 1
    assert alive.crawler.stats.get_value("newscrawler/frontier/requeued_from_dead_workers") == 1
    again = alive.next_request()
    assert again is not None and again.url == "https://news.example.cn/channel/"
    alive.close("finished")


def test_a_closing_worker_hands_back_what_it_still_holds(redis_prefix: str) -> None:
    worker, other = _worker(redis_prefix), _worker(redis_prefix)
    worker.enqueue_request(Request("https://news.example.cn/c.html", dont_filter=True))
    worker.enqueue_request(Request("https://news.example.cn/d.html", dont_filter=True))
    worker.next_request()
    worker.queue.lease()  # a request leased but never handed to the engine (the engine stopped)
    worker.close("shutdown")
    assert len(other.queue) == 1  # the one it never finished; the finished one was acknowledged at close
    other.close("finished")
