"""``newscrawler replay``: the spool imported once, from the command; nothing created for a missing archive."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from newscrawler.cli import main


def test_replay_of_an_empty_spool_says_so(tmp_path: Path) -> None:
    from pipelines.db.migrate import upgrade

    db = f"sqlite:///{tmp_path / 'news.db'}"
    upgrade(db)
    result = CliRunner().invoke(main, ["replay", "--db", db, "--spool-dir", str(tmp_path / "unsaved")])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"nothing to replay in {tmp_path / 'unsaved'}\n"


def test_replay_into_a_missing_archive_is_a_one_line_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["replay", "--db", "sqlite:///data/news.db"])
    assert result.exit_code == 1 and "holds no archive" in result.stderr
    assert not (tmp_path / "data").exists()


def test_replay_imports_a_spool_once(tmp_path: Path) -> None:
    from .test_spool import _close, _counts, _item, _store

    db = f"sqlite:///{tmp_path / 'news.db'}"
    spool = tmp_path / "unsaved"
    store = _store(db, spool)
    store.run_id = 10**9  # the archive refuses the batch: it is spooled
    store.process_item(_item("tech"))
    store.process_item(_item("sports"))
    _close(store, "database unavailable")
    assert _counts(db) == (0, 0, 0)
    first = CliRunner().invoke(main, ["replay", "--db", db, "--spool-dir", str(spool)])
    assert first.exit_code == 0, first.output
    assert first.stdout == "1 spool file(s): 2 item(s) stored, 0 already archived, 0 unreadable line(s)\n"
    assert _counts(db) == (2, 2, 2)
    again = CliRunner().invoke(main, ["replay", "--db", db, "--spool-dir", str(spool)])
    assert again.stdout == f"nothing to replay in {spool}\n" and _counts(db) == (2, 2, 2)
