"""Disk space: telling a full disk from other failures, the free-space watermark, and closing a crawl.

A crawl must stop *before* its disk is full (``NEWSCRAWLER_MIN_FREE_MB``, default 256: the crawl closes
with the reason ``disk full`` once a folder it writes to has less free space than that, and what is in
flight still fits), and when a write is refused anyway (the disk filled from elsewhere, a quota, a file
size limit) the failure is named ``disk full`` rather than a database or archive fault.
"""

from __future__ import annotations

import errno
import logging
import shutil
from collections.abc import Iterable
from pathlib import Path

from scrapy.crawler import Crawler
from scrapy.utils.defer import deferred_from_coro

__all__ = ["DISK_FULL", "close_crawl", "free_space_problem", "is_disk_full"]

log = logging.getLogger(__name__)

DISK_FULL = "disk full"
_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


def is_disk_full(exc: BaseException | None) -> bool:
    """True when ``exc`` (or an exception it wraps, such as a DBAPI error inside SQLAlchemy's) says that the
    disk, a quota or a file size limit refused a write."""
    todo = [exc]
    seen: set[int] = set()
    while todo and len(seen) < 16:
        current = todo.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, OSError) and current.errno in _FULL_ERRNOS:
            return True
        text = str(current).lower()
        if "disk is full" in text or "no space left" in text or "disk full" in text or "file too large" in text:
            return True
        # SQLite rolls a transaction back by itself on SQLITE_FULL: what is raised is then the next statement's
        # error ("no such savepoint"), with the full disk in its context
        todo += [getattr(current, "orig", None), current.__cause__, current.__context__]
    return False


def _existing(path: Path) -> Path:
    """The nearest existing folder at or above ``path`` (what a folder not made yet will live on)."""
    path = path.expanduser().absolute()
    for candidate in (path, *path.parents):
        if candidate.is_dir():
            return candidate
    return Path("/")


def free_space_problem(folders: Iterable[Path], min_free_mb: float) -> str | None:
    """A one-line description of the first folder with less than ``min_free_mb`` MiB free, else None
    (``min_free_mb <= 0`` turns the check off)."""
    if min_free_mb <= 0:
        return None
    for folder in folders:
        where = _existing(folder)
        try:
            free = shutil.disk_usage(where).free
        except OSError:
            continue
        if free < min_free_mb * 2**20:
            return f"{free / 2**20:.0f} MiB free under {where} (NEWSCRAWLER_MIN_FREE_MB is {min_free_mb:g})"
    return None


def close_crawl(crawler: Crawler | None, reason: str) -> bool:
    """Ask the running crawl to close with ``reason``; False when nothing is crawling (a test driving the
    stages by hand)."""
    if crawler is None:
        return False
    try:
        engine = crawler.engine
    except RuntimeError:
        return False
    deferred_from_coro(engine.close_spider_async(reason=reason))
    return True
