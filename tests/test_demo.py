"""The README's main command: ``newscrawler demo`` crawls the offline demo portal into a fresh archive."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from .conftest import REPO
from .fixtures.articles import ARTICLES
from .fixtures.make_demo import DEMO_DIR, build


def test_committed_demo_portal_is_what_the_generator_builds() -> None:
    files = build()
    for path, (data, _) in files.items():
        target = DEMO_DIR / (path.lstrip("/") or "index.html")
        if path.endswith("/"):
            target = DEMO_DIR / path.lstrip("/") / "index.html"
        assert target.read_bytes() == data, f"{target} is stale: run python -m tests.fixtures.make_demo"


def test_demo_crawls_the_portal_into_the_archive(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    exe = shutil.which("newscrawler")
    cmd = [exe] if exe else [sys.executable, "-c", "from newscrawler.cli import main; main()"]
    env = {**os.environ, "NEWSCRAWLER_WARC_DIR": str(tmp_path / "warc")}  # raw pages stay out of the checkout
    proc = subprocess.run([*cmd, "demo", "--db", f"sqlite:///{db}"], cwd=REPO, capture_output=True, text=True,
                          timeout=300, env=env)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "latest archived articles:" in proc.stdout
    assert "demo" in proc.stdout  # the per-site table
    with sqlite3.connect(db) as conn:
        rows = dict(conn.execute("SELECT canonical_url, body FROM article").fetchall())
        fetched = [r[0] for r in conn.execute("SELECT url FROM fetch")]
        runs = conn.execute("SELECT status FROM crawl_run").fetchall()
    assert len(rows) == len(ARTICLES)  # every article once; list pages and the home page are not articles
    split = [url for url in rows if url.endswith("_2.html")]
    assert split == []  # the second page of the split article is part of its article, not an article
    assert not any("/private/" in url for url in fetched)  # robots.txt
    assert runs == [("finished",)]
    gbk = next(body for url, body in rows.items() if url.endswith("/finance.html"))
    assert "陈喆" in gbk  # a GBK-only character decoded from a page served with a wrong charset header
    assert list((tmp_path / "warc").rglob("*.warc.gz"))
    assert f"newscrawler search 经济 --db sqlite:///{db}" in proc.stdout
    found = subprocess.run([*cmd, "search", "经济", "--db", f"sqlite:///{db}", "--format", "json"], cwd=REPO,
                           capture_output=True, text=True, timeout=60)
    assert found.returncode == 0, found.stderr
    assert any("/consumer.html" in line for line in found.stdout.splitlines())  # the demo archive is searchable


def _cmd() -> list[str]:
    exe = shutil.which("newscrawler")
    return [exe] if exe else [sys.executable, "-c", "from newscrawler.cli import main; main()"]


def test_a_second_demo_adds_nothing_and_stats_has_no_warning(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'news.db'}"
    env = {**os.environ, "NEWSCRAWLER_WARC_DIR": str(tmp_path / "warc")}
    first = subprocess.run([*_cmd(), "demo", "--db", db], cwd=tmp_path, capture_output=True, text=True,
                           timeout=300, env=env)
    assert first.returncode == 0, first.stderr[-3000:]
    second = subprocess.run([*_cmd(), "demo", "--db", db], cwd=tmp_path, capture_output=True, text=True,
                            timeout=300, env=env)
    assert second.returncode == 0, second.stderr[-3000:]
    assert "nothing new: every demo article is already in the archive" in second.stdout
    with sqlite3.connect(tmp_path / "news.db") as conn:
        assert conn.execute("SELECT count(*) FROM article").fetchone()[0] == len(ARTICLES)
    stats = subprocess.run([*_cmd(), "stats", "--db", db], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert stats.returncode == 0, stats.stderr
    assert "WARNING" not in stats.stdout + stats.stderr


def test_demo_serve_serves_the_portal_for_crawl_with_base_url(tmp_path: Path) -> None:
    import signal

    server = subprocess.Popen([*_cmd(), "demo", "--serve", "--port", "0"], cwd=tmp_path, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True)
    try:
        assert server.stdout is not None
        first = server.stdout.readline()
        assert first.startswith("serving the demo portal at http://127.0.0.1:"), first
        base = first.split(" at ", 1)[1].split()[0]
        db = tmp_path / "news.db"
        crawl = subprocess.run([*_cmd(), "crawl", "demo", "--base-url", base, "--db", f"sqlite:///{db}"],
                               cwd=tmp_path, capture_output=True, text=True, timeout=300,
                               env={**os.environ, "NEWSCRAWLER_WARC_DIR": str(tmp_path / "warc")})
        assert crawl.returncode == 0, crawl.stderr[-3000:]
    finally:
        server.send_signal(signal.SIGTERM)
        status = server.wait(timeout=30)
        if server.stdout is not None:
            server.stdout.close()
    assert status == 0
    with sqlite3.connect(db) as conn:
        urls = [u for (u,) in conn.execute("SELECT canonical_url FROM article")] + [
            u for (u,) in conn.execute("SELECT url FROM fetch")]
    assert len(set(urls)) >= len(ARTICLES)
    assert all(u.startswith(base) for u in urls)  # no demo.invalid placeholder leaks into the archive
