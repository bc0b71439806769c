#!/usr/bin/env python3
"""Benchmark whole crawls against a local portal: full crawl vs bare Scrapy, peak memory, cost per stage.

    python benchmarks/crawl.py [--pages 2000] [--memory-pages 4200] [--corpus ../shared/corpus]
                               [--sample 200] [--profile] [--keep]

Everything is made at run time in a temporary directory (``--keep`` leaves it for inspection):

* A portal: ``--pages`` article pages under ``/news/2023/04/DD/<n>.html`` (a shape the generic link
  classifier calls an article), 8 channels of list pages ``/channel/c<k>/index.html``,
  ``index_1.html`` … (50 links each, 上一页/下一页 pagination), a home page linking the channels and a
  robots.txt allowing everything. Article bytes are the pages of ``portals-labelled``,
  ``cx163-unlabelled`` and ``gne-tests-unlabelled`` in ``<repo>/../shared/corpus``, cycled, with
  ``<link rel=canonical>`` and ``og:url`` removed (each URL is its own article) and relative links
  pointed off-site at ``http://elsewhere.invalid/…`` (the portal does not have those pages, and no
  crawl should fetch them); without the corpus, the
  project's own fixture articles rendered into its portal templates. Repeated bytes are hard links.
* The server: the project's portal server (``newscrawler/portal_server.py``, HTTP/1.1 keep-alive) on 127.0.0.1, port 0, in its own
  process (multiprocessing). Each crawl already runs in a subprocess, so a server thread in this
  process would not share the crawler's GIL either; a separate process also keeps the server's CPU
  time apart (it is measured from ``/proc``) and out of the in-process stage timings.

What it measures, each crawl in a fresh subprocess (a small ``CrawlerProcess`` runner script written
to the temporary directory, cwd = repository, project settings plus the overrides below, which is what
``scrapy crawl portal -a start_urls=<base>/ -s …`` does):

1. Bare vs full, same portal. Bare: a spider that starts at the home page and follows every on-site
   ``a::attr(href)``, yields nothing, no pipelines. Full: the ``portal`` spider (ad-hoc profile,
   generic classification) with the project's five pipelines into a fresh SQLite file and WARC
   directory. Politeness off: DOWNLOAD_DELAY=0, AUTOTHROTTLE_ENABLED=False, CONCURRENT_REQUESTS=16
   (also per domain), ROBOTSTXT_OBEY on, DEPTH_LIMIT=1000 (the pagination chains are deep).
   Rates use the crawl's own ``elapsed_time_seconds`` (engine start to close); wall seconds
   include interpreter start-up, imports and migrations.
   The full crawl extracts article pages in worker processes (``NEWSCRAWLER_EXTRACT_WORKERS``,
   default one per CPU): its CPU seconds and max RSS, from ``os.wait4``, include them (the rusage of
   the crawl process and of its reaped children; max RSS is the largest single process), and the
   crawl process also reports its own and its largest worker's max RSS.
2. Peak memory of the full crawl stopped by CLOSESPIDER_PAGECOUNT=1000 and =4000 on a portal of
   ``--memory-pages`` articles: max RSS of the crawl process, from ``os.wait4`` (the rusage of
   that one child and its extraction workers, not of every child so far as ``RUSAGE_CHILDREN``
   would give).
3. Where the time goes: the spider's and each pipeline stage's work timed in this process, page by
   page, on ``--sample`` article pages of the portal (the stages are built from a Scrapy test
   crawler with the project settings and called as the crawl calls them, with a fresh SQLite file
   and WARC directory; steps marked "worker" run in the extraction workers during a crawl), next to
   the CPU seconds per page the two crawls spent. ``--profile`` adds one more full crawl under
   cProfile (of the crawl process only) and prints its top functions.

This is a measurement script, not a test: numbers vary with the machine.
"""

from __future__ import annotations

import argparse
import html
import importlib
import json
import multiprocessing
import os
import pstats
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
CORPUS_SETS = ("portals-labelled", "cx163-unlabelled", "gne-tests-unlabelled")
CHANNELS = 8
LINKS_PER_LIST = 50
TARGET_RATIO = 0.7
TARGET_MEMORY_RATIO = 1.3
MEMORY_PAGECOUNTS = (1000, 4000)
SHANGHAI = ZoneInfo("Asia/Shanghai")

