"""The crawl commands: site listing, one-line errors for bad names, profiles and durations, and a
crawl of any portal by URL."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newscrawler.cli import main

from .conftest import POSTGRES_ADMIN_URL, REPO, require_service
from .portal_server import portal


def test_sites_lists_the_shipped_profiles() -> None:
    result = CliRunner().invoke(main, ["sites"])
    assert result.exit_code == 0
    names = [line.split()[0] for line in result.stdout.splitlines()]
    assert {"people", "xinhua", "netease", "sina", "thepaper", "demo"} <= set(names)


def test_user_profiles_are_validated_in_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "mine.toml").write_text('name = "mine"\ndomains = ["mine.example"]\nstart_urls = ["https://mine.example/"]\n'
                                        'dealy = 3\n', encoding="utf-8")
    monkeypatch.setenv("NEWSCRAWLER_SITES_DIR", str(tmp_path))
    result = CliRunner().invoke(main, ["sites"])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "mine.toml" in result.stderr and "'dealy'" in result.stderr and "did you mean 'delay'" in result.stderr


def test_unknown_site_and_bad_duration_are_one_line_errors() -> None:
    unknown = CliRunner().invoke(main, ["crawl", "nosuchsite"])
    assert unknown.exit_code == 1
    assert unknown.stderr.startswith("Error: unknown site 'nosuchsite'; configured sites: ")
    bad = CliRunner().invoke(main, ["crawl", "demo", "--recrawl-after", "soon"])
    assert bad.exit_code == 2 and "--recrawl-after" in bad.stderr and "Traceback" not in bad.stderr


def test_crawl_any_portal_by_url(tmp_path: Path) -> None:
    exe = shutil.which("newscrawler")
    cmd = [exe] if exe else [sys.executable, "-c", "from newscrawler.cli import main; main()"]
    with portal() as state:
        proc = subprocess.run([*cmd, "crawl", state.base + "/channel/society/", "--db", f"sqlite:///{tmp_path / 'a.db'}",
                               "--depth", "1"], cwd=REPO, capture_output=True, text=True, timeout=300,
                              env={**os.environ, "NEWSCRAWLER_WARC_DIR": str(tmp_path / "warc")})
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "finished:" in proc.stdout and "127-0-0-1" in proc.stdout  # the unconfigured site is reported by host
    with sqlite3.connect(tmp_path / "a.db") as conn:
        urls = [r[0] for r in conn.execute("SELECT canonical_url FROM article")]
    assert urls and all("/news/" in u for u in urls)


_STOP_WHILE_OPENING = '''
import os, signal

class StopWhileOpening:
    """SIGTERM to this process while the spider opens, as ``serve`` stopping a crawl that just began."""

    def open_spider(self, spider=None):
        os.kill(os.getpid(), signal.SIGTERM)

    def process_item(self, item, spider=None):
        return item
'''


def test_a_stop_while_the_spider_opens_still_records_the_run_as_shutdown(tmp_path: Path) -> None:
    # Scrapy stops the reactor without closing a spider that is still opening: the run used to stay
    # "running" for ever (seen in tests/test_schedule.py under load).
    (tmp_path / "stopper.py").write_text(_STOP_WHILE_OPENING, encoding="utf-8")
    db = tmp_path / "news.db"
    script = (
        "from newscrawler.crawl import run_crawl\n"
        f"stats = run_crawl(['http://127.0.0.1:9/'], settings={{'NEWSCRAWLER_DATABASE_URL': 'sqlite:///{db}', "
        f"'NEWSCRAWLER_WARC_DIR': '{tmp_path / 'warc'}', 'NEWSCRAWLER_SPOOL_DIR': '{tmp_path / 'unsaved'}', "
        "'ITEM_PIPELINES': {'stopper.StopWhileOpening': 1, 'pipelines.store.StoreArticle': 500}})\n"
        "print('finish_reason', stats[0].get('finish_reason'))\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), str(REPO)])}
    done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Received SIGTERM" in done.stderr
    assert "finish_reason shutdown" in done.stdout
    with sqlite3.connect(db) as conn:
        assert list(conn.execute("SELECT status FROM crawl_run")) == [("shutdown",)]


# --------------------------------------------------------------------------- exit statuses and the console


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (["crawl", "demo"], 1, "site 'demo' has start URLs relative to a base URL: give --base-url"),
        (["crawl", "ftp://127.0.0.1/news/"], 2, "unsupported URL scheme 'ftp'"),
        (["crawl", "http://127.0.0.1:9/", "--db", "postgresql://postgres@127.0.0.1:5432/newscrawler_no_such_db"],
         1, 'database "newscrawler_no_such_db" does not exist'),
        (["crawl", "http://127.0.0.1:9/", "--db", "sqlite:///{file}/sub/news.db"], 1, "Not a directory"),
    ],
    ids=["demo-without-base-url", "unsupported-scheme", "missing-postgres-database", "unwritable-sqlite-folder"],
)
def test_a_crawl_that_cannot_start_exits_non_zero_in_one_line(
    args: list[str], status: int, message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if "postgresql" in " ".join(args):
        _require_postgres()
    monkeypatch.chdir(tmp_path)
    plain_file = tmp_path / "plain.txt"
    plain_file.write_text("not a folder", encoding="utf-8")
    result = CliRunner().invoke(main, [a.replace("{file}", str(plain_file)) for a in args])
    assert result.exit_code == status, result.output
    error_lines = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(error_lines) == 1 and message in error_lines[0], result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def _require_postgres() -> None:
    import psycopg

    try:
        psycopg.connect(POSTGRES_ADMIN_URL, connect_timeout=5).close()
    except psycopg.OperationalError as exc:
        require_service("PostgreSQL", str(exc).strip().splitlines()[0])


def _newscrawler() -> list[str]:
    exe = shutil.which("newscrawler")
    return [exe] if exe else [sys.executable, "-c", "from newscrawler.cli import main; main()"]


def test_a_crawl_of_an_unreachable_host_fails_with_status_1_and_says_why(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSCRAWLER_", "SCRAPY_"))}
    proc = subprocess.run([*_newscrawler(), "crawl", "http://127.0.0.1:9/", "--db", f"sqlite:///{tmp_path / 'a.db'}"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300, env=env)
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert proc.stderr.splitlines()[-1].startswith("Error: crawl of urls failed: no page could be fetched")
    assert "Connection was refused" in proc.stderr  # the failure is reported as it happens, in one line
    assert "Traceback" not in proc.stderr


def test_the_console_shows_the_report_and_the_log_goes_to_a_file(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSCRAWLER_", "SCRAPY_"))}
    with portal() as state:
        proc = subprocess.run([*_newscrawler(), "crawl", state.base + "/", "--db", f"sqlite:///{tmp_path / 'a.db'}"],
                              cwd=tmp_path, capture_output=True, text=True, timeout=300, env=env)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.startswith("urls: finished: pages ") and "127-0-0-1" in proc.stdout
    assert len(proc.stdout.splitlines()) <= 6  # the report: progress line, table header, one site, reasons
    assert len(proc.stderr.splitlines()) <= 3, proc.stderr  # no Scrapy log on the terminal
    log_line = proc.stderr.splitlines()[-1]
    assert log_line.startswith("log: ")
    log = Path(tmp_path, log_line.removeprefix("log: "))
    assert log.parent == tmp_path / "logs"  # beside the SQLite archive
    text = log.read_text(encoding="utf-8")
    assert "Spider closed (finished)" in text and "Overridden settings" in text
    assert "Telnet Password" not in text


def test_a_robots_txt_answering_5xx_disallows_the_site(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSCRAWLER_", "SCRAPY_"))}
    with portal() as state:
        state.faults["/robots.txt"] = ("status", 503, 99)
        proc = subprocess.run([*_newscrawler(), "crawl", state.base + "/", "--db", f"sqlite:///{tmp_path / 'a.db'}"],
                              cwd=tmp_path, capture_output=True, text=True, timeout=300,
                              env={**env, "NEWSCRAWLER_LOG_DIR": str(tmp_path / "logs")})
        fetched = {path for path, n in state.hits.items() if n and path != "/robots.txt"}
    assert fetched == set()  # RFC 9309: a server error on robots.txt means disallow all until it answers
    assert proc.returncode == 1 and "robots.txt" in proc.stdout, proc.stdout + proc.stderr[-2000:]


def test_max_time_is_a_limit_not_a_failure(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSCRAWLER_", "SCRAPY_"))}
    with portal() as state:
        state.faults["/channel/finance/"] = ("sleep", 3.0)  # the crawl is still busy when its time is up
        proc = subprocess.run([*_newscrawler(), "crawl", state.base + "/", "--max-time", "1s", "--db",
                               f"sqlite:///{tmp_path / 'a.db'}"], cwd=tmp_path, capture_output=True, text=True,
                              timeout=300, env=env)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.startswith("urls: closespider_timeout: ")
    bad = CliRunner().invoke(main, ["crawl", "demo", "--max-time", "soon"])
    assert bad.exit_code == 2 and "--max-time" in bad.stderr


def test_sigterm_does_not_wait_for_a_retrys_backoff(tmp_path: Path) -> None:
    """A server asks for 100 s before a retry; the crawl is stopped meanwhile: it closes as shutdown, the
    waiting retry abandoned (the subprocess timeout is only a guard against a hang)."""
    import signal
    import time

    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSCRAWLER_", "SCRAPY_"))}
    with portal() as state:
        state.faults["/channel/finance/"] = ("retry_after", 100, 99)
        with subprocess.Popen([*_newscrawler(), "crawl", state.base + "/channel/finance/", "--db",
                               f"sqlite:///{tmp_path / 'a.db'}"], cwd=tmp_path, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=env) as proc:
            logs = tmp_path / "logs"
            while proc.poll() is None and not any(
                    "waiting 100 s before retrying" in log.read_text(encoding="utf-8")
                    for log in logs.glob("crawl-*.log")):
                time.sleep(0.1)  # until the crawl's log says the retry is waiting
            proc.send_signal(signal.SIGTERM)
            out, err = proc.communicate(timeout=60)
    assert proc.returncode == 1, err[-2000:]
    assert out.startswith("urls: shutdown: ") and "crawl of urls failed: shutdown" in err
    log = next((tmp_path / "logs").glob("crawl-*.log")).read_text(encoding="utf-8")
    assert "'newscrawler/retry/abandoned_at_shutdown': 1" in log


def test_old_crawl_logs_are_pruned(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from newscrawler.console import log_file

    for n in range(5):
        (tmp_path / f"crawl-2024010{n}-000000-1.log").write_text("x", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    new = log_file(tmp_path, datetime(2024, 2, 1, tzinfo=UTC), keep=3)
    assert new.name.startswith("crawl-20240201-000000-") and not new.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "crawl-20240103-000000-1.log", "crawl-20240104-000000-1.log", "notes.txt"]
