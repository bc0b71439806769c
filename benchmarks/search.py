#!/usr/bin/env python3
"""Benchmark the analyst side: Chinese search latency and export throughput on a 100,000-article archive.

    python benchmarks/search.py [--articles 100000] [--pg-url postgresql://postgres@127.0.0.1:5432/test]
                                [--skip-pg] [--skip-sqlite] [--skip-export] [--repeat 3] [--explain 3]
                                [--reuse URL] [--keep] [--hits FILE] [--compare FILE]

Articles are made at run time, nothing is committed: every page of ``<repo>/../shared/corpus`` (or,
when it is absent, every fixture page of ``tests/fixtures``) is extracted once with the real extractor;
each synthetic article takes a title from a source page (with a serial number) and 3–12 body paragraphs
drawn at random from the pool of all source paragraphs, a publish date spread evenly over the year
before the run, one of 20 sites and one of 8 sources. Rows go straight into ``article`` and
``article_search`` with bulk inserts (the search tokens made by the real ``index_text``; on SQLite the
FTS5 triggers index them as they arrive; on PostgreSQL the GIN index is built after the load, as a bulk
load should), then ``newscrawler db optimize`` (SQLite: the FTS5 index merged into one segment and
ANALYZE; PostgreSQL: VACUUM (ANALYZE)), as the README asks after a bulk load.

Search: ``pipelines.db.search.search`` (the function behind ``newscrawler search``: query parsing, the
ranked query, the Python snippets), limit 20, for every query shape the command offers: 1-, 2- and
4-character words taken from the pool (half among the most frequent, half of middling frequency:
frequent words are the slow case), a phrase (a 6-character run, across word boundaries) and a word with
an exclusion (``经济 -发展``: a 2-character word minus a frequent one), each without filter, with a date
filter (the last 30 days) and with site + date, each best first and newest first. p50/p95/max over
words × ``--repeat`` runs, and the mean number of hits. Targets: p95 ≤ 100 ms for every shape on
PostgreSQL, ≤ 50 ms on SQLite. ``--explain N`` prints EXPLAIN (ANALYZE, BUFFERS) of the ranking
query of the N slowest shapes (their slowest word), captured from the statements ``search`` sends.
``--reuse URL`` measures an archive this script loaded before and kept (``--keep``) instead of
loading a new one: at a million articles the load takes most of the time.

Export: ``newscrawler.export.export_articles`` to JSONL, CSV and Parquet, each in a child process
(its peak RSS is its own), for 0 rows (the interpreter and its imports), 10 % and 100 % of the archive.
Target: memory flat in the row count (peak RSS at 100 % ≤ 1.3 × peak RSS at 10 %).
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event, insert, inspect, text

sys.path.insert(0, str(Path(__file__).resolve().parent))
from storage import Backend, Page, load_pages, log, pg_backend, sqlite_backend

from pipelines.db.backfill import PROGRESS_TABLE
from pipelines.db.engine import make_engine, session_factory
from pipelines.db.filters import ArticleFilter
from pipelines.db.maintenance import optimize
from pipelines.db.migrate import current_revision, head_revision, plan, upgrade
from pipelines.db.models import Article, SearchDocument, Site
from pipelines.db.search import COUNT_CAP, ORDERS, count_cap, count_matches, index_text, search

NOW = datetime(2026, 11, 29, 4, 0, tzinfo=UTC)
SITES = tuple(f"site{i:02d}" for i in range(20))
SOURCES = ("新华社", "人民日报", "中国新闻网", "北京商报", "澎湃新闻", "本报", "央视新闻", "经济日报")
CHUNK = 2000
TARGET_MS = 100.0  # p95, every shape, PostgreSQL
SQLITE_TARGET_MS = 50.0
WORDS_PER_LENGTH = 10
HAN = ("\u4e00", "\u9fff")
GIN_INDEXES = text("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'article_search' "
                   "AND indexdef LIKE '%USING gin%'")
"""The search's GIN indexes as the migrations left them: dropped for the bulk load and built after it from
their own definitions, as a bulk load should (migration 0011 replaced the single-column ones)."""


def is_han(text_: str) -> bool:
    return all(HAN[0] <= c <= HAN[1] for c in text_)


# ---------------------------------------------------------------------------
# the archive


@dataclass(frozen=True)
class Pool:
    """What synthetic articles are made of: titles and paragraphs of real (extracted) pages."""

    titles: tuple[str, ...]
    paragraphs: tuple[str, ...]

    @classmethod
    def from_pages(cls, pages: Sequence[Page]) -> Pool:
        titles = tuple(p.article.title or "新闻" for p in pages)
        paragraphs = tuple(dict.fromkeys(par for p in pages for par in p.paragraphs))
        return cls(titles, paragraphs)

    def rows(self, n: int, seed: int = 7) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
        """``n`` (article row, article_search row) pairs, ids 1..n."""
        rng = random.Random(seed)
        year = timedelta(days=365).total_seconds()
        for i in range(1, n + 1):
            body = "\n".join(rng.choice(self.paragraphs) for _ in range(rng.randint(3, 12)))
            title = f"{rng.choice(self.titles)}（{i}）"
            when = NOW - timedelta(seconds=year * (n - i) / n)
            article = {"id": i, "canonical_url": f"https://{SITES[i % 20]}.example.cn/{when:%Y/%m%d}/{i}.html",
                       "site_id": i % 20 + 1, "title": title, "body": body, "blocks": [], "publish_date": when,
                       "source": SOURCES[i % len(SOURCES)], "author": [], "editor": [], "breadcrumb": [],
                       "tags": [], "channel": "国内", "extractor_version": "bench", "content_hash": f"h{i}",
                       "signature": [], "version": 1, "first_seen": when, "last_seen": when}
            yield article, {"article_id": i, "title": index_text(title), "body": index_text(body)}


def fill(engine: Engine, pool: Pool, n: int) -> float:
    """Bulk-load ``n`` articles; returns seconds taken."""
    started = time.perf_counter()
    postgres = engine.dialect.name == "postgresql"
    with engine.begin() as conn:
        conn.execute(insert(Site), [{"id": i + 1, "name": name, "domain": f"{name}.example.cn"}
                                    for i, name in enumerate(SITES)])
        search_indexes = list(conn.execute(GIN_INDEXES)) if postgres else []
        for name, _ in search_indexes:
            conn.execute(text(f"DROP INDEX {name}"))
    articles: list[dict[str, Any]] = []
    documents: list[dict[str, Any]] = []

    def flush() -> None:
        with engine.begin() as conn:
            conn.execute(insert(Article), articles)
            conn.execute(insert(SearchDocument), documents)
        articles.clear()
        documents.clear()

    for done, (article, document) in enumerate(pool.rows(n), 1):
        articles.append(article)
        documents.append(document)
        if len(articles) == CHUNK:
            flush()
            if done % 20_000 == 0:
                log(f"  {engine.dialect.name}: {done:,} articles loaded ({time.perf_counter() - started:.0f} s)")
    if articles:
        flush()
    with engine.begin() as conn:
        if postgres:
            conn.execute(text("SET LOCAL maintenance_work_mem = '256MB'"))  # as an operator building them would
            for _, definition in search_indexes:
                conn.execute(text(definition))
            conn.execute(text("SELECT setval('article_id_seq', :n)"), {"n": n})
    done = optimize(engine)  # ``newscrawler db optimize``, as the README asks after a bulk load
    log(f"  {engine.dialect.name}: optimized ({', '.join(done.steps)}) in {done.seconds:.0f} s")
    return time.perf_counter() - started


@contextmanager
def archive(backend: Backend, pool: Pool, n: int, reuse: str | None = None,
            keep: bool = False) -> Iterator[tuple[str, Engine, float]]:
    """A loaded archive: a new one (dropped afterwards unless ``keep``), or ``reuse`` as it stands
    (migrated to the newest revision first, so a kept archive measures the current design)."""
    url = reuse or backend.make_url()
    engine = None
    try:
        if reuse:
            timed_upgrade(url)
        else:
            upgrade(url)
        engine = make_engine(url)
        seconds = 0.0 if reuse else fill(engine, pool, n)
        if keep and not reuse:
            log(f"{backend.name}: archive kept at {url}")
        yield url, engine, seconds
    finally:
        if engine is not None:
            engine.dispose()
        if not (keep or reuse):
            backend.drop(url)


def _progress_every(seconds: float) -> Callable[[str, int, int], None]:
    """A row-pass progress callback that logs ``migration REV: done / total rows`` at most every ``seconds``."""
    last = {"at": time.perf_counter()}

    def progress(revision: str, done: int, total: int) -> None:
        if time.perf_counter() - last["at"] > seconds:
            log(f"  migration {revision}: {done:,} / {total:,} rows")
            last["at"] = time.perf_counter()

    return progress


def timed_rerun(url: str, revision: str) -> None:
    """Run again the row pass of ``revision`` on a kept archive at the newest revision, timed at its size.

    Only a migration whose ``ROW_PASS`` is ``rerunnable`` (no schema step, the same rows written again). Its
    ``upgrade()`` runs in an Alembic operations context of its own, under the lock ``newscrawler db upgrade``
    takes, so it walks the rows as an upgrade would (batches, each committed with its progress) and
    ``alembic_version`` is never touched: killed, the archive keeps its revision and the pass's progress
    row, and the same command again continues after the last finished batch."""
    from alembic.operations import Operations
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    from pipelines.db.backfill import set_progress
    from pipelines.db.migrate import alembic_config, migration_lock

    script = ScriptDirectory.from_config(alembic_config(url)).get_revision(revision)
    row_pass = getattr(script.module, "ROW_PASS", None) if script is not None else None
    if script is None or row_pass is None or not row_pass.rerunnable:
        raise SystemExit(f"--rerun {revision}: not a migration whose row pass can run again")
    if current_revision(url) != head_revision():
        raise SystemExit(f"--rerun {revision}: the archive is not at the newest revision: upgrade it first")
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            backend = connection.dialect.name
            rows = int(connection.execute(text(f"SELECT count(*) FROM {row_pass.table}")).scalar_one())
            resumed = 0
            if PROGRESS_TABLE in inspect(connection).get_table_names():
                resumed = int(connection.execute(text(f"SELECT done FROM {PROGRESS_TABLE} WHERE revision = :r"),
                                                 {"r": revision}).scalar() or 0)
        print("\n| migration (run again) | rows | estimated | took |\n|---|---:|---:|---:|")
        progress = _progress_every(30.0)
        started = time.perf_counter()
        with migration_lock(url), engine.connect() as connection:
            set_progress(progress)
            try:
                with Operations.context(MigrationContext.configure(connection)):
                    script.module.upgrade()
                connection.commit()
            finally:
                set_progress(None)
        took = time.perf_counter() - started
    finally:
        engine.dispose()
    title = (script.doc or "").splitlines()[0]
    note = f" (resumed at {resumed:,})" if resumed else ""
    print(f"| {revision} {title}{note} | {rows:,} | {row_pass.estimate(backend, rows - resumed):,.0f} s | "
          f"{took:,.0f} s |", flush=True)


def timed_upgrade(url: str) -> None:
    """Upgrade a kept archive to the newest revision, printing each pending migration's estimate (as
    ``newscrawler db upgrade`` does) and the time it took."""
    pending = plan(url)
    if not pending:
        print(f"\nmigrations: none pending ({current_revision(url)})")
        return
    print("\n| migration | rows | estimated | took |\n|---|---:|---:|---:|")
    progress = _progress_every(30.0)
    for step in pending:  # one revision at a time, so each is timed
        started = time.perf_counter()
        upgrade(url, step.revision, progress=progress)
        print(f"| {step.revision} {step.title} | {step.rows:,} | {step.seconds:,.0f} s | "
              f"{time.perf_counter() - started:,.0f} s |", flush=True)


# ---------------------------------------------------------------------------
# search latency


def query_words(pool: Pool, length: int, seed: int = 11) -> list[str]:
    """Han words of ``length`` characters from the pool: half frequent, half of middling frequency."""
    counts: Counter[str] = Counter()
    for paragraph in pool.paragraphs:
        counts.update(paragraph[i:i + length] for i in range(len(paragraph) - length + 1))
    ranked = [w for w, _ in counts.most_common() if is_han(w)]
    if len(ranked) < WORDS_PER_LENGTH:
        raise SystemExit(f"the paragraph pool has too few {length}-character words")
    half = WORDS_PER_LENGTH // 2
    middle = ranked[len(ranked) // 20: len(ranked) // 20 + 200] or ranked[half:]
    return ranked[:half] + random.Random(seed).sample(middle, min(half, len(middle)))


@dataclass
class Latency:
    """Times of one shape, in run order: every query once (``firsts`` runs), then again per ``--repeat``."""

    label: str
    times_ms: list[float]
    hits: list[int]
    firsts: int = 0

    def row(self) -> str:
        ordered = sorted(self.times_ms)
        repeats = f"{p95(self.times_ms[self.firsts:]):.1f}" if len(self.times_ms) > self.firsts else "–"
        return (f"| {self.label} | {len(ordered)} | {statistics.median(ordered):.1f} | {self.p95:.1f} | "
                f"{ordered[-1]:.1f} | {repeats} | {statistics.mean(self.hits):.1f} |")

    @property
    def p95(self) -> float:
        return p95(self.times_ms)

    @property
    def repeat_p95(self) -> float:
        """p95 of the runs after each query's first: its index pages read once already (see README)."""
        return p95(self.times_ms[self.firsts:] or self.times_ms)


