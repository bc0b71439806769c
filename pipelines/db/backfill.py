"""Row passes: migration steps that touch every row, in batches that survive an interruption.

A migration that rewrites every article (0003 tokenised them, 0004 recomputed their signatures) took
~1 ms per article: a quarter of an hour at a million, all in one transaction, lost entirely if the
process died at 90 %. ``run_pass`` instead walks the table in primary-key order, ``batch`` rows at a time,
each batch in its own transaction together with a row of ``migration_progress`` that says how far the
pass got. Killed (Ctrl-C, SIGTERM, a lost connection, a power cut), the archive keeps every finished
batch and the bookkeeping row; the next ``newscrawler db upgrade`` runs the migration again and the pass
continues after the last finished batch, so every row is done exactly once. ``migration_progress``
exists only while a pass is unfinished (it is created on demand and dropped when the last pass ends),
so a current archive's schema is exactly the models'.

The transaction of the migration before the pass is committed first (Alembic's ``autocommit_block``):
a migration with a row pass must therefore make its schema steps safe to run twice (``IF NOT EXISTS``,
or a check of the schema), because after an interruption they run again. An in-memory SQLite database
cannot be resumed (it is gone with the process): there the pass runs inside the migration's transaction.

Progress goes to the callback in ``alembic_config.attributes["progress"]`` (set by
``pipelines.db.migrate.upgrade``; the CLI shows it) as ``(revision, done, total)`` after every batch.
How long a pass will take is estimated before the upgrade starts from each pending migration's
``ROW_PASS`` (the table it walks and the seconds per row measured on the benchmark machine) and the
table's row count: see ``pipelines.db.migrate.plan``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TypeVar

import sqlalchemy as sa
from sqlalchemy import Connection
from sqlalchemy.engine import make_url

PROGRESS_TABLE = "migration_progress"
BATCH_ENV = "NEWSCRAWLER_MIGRATION_BATCH"
"""Environment variable overriding every pass's batch size (the tests use small batches)."""

T = TypeVar("T")
Progress = Callable[[str, int, int], None]
Work = Callable[[Connection, Sequence[int]], None]


@dataclass(frozen=True, slots=True)
class RowPass:
    """What a migration's row pass walks, for the estimate made before an upgrade starts."""

    table: str
    seconds_per_row: dict[str, float]
    """Measured cost of one row per backend (``sqlite``, ``postgresql``), on the 2-core benchmark machine;
    a backend not named has no pass in this migration."""
    what: str
    """What the pass does, in a few words (shown with the estimate)."""
    rerunnable: bool = False
    """The migration changes no schema and its pass writes the same rows when run again on an archive that
    has it already, so ``benchmarks/search.py --rerun`` may time it at full size on a kept archive."""

    def applies(self, backend: str) -> bool:
        return backend in self.seconds_per_row

    def estimate(self, backend: str, rows: int) -> float:
        return rows * self.seconds_per_row.get(backend, 0.0)


_progress_sink: list[Progress] = []


def set_progress(callback: Progress | None) -> None:
    """Send row-pass progress to ``callback`` (None: nowhere) for the upgrades that follow."""
    _progress_sink[:] = [callback] if callback is not None else []


def _report(revision: str, done: int, total: int) -> None:
    for callback in _progress_sink:
        callback(revision, done, total)


def batch_size(default: int) -> int:
    value = os.environ.get(BATCH_ENV, "")
    return int(value) if value.isdigit() and int(value) > 0 else default


def _progress_table() -> sa.Table:
    return sa.Table(PROGRESS_TABLE, sa.MetaData(),
                    sa.Column("revision", sa.Text, primary_key=True),
                    sa.Column("last_id", sa.BigInteger, nullable=False),
                    sa.Column("done", sa.BigInteger, nullable=False),
                    sa.Column("updated_at", sa.Text, nullable=False))


def _resumable(bind: Connection) -> bool:
    url = bind.engine.url
    if url.get_backend_name() != "sqlite":
        return True
    database = make_url(url).database or ""
    return database not in ("", ":memory:") and not database.startswith("file:")


def run_pass(revision: str, table: str, work: Work, *, batch: int = 500, key: str = "id") -> int:
    """Call ``work(connection, ids)`` for every row of ``table`` by ``key`` order, ``batch`` ids at a time,
    each batch committed with the pass's progress (see the module docstring); resume an interrupted pass.
    Returns the number of rows done by this call. Must run inside an Alembic migration."""
    from alembic import op

    batch = batch_size(batch)
    bind = op.get_bind()
    if not _resumable(bind):
        return _walk(bind, revision, table, key, work, batch, None)
    with op.get_context().autocommit_block():
        progress = _progress_table()
        engine = bind.engine
        with engine.begin() as conn:
            progress.create(conn, checkfirst=True)
        done = _walk(engine, revision, table, key, work, batch, progress)
    # the bookkeeping goes in the migration's own transaction, committed with its new revision: a process
    # that dies before that commit finds the pass complete on the next run and does no row again
    bind = op.get_bind()
    bind.execute(progress.delete().where(progress.c.revision == revision))
    if bind.execute(sa.select(sa.func.count()).select_from(progress)).scalar_one() == 0:
        progress.drop(bind)
    return done


def _walk(target: Connection | sa.Engine, revision: str, table: str, key: str, work: Work, batch: int,
          progress: sa.Table | None) -> int:
    rows = sa.table(table, sa.column(key, sa.Integer))
    ident = rows.c[key]

    def run(body: Callable[[Connection], T]) -> T:
        if isinstance(target, Connection):
            return body(target)
        with target.begin() as conn:
            return body(conn)

    def start(conn: Connection) -> int:
        if progress is None:
            return 0
        last = conn.execute(sa.select(progress.c.last_id).where(progress.c.revision == revision)).scalar()
        return int(last) if last is not None else 0

    last = run(start)
    total = run(lambda conn: int(conn.execute(sa.select(sa.func.count()).select_from(rows)).scalar_one()))
    already = run(lambda conn: int(conn.execute(sa.select(sa.func.count()).select_from(rows)
                                                .where(ident <= last)).scalar_one())) if last else 0
    done = 0

    def one_batch(conn: Connection) -> list[int]:
        ids = [int(i) for i, in conn.execute(sa.select(ident).where(ident > last).order_by(ident).limit(batch))]
        if not ids:
            return ids
        work(conn, ids)
        if progress is not None:
            values = {"last_id": ids[-1], "done": already + done + len(ids),
                      "updated_at": datetime.now(UTC).isoformat(timespec="seconds")}
            updated = conn.execute(progress.update().where(progress.c.revision == revision).values(values))
            if updated.rowcount == 0:
                conn.execute(progress.insert().values(revision=revision, **values))
        return ids

    while True:
        ids = run(one_batch)
        if not ids:
            return done
        done += len(ids)
        last = ids[-1]
        _report(revision, already + done, max(total, already + done))
