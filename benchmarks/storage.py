#!/usr/bin/env python3
"""Benchmark the archive: insert throughput, near-copy lookup cost, archive size, peak memory.

    python benchmarks/storage.py [--articles 5000] [--sizes 1000,10000]
                                 [--pg-url postgresql://postgres@127.0.0.1:5432/test] [--skip-pg]
    python benchmarks/storage.py --articles 10000 --sizes 1000,10000,100000   # the full run

The defaults finish in about 7 minutes on a 2-core machine; the full run takes about 19, most of it
in PostgreSQL (filling 100k rows twice, and the slow lookups of the never-analyzed archive).

Articles are made at run time. Every page of ``<repo>/../shared/corpus`` is extracted once with the
real extractor (or, when the corpus is absent, every fixture page of ``tests/fixtures``); the body
paragraphs of all pages form a pool from which ``StoryMaker`` draws synthetic stories: most are
distinct (paragraphs drawn at random, a few characters changed, as long as a real page), 5 % exact
copies (same text, other URL and layout) and 10 % near copies (a short paragraph dropped, ~1 % of
characters changed, a 来源 line added) of an earlier story. Every article gets a URL of its own.

1. Insert throughput: ``batch.save_articles`` (what the store stage calls: a batch's new URLs in a
   few statements) and ``repository.save_article`` for every article in turn, one transaction per batch
   (50 and 500), into a fresh SQLite file (the project's engine: WAL …) and a fresh PostgreSQL
   database ``newscrawler_bench_<random>`` (dropped at the end). Content hash and MinHash are computed
   beforehand and timed on a row of their own, so database cost and fingerprint cost are apart. On
   PostgreSQL, ANALYZE runs (untimed) as autovacuum would with its default thresholds.
2. Near-copy lookup: the archive is filled to each size with bulk inserts into ``article`` and
   ``lsh_band``, then 200 fresh articles (10 % exact and 20 % near copies of archived ones) go
   through ``save_article`` one by one in a transaction that is rolled back; each call is timed
   (insert, exact-copy query, LSH candidate query, linking; no commit). Rows beyond ``--articles`` are
   filler (the text of a generated article, a unique hash, a random MinHash signature: an unrelated
   story), because computing 100k real signatures alone would take ~2-3 minutes. PostgreSQL runs
   twice: never analyzed (a new archive before autovacuum's first ANALYZE, or a server without
   autovacuum) and analyzed after each fill. The plan of the LSH candidate query is printed.
3. Archive size per 1,000 articles: database growth in part 1 (SQLite file after a WAL checkpoint;
   PostgreSQL ``pg_database_size``) with the main tables, and the gzip WARC files ``WarcWriter``
   makes from the raw pages of 1,000 articles.
4. Peak memory of the process (max RSS).

This is a measurement script, not a test: numbers vary with the machine.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import json
import random
import re
import resource
import signal
import statistics
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import Connection, Engine, event, insert, text
from sqlalchemy.orm import Session, sessionmaker

from newscrawler.extract import extract
from newscrawler.items import Article, ArticleItem, Block, Fetch
from pipelines.db.batch import save_articles
from pipelines.db.engine import make_engine, session_factory
from pipelines.db.migrate import upgrade
from pipelines.db.models import Article as ArticleRow
from pipelines.db.models import LshBand
from pipelines.db.repository import save_article
from pipelines.syndication import NUM_PERM, band_keys, content_hash, minhash
from pipelines.warc import WarcWriter

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
NOW = datetime(2026, 11, 29, 4, 0, tzinfo=UTC)
PG_DEFAULT = "postgresql://postgres@127.0.0.1:5432/test"
BATCH_SIZES = (50, 500)
LOOKUP_ITEMS = 200
WARC_ITEMS = 1000
HOSTS = tuple(f"news{i}.example.cn" for i in range(20))
MIN_PARAGRAPH = 12
"""Shorter lines (photo credits, 责任编辑 …) are left out of the paragraph pool."""


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------
# source pages


@dataclass(frozen=True)
class Page:
    """One source page: its extracted article, raw bytes and headers, body paragraphs."""

    article: Article
    raw: bytes
    headers: dict[str, str]
    paragraphs: tuple[str, ...]


def corpus_pages(root: Path) -> Iterator[tuple[bytes, str | None, dict[str, str]]]:
    for html in sorted(root.glob("*/*.html")):
        label = html.with_suffix(".json")
        url = json.loads(label.read_text(encoding="utf-8")).get("url") if label.exists() else None
        yield html.read_bytes(), url, {}


def fixture_pages() -> Iterator[tuple[bytes, str | None, dict[str, str]]]:
    sys.path.insert(0, str(REPO))
    templates = importlib.import_module("tests.fixtures.templates")
    for page in templates.article_pages():
        yield page.body, page.url, dict(page.headers)


def load_pages() -> tuple[list[Page], str]:
    """Extract every source page once; keep articles with a few usable paragraphs."""
    source = (corpus_pages(CORPUS), f"{CORPUS} (corpus)") if CORPUS.is_dir() else (
        fixture_pages(), "tests/fixtures (corpus absent)")
    pages = []
    for raw, url, headers in source[0]:
        article = extract(raw, url or "https://news.example.cn/a.html", NOW, headers or None)
        paragraphs = tuple(p for p in article.body.split("\n") if len(p) >= MIN_PARAGRAPH)
        if article.is_article and len(paragraphs) >= 2:
            pages.append(Page(article, raw, headers, paragraphs))
    if not pages:
        raise SystemExit("no usable source page (corpus and fixtures both empty?)")
    return pages, source[1]


# ---------------------------------------------------------------------------
# synthetic stories


@dataclass
class Story:
    """A generated article: the page it borrows metadata and raw bytes from, and its paragraphs."""

    page: Page
    paragraphs: list[str]
    title: str
    kind: str  # distinct, exact, near


class StoryMaker:
    """Distinct stories are random paragraph sets from the pool, shuffled, a few characters changed.

    With a small pool (the fixtures) stories would share too many paragraphs, so more characters are
    changed to keep distinct stories apart (character 4-gram Jaccard well under the 0.65 threshold).
    """

    def __init__(self, pages: Sequence[Page], seed: int) -> None:
        self.pages = list(pages)
        self.pool = list(dict.fromkeys(p for page in pages for p in page.paragraphs))  # pages repeat
        self.chars = sorted({c for p in self.pool for c in p if "\u4e00" <= c <= "\u9fff"}) or ["字"]
        self.mutation = 0.02 if len(self.pool) >= 1000 else 0.3
        self.rng = random.Random(seed)
        self.count = 0

    def _mutate(self, paragraph: str, rate: float) -> str:
        chars = list(paragraph)
        for i in range(len(chars)):
            if self.rng.random() < rate:
                chars[i] = self.rng.choice(self.chars)
        return "".join(chars)

    def distinct(self) -> Story:
        """Paragraphs drawn from the pool until the body is as long as that of a random source page."""
        self.count += 1
        page = self.rng.choice(self.pages)
        target = min(max(len(self.rng.choice(self.pages).article.body), 300), 6000)
        paragraphs: list[str] = []
        while sum(map(len, paragraphs)) < target:
            paragraphs.append(self._mutate(self.rng.choice(self.pool), self.mutation))
        return Story(page, paragraphs, f"{page.article.title or '新闻'}（{self.count}）", "distinct")

    def exact(self, original: Story) -> Story:
        """The same text laid out differently (normalises to the same content hash)."""
        paragraphs = [f"　　{p} " for p in original.paragraphs]
        return Story(original.page, paragraphs, original.title, "exact")

    def near(self, original: Story) -> Story:
        """A reprint: a short paragraph dropped, ~1 % of characters changed, a 来源 line added."""
        paragraphs = list(original.paragraphs)
        total = sum(map(len, paragraphs))
        short = [i for i, p in enumerate(paragraphs) if len(p) < 0.1 * total]
        if short and len(paragraphs) > 2:
            del paragraphs[self.rng.choice(short)]
        paragraphs = [self._mutate(p, 0.01) for p in paragraphs]
        paragraphs.append(f"（来源：{self.rng.choice(['新华社', '人民日报', '中国新闻网', '北京商报'])}）")
        return Story(original.page, paragraphs, original.title, "near")

    def stories(self, n: int, originals: Sequence[Story] = (), exact: float = 0.05,
                near: float = 0.10) -> list[Story]:
        """``n`` stories; copies are of ``originals`` or, when none are given, of earlier stories here."""
        out: list[Story] = []
        sources = list(originals)
        for _ in range(n):
            roll = self.rng.random()
            if sources and roll < exact:
                out.append(self.exact(self.rng.choice(sources)))
            elif sources and roll < exact + near:
                out.append(self.near(self.rng.choice(sources)))
            else:
                out.append(self.distinct())
                if not originals:
                    sources.append(out[-1])
        return out


def to_item(story: Story, serial: str, index: int) -> ArticleItem:
    """An ArticleItem as a spider would yield it, at a URL of its own."""
    host = HOSTS[index % len(HOSTS)]
    fetched_at = NOW - timedelta(seconds=index)
    url = f"https://{host}/{fetched_at:%Y/%m%d}/c{serial}.html"
    article = dataclasses.replace(story.page.article, url=url, canonical_url=url, title=story.title,
                                  body="\n".join(story.paragraphs),
                                  blocks=[Block("p", p) for p in story.paragraphs])
    fetch = Fetch(url=url, final_url=url, status=200, headers=story.page.headers, body=story.page.raw,
                  fetched_at=fetched_at)
    return ArticleItem(article=article, fetch=fetch, site=host)


def to_items(stories: Sequence[Story], prefix: str) -> list[ArticleItem]:
    return [to_item(s, f"{prefix}{i}", i) for i, s in enumerate(stories)]


def fingerprint(items: Sequence[ArticleItem]) -> float:
    """Set content_hash and signature on every item; return the seconds it took."""
    start = time.perf_counter()
    for item in items:
        item.content_hash = content_hash(item.article.body)
        item.signature = minhash(item.article.body)
    return time.perf_counter() - start


# ---------------------------------------------------------------------------
# databases


@dataclass
class Backend:
    """A database kind that makes fresh, migrated archives and measures their size."""

    name: str
    make_url: Callable[[], str]
    size: Callable[[Engine], int]
    drop: Callable[[str], None]
    note: str = ""


def sqlite_backend(folder: Path) -> Backend:
    def make_url() -> str:
        return f"sqlite:///{folder / f'bench-{uuid.uuid4().hex[:8]}.db'}"

    def size(engine: Engine) -> int:
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        path = Path(str(engine.url.database))
        return sum(p.stat().st_size for p in (path, path.with_name(path.name + "-wal")) if p.exists())

    def drop(url: str) -> None:
        path = Path(url.removeprefix("sqlite:///"))
        for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            p.unlink(missing_ok=True)

    return Backend("SQLite", make_url, size, drop)


def pg_backend(admin_url: str) -> Backend:
    """Fresh ``newscrawler_bench_<random>`` databases on the server of ``admin_url``."""
    admin_url = admin_url.replace("postgresql+psycopg://", "postgresql://")
    base = admin_url.rsplit("/", 1)[0]

    def make_url() -> str:
        name = f"newscrawler_bench_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        return f"{base}/{name}"

    def size(engine: Engine) -> int:
        with engine.connect() as conn:
            return int(conn.scalar(text("SELECT pg_database_size(current_database())")) or 0)

    def drop(url: str) -> None:
        name = url.rsplit("/", 1)[1]
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as admin:
        row = admin.execute("SHOW autovacuum").fetchone()
    return Backend("PostgreSQL", make_url, size, drop, note=f"autovacuum {row[0] if row else '?'}")


@contextmanager
def archive(backend: Backend) -> Iterator[tuple[Engine, sessionmaker[Session]]]:
    """A fresh migrated archive, removed afterwards."""
    url = backend.make_url()
    engine = None
    try:
        upgrade(url)
        engine = make_engine(url)
        yield engine, session_factory(engine)
    finally:
        if engine is not None:
            engine.dispose()
        backend.drop(url)


def analyze(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(text("ANALYZE"))


def table_sizes(engine: Engine) -> dict[str, int]:
    """Bytes per table, indexes included (SQLite dbstat; PostgreSQL pg_total_relation_size)."""
    if engine.dialect.name == "sqlite":
        query = ("SELECT coalesce(m.tbl_name, s.name), sum(s.pgsize) FROM dbstat s "
                 "LEFT JOIN sqlite_master m ON m.name = s.name GROUP BY 1")
    else:
        query = "SELECT relname, pg_total_relation_size(relid) FROM pg_stat_user_tables"
    with engine.connect() as conn:
        return {str(name): int(size) for name, size in conn.execute(text(query))}


def relation_sizes(engine: Engine) -> dict[str, int]:
    """Bytes of every table and every index on its own: SQLite from dbstat (an FTS5 index is its shadow
    tables); PostgreSQL a table's heap plus its TOAST (with the TOAST index), each index apart."""
    if engine.dialect.name == "sqlite":
        query = ("SELECT s.name, sum(s.pgsize) FROM dbstat s WHERE s.name NOT LIKE 'sqlite_%' "
                 "AND s.name != 'alembic_version' GROUP BY 1")
    else:
        query = ("SELECT c.relname, "
                 "pg_relation_size(c.oid) + CASE WHEN c.reltoastrelid = 0 THEN 0 "
                 "ELSE pg_total_relation_size(c.reltoastrelid) END "
                 "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                 "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'i') AND c.relname NOT LIKE 'alembic%'")
    with engine.connect() as conn:
        return {str(name): int(size) for name, size in conn.execute(text(query))}