def query_shapes(pool: Pool) -> dict[str, list[str]]:
    """Queries by shape: 1-, 2-, 4-character words, a 6-character phrase, a word with an exclusion."""
    words = {length: query_words(pool, length) for length in (1, 2, 4, 6)}
    frequent = words[2][0]
    return {"1-char": words[1], "2-char": words[2], "4-char": words[4], "phrase": words[6],
            "exclusion": [f"{w} -{frequent}" for w in words[2][1:]] + [f"{words[2][1]} -{words[2][2]}"]}


FILTERS: dict[str, ArticleFilter] = {
    "no filter": ArticleFilter(),
    "last 30 days": ArticleFilter(since=NOW - timedelta(days=30)),
    "site + last 30 days": ArticleFilter(site=SITES[3], since=NOW - timedelta(days=30)),
}


@dataclass
class Slowest:
    """The slowest call of one shape: what to EXPLAIN."""

    ms: float
    query: str
    where: ArticleFilter
    order: str


def measure_search(engine: Engine, shapes: dict[str, list[str]], repeat: int,
                   found: dict[str, list[int]] | None = None) -> tuple[list[Latency], dict[str, Slowest]]:
    """Latency of every shape; ``found`` receives the ids each (shape, filter, order, query) returned."""
    sessions = session_factory(engine)
    results = []
    slowest: dict[str, Slowest] = {}
    with sessions() as session:
        search(session, shapes["2-char"][0])  # warm the page cache and the statement cache
        gc.freeze()  # as the CLI does before a query (newscrawler.cli.common.session_call)
        for order in ORDERS:
            for shape, chosen in shapes.items():
                for name, where in FILTERS.items():
                    label = f"{shape}, {name}, {order}"
                    latency = Latency(label, [], [], len(chosen))
                    for _ in range(repeat):
                        for query in chosen:
                            started = time.perf_counter()
                            hits = search(session, query, where, limit=20, order=order)
                            ms = (time.perf_counter() - started) * 1000
                            latency.times_ms.append(ms)
                            latency.hits.append(len(hits))
                            if found is not None:
                                found[f"{label} | {query}"] = [hit.article_id for hit in hits]
                            if label not in slowest or ms > slowest[label].ms:
                                slowest[label] = Slowest(ms, query, where, order)
                    results.append(latency)
    return results, slowest