POLITENESS_OFF: dict[str, Any] = {
    "ROBOTSTXT_OBEY": True,
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "CONCURRENT_REQUESTS": 16,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
    "LOG_LEVEL": "WARNING",
    "NEWSCRAWLER_PROGRESS_INTERVAL": 0,
    "DEPTH_LIMIT": 1000,
}

# The crawl runner, written to the crawl's folder and run as ``python runner.py KIND BASE SETTINGS_JSON
# STATS_OUT [PROFILE_OUT]`` with cwd = the repository (scrapy.cfg makes the project settings load); KIND is
# "bare" or "portal". A file, not ``python -c``: Scrapy reads the source of generator callbacks.
RUNNER = r'''
import cProfile, json, resource, sys
from urllib.parse import urlsplit
import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.utils.project import get_project_settings


class BareSpider(scrapy.Spider):
    """Fetch the home page and every on-site link of every page; extract nothing, yield no item."""

    name = "bare"

    def parse(self, response):
        host = urlsplit(response.url).netloc
        if "/news/" in response.url:
            self.crawler.stats.inc_value("bare/article_pages")
        for href in response.css("a::attr(href)").getall():
            url = response.urljoin(href)
            if urlsplit(url).netloc == host:
                yield scrapy.Request(url, callback=self.parse)


kind, base, overrides, stats_out = sys.argv[1:5]
profile_out = sys.argv[5] if len(sys.argv) > 5 else ""
settings = get_project_settings()
settings.setdict(json.loads(overrides), priority="cmdline")
if kind == "bare":
    settings.set("ITEM_PIPELINES", {}, priority="cmdline")
process = CrawlerProcess(settings)
if kind == "bare":
    crawler = process.create_crawler(BareSpider)
    process.crawl(crawler, start_urls=[base + "/"])
else:
    crawler = process.create_crawler("portal")
    process.crawl(crawler, start_urls=base + "/")
if profile_out:
    cProfile.run("process.start()", profile_out)
else:
    process.start()
stats = crawler.stats.get_stats()
own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
stats["bench/max_rss_kb_crawl_process"] = own.ru_maxrss
stats["bench/max_rss_kb_largest_worker"] = workers.ru_maxrss
stats["bench/cpu_s_crawl_process"] = own.ru_utime + own.ru_stime
stats["bench/cpu_s_workers"] = workers.ru_utime + workers.ru_stime
with open(stats_out, "w", encoding="utf-8") as fh:
    json.dump(stats, fh, default=str)
'''


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- the portal

_CANONICAL = re.compile(rb"<link\b[^>]*\brel\s*=\s*[\"']?canonical\b[^>]*>", re.I)
_OG_URL = re.compile(rb"<meta\b[^>]*\bproperty\s*=\s*[\"']?og:url\b[^>]*>", re.I)
_HREF = re.compile(rb"(\bhref\s*=\s*)([\"']?)([^\"'\s>]*)", re.I)
_EXTERNAL = re.compile(rb"^(?:https?:)?//|^(?:javascript|mailto|tel|data):|^#", re.I)
ELSEWHERE = b"http://elsewhere.invalid/"


@dataclass
class Portal:
    """A generated portal on disk: its root folder and what it holds."""

    root: Path
    articles: list[str]
    """Article URL paths, in order."""
    lists: list[str]
    source: str
    """Where the article bytes came from."""
    unique_bodies: int

    @property
    def pages(self) -> int:
        """Every page a complete crawl fetches: home, list pages, articles (robots.txt not counted)."""
        return 1 + len(self.lists) + len(self.articles)


def _own_page(body: bytes) -> bytes:
    """The page as its own article: no canonical link or og:url, relative links pointed off-site."""
    body = _OG_URL.sub(b"", _CANONICAL.sub(b"", body))

    def off_site(m: re.Match[bytes]) -> bytes:
        target = m.group(3)
        if not target or _EXTERNAL.match(target):
            return m.group(0)
        return m.group(1) + m.group(2) + ELSEWHERE + target.lstrip(b"/")

    return _HREF.sub(off_site, body)


