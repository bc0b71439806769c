"""Honour ``Retry-After`` on 429 and 503 answers.

Scrapy's retry middleware retries these at once. A server that says how long to
wait is obeyed: the retry of that request waits that long (capped by
``NEWSCRAWLER_RETRY_AFTER_MAX``, default 120 s), and the site's download slot
is slowed to at least that delay so its other requests back off too (AutoThrottle
lowers it again when the server recovers). Retries still count against
``RETRY_TIMES``; the give-up is counted like any failed retry.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import get_retry_request
from scrapy.http import Response


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


class RetryAfterMiddleware:
    """Wait as long as a 429/503 answer asks before retrying it, and slow the site down meanwhile."""

    def __init__(self, crawler: Crawler, cap: float) -> None:
        self.crawler = crawler
        self.cap = cap

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RetryAfterMiddleware:
        return cls(crawler, crawler.settings.getfloat("NEWSCRAWLER_RETRY_AFTER_MAX", 120.0))

    async def process_response(self, request: Request, response: Response) -> Request | Response:
        if response.status not in (429, 503):
            return response
        raw = response.headers.get(b"Retry-After")
        wait = retry_after_seconds(raw.decode("latin-1") if raw else None)
        if wait is None:
            return response  # the stock retry middleware handles it
        wait = min(wait, self.cap)
        retry = get_retry_request(request, spider=self.crawler.spider, reason=f"{response.status} Retry-After")
        if retry is None:
            return response
        slot_key = request.meta.get("download_slot")
        slots = self.crawler.engine.downloader.slots
        if slot_key in slots:
            slots[slot_key].delay = max(slots[slot_key].delay, wait)
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value("newscrawler/retry_after/waited")
        await asyncio.sleep(wait)
        return retry
