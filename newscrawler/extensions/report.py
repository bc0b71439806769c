"""Crawl progress and the end-of-crawl report.

Every ``NEWSCRAWLER_PROGRESS_INTERVAL`` seconds (default 10; 0 turns it off) one
line: pages fetched, articles new/updated/unchanged, copies, non-articles and
failures. At the end, a table per site built from the same counters (the storage
stage keeps them per site under ``newscrawler/site/<site>/…``; they are stored
with the run in ``crawl_run.stats``), and the failure reasons by name.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from twisted.internet import task

log = logging.getLogger(__name__)
progress_log = logging.getLogger("newscrawler.progress")
"""The progress line's own logger, so the command's quiet console can show it and nothing else at INFO."""

FAILED_PREFIXES = ("newscrawler/crawl/failed/", "newscrawler/fetch/failed/")
"""Stats counting failed requests by reason: the portal spider's and the fetch spider's."""
COLUMNS = ("article pages", "new", "updated", "unchanged", "copies", "not article", "failed")
"""Per site: article pages fetched and recorded, what the store made of them, failed requests."""


def progress_line(stats: dict[str, Any]) -> str:
    """The one-line summary of a crawl's counters so far."""
    def get(key: str) -> int:
        return int(stats.get(key, 0) or 0)

    failed = sum(int(v) for k, v in stats.items() if k.startswith(FAILED_PREFIXES))
    non_articles = get("newscrawler/store/not_article")
    copies = get("newscrawler/store/exact_copy") + get("newscrawler/store/near_copy")
    return (f"pages {get('response_received_count')}, articles new {get('newscrawler/store/new')}, "
            f"updated {get('newscrawler/store/updated')}, unchanged {get('newscrawler/store/unchanged')}, "
            f"copies {copies}, non-articles {non_articles}, skipped (archived) "
            f"{get('newscrawler/crawl/skipped_archived')}, errors {failed}")


def site_table(stats: dict[str, Any]) -> str:
    """A fixed-width table of the per-site counters (one row per site plus failure reasons); no table when no
    site counted anything (every article already archived), only the failure and non-article lines."""
    rows: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(COLUMNS, 0))
    for key, value in stats.items():
        if not key.startswith("newscrawler/site/"):
            continue
        site, _, outcome = key.removeprefix("newscrawler/site/").partition("/")
        row = rows[site]
        if outcome == "fetch_recorded":
            row["article pages"] += int(value)
        elif outcome in ("new", "updated", "unchanged"):
            row[outcome] += int(value)
        elif outcome in ("exact_copy", "near_copy"):
            row["copies"] += int(value)
        elif outcome.startswith("not_article"):
            row["not article"] += int(value)
    failures: dict[str, int] = defaultdict(int)
    for key, value in stats.items():
        for prefix in FAILED_PREFIXES:
            if key.startswith(prefix):
                failures[key.removeprefix(prefix)] += int(value)
    reasons = {k.removeprefix("newscrawler/store/not_article/"): int(v) for k, v in stats.items()
               if k.startswith("newscrawler/store/not_article/")}
    width = max([len("site"), *(len(s) for s in rows)])
    widths = [max(11, len(c)) for c in COLUMNS]
    lines = ["site".ljust(width) + "".join(f" {c:>{w}}" for c, w in zip(COLUMNS, widths, strict=True))] if rows else []
    for site in sorted(rows):
        rows[site]["failed"] = sum(failures.values()) if len(rows) == 1 else rows[site]["failed"]
        lines.append(site.ljust(width) + "".join(f" {rows[site][c]:>{w}}" for c, w in zip(COLUMNS, widths, strict=True)))
    if failures:
        lines.append("failures: " + ", ".join(f"{k} {v}" for k, v in sorted(failures.items())))
    if reasons:
        lines.append("not articles: " + ", ".join(f"{k} {v}" for k, v in sorted(reasons.items())))
    return "\n".join(lines)


class CrawlReport:
    """Logs a progress line at a steady interval and the per-site table when the crawl ends."""

    def __init__(self, crawler: Crawler, interval: float) -> None:
        self.crawler = crawler
        self.interval = interval
        self.loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlReport:
        interval = crawler.settings.getfloat("NEWSCRAWLER_PROGRESS_INTERVAL", 10.0)
        if interval < 0:
            raise NotConfigured
        report = cls(crawler, interval)
        crawler.signals.connect(report.opened, signal=signals.spider_opened)
        crawler.signals.connect(report.closed, signal=signals.spider_closed)
        return report

    def _stats(self) -> dict[str, Any]:
        return self.crawler.stats.get_stats() if self.crawler.stats is not None else {}

    def opened(self, spider: Spider) -> None:
        if self.interval > 0:
            self.loop = task.LoopingCall(lambda: progress_log.info("progress: %s", progress_line(self._stats())))
            self.loop.start(self.interval, now=False)

    def closed(self, spider: Spider, reason: str) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        stats = self._stats()
        table = site_table(stats)
        log.info("crawl finished (%s): %s%s", reason, progress_line(stats), f"\n{table}" if table else "")
