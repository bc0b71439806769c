"""docs/schema.md and pipelines/db/schema_docs.py stay true: every table and column of the models is
described, nothing is described that the migrated schema lacks, and every example query in the doc
runs (and finds rows) on a real archive of the project's fixture articles, SQLite and PostgreSQL."""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from sqlalchemy import inspect
from sqlalchemy.engine import make_url

from newscrawler.browse.schema_markdown import main as schema_markdown_main
from newscrawler.browse.schema_markdown import render
from pipelines.db.engine import make_engine, session_factory
from pipelines.db.migrate import upgrade
from pipelines.db.models import Base
from pipelines.db.repository import fetch_row, finish_run, record_fetches, save_article, start_run
from pipelines.db.schema_docs import EXTRAS, INTERNAL_TABLES, TABLES

from .conftest import REPO
from .fixtures.articles import ARTICLES
from .fixtures.templates import netease, sina
from .test_store import T0, item_for

SCHEMA_MD = REPO / "docs" / "schema.md"
DOC = SCHEMA_MD.read_text(encoding="utf-8")
SQL_BLOCK = re.compile(r"```sql( sqlite| postgresql)?\n(.*?)```", re.S)


@dataclass(frozen=True, slots=True)
class Archive:
    """Facts about the archive ``fill_archive`` builds, for the tests to check against."""

    articles: int
    changed_id: int  # an article with one earlier version
    copy_ids: tuple[int, int, int]  # original, exact copy, near copy of one story


def fill_archive(db_url: str) -> Archive:
    """Migrate ``db_url`` and store the fixture articles the way a crawl does: every fixture article from
    the netease portal (site ``netease``), one of them changed a day later, an exact and a near copy of
    another on site ``sina``, two crawl runs and a fetch row per page."""
    upgrade(db_url)
    engine = make_engine(db_url)
    sessions = session_factory(engine)
    story = next(a for a in ARTICLES if a.slug == "local")
    last = [text for kind, text in story.paragraphs if kind == "p"][-1]
    with sessions.begin() as s:
        netease_run = start_run(s, "portal", {"DEPTH_LIMIT": 2}, T0, site="netease")
        sina_run = start_run(s, "portal", {"DEPTH_LIMIT": 2}, T0, site="sina")
        ids = {}
        for article in ARTICLES:
            item = item_for(article.slug, netease)
            item.site = "netease"
            ids[article.slug] = save_article(s, item, T0).article_id
            assert item.fetch is not None
            record_fetches(s, [fetch_row(item.fetch, encoding="utf-8", warc=None, is_article=True,
                                         article_id=ids[article.slug], crawl_run_id=netease_run, body_hash="0" * 64)])
        copies = []
        for url, edit in (("https://news.sina.com.cn/c/2023-04-16/doc-local1.shtml", None),
                          ("https://news.sina.com.cn/c/2023-04-16/doc-local2.shtml",
                           lambda raw: raw.replace(last.encode(), b""))):
            item = item_for("local", sina, url=url, body_edit=edit)
            item.site = "sina"
            copies.append(save_article(s, item, T0).article_id)
        finish_run(s, netease_run, "finished", {"item_scraped_count": len(ARTICLES)}, T0 + timedelta(minutes=5))
        finish_run(s, sina_run, "shutdown", {"item_scraped_count": 2}, T0 + timedelta(minutes=1))

    def rewrite(raw: bytes) -> bytes:
        return raw.replace("储能".encode("gb18030"), "新能源储能".encode("gb18030"))

    changed = item_for("finance", netease, fetched_at=T0 + timedelta(days=1), body_edit=rewrite)
    changed.site = "netease"
    with sessions.begin() as s:
        assert save_article(s, changed, T0).outcome == "updated"
    engine.dispose()
    return Archive(len(ARTICLES) + 2, ids["finance"], (ids["local"], copies[0], copies[1]))


def model_columns() -> dict[str, set[str]]:
    return {name: {c.name for c in table.columns} for name, table in Base.metadata.tables.items()}


def test_every_model_table_and_column_is_described() -> None:
    described = {name: set(doc.columns) for name, doc in TABLES.items()}
    assert described == model_columns()
    for name, doc in {**TABLES, **{f"{n} (extra)": d for n, d in EXTRAS.items()}}.items():
        assert doc.title.strip() and doc.description.strip(), name
        empty = [column for column, column_doc in doc.columns.items() if not column_doc.meaning.strip()]
        assert not empty, f"{name}: columns without a meaning: {empty}"


def test_described_extras_and_nothing_else_exist_in_the_migrated_schema(db_url: str) -> None:
    upgrade(db_url)
    backend = make_url(db_url).get_backend_name()
    expected = model_columns()
    for name, doc in EXTRAS.items():
        if doc.backend == backend:
            expected.setdefault(name, set()).update(doc.columns)
    engine = make_engine(db_url)
    try:
        inspector = inspect(engine)
        found = {name: {c["name"] for c in inspector.get_columns(name)} for name in inspector.get_table_names()
                 if name not in INTERNAL_TABLES
                 and not name.startswith(("article_fts_", "article_title_fts_", "page_fts_"))}  # FTS5 shadow tables
    finally:
        engine.dispose()
    assert found == expected


