"""Counting the tallies (``site_day``, ``speaker_day``) from ``article`` and ``quote``: the one place of that SQL.

Migration 0010 (which documents the rows) builds its triggers and its row pass from these builders, and
``recount_tallies`` counts a whole archive again with them, so what a recount writes is what the triggers
keep. The triggers do not follow ``TRUNCATE``, nor (on PostgreSQL) a quote that an ``INSERT … ON CONFLICT``
skips after the BEFORE trigger counted it, nor a tally row edited by hand: ``recount_tallies`` (the command
``newscrawler db recount-tallies``) repairs such an archive.

Migration 0010 imports this module: a change to what these builders write changes what that migration
counts and what its triggers do, so it needs a new migration that replaces the triggers and recounts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy import Connection, Engine

from pipelines.db.engine import SQLITE_BEGIN

UNDATED = "0001-01-01"
"""The ``day`` of an undated article's speaker_day rows, as SQL text."""
KEY = "speaker, speaker_type, site_id, day, kind, label"
"""The primary key of speaker_day."""
COLUMNS = f"{KEY}, quotes, articles, first_key"
TABLES = {"site_day": "site_id, day", "speaker_day": KEY}
"""Each tally table and its primary key."""
BATCH = 20000
"""Articles counted per statement pair (migration 0010's batch: a progress step of a few seconds at most)."""

Progress = Callable[[int, int], None]
"""Called with (articles counted, articles in all) after every batch of a recount."""


def day_sql(dialect: str, column: str) -> str:
    """The Asia/Shanghai day of a timestamp column, ``UNDATED`` when it is NULL."""
    if dialect == "postgresql":
        return f"coalesce(({column} AT TIME ZONE 'Asia/Shanghai')::date, DATE '{UNDATED}')"
    return f"coalesce(date({column}, '+8 hours'), '{UNDATED}')"


def first_key_sql(q: str) -> str:
    """The tie-break key of the quote ``q``: its place in the archive (article id, then position in the
    article) × 1000, a title adding its place in the title list. A re-extraction that gives the article
    the same quotes gives them the same keys (a quote id would grow)."""
    return f"(CAST({q}.article_id AS bigint) * 10000 + {q}.position) * 1000"


def speaker_rows_sql(dialect: str, q: str, source: str, where: str, articles: str) -> list[str]:
    """The rows a group of quotes (``q``: a row alias, or NEW) adds to speaker_day, as SELECTs grouped by
    key: the speaker itself, each string title of ``record.speaker_title``, the affiliation."""
    site, day = "coalesce(a.site_id, 0)", day_sql(dialect, "a.publish_date")
    head = (f"SELECT {q}.speaker AS speaker, coalesce({q}.speaker_type, '') AS speaker_type, {site} AS site_id, "
            f"{day} AS day")
    group = "GROUP BY 1, 2, 3, 4, 5, 6"
    if dialect == "postgresql":
        titles = (f", json_array_elements(CASE WHEN json_typeof({q}.record -> 'speaker_title') = 'array' "
                  f"THEN {q}.record -> 'speaker_title' ELSE '[]'::json END) WITH ORDINALITY t(value, ord)")
        title, title_key = "t.value #>> '{}'", f"{first_key_sql(q)} + t.ord - 1"
        title_ok = f"json_typeof(t.value) = 'string' AND {title} <> ''"
        affiliation = f"{q}.record ->> 'speaker_affiliation'"
        affiliation_ok = f"json_typeof({q}.record -> 'speaker_affiliation') = 'string' AND {affiliation} <> ''"
    else:
        titles = f", json_each({q}.record, '$.speaker_title') t"
        title, title_key = "t.value", f"{first_key_sql(q)} + t.key"
        title_ok = f"json_type({q}.record, '$.speaker_title') = 'array' AND t.type = 'text' AND t.value <> ''"
        affiliation = f"json_extract({q}.record, '$.speaker_affiliation')"
        affiliation_ok = f"json_type({q}.record, '$.speaker_affiliation') = 'text' AND {affiliation} <> ''"
    resolved = f"{where} AND {q}.speaker IS NOT NULL"
    return [
        f"{head}, '' AS kind, '' AS label, count(*) AS quotes, {articles} AS articles, "
        f"min({first_key_sql(q)}) AS first_key FROM {source} WHERE {resolved} {group}",
        f"{head}, 'title', {title}, count(*), 0, min({title_key}) FROM {source}{titles} "
        f"WHERE {resolved} AND {title_ok} {group}",
        f"{head}, 'affiliation', {affiliation}, count(*), 0, min({first_key_sql(q)}) FROM {source} "
        f"WHERE {resolved} AND {affiliation_ok} {group}",
    ]


def add_speaker_rows(dialect: str, q: str, source: str, where: str, articles: str) -> str:
    """An upsert adding the rows of ``speaker_rows_sql`` to speaker_day."""
    least = "least" if dialect == "postgresql" else "min"
    return (f"INSERT INTO speaker_day ({COLUMNS}) "
            + " UNION ALL ".join(speaker_rows_sql(dialect, q, source, where, articles))
            + f" ON CONFLICT ({KEY}) DO UPDATE SET quotes = speaker_day.quotes + excluded.quotes, "
            f"articles = speaker_day.articles + excluded.articles, "
            f"first_key = {least}(speaker_day.first_key, excluded.first_key)")


