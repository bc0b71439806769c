"""``portal`` spider: crawl a news portal from its home, channel pages, feeds and sitemaps.

    scrapy crawl portal -a site=people                      # a shipped or user site profile
    scrapy crawl portal -a start_urls=https://news.example.cn/,https://news.example.cn/world/
    scrapy crawl portal -a site=demo -a base_url=http://127.0.0.1:8000

The spider only navigates: it classifies links (article, list, other), follows
list pagination, reads feeds and sitemaps, joins articles split over several
pages, and hands every page to the pure extractor. Articles already in the
archive are skipped (the archive is the memory of a crawl, so a re-crawl fetches
only what is new, and a crawl restarted after a crash re-discovers what it lost);
``-a recrawl_after=7d`` makes archived articles older than that due again.

Article pages are extracted in worker processes (``newscrawler.spiders.workers``,
``NEWSCRAWLER_EXTRACT_WORKERS``), awaited by the ``async`` article callbacks, so the
reactor keeps downloading while pages are extracted.
"""

from __future__ import annotations

import gc
import re
from collections.abc import AsyncIterator, Callable, Iterable
from datetime import datetime, timedelta
from typing import Any, Protocol
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import scrapy
from scrapy.http import Response
from scrapy.utils.misc import load_object
from twisted.python.failure import Failure

from newscrawler.discovery import (
    classify_link,
    extract_links,
    next_list_page,
    parse_feed,
    parse_sitemap,
    recent,
)
from newscrawler.items import Article, ArticleItem, Fetch
from newscrawler.sites import SiteProfile, adhoc_profile, parse_duration
from newscrawler.spiders.failures import failure_reason
from newscrawler.spiders.fetch import fetch_record
from newscrawler.spiders.workers import ExtractionPool, Fingerprints

SHANGHAI = ZoneInfo("Asia/Shanghai")


_REDIRECT_CODES = (301, 302, 303, 307, 308)
_OWN_REDIRECTS = {"dont_redirect": True, "handle_httpstatus_list": list(_REDIRECT_CODES)}
"""Meta of the requests whose redirects the spider follows itself, on the site only (see ``_redirected``)."""


async def _in_thread(fn: Any, *args: Any) -> Any:
    """``fn(*args)`` in a worker thread, awaited under the asyncio reactor or another one."""
    from scrapy.utils.asyncio import is_asyncio_available

    if is_asyncio_available():
        import asyncio

        return await asyncio.to_thread(fn, *args)
    from scrapy.utils.defer import maybe_deferred_to_future
    from twisted.internet.threads import deferToThread

    return await maybe_deferred_to_future(deferToThread(fn, *args))


class SeenURLs(Protocol):
    """The article URLs this crawl has queued: ``add`` is True only the first time a key is added."""

    def add(self, key: str) -> bool: ...


class LocalSeen:
    """The queued-article set of a single crawl process."""

    def __init__(self) -> None:
        self.keys: set[str] = set()

    def add(self, key: str) -> bool:
        if key in self.keys:
            return False
        self.keys.add(key)
        return True


