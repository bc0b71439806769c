"""Scheduled crawls: which sites are due, one crawl at a time, and a long-running scheduler.

``newscrawler crawl --due`` (run by cron or a systemd timer) and ``newscrawler serve`` are thin
commands over this module; ``docs/scheduling.md`` shows how to install either.

Due
    A configured site is due when it has never finished a crawl, or when its *effective interval*
    has elapsed since the start of its last successful run (``repository.last_runs``: the latest
    ``crawl_run`` of the site with status ``finished``; failed, interrupted and still-running runs do
    not count). The start, not the end, is the anchor so a schedule does not drift by the length of
    each crawl, and a check up to :data:`DUE_SLACK` seconds early counts as due so a crawl that
    started a few seconds after the previous cron tick is not pushed back a whole tick.
    Profiles whose start URLs are relative to a run-time base URL (the demo portal's) are only
    crawled when named.

Adaptive polling
    Feeds and list pages of a site that rarely changes are polled less often: the effective interval
    is ``profile.interval × factor``, where the factor doubles after each finished run of the site
    that stored no new article (``stats["newscrawler/store/new"]`` absent or 0), up to
    :data:`MAX_FACTOR`, and is back to 1 after a run that stored one. It is computed from the
    ``crawl_run`` history alone (the newest finished runs of the site), so no table is needed and
    deleting history resets it.

Lock
    The lock belongs to the archive, not to the working directory, so two cron jobs started from
    different folders never crawl one archive at once (:func:`archive_lock`). For a SQLite archive
    it is :class:`CrawlLock`, an exclusive ``fcntl.flock`` on ``crawl.lock`` beside the database file
    (``data/crawl.lock`` for the default ``data/news.db``); for PostgreSQL it is
    :class:`AdvisoryLock`, a session-level ``pg_try_advisory_lock`` held on its own connection, whose
    holder is found through ``pg_stat_activity`` (its ``application_name`` names pid and start). The file
    holds one line, ``"<pid> <ISO 8601 start time>"``, while it is held and is emptied on release.
    The kernel releases a flock when its holder dies, however it dies (SIGKILL included), so a lock
    left by a dead process is simply acquired again; finding the dead holder's line still in the
    file is how a take-over is noticed and logged. flock is per host: do not share the data directory
    over NFS between machines.

One crawl per process
    Scrapy's Twisted reactor cannot be restarted, so :func:`run_due` crawls at most once per process
    (all due sites in one Scrapy process). :func:`serve` therefore never crawls in its own process:
    each scheduled check runs ``newscrawler crawl --due`` as a subprocess.
"""

from __future__ import annotations

import fcntl
import logging
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from newscrawler.outcome import finish_reason
from newscrawler.sites import SiteProfile

log = logging.getLogger(__name__)

__all__ = [
    "DEFAULT_LOCK",
    "DUE_SLACK",
    "JOB_TABLE",
    "MAX_FACTOR",
    "CrawlLock",
    "DueReport",
    "DueSite",
    "LockHeld",
    "SiteResult",
    "adaptive_factor",
    "due_plan",
    "due_sites",
    "run_due",
    "serve",
]

DEFAULT_LOCK = Path("data/crawl.lock")
"""The lock file of the default archive ``data/news.db`` (see :func:`archive_lock`)."""
LOCK_NAME = "crawl.lock"
"""The lock file's name, beside a SQLite archive."""
ADVISORY_KEY = 0x6E657773  # "news": the advisory lock number of ``crawl --due`` in a PostgreSQL archive
APPLICATION_NAME = "newscrawler crawl --due"
MAX_FACTOR = 8
"""The adaptive factor's cap: a quiet site is still crawled at least every 8 intervals."""
DUE_SLACK = 60.0
"""Seconds early a check may be and still find a site due (cron ticks and crawl start-up jitter)."""
NEW_ARTICLES = "newscrawler/store/new"
"""The crawl stat that counts articles stored for the first time."""
JOB_TABLE = "apscheduler_jobs"
"""The table ``serve`` keeps its APScheduler job in (in the archive; excluded from Alembic's checks)."""
JOB_ID = "newscrawler-due"
STOP_GRACE = 30.0
"""Seconds ``serve`` waits for a crawl it asked to stop (SIGTERM, Scrapy's graceful shutdown) before killing it."""
CRAWL_DUE = ("-c", "from newscrawler.cli import main; main()", "crawl", "--due")
"""The subprocess ``serve`` runs (after ``sys.executable``): ``newscrawler crawl --due`` of this interpreter."""
WATCH_DUE = ("-c", "from newscrawler.cli import main; main()", "watch")
"""The subprocess ``serve`` runs after each ``crawl --due`` (unless ``--no-watch``): ``newscrawler watch``."""


