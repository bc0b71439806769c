#!/usr/bin/env python3
"""Benchmark distributed crawling: articles/s for 1, 2 and 4 workers on one machine, Redis memory per 100k.

    python benchmarks/distributed.py [--pages 1500] [--workers 1,2,4] [--no-baseline] [--settle 60]
                                     [--seen 100000] [--corpus DIR] [--keep]

Needs Redis (``NEWSCRAWLER_BENCH_REDIS_URL``, default ``redis://127.0.0.1:6379/0``) and PostgreSQL
(``NEWSCRAWLER_BENCH_POSTGRES_URL``, default ``postgresql://postgres@127.0.0.1:5432/test``, a server
the benchmark may create databases on): every run gets a fresh database and its own Redis key prefix,
both removed afterwards.

1. Throughput. The portal of ``benchmarks/crawl.py`` (``--pages`` articles under
   ``/news/2023/04/DD/<n>.html``, 8 channels of paginated list pages, article bytes from the corpus
   in ``../shared/corpus`` or else the project's fixture articles × portal templates) served by a
   keep-alive HTTP server in its own process. For each worker count N, N ``scrapy crawl portal -a
   start_urls=<base>/ -s NEWSCRAWLER_REDIS_URL=…`` processes start together into one fresh
   PostgreSQL archive, politeness off (DOWNLOAD_DELAY=0, so the shared rate limit passes every request
   straight through; no AutoThrottle; 16 concurrent requests), and leave when the frontier has been
   empty for 2 s. Articles/s = articles stored / the crawl window, from the first page fetched
   (``min(fetch.fetched_at)``) to the last article written (``max(article.first_seen)``); wall time
   also counts interpreter start-up, migrations and the idle exit. Each run first waits (up to
   ``--settle`` seconds) for other load on the machine to pass. First, as the baseline, one
   ordinary crawl of the same portal into the same kind of archive without Redis. Alongside: CPU seconds of the
   workers (``os.wait4``), of the Redis server (``INFO cpu``) and Redis commands per article
   (``INFO stats``), and how busy the machine's cores were during the run (``/proc/stat``).
2. Memory. ``--seen`` canonical article URLs (the spider's seen-set keys, ~60 bytes each) added to a
   seen set, and as many scrapy-redis fingerprints (40 hex characters) to a duplicate filter:
   ``MEMORY USAGE`` of each key (exact: ``SAMPLES 0``) and the change of ``used_memory``, scaled to
   100k. Plus the size of one queued article request as the frontier stores it (pickled).

A measurement script, not a test: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parents[1]
REDIS_URL = os.environ.get("NEWSCRAWLER_BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
POSTGRES_URL = os.environ.get("NEWSCRAWLER_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
IDLE_SECONDS = 2


def _crawl_bench() -> ModuleType:
    """``benchmarks/crawl.py``: its portal, server and politeness-off settings are reused here."""
    spec = importlib.util.spec_from_file_location("crawl_bench", Path(__file__).with_name("crawl.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["crawl_bench"] = module
    spec.loader.exec_module(module)
    return module


bench = _crawl_bench()
log = bench.log


# --------------------------------------------------------------------------- services


def redis_client() -> Any:
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3)
    try:
        client.ping()
    except redis.RedisError as exc:
        raise SystemExit(f"Redis is not reachable at {REDIS_URL}: {exc}") from exc
    return client


def create_database() -> str:
    import psycopg

    name = f"newscrawler_bench_{uuid.uuid4().hex[:12]}"
    try:
        with psycopg.connect(POSTGRES_URL, autocommit=True, connect_timeout=5) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as exc:
        raise SystemExit(f"PostgreSQL is not reachable at {POSTGRES_URL}: {exc}") from exc
    url = f"{POSTGRES_URL.rsplit('/', 1)[0]}/{name}"
    from pipelines.db.migrate import upgrade

    upgrade(url)  # once, before the workers start (each would otherwise run Alembic on an empty database)
    return url


def drop_database(url: str) -> None:
    import psycopg

    with psycopg.connect(POSTGRES_URL, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')


def delete_keys(client: Any, prefix: str) -> None:
    keys = list(client.scan_iter(f"{prefix}:*"))
    if keys:
        client.delete(*keys)


def cpu_busy() -> tuple[float, float]:
    """(busy, total) jiffies of all cores so far, from /proc/stat."""
    fields = [float(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields) - idle, sum(fields)


def busy_cores(seconds: float) -> float:
    """How many cores were busy on average over the next ``seconds``."""
    before = cpu_busy()
    time.sleep(seconds)
    after = cpu_busy()
    return (after[0] - before[0]) / max(after[1] - before[1], 1) * (os.cpu_count() or 1)


def redis_counters(client: Any) -> tuple[float, int]:
    cpu = client.info("cpu")
    return float(cpu["used_cpu_user"]) + float(cpu["used_cpu_sys"]), int(client.info("stats")["total_commands_processed"])


# --------------------------------------------------------------------------- one distributed crawl


@dataclass
class Run:
    label: str
    workers: int
    articles: int
    window: float
    wall: float
    worker_cpu: float
    redis_cpu: float
    redis_commands: int
    busy_cores: float
    background: float
    """Busy cores in the second before the run (other load on the machine)."""
    article_fetches: int
    distinct_articles_fetched: int
    failures: list[str]

    @property
    def rate(self) -> float:
        return self.articles / self.window if self.window > 0 else 0.0


def settle(limit: float, most: float = 0.3) -> float:
    """Wait up to ``limit`` seconds for other load to fall under ``most`` busy cores; return the last reading."""
    deadline = time.monotonic() + limit
    busy = busy_cores(1.0)
    while busy > most and time.monotonic() < deadline:
        busy = busy_cores(1.0)
    return busy


def crawl(n: int, base: str, workdir: Path, client: Any, distributed: bool = True, wait: float = 0.0) -> Run:
    """N workers crawl the portal into a fresh archive; measured as the module docstring says. Not
    ``distributed``: one ordinary crawl (no Redis), the baseline."""
    import psycopg

    workdir.mkdir(parents=True, exist_ok=True)
    db_url = create_database()
    prefix = f"bench-{uuid.uuid4().hex[:10]}"
    settings = {
        **bench.POLITENESS_OFF, "NEWSCRAWLER_REDIS_URL": REDIS_URL, "NEWSCRAWLER_REDIS_PREFIX": prefix,
        "NEWSCRAWLER_REDIS_IDLE_SECONDS": IDLE_SECONDS, "NEWSCRAWLER_REDIS_LEASE_SECONDS": 10,
        "NEWSCRAWLER_DATABASE_URL": db_url, "LOG_LEVEL": "INFO",
    }
    if not distributed:
        settings = {k: v for k, v in settings.items() if not k.startswith("NEWSCRAWLER_REDIS_")}
    label = f"{n} worker{'s' if n > 1 else ''}" if distributed else "1 process, no Redis"
    log(f"  {label} …")
    background = settle(wait)
    redis_before = redis_counters(client)
    cpu_before = cpu_busy()
    started = time.perf_counter()
    procs: list[tuple[subprocess.Popen[bytes], Path]] = []
    for i in range(n):
        own = {**settings, "NEWSCRAWLER_WARC_DIR": str(workdir / f"warc-{i}"),
               "NEWSCRAWLER_SPOOL_DIR": str(workdir / f"unsaved-{i}")}
        cmd = [sys.executable, "-m", "scrapy", "crawl", "portal", "-a", f"start_urls={base}/"]
        for name, value in own.items():
            cmd += ["-s", f"{name}={value}"]
        log_path = workdir / f"worker-{i}.log"
        with log_path.open("wb") as out:
            procs.append((subprocess.Popen(cmd, cwd=REPO, stdout=out, stderr=subprocess.STDOUT), log_path))
    worker_cpu = 0.0
    failures: list[str] = []
    for proc, log_path in procs:
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        worker_cpu += usage.ru_utime + usage.ru_stime
        if proc.returncode != 0 or "Spider closed (finished)" not in log_path.read_text(errors="replace"):
            failures.append(f"worker log {log_path} (exit {proc.returncode})")
    wall = time.perf_counter() - started
    cpu_after, redis_after = cpu_busy(), redis_counters(client)
    try:
        with psycopg.connect(db_url) as conn:
            row = conn.execute('SELECT (SELECT count(*) FROM article), EXTRACT(EPOCH FROM (SELECT max(first_seen) '
                               'FROM article) - (SELECT min(fetched_at) FROM "fetch"))').fetchone()
            fetched = conn.execute("SELECT count(*), count(DISTINCT url) FROM \"fetch\" WHERE url LIKE '%/news/%'"
                                   ).fetchone()
    finally:
        drop_database(db_url)
        delete_keys(client, prefix)
    assert row is not None and fetched is not None
    busy = (cpu_after[0] - cpu_before[0]) / max(cpu_after[1] - cpu_before[1], 1) * (os.cpu_count() or 1)
    run = Run(label, n, int(row[0]), float(row[1] or 0), wall, worker_cpu, redis_after[0] - redis_before[0],
              redis_after[1] - redis_before[1], busy, background, int(fetched[0]), int(fetched[1]), failures)
    log(f"  {label}: {run.articles} articles in {run.window:.1f} s ({run.rate:.1f}/s), {wall:.1f} s wall")
    return run


# --------------------------------------------------------------------------- Redis memory


def memory_per_100k(client: Any, count: int) -> dict[str, float]:
    """Bytes per 100k entries of the seen set and of the duplicate filter, and bytes per queued request."""
    import hashlib
    import pickle

    from scrapy import Request

    def url(i: int) -> str:
        return f"https://news.example.com.cn/2023/{1 + i % 12:02d}{1 + i % 28:02d}/c1001-{32000000 + i}.html"

    def fingerprint(i: int) -> str:
        return hashlib.sha1(str(i).encode()).hexdigest()

    prefix = f"bench-{uuid.uuid4().hex[:10]}"
    out: dict[str, float] = {}
    members: list[tuple[str, Callable[[int], str]]] = [
        ("seen set (canonical article URLs)", url), ("duplicate filter (sha1 fingerprints)", fingerprint)]
    try:
        for name, member in members:
            key = f"{prefix}:site:{name.split()[0]}"
            before = int(client.info("memory")["used_memory"])
            for start in range(0, count, 10_000):
                client.sadd(key, *(member(i) for i in range(start, min(start + 10_000, count))))
            used = int(client.info("memory")["used_memory"]) - before
            usage = int(client.memory_usage(key, samples=0) or 0)
            out[f"{name}: MEMORY USAGE"] = usage * 100_000 / count
            out[f"{name}: used_memory change"] = used * 100_000 / count
    finally:
        delete_keys(client, prefix)
    request = Request("https://news.example.com.cn/2023/0417/c1001-32000000.html", dont_filter=True,
                      meta={"depth": 3, "download_slot": "news.example.com.cn"})
    out["one queued article request (pickled), bytes"] = len(pickle.dumps(request.to_dict(), protocol=-1)) + 30
    return out


# --------------------------------------------------------------------------- report


def print_runs(runs: list[Run], pages: int, lists: int, source: str) -> None:
    print(f"\n### Articles/s by number of workers ({pages} articles, {lists} list pages, article bytes from "
          f"{source}; one PostgreSQL archive; politeness off)\n")
    print("| crawl | articles stored | article pages fetched (distinct) | crawl s | articles/s | speed-up "
          "| wall s | worker CPU s | CPU ms/article | Redis CPU s | Redis cmds/article | busy cores | busy before |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    one = next((r.rate for r in runs if r.label == "1 worker"), runs[0].rate if runs else 0.0)
    for r in runs:
        print(f"| {r.label} | {r.articles} | {r.article_fetches} ({r.distinct_articles_fetched}) | {r.window:.1f} | "
              f"{r.rate:.1f} | {r.rate / one if one else 0:.2f}× | {r.wall:.1f} | {r.worker_cpu:.1f} | "
              f"{1000 * r.worker_cpu / max(r.articles, 1):.1f} | {r.redis_cpu:.2f} | "
              f"{r.redis_commands / max(r.articles, 1):.1f} | {r.busy_cores:.2f} | {r.background:.2f} |")
    print(f"\nBusy cores: of the machine's {os.cpu_count()}, averaged over the run (every process, server and "
          "PostgreSQL included); busy before: the second before the run, i.e. load that was not ours (each run "
          "waits up to --settle seconds for it to pass); with other load the rates are low and the speed-ups "
          "small. Worker CPU includes each interpreter's start-up. Redis counters are server-wide. "
          "An article page the extractor does not call an article is fetched but not stored. Speed-up: "
          "against 1 worker.")
    for r in runs:
        for failure in r.failures:
            print(f"\n**{r.label}: a worker did not finish cleanly**: {failure}")
        if r.distinct_articles_fetched != pages or r.article_fetches != pages:
            print(f"\n**{r.label}: {r.article_fetches} fetches of {r.distinct_articles_fetched} of "
                  f"{pages} article pages**")


def print_memory(memory: dict[str, float], count: int) -> None:
    print(f"\n### Redis memory per 100k entries (measured with {count} entries)\n")
    print("| what | bytes per 100k | MB per 100k |\n| --- | ---: | ---: |")
    for name, value in memory.items():
        if name.startswith("one queued"):
            continue
        print(f"| {name} | {value:,.0f} | {value / 2**20:.1f} |")
    print(f"\nOne queued article request as the frontier stores it: ≈ {memory['one queued article request (pickled), bytes']:.0f} "
          "bytes (a list page or a multi-page article's continuation, which carries the pages so far, more).")


NOTE = """
### What limits scaling here

