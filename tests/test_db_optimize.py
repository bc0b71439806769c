"""``optimize`` and ``newscrawler db optimize`` on SQLite and PostgreSQL (issue 17).

An archive written in several transactions holds its SQLite full-text index in several FTS5 segments;
``optimize`` must leave one per index, the index intact and every search answering as before. On
PostgreSQL it must leave the visibility map set (the planner may then read the filter indexes alone).
The command prints one line and exits 0; a missing archive is a one-line error, and nothing is created.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from newscrawler.cli import main
from pipelines.db.engine import make_engine, session_factory
from pipelines.db.maintenance import optimize
from pipelines.db.migrate import upgrade
from pipelines.db.search import search

from .fixtures.articles import ARTICLES
from .test_store import item_for
from .test_tallies import _save


@pytest.fixture
def archive(db_url: str) -> Iterator[tuple[str, sa.Engine]]:
    upgrade(db_url)
    engine = make_engine(db_url)
    for fixture in ARTICLES:  # one transaction each: one FTS5 segment each on SQLite
        _save(engine, [item_for(fixture.slug)])
    yield db_url, engine
    engine.dispose()


def _segments(conn: sa.Connection, table: str) -> int:
    """How many segments FTS5's structure record (block 10 of ``<table>_data``) lists."""
    blob = conn.execute(sa.text(f"SELECT block FROM {table}_data WHERE id = 10")).scalar_one()
    values: list[int] = []
    value, position = 0, 4  # after the 4-byte cookie: varints nLevel, nSegment, …
    while len(values) < 2:
        byte = blob[position]
        position += 1
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            values.append(value)
            value = 0
    return int(values[1])


def _answers(engine: sa.Engine) -> list[list[int]]:
    words = ["记者", "经济", "的", "发展"]
    with session_factory(engine)() as s:
        return [[hit.article_id for hit in search(s, word, order=order)] for word in words
                for order in ("relevance", "newest")]


def test_optimize_merges_the_full_text_index_and_search_answers_as_before(
        archive: tuple[str, sa.Engine]) -> None:
    _, engine = archive
    before = _answers(engine)
    assert any(before)
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            assert _segments(conn, "article_fts") > 1
    result = optimize(engine)
    assert _answers(engine) == before
    if engine.dialect.name == "sqlite":
        assert result.steps == ("article_fts merged", "article_title_fts merged", "page_fts merged", "ANALYZE")
        with engine.begin() as conn:
            assert _segments(conn, "article_fts") == 1
            conn.execute(sa.text("INSERT INTO article_fts(article_fts, rank) VALUES ('integrity-check', 1)"))
            assert conn.execute(sa.text("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'article'")).scalar_one()
    else:
        assert result.steps == ("VACUUM (ANALYZE)",)
        with engine.connect() as conn:
            visible = conn.execute(sa.text("SELECT relallvisible FROM pg_class WHERE relname = 'article'")).scalar_one()
        assert visible > 0


def test_the_command_prints_one_line_and_refuses_a_missing_archive(archive: tuple[str, sa.Engine],
                                                                   tmp_path: Path) -> None:
    url, _ = archive
    done = CliRunner().invoke(main, ["db", "optimize", "--db", url])
    assert done.exit_code == 0, done.output
    assert done.stdout.count("\n") == 1 and "optimized (" in done.stdout
    missing = tmp_path / "nowhere" / "archive.db"
    refused = CliRunner().invoke(main, ["db", "optimize", "--db", f"sqlite:///{missing}"])
    assert refused.exit_code == 1 and len(refused.output.strip().splitlines()) == 1, refused.output
    assert not missing.parent.exists()
