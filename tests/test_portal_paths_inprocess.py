"""The portal spider's remaining paths in-process: politeness applied from the profile before the settings
freeze, ad-hoc profiles, a shared seen set, redirects and errors of every callback, sitemap indexes and
windows, off-site entries, continuation pages; and the extraction pool's worker jobs and broken-pool
fallback with real worker processes (no crawl, no network)."""

from __future__ import annotations

import asyncio
import gc
import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import HtmlResponse, Response, TextResponse
from scrapy.utils.test import get_crawler
from twisted.internet.error import TCPTimedOutError
from twisted.python.failure import Failure

from newscrawler.incremental import url_key
from newscrawler.items import ArticleItem, Fetch
from newscrawler.spiders.portal import LocalSeen, PortalSpider
from newscrawler.spiders.workers import (
    ExtractionPool,
    _widen_pipe,
    extract_and_fingerprint,
    extract_joined,
    read_first_page,
)
from pipelines.db.migrate import upgrade

from .test_portal_inprocess import BASE, HEADERS, _response, _run, _stat, demo_spider

XML = {"Content-Type": "application/xml"}


@pytest.fixture
def spider(tmp_path: Path) -> Iterator[PortalSpider]:
    made = demo_spider(tmp_path)
    yield made
    made.closed("finished")


def _xml(url: str, body: str) -> TextResponse:
    return TextResponse(url, body=body.encode(), headers=XML, request=Request(url))


def _redirect(url: str, location: str | None, meta: dict[str, Any] | None = None,
              cb_kwargs: dict[str, Any] | None = None) -> Response:
    request = Request(url, meta={"dont_redirect": True, **(meta or {})}, cb_kwargs=cb_kwargs)
    headers = {"Location": location} if location is not None else {}
    return Response(url, status=302, headers=headers, request=request)


# --------------------------------------------------------------------------- set-up


def test_a_profiles_politeness_becomes_spider_settings_before_they_freeze(tmp_path: Path) -> None:
    sites = tmp_path / "sites"
    sites.mkdir()
    (sites / "slow.toml").write_text('name = "slow"\ndomains = ["slow.example.cn"]\n'
                                     'start_urls = ["https://slow.example.cn/"]\ndelay = 0.05\n'
                                     'concurrency = 2\ndepth = 4\n', encoding="utf-8")
    crawler = Crawler(PortalSpider, {"NEWSCRAWLER_SITES_DIR": str(sites), "NEWSCRAWLER_EXTRACT_WORKERS": 0})
    spider = PortalSpider.from_crawler(crawler, site="slow")
    settings = crawler.settings
    assert settings.getfloat("DOWNLOAD_DELAY") == 0.05 and settings.getpriority("DOWNLOAD_DELAY") == 30
    assert settings.getfloat("AUTOTHROTTLE_START_DELAY") == 0.1  # never below 0.1 s
    assert settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") == 2
    assert settings.getint("DEPTH_LIMIT") == 6  # the list depth, plus an article and a continuation page
    assert spider.allowed_domains == ["slow.example.cn"]
    chosen = Crawler(PortalSpider, {"NEWSCRAWLER_SITES_DIR": str(sites), "DEPTH_LIMIT": 2})
    PortalSpider.from_crawler(chosen, site="slow")
    assert chosen.settings.getint("DEPTH_LIMIT") == 2  # a depth limit given by the user is kept


def test_start_urls_alone_make_an_adhoc_profile_named_after_the_host() -> None:
    one = PortalSpider.from_crawler(get_crawler(PortalSpider), start_urls=" https://www.News.example.cn/a/ ,"
                                                                          "https://news.example.cn/b/")
    assert one.profile is not None and one.profile.name == "news-example-cn"
    assert one.profile.start_urls[0] == "https://www.News.example.cn/a/"
    two = PortalSpider.from_crawler(get_crawler(PortalSpider), start_urls="https://a.example.cn/,https://b.example.cn/")
    assert two.profile is not None and two.profile.name == "adhoc"


class SharedSeen(LocalSeen):
    """A seen set a ``NEWSCRAWLER_SEEN_URLS`` factory hands out (records what it was made for)."""

    made_for: list[str] = []  # noqa: RUF012

    def __init__(self, crawler: Any, site: str) -> None:
        super().__init__()
        SharedSeen.made_for.append(site)


