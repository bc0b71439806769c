"""Scheduled crawls: due sites, the crawl lock, adaptive polling, ``crawl --due``, ``serve`` and the
commands docs/scheduling.md shows (run as written against a temporary archive and a local portal)."""

from __future__ import annotations

import logging
import os
import re
import shlex
import shutil
import signal
import sqlite3
import subprocess
import sys
import sysconfig
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from newscrawler import schedule
from newscrawler.cli import main
from newscrawler.schedule import (
    CrawlLock,
    DueReport,
    LockHeld,
    SiteResult,
    adaptive_factor,
    due_plan,
    due_sites,
    run_due,
)
from newscrawler.sites import SiteProfile, load_profiles
from pipelines.db import repository
from pipelines.db.engine import make_engine, session_factory
from pipelines.db.migrate import check, upgrade

from .conftest import REPO
from .portal_server import portal

NOW = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)
DOCS = (REPO / "docs" / "scheduling.md").read_text(encoding="utf-8")
SCRIPTS = Path(sysconfig.get_path("scripts"))
NEWSCRAWLER = str(SCRIPTS / "newscrawler") if (SCRIPTS / "newscrawler").exists() else shutil.which("newscrawler")


def _profile(name: str, interval: float = 3600.0, start: str = "https://example.cn/") -> SiteProfile:
    return SiteProfile(name=name, domains=("example.cn",), start_urls=(start,), interval=interval)


@pytest.fixture
def archive(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'archive.db'}"
    upgrade(url)
    return url


def _add_run(db_url: str, site: str, started: datetime, *, status: str = "finished", new: int | None = 1,
             took: timedelta = timedelta(minutes=5)) -> None:
    """One synthetic crawl_run row: ``new`` is its newscrawler/store/new count (None: stat absent)."""
    stats = {} if new is None else {"newscrawler/store/new": new}
    engine = make_engine(db_url)
    with session_factory(engine).begin() as session:
        run_id = repository.start_run(session, "portal", {}, started, site=site)
        if status != "running":
            repository.finish_run(session, run_id, status, stats, started + took)
    engine.dispose()


# --------------------------------------------------------------------------- due computation


def test_never_run_sites_are_due_and_a_recent_run_is_not(archive: str) -> None:
    profiles = {"a": _profile("a"), "b": _profile("b"), "c": _profile("c")}
    _add_run(archive, "b", NOW - timedelta(minutes=15), took=timedelta(minutes=5))  # finished 10 minutes ago
    _add_run(archive, "c", NOW - 2 * HOUR)
    assert due_sites(archive, profiles, NOW) == ["a", "c"]
    plan = {site.name: site for site in due_plan(archive, profiles, NOW)}
    assert plan["a"].last_started is None and plan["a"].next_due is None
    assert plan["b"].next_due == NOW - timedelta(minutes=15) + HOUR


def test_failed_interrupted_and_running_runs_do_not_count(archive: str) -> None:
    profiles = {"a": _profile("a")}
    _add_run(archive, "a", NOW - 3 * HOUR)
    _add_run(archive, "a", NOW - timedelta(minutes=30), status="database unavailable")
    _add_run(archive, "a", NOW - timedelta(minutes=20), status="shutdown")
    _add_run(archive, "a", NOW - timedelta(minutes=10), status="running")
    assert due_sites(archive, profiles, NOW) == ["a"]
    _add_run(archive, "a", NOW - timedelta(minutes=5))
    assert due_sites(archive, profiles, NOW) == []


def test_the_interval_runs_from_the_last_start_with_a_minute_of_slack(archive: str) -> None:
    profiles = {"a": _profile("a", interval=2 * 3600)}
    _add_run(archive, "a", NOW - 2 * HOUR + timedelta(seconds=30), took=timedelta(minutes=40))
    assert due_sites(archive, profiles, NOW) == ["a"]  # 30 s early: the cron tick still crawls it
    assert due_sites(archive, profiles, NOW - timedelta(minutes=2)) == []