def relation_table(backend: str, sizes: dict[str, int], n: int) -> str:
    """Bytes per 1,000 articles of every table and index that holds any, largest first."""
    per = 1000 / n
    rows = [[name, f"{size * per / 1024:,.0f}"] for name, size in sorted(sizes.items(), key=lambda t: -t[1])
            if size * per >= 8 * 1024]
    rows.append(["total", f"{sum(sizes.values()) * per / 1024:,.0f}"])
    return markdown([f"{backend}: table or index", "KB per 1,000 articles"], rows)


# ---------------------------------------------------------------------------
# 1. insert throughput


@dataclass
class InsertResult:
    backend: str
    batch: int
    way: str
    seconds: float
    bytes_added: int
    tables: dict[str, int]
    analyzes: int
    linked: Counter[str]
    relations: dict[str, int] = dataclasses.field(default_factory=dict)


def insert_all(engine: Engine, sessions: sessionmaker[Session], items: Sequence[ArticleItem],
               batch: int, way: str) -> tuple[float, int, Counter[str]]:
    """(seconds, ANALYZE runs, copy kinds linked) to save ``items``, one transaction per ``batch``, with
    ``save_articles`` (way ``"save_articles"``) or ``save_article`` per item (``"save_article"``).

    On PostgreSQL, ANALYZE runs (untimed) whenever the archive has grown by 50 rows + 10 % since the
    last one: what autovacuum does with its default thresholds, so the planner has statistics even
    on a server where autovacuum is off.
    """
    seconds, analyzed, runs, linked = 0.0, 0, 0, Counter[str]()
    for i in range(0, len(items), batch):
        start = time.perf_counter()
        with sessions.begin() as session:
            chunk = items[i : i + batch]
            results = (save_articles(session, chunk, NOW) if way == "save_articles"
                       else [save_article(session, item, NOW) for item in chunk])
        seconds += time.perf_counter() - start
        linked.update(r.copy for r in results)
        done = i + len(items[i : i + batch])
        if engine.dialect.name == "postgresql" and done - analyzed >= 50 + analyzed // 10:
            analyze(engine)
            analyzed, runs = done, runs + 1
    return seconds, runs, linked