def test_a_shared_seen_set_replaces_the_local_one_and_scrapys_filter_decides_list_pages(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'news.db'}"
    upgrade(db_url)
    crawler = get_crawler(PortalSpider, settings_dict={"NEWSCRAWLER_EXTRACT_WORKERS": 0,
                                                       "NEWSCRAWLER_DATABASE_URL": db_url,
                                                       "NEWSCRAWLER_SEEN_URLS": f"{__name__}.SharedSeen"})
    spider = PortalSpider.from_crawler(crawler, site="demo", base_url=BASE)
    crawler.spider = spider
    SharedSeen.made_for = []
    try:
        _run(spider.start())
    finally:
        gc.unfreeze()
    assert SharedSeen.made_for == ["demo"] and isinstance(spider.queued, SharedSeen)
    out = list(spider.parse_list(_response("/", meta={"list_depth": 0})))
    lists = [r for r in out if r.callback == spider.parse_list]
    assert lists and not any(r.dont_filter for r in lists)  # the shared duplicate filter decides
    articles = [r for r in out if r.callback == spider.parse_article]
    assert isinstance(spider.queued, SharedSeen) and {url_key(r.url) for r in articles} <= spider.queued.keys


# --------------------------------------------------------------------------- redirects and errors


def test_a_redirect_without_a_target_or_past_the_limit_is_counted_not_followed(spider: PortalSpider) -> None:
    assert list(spider.parse_list(_redirect(f"{BASE}/channel/x/", None))) == []
    assert _stat(spider, "newscrawler/crawl/failed/HTTP 302") == 1
    limit = spider.settings.getint("REDIRECT_MAX_TIMES", 20)
    looping = _redirect(f"{BASE}/channel/x/", "/channel/y/", {"own_redirects": limit})
    assert list(spider.parse_list(looping)) == []
    assert _stat(spider, "newscrawler/crawl/failed/too many redirects") == 1
    hop = list(spider.parse_list(_redirect(f"{BASE}/channel/x/", "/channel/y/", {"list_depth": 1})))
    assert [(h.url, h.meta["own_redirects"], h.meta["list_depth"]) for h in hop] == [(f"{BASE}/channel/y/", 1, 1)]


def test_feeds_and_sitemaps_follow_redirects_on_the_site_and_count_errors(spider: PortalSpider) -> None:
    for parse in (spider.parse_feed, spider.parse_sitemap):
        hop = _run(parse(_redirect(f"{BASE}/old.xml", "/new.xml")))
        assert [h.url for h in hop] == [f"{BASE}/new.xml"]
        assert _run(parse(_redirect(f"{BASE}/old.xml", "https://elsewhere.example/feed.xml"))) == []
        gone = Response(f"{BASE}/feed.xml", status=410, request=Request(f"{BASE}/feed.xml"))
        assert _run(parse(gone)) == []
    assert _stat(spider, "newscrawler/crawl/failed/off-site redirect") == 2
    assert _stat(spider, "newscrawler/crawl/failed/HTTP 410") == 2


def test_an_answer_from_another_host_is_not_read(spider: PortalSpider) -> None:
    request = Request(f"{BASE}/")
    elsewhere = HtmlResponse("https://elsewhere.example/", body=b"<a href='https://elsewhere.example/x'>x</a>",
                             request=request)
    assert list(spider.parse_list(elsewhere)) == []
    assert _run(spider.parse_article(HtmlResponse("https://elsewhere.example/a.html", body=b"",
                                                  request=Request(f"{BASE}/a.html")))) == []
    assert _stat(spider, "newscrawler/crawl/failed/off-site redirect") == 2


def test_off_site_links_and_feed_entries_are_skipped(spider: PortalSpider) -> None:
    page = (b'<html><body><a href="https://elsewhere.example/news/2023/04/17/x.html">x</a>'
            b'<a href="/news/2023/04/17/y.html">y</a></body></html>')
    listing = HtmlResponse(f"{BASE}/", body=page, headers={"Content-Type": "text/html; charset=utf-8"},
                           request=Request(f"{BASE}/", meta={"list_depth": 0}))
    assert [r.url for r in spider.parse_list(listing)] == [f"{BASE}/news/2023/04/17/y.html"]
    feed = _xml(f"{BASE}/rss.xml", "<?xml version='1.0'?><rss version='2.0'><channel><title>t</title>"
                "<item><title>a</title><link>https://elsewhere.example/news/2023/04/17/a.html</link></item>"
                f"<item><title>b</title><link>{BASE}/news/2023/04/17/b.html</link></item></channel></rss>")
    assert [r.url for r in _run(spider.parse_feed(feed))] == [f"{BASE}/news/2023/04/17/b.html"]
    assert _stat(spider, "newscrawler/crawl/skipped_off_site") == 1


