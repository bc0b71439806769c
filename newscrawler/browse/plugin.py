"""The Datasette plugin of the archive browser (registered by ``newscrawler.browse.server``).

- ``prepare_connection``: every connection gets ``newscrawler_match`` and ``newscrawler_snippet``
  (``pipelines.db.canned``), so the search canned query can use the archive's bigram syntax.
- ``render_cell``: JSON text stored with ``\\uXXXX`` escapes (SQLAlchemy's JSON type writes ASCII)
  is shown with its Chinese characters; the stored value and the JSON/CSV outputs are unchanged.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from typing import Any, TypeVar, cast

from datasette import hookimpl as _hookimpl  # type: ignore[import-untyped]

from pipelines.db.canned import register_functions

F = TypeVar("F", bound=Callable[..., Any])


def hookimpl(function: F) -> F:
    """Datasette's ``hookimpl`` with the function's type kept (Datasette ships no type hints)."""
    return cast(F, _hookimpl(function))


@hookimpl
def prepare_connection(conn: sqlite3.Connection) -> None:
    register_functions(conn)


@hookimpl
def render_cell(value: object, datasette: Any) -> str | None:
    """Escaped JSON lists and objects as readable JSON, cut to the cell width; None leaves the cell to Datasette."""
    readable = readable_json(value)
    if readable is None:
        return None
    limit = datasette.setting("truncate_cells_html") or 0
    return readable[:limit] + "…" if limit and len(readable) > limit else readable


def readable_json(value: object) -> str | None:
    """``value`` re-serialised without ``\\u`` escapes when it is JSON text that has them, else None."""
    if not isinstance(value, str) or "\\u" not in value or value[:1] not in ("[", "{"):
        return None
    try:
        return json.dumps(json.loads(value), ensure_ascii=False)
    except ValueError:
        return None
