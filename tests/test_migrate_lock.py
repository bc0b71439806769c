"""Migrations are serialised per archive: processes that open a new archive at the same moment (two
first crawls from cron) all find it migrated, none fails on a table another one just created."""

from __future__ import annotations

import subprocess
import sys

from pipelines.db.migrate import current_revision, head_revision

from .conftest import REPO

UPGRADE = "import sys; from pipelines.db.migrate import upgrade; print(upgrade(sys.argv[1]))"


def test_concurrent_upgrades_of_a_new_archive_all_succeed(db_url: str) -> None:
    procs = [subprocess.Popen([sys.executable, "-c", UPGRADE, db_url], cwd=REPO, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(4)]
    outcomes = [(proc.wait(timeout=120), *proc.communicate()) for proc in procs]
    for status, out, err in outcomes:
        assert status == 0, err[-2000:]
        assert out.strip() == head_revision()
    assert current_revision(db_url) == head_revision()
