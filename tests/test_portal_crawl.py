"""The portal spider against a real HTTP server serving the demo portal (the project's own pages):
discovery, pagination, multi-page joining, robots, faults, incremental re-crawls, kill -9 and resume.
Each test checks what reached the database and what the server was asked."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from newscrawler.demo import DEMO_DIR
from newscrawler.items import Fetch
from newscrawler.spiders.workers import ExtractionPool, extract_joined
from pipelines import syndication

from .conftest import FETCHED_AT, REPO
from .fixtures.articles import ARTICLES
from .fixtures.templates import article_pages
from .portal_server import PortalServer, portal

ARTICLE = re.compile(r"^/news/\d{4}/\d{2}/\d{2}/[a-z]+\.html$")


def _cmd(state: PortalServer, tmp_path: Path, *settings: str, job_dir: Path | None = None) -> list[str]:
    cmd = [sys.executable, "-m", "scrapy", "crawl", "portal", "-a", "site=demo", "-a", f"base_url={state.base}",
           "-s", f"NEWSCRAWLER_DATABASE_URL=sqlite:///{tmp_path / 'news.db'}",
           "-s", f"NEWSCRAWLER_WARC_DIR={tmp_path / 'warc'}", "-s", "NEWSCRAWLER_PROGRESS_INTERVAL=0.5",
           "-s", "DOWNLOAD_TIMEOUT=2", "-s", "RETRY_TIMES=2", "-s", "NEWSCRAWLER_RETRY_BACKOFF=0.25",
           "-s", "LOG_LEVEL=INFO"]
    for setting in settings:
        cmd += ["-s", setting]
    if job_dir is not None:
        cmd += ["-s", f"JOBDIR={job_dir}"]
    return cmd


def _run(state: PortalServer, tmp_path: Path, *settings: str) -> str:
    proc = subprocess.run(_cmd(state, tmp_path, *settings), cwd=REPO, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc.stderr


def _articles(tmp_path: Path) -> dict[str, str]:
    with sqlite3.connect(tmp_path / "news.db") as conn:
        return {url.split("/", 3)[3]: body for url, body in conn.execute("SELECT canonical_url, body FROM article")}


def _article_hits(state: PortalServer) -> dict[str, int]:
    return {path: n for path, n in state.hits.items() if ARTICLE.match(path)}


def test_crawl_discovers_joins_and_obeys_robots(tmp_path: Path) -> None:
    with portal() as state:  # a progress line every 0.1 s: the whole crawl may take well under a second
        log = _run(state, tmp_path, "NEWSCRAWLER_PROGRESS_INTERVAL=0.1")
    stored = _articles(tmp_path)
    assert len(stored) == len(ARTICLES)
    assert all(ARTICLE.match("/" + path) for path in stored)  # home and channel pages are not articles
    assert set(_article_hits(state).values()) == {1}  # every article fetched once (feed + sitemap + lists)
    assert state.hits["/channel/finance/index_1.html"] == 1  # pagination followed
    assert state.hits["/rss.xml"] == 1 and state.hits["/sitemap.xml"] == 1
    assert state.hits["/private/admin.html"] == 0  # robots.txt
    split = next(a for a in ARTICLES if (REPO / f"data/demo/news/{a.published:%Y/%m/%d}/{a.slug}_2.html").exists())
    body = stored[f"news/{split.published:%Y/%m/%d}/{split.slug}.html"]
    assert all(line in body for line in split.lines)  # both pages, in one article
    assert "progress: pages" in log and "crawl finished (finished)" in log
    assert re.search(r"^demo\s+14\s+13\s+0\s+0", log, re.M)  # the per-site table: 14 fetches, 13 new


def _publish_new_article(state: PortalServer) -> None:
    """A new article appears on the first finance list page (/news/2023/04/18/extra.html)."""
    listing, ctype = state.content("/channel/finance/") or (b"", "")
    extra_link = b'<li><a href="/news/2023/04/18/extra.html">\xe6\x96\xb0\xe7\xa8\xbf</a></li></ul>'
    state.faults["/channel/finance/"] = ("page", listing.replace(b"</ul>", extra_link, 1), ctype)
    page, ptype = state.content("/news/2023/04/17/tech.html") or (b"", "")
    page = re.sub(rb"<link[^>]+canonical[^>]*>|<meta[^>]+og:url[^>]*>", b"", page)
    state.faults["/news/2023/04/18/extra.html"] = ("page", page, ptype)


def test_recrawl_fetches_only_new_articles(tmp_path: Path) -> None:
    with portal() as state:
        _run(state, tmp_path)
        first = dict(state.hits)
        _publish_new_article(state)
        _run(state, tmp_path)
    refetched = {p: n - first.get(p, 0) for p, n in _article_hits(state).items() if n - first.get(p, 0)}
    assert refetched == {"/news/2023/04/18/extra.html": 1}  # counted at the server
    assert len(_articles(tmp_path)) == len(ARTICLES) + 1
    assert state.hits["/channel/finance/"] == 2  # list pages are read again


def test_faults_are_retried_waited_for_or_named(tmp_path: Path) -> None:
    paths = sorted(p for p in PortalServer(DEMO_DIR).headers if ARTICLE.match(p))
    flaky, throttled, stalled, reset, truncated = paths[:5]
    with portal() as state:
        state.faults.update({
            flaky: ("status", 500, 1),
            throttled: ("retry_after", 1, 1),
            stalled: ("sleep", 5),
            reset: ("reset", 1),
            truncated: ("truncate", 300),
            "/": ("redirect", "/channel/society/"),
        })
        log = _run(state, tmp_path)
    stored = set(_articles(tmp_path))
    assert {flaky[1:], throttled[1:], reset[1:]} <= stored  # retried and stored
    assert stalled[1:] not in stored and truncated[1:] not in stored
    assert state.hits[flaky] == 2 and state.hits[reset] == 2
    assert state.times[flaky][1] - state.times[flaky][0] >= 0.2  # the retry backed off (NEWSCRAWLER_RETRY_BACKOFF)
    waited = state.times[throttled][1] - state.times[throttled][0]
    assert waited >= 0.9  # Retry-After: 1 was honoured
    assert state.hits[stalled] == 3  # first try + RETRY_TIMES, then given up
    assert re.search(r"failures: .*timeout 1", log)
    assert len(stored) == len(ARTICLES) - 2


def test_kill_9_and_resume_with_the_job_directory(tmp_path: Path) -> None:
    job = tmp_path / "job"
    with portal() as state:
        for path in state.headers:
            if ARTICLE.match(path):
                state.faults[path] = ("sleep", 0.3)
        proc = subprocess.Popen(_cmd(state, tmp_path, "NEWSCRAWLER_BATCH_SIZE=2", "CONCURRENT_REQUESTS_PER_DOMAIN=1",
                                     job_dir=job), cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                text=True)
        errors: list[str] = []
        reader = threading.Thread(target=lambda: errors.extend(proc.stderr or []), daemon=True)
        reader.start()
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            if any("4 stored in this crawl" in line for line in errors):
                break
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        reader.join(timeout=10)
        assert not reader.is_alive()  # no extraction worker outlived the crawl (they share its stderr)
        if proc.stderr is not None:
            proc.stderr.close()
        before = _articles(tmp_path)
        assert 4 <= len(before) < len(ARTICLES), "".join(errors[-20:])
        state.faults.clear()
        _run(state, tmp_path, f"JOBDIR={job}")
    after = _articles(tmp_path)
    assert len(after) == len(ARTICLES)  # nothing lost
    with sqlite3.connect(tmp_path / "news.db") as conn:
        assert conn.execute("SELECT count(*), count(DISTINCT canonical_url) FROM article").fetchone() == (13, 13)
        stored_twice = conn.execute("SELECT count(*) FROM article WHERE version > 1").fetchone()[0]
    assert stored_twice == 0  # nothing stored twice


def _fetch(url: str, body: bytes, headers: dict[str, str] | None = None) -> Fetch:
    return Fetch(url=url, final_url=url, status=200, headers=headers or {"Content-Type": "text/html"}, body=body,
                 fetched_at=FETCHED_AT)


def test_extraction_workers_give_what_in_process_extraction_gives() -> None:
    pages = article_pages()[:6]
    fetches = [_fetch(p.url, p.body, dict(p.headers)) for p in pages]
    pool = ExtractionPool(2)

    async def run() -> list[tuple[list[str], object]]:
        return list(await asyncio.gather(*(pool.first_page(f) for f in fetches)))

    try:
        results = asyncio.run(run())
    finally:
        pool.close()
    for fetch, (following, article, prints) in zip(fetches, results, strict=True):
        assert following == []
        assert article == extract_joined(fetch, [])
        assert article is not None and article.is_article
        # the worker's fingerprints travel with the article and are the ones the dedupe stage would compute
        assert prints == (syndication.content_hash(article.body), syndication.minhash(article.body))


def test_extraction_workers_find_continuations_and_join_pages() -> None:
    base = "http://demo.invalid/news/2023/04/16/"  # the demo pages' own host
    first = _fetch(base + "sports.html", (REPO / "data/demo/news/2023/04/16/sports.html").read_bytes())
    second = _fetch(base + "sports_2.html", (REPO / "data/demo/news/2023/04/16/sports_2.html").read_bytes())
    pool = ExtractionPool(1)

    async def run() -> tuple[tuple[list[str], object, object], tuple[object, object]]:
        return await pool.first_page(first), await pool.extract(first, [second])

    try:
        (following, nothing, no_prints), (joined, prints) = asyncio.run(run())
    finally:
        pool.close()
    assert following == [second.url] and nothing is None and no_prints is None
    assert joined == extract_joined(first, [second])
    assert prints == syndication.fingerprint(extract_joined(first, [second]).body)


def test_a_broken_worker_pool_falls_back_to_in_process_extraction() -> None:
    page = article_pages()[0]
    fetch = _fetch(page.url, page.body, dict(page.headers))
    pool = ExtractionPool(1)

    async def run() -> object:
        await pool.first_page(fetch)
        executor = pool._executor
        assert executor is not None
        for pid in list(executor._processes):  # type: ignore[attr-defined]
            os.kill(pid, signal.SIGKILL)
        # no wait for the executor to notice: a task submitted to a pool whose worker died fails with
        # BrokenProcessPool (at submit or when the pool notices), and either way it is read in-process
        return (await pool.first_page(fetch))[1]

    try:
        article = asyncio.run(run())
    finally:
        pool.close()
    assert pool.in_process
    assert article == extract_joined(fetch, [])


def test_no_workers_means_in_process() -> None:
    page = article_pages()[0]
    fetch = _fetch(page.url, page.body, dict(page.headers))
    pool = ExtractionPool.from_settings({"NEWSCRAWLER_EXTRACT_WORKERS": 0})
    following, article, prints = asyncio.run(pool.first_page(fetch))
    assert pool.in_process and pool._executor is None
    assert following == [] and article == extract_joined(fetch, []) and prints is None  # dedupe computes them
    assert ExtractionPool.from_settings({}).workers == len(os.sched_getaffinity(0))


def test_crawls_of_one_process_share_the_workers() -> None:
    page = article_pages()[0]
    fetch = _fetch(page.url, page.body, dict(page.headers))
    first, second = ExtractionPool(1), ExtractionPool(1)

    async def run(pool: ExtractionPool) -> object:
        return (await pool.first_page(fetch))[1]

    assert asyncio.run(run(first)) == asyncio.run(run(second))
    executor = first._executor
    assert executor is not None and second._executor is executor
    processes = list(executor._processes.values())  # type: ignore[attr-defined]
    first.close()
    assert all(p.is_alive() for p in processes)  # still used by the second crawl
    second.close()
    assert not any(p.is_alive() for p in processes)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pipe capacity is set with Linux's F_SETPIPE_SZ")
def test_workers_find_their_next_pages_queued_in_a_wide_pipe() -> None:
    import fcntl

    from newscrawler.spiders import workers

    pool = ExtractionPool(2)
    page = article_pages()[0]
    fetch = _fetch(page.url, page.body, dict(page.headers))
    try:
        asyncio.run(pool.first_page(fetch))
        executor = pool._executor
        assert executor is not None
        calls: Any = executor._call_queue  # type: ignore[attr-defined]
        results: Any = executor._result_queue  # type: ignore[attr-defined]
        assert calls._maxsize == 2 * (1 + workers.QUEUED_PER_WORKER)  # pages queued beyond the running ones
        for queue in (calls, results):
            assert fcntl.fcntl(queue._writer.fileno(), fcntl.F_GETPIPE_SZ) >= len(page.body)
    finally:
        pool.close()
    import concurrent.futures.process as process

    assert process.EXTRA_QUEUED_CALLS == 1  # the module's own default is left as it was


def _demo_pages(edit: Any = None) -> dict[str, tuple[bytes, str]]:
    """The demo portal's files as served pages, each article page passed through ``edit(body)``."""
    pages: dict[str, tuple[bytes, str]] = {}
    for path, ctype in PortalServer(DEMO_DIR).headers.items():
        found = PortalServer(DEMO_DIR).content(path)
        assert found is not None
        body = found[0]
        if edit is not None and ARTICLE.match(path):
            body = edit(body)
        pages[path] = (body, ctype)
    return pages