def test_base_url_profiles_only_when_named_and_names_filter(archive: str) -> None:
    profiles = {"a": _profile("a"), "b": _profile("b"), "demo": _profile("demo", start="/")}
    assert due_sites(archive, profiles, NOW) == ["a", "b"]
    assert due_sites(archive, profiles, NOW, names=["demo", "b"]) == ["b", "demo"]
    _add_run(archive, "b", NOW - timedelta(minutes=1))
    assert due_sites(archive, profiles, NOW, names=["b"]) == []
    with pytest.raises(ValueError, match="unknown site 'nope'"):
        due_sites(archive, profiles, NOW, names=["nope"])
    with pytest.raises(ValueError, match="naive"):
        due_sites(archive, profiles, NOW.replace(tzinfo=None))


# --------------------------------------------------------------------------- adaptive polling


def test_adaptive_factor_doubles_on_quiet_runs_and_resets_on_new_articles() -> None:
    # newest first, as the crawl_run history is read
    assert adaptive_factor([]) == 1
    assert adaptive_factor([{"newscrawler/store/new": 4}]) == 1
    assert adaptive_factor([{}]) == 2  # stat absent: nothing new
    assert adaptive_factor([{"newscrawler/store/new": 0}, {"newscrawler/store/new": 3}, {}]) == 2
    assert adaptive_factor([{}, {}, {"newscrawler/store/new": 1}]) == 4
    assert adaptive_factor([{}] * 3) == 8
    assert adaptive_factor([{}] * 10) == 8  # capped


def test_adaptive_interval_from_the_crawl_run_history(archive: str) -> None:
    profiles = {name: _profile(name) for name in ("quiet", "busy", "woke", "mixed")}
    for i, new in enumerate([5, 0, 0, 0, 0]):  # oldest first: four quiet runs in a row after a busy one
        _add_run(archive, "quiet", NOW - (20 - i) * HOUR, new=new)
    _add_run(archive, "quiet", NOW - 3 * HOUR, new=None)
    for i, new in enumerate([0, 0, 0, 2]):  # quiet, then new articles: back to the profile interval
        _add_run(archive, "busy", NOW - (20 - i) * HOUR, new=new)
    _add_run(archive, "busy", NOW - 90 * timedelta(minutes=1), new=7)
    _add_run(archive, "woke", NOW - 5 * HOUR, new=3)
    _add_run(archive, "woke", NOW - 90 * timedelta(minutes=1), new=0)  # one quiet run: x2
    _add_run(archive, "mixed", NOW - 5 * HOUR, new=0)
    _add_run(archive, "mixed", NOW - 4 * HOUR, new=9, status="shutdown")  # an interrupted run does not reset
    _add_run(archive, "mixed", NOW - 3 * HOUR, new=0)
    plan = {site.name: site for site in due_plan(archive, profiles, NOW)}
    assert {name: site.factor for name, site in plan.items()} == {"quiet": 8, "busy": 1, "woke": 2, "mixed": 4}
    assert plan["quiet"].interval == 8 * 3600
    assert {name for name, site in plan.items() if site.due} == {"busy"}  # 1.5 h since its run, x1
    later = {site.name for site in due_plan(archive, profiles, NOW + 4 * HOUR) if site.due}
    assert later == {"busy", "woke", "mixed"}  # quiet waits 8 h from its last start
    assert "quiet" in due_sites(archive, profiles, NOW + 5 * HOUR)


# --------------------------------------------------------------------------- the lock


def test_second_holder_fails_fast_with_lock_held(tmp_path: Path) -> None:
    path = tmp_path / "data" / "crawl.lock"
    with CrawlLock(path):
        pid, since = path.read_text().split()
        assert int(pid) == os.getpid() and datetime.fromisoformat(since).tzinfo is not None
        refused: list[LockHeld] = []

        def second_holder() -> None:
            try:
                CrawlLock(path).acquire()
            except LockHeld as exc:
                refused.append(exc)

        attempt = threading.Thread(target=second_holder, daemon=True)
        attempt.start()
        attempt.join(timeout=60)  # a lock that waited for its holder would still be waiting (no timer asserted)
        assert not attempt.is_alive() and len(refused) == 1
        held = refused[0]
        assert held.pid == os.getpid() and held.since == since
        assert str(held) == f"another crawl is running (pid {os.getpid()} since {since})"
    assert path.read_text() == ""  # released: emptied, so the next holder sees no dead owner
    with CrawlLock(path) as again:
        assert again.stale is None


