"""``newscrawler export``: the archive (or a filtered part of it) as JSON Lines, CSV or Parquet."""

from __future__ import annotations

import sys
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import click

from newscrawler.cli.common import article_filter, database_call, db_option, filter_options, require_archive

BAR_FROM = 1000
"""Exports of at least this many articles show a progress bar on stderr."""


@click.command("export")
@db_option
@filter_options
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]), required=True,
              help="jsonl (nested lists and objects), csv (lists as JSON text, BOM for Excel) or parquet.")
@click.option("--out", required=True, metavar="FILE",
              help="The file to write, taken literally; - writes jsonl or csv to standard output.")
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many articles (the first archived).")
def export_command(db_url: str, site: str | None, since: str | None, until: str | None, source: str | None,
                   channel: str | None, fmt: str, out: str, force: bool, limit: int | None) -> None:
    """Export archived articles with every field, one article per line or row.

    Example: newscrawler export --format parquet --out may.parquet --since 2023-05-01 --until 2023-06-01
    """
    from newscrawler.export import ExportError, export_articles, write_articles
    from pipelines.db.engine import make_engine

    where = article_filter(site, since, until, source, channel)
    if out == "-" and fmt == "parquet":
        raise click.UsageError("parquet cannot go to standard output: give --out FILE", click.get_current_context())
    database_call(lambda: require_archive(db_url), db_url)
    with ExitStack() as stack:
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
    nothing = f" (no article matches {where.describe()})" if not written and where.describe() != "no filter" else ""
    plural = "article" if written == 1 else "articles"
    click.echo(f"exported {written:,} {plural} to {'standard output' if out == '-' else out}{nothing}", err=True)


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