def _home_canonical(body: bytes) -> bytes:
    body = re.sub(rb"<link[^>]+canonical[^>]*>|<meta[^>]+og:url[^>]*>", b"", body)
    return body.replace(b"<head>", b'<head><link rel="canonical" href="http://demo.invalid/">', 1)


def test_articles_that_all_name_the_home_page_as_canonical_are_all_stored(tmp_path: Path) -> None:
    with portal(pages=_demo_pages(_home_canonical)) as state:
        log = _run(state, tmp_path)
    stored = _articles(tmp_path)
    assert len(stored) == len(ARTICLES), log[-3000:]
    assert all(ARTICLE.match("/" + path) for path in stored)  # each under its own URL, never the home page's
    with sqlite3.connect(tmp_path / "news.db") as conn:
        assert conn.execute("SELECT count(DISTINCT article_id) FROM fetch").fetchone()[0] == len(ARTICLES)


def test_nothing_from_another_host_enters_the_archive(tmp_path: Path) -> None:
    """A profile that lists only 127.0.0.1: ``localhost`` (the same server) is another site. Its feed items,
    sitemap children and a redirect to it are neither stored nor, for the latter two, even fetched."""
    sites = tmp_path / "sites"
    sites.mkdir()
    (sites / "solo.toml").write_text(
        'name = "solo"\ndomains = ["127.0.0.1"]\nstart_urls = ["/"]\nfeeds = ["/rss.xml"]\n'
        'sitemaps = ["/sitemap_index.xml"]\narticle_patterns = [\'/news/\\d{4}/\\d{2}/\\d{2}/[\\w-]+\\.html$\']\n'
        'depth = 3\ndelay = 0\nconcurrency = 4\n', encoding="utf-8")
    with portal() as state:
        other = state.base.replace("127.0.0.1", "localhost")
        feed, ftype = state.content("/rss.xml") or (b"", "")
        state.faults["/rss.xml"] = ("page", feed.replace(b"</channel>", (
            f"<item><title>x</title><link>{other}/news/2023/04/18/feedonly.html</link></item></channel>").encode()),
            ftype)
        state.faults["/sitemap_index.xml"] = ("page", (
            '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"<sitemap><loc>{state.base}/sitemap.xml</loc></sitemap>"
            f"<sitemap><loc>{other}/offsite_sitemap.xml</loc></sitemap></sitemapindex>").encode(), "application/xml")
        moved = "/news/2023/04/16/farm.html"
        state.faults[moved] = ("redirect", f"{other}/news/2023/04/18/moved.html")
        state.faults["/channel/society/index_1.html"] = ("redirect", f"{other}/channel/elsewhere/")
        cmd = _cmd(state, tmp_path)
        cmd[cmd.index("site=demo")] = "site=solo"
        proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=300,
                              env={**os.environ, "NEWSCRAWLER_SITES_DIR": str(sites)})
        assert proc.returncode == 0, proc.stderr[-3000:]
    assert state.hits["/offsite_sitemap.xml"] == 0 and state.hits["/news/2023/04/18/moved.html"] == 0
    assert state.hits["/channel/society/index_1.html"] == 1 and state.hits["/channel/elsewhere/"] == 0
    with sqlite3.connect(tmp_path / "news.db") as conn:
        urls = [u for (u,) in conn.execute("SELECT canonical_url FROM article")]
        fetched = [u for (u,) in conn.execute("SELECT final_url FROM fetch")]
    assert urls and not [u for u in urls + fetched if "localhost" in u]
    assert len(urls) == len(ARTICLES) - 1  # all but the one that moved off the site
    assert re.search(r"off-site", proc.stderr)


