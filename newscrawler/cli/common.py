"""Helpers shared by the ``newscrawler`` commands: options, dates, one-line database errors, and the one
output vocabulary of the reading commands.

Every reading command (search, quotes, speakers, stats, export) takes the same words: ``--format
table|json|csv`` (table: a header row, then one row per result; json: one UTF-8 object per line; csv: a
header row, then one row per result), ``--limit N`` (when it cuts the list, ``showing N of M …`` goes to
stderr, so a script's stdout stays clean) and the article filters ``--site --since --until --source
--channel``. Reading never writes: a missing archive is a one-line error naming the file looked for,
never an empty database created on the spot.
"""

from __future__ import annotations

import csv
import gc
import json
import sys
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import click

SHANGHAI = ZoneInfo("Asia/Shanghai")

FORMATS = ("table", "json", "csv")
"""The output formats of the reading commands."""

SPEAKER_TYPES = ("person", "organization", "media", "media_unnamed", "anonymous", "document", "unspecified")
"""The kinds of speaker the extractor writes (``newscrawler.extract.quotes.record.SpeakerType``); ``quotes``
and ``speakers`` take the same ``--type`` values."""


def dumps(data: dict[str, Any]) -> str:
    """One JSON object on one line, UTF-8 characters kept (no \\u escapes)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def parse_datetime(value: str | None) -> datetime:
    """An ISO 8601 date or date-time; naive values are Asia/Shanghai; None is now."""
    if value is None:
        return datetime.now(SHANGHAI)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"not an ISO 8601 date-time: {value!r}") from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=SHANGHAI)


class OneLineUsageError(click.ClickException):
    """A one-line ``Error: message`` with the usage-error exit status 2 (no usage text: the message says what
    to change)."""

    exit_code = 2


def usage_error(message: str) -> click.ClickException:
    """See ``OneLineUsageError``."""
    return OneLineUsageError(message)


def is_url(target: str) -> bool:
    return target.startswith(("http://", "https://"))


def db_option(function: Any) -> Any:
    from newscrawler import settings

    return click.option(
        "--db",
        "db_url",
        default=settings.NEWSCRAWLER_DATABASE_URL,
        show_default=True,
        help="Archive database as a SQLAlchemy URL (also NEWSCRAWLER_DATABASE_URL).",
    )(function)


def safe_url(url: str) -> str:
    from pipelines.storage import safe_url as hidden

    return hidden(url)


def database_call(call: Any, db_url: str) -> Any:
    """Run a database operation; turn its failures into one-line errors."""
    from pipelines.storage import DatabaseURLError, StorageError, error_summary

    try:
        return call()
    except DatabaseURLError as exc:
        raise click.ClickException(str(exc)) from exc
    except StorageError as exc:
        raise click.ClickException(f"database {safe_url(db_url)}: {error_summary(exc)}") from exc


def profiles() -> dict[str, Any]:
    """The configured site profiles; a broken profile file is a one-line error."""
    from newscrawler.profiles import configured_profiles
    from newscrawler.sites import ProfileError

    try:
        return configured_profiles()
    except ProfileError as exc:
        raise click.ClickException(str(exc)) from exc


def filter_options(function: Any) -> Any:
    """The article filter options every analyst command shares: --site --since --until --source --channel."""
    options = [
        click.option("--site", help="Only articles of this site (profile name or host)."),
        click.option("--since", metavar="DATE", help="Only articles published on or after DATE (ISO 8601)."),
        click.option("--until", metavar="DATE", help="Only articles published before DATE (ISO 8601; a date "
                     "alone means the start of that day)."),
        click.option("--source", help="Only articles whose source (来源) contains this text."),
        click.option("--channel", help="Only articles whose channel contains this text."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def article_filter(site: str | None, since: str | None, until: str | None, source: str | None,
                   channel: str | None) -> Any:
    """An ``ArticleFilter`` from the shared options; a bad date is a one-line usage error."""
    from pipelines.storage import ArticleFilter

    since_at = _option_date(since, "--since")
    until_at = _option_date(until, "--until")
    if since_at and until_at and until_at <= since_at:
        raise click.BadParameter(f"{until} is not after {since}", param_hint="--until")
    return ArticleFilter(site=site, since=since_at, until=until_at, source=source, channel=channel)


def _option_date(value: str | None, hint: str) -> datetime | None:
    if value is None:
        return None
    try:
        return parse_datetime(value)
    except click.BadParameter as exc:
        raise click.BadParameter(exc.message, param_hint=hint) from exc


def session_call(db_url: str, work: Any) -> Any:
    """Run ``work(session)`` on the archive at ``db_url`` (read-only use); failures are one-line errors."""
    from pipelines.storage import archive_session

    def call() -> Any:
        require_archive(db_url)
        with archive_session(db_url) as session:
            # everything alive now (modules, the engine, the session) lives as long as the command: out of the
            # cyclic collector's way, so a full collection during the query walks only what the query made
            # (one walking the ~100,000 start-up objects took ~40 ms, one search in ten at a million articles);
            # given back afterwards, so a process that runs many commands (the tests) collects as before
            gc.freeze()
            try:
                return work(session)
            finally:
                gc.unfreeze()

    return database_call(call, db_url)


def require_archive(db_url: str) -> None:
    """Fail in one line when ``db_url`` holds no archive or an older schema (never create one by reading).

    A SQLite file that does not exist is reported before any connection is made, so neither the file nor
    its folder appears; the message names the absolute path (a relative URL is relative to the current
    folder, the usual surprise) and how to point at another archive.
    """
    from pipelines.storage import (
        ArchiveUnreadable,
        StorageError,
        current_revision,
        error_summary,
        locate,
        sqlite_file_revision,
    )

    archive = locate(db_url)
    where = archive.safe
    if archive.file is not None:
        path = archive.file
        if not path.is_file():
            raise click.ClickException(f"{where} ({path.resolve()}) holds no archive yet: {_ELSEWHERE}")
        try:
            revision = sqlite_file_revision(path)
        except ArchiveUnreadable as exc:
            raise click.ClickException(f"database {where}: {exc}") from exc
        if revision is None:
            raise click.ClickException(f"{where} ({path.resolve()}) holds no archive yet: {_ELSEWHERE}")
        _require_head(revision, db_url)
        return
    try:
        revision = current_revision(db_url)
    except StorageError as exc:
        raise click.ClickException(f"cannot read the archive {where}: {error_summary(exc)} (point to your archive "
                                   f"with --db URL or NEWSCRAWLER_DATABASE_URL)") from exc
    if revision is None:
        raise click.ClickException(f"{where} holds no archive yet: {_ELSEWHERE}")
    _require_head(revision, db_url)


def _require_head(revision: str, db_url: str) -> None:
    from pipelines.storage import head_revision

    if revision != head_revision():
        raise click.ClickException(f"{safe_url(db_url)} is at schema revision {revision}, this newscrawler needs "
                                   f"{head_revision()}: run newscrawler db upgrade --db {safe_url(db_url)}")


_ELSEWHERE = ("crawl into it (newscrawler demo, newscrawler crawl) or point to your archive with --db URL "
              "or NEWSCRAWLER_DATABASE_URL")


def check_archive(db_url: str) -> None:
    """``require_archive`` with database failures as one-line errors: the first call of a command that only
    reads (or updates existing rows), before anything opens the database."""
    database_call(lambda: require_archive(db_url), db_url)


# -- output --------------------------------------------------------------------------------------------

def site_option(function: Any) -> Any:
    """``--site`` alone, for commands whose other filters do not apply (stats)."""
    return click.option("--site", help="Only this site (profile name or host).")(function)


def output_options(*, limit: int | None, most: int | None = None,
                   formats: Sequence[str] = FORMATS) -> Callable[[Any], Any]:
    """``--format`` (default table) and ``--limit N`` (default ``limit``, at most ``most``; None: no --limit
    option)."""
    def decorate(function: Any) -> Any:
        if limit is not None:
            function = click.option(
                "--limit", type=click.IntRange(min=1, max=most), default=limit, show_default=True, metavar="N",
                help="At most N results; when more match, 'showing N of M' is said on stderr.")(function)
        return click.option(
            "--format", "fmt", type=click.Choice(list(formats)), default="table", show_default=True,
            help="table for reading (header row), json (one object per line) or csv (header row) for "
                 "scripts.")(function)
    return decorate


@dataclass(frozen=True, slots=True)
class Column:
    """One output column: its key in the row dicts (the JSON key and CSV header), its table heading, and
    how wide the table lets it grow (display columns, a Chinese character counting two; None: no cut)."""

    key: str
    heading: str = ""
    width: int | None = None
    right: bool = False

    @property
    def title(self) -> str:
        return self.heading or self.key


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes: wide and full-width characters (汉字, ，) count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def cut(text: str, width: int) -> str:
    """``text`` shortened to ``width`` display columns, ending in … when cut."""
    if display_width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        used += display_width(ch)
        if used > width - 1:
            break
        out.append(ch)
    return "".join(out) + "…"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return dumps_value(value)
    return str(value).replace("\n", " ")


def dumps_value(value: Any) -> str:
    """A list or object as compact UTF-8 JSON text (CSV cells; read back with json.loads)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def table_lines(rows: Sequence[Mapping[str, Any]], columns: Sequence[Column]) -> list[str]:
    """A header row and one line per row, columns padded to their widest cell (two spaces apart)."""
    cells = [[cut(_cell(row.get(c.key)), c.width) if c.width else _cell(row.get(c.key)) for c in columns]
             for row in rows]
    widths = [max([display_width(c.title), *(display_width(line[i]) for line in cells)])
              for i, c in enumerate(columns)]

    def line(values: Sequence[str]) -> str:
        parts = []
        for i, (value, column) in enumerate(zip(values, columns, strict=True)):
            pad = " " * (widths[i] - display_width(value))
            last = i == len(columns) - 1
            parts.append(pad + value if column.right else value + ("" if last else pad))
        return "  ".join(parts).rstrip()

    return [line([c.title for c in columns]), *(line(values) for values in cells)]