# --------------------------------------------------------------------------- due sites


@dataclass(frozen=True, slots=True)
class DueSite:
    """One site's schedule at ``now``: its last successful start, adaptive factor and next due time."""

    name: str
    last_started: datetime | None
    factor: int
    interval: float
    """The effective interval in seconds (profile interval × factor)."""
    due: bool

    @property
    def next_due(self) -> datetime | None:
        """When the site becomes due (None: due now because it never finished a run)."""
        if self.last_started is None:
            return None
        return self.last_started + timedelta(seconds=self.interval)


def adaptive_factor(history: Iterable[Mapping[str, Any]]) -> int:
    """The interval factor from a site's finished runs' stats, newest first: 2**(runs in a row with no
    new article), capped at :data:`MAX_FACTOR`; 1 when the newest run stored a new article."""
    factor = 1
    for stats in history:
        if int(stats.get(NEW_ARTICLES) or 0) > 0 or factor >= MAX_FACTOR:
            break
        factor *= 2
    return min(factor, MAX_FACTOR)


def _history(session: Any, site: str) -> list[dict[str, Any]]:
    """Stats of the site's newest finished runs, newest first (only as many as the factor can use)."""
    from pipelines.storage import finished_run_stats

    depth = MAX_FACTOR.bit_length()  # 8 = 2**3 needs 3 quiet runs; one more shows where the streak ends
    return finished_run_stats(session, site, depth)


def _aware(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError(f"naive datetime: {moment!r} (give a timezone-aware time)")
    return moment


def due_plan(db_url: str, profiles: Mapping[str, SiteProfile], now: datetime,
             names: Iterable[str] | None = None) -> list[DueSite]:
    """Each candidate site's schedule at ``now``, in name order.

    Candidates are ``names`` when given (they must be keys of ``profiles``), otherwise every profile
    that does not need a run-time base URL. The archive must exist (``newscrawler db upgrade``).
    """
    from pipelines.storage import last_runs, make_engine, session_factory

    now = _aware(now)
    chosen = sorted(set(names)) if names else sorted(n for n, p in profiles.items() if not p.needs_base_url)
    unknown = [n for n in chosen if n not in profiles]
    if unknown:
        raise ValueError(f"unknown site {unknown[0]!r}; configured sites: {', '.join(sorted(profiles))}")
    engine = make_engine(db_url)
    plan: list[DueSite] = []
    try:
        with session_factory(engine)() as session:
            last = last_runs(session)
            for name in chosen:
                run = last.get(name)
                factor = adaptive_factor(_history(session, name)) if run else 1
                interval = profiles[name].interval * factor
                started = run.started_at if run else None
                due = started is None or (now - started).total_seconds() >= interval - DUE_SLACK
                plan.append(DueSite(name, started, factor, interval, due))
    finally:
        engine.dispose()
    return plan


def due_sites(db_url: str, profiles: Mapping[str, SiteProfile], now: datetime,
              names: Iterable[str] | None = None) -> list[str]:
    """Names of the sites due at ``now`` (see the module docstring), sorted."""
    return [site.name for site in due_plan(db_url, profiles, now, names) if site.due]


# --------------------------------------------------------------------------- the lock


class LockHeld(RuntimeError):
    """Another process holds the crawl lock; ``pid`` and ``since`` are what its lock file says (None
    when it has not written them yet)."""

    def __init__(self, pid: int | None, since: str | None, path: Path) -> None:
        self.pid, self.since, self.path = pid, since, path
        super().__init__(f"another crawl is running (pid {pid if pid is not None else '?'} since {since or '?'})")


def _read_holder(fd: int) -> tuple[int | None, str | None]:
    """The ``(pid, since)`` written in a lock file ((None, None) when it is empty or unreadable)."""
    text = os.pread(fd, 200, 0).decode("ascii", "replace").strip()
    pid_text, _, since = text.partition(" ")
    return (int(pid_text), since or None) if pid_text.isdigit() else (None, None)


class CrawlLock:
    """An exclusive, non-blocking lock on ``path`` for the length of a ``with`` block.

    Raises :class:`LockHeld` at once when another process (or another ``CrawlLock`` on the same file)
    holds it. ``stale`` is the ``(pid, since)`` of a dead holder whose lock was taken over, else None.
    """

    def __init__(self, path: str | Path = DEFAULT_LOCK) -> None:
        self.path = Path(path)
        self.stale: tuple[int | None, str | None] | None = None
        self._fd: int | None = None

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)  # not inherited by subprocesses (PEP 446)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            pid, since = _read_holder(fd)
            os.close(fd)
            raise LockHeld(pid, since, self.path) from None
        pid, since = _read_holder(fd)
        if pid is not None:  # a holder releases by emptying the file: this one died holding it
            self.stale = (pid, since)
            log.warning("taking over the crawl lock %s left by pid %d (since %s), which is no longer running",
                        self.path, pid, since or "?")
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()} {datetime.now(UTC).isoformat(timespec='seconds')}\n".encode(), 0)
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        os.ftruncate(self._fd, 0)
        fcntl.flock(self._fd, fcntl.LOCK_UN)
        os.close(self._fd)
        self._fd = None

    def __enter__(self) -> CrawlLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


