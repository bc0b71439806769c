"""Alembic environment: migrations run against the URL the caller configured (see ``pipelines.db.migrate``).

``render_as_batch`` lets SQLite alter tables by copying them; PostgreSQL alters in place.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from pipelines.db.engine import make_engine
from pipelines.db.models import Base

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    def include_object(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
        # apscheduler_jobs is APScheduler's job store (`newscrawler serve`), created by APScheduler, not ours;
        # the search index (FTS5 table article_fts and its shadow tables on SQLite, the generated document
        # column and its GIN index on PostgreSQL) is backend-specific DDL of migration 0003, not in the models,
        # and so is 0012's FTS5 table of the titles alone (article_title_fts);
        # so is 0006's GIN expression index on the title tokens (PostgreSQL only) and 0011's two GIN indexes
        # with the article id that replace them where btree_gin exists, and its two filter indexes with the id
        # migration_progress exists only while a row pass is unfinished (pipelines.db.backfill), and so does
        # 0008's copy of article_search on PostgreSQL
        if type_ == "table" and (name in ("apscheduler_jobs", "migration_progress", "article_search_v2")
                                 or (name or "").startswith(("article_fts", "article_title_fts", "page_fts"))):
            return False
        return not (name in ("document", "ix_article_search_document", "ix_article_search_title",
                             "ix_article_search_window", "ix_article_search_title_window",
                             "ix_article_publish_date_id", "ix_article_site_date_id",
                             "ix_page_search_document")
                    and type_ in ("column", "index"))

    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url") or "")
    try:  # also when a row pass is interrupted (pipelines.db.backfill): its connections are closed
        with engine.connect() as connection:
            _run(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata,
                      literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
