"""The rest of the crawl's core in-process: the fetch spider's callbacks, the robots.txt middleware's
shared parser, and the extraction pool's real worker processes (no crawl, no network)."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from typing import Any

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler
from twisted.internet.defer import Deferred
from twisted.internet.error import DNSLookupError
from twisted.python.failure import Failure

from newscrawler.demo import DEMO_DIR, PLACEHOLDER
from newscrawler.items import ArticleItem, Fetch
from newscrawler.middlewares.robots import SharedRobotsTxtMiddleware
from newscrawler.spiders.fetch import FetchSpider
from newscrawler.spiders.workers import ExtractionPool, default_workers

BASE = "http://127.0.0.1:8642"
HEADERS: dict[str, str] = json.loads((DEMO_DIR / "headers.json").read_text(encoding="utf-8"))


def _page(path: str) -> bytes:
    return (DEMO_DIR / path.lstrip("/")).read_bytes().replace(PLACEHOLDER, BASE.encode())


def _fetch(path: str) -> Fetch:
    return Fetch(url=BASE + path, final_url=BASE + path, status=200, headers={"Content-Type": HEADERS[path]},
                 body=_page(path), fetched_at=datetime(2023, 4, 18, tzinfo=UTC))


# --------------------------------------------------------------------------- the fetch spider


def _fetch_spider(urls: list[str]) -> FetchSpider:
    crawler = get_crawler(FetchSpider)
    spider = FetchSpider.from_crawler(crawler, urls=",".join(urls))
    crawler.spider = spider
    return spider


def test_the_fetch_spider_requests_each_url_once_in_order() -> None:
    spider = _fetch_spider([f"{BASE}/a.html", f"{BASE}/b.html"])

    async def collect() -> list[Request]:
        return [r async for r in spider.start()]

    requests = asyncio.run(collect())
    assert [(r.url, r.meta["index"], r.dont_filter) for r in requests] == [
        (f"{BASE}/a.html", 0, True), (f"{BASE}/b.html", 1, True)]


def test_the_fetch_spider_extracts_a_page_and_names_failures() -> None:
    path = "/news/2023/04/17/tech.html"
    spider = _fetch_spider([BASE + path, f"{BASE}/gone.html", f"{BASE}/x.html"])
    request = Request(BASE + path, meta={"index": 0}, cb_kwargs={"index": 0})
    response = HtmlResponse(BASE + path, body=_page(path), headers={"Content-Type": HEADERS[path]}, request=request)
    items = list(spider.parse_page(response, index=0))
    assert len(items) == 1 and isinstance(items[0], ArticleItem) and items[0].article.is_article
    gone = HtmlResponse(f"{BASE}/gone.html", status=404, body=b"", request=Request(f"{BASE}/gone.html"))
    assert list(spider.parse_page(gone, index=1)) == []
    failure = Failure(DNSLookupError("no such host"))  # type: ignore[no-untyped-call]
    failure.request = Request(f"{BASE}/x.html", meta={"index": 2})  # type: ignore[attr-defined]
    spider.on_error(failure)
    assert spider.failures[1] == "HTTP 404"
    assert spider.failures[2].startswith("dns: ")
    assert spider.crawler.stats.get_value("newscrawler/fetch/failed/dns") == 1


# --------------------------------------------------------------------------- robots.txt


def test_every_waiter_for_a_downloading_robots_txt_gets_the_parser() -> None:
    crawler = get_crawler(settings_dict={"ROBOTSTXT_OBEY": True})
    middleware = SharedRobotsTxtMiddleware(crawler)
    pending: Deferred[Any] = Deferred()
    middleware._parsers["127.0.0.1:8642"] = pending
    parser = object()

    async def waiter() -> Any:
        return await middleware.robot_parser(Request(f"{BASE}/news/a.html"))

    async def scenario() -> list[Any]:
        tasks = [asyncio.ensure_future(waiter()) for _ in range(3)]
        await asyncio.sleep(0)
        middleware._parsers["127.0.0.1:8642"] = parser  # type: ignore[assignment]  # stored, then fired
        pending.callback(parser)
        return list(await asyncio.gather(*tasks))

    assert asyncio.run(scenario()) == [parser, parser, parser]


# --------------------------------------------------------------------------- the extraction pool


@pytest.mark.parametrize("workers", [0, 1])
def test_the_pool_reads_first_pages_and_joins_split_articles(workers: int) -> None:
    pool = ExtractionPool(workers)

    async def scenario() -> tuple[Any, Any, Any]:
        one = await pool.first_page(_fetch("/news/2023/04/17/tech.html"))
        split = await pool.first_page(_fetch("/news/2023/04/16/sports.html"))
        joined = await pool.extract(_fetch("/news/2023/04/16/sports.html"), [_fetch("/news/2023/04/16/sports_2.html")])
        return one, split, joined

    try:
        (following, article, prints), split, (joined, joined_prints) = asyncio.run(scenario())
    finally:
        pool.close()
    assert following == [] and article is not None and article.is_article
    assert split[0] == [f"{BASE}/news/2023/04/16/sports_2.html"] and split[1] is None
    assert joined.is_article and "\n" in joined.body
    if workers:  # a worker computes the body's fingerprints on the way
        assert prints is not None and joined_prints is not None and len(joined_prints[1]) == 128
    else:
        assert prints is None and joined_prints is None


def test_default_workers_is_one_per_usable_cpu() -> None:
    assert default_workers() >= 1
    assert ExtractionPool(-3).workers == 0 and ExtractionPool(0).in_process


@pytest.mark.parametrize(("status", "body"), [(503, b"User-agent: *\nDisallow: /\n"), (404, b""), (200, None)])
def test_robots_txt_status_has_rfc_9309s_meaning(status: int, body: bytes | None) -> None:
    from scrapy.http import Response

    from newscrawler.middlewares.robots import RobotsStatusMiddleware

    request = Request(f"{BASE}/robots.txt", meta={"dont_obey_robotstxt": True})
    answer = Response(request.url, status=status, body=b"<html>Server Error</html>", request=request)
    seen = RobotsStatusMiddleware().process_response(request, answer)
    assert seen.status == status
    assert seen.body == (answer.body if body is None else body)
    page = Request(f"{BASE}/robots.txt")  # a page that happens to be called robots.txt, fetched as a page
    assert RobotsStatusMiddleware().process_response(page, answer) is answer


def test_the_report_counts_the_fetch_spiders_failures_too() -> None:
    from newscrawler.extensions.report import progress_line, site_table

    stats = {"response_received_count": 1, "newscrawler/fetch/failed/HTTP 404": 1,
             "newscrawler/fetch/failed/dns": 1, "newscrawler/crawl/failed/timeout": 2}
    assert progress_line(stats).endswith("errors 4")
    assert "failures: HTTP 404 1, dns 1, timeout 2" in site_table(stats)


def test_the_site_table_names_article_pages_and_is_left_out_when_nothing_was_counted() -> None:
    from newscrawler.extensions.report import site_table

    stats = {"newscrawler/site/demo/fetch_recorded": 14, "newscrawler/site/demo/new": 13,
             "newscrawler/site/demo/not_article": 1}
    header, row = site_table(stats).splitlines()
    assert header.split()[:3] == ["site", "article", "pages"]
    assert row.split() == ["demo", "14", "13", "0", "0", "0", "1", "0"]
    assert len(header) == len(row)  # the numbers stand under their column names
    # a re-crawl that finds every article archived counts nothing per site: no header over no rows
    assert site_table({"response_received_count": 9, "newscrawler/crawl/skipped_archived": 49}) == ""