def measure_inserts(backend: Backend, items: Sequence[ArticleItem], batch: int, way: str) -> InsertResult:
    with archive(backend) as (engine, sessions):
        empty = backend.size(engine)
        seconds, runs, linked = insert_all(engine, sessions, items, batch, way)
        return InsertResult(backend.name, batch, way, seconds, backend.size(engine) - empty, table_sizes(engine), runs,
                            linked, relation_sizes(engine))


# ---------------------------------------------------------------------------
# 2. near-copy lookup


ARTICLE_COLUMNS = frozenset(ArticleRow.__table__.columns.keys()) - {"id"}
FILLER_SOURCES = 1000
"""Filler rows borrow the text of one of the first this many pool articles."""


def row_template(item: ArticleItem) -> dict[str, Any]:
    """The ``article`` columns of ``item`` (without id and bookkeeping)."""
    row = {k: v for k, v in item.article.to_json().items() if k in ARTICLE_COLUMNS}
    row.update(publish_date=item.article.publish_date, content_hash=item.content_hash, signature=item.signature)
    return row


class RowMaker:
    """Archive rows for bulk population: pool articles first, then filler (unrelated stories)."""

    def __init__(self, pool: Sequence[ArticleItem], seed: int) -> None:
        self.pool = pool
        self.rng = random.Random(seed)
        self.templates: dict[int, dict[str, Any]] = {}

    def row(self, index: int) -> dict[str, Any]:
        row_id = index + 1
        if index < len(self.pool):
            row = row_template(self.pool[index])
        else:
            source = index % min(len(self.pool), FILLER_SOURCES)
            if source not in self.templates:
                self.templates[source] = row_template(self.pool[source])
            url = f"https://filler.example.cn/{row_id}.html"
            row = dict(self.templates[source], url=url, canonical_url=url,
                       content_hash=f"{self.rng.getrandbits(256):064x}",
                       signature=[self.rng.getrandbits(57) for _ in range(NUM_PERM)])
        row.update(id=row_id, syndication_group=row_id, version=1, first_seen=NOW, last_seen=NOW)
        return row


