"""Run crawls from Python (the ``newscrawler crawl`` and ``demo`` commands use this).

One Scrapy process runs one ``portal`` crawler per site given; URLs given
directly are crawled together as an ad-hoc site. Settings are the project's,
with the command-line options on top. A ``JOBDIR`` is split per crawl
(``JOBDIR/<site>``, ``JOBDIR/urls`` for the URLs): two spiders sharing one job
directory would share one request queue.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.utils.project import get_project_settings

from newscrawler.spiders.portal import PortalSpider


def run_crawl(targets: list[str], *, settings: dict[str, Any] | None = None, base_url: str | None = None,
              recrawl_after: str | None = None, console: logging.Handler | None = None,
              before_start: Callable[[CrawlerProcess], Any] | None = None) -> list[dict[str, Any]]:
    """Crawl each site name (and the URLs, together) in ``targets``; return each crawl's final stats
    (with ``finish_reason``), in the order of the sites and then the URLs.

    ``console`` is a logging handler attached for the crawl (after Scrapy has set up its own logging);
    ``before_start(process)`` may add other crawlers to the same process (the watch's re-visits).
    """
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "newscrawler.settings")  # the same from any directory
    project = get_project_settings()
    for key, value in (settings or {}).items():
        project.set(key, value, priority="cmdline")
    process = CrawlerProcess(project)
    if console is not None:
        from newscrawler.console import attach

        attach(console)
    urls = [t for t in targets if t.startswith(("http://", "https://"))]
    sites = [t for t in targets if t not in urls]
    crawlers: list[Crawler] = []
    results: dict[int, dict[str, Any]] = {}
    jobs: list[tuple[str, dict[str, Any]]] = [(s, {"site": s}) for s in sites]
    if urls:
        jobs.append(("urls", {"start_urls": ",".join(urls)}))
    job_root = project.get("JOBDIR")
    for name, job in jobs:
        if job_root:
            own = project.copy()
            own.set("JOBDIR", str(Path(job_root) / name), priority="cmdline")
            crawler = process.create_crawler(Crawler(PortalSpider, own))
        else:
            crawler = process.create_crawler(PortalSpider)
        index = len(crawlers)

        def keep(spider: Any, reason: str, index: int = index, crawler: Crawler = crawler) -> None:
            stats = dict(crawler.stats.get_stats()) if crawler.stats else {}
            results[index] = {**stats, "finish_reason": reason}

        # weak=False: the dispatcher holds receivers weakly, and this closure has no other reference once
        # the loop moves on (a weak one was collected, and every site but the last looked never closed)
        crawler.signals.connect(keep, signal=signals.spider_closed, weak=False)
        crawlers.append(crawler)
        process.crawl(crawler, base_url=base_url, recrawl_after=recrawl_after, **job)
    if before_start is not None:
        before_start(process)
    try:
        process.start()
    finally:
        if console is not None:
            from newscrawler.console import detach

            detach(console)
    for index, crawler in enumerate(crawlers):
        if index not in results and crawler.spider is not None:
            # A stop signal that lands while the spider is still opening makes Scrapy stop the reactor
            # without closing the spider: close it here, so the pipelines record the run as "shutdown"
            # (it would stay "running") and the extraction workers stop.
            crawler.signals.send_catch_log(signals.spider_closed, spider=crawler.spider, reason="shutdown")
    return [results.get(i, {}) for i in range(len(crawlers))]
