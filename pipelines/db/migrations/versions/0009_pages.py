"""pages: the text of every fetched page judged not an article, kept and searchable on request

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 06:40:00

A page the extractor judges not an article (a list, a video or gallery page, an error page, a page
with too little text …) used to leave only its ``fetch`` row: what text it had was gone, and with it
any article the verdict got wrong. ``page`` keeps the newest text of each such URL (with its kind and
the reason of the verdict) and ``page_search`` its tokens, indexed like ``article_search``: FTS5
``page_fts`` on SQLite (external content, kept in step by triggers), on PostgreSQL a ``document``
tsvector set by a trigger (body tokens stored empty, as 0008 does for articles) with a GIN index.
``newscrawler search --kind page`` searches them; plain searches never show them. New tables only.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from pipelines.db.models import UtcDateTime

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SQLITE = [
    "CREATE VIRTUAL TABLE page_fts USING fts5(title, body, content='page_search', content_rowid='page_id', "
    "tokenize='unicode61 remove_diacritics 0', prefix='1')",
    "CREATE TRIGGER page_search_ai AFTER INSERT ON page_search BEGIN "
    "INSERT INTO page_fts(rowid, title, body) VALUES (new.page_id, new.title, new.body); END",
    "CREATE TRIGGER page_search_ad AFTER DELETE ON page_search BEGIN "
    "INSERT INTO page_fts(page_fts, rowid, title, body) VALUES ('delete', old.page_id, old.title, old.body); END",
    "CREATE TRIGGER page_search_au AFTER UPDATE ON page_search BEGIN "
    "INSERT INTO page_fts(page_fts, rowid, title, body) VALUES ('delete', old.page_id, old.title, old.body); "
    "INSERT INTO page_fts(rowid, title, body) VALUES (new.page_id, new.title, new.body); END",
]
_POSTGRESQL = [
    "ALTER TABLE page_search ADD COLUMN document tsvector",
    "CREATE OR REPLACE FUNCTION page_search_document() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "IF TG_OP = 'INSERT' OR NEW.body <> '' OR NEW.document IS NULL THEN "
    "NEW.document := setweight(to_tsvector('simple', NEW.title), 'A') || "
    "setweight(to_tsvector('simple', NEW.body), 'B'); END IF; NEW.body := ''; RETURN NEW; END $$",
    "CREATE TRIGGER page_search_document BEFORE INSERT OR UPDATE ON page_search "
    "FOR EACH ROW EXECUTE FUNCTION page_search_document()",
    "CREATE INDEX ix_page_search_document ON page_search USING gin (document)",
]


def upgrade() -> None:
    op.create_table(
        "page",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("kind", sa.Text(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("encoding", sa.Text(), nullable=True),
        sa.Column("first_seen", UtcDateTime(), nullable=False),
        sa.Column("last_seen", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["site_id"], ["site.id"], name=op.f("fk_page_site_id_site")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_page")),
        sa.UniqueConstraint("url", name=op.f("uq_page_url")),
    )
    op.create_index(op.f("ix_page_kind"), "page", ["kind"], unique=False)
    op.create_index("ix_page_site_id_last_seen", "page", ["site_id", "last_seen"], unique=False)
    op.create_table(
        "page_search",
        sa.Column("page_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["page_id"], ["page.id"], name=op.f("fk_page_search_page_id_page"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("page_id", name=op.f("pk_page_search")),
    )
    for statement in _POSTGRESQL if op.get_bind().dialect.name == "postgresql" else _SQLITE:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_table("page_search")
        op.execute("DROP FUNCTION IF EXISTS page_search_document()")
    else:
        for name in ("page_search_ai", "page_search_ad", "page_search_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS page_fts")
        op.drop_table("page_search")
    op.drop_index("ix_page_site_id_last_seen", table_name="page")
    op.drop_index(op.f("ix_page_kind"), table_name="page")
    op.drop_table("page")
