"""Per-domain politeness across workers: a token per download slot in Redis, held from a request's
start until ``delay`` after its answer.

The bound, for every download slot (Scrapy's per-domain slot: the request's host unless
``download_slot`` says otherwise) and all workers sharing the Redis server: at most one request is
in flight at a time, and each request is handed to the HTTP handler at least ``delay`` after the
previous one's response (or failure) came back, where ``delay`` is the slot's ``DOWNLOAD_SLOTS``
delay or else ``DOWNLOAD_DELAY`` (as the site profile sets it). Hence at most one request start
per ``delay``, and the server sees at least ``delay`` between answering one of our requests and
receiving the next. That follows from causality and Redis's own clock alone (no worker clock is
read), so it holds at the server however loaded a worker is; Redis's millisecond expiry precision
is the only slack.

The token is ``<prefix>:slot:<slot>``: taken with ``SET NX PX <download timeout + delay>`` (a
worker killed mid-request blocks the slot at most that long), and after the answer shortened to
``PX <delay>`` if still ours (``WATCH``/``MULTI``, no Lua). A worker that finds it taken sleeps the
token's remaining time once it is in its final ``delay``, and polls every quarter ``delay`` (at most
50 ms) while a request is still in flight.

Why a download handler and not a downloader middleware: downloader middlewares run *before* a
request enters the worker's local download slot, where it can still wait for the local delay
(randomised, raised by AutoThrottle) or for a free connection; a token taken there would be held
through those waits and stall every other worker. Here, between the local slot and the HTTP
handler, it is held only while the request is really out. The handler wraps whatever handlers
``http`` and ``https`` had (``NEWSCRAWLER_REDIS_INNER_HANDLERS``, filled in by the add-on). Local
politeness (each worker's own delay, AutoThrottle, concurrency) still applies on top.
"""

from __future__ import annotations

import uuid
from typing import Any

import redis
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy.utils.asyncio import sleep
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.misc import build_from_crawler, load_object
from scrapy_redis.connection import get_redis_from_settings  # type: ignore[import-untyped]

from newscrawler.distributed.frontier import DEFAULT_PREFIX


class SharedRateLimit:
    """Download handler: hold the slot's shared token while the wrapped handler downloads."""

    lazy = False

    def __init__(self, crawler: Crawler) -> None:
        s = crawler.settings
        self.crawler = crawler
        self.server = get_redis_from_settings(s)
        self.prefix: str = s.get("NEWSCRAWLER_REDIS_PREFIX") or DEFAULT_PREFIX
        self.delay = s.getfloat("DOWNLOAD_DELAY")
        self.timeout = s.getfloat("DOWNLOAD_TIMEOUT", 180.0)
        self.slot_delays = {k: float(v["delay"]) for k, v in s.getdict("DOWNLOAD_SLOTS").items() if "delay" in v}
        self.inner_paths: dict[str, Any] = dict(s.getdict("NEWSCRAWLER_REDIS_INNER_HANDLERS"))
        self.inner: dict[str, Any] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SharedRateLimit:
        return cls(crawler)

    async def download_request(self, request: Request) -> Response:
        handler = self.handler(urlparse_cached(request).scheme)
        slot = str(request.meta.get("download_slot") or urlparse_cached(request).hostname or "")
        delay_ms = round(self.slot_delays.get(slot, self.delay) * 1000)
        if delay_ms <= 0:
            response: Response = await handler.download_request(request)
            return response
        key = f"{self.prefix}:slot:{slot}"
        hold_ms = delay_ms + round(float(request.meta.get("download_timeout") or self.timeout) * 1000)
        token = await self.acquire(key, delay_ms, hold_ms)
        try:
            response = await handler.download_request(request)
            return response
        finally:
            self.release(key, token, delay_ms)

    async def acquire(self, key: str, delay_ms: int, hold_ms: int) -> str:
        """Wait until this request holds the slot's token; return the token."""
        token = uuid.uuid4().hex
        stats = self.crawler.stats
        assert stats is not None
        while True:
            pipe = self.server.pipeline(transaction=False)
            pipe.set(key, token, nx=True, px=hold_ms)
            pipe.pttl(key)
            taken, remaining_ms = pipe.execute()
            if taken:
                return token
            stats.inc_value("newscrawler/ratelimit/waits")
            wait_ms = remaining_ms if 0 < remaining_ms <= delay_ms else max(1, min(delay_ms // 4, 50))
            await sleep(wait_ms / 1000)

    def release(self, key: str, token: str, delay_ms: int) -> None:
        """Let the token expire ``delay`` from now, if it is still this request's."""
        with self.server.pipeline() as pipe:
            try:
                pipe.watch(key)
                if pipe.get(key) == token.encode():
                    pipe.multi()
                    pipe.pexpire(key, delay_ms)
                    pipe.execute()
            except redis.WatchError:
                pass

    def handler(self, scheme: str) -> Any:
        if scheme not in self.inner:
            path = self.inner_paths.get(scheme)
            if path is None:
                raise ValueError(f"no download handler to wrap for {scheme!r} (NEWSCRAWLER_REDIS_INNER_HANDLERS)")
            self.inner[scheme] = build_from_crawler(load_object(path), self.crawler)
        return self.inner[scheme]

    async def close(self) -> None:
        for handler in self.inner.values():
            await handler.close()