class AdvisoryLock:
    """``crawl --due``'s lock in a PostgreSQL archive: ``pg_try_advisory_lock`` on a connection of its own,
    held for the ``with`` block (released by PostgreSQL when the holder dies, however it dies).

    Raises :class:`LockHeld` at once when another session holds it; the holder's pid and start are read
    from its ``application_name`` (``"newscrawler crawl --due <pid> <ISO start>"``).
    """

    def __init__(self, db_url: str, key: int = ADVISORY_KEY, name: str = APPLICATION_NAME) -> None:
        self.db_url = db_url
        self.key, self.name = key, name
        """The advisory lock number and the holder's ``application_name`` prefix (``watch`` has its own)."""
        self._held: Any = None

    def acquire(self) -> None:
        from pipelines.storage import try_advisory_lock

        since = datetime.now(UTC).isoformat(timespec="seconds")
        got = try_advisory_lock(self.db_url, self.key, f"{self.name} {os.getpid()} {since}")
        if not isinstance(got, str):
            self._held = got
            return
        parts = got.removeprefix(self.name).split()
        pid = int(parts[0]) if parts and parts[0].isdigit() else None
        raise LockHeld(pid, parts[1] if len(parts) > 1 else None, Path(f"advisory lock {self.key}"))

    def release(self) -> None:
        held, self._held = self._held, None
        if held is not None:
            held.release()

    def __enter__(self) -> AdvisoryLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def archive_lock(db_url: str, lock_path: str | Path | None = None, *, name: str = LOCK_NAME, key: int = ADVISORY_KEY,
                 application: str = APPLICATION_NAME) -> CrawlLock | AdvisoryLock:
    """The ``crawl --due`` lock of the archive at ``db_url``: a file lock beside a SQLite file (or at
    ``lock_path`` when given), a PostgreSQL advisory lock otherwise. Another kind of run takes its own lock
    of the same kind with its own file ``name``, advisory ``key`` and ``application`` name."""
    from pipelines.storage import locate

    if lock_path is not None:
        return CrawlLock(lock_path)
    where = locate(db_url)
    if where.backend == "postgresql":
        return AdvisoryLock(db_url, key=key, name=application)
    if where.file is None:
        return CrawlLock(DEFAULT_LOCK.with_name(name))
    return CrawlLock(where.file.parent / name)


# --------------------------------------------------------------------------- one due run