def count_site_days(dialect: str) -> sa.TextClause:
    """An upsert adding the articles with ids from ``:low`` to ``:high`` to site_day."""
    return sa.text("INSERT INTO site_day (site_id, day, articles) "
                   f"SELECT coalesce(a.site_id, 0), {day_sql(dialect, 'a.first_seen')}, count(*) FROM article a "
                   "WHERE a.id BETWEEN :low AND :high GROUP BY 1, 2 ON CONFLICT (site_id, day) "
                   "DO UPDATE SET articles = site_day.articles + excluded.articles")


def count_articles(bind: Connection, ids: Sequence[int]) -> None:
    """Count the articles ``ids`` (a run of consecutive ids of the table) and their quotes into the tallies."""
    dialect = bind.dialect.name
    bounds = {"low": ids[0], "high": ids[-1]}
    bind.execute(count_site_days(dialect), bounds)
    quotes = add_speaker_rows(dialect, "o", "article a JOIN quote o ON o.article_id = a.id",
                              "a.id BETWEEN :low AND :high", "count(DISTINCT o.article_id)")
    bind.execute(sa.text(quotes), bounds)


@dataclass(frozen=True, slots=True)
class TallyRecount:
    """What ``recount_tallies`` found: the rows of each tally table before and after, and how many differed."""

    before: dict[str, int]
    """Rows per tally table before the recount."""
    after: dict[str, int]
    """Rows per tally table after it."""
    corrected: int
    """Tally rows whose counts were wrong, missing or left over (0: the tallies were exact)."""
    articles: int
    """Articles counted."""

    @property
    def exact(self) -> bool:
        return self.corrected == 0


def recount_tallies(target: Engine | Connection, progress: Progress | None = None, *,
                    batch: int = BATCH) -> TallyRecount:
    """Empty both tallies and count the whole archive again, in one transaction; return what changed.

    Writers wait meanwhile and readers do not: on PostgreSQL ``article`` and ``quote`` are locked in SHARE
    mode (no INSERT, UPDATE or DELETE until the commit), the tallies in EXCLUSIVE mode (one recount at a
    time) and emptied with DELETE, not TRUNCATE, so a reader keeps seeing the old rows until the new ones
    are committed; on SQLite the
    transaction takes the write lock first (BEGIN IMMEDIATE), which excludes every other writer. A
    ``Connection`` already in a transaction is used as it is (on SQLite it should then hold the write
    lock: a deferred transaction that read first may fail to write). ``progress`` gets
    (articles counted, articles in all) after every batch of ``batch`` articles.
    """
    if isinstance(target, Connection):
        if target.in_transaction():
            return _recount(target, progress, batch)
        with target.execution_options(**{SQLITE_BEGIN: "BEGIN IMMEDIATE"}).begin():
            return _recount(target, progress, batch)
    with target.execution_options(**{SQLITE_BEGIN: "BEGIN IMMEDIATE"}).begin() as conn:
        return _recount(conn, progress, batch)


def _rows(conn: Connection, table: str) -> int:
    return int(conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one())


def _recount(conn: Connection, progress: Progress | None, batch: int) -> TallyRecount:
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("LOCK TABLE article, quote IN SHARE MODE"))
        # a second recount waits here (else its DELETE would miss the rows the first commits meanwhile, and
        # its upserts add to them); EXCLUSIVE still lets plain SELECTs read
        conn.execute(sa.text("LOCK TABLE site_day, speaker_day IN EXCLUSIVE MODE"))
    before = {table: _rows(conn, table) for table in TABLES}
    schema = "pg_temp" if conn.dialect.name == "postgresql" else "temp"
    old = {table: f"{schema}.recount_old_{table}" for table in TABLES}
    for table in TABLES:  # the old rows, to say what the recount changed
        conn.execute(sa.text(f"DROP TABLE IF EXISTS {old[table]}"))
        conn.execute(sa.text(f"CREATE TEMPORARY TABLE recount_old_{table} AS SELECT * FROM {table}"))
        conn.execute(sa.text(f"DELETE FROM {table}"))
    total = _rows(conn, "article")
    done, last = 0, None
    while True:
        query = sa.text("SELECT id FROM article" + (" WHERE id > :last" if last is not None else "")
                        + " ORDER BY id LIMIT :batch")
        ids = [int(i) for i, in conn.execute(query, {"last": last, "batch": batch})]
        if not ids:
            break
        count_articles(conn, ids)
        done, last = done + len(ids), ids[-1]
        if progress is not None:
            progress(done, max(total, done))
    corrected = 0
    for table, key in TABLES.items():  # keys whose row is missing, left over or different on either side
        corrected += int(conn.execute(sa.text(
            f"SELECT count(*) FROM (SELECT {key} FROM (SELECT * FROM {old[table]} EXCEPT SELECT * FROM {table}) o "
            f"UNION SELECT {key} FROM (SELECT * FROM {table} EXCEPT SELECT * FROM {old[table]}) n) k")).scalar_one())
        conn.execute(sa.text(f"DROP TABLE {old[table]}"))
    return TallyRecount(before, {table: _rows(conn, table) for table in TABLES}, corrected, done)
