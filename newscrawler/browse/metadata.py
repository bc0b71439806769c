"""Datasette metadata for an archive: every table and column described, internal tables hidden, canned queries.

Descriptions come from ``pipelines.db.schema_docs`` (the same source as docs/schema.md); Datasette shows
them as plain text, so Markdown backticks are dropped.
"""

from __future__ import annotations

from typing import Any

from pipelines.storage import CANNED_QUERIES, EXTRAS, INTERNAL_TABLES, TABLES, TableDoc

TITLE = "newscrawler archive"
DESCRIPTION = ("Chinese news articles archived by newscrawler: one row per canonical URL in article, with its "
               "quotes, disclaimers, images, earlier versions and copies. Times are stored in UTC and shown here "
               "in Beijing time (Asia/Shanghai, UTC+8) to the second; the JSON and CSV links give them as "
               "stored. Start with the canned queries (search, latest articles, copies of a story, site "
               "health).")

# How a table page opens: newest first, and the column that labels a row when another table points to it.
_TABLE_OPTIONS: dict[str, dict[str, str]] = {
    "article": {"sort_desc": "publish_date", "label_column": "title"},
    "site": {"label_column": "name"},
    "crawl_run": {"sort_desc": "started_at"},
    "fetch": {"sort_desc": "fetched_at"},
    "article_version": {"sort_desc": "valid_to"},
}


def _plain(text: str) -> str:
    return text.replace("`", "")


def _table(doc: TableDoc) -> dict[str, Any]:
    columns = {name: _plain(column.text()) for name, column in doc.columns.items() if column.backend != "postgresql"}
    entry: dict[str, Any] = {"title": doc.title, "description": _plain(doc.description), "columns": columns}
    if doc.internal:
        entry["hidden"] = True
    return entry


def datasette_metadata(database: str) -> dict[str, Any]:
    """The metadata for a Datasette that serves a SQLite archive under the name ``database``."""
    tables = {name: {**_table(doc), **_TABLE_OPTIONS.get(name, {})} for name, doc in TABLES.items()}
    for name, doc in EXTRAS.items():
        if doc.backend == "sqlite":
            tables[name] = _table(doc)
    for name in INTERNAL_TABLES:
        tables[name] = {"hidden": True}
    queries = {name: {"title": query.title, "description": query.description, "sql": query.sql.strip()}
               for name, query in CANNED_QUERIES.items()}
    return {
        "title": TITLE,
        "description": DESCRIPTION,
        "databases": {database: {"title": f"{TITLE} ({database})", "description": DESCRIPTION, "tables": tables, "queries": queries}},
    }
