"""Stage 4, archive: write every fetched response (articles and non-articles) to WARC files.

The raw bytes and headers are the evidence: with them an improved extractor can
re-extract the whole archive (``newscrawler reextract``) without re-crawling.
Files live under ``NEWSCRAWLER_WARC_DIR`` (default ``data/warc``) and are read by
any standard WARC tool. ``item.warc`` receives the record's ``path#offset``.
Outcomes: ``archived``, ``no_fetch`` (an item built without its response),
``disabled`` when ``NEWSCRAWLER_ARCHIVE_RAW`` is false, ``failed/disk full`` and
``failed/write error`` when a write is refused (the item goes on without its raw page, so the
article is still stored; a full disk also closes the crawl with the reason ``disk full``).

Durability: every record reaches the operating system before the item moves on
(a killed crawl keeps it). In a crawl, the fsync that makes records survive a
power cut is done once per store batch: the store stage sends ``make_durable``
before each commit, so no committed row points at a record that is not on disk.
A stage built without a crawler fsyncs every record.
"""

from __future__ import annotations

import logging

from scrapy.crawler import Crawler

from newscrawler.items import ArticleItem
from pipelines import defaults
from pipelines.defaults import setting
from pipelines.disk import DISK_FULL, close_crawl, is_disk_full
from pipelines.signals import make_durable
from pipelines.stage import Stage
from pipelines.warc import WarcWriter

log = logging.getLogger(__name__)

DEFAULT_WARC_DIR = defaults.WARC_DIR



class ArchiveRawPage(Stage):
    """Append each item's HTTP exchange to the crawl's WARC files."""

    name = "archive"

    def __init__(self, crawler: Crawler | None = None, root: str = DEFAULT_WARC_DIR, enabled: bool = True,
                 sync_each: bool = True) -> None:
        super().__init__(crawler)
        self.root = root
        self.enabled = enabled
        self.sync_each = sync_each
        """fsync every record (True), or only when ``sync()`` is called (``make_durable``) and at the end."""
        self.writer: WarcWriter | None = None
        self.closing = False
        """True once a full disk made the stage ask the crawl to close."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchiveRawPage:
        settings = crawler.settings
        stage = cls(crawler, setting(settings, "WARC_DIR"), setting(settings, "ARCHIVE_RAW"), sync_each=False)
        crawler.signals.connect(stage.sync, signal=make_durable)
        return stage

    def open_spider(self) -> None:
        if self.enabled:
            self.writer = WarcWriter(self.root, sync_each=self.sync_each)

    def sync(self) -> None:
        """Make every record written so far durable (the receiver of ``make_durable``)."""
        if self.writer is not None:
            self.writer.sync()

    def close_spider(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None

    def process_item(self, item: ArticleItem) -> ArticleItem:
        if self.writer is None:
            self.count("disabled")
        elif item.fetch is None:
            self.count("no_fetch")
        else:
            try:
                location = str(self.writer.write(item.fetch))
                for page in item.more_pages:  # later pages of a split article: archived, located by their URL
                    self.writer.write(page)
            except OSError as exc:
                self._failed(item, exc)
                return item
            item.warc = location
            self.count("archived", 1 + len(item.more_pages))
        return item

    def _failed(self, item: ArticleItem, exc: OSError) -> None:
        """A refused write: the item goes on without its raw page (the article is still stored, never lost
        here), and a full disk closes the crawl (``disk full``) rather than failing once per page."""
        full = is_disk_full(exc)
        self.count("failed/disk full" if full else "failed/write error")
        log.error("raw page of %s not archived: %s", item.article.url, exc)
        if full and not self.closing:
            self.closing = True
            close_crawl(self.crawler, DISK_FULL)
