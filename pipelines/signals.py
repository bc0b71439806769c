"""Signals between the crawl and the storage stages (Scrapy signals: plain objects sent on
``crawler.signals``), so neither side reaches into the other's objects.

``make_durable``
    sent by the store stage before each commit: the archive stage fsyncs the WARC records written so
    far (a receiver's failure makes the store give the batch up).
``flush_requested``
    sent by whoever needs everything handed to the store committed now (the distributed frontier,
    before it acknowledges finished requests): the store commits its open batch.
``batch_committed``
    sent by the store stage after a batch committed, and in answer to ``flush_requested`` when nothing
    was pending: every item it was handed before is in the archive.
"""

from __future__ import annotations

make_durable = object()
flush_requested = object()
batch_committed = object()
