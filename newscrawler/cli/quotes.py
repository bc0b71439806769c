"""``newscrawler quotes`` (who said what) and ``newscrawler speakers`` (who is quoted most), from the archive.

Both take the reading commands' vocabulary (``newscrawler.cli.common``): the article filters, ``--type``
with the same kinds, ``--format table|json|csv`` and ``--limit`` with ``showing N of M`` on stderr.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import click

from newscrawler.cli.common import (
    SHANGHAI,
    SPEAKER_TYPES,
    Column,
    article_filter,
    db_option,
    emit_rows,
    filter_options,
    output_options,
    say_count,
    session_call,
    usage_error,
)

QUOTE_COLUMNS = (
    Column("date", width=10),
    Column("speaker", width=16),
    Column("speaker_type", "type"),
    Column("cue", width=8),
    Column("text", "quote", width=60),
    Column("article_title", "article", width=40),
)
QUOTE_CSV_COLUMNS = (
    Column("date"), Column("speaker"), Column("speaker_type"), Column("speaker_title"),
    Column("speaker_affiliation"), Column("cue"), Column("quote_type"), Column("text"), Column("site"),
    Column("article_title"), Column("article_url"),
)

type_option = click.option("--type", "speaker_type", type=click.Choice(SPEAKER_TYPES),
                           help="Only speakers of this kind.")


@click.command("quotes")
@db_option
@click.option("--speaker", help="Only quotes whose speaker contains this text (e.g. a surname).")
@type_option
@filter_options
@output_options(limit=50)
@click.option("--json", "as_json", is_flag=True, hidden=True, help="Deprecated: --format json.")
def quotes_command(db_url: str, speaker: str | None, speaker_type: str | None, site: str | None,
                   since: str | None, until: str | None, source: str | None, channel: str | None, fmt: str,
                   limit: int, as_json: bool) -> None:
    """List quoted sources in the archive: who said what, where and how; newest articles first.

    \b
    Example: newscrawler quotes --type anonymous --since 2023-04-01
    Example: newscrawler quotes --speaker 陈 --format json
    """
    from pipelines.storage import count_quotes, find_quotes

    if as_json:
        if fmt not in ("table", "json"):
            raise usage_error(f"--json and --format {fmt} disagree: give --format alone")
        click.echo("note: --json is deprecated; use --format json", err=True)
        fmt = "json"
    where = article_filter(site, since, until, source, channel)

    def work(session: Any) -> tuple[list[Any], int]:
        found = find_quotes(session, where, speaker=speaker, speaker_type=speaker_type, limit=limit)
        total = len(found) if len(found) < limit else count_quotes(session, where, speaker=speaker,
                                                                    speaker_type=speaker_type)
        return found, total

    found, total = session_call(db_url, work)
    rows = [_quote_row(quote, fmt) for quote in found]
    emit_rows(rows, QUOTE_CSV_COLUMNS if fmt == "csv" else QUOTE_COLUMNS, fmt)
    say_count(len(rows), total, "quotes", fmt, limit=limit)
    if not rows:
        whose = f" by a speaker containing {speaker!r}" if speaker else ""
        kind = f" of type {speaker_type}" if speaker_type else ""
        click.echo(f"no quote{whose}{kind} in the archive ({where.describe()})", err=True)


def _quote_row(quote: Any, fmt: str) -> dict[str, Any]:
    """One quote as an output row: the stored record and the article for json, flat columns otherwise."""
    article = {"article_url": quote.article_url, "article_title": quote.article_title, "site": quote.site,
               "publish_date": quote.publish_date.astimezone(SHANGHAI).isoformat() if quote.publish_date else None}
    if fmt == "json":
        return {**quote.record, **article}
    return {**article, "date": _day(quote.publish_date), "speaker": (quote.speaker or "(unresolved)")
            if fmt == "table" else quote.speaker, "speaker_type": quote.speaker_type, "cue": quote.cue,
            "text": quote.text, "quote_type": quote.record.get("quote_type"),
            "speaker_title": quote.record.get("speaker_title") or None,
            "speaker_affiliation": quote.record.get("speaker_affiliation")}


SPEAKER_CSV_COLUMNS = (Column("speaker"), Column("speaker_type"), Column("quotes"), Column("articles"),
                       Column("first"), Column("last"), Column("titles"), Column("affiliations"),
                       Column("aliases"))


@click.command("speakers")
@db_option
@type_option
@filter_options
@output_options(limit=20)
def speakers_command(db_url: str, speaker_type: str | None, site: str | None, since: str | None, until: str | None,
                     source: str | None, channel: str | None, fmt: str, limit: int) -> None:
    """The most quoted speakers, with their titles and affiliations: most quotes first.

    Example: newscrawler speakers --type person --since 2023-04-01 --until 2023-05-01
    """
    from pipelines.storage import ranked_speakers

    where = article_filter(site, since, until, source, channel)

    def work(session: Any) -> tuple[list[Any], int]:
        return ranked_speakers(session, where, speaker_type=speaker_type, limit=limit)

    speakers, total = session_call(db_url, work)
    rows = [{"speaker": s.speaker, "speaker_type": s.speaker_type, "quotes": s.quotes, "articles": s.articles,
             "first": _day(s.first), "last": _day(s.last), "titles": s.titles, "affiliations": s.affiliations,
             "aliases": s.aliases}
            for s in speakers]
    if fmt == "table":
        _speaker_table(speakers)
    else:
        emit_rows(rows, SPEAKER_CSV_COLUMNS, fmt)
    say_count(len(rows), total, "speakers", fmt, limit=limit)
    if not speakers:
        kind = f" of type {speaker_type}" if speaker_type else ""
        click.echo(f"no quoted speaker{kind} in the archive ({where.describe()})", err=True)


def _speaker_table(speakers: list[Any]) -> None:
    """The ranking as text: counts, the days quoted, the speaker, the first affiliation and every title."""
    if not speakers:
        return
    click.echo(f"{'quotes':>6} {'articles':>8}  {'first':<10}   {'last':<10}  speaker [type]  affiliation titles")
    for speaker in speakers:
        described = " ".join([*speaker.affiliations[:1], "、".join(speaker.titles)]).strip()
        click.echo(f"{speaker.quotes:>6} {speaker.articles:>8}  {_day(speaker.first) or '?':<10} – "
                   f"{_day(speaker.last) or '?':<10}  {speaker.speaker} [{speaker.speaker_type}]"
                   + (f" (also {'、'.join(speaker.aliases)})" if speaker.aliases else "")
                   + (f"  {described}" if described else ""))


def _day(moment: datetime | None) -> str | None:
    """A publication day in Beijing, ``2023-04-17``."""
    return moment.astimezone(SHANGHAI).date().isoformat() if moment else None

