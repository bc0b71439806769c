"""Migration 0012: SQLite indexes the title tokens alone (``article_title_fts``) for the title candidates.

An archive at 0011 with articles is upgraded: every title is in the new index at once (``rebuild``), the
triggers keep it in step with ``article_search`` afterwards (insert, update, delete: search finds an article
by the title it was given since). Downgrading removes it again. PostgreSQL is unchanged (its title
index is migration 0006's).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from alembic import command

from pipelines.db.engine import make_engine, session_factory
from pipelines.db.migrate import alembic_config, current_revision, upgrade
from pipelines.db.search import fts5_title_match, index_text, search

T0 = datetime(2026, 4, 1, 8, 0, tzinfo=UTC)
N = 40
TITLE = "社区食堂第{}家开张"
BODY = "老人午餐只要八元，菜单每周更换。"


def _title_hits(engine: sa.Engine, query: str) -> list[int]:
    with engine.connect() as c:
        return [rowid for rowid, in c.execute(sa.text(
            "SELECT rowid FROM article_title_fts WHERE article_title_fts MATCH :m ORDER BY rowid"),
            {"m": fts5_title_match(query)})]


def test_0012_indexes_every_title_and_keeps_it_in_step(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'archive.db'}"
    assert upgrade(url, "0011") == "0011"
    engine = make_engine(url)
    with engine.begin() as c:
        article = sa.Table("article", sa.MetaData(), autoload_with=c)
        ids = c.execute(article.insert().returning(article.c.id), [
            {"canonical_url": f"https://food.example.cn/{i}.html", "title": TITLE.format(i), "body": BODY,
             "blocks": [], "author": [], "editor": [], "breadcrumb": [], "tags": [], "extractor_version": "t",
             "content_hash": f"h{i}", "signature": [], "version": 1, "first_seen": T0, "last_seen": T0,
             "publish_date": T0}
            for i in range(N)]).scalars().all()
        c.execute(sa.text("INSERT INTO article_search (article_id, title, body) VALUES (:i, :t, :b)"),
                  [{"i": i, "t": index_text(TITLE.format(k)), "b": index_text(BODY)} for k, i in enumerate(ids)])
    assert upgrade(url) == "0012"
    assert _title_hits(engine, "食堂") == sorted(ids)  # every title, at once
    assert _title_hits(engine, "午餐") == []  # the titles alone
    first, second = ids[0], ids[1]
    with engine.begin() as c:
        article = sa.Table("article", sa.MetaData(), autoload_with=c)
        c.execute(sa.text("UPDATE article_search SET title = :t WHERE article_id = :i"),
                  {"t": index_text("夜市烧烤摊开业"), "i": first})
        c.execute(sa.text("DELETE FROM article_search WHERE article_id = :i"), {"i": second})
        fresh = c.execute(article.insert().returning(article.c.id), [
            {"canonical_url": "https://food.example.cn/new.html", "title": "社区食堂新址", "body": "", "blocks": [],
             "author": [], "editor": [], "breadcrumb": [], "tags": [], "extractor_version": "t", "content_hash": "h",
             "signature": [], "version": 1, "first_seen": T0, "last_seen": T0}]).scalar_one()
        c.execute(sa.text("INSERT INTO article_search (article_id, title, body) VALUES (:i, :t, :b)"),
                  {"i": fresh, "t": index_text("社区食堂新址"), "b": ""})
        c.execute(sa.text("INSERT INTO article_title_fts(article_title_fts, rank) VALUES ('integrity-check', 1)"))
    assert _title_hits(engine, "食堂") == [*sorted(set(ids) - {first, second}), fresh]
    assert _title_hits(engine, "烧烤") == [first]
    with session_factory(engine)() as s:
        assert [hit.article_id for hit in search(s, "烧烤")] == [first]
    command.downgrade(alembic_config(url), "0011")  # the index and its triggers go
    assert current_revision(url) == "0011"
    with engine.connect() as c:
        names = {name for name, in c.execute(sa.text("SELECT name FROM sqlite_master"))}
    assert not {n for n in names if n.startswith("article_title_fts") or n.startswith("article_search_title_")}
    engine.dispose()
