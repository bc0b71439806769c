"""``newscrawler db optimize``: the upkeep a large archive needs after a bulk load and now and then.

What it does, and why (both found at a million articles, benchmarks/README.md, issue 17):

- SQLite: merges each full-text index (``article_fts``, ``article_title_fts``, ``page_fts``) into one segment (FTS5's
  ``optimize``). FTS5 writes an index as segments and merges them only now and then, so an archive
  filled by crawls holds a dozen (13 after a million articles): every word is looked up in each, and
  best-first search took 20–40 % longer than on the merged index. Then ``ANALYZE`` (the planner's
  statistics). 160 s at a million articles, holding the archive's write lock: readers go on, a crawl's
  writes wait (past its busy timeout, to its spool, replayed by the next crawl), so run it between crawls.
- PostgreSQL: ``VACUUM (ANALYZE)`` of every table: the visibility map that lets the planner read the
  ``(site_id, publish_date, id)`` and ``(publish_date, id)`` indexes alone (without it the site filter
  of a search walked every site's dates: 35 ms instead of 1 ms), GIN's pending lists merged, fresh
  statistics. autovacuum does the same in time; a server that runs without it, or an archive just
  loaded, needs it said. 33 s at a million articles. It takes no lock that stops reads or writes.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy import Engine

from pipelines.db.engine import SQLITE_BEGIN

FTS_TABLES = ("article_fts", "article_title_fts", "page_fts")


@dataclass(frozen=True, slots=True)
class Optimized:
    """What ``optimize`` did: the steps run, in order, and how long they took in all."""

    steps: tuple[str, ...]
    seconds: float


def optimize(engine: Engine) -> Optimized:
    """Merge SQLite's full-text indexes and analyse, or VACUUM (ANALYZE) a PostgreSQL archive."""
    started = time.monotonic()
    steps: list[str] = []
    if engine.dialect.name == "postgresql":
        # VACUUM cannot run inside a transaction block
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(sa.text("VACUUM (ANALYZE)"))
        steps.append("VACUUM (ANALYZE)")
    else:
        # the write lock first (BEGIN IMMEDIATE): a deferred transaction that read first would fail at its
        # first write if a crawl committed meanwhile; held until the merge ends
        with engine.execution_options(**{SQLITE_BEGIN: "BEGIN IMMEDIATE"}).begin() as connection:
            present = set(sa.inspect(connection).get_table_names())
            for table in FTS_TABLES:
                if table in present:
                    connection.execute(sa.text(f"INSERT INTO {table}({table}) VALUES ('optimize')"))
                    steps.append(f"{table} merged")
            connection.execute(sa.text("ANALYZE"))
            steps.append("ANALYZE")
    return Optimized(tuple(steps), time.monotonic() - started)
