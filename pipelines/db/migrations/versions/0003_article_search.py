"""article_search: Chinese full-text search (bigram tokens, FTS5 on SQLite, GIN tsvector on PostgreSQL)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 21:50:00

Existing articles are tokenised here, in batches, so an upgraded archive is searchable at once: a row
pass (``pipelines.db.backfill``), each batch committed with its progress, so an interrupted upgrade
continues where it stopped. The schema steps before it are therefore safe to run twice.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from pipelines.db.backfill import RowPass, run_pass
from pipelines.db.search import index_text

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BATCH = 500
ROW_PASS = RowPass("article", {"sqlite": 1.5e-3, "postgresql": 1.2e-3}, "tokenise every article for search")

_SQLITE = [
    # external content: the index reads tokens from article_search; tokens are space-separated already
    "CREATE VIRTUAL TABLE IF NOT EXISTS article_fts USING fts5(title, body, content='article_search', "
    "content_rowid='article_id', tokenize='unicode61 remove_diacritics 0', prefix='1')",
    "CREATE TRIGGER IF NOT EXISTS article_search_ai AFTER INSERT ON article_search BEGIN "
    "INSERT INTO article_fts(rowid, title, body) VALUES (new.article_id, new.title, new.body); END",
    "CREATE TRIGGER IF NOT EXISTS article_search_ad AFTER DELETE ON article_search BEGIN "
    "INSERT INTO article_fts(article_fts, rowid, title, body) VALUES ('delete', old.article_id, old.title, old.body); "
    "END",
    "CREATE TRIGGER IF NOT EXISTS article_search_au AFTER UPDATE ON article_search BEGIN "
    "INSERT INTO article_fts(article_fts, rowid, title, body) VALUES ('delete', old.article_id, old.title, old.body); "
    "INSERT INTO article_fts(rowid, title, body) VALUES (new.article_id, new.title, new.body); END",
]
_POSTGRESQL = [
    "ALTER TABLE article_search ADD COLUMN IF NOT EXISTS document tsvector GENERATED ALWAYS AS "
    "(setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', body), 'B')) STORED",
    "CREATE INDEX IF NOT EXISTS ix_article_search_document ON article_search USING gin (document)",
]


def upgrade() -> None:
    bind = op.get_bind()
    if not sa.inspect(bind).has_table("article_search"):  # else: a resumed run (see the module docstring)
        _create_table()
    for statement in _POSTGRESQL if bind.dialect.name == "postgresql" else _SQLITE:
        op.execute(statement)
    run_pass("0003", "article", _backfill, batch=_BATCH)


def _create_table() -> None:
    op.create_table(
        "article_search",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["article.id"], name=op.f("fk_article_search_article_id_article"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("article_id", name=op.f("pk_article_search")),
    )


def _backfill(bind: sa.Connection, ids: Sequence[int]) -> None:
    """Tokenise one batch of articles (the row pass's work)."""
    article = sa.table("article", sa.column("id", sa.Integer), sa.column("title", sa.Text),
                       sa.column("body", sa.Text))
    search = sa.table("article_search", sa.column("article_id", sa.Integer), sa.column("title", sa.Text),
                      sa.column("body", sa.Text))
    rows = bind.execute(sa.select(article.c.id, article.c.title, article.c.body)
                        .where(article.c.id.in_(list(ids)))).all()
    if rows:
        bind.execute(search.insert(), [{"article_id": i, "title": index_text(t), "body": index_text(b)}
                                       for i, t, b in rows])


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        for name in ("article_search_ai", "article_search_ad", "article_search_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS article_fts")
    op.drop_table("article_search")
