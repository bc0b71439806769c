"""Re-visits in distributed mode (issue 16): two ``scrapy crawl watch`` workers on two processes share one
PostgreSQL archive and the Redis frontier at 127.0.0.1:6379. Both plan the same due visits; the frontier
queues each once, so every article is fetched once and observed once, and both workers do visits."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pipelines.db.engine import make_engine, session_factory
from pipelines.db.migrate import upgrade
from pipelines.db.models import WatchObservation

from .conftest import REDIS_URL, REPO, _postgres_database
from .portal_server import PortalServer, portal
from .watch_portal import HTML, T0, archive_into, article_page, stories

ARTICLES = 24
NOW = T0 + timedelta(hours=2)


@pytest.fixture
def shared_archive() -> Iterator[str]:
    for url in _postgres_database():
        upgrade(url)
        yield url


def _worker(state: PortalServer, db_url: str, prefix: str, tmp_path: Path, n: int) -> tuple[subprocess.Popen[bytes], Path]:
    log = tmp_path / f"watch-worker-{n}.log"
    settings = {
        "NEWSCRAWLER_REDIS_URL": REDIS_URL, "NEWSCRAWLER_REDIS_PREFIX": prefix,
        "NEWSCRAWLER_REDIS_IDLE_SECONDS": "2", "NEWSCRAWLER_REDIS_LEASE_SECONDS": "3",
        "NEWSCRAWLER_DATABASE_URL": db_url, "NEWSCRAWLER_WARC_DIR": str(tmp_path / f"warc-{n}"),
        "NEWSCRAWLER_PROGRESS_INTERVAL": "0", "DOWNLOAD_DELAY": "0.1", "AUTOTHROTTLE_ENABLED": "False",
        "DOWNLOAD_TIMEOUT": "10", "LOG_LEVEL": "INFO",
        "CONCURRENT_REQUESTS": "1",  # a worker leases one visit at a time: the other worker gets its share
    }
    cmd = [sys.executable, "-m", "scrapy", "crawl", "watch", "-a", f"now={NOW.isoformat()}"]
    for name, value in settings.items():
        cmd += ["-s", f"{name}={value}"]
    with log.open("wb") as out:
        return subprocess.Popen(cmd, cwd=REPO, stdout=out, stderr=subprocess.STDOUT), log


def test_two_workers_share_the_due_revisits(shared_archive: str, redis_prefix: str, tmp_path: Path) -> None:
    items = stories(ARTICLES)
    with portal(pages={story.path: (article_page(story), HTML) for story in items}) as state:
        for story in items:
            state.faults[story.path] = ("sleep", 0.3)  # a slow portal: the work outlasts a worker's start-up
        archive_into(shared_archive, state.base, items, migrate=False)
        workers = [_worker(state, shared_archive, redis_prefix, tmp_path, n) for n in (1, 2)]
        deadline = time.monotonic() + 240
        for proc, _ in workers:
            try:
                proc.wait(timeout=max(1.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        logs = [log.read_text(encoding="utf-8", errors="replace") for _, log in workers]
        hits = {story.path: state.hits[story.path] for story in items}
    for (proc, _), text in zip(workers, logs, strict=True):
        assert proc.returncode == 0, text[-3000:]
        assert "distributed crawl: shared frontier" in text
    assert set(hits.values()) == {1}, hits  # every due visit fetched once, by one of the workers
    engine = make_engine(shared_archive)
    try:
        with session_factory(engine)() as session:
            per_article = dict(session.execute(select(WatchObservation.article_id, func.count())  # type: ignore[arg-type]
                                               .group_by(WatchObservation.article_id)).all())
            runs = set(session.scalars(select(WatchObservation.crawl_run_id)))
    finally:
        engine.dispose()
    assert len(per_article) == ARTICLES and set(per_article.values()) == {1}
    assert len(runs) == 2, logs[0][-2000:]  # both workers recorded visits
    assert all("'newscrawler/frontier/duplicate_visit'" in text or "'newscrawler/frontier/leased'" in text
               for text in logs)
