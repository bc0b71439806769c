"""search_window_indexes: the article id inside the search GIN indexes and the filter indexes (PostgreSQL)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 14:20:00

``pipelines.db.search`` ranks, on PostgreSQL, the newest matches of a query (``CANDIDATES``). Finding "the
newest matches" used to mean testing the ``tsvector`` of the newest articles one by one: each test reads
(detoasts) ~13 KB, ~25 µs, so 2,000 of them cost 50 ms at a million articles, and the planner does not
know that (it takes the test for free). With the article id as a second column of the GIN index
(``btree_gin``), one index scan answers "which articles of this id window hold these tokens": GIN
intersects the token's posting list with the window's ids, skipping through the list, and returns only
the matches, with no ``tsvector`` read. The id is indexed as an expression, ``article_id + 0`` beside the
body tokens and ``article_id * 1`` beside the title's: the primary key cannot answer either, so the planner
cannot turn a window into a walk of the key that tests each row's ``tsvector``, nor answer a body window
with the title index's id column alone (it did, at 20,000 articles, testing every ``tsvector`` of the
window on the heap).

The two new indexes replace ``ix_article_search_document`` and ``ix_article_search_title``: a multicolumn
GIN index serves a condition on any one of its columns as well as the single-column index did. Two B-tree
indexes get the id after the filter's columns, ``(publish_date, id)`` and ``(site_id, publish_date, id)``:
the lowest and highest id of a date or site filter, where the search windows start and stop, are then
read from the index alone (under 1 s each to build at a million articles, 30 MB and 39 MB there).

Building them reads every ``tsvector`` once (~1.2 ms per article here: ~20 min at a million). Without the
``btree_gin`` extension (it ships with PostgreSQL's contrib, which Debian's, the Docker images' and the
hosted services' PostgreSQL include; a database owner may create it since PostgreSQL 13) the migration
keeps the old indexes and search keeps its slower way of finding the newest matches; a warning says so
and gives the statements that add the indexes later (the archive is marked as migrated either way).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from alembic import op
from sqlalchemy import text

from pipelines.db.backfill import RowPass

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

log = logging.getLogger(__name__)

ROW_PASS = RowPass("article_search", {"postgresql": 1.2e-3},
                   "build the two search indexes with article ids (one statement each: an interrupted "
                   "build starts again from the beginning; writes to article_search wait for it)")

BODY = ("CREATE INDEX IF NOT EXISTS ix_article_search_window ON article_search "
        "USING gin (document, (article_id + 0))")
TITLE = ("CREATE INDEX IF NOT EXISTS ix_article_search_title_window ON article_search "
         "USING gin (to_tsvector('simple'::regconfig, title), (article_id * 1))")


LATER = ("The archive is marked as migrated all the same; to add the indexes later (as a role that may create "
         "the extension; search uses them as soon as both exist): CREATE EXTENSION btree_gin; " + BODY + "; "
         + TITLE + "; DROP INDEX ix_article_search_document; DROP INDEX ix_article_search_title "
         "(docs/schema.md, 'Search indexes on PostgreSQL')")


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return  # SQLite's FTS5 walks its doclists by rowid already, and its indexes hold the rowid
    # the id inside the filter's indexes: the span of a date or site filter is then read index-only
    # (``search._pg_span``: 14 ms instead of 300 ms for the last 30 days of a million articles)
    op.execute("CREATE INDEX IF NOT EXISTS ix_article_publish_date_id ON article (publish_date, id)")
    op.execute("CREATE INDEX IF NOT EXISTS ix_article_site_date_id ON article (site_id, publish_date, id)")
    available = bind.execute(text("SELECT 1 FROM pg_available_extensions WHERE name = 'btree_gin'")).first()
    if available is None:
        log.warning("PostgreSQL has no btree_gin extension (contrib): search keeps its single-column indexes "
                    "and is slower on large archives. %s", LATER)
        return
    # a savepoint: a role that may not create the extension leaves the transaction usable
    savepoint = bind.begin_nested()
    try:
        bind.execute(text("CREATE EXTENSION IF NOT EXISTS btree_gin"))
    except Exception as error:  # any refusal (privilege, missing files) keeps the old indexes, reason logged
        savepoint.rollback()
        log.warning("cannot create the btree_gin extension (%s): search keeps its single-column indexes. %s",
                    str(error).splitlines()[0], LATER)
        return
    savepoint.commit()
    op.execute("SET LOCAL maintenance_work_mem = '256MB'")  # a GIN build spills less than at the default 64 MB
    op.execute(BODY)
    op.execute(TITLE)
    op.execute("DROP INDEX IF EXISTS ix_article_search_document")
    op.execute("DROP INDEX IF EXISTS ix_article_search_title")
    op.execute("ANALYZE article_search")  # statistics of the new expressions, for the planner


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX IF EXISTS ix_article_publish_date_id")
    op.execute("DROP INDEX IF EXISTS ix_article_site_date_id")
    op.execute("CREATE INDEX IF NOT EXISTS ix_article_search_document ON article_search USING gin (document)")
    op.execute("CREATE INDEX IF NOT EXISTS ix_article_search_title ON article_search "
               "USING gin (to_tsvector('simple'::regconfig, title))")
    op.execute("DROP INDEX IF EXISTS ix_article_search_window")
    op.execute("DROP INDEX IF EXISTS ix_article_search_title_window")