def insert_bands(conn: Connection, bands: list[tuple[str, int]]) -> None:
    """executemany on SQLite; COPY on PostgreSQL (psycopg's executemany sends one row at a time)."""
    if conn.dialect.name == "sqlite":
        conn.execute(insert(LshBand), [{"band_key": k, "article_id": a} for k, a in bands])
        return
    raw = conn.connection.driver_connection
    assert isinstance(raw, psycopg.Connection)
    with raw.cursor() as cursor, cursor.copy("COPY lsh_band (band_key, article_id) FROM STDIN") as copy:
        for band in bands:
            copy.write_row(band)


def populate(engine: Engine, rows: RowMaker, start: int, stop: int, chunk: int = 2000) -> None:
    """Bulk-insert archive rows ``start`` .. ``stop - 1`` (ids ``start + 1`` ..) and their band keys."""
    for lo in range(start, stop, chunk):
        articles = [rows.row(i) for i in range(lo, min(lo + chunk, stop))]
        bands = [(k, a["id"]) for a in articles for k in set(band_keys(a["signature"]))]
        with engine.begin() as conn:
            conn.execute(insert(ArticleRow), articles)
            insert_bands(conn, bands)
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(text("SELECT setval(pg_get_serial_sequence('article', 'id'), max(id)) FROM article"))


