"""Re-visits in the scheduler (issue 16): after each scheduled ``crawl --due`` the server runs the due
re-visits (``newscrawler watch``, in a subprocess, through the same downloader settings and locks);
``--no-watch`` turns them off; ``crawl --due --watch`` re-visits the due sites' articles in the crawl's own
process. A real server process, a real local portal, a SQLite archive."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newscrawler.sites import load_profiles
from pipelines.db import repository
from pipelines.db.engine import make_engine, session_factory
from pipelines.db.migrate import upgrade

from .conftest import REPO
from .portal_server import PortalServer, portal
from .watch_portal import HTML, SITE, archive, article_page, home_page, stories

SERVE = ("-c", "from newscrawler.cli import main; main()", "serve", "--every", "3600")


@dataclass
class Project:
    root: Path
    db_url: str
    env: dict[str, str]
    state: PortalServer

    def observations(self) -> int:
        with sqlite3.connect(self.root / "data" / "news.db") as conn:
            return int(conn.execute("SELECT count(*) FROM watch_observation").fetchone()[0])


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    """A project whose archive holds three articles archived on 1 December (due for a re-visit since),
    and no site due for a crawl (each shipped profile has a fresh finished run; no user profile)."""
    root = tmp_path / "project"
    (root / "data").mkdir(parents=True)
    shutil.copy(REPO / "scrapy.cfg", root / "scrapy.cfg")
    db_url = f"sqlite:///{root / 'data' / 'news.db'}"
    upgrade(db_url)
    items = stories(3)
    with portal(pages={story.path: (article_page(story), HTML) for story in items}) as state:
        engine = make_engine(db_url)
        try:
            with session_factory(engine).begin() as session:
                archive(session, state.base, items, None)
                for name, profile in load_profiles().items():
                    if not profile.needs_base_url:
                        started = datetime.now(UTC) - timedelta(minutes=1)
                        run = repository.start_run(session, "portal", {}, started, site=name)
                        repository.finish_run(session, run, "finished", {"newscrawler/store/new": 1}, started)
        finally:
            engine.dispose()
        env = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSCRAWLER_", "SCRAPY_"))}
        env.update(NEWSCRAWLER_DATABASE_URL=db_url, NEWSCRAWLER_PROGRESS_INTERVAL="0",
                   NEWSCRAWLER_WARC_DIR=str(root / "data" / "warc"))
        yield Project(root, db_url, env, state)


def _serve(project: Project, *options: str, until: str) -> str:
    """Run ``serve`` until its log shows ``until`` (or two minutes pass), then SIGTERM it; its log."""
    log_path = project.root / "serve.log"
    with log_path.open("w") as log_file:
        server = subprocess.Popen([sys.executable, *SERVE, *options], cwd=project.root, env=project.env,
                                  stdout=log_file, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 120
            while until not in log_path.read_text() and time.monotonic() < deadline and server.poll() is None:
                time.sleep(0.3)
            server.send_signal(signal.SIGTERM)
            assert server.wait(timeout=60) == 0, log_path.read_text()[-3000:]
        finally:
            if server.poll() is None:
                server.kill()
                server.wait()
    return log_path.read_text()


def test_serve_runs_the_due_revisits_after_each_check(project: Project) -> None:
    output = _serve(project, until="watch exited")
    assert "crawl --due exited 0 (done)" in output
    assert "watch exited 0 (done)" in output, output[-3000:]
    assert "watch: finished: 3 enrolled, 3 due, 3 visited (alive 3)" in output
    assert project.observations() == 3
    assert all(project.state.hits[story.path] == 1 for story in stories(3))
    assert "Traceback" not in output


def test_serve_no_watch_only_crawls(project: Project) -> None:
    output = _serve(project, "--no-watch", until="crawl --due exited")
    assert "crawl --due exited 0 (done)" in output
    assert "re-visiting" not in output and "watch exited" not in output
    assert project.observations() == 0


def test_crawl_due_with_watch_revisits_the_due_sites_articles(project: Project, tmp_path: Path) -> None:
    """``crawl --due SITE --watch``: the site is due (a user profile that never ran), its archived articles are
    due for a re-visit; one crawl process crawls the site and re-visits them, finding the one taken down."""
    state = project.state
    assert state.pages is not None
    items = stories(3)
    state.pages["/"] = (home_page(items), HTML)
    state.faults[items[0].path] = ("status", 410, 10**6)
    sites = tmp_path / "sites"
    sites.mkdir()
    (sites / f"{SITE}.toml").write_text(
        f'name = "{SITE}"\ndomains = ["127.0.0.1"]\nstart_urls = ["{state.base}/"]\n'
        'depth = 1\ndelay = 0\nconcurrency = 4\ninterval = "1h"\n', encoding="utf-8")
    env = {**project.env, "NEWSCRAWLER_SITES_DIR": str(sites)}
    result = subprocess.run([sys.executable, "-c", "from newscrawler.cli import main; main()", "crawl", "--due", SITE,
                             "--watch"], cwd=project.root, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    assert f"{SITE}: finished:" in result.stdout, result.stdout
    watch = next(line for line in result.stdout.splitlines() if line.startswith("watch: "))
    assert watch == "watch: finished: 3 enrolled, 3 due, 3 visited (alive 2, removed 1)", result.stdout
    assert project.observations() == 3
    with sqlite3.connect(project.root / "data" / "news.db") as conn:
        events = conn.execute("SELECT e.kind, a.url FROM watch_event e JOIN article a ON a.id = e.article_id").fetchall()
    assert events == [("removed", state.base + items[0].path)]