def test_lock_of_a_killed_process_is_taken_over(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "data" / "crawl.lock"
    code = ("import sys, time; from newscrawler.schedule import CrawlLock; CrawlLock(sys.argv[1]).acquire(); "
            "print('held', flush=True); time.sleep(120)")
    holder = subprocess.Popen([sys.executable, "-c", code, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(LockHeld) as held:
            CrawlLock(path).acquire()
        assert held.value.pid == holder.pid
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=10)
        if holder.stdout:
            holder.stdout.close()
    assert path.read_text().startswith(f"{holder.pid} ")  # the dead holder's line is still there
    with caplog.at_level(logging.WARNING, logger="newscrawler.schedule"), CrawlLock(path) as lock:
        assert lock.stale is not None and lock.stale[0] == holder.pid
        assert path.read_text().startswith(f"{os.getpid()} ")
    assert f"left by pid {holder.pid}" in caplog.text and "taking over" in caplog.text


# --------------------------------------------------------------------------- run_due and crawl --due in-process


def test_run_due_with_nothing_due_starts_no_crawl(archive: str, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCRAPY_SETTINGS_MODULE", "newscrawler.settings")
    profiles = {"a": _profile("a")}
    _add_run(archive, "a", datetime.now(UTC) - timedelta(minutes=1))
    lock = tmp_path / "data" / "crawl.lock"
    report = run_due(archive, datetime.now(UTC), profiles=profiles, lock_path=lock)
    assert report.results == () and report.ran == () and [s.name for s in report.plan] == ["a"]
    with CrawlLock(lock), pytest.raises(LockHeld):
        run_due(archive, datetime.now(UTC), profiles=profiles, lock_path=lock)


def test_the_lock_belongs_to_the_archive_not_the_working_directory(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two cron jobs started in different folders on one archive (SQLite or PostgreSQL): one runs."""
    monkeypatch.setenv("SCRAPY_SETTINGS_MODULE", "newscrawler.settings")
    upgrade(db_url)
    _add_run(db_url, "a", NOW - timedelta(minutes=1))  # nothing due: run_due only takes the lock and plans
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    monkeypatch.chdir(tmp_path / "one")
    with schedule.archive_lock(db_url):
        monkeypatch.chdir(tmp_path / "two")
        with pytest.raises(LockHeld) as held:
            run_due(db_url, NOW, profiles={"a": _profile("a")})
    assert held.value.pid == os.getpid()
    monkeypatch.chdir(tmp_path / "one")
    assert run_due(db_url, NOW, profiles={"a": _profile("a")}).results == ()  # released: runs again


def test_crawl_due_exit_status_1_when_a_crawl_fails(archive: str, monkeypatch: pytest.MonkeyPatch) -> None:
    report = DueReport((), (SiteResult("people", "finished"), SiteResult("sina", "database unavailable")))
    monkeypatch.setattr(schedule, "run_due", lambda *args, **kwargs: report)
    result = CliRunner().invoke(main, ["crawl", "--due", "--db", archive])
    assert result.exit_code == 1
    assert result.stderr.endswith("\nError: crawl of sina failed: database unavailable\n")
    assert result.stderr.startswith("log: ")  # where the crawl's full log went
    assert "people: finished:" in result.stdout
    assert SiteResult("x", "closespider_pagecount").ok and not SiteResult("x", "no result").ok


def test_crawl_due_argument_errors_are_one_line() -> None:
    url = CliRunner().invoke(main, ["crawl", "--due", "https://news.example.cn/"])
    assert url.exit_code == 2 and "--due takes site names, not URLs" in url.stderr
    unknown = CliRunner().invoke(main, ["crawl", "--due", "nosuchsite"])
    assert unknown.exit_code == 1 and unknown.stderr.startswith("Error: unknown site 'nosuchsite'")
    missing = CliRunner().invoke(main, ["crawl"])
    assert missing.exit_code == 2 and "Missing argument 'SITE_OR_URL...'" in missing.stderr


# --------------------------------------------------------------------------- subprocesses against a local portal


@dataclass
class Project:
    """A working directory as the docs describe it (scrapy.cfg, data/) with its environment."""

    root: Path
    db_url: str
    env: dict[str, str]

    def runs(self, *sites: str) -> list[tuple[str, str]]:
        """``(site, status)`` of the runs of ``sites`` (default: ``local``), oldest first."""
        names = sites or ("local",)
        marks = ",".join("?" * len(names))
        with sqlite3.connect(self.root / "data" / "news.db") as conn:
            return list(conn.execute(f"SELECT site, status FROM crawl_run WHERE site IN ({marks}) ORDER BY id",
                                     names))

    def articles(self) -> int:
        with sqlite3.connect(self.root / "data" / "news.db") as conn:
            return int(conn.execute("SELECT count(*) FROM article").fetchone()[0])


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    """A project directory whose only due site is ``local``, a user profile of a local demo portal.

    The shipped profiles are real portals: each gets a recent successful run so none is due.
    """
    assert NEWSCRAWLER, "the newscrawler command is not installed (pip install -e .)"
    root = tmp_path / "project"
    (root / "data").mkdir(parents=True)
    shutil.copy(REPO / "scrapy.cfg", root / "scrapy.cfg")
    db_url = f"sqlite:///{root / 'data' / 'news.db'}"
    upgrade(db_url)
    for name, profile in load_profiles().items():
        if not profile.needs_base_url:
            _add_run(db_url, name, datetime.now(UTC) - timedelta(minutes=1))
    sites = tmp_path / "sites"
    sites.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSCRAWLER_", "SCRAPY_"))}
    env.update(NEWSCRAWLER_SITES_DIR=str(sites), NEWSCRAWLER_DATABASE_URL=db_url, NEWSCRAWLER_PROGRESS_INTERVAL="0",
               PATH=f"{Path(NEWSCRAWLER).parent}{os.pathsep}{env.get('PATH', '')}")
    with portal() as state:
        (sites / "local.toml").write_text(
            f'name = "local"\ndomains = ["127.0.0.1"]\nstart_urls = ["{state.base}/channel/finance/"]\n'
            'depth = 1\ndelay = 0\nconcurrency = 4\ninterval = "1h"\n', encoding="utf-8")
        (sites / "other.toml").write_text(
            f'name = "other"\ndomains = ["127.0.0.1"]\nstart_urls = ["{state.base}/channel/society/"]\n'
            'depth = 1\ndelay = 0\nconcurrency = 4\ninterval = "1h"\n', encoding="utf-8")
        yield Project(root, db_url, env)


def _crawl_due(project: Project, *args: str) -> subprocess.CompletedProcess[str]:
    assert NEWSCRAWLER
    return subprocess.run([NEWSCRAWLER, "crawl", "--due", *args], cwd=project.root, env=project.env,
                          capture_output=True, text=True, timeout=300)


def test_crawl_due_end_to_end_twice(project: Project) -> None:
    first = _crawl_due(project)
    assert first.returncode == 0, first.stderr[-3000:]
    assert "local: finished:" in first.stdout
    assert project.runs() == [("local", "finished")] and project.articles() > 0
    assert (project.root / "data" / "crawl.lock").read_text() == ""  # released
    second = _crawl_due(project)
    assert second.returncode == 0, second.stderr[-3000:]
    assert second.stdout == "nothing is due\n"
    assert project.runs() == [("local", "finished")]


def test_crawl_due_of_two_sites_records_each_sites_own_outcome(project: Project) -> None:
    result = _crawl_due(project, "local", "other")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "local: finished:" in result.stdout and "other: finished:" in result.stdout
    assert sorted(project.runs("local", "other")) == [("local", "finished"), ("other", "finished")]
    again = _crawl_due(project, "local", "other")
    assert again.returncode == 0 and again.stdout == "nothing is due\n", again.stderr[-3000:]


def test_crawl_due_with_watch_runs_the_revisits_in_the_same_process(project: Project) -> None:
    result = _crawl_due(project, "local", "--watch")
    assert result.returncode == 0, result.stderr[-3000:]
    lines = result.stdout.splitlines()
    watch = next(line for line in lines if line.startswith("watch: "))
    assert watch.startswith("watch: finished: ") and " 0 due, 0 visited" in watch  # just archived: not due yet
    assert "local: finished:" in result.stdout
    alone = CliRunner().invoke(main, ["crawl", "local", "--watch"])
    assert alone.exit_code == 2 and "--watch goes with --due" in alone.stderr


def test_crawl_due_exits_3_while_another_process_holds_the_lock(project: Project) -> None:
    with CrawlLock(project.root / "data" / "crawl.lock"):
        since = (project.root / "data" / "crawl.lock").read_text().split()[1]
        result = _crawl_due(project, "local")
    assert result.returncode == 3
    assert result.stderr == f"Error: another crawl is running (pid {os.getpid()} since {since})\n"
    assert result.stdout == "" and project.runs() == []


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_serve_crawls_in_a_subprocess_and_stops_on_a_signal(project: Project, signum: signal.Signals) -> None:
    sites = Path(project.env["NEWSCRAWLER_SITES_DIR"]) / "local.toml"
    sites.write_text(sites.read_text(encoding="utf-8").replace('interval = "1h"', 'interval = "5s"'),
                     encoding="utf-8")
    assert NEWSCRAWLER
    log_path = project.root / "serve.log"
    with log_path.open("w") as log_file:
        server = subprocess.Popen([NEWSCRAWLER, "serve", "--every", "1", "--db", project.db_url], cwd=project.root,
                                  env=project.env, stdout=log_file, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 120
            while not project.runs() and time.monotonic() < deadline and server.poll() is None:
                time.sleep(0.2)
            assert project.runs(), log_path.read_text()[-3000:]
            server.send_signal(signum)
            status = server.wait(timeout=60)  # stops on the signal (a generous bound against a hang, not a timer)
        finally:
            if server.poll() is None:
                server.kill()
                server.wait()
    output = log_path.read_text()
    assert status == 0, output[-3000:]
    assert "Traceback" not in output
    assert (project.root / "data" / "crawl.lock").read_text() == ""  # the crawl child ended and released it
    with sqlite3.connect(project.root / "data" / "news.db") as conn:
        jobs = list(conn.execute("SELECT id FROM apscheduler_jobs"))
    assert jobs == [("newscrawler-due",)]
    check(project.db_url)  # the job store's table does not upset `alembic check`
    assert "running" not in {status for _, status in project.runs()}


def _crontab_command() -> str:
    block = re.search(r"```crontab\n(.*?)\n```", DOCS, re.S)
    assert block, "docs/scheduling.md has no crontab block"
    lines = [line for line in block.group(1).splitlines() if line.strip() and not line.startswith("#")]
    assert len(lines) == 1
    return lines[0].split(None, 5)[5]


def test_the_crontab_line_of_the_docs_runs_as_written(project: Project) -> None:
    command = _crontab_command()
    assert command == "cd /path/to/newscrawler && newscrawler crawl --due >> data/cron.log 2>&1"
    result = subprocess.run(["sh", "-c", command.replace("/path/to/newscrawler", shlex.quote(str(project.root)))],
                            env=project.env, capture_output=True, text=True, timeout=300)
    log_text = (project.root / "data" / "cron.log").read_text(encoding="utf-8")
    assert result.returncode == 0, log_text[-3000:]
    assert "local: finished:" in log_text and project.runs() == [("local", "finished")]


def test_the_systemd_units_run_the_same_command() -> None:
    service = re.search(r"newscrawler-crawl\.service`:\n\n```ini\n(.*?)\n```", DOCS, re.S)
    timer = re.search(r"newscrawler-crawl\.timer`:\n\n```ini\n(.*?)\n```", DOCS, re.S)
    assert service and timer
    exec_start = re.search(r"^ExecStart=(.+)$", service.group(1), re.M)
    assert exec_start
    argv = shlex.split(exec_start.group(1))
    cron_argv = shlex.split(_crontab_command().split("&&", 1)[1].split(">>", 1)[0])
    assert Path(argv[0]).name == cron_argv[0] == "newscrawler" and argv[1:] == cron_argv[1:]
    assert "Type=oneshot" in service.group(1) and "SuccessExitStatus=3" in service.group(1)
    assert re.search(r"^OnCalendar=", timer.group(1), re.M) and "WantedBy=timers.target" in timer.group(1)
