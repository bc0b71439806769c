"""Run one watch from Python (``newscrawler watch`` uses this): the ``watch`` spider in a Scrapy process
with the project's settings and the caller's on top. Scrapy's reactor runs once per process, so call
it once per process (``newscrawler watch`` from cron is one process per run).
"""

from __future__ import annotations

import logging
import os
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
    crawler = process.create_crawler(WatchSpider)
    result: dict[str, Any] = {}

    def keep(spider: Any, reason: str) -> None:
        result.update(dict(crawler.stats.get_stats()) if crawler.stats else {}, finish_reason=reason)

    crawler.signals.connect(keep, signal=signals.spider_closed, weak=False)
    process.crawl(crawler, subset=subset, now=now.isoformat() if now else None, max_visits=max_visits)
    try:
        process.start()
    finally:
        if console is not None:
            from newscrawler.console import detach

            detach(console)
    return result
