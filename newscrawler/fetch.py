"""Fetch URLs with the project's crawl settings and extract them, for the CLI.

Runs the ``fetch`` spider in a one-off Scrapy process (robots.txt, user agent,
retries and timeouts exactly as in crawls, storage pipelines off) and returns
the results in input order.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import CrawlerProcess
from scrapy.http import Response
from scrapy.utils.project import get_project_settings

from newscrawler.items import Article, ArticleItem
from newscrawler.spiders.fetch import FetchSpider

RETRY_LOGGER = "scrapy.downloadermiddlewares.retry"
"""Where Scrapy's retry machinery (``get_retry_request``) logs each retry, at DEBUG."""


class _RetryNotices(logging.Handler):
    """Passes the first line of each retry record to ``notify``: a failing host is reported as it fails,
    not after every retry has run out."""

    def __init__(self, notify: Callable[[str], None]) -> None:
        super().__init__(logging.DEBUG)
        self.notify = notify

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.notify(record.getMessage().strip().splitlines()[0])
        except Exception:
            self.handleError(record)


def fetch_articles(urls: list[str], encoding: str | None = None, settings: dict[str, object] | None = None,
                   notify: Callable[[str], None] | None = None) -> list[Article | str]:
    """One outcome per URL, in order: the ``Article`` or a one-line failure reason.

    ``notify`` receives a line for each retry as it is scheduled (e.g. ``Retrying <GET …> (failed 1
    times): Connection was refused …``)."""
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
    retry_log = logging.getLogger(RETRY_LOGGER)
    notices = _RetryNotices(notify) if notify is not None else None
    level = retry_log.level
    if notices is not None:
        retry_log.addHandler(notices)
        retry_log.setLevel(logging.DEBUG)
    try:
        process.start()
    finally:
        if notices is not None:
            retry_log.removeHandler(notices)
            retry_log.setLevel(level)
    spider = crawler.spider
    if isinstance(spider, FetchSpider):
        for index, reason in spider.failures.items():
            outcomes[index] = reason
    return outcomes