def measure_counts(engine: Engine, shapes: dict[str, list[str]], repeat: int,
                   found: dict[str, list[int]] | None = None) -> list[Latency]:
    """Latency of the "showing 20 of N" count (``count_matches`` with the CLI's cap) of every shape and
    filter (the order does not change it); its ``hits`` are the counts (the cap + 1: more)."""
    results = []
    with session_factory(engine)() as session:
        gc.freeze()  # as the CLI does before a query (newscrawler.cli.common.session_call)
        for shape, chosen in shapes.items():
            for name, where in FILTERS.items():
                latency = Latency(f"{shape}, {name}", [], [], len(chosen))
                for _ in range(repeat):
                    for query in chosen:
                        started = time.perf_counter()
                        counted = count_matches(session, query, where, cap=count_cap(query))
                        latency.times_ms.append((time.perf_counter() - started) * 1000)
                        latency.hits.append(counted)
                        if found is not None:
                            found[f"count, {shape}, {name} | {query}"] = [counted]
                results.append(latency)
    return results


def compare_hits(mine: dict[str, list[int]], other_path: Path, other_name: str) -> str:
    """How many results this run shares with another backend's (``--hits`` file). Newest first and the
    counts must be identical (the order of dates and ids is the same on both); best first the number of
    hits must be, while the ids may differ: bm25 and ts_rank_cd weigh the same candidates differently."""
    import json

    other = {key: value for key, value in json.loads(other_path.read_text()).items() if key in mine}
    newest = [key for key in other if key.split(" | ")[0].endswith(", newest")]
    best = [key for key in other if key.split(" | ")[0].endswith(", relevance")]
    counts = [key for key in other if key.startswith("count, ")]
    checks = [("newest first: same ids in the same order", newest, lambda key: mine[key] == other[key]),
              ("best first: same number of hits", best, lambda key: len(mine[key]) == len(other[key])),
              ("count (capped): same", counts, lambda key: mine[key] == other[key]),
              ("best first: same ids (informative: the scores differ)", best,
               lambda key: set(mine[key]) == set(other[key]))]
    lines = [f"| results compared with {other_name} | identical | of |", "|---|---:|---:|"]
    differ: list[str] = []
    for name, keys, same in checks:
        kept = [key for key in keys if same(key)]
        lines.append(f"| {name} | {len(kept)} | {len(keys)} |")
        if "informative" not in name:
            differ += [key for key in keys if key not in kept]
    lines += [f"\ndiffers: {key}: {mine[key][:5]}… / {other[key][:5]}…" for key in differ[:10]]
    return "\n".join(lines)


