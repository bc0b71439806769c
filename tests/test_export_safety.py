"""Export targets that are not plain files are refused, and SIGTERM leaves no half-written file behind."""

from __future__ import annotations

import os
import signal
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from newscrawler.cli import main
from newscrawler.cli.export import _stop_cleanly_on_sigterm
from newscrawler.export import export_articles
from pipelines.db.engine import make_engine, session_factory
from pipelines.db.migrate import upgrade
from pipelines.db.repository import save_article

from .test_store import item_for


@pytest.fixture
def archive(tmp_path: Path) -> str:
    db_url = f"sqlite:///{tmp_path / 'news.db'}"
    upgrade(db_url)
    engine = make_engine(db_url)
    with session_factory(engine).begin() as s:
        for slug in ("finance", "tech", "sports"):
            save_article(s, item_for(slug), datetime(2024, 5, 1, tzinfo=UTC))
    engine.dispose()
    return db_url


def test_a_device_a_pipe_or_a_symlink_is_never_replaced(archive: str, tmp_path: Path) -> None:
    target = tmp_path / "real.csv"
    target.write_text("keep", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    pipe = tmp_path / "pipe.csv"
    os.mkfifo(pipe)
    for out, why in ((link, "it is a symbolic link"), (pipe, "not a regular file"),
                     (Path("/dev/null"), "not a regular file")):
        result = CliRunner().invoke(main, ["export", "--db", archive, "--format", "csv", "--out", str(out), "--force"])
        assert result.exit_code == 1 and why in result.stderr, result.stderr
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "keep" and pipe.is_fifo()


def test_sigterm_during_an_export_removes_the_temporary_file(archive: str, tmp_path: Path) -> None:
    out = tmp_path / "exports" / "articles.jsonl"
    out.parent.mkdir()

    def terminate(done: int, total: int) -> None:
        if done:
            os.kill(os.getpid(), signal.SIGTERM)  # as `kill` or systemd stopping the analyst's job

    restore = _stop_cleanly_on_sigterm()
    try:
        with pytest.raises(SystemExit) as stopped:
            export_articles(archive, "jsonl", out, progress=terminate, batch=1)
    finally:
        restore()
    assert stopped.value.code == 128 + signal.SIGTERM
    assert list(out.parent.iterdir()) == []  # no .part file, no partial export
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
