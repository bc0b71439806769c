"""Row passes (``pipelines.db.backfill``): a migration that touches every row is interrupted and resumed.

Two interruptions, on SQLite and PostgreSQL: a real SIGINT sent to the test process after three batches of
migration 0003 (tokenising every article), and an exception raised inside a batch after its update ran.
The resumed run must do every row exactly once: 0003's inserts would hit ``article_search``'s primary key
if a batch ran twice, and the counting pass adds 1 to each row's ``version``, so a row done twice shows
2 more, a row skipped none. Batches are small (``NEWSCRAWLER_MIGRATION_BATCH``) so the 130 articles
make several of them.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import pytest
import sqlalchemy as sa
from alembic.operations import Operations
from alembic.runtime.migration import MigrationContext

from pipelines.db.backfill import BATCH_ENV, PROGRESS_TABLE, run_pass
from pipelines.db.engine import make_engine
from pipelines.db.migrate import current_revision, plan, upgrade
from pipelines.db.search import count_matches

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
ARTICLES = 130
BATCH = 20
BODY = "临河镇今年新修了三座便民桥，村民赶集不用再绕远路。第{}期报道。"


def _archive_at(db_url: str, revision: str) -> sa.Engine:
    assert upgrade(db_url, revision) == revision
    engine = make_engine(db_url)
    with engine.begin() as c:
        article = sa.Table("article", sa.MetaData(), autoload_with=c)
        c.execute(article.insert(), [
            {"canonical_url": f"https://river.example.cn/{i}.html", "title": f"便民桥通车第{i}期",
             "body": BODY.format(i), "blocks": [], "author": [], "editor": [], "breadcrumb": [], "tags": [],
             "extractor_version": "t", "content_hash": f"h{i}", "signature": [], "version": 1,
             "first_seen": T0, "last_seen": T0} for i in range(ARTICLES)])
    return engine


def _count(engine: sa.Engine, sql: str) -> int:
    with engine.connect() as c:
        return int(c.execute(sa.text(sql)).scalar_one())


def _has_progress_table(engine: sa.Engine) -> bool:
    with engine.connect() as c:
        return sa.inspect(c).has_table(PROGRESS_TABLE)


def test_a_signal_stops_the_tokenising_pass_and_the_next_upgrade_finishes_it(
        db_url: str, monkeypatch: pytest.MonkeyPatch, default_ctrl_c: None) -> None:
    monkeypatch.setenv(BATCH_ENV, str(BATCH))
    engine = _archive_at(db_url, "0002")
    seen: list[tuple[str, int, int]] = []

    def interrupt_after_three(revision: str, done: int, total: int) -> None:
        seen.append((revision, done, total))
        if len(seen) == 3:
            os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C: Python raises KeyboardInterrupt here or just after

    with pytest.raises(KeyboardInterrupt):
        upgrade(db_url, "0003", progress=interrupt_after_three)
    assert seen == [("0003", BATCH * k, ARTICLES) for k in (1, 2, 3)]
    assert current_revision(db_url) == "0002"  # the migration did not finish …
    kept = _count(engine, "SELECT count(*) FROM article_search")
    assert kept == 3 * BATCH  # … but its finished batches are kept, and the one under way is not
    assert _count(engine, f"SELECT done FROM {PROGRESS_TABLE} WHERE revision = '0003'") == kept
    pending = {p.revision: p for p in plan(db_url, "0003")}
    assert pending["0003"].rows == ARTICLES and pending["0003"].resumed_at == kept
    assert pending["0003"].seconds > 0

    resumed: list[tuple[str, int, int]] = []
    assert upgrade(db_url, "0003", progress=lambda *step: resumed.append(step)) == "0003"
    assert resumed[0] == ("0003", kept + BATCH, ARTICLES) and resumed[-1] == ("0003", ARTICLES, ARTICLES)
    assert len(resumed) == -(-(ARTICLES - kept) // BATCH)  # only the batches left
    assert _count(engine, "SELECT count(*) FROM article_search") == ARTICLES
    assert _count(engine, "SELECT count(DISTINCT article_id) FROM article_search") == ARTICLES
    assert not _has_progress_table(engine)  # the bookkeeping goes with the last pass
    from sqlalchemy.orm import Session
    with Session(engine) as session:  # every article is searchable, through the index of either backend
        assert count_matches(session, "便民桥") == ARTICLES
    assert upgrade(db_url) and not _has_progress_table(engine)  # 0004's pass runs to the end in one go
    engine.dispose()


def _bump(conn: sa.Connection, ids: Sequence[int]) -> None:
    conn.execute(sa.text("UPDATE article SET version = version + 1 WHERE id IN :ids")
                 .bindparams(sa.bindparam("ids", expanding=True)), {"ids": list(ids)})


def _run_in_migration(engine: sa.Engine, work: Any) -> int:
    """``run_pass`` inside a real Alembic migration context on one connection, as a migration script runs."""
    with engine.connect() as connection:
        context = MigrationContext.configure(connection)
        with Operations.context(context), context.begin_transaction():
            done = run_pass("test", "article", work, batch=BATCH)
        connection.commit()  # what env.py's transaction does when the migration ends (with its new revision)
        return done


def test_an_exception_inside_a_batch_rolls_that_batch_back_and_every_row_is_done_exactly_once(
        db_url: str) -> None:
    engine = _archive_at(db_url, "0007")
    batches: list[int] = []

    def failing_in_the_fifth(conn: sa.Connection, ids: Sequence[int]) -> None:
        _bump(conn, ids)  # the batch's work is done …
        batches.append(len(ids))
        if len(batches) == 5:
            raise ConnectionError("the database went away")  # … and lost with its transaction

    with pytest.raises(ConnectionError):
        _run_in_migration(engine, failing_in_the_fifth)
    assert _count(engine, "SELECT count(*) FROM article WHERE version = 2") == 4 * BATCH
    assert _count(engine, "SELECT count(*) FROM article WHERE version = 1") == ARTICLES - 4 * BATCH

    with engine.connect() as connection:  # resumed: the pass ends, then the migration dies before its commit
        context = MigrationContext.configure(connection)
        with pytest.raises(SystemExit), Operations.context(context), context.begin_transaction():
            assert run_pass("test", "article", _bump, batch=BATCH) == ARTICLES - 4 * BATCH
            raise SystemExit(1)  # rolls the migration's transaction back (on SQLite: closing without a commit)
    assert _has_progress_table(engine)  # the finished pass is still on record …
    assert _run_in_migration(engine, _bump) == 0  # … so the migration's next run does no row again
    with engine.connect() as c:
        versions = sorted(v for v, in c.execute(sa.text("SELECT version FROM article")))
    assert versions == [2] * ARTICLES  # every row once: none twice, none skipped
    assert not _has_progress_table(engine)
    assert _run_in_migration(engine, _bump) == ARTICLES  # a finished pass leaves nothing behind: a new one starts over
    engine.dispose()
