"""What a crawl started from the ``newscrawler`` command prints on the terminal, and where its full log goes.

Scrapy logs a great deal at INFO (settings, middlewares, the stats dictionary, tracebacks of every
failed request). A crawl run by a person or by cron should show the progress line, warnings and the
final report, and keep the rest in a file: :func:`log_file` names one under ``data/logs/``
(``crawl-YYYYmmdd-HHMMSS-PID.log``, UTF-8, Scrapy's format; beside a SQLite archive, see :func:`log_dir`), which the command passes to Scrapy as
``LOG_FILE``, and :class:`ConsoleHandler` prints on stderr only

* the progress line (logger :data:`PROGRESS_LOGGER`, INFO),
* records at ``level`` or above (WARNING by default; ``-v`` lowers it to INFO),

each as one line ``LEVEL: message`` (or the bare progress line) — tracebacks stay in the log file
unless the console is verbose.
"""

from __future__ import annotations

import logging
import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

PROGRESS_LOGGER = "newscrawler.progress"
"""The logger of the periodic progress line (``newscrawler.extensions.report``)."""
LOG_DIR = Path("data/logs")
"""Where crawl logs are written, relative to the working directory like ``data/news.db``."""


def log_dir(db_url: str) -> Path:
    """Where a crawl into ``db_url`` keeps its logs: ``NEWSCRAWLER_LOG_DIR`` when set, ``logs/`` beside a
    SQLite archive (``data/logs`` for the default ``data/news.db``), else :data:`LOG_DIR`."""
    from pipelines.storage import DatabaseURLError, locate

    configured = os.environ.get("NEWSCRAWLER_LOG_DIR")
    if configured:
        return Path(configured).expanduser()
    try:
        archive = locate(db_url).file
    except DatabaseURLError:
        return LOG_DIR
    return archive.parent / "logs" if archive is not None else LOG_DIR


KEEP_LOGS = 200
"""Crawl logs kept per folder: older ones are removed when a new crawl starts (a cron job every half
hour would otherwise leave ten thousand files a year)."""


def log_file(directory: Path = LOG_DIR, now: datetime | None = None, keep: int = KEEP_LOGS) -> Path:
    """A new log file path under ``directory`` (the folder is created, the file by Scrapy), unique per
    second and process; all but the newest ``keep - 1`` earlier crawl logs there are removed."""
    moment = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
    directory.mkdir(parents=True, exist_ok=True)
    earlier = sorted(directory.glob("crawl-*.log"))
    for old in earlier[: max(0, len(earlier) - (keep - 1))]:
        old.unlink(missing_ok=True)
    return directory / f"crawl-{moment}-{os.getpid()}.log"


class ConsoleHandler(logging.Handler):
    """Prints the progress line and records at ``level`` or above on ``stream``, one line each.

    ``verbose`` keeps Scrapy's own format and tracebacks (``-v``); otherwise a record is its level and
    the first line of its message.
    """

    def __init__(self, level: int = logging.WARNING, *, verbose: bool = False, stream: TextIO | None = None) -> None:
        super().__init__(logging.DEBUG)
        self.threshold = level
        self.verbose = verbose
        self.stream = stream
        if verbose:
            self.setFormatter(logging.Formatter("%(asctime)s [%(name)s] %(levelname)s: %(message)s"))

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= self.threshold or (
            record.name == PROGRESS_LOGGER and record.levelno >= logging.INFO
        )

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self.verbose:
                text = self.format(record)
            else:
                lines = record.getMessage().strip().splitlines() or [""]
                text = lines[0] if record.name == PROGRESS_LOGGER else f"{record.levelname.lower()}: {lines[0]}"
            stream = self.stream or sys.stderr
            stream.write(text + "\n")
            stream.flush()
        except Exception:  # a console that went away must not stop the crawl
            self.handleError(record)


def attach(handler: logging.Handler) -> None:
    """Add ``handler`` to the root logger and let INFO records reach it (Scrapy's root handler filters
    its own output by ``LOG_LEVEL``; the root logger itself must pass what the console may show)."""
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level > logging.INFO:
        root.setLevel(logging.INFO)


def detach(handler: logging.Handler) -> None:
    logging.getLogger().removeHandler(handler)