def corpus_bodies(corpus: Path) -> list[bytes]:
    """The raw bytes of the portal-set pages of the corpus (empty when it is absent)."""
    bodies: list[bytes] = []
    for name in CORPUS_SETS:
        folder = corpus / name
        if folder.is_dir():
            bodies += [p.read_bytes() for p in sorted(folder.glob("*.html"))]
    return bodies


def fixture_bodies() -> list[bytes]:
    """The project's fixture articles rendered into its portal templates."""
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    templates = importlib.import_module("tests.fixtures.templates")
    return [page.body for page in templates.article_pages()]


def article_path(n: int) -> str:
    return f"/news/2023/04/{1 + n % 28:02d}/{n}.html"


def list_path(channel: int, page: int) -> str:
    return f"/channel/c{channel}/index.html" if page == 0 else f"/channel/c{channel}/index_{page}.html"


def _nav() -> str:
    return " ".join(f'<a href="{list_path(c, 0)}">频道{c}</a>' for c in range(CHANNELS))


def list_page(channel: int, page: int, last: int, items: list[str]) -> bytes:
    rows = "\n".join(f'<li><a href="{p}">示例新闻网第{p.rsplit("/", 1)[1][:-5]}号新闻稿件标题</a></li>'
                     for p in items)
    pager = f'<a href="{list_path(channel, page - 1)}">上一页</a> ' if page > 0 else ""
    pager += f'<a href="{list_path(channel, page + 1)}">下一页</a>' if page < last else ""
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>频道{channel} 第{page + 1}页_示例新闻网</title></head>
<body><div class="nav"><a href="/">首页</a> {_nav()}</div>
<h2>{html.escape(f"频道{channel}")}</h2><ul class="news-list">
{rows}
</ul><div class="pages">{pager}</div>
<div class="footer">Copyright © 2023 示例新闻网 版权所有</div></body></html>
""".encode()


def home_page() -> bytes:
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>示例新闻网 - 首页</title></head>
<body><div class="nav">{_nav()}</div><div class="footer">Copyright © 2023 示例新闻网</div></body></html>
""".encode()


def _write(root: Path, path: str, data: bytes) -> None:
    target = root / path.lstrip("/")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def _link(source: Path, root: Path, path: str) -> None:
    target = root / path.lstrip("/")
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def build_portal(root: Path, n_articles: int, bodies: list[bytes], source: str) -> Portal:
    """Write the portal under ``root``: unique bodies once, article paths as hard links to them."""
    unique = root / "_bodies"
    unique.mkdir(parents=True)
    stored: list[Path] = []
    for i, body in enumerate(bodies[:n_articles]):
        stored.append(unique / f"{i}.html")
        stored[-1].write_bytes(_own_page(body))
    articles = [article_path(n) for n in range(n_articles)]
    for n, path in enumerate(articles):
        _link(stored[n % len(stored)], root, path)
    per_channel = [articles[c::CHANNELS] for c in range(CHANNELS)]
    lists: list[str] = []
    for channel, items in enumerate(per_channel):
        chunks = [items[i:i + LINKS_PER_LIST] for i in range(0, max(len(items), 1), LINKS_PER_LIST)]
        for page, chunk in enumerate(chunks):
            lists.append(list_path(channel, page))
            _write(root, lists[-1], list_page(channel, page, len(chunks) - 1, chunk))
    _write(root, "/index.html", home_page())
    _write(root, "/robots.txt", b"User-agent: *\nAllow: /\n")
    # the server's manifest: articles without a charset (the page declares it, or it is detected)
    manifest = {"/": "text/html; charset=utf-8", "/robots.txt": "text/plain"}
    manifest.update(dict.fromkeys(lists, "text/html; charset=utf-8"))
    manifest.update(dict.fromkeys(articles, "text/html"))
    _write(root, "/headers.json", json.dumps(manifest).encode())
    return Portal(root, articles, lists, source, len(stored))


# --------------------------------------------------------------------------- the server


def _serve(root: str, conn: Connection) -> None:
    """Server process: the project's portal server (keep-alive, as real servers do) on a free port."""
    import threading

    from newscrawler.portal_server import serve_portal

    with serve_portal(Path(root), keep_alive=True) as state:
        conn.send(int(state.base.rsplit(":", 1)[1]))
        conn.close()
        threading.Event().wait()  # until terminated