def explain(engine: Engine, slow: Slowest) -> str:
    """EXPLAIN (ANALYZE, BUFFERS) / EXPLAIN QUERY PLAN of the ranking statement of one search call.

    The statements ``search`` sends are captured; the one that reads the index is explained (the last
    such, when the search takes several steps)."""
    captured: list[tuple[str, Any]] = []

    def capture(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool) -> None:
        if "tsquery" in statement or "MATCH" in statement:
            captured.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", capture)
    try:
        with session_factory(engine)() as session:
            search(session, slow.query, slow.where, limit=20, order=slow.order)
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    if not captured:
        return "(no index statement captured)"
    statement, parameters = captured[-1]
    postgres = engine.dialect.name == "postgresql"
    prefix = "EXPLAIN (ANALYZE, BUFFERS) " if postgres else "EXPLAIN QUERY PLAN "
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute(prefix + statement, parameters)
        rows = cursor.fetchall()
    finally:
        raw.close()
    lines = [str(row[0]) if postgres else str(row[-1]) for row in rows]
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# export throughput and memory

_CHILD = """
import sys, time
from datetime import datetime
from pathlib import Path
from pipelines.db.filters import ArticleFilter
from newscrawler.export import export_articles
url, fmt, out, since = sys.argv[1:5]
where = ArticleFilter(since=datetime.fromisoformat(since)) if since != "-" else None
started = time.perf_counter()
rows = export_articles(url, fmt, Path(out), where, force=True)
seconds = time.perf_counter() - started
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent through fork and exec
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(rows, seconds, peak / 1024, Path(out).stat().st_size)
"""


