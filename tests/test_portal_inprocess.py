"""The portal spider's callbacks in-process: responses built from the demo portal's files are fed to the
spider made by Scrapy's ``get_crawler`` (no reactor, no network, extraction in this process)."""

from __future__ import annotations

import asyncio
import gc
import json
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse, Response, TextResponse
from scrapy.utils.test import get_crawler
from twisted.internet.error import DNSLookupError
from twisted.python.failure import Failure

from newscrawler.demo import DEMO_DIR, PLACEHOLDER
from newscrawler.incremental import url_key
from newscrawler.items import ArticleItem
from newscrawler.spiders.portal import PortalSpider
from pipelines.db.migrate import upgrade

BASE = "http://127.0.0.1:8642"
HEADERS: dict[str, str] = json.loads((DEMO_DIR / "headers.json").read_text(encoding="utf-8"))


def demo_spider(tmp_path: Path) -> PortalSpider:
    """A portal spider of the demo site on Scrapy's test crawler, archiving into a new SQLite file in
    ``tmp_path``, extracting in the reactor's thread (no worker processes)."""
    db_url = f"sqlite:///{tmp_path / 'news.db'}"
    upgrade(db_url)
    crawler = get_crawler(PortalSpider, settings_dict={"NEWSCRAWLER_EXTRACT_WORKERS": 0,
                                                       "NEWSCRAWLER_DATABASE_URL": db_url})
    made = PortalSpider.from_crawler(crawler, site="demo", base_url=BASE)
    crawler.spider = made
    return made


@pytest.fixture
def spider(tmp_path: Path) -> Iterator[PortalSpider]:
    made = demo_spider(tmp_path)
    yield made
    made.closed("finished")
    gc.unfreeze()  # start() freezes the start-up objects, as in a crawl


def _response(path: str, *, status: int = 200, meta: dict[str, Any] | None = None,
              cb_kwargs: dict[str, Any] | None = None) -> Response:
    """The demo portal's answer for ``path`` as Scrapy would hand it to a callback."""
    url = BASE + path
    request = Request(url, meta=meta or {}, cb_kwargs=cb_kwargs or {})
    if status >= 300:
        return HtmlResponse(url, status=status, body=b"", request=request)
    target = DEMO_DIR / (path.lstrip("/") or "index.html")
    if path.endswith("/"):
        target = DEMO_DIR / path.lstrip("/") / "index.html"
    body = target.read_bytes().replace(PLACEHOLDER, BASE.encode())
    headers = {"Content-Type": HEADERS[path]}
    kind = HtmlResponse if "html" in HEADERS[path] else TextResponse
    return kind(url, status=status, body=body, headers=headers, request=request)


def _run(generator: AsyncIterator[Any]) -> list[Any]:
    async def collect() -> list[Any]:
        return [output async for output in generator]

    return asyncio.run(collect())


def _stat(spider: PortalSpider, key: str) -> int:
    return int(spider.crawler.stats.get_value(key, 0))


def test_start_requests_the_start_pages_feeds_and_sitemaps(spider: PortalSpider) -> None:
    requests = _run(spider.start())
    assert [r.url for r in requests] == [f"{BASE}/", f"{BASE}/rss.xml", f"{BASE}/sitemap.xml"]
    assert requests[0].callback == spider.parse_list and requests[0].meta["list_depth"] == 0
    assert requests[1].callback == spider.parse_feed and requests[2].callback == spider.parse_sitemap


def test_a_list_page_yields_its_articles_and_channels_once(spider: PortalSpider) -> None:
    spider.profile = spider.resolve_profile()
    first = list(spider.parse_list(_response("/", meta={"list_depth": 0})))
    articles = [r.url for r in first if r.callback == spider.parse_article]
    lists = [r.url for r in first if r.callback == spider.parse_list]
    assert f"{BASE}/news/2023/04/17/finance.html" in articles
    assert f"{BASE}/channel/finance/" in lists and f"{BASE}/channel/society/" in lists
    assert not any("/private/" in u or "/gone.html" in u for u in lists)  # not a list, not an article
    again = list(spider.parse_list(_response("/", meta={"list_depth": 0})))
    assert again == []  # every link already queued by this crawl


