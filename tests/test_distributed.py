"""Distributed crawling: three ``scrapy crawl portal`` workers share one frontier in Redis and store into
one PostgreSQL archive; one scenario kills a worker with SIGKILL mid-crawl.

The portal is generated at test time: the project's fixture articles rendered into its portal
templates (canonical links and og:url removed, so every URL is its own article) under
``/news/YYYY/MM/DD/<n>.html``, six channels of paginated list pages that also link to articles of
other channels (so workers keep discovering the same articles), and a home page. A real HTTP server
on 127.0.0.1 counts and times every request. Requires Redis and PostgreSQL: skipped with a reason
when either is unreachable, failed instead under NEWSCRAWLER_REQUIRE_SERVICES=1.
"""

from __future__ import annotations

import html
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from .conftest import REDIS_URL, REPO, _postgres_database
from .fixtures.templates import article_pages
from .portal_server import PortalServer, portal

ARTICLES = 240
CHANNELS = 6
PER_PAGE = 10
DELAY = 0.02
"""DOWNLOAD_DELAY of the test crawls: across the workers, one request in flight and the next 20 ms after
its answer."""
_CANONICAL = re.compile(rb"<link\b[^>]*\brel\s*=\s*[\"']?canonical\b[^>]*>", re.I)
_OG_URL = re.compile(rb"<meta\b[^>]*\bproperty\s*=\s*[\"']?og:url\b[^>]*>", re.I)
_HREF = re.compile(rb"(\bhref\s*=\s*)([\"']?)([^\"'\s>]*)", re.I)
_EXTERNAL = re.compile(rb"^(?:https?:)?//|^(?:javascript|mailto|tel|data):|^#", re.I)


# --------------------------------------------------------------------------- the portal


@dataclass
class Site:
    pages: dict[str, tuple[bytes, str]]
    """path -> (body, Content-Type)"""
    articles: list[str]
    lists: list[str]


def article_path(n: int) -> str:
    return f"/news/{2022 + n % 2}/{1 + n % 12:02d}/{1 + (n * 7) % 28:02d}/{n}.html"


def list_path(channel: int, page: int) -> str:
    return f"/channel/c{channel}/" if page == 0 else f"/channel/c{channel}/index_{page}.html"


def _own_page(body: bytes) -> bytes:
    """The page as its own article: no canonical link or og:url, relative links made inert."""
    body = _OG_URL.sub(b"", _CANONICAL.sub(b"", body))

    def inert(m: re.Match[bytes]) -> bytes:
        target = m.group(3)
        return m.group(0) if not target or _EXTERNAL.match(target) else m.group(1) + m.group(2) + b"#"

    return _HREF.sub(inert, body)


def _html(title: str, links: list[tuple[str, str]], pager: str = "") -> bytes:
    nav = " ".join(f'<a href="{list_path(c, 0)}">频道{c}</a>' for c in range(CHANNELS))
    rows = "\n".join(f'<li><a href="{p}">{html.escape(t)}</a></li>' for p, t in links)
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}_示例新闻网</title></head>'
            f'<body><div class="nav"><a href="/">首页</a> {nav}</div><ul class="news-list">\n{rows}\n</ul>'
            f'<div class="pages">{pager}</div><div class="footer">Copyright © 2023 示例新闻网</div></body></html>').encode()