@dataclass
class ExportRun:
    fmt: str
    rows: int
    seconds: float
    peak_mb: float
    size_mb: float


def measure_export(url: str, fmt: str, folder: Path, since: datetime | None) -> ExportRun:
    out = folder / f"export.{fmt}"
    done = subprocess.run([sys.executable, "-c", _CHILD, url, fmt, str(out), since.isoformat() if since else "-"],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"export {fmt} failed: {done.stderr.strip().splitlines()[-1:]}")
    rows, seconds, peak, size = done.stdout.split()
    out.unlink()
    return ExportRun(fmt, int(rows), float(seconds), float(peak), int(size) / 2**20)


# ---------------------------------------------------------------------------
# the other reading commands: stats, speakers, quotes, Datasette's canned queries

SURNAMES = "赵钱孙李周吴郑王"
GIVEN = ("建华", "立新", "文静", "海燕", "志强")
SPEAKERS = tuple(s + g for s in SURNAMES for g in GIVEN)  # 40 invented names


def ensure_quotes(engine: Engine, batch: int = 20_000) -> int:
    """Give every second article one quote (speakers cycling through ``SPEAKERS``) when the archive has
    none, so ``speakers`` and ``quotes`` have rows to rank: INSERT … SELECT in the database, ``batch``
    articles per transaction, ANALYZE every few (the tally triggers of migration 0010 run per quote, with
    plans cached from the statistics of the moment: one 500,000-row statement into an empty table ran
    > 10 min on PostgreSQL; re-analyzed batches 0.04 ms a quote at 50,000)."""
    with engine.connect() as conn:
        have = conn.execute(text("SELECT count(*) FROM quote")).scalar_one()
        if have:
            return int(have)
        last = int(conn.execute(text("SELECT coalesce(max(id), 0) FROM article")).scalar_one())
    record = "CAST('{}' AS json)" if engine.dialect.name == "postgresql" else "'{}'"
    names = " UNION ALL ".join(f"SELECT {i} AS id, '{name}' AS name" for i, name in enumerate(SPEAKERS))
    started = time.perf_counter()
    for low in range(1, last + 1, batch):
        with engine.begin() as conn:
            conn.execute(text(
                "INSERT INTO quote (article_id, position, speaker, speaker_type, cue, quote_type, text, record) "
                f"SELECT a.id, 0, n.name, 'person', '表示', 'direct', substr(a.body, 1, 60), {record} "
                f"FROM article a JOIN ({names}) n ON n.id = a.id % {len(SPEAKERS)} "
                "WHERE a.id % 2 = 0 AND a.id BETWEEN :low AND :high ORDER BY a.id"),
                {"low": low, "high": low + batch - 1})
        if low // batch % 5 == 0:
            # as autovacuum would: the triggers' cached plans are made again from statistics that know the
            # table is no longer empty (with the stale ones a quote cost ~0.05 ms more per 1,000 quotes)
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(text("ANALYZE quote"))
        if low // batch % 10 == 9:
            log(f"  quotes for {low + batch - 1:,} of {last:,} articles ({time.perf_counter() - started:.0f} s)")
    with engine.connect() as conn:
        count = int(conn.execute(text("SELECT count(*) FROM quote")).scalar_one())
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("ANALYZE quote"))
    return count


_COMMANDS_CHILD = """
import contextlib, io, json, sys, time
from newscrawler.cli import main
runs, commands = int(sys.argv[1]), json.loads(sys.argv[2])
out = {}
for name, args in commands.items():
    times = []
    for _ in range(runs + 1):  # the first run (imports, cold caches) is reported apart
        sink = io.StringIO()
        started = time.perf_counter()
        with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(io.StringIO()):
            try:
                main.main(args, standalone_mode=False)
            except SystemExit as exc:
                if exc.code:
                    raise
        times.append((time.perf_counter() - started) * 1000)
    out[name] = times
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(json.dumps({"times": out, "peak_mb": peak / 1024}))
"""

