"""Schema migrations as library calls (the CLI's ``newscrawler db upgrade`` and the tests use these).

The Alembic scripts ship inside the package (``pipelines/db/migrations``), so an
installed project can migrate any archive without an ``alembic.ini``. ``upgrade`` is
serialised per archive (two first crawls into a new archive would otherwise race to
create the same tables): an exclusive ``flock`` on ``<database file>-migrate.lock`` beside a
SQLite archive, a PostgreSQL advisory lock otherwise. Never on the database file itself: closing
any descriptor of that file drops every POSIX lock the process holds on it, SQLite's own included,
and another process could then checkpoint and delete the WAL an open connection of this process
still writes to (its later commits lost; ``tests/test_watch_durability.py``).
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from pipelines.db.backfill import PROGRESS_TABLE, Progress, RowPass, set_progress
from pipelines.db.engine import make_engine

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(url: str) -> Config:
    """An Alembic configuration for the archive at ``url``."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


MIGRATION_LOCK_KEY = 0x6D696772  # "migr": the advisory lock number that serialises upgrades on PostgreSQL


def upgrade(url: str, revision: str = "head", progress: Progress | None = None) -> str:
    """Apply migrations up to ``revision``; return the revision the database is at afterwards.

    Waits while another process upgrades the same archive, then finds it done. ``progress`` receives
    ``(revision, rows done, rows in all)`` after every batch of a migration that touches every row
    (``pipelines.db.backfill``); an interrupted one continues where it stopped on the next call."""
    with migration_lock(url):
        set_progress(progress)
        try:
            command.upgrade(alembic_config(url), revision)
        finally:
            set_progress(None)
    return current_revision(url) or ""


@dataclass(frozen=True, slots=True)
class Pending:
    """A migration not yet applied to an archive, and what its row pass will cost there."""

    revision: str
    title: str
    rows: int
    """Rows its row pass walks (0 when it has none)."""
    seconds: float
    """Estimated duration of the row pass: rows × the measured cost per row (0 when it has none)."""
    what: str = ""
    resumed_at: int = 0
    """Rows an interrupted earlier run of the pass already did (they are not done again)."""


def plan(url: str, revision: str = "head") -> list[Pending]:
    """The migrations ``upgrade(url, revision)`` would apply, oldest first, with their estimated cost."""
    from sqlalchemy import func, inspect, select, table, text

    scripts = ScriptDirectory.from_config(alembic_config(url))
    current = current_revision(url)
    pending = list(reversed(list(scripts.iterate_revisions(revision, current))))
    out: list[Pending] = []
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            tables = set(inspect(connection).get_table_names())
            backend = connection.dialect.name
            resumed: dict[str, int] = {}
            if PROGRESS_TABLE in tables:
                resumed = {rev: int(done) for rev, done in connection.execute(
                    text(f"SELECT revision, done FROM {PROGRESS_TABLE}"))}
            counts: dict[str, int] = {}
            for script in pending:
                title = (script.doc or "").split("\n")[0]
                row_pass: RowPass | None = getattr(script.module, "ROW_PASS", None)
                if row_pass is None or not row_pass.applies(backend):
                    out.append(Pending(script.revision, title, 0, 0.0))
                    continue
                if row_pass.table not in counts:
                    counts[row_pass.table] = int(connection.execute(
                        select(func.count()).select_from(table(row_pass.table))).scalar_one()) \
                        if row_pass.table in tables else 0
                rows = counts[row_pass.table]
                left = max(0, rows - resumed.get(script.revision, 0))
                out.append(Pending(script.revision, title, rows, row_pass.estimate(backend, left), row_pass.what,
                                   resumed.get(script.revision, 0)))
    finally:
        engine.dispose()
    return out


@contextmanager
def migration_lock(url: str) -> Iterator[None]:
    """Hold the archive's migration lock for the block (blocking; released however the holder dies)."""
    from sqlalchemy import text
    from sqlalchemy.engine import make_url
    from sqlalchemy.pool import NullPool

    parsed = make_url(url)
    database = parsed.database or ""
    if parsed.get_backend_name() == "sqlite":
        if database in ("", ":memory:") or database.startswith("file:"):
            yield
            return
        path = Path(database).expanduser()
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path.with_name(path.name + "-migrate.lock"), os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # closing drops the flock
        return
    engine = make_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
            connection.commit()
            try:
                yield
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK_KEY})
                connection.commit()
    finally:
        engine.dispose()


def check(url: str) -> None:
    """Raise ``alembic.util.exc.AutogenerateDiffsDetected`` when the models and the database disagree."""
    command.check(alembic_config(url))


def current_revision(url: str) -> str | None:
    """The revision an archive is at (None for an empty database)."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()


def head_revision() -> str:
    """The newest revision shipped with this version of the project."""
    head = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
    assert head is not None
    return head