@dataclass
class Server:
    base: str
    pid: int

    def cpu_seconds(self) -> float:
        """User + system CPU time the server process has used so far."""
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextmanager
def serving(root: Path) -> Iterator[Server]:
    """Serve ``root`` from a separate process for the duration of the block."""
    context = multiprocessing.get_context("fork")  # the child needs only http.server: no re-import
    parent, child = context.Pipe()
    process = context.Process(target=_serve, args=(str(root), child), daemon=True)
    process.start()
    try:
        port = parent.recv()
        yield Server(f"http://127.0.0.1:{port}", process.pid or 0)
    finally:
        process.terminate()
        process.join(5)


# --------------------------------------------------------------------------- crawls


@dataclass
class CrawlResult:
    label: str
    stats: dict[str, Any]
    wall: float
    cpu: float
    """User + system CPU seconds of the crawl process."""
    max_rss_mb: float
    server_cpu: float
    articles_stored: int | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return int(self.stats.get("response_received_count", 0))

    @property
    def elapsed(self) -> float:
        return float(self.stats.get("elapsed_time_seconds") or self.wall)

    @property
    def articles(self) -> int:
        """Articles stored (full crawl) or article pages fetched (bare crawl)."""
        if self.articles_stored is not None:
            return self.articles_stored
        return int(self.stats.get("bare/article_pages", 0))