_CANNED_CHILD = """
import json, re, sqlite3, sys, time
from pipelines.db.canned import CANNED_QUERIES, register_functions
path, runs, params = sys.argv[1], int(sys.argv[2]), json.loads(sys.argv[3])
conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
register_functions(conn)
out = {}
for name, query in CANNED_QUERIES.items():
    times = []
    values = {key: "" for key in re.findall(r"(?<!:):([a-z_]+)", query.sql)} | params.get(name, {})
    for _ in range(runs + 1):
        started = time.perf_counter()
        conn.execute(query.sql, values).fetchall()
        times.append((time.perf_counter() - started) * 1000)
    out[name] = times
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(json.dumps({"times": out, "peak_mb": peak / 1024}))
"""


def reading_commands(url: str, runs: int) -> dict[str, list[str]]:
    """The reading commands measured, as ``newscrawler`` arguments (the output goes nowhere)."""
    month = (NOW - timedelta(days=30)).date().isoformat()
    commands = {
        "stats": ["stats"],
        "stats --days 365": ["stats", "--days", "365"],
        "speakers": ["speakers"],
        "speakers --since (30 days)": ["speakers", "--since", month],
        "speakers --site --since": ["speakers", "--site", SITES[3], "--since", month],
        "quotes": ["quotes"],
        f"quotes --speaker {SPEAKERS[7]}": ["quotes", "--speaker", SPEAKERS[7]],
        "quotes --site --since": ["quotes", "--site", SITES[3], "--since", month],
    }
    return {name: [*args, "--db", url] for name, args in commands.items()}


