"""Whether a finished crawl succeeded: the one rule behind every exit status of ``crawl`` and ``crawl --due``.

A crawl failed when Scrapy closed it for a reason other than ``finished`` or an operator's limit
(``closespider_*``: ``--max-pages``), for example ``shutdown`` (a stop signal), ``database unavailable``
or ``archive not durable``; or when it ended without a single answer from its site (every request
failed: host unreachable, DNS, refused, timeouts), which Scrapy itself calls ``finished``. A run the
command could not start at all has no stats and is ``no result``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

OK_REASONS = ("finished",)
OK_PREFIXES = ("closespider_",)
NOTHING_FETCHED = "no page could be fetched"


def finish_reason(stats: Mapping[str, Any]) -> str:
    """The close reason recorded in ``stats`` (``no result`` when the crawl never opened)."""
    return str(stats.get("finish_reason") or "no result")


def failure(stats: Mapping[str, Any], reason: str | None = None) -> str | None:
    """Why the crawl with these final ``stats`` failed, or None when it succeeded.

    ``reason`` overrides the close reason found in the stats (Scrapy writes it there late).
    """
    reason = reason or finish_reason(stats)
    if not (reason in OK_REASONS or reason.startswith(OK_PREFIXES)):
        return reason
    answered = int(stats.get("response_received_count") or 0) - int(stats.get("robotstxt/response_count") or 0)
    if answered <= 0 and int(stats.get("downloader/request_count") or 0) > 0:
        errors = int(stats.get("downloader/exception_count") or 0)
        return f"{NOTHING_FETCHED} ({errors} download error{'s' if errors != 1 else ''})"
    return None
