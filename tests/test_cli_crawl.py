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

from .conftest import REPO
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