def measure_commands(url: str, runs: int) -> list[tuple[str, list[float], float]]:
    """(command, ms per run, peak RSS MB of its child) for ``reading_commands``, each command in a child
    process of its own: one cold run (imports, caches) first, then ``runs`` timed ones."""
    import json

    out = []
    for name, args in reading_commands(url, runs).items():
        done = subprocess.run([sys.executable, "-c", _COMMANDS_CHILD, str(runs), json.dumps({name: args})],
                              capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise SystemExit(f"{name} failed: {done.stderr.strip().splitlines()[-1:]}")
        result = json.loads(done.stdout)
        out.append((name, result["times"][name], float(result["peak_mb"])))
    return out


def measure_canned(path: str, runs: int) -> tuple[dict[str, list[float]], float]:
    """Every canned query of ``newscrawler browse`` (Datasette, SQLite) with typical values, in one child."""
    import json

    params = {"latest_articles": {"site": ""}, "search": {"q": "经济"},
              "quotes_by_speaker": {"speaker": SPEAKERS[7][:1]}, "copies": {"article": "1"}}
    done = subprocess.run([sys.executable, "-c", _CANNED_CHILD, path, str(runs), json.dumps(params)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"canned queries failed: {done.stderr.strip().splitlines()[-1:]}")
    result = json.loads(done.stdout)
    return result["times"], float(result["peak_mb"])


def p95(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def print_reading_commands(url: str, engine: Engine, runs: int) -> bool:
    """Measure and print the other reading commands; True when each is within 1 s at p95."""
    quotes = ensure_quotes(engine)
    print(f"\n{quotes:,} quotes in the archive (synthetic: one in every second article, 40 invented speakers)\n")
    print("| command | first run ms | runs | p50 ms | p95 ms | max ms | peak RSS MB |\n"
          "|---|---:|---:|---:|---:|---:|---:|")
    ok = True
    for name, (first, *times), peak in measure_commands(url, runs):
        print(f"| {name} | {first:.0f} | {len(times)} | {statistics.median(times):.0f} | {p95(times):.0f} | "
              f"{max(times):.0f} | {peak:.0f} |", flush=True)
        ok = ok and p95(times) <= 1000
    if engine.dialect.name == "sqlite":
        canned, peak = measure_canned(str(engine.url.database), runs)
        print(f"\nDatasette canned queries (SQLite, one child, peak RSS {peak:.0f} MB):\n\n"
              "| canned query | first run ms | runs | p50 ms | p95 ms | max ms |\n|---|---:|---:|---:|---:|---:|")
        for name, (first, *times) in canned.items():
            print(f"| {name} | {first:.0f} | {len(times)} | {statistics.median(times):.0f} | {p95(times):.0f} | "
                  f"{max(times):.0f} |")
            ok = ok and p95(times) <= 1000
    return ok


# ---------------------------------------------------------------------------


def index_sizes(engine: Engine) -> str:
    """Sizes of the search tables and indexes (PostgreSQL: relation sizes incl. TOAST; SQLite: dbstat)."""
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            rows = conn.execute(text(
                "SELECT c.relname, pg_total_relation_size(c.oid) FROM pg_class c "
                "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' "
                "AND c.relkind IN ('r', 'i') AND (c.relname LIKE '%search%' OR c.relname LIKE 'ix_article_%' "
                "OR c.relname IN ('article', 'pk_article')) ORDER BY 2 DESC")).all()
        else:
            try:
                rows = conn.execute(text("SELECT name, sum(pgsize) FROM dbstat WHERE name LIKE '%search%' "
                                         "OR name LIKE 'article_fts%' OR name LIKE 'ix_article_%' "
                                         "OR name = 'article' GROUP BY name ORDER BY 2 DESC")).all()
            except Exception:  # SQLite built without dbstat
                return ""
    return "\n".join(f"| {name} | {size / 2**20:,.1f} |" for name, size in rows)


def run_backend(backend: Backend, pool: Pool, n: int, shapes: dict[str, list[str]], repeat: int,
                folder: Path, export: Callable[[str], list[tuple[ExportRun, ExportRun, ExportRun]]] | None,
                explain_slowest: int = 0, reuse: str | None = None, keep: bool = False,
                skip_search: bool = False, commands: bool = True, hits: Path | None = None,
                compare: Path | None = None) -> bool:
    log(f"{backend.name}: {'measuring ' + reuse if reuse else f'loading {n:,} articles'}")
    with archive(backend, pool, n, reuse, keep) as (url, engine, seconds):
        size = backend.size(engine) / 2**20
        loaded = (f"{n:,} articles loaded in {seconds:.0f} s ({n / seconds:,.0f} articles/s with tokens and "
                  f"index)" if seconds else "archive reused")
        print(f"\n### {backend.name} {backend.note}\n\n{loaded}; archive {size:,.0f} MB\n")
        sizes = index_sizes(engine)
        if sizes:
            print(f"| table or index | MB |\n|---|---:|\n{sizes}\n")
        passed = True
        if not skip_search:
            passed = search_table(backend, engine, shapes, repeat, explain_slowest, hits, compare)
        if commands:
            passed = print_reading_commands(url, engine, max(repeat, 5)) and passed
        if export is not None:
            pairs = export(url)
            print("\n| export | rows 10 % / 100 % | rows/s at 100 % | file MB at 100 % "
                  "| peak RSS MB 0 rows / 10 % / 100 % | ratio 100 % / 10 % |\n|---|---:|---:|---:|---:|---:|")
            for empty, small, full in pairs:
                ratio = full.peak_mb / small.peak_mb
                print(f"| {full.fmt} | {small.rows:,} / {full.rows:,} | {full.rows / full.seconds:,.0f} | "
                      f"{full.size_mb:,.0f} | {empty.peak_mb:.0f} / {small.peak_mb:.0f} / {full.peak_mb:.0f} "
                      f"| {ratio:.2f} |")
                passed = passed and ratio <= 1.3 if backend.name == "SQLite" else passed
        return passed


def search_table(backend: Backend, engine: Engine, shapes: dict[str, list[str]], repeat: int,
                 explain_slowest: int, hits: Path | None = None, compare: Path | None = None) -> bool:
    """Measure and print every search shape and its count; True when every p95 meets the backend's
    target. ``hits`` receives the ids found (JSON), ``compare`` is another backend's such file."""
    import json

    found: dict[str, list[int]] = {}
    latencies, slowest = measure_search(engine, shapes, repeat, found)
    print("| query | runs | p50 ms | p95 ms | max ms | p95 of repeats ms | mean hits |\n"
          "|---|---:|---:|---:|---:|---:|---:|")
    for latency in latencies:
        print(latency.row())
    target = TARGET_MS if backend.name == "PostgreSQL" else SQLITE_TARGET_MS
    worst = max(latencies, key=lambda lat: lat.p95)
    passed = worst.p95 <= target
    print(f"\nTarget: p95 ≤ {target:.0f} ms for every shape on {backend.name}: worst {worst.label} "
          f"{worst.p95:.1f} ms — {'PASS' if passed else 'MISS'}", flush=True)
    warm = max(latencies, key=lambda lat: lat.repeat_p95)
    print(f"Repeats only (each query's index pages read once before): worst {warm.label} "
          f"{warm.repeat_p95:.1f} ms — {'PASS' if warm.repeat_p95 <= target else 'MISS'}", flush=True)
    counts = measure_counts(engine, shapes, repeat, found)
    print(f"\nThe \"showing 20 of N\" count (count_matches, cap {COUNT_CAP:,}, or 1,000 for a one-character word "
          "or a phrase: count_cap; made when a page is full):\n\n"
          "| query | runs | p50 ms | p95 ms | max ms | p95 of repeats ms | mean count |\n"
          "|---|---:|---:|---:|---:|---:|---:|")
    for latency in counts:
        print(latency.row())
    worst = max(counts, key=lambda lat: lat.p95)
    print(f"\nCount: p95 ≤ {target:.0f} ms for every shape: worst {worst.label} {worst.p95:.1f} ms — "
          f"{'PASS' if worst.p95 <= target else 'MISS'}", flush=True)
    passed = passed and worst.p95 <= target
    if hits is not None:
        hits.write_text(json.dumps(found, ensure_ascii=False))
        log(f"{backend.name}: results written to {hits}")
    if compare is not None:
        print("\n" + compare_hits(found, compare, str(compare)), flush=True)
    for latency in sorted(latencies, key=lambda lat: -lat.p95)[:explain_slowest]:
        slow = slowest[latency.label]
        print(f"\n{latency.label}: {slow.query!r} ({slow.ms:.1f} ms)\n\n```\n{explain(engine, slow)}\n```",
              flush=True)
    return passed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--pg-url", default="postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--skip-pg", action="store_true")
    parser.add_argument("--skip-export", action="store_true")
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--explain", type=int, default=0, metavar="N",
                        help="EXPLAIN the ranking query of the N slowest shapes")
    parser.add_argument("--keep", action="store_true", help="keep the loaded archives (their URLs are logged)")
    parser.add_argument("--reuse", metavar="URL", help="measure this kept archive instead of loading one "
                        "(only the backend of the URL runs); pending migrations are applied first and timed")
    parser.add_argument("--skip-search", action="store_true", help="do not measure the search shapes")
    parser.add_argument("--rerun", metavar="REVISION", action="append", default=[],
                        help="with --reuse: run this migration's row pass again on the kept archive and time it "
                             "(only a pass marked rerunnable, e.g. 0004); repeatable")
    parser.add_argument("--skip-commands", action="store_true",
                        help="do not measure stats, speakers, quotes and the canned queries")
    parser.add_argument("--hits", type=Path, metavar="FILE",
                        help="write the ids every search returned and every count (JSON), for --compare; "
                             "measuring both backends in one run writes FILE-sqlite and FILE-postgresql")
    parser.add_argument("--compare", type=Path, metavar="FILE",
                        help="compare the results with another backend's --hits file (same archive size)")
    args = parser.parse_args()
    if args.rerun and not args.reuse:
        parser.error("--rerun needs --reuse URL (a kept archive at the newest revision)")
    if args.compare is not None and not args.compare.is_file():
        parser.error(f"--compare: no such file: {args.compare} (write one with --hits first)")

    pages, source = load_pages()
    pool = Pool.from_pages(pages)
    shapes = query_shapes(pool)
    print(f"# Search benchmark\n\nsource: {source}: {len(pages)} pages, {len(pool.paragraphs):,} paragraphs; "
          + (f"kept archive {args.reuse}" if args.reuse else f"{args.articles:,} synthetic articles"))
    for shape, chosen in shapes.items():
        print(f"{shape}: {' / '.join(chosen)}")
    since = NOW - timedelta(days=365 * 0.1)

    with tempfile.TemporaryDirectory(prefix="newscrawler-search-") as tmp:
        folder = Path(tmp)

        def export(url: str) -> list[tuple[ExportRun, ExportRun, ExportRun]]:
            # 0 rows: what the interpreter and its imports take, so the growth with the row count shows
            return [(measure_export(url, fmt, folder, NOW + timedelta(days=1)),
                     measure_export(url, fmt, folder, since), measure_export(url, fmt, folder, None))
                    for fmt in ("jsonl", "csv", "parquet")]

        backends = []
        if args.reuse:
            backends.append(pg_backend(args.pg_url) if args.reuse.startswith("postgresql")
                            else sqlite_backend(folder))
        else:
            if not args.skip_sqlite:
                backends.append(sqlite_backend(Path(tempfile.mkdtemp(prefix="newscrawler-search-")) if args.keep
                                               else folder))
            if not args.skip_pg:
                backends.append(pg_backend(args.pg_url))
        for revision in args.rerun:
            timed_rerun(args.reuse, revision)
        ok = True
        for backend in backends:
            hits = args.hits
            if hits is not None and len(backends) > 1:  # one file per backend, never one over the other
                hits = hits.with_name(f"{hits.stem}-{backend.name.lower()}{hits.suffix}")
            ok = run_backend(backend, pool, args.articles, shapes, args.repeat, folder,
                             None if args.skip_export else export, args.explain, args.reuse, args.keep,
                             args.skip_search, not args.skip_commands, hits, args.compare) and ok
    print(f"\nall targets: {'PASS' if ok else 'MISS'}")


if __name__ == "__main__":
    main()
