"""``fetch`` spider: download given URLs once each and extract them.

``scrapy crawl fetch -a urls=URL[,URL…]`` (or ``-a url_file=PATH``, one URL a line)
stores the results through the project's pipelines like any crawl;
``newscrawler extract URL`` runs it with pipelines off and prints the articles.
Every URL yields one ``ArticleItem`` (the article and the HTTP exchange it came
from) or, when it cannot be fetched, a named failure in ``spider.failures`` and
the ``newscrawler/fetch/failed/<reason>`` counter.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import scrapy
from scrapy.http import Response
from twisted.python.failure import Failure

from newscrawler.extract import extract
from newscrawler.items import ArticleItem, Fetch
from newscrawler.spiders.failures import failure_reason

SHANGHAI = ZoneInfo("Asia/Shanghai")


def fetch_record(response: Response, fetched_at: datetime) -> Fetch:
    """The HTTP exchange behind ``response``, as the archive keeps it."""
    def text(headers: Any) -> dict[str, str]:
        return {k.decode("latin-1"): b", ".join(v).decode("latin-1") for k, v in headers.items()}

    request = response.request
    return Fetch(
        url=request.url if request is not None else response.url,
        final_url=response.url,
        status=response.status,
        headers=text(response.headers),
        body=response.body,
        fetched_at=fetched_at,
        request_headers=text(request.headers) if request is not None else {},
    )


class FetchSpider(scrapy.Spider):
    """Fetch a fixed list of URLs once each and extract them."""

    name = "fetch"
    custom_settings = {"HTTPERROR_ALLOW_ALL": True}  # noqa: RUF012 (Scrapy declares it as a plain attribute)

    def __init__(self, urls: str | Iterable[str] = "", url_file: str | None = None, encoding: str | None = None,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        listed = urls.split(",") if isinstance(urls, str) else list(urls)
        if url_file:
            listed += Path(url_file).read_text(encoding="utf-8").split()
        self.url_list = [u.strip() for u in listed if u.strip()]
        self.encoding = encoding
        self.failures: dict[int, str] = {}

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for i, url in enumerate(self.url_list):
            yield scrapy.Request(url, callback=self.parse_page, errback=self.on_error, dont_filter=True,
                                 cb_kwargs={"index": i}, meta={"index": i})

    def parse_page(self, response: Response, index: int) -> Iterable[ArticleItem]:
        if response.status >= 400:
            self._fail(index, f"HTTP {response.status}")
            return
        fetched = fetch_record(response, datetime.now(SHANGHAI))
        article = extract(response.body, response.url, fetched.fetched_at, fetched.headers, encoding=self.encoding)
        yield ArticleItem(article=article, fetch=fetched)

    def on_error(self, failure: Failure) -> None:
        request = failure.request  # type: ignore[attr-defined]
        kind = failure_reason(failure.value) if failure.value is not None else "unknown"
        message = failure.getErrorMessage().strip().splitlines()[0] if failure.getErrorMessage().strip() else ""
        if kind == "robots.txt":
            reason = "forbidden by robots.txt"
        elif message and message != kind:
            reason = f"{kind}: {message}"
        else:
            reason = kind
        self._fail(request.meta["index"], reason, kind)

    def _fail(self, index: int, reason: str, kind: str | None = None) -> None:
        self.failures[index] = reason
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(f"newscrawler/fetch/failed/{kind or reason}")