@dataclass
class LookupResult:
    variant: str
    size: int
    times_ms: list[float]
    found: Counter[str]
    populate_s: float
    plan: str


def time_saves(sessions: sessionmaker[Session], items: Sequence[ArticleItem]) -> tuple[list[float], Counter[str]]:
    """Time ``save_article`` per item in one transaction, then roll it back (the archive keeps its size)."""
    times, found = [], Counter[str]()
    with sessions() as session:
        for item in items:
            start = time.perf_counter()
            result = save_article(session, item, NOW)
            times.append((time.perf_counter() - start) * 1000)
            found[result.copy] += 1
        session.rollback()
    return times, found


@contextmanager
def first_lsh_query(engine: Engine) -> Iterator[list[tuple[str, Any]]]:
    """Record the first SELECT on ``lsh_band`` the repository sends (statement, parameters)."""
    seen: list[tuple[str, Any]] = []

    def listener(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool) -> None:
        if not seen and statement.lstrip().upper().startswith("SELECT") and "lsh_band" in statement:
            seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", listener)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", listener)


def plan_nodes(lines: Sequence[str]) -> str:
    """``A → B → C`` from the lines of a PostgreSQL plan."""
    return " → ".join(line.split("->")[-1].split("(cost")[0].strip() for line in lines if "(cost" in line)


