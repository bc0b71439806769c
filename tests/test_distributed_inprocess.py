"""The rest of the distributed crawl in-process: the add-on's settings, the frontier's shared seen set, idle
exit (on an injected clock), heartbeats and clean-up against the real Redis server, and the rate limiter's
per-slot delays and release (no crawl, no network)."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import pytest
import redis
from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy.http import Response
from scrapy.settings import SETTINGS_PRIORITIES, Settings
from scrapy.utils.test import get_crawler

from newscrawler.distributed.addon import RATE_LIMIT, DistributedAddon
from newscrawler.distributed.frontier import FrontierScheduler, Keys, RedisSeen, redis_seen
from newscrawler.distributed.ratelimit import SharedRateLimit
from newscrawler.spiders.fetch import FetchSpider
from newscrawler.spiders.portal import PortalSpider

from .conftest import REDIS_URL

FRONTIER = "newscrawler.distributed.frontier"
SCHEDULER = f"{FRONTIER}.FrontierScheduler"


# --------------------------------------------------------------------------- the add-on


def _updated(spidercls: type[Spider], values: dict[str, Any], priority: str = "project") -> Settings:
    settings = Settings()
    settings.setdict(values, priority=priority)
    DistributedAddon.from_crawler(Crawler(spidercls, {"TELNETCONSOLE_ENABLED": False})).update_settings(settings)
    return settings


def test_without_a_redis_url_or_for_another_spider_the_addon_changes_nothing() -> None:
    assert _updated(PortalSpider, {}).get("SCHEDULER") == Settings().get("SCHEDULER")
    fetch = _updated(FetchSpider, {"NEWSCRAWLER_REDIS_URL": "redis://127.0.0.1:6379/0"})
    assert fetch.get("SCHEDULER") == Settings().get("SCHEDULER") and not fetch.get("NEWSCRAWLER_SEEN_URLS")
    assert DistributedAddon().crawler is None  # built without a crawler (ADDONS may), it changes nothing either
    plain = Settings({"NEWSCRAWLER_REDIS_URL": "redis://127.0.0.1:6379/0"})
    DistributedAddon().update_settings(plain)
    assert plain.get("SCHEDULER") == Settings().get("SCHEDULER")


def test_a_portal_crawl_gets_the_shared_frontier_seen_set_and_rate_limit() -> None:
    settings = _updated(PortalSpider, {"NEWSCRAWLER_REDIS_URL": "redis://:secret@127.0.0.1:6379/3",
                                       "NEWSCRAWLER_SEEN_URLS": ""})
    assert settings.get("SCHEDULER") == SCHEDULER and settings.getpriority("SCHEDULER") == SETTINGS_PRIORITIES["addon"]
    assert settings.get("SCHEDULER_QUEUE_CLASS") == f"{FRONTIER}.LeaseQueue"
    assert settings.getbool("SCHEDULER_PERSIST") and settings.getint("SCHEDULER_IDLE_BEFORE_CLOSE") == 0
    assert settings.get("REDIS_URL") == "redis://:secret@127.0.0.1:6379/3"
    assert settings.get("NEWSCRAWLER_SEEN_URLS") == f"{FRONTIER}.redis_seen"  # the project's "" gives way
    handlers = settings.getdict("DOWNLOAD_HANDLERS")
    inner = settings.getdict("NEWSCRAWLER_REDIS_INNER_HANDLERS")
    assert handlers["http"] == handlers["https"] == RATE_LIMIT
    base = settings.getwithbase("DOWNLOAD_HANDLERS")
    assert set(inner) == {"http", "https"} and RATE_LIMIT not in inner.values()
    assert all(inner[scheme] for scheme in inner) and base["ftp"] not in (None, RATE_LIMIT)  # other schemes kept


def test_the_command_line_and_a_given_seen_set_win_and_the_limiter_never_wraps_itself() -> None:
    settings = Settings()
    settings.setdict({"NEWSCRAWLER_REDIS_URL": "redis://127.0.0.1:6379/0",
                      "NEWSCRAWLER_SEEN_URLS": "my.module.seen"}, priority="project")
    settings.set("SCHEDULER", "my.module.Scheduler", priority="cmdline")
    settings.set("DOWNLOAD_HANDLERS", {"https": "my.module.Handler"}, priority="project")
    addon = DistributedAddon.from_crawler(Crawler(PortalSpider, {"TELNETCONSOLE_ENABLED": False}))
    addon.update_settings(settings)
    assert settings.get("SCHEDULER") == "my.module.Scheduler"  # -s on the command line outranks the add-on
    assert settings.get("NEWSCRAWLER_SEEN_URLS") == "my.module.seen"
    assert settings.getdict("NEWSCRAWLER_REDIS_INNER_HANDLERS")["https"] == "my.module.Handler"
    addon.update_settings(settings)  # applied twice (a second crawl of the process): still one layer
    assert settings.getdict("NEWSCRAWLER_REDIS_INNER_HANDLERS")["https"] == "my.module.Handler"
    assert settings.getdict("DOWNLOAD_HANDLERS")["https"] == RATE_LIMIT


# --------------------------------------------------------------------------- the frontier


def _worker(redis_prefix: str, **settings: Any) -> FrontierScheduler:
    """A worker's scheduler, opened as the engine opens it (its heartbeat loop stopped: ticks are by hand)."""
    crawler = get_crawler(Spider, settings_dict={
        "REDIS_URL": REDIS_URL, "NEWSCRAWLER_REDIS_PREFIX": redis_prefix, "SCHEDULER_PERSIST": True,
        "SCHEDULER_QUEUE_CLASS": f"{FRONTIER}.LeaseQueue", "SCHEDULER_IDLE_BEFORE_CLOSE": 0,
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter", "NEWSCRAWLER_REDIS_LEASE_SECONDS": 1,
        **settings})
    spider = Spider.from_crawler(crawler, name="site")
    crawler.spider = spider
    scheduler = FrontierScheduler.from_crawler(crawler)
    scheduler.open(spider)
    assert scheduler.loop is not None and scheduler.loop.running
    scheduler.loop.stop()
    return scheduler


