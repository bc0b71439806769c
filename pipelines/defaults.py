"""Defaults of the storage settings: the one place their values are written.

``newscrawler/settings.py`` (the project's Scrapy settings) takes them from here, and the stages fall
back to them when a crawler's settings lack a name (a crawler made by ``scrapy.utils.test.get_crawler``
or by another project's settings). Keys are the setting names without the ``NEWSCRAWLER_`` prefix.
"""

from __future__ import annotations

from typing import Any

DATABASE_URL = "sqlite:///data/news.db"
"""The archive: SQLite under ``data/``."""
BATCH_SIZE = 50
"""Items per transaction: a crash loses at most this many."""
BATCH_SECONDS = 5.0
"""Longest an item waits for its commit (a reactor timer enforces it)."""
AUTO_MIGRATE = True
"""Bring the schema to the newest revision when a crawl opens."""
SPOOL_DIR = "data/unsaved"
"""Where items are written (JSON lines) when the database fails; replayed once by the next crawl."""
DB_RETRY_DELAY = 0.5
"""Seconds before the first of three retries of a failed transaction."""
MIN_FREE_MB = 256.0
"""Free-space watermark: below it the crawl closes with ``disk full`` before the disk is full."""
ARCHIVE_RAW = True
"""Keep every raw response in WARC files."""
WARC_DIR = "data/warc"
"""Root of the WARC archive."""

DEFAULTS: dict[str, Any] = {
    name: value for name, value in dict(globals()).items() if name.isupper() and name != "DEFAULTS"
}


def setting(settings: Any, name: str) -> Any:
    """``NEWSCRAWLER_<name>`` from Scrapy ``settings``, or its default here (typed like the default)."""
    default = DEFAULTS[name]
    key = f"NEWSCRAWLER_{name}"
    if isinstance(default, bool):
        return settings.getbool(key, default)
    if isinstance(default, int):
        return settings.getint(key, default)
    if isinstance(default, float):
        return settings.getfloat(key, default)
    return settings.get(key, default)
