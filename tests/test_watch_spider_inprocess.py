"""The watch spider's callbacks in-process: answers built as Scrapy would hand them (status, redirects, split
articles, failures) are fed to the spider made by Scrapy's ``get_crawler``; the plan of due visits is read
from a real SQLite archive at an injected moment (no reactor, no network, no clock)."""

from __future__ import annotations

import asyncio
import json
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.http import HtmlResponse, Response
from scrapy.statscollectors import MemoryStatsCollector
from twisted.internet.error import TCPTimedOutError
from twisted.python.failure import Failure

from newscrawler.demo import DEMO_DIR, PLACEHOLDER
from newscrawler.spiders.watch import MAX_HOPS, WatchSpider
from newscrawler.watch.record import WatchVisit
from pipelines.db.engine import make_engine, session_factory
from pipelines.db.migrate import upgrade
from pipelines.db.watch import DueVisit

from .watch_portal import HTML, SITE, T0, article_page, deleted_page, stories
from .watch_portal import archive as fill_archive

BASE = "http://127.0.0.1:8642"
HEADERS: dict[str, str] = json.loads((DEMO_DIR / "headers.json").read_text(encoding="utf-8"))
DUE = DueVisit(article_id=7, url=f"{BASE}/news/2026/12/01/a0.html", canonical_url=f"{BASE}/news/2026/12/01/a0.html",
               site=SITE, title="t", body="b", publish_date=None, extractor_version="0", warc=None,
               first_seen=T0, anchor=T0, step=0, visits=0, failures=0, last_status=None)


def _spider(settings: dict[str, Any], **kwargs: Any) -> WatchSpider:
    """The spider as ``Crawler.crawl`` makes it: created while the settings can still change (its download
    slots are set then), with the crawler's stats."""
    crawler = Crawler(WatchSpider, {"TELNETCONSOLE_ENABLED": False, **settings})
    made = WatchSpider.from_crawler(crawler, **kwargs)
    crawler.spider = made
    crawler.stats = MemoryStatsCollector(crawler)
    return made


@pytest.fixture
def spider(tmp_path: Path) -> WatchSpider:
    return _spider({"NEWSCRAWLER_DATABASE_URL": f"sqlite:///{tmp_path / 'news.db'}"},
                   now=(T0 + timedelta(hours=2)).isoformat())


def _answer(request: Request, status: int = 200, body: bytes = b"", headers: dict[str, str] | None = None,
            url: str | None = None) -> Response:
    return HtmlResponse(url or request.url, status=status, body=body, request=request,
                        headers={"Content-Type": HTML, **(headers or {})})


def _visits(out: list[Any]) -> list[WatchVisit]:
    assert all(isinstance(o, WatchVisit) for o in out), out
    return out


def test_start_visits_the_due_articles_of_the_archive_at_the_injected_moment(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'news.db'}"
    upgrade(db_url)
    engine = make_engine(db_url)
    try:
        with session_factory(engine).begin() as session:
            ids = fill_archive(session, BASE, stories(3), None)
    finally:
        engine.dispose()

    def due_at(now: str, **settings: Any) -> tuple[WatchSpider, list[Request]]:
        made = _spider({"NEWSCRAWLER_DATABASE_URL": db_url, **settings}, now=now, max_visits="2")

        async def collect() -> list[Request]:
            return [r async for r in made.start()]

        try:
            return made, asyncio.run(collect())
        finally:
            made.crawler.signals.send_catch_log(signals.spider_closed, spider=made, reason="finished")

    early, none = due_at(T0.replace(tzinfo=None).isoformat())  # a naive moment is Beijing time: nothing due yet
    assert none == [] and early.enrolled == 3 and early.due_total == 0
    later, requests = due_at((T0 + timedelta(hours=2)).isoformat())
    assert later.due_total == 3 and len(requests) == 2  # max_visits caps the visits, not what is due
    assert {r.meta["due"].article_id for r in requests} <= set(ids.values())
    assert all(r.callback == later.parse_visit and r.meta["dont_redirect"] and r.dont_filter for r in requests)
    assert later.crawler.stats.get_value("newscrawler/watch/due") == 3


def test_a_removal_status_is_judged_from_the_status_alone(spider: WatchSpider) -> None:
    request = spider._request(DUE.url, DUE, [])
    visit = _visits(list(spider.parse_visit(_answer(request, 404))))[0]
    assert visit.judgement is not None and visit.judgement.verdict == "removed"
    assert visit.judgement.evidence == {"status": 404, "url": DUE.url}
    assert visit.observed_at == T0 + timedelta(hours=2) and [a.status for a in visit.answers] == [404]


def test_an_article_page_is_handed_on_unjudged_and_a_takedown_notice_is_judged(spider: WatchSpider) -> None:
    request = spider._request(DUE.url, DUE, [])
    alive = _visits(list(spider.parse_visit(_answer(request, body=article_page(stories(1)[0])))))[0]
    assert alive.judgement is None and alive.article is not None and alive.article.is_article
    notice = _visits(list(spider.parse_visit(_answer(request, body=deleted_page()))))[0]
    assert notice.judgement is not None and notice.judgement.verdict == "removed_soft"
    assert notice.judgement.evidence["status"] == 200 and notice.judgement.evidence["url"] == DUE.url


