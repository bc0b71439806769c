"""``newscrawler db upgrade``, ``db recount-tallies``, ``db optimize``, ``reextract`` and ``replay``: manage the archive."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

import click

from newscrawler.cli.common import (
    check_archive,
    database_call,
    db_option,
    parse_datetime,
    profiles,
    require_archive,
    safe_url,
)


@click.group("db")
def db_group() -> None:
    """Manage the archive database schema."""


@db_group.command("upgrade")
@db_option
def db_upgrade_command(db_url: str) -> None:
    """Apply the schema migrations to the archive (creates it when empty).

    Migrations that touch every row say first how long they will take (the archive's row count times
    the cost per row measured on the benchmark machine), then show their progress. Interrupted (Ctrl-C,
    a lost connection), such a migration keeps its finished batches: run the command again and it
    continues where it stopped.

    Example: newscrawler db upgrade --db postgresql://user@localhost/news
    """
    from pipelines.storage import migration_plan as plan
    from pipelines.storage import upgrade

    pending = database_call(lambda: plan(db_url), db_url)
    for step in pending:
        if step.rows:
            resumed = f", resuming after {step.resumed_at:,} done" if step.resumed_at else ""
            click.echo(f"migration {step.revision} will {step.what}: {step.rows:,} rows{resumed}, "
                       f"about {_duration(step.seconds)}", err=True)
    long_ones = sum(step.seconds for step in pending)
    if long_ones >= 60:
        click.echo(f"estimated time in all: {_duration(long_ones)}; an interrupted upgrade continues where "
                   "it stopped when run again", err=True)
    lines = _progress_lines("rows")

    def progress(revision: str, done: int, total: int) -> None:
        lines(f"migration {revision}", done, total)

    revision = database_call(lambda: upgrade(db_url, progress=progress), db_url)
    click.echo(f"{safe_url(db_url)} is at schema revision {revision}")


@db_group.command("recount-tallies")
@db_option
def db_recount_tallies_command(db_url: str) -> None:
    """Count the tallies behind stats and speakers again from the articles and quotes.

    Triggers keep the tallies (tables site_day, speaker_day) exact for every ordinary write; a TRUNCATE,
    an edit of a tally row by hand, or on PostgreSQL a quote that an INSERT … ON CONFLICT skipped, leaves
    them wrong. This empties both and counts the whole archive again in one transaction: writers (a crawl)
    wait until it ends, readers do not. Prints whether the tallies were exact or how many rows it corrected.

    Example: newscrawler db recount-tallies --db postgresql://user@localhost/news
    """
    from pipelines.storage import make_engine, recount_tallies

    check_archive(db_url)  # an archive at the newest revision: the tallies exist, and nothing is created
    lines = _progress_lines("articles")
    engine = database_call(lambda: make_engine(db_url), db_url)
    try:
        result = database_call(lambda: recount_tallies(engine, lambda done, total: lines("recount", done, total)),
                               db_url)
    finally:
        engine.dispose()
    counted = f"{_many(result.articles, 'article')} counted"
    if result.exact:
        sizes = ", ".join(f"{table} {_many(rows, 'row')}" for table, rows in result.after.items())
        click.echo(f"{safe_url(db_url)}: the tallies were exact ({counted}; {sizes})")
    else:
        sizes = ", ".join(f"{table} {before:,} → {_many(result.after[table], 'row')}"
                          for table, before in result.before.items())
        click.echo(f"{safe_url(db_url)}: {_many(result.corrected, 'tally row')} corrected ({counted}; {sizes})")


@db_group.command("optimize")
@db_option
def db_optimize_command(db_url: str) -> None:
    """Do the upkeep a large archive needs after a bulk load, and now and then after.

    SQLite: merge the full-text indexes into one segment each (FTS5 writes them in pieces: a dozen after
    a million articles, each looked up for every word) and update the planner's statistics; PostgreSQL:
    VACUUM (ANALYZE), so the planner may read the filter indexes alone (autovacuum does it in time, a
    server without it needs it said). Reads go on meanwhile; on SQLite the merge holds the write lock, so
    run it between crawls. About 3 minutes at a million articles on SQLite, half a minute on PostgreSQL.

    Example: newscrawler db optimize --db postgresql://user@localhost/news
    """
    from pipelines.storage import make_engine, optimize

    check_archive(db_url)  # an archive at the newest revision: nothing is created
    engine = database_call(lambda: make_engine(db_url), db_url)
    try:
        result = database_call(lambda: optimize(engine), db_url)
    finally:
        engine.dispose()
    click.echo(f"{safe_url(db_url)}: optimized ({', '.join(result.steps)}) in {_duration(result.seconds)}")


def _many(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def _progress_lines(unit: str) -> Callable[[str, int, int], None]:
    """A progress callback printing ``step: done / total unit (…)`` on stderr, every 2 s and at the end."""
    shown = {"at": 0.0}
    started = time.monotonic()

    def progress(step: str, done: int, total: int) -> None:
        now = time.monotonic()
        if now - shown["at"] < 2 and done < total:
            return
        shown["at"] = now
        click.echo(f"{step}: {done:,} / {total:,} {unit} ({100 * done / max(total, 1):.0f} %, "
                   f"{_duration(now - started)} so far)", err=True)

    return progress


def _duration(seconds: float) -> str:
    """``seconds`` as people say it: 40 s, 3 min, 1 h 20 min."""
    if seconds < 90:
        return f"{max(1, round(seconds))} s"
    minutes = round(seconds / 60)
    return f"{minutes} min" if minutes < 60 else f"{minutes // 60} h {minutes % 60} min"


@click.command("reextract")
@db_option
@click.option("--warc-dir", default=None, help="Root of the raw-page archive (default NEWSCRAWLER_WARC_DIR).")
@click.option("--site", help="Only articles of this site (profile name or host).")
@click.option("--since", help="Only articles seen on or after this date (ISO 8601, e.g. 2023-04-01).")
def reextract_command(db_url: str, warc_dir: str | None, site: str | None, since: str | None) -> None:
    """Run the current extractor over archived raw pages and update the records.

    Articles whose output changed get a new version (the old content stays in
    article_version); no page is fetched again.
    Example: newscrawler reextract --site people --since 2023-04-01
    """
    from newscrawler import settings
    from newscrawler.reextract import reextract

    since_at = parse_datetime(since) if since else None
    database_call(lambda: require_archive(db_url), db_url)  # never create an archive to re-extract nothing
    configured = profiles()
    root = warc_dir or settings.NEWSCRAWLER_WARC_DIR
    with click.progressbar(length=1, label="re-extracting", file=sys.stderr) as bar:

        def progress(done: int, total: int) -> None:
            bar.length = total
            bar.update(done - bar.pos)

        counts = database_call(
            lambda: reextract(db_url, root, site=site, since=since_at, progress=progress, profiles=configured),
            db_url,
        )
    summary = ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "nothing to re-extract"
    click.echo(summary)


@click.command("replay")
@db_option
@click.option("--spool-dir", default=None, help="The spool folder (default NEWSCRAWLER_SPOOL_DIR, data/unsaved).")
@click.option("--any-archive", is_flag=True,
              help="Also import spool files written for another archive (one that was moved) or none.")
def replay_command(db_url: str, spool_dir: str | None, any_archive: bool) -> None:
    """Import the items a crawl could not store (the spool), each exactly once.

    A crawl whose database failed writes what it held to the spool; the next crawl into the same
    archive imports it when it opens, and this command does so at once.
    Example: newscrawler replay --db postgresql://user@localhost/news
    """
    from newscrawler import settings
    from pipelines.storage import replay_spool

    database_call(lambda: require_archive(db_url), db_url)  # never create an archive to replay into
    folder = spool_dir or settings.NEWSCRAWLER_SPOOL_DIR
    report = database_call(lambda: replay_spool(db_url, folder, any_archive=any_archive), db_url)
    if not report.files and not report.other_archive:
        click.echo(f"nothing to replay in {folder}")
        return
    click.echo(f"{len(report.files)} spool file(s): {report.stored} item(s) stored, {report.already} already "
               f"archived, {report.unreadable} unreadable line(s)")
    for path in report.other_archive:
        click.echo(f"left for another archive: {path} (--any-archive imports it)", err=True)
