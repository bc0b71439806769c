"""The shared per-domain rate limit in-process, against the real Redis server: one request in flight per
download slot across limiter instances (two workers), the token released to expire ``delay`` after
the answer, slots with no delay untouched. A recording handler stands in for the HTTP handler."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
import redis
from scrapy import Request
from scrapy.http import Response
from scrapy.utils.test import get_crawler

from newscrawler.distributed.ratelimit import SharedRateLimit

from .conftest import REDIS_URL


class Recorder:
    """A download handler that records when each download starts and ends (in order, no clock)."""

    events: list[str] = []  # noqa: RUF012 (shared by the instances the limiters build)

    def __init__(self, *args: Any) -> None:
        pass

    @classmethod
    def from_crawler(cls, crawler: Any) -> Recorder:
        return cls()

    async def download_request(self, request: Request) -> Response:
        Recorder.events.append(f"start {request.url}")
        await asyncio.sleep(0.02)
        Recorder.events.append(f"end {request.url}")
        return Response(request.url, status=200, request=request)

    async def close(self) -> None:
        pass




def _limiter(redis_prefix: str, delay: float) -> SharedRateLimit:
    crawler = get_crawler(settings_dict={
        "REDIS_URL": REDIS_URL, "NEWSCRAWLER_REDIS_PREFIX": redis_prefix, "DOWNLOAD_DELAY": delay,
        "DOWNLOAD_TIMEOUT": 5, "NEWSCRAWLER_REDIS_INNER_HANDLERS": {"http": f"{__name__}.Recorder"}})
    return SharedRateLimit.from_crawler(crawler)


def test_two_workers_never_have_two_requests_of_one_slot_in_flight(redis_prefix: str) -> None:
    Recorder.events = []
    workers = [_limiter(redis_prefix, 0.05), _limiter(redis_prefix, 0.05)]
    urls = [f"http://news.example.cn/{n}.html" for n in range(4)]

    async def crawl() -> None:
        await asyncio.gather(*(workers[n % 2].download_request(Request(url)) for n, url in enumerate(urls)))

    asyncio.run(crawl())
    events = Recorder.events
    assert len(events) == 8
    for n in range(0, 8, 2):  # strictly start, end, start, end: never two downloads of the slot at once
        assert events[n].startswith("start ") and events[n + 1] == "end " + events[n].removeprefix("start ")
    assert sum(int(w.crawler.stats.get_value("newscrawler/ratelimit/waits", 0)) for w in workers) > 0
    key = f"{redis_prefix}:slot:news.example.cn"
    ttl = redis.Redis.from_url(REDIS_URL).pttl(key)
    assert ttl <= 50  # released: the token only outlives the last answer by the delay


def test_a_slot_without_delay_takes_no_token(redis_prefix: str) -> None:
    Recorder.events = []
    limiter = _limiter(redis_prefix, 0)
    asyncio.run(limiter.download_request(Request("http://fast.example.cn/a.html")))
    assert Recorder.events == ["start http://fast.example.cn/a.html", "end http://fast.example.cn/a.html"]
    assert redis.Redis.from_url(REDIS_URL).exists(f"{redis_prefix}:slot:fast.example.cn") == 0


def test_a_scheme_without_an_inner_handler_is_a_clear_error(redis_prefix: str) -> None:
    limiter = _limiter(redis_prefix, 0)
    with pytest.raises(ValueError, match="no download handler to wrap for 'https'"):
        asyncio.run(limiter.download_request(Request("https://news.example.cn/a.html")))