def test_a_redirect_to_another_spelling_is_followed_and_any_other_is_the_verdict(spider: WatchSpider) -> None:
    request = spider._request(DUE.url, DUE, [])
    spelling = DUE.url.replace("http://", "https://") + "/"
    hop = list(spider.parse_visit(_answer(request, 301, headers={"Location": spelling})))
    assert len(hop) == 1 and isinstance(hop[0], Request) and hop[0].url == spelling
    assert [a.status for a in hop[0].meta["answers"]] == [301]
    # ``www.`` before an IPv4 address is no host at all (w3lib 2.6 refuses it): the visit is judged, not lost
    nowhere = DUE.url.replace("http://", "http://www.")
    lost = _visits(list(spider.parse_visit(_answer(request, 301, headers={"Location": nowhere}))))[0]
    assert lost.judgement is not None and lost.judgement.verdict == "unreachable"
    assert lost.judgement.evidence["location"] == nowhere and "invalid URL" in lost.judgement.evidence["error"]
    home = _visits(list(spider.parse_visit(_answer(request, 302, headers={"Location": "/"}))))[0]
    assert home.judgement is not None and home.judgement.verdict == "redirected"
    assert home.judgement.evidence["target"] == f"{BASE}/" and home.judgement.evidence["target_kind"] == "home"
    assert home.judgement.evidence["hops"] == [{"status": 302, "url": DUE.url, "location": "/"}]


def test_redirect_loops_and_redirects_without_a_target_end_the_visit(spider: WatchSpider) -> None:
    looping = spider._request(DUE.url, DUE, [])
    for _ in range(MAX_HOPS + 1):
        out = list(spider.parse_visit(_answer(looping, 301, headers={"Location": DUE.url})))
        if not isinstance(out[0], Request):
            break
        looping = out[0]
    visit = _visits(out)[0]
    assert visit.judgement is not None and visit.judgement.verdict == "redirected"
    assert len(visit.answers) == MAX_HOPS + 1  # followed MAX_HOPS times, then judged
    request = spider._request(DUE.url, DUE, [])
    bare = _visits(list(spider.parse_visit(_answer(request, 302))))[0]
    assert bare.judgement is not None and bare.judgement.verdict == "unreachable"
    assert bare.judgement.evidence == {"error": "HTTP 302 without Location", "status": 302}


def _demo(path: str) -> bytes:
    return (DEMO_DIR / path.lstrip("/")).read_bytes().replace(PLACEHOLDER, BASE.encode())


def test_a_split_article_is_joined_from_its_pages_and_a_failed_page_is_left_out(spider: WatchSpider) -> None:
    path = "/news/2023/04/16/sports.html"
    due = replace(DUE, url=BASE + path, canonical_url=BASE + path, site="demo")
    first = spider._request(due.url, due, [])
    out = list(spider.parse_visit(_answer(first, body=_demo(path), headers={"Content-Type": HEADERS[path]})))
    assert len(out) == 1 and isinstance(out[0], Request) and out[0].callback == spider.parse_page
    page_two = out[0]
    assert page_two.url == f"{BASE}/news/2023/04/16/sports_2.html" and page_two.meta["todo"] == []
    second = _answer(page_two, body=_demo("/news/2023/04/16/sports_2.html"))
    joined = _visits(list(spider.parse_page(second)))[0]
    assert joined.judgement is None and len(joined.pages) == 1
    assert joined.article is not None and joined.article.is_article
    failure = Failure(TCPTimedOutError())  # type: ignore[no-untyped-call]
    failure.request = page_two  # type: ignore[attr-defined]
    alone = _visits(list(spider.on_page_error(failure)))[0]
    assert alone.pages == [] and alone.article is not None and len(alone.article.body) < len(joined.article.body)
    gone = _visits(list(spider.parse_page(_answer(page_two, 404))))[0]
    assert gone.pages == [] and gone.article is not None and gone.article.body == alone.article.body


def test_a_request_that_never_got_an_answer_is_unreachable_never_removed(spider: WatchSpider) -> None:
    request = spider._request(DUE.url, DUE, [])
    failure = Failure(TCPTimedOutError())  # type: ignore[no-untyped-call]
    failure.request = request  # type: ignore[attr-defined]
    visit = _visits(list(spider.on_error(failure)))[0]
    assert visit.judgement is not None and visit.judgement.verdict == "unreachable"
    assert visit.judgement.evidence == {"error": "timeout", "url": DUE.url} and visit.answers == []


def test_each_configured_sites_download_slot_gets_its_profiles_politeness(tmp_path: Path) -> None:
    sites = tmp_path / "sites"
    sites.mkdir()
    (sites / "slow.toml").write_text('name = "slow"\ndomains = ["slow.example.cn"]\n'
                                     'start_urls = ["https://slow.example.cn/"]\ndelay = 7\nconcurrency = 1\n',
                                     encoding="utf-8")
    spider = _spider({"NEWSCRAWLER_SITES_DIR": str(sites), "DOWNLOAD_SLOTS": {"fast.example.cn": {"delay": 0}}},
                     sites="slow, demo")
    slots = spider.crawler.settings.getdict("DOWNLOAD_SLOTS")
    assert slots["slow.example.cn"] == {"delay": 7, "concurrency": 1}
    assert slots["fast.example.cn"] == {"delay": 0}  # a slot set by hand is left alone
    assert spider.subset.sites == ("slow", "demo") and spider.profile_of(replace(DUE, site="slow")).name == "slow"
    assert spider.profile_of(replace(DUE, site=None)).name == "adhoc"  # an article of no configured site
