"""``newscrawler export`` on a SQLite file and a fresh PostgreSQL database: every format reads back to
the stored fixture articles (Chinese intact), filters, file safety (no overwrite, literal paths, nothing
partial left behind), empty exports, and streaming in bounded pages."""

from __future__ import annotations

import csv
import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from sqlalchemy import Engine, event, select

from newscrawler.cli import main
from newscrawler.export import SCHEMA, ExportError, export_articles
from newscrawler.items import ArticleItem
from pipelines.db import models
from pipelines.db.engine import make_engine, session_factory
from pipelines.db.export_rows import COLUMNS, QUOTE_FIELDS
from pipelines.db.filters import ArticleFilter
from pipelines.db.migrate import upgrade
from pipelines.db.repository import save_article

from .conftest import SHANGHAI
from .fixtures.articles import ARTICLES
from .test_store import T0, item_for

FORMATS = ("jsonl", "csv", "parquet")
SITES = {"finance": "north", "tech": "south", "notice": "north", "hant": "south", "weather": "north"}
COPY_URL = "https://mirror.example.cn/2023/finance-copy.html"


@dataclass
class Archive:
    db_url: str
    items: dict[str, ArticleItem]  # by slug, in storage order; "copy" reprints "finance"
    ids: dict[str, int]


@pytest.fixture
def archive(db_url: str) -> Iterator[Archive]:
    """Five fixture articles on three sites, and a reprint of the first on a fourth."""
    upgrade(db_url)
    items = {slug: item_for(slug) for slug in SITES}
    for slug, item in items.items():
        item.site = SITES[slug]
    items["copy"] = item_for("finance", url=COPY_URL)
    items["copy"].site = "mirror"
    engine = make_engine(db_url)
    with session_factory(engine).begin() as s:
        ids = {slug: save_article(s, item, T0).article_id for slug, item in items.items()}
    engine.dispose()
    yield Archive(db_url, items, ids)


@pytest.fixture
def outdir(tmp_path: Path) -> Path:
    """An empty folder for exports (the SQLite archive lives in ``tmp_path``)."""
    folder = tmp_path / "exports"
    folder.mkdir()
    return folder


def run(*args: str) -> Any:
    return CliRunner().invoke(main, ["export", *args])


def read_back(fmt: str, path: Path) -> list[dict[str, Any]]:
    """The exported rows as JSON values (timestamps as ISO strings), whatever the format."""
    if fmt == "jsonl":
        return [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line]
    if fmt == "csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return [{name: _csv_value(name, cell) for name, cell in row.items()} for row in csv.DictReader(handle)]
    table = pq.read_table(path)
    assert table.schema.equals(SCHEMA)
    return [{name: value.isoformat() if isinstance(value, datetime) else value for name, value in row.items()}
            for row in table.to_pylist()]


def _csv_value(name: str, cell: str) -> Any:
    if cell == "":
        return None
    if name in ("id", "version", "duplicate_of_id", "syndication_group"):
        return int(cell)
    if name == "similarity":
        return float(cell)
    if name in ("author", "editor", "breadcrumb", "tags", "disclaimers", "quotes"):
        return json.loads(cell)
    return cell


