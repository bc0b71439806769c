"""article_search: Chinese full-text search (bigram tokens, FTS5 on SQLite, GIN tsvector on PostgreSQL)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 21:50:00

Existing articles are tokenised here, in batches, so an upgraded archive is searchable at once.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from pipelines.db.search import index_text

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BATCH = 500

_SQLITE = [
    # external content: the index reads tokens from article_search; tokens are space-separated already
    "CREATE VIRTUAL TABLE article_fts USING fts5(title, body, content='article_search', "
    "content_rowid='article_id', tokenize='unicode61 remove_diacritics 0', prefix='1')",
    "CREATE TRIGGER article_search_ai AFTER INSERT ON article_search BEGIN "
    "INSERT INTO article_fts(rowid, title, body) VALUES (new.article_id, new.title, new.body); END",
    "CREATE TRIGGER article_search_ad AFTER DELETE ON article_search BEGIN "
    "INSERT INTO article_fts(article_fts, rowid, title, body) VALUES ('delete', old.article_id, old.title, old.body); "
    "END",
    "CREATE TRIGGER article_search_au AFTER UPDATE ON article_search BEGIN "
    "INSERT INTO article_fts(article_fts, rowid, title, body) VALUES ('delete', old.article_id, old.title, old.body); "
    "INSERT INTO article_fts(rowid, title, body) VALUES (new.article_id, new.title, new.body); END",
]
_POSTGRESQL = [
    "ALTER TABLE article_search ADD COLUMN document tsvector GENERATED ALWAYS AS "
    "(setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', body), 'B')) STORED",
    "CREATE INDEX ix_article_search_document ON article_search USING gin (document)",
]


def upgrade() -> None:
    op.create_table(
        "article_search",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["article.id"], name=op.f("fk_article_search_article_id_article"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("article_id", name=op.f("pk_article_search")),
    )
    bind = op.get_bind()
    for statement in _POSTGRESQL if bind.dialect.name == "postgresql" else _SQLITE:
        op.execute(statement)
    _backfill(bind)


def _backfill(bind: sa.Connection) -> None:
    article = sa.table("article", sa.column("id", sa.Integer), sa.column("title", sa.Text),
                       sa.column("body", sa.Text))
    search = sa.table("article_search", sa.column("article_id", sa.Integer), sa.column("title", sa.Text),
                      sa.column("body", sa.Text))
    last = 0
    while True:
        rows = bind.execute(sa.select(article.c.id, article.c.title, article.c.body)
                            .where(article.c.id > last).order_by(article.c.id).limit(_BATCH)).all()
        if not rows:
            return
        bind.execute(search.insert(), [{"article_id": i, "title": index_text(t), "body": index_text(b)}
                                       for i, t, b in rows])
        last = rows[-1][0]


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        for name in ("article_search_ai", "article_search_ad", "article_search_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS article_fts")
    op.drop_table("article_search")