class _Engine:
    """What ``redis_seen`` reads of the engine: its scheduler."""

    def __init__(self, scheduler: Any) -> None:
        self.scheduler = scheduler


def test_an_article_is_queued_once_across_workers_through_the_shared_seen_set(redis_prefix: str) -> None:
    first, second = _worker(redis_prefix), _worker(redis_prefix)
    seen: list[RedisSeen] = []
    for worker in (first, second):
        worker.crawler.engine = _Engine(worker)  # type: ignore[assignment]
        seen.append(redis_seen(worker.crawler, "site"))
    url = "https://news.example.cn/news/2026/12/01/一.html"  # escaped by Request(): still the same key
    assert seen[0].add(url) and not seen[0].add(url)  # pending in this worker
    assert seen[1].add(url)  # not in Redis yet: both are told yes, only one queues it
    assert first.enqueue_request(Request(url, dont_filter=True))
    assert not second.enqueue_request(Request(url, dont_filter=True))
    assert second.crawler.stats.get_value("newscrawler/frontier/duplicate_article") == 1
    assert not seen[1].add(url)  # now in the shared set
    assert len(first.queue) == 1
    assert first.next_request() is not None and first.next_request() is None
    first.close("shutdown")
    second.close("shutdown")


def test_the_seen_set_needs_the_frontier_scheduler() -> None:
    crawler = get_crawler(Spider)
    crawler.engine = _Engine(object())  # type: ignore[assignment]
    with pytest.raises(NotConfigured, match="needs SCHEDULER = FrontierScheduler"):
        redis_seen(crawler, "site")


def test_the_frontier_refuses_a_queue_that_cannot_lease(redis_prefix: str) -> None:
    with pytest.raises(NotConfigured, match="needs SCHEDULER_QUEUE_CLASS"):
        _worker(redis_prefix, SCHEDULER_QUEUE_CLASS="scrapy_redis.queue.FifoQueue")