class PortalSpider(scrapy.Spider):
    """Discover and extract the articles of one configured site or of any portal given by URL."""

    name = "portal"
    allowed_domains: list[str]

    def __init__(self, site: str | None = None, start_urls: str | None = None, base_url: str | None = None,
                 recrawl_after: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.site_name = site
        self.start_arg = start_urls
        self.base_url = base_url
        self.recrawl_after = timedelta(seconds=parse_duration(recrawl_after)) if recrawl_after else None
        self.profile: SiteProfile | None = None
        self.skip: set[str] = set()
        """Keys of the archived articles this crawl does not fetch again (``newscrawler.incremental``)."""
        self.skipped: set[str] = set()
        """Keys of those the crawl found links to (each counted once in ``skipped_archived``)."""
        self.queued: SeenURLs = LocalSeen()
        self.pages_seen: set[str] = set()
        """List and sitemap URLs this crawl has queued (a local crawl's own duplicate filter, see ``_own_filter``)."""
        self.extraction: ExtractionPool | None = None

    # -- set-up ----------------------------------------------------------------------------------

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> PortalSpider:
        """Apply the profile's politeness (delay, concurrency) as spider-priority settings before they freeze."""
        spider = super().from_crawler(crawler, *args, **kwargs)
        profile = spider.resolve_profile()
        spider.profile = profile
        # Scrapy's offsite filter then drops requests to other hosts, redirects included: nothing from another
        # host enters the archive unless the profile lists its domain
        spider.allowed_domains = list(profile.domains)
        if crawler.settings.frozen:  # a crawler whose settings were applied already (tests' get_crawler)
            spider.logger.warning("settings are frozen: site %s's delay, concurrency and depth not applied",
                                  profile.name)
        else:
            spider.apply_politeness(crawler.settings)
        spider.extraction = ExtractionPool.from_settings(crawler.settings)
        return spider

    def apply_politeness(self, settings: Any) -> None:
        """The profile's delay, concurrency and depth as spider-priority settings (before they freeze)."""
        profile = self.profile
        assert profile is not None
        if profile.delay is not None:
            settings.set("DOWNLOAD_DELAY", profile.delay, priority="spider")
            settings.set("AUTOTHROTTLE_START_DELAY", max(profile.delay, 0.1), priority="spider")
        if profile.concurrency:
            settings.set("CONCURRENT_REQUESTS_PER_DOMAIN", profile.concurrency, priority="spider")
        if profile.depth and settings.getint("DEPTH_LIMIT") == 0:
            settings.set("DEPTH_LIMIT", profile.depth + 2, priority="spider")

    def closed(self, reason: str) -> None:
        """Stop the extraction workers."""
        if self.extraction is not None:
            self.extraction.close()

    def resolve_profile(self) -> SiteProfile:
        """The site profile to crawl: a named one, or an ad-hoc one made from start URLs; relative
        start URLs, feeds and sitemaps (the demo portal's) are resolved against ``base_url``."""
        if self.site_name:
            from newscrawler.profiles import configured_profiles

            profiles = configured_profiles(self.settings.get("NEWSCRAWLER_SITES_DIR"))
            if self.site_name not in profiles:
                known = ", ".join(sorted(profiles))
                raise ValueError(f"unknown site {self.site_name!r}; configured sites: {known}")
            return profiles[self.site_name].resolved(self.base_url)
        urls = [u.strip() for u in (self.start_arg or "").split(",") if u.strip()]
        if not urls:
            raise ValueError("give -a site=NAME or -a start_urls=URL[,URL…]")
        hosts = sorted({(urlsplit(u).hostname or "").removeprefix("www.") for u in urls})
        name = re.sub(r"[^a-z0-9_-]+", "-", hosts[0].lower()) if len(hosts) == 1 else "adhoc"
        return adhoc_profile(urls, name=name)  # an unconfigured portal is reported under its host

    async def start(self) -> AsyncIterator[scrapy.Request]:
        self.profile = self.profile or self.resolve_profile()
        factory = self.settings.get("NEWSCRAWLER_SEEN_URLS")
        if factory:  # several workers share one set (see newscrawler.distributed)
            self.queued = load_object(factory)(self.crawler, self.profile.name)
        from newscrawler.incremental import archived_urls

        # a large archive takes a while to read: off the reactor thread, so nothing else waits for it
        self.skip = await _in_thread(archived_urls, self.settings.get("NEWSCRAWLER_DATABASE_URL"),
                                     self.recrawl_after)
        self.logger.info("site %s: %d archived article(s) will be skipped", self.profile.name, len(self.skip))
        # Everything alive now (modules, settings, the archive's URL set) lives as long as the crawl: out of the
        # cyclic garbage collector's way, its full collections only walk what the crawl creates from here on
        # (they took ~15 % of the crawl process's CPU time, walking the same million start-up objects each time).
        gc.freeze()
        for url in self.profile.start_urls:
            start = self._list_request(url, depth=0, start=True)
            if start is not None:  # None: no request can be made of it (counted and logged)
                yield start
        for url in self.profile.feeds:
            yield scrapy.Request(url, callback=self.parse_feed, errback=self.on_error, dont_filter=True,
                                 meta=dict(_OWN_REDIRECTS))
        for url in self.profile.sitemaps:
            yield scrapy.Request(url, callback=self.parse_sitemap, errback=self.on_error, dont_filter=True,
                                 meta=dict(_OWN_REDIRECTS))

    # -- navigation ------------------------------------------------------------------------------

    def _list_request(self, url: str, depth: int, start: bool = False) -> scrapy.Request | None:
        """A list page request (None when this crawl has queued it); start URLs are always fetched."""
        own = True if start else self._own_filter(url)
        if own is None:
            return None
        return self._requested(url, lambda: scrapy.Request(url, callback=self.parse_list, errback=self.on_error,
                                                           meta={"list_depth": depth, **_OWN_REDIRECTS},
                                                           dont_filter=own))

    def _requested(self, url: str, make: Callable[[], scrapy.Request]) -> scrapy.Request | None:
        """``make()``, or None, counted and logged, for a URL no request can be made of (w3lib 2.6 on refuses
        a host ending in a number that is no IPv4 address): one such link must not end its page's callback."""
        try:
            return make()
        except ValueError as exc:
            self.crawler.stats.inc_value("newscrawler/crawl/invalid_url")
            self.logger.info("skipped a link no request can be made of: %s (%s)", url, exc)
            return None

    def _own_filter(self, url: str) -> bool | None:
        """How a list or sitemap request is kept from being fetched twice: None when this crawl has queued it
        already, True when the spider's own set decides (``dont_filter``), False when Scrapy's duplicate filter
        does (a distributed crawl: its shared filter lives as long as the crawl's generation).

        A local crawl keeps its own set rather than Scrapy's because ``JOBDIR`` makes Scrapy's filter outlive
        the crawl: a finished job directory reused later then refused every channel page it had ever read,
        and the crawl found no new article."""
        if self.settings.get("NEWSCRAWLER_SEEN_URLS"):
            return False
        from newscrawler.incremental import url_key

        key = url_key(url)
        if key in self.pages_seen:
            return None
        self.pages_seen.add(key)
        return True

    def _article_request(self, url: str) -> scrapy.Request | None:
        from newscrawler.incremental import url_key

        key = url_key(url)
        if key in self.skip:
            if key not in self.skipped:  # counted once per article, however many pages link to it
                self.skipped.add(key)
                self.crawler.stats.inc_value("newscrawler/crawl/skipped_archived")
            return None
        if not self.queued.add(key):
            return None
        # not through the persistent duplicate filter: the archive decides what is known, so an article
        # whose batch was lost in a crash is fetched again when its list page is
        return self._requested(url, lambda: scrapy.Request(url, callback=self.parse_article, errback=self.on_error,
                                                           dont_filter=True, meta=dict(_OWN_REDIRECTS)))

    def _redirected(self, response: Response) -> scrapy.Request | None:
        """The next hop of a redirect answered to a request that follows its own redirects (``_OWN_REDIRECTS``:
        requests that skip Scrapy's duplicate filter also skip its offsite filter, so a redirect to another
        host would be followed): the same request to the new URL when it is on the site, else None, counted."""
        assert self.profile is not None
        location = response.headers.get(b"Location")
        hops = int(response.meta.get("own_redirects", 0)) + 1
        if not location:
            self.crawler.stats.inc_value(f"newscrawler/crawl/failed/HTTP {response.status}")
            return None
        target = response.urljoin(location.decode("latin-1").strip())
        if hops > self.settings.getint("REDIRECT_MAX_TIMES", 20):
            self.crawler.stats.inc_value("newscrawler/crawl/failed/too many redirects")
            return None
        if not self.profile.is_on_site(target):
            self.crawler.stats.inc_value("newscrawler/crawl/failed/off-site redirect")
            self.logger.info("not followed: %s redirects off the site to %s", response.url, target)
            return None
        return response.request.replace(url=target, meta={**response.meta, "own_redirects": hops})  # type: ignore[union-attr]

    def parse_list(self, response: Response) -> Iterable[scrapy.Request]:
        instead = self._instead(response)
        if instead is not None:
            yield from instead
            return
        assert self.profile is not None
        depth = int(response.meta.get("list_depth", 0))
        links = extract_links(response.body, response.url)
        for url, text in links:
            if not self.profile.is_on_site(url):
                continue
            kind = classify_link(url, text, self.profile)
            if kind == "article":
                request = self._article_request(url)
                if request is not None:
                    yield request
            elif kind == "list" and depth < self.profile.depth:
                listing = self._list_request(url, depth + 1)
                if listing is not None:
                    yield listing
        following = next_list_page(links, response.url)
        if following and self.profile.is_on_site(following):
            listing = self._list_request(following, depth)
            if listing is not None:
                yield listing

    async def parse_feed(self, response: Response) -> AsyncIterator[scrapy.Request]:
        async for request in self._bounded(self._feed_requests(response)):
            yield request

    async def parse_sitemap(self, response: Response) -> AsyncIterator[scrapy.Request]:
        async for request in self._bounded(self._sitemap_requests(response)):
            yield request

    async def _bounded(self, requests: Iterable[scrapy.Request]) -> AsyncIterator[scrapy.Request]:
        """``requests`` handed out no faster than the scheduler drains: while ``NEWSCRAWLER_MAX_PENDING``
        requests wait in it, the next one waits here (a feed or sitemap of a million URLs is then never
        a million queued requests; a crawl that stops, e.g. at ``--max-pages``, leaves the rest
        undiscovered, and the archive lets the next crawl carry on where it ended)."""
        from scrapy.utils.asyncio import sleep

        from newscrawler.adapters.scrapy import is_stopping

        cap = self.settings.getint("NEWSCRAWLER_MAX_PENDING", 0)
        for request in requests:
            while cap and self._pending() >= cap:
                if is_stopping(self.crawler):
                    self.crawler.stats.inc_value("newscrawler/crawl/left_for_later")
                    return
                await sleep(0.1)
            yield request

    def _pending(self) -> int:
        """Requests waiting in the scheduler, from Scrapy's own scheduler counters."""
        stats = self.crawler.stats
        return int(stats.get_value("scheduler/enqueued", 0) or 0) - int(stats.get_value("scheduler/dequeued", 0) or 0)

    def _feed_requests(self, response: Response) -> Iterable[scrapy.Request]:
        instead = self._instead(response)
        if instead is not None:
            yield from instead
            return
        assert self.profile is not None
        for entry in parse_feed(response.body, response.url):
            if not self.profile.is_on_site(entry.url):  # nothing from another host unless the profile lists it
                self.crawler.stats.inc_value("newscrawler/crawl/skipped_off_site")
                continue
            request = self._article_request(entry.url)
            if request is not None:
                yield request

    def _sitemap_requests(self, response: Response) -> Iterable[scrapy.Request]:
        instead = self._instead(response)
        if instead is not None:
            yield from instead
            return
        assert self.profile is not None
        sitemap = parse_sitemap(response.body, response.url)
        for child in sitemap.children:
            if not self.profile.is_on_site(child):
                self.crawler.stats.inc_value("newscrawler/crawl/skipped_off_site")
                continue
            own = self._own_filter(child)
            if own is not None:
                yield scrapy.Request(child, callback=self.parse_sitemap, errback=self.on_error, dont_filter=own,
                                     meta=dict(_OWN_REDIRECTS))
        entries = sitemap.urls
        window = self.settings.get("NEWSCRAWLER_SITEMAP_SINCE")
        if window:  # only what was published or modified recently (news sitemaps, lastmod)
            entries = recent(entries, datetime.now(SHANGHAI) - timedelta(seconds=parse_duration(window)))
        for entry in entries:
            if self.profile.is_on_site(entry.url) and classify_link(entry.url, "", self.profile) != "other":
                request = self._article_request(entry.url)
                if request is not None:
                    yield request

    # -- articles --------------------------------------------------------------------------------

    async def parse_article(self, response: Response) -> AsyncIterator[ArticleItem | scrapy.Request]:
        instead = self._instead(response)
        if instead is not None:
            for hop in instead:
                yield hop
            return
        assert self.profile is not None
        first = fetch_record(response, datetime.now(SHANGHAI))
        following, article, prints = await self._pool().first_page(first, self.profile.encoding,
                                                                   self.profile.selectors)
        if following:
            yield self._continuation(first, [], following)
        elif article is not None:
            yield self._article_item(first, [], article, prints)

    def _continuation(self, first: Fetch, pages: list[Fetch], todo: list[str]) -> scrapy.Request:
        return scrapy.Request(todo[0], callback=self.parse_continuation, errback=self.on_continuation_error,
                              dont_filter=True, cb_kwargs={"first": first, "pages": pages, "todo": todo[1:]},
                              meta=dict(_OWN_REDIRECTS))

    async def parse_continuation(self, response: Response, first: Fetch, pages: list[Fetch],
                                 todo: list[str]) -> AsyncIterator[ArticleItem | scrapy.Request]:
        assert self.profile is not None
        if response.status in _REDIRECT_CODES:
            hop = self._redirected(response)
            if hop is not None:
                yield hop
                return
        elif response.status < 400 and self.profile.is_on_site(response.url):
            pages = [*pages, fetch_record(response, datetime.now(SHANGHAI))]
        if todo:
            yield self._continuation(first, pages, todo)
        else:
            yield await self._item(first, pages)

    async def on_continuation_error(self, failure: Failure) -> AsyncIterator[ArticleItem | scrapy.Request]:
        """A later page failed: store what arrived (counted), rather than lose the whole article."""
        kwargs = failure.request.cb_kwargs  # type: ignore[attr-defined]
        self._count_failure(failure)
        self.crawler.stats.inc_value("newscrawler/crawl/partial_article")
        if kwargs["todo"]:
            yield self._continuation(kwargs["first"], kwargs["pages"], kwargs["todo"])
        else:
            yield await self._item(kwargs["first"], kwargs["pages"])

    def _pool(self) -> ExtractionPool:
        if self.extraction is None:
            self.extraction = ExtractionPool.from_settings(self.settings)
        return self.extraction

    async def _item(self, first: Fetch, pages: list[Fetch]) -> ArticleItem:
        """Extract the article (joining its later pages) in the extraction pool."""
        assert self.profile is not None
        article, prints = await self._pool().extract(first, pages, self.profile.encoding, self.profile.selectors)
        return self._article_item(first, pages, article, prints)

    def _article_item(self, first: Fetch, pages: list[Fetch], article: Article, prints: Fingerprints) -> ArticleItem:
        """The item; body fingerprints computed by an extraction worker ride along (the dedupe stage keeps them)."""
        assert self.profile is not None
        if pages and article.is_article:
            self.crawler.stats.inc_value("newscrawler/crawl/multi_page_article")
        item = ArticleItem(article=article, fetch=first, site=self.profile.name, more_pages=pages,
                           site_domains=self.profile.domains)
        if prints is not None:
            item.content_hash, item.signature = prints
        return item

    # -- failures --------------------------------------------------------------------------------

    def _instead(self, response: Response) -> list[scrapy.Request] | None:
        """None when a callback may read ``response``; otherwise what it yields instead: the next hop of a
        redirect answer followed on the site, or nothing (an error status, an off-site answer, counted)."""
        if response.status in _REDIRECT_CODES:
            hop = self._redirected(response)
            return [hop] if hop is not None else []
        return None if self._ok(response) else []

    def _ok(self, response: Response) -> bool:
        if response.status >= 400:
            self.crawler.stats.inc_value(f"newscrawler/crawl/failed/HTTP {response.status}")
            return False
        if self.profile is not None and not self.profile.is_on_site(response.url):
            # a redirect to another host: what it answers is not this site's page (nor its links)
            self.crawler.stats.inc_value("newscrawler/crawl/failed/off-site redirect")
            self.logger.info("not stored: %s redirected off the site to %s",
                             getattr(response.request, "url", "?"), response.url)
            return False
        return True

    def on_error(self, failure: Failure) -> None:
        self._count_failure(failure)

    def _count_failure(self, failure: Failure) -> None:
        reason = failure_reason(failure.value) if failure.value is not None else "unknown"
        self.crawler.stats.inc_value(f"newscrawler/crawl/failed/{reason}")
        # one line on the terminal per failed request (the command's console shows warnings)
        self.logger.warning("failed (%s): %s", reason, getattr(failure, "request", None))
