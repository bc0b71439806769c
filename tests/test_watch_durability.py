"""A watch run migrates (``upgrade``) after its recorder has opened the SQLite archive, in the same process;
its later commits must stay durable and visible to other processes (issue 16: "no observation lost").

Found with the watch: the migration lock was a ``flock`` on the database file itself, and closing that file
descriptor dropped every POSIX lock the process held on the file, SQLite's own included (POSIX locks are
per process). Another process closing its last connection then took the exclusive lock, checkpointed and
deleted the WAL the recorder was still writing to: every commit after that went to a deleted file, and a
whole watch run (its observations, its schedule moves) was lost although it reported success."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlalchemy import text

from pipelines.db.engine import make_engine
from pipelines.db.migrate import upgrade

from .conftest import REPO

WRITER = """
import sys
from sqlalchemy import text
from pipelines.db.engine import make_engine
from pipelines.db.migrate import upgrade
url = sys.argv[1]
engine = make_engine(url)  # the recorder's engine: its pooled connection stays open
with engine.begin() as c:
    c.execute(text("INSERT INTO migration_probe VALUES (1)"))
upgrade(url)  # what a watch run does next, in the same process
print("ready", flush=True)
sys.stdin.readline()
with engine.begin() as c:
    c.execute(text("INSERT INTO migration_probe VALUES (2)"))
print("done", flush=True)
sys.stdin.readline()
"""


def _count(url: str) -> int:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return int(connection.execute(text("SELECT count(*) FROM migration_probe")).scalar_one())
    finally:
        engine.dispose()  # the last connection of this process: SQLite checkpoints if it can lock the file


def test_commits_after_an_upgrade_in_the_same_process_are_kept(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'news.db'}"
    upgrade(url)
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE migration_probe (n INTEGER)"))
    engine.dispose()
    with subprocess.Popen([sys.executable, "-c", WRITER, url], cwd=REPO, stdin=subprocess.PIPE,
                          stdout=subprocess.PIPE, text=True) as writer:
        try:
            assert writer.stdout is not None and writer.stdin is not None
            assert writer.stdout.readline().strip() == "ready"
            assert _count(url) == 1  # another process reads the archive and closes its connection
            writer.stdin.write("\n")
            writer.stdin.flush()
            assert writer.stdout.readline().strip() == "done"
            assert _count(url) == 2  # the writer's second commit is visible (it went to the live WAL)
            writer.stdin.write("\n")
            writer.stdin.flush()
            assert writer.wait(timeout=60) == 0
        finally:
            if writer.poll() is None:
                writer.kill()
                writer.wait()
    assert _count(url) == 2  # and durable once the writer has gone
