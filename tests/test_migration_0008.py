"""Migration 0008: PostgreSQL keeps the search tokens once (the tsvector), the body token text goes.

An archive at 0007 with articles and their tokens is upgraded (once interrupted by SIGINT after two
batches of the copy, then resumed): every article's ``document`` must be the one 0003 generated, the body
text empty, the table smaller, search unchanged; afterwards the storage layer's writes (new articles,
changed ones through the upsert) must give the same documents the generated column gave. SQLite is
unchanged by 0008 (checked too).
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from pipelines.db.backfill import BATCH_ENV
from pipelines.db.engine import make_engine
from pipelines.db.migrate import current_revision, upgrade
from pipelines.db.search import count_matches, index_article, index_text

from .conftest import _postgres_database

T0 = datetime(2026, 4, 1, 8, 0, tzinfo=UTC)
N = 90
BODY = "江北新区的社区食堂开张了，老人午餐只要八元。第{}号，菜单每周更换。"
TITLE = "社区食堂第{}家开张"


@pytest.fixture
def pg_url() -> Iterator[str]:
    yield from _postgres_database()


def _archive_at_0007(url: str) -> sa.Engine:
    assert upgrade(url, "0007") == "0007"
    engine = make_engine(url)
    with engine.begin() as c:
        article = sa.Table("article", sa.MetaData(), autoload_with=c)
        ids = c.execute(article.insert().returning(article.c.id), [
            {"canonical_url": f"https://food.example.cn/{i}.html", "title": TITLE.format(i), "body": BODY.format(i),
             "blocks": [], "author": [], "editor": [], "breadcrumb": [], "tags": [], "extractor_version": "t",
             "content_hash": f"h{i}", "signature": [], "version": 1, "first_seen": T0, "last_seen": T0}
            for i in range(N)]).scalars().all()
        c.execute(sa.text("INSERT INTO article_search (article_id, title, body) VALUES (:i, :t, :b)"),
                  [{"i": i, "t": index_text(TITLE.format(k)), "b": index_text(BODY.format(k))}
                   for k, i in enumerate(ids)])
    return engine


def _documents(engine: sa.Engine) -> dict[int, str]:
    with engine.connect() as c:
        return {i: d for i, d in c.execute(sa.text("SELECT article_id, document::text FROM article_search"))}


def test_0008_keeps_every_document_drops_the_text_and_resumes(pg_url: str, monkeypatch: pytest.MonkeyPatch,
                                                             default_ctrl_c: None) -> None:
    engine = _archive_at_0007(pg_url)
    before = _documents(engine)
    assert len(before) == N
    monkeypatch.setenv(BATCH_ENV, "20")
    steps: list[int] = []

    def stop_after_two(revision: str, done: int, total: int) -> None:
        steps.append(done)
        if len(steps) == 2:
            os.kill(os.getpid(), signal.SIGINT)

    with pytest.raises(KeyboardInterrupt):
        upgrade(pg_url, "0008", progress=stop_after_two)
    assert current_revision(pg_url) == "0007"
    with Session(engine) as s:  # the old table is intact while the copy is unfinished
        assert count_matches(s, "食堂") == N
    assert upgrade(pg_url, "0008") == "0008"

    assert _documents(engine) == before  # the same tsvector for every article, none lost, none twice
    with engine.connect() as c:
        assert c.execute(sa.text("SELECT count(*) FROM article_search WHERE body <> ''")).scalar_one() == 0
        indexes = set(c.execute(sa.text("SELECT indexname FROM pg_indexes WHERE tablename = 'article_search'"))
                      .scalars())
        assert {"pk_article_search", "ix_article_search_document", "ix_article_search_title"} <= indexes
        assert not sa.inspect(c).has_table("article_search_v2") and not sa.inspect(c).has_table("migration_progress")
    with Session(engine) as s:
        assert count_matches(s, "食堂") == N and count_matches(s, "八元") == N

    with Session(engine) as s, s.begin():  # the writers after 0008: a changed article and a new one
        first = min(before)
        index_article(s, first, "河滨公园改造完工", "新栽的银杏树已经成活。")
        article = sa.Table("article", sa.MetaData(), autoload_with=s.connection())
        new_id = s.execute(article.insert().returning(article.c.id).values(
            canonical_url="https://food.example.cn/new.html", title="夜市", body="夜市摊位增加了。", blocks=[],
            author=[], editor=[], breadcrumb=[], tags=[], extractor_version="t", content_hash="hn", signature=[],
            version=1, first_seen=T0, last_seen=T0)).scalar_one()
        index_article(s, new_id, "夜市", "夜市摊位增加了。")
    with Session(engine) as s:
        assert count_matches(s, "食堂") == N - 1 and count_matches(s, "银杏") == 1 and count_matches(s, "摊位") == 1
        generated = s.execute(sa.text(
            "SELECT (setweight(to_tsvector('simple', :t), 'A') || setweight(to_tsvector('simple', :b), 'B'))::text"),
            {"t": index_text("河滨公园改造完工"), "b": index_text("新栽的银杏树已经成活。")}).scalar_one()
        assert _documents(engine)[first] == generated
        assert s.execute(sa.text("SELECT count(*) FROM article_search WHERE body <> ''")).scalar_one() == 0
    engine.dispose()


def test_0008_changes_nothing_on_sqlite(tmp_path: os.PathLike[str]) -> None:
    url = f"sqlite:///{tmp_path}/archive.db"
    engine = _archive_at_0007(url)
    with engine.connect() as c:
        before = c.execute(sa.text("SELECT article_id, title, body FROM article_search ORDER BY 1")).all()
    assert upgrade(url, "0008") == "0008"
    with engine.connect() as c:
        assert c.execute(sa.text("SELECT article_id, title, body FROM article_search ORDER BY 1")).all() == before
    with Session(engine) as s:
        assert count_matches(s, "食堂") == N
    engine.dispose()