@dataclass(frozen=True, slots=True)
class SiteResult:
    """One crawled site: its Scrapy finish reason (``"no result"`` when the crawl never opened) and stats."""

    site: str
    reason: str
    stats: dict[str, Any] = field(default_factory=dict)

    @property
    def failure(self) -> str | None:
        """Why this site's crawl failed (:func:`newscrawler.outcome.failure`), or None."""
        from newscrawler.outcome import failure

        return failure(self.stats, self.reason)

    @property
    def ok(self) -> bool:
        return self.failure is None


@dataclass(frozen=True, slots=True)
class DueReport:
    """What ``run_due`` did: the schedule it computed and the result of each site it crawled."""

    plan: tuple[DueSite, ...]
    results: tuple[SiteResult, ...]
    watch: dict[str, Any] | None = None
    """The final stats of the re-visits run beside the crawls (``watch=True``), else None."""

    @property
    def ran(self) -> tuple[str, ...]:
        return tuple(r.site for r in self.results)

    @property
    def failed(self) -> tuple[SiteResult, ...]:
        return tuple(r for r in self.results if not r.ok)


_crawled = False


def run_due(db_url: str, now: datetime, names: Iterable[str] | None = None,
            settings: dict[str, Any] | None = None, *, profiles: Mapping[str, SiteProfile] | None = None,
            base_url: str | None = None, recrawl_after: str | None = None,
            lock_path: str | Path | None = None, console: logging.Handler | None = None,
            watch: bool = False) -> DueReport:
    """Take the archive's lock (``lock_path`` overrides where a file lock lives), find the due sites (among ``names`` when given) and crawl them in one Scrapy process.

    ``settings`` are Scrapy settings on top of the project's (``NEWSCRAWLER_DATABASE_URL`` is set to
    ``db_url``); ``profiles`` default to the configured ones (shipped + ``NEWSCRAWLER_SITES_DIR``).
    Raises :class:`LockHeld`, ``ProfileError`` (a named site needs ``base_url``), SQLAlchemy errors.
    ``console`` is a logging handler added for the crawl (the command's quiet console). ``watch`` also
    runs the due re-visits of the due sites' archived articles (``newscrawler.watch``) in the same process.
    Call it once per process: Scrapy's reactor cannot run twice.
    """
    from scrapy.utils.project import get_project_settings

    from newscrawler.profiles import configured_profiles

    global _crawled
    project = get_project_settings()
    project.setdict(settings or {}, priority="cmdline")
    if profiles is None:
        profiles = configured_profiles(project.get("NEWSCRAWLER_SITES_DIR"))
    with archive_lock(db_url, lock_path):
        if project.getbool("NEWSCRAWLER_AUTO_MIGRATE", True):
            from pipelines.storage import upgrade

            upgrade(db_url)
        plan = due_plan(db_url, profiles, now, names)
        due = [site.name for site in plan if site.due]
        for site in plan:
            log.info("site %s: %s (factor x%d)", site.name, "due" if site.due else f"next due {site.next_due}",
                     site.factor)
        if not due:
            return DueReport(tuple(plan), ())
        for name in due:
            profiles[name].resolved(base_url)  # a named demo-like site without --base-url fails here, not in Scrapy
        if _crawled:
            raise RuntimeError("run_due crawls once per process (Scrapy's reactor cannot be restarted)")
        _crawled = True
        from newscrawler.crawl import run_crawl

        watched: list[Any] = []

        def add_watch(process: Any) -> None:
            from newscrawler.watch.plan import Subset
            from newscrawler.watch.run import add_watch as add

            watched.append(add(process, Subset(sites=tuple(due))))

        all_stats = run_crawl(due, settings={**(settings or {}), "NEWSCRAWLER_DATABASE_URL": db_url},
                              base_url=base_url, recrawl_after=recrawl_after, console=console,
                              before_start=add_watch if watch else None)
    results = tuple(SiteResult(name, finish_reason(stats), stats) for name, stats in zip(due, all_stats, strict=True))
    return DueReport(tuple(plan), results, watched[0]() if watched else None)


# --------------------------------------------------------------------------- serve


