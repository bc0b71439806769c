"""sqlite_title_search: an FTS5 index over the title tokens alone (SQLite)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 20:00:00

``pipelines.db.search`` ranks a bounded set of candidates (``CANDIDATES``): the newest matches and the
newest title matches, so that an older article with the words in its title still competes. On SQLite the
title matches came from ``article_fts`` with a column filter (``title : "…"``): FTS5 then walks the
word's whole doclist, bodies included, and reads each match's positions to see which column they are in.
For a phrase found in thousands of bodies and in no title that walk was the slowest step of a search
(9–26 ms at a million articles); this index holds the titles alone, where such a phrase has a doclist of a
few entries or none (0.01 ms). PostgreSQL has had its own title index since migration 0006.

``article_title_fts`` is an external-content FTS5 table over ``article_search.title`` (the same tokens,
tokenizer and prefix index as ``article_fts``), kept in step by three triggers of its own, and filled
here with FTS5's ``rebuild`` (one statement: 25–30 s per million articles here; ~130 MB with its
one-character prefix index, 1 % of the archive; an interrupted upgrade rolls it back and starts it
again). Nothing existing changes.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from pipelines.db.backfill import RowPass

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ROW_PASS = RowPass("article_search", {"sqlite": 3e-5},
                   "index every title for search (one statement: an interrupted build starts again)")

_CREATE = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS article_title_fts USING fts5(title, content='article_search', "
    "content_rowid='article_id', tokenize='unicode61 remove_diacritics 0', prefix='1')",
    "CREATE TRIGGER IF NOT EXISTS article_search_title_ai AFTER INSERT ON article_search BEGIN "
    "INSERT INTO article_title_fts(rowid, title) VALUES (new.article_id, new.title); END",
    "CREATE TRIGGER IF NOT EXISTS article_search_title_ad AFTER DELETE ON article_search BEGIN "
    "INSERT INTO article_title_fts(article_title_fts, rowid, title) VALUES ('delete', old.article_id, old.title); "
    "END",
    "CREATE TRIGGER IF NOT EXISTS article_search_title_au AFTER UPDATE ON article_search BEGIN "
    "INSERT INTO article_title_fts(article_title_fts, rowid, title) VALUES ('delete', old.article_id, old.title); "
    "INSERT INTO article_title_fts(rowid, title) VALUES (new.article_id, new.title); END",
    "INSERT INTO article_title_fts(article_title_fts) VALUES ('rebuild')",
]


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        return  # PostgreSQL's title index is migration 0006's (0011's with the article id)
    for statement in _CREATE:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        return
    for trigger in ("article_search_title_ai", "article_search_title_ad", "article_search_title_au"):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS article_title_fts")
