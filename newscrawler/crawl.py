"""Run crawls from Python (the ``newscrawler crawl`` and ``demo`` commands use this).

One Scrapy process runs one ``portal`` crawler per site given; URLs given
directly are crawled together as an ad-hoc site. Settings are the project's,
with the command-line options on top.
"""

from __future__ import annotations

import os
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.utils.project import get_project_settings

from newscrawler.spiders.portal import PortalSpider


def run_crawl(targets: list[str], *, settings: dict[str, Any] | None = None, base_url: str | None = None,
              recrawl_after: str | None = None) -> list[dict[str, Any]]:
    """Crawl each site name (and the URLs, together) in ``targets``; return each crawl's final stats."""
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "newscrawler.settings")  # the same from any directory
    project = get_project_settings()
    for key, value in (settings or {}).items():
        project.set(key, value, priority="cmdline")
    process = CrawlerProcess(project)
    urls = [t for t in targets if t.startswith(("http://", "https://"))]
    sites = [t for t in targets if t not in urls]
    crawlers: list[Crawler] = []
    results: dict[int, dict[str, Any]] = {}
    jobs: list[dict[str, Any]] = [{"site": s} for s in sites]
    if urls:
        jobs.append({"start_urls": ",".join(urls)})
    for job in jobs:
        crawler = process.create_crawler(PortalSpider)
        index = len(crawlers)

        def keep(spider: Any, reason: str, index: int = index, crawler: Crawler = crawler) -> None:
            stats = dict(crawler.stats.get_stats()) if crawler.stats else {}
            results[index] = {**stats, "finish_reason": reason}

        crawler.signals.connect(keep, signal=signals.spider_closed)
        crawlers.append(crawler)
        process.crawl(crawler, base_url=base_url, recrawl_after=recrawl_after, **job)
    process.start()
    for index, crawler in enumerate(crawlers):
        if index not in results and crawler.spider is not None:
            # A stop signal that lands while the spider is still opening makes Scrapy stop the reactor
            # without closing the spider: close it here, so the pipelines record the run as "shutdown"
            # (it would stay "running") and the extraction workers stop.
            crawler.signals.send_catch_log(signals.spider_closed, spider=crawler.spider, reason="shutdown")
    return [results.get(i, {}) for i in range(len(crawlers))]
