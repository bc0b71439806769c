"""How the archive's columns are spelled by each backend it runs on (SQLite and PostgreSQL).

Used by the schema reference (``newscrawler/browse/schema_markdown.py``, through ``pipelines.storage``)
so the dialect code stays in the storage layer.
"""

from __future__ import annotations

from sqlalchemy import Column
from sqlalchemy.dialects.postgresql.base import PGDialect
from sqlalchemy.dialects.sqlite.base import SQLiteDialect

__all__ = ["column_type_names"]


def column_type_names(column: Column[object]) -> tuple[str, str]:
    """The column's type as SQLite and as PostgreSQL declare it (``TIMESTAMPTZ`` for the long form)."""
    lite = column.type.compile(dialect=SQLiteDialect())
    pg_dialect = PGDialect()  # type: ignore[no-untyped-call]
    pg = column.type.compile(dialect=pg_dialect).replace("TIMESTAMP WITH TIME ZONE", "TIMESTAMPTZ")
    return lite, pg
