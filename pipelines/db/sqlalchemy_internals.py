"""SQLAlchemy internals the search statements use (SQLAlchemy 2.x), in one place with their ``check()``.

The project's adapters of other projects' internals live in ``newscrawler/adapters/``; SQLAlchemy may only be
imported by the storage layer, so its adapter lives here. ``tests/test_adapters.py`` runs ``check()``: a release
that moves what is used fails the test run naming SQLAlchemy and its version, instead of changing a search.
"""

from __future__ import annotations

from importlib.metadata import version
from typing import Any

from sqlalchemy import bindparam, create_engine, event, literal_column, select
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
    """Raise :class:`SQLAlchemyInternalChanged` when a statement's cache key no longer lists its bound values, or
    a value marked ``literal_execute`` after the key was computed is no longer written into the SQL (run with a
    compiled cache of its own, as the search runs its statements, after the same shape ran unmarked)."""
    def statement_() -> tuple[Any, BindParameter[int]]:
        value: BindParameter[int] = bindparam("x", 5)
        return select(literal_column("1")).where(literal_column("7") > value), value

    statement, value = statement_()
    try:
        found = bound_values(statement)
    except AttributeError as error:
        raise SQLAlchemyInternalChanged("Select._generate_cache_key() is gone") from error
    if found is None or value not in found:
        raise SQLAlchemyInternalChanged("a statement's cache key no longer lists its bound values (bindparams)")
    sent: list[str] = []
    engine = create_engine("sqlite://")
    event.listen(engine, "before_cursor_execute", lambda _c, _k, sql, *_: sent.append(sql))
    with engine.connect() as connection:
        connection.execute(statement_()[0])
        for bind in found:
            bind.literal_execute = True
        connection.execute(statement, execution_options={"compiled_cache": {}})
    engine.dispose()
    if "?" in sent[-1] or "5" not in sent[-1]:
        raise SQLAlchemyInternalChanged(f"a value marked literal_execute after keying is not written into the SQL: "
                                        f"{sent[-1]!r}")