def test_an_undecodable_request_is_dropped_loudly_not_leased_forever(redis_prefix: str,
                                                                       caplog: pytest.LogCaptureFixture) -> None:
    worker = _worker(redis_prefix)
    worker.server.lpush(worker.keys.queue, b"not a pickled request")
    with caplog.at_level(logging.ERROR, logger=FRONTIER):
        assert worker.queue.pop() is None
    assert "dropping an undecodable request" in caplog.text
    assert worker.server.llen(worker.keys.processing(worker.worker)) == 0 and len(worker.queue) == 0
    worker.enqueue_request(Request("https://news.example.cn/a.html", dont_filter=True))
    popped = worker.queue.pop()
    assert popped is not None and popped.url == "https://news.example.cn/a.html"
    worker.close("shutdown")


def _idle_since(worker: FrontierScheduler) -> float | None:
    return worker.idle_since


def test_an_idle_worker_stays_while_the_frontier_has_work_then_leaves_after_the_idle_time(
        redis_prefix: str) -> None:
    worker, other = _worker(redis_prefix, NEWSCRAWLER_REDIS_IDLE_SECONDS=30), _worker(redis_prefix)
    now = [1000.0]
    worker.clock = lambda: now[0]
    other.enqueue_request(Request("https://news.example.cn/a.html", dont_filter=True))
    assert other.next_request() is not None  # leased by the other worker: the frontier is busy
    with pytest.raises(DontCloseSpider):
        worker.on_idle(worker.spider)
    assert _idle_since(worker) is None and worker.busy_elsewhere()
    other.tick()  # the other worker's request finished (no store: acknowledged at once)
    assert not worker.busy_elsewhere()
    with pytest.raises(DontCloseSpider):
        worker.on_idle(worker.spider)  # the frontier is empty from now on
    assert _idle_since(worker) == now[0]
    now[0] += 29.9
    with pytest.raises(DontCloseSpider):
        worker.on_idle(worker.spider)
    now[0] += 0.1
    worker.on_idle(worker.spider)  # 30 s empty: Scrapy may close the spider
    other.enqueue_request(Request("https://news.example.cn/b.html", dont_filter=True))
    with pytest.raises(DontCloseSpider):
        worker.on_idle(worker.spider)  # work again: the idle time starts over
    assert _idle_since(worker) is None
    worker.close("shutdown")
    other.close("shutdown")


def test_a_worker_presumed_dead_says_so_and_rejoins(redis_prefix: str, caplog: pytest.LogCaptureFixture) -> None:
    worker = _worker(redis_prefix)
    alive = worker.keys.alive(worker.worker)
    worker.server.delete(alive)
    worker.server.srem(worker.keys.workers, worker.worker)  # another worker recovered its leases meanwhile
    with caplog.at_level(logging.WARNING, logger=FRONTIER):
        worker.tick()
    assert "was presumed dead" in caplog.text
    assert worker.server.exists(alive) and worker.server.sismember(worker.keys.workers, worker.worker)
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger=FRONTIER):
        worker.tick()  # the heartbeat renews quietly
    assert "presumed dead" not in caplog.text
    worker.close("shutdown")


def test_a_dead_worker_without_leases_is_forgotten(redis_prefix: str) -> None:
    alive, dead = _worker(redis_prefix), _worker(redis_prefix)
    dead.server.delete(dead.keys.alive(dead.worker))
    alive.tick()
    members = {m.decode() for m in alive.server.smembers(alive.keys.workers)}
    assert members == {alive.worker}
    assert alive.crawler.stats.get_value("newscrawler/frontier/requeued_from_dead_workers") is None
    alive.close("shutdown")


