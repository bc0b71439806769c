"""One watch run per archive at a time: the lock ``newscrawler watch``, ``scrapy crawl watch``,
``crawl --due --watch`` and ``serve`` take before they plan their visits, held until the run closes.

It is the ``crawl --due`` lock's kind (:mod:`newscrawler.schedule`) under another name, so a watch and
a crawl of the same archive never wait for each other: an exclusive ``flock`` on ``watch.lock`` beside
a SQLite archive, a PostgreSQL session advisory lock (its own number) otherwise. The kernel or the
server releases it when its holder dies, however it dies (``kill -9`` included), so a killed run never
blocks the next. Two runs at once would otherwise both plan the same due articles and both fetch
them (the record is exactly once either way; the portal would see the request twice).

In distributed mode (``NEWSCRAWLER_REDIS_URL``) the watch takes no lock: every worker plans, and the
shared frontier queues each due visit once (:mod:`newscrawler.distributed.frontier`).
"""

from __future__ import annotations

from newscrawler.schedule import AdvisoryLock, CrawlLock, LockHeld, archive_lock

__all__ = ["ADVISORY_KEY", "LOCK_NAME", "LockHeld", "held_message", "watch_lock"]

LOCK_NAME = "watch.lock"
"""The lock file's name, beside a SQLite archive."""
ADVISORY_KEY = 0x77617463  # "watc": the watch's advisory lock number in a PostgreSQL archive
APPLICATION_NAME = "newscrawler watch"


def watch_lock(db_url: str) -> CrawlLock | AdvisoryLock:
    """The watch lock of the archive at ``db_url`` (not yet acquired: ``acquire()`` raises ``LockHeld``)."""
    return archive_lock(db_url, name=LOCK_NAME, key=ADVISORY_KEY, application=APPLICATION_NAME)


def held_message(exc: LockHeld) -> str:
    """The one line saying who holds the watch lock."""
    pid = exc.pid if exc.pid is not None else "?"
    return f"another watch run holds the archive (pid {pid} since {exc.since or '?'})"
