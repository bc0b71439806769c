"""An archive reached by its URL: where it is, whether it holds an archive yet and at which revision,
a session on it, the set of URLs it holds, and the PostgreSQL advisory lock of ``crawl --due``.

The code outside ``pipelines/`` uses these through ``pipelines.storage``; the SQL they need (the
revision of a SQLite file read without the archive's pragmas, the advisory-lock calls) lives here, in
the storage layer, like every other statement.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from pipelines.db import repository
from pipelines.db.engine import DatabaseURLError, make_engine, session_factory

__all__ = [
    "ArchiveLocation",
    "ArchiveUnreadable",
    "HeldAdvisoryLock",
    "archive_session",
    "archived_url_set",
    "error_summary",
    "locate",
    "safe_url",
    "sqlite_file_revision",
    "try_advisory_lock",
]


@dataclass(frozen=True, slots=True)
class ArchiveLocation:
    """Where the archive a URL names is: its backend and, for a SQLite archive in a file, that file."""

    url: str
    """The URL as given."""
    safe: str
    """The URL with its password hidden, for messages."""
    backend: str
    """``sqlite``, ``postgresql`` or whatever else the URL names (``make_engine`` refuses the rest)."""
    file: Path | None
    """A SQLite archive's file (``~`` expanded, maybe relative); None in memory, for a ``file:`` URI or
    another backend."""


def locate(db_url: str) -> ArchiveLocation:
    """The location ``db_url`` names; :class:`DatabaseURLError` when it is no database URL."""
    try:
        url = make_url(db_url)
    except ArgumentError as exc:
        raise DatabaseURLError(f"not a database URL: {db_url!r}") from exc
    backend = url.get_backend_name()
    database = url.database or ""
    in_file = backend == "sqlite" and database not in ("", ":memory:") and not database.startswith("file:")
    return ArchiveLocation(db_url, url.render_as_string(hide_password=True), backend,
                           Path(database).expanduser() if in_file else None)


def safe_url(db_url: str) -> str:
    """``db_url`` with its password hidden (itself when it does not parse)."""
    try:
        return locate(db_url).safe
    except DatabaseURLError:
        return db_url


def error_summary(exc: SQLAlchemyError) -> str:
    """The first line of what the database driver said (the class name when it said nothing)."""
    lines = str(getattr(exc, "orig", exc) or exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


class ArchiveUnreadable(Exception):
    """A SQLite file that cannot be read as a database (locked, corrupt, not a database, no permission)."""


def sqlite_file_revision(path: Path) -> str | None:
    """The schema revision of the SQLite file ``path`` (None: no archive in it), read without the archive's
    connection pragmas: setting WAL mode would write a header into an empty file. The file must exist."""
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=rw", uri=True)
    except sqlite3.Error as exc:
        raise ArchiveUnreadable(str(exc)) from exc
    try:
        tables = connection.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'")
        if tables.fetchone() is None:
            return None
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        return str(row[0]) if row else None
    except sqlite3.Error as exc:
        raise ArchiveUnreadable(str(exc)) from exc
    finally:
        connection.close()


@contextmanager
def archive_session(db_url: str) -> Iterator[Session]:
    """A session on the archive at ``db_url``; its engine is disposed of when the block ends."""
    engine = make_engine(db_url)
    try:
        with session_factory(engine)() as session:
            yield session
    finally:
        engine.dispose()


def archived_url_set(db_url: str, fresh_since: datetime | None = None) -> set[str]:
    """Canonical URLs of the archived articles (those fetched since ``fresh_since`` when given); empty
    for an archive that has no article table yet."""
    engine = make_engine(db_url)
    try:
        if not inspect(engine).has_table("article"):
            return set()  # a new archive: nothing crawled yet
        with session_factory(engine)() as session:
            return repository.archived_urls(session, fresh_since)
    finally:
        engine.dispose()


@dataclass(slots=True)
class HeldAdvisoryLock:
    """A PostgreSQL advisory lock held on a connection of its own; ``release()`` gives it back."""

    engine: Engine
    connection: Connection
    key: int

    def release(self) -> None:
        try:
            self.connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": self.key})
            self.connection.commit()
        finally:
            self.connection.close()
            self.engine.dispose()


def try_advisory_lock(db_url: str, key: int, application_name: str) -> HeldAdvisoryLock | str:
    """``pg_try_advisory_lock(key)`` on a new connection named ``application_name``: the held lock, or,
    when another session holds it, that session's ``application_name`` (``""`` when unknown).
    PostgreSQL releases the lock when the holder's connection ends, however its process dies."""
    engine = make_engine(db_url, connect_args={"application_name": application_name}, poolclass=NullPool)
    connection = engine.connect()
    got = connection.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": key}).scalar()
    connection.commit()
    if got:
        return HeldAdvisoryLock(engine, connection, key)
    holder = connection.execute(text(
        "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
        "WHERE l.locktype = 'advisory' AND l.granted AND l.objid = :key LIMIT 1"), {"key": key}).scalar()
    connection.close()
    engine.dispose()
    return str(holder or "")