def test_the_last_worker_out_of_a_finished_crawl_clears_it_and_the_next_crawl_starts_afresh(
        redis_prefix: str) -> None:
    first, second = _worker(redis_prefix), _worker(redis_prefix)
    generation = first.keys.generation
    assert first.enqueue_request(Request("https://news.example.cn/channel/"))
    assert first.next_request() is not None
    first.tick()  # finished, no store: acknowledged
    first.close("finished")
    assert first.server.exists(first.keys.dupefilter)  # the second worker is still at it
    second.close("finished")
    assert not second.server.exists(second.keys.dupefilter) and not second.server.exists(second.keys.seen)
    again = _worker(redis_prefix)
    assert again.keys.generation == generation + 1
    assert again.enqueue_request(Request("https://news.example.cn/channel/"))  # the list page is new again
    again.close("shutdown")
    assert again.server.exists(again.keys.dupefilter)  # a crawl cut short keeps its filter for the restart


def test_closing_a_scheduler_that_never_opened_does_nothing(redis_prefix: str) -> None:
    crawler = get_crawler(Spider, settings_dict={"REDIS_URL": REDIS_URL, "NEWSCRAWLER_REDIS_PREFIX": redis_prefix,
                                                 "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter"})
    scheduler = FrontierScheduler.from_crawler(crawler)
    scheduler.close("finished")
    assert scheduler.keys == Keys(redis_prefix, "unopened")
    assert list(scheduler.server.scan_iter(f"{redis_prefix}:*")) == []


# --------------------------------------------------------------------------- the rate limit


class Recorder:
    """A download handler that records the requests it downloads and whether it was closed."""

    events: list[str] = []  # noqa: RUF012 (shared by the instances the limiters build)

    @classmethod
    def from_crawler(cls, crawler: Any) -> Recorder:
        return cls()

    async def download_request(self, request: Request) -> Response:
        Recorder.events.append(request.url)
        return Response(request.url, status=200, request=request)

    async def close(self) -> None:
        Recorder.events.append("closed")


def _limiter(redis_prefix: str, **settings: Any) -> SharedRateLimit:
    crawler = get_crawler(settings_dict={
        "REDIS_URL": REDIS_URL, "NEWSCRAWLER_REDIS_PREFIX": redis_prefix, "DOWNLOAD_TIMEOUT": 5,
        "NEWSCRAWLER_REDIS_INNER_HANDLERS": {"http": f"{__name__}.Recorder"}, **settings})
    return SharedRateLimit.from_crawler(crawler)


def test_a_slots_own_delay_decides_and_the_token_expires_that_long_after_the_answer(redis_prefix: str) -> None:
    Recorder.events = []
    limiter = _limiter(redis_prefix, DOWNLOAD_DELAY=0, DOWNLOAD_SLOTS={"slow": {"delay": 60}})
    asyncio.run(limiter.download_request(Request("http://a.example.cn/x.html", meta={"download_slot": "slow"})))
    asyncio.run(limiter.download_request(Request("http://b.example.cn/y.html")))  # no delay: no token
    server = redis.Redis.from_url(REDIS_URL)
    ttl = server.pttl(f"{redis_prefix}:slot:slow")
    assert 0 < ttl <= 60_000  # held for the slot's delay after the answer, not the 65 s taken at the start
    assert server.exists(f"{redis_prefix}:slot:b.example.cn") == 0
    asyncio.run(limiter.close())
    assert Recorder.events == ["http://a.example.cn/x.html", "http://b.example.cn/y.html", "closed"]
    server.close()


def test_a_token_taken_over_by_another_request_is_left_alone(redis_prefix: str) -> None:
    limiter = _limiter(redis_prefix, DOWNLOAD_DELAY=1)
    key = f"{redis_prefix}:slot:news.example.cn"
    server = redis.Redis.from_url(REDIS_URL)
    mine = asyncio.run(limiter.acquire(key, 1000, 600_000))
    server.set(key, "another worker's token", px=600_000)  # ours expired; someone else's now
    limiter.release(key, mine, 1000)
    assert server.get(key) == b"another worker's token" and server.pttl(key) > 1000
    server.close()