def test_a_finished_job_directory_reused_later_still_finds_new_articles(tmp_path: Path) -> None:
    job = tmp_path / "job"
    with portal() as state:
        _run(state, tmp_path, f"JOBDIR={job}")
        _publish_new_article(state)
        _run(state, tmp_path, f"JOBDIR={job}")
    assert state.hits["/channel/finance/"] == 2  # read again, not refused by the first crawl's memory
    assert state.hits["/news/2023/04/18/extra.html"] == 1
    assert len(_articles(tmp_path)) == len(ARTICLES) + 1


def test_a_disk_below_the_free_space_watermark_stops_the_crawl_cleanly_and_it_resumes(tmp_path: Path) -> None:
    with portal() as state:
        full = subprocess.run(_cmd(state, tmp_path, "NEWSCRAWLER_MIN_FREE_MB=1e12"), cwd=REPO, capture_output=True,
                              text=True, timeout=300)
        stopped = dict(_article_hits(state))
        log = _run(state, tmp_path)  # room again: the next crawl completes the archive
    assert "crawl finished (disk full)" in full.stderr, full.stderr[-3000:]
    assert "disk full: " in full.stderr and "Traceback" not in full.stderr
    assert not stopped  # no article was fetched to be lost
    assert "crawl finished (finished)" in log
    assert len(_articles(tmp_path)) == len(ARTICLES)
    assert not list((tmp_path / "warc").rglob("*.open"))


