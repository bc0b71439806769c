"""Fetch URLs with the project's crawl settings and extract them, for the CLI.

Runs the ``fetch`` spider in a one-off Scrapy process (robots.txt, user agent,
retries and timeouts exactly as in crawls, storage pipelines off) and returns
the results in input order.
"""

from __future__ import annotations

import os
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import CrawlerProcess
from scrapy.http import Response
from scrapy.utils.project import get_project_settings

from newscrawler.items import Article, ArticleItem
from newscrawler.spiders.fetch import FetchSpider


def fetch_articles(urls: list[str], encoding: str | None = None,
                   settings: dict[str, object] | None = None) -> list[Article | str]:
    """One outcome per URL, in order: the ``Article`` or a one-line failure reason."""
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "newscrawler.settings")  # the same from any directory
    project = get_project_settings()
    overrides: dict[str, Any] = {"LOG_LEVEL": "ERROR", "LOG_INSTALL_ROOT_HANDLER": False, "ITEM_PIPELINES": {}}
    overrides.update(settings or {})
    for key, value in overrides.items():
        project.set(key, value, priority="cmdline")
    outcomes: list[Article | str] = ["no response"] * len(urls)

    def collect(item: object, response: Response, spider: Spider) -> None:
        if isinstance(item, ArticleItem):
            outcomes[response.meta["index"]] = item.article

    process = CrawlerProcess(project)
    crawler = process.create_crawler(FetchSpider)
    crawler.signals.connect(collect, signal=signals.item_scraped)
    process.crawl(crawler, urls=urls, encoding=encoding)
    process.start()
    spider = crawler.spider
    if isinstance(spider, FetchSpider):
        for index, reason in spider.failures.items():
            outcomes[index] = reason
    return outcomes
