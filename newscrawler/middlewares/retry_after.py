"""Retries that back off: exponential waits on 5xx and network errors, and ``Retry-After`` obeyed.

Scrapy's retry middleware re-queues a failed request at once. This subclass keeps
its rules (``RETRY_TIMES``, ``RETRY_HTTP_CODES``, ``RETRY_EXCEPTIONS``, give-up
logging and stats) and waits before each retry: as long as a 429/503 answer's
``Retry-After`` says (capped by ``NEWSCRAWLER_RETRY_AFTER_MAX``, default 120 s),
otherwise ``NEWSCRAWLER_RETRY_BACKOFF`` × 2^(attempt − 1) seconds (default 1 s:
1, 2, 4 …). A ``Retry-After`` also slows the site's download slot, so its other
requests back off too (AutoThrottle lowers the delay again when it recovers).
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Response
from scrapy.utils.response import response_status_message


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` value (delta-seconds or an HTTP date); None when absent/invalid."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retry rules, with a wait before every retry."""

    backoff = 1.0
    cap = 120.0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BackoffRetryMiddleware:
        middleware = super().from_crawler(crawler)
        middleware.backoff = crawler.settings.getfloat("NEWSCRAWLER_RETRY_BACKOFF", 1.0)
        middleware.cap = crawler.settings.getfloat("NEWSCRAWLER_RETRY_AFTER_MAX", 120.0)
        return middleware

    async def process_response(self, request: Request, response: Response) -> Request | Response:  # type: ignore[override]
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        retry = self._retry(request, response_status_message(response.status))
        if retry is None:
            return response
        raw = response.headers.get(b"Retry-After") if response.status in (429, 503) else None
        asked = retry_after_seconds(raw.decode("latin-1") if raw else None)
        if asked is not None:
            wait = min(asked, self.cap)
            self._slow_site(request, wait)
            if self.crawler.stats is not None:
                self.crawler.stats.inc_value("newscrawler/retry/retry_after")
        else:
            wait = self._backoff(retry)
        await asyncio.sleep(wait)
        return retry

    async def process_exception(self, request: Request, exception: Exception) -> Request | Response | None:  # type: ignore[override]
        if not isinstance(exception, self.exceptions_to_retry) or request.meta.get("dont_retry", False):
            return None
        retry = self._retry(request, exception)
        if retry is not None:
            await asyncio.sleep(self._backoff(retry))
        return retry

    def _backoff(self, retry: Request) -> float:
        attempt = int(retry.meta.get("retry_times", 1))
        return float(min(self.backoff * 2 ** (attempt - 1), self.cap))

    def _slow_site(self, request: Request, wait: float) -> None:
        slot_key = request.meta.get("download_slot")
        slots = self.crawler.engine.downloader.slots
        if slot_key in slots:
            slots[slot_key].delay = max(slots[slot_key].delay, wait)
