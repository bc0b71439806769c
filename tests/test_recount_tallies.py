"""``recount_tallies`` and ``newscrawler db recount-tallies`` on SQLite and PostgreSQL (issue 17).

The archive of ``test_tallies`` (stored articles, raw multi-row quotes, an article id past 2**31 / 10000)
has its tallies as the triggers keep them; they are then damaged the ways the triggers cannot follow or
repair (a tally table emptied by TRUNCATE or DELETE, rows edited, removed or invented by hand; on
PostgreSQL a TRUNCATE of ``quote`` and a quote skipped by ``INSERT … ON CONFLICT`` after its BEFORE trigger
counted it). A recount must give back exactly the rows the triggers kept (and what counting ``quote``
and ``article`` directly answers), say how many rows it corrected, and find them exact when run again.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner
from sqlalchemy.orm import Session

from newscrawler.cli import main
from pipelines.db.engine import SQLITE_BEGIN
from pipelines.db.quote_queries import ranked_speakers
from pipelines.db.tally_counts import recount_tallies

from .fixtures.articles import ARTICLES
from .test_tallies import BIG, _raw_quotes, _same, loaded_archive

Rows = dict[str, list[tuple[object, ...]]]


def _tallies(engine: sa.Engine) -> Rows:
    """Every row of both tallies, in key order."""
    with engine.connect() as conn:
        return {table: [tuple(row) for row in conn.execute(sa.text(f"SELECT * FROM {table} ORDER BY {key}"))]
                for table, key in (("site_day", "site_id, day"),
                                   ("speaker_day", "speaker, speaker_type, site_id, day, kind, label"))}


@pytest.fixture
def archive(db_url: str) -> Iterator[tuple[str, sa.Engine]]:
    engine = loaded_archive(db_url)
    yield db_url, engine
    engine.dispose()


def _damage(conn: sa.Connection) -> int:
    """Break both tallies by hand; return how many tally rows are now wrong, missing or invented."""
    sites = conn.execute(sa.text("SELECT count(*) FROM site_day")).scalar_one()
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("TRUNCATE site_day"))
    else:
        conn.execute(sa.text("DELETE FROM site_day"))  # no TRUNCATE on SQLite; no trigger either way
    bumped = conn.execute(sa.text("UPDATE speaker_day SET quotes = quotes + 3 WHERE kind = 'title'")).rowcount
    gone = conn.execute(sa.text("DELETE FROM speaker_day WHERE kind = 'affiliation'")).rowcount
    conn.execute(sa.text("INSERT INTO speaker_day VALUES ('无人', '', 0, '2001-02-03', '', '', 4, 2, 5)"))
    assert sites and bumped and gone
    return int(sites + bumped + gone + 1)


def test_exact_tallies_are_left_as_they_are(archive: tuple[str, sa.Engine]) -> None:
    _, engine = archive
    kept = _tallies(engine)
    result = recount_tallies(engine)
    assert result.exact and result.corrected == 0
    assert result.before == result.after == {table: len(rows) for table, rows in kept.items()}
    assert _tallies(engine) == kept


def test_damaged_tallies_are_counted_again_as_the_triggers_keep_them(archive: tuple[str, sa.Engine]) -> None:
    _, engine = archive
    kept = _tallies(engine)  # what the triggers wrote, statement by statement
    with engine.begin() as conn:
        wrong = _damage(conn)
    assert _tallies(engine) != kept
    seen: list[tuple[int, int]] = []
    result = recount_tallies(engine, lambda done, total: seen.append((done, total)), batch=4)
    articles = len(ARTICLES) + 1
    assert seen == [(min(n, articles), articles) for n in range(4, articles + 4, 4)]
    assert result.articles == articles and result.corrected == wrong and not result.exact
    assert result.after == {table: len(rows) for table, rows in kept.items()}
    assert _tallies(engine) == kept
    _same(engine)  # and what counting quote and article directly answers
    again = recount_tallies(engine)
    assert again.exact and again.before == again.after == result.after
    with engine.begin() as conn:  # the triggers still keep them: quotes added and an article deleted after it
        _raw_quotes(conn, conn.execute(sa.text("SELECT max(id) FROM article WHERE id < :big"), {"big": BIG}).scalar_one())
        conn.execute(sa.text("DELETE FROM article WHERE id = (SELECT min(id) FROM article)"))
    _same(engine)
    assert recount_tallies(engine).exact


def test_a_recount_inside_the_callers_transaction(archive: tuple[str, sa.Engine]) -> None:
    _, engine = archive
    kept = _tallies(engine)
    with engine.begin() as conn:
        wrong = _damage(conn)
        assert recount_tallies(conn).corrected == wrong
    assert _tallies(engine) == kept
    with engine.connect() as conn:  # a connection outside a transaction: the recount opens and commits one
        assert recount_tallies(conn).exact
        assert not conn.in_transaction()


def test_writers_and_a_second_recount_wait_and_readers_do_not(archive: tuple[str, sa.Engine]) -> None:
    """While a recount's transaction is open a reader sees the old rows at once; a writer of quotes and a
    second recount wait for its commit, and the tallies end exact (PostgreSQL: the SHARE and EXCLUSIVE
    locks; SQLite: the write lock)."""
    _, engine = archive
    kept = _tallies(engine)
    with engine.begin() as conn:
        _damage(conn)
    done: list[str] = []

    def write() -> None:  # as the store stage writes: BEGIN IMMEDIATE on SQLite (a deferred one reading first
        # could not write after the recount's commit)
        with engine.execution_options(**{SQLITE_BEGIN: "BEGIN IMMEDIATE"}).begin() as conn:
            _raw_quotes(conn, conn.execute(sa.text("SELECT max(id) FROM article WHERE id < :big"),
                                           {"big": BIG}).scalar_one())
        done.append("write")

    def recount() -> None:
        recount_tallies(engine)
        done.append("recount")

    with engine.connect() as first, first.begin():
        recount_tallies(first)
        with engine.connect() as reader:
            assert reader.execute(sa.text("SELECT count(*) FROM speaker_day")).scalar_one() != len(kept["speaker_day"])
        threads = [threading.Thread(target=write), threading.Thread(target=recount)]
        for thread in threads:
            thread.start()
        if engine.dialect.name == "postgresql":  # both seen waiting for a lock, not merely not yet started
            with engine.connect() as watcher:
                for _ in range(600):
                    waiting = watcher.execute(sa.text(
                        "SELECT count(*) FROM pg_locks WHERE NOT granted AND database = "
                        "(SELECT oid FROM pg_database WHERE datname = current_database())")).scalar_one()
                    if waiting >= 2:
                        break
                    time.sleep(0.05)
            assert waiting >= 2
        else:  # SQLite shows no waiters: time for both to reach BEGIN IMMEDIATE and block in it
            time.sleep(1.5)
        assert done == []  # both wait for the first recount
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(done) == ["recount", "write"]
    _same(engine)
    assert recount_tallies(engine).exact


def test_postgresql_drift_the_triggers_cannot_follow(archive: tuple[str, sa.Engine]) -> None:
    """A quote skipped by ON CONFLICT was counted by the BEFORE trigger; TRUNCATE quote runs no trigger."""
    _, engine = archive
    if engine.dialect.name != "postgresql":
        pytest.skip("TRUNCATE and BEFORE-trigger upserts are PostgreSQL's")
    with engine.begin() as conn:
        skipped = conn.execute(sa.text(
            "INSERT INTO quote SELECT * FROM quote WHERE speaker IS NOT NULL ON CONFLICT (id) DO NOTHING")).rowcount
        assert skipped == 0
    with Session(engine) as session:
        assert ranked_speakers(session, limit=1000) != ranked_speakers(session, limit=1000, tallied=False)
    assert recount_tallies(engine).corrected > 0
    _same(engine)
    with engine.begin() as conn:
        conn.execute(sa.text("TRUNCATE quote"))
    result = recount_tallies(engine)
    assert result.corrected == result.before["speaker_day"] > 0 and result.after["speaker_day"] == 0
    with Session(engine) as session:
        assert ranked_speakers(session)[1] == 0


def test_the_command_says_in_one_line_what_it_corrected(archive: tuple[str, sa.Engine], tmp_path: Path) -> None:
    db_url, engine = archive
    with engine.begin() as conn:
        wrong = _damage(conn)
    runner = CliRunner()
    fixed = runner.invoke(main, ["db", "recount-tallies", "--db", db_url])
    assert fixed.exit_code == 0, fixed.output
    assert fixed.stdout.count("\n") == 1 and f"{wrong:,} tally rows corrected" in fixed.stdout
    assert "recount: " in fixed.stderr and "articles (100 %" in fixed.stderr
    exact = runner.invoke(main, ["db", "recount-tallies", "--db", db_url])
    assert exact.exit_code == 0 and exact.stdout.count("\n") == 1 and "the tallies were exact" in exact.stdout
    empty = runner.invoke(main, ["db", "recount-tallies", "--db", f"sqlite:///{tmp_path / 'none.db'}"])
    assert empty.exit_code == 1 and empty.stderr.count("\n") == 1 and "holds no archive yet" in empty.stderr
    assert not (tmp_path / "none.db").exists()
    bad = runner.invoke(main, ["db", "recount-tallies", "--db", "mysql://nobody@localhost/x"])
    assert bad.exit_code == 1 and bad.stderr.count("\n") == 1 and "unsupported database 'mysql'" in bad.stderr


def test_migration_0010_still_generates_the_sql_it_was_released_with() -> None:
    """Migration 0010 builds its triggers and row pass from ``tally_counts``, which the recount shares: an
    edit there would silently change what 0010 does to archives upgraded later. The SHA-1 is of the SQL
    0010 generated when it was written (its own copies of the builders, commit 2d3039d; checked equal when
    they moved). If a change to the tallies is meant, it goes in a new migration, and this test still
    holds 0010 to its old SQL."""
    import hashlib
    import importlib

    from pipelines.db.tally_counts import add_speaker_rows, count_site_days

    migration = importlib.import_module("pipelines.db.migrations.versions.0010_tallies")
    parts = migration._sqlite_triggers() + migration._postgresql_triggers()
    for dialect in ("sqlite", "postgresql"):
        parts.append(str(count_site_days(dialect)))
        parts.append(add_speaker_rows(dialect, "o", "article a JOIN quote o ON o.article_id = a.id",
                                      "a.id BETWEEN :low AND :high", "count(DISTINCT o.article_id)"))
    assert hashlib.sha1("\n".join(parts).encode()).hexdigest() == "892bfcf06bd7ece3daad323fd5a0029a28ecf162"
