"""The archive's one door for the code outside ``pipelines/``: every module of ``newscrawler`` that opens,
migrates, reads or writes an archive imports what it needs from here, never from ``pipelines.db`` (or the
WARC and spool modules) directly. ``tests/test_layout.py`` enforces it.

The names below are the storage layer's stable public surface: a function may move between the modules
of ``pipelines/db/`` (or gain a new implementation) while keeping its name here, and the callers do not
change. What is not named here is internal to the storage layer. Three other doors stay open to the rest
of the crawler: the stage classes named in ``ITEM_PIPELINES`` (by string, in ``newscrawler/settings.py``),
the signals of ``pipelines.signals`` and the setting defaults of ``pipelines.defaults`` (read by
``newscrawler/settings.py`` only).

Grouped by use:

- an archive by URL: ``locate``, ``safe_url``, ``make_engine``, ``session_factory``, ``archive_session``,
  ``archive_id``, ``upgrade`` (create or migrate; ``migration_plan`` lists the ``PendingMigration`` steps first), ``current_revision``, ``head_revision``,
  ``sqlite_file_revision``, ``recount_tallies`` (count the tallies again: ``TallyRecount``), ``optimize``
  (merge SQLite's full-text indexes / VACUUM ANALYZE: ``Optimized``); failures:
  ``DatabaseURLError``, ``StorageError`` (any database error; summarised in one line by ``error_summary``),
  ``ArchiveUnreadable``;
- crawl runs and articles (``crawl``, ``schedule``, ``reextract``, ``incremental``, ``watch``):
  ``start_run``, ``finish_run``, ``save_article``, ``fetch_row``, ``record_fetches``, ``last_runs``,
  ``finished_run_stats``, ``latest_articles``, ``articles_to_reextract``, ``archived_url_set``,
  ``try_advisory_lock``;
- reading commands (``search``, ``quotes``, ``speakers``, ``export``, ``health``): ``ArticleFilter``,
  ``search``, ``search_counted``, ``COUNT_CAP``, ``count_cap``, ``SearchQueryError``, the kept non-article pages
  (``search_pages``, ``count_pages``, ``PAGE_KINDS``), the quote and speaker queries,
  ``EXPORT_COLUMNS``/``QUOTE_FIELDS``/``count_rows``/``row_pages``, the health counts;
- ``watch``: ``enrol``, ``due_visits``, ``count_due``, ``last_alive``, ``record_visit``, ``find_events``,
  ``event_times``, ``DueVisit``;
- ``browse`` and the schema reference: ``Base``, ``UtcDateTime``, ``ArticleRow``, ``CANNED_QUERIES``,
  ``TIME_ALIASES``, ``register_functions``, ``TABLES``, ``EXTRAS``, ``INTERNAL_TABLES``, ``ColumnDoc``,
  ``TableDoc``, ``column_type_names``;
- raw pages: ``WarcWriter``, ``read_record``, ``read_following``, ``DEFAULT_WARC_DIR``, ``replay_spool``;
- types for annotations: ``Engine``, ``Session``, ``sessionmaker``, ``Column``, ``Table``.

Importing this module costs nothing: each name loads its home module on first use (PEP 562), so a command
that only searches never imports Alembic or warcio. The type checker reads the imports under
``TYPE_CHECKING``; ``_HOMES`` says the same for the running program (``tests/test_layout.py`` checks
that the two agree).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import Column, Engine, Table
    from sqlalchemy.exc import SQLAlchemyError as StorageError
    from sqlalchemy.orm import Session, sessionmaker

    from pipelines.db.access import (
        ArchiveLocation,
        ArchiveUnreadable,
        HeldAdvisoryLock,
        archive_session,
        archived_url_set,
        error_summary,
        locate,
        safe_url,
        sqlite_file_revision,
        try_advisory_lock,
    )
    from pipelines.db.canned import CANNED_QUERIES, TIME_ALIASES, register_functions
    from pipelines.db.dialects import column_type_names
    from pipelines.db.engine import SQLITE_BEGIN, DatabaseURLError, archive_id, make_engine, session_factory
    from pipelines.db.export_rows import COLUMNS as EXPORT_COLUMNS
    from pipelines.db.export_rows import QUOTE_FIELDS, count_rows, row_pages
    from pipelines.db.filters import ArticleFilter
    from pipelines.db.health import (
        RunRow,
        archived_counts,
        archived_per_day,
        counter_totals,
        newest_published,
        recent_runs,
        resolve_site,
        run_counts,
        site_names,
    )
    from pipelines.db.maintenance import Optimized, optimize
    from pipelines.db.migrate import Pending as PendingMigration
    from pipelines.db.migrate import current_revision, head_revision, upgrade
    from pipelines.db.migrate import plan as migration_plan
    from pipelines.db.models import Article as ArticleRow
    from pipelines.db.models import Base, UtcDateTime
    from pipelines.db.pages import PAGE_KINDS, count_pages, search_pages
    from pipelines.db.quote_queries import (
        count_quotes,
        count_speakers,
        find_quotes,
        ranked_speakers,
        top_speakers,
    )
    from pipelines.db.repository import (
        articles_to_reextract,
        fetch_row,
        finish_run,
        finished_run_stats,
        last_runs,
        latest_articles,
        record_fetches,
        save_article,
        start_run,
    )
    from pipelines.db.schema_docs import EXTRAS, INTERNAL_TABLES, TABLES, ColumnDoc, TableDoc
    from pipelines.db.search import COUNT_CAP, SearchQueryError, count_cap, search, search_counted
    from pipelines.db.tally_counts import TallyRecount, recount_tallies
    from pipelines.db.watch import (
        DueVisit,
        count_due,
        due_visits,
        enrol,
        event_times,
        find_events,
        last_alive,
        record_visit,
    )
    from pipelines.defaults import WARC_DIR as DEFAULT_WARC_DIR
    from pipelines.spool import replay_spool
    from pipelines.warc import WarcWriter, read_following, read_record

__all__ = [
    "CANNED_QUERIES",
    "COUNT_CAP",
    "DEFAULT_WARC_DIR",
    "EXPORT_COLUMNS",
    "EXTRAS",
    "INTERNAL_TABLES",
    "PAGE_KINDS",
    "QUOTE_FIELDS",
    "SQLITE_BEGIN",
    "TABLES",
    "TIME_ALIASES",
    "ArchiveLocation",
    "ArchiveUnreadable",
    "ArticleFilter",
    "ArticleRow",
    "Base",
    "Column",
    "ColumnDoc",
    "DatabaseURLError",
    "DueVisit",
    "Engine",
    "HeldAdvisoryLock",
    "Optimized",
    "PendingMigration",
    "RunRow",
    "SearchQueryError",
    "Session",
    "StorageError",
    "Table",
    "TableDoc",
    "TallyRecount",
    "UtcDateTime",
    "WarcWriter",
    "archive_id",
    "archive_session",
    "archived_counts",
    "archived_per_day",
    "archived_url_set",
    "articles_to_reextract",
    "column_type_names",
    "count_cap",
    "count_due",
    "count_pages",
    "count_quotes",
    "count_rows",
    "count_speakers",
    "counter_totals",
    "current_revision",
    "due_visits",
    "enrol",
    "error_summary",
    "event_times",
    "fetch_row",
    "find_events",
    "find_quotes",
    "finish_run",
    "finished_run_stats",
    "head_revision",
    "last_alive",
    "last_runs",
    "latest_articles",
    "locate",
    "make_engine",
    "migration_plan",
    "newest_published",
    "optimize",
    "ranked_speakers",
    "read_following",
    "read_record",
    "recent_runs",
    "record_fetches",
    "record_visit",
    "recount_tallies",
    "register_functions",
    "replay_spool",
    "resolve_site",
    "row_pages",
    "run_counts",
    "safe_url",
    "save_article",
    "search",
    "search_counted",
    "search_pages",
    "session_factory",
    "sessionmaker",
    "site_names",
    "sqlite_file_revision",
    "start_run",
    "top_speakers",
    "try_advisory_lock",
    "upgrade",
]

_HOMES: dict[str, tuple[str, str]] = {
    "DatabaseURLError": ("pipelines.db.engine", "DatabaseURLError"),
    "SQLITE_BEGIN": ("pipelines.db.engine", "SQLITE_BEGIN"),
    "archive_id": ("pipelines.db.engine", "archive_id"),
    "make_engine": ("pipelines.db.engine", "make_engine"),
    "session_factory": ("pipelines.db.engine", "session_factory"),
    "column_type_names": ("pipelines.db.dialects", "column_type_names"),
    "ArchiveLocation": ("pipelines.db.access", "ArchiveLocation"),
    "ArchiveUnreadable": ("pipelines.db.access", "ArchiveUnreadable"),
    "HeldAdvisoryLock": ("pipelines.db.access", "HeldAdvisoryLock"),
    "archive_session": ("pipelines.db.access", "archive_session"),
    "archived_url_set": ("pipelines.db.access", "archived_url_set"),
    "error_summary": ("pipelines.db.access", "error_summary"),
    "locate": ("pipelines.db.access", "locate"),
    "safe_url": ("pipelines.db.access", "safe_url"),
    "sqlite_file_revision": ("pipelines.db.access", "sqlite_file_revision"),
    "try_advisory_lock": ("pipelines.db.access", "try_advisory_lock"),
    "current_revision": ("pipelines.db.migrate", "current_revision"),
    "migration_plan": ("pipelines.db.migrate", "plan"),
    "PendingMigration": ("pipelines.db.migrate", "Pending"),
    "head_revision": ("pipelines.db.migrate", "head_revision"),
    "upgrade": ("pipelines.db.migrate", "upgrade"),
    "recount_tallies": ("pipelines.db.tally_counts", "recount_tallies"),
    "optimize": ("pipelines.db.maintenance", "optimize"),
    "Optimized": ("pipelines.db.maintenance", "Optimized"),
    "TallyRecount": ("pipelines.db.tally_counts", "TallyRecount"),
    "articles_to_reextract": ("pipelines.db.repository", "articles_to_reextract"),
    "fetch_row": ("pipelines.db.repository", "fetch_row"),
    "finish_run": ("pipelines.db.repository", "finish_run"),
    "finished_run_stats": ("pipelines.db.repository", "finished_run_stats"),
    "last_runs": ("pipelines.db.repository", "last_runs"),
    "latest_articles": ("pipelines.db.repository", "latest_articles"),
    "record_fetches": ("pipelines.db.repository", "record_fetches"),
    "save_article": ("pipelines.db.repository", "save_article"),
    "start_run": ("pipelines.db.repository", "start_run"),
    "ArticleFilter": ("pipelines.db.filters", "ArticleFilter"),
    "COUNT_CAP": ("pipelines.db.search", "COUNT_CAP"),
    "count_cap": ("pipelines.db.search", "count_cap"),
    "SearchQueryError": ("pipelines.db.search", "SearchQueryError"),
    "search": ("pipelines.db.search", "search"),
    "search_counted": ("pipelines.db.search", "search_counted"),
    "search_pages": ("pipelines.db.pages", "search_pages"),
    "count_pages": ("pipelines.db.pages", "count_pages"),
    "PAGE_KINDS": ("pipelines.db.pages", "PAGE_KINDS"),
    "count_quotes": ("pipelines.db.quote_queries", "count_quotes"),
    "count_speakers": ("pipelines.db.quote_queries", "count_speakers"),
    "find_quotes": ("pipelines.db.quote_queries", "find_quotes"),
    "top_speakers": ("pipelines.db.quote_queries", "top_speakers"),
    "ranked_speakers": ("pipelines.db.quote_queries", "ranked_speakers"),
    "EXPORT_COLUMNS": ("pipelines.db.export_rows", "COLUMNS"),
    "QUOTE_FIELDS": ("pipelines.db.export_rows", "QUOTE_FIELDS"),
    "count_rows": ("pipelines.db.export_rows", "count_rows"),
    "row_pages": ("pipelines.db.export_rows", "row_pages"),
    "RunRow": ("pipelines.db.health", "RunRow"),
    "archived_counts": ("pipelines.db.health", "archived_counts"),
    "archived_per_day": ("pipelines.db.health", "archived_per_day"),
    "counter_totals": ("pipelines.db.health", "counter_totals"),
    "newest_published": ("pipelines.db.health", "newest_published"),
    "recent_runs": ("pipelines.db.health", "recent_runs"),
    "resolve_site": ("pipelines.db.health", "resolve_site"),
    "run_counts": ("pipelines.db.health", "run_counts"),
    "site_names": ("pipelines.db.health", "site_names"),
    "DueVisit": ("pipelines.db.watch", "DueVisit"),
    "count_due": ("pipelines.db.watch", "count_due"),
    "due_visits": ("pipelines.db.watch", "due_visits"),
    "enrol": ("pipelines.db.watch", "enrol"),
    "event_times": ("pipelines.db.watch", "event_times"),
    "find_events": ("pipelines.db.watch", "find_events"),
    "last_alive": ("pipelines.db.watch", "last_alive"),
    "record_visit": ("pipelines.db.watch", "record_visit"),
    "CANNED_QUERIES": ("pipelines.db.canned", "CANNED_QUERIES"),
    "TIME_ALIASES": ("pipelines.db.canned", "TIME_ALIASES"),
    "register_functions": ("pipelines.db.canned", "register_functions"),
    "ArticleRow": ("pipelines.db.models", "Article"),
    "Base": ("pipelines.db.models", "Base"),
    "UtcDateTime": ("pipelines.db.models", "UtcDateTime"),
    "EXTRAS": ("pipelines.db.schema_docs", "EXTRAS"),
    "INTERNAL_TABLES": ("pipelines.db.schema_docs", "INTERNAL_TABLES"),
    "TABLES": ("pipelines.db.schema_docs", "TABLES"),
    "ColumnDoc": ("pipelines.db.schema_docs", "ColumnDoc"),
    "TableDoc": ("pipelines.db.schema_docs", "TableDoc"),
    "DEFAULT_WARC_DIR": ("pipelines.defaults", "WARC_DIR"),
    "WarcWriter": ("pipelines.warc", "WarcWriter"),
    "read_following": ("pipelines.warc", "read_following"),
    "read_record": ("pipelines.warc", "read_record"),
    "replay_spool": ("pipelines.spool", "replay_spool"),
    "Column": ("sqlalchemy", "Column"),
    "Engine": ("sqlalchemy", "Engine"),
    "Table": ("sqlalchemy", "Table"),
    "StorageError": ("sqlalchemy.exc", "SQLAlchemyError"),
    "Session": ("sqlalchemy.orm", "Session"),
    "sessionmaker": ("sqlalchemy.orm", "sessionmaker"),
}
"""Each public name: the module it lives in and its name there."""


def __getattr__(name: str) -> Any:
    """Load ``name`` from its home module on first use and keep it here."""
    try:
        module, attribute = _HOMES[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
