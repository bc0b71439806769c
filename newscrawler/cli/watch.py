"""``newscrawler watch`` (re-visit the due watched articles) and ``newscrawler changes`` (report the edits
and takedowns found). docs/watching.md explains the schedule and every status."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

import click

from newscrawler.cli.common import (
    SHANGHAI,
    Column,
    check_archive,
    database_call,
    db_option,
    emit_rows,
    output_options,
    parse_datetime,
    safe_url,
    say_count,
    session_call,
    site_option,
)

KINDS = ("edited", "removed", "removed_soft", "redirected", "restored")
"""Event kinds; ``--kind removed`` also takes the soft removals (both are takedowns)."""
VERDICTS = ("alive", "edited", "reextracted", "removed", "removed_soft", "redirected", "not_article", "unreachable")


@click.command("watch")
@click.argument("sites", nargs=-1, metavar="[SITE...]")
@db_option
@click.option("--since", metavar="DATE", help="Only articles published on or after DATE (ISO 8601).")
@click.option("--until", metavar="DATE", help="Only articles published before DATE (ISO 8601).")
@click.option("--search", "query", metavar="QUERY", help="Only articles matching this search (newscrawler search "
              "syntax; the newest 10,000 matches).")
@click.option("--max-visits", type=click.IntRange(min=1), metavar="N",
              help="At most N re-visits in this run (default NEWSCRAWLER_WATCH_MAX_VISITS).")
@click.option("--now", "now_text", metavar="ISO", hidden=True, help="Observe as of this moment (replays, tests).")
@click.option("-v", "--verbose", is_flag=True, help="Show the run's log (INFO) on the terminal.")
def watch_command(sites: tuple[str, ...], db_url: str, since: str | None, until: str | None, query: str | None,
                  max_visits: int | None, now_text: str | None, verbose: bool) -> None:
    """Re-visit the watched articles that are due and record what became of them.

    Archived articles (of the SITEs named, or all) are enrolled on their first run: each is re-visited
    1 h, 6 h, 24 h, 3 d, 7 d and 30 d after it was archived (NEWSCRAWLER_WATCH_INTERVALS), again from
    the start after an edit. Every visit is an observation (alive, edited, removed, removed_soft,
    redirected, not_article, unreachable); edits and takedowns are events (newscrawler changes).
    One watch run per archive at a time (a lock beside a SQLite archive, an advisory lock in PostgreSQL).
    Exit status: 0 when the run finished, 1 when it could not start or ended for a failure reason,
    3 when another watch run (newscrawler watch, crawl --due --watch, serve) holds the archive.

    \b
    Example: newscrawler watch                        (from cron, every 30 minutes)
    Example: newscrawler watch people --since 2026-11-01 --search 疫苗
    """
    from newscrawler.cli.common import article_filter
    from newscrawler.outcome import finish_reason
    from newscrawler.watch.plan import Subset
    from newscrawler.watch.run import run_watch

    where = article_filter(None, since, until, None, None)
    now = parse_datetime(now_text) if now_text else None
    _prepare(db_url)
    settings: dict[str, Any] = {"NEWSCRAWLER_DATABASE_URL": db_url,
                                "LOG_LEVEL": "INFO" if verbose else "WARNING"}
    stats = run_watch(Subset(sites=sites, where=where, query=query), settings=settings, now=now,
                      max_visits=max_visits)
    reason = finish_reason(stats)
    if stats.get("newscrawler/watch/locked"):
        raise _WatchLocked(str(stats["newscrawler/watch/locked"]))
    for line in watch_summary(stats):
        click.echo(line)
    if reason != "finished":
        raise click.ClickException(f"the watch run ended with {reason}")


class _WatchLocked(click.ClickException):
    exit_code = 3


def watch_summary(stats: dict[str, Any]) -> list[str]:
    """A watch run's two report lines: what was visited (by verdict) and the events found (one line when
    another watch run held the archive)."""
    from newscrawler.outcome import finish_reason

    if stats.get("newscrawler/watch/locked"):
        return [f"watch: skipped: {stats['newscrawler/watch/locked']}"]

    verdicts = ", ".join(f"{v} {stats[f'newscrawler/watch/verdict/{v}']}" for v in VERDICTS
                         if stats.get(f"newscrawler/watch/verdict/{v}"))
    events = ", ".join(f"{k} {stats[f'newscrawler/watch/event/{k}']}" for k in KINDS
                       if stats.get(f"newscrawler/watch/event/{k}"))
    visited = sum(int(stats.get(f"newscrawler/watch/verdict/{v}", 0)) for v in VERDICTS)
    due = int(stats.get("newscrawler/watch/due", 0))
    left = due - int(stats.get("newscrawler/watch/planned", due))  # over the run's cap: due again next run
    return [f"watch: {finish_reason(stats)}: {stats.get('newscrawler/watch/enrolled', 0)} enrolled, "
            f"{due} due, {visited} visited" + (f" ({verdicts})" if verdicts else "")
            + (f", {left} left for the next run (--max-visits)" if left > 0 else ""),
            f"events: {events or 'none'}"]


def _prepare(db_url: str) -> None:
    """Open (and migrate) the archive first: a database that cannot be used is one line, exit 1."""
    from pipelines.storage import upgrade

    logging.getLogger("alembic").setLevel(logging.WARNING)
    try:
        database_call(lambda: upgrade(db_url), db_url)
    except OSError as exc:
        raise click.ClickException(f"cannot open the archive {safe_url(db_url)}: {exc.strerror or exc}") from exc


COLUMNS = (
    Column("observed", "observed (Beijing)"),
    Column("site"),
    Column("kind"),
    Column("title", width=28),
    Column("first_seen", "first seen"),
    Column("change", width=70),
    Column("url"),
)


@click.command("changes")
@db_option
@site_option
@click.option("--since", metavar="DATE", help="Only changes observed on or after DATE (ISO 8601).")
@click.option("--until", metavar="DATE", help="Only changes observed before DATE (ISO 8601).")
@click.option("--kind", "kinds", multiple=True, type=click.Choice(KINDS),
              help="Only this kind of change (repeatable); removed includes removed_soft.")
@output_options(limit=100, most=100_000)
def changes_command(db_url: str, site: str | None, since: str | None, until: str | None, kinds: tuple[str, ...],
                    fmt: str, limit: int) -> None:
    """List the edits and takedowns found by watching, newest first: the article, when it was first archived,
    when the change was observed, and a short diff or the evidence.

    \b
    Example: newscrawler changes --kind removed --since 2026-12-01
    Example: newscrawler changes --site people --format json
    """
    from pipelines import storage as watch_db

    since_at = parse_datetime(since) if since else None
    until_at = parse_datetime(until) if until else None
    chosen = sorted({*kinds, *(("removed_soft",) if "removed" in kinds else ())})
    check_archive(db_url)
    rows, total = session_call(db_url, lambda s: watch_db.find_events(s, site=site, since=since_at, until=until_at,
                                                                       kinds=chosen or None, limit=limit))
    out = [_row(event, fmt) for event in rows]
    emit_rows(out, COLUMNS, fmt)
    if not rows:
        click.echo("no change found", err=True)
    say_count(len(rows), total, "changes", fmt, limit=limit)


def _beijing(moment: datetime | None, fmt: str) -> str | None:
    if moment is None:
        return None
    local = moment.astimezone(SHANGHAI)
    return local.isoformat() if fmt != "table" else local.strftime("%Y-%m-%d %H:%M")


def change_text(kind: str, diff: dict[str, Any] | None, evidence: dict[str, Any]) -> str:
    """The short description of one event: the diff summary of an edit, else its evidence."""
    from newscrawler.watch.diff import summary

    if diff and (diff.get("title") or diff.get("publish_date") or diff.get("paragraphs")):
        return summary(diff)
    if kind == "removed":
        return f"HTTP {evidence.get('status')}"
    if kind == "redirected":
        return f"{evidence.get('status')} → {evidence.get('target_kind')}: {evidence.get('target')}"
    if kind == "removed_soft":
        said = evidence.get("phrase") or evidence.get("page_kind")
        return f"200, {evidence.get('page_kind') or 'page'} page: {said}"
    return "the article is back" if kind == "restored" else ""


def _row(event: Any, fmt: str) -> dict[str, Any]:
    row: dict[str, Any] = {
        "observed": _beijing(event.observed_at, fmt), "site": event.site, "kind": event.kind, "title": event.title,
        "first_seen": _beijing(event.first_seen, fmt), "change": change_text(event.kind, event.diff, event.evidence),
        "url": event.url,
    }
    if fmt == "json":
        row.update(id=event.id, article_id=event.article_id, last_alive=_beijing(event.last_alive, fmt),
                   publish_date=_beijing(event.publish_date, fmt), version=event.version, diff=event.diff,
                   evidence=event.evidence, status=event.status, final_url=event.final_url, warc=event.warc)
    return row
