"""Retries that back off: exponential waits on 5xx and network errors, and ``Retry-After`` obeyed.

Scrapy's retry middleware re-queues a failed request at once. This subclass keeps
its rules (``RETRY_TIMES``, ``RETRY_HTTP_CODES``, ``RETRY_EXCEPTIONS``, give-up
logging and stats) and waits before each retry: as long as a 429/503 answer's
``Retry-After`` says (capped by ``NEWSCRAWLER_RETRY_AFTER_MAX``, default 120 s),
otherwise ``NEWSCRAWLER_RETRY_BACKOFF`` × 2^(attempt − 1) seconds (default 1 s:
1, 2, 4 …). A ``Retry-After`` also slows the site's download slot, so its other
requests back off too (AutoThrottle lowers the delay again when it recovers).

Every wait is bounded: a ``Retry-After`` longer than the cap is not waited for at
all (the request is given up at once, counted as ``retry_after_too_long``: a server
that asks for a day will not answer in two minutes), and the waits of one request
add up to at most ``NEWSCRAWLER_RETRY_TOTAL_MAX`` seconds (default 300; then it is
given up, counted as ``retry_time_exhausted``). A wait ends at once when the crawl
stops (a stop signal, a ``CLOSESPIDER`` limit): the request is given up, counted as
``abandoned_at_shutdown``, so SIGTERM is honoured within a fraction of a second
however long a backoff was. Retries are made with Scrapy's public ``get_retry_request``.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware, get_retry_request
from scrapy.http import Response
from scrapy.utils.response import response_status_message

log = logging.getLogger(__name__)


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


LOG_WAITS_FROM = 5.0
"""A wait at least this long is logged (INFO): a crawl that seems idle is then explained in its log."""
STOP_CHECK = 0.25
"""Seconds between two looks at whether the crawl is stopping, while a retry waits."""


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retry rules, with a wait before every retry."""

    backoff: float
    cap: float
    total_cap: float

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BackoffRetryMiddleware:
        middleware = super().from_crawler(crawler)
        from newscrawler import settings as defaults  # one place for the defaults

        get = crawler.settings.getfloat
        middleware.backoff = get("NEWSCRAWLER_RETRY_BACKOFF", defaults.NEWSCRAWLER_RETRY_BACKOFF)
        middleware.cap = get("NEWSCRAWLER_RETRY_AFTER_MAX", defaults.NEWSCRAWLER_RETRY_AFTER_MAX)
        middleware.total_cap = get("NEWSCRAWLER_RETRY_TOTAL_MAX", defaults.NEWSCRAWLER_RETRY_TOTAL_MAX)
        return middleware

    async def process_response(self, request: Request, response: Response) -> Request | Response:  # type: ignore[override]
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        raw = response.headers.get(b"Retry-After") if response.status in (429, 503) else None
        asked = retry_after_seconds(raw.decode("latin-1") if raw else None)
        if asked is not None and asked > self.cap:
            self._count("retry_after_too_long")
            return response
        retry = self._retry_request(request, response_status_message(response.status))
        if retry is None:
            return response
        if asked is not None:
            wait = asked
            self._slow_site(request, wait)
            self._count("retry_after")
        else:
            wait = self._backoff(retry)
        return await self._after(wait, retry) or response

    async def process_exception(self, request: Request, exception: Exception) -> Request | Response | None:  # type: ignore[override]
        if not isinstance(exception, self.exceptions_to_retry) or request.meta.get("dont_retry", False):
            return None
        retry = self._retry_request(request, exception)
        if retry is None:
            return None
        return await self._after(self._backoff(retry), retry)

    async def _after(self, wait: float, retry: Request) -> Request | None:
        """Wait, then hand back the retry; None (give up) when the request's waits would pass the total cap."""
        waited = float(retry.meta.get("newscrawler_retry_waited", 0.0))
        if waited + wait > self.total_cap:
            self._count("retry_time_exhausted")
            return None
        retry.meta["newscrawler_retry_waited"] = waited + wait
        if wait >= LOG_WAITS_FROM:
            log.info("waiting %.0f s before retrying %s", wait, retry.url)
        if not await self._sleep(wait):
            self._count("abandoned_at_shutdown")
            return None
        return retry

    async def _sleep(self, seconds: float) -> bool:
        """Sleep ``seconds`` in steps of at most :data:`STOP_CHECK` s; False (at once) when the crawl stops
        meanwhile, so a stop signal or a closing spider never waits for a retry's backoff."""
        from newscrawler.adapters.scrapy import is_stopping

        loop = asyncio.get_running_loop()
        deadline = loop.time() + seconds
        while (left := deadline - loop.time()) > 0:
            if is_stopping(self.crawler):
                return False
            await asyncio.sleep(min(left, STOP_CHECK))
        return not is_stopping(self.crawler)

    def _retry_request(self, request: Request, reason: str | Exception) -> Request | None:
        """The retry of ``request`` by Scrapy's public helper, honouring per-request meta as its middleware does."""
        assert self.crawler.spider is not None
        return get_retry_request(
            request,
            spider=self.crawler.spider,
            reason=reason,
            max_retry_times=request.meta.get("max_retry_times", self.max_retry_times),
            priority_adjust=request.meta.get("priority_adjust", self.priority_adjust),
            give_up_log_level=request.meta.get("give_up_log_level", self.give_up_log_level),
        )

    def _count(self, what: str) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(f"newscrawler/retry/{what}")

    def _backoff(self, retry: Request) -> float:
        attempt = int(retry.meta.get("retry_times", 1))
        return float(min(self.backoff * 2 ** (attempt - 1), self.cap))

    def _slow_site(self, request: Request, wait: float) -> None:
        from newscrawler.adapters.scrapy import download_slot

        slot = download_slot(self.crawler, request)
        if slot is not None:
            slot.delay = max(slot.delay, wait)