def test_channel_pagination_is_followed_once(spider: PortalSpider) -> None:
    out = list(spider.parse_list(_response("/channel/finance/", meta={"list_depth": 1})))
    following = [r for r in out if r.url.endswith("/channel/finance/index_1.html")]
    assert len(following) == 1 and following[0].callback == spider.parse_list
    assert following[0].meta["list_depth"] <= 2


def test_list_links_stop_at_the_profiles_depth(spider: PortalSpider) -> None:
    assert spider.profile is not None
    deepest = spider.profile.depth
    out = list(spider.parse_list(_response("/", meta={"list_depth": deepest})))
    assert [r for r in out if r.callback == spider.parse_list] == []  # channels are one level deeper
    assert [r for r in out if r.callback == spider.parse_article]


def test_archived_articles_are_skipped_and_counted(spider: PortalSpider) -> None:
    spider.skip = {url_key(f"{BASE}/news/2023/04/17/finance.html")}
    out = [r.url for r in spider.parse_list(_response("/", meta={"list_depth": 0}))]
    assert f"{BASE}/news/2023/04/17/finance.html" not in out
    assert _stat(spider, "newscrawler/crawl/skipped_archived") == 1
    list(spider.parse_list(_response("/", meta={"list_depth": 0})))  # another page linking to it: not again
    assert _stat(spider, "newscrawler/crawl/skipped_archived") == 1


def test_an_error_status_is_counted_and_yields_nothing(spider: PortalSpider) -> None:
    assert list(spider.parse_list(_response("/", status=404, meta={"list_depth": 0}))) == []
    assert _stat(spider, "newscrawler/crawl/failed/HTTP 404") == 1


def test_feed_and_sitemap_entries_become_article_requests(spider: PortalSpider) -> None:
    sitemap = [r.url for r in _run(spider.parse_sitemap(_response("/sitemap.xml")))]
    assert f"{BASE}/news/2023/04/17/finance.html" in sitemap and all(u.startswith(BASE) for u in sitemap)
    feed = [r.url for r in _run(spider.parse_feed(_response("/rss.xml")))]
    assert f"{BASE}/news/2023/04/17/finance.html" not in feed  # queued once, whichever source names it first


def test_a_one_page_article_becomes_an_item(spider: PortalSpider) -> None:
    spider.profile = spider.resolve_profile()
    items = _run(spider.parse_article(_response("/news/2023/04/17/tech.html")))
    assert len(items) == 1 and isinstance(items[0], ArticleItem)
    item = items[0]
    assert item.article.is_article and item.site == "demo" and item.more_pages == []
    assert item.fetch is not None and item.fetch.url == f"{BASE}/news/2023/04/17/tech.html"


def test_a_split_article_is_fetched_page_by_page_and_joined(spider: PortalSpider) -> None:
    spider.profile = spider.resolve_profile()
    first = _run(spider.parse_article(_response("/news/2023/04/16/sports.html")))
    assert len(first) == 1 and isinstance(first[0], Request)
    continuation = first[0]
    assert continuation.url == f"{BASE}/news/2023/04/16/sports_2.html"
    page_two = _response("/news/2023/04/16/sports_2.html", cb_kwargs=continuation.cb_kwargs)
    items = _run(spider.parse_continuation(page_two, **continuation.cb_kwargs))
    assert len(items) == 1 and isinstance(items[0], ArticleItem)
    joined = items[0]
    assert len(joined.more_pages) == 1 and joined.article.is_article
    from newscrawler.extract import extract

    page_one = _response("/news/2023/04/16/sports.html")
    assert joined.fetch is not None
    alone = extract(page_one.body, page_one.url, joined.fetch.fetched_at,
                    {"Content-Type": HEADERS["/news/2023/04/16/sports.html"]})
    assert alone.body in joined.article.body and len(joined.article.body) > len(alone.body)
    assert _stat(spider, "newscrawler/crawl/multi_page_article") == 1


