"""SQLAlchemy internals the search statements use (SQLAlchemy 2.x), in one place with their ``check()``.

The project's adapters of other projects' internals live in ``newscrawler/adapters/``; SQLAlchemy may only be
imported by the storage layer, so its adapter lives here. ``tests/test_adapters.py`` runs ``check()``: a release
that moves what is used fails the test run naming SQLAlchemy and its version, instead of changing a search.
"""

from __future__ import annotations

from importlib.metadata import version
from typing import Any

from sqlalchemy import bindparam, column, select, table
from sqlalchemy.sql.elements import BindParameter


class SQLAlchemyInternalChanged(RuntimeError):
    """An internal of SQLAlchemy used here is gone or changed shape."""

    def __init__(self, what: str) -> None:
        super().__init__(f"sqlalchemy {version('sqlalchemy')}: {what} (pipelines/db/sqlalchemy_internals.py needs "
                         f"updating)")


def bound_values(statement: Any) -> list[BindParameter[Any]] | None:
    """The bound values of ``statement`` as its cache key lists them (what SQLAlchemy itself reads a cached
    statement's values from; one lookup instead of a walk of the whole tree), or None when the statement has
    no cache key (an element that opts out of caching)."""
    key = statement._generate_cache_key()
    return None if key is None else list(key.bindparams)


def check() -> None:
    """Raise :class:`SQLAlchemyInternalChanged` when a statement's cache key no longer lists its bound values."""
    value: BindParameter[int] = bindparam("x", 5)
    statement: Any = select(column("a")).select_from(table("t")).where(column("a") == value)
    try:
        found = bound_values(statement)
    except AttributeError as error:
        raise SQLAlchemyInternalChanged("Select._generate_cache_key() is gone") from error
    if found is None or value not in found:
        raise SQLAlchemyInternalChanged("a statement's cache key no longer lists its bound values (bindparams)")
