"""Engines and sessions: the one place database connections are made.

``make_engine(url)`` takes a plain SQLAlchemy URL. SQLite files get their parent
folder created and the pragmas an archive needs on every connection (WAL so
readers never block the crawl, foreign keys on, a busy timeout instead of
immediate "database is locked" errors). ``postgresql://user@host/db`` uses the
psycopg (3) driver the project installs, SQLAlchemy 2.1's default for that scheme.
JSON columns are written as UTF-8 text (``ensure_ascii=False``): Chinese is stored
as itself, not as ``\\uXXXX`` escapes, which also makes a SQLite archive ~12 %
smaller.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

from pipelines import defaults

DEFAULT_URL = defaults.DATABASE_URL


class DatabaseURLError(ValueError):
    """The database URL cannot be used (bad syntax or an unknown backend)."""


def make_engine(url: str = DEFAULT_URL, **kwargs: Any) -> Engine:
    """An engine for ``url`` with the archive's connection settings applied."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseURLError(f"not a database URL: {url!r}") from exc
    backend = parsed.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise DatabaseURLError(f"unsupported database {backend!r} in {url!r}: use sqlite:/// or postgresql://")
    kwargs.setdefault("json_serializer", json_dumps)
    if backend == "sqlite":
        database = parsed.database
        if database and database != ":memory:" and not database.startswith("file:"):
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(parsed, **kwargs)


def json_dumps(value: Any) -> str:
    """JSON text with non-ASCII characters as themselves; escaped only when the text holds a lone
    surrogate, which UTF-8 cannot encode."""
    text = json.dumps(value, ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(value)
    return text


SQLITE_BEGIN = "newscrawler_sqlite_begin"
"""Execution option naming the statement a SQLite transaction starts with (default ``BEGIN``; the store
stage's engine says ``BEGIN IMMEDIATE``, taking the write lock up front, waiting ``busy_timeout`` for it,
rather than failing when a read transaction cannot become a write one)."""


def _sqlite_begin(connection: Any) -> None:
    """Start every transaction with an explicit BEGIN (SQLAlchemy's documented recipe for pysqlite).

    Python's sqlite3 module in its legacy mode (the default before 3.16) emits BEGIN only before
    INSERT/UPDATE/DELETE, never before SELECT or SAVEPOINT: a savepoint opened first then ran on its own,
    and its RELEASE committed at once, so a store batch's articles became durable without their fetch
    rows. With the driver's own BEGIN turned off (``isolation_level = None`` in ``_sqlite_pragmas``) and
    this one emitted, a session transaction is one SQLite transaction, savepoints included."""
    connection.exec_driver_sql(connection.get_execution_options().get(SQLITE_BEGIN, "BEGIN"))


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # the driver emits no BEGIN of its own: _sqlite_begin does
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
    cursor.close()


SQLITE_CACHE_KIB = 65536
"""SQLite's page cache per connection, in KiB (filled as pages are read, up to this). The default, 2 MB,
holds less than the doclist of a common character at a million articles (~3 MB): best-first search reads
it twice in one statement (the candidates, then bm25's count of its documents) and from the OS each time;
with 64 MB the bm25 statement of a one-character word took 19-23 ms instead of 44-50."""


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded objects usable after commit (the pipelines read ids back)."""
    return sessionmaker(engine, expire_on_commit=False)


def archive_id(db_url: str) -> str:
    """The archive a database URL names, spelled one way: password hidden, a SQLite file's path absolute."""
    url = make_url(db_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:" \
            and not url.database.startswith("file:"):
        url = url.set(database=str(Path(url.database).expanduser().resolve()))
    return url.render_as_string(hide_password=True)
