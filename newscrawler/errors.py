"""The failure vocabulary of newscrawler.

Extraction never raises for a bad page: it returns an ``Article`` with
``is_article=False`` and a ``reason`` drawn from ``NotAnArticle.REASONS``.
The exceptions here are for callers that prefer to raise (spiders, the CLI).
"""

from __future__ import annotations


class NewscrawlerError(Exception):
    """Base class for errors this project raises on purpose."""


class NotAnArticle(NewscrawlerError):
    """The page is valid but holds no single article (list page, gallery, 404 …)."""

    REASONS = (
        "empty response",
        "not html",
        "not parseable",
        "error page",
        "list page",
        "gallery",
        "video page",
        "no article text",
        "mis-encoded",
        "extraction timeout",
    )

    def __init__(self, reason: str, url: str | None = None) -> None:
        super().__init__(f"not an article: {reason}" + (f" ({url})" if url else ""))
        self.reason = reason
        self.url = url


class InputError(NewscrawlerError):
    """A user-supplied input (file, URL, option value) cannot be used."""
