"""``pipelines.storage``, the archive's one door: the archive-by-URL helpers it adds (``pipelines/db/access.py``),
against a real SQLite file and a real PostgreSQL database."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newscrawler.schedule import ADVISORY_KEY, AdvisoryLock, LockHeld, archive_lock
from pipelines import storage

from .conftest import REPO


def test_locate_names_the_backend_and_a_sqlite_file(tmp_path: Path) -> None:
    where = storage.locate(f"sqlite:///{tmp_path}/news.db")
    assert (where.backend, where.file) == ("sqlite", tmp_path / "news.db")
    assert storage.locate("sqlite://").file is None
    assert storage.locate("sqlite:///file:mem?mode=memory&uri=true").file is None
    pg = storage.locate("postgresql://reader:secret@127.0.0.1/news")
    assert (pg.backend, pg.file) == ("postgresql", None) and "secret" not in pg.safe
    with pytest.raises(storage.DatabaseURLError):
        storage.locate("not a url")
    assert storage.safe_url("not a url") == "not a url"


def test_a_new_archive_has_no_archived_urls_and_a_migrated_one_has_them(db_url: str) -> None:
    assert storage.archived_url_set(db_url) == set()  # no table yet: nothing crawled
    storage.upgrade(db_url)
    assert storage.archived_url_set(db_url) == set()
    assert storage.current_revision(db_url) == storage.head_revision()
    with storage.archive_session(db_url) as session:
        assert storage.last_runs(session) == {}


def test_a_sqlite_file_revision_is_read_without_writing_the_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    assert storage.sqlite_file_revision(empty) is None
    assert empty.read_bytes() == b""  # no WAL header written by reading
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"this is no database file, only bytes" * 100)
    with pytest.raises(storage.ArchiveUnreadable):
        storage.sqlite_file_revision(garbage)
    url = f"sqlite:///{tmp_path / 'news.db'}"
    storage.upgrade(url)
    assert storage.sqlite_file_revision(tmp_path / "news.db") == storage.head_revision()


def test_the_advisory_lock_is_held_once_and_names_its_holder(db_url: str) -> None:
    if not db_url.startswith("postgresql"):
        assert not isinstance(archive_lock(db_url), AdvisoryLock)
        return
    first = archive_lock(db_url)
    assert isinstance(first, AdvisoryLock)
    with first:
        second = AdvisoryLock(db_url)
        with pytest.raises(LockHeld) as held:
            second.acquire()
        assert held.value.pid is not None and held.value.since is not None
        assert isinstance(storage.try_advisory_lock(db_url, ADVISORY_KEY, "probe"), str)
    again = storage.try_advisory_lock(db_url, ADVISORY_KEY, "probe")  # released: free again
    assert not isinstance(again, str)
    again.release()


def test_storage_errors_are_summarised_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "dir.db").mkdir()
    with pytest.raises(storage.StorageError) as caught:
        storage.current_revision(f"sqlite:///{tmp_path / 'dir.db'}")
    assert "\n" not in storage.error_summary(caught.value) and storage.error_summary(caught.value)


def test_the_fresh_since_cut_is_passed_through(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'news.db'}"
    storage.upgrade(url)
    assert storage.archived_url_set(url, datetime.now(UTC) - timedelta(days=1)) == set()


def test_importing_the_facade_loads_no_storage_module() -> None:
    """The facade is free to import: a command that never opens an archive pays nothing for it."""
    code = ("import sys, pipelines.storage\n"
            "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic', 'warcio')"
            " or m.startswith('pipelines.db'))\n"
            "print(loaded)\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_another_kind_of_run_takes_its_own_lock_of_the_same_kind(db_url: str, tmp_path: Path) -> None:
    mine = archive_lock(db_url, name="other.lock", key=0x6F746872, application="newscrawler other")
    crawl = archive_lock(db_url)
    if not db_url.startswith("postgresql"):
        assert getattr(mine, "path", None) == tmp_path / "other.lock" != getattr(crawl, "path", None)
        return
    assert isinstance(mine, AdvisoryLock)
    second = archive_lock(db_url, name="other.lock", key=0x6F746872, application="newscrawler other")
    with mine, crawl, pytest.raises(LockHeld):  # two numbers: neither waits for the other
        second.acquire()
