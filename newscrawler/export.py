"""Archived articles to files analysts open: JSON Lines, CSV (Excel and pandas) or Parquet.

Every format holds the columns of ``pipelines.storage.EXPORT_COLUMNS`` in that
order, one article per line/row, UTF-8 throughout with Chinese as characters
(never ``\\u`` escapes). Timestamps are ISO 8601 in Beijing time with the offset
(``2023-04-17T09:12:33+08:00``; Parquet: ``timestamp[us, tz=Asia/Shanghai]``,
the same instants).

- ``jsonl``: one JSON object per line; ``author``/``editor``/``breadcrumb``/
  ``tags`` are lists, ``disclaimers`` ``[{"kind", "text"}]``, ``quotes`` objects
  with the keys of ``QUOTE_FIELDS``; missing values are ``null``.
- ``csv``: a header row, RFC 4180 quoting (bodies keep their line breaks inside
  quotes), every list or object cell as JSON text (``["刘洋","孙悦"]``) so it
  parses back exactly, an empty cell for a missing value. A file starts with a
  UTF-8 byte order mark: without it Excel reads UTF-8 as the local code page and
  garbles Chinese; pandas drops it (``read_csv``), Python's csv module wants
  ``encoding="utf-8-sig"``. Standard output gets no mark (it feeds programs).
- ``parquet``: one fixed schema (``SCHEMA``: lists and structs, not JSON text),
  zstd-compressed, one row group per page read from the database.

Export streams: rows come in pages of ``batch`` (see ``pipelines.storage.row_pages``)
and are written as they come, so memory stays flat whatever the archive's size.
A file is written under a temporary name in its own directory and renamed into
place at the end, so a failed or interrupted export leaves nothing behind and
never clobbers an existing file; that file is replaced only with ``force``.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO
from zoneinfo import ZoneInfo

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from pipelines.storage import (
    EXPORT_COLUMNS,
    QUOTE_FIELDS,
    ArticleFilter,
    DatabaseURLError,
    Engine,
    count_rows,
    locate,
    make_engine,
    row_pages,
)

__all__ = ["FORMATS", "QUOTE_FIELDS", "SCHEMA", "ExportError", "export_articles", "write_articles"]

FORMATS = ("jsonl", "csv", "parquet")
BEIJING = ZoneInfo("Asia/Shanghai")
Progress = Callable[[int, int], None]
"""Called with (articles written so far, articles to write) before the first page and after each page."""


class ExportError(ValueError):
    """An export that cannot be written (the path, the format); the message is one line naming the file."""


_TEXT = pa.string()
_TIME = pa.timestamp("us", tz="Asia/Shanghai")
_NAMES = pa.list_(_TEXT)
SCHEMA = pa.schema([
    pa.field("id", pa.int64(), nullable=False),
    pa.field("canonical_url", _TEXT, nullable=False),
    ("url", _TEXT), ("site", _TEXT), ("title", _TEXT), ("publish_date", _TIME), ("source", _TEXT),
    ("author", _NAMES), ("editor", _NAMES), ("channel", _TEXT), ("breadcrumb", _NAMES), ("tags", _NAMES),
    ("language", _TEXT), ("body", _TEXT), ("first_seen", _TIME), ("last_seen", _TIME), ("version", pa.int64()),
    ("duplicate_of_id", pa.int64()), ("syndication_group", pa.int64()), ("similarity", pa.float64()),
    ("disclaimers", pa.list_(pa.struct([("kind", _TEXT), ("text", _TEXT)]))),
    ("quotes", pa.list_(pa.struct([
        (name, _NAMES if name == "speaker_title" else
         pa.int64() if name in ("parent", "block_index", "start", "end") else _TEXT)
        for name in QUOTE_FIELDS
    ]))),
])
"""The Parquet schema: the same columns, in the same order, for every export (an empty one included)."""
assert tuple(SCHEMA.names) == EXPORT_COLUMNS


def export_articles(db_url: str, fmt: str, out: Path, where: ArticleFilter | None = None, *, force: bool = False,
                    progress: Progress | None = None, batch: int = 1000, limit: int | None = None) -> int:
    """Write the matching articles (the first ``limit`` by id) to the file ``out``; the number written.

    ``out`` is taken literally (no ``-`` for stdout here: see ``write_articles``). Raises
    ``ExportError`` when the format is unknown, ``out`` exists (without ``force``), is a directory,
    is the archive itself, or its directory is missing or unwritable.
    """
    _check_format(fmt)
    _check_target(out, force, db_url)
    engine = make_engine(db_url)
    try:
        with _replacing(out, force) as stream:
            return write_articles(engine, fmt, stream, where, progress=progress, batch=batch, limit=limit,
                                  bom=True)
    finally:
        engine.dispose()


def write_articles(engine: Engine, fmt: str, stream: BinaryIO, where: ArticleFilter | None = None, *,
                   progress: Progress | None = None, batch: int = 1000, limit: int | None = None,
                   bom: bool = False) -> int:
    """Write the matching articles to an open binary ``stream`` in ``fmt``; the number written.

    ``bom`` starts a CSV with the UTF-8 byte order mark (for files; see the module docstring).
    """
    _check_format(fmt)
    size = count_rows(engine, where, limit=limit)
    pages = row_pages(engine, where, upto=size.last_id, batch=batch)
    report = progress or (lambda done, total: None)
    report(0, size.total)
    written = 0
    with _writer(fmt, stream, bom) as write:
        for page in pages:
            page = page[: size.total - written]
            write(page)
            written += len(page)
            report(written, size.total)
            if written >= size.total:
                break
    return written


Writer = Callable[[list[dict[str, Any]]], None]


@contextmanager
def _writer(fmt: str, stream: BinaryIO, bom: bool) -> Iterator[Writer]:
    if fmt == "jsonl":
        def lines(rows: list[dict[str, Any]]) -> None:
            stream.write(b"".join(_json_line(row) for row in rows))

        yield lines
    elif fmt == "csv":
        if bom:
            stream.write(codecs.BOM_UTF8)
        text = io.TextIOWrapper(stream, encoding="utf-8", newline="", write_through=True)
        table = csv.writer(text)  # RFC 4180: CRLF rows, quotes where needed
        table.writerow(EXPORT_COLUMNS)
        try:
            yield lambda rows: table.writerows([_csv_cell(row[name]) for name in EXPORT_COLUMNS] for row in rows)
        finally:
            text.flush()
            text.detach()  # the caller owns the stream
    else:
        with pq.ParquetWriter(stream, SCHEMA, compression="zstd") as parquet:
            yield lambda rows: parquet.write_table(pa.Table.from_pylist(rows, schema=SCHEMA))


def _json_line(row: dict[str, Any]) -> bytes:
    data = {name: _iso(value) if isinstance(value, datetime) else value for name, value in row.items()}
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def _csv_cell(value: Any) -> Any:
    if isinstance(value, datetime):
        return _iso(value)
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return value


def _iso(moment: datetime) -> str:
    return moment.astimezone(BEIJING).isoformat()


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}: use {', '.join(FORMATS)}")


def _check_target(out: Path, force: bool, db_url: str) -> None:
    folder = out.parent
    if not folder.is_dir():
        raise ExportError(f"cannot write {out}: directory {folder} does not exist")
    if out.is_dir():
        raise ExportError(f"cannot write {out}: it is a directory")
    if out.is_symlink():
        raise ExportError(f"cannot write {out}: it is a symbolic link (give the path it points to)")
    if out.exists() and not out.is_file():
        raise ExportError(f"cannot write {out}: not a regular file (a device, pipe or socket)")
    if out.exists() and _is_archive(out, db_url):
        raise ExportError(f"cannot write {out}: it is the archive database")
    if out.exists() and not force:
        raise ExportError(f"{out} already exists: --force replaces it")


def _is_archive(out: Path, db_url: str) -> bool:
    try:
        file = locate(db_url).file
    except DatabaseURLError:
        return False
    if file is None:
        return False
    try:
        return out.resolve() == file.resolve()
    except OSError:
        return False


@contextmanager
def _replacing(out: Path, force: bool) -> Iterator[BinaryIO]:
    """A new file beside ``out``, renamed to ``out`` when the block succeeds and removed when it fails."""
    part = out.with_name(f".{out.name}.{secrets.token_hex(4)}.part")
    try:
        descriptor = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # umask applies, as for any file
    except OSError as exc:
        raise ExportError(f"cannot write {out}: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(descriptor, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        _publish(part, out, force)
    except OSError as exc:
        part.unlink(missing_ok=True)
        raise ExportError(f"cannot write {out}: {exc.strerror or exc}") from exc
    except BaseException:
        part.unlink(missing_ok=True)
        raise


def _publish(part: Path, out: Path, force: bool) -> None:
    """Rename ``part`` to ``out``; without ``force`` never over a file that appeared meanwhile."""
    if force:
        os.replace(part, out)
        return
    try:
        os.link(part, out)  # atomic and fails if ``out`` exists
    except FileExistsError:
        raise ExportError(f"{out} already exists: --force replaces it") from None
    except OSError:  # a file system without hard links
        if out.exists():
            raise ExportError(f"{out} already exists: --force replaces it") from None
        os.replace(part, out)
        return
    part.unlink()