def crawl_settings(workdir: Path, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """Politeness off, and every file the crawl writes inside ``workdir``."""
    return {
        **POLITENESS_OFF,
        "NEWSCRAWLER_DATABASE_URL": f"sqlite:///{workdir / 'news.db'}",
        "NEWSCRAWLER_WARC_DIR": str(workdir / "warc"),
        "NEWSCRAWLER_SPOOL_DIR": str(workdir / "unsaved"),
        **(extra or {}),
    }


def run_child(command: list[str], log_path: Path) -> tuple[float, float, float]:
    """Run ``command`` in the repository; return wall seconds, CPU seconds and max RSS (MB) of that child."""
    start = time.perf_counter()
    with log_path.open("wb") as out:
        proc = subprocess.Popen(command, cwd=REPO, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)  # this child's own rusage
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        tail = log_path.read_text(errors="replace")[-3000:]
        raise SystemExit(f"crawl failed (exit {proc.returncode}), log {log_path}:\n{tail}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def crawl(kind: str, label: str, server: Server, workdir: Path, extra: dict[str, Any] | None = None,
          profile_out: Path | None = None) -> CrawlResult:
    """One crawl of the portal in a fresh subprocess (``kind``: "bare" or "portal")."""
    workdir.mkdir(parents=True, exist_ok=True)
    settings = crawl_settings(workdir, extra)
    stats_path = workdir / "stats.json"
    runner = workdir / "runner.py"
    runner.write_text(RUNNER, encoding="utf-8")
    command = [sys.executable, str(runner), kind, server.base, json.dumps(settings), str(stats_path)]
    if profile_out is not None:
        command.append(str(profile_out))
    log(f"  {label} …")
    server_before = server.cpu_seconds()
    wall, cpu, rss = run_child(command, workdir / "crawl.log")
    stats: dict[str, Any] = json.loads(stats_path.read_text(encoding="utf-8"))
    result = CrawlResult(label, stats, wall, cpu, rss, server.cpu_seconds() - server_before)
    if kind == "portal":
        result.articles_stored = count_articles(workdir / "news.db")
    failed = {k.rsplit("/", 1)[1]: v for k, v in stats.items() if k.startswith("downloader/response_status_count/")
              and not k.endswith("/200")}
    if failed:
        result.notes.append(f"{label}: non-200 responses {failed}")
    if stats.get("log_count/ERROR"):
        result.notes.append(f"{label}: {stats['log_count/ERROR']} errors logged, see {workdir / 'crawl.log'}")
    log(f"  {label}: {result.pages} pages, {result.articles} articles, {result.elapsed:.1f} s crawl, "
        f"{wall:.1f} s wall, max RSS {rss:.0f} MB")
    return result


def count_articles(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM article").fetchone()[0])


# --------------------------------------------------------------------------- where the time goes


@dataclass
class StageTimes:
    """Milliseconds spent per page in each step, summed over the sample."""

    totals: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, step: str, seconds: float) -> None:
        self.totals[step] = self.totals.get(step, 0.0) + seconds * 1000
        self.counts[step] = self.counts.get(step, 0) + 1

    def per_page(self, step: str, pages: int) -> float:
        return self.totals.get(step, 0.0) / max(pages, 1)


def _timed(times: StageTimes, step: str, call: Callable[[], Any]) -> Any:
    start = time.perf_counter()
    try:
        return call()
    finally:
        times.add(step, time.perf_counter() - start)


def _bare_parse(response: Any) -> list[str]:
    """What the bare spider does with a page: every href, made absolute."""
    return [response.urljoin(href) for href in response.css("a::attr(href)").getall()]


def stage_breakdown(portal: Portal, sample: int, workdir: Path) -> tuple[StageTimes, int]:
    """Run the spider's and every pipeline stage's work on ``sample`` article pages, timing each step.

    As in a crawl: the continuation test, extraction and fingerprints are what an extraction worker does
    (their results cross a process boundary: pickling timed on its own row); the fingerprints ride
    on the item to the dedupe stage, which keeps them; the stages are built by ``from_crawler`` on a test crawler, so the
    archive fsyncs once per store batch (``make_durable``) as in a crawl."""
    import pickle

    from scrapy.exceptions import DropItem
    from scrapy.http import HtmlResponse, Request
    from scrapy.utils.test import get_crawler

    from newscrawler.extract import extract
    from newscrawler.items import ArticleItem
    from newscrawler.spiders.fetch import fetch_record
    from newscrawler.spiders.workers import continuations
    from pipelines.archive import ArchiveRawPage
    from pipelines.dedupe import FingerprintArticle
    from pipelines.normalise import NormaliseArticle
    from pipelines.store import StoreArticle
    from pipelines.syndication import fingerprint, minhash
    from pipelines.validate import ValidateArticle

    workdir.mkdir(parents=True, exist_ok=True)
    crawler = get_crawler(settings_dict=crawl_settings(workdir))
    store = StoreArticle.from_crawler(crawler)
    archive = ArchiveRawPage.from_crawler(crawler)
    stages: list[tuple[str, Any]] = [
        ("validate + normalise", ValidateArticle.from_crawler(crawler)),
        ("validate + normalise", NormaliseArticle.from_crawler(crawler)),
        ("dedupe: content hash + MinHash (kept from the worker)", FingerprintArticle.from_crawler(crawler)),
        ("archive: WARC write (gzip level 3; fsync once per store batch)", archive),
        ("store: save_articles + fetch rows, commit per 50 (WARC fsync first)", store),
    ]
    for _, stage in stages:
        if hasattr(stage, "open_spider"):
            stage.open_spider()
    base = "http://127.0.0.1:8000"
    paths = portal.articles[:sample]
    times = StageTimes()
    extract(b"<html><body><p>warm-up</p></body></html>", base + "/", datetime.now(SHANGHAI))
    minhash("预热")
    for path in paths:
        url = base + path
        body = (portal.root / path.lstrip("/")).read_bytes()
        response = HtmlResponse(url, body=body, headers={"Content-Type": "text/html"}, request=Request(url))
        _timed(times, "bare spider's parse: css('a::attr(href)') + urljoin", partial(_bare_parse, response))
        fresh = HtmlResponse(url, body=body, headers={"Content-Type": "text/html"}, request=Request(url))
        fetch = _timed(times, "spider: response → Fetch", partial(fetch_record, fresh, datetime.now(SHANGHAI)))
        sent = _timed(times, "spider ↔ worker: pickling the Fetch and the result (both ways)",
                      partial(pickle.loads, pickle.dumps(fetch, protocol=pickle.HIGHEST_PROTOCOL)))
        _timed(times, "worker: continuation test (may_continue; second parse only when it may)",
               partial(continuations, sent))
        article = _timed(times, "worker: extract()",
                         partial(extract, sent.body, sent.final_url, sent.fetched_at, sent.headers))
        item: Any = ArticleItem(article=article, fetch=fetch, site="adhoc", more_pages=[])
        if article.is_article and article.body:
            prints = _timed(times, "worker: content hash + MinHash", partial(fingerprint, article.body))
            article, prints = _timed(times, "spider ↔ worker: pickling the Fetch and the result (both ways)",
                                     partial(pickle.loads, pickle.dumps((article, prints), protocol=pickle.HIGHEST_PROTOCOL)))
            item = ArticleItem(article=article, fetch=fetch, site="adhoc", more_pages=[])
            item.content_hash, item.signature = prints  # as the spider does with a worker's fingerprints
        for step, stage in stages:
            try:
                item = _timed(times, step, partial(stage.process_item, item))
            except DropItem:
                break
    _timed(times, "store: save_articles + fetch rows, commit per 50 (WARC fsync first)", store.close_spider)
    archive.close_spider()
    store.spider_closed(None, "finished")
    return times, len(paths)


def print_breakdown(times: StageTimes, pages: int, bare: CrawlResult, full: CrawlResult) -> None:
    print(f"\n### Where the time goes (in-process, {pages} article pages, ms per article page)\n")
    print("| step | ms/page |\n| --- | ---: |")
    bare_step = next(s for s in times.totals if s.startswith("bare"))
    full_steps = [s for s in times.totals if s != bare_step]
    for step in full_steps:
        print(f"| {step} | {times.per_page(step, pages):.2f} |")
    full_sum = sum(times.per_page(s, pages) for s in full_steps)
    in_workers = sum(times.per_page(s, pages) for s in full_steps if s.startswith("worker"))
    print(f"| **full crawl's own work, total** (in the crawl process {full_sum - in_workers:.2f}, in extraction "
          f"workers {in_workers:.2f}) | **{full_sum:.2f}** |")
    print(f"| {bare_step} | {times.per_page(bare_step, pages):.2f} |")
    print("\n| crawl | CPU ms/page (crawl process and its workers, incl. start-up) | wall ms/page (crawl elapsed) "
          "| server CPU ms/page |")
    print("| --- | ---: | ---: | ---: |")
    for r in (bare, full):
        print(f"| {r.label} | {1000 * r.cpu / max(r.pages, 1):.2f} | {1000 * r.elapsed / max(r.pages, 1):.2f} | "
              f"{1000 * r.server_cpu / max(r.pages, 1):.2f} |")
    gap = 1000 * (full.cpu / max(full.pages, 1) - bare.cpu / max(bare.pages, 1))
    own = full_sum - times.per_page(bare_step, pages)
    print(f"\nCPU gap full − bare: {gap:.2f} ms/page; the steps above (minus the bare parse) account for "
          f"{own:.2f} ms per article page.")


def print_profile(profile_path: Path, top: int = 25) -> None:
    print(f"\n### cProfile of one full crawl: top {top} functions by own time\n\n```")
    stats = pstats.Stats(str(profile_path), stream=sys.stdout)
    stats.strip_dirs().sort_stats("tottime").print_stats(top)
    print("```")


# --------------------------------------------------------------------------- report


def print_comparison(portal: Portal, bare: CrawlResult, full: CrawlResult) -> float:
    print(f"\n### Full crawl vs bare Scrapy ({len(portal.articles)} articles, {len(portal.lists)} list pages, "
          f"article bytes from {portal.source}: {portal.unique_bodies} distinct pages)\n")
    print("| crawl | pages fetched | articles | crawl s | wall s | pages/s | articles/s | CPU s | max RSS MB |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in (bare, full):
        print(f"| {r.label} | {r.pages} | {r.articles} | {r.elapsed:.1f} | {r.wall:.1f} | "
              f"{r.pages / r.elapsed:.1f} | {r.articles / r.elapsed:.1f} | {r.cpu:.1f} | {r.max_rss_mb:.0f} |")
    ratio = (full.pages / full.elapsed) / (bare.pages / bare.elapsed)
    article_ratio = (full.articles / full.elapsed) / max(bare.articles / bare.elapsed, 1e-9)
    wall_ratio = (full.pages / full.wall) / (bare.pages / bare.wall)
    verdict = "PASS" if ratio >= TARGET_RATIO else "MISS"
    print(f"\nfull/bare pages/s: **{ratio:.2f}** (target ≥ {TARGET_RATIO}: {verdict}); articles/s {article_ratio:.2f}; "
          f"on wall time incl. start-up {wall_ratio:.2f}. Bare articles = article pages fetched; "
          f"full articles = rows in `article`.")
    workers = full.stats.get("bench/max_rss_kb_largest_worker")
    if workers:
        print(f"The full crawl's CPU and max RSS include its extraction worker processes: CPU "
              f"{full.stats['bench/cpu_s_crawl_process']:.1f} s in the crawl process and "
              f"{full.stats['bench/cpu_s_workers']:.1f} s in the workers; max RSS of the crawl process "
              f"{full.stats['bench/max_rss_kb_crawl_process'] / 1024:.0f} MB, of its largest worker "
              f"{workers / 1024:.0f} MB.")
    return ratio


def print_memory(portal: Portal, runs: list[CrawlResult]) -> float:
    print(f"\n### Peak memory of the full crawl ({len(portal.articles)}-article portal)\n")
    print("| CLOSESPIDER_PAGECOUNT | pages fetched | articles stored | crawl s | max RSS MB |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    for count, r in zip(MEMORY_PAGECOUNTS, runs, strict=True):
        print(f"| {count} | {r.pages} | {r.articles} | {r.elapsed:.1f} | {r.max_rss_mb:.0f} |")
    ratio = runs[1].max_rss_mb / runs[0].max_rss_mb
    verdict = "PASS" if ratio <= TARGET_MEMORY_RATIO else "MISS"
    print(f"\nmax RSS {MEMORY_PAGECOUNTS[1]} / {MEMORY_PAGECOUNTS[0]} pages: **{ratio:.2f}** "
          f"(target ≤ {TARGET_MEMORY_RATIO}: {verdict})")
    return ratio


def article_bodies(corpus: Path) -> tuple[list[bytes], str]:
    bodies = corpus_bodies(corpus)
    if bodies:
        return bodies, f"{corpus} ({', '.join(CORPUS_SETS)})"
    log(f"corpus not found under {corpus}: using the fixture articles × portal templates")
    return fixture_bodies(), "tests/fixtures (articles × templates)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("--pages", type=int, default=2000, help="article pages of the bare/full portal")
    parser.add_argument("--memory-pages", type=int, default=4200,
                        help="article pages of the portal for the memory runs (≥ 4000)")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="corpus root (default <repo>/../shared/corpus)")
    parser.add_argument("--sample", type=int, default=200, help="article pages timed in-process per stage")
    parser.add_argument("--profile", action="store_true", help="also profile one full crawl with cProfile")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args(argv)

    bodies, source = article_bodies(args.corpus)
    load_before = os.getloadavg()[0]
    tmp = Path(tempfile.mkdtemp(prefix="newscrawler-crawl-bench-"))
    started = time.perf_counter()
    try:
        portal = build_portal(tmp / "portal", args.pages, bodies, source)
        big = build_portal(tmp / "portal-memory", max(args.memory_pages, MEMORY_PAGECOUNTS[1]), bodies, source)
        log(f"portals in {tmp}: {portal.pages} and {big.pages} pages")
        with serving(portal.root) as server:
            bare = crawl("bare", "bare Scrapy", server, tmp / "bare")
            full = crawl("portal", "full crawl", server, tmp / "full")
            profile = tmp / "full.prof" if args.profile else None
            if profile is not None:
                crawl("portal", "full crawl (cProfile)", server, tmp / "profiled", profile_out=profile)
        with serving(big.root) as server:
            memory = [crawl("portal", f"full crawl, {n} pages", server, tmp / f"memory-{n}",
                            {"CLOSESPIDER_PAGECOUNT": n}) for n in MEMORY_PAGECOUNTS]
        log("timing the stages in-process …")
        times, sampled = stage_breakdown(portal, args.sample, tmp / "breakdown")

        print_comparison(portal, bare, full)
        print_memory(big, memory)
        print_breakdown(times, sampled, bare, full)
        if profile is not None:
            print_profile(profile)
        for note in bare.notes + full.notes + [n for r in memory for n in r.notes]:
            print(f"\nnote: {note}")
        print(f"\ntotal benchmark time {time.perf_counter() - started:.0f} s on {os.cpu_count()} cores; "
              f"1-minute load average before the run {load_before:.2f} (other work on the machine slows "
              "every figure above)")
    finally:
        if args.keep:
            log(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