The machine has 2 cores, and each worker is CPU-bound: a Scrapy process runs its parsing, extraction
and pipeline stages on one thread, and so does the PostgreSQL backend that commits its batches, while
the portal server needs its share too. A second worker therefore adds at most the second core; a
fourth only time-slices the same two (more processes, same CPU: the busy-cores column says how close
to 2 the run came), plus context switches and more memory. Redis is not the limit: a few commands
per article at well under a millisecond of Redis CPU each. On several machines, workers add
throughput until PostgreSQL's commits or the sites' politeness (the shared per-domain rate limit,
off here) bound it: with politeness on, one site is crawled no faster than one request per
DOWNLOAD_DELAY however many workers share it, and workers help by crawling many sites at once.
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("--pages", type=int, default=1500, help="article pages of the portal")
    parser.add_argument("--workers", default="1,2,4", help="worker counts to run, comma-separated")
    parser.add_argument("--no-baseline", action="store_true", help="skip the ordinary one-process crawl")
    parser.add_argument("--settle", type=float, default=60.0,
                        help="seconds to wait, before each run, for other load on the machine to pass")
    parser.add_argument("--seen", type=int, default=100_000, help="entries added for the memory measurement")
    parser.add_argument("--corpus", type=Path, default=bench.CORPUS, help="corpus root (default ../shared/corpus)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args(argv)

    client = redis_client()
    create_check = create_database()
    drop_database(create_check)
    bodies, source = bench.article_bodies(args.corpus)
    tmp = Path(tempfile.mkdtemp(prefix="newscrawler-distributed-bench-"))
    started = time.perf_counter()
    try:
        portal = bench.build_portal(tmp / "portal", args.pages, bodies, source)
        log(f"portal: {len(portal.articles)} articles, {len(portal.lists)} list pages under {tmp / 'portal'}")
        runs: list[Run] = []
        with bench.serving(portal.root) as server:
            if not args.no_baseline:
                runs.append(crawl(1, server.base, tmp / "baseline", client, distributed=False, wait=args.settle))
            for n in (int(x) for x in args.workers.split(",") if x.strip()):
                runs.append(crawl(n, server.base, tmp / f"workers-{n}", client, wait=args.settle))
        log("Redis memory …")
        memory = memory_per_100k(client, args.seen)
    finally:
        if args.keep:
            log(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    print_runs(runs, len(portal.articles), len(portal.lists), portal.source)
    print_memory(memory, args.seen)
    print(NOTE)
    print(f"Total benchmark time {time.perf_counter() - started:.0f} s.")
    complete = all(r.distinct_articles_fetched == r.article_fetches == len(portal.articles) for r in runs)
    return 0 if complete and not any(r.failures for r in runs) else 1


if __name__ == "__main__":
    raise SystemExit(main())