def test_a_sitemap_index_queues_its_sitemaps_once_on_the_site_only(spider: PortalSpider) -> None:
    index = _xml(f"{BASE}/sitemap_index.xml",
                 "<?xml version='1.0'?><sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
                 f"<sitemap><loc>{BASE}/sitemap-1.xml</loc></sitemap>"
                 "<sitemap><loc>https://elsewhere.example/sitemap.xml</loc></sitemap></sitemapindex>")
    children = _run(spider.parse_sitemap(index))
    assert [(r.url, r.callback, r.dont_filter) for r in children] == [
        (f"{BASE}/sitemap-1.xml", spider.parse_sitemap, True)]
    assert _stat(spider, "newscrawler/crawl/skipped_off_site") == 1
    assert _run(spider.parse_sitemap(index)) == []  # queued by this crawl already


def test_a_sitemap_window_keeps_only_recent_entries(tmp_path: Path) -> None:
    crawler = get_crawler(PortalSpider, settings_dict={"NEWSCRAWLER_EXTRACT_WORKERS": 0,
                                                       "NEWSCRAWLER_SITEMAP_SINCE": "3650d"})
    spider = PortalSpider.from_crawler(crawler, site="demo", base_url=BASE)
    crawler.spider = spider
    recent = datetime.now(UTC) - timedelta(days=1)  # relative to the spider's own reading of the clock
    sitemap = _xml(f"{BASE}/sitemap.xml",
                   "<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
                   f"<url><loc>{BASE}/news/1999/01/01/old.html</loc><lastmod>1999-01-01</lastmod></url>"
                   f"<url><loc>{BASE}/news/2023/04/17/new.html</loc><lastmod>{recent:%Y-%m-%d}</lastmod></url>"
                   f"<url><loc>{BASE}/about.html</loc><lastmod>{recent:%Y-%m-%d}</lastmod></url>"
                   "</urlset>")
    assert [r.url for r in _run(spider.parse_sitemap(sitemap))] == [f"{BASE}/news/2023/04/17/new.html"]


# --------------------------------------------------------------------------- articles


def test_an_article_answering_an_error_is_counted_and_yields_nothing(spider: PortalSpider) -> None:
    gone = Response(f"{BASE}/news/2023/04/17/gone.html", status=404,
                    request=Request(f"{BASE}/news/2023/04/17/gone.html"))
    assert _run(spider.parse_article(gone)) == []
    assert _stat(spider, "newscrawler/crawl/failed/HTTP 404") == 1


def _sports(spider: PortalSpider) -> Request:
    first = _run(spider.parse_article(_response("/news/2023/04/16/sports.html")))
    assert len(first) == 1 and isinstance(first[0], Request)
    return first[0]


def test_continuation_pages_follow_redirects_and_later_pages_in_order(spider: PortalSpider) -> None:
    continuation = _sports(spider)
    kwargs = dict(continuation.cb_kwargs)
    moved = _redirect(continuation.url, "/news/2023/04/16/sports_2.html?p=2", cb_kwargs=kwargs)
    hop = _run(spider.parse_continuation(moved, **kwargs))
    assert [h.url for h in hop] == [f"{BASE}/news/2023/04/16/sports_2.html?p=2"] and hop[0].cb_kwargs == kwargs
    off = _redirect(continuation.url, "https://elsewhere.example/2.html", cb_kwargs=kwargs)
    items = _run(spider.parse_continuation(off, **kwargs))  # not followed: the article is stored without it
    assert len(items) == 1 and isinstance(items[0], ArticleItem) and items[0].more_pages == []
    three = {**kwargs, "todo": [f"{BASE}/news/2023/04/16/sports_3.html"]}
    page_two = _response("/news/2023/04/16/sports_2.html", cb_kwargs=three)
    nxt = _run(spider.parse_continuation(page_two, **three))
    assert [r.url for r in nxt] == [f"{BASE}/news/2023/04/16/sports_3.html"]
    assert len(nxt[0].cb_kwargs["pages"]) == 1 and nxt[0].cb_kwargs["todo"] == []
    failure = Failure(TCPTimedOutError())  # type: ignore[no-untyped-call]
    failure.request = Request(f"{BASE}/news/2023/04/16/sports_2.html", cb_kwargs=three)  # type: ignore[attr-defined]
    after = _run(spider.on_continuation_error(failure))  # page two failed: page three is still fetched
    assert [r.url for r in after] == [f"{BASE}/news/2023/04/16/sports_3.html"] and after[0].cb_kwargs["pages"] == []
    assert _stat(spider, "newscrawler/crawl/failed/timeout") == 1


