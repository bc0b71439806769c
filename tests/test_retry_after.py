"""The retry middleware in-process: Scrapy's retry rules through its public ``get_retry_request``, waits
from Retry-After or a doubling backoff, and bounds on both (no crawl, no network)."""

from __future__ import annotations

import asyncio
from typing import Any

from scrapy import Request, Spider
from scrapy.http import Response
from scrapy.utils.test import get_crawler
from twisted.internet.error import ConnectionRefusedError

from newscrawler.middlewares.retry_after import BackoffRetryMiddleware, retry_after_seconds


def _middleware(**settings: Any) -> tuple[BackoffRetryMiddleware, Any]:
    crawler = get_crawler(Spider, settings_dict={"NEWSCRAWLER_RETRY_BACKOFF": 0.001, **settings})
    crawler.spider = Spider.from_crawler(crawler, name="t")
    return BackoffRetryMiddleware.from_crawler(crawler), crawler.stats


def _answer(status: int, retry_after: str | None = None) -> tuple[Request, Response]:
    request = Request("https://news.example.cn/a.html")
    headers = {"Retry-After": retry_after} if retry_after is not None else {}
    return request, Response(request.url, status=status, headers=headers, request=request)


def test_a_retry_after_beyond_the_cap_is_given_up_at_once() -> None:
    middleware, stats = _middleware(NEWSCRAWLER_RETRY_AFTER_MAX=120)
    request, response = _answer(429, "100000")
    assert asyncio.run(middleware.process_response(request, response)) is response
    assert stats.get_value("newscrawler/retry/retry_after_too_long") == 1


def test_a_short_retry_after_is_obeyed_and_counted() -> None:
    middleware, stats = _middleware()
    request, response = _answer(503, "0")
    retry = asyncio.run(middleware.process_response(request, response))
    assert isinstance(retry, Request) and retry.meta["retry_times"] == 1
    assert stats.get_value("newscrawler/retry/retry_after") == 1


def test_backoff_doubles_and_the_total_wait_per_request_is_bounded() -> None:
    middleware, stats = _middleware(NEWSCRAWLER_RETRY_BACKOFF=0.01, NEWSCRAWLER_RETRY_TOTAL_MAX=0.025)
    request = Request("https://news.example.cn/a.html")
    first = asyncio.run(middleware.process_exception(request, ConnectionRefusedError()))  # type: ignore[no-untyped-call]
    assert isinstance(first, Request) and first.meta["newscrawler_retry_waited"] == 0.01
    second = asyncio.run(middleware.process_exception(first, ConnectionRefusedError()))  # type: ignore[no-untyped-call]  # waits 0.02: 0.03 > cap
    assert second is None
    assert stats.get_value("newscrawler/retry/retry_time_exhausted") == 1


def test_scrapys_retry_limit_and_dont_retry_still_apply() -> None:
    middleware, _ = _middleware(RETRY_TIMES=1)
    request, response = _answer(500)
    retry = asyncio.run(middleware.process_response(request, response))
    assert isinstance(retry, Request)
    again = Response(retry.url, status=500, request=retry)
    assert asyncio.run(middleware.process_response(retry, again)) is again  # RETRY_TIMES reached
    quiet = Request("https://news.example.cn/b.html", meta={"dont_retry": True})
    plain = Response(quiet.url, status=500, request=quiet)
    assert asyncio.run(middleware.process_response(quiet, plain)) is plain


def test_retry_after_values() -> None:
    from datetime import UTC, datetime

    now = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
    assert retry_after_seconds("120") == 120.0
    assert retry_after_seconds("Wed, 01 May 2024 12:00:30 GMT", now) == 30.0
    assert retry_after_seconds("Wed, 01 May 2024 11:00:00 GMT", now) == 0.0
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None


def test_a_waiting_retry_is_abandoned_when_the_crawl_stops() -> None:
    middleware, stats = _middleware(NEWSCRAWLER_RETRY_BACKOFF=3600.0, NEWSCRAWLER_RETRY_TOTAL_MAX=1e9)

    class Engine:  # the crawl has received a stop signal: Scrapy's engine.running is False
        running = False

    middleware.crawler.engine = Engine()  # type: ignore[assignment]
    request = Request("https://news.example.cn/a.html")
    # an hour's backoff: the test would hang if the wait did not notice the stop
    assert asyncio.run(middleware.process_exception(request, ConnectionRefusedError())) is None  # type: ignore[no-untyped-call]
    assert stats.get_value("newscrawler/retry/abandoned_at_shutdown") == 1