def expected(archive: Archive, slug: str) -> dict[str, Any]:
    """What the export must hold for one stored article, from the extracted item and the fixture truth."""
    record = archive.items[slug].article
    truth = next(a for a in ARTICLES if a.slug == ("finance" if slug == "copy" else slug))
    seen = T0.astimezone(SHANGHAI).isoformat()
    copy = slug == "copy"
    return {
        "id": archive.ids[slug], "canonical_url": record.canonical_url, "url": record.url,
        "site": archive.items[slug].site, "title": truth.title, "publish_date": truth.published_iso,
        "source": truth.source, "author": list(record.author), "editor": list(truth.editors),
        "channel": truth.channel, "breadcrumb": list(record.breadcrumb), "tags": list(record.tags),
        "language": record.language, "body": record.body, "first_seen": seen, "last_seen": seen, "version": 1,
        "duplicate_of_id": archive.ids["finance"] if copy else None,
        "syndication_group": archive.ids["finance" if copy else slug],  # an original heads its own group
        "similarity": 1.0 if copy else None,
        "disclaimers": [{"kind": d.kind, "text": d.text} for d in record.disclaimers],
        "quotes": [{**{name: q.to_json().get(name) for name in QUOTE_FIELDS}, "text": q.quote_text}
                   for q in record.quotes],
    }


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_reads_back_the_stored_articles(archive: Archive, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"articles.{fmt}"
    result = run("--db", archive.db_url, "--format", fmt, "--out", str(out))
    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == f"exported 6 articles to {out}"
    raw = out.read_bytes()
    assert b"\\u" not in raw
    rows = read_back(fmt, out)
    assert [list(row) for row in rows] == [list(COLUMNS)] * 6
    by_id = {row["id"]: row for row in rows}
    assert [row["id"] for row in rows] == sorted(by_id)
    for slug in archive.items:
        row, want = by_id[archive.ids[slug]], expected(archive, slug)
        assert {k: row[k] for k in COLUMNS if k != "similarity"} == {k: want[k] for k in COLUMNS if k != "similarity"}
        assert row["similarity"] == pytest.approx(want["similarity"])
    finance = by_id[archive.ids["finance"]]
    assert finance["disclaimers"] and finance["disclaimers"][0]["kind"] == "investment"
    analyst = next(q for q in finance["quotes"] if q["speaker"] == "陈喆")
    assert analyst["speaker_title"] == ["电力设备行业分析师"] and analyst["speaker_type"] == "person"
    assert by_id[archive.ids["hant"]]["language"] == "zh-Hant"
    if fmt != "parquet":  # the text formats hold the Chinese as UTF-8 characters
        assert "华岳电池一季度净利润同比增长逾三成".encode() in raw and "寶島日報".encode() in raw


def test_csv_is_for_excel_and_pandas(archive: Archive, tmp_path: Path) -> None:
    out = tmp_path / "articles.csv"
    assert run("--db", archive.db_url, "--format", "csv", "--out", str(out)).exit_code == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf" + ",".join(COLUMNS).encode() + b"\r\n")
    body = archive.items["finance"].article.body
    assert "\n" in body and body.encode() in raw  # a multi-line body stays one quoted cell
    assert '"[""刘洋"",""孙悦""]"'.encode() in raw  # lists as JSON text, as Excel shows them


def test_parquet_row_groups_follow_the_pages(archive: Archive, tmp_path: Path) -> None:
    out = tmp_path / "north.parquet"
    written = export_articles(archive.db_url, "parquet", out, ArticleFilter(site="north"), batch=2)
    assert written == 3
    meta = pq.ParquetFile(out).metadata
    assert (meta.num_rows, meta.num_row_groups) == (3, 2)


@pytest.mark.parametrize(("options", "wanted"), [
    (("--site", "north"), lambda items: [s for s in items if items[s].site == "north"]),
    (("--since", "2023-04-14", "--until", "2023-04-16"),
     lambda items: [s for s in items if "2023-04-14" <= items[s].article.publish_date.date().isoformat() < "2023-04-16"]),
    (("--source", "日报"), lambda items: [s for s in items if "日报" in (items[s].article.source or "")]),
    (("--channel", "财经"), lambda items: [s for s in items if items[s].article.channel == "财经"]),
    (("--limit", "2"), lambda items: list(items)[:2]),
])
def test_filters_choose_the_articles(archive: Archive, tmp_path: Path, options: tuple[str, ...], wanted: Any) -> None:
    out = tmp_path / "part.jsonl"
    result = run("--db", archive.db_url, "--format", "jsonl", "--out", str(out), *options)
    assert result.exit_code == 0, result.output
    slugs = wanted(archive.items)
    assert 0 < len(slugs) < len(archive.items)
    assert [row["id"] for row in read_back("jsonl", out)] == sorted(archive.ids[s] for s in slugs)
    cut = f" of {len(archive.items)} articles" if "--limit" in options else " article"
    assert result.stderr.startswith(f"exported {len(slugs)}{cut}")


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_empty_result_is_a_valid_empty_file(archive: Archive, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"none.{fmt}"
    result = run("--db", archive.db_url, "--format", fmt, "--out", str(out), "--site", "nowhere")
    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == f"exported 0 articles to {out} (no article matches site=nowhere)"
    assert read_back(fmt, out) == []
    if fmt == "csv":
        assert out.read_bytes() == b"\xef\xbb\xbf" + ",".join(COLUMNS).encode() + b"\r\n"
    if fmt == "parquet":
        assert pq.read_schema(out).equals(SCHEMA)


def test_an_existing_file_is_replaced_only_with_force(archive: Archive, outdir: Path) -> None:
    out = outdir / "articles.jsonl"
    out.write_text("keep me\n", encoding="utf-8")
    refused = run("--db", archive.db_url, "--format", "jsonl", "--out", str(out))
    assert refused.exit_code == 1
    assert refused.stderr == f"Error: {out} already exists: --force replaces it\n"
    assert out.read_text(encoding="utf-8") == "keep me\n"
    forced = run("--db", archive.db_url, "--format", "jsonl", "--out", str(out), "--force")
    assert forced.exit_code == 0, forced.output
    assert len(read_back("jsonl", out)) == 6
    assert sorted(p.name for p in outdir.iterdir()) == ["articles.jsonl"]


def test_paths_are_taken_literally(archive: Archive, outdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(outdir)
    for name in ("-x", "with space 文章.csv", "--force"):
        result = run("--db", archive.db_url, "--format", "csv", "--limit", "1", "--out", name)
        assert result.exit_code == 0, result.output
        assert result.stderr.strip() == f"exported 1 of 6 articles to {name} (--limit 1)"
        assert len(read_back("csv", outdir / name)) == 1
    assert sorted(p.name for p in outdir.iterdir()) == sorted(["-x", "with space 文章.csv", "--force"])


def test_a_dash_writes_text_formats_to_standard_output(archive: Archive, outdir: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(outdir)
    result = run("--db", archive.db_url, "--format", "jsonl", "--out", "-", "--site", "south")
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["site"] for line in result.stdout.splitlines()] == ["south", "south"]
    assert result.stderr.strip() == "exported 2 articles to standard output"
    plain = run("--db", archive.db_url, "--format", "csv", "--out", "-", "--limit", "1")
    assert plain.stdout_bytes.startswith(b"id,canonical_url,")  # no byte order mark in a pipe
    binary = run("--db", archive.db_url, "--format", "parquet", "--out", "-")
    assert binary.exit_code == 2 and "parquet cannot go to standard output" in binary.stderr
    assert list(outdir.iterdir()) == []


def test_bad_targets_are_one_line_errors(archive: Archive, outdir: Path) -> None:
    missing = outdir / "no such folder" / "out.csv"
    result = run("--db", archive.db_url, "--format", "csv", "--out", str(missing))
    assert result.exit_code == 1
    assert result.stderr == f"Error: cannot write {missing}: directory {missing.parent} does not exist\n"
    folder = run("--db", archive.db_url, "--format", "csv", "--out", str(outdir))
    assert folder.exit_code == 1 and folder.stderr == f"Error: cannot write {outdir}: it is a directory\n"
    assert list(outdir.iterdir()) == []
    with pytest.raises(ExportError, match="unknown export format 'xlsx'"):
        export_articles(archive.db_url, "xlsx", outdir / "out.xlsx")


def test_the_archive_itself_is_never_an_export_target(tmp_path: Path) -> None:
    database = tmp_path / "archive.db"
    upgrade(f"sqlite:///{database}")
    before = database.read_bytes()
    result = run("--db", f"sqlite:///{database}", "--format", "csv", "--out", str(database), "--force")
    assert result.exit_code == 1 and result.stderr == f"Error: cannot write {database}: it is the archive database\n"
    assert database.read_bytes() == before


def test_a_missing_archive_is_a_one_line_error(tmp_path: Path) -> None:
    result = run("--db", f"sqlite:///{tmp_path / 'none.db'}", "--format", "csv", "--out", str(tmp_path / "x.csv"))
    assert result.exit_code == 1 and "holds no archive yet" in result.stderr
    assert result.stderr.count("\n") == 1 and not (tmp_path / "x.csv").exists()


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_failed_export_leaves_nothing_behind(archive: Archive, outdir: Path, fmt: str) -> None:
    out = outdir / f"articles.{fmt}"
    out.write_bytes(b"the previous export")

    def interrupted(done: int, total: int) -> None:
        if done:
            raise KeyboardInterrupt  # the analyst pressed Ctrl-C after the first page

    with pytest.raises(KeyboardInterrupt):
        export_articles(archive.db_url, fmt, out, force=True, progress=interrupted, batch=2)
    assert out.read_bytes() == b"the previous export"
    assert [p.name for p in outdir.iterdir()] == [out.name]
    fresh = outdir / f"fresh.{fmt}"
    with pytest.raises(KeyboardInterrupt):
        export_articles(archive.db_url, fmt, fresh, progress=interrupted, batch=2)
    assert [p.name for p in outdir.iterdir()] == [out.name]


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_streams_in_bounded_pages(archive: Archive, tmp_path: Path, fmt: str) -> None:
    """Every article statement is a keyset page of at most ``batch`` rows, and each page is written before
    the next is read: the statements of a real engine are counted as they reach the driver."""
    statements: list[tuple[str, Any]] = []
    progress: list[tuple[int, int, int]] = []

    def seen(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool) -> None:
        statements.append((" ".join(statement.split()), parameters))

    def pages_read() -> list[tuple[str, Any]]:
        return [(sql, params) for sql, params in statements if "FROM article LEFT OUTER JOIN site" in sql]

    event.listen(Engine, "before_cursor_execute", seen)
    try:
        written = export_articles(archive.db_url, fmt, tmp_path / f"all.{fmt}", batch=2,
                                  progress=lambda done, total: progress.append((done, total, len(pages_read()))))
    finally:
        event.remove(Engine, "before_cursor_execute", seen)
    assert written == 6
    pages = pages_read()
    assert len(pages) == math.ceil(6 / 2)
    for sql, params in pages:
        assert "ORDER BY article.id" in sql and "LIMIT" in sql
        assert _limit(sql, params) == 2  # the page size is a bound parameter of every page
    # one page read per page written: rows never pile up ahead of the writer
    assert progress == [(0, 6, 0), (2, 6, 1), (4, 6, 2), (6, 6, 3)]
    children = [sql for sql, _ in statements if "FROM disclaimer" in sql or "FROM quote" in sql]
    assert len(children) == 2 * len(pages) and all("article.id <=" in sql for sql in children)


def _limit(sql: str, params: Any) -> Any:
    """The LIMIT value of a statement as the driver got it (psycopg: named, sqlite3: positional)."""
    if isinstance(params, dict):
        found = re.search(r"LIMIT %\((\w+)\)s", sql)
        assert found, sql
        return params[found.group(1)]
    return params[-2] if sql.endswith("LIMIT ? OFFSET ?") else params[-1]


def test_a_large_export_shows_progress_on_stderr(archive: Archive, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("newscrawler.cli.export.BAR_FROM", 5)
    result = run("--db", archive.db_url, "--format", "jsonl", "--out", str(tmp_path / "a.jsonl"))
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == ["exporting 6 articles", f"exported 6 articles to {tmp_path / 'a.jsonl'}"]
    assert result.stdout == ""


def test_dates_are_beijing_time_with_offset(archive: Archive, tmp_path: Path) -> None:
    out = tmp_path / "a.jsonl"
    export_articles(archive.db_url, "jsonl", out, ArticleFilter(site="north"))
    engine = make_engine(archive.db_url)
    with session_factory(engine)() as s:
        stored = {a.id: a.publish_date for a in s.scalars(select(models.Article))}
    engine.dispose()
    for row in read_back("jsonl", out):
        moment = datetime.fromisoformat(row["publish_date"])
        assert moment.utcoffset() == timedelta(hours=8) and moment == stored[row["id"]]
