"""``newscrawler export``: the archive (or a filtered part of it) as JSON Lines, CSV or Parquet."""

from __future__ import annotations

import sys
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import click

from newscrawler.cli.common import (
    article_filter,
    check_archive,
    database_call,
    db_option,
    filter_options,
    usage_error,
)

BAR_FROM = 1000
"""Exports of at least this many articles show a progress bar on stderr."""


SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv", ".parquet": "parquet",
            ".pq": "parquet"}
"""Output file suffixes and the format each one means."""
COMPRESSED = (".gz", ".bz2", ".xz", ".zst", ".zip")


@click.command("export")
@db_option
@filter_options
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json", "csv", "parquet"]),
              help="jsonl (or json: one object per line; nested lists and objects), csv (lists as JSON text, "
                   "BOM for Excel) or parquet; by default read from FILE's suffix (.jsonl .json .csv .parquet).")
@click.option("--out", required=True, metavar="FILE",
              help="The file to write, taken literally; - writes jsonl or csv to standard output.")
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
@click.option("--limit", type=click.IntRange(min=1), metavar="N",
              help="At most N articles (the first archived); 'exported N of M' says when more match.")
def export_command(db_url: str, site: str | None, since: str | None, until: str | None, source: str | None,
                   channel: str | None, fmt: str | None, out: str, force: bool, limit: int | None) -> None:
    """Export archived articles with every field, one article per line or row.

    \b
    Example: newscrawler export --out may.parquet --since 2023-05-01 --until 2023-06-01
    Example: newscrawler export --format jsonl --out - --site people | gzip > people.jsonl.gz
    """
    from newscrawler.export import ExportError, export_articles, write_articles
    from pipelines.storage import count_rows, make_engine

    where = article_filter(site, since, until, source, channel)
    fmt = export_format(fmt, out)
    if out == "-" and fmt == "parquet":
        raise click.UsageError("parquet cannot go to standard output: give --out FILE", click.get_current_context())
    check_archive(db_url)
    stopped = _stop_cleanly_on_sigterm()
    with ExitStack() as stack:
        stack.callback(stopped)
        progress = _Progress(stack)
        try:
            if out == "-":
                def to_stdout() -> int:
                    engine = make_engine(db_url)
                    try:
                        return write_articles(engine, fmt, sys.stdout.buffer, where,
                                              progress=progress, limit=limit)
                    except BrokenPipeError:  # the reader stopped early (| head): not an error of ours
                        _silence_stdout()
                        raise click.exceptions.Exit(0) from None
                    finally:
                        engine.dispose()

                written = database_call(to_stdout, db_url)
            else:
                written = database_call(lambda: export_articles(db_url, fmt, Path(out), where, force=force,
                                                                progress=progress, limit=limit), db_url)
        except ExportError as exc:
            raise click.ClickException(str(exc)) from exc
    matching = written
    if limit is not None and written == limit:
        def count() -> int:
            engine = make_engine(db_url)
            try:
                return count_rows(engine, where).total
            finally:
                engine.dispose()

        matching = database_call(count, db_url)
    nothing = f" (no article matches {where.describe()})" if not written and where.describe() != "no filter" else ""
    plural = "article" if matching == 1 else "articles"
    of = f" of {matching:,}" if matching > written else ""
    cut = f" (--limit {limit})" if of else ""
    click.echo(f"exported {written:,}{of} {plural} to {'standard output' if out == '-' else out}{nothing}{cut}",
               err=True)


def export_format(fmt: str | None, out: str) -> str:
    """The export format: ``--format`` (json meaning jsonl) or, without it, the one FILE's suffix names.

    A suffix that names another format than ``--format`` is a one-line usage error (a .parquet file
    holding CSV helps nobody); so is a compressed suffix (export does not compress: pipe ``--out -``).
    """
    given = "jsonl" if fmt == "json" else fmt
    suffix = Path(out).suffix.lower() if out != "-" else ""
    if suffix in COMPRESSED:
        raise usage_error(f"export does not compress: write {Path(out).with_suffix('')} and compress it, "
                               f"or pipe --out - into {suffix.lstrip('.')}")
    named = SUFFIXES.get(suffix)
    if given is None:
        if named is None:
            if out == "-":
                raise usage_error("standard output (--out -) needs --format jsonl or csv")
            raise usage_error(f"cannot tell the format from {out!r}: give --format jsonl, csv or parquet")
        return named
    if named is not None and named != given:
        raise usage_error(f"--format {fmt} disagrees with {out!r} (a {suffix} file is {named}): "
                               f"change one of them")
    return given


def _stop_cleanly_on_sigterm() -> Any:
    """Make SIGTERM end the export like Ctrl-C does (the half-written temporary file is removed on the
    way out; Python's default for SIGTERM is to die at once and leave it). Returns the restorer."""
    import signal

    def terminated(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, terminated)
    return lambda: signal.signal(signal.SIGTERM, previous)


def _silence_stdout() -> None:
    """Point standard output at /dev/null so Python's final flush does not fail on the closed pipe."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


class _Progress:
    """A progress callback drawing a click progress bar on stderr once the export is large."""

    def __init__(self, stack: ExitStack) -> None:
        self.stack = stack
        self.bar: Any = None
        self.done = 0

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None and total >= BAR_FROM:
            self.bar = self.stack.enter_context(
                click.progressbar(length=total, label=f"exporting {total:,} articles", file=sys.stderr)
            )
        if self.bar is not None:
            self.bar.update(done - self.done)
        self.done = done
