"""A real crawl into a real archive: a local HTTP server, ``scrapy crawl`` in a subprocess, a SQLite
file. Killing the crawl with SIGKILL loses at most the open batch; what it reported as stored is in the
database; a second run completes the archive without storing anything twice."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from .conftest import REPO
from .fixtures.articles import ARTICLES
from .fixtures.templates import TEMPLATES
from .portal_server import PortalServer, portal

PAGES: dict[str, tuple[bytes, str]] = {}
for n in range(60):
    article = ARTICLES[n % len(ARTICLES)]
    template = [t for t in TEMPLATES if t not in ("lying_header", "no_charset")][n % 6]
    page = TEMPLATES[template](article)
    # every URL is its own article here: drop the templates' canonical links so URLs do not collapse
    body = re.sub(rb"<link[^>]+canonical[^>]*>|<meta[^>]+og:url[^>]*>", b"", page.body)
    PAGES[f"/news/2023/04/{n:03d}.html"] = (body, page.headers.get("Content-Type", "text/html"))


ROBOTS = {"/robots.txt": (b"User-agent: *\nAllow: /\n", "text/plain")}


def _crawl(base: str, tmp_path: Path, db: Path) -> subprocess.Popen[str]:
    url_file = tmp_path / "urls.txt"
    url_file.write_text("\n".join(base + path for path in PAGES), encoding="utf-8")
    cmd = [sys.executable, "-m", "scrapy", "crawl", "fetch", "-a", f"url_file={url_file}",
           "-s", f"NEWSCRAWLER_DATABASE_URL=sqlite:///{db}", "-s", f"NEWSCRAWLER_WARC_DIR={tmp_path / 'warc'}",
           "-s", "NEWSCRAWLER_BATCH_SIZE=5", "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
           "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=4", "-s", "LOG_LEVEL=INFO"]
    return subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})


def _count(db: Path, table: str) -> int:
    if not db.exists():
        return 0
    with sqlite3.connect(db) as conn:
        try:
            return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        except sqlite3.OperationalError:
            return 0


def test_kill_9_loses_at_most_the_open_batch_and_a_rerun_completes(tmp_path: Path) -> None:
    with portal(pages=PAGES | ROBOTS) as state:
        state.faults.update({path: ("sleep", 0.15) for path in PAGES})
        _kill_then_rerun(state, tmp_path)


def _kill_then_rerun(state: PortalServer, tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    proc = _crawl(state.base, tmp_path, db)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(proc.stdout or []), daemon=True)
    reader.start()
    deadline = time.monotonic() + 60
    while _count(db, "article") < 15 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    reader.join(timeout=10)
    if proc.stdout is not None:
        proc.stdout.close()
    reported = [int(m.group(1)) for line in lines if (m := re.search(r"(\d+) stored in this crawl", line))]
    assert reported, "".join(lines[-30:])
    stored = _count(db, "article")
    assert stored >= reported[-1] >= 15 - 5
    assert stored < len(PAGES)  # the crawl really was interrupted
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        half = conn.execute("SELECT count(*) FROM article WHERE title IS NULL OR body = ''").fetchone()[0]
        assert half == 0

    state.faults.clear()
    rerun = _crawl(state.base, tmp_path, db)
    out, _ = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, out[-3000:]
    with sqlite3.connect(db) as conn:
        urls = [r[0] for r in conn.execute("SELECT canonical_url FROM article")]
        assert sorted(urls) == sorted(state.base + path for path in PAGES)  # every page once, none twice
        runs = conn.execute("SELECT status FROM crawl_run ORDER BY id").fetchall()
        assert runs[-1][0] == "finished"
        fetched = conn.execute("SELECT count(*) FROM fetch WHERE crawl_run_id = (SELECT max(id) FROM crawl_run)")
        assert fetched.fetchone()[0] == len(PAGES)


def test_a_kill_9_after_the_batch_deadline_loses_nothing_older_than_the_deadline(tmp_path: Path) -> None:
    """Three pages answer at once, three stay in flight: the three buffered articles are committed when
    ``NEWSCRAWLER_BATCH_SECONDS`` runs out (a reactor timer), not when a fourth item arrives, so a kill -9
    then loses none of them (nor their fetch rows)."""
    db = tmp_path / "archive.db"
    paths = list(PAGES)[:6]
    with portal(pages={p: PAGES[p] for p in paths} | ROBOTS) as state:
        state.faults.update({path: ("hold",) for path in paths[3:]})
        url_file = tmp_path / "urls.txt"
        url_file.write_text("\n".join(state.base + path for path in paths), encoding="utf-8")
        cmd = [sys.executable, "-m", "scrapy", "crawl", "fetch", "-a", f"url_file={url_file}",
               "-s", f"NEWSCRAWLER_DATABASE_URL=sqlite:///{db}", "-s", f"NEWSCRAWLER_WARC_DIR={tmp_path / 'warc'}",
               "-s", "NEWSCRAWLER_BATCH_SIZE=50", "-s", "NEWSCRAWLER_BATCH_SECONDS=0.5", "-s", "DOWNLOAD_DELAY=0",
               "-s", "DOWNLOAD_TIMEOUT=300", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "LOG_LEVEL=INFO",
               "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8"]  # all six in flight at once, whatever their order
        proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 120  # the crawl cannot end by itself: three requests are held
            while (_count(db, "article"), _count(db, "fetch")) != (3, 3) and time.monotonic() < deadline:
                assert proc.poll() is None
                time.sleep(0.05)
            running = proc.poll() is None and sum(state.hits[p] for p in paths[3:]) == 3
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
    assert running  # stored while the other three were still in flight
    assert (_count(db, "article"), _count(db, "fetch")) == (3, 3)
