"""``newscrawler quotes`` (who said what) and ``newscrawler speakers`` (who is quoted most), from the archive."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import click

from newscrawler.cli.common import (
    SHANGHAI,
    article_filter,
    database_call,
    db_option,
    dumps,
    filter_options,
    parse_datetime,
    session_call,
)


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


SPEAKER_TYPES = ("person", "organization", "media", "media_unnamed", "anonymous", "document")


@click.command("speakers")
@db_option
@click.option("--type", "speaker_type", type=click.Choice(SPEAKER_TYPES), help="Only speakers of this kind.")
@filter_options
@click.option("--limit", type=click.IntRange(min=1, max=10_000), default=20, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="table for reading, json (one object per speaker per line) for scripts.")
def speakers_command(db_url: str, speaker_type: str | None, site: str | None, since: str | None, until: str | None,
                     source: str | None, channel: str | None, limit: int, fmt: str) -> None:
    """The most quoted speakers, with their titles and affiliations: most quotes first.

    Example: newscrawler speakers --type person --since 2023-04-01 --until 2023-05-01
    """
    from pipelines.db.quote_queries import top_speakers

    where = article_filter(site, since, until, source, channel)
    speakers = session_call(db_url, lambda s: top_speakers(s, where, speaker_type=speaker_type, limit=limit))
    if fmt == "table" and speakers:
        click.echo(f"{'quotes':>6} {'articles':>8}  {'first':<10}   {'last':<10}  speaker [type]  affiliation titles")
    for speaker in speakers:
        if fmt == "json":
            click.echo(dumps({"speaker": speaker.speaker, "speaker_type": speaker.speaker_type,
                              "quotes": speaker.quotes, "articles": speaker.articles,
                              "first": _day(speaker.first), "last": _day(speaker.last),
                              "titles": speaker.titles, "affiliations": speaker.affiliations}))
            continue
        described = " ".join([*speaker.affiliations[:1], "、".join(speaker.titles)]).strip()
        click.echo(f"{speaker.quotes:>6} {speaker.articles:>8}  {_day(speaker.first) or '?':<10} – "
                   f"{_day(speaker.last) or '?':<10}  {speaker.speaker} [{speaker.speaker_type}]"
                   + (f"  {described}" if described else ""))
    if not speakers:
        kind = f" of type {speaker_type}" if speaker_type else ""
        click.echo(f"no quoted speaker{kind} in the archive ({where.describe()})", err=True)


def _day(moment: datetime | None) -> str | None:
    """A publication day in Beijing, ``2023-04-17``."""
    return moment.astimezone(SHANGHAI).date().isoformat() if moment else None
