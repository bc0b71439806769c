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
