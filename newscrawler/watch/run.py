"""Run one watch from Python (``newscrawler watch`` uses this): the ``watch`` spider in a Scrapy process
with the project's settings and the caller's on top. Scrapy's reactor runs once per process, so call
it once per process (``newscrawler watch`` from cron is one process per run).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from datetime import datetime
from typing import Any

from scrapy import signals
from scrapy.crawler import CrawlerProcess
from scrapy.utils.project import get_project_settings

from newscrawler.spiders.watch import WatchSpider
from newscrawler.watch.plan import Subset


def run_watch(subset: Subset, *, settings: dict[str, Any] | None = None, now: datetime | None = None,
              max_visits: int | None = None, console: logging.Handler | None = None) -> dict[str, Any]:
    """Visit the due watched articles of ``subset``; return the run's final stats (with ``finish_reason``).

    ``settings`` are Scrapy settings on top of the project's (``NEWSCRAWLER_DATABASE_URL`` chooses the
    archive); ``now`` fixes the observation time (default: the clock); ``console`` is a logging handler
    attached for the run."""
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "newscrawler.settings")
    project = get_project_settings()
    project.setdict(settings or {}, priority="cmdline")
    process = CrawlerProcess(project)
    if console is not None:
        from newscrawler.console import attach

        attach(console)
    result = add_watch(process, subset, now=now, max_visits=max_visits)
    try:
        process.start()
    finally:
        if console is not None:
            from newscrawler.console import detach

            detach(console)
    return result()


def add_watch(process: CrawlerProcess, subset: Subset, *, now: datetime | None = None,
              max_visits: int | None = None) -> Callable[[], dict[str, Any]]:
    """Add a watch run to a Scrapy process that has not started (a scheduled crawl can run its re-visits
    beside its crawls, in one reactor); the returned function gives the run's final stats once it closed
    (with ``finish_reason``; empty if it never opened)."""
    crawler = process.create_crawler(WatchSpider)
    result: dict[str, Any] = {}

    def keep(spider: Any, reason: str) -> None:
        result.update(dict(crawler.stats.get_stats()) if crawler.stats else {}, finish_reason=reason)

    # weak=False: the closure has no other reference once this function returns
    crawler.signals.connect(keep, signal=signals.spider_closed, weak=False)
    process.crawl(crawler, subset=subset, now=now.isoformat() if now else None, max_visits=max_visits)
    return lambda: dict(result)
