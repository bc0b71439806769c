"""``newscrawler search``: Chinese full-text search over the archive (see ``pipelines.db.search``)."""

from __future__ import annotations

import csv
import sys
from typing import Any

import click

from newscrawler.cli.common import SHANGHAI, article_filter, db_option, dumps, filter_options, session_call

FORMATS = ("table", "json", "csv")
CSV_COLUMNS = ("id", "url", "title", "site", "publish_date", "source", "channel", "score", "snippet")


@click.command("search")
@click.argument("words", nargs=-1, required=True, metavar="QUERY...")
@db_option
@filter_options
@click.option("--order", type=click.Choice(["relevance", "newest"]), default="relevance", show_default=True)
@click.option("--limit", type=click.IntRange(min=1, max=10_000), default=20, show_default=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="table for reading, json (one object per line) or csv for scripts.")
def search_command(words: tuple[str, ...], db_url: str, site: str | None, since: str | None, until: str | None,
                   source: str | None, channel: str | None, order: str, limit: int, fmt: str) -> None:
    """Search titles and bodies; words (one argument or several) are all required, -word excludes.

    Example: newscrawler search 经济 --since 2023-04-01 --until 2023-05-01
    Example: newscrawler search "GPT-5 发布 -广告" --format json
    """
    from pipelines.db.search import SearchQueryError, search

    query = " ".join(words)
    where = article_filter(site, since, until, source, channel)
    marks = ("\x1b[1;31m", "\x1b[0m") if fmt == "table" and sys.stdout.isatty() else ("【", "】")
    try:
        hits = session_call(db_url, lambda s: search(s, query, where, limit=limit, order=order, marks=marks))
    except SearchQueryError as exc:
        raise click.ClickException(str(exc)) from exc
    if fmt == "json":
        for hit in hits:
            click.echo(dumps(hit.to_json()))
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(hit.to_json() for hit in hits)
    else:
        _table(hits)
    if not hits:
        click.echo(f"no article matches {query!r} ({where.describe()})", err=True)


def _table(hits: list[Any]) -> None:
    for hit in hits:
        when = hit.publish_date.astimezone(SHANGHAI).strftime("%Y-%m-%d") if hit.publish_date else "????-??-??"
        click.echo(f"{when}  {hit.title or '(no title)'}  [{hit.site or '-'}; {hit.source or '-'}]  {hit.canonical_url}")
        click.echo(f"            {hit.snippet}")
