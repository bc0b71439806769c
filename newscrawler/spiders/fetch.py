"""``fetch`` spider: download given URLs and extract each page (used by ``newscrawler extract URL``).

Usage: ``scrapy crawl fetch -a urls=https://a.example/1.html,https://b.example/2.html -O out.jsonl``.
Every URL yields exactly one item: the ``Article``, or a ``FetchFailure`` naming why it failed.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import scrapy
from scrapy.http import Response
from twisted.python.failure import Failure

from newscrawler.extract import extract
from newscrawler.items import Article

SHANGHAI = ZoneInfo("Asia/Shanghai")


@dataclass(slots=True)
class FetchFailure:
    """A URL that could not be fetched: ``reason`` is one line (``HTTP 404``, ``robots.txt``, ``timeout`` …)."""

    url: str
    index: int
    reason: str


@dataclass(slots=True)
class FetchedArticle:
    """An extracted page together with its position in the input list."""

    index: int
    article: Article


class FetchSpider(scrapy.Spider):
    """Fetch a fixed list of URLs once each and extract them."""

    name = "fetch"
    custom_settings = {"HTTPERROR_ALLOW_ALL": True}  # noqa: RUF012 (Scrapy declares it as a plain attribute)

    def __init__(self, urls: str | Iterable[str] = "", encoding: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.url_list = [u for u in (urls.split(",") if isinstance(urls, str) else urls) if u]
        self.encoding = encoding

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for i, url in enumerate(self.url_list):
            yield scrapy.Request(url, callback=self.parse_page, errback=self.on_error, dont_filter=True,
                                 cb_kwargs={"index": i}, meta={"index": i})

    def parse_page(self, response: Response, index: int) -> Iterable[FetchedArticle | FetchFailure]:
        if response.status >= 400:
            yield FetchFailure(url=response.url, index=index, reason=f"HTTP {response.status}")
            return
        headers = {k.decode("latin-1"): b", ".join(v).decode("latin-1") for k, v in response.headers.items()}
        article = extract(response.body, response.url, datetime.now(SHANGHAI), headers, encoding=self.encoding)
        yield FetchedArticle(index=index, article=article)

    def on_error(self, failure: Failure) -> Iterable[FetchFailure]:
        request = failure.request  # type: ignore[attr-defined]
        reason = failure.getErrorMessage() or type(failure.value).__name__
        if "robots.txt" in reason or type(failure.value).__name__ == "IgnoreRequest":
            reason = "forbidden by robots.txt"
        yield FetchFailure(url=request.url, index=request.meta["index"], reason=reason)