class _Children:
    """The crawl subprocesses ``serve`` has running, so a stop can end them (shared with the job thread)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.running: set[subprocess.Popen[bytes]] = set()
        self.stopping = False


_children = _Children()


def check_due_subprocess(db_url: str, watch: bool = False) -> int | None:
    """The scheduled job: run ``newscrawler crawl --due`` on ``db_url`` in a new process and wait for it;
    then, with ``watch``, ``newscrawler watch`` the same way (the re-visits that are due, after the crawls,
    so the two never load a portal at once; each takes its own lock of the archive).

    Returns the crawl's exit status (None when ``serve`` is stopping and nothing was started). Each child
    gets its own session so a Ctrl-C at the terminal reaches only ``serve``, which forwards one SIGTERM
    (a second signal would make Scrapy stop uncleanly).
    """
    status = _run_child(CRAWL_DUE, db_url, "crawl --due", "checking for due sites",
                        {0: "done", 1: "a crawl failed", 3: "another crawl is running"})
    if watch and status is not None:
        _run_child(WATCH_DUE, db_url, "watch", "re-visiting the due watched articles",
                   {0: "done", 1: "the watch run failed", 3: "another watch run is running"})
    return status


def _run_child(args: tuple[str, ...], db_url: str, what: str, doing: str, meanings: dict[int, str]) -> int | None:
    with _children.lock:
        if _children.stopping:
            return None
        log.info(doing)
        proc = subprocess.Popen([sys.executable, *args], start_new_session=True,
                                env={**os.environ, "NEWSCRAWLER_DATABASE_URL": db_url})  # no password in ps
        _children.running.add(proc)
    try:
        status = proc.wait()
    finally:
        with _children.lock:
            _children.running.discard(proc)
    meaning = meanings.get(status, "error")
    log.log(logging.INFO if status in (0, 3) else logging.WARNING, "%s exited %d (%s)", what, status, meaning)
    return status


def _stop_children(grace: float) -> None:
    with _children.lock:
        _children.stopping = True
        running = list(_children.running)
    for proc in running:
        log.info("asking the running crawl (pid %d) to stop", proc.pid)
        proc.send_signal(signal.SIGTERM)
    for proc in running:
        try:
            proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            log.warning("crawl pid %d still running after %gs: killing it", proc.pid, grace)
            proc.kill()
            proc.wait()


def serve(db_url: str, check_every: float = 300, stop_event: threading.Event | None = None, *,
          grace: float = STOP_GRACE, watch: bool = False) -> None:
    """Check for due sites every ``check_every`` seconds until ``stop_event`` is set (and, with ``watch``,
    re-visit the due watched articles after each check: :func:`check_due_subprocess`).

    APScheduler 3's ``BackgroundScheduler`` keeps one interval job (:data:`JOB_ID`, first run at once,
    ``coalesce=True``, ``max_instances=1``: checks never overlap and missed ones collapse into one) in
    an ``SQLAlchemyJobStore`` table :data:`JOB_TABLE` of the archive. Each run is a subprocess (see
    :func:`check_due_subprocess`). On stop, the running crawl is sent SIGTERM and given ``grace``
    seconds to close cleanly (its run is recorded as ``shutdown``) before it is killed; then the
    scheduler shuts down, waiting for its job thread. The caller turns SIGTERM/SIGINT into ``stop_event``.
    """
    from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore  # type: ignore[import-untyped]
    from apscheduler.schedulers.background import BackgroundScheduler  # type: ignore[import-untyped]

    from pipelines.storage import make_engine

    stop = stop_event or threading.Event()
    with _children.lock:
        _children.stopping = False
    engine = make_engine(db_url)  # the archive's engine: WAL and busy timeout on SQLite
    scheduler = BackgroundScheduler(
        jobstores={"default": SQLAlchemyJobStore(engine=engine, tablename=JOB_TABLE)},
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
        timezone=UTC,
    )
    # added before start so a job left in the table by an earlier serve is replaced, never run with old args
    scheduler.add_job(check_due_subprocess, "interval", seconds=check_every, args=[db_url, watch], id=JOB_ID,
                      replace_existing=True, next_run_time=datetime.now(UTC))
    scheduler.start()
    try:
        log.info("serving: checking for due sites every %gs (jobs in %s)", check_every, JOB_TABLE)
        while not stop.wait(1.0):
            pass
        log.info("stopping")
    finally:
        _stop_children(grace)
        scheduler.shutdown(wait=True)
        engine.dispose()
