#!/usr/bin/env python3
"""Benchmark the watch: the cost of re-visiting N archived articles, on SQLite and PostgreSQL.

    python benchmarks/watch.py                       # 10,000 articles (about 10 minutes on 2 cores)
    python benchmarks/watch.py --articles 500        # a quick run
    python benchmarks/watch.py --skip-pg --pg-url postgresql://postgres@127.0.0.1:5432/test

A local portal (``tests/portal_server.py``, one thread per request) serves N invented articles
(``tests/watch_portal.py``: four paragraphs each, a navigation bar and a hot-news box). They are archived
into a fresh archive (a SQLite file; a fresh PostgreSQL database ``newscrawler_bench_<random>``, dropped
at the end) with their raw pages in WARC, as a crawl at T0 would. Before the re-visit, 5 % of the
articles get one paragraph edited, 2 % answer 404, 1 % redirect to the home page and 1 % serve a
deletion page with status 200; the rest only change their chrome (another hot-news box). Then one
``scrapy crawl watch`` process re-visits them all (the moment T0 + 1 h, no politeness delay, 16 requests
in flight: what a portal would see spread over hours is measured back to back).

Printed per backend: visits, HTTP requests the portal answered (robots.txt included) per visit, the
watch process's CPU time (user + system) per visit, the archive's growth per visit (database: SQLite
file + WAL after a checkpoint, PostgreSQL ``pg_database_size``; WARC files), the events found, the wall
time, and the in-process cost of judging an article (the extractor on the page, the content compare,
and the paragraph diff of an edited one; median of the edited pages).

This is a measurement script, not a test: numbers vary with the machine.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # the portal and its pages live with the tests

import psycopg  # noqa: E402
from sqlalchemy import func, select, text  # noqa: E402

from newscrawler.extract import extract  # noqa: E402
from newscrawler.watch.diff import Content, changed, content_diff  # noqa: E402
from pipelines.db.engine import make_engine, session_factory  # noqa: E402
from pipelines.db.migrate import upgrade  # noqa: E402
from pipelines.db.models import WatchEvent, WatchObservation  # noqa: E402
from pipelines.warc import WarcWriter  # noqa: E402
from tests.portal_server import PortalServer, portal  # noqa: E402
from tests.watch_portal import (  # noqa: E402
    HTML,
    T0,
    Story,
    archive,
    article_page,
    deleted_page,
    home_page,
    stories,
)

PG_DEFAULT = "postgresql://postgres@127.0.0.1:5432/test"


@contextmanager
def postgres(admin_url: str) -> Iterator[str]:
    name = f"newscrawler_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{admin_url.rsplit('/', 1)[0]}/{name}"
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def database_bytes(db_url: str) -> int:
    engine = make_engine(db_url)
    try:
        with engine.connect() as connection:
            if engine.dialect.name == "postgresql":
                return int(connection.execute(text("SELECT pg_database_size(current_database())")).scalar_one())
            connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
        path = Path(engine.url.database or "")
        return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
    finally:
        engine.dispose()


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def fill(db_url: str, base: str, items: list[Story], warc: Path) -> None:
    upgrade(db_url)
    engine = make_engine(db_url)
    try:
        sessions = session_factory(engine)
        with WarcWriter(warc, sync_each=False) as writer:
            for start in range(0, len(items), 500):
                with sessions.begin() as session:
                    archive(session, base, items[start:start + 500], writer)
    finally:
        engine.dispose()


def change_portal(state: PortalServer, items: list[Story]) -> dict[str, int]:
    """Edit, remove, redirect and soft-delete a share of the articles; change every other page's chrome."""
    assert state.pages is not None
    planned: Counter[str] = Counter()
    for i, story in enumerate(items):
        share = i % 100
        if share < 5:
            edited = Story(story.slug, story.title, [*story.paragraphs], story.published)
            edited.paragraphs[1] = edited.paragraphs[1].replace("，", "，记者从有关部门获悉，", 1)
            state.pages[story.path] = (article_page(edited), HTML)
            planned["edited"] += 1
        elif share < 7:
            state.faults[story.path] = ("status", 404, 10**9)
            planned["removed"] += 1
        elif share < 8:
            state.faults[story.path] = ("redirect", state.base + "/")
            planned["redirected"] += 1
        elif share < 9:
            state.pages[story.path] = (deleted_page(), HTML)
            planned["removed_soft"] += 1
        else:
            state.pages[story.path] = (article_page(story, hot=("今日天气晴转多云", "一周热点回顾")), HTML)
    return dict(planned)


