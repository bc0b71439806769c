"""``watch`` spider: re-visit the watched articles that are due and hand each answer to ``RecordVisit``.

    scrapy crawl watch                                  # every due article
    scrapy crawl watch -a sites=people,sina -a max_visits=500
    scrapy crawl watch -a now=2026-12-07T12:00:00+08:00   # a given moment (tests, replays)

Re-visits go through the project's downloader: the same user agent, robots.txt obedience, retries with
backoff, timeouts and size limits as crawls; each site's profile sets the delay and concurrency of its
download slot. Redirects are not followed blindly: a redirect to the same article under another spelling
is followed (at most :data:`MAX_HOPS`), any other is the evidence of a ``redirected`` verdict. The
spider judges what the answer alone says (``newscrawler.watch.verdicts``); an article page is compared
with the archive by the pipeline. Articles are extracted in the crawl process (visits are few and
spaced by the politeness delay).

Before planning, a run takes the archive's watch lock (:mod:`newscrawler.watch.lock`) and holds it until
it closes; a run that finds it held visits nothing (stat ``newscrawler/watch/locked`` names the holder).
In distributed mode (``NEWSCRAWLER_REDIS_URL``) every worker plans without the lock and the first request
of each visit carries ``meta["watch_visit"]`` (article id and visit count), by which the shared frontier
queues it once for all workers.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import scrapy
from scrapy import signals
from scrapy.http import Response
from twisted.python.failure import Failure

from newscrawler.discovery import classify_link
from newscrawler.profiles import configured_profiles
from newscrawler.sites import SiteProfile, adhoc_profile
from newscrawler.spiders.failures import failure_reason
from newscrawler.spiders.fetch import fetch_record
from newscrawler.spiders.workers import continuations
from newscrawler.spiders.workers import extract_joined as join_pages
from newscrawler.watch.lock import LockHeld, held_message, watch_lock
from newscrawler.watch.plan import Subset, plan_visits
from newscrawler.watch.record import WatchVisit
from newscrawler.watch.schedule import WatchSchedule
from newscrawler.watch.verdicts import (
    REDIRECT_STATUSES,
    Judgement,
    judge_page,
    judge_status,
    same_article_url,
    target_kind,
)
from pipelines.storage import DueVisit

SHANGHAI = ZoneInfo("Asia/Shanghai")
MAX_HOPS = 5
"""Most redirects followed between spellings of the same article."""
_META = {"dont_redirect": True, "handle_httpstatus_all": True}


class WatchSpider(scrapy.Spider):
    """Re-visit due watched articles (see the module docstring)."""

    name = "watch"
    custom_settings = {  # noqa: RUF012 (Scrapy declares it as a plain attribute)
        "ITEM_PIPELINES": {"newscrawler.watch.record.RecordVisit": 500},
    }

    def __init__(self, sites: str = "", now: str | None = None, max_visits: str | int | None = None,
                 subset: Subset | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        names = tuple(s.strip() for s in sites.split(",") if s.strip())
        self.subset = subset or Subset(sites=names)
        self.fixed_now = datetime.fromisoformat(now) if now else None
        if self.fixed_now is not None and self.fixed_now.tzinfo is None:
            self.fixed_now = self.fixed_now.replace(tzinfo=SHANGHAI)
        self.max_visits_arg = int(max_visits) if max_visits else None
        self.profiles: dict[str, SiteProfile] = {}
        self.enrolled = 0
        self.due_total = 0
        self.lock: Any = None

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> WatchSpider:
        """Give each configured site's download slot its profile's delay and concurrency."""
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.profiles = configured_profiles(crawler.settings.get("NEWSCRAWLER_SITES_DIR"))
        slots = dict(crawler.settings.getdict("DOWNLOAD_SLOTS"))
        for profile in spider.profiles.values():
            for domain in profile.domains:
                slots.setdefault(domain, {"delay": profile.delay, "concurrency": profile.concurrency})
        crawler.settings.set("DOWNLOAD_SLOTS", slots, priority="spider")
        crawler.signals.connect(spider.release_lock, signal=signals.spider_closed)
        return spider

    def release_lock(self) -> None:
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def now(self) -> datetime:
        """The observation time: the injected moment, else the clock."""
        return self.fixed_now or datetime.now(SHANGHAI)

    async def start(self) -> AsyncIterator[scrapy.Request]:
        settings = self.settings
        db_url = settings.get("NEWSCRAWLER_DATABASE_URL")
        if not settings.get("NEWSCRAWLER_REDIS_URL"):
            lock = watch_lock(db_url)
            try:
                lock.acquire()
            except LockHeld as exc:
                self.crawler.stats.set_value("newscrawler/watch/locked", held_message(exc))
                self.logger.info("watch: %s: nothing visited", held_message(exc))
                return
            self.lock = lock
        schedule = WatchSchedule.parse(settings.get("NEWSCRAWLER_WATCH_INTERVALS")).with_profiles(
            self.profiles.values())
        cap = self.max_visits_arg or settings.getint("NEWSCRAWLER_WATCH_MAX_VISITS", 1000)
        per_site = settings.getint("NEWSCRAWLER_WATCH_MAX_PER_SITE", 0) or None
        caps = {name: p.watch_max_articles for name, p in self.profiles.items() if p.watch_max_articles}
        plan = plan_visits(db_url, self.now(), schedule, self.subset,
                           max_per_site=per_site, site_caps=caps, max_visits=cap,
                           migrate=settings.getbool("NEWSCRAWLER_AUTO_MIGRATE", True))
        self.enrolled, self.due_total = plan.enrolled, plan.due_total
        self.crawler.stats.set_value("newscrawler/watch/enrolled", plan.enrolled)
        self.crawler.stats.set_value("newscrawler/watch/due", plan.due_total)
        self.crawler.stats.set_value("newscrawler/watch/planned", len(plan.due))  # the run's cap may leave some
        self.logger.info("watch: %d article(s) enrolled, %d due, visiting %d", plan.enrolled, plan.due_total,
                         len(plan.due))
        for due in plan.due:
            yield self._request(due.url, due, [])

    def _request(self, url: str, due: DueVisit, answers: list[Any]) -> scrapy.Request:
        meta = {**_META, "due": due, "answers": answers}
        if not answers:  # a visit's first request: what a shared frontier queues once
            meta["watch_visit"] = f"{due.article_id}:{due.visits}"
        return scrapy.Request(url, callback=self.parse_visit, errback=self.on_error, dont_filter=True, meta=meta)

    def profile_of(self, due: DueVisit) -> SiteProfile:
        return self.profiles.get(due.site or "") or adhoc_profile([due.canonical_url], name=due.site or "adhoc")

    # -- answers ----------------------------------------------------------------------------------

    def parse_visit(self, response: Response) -> Iterator[WatchVisit | scrapy.Request]:
        due: DueVisit = response.meta["due"]
        answers = [*response.meta["answers"], fetch_record(response, datetime.now(SHANGHAI))]
        if response.status in REDIRECT_STATUSES:
            yield from self._redirect(response, due, answers)
            return
        judged = judge_status(response.status)
        if judged is not None:
            judged.evidence["url"] = response.url
            yield self._visit(due, answers, judgement=judged)
            return
        following = continuations(answers[-1])
        if following:
            yield self._page_request(following[0], due, answers, [], following[1:])
            return
        yield from self._judge_article(due, answers, [])

    def _redirect(self, response: Response, due: DueVisit, answers: list[Any]) -> Iterator[WatchVisit | scrapy.Request]:
        location = response.headers.get(b"Location")
        if not location:
            yield self._visit(due, answers, Judgement("unreachable", {"error": f"HTTP {response.status} without "
                                                                               "Location", "status": response.status}))
            return
        target = response.urljoin(location.decode("latin-1").strip())
        profile = self.profile_of(due)
        same = any(same_article_url(target, url) or (profile.is_on_site(target) and _same_path(target, url))
                   for url in (due.canonical_url, due.url))
        if same and len(answers) <= MAX_HOPS:  # another spelling or host of the site (www., m.): follow it
            try:
                hop = self._request(target, due, answers)
            except ValueError as exc:  # a host no browser would reach (w3lib ≥ 2.6 refuses ``www.127.0.0.1``)
                yield self._visit(due, answers, Judgement("unreachable", {
                    "error": f"HTTP {response.status} to an invalid URL: {exc}", "status": response.status,
                    "location": target}))
                return
            yield hop
            return
        kind = target_kind(target, due.canonical_url, profile.is_on_site,
                           lambda url: classify_link(url, "", profile))
        hops = [{"status": a.status, "url": a.final_url, "location": a.headers.get("Location")} for a in answers]
        yield self._visit(due, answers, Judgement("redirected", {"status": response.status, "target": target,
                                                                 "target_kind": kind, "hops": hops}))

    def _page_request(self, url: str, due: DueVisit, answers: list[Any], pages: list[Any],
                      todo: list[str]) -> scrapy.Request:
        return scrapy.Request(url, callback=self.parse_page, errback=self.on_page_error, dont_filter=True,
                              meta={"due": due, "answers": answers, "pages": pages, "todo": todo})

    def parse_page(self, response: Response) -> Iterator[WatchVisit | scrapy.Request]:
        """A later page of a split article: kept when it answered 200 on the site."""
        meta = response.meta
        pages = list(meta["pages"])
        if response.status < 400:
            pages.append(fetch_record(response, datetime.now(SHANGHAI)))
        yield from self._next_page(meta["due"], meta["answers"], pages, meta["todo"])

    def on_page_error(self, failure: Failure) -> Iterator[WatchVisit | scrapy.Request]:
        meta = failure.request.meta  # type: ignore[attr-defined]
        yield from self._next_page(meta["due"], meta["answers"], meta["pages"], meta["todo"])

    def _next_page(self, due: DueVisit, answers: list[Any], pages: list[Any],
                   todo: list[str]) -> Iterator[WatchVisit | scrapy.Request]:
        if todo:
            yield self._page_request(todo[0], due, answers, pages, todo[1:])
        else:
            yield from self._judge_article(due, answers, pages)

    def _judge_article(self, due: DueVisit, answers: list[Any], pages: list[Any]) -> Iterator[WatchVisit]:
        profile = self.profiles.get(due.site or "")
        article = join_pages(answers[-1], pages, profile.encoding if profile else None,
                             profile.selectors if profile else None)
        judged = judge_page(article)
        if judged is not None:
            judged.evidence["status"] = answers[-1].status
            judged.evidence["url"] = answers[-1].final_url
        yield self._visit(due, answers, judgement=judged, article=article, pages=pages)

    def _visit(self, due: DueVisit, answers: list[Any], judgement: Judgement | None, article: Any = None,
               pages: list[Any] | None = None) -> WatchVisit:
        return WatchVisit(due=due, observed_at=self.now(), answers=answers, article=article, pages=pages or [],
                          judgement=judgement)

    def on_error(self, failure: Failure) -> Iterator[WatchVisit]:
        """No answer (after the retries): ``unreachable``, never a removal."""
        request = failure.request  # type: ignore[attr-defined]
        due: DueVisit = request.meta["due"]
        reason = failure_reason(failure.value) if failure.value is not None else "unknown"
        self.logger.info("unreachable (%s): %s", reason, request.url)
        yield self._visit(due, list(request.meta.get("answers", [])),
                          Judgement("unreachable", {"error": reason, "url": request.url}))


def _same_path(a: str, b: str) -> bool:
    """True when two URLs have the same path (trailing slash aside) and query: the same page on two hosts."""
    pa, pb = urlsplit(a), urlsplit(b)
    return (pa.path.rstrip("/") or "/") == (pb.path.rstrip("/") or "/") and pa.query == pb.query