def emit_rows(rows: Sequence[Mapping[str, Any]], columns: Sequence[Column], fmt: str) -> None:
    """Print ``rows`` in ``fmt``: table (header row), json (every key of each row, one object per line) or
    csv (the ``columns``, header row, lists and objects as JSON text)."""
    if fmt == "json":
        for row in rows:
            click.echo(dumps(dict(row)))
    elif fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow([c.key for c in columns])
        for row in rows:
            writer.writerow([_csv_value(row.get(c.key)) for c in columns])
    elif rows:
        for text in table_lines(rows, columns):
            click.echo(text)


def _csv_value(value: Any) -> Any:
    if isinstance(value, list | dict):
        return dumps_value(value)
    return "" if value is None else value


def say_count(shown: int, total: int, noun: str, fmt: str, *, limit: int | None) -> None:
    """On stderr: ``showing N of M <noun>`` when ``--limit`` cut the list; a table also gets ``M <noun>``
    when it is complete (a script reading json or csv gets stdout alone)."""
    if total > shown:
        more = f" (--limit {total} shows all)" if limit is not None else ""
        click.echo(f"showing {shown:,} of {total:,} {noun}{more}", err=True)
    elif fmt == "table" and shown:
        click.echo(f"{shown:,} {noun if shown != 1 else noun.removesuffix('s')}", err=True)