def pg_plans(engine: Engine, statement: str, parameters: dict[str, Any]) -> str:
    """Custom and generic plan of a statement, each run once (EXPLAIN ANALYZE EXECUTE).

    psycopg prepares a statement on the server after 5 executions; from then on PostgreSQL may reuse
    one generic plan (made without the parameter values), so both plans matter.
    """
    names: list[str] = []

    def number(match: re.Match[str]) -> str:
        names.append(match.group(1))
        return f"${len(names)}"

    sql = re.sub(r"%\((\w+)\)s", number, statement)
    url = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    plans = []
    with psycopg.connect(url, autocommit=True) as conn:
        cursor = psycopg.ClientCursor(conn)
        cursor.execute("PREPARE bench_lsh AS " + sql)
        for mode in ("custom", "generic"):
            cursor.execute(f"SET plan_cache_mode = force_{mode}_plan")
            cursor.execute(f"EXPLAIN ANALYZE EXECUTE bench_lsh({', '.join(['%s'] * len(names))})",
                           [parameters[n] for n in names])
            lines = [str(row[0]) for row in cursor.fetchall()]
            plans.append(f"{mode}, {lines[-1].split(':')[-1].strip()}: {plan_nodes(lines)}")
    return "<br>".join(plans)


def plan_summary(engine: Engine, query: list[tuple[str, Any]]) -> str:
    """The plan(s) of the recorded LSH candidate query."""
    if not query:
        return "–"
    statement, parameters = query[0]
    try:
        if engine.dialect.name == "postgresql":
            return pg_plans(engine, statement, dict(parameters))
        with engine.connect() as conn:
            return "; ".join(str(r[3]) for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters))
    except Exception as exc:  # the plan is a diagnostic: never fail the run for it
        return f"(no plan: {type(exc).__name__}: {exc})"


def measure_lookups(backend: Backend, variant: str, rows: RowMaker, fresh: Sequence[ArticleItem],
                    sizes: Sequence[int], with_analyze: bool) -> list[LookupResult]:
    results = []
    with archive(backend) as (engine, sessions):
        archived = 0
        for size in sizes:
            log(f"  {variant}: filling the archive to {size:,} articles")
            start = time.perf_counter()
            populate(engine, rows, archived, size)
            if with_analyze:
                analyze(engine)
            populated, archived = time.perf_counter() - start, size
            with first_lsh_query(engine) as query:
                time_saves(sessions, fresh[:10])  # warm-up: connection, statement caches
            times, found = time_saves(sessions, fresh)
            results.append(LookupResult(variant, size, times, found, populated, plan_summary(engine, query)))
    return results


def lookup_variants(backend: Backend) -> list[tuple[str, bool]]:
    if backend.name == "SQLite":
        return [("SQLite", False)]
    return [(f"PostgreSQL, no ANALYZE ({backend.note})", False), ("PostgreSQL, ANALYZE after each fill", True)]


# ---------------------------------------------------------------------------
# 3. WARC size


def warc_size(items: Sequence[ArticleItem]) -> tuple[int, int, float]:
    """(WARC bytes, raw page bytes, seconds) for writing the fetches of ``items``."""
    fetches = [i.fetch for i in items if i.fetch is not None]
    with tempfile.TemporaryDirectory(prefix="bench-warc-") as folder:
        start = time.perf_counter()
        with WarcWriter(folder) as writer:
            for fetch in fetches:
                writer.write(fetch)
        seconds = time.perf_counter() - start
        size = sum(p.stat().st_size for p in Path(folder).rglob("*") if p.is_file())
    return size, sum(len(f.body) for f in fetches), seconds


# ---------------------------------------------------------------------------
# output


