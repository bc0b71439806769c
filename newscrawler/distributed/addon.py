"""The add-on that makes a crawl a worker of a distributed crawl when ``NEWSCRAWLER_REDIS_URL`` is set.

Listed in ``ADDONS`` (``newscrawler/settings.py``), so every crawl loads it; without the setting it
changes nothing, and it only ever changes crawls of the ``portal`` spider (``newscrawler crawl``,
``scrapy crawl portal``) and of the ``watch`` spider (``newscrawler watch``, ``scrapy crawl watch``: the
workers share the due re-visits, each queued once); the ``fetch`` spider behind ``newscrawler extract
URL`` stays a local one-off download. For those crawls, at add-on priority (a ``-s`` on the command line
still wins):

* ``SCHEDULER``, ``SCHEDULER_QUEUE_CLASS``, ``SCHEDULER_PERSIST``, ``DUPEFILTER_CLASS``,
  ``REDIS_URL``: scrapy-redis's shared frontier through the shim in :mod:`.frontier`;
  ``SCHEDULER_PERSIST`` is on because one worker leaving must not empty the others' queue (the last
  worker out of a finished crawl clears it instead);
* ``NEWSCRAWLER_SEEN_URLS``: the shared article seen set, unless a non-empty value was given;
* ``DOWNLOAD_HANDLERS`` for ``http``/``https``: :class:`.ratelimit.SharedRateLimit` around the
  handlers that were there (remembered in ``NEWSCRAWLER_REDIS_INNER_HANDLERS``).
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy.crawler import Crawler
from scrapy.settings import SETTINGS_PRIORITIES, BaseSettings

from newscrawler.spiders.portal import PortalSpider

log = logging.getLogger(__name__)

FRONTIER = "newscrawler.distributed.frontier"
RATE_LIMIT = "newscrawler.distributed.ratelimit.SharedRateLimit"


class DistributedAddon:
    """Share the frontier, the article seen set and per-domain politeness through Redis."""

    def __init__(self, crawler: Crawler | None = None) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DistributedAddon:
        return cls(crawler)

    def update_settings(self, settings: BaseSettings) -> None:
        url = settings.get("NEWSCRAWLER_REDIS_URL")
        from newscrawler.spiders.watch import WatchSpider

        spidercls = getattr(self.crawler, "spidercls", None)
        if not url or not (isinstance(spidercls, type) and issubclass(spidercls, PortalSpider | WatchSpider)):
            return
        addon = SETTINGS_PRIORITIES["addon"]
        shared: dict[str, Any] = {
            "SCHEDULER": f"{FRONTIER}.FrontierScheduler",
            "SCHEDULER_QUEUE_CLASS": f"{FRONTIER}.LeaseQueue",
            "SCHEDULER_PERSIST": True,
            "SCHEDULER_IDLE_BEFORE_CLOSE": 0,  # never a blocking pop on the reactor thread
            "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
            "REDIS_URL": url,
        }
        for name, value in shared.items():
            settings.set(name, value, priority="addon")
        if not settings.get("NEWSCRAWLER_SEEN_URLS"):  # the project's "" (in memory) gives way
            settings.set("NEWSCRAWLER_SEEN_URLS", f"{FRONTIER}.redis_seen",
                         priority=max(addon, settings.getpriority("NEWSCRAWLER_SEEN_URLS") or 0))
        handlers = dict(settings.getdict("DOWNLOAD_HANDLERS"))
        every = settings.getwithbase("DOWNLOAD_HANDLERS")
        inner = {scheme: every[scheme] for scheme in ("http", "https") if every.get(scheme) not in (None, RATE_LIMIT)}
        if inner:
            settings.set("NEWSCRAWLER_REDIS_INNER_HANDLERS", inner, priority="addon")
            handlers.update(dict.fromkeys(inner, RATE_LIMIT))
            settings.set("DOWNLOAD_HANDLERS", handlers,
                         priority=max(addon, settings.getpriority("DOWNLOAD_HANDLERS") or 0))
        log.info("distributed crawl: shared frontier in Redis at %s", url.split("@")[-1])
