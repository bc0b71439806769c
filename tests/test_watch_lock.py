"""One watch run per archive at a time (issue 16): while a watch run is visiting, a second one, started
as another real process (``newscrawler watch``, ``scrapy crawl watch``, ``crawl --due --watch``), visits nothing; the first
run's visits are each fetched and recorded once. SQLite (a flock beside the file) and PostgreSQL (an
advisory lock)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from newscrawler.schedule import LockHeld
from newscrawler.sites import load_profiles
from newscrawler.watch.lock import watch_lock
from pipelines.db import repository
from pipelines.db.engine import make_engine, session_factory
from pipelines.db.migrate import upgrade
from pipelines.db.models import WatchObservation

from .conftest import REPO
from .portal_server import PortalServer, portal
from .test_watch import _watch_cmd
from .watch_portal import HTML, SITE, T0, Story, archive_into, article_page, home_page, stories

NOW = T0 + timedelta(hours=2)


@pytest.fixture
def portal_archive(db_url: str) -> Iterator[tuple[PortalServer, str, list[Story]]]:
    items = stories(6)
    pages = {story.path: (article_page(story), HTML) for story in items}
    pages["/empty/"] = (home_page([]), HTML)  # a list page linking nowhere: what a crawl --due of the site fetches
    with portal(pages=pages) as state:
        archive_into(db_url, state.base, items)
        yield state, db_url, items


def _observations(db_url: str) -> dict[int, int]:
    engine = make_engine(db_url)
    try:
        with session_factory(engine)() as session:
            return dict(session.execute(select(WatchObservation.article_id, func.count())  # type: ignore[arg-type]
                                        .group_by(WatchObservation.article_id)).all())
    finally:
        engine.dispose()


def _crawl_due_watch(state: PortalServer, db_url: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """``newscrawler crawl --due --watch`` of a profile for the portal (the only site due: the shipped
    profiles get a fresh finished run)."""
    sites = tmp_path / "sites"
    sites.mkdir(exist_ok=True)
    (sites / f"{SITE}.toml").write_text(f'name = "{SITE}"\ndomains = ["127.0.0.1"]\nstart_urls = '
                                        f'["{state.base}/empty/"]\ndepth = 0\ndelay = 0\n', encoding="utf-8")
    engine = make_engine(db_url)
    try:
        with session_factory(engine).begin() as session:
            for name, profile in load_profiles().items():
                if not profile.needs_base_url:
                    started = datetime.now(UTC) - timedelta(minutes=1)
                    run = repository.start_run(session, "portal", {}, started, site=name)
                    repository.finish_run(session, run, "finished", {"newscrawler/store/new": 1}, started)
    finally:
        engine.dispose()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSCRAWLER_", "SCRAPY_"))}
    env.update(NEWSCRAWLER_SITES_DIR=str(sites), NEWSCRAWLER_DATABASE_URL=db_url, NEWSCRAWLER_PROGRESS_INTERVAL="0",
               NEWSCRAWLER_WARC_DIR=str(tmp_path / "warc"))
    return subprocess.run([sys.executable, "-c", "from newscrawler.cli import main; main()", "crawl", "--due", "--watch"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)


def test_the_lock_is_exclusive_and_released(db_url: str) -> None:
    upgrade(db_url)
    with watch_lock(db_url), pytest.raises(LockHeld):
        watch_lock(db_url).acquire()
    with watch_lock(db_url):  # released at the end of the block
        pass


def test_a_second_watch_run_visits_nothing_while_the_first_runs(
        portal_archive: tuple[PortalServer, str, list[Story]], tmp_path: Path) -> None:
    state, db_url, items = portal_archive
    held = items[-1].path
    state.faults[held] = ("hold",)  # the first run stays in flight on this visit until released
    first = subprocess.Popen(_watch_cmd(db_url, tmp_path, NOW, "CONCURRENT_REQUESTS_PER_DOMAIN=4",
                                         "DOWNLOAD_TIMEOUT=120"), cwd=REPO,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while (sum(state.hits[s.path] for s in items) < len(items) and time.monotonic() < deadline
               and first.poll() is None):
            time.sleep(0.5)
        time.sleep(1)
        assert sum(state.hits[s.path] for s in items) == len(items) and first.poll() is None
        # the held article is still due: a second run would fetch it again
        second = subprocess.run([sys.executable, "-c", "from newscrawler.cli import main; main()", "watch", "--db",
                                 db_url, "--now", NOW.isoformat()], cwd=tmp_path, capture_output=True, text=True,
                                timeout=300)
        assert second.returncode == 3, second.stderr[-3000:]
        assert second.stderr.startswith(f"Error: another watch run holds the archive (pid {first.pid} since ")
        third = subprocess.run(_watch_cmd(db_url, tmp_path, NOW), cwd=REPO, capture_output=True, text=True,
                               timeout=300)
        assert third.returncode == 0, third.stderr[-3000:]
        assert "another watch run holds the archive" in third.stderr
        fourth = _crawl_due_watch(state, db_url, tmp_path)
        assert fourth.returncode == 0, fourth.stderr[-3000:]
        assert "watch: skipped: another watch run holds the archive" in fourth.stdout
        assert "dongchuan: finished:" in fourth.stdout  # the crawl itself ran
        assert state.hits[held] == 1
        state.release.set()
        assert first.wait(timeout=120) == 0
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()
    assert set(_observations(db_url).values()) == {1} and len(_observations(db_url)) == len(items)
    assert all(state.hits[story.path] == 1 for story in items)
    # the lock went with the first run: the next run takes it (nothing is due any more)
    again = subprocess.run(_watch_cmd(db_url, tmp_path, NOW), cwd=REPO, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0 and "holds the archive" not in again.stderr