def markdown(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A markdown table; columns whose cells are all numbers (or –) are right-aligned."""
    cells = [[str(c) for c in row] for row in rows]

    def numeric(column: int) -> bool:
        return all(re.fullmatch(r"[\d.,/–-]+( MB)?", row[column]) for row in cells)

    rule = ["---:" if column and numeric(column) else "---" for column in range(len(headers))]
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join(rule) + " |"]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in cells])


def mb(n: float) -> str:
    return f"{n / 2**20:.1f} MB"


def percentile(values: Sequence[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def insert_table(results: Sequence[InsertResult], n: int, fp_seconds: float, made: Counter[str]) -> str:
    fp_ms = fp_seconds / n * 1000
    rows: list[list[Any]] = [["fingerprint only (content_hash + MinHash), no database", "–",
                              f"{fp_seconds:.1f}", f"{n / fp_seconds:,.0f}", f"{fp_ms:.2f}", "–", "–"]]
    for r in results:
        db_ms = r.seconds / n * 1000
        analyzed = f", {r.analyzes} untimed ANALYZE" if r.analyzes else ""
        rows.append([f"{r.backend} {r.way}, fingerprints precomputed{analyzed}", r.batch,
                     f"{r.seconds:.1f}", f"{n / r.seconds:,.0f}", f"{db_ms:.2f}", f"{1000 / (db_ms + fp_ms):,.0f}",
                     f"{r.linked['exact_copy']}/{r.linked['near_copy']}"])
    return markdown(["what", "batch", "seconds", "articles/s", "ms/article",
                     "articles/s with fingerprint (sum of the two)",
                     f"linked exact/near (made {made['exact']}/{made['near']})"], rows)


def lookup_table(results: Sequence[LookupResult], made: Counter[str]) -> str:
    rows = []
    for r in results:
        first = next(b for b in results if b.variant == r.variant)
        median = statistics.median(r.times_ms)
        rows.append([r.variant, f"{r.size:,}", f"{median:.2f}", f"{percentile(r.times_ms, 95):.2f}",
                     f"{median / statistics.median(first.times_ms):.2f}", f"{r.size / first.size:.3g}",
                     f"{r.found['exact_copy']}/{r.found['near_copy']}", f"{r.populate_s:.0f}"])
    head = ["backend", "archived", "median ms/save", "p95 ms/save", "median ÷ smallest size",
            "linear ratio", f"found exact/near (made {made['exact']}/{made['near']})", "fill s"]
    return markdown(head, rows)


def plan_table(results: Sequence[LookupResult]) -> str:
    return markdown(["backend", "archived", "plan of the LSH candidate query (PostgreSQL: each plan run once)"],
                    [[r.variant, f"{r.size:,}", r.plan] for r in results])


def size_table(results: Sequence[InsertResult], n: int, warc: tuple[int, int, float]) -> str:
    per = 1000 / n
    rows = []
    for r in results:
        if r.batch != BATCH_SIZES[-1]:
            continue
        rows.append([f"{r.backend} database growth", mb(r.bytes_added), mb(r.bytes_added * per)])
        for name, size in sorted(r.tables.items(), key=lambda t: -t[1]):
            if size * per >= 0.05 * 2**20:
                rows.append([f"… of which table {name} with its indexes", mb(size), mb(size * per)])
    warc_bytes, raw_bytes, _ = warc
    rows.append([f"WARC files, gzip (raw pages: {mb(raw_bytes)})", mb(warc_bytes), mb(warc_bytes)])
    return markdown([f"what (database after {n:,} articles, WARC of {WARC_ITEMS:,})", "total",
                     "per 1,000 articles"], rows)


# ---------------------------------------------------------------------------
# main


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=5_000,
                        help="articles made, fingerprinted and inserted in part 1 (default 5000)")
    parser.add_argument("--sizes", default="1000,10000",
                        help="archive sizes for the lookup, comma-separated (default 1000,10000; "
                             "add 100000 for the full run)")
    parser.add_argument("--pg-url", default=PG_DEFAULT,
                        help=f"PostgreSQL server where throw-away databases may be created ({PG_DEFAULT})")
    parser.add_argument("--skip-pg", action="store_true", help="SQLite only")
    parser.add_argument("--seed", type=int, default=1, help="seed of the story generator (1)")
    parser.add_argument("--size-only", action="store_true",
                        help="only part 3: save --articles articles (save_articles, batch 500) into each backend "
                             "and print the bytes of every table and index per 1,000 articles")
    args = parser.parse_args(argv)
    args.sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    if args.articles < WARC_ITEMS or not args.sizes or args.sizes[0] < 1:
        parser.error(f"--articles must be at least {WARC_ITEMS:,} and the sizes positive")
    return args


def backends(args: argparse.Namespace, folder: Path) -> list[Backend]:
    found = [sqlite_backend(folder)]
    if args.skip_pg:
        return found
    try:
        return [*found, pg_backend(args.pg_url)]
    except psycopg.OperationalError as exc:
        log(f"PostgreSQL skipped: {str(exc).strip().splitlines()[0]}")
        return found


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so throw-away databases are dropped
    started = time.perf_counter()
    pages, source = load_pages()
    maker = StoryMaker(pages, args.seed)
    log(f"{len(pages)} source pages from {source}; paragraph pool {len(maker.pool):,}")
    stories = maker.stories(args.articles)
    pool = to_items(stories, "a")
    originals = [s for s in stories[: args.sizes[0]] if s.kind == "distinct"]  # archived at every size
    fresh_stories = maker.stories(LOOKUP_ITEMS, originals=originals, exact=0.1, near=0.2)
    fresh = to_items(fresh_stories, "f")
    log(f"fingerprinting {len(pool):,} articles")
    fp_seconds = fingerprint(pool)
    fingerprint(fresh)
    if args.size_only:
        return size_only(args, pool, source, len(pages))

    inserts: list[InsertResult] = []
    lookups: list[LookupResult] = []
    with tempfile.TemporaryDirectory(prefix="bench-storage-") as tmp:
        kinds = backends(args, Path(tmp))
        for backend in kinds:
            for way in ("save_articles", "save_article"):
                for batch in BATCH_SIZES:
                    log(f"inserting {len(pool):,} articles into {backend.name} with {way}, batch {batch}")
                    inserts.append(measure_inserts(backend, pool, batch, way))
        for backend in kinds:
            for variant, with_analyze in lookup_variants(backend):
                log(f"near-copy lookup: {variant}")
                lookups += measure_lookups(backend, variant, RowMaker(pool, args.seed), fresh, args.sizes,
                                           with_analyze)
    log("writing WARC files")
    warc = warc_size(pool[:WARC_ITEMS])

    made = Counter(s.kind for s in stories)
    median_body = statistics.median(len(i.article.body) for i in pool)
    print(f"# Archive benchmark\n\nSource: {len(pages)} pages of {source}; {len(pool):,} synthetic articles "
          f"({made['distinct']:,} distinct, {made['exact']:,} exact copies, {made['near']:,} near copies), "
          f"median body {median_body:,.0f} characters.\n")
    print("## 1. Insert throughput\n")
    print(insert_table(inserts, len(pool), fp_seconds, made) + "\n")
    print(f"## 2. Near-copy lookup: save_article of {LOOKUP_ITEMS} fresh articles, timed one by one, no commit\n")
    print(lookup_table(lookups, Counter(s.kind for s in fresh_stories)) + "\n")
    if args.sizes[-1] > len(pool):
        print(f"Rows beyond the {len(pool):,} generated articles are filler: text of a generated article, "
              "unique content hash, random MinHash signature.\n")
    print(plan_table(lookups) + "\n")
    print("## 3. Archive size\n")
    print(size_table(inserts, len(pool), warc) + "\n")
    print(f"WARC writing: {WARC_ITEMS / warc[2]:,.0f} pages/s (one fsync per page).\n")
    print("## 4. Peak memory\n")
    print(f"max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB "
          f"(whole run, {time.perf_counter() - started:,.0f} s)")
    return 0


def size_only(args: argparse.Namespace, pool: Sequence[ArticleItem], source: str, pages: int) -> int:
    """``--size-only``: every table and index per 1,000 articles, on each backend."""
    median_body = statistics.median(len(i.article.body) for i in pool)
    print(f"# Archive size per table and index\n\nSource: {pages} pages of {source}; {len(pool):,} synthetic "
          f"articles saved with save_articles (batch {BATCH_SIZES[-1]}), median body {median_body:,.0f} "
          "characters.\n")
    with tempfile.TemporaryDirectory(prefix="bench-storage-") as tmp:
        for backend in backends(args, Path(tmp)):
            log(f"inserting {len(pool):,} articles into {backend.name}")
            result = measure_inserts(backend, pool, BATCH_SIZES[-1], "save_articles")
            print(f"{backend.name}: database growth {result.bytes_added * 1000 / len(pool) / 2**20:,.2f} MB per "
                  "1,000 articles\n")
            print(relation_table(backend.name, result.relations, len(pool)) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
