"""``newscrawler extract URL``: a failing host is reported while it fails, not after every retry ran out."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

from .portal_server import portal
from .test_cli import SITE


def test_each_retry_is_reported_on_stderr_as_it_happens() -> None:
    exe = shutil.which("newscrawler") or ""
    cmd = [exe] if exe else [sys.executable, "-c", "from newscrawler.cli import main; main()"]
    with portal(pages=SITE) as site:
        site.faults["/news/2023-04/17/1.html"] = ("status", 503, 1)  # one failure, then the page
        url = f"{site.base}/news/2023-04/17/1.html"
        proc = subprocess.run([*cmd, "extract", url], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["title"] == "本市今年新开三条地铁线路"
    notices = proc.stderr.strip().splitlines()
    assert len(notices) == 1 and notices[0].startswith(f"warning: Retrying <GET {url}> (failed 1 times): 503")


def test_extract_refuses_a_device_or_an_oversized_file_in_one_line() -> None:
    from click.testing import CliRunner

    from newscrawler.cli import main

    result = CliRunner().invoke(main, ["extract", "/dev/zero"])
    assert result.exit_code == 1
    assert result.stderr == "error: /dev/zero: larger than 20 MiB (DOWNLOAD_MAXSIZE): not a web page\n"