def _fetch(path: str) -> Fetch:
    return _fetch_of(_response(path))


def _fetch_of(response: Response) -> Fetch:
    return Fetch(url=response.url, final_url=response.url, status=200,
                 headers={"Content-Type": HEADERS[response.url.removeprefix(BASE)]}, body=response.body,
                 fetched_at=datetime(2023, 4, 18, tzinfo=UTC))


def _pool_of(spider: PortalSpider) -> ExtractionPool | None:
    return spider.extraction


def test_worker_fingerprints_ride_on_the_item(tmp_path: Path) -> None:
    crawler = get_crawler(PortalSpider, settings_dict={"NEWSCRAWLER_EXTRACT_WORKERS": 1})
    spider = PortalSpider.from_crawler(crawler, site="demo", base_url=BASE)
    crawler.spider = spider
    spider.extraction = None  # made again on first use, from the settings
    try:
        items = _run(spider.parse_article(_response("/news/2023/04/17/tech.html")))
    finally:
        spider.closed("finished")
    assert _pool_of(spider) is not None and _pool_of(spider).workers == 1  # type: ignore[union-attr]
    item = items[0]
    article, prints = extract_and_fingerprint(_fetch("/news/2023/04/17/tech.html"), [], None, None)
    assert prints is not None and (item.content_hash, item.signature) == prints
    assert item.article.body == article.body


# --------------------------------------------------------------------------- the extraction pool


def test_the_workers_jobs_read_first_pages_and_fingerprint_only_articles() -> None:
    split = _fetch("/news/2023/04/16/sports.html")
    assert read_first_page(split, None, None) == ([f"{BASE}/news/2023/04/16/sports_2.html"], None, None)
    following, article, prints = read_first_page(_fetch("/news/2023/04/17/tech.html"), None, None)
    assert following == [] and article is not None and article.is_article
    assert prints is not None and len(prints[1]) == 128
    listing = _fetch_of(_response("/channel/finance/"))
    not_article, none = extract_and_fingerprint(listing, [], None, None)
    assert not not_article.is_article and none is None


@pytest.mark.parametrize(("value", "workers"), [(None, None), ("", None), ("2", 2), (0, 0)])
def test_the_pool_size_comes_from_the_setting(value: Any, workers: int | None) -> None:
    from scrapy.settings import Settings

    from newscrawler.spiders.workers import default_workers

    settings = Settings({"NEWSCRAWLER_EXTRACT_WORKERS": value} if value is not None else {})
    assert ExtractionPool.from_settings(settings).workers == (default_workers() if workers is None else workers)
    assert ExtractionPool.from_settings(None).workers == default_workers()


def test_a_pool_that_breaks_mid_task_finishes_that_task_and_the_rest_in_process() -> None:
    pool = ExtractionPool(1)
    split, one = _fetch("/news/2023/04/16/sports.html"), _fetch("/news/2023/04/17/tech.html")
    two = _fetch("/news/2023/04/16/sports_2.html")

    async def scenario() -> tuple[Any, ...]:
        # the worker dies on the first task; the tasks queued behind it fail with the pool
        return tuple(await asyncio.gather(pool._offload(os._exit, 1), pool.first_page(one),
                                          pool.extract(split, [two])))

    try:
        died, (following, article, prints), (joined, joined_prints) = asyncio.run(scenario())
    finally:
        pool.close()
    assert died is None
    assert pool.in_process
    assert following == [] and article == extract_joined(one, []) and prints is None
    assert joined == extract_joined(split, [two]) and joined_prints is None


def test_widening_a_pipe_that_cannot_be_widened_is_harmless(tmp_path: Path) -> None:
    class NotAPipe:
        def __init__(self, fd: int) -> None:
            self.fd = fd

        def fileno(self) -> int:
            return self.fd

    _widen_pipe(None)
    with (tmp_path / "plain").open("wb") as plain:
        _widen_pipe(NotAPipe(plain.fileno()))  # F_SETPIPE_SZ on a regular file fails: the default is kept
        plain.write(b"still writable")
    assert (tmp_path / "plain").read_bytes() == b"still writable"
