"""``newscrawler search``: Chinese full-text search over the archive (see ``pipelines.db.search``)."""

from __future__ import annotations

import sys
from typing import Any

import click

from newscrawler.cli.common import (
    SHANGHAI,
    Column,
    article_filter,
    db_option,
    emit_rows,
    filter_options,
    output_options,
    say_count,
    session_call,
    table_lines,
)

CSV_COLUMNS = ("id", "url", "title", "site", "publish_date", "source", "channel", "score", "snippet", "kind")
KINDS = ("article", "page", "list", "video", "gallery", "error", "empty", "mis-encoded", "timeout", "invalid")
"""``--kind`` values: articles (the default), every kept non-article page, or pages of one kind
(``pipelines.db.pages.PAGE_KINDS``)."""
TABLE_COLUMNS = (Column("date", width=10), Column("title", width=40), Column("site", width=12),
                 Column("source", width=12), Column("url"))


@click.command("search")
@click.argument("words", nargs=-1, required=True, metavar="QUERY...")
@db_option
@filter_options
@click.option("--order", type=click.Choice(["relevance", "newest"]), default="relevance", show_default=True)
@click.option("--kind", "kinds", multiple=True, type=click.Choice(KINDS), metavar="KIND",
              help="What to search (repeatable): article (the default), page (every fetched page judged not "
                   "an article, whose text is kept), or pages of one kind: list, video, gallery, error, empty, "
                   "mis-encoded, timeout, invalid. A page's date is when it was last fetched.")
@output_options(limit=20, most=10_000)  # the ids of one page go into one IN list
def search_command(words: tuple[str, ...], db_url: str, site: str | None, since: str | None, until: str | None,
                   source: str | None, channel: str | None, order: str, kinds: tuple[str, ...], fmt: str,
                   limit: int) -> None:
    """Search titles and bodies; words (one argument or several) are all required, -word excludes.

    \b
    Example: newscrawler search 经济 --since 2023-04-01 --until 2023-05-01
    Example: newscrawler search "GPT-5 发布 -广告" --format json
    Example: newscrawler search 招聘 --kind page          (pages judged not articles)
    """
    from pipelines.storage import SearchQueryError, count_pages, search_counted, search_pages

    query = " ".join(words)
    where = article_filter(site, since, until, source, channel)
    marks = ("\x1b[1;31m", "\x1b[0m") if fmt == "table" and sys.stdout.isatty() else ("【", "】")
    chosen = set(kinds or ("article",))
    page_kinds = () if "page" in chosen else tuple(sorted(chosen - {"article"}))

    def work(session: Any) -> tuple[list[Any], int]:
        hits: list[Any] = []
        total = 0
        if "article" in chosen:
            hits, total = search_counted(session, query, where, limit=limit, order=order, marks=marks)
        if "page" in chosen or page_kinds:
            pages = search_pages(session, query, where, kinds=page_kinds, limit=limit, order=order, marks=marks)
            total += len(pages) if len(pages) < limit else count_pages(session, query, where, kinds=page_kinds)
            hits = _merged(hits, pages, order)[:limit]
        return hits, total

    try:
        hits, total = session_call(db_url, work)
    except SearchQueryError as exc:
        raise click.ClickException(str(exc)) from exc
    if fmt == "table":
        _table(hits)
    else:
        emit_rows([hit.to_json() for hit in hits], [Column(name) for name in CSV_COLUMNS], fmt)
    from pipelines.storage import count_cap

    cap = count_cap(query)
    if total > cap:
        click.echo(f"showing {len(hits):,} of more than {cap:,} articles", err=True)
    else:
        say_count(len(hits), total, "articles", fmt, limit=limit)
    if not hits:
        what = "article" if chosen == {"article"} else "article or page" if "article" in chosen else "page"
        click.echo(f"no {what} matches {query!r} ({where.describe()})", err=True)


def _merged(articles: list[Any], pages: list[Any], order: str) -> list[Any]:
    """Articles and pages in one list: by score (both rank the same tokens the same way), or newest first."""
    if order == "newest":
        return sorted(articles + pages, key=lambda hit: (hit.publish_date is not None, hit.publish_date),
                      reverse=True)
    return sorted(articles + pages, key=lambda hit: hit.score or 0.0, reverse=True)


def _table(hits: list[Any]) -> None:
    """A header row, then per article a row (date, title, site, source, URL) and its snippet indented below."""
    if not hits:
        return
    rows = [{"date": hit.publish_date.astimezone(SHANGHAI).strftime("%Y-%m-%d") if hit.publish_date else "?",
             "title": (hit.title or "(no title)") + ("" if hit.kind == "article" else f" [{hit.kind}]"),
             "site": hit.site or "-", "source": hit.source or "-",
             "url": hit.canonical_url} for hit in hits]
    header, *lines = table_lines(rows, TABLE_COLUMNS)
    click.echo(header)
    for line, hit in zip(lines, hits, strict=True):
        click.echo(line)
        click.echo(f"            {hit.snippet}")