def test_a_crawl_whose_disk_fills_up_stops_with_disk_full_loses_nothing_and_resumes(tmp_path: Path) -> None:
    """The disk under the WARC files refuses writes past 16 KiB per file (RLIMIT_FSIZE: the kernel refuses
    the write, as a full disk does) while the archive database lives elsewhere (PostgreSQL). The crawl
    closes with ``disk full`` without a flood of tracebacks and without ``.open`` files; every article page
    it fetched is stored (the raw page missing where the disk refused it), and a crawl with room again
    completes the archive."""
    import resource

    from sqlalchemy import func, select

    from pipelines.db import models
    from pipelines.db.engine import make_engine, session_factory

    from .conftest import _postgres_database

    def refusing_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (16 * 1024, resource.RLIM_INFINITY))

    def stored(db_url: str) -> int:
        engine = make_engine(db_url)
        try:
            with session_factory(engine)() as s:
                return s.scalar(select(func.count(func.distinct(models.FetchRecord.article_id)))) or 0
        finally:
            engine.dispose()

    for db_url in _postgres_database():
        with portal() as state:
            full = subprocess.run(_cmd(state, tmp_path, f"NEWSCRAWLER_DATABASE_URL={db_url}",
                                       "CONCURRENT_REQUESTS_PER_DOMAIN=1"),
                                  cwd=REPO, capture_output=True, text=True, timeout=300, preexec_fn=refusing_disk)
            fetched = sum(_article_hits(state).values())
            first = stored(db_url)
            log = _run(state, tmp_path, f"NEWSCRAWLER_DATABASE_URL={db_url}")
            assert "crawl finished (disk full)" in full.stderr, full.stderr[-3000:]
            assert "Traceback" not in full.stderr, full.stderr[-3000:]
            assert not list((tmp_path / "warc").rglob("*.open"))
            assert first > 0 and fetched - first <= 1  # each fetched article page stored (one split over two)
            assert "crawl finished (finished)" in log
            assert stored(db_url) == len(ARTICLES)