def judge_cost(base: str, items: list[Story]) -> tuple[float, float, float]:
    """Median ms of: extracting an article page, comparing its content with the archived one, diffing an edit."""
    extract_ms, compare_ms, diff_ms = [], [], []
    for story in items[:200]:
        edited = Story(story.slug, story.title, [*story.paragraphs], story.published)
        edited.paragraphs[1] = edited.paragraphs[1].replace("，", "，记者从有关部门获悉，", 1)
        url = base + story.path
        t = time.perf_counter()
        page = extract(article_page(edited), url, T0, {"Content-Type": HTML})
        extract_ms.append((time.perf_counter() - t) * 1000)
        old = Content(story.title, "\n".join(story.paragraphs), None)
        new = Content(page.title, page.body, None)
        t = time.perf_counter()
        changed(old, new)
        compare_ms.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        content_diff(old, new)
        diff_ms.append((time.perf_counter() - t) * 1000)
    return statistics.median(extract_ms), statistics.median(compare_ms), statistics.median(diff_ms)


def run(backend: str, db_url: str, n: int, work: Path) -> dict[str, Any]:
    items = stories(n)
    pages = {story.path: (article_page(story), HTML) for story in items}
    pages["/"] = (home_page(items[:50]), HTML)
    warc = work / "warc"
    with portal(pages=pages) as state:
        t = time.perf_counter()
        fill(db_url, state.base, items, warc)
        filled = time.perf_counter() - t
        planned = change_portal(state, items)
        db_before, warc_before = database_bytes(db_url), folder_bytes(warc)
        hits_before = sum(state.hits.values())
        cmd = [sys.executable, "-m", "scrapy", "crawl", "watch", "-a", f"now={(T0 + timedelta(hours=1, minutes=1)).isoformat()}",
               "-a", f"max_visits={n}", "-s", f"NEWSCRAWLER_DATABASE_URL={db_url}", "-s", f"NEWSCRAWLER_WARC_DIR={warc}",
               "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS=16",
               "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16", "-s", "NEWSCRAWLER_PROGRESS_INTERVAL=0",
               "-s", "LOG_LEVEL=WARNING"]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
        wall = time.perf_counter() - t
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if proc.returncode != 0:
            raise SystemExit(proc.stderr[-3000:])
        requests = sum(state.hits.values()) - hits_before
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    engine = make_engine(db_url)
    try:
        with session_factory(engine)() as session:
            visits = session.scalar(select(func.count()).select_from(WatchObservation)) or 0
            events = Counter(dict(session.execute(select(WatchEvent.kind, func.count()).group_by(WatchEvent.kind)).all()))
    finally:
        engine.dispose()
    expected = Counter(planned)
    return {"backend": backend, "articles": n, "fill_s": filled, "visits": visits, "requests": requests,
            "cpu_ms": cpu * 1000 / max(visits, 1), "wall_s": wall,
            "db_bytes": (database_bytes(db_url) - db_before) / max(visits, 1),
            "warc_bytes": (folder_bytes(warc) - warc_before) / max(visits, 1),
            "events": dict(events), "expected": dict(expected), "events_ok": events == expected}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--pg-url", default=os.environ.get("NEWSCRAWLER_TEST_POSTGRES_URL", PG_DEFAULT))
    parser.add_argument("--skip-pg", action="store_true")
    args = parser.parse_args(argv)
    results = []
    with tempfile.TemporaryDirectory(prefix="watch-bench-") as tmp:
        work = Path(tmp)
        (work / "sqlite").mkdir()
        results.append(run("SQLite", f"sqlite:///{work / 'sqlite' / 'news.db'}", args.articles, work / "sqlite"))
        if not args.skip_pg:
            (work / "pg").mkdir()
            with postgres(args.pg_url) as url:
                results.append(run("PostgreSQL", url, args.articles, work / "pg"))
    extract_ms, compare_ms, diff_ms = judge_cost("http://127.0.0.1:9", stories(200))
    print(f"re-visiting {args.articles:,} archived articles (5 % edited, 2 % 404, 1 % redirected, 1 % soft-deleted, "
          "the rest chrome changed)\n")
    print("| backend | visits | requests/visit | CPU ms/visit | DB bytes/visit | WARC bytes/visit | wall s | events "
          "as planned |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    for r in results:
        print(f"| {r['backend']} | {r['visits']:,} | {r['requests'] / max(r['visits'], 1):.2f} | {r['cpu_ms']:.1f} "
              f"| {r['db_bytes']:,.0f} | {r['warc_bytes']:,.0f} | {r['wall_s']:.1f} | "
              f"{'yes' if r['events_ok'] else 'NO: ' + str(r['events']) + ' vs ' + str(r['expected'])} |")
    print(f"\nper article page, in process (median of 200): extract {extract_ms:.2f} ms, content compare "
          f"{compare_ms:.3f} ms, paragraph diff of an edit {diff_ms:.3f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
