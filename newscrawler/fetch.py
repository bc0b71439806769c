"""Fetch URLs with the project's crawl settings and extract them, for the CLI.

Runs the ``fetch`` spider in a one-off Scrapy process (robots.txt, user agent,
retries and timeouts exactly as in crawls) and returns the results in input order.
"""

from __future__ import annotations

from scrapy import signals
from scrapy.crawler import CrawlerProcess
from scrapy.utils.project import get_project_settings

from newscrawler.items import Article
from newscrawler.spiders.fetch import FetchedArticle, FetchFailure, FetchSpider


def fetch_articles(urls: list[str], encoding: str | None = None,
                   settings: dict[str, object] | None = None) -> list[Article | str]:
    """One outcome per URL, in order: the ``Article`` or a one-line failure reason."""
    project = get_project_settings()
    project.set("LOG_LEVEL", "ERROR", priority="cmdline")
    project.set("LOG_INSTALL_ROOT_HANDLER", False, priority="cmdline")
    for key, value in (settings or {}).items():
        project.set(key, value, priority="cmdline")
    outcomes: list[Article | str] = ["no response"] * len(urls)

    def collect(item: object) -> None:
        if isinstance(item, FetchedArticle):
            outcomes[item.index] = item.article
        elif isinstance(item, FetchFailure):
            outcomes[item.index] = item.reason

    process = CrawlerProcess(project)
    crawler = process.create_crawler(FetchSpider)
    crawler.signals.connect(collect, signal=signals.item_scraped)
    process.crawl(crawler, urls=urls, encoding=encoding)
    process.start()
    return outcomes
