"""What every storage stage shares: the crawler's stats under ``newscrawler/<stage>/<outcome>``,
and named drops.

A stage counts every item it sees by outcome, so a crawl report can say how many
items each stage passed, changed or rejected, and why.
"""

from __future__ import annotations

from typing import Any, Self

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem


class Stage:
    """Base of the item pipelines: ``from_crawler`` wiring and outcome counting."""

    name = "stage"

    def __init__(self, crawler: Crawler | None = None) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def count(self, outcome: str, n: int = 1, site: str | None = None) -> None:
        """Add ``n`` to ``newscrawler/<stage>/<outcome>`` (and to ``newscrawler/site/<site>/<outcome>``
        when the site is known, for the per-site crawl report)."""
        if self.crawler is not None and self.crawler.stats is not None:
            self.crawler.stats.inc_value(f"newscrawler/{self.name}/{outcome}", n)
            if site:
                self.crawler.stats.inc_value(f"newscrawler/site/{site}/{outcome}", n)

    def drop(self, outcome: str, reason: str, *, expected: bool = False) -> DropItem:
        """Count ``outcome`` and build the ``DropItem`` to raise; expected drops log at INFO, not WARNING."""
        self.count(outcome)
        return DropItem(reason, log_level="INFO" if expected else "WARNING")

    def setting(self, name: str, default: Any = None) -> Any:
        if self.crawler is None:
            return default
        return self.crawler.settings.get(name, default)
