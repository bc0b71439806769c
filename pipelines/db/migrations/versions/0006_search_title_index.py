"""search_title_index: a GIN index over the title tokens alone (PostgreSQL)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07 05:00:00

``pipelines.db.search`` ranks, on PostgreSQL, a bounded set of candidates instead of every match (see
``CANDIDATES`` there): the newest matches and the newest title matches. The title matches come from
this expression index, ``to_tsvector('simple', title)`` over ``article_search.title``, so a title hit
is found without reading the article's whole tsvector. An index, not a generated column: no table
rewrite (the table is ~13 KB per article with its TOAST), only one read of the short title column;
~1.5 s per 100,000 articles here. SQLite needs nothing: FTS5 ranks from its own index. Nothing
existing changes.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE INDEX ix_article_search_title ON article_search "
                   "USING gin (to_tsvector('simple'::regconfig, title))")
        op.execute("ANALYZE article_search")  # statistics of the new expression, for the planner


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_article_search_title")