def test_a_huge_gzipped_sitemap_is_never_queued_whole(tmp_path: Path) -> None:
    """200,000 sitemap entries, at most 100 requests waiting: the crawl stops at its page limit with the
    scheduler never holding more than the cap (and the rest left for a later crawl)."""
    import gzip

    with portal() as state:
        urls = "".join(f"<url><loc>{state.base}/news/2023/04/17/n{n}.html</loc></url>" for n in range(200_000))
        body = gzip.compress(('<?xml version="1.0" encoding="utf-8"?><urlset '
                              'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' + urls + "</urlset>").encode())
        state.faults["/sitemap.xml"] = ("page", body, "application/x-gzip")
        log = _run(state, tmp_path, "NEWSCRAWLER_MAX_PENDING=100", "CLOSESPIDER_PAGECOUNT=60")
    stats = _final_stats(log)
    assert stats["finish_reason"] == "closespider_pagecount"
    enqueued, dequeued = stats["scheduler/enqueued"], stats["scheduler/dequeued"]
    assert isinstance(enqueued, int) and isinstance(dequeued, int)
    # never more than the cap waiting (plus the demo's own list-page links, which are not held back): not 200,000
    assert enqueued - dequeued <= 100 + 20 and enqueued < 1000
    assert stats.get("newscrawler/crawl/left_for_later", 0) >= 1


def _final_stats(log: str) -> dict[str, object]:
    """The stats dictionary Scrapy dumps at the end of a crawl log (the keys this test reads)."""
    found: dict[str, object] = {}
    for key in ("finish_reason", "scheduler/enqueued", "scheduler/dequeued", "newscrawler/crawl/left_for_later"):
        match = re.search(rf"'{re.escape(key)}': ('?)([^',}}\n]+)\1", log)
        if match:
            found[key] = match.group(2) if match.group(1) else int(match.group(2))
    return found
