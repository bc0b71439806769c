"""``newscrawler crawl``, ``serve``, ``sites`` and ``demo``: run crawls."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import click

from newscrawler.cli.common import (
    SHANGHAI,
    database_call,
    db_option,
    is_url,
    profiles,
    safe_url,
    session_call,
)


@click.command("crawl")
@click.argument("targets", nargs=-1, metavar="SITE_OR_URL...")
@db_option
@click.option("--max-pages", type=click.IntRange(min=1), help="Stop after this many responses.")
@click.option(
    "--depth", type=click.IntRange(min=0), help="How many list pages deep to follow from a start page."
)
@click.option(
    "--recrawl-after",
    metavar="DURATION",
    help="Fetch archived articles again when older than this (7d, 12h).",
)
@click.option(
    "--job-dir",
    type=click.Path(file_okay=False),
    help="Scrapy job directory: a killed crawl resumes from it.",
)
@click.option("--base-url", help="Address of a site whose profile uses relative URLs (the demo portal).")
@click.option(
    "--due",
    is_flag=True,
    help="Crawl only the configured sites (all, or the SITEs named) whose "
    "interval has elapsed since their last successful run; exit 3 if another crawl holds the lock.",
)
def crawl_command(
    targets: tuple[str, ...],
    db_url: str,
    max_pages: int | None,
    depth: int | None,
    recrawl_after: str | None,
    job_dir: str | None,
    base_url: str | None,
    due: bool,
) -> None:
    """Crawl configured sites (by name) or any portal (by URL) into the archive.

    Example: newscrawler crawl people sina --max-pages 500
    Example: newscrawler crawl https://news.example.cn/ --depth 1
    Example: newscrawler crawl --due          (from cron: exit 0 done or nothing due, 1 a crawl failed, 3 locked)
    """
    if not targets and not due:
        ctx = click.get_current_context()
        raise click.MissingParameter(
            ctx=ctx, param=next(p for p in ctx.command.params if p.name == "targets")
        )
    if due and any(is_url(t) for t in targets):
        raise click.UsageError("--due takes site names, not URLs")
    _check_sites(targets)
    settings: dict[str, Any] = {"NEWSCRAWLER_DATABASE_URL": db_url}
    if max_pages:
        settings["CLOSESPIDER_PAGECOUNT"] = max_pages
    if depth is not None:
        settings["DEPTH_LIMIT"] = depth + 1
    if job_dir:
        settings["JOBDIR"] = job_dir
    if recrawl_after:
        _check_duration(recrawl_after)
    if due:
        _crawl_due(targets, db_url, settings, base_url, recrawl_after)
        return
    from newscrawler.crawl import run_crawl
    from newscrawler.extensions.report import progress_line, site_table

    for stats in run_crawl(list(targets), settings=settings, base_url=base_url, recrawl_after=recrawl_after):
        click.echo(f"{stats.get('finish_reason', 'finished')}: {progress_line(stats)}")
        click.echo(site_table(stats))


class _LockHeldError(click.ClickException):
    exit_code = 3


def _crawl_due(
    names: tuple[str, ...],
    db_url: str,
    settings: dict[str, Any],
    base_url: str | None,
    recrawl_after: str | None,
) -> None:
    """``crawl --due``: exit 0 (done, or "nothing is due"), 1 (a crawl closed for an error reason), 3 (locked)."""
    from datetime import UTC

    from newscrawler.extensions.report import progress_line, site_table
    from newscrawler.schedule import LockHeld, run_due
    from newscrawler.sites import ProfileError

    try:
        report = database_call(
            lambda: run_due(
                db_url,
                datetime.now(UTC),
                names=list(names) or None,
                settings=settings,
                profiles=profiles(),
                base_url=base_url,
                recrawl_after=recrawl_after,
            ),
            db_url,
        )
    except LockHeld as exc:
        raise _LockHeldError(str(exc)) from exc
    except (ProfileError, OSError) as exc:
        raise click.ClickException(str(exc)) from exc
    if not report.results:
        click.echo("nothing is due")
        return
    for result in report.results:
        click.echo(f"{result.site}: {result.reason}: {progress_line(result.stats)}")
        click.echo(site_table(result.stats))
    if report.failed:
        raise click.ClickException("; ".join(f"crawl of {r.site} closed: {r.reason}" for r in report.failed))


def _check_duration(value: str) -> None:
    from newscrawler.sites import parse_duration

    try:
        parse_duration(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--recrawl-after") from exc


def _check_sites(targets: tuple[str, ...]) -> None:
    names = [t for t in targets if not is_url(t)]
    if not names:
        return
    configured = profiles()
    unknown = [n for n in names if n not in configured]
    if unknown:
        raise click.ClickException(
            f"unknown site {unknown[0]!r}; configured sites: {', '.join(sorted(configured))}"
        )


@click.command("serve")
@db_option
@click.option(
    "--every",
    "every",
    type=click.IntRange(min=1),
    default=300,
    show_default=True,
    metavar="SECONDS",
    help="How often to check for due sites.",
)
def serve_command(db_url: str, every: int) -> None:
    """Run until SIGTERM/SIGINT, crawling the due sites (as crawl --due does, in a subprocess) every SECONDS.

    Example: newscrawler serve --every 300
    The schedule is kept in the archive (table apscheduler_jobs); on stop a running crawl gets
    SIGTERM and 30 s to close cleanly.
    """
    import logging
    import signal
    import threading

    from newscrawler.schedule import serve

    logging.basicConfig(level=logging.INFO, format="%(asctime)s [%(name)s] %(levelname)s: %(message)s")
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    database_call(lambda: serve(db_url, every, stop), db_url)


@click.command("sites")
def sites_command() -> None:
    """List the configured sites: shipped profiles plus those in NEWSCRAWLER_SITES_DIR.

    Example: newscrawler sites
    """
    for name, profile in sorted(profiles().items()):
        start = ", ".join(profile.start_urls[:2]) + (" …" if len(profile.start_urls) > 2 else "")
        click.echo(f"{name:<10} {profile.title:<8} {', '.join(profile.domains):<28} {start}")


@click.command("demo")
@db_option
def demo_command(db_url: str) -> None:
    """Crawl the offline demo portal (data/demo, served on 127.0.0.1) into the archive and show the result.

    Example: newscrawler demo
    """
    from newscrawler.crawl import run_crawl
    from newscrawler.demo import serve
    from newscrawler.extensions.report import progress_line, site_table

    try:
        server = serve()
        base = server.__enter__()
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from exc
    try:
        click.echo(f"serving the demo portal at {base}; crawling it into {safe_url(db_url)}", err=True)
        settings = {
            "NEWSCRAWLER_DATABASE_URL": db_url,
            "LOG_LEVEL": "WARNING",
            "NEWSCRAWLER_PROGRESS_INTERVAL": 0,
        }
        stats = run_crawl(["demo"], settings=settings, base_url=base)[0]
    finally:
        server.__exit__(None, None, None)
    click.echo(f"{stats.get('finish_reason', 'finished')}: {progress_line(stats)}")
    click.echo(site_table(stats))
    _show_latest(db_url, 5)
    from newscrawler import settings as project

    db = "" if db_url == project.NEWSCRAWLER_DATABASE_URL else f" --db {safe_url(db_url)}"
    click.echo(f"\nnext: newscrawler search 经济{db}  ·  newscrawler quotes{db}  ·  newscrawler --help")


def _show_latest(db_url: str, n: int) -> None:
    """Print the newest archived articles, one line each."""
    from pipelines.db.repository import latest_articles

    rows = session_call(db_url, lambda session: latest_articles(session, n))
    click.echo("\nlatest archived articles:")
    for row in rows:
        when = row.publish_date.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M") if row.publish_date else "?"
        click.echo(f"  {when}  {row.title}  [{row.source or '-'}; {', '.join(row.author) or '-'}]"
                   f"  {len(row.body)} chars  {row.canonical_url}")