def build_site() -> Site:
    """Every page of the portal."""
    files: dict[str, tuple[bytes, str]] = {}
    pages = article_pages()
    articles = [article_path(n) for n in range(ARTICLES)]
    for n, path in enumerate(articles):
        page = pages[n % len(pages)]
        files[path] = (_own_page(page.body), page.headers.get("Content-Type", "text/html"))

    def title(path: str) -> str:
        return f"示例新闻网第{path.rsplit('/', 1)[1][:-5]}号新闻稿件标题"

    lists: list[str] = []
    for channel in range(CHANNELS):
        items = articles[channel::CHANNELS]
        chunks = [items[i:i + PER_PAGE] for i in range(0, len(items), PER_PAGE)]
        for number, chunk in enumerate(chunks):
            hot = [articles[(channel * 37 + number * 11 + k * 53) % ARTICLES] for k in range(3)]  # other channels
            pager = f'<a href="{list_path(channel, number - 1)}">上一页</a> ' if number else ""
            pager += f'<a href="{list_path(channel, number + 1)}">下一页</a>' if number < len(chunks) - 1 else ""
            lists.append(list_path(channel, number))
            files[lists[-1]] = (_html(f"频道{channel}", [(p, title(p)) for p in chunk + hot], pager),
                                "text/html; charset=utf-8")
    files["/"] = (_html("首页", [(p, title(p)) for p in articles[:: ARTICLES // 12]]), "text/html; charset=utf-8")
    files["/robots.txt"] = (b"User-agent: *\nAllow: /\n", "text/plain")
    return Site(files, articles, lists)


# --------------------------------------------------------------------------- services




@pytest.fixture
def archive() -> Iterator[str]:
    """A fresh PostgreSQL database, migrated once before the workers start."""
    from pipelines.db.migrate import upgrade

    for url in _postgres_database():
        upgrade(url)
        yield url


@pytest.fixture(scope="module")
def site() -> Site:
    return build_site()


# --------------------------------------------------------------------------- workers


def _worker(state: PortalServer, tmp_path: Path, n: int, db_url: str, prefix: str) -> tuple[subprocess.Popen[bytes], Path]:
    log = tmp_path / f"worker-{n}.log"
    settings = {
        "NEWSCRAWLER_REDIS_URL": REDIS_URL, "NEWSCRAWLER_REDIS_PREFIX": prefix,
        "NEWSCRAWLER_REDIS_IDLE_SECONDS": "2", "NEWSCRAWLER_REDIS_LEASE_SECONDS": "3",
        "NEWSCRAWLER_DATABASE_URL": db_url, "NEWSCRAWLER_WARC_DIR": str(tmp_path / f"warc-{n}"),
        "NEWSCRAWLER_SPOOL_DIR": str(tmp_path / f"unsaved-{n}"), "NEWSCRAWLER_PROGRESS_INTERVAL": "0",
        "DOWNLOAD_DELAY": str(DELAY), "AUTOTHROTTLE_ENABLED": "False", "DEPTH_LIMIT": "1000", "LOG_LEVEL": "INFO",
        "DOWNLOAD_TIMEOUT": "5",  # also how long a worker killed mid-request can hold the site's rate token
    }
    cmd = [sys.executable, "-m", "scrapy", "crawl", "portal", "-a", f"start_urls={state.base}/"]
    for name, value in settings.items():
        cmd += ["-s", f"{name}={value}"]
    with log.open("wb") as out:
        return subprocess.Popen(cmd, cwd=REPO, stdout=out, stderr=subprocess.STDOUT), log


def _wait(procs: list[tuple[subprocess.Popen[bytes], Path]], timeout: float = 240) -> list[str]:
    deadline = time.monotonic() + timeout
    logs: list[str] = []
    for proc, log in procs:
        try:
            proc.wait(timeout=max(1.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        logs.append(log.read_text(encoding="utf-8", errors="replace"))
    return logs


def _archive(db_url: str) -> dict[str, Any]:
    import psycopg

    with psycopg.connect(db_url) as conn:
        rows = conn.execute("SELECT canonical_url, version FROM article").fetchall()
        runs = conn.execute("SELECT count(DISTINCT crawl_run_id) FROM \"fetch\" WHERE is_article").fetchone()
    paths = [re.sub(r"^https?://[^/]+", "", url) for url, _ in rows]
    return {"paths": paths, "versions": {v for _, v in rows}, "runs": runs[0] if runs else 0}


def _assert_rate(state: PortalServer) -> None:
    """Request arrivals at the server, all paths, all workers: more than DELAY apart, with no tolerance.

    A lower bound that only causality decides (a loaded machine widens gaps, never narrows them): the
    server stamps a request before answering it; the worker shortens the shared token to ``PX DELAY``
    after the answer; Redis lets the next ``SET NX`` in only once its clock (whole milliseconds, read
    when a command starts, so never ahead of the real moment) is past the expiry. The next stamp is
    therefore more than DELAY after the previous one. Without the shared limit three workers put
    requests well under 1 ms apart."""
    starts = sorted(t for times in state.times.values() for t in times)
    assert len(starts) > ARTICLES
    gaps = [b - a for a, b in pairwise(starts)]
    assert min(gaps) >= DELAY, sorted(gaps)[:5]


def _redis_keys(prefix: str) -> list[str]:
    """What a finished crawl leaves in Redis: only the number of the crawl. The rate token, released
    after the last answer, expires DELAY later: told apart by its remaining time, not waited for."""
    import redis

    with redis.Redis.from_url(REDIS_URL, decode_responses=True) as client:
        keys = sorted(client.scan_iter(f"{prefix}:*"))
        return [key for key in keys if ":slot:" not in key or client.pttl(key) > DELAY * 1000]


# --------------------------------------------------------------------------- tests


def test_three_workers_share_one_frontier(site: Site, redis_prefix: str, archive: str, tmp_path: Path) -> None:
    with portal(pages=site.pages) as state:
        logs = _wait([_worker(state, tmp_path, n, archive, redis_prefix) for n in range(3)])
        hits = dict(state.hits)
        remaining = _redis_keys(redis_prefix)
        # the next crawl of the site reads the list pages again and skips the archived articles
        again = _wait([_worker(state, tmp_path, 3, archive, redis_prefix)])
    for log in logs:
        assert "Spider closed (finished)" in log, log[-3000:]
        assert "Traceback" not in log, log[-3000:]
    stored = _archive(archive)
    assert sorted(stored["paths"]) == sorted(site.articles)  # every article stored, exactly once
    assert stored["versions"] == {1}
    assert stored["runs"] == 3  # all three workers fetched articles
    assert {p: hits[p] for p in site.articles if hits[p] != 1} == {}  # no article fetched twice
    assert {p: hits[p] for p in site.lists if hits[p] != 1} == {}  # nor a list page (shared dupefilter)
    # the home page: once per worker as the start page (not filtered), and once as a link of the list
    # pages (filtered, shared): a one-worker crawl reads it twice too
    assert hits["/"] == 3 + 1
    _assert_rate(state)
    assert remaining == [f"{redis_prefix}:127-0-0-1:generation"]  # the last worker out cleared up

    assert "joined crawl 2 of" in again[0] and "Spider closed (finished)" in again[0], again[0][-3000:]
    assert {p: state.hits[p] - hits[p] for p in site.lists if state.hits[p] - hits[p] != 1} == {}
    assert {p: state.hits[p] - hits[p] for p in site.articles if state.hits[p] != hits[p]} == {}


def test_a_killed_worker_loses_nothing(site: Site, redis_prefix: str, archive: str, tmp_path: Path) -> None:
    with portal(pages=site.pages) as state:
        workers = [_worker(state, tmp_path, n, archive, redis_prefix) for n in range(3)]
        deadline = time.monotonic() + 120
        while sum(state.hits[p] for p in site.articles) < ARTICLES // 3 and time.monotonic() < deadline:
            time.sleep(0.02)
        workers[0][0].send_signal(signal.SIGKILL)
        logs = _wait(workers)
    assert workers[0][0].returncode == -signal.SIGKILL
    assert "Spider closed" not in logs[0]
    for log in logs[1:]:
        assert "Spider closed (finished)" in log, log[-3000:]
    requeued = [int(n) for log in logs[1:] for n in re.findall(r"stopped its heartbeat: (\d+) in-flight", log)]
    assert sum(requeued) > 0  # the dead worker held requests, and they came back
    stored = _archive(archive)
    assert sorted(stored["paths"]) == sorted(site.articles)  # the complete archive, each article once
    assert stored["versions"] == {1}
    assert all(state.hits[p] >= 1 for p in site.lists)
    _assert_rate(state)
    assert _redis_keys(redis_prefix) == [f"{redis_prefix}:127-0-0-1:generation"]


# --------------------------------------------------------------------------- without services


def test_the_addon_touches_only_portal_crawls_with_a_redis_url() -> None:
    from types import SimpleNamespace

    from scrapy.utils.project import get_project_settings

    from newscrawler.distributed.addon import DistributedAddon
    from newscrawler.spiders.fetch import FetchSpider
    from newscrawler.spiders.portal import PortalSpider

    def applied(spidercls: type, url: str) -> Any:
        settings = get_project_settings()
        settings.set("NEWSCRAWLER_REDIS_URL", url, priority="cmdline")
        DistributedAddon(SimpleNamespace(spidercls=spidercls)).update_settings(settings)  # type: ignore[arg-type]
        return settings

    plain = applied(PortalSpider, "")
    assert plain["SCHEDULER"] == "scrapy.core.scheduler.Scheduler" and plain["NEWSCRAWLER_SEEN_URLS"] == ""
    assert applied(FetchSpider, REDIS_URL)["SCHEDULER"] == "scrapy.core.scheduler.Scheduler"
    shared = applied(PortalSpider, REDIS_URL)
    assert shared["SCHEDULER"] == "newscrawler.distributed.frontier.FrontierScheduler"
    assert shared["NEWSCRAWLER_SEEN_URLS"] == "newscrawler.distributed.frontier.redis_seen"
    assert shared.getbool("SCHEDULER_PERSIST") and shared["REDIS_URL"] == REDIS_URL
    assert shared.getdict("DOWNLOAD_HANDLERS")["https"] == "newscrawler.distributed.ratelimit.SharedRateLimit"
    assert shared.getdict("NEWSCRAWLER_REDIS_INNER_HANDLERS")["https"].endswith("HTTP11DownloadHandler")


def test_a_multi_page_article_in_progress_survives_the_shared_queue() -> None:
    """A continuation request carries the pages fetched so far; any worker can finish the article."""
    from datetime import datetime

    from scrapy.http import HtmlResponse

    from newscrawler.distributed.frontier import LeaseQueue
    from newscrawler.spiders.fetch import fetch_record
    from newscrawler.spiders.portal import PortalSpider

    spider = PortalSpider(start_urls="http://news.example.cn/")
    first = fetch_record(HtmlResponse("http://news.example.cn/news/2023/04/17/1.html", body="<p>第一页</p>".encode(),
                                      headers={"Content-Type": "text/html; charset=utf-8"}), datetime(2023, 4, 17))
    request = spider._continuation(first, [], ["http://news.example.cn/news/2023/04/17/1_2.html"])
    queue = LeaseQueue(server=None, spider=spider, key="k")
    again = queue._decode_request(queue._encode_request(request))
    assert again.callback == spider.parse_continuation and again.errback == spider.on_continuation_error
    assert again.cb_kwargs["first"] == first and again.cb_kwargs["todo"] == [] and again.dont_filter
