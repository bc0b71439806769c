"""The Datasette plugin of the archive browser (registered by ``newscrawler.browse.server``).

- ``prepare_connection``: every connection gets ``newscrawler_match`` and ``newscrawler_snippet``
  (``pipelines.db.canned``), so the search canned query can use the archive's bigram syntax.
- ``render_cell``: stored times (UTC, ``2023-04-17 01:12:33.000000``) are shown in Beijing time to the
  second (``2023-04-17 09:12:33``, the UTC value in the tooltip), as the command line shows them; JSON
  text with ``\\uXXXX`` escapes (rows written before the archive stored UTF-8 JSON) is shown with its
  Chinese characters. Only the HTML changes: stored values and the JSON/CSV outputs stay as stored.
- ``extra_css_urls``/``register_routes``: one small style sheet, ``/-/newscrawler.css``: Chinese drawn
  in a Simplified Chinese face where one is installed, and a table page that shows its rows before the
  column documentation.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypeVar, cast
from zoneinfo import ZoneInfo

from datasette import hookimpl as _hookimpl  # type: ignore[import-untyped]
from markupsafe import Markup, escape

from pipelines.storage import TIME_ALIASES, Base, UtcDateTime, register_functions

SHANGHAI = ZoneInfo("Asia/Shanghai")
TIME_COLUMNS = frozenset((table.name, column.name) for table in Base.metadata.tables.values()
                         for column in table.columns if isinstance(column.type, UtcDateTime))
"""(table, column) of every stored time; a query result's columns are known by name only."""
TIME_NAMES = frozenset(name for _, name in TIME_COLUMNS) | TIME_ALIASES
_STORED_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?")
CSS_PATH = "/-/newscrawler.css"
CSS = """\
/* newscrawler: Chinese in a Chinese face (Simplified first), before the generic fallback */
body, input, select, textarea, button, .select-wrapper select, .filters input.filter-value,
form input[type=search] {
    font-family: "Helvetica Neue", Helvetica, Arial, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei",
        "Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", "WenQuanYi Micro Hei", sans-serif;
}
/* table pages: the rows first, the column documentation after them */
body.table section.content { display: flex; flex-direction: column; }
body.table section.content > * { min-width: 0; }
body.table section.content > dl.column-descriptions { order: 1; margin-top: 1.5rem; }
body.table section.content > dl.column-descriptions::before {
    content: "Columns"; display: block; font-size: 1.17em; font-weight: bold; margin-bottom: 0.5rem;
}
"""

F = TypeVar("F", bound=Callable[..., Any])


def hookimpl(function: F) -> F:
    """Datasette's ``hookimpl`` with the function's type kept (Datasette ships no type hints)."""
    return cast(F, _hookimpl(function))


@hookimpl
def prepare_connection(conn: sqlite3.Connection) -> None:
    register_functions(conn)


@hookimpl
def render_cell(value: object, column: str | None, table: str | None, datasette: Any) -> str | None:
    """Stored times in Beijing time, escaped JSON as readable JSON (cut to the cell width); None leaves the
    cell to Datasette."""
    if _is_time_column(column, table):
        shown = beijing_time(value)
        if shown is not None:
            return cast(str, Markup('<span title="{} UTC">{}</span>').format(escape(str(value)), shown))
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


def _is_time_column(column: str | None, table: str | None) -> bool:
    """Whether a cell holds a stored time: a known time column of a table, or a query column named like one."""
    if column is None:
        return False
    return (table, column) in TIME_COLUMNS if table else column in TIME_NAMES


def beijing_time(value: object) -> str | None:
    """A stored time (UTC unless it says otherwise) as ``YYYY-MM-DD HH:MM:SS`` in Asia/Shanghai; None when
    ``value`` is not a stored time."""
    if not isinstance(value, str) or not _STORED_TIME.fullmatch(value):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return moment.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M:%S")


@hookimpl
def extra_css_urls(datasette: Any) -> list[str]:
    return [datasette.urls.path(CSS_PATH)]


@hookimpl
def register_routes() -> list[tuple[str, Callable[..., Any]]]:
    return [(f"^{re.escape(CSS_PATH)}$", _style_sheet)]


async def _style_sheet() -> Any:
    from datasette.utils.asgi import Response  # type: ignore[import-untyped]

    return Response(CSS, content_type="text/css; charset=utf-8", headers={"Cache-Control": "max-age=3600"})
