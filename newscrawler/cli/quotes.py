"""``newscrawler quotes``: who said what, from the archive."""

from __future__ import annotations

from typing import Any

import click

from newscrawler.cli.common import SHANGHAI, database_call, db_option, dumps, parse_datetime


@click.command("quotes")
@db_option
@click.option("--speaker", help="Only quotes whose speaker contains this text (e.g. a surname).")
@click.option(
    "--type",
    "speaker_type",
    type=click.Choice(
        ["person", "organization", "media", "media_unnamed", "anonymous", "document", "unspecified"]
    ),
    help="Only speakers of this kind.",
)
@click.option("--site", help="Only articles of this site.")
@click.option("--since", help="Only articles published on or after this date (ISO 8601).")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per quote instead of a table.")
def quotes_command(
    db_url: str,
    speaker: str | None,
    speaker_type: str | None,
    site: str | None,
    since: str | None,
    limit: int,
    as_json: bool,
) -> None:
    """List quoted sources in the archive: who said what, where and how.

    Example: newscrawler quotes --type anonymous --since 2023-04-01
    """
    from pipelines.db import repository
    from pipelines.db.engine import make_engine, session_factory

    since_at = parse_datetime(since) if since else None

    def query() -> list[tuple[Any, Any]]:
        engine = make_engine(db_url)
        try:
            with session_factory(engine)() as session:
                return repository.find_quotes(
                    session,
                    speaker=speaker,
                    speaker_type=speaker_type,
                    site=site,
                    since=since_at,
                    limit=limit,
                )
        finally:
            engine.dispose()

    for quote, article in database_call(query, db_url):
        if as_json:
            click.echo(
                dumps({**quote.record, "article_url": article.canonical_url, "article_title": article.title})
            )
            continue
        when = article.publish_date.astimezone(SHANGHAI).strftime("%Y-%m-%d") if article.publish_date else "?"
        who = quote.speaker or "(unresolved)"
        click.echo(
            f"{when}  {who} [{quote.speaker_type}] {quote.cue or ''}: {quote.text[:80]}  — {article.title}"
        )
