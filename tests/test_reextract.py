"""Re-extraction from the WARC archive: changed output becomes a new version, same output changes nothing;
and the archive commands of the CLI (one-line errors, exit codes)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from click.testing import CliRunner
from scrapy import signals
from scrapy.utils.test import get_crawler
from sqlalchemy import func, select

from newscrawler.cli import main
from newscrawler.reextract import reextract
from pipelines.archive import ArchiveRawPage
from pipelines.db import models
from pipelines.db.engine import make_engine, session_factory
from pipelines.db.migrate import head_revision
from pipelines.store import StoreArticle

from .test_store import item_for


def _archive_with_an_old_extraction(db_url: str, warc: Path) -> str:
    """Store one page whose stored record is what an older, worse extractor produced."""
    crawler = get_crawler(settings_dict={"NEWSCRAWLER_DATABASE_URL": db_url, "NEWSCRAWLER_WARC_DIR": str(warc),
                                         "NEWSCRAWLER_BATCH_SIZE": 1})
    archive, store = ArchiveRawPage.from_crawler(crawler), StoreArticle.from_crawler(crawler)
    archive.open_spider()
    store.open_spider()
    good = item_for("finance", url="https://news.example.cn/a/1.html")
    old = dataclasses.replace(good.article, body=good.article.body + "\n相关新闻：某某公司发布年报", title="旧标题",
                              extractor_version="0.0.1")
    store.process_item(archive.process_item(dataclasses.replace(good, article=old)))
    second = item_for("tech", url="https://news.example.cn/a/2.html")
    store.process_item(archive.process_item(second))
    archive.close_spider()
    store.close_spider()
    crawler.signals.send_catch_log(signals.spider_closed, spider=None, reason="finished")  # closes the run
    return good.article.body


def test_reextract_versions_changed_records_only(db_url: str, tmp_path: Path) -> None:
    warc = tmp_path / "warc"
    body = _archive_with_an_old_extraction(db_url, warc)
    seen: list[tuple[int, int]] = []
    counts = reextract(db_url, warc, progress=lambda done, total: seen.append((done, total)))
    assert counts == {"updated": 1, "unchanged": 1}
    assert seen[-1] == (2, 2)
    engine = make_engine(db_url)
    with session_factory(engine)() as s:
        row = s.scalar(select(models.Article).where(models.Article.canonical_url.endswith("/a/1.html")))
        assert row is not None
        assert row.body == body and row.title != "旧标题" and row.version == 2
        old = s.scalar(select(models.ArticleVersion))
        assert old is not None and old.title == "旧标题" and old.extractor_version == "0.0.1"
        assert s.scalar(select(func.count(models.FetchRecord.id))) == 2  # nothing was fetched again
    engine.dispose()
    assert reextract(db_url, warc) == {"unchanged": 2}
    assert reextract(db_url, warc, site="elsewhere.example") == {}


def test_reextract_command(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'a.db'}"
    _archive_with_an_old_extraction(db_url, tmp_path / "warc")
    result = CliRunner().invoke(main, ["reextract", "--db", db_url, "--warc-dir", str(tmp_path / "warc"),
                                       "--since", "2020-01-01"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "unchanged 1, updated 1"


def test_db_upgrade_command_and_its_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    ok = runner.invoke(main, ["db", "upgrade", "--db", f"sqlite:///{tmp_path / 'new' / 'news.db'}"])
    assert ok.exit_code == 0 and f"schema revision {head_revision()}" in ok.stdout
    bad = runner.invoke(main, ["db", "upgrade", "--db", "mysql://nobody@localhost/x"])
    assert bad.exit_code == 1 and bad.stderr.count("\n") == 1 and "unsupported database 'mysql'" in bad.stderr
    down = runner.invoke(main, ["db", "upgrade", "--db", "postgresql://postgres@127.0.0.1:9/x"])
    assert down.exit_code == 1 and "Traceback" not in down.stderr
    assert down.stderr.startswith("Error: database postgresql://postgres@127.0.0.1:9/x:")


def test_reextract_joins_a_split_article_and_keeps_its_site(tmp_path: Path) -> None:
    """A two-page article crawled by URL comes back from its WARC records whole, under the same site."""
    import sqlite3
    import subprocess
    import sys

    from .portal_server import portal

    db = tmp_path / "data" / "news.db"
    with portal() as state:
        crawl = subprocess.run([sys.executable, "-c", "from newscrawler.cli import main; main()", "crawl",
                                f"{state.base}/", "--db", f"sqlite:///{db}"], cwd=tmp_path, capture_output=True,
                               text=True, timeout=300, env=_clean_env())
    assert crawl.returncode == 0, crawl.stderr[-2000:]
    query = ("SELECT a.body, s.name, (SELECT count(*) FROM quote q WHERE q.article_id = a.id) FROM article a "
             "JOIN site s ON s.id = a.site_id WHERE a.canonical_url LIKE '%/sports.html'")
    with sqlite3.connect(db) as conn:
        before = conn.execute(query).fetchone()
    assert before is not None and before[2] > 0
    result = CliRunner().invoke(main, ["reextract", "--db", f"sqlite:///{db}", "--warc-dir",
                                       str(tmp_path / "data" / "warc")])
    assert result.exit_code == 0, result.output
    assert "missing" not in result.stdout and "not_article_now" not in result.stdout
    with sqlite3.connect(db) as conn:
        after = conn.execute(query).fetchone()
        sites = {name for (name,) in conn.execute("SELECT name FROM site")}
    assert after == before  # the whole body (both pages), the same site, the same quotes
    assert len(sites) == 1


def test_reextract_of_a_missing_archive_creates_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["reextract", "--db", "sqlite:///data/news.db"])
    assert result.exit_code == 1
    assert "holds no archive" in result.stderr and "sqlite:///data/news.db" in result.stderr
    assert not (tmp_path / "data").exists()


def _clean_env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if not k.startswith(("NEWSCRAWLER_", "SCRAPY_"))}
