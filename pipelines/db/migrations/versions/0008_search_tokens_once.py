"""search_tokens_once: PostgreSQL keeps an article's search tokens once, in the tsvector (body text dropped)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 06:30:00

On PostgreSQL ``article_search`` held every article's tokens twice: as text in ``body`` (the bigrams
separated by spaces, ~7 bytes per character of the article) and as the ``document`` tsvector generated
from it, which is all that search reads. Here ``document`` becomes a plain column written by a trigger
from the title and body tokens a writer sends, and the trigger stores ``body`` empty: writers are
unchanged (they send the same rows; an upsert carries ``document`` over, see
``pipelines.db.search.search_upsert``). ``benchmarks/storage.py --size-only`` (2,000 articles, median body
1,084 characters), per 1,000 articles: ``article_search`` with its TOAST 23.2 → 16.8 MB, the whole
PostgreSQL archive 57.1 → 50.7 MB (−11 %); the GIN index is unchanged (9.3 MB).

An existing table is not rewritten in place (an UPDATE of every row would re-insert every tsvector
into the GIN index, ~800 entries a row): its rows are copied, without the body text, into a new table
by a row pass (``pipelines.db.backfill``: batches committed with their progress, an interruption
resumes), then the new table replaces the old one and its two GIN indexes are built once. The disk
space of the old table is returned at once (DROP TABLE), no VACUUM FULL needed. Search does not work
from the copy's start to the end of the index builds; nothing else is affected.

SQLite is unchanged: its FTS5 index is external-content over ``article_search`` and needs the token
text to delete an article's old tokens (a contentless table with ``contentless_delete`` needs SQLite
3.43; the Python here links 3.40).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from pipelines.db.backfill import RowPass, run_pass

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ROW_PASS = RowPass("article_search", {"postgresql": 1.5e-3},
                   "copy the search tokens without their text copy and rebuild the GIN indexes")

NEW = "article_search_v2"
DOCUMENT = "setweight(to_tsvector('simple', {0}title), 'A') || setweight(to_tsvector('simple', {0}body), 'B')"
TRIGGER = [
    # every write of title and body tokens sets document from them and stores body empty; an UPDATE that
    # sends body '' and a document (the upsert's DO UPDATE: its excluded row went through this trigger
    # already) keeps the document it was given
    "CREATE OR REPLACE FUNCTION article_search_document() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "IF TG_OP = 'INSERT' OR NEW.body <> '' OR NEW.document IS NULL THEN "
    f"NEW.document := {DOCUMENT.format('NEW.')}; END IF; NEW.body := ''; RETURN NEW; END $$",
    "CREATE TRIGGER article_search_document BEFORE INSERT OR UPDATE ON article_search "
    "FOR EACH ROW EXECUTE FUNCTION article_search_document()",
]
INDEXES = [
    "CREATE INDEX ix_article_search_document ON article_search USING gin (document)",
    "CREATE INDEX ix_article_search_title ON article_search USING gin (to_tsvector('simple'::regconfig, title))",
]


def _generated(bind: sa.Connection) -> bool:
    """Whether article_search.document is still the generated column of 0003."""
    return bool(bind.execute(sa.text(
        "SELECT attgenerated = 's' FROM pg_attribute WHERE attrelid = 'article_search'::regclass "
        "AND attname = 'document'")).scalar())


def _copy(bind: sa.Connection, ids: Sequence[int]) -> None:
    bind.execute(sa.text(f"INSERT INTO {NEW} (article_id, title, body, document) "
                         "SELECT article_id, title, '', document FROM article_search "
                         "WHERE article_id IN :ids").bindparams(sa.bindparam("ids", expanding=True)),
                 {"ids": list(ids)})


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql" or not _generated(bind):
        return
    # the copy: no index but its key while rows arrive (safe to run twice: a resumed run finds it)
    op.execute(f"CREATE TABLE IF NOT EXISTS {NEW} (article_id integer NOT NULL, title text NOT NULL, "
               f"body text NOT NULL, document tsvector, CONSTRAINT pk_{NEW} PRIMARY KEY (article_id))")
    run_pass("0008", "article_search", _copy, batch=2000, key="article_id")
    op.execute("DROP TABLE article_search")
    op.execute(f"ALTER TABLE {NEW} RENAME TO article_search")
    op.execute(f"ALTER TABLE article_search RENAME CONSTRAINT pk_{NEW} TO pk_article_search")
    op.execute("ALTER TABLE article_search ADD CONSTRAINT fk_article_search_article_id_article "
               "FOREIGN KEY (article_id) REFERENCES article (id) ON DELETE CASCADE")
    for statement in TRIGGER + INDEXES:
        op.execute(statement)
    op.execute("ANALYZE article_search")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql" or _generated(bind):
        return
    from pipelines.db.search import index_text

    op.execute("DROP TRIGGER IF EXISTS article_search_document ON article_search")
    op.execute("DROP FUNCTION IF EXISTS article_search_document()")
    op.execute("DROP INDEX IF EXISTS ix_article_search_document")
    op.execute("DROP INDEX IF EXISTS ix_article_search_title")
    article = sa.table("article", sa.column("id", sa.Integer), sa.column("body", sa.Text))
    search = sa.table("article_search", sa.column("article_id", sa.Integer), sa.column("body", sa.Text))
    last = 0
    while True:  # the body tokens again, from the articles
        rows = bind.execute(sa.select(article.c.id, article.c.body).where(article.c.id > last)
                            .order_by(article.c.id).limit(500)).all()
        if not rows:
            break
        bind.execute(sa.update(search).where(search.c.article_id == sa.bindparam("b_id"))
                     .values(body=sa.bindparam("b_body")),
                     [{"b_id": i, "b_body": index_text(body)} for i, body in rows])
        last = rows[-1][0]
    op.execute("ALTER TABLE article_search DROP COLUMN document")
    op.execute(f"ALTER TABLE article_search ADD COLUMN document tsvector GENERATED ALWAYS AS "
               f"({DOCUMENT.format('')}) STORED")
    for statement in INDEXES:
        op.execute(statement)