def test_a_failed_later_page_still_stores_what_arrived(spider: PortalSpider) -> None:
    spider.profile = spider.resolve_profile()
    continuation = _run(spider.parse_article(_response("/news/2023/04/16/sports.html")))[0]
    failure = Failure(DNSLookupError("no such host"))  # type: ignore[no-untyped-call]
    failure.request = continuation  # type: ignore[attr-defined]
    items = _run(spider.on_continuation_error(failure))
    assert len(items) == 1 and isinstance(items[0], ArticleItem) and items[0].more_pages == []
    assert _stat(spider, "newscrawler/crawl/partial_article") == 1
    assert _stat(spider, "newscrawler/crawl/failed/dns") == 1


def test_redirects_are_followed_on_the_site_only(spider: PortalSpider) -> None:
    spider.profile = spider.resolve_profile()
    request = Request(f"{BASE}/news/old.html", meta={"dont_redirect": True})
    on_site = Response(request.url, status=301, headers={"Location": "/news/2023/04/17/tech.html"},
                       request=request)
    hops = _run(spider.parse_article(on_site))
    assert [h.url for h in hops] == [f"{BASE}/news/2023/04/17/tech.html"] and hops[0].meta["own_redirects"] == 1
    off_site = Response(request.url, status=302, headers={"Location": "https://elsewhere.example/a.html"},
                        request=request)
    assert _run(spider.parse_article(off_site)) == []
    assert _stat(spider, "newscrawler/crawl/failed/off-site redirect") == 1


def test_request_errors_are_counted_by_kind(spider: PortalSpider) -> None:
    failure = Failure(DNSLookupError("no such host"))  # type: ignore[no-untyped-call]
    failure.request = Request(f"{BASE}/x.html")  # type: ignore[attr-defined]
    spider.on_error(failure)
    assert _stat(spider, "newscrawler/crawl/failed/dns") == 1


def test_an_unknown_site_or_no_target_is_a_clear_error() -> None:
    crawler = get_crawler(PortalSpider)
    with pytest.raises(ValueError, match="unknown site 'nosuch'; configured sites: "):
        PortalSpider.from_crawler(crawler, site="nosuch")
    with pytest.raises(ValueError, match="give -a site=NAME or -a start_urls="):
        PortalSpider.from_crawler(get_crawler(PortalSpider))


def test_a_sitemap_hands_out_requests_no_faster_than_the_scheduler_drains(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'news.db'}"
    crawler = get_crawler(PortalSpider, settings_dict={"NEWSCRAWLER_EXTRACT_WORKERS": 0,
                                                       "NEWSCRAWLER_DATABASE_URL": db_url,
                                                       "NEWSCRAWLER_MAX_PENDING": 3})
    spider = PortalSpider.from_crawler(crawler, site="demo", base_url=BASE)
    crawler.spider = spider
    stats = crawler.stats
    stats.set_value("scheduler/enqueued", 0)
    stats.set_value("scheduler/dequeued", 0)

    class Engine:  # the crawl stops while the sitemap's requests wait for room
        running = True

    crawler.engine = Engine()  # type: ignore[assignment]
    handed: list[str] = []

    async def consume() -> None:
        async for request in spider.parse_sitemap(_response("/sitemap.xml")):
            handed.append(request.url)
            stats.inc_value("scheduler/enqueued")  # the engine queues it; nothing is dequeued
            if len(handed) == 3:  # the crawl stops while the fourth waits for room (no clock involved)
                asyncio.get_running_loop().call_soon(setattr, Engine, "running", False)

    asyncio.run(consume())
    assert len(handed) == 3  # the cap, not the sitemap's length
    assert stats.get_value("newscrawler/crawl/left_for_later") == 1


def test_a_url_no_request_can_be_made_of_is_skipped_counted_and_the_rest_go_on(spider: PortalSpider) -> None:
    """A feed or sitemap entry (or a link) whose host ends in a number but is no IPv4 address: w3lib (2.6 on)
    refuses to make a Request of it; the spider skips it with a count instead of ending the callback."""
    assert spider._article_request("http://www.127.0.0.1/news/a.html") is None
    assert spider._list_request("http://1.2.3.4.5/channel/", depth=1) is None
    assert _stat(spider, "newscrawler/crawl/invalid_url") == 2
    kept = spider._article_request(f"{BASE}/news/2023/04/17/another.html")
    assert kept is not None and kept.callback == spider.parse_article