def test_schema_md_tables_are_generated_from_the_current_models() -> None:
    assert render() in DOC, "docs/schema.md is out of date: run python -m newscrawler.browse.schema_markdown"
    assert schema_markdown_main(["--check", str(SCHEMA_MD)]) == 0


def test_schema_md_names_every_table_and_column_and_nothing_else() -> None:
    documented: dict[str, set[str]] = {}
    current: set[str] | None = None
    for line in DOC.splitlines():
        if heading := re.match(r"### `(\w+)`", line):
            current = documented.setdefault(heading.group(1), set())
        elif (row := re.match(r"\| `(\w+)`", line)) and current is not None:
            current.add(row.group(1))
    expected = model_columns()
    for name, doc in EXTRAS.items():
        expected.setdefault(name, set()).update(doc.columns)
    assert documented == expected
    # table.column references in the prose and the queries name real columns
    tables = set(expected)
    referenced = {(t, c) for t, c in re.findall(r"\b([a-z_]+)\.([a-z_]+)\b", DOC) if t in tables}
    assert referenced, "the doc refers to columns as table.column"
    assert [ref for ref in referenced if ref[1] not in expected[ref[0]] | {"rowid"}] == []


def sql_blocks(backend: str) -> list[str]:
    blocks = [(tag.strip() or "both", sql) for tag, sql in SQL_BLOCK.findall(DOC)]
    assert {tag for tag, _ in blocks} == {"both", "sqlite", "postgresql"}
    return [sql for tag, sql in blocks if tag in ("both", backend)]


def test_schema_md_has_six_to_ten_example_queries_per_backend() -> None:
    for backend in ("sqlite", "postgresql"):
        assert 6 <= len(sql_blocks(backend)) <= 12


def test_every_example_query_runs_and_finds_rows(db_url: str) -> None:
    fill_archive(db_url)
    backend = make_url(db_url).get_backend_name()
    blocks = sql_blocks(backend)
    if backend == "sqlite":
        path = make_url(db_url).database
        assert path is not None
        with sqlite3.connect(path) as connection:
            results = [connection.execute(sql).fetchall() for sql in blocks]
    else:
        import psycopg

        with psycopg.connect(db_url) as connection:
            results = [connection.execute(sql).fetchall() for sql in blocks]  # type: ignore[arg-type]
    empty = [sql.splitlines()[0] for sql, rows in zip(blocks, results, strict=True) if not rows]
    assert not empty, f"example queries that found nothing on the fixture archive: {empty}"


def test_example_queries_answer_what_they_say(db_url: str) -> None:
    """The copies, versions and search examples return the rows the fixture archive implies."""
    archive = fill_archive(db_url)
    backend = make_url(db_url).get_backend_name()
    blocks = sql_blocks(backend)
    by_topic = {topic: next(sql for sql in blocks if marker in sql)
                for topic, marker in (("copies", "c.syndication_group"), ("versions", "article_version AS v"),
                                      ("search", "储能"), ("health", "last_run_status"))}
    if backend == "sqlite":
        path = make_url(db_url).database
        assert path is not None
        connection: object = sqlite3.connect(path)
    else:
        import psycopg

        connection = psycopg.connect(db_url)
    try:
        run = connection.execute  # type: ignore[attr-defined]
        assert [row[0] for row in run(by_topic["copies"]).fetchall()] == list(archive.copy_ids)
        assert [(row[0], row[3]) for row in run(by_topic["versions"]).fetchall()] == [(archive.changed_id, 1)]
        found = [row[0] for row in run(by_topic["search"]).fetchall()]
        assert found == [archive.changed_id]  # 储能业务 is in the finance article only
        health = {row[0]: (row[1], row[4]) for row in run(by_topic["health"]).fetchall()}
        assert health == {"netease": (len(ARTICLES), "finished"), "sina": (2, "shutdown")}
    finally:
        connection.close()  # type: ignore[attr-defined]


def test_the_json_convention_is_what_the_archive_stores(tmp_path: Path) -> None:
    """docs/schema.md says how Chinese sits in JSON columns; a fresh archive's raw text must agree."""
    db = tmp_path / "news.db"
    fill_archive(f"sqlite:///{db}")
    name = item_for("culture").article.author[0]
    with closing(sqlite3.connect(db)) as connection:
        raw = [row[0] for row in connection.execute("SELECT author FROM article WHERE author LIKE ?", (f"%{name}%",))]
        decoded = connection.execute("SELECT count(*) FROM article, json_each(article.author) WHERE "
                                     "json_each.value = ?", (name,)).fetchone()[0]
    assert raw and all("\\u" not in text for text in raw) and decoded == len(raw)
    conventions = DOC[DOC.index("## Conventions"):DOC.index("## How the tables fit together")]
    assert "Chinese is stored as itself" in conventions
    assert "SQLite stores\n  Chinese characters in them as `\\uXXXX` escapes" not in conventions
    assert not re.search(r"stores\s+Chinese characters in them as `\\uXXXX` escapes", conventions)
