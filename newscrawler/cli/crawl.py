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
    require_archive,
    safe_url,
    session_call,
)

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


def console_options(function: Any) -> Any:
    """``-v`` and ``--log-level``: how much of the crawl's log the terminal shows (all of it is in the file)."""
    function = click.option("--log-level", type=click.Choice(LOG_LEVELS, case_sensitive=False),
                            help="Show log records of this level and above on the terminal "
                                 "(the log file gets INFO or this level, whichever is lower).")(function)
    return click.option("-v", "--verbose", is_flag=True,
                        help="Show the crawl's full log (INFO, with tracebacks) on the terminal.")(function)


@click.command("crawl")
@click.argument("targets", nargs=-1, metavar="SITE_OR_URL...")
@db_option
@click.option("--max-pages", type=click.IntRange(min=1), help="Stop after this many responses.")
@click.option("--max-time", metavar="DURATION",
              help="Stop each crawl cleanly after this long (30m, 2h): what was fetched is stored.")
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
    help="Scrapy job directory (one subfolder per site): a killed crawl resumes from it.",
)
@click.option("--base-url", help="Address of a site whose profile uses relative URLs (the demo portal).")
@click.option(
    "--due",
    is_flag=True,
    help="Crawl only the configured sites (all, or the SITEs named) whose "
    "interval has elapsed since their last successful run; exit 3 if another crawl holds the lock.",
)
@click.option("--watch", is_flag=True,
              help="With --due: also re-visit the due sites' archived articles that are due (edits, takedowns).")
@console_options
def crawl_command(
    targets: tuple[str, ...],
    db_url: str,
    max_pages: int | None,
    max_time: str | None,
    depth: int | None,
    recrawl_after: str | None,
    job_dir: str | None,
    base_url: str | None,
    due: bool,
    watch: bool,
    verbose: bool,
    log_level: str | None,
) -> None:
    """Crawl configured sites (by name) or any portal (by URL) into the archive.

    Exit status: 0 when every crawl finished (or nothing was due), 1 when a crawl could not start or
    ended for a failure reason, 2 for bad options, 3 when --due finds another crawl holding the lock.

    Example: newscrawler crawl people sina --max-pages 500
    Example: newscrawler crawl https://news.example.cn/ --depth 1
    Example: newscrawler crawl --due          (from cron)
    """
    if not targets and not due:
        ctx = click.get_current_context()
        raise click.MissingParameter(
            ctx=ctx, param=next(p for p in ctx.command.params if p.name == "targets")
        )
    if due and any("://" in t for t in targets):
        raise click.UsageError("--due takes site names, not URLs")
    if watch and not due:
        raise click.UsageError("--watch goes with --due (newscrawler watch re-visits on its own)")
    if recrawl_after:
        _check_duration(recrawl_after)
    limit = _duration_seconds(max_time, "--max-time") if max_time else None
    _check_targets(targets, base_url)
    settings: dict[str, Any] = {"NEWSCRAWLER_DATABASE_URL": db_url}
    if max_pages:
        settings["CLOSESPIDER_PAGECOUNT"] = max_pages
    if limit:
        settings["CLOSESPIDER_TIMEOUT"] = limit  # closes as closespider_timeout: a limit, not a failure
    if depth is not None:
        settings["DEPTH_LIMIT"] = depth + 1
    if job_dir:
        settings["JOBDIR"] = job_dir
    if due:
        console, log_path = _console(settings, db_url, verbose, log_level)
        _crawl_due(targets, db_url, settings, base_url, recrawl_after, console, log_path, watch)
        return
    _prepare_archive(db_url)
    console, log_path = _console(settings, db_url, verbose, log_level)
    from newscrawler.crawl import run_crawl

    names = [t for t in targets if not is_url(t)] + (["urls"] if any(is_url(t) for t in targets) else [])
    all_stats = run_crawl(list(targets), settings=settings, base_url=base_url, recrawl_after=recrawl_after,
                          console=console)
    _report(list(zip(names, all_stats, strict=True)), log_path)


def _console(settings: dict[str, Any], db_url: str, verbose: bool, log_level: str | None) -> tuple[Any, Any]:
    """Point Scrapy's log at a new file under the archive's logs folder and make the terminal handler."""
    import logging

    from newscrawler.console import ConsoleHandler, log_dir, log_file

    level = logging.getLevelName(log_level.upper()) if log_level else (logging.INFO if verbose else logging.WARNING)
    try:
        path = log_file(log_dir(db_url))
    except OSError as exc:
        raise click.ClickException(f"cannot write the crawl log: {exc}") from exc
    settings["LOG_FILE"] = str(path)
    settings["LOG_FILE_APPEND"] = True  # a new file already; each crawler reopens it (two sites, one log)
    settings["LOG_LEVEL"] = logging.getLevelName(min(level, logging.INFO))
    return ConsoleHandler(level, verbose=verbose or level <= logging.INFO), path


def _prepare_archive(db_url: str) -> None:
    """Open (and migrate) the archive before Scrapy starts, so a database that cannot be used is a
    one-line error and exit status 1, not a crawl that logs tracebacks and stores nothing."""
    from newscrawler import settings
    from pipelines.storage import upgrade

    if not settings.NEWSCRAWLER_AUTO_MIGRATE:  # the crawl will not migrate: the archive must be current already
        database_call(lambda: require_archive(db_url), db_url)
        return
    try:
        database_call(lambda: upgrade(db_url), db_url)
    except OSError as exc:
        raise click.ClickException(f"cannot create the archive {safe_url(db_url)}: {exc.strerror or exc}") from exc


def _report(results: list[tuple[str, dict[str, Any]]], log_path: Any) -> None:
    """Print each crawl's report; exit 1 naming every crawl that failed (``newscrawler.outcome``)."""
    from newscrawler.extensions.report import progress_line, site_table
    from newscrawler.outcome import failure, finish_reason

    failed: list[str] = []
    for name, stats in results:
        click.echo(f"{name}: {finish_reason(stats)}: {progress_line(stats)}")
        table = site_table(stats)
        if table:
            click.echo(table)
        why = failure(stats)
        if why:
            failed.append(f"crawl of {name} failed: {why}")
    if log_path is not None:
        click.echo(f"log: {log_path}", err=True)
    if failed:
        raise click.ClickException("; ".join(failed))


class _LockHeldError(click.ClickException):
    exit_code = 3


def _crawl_due(
    names: tuple[str, ...],
    db_url: str,
    settings: dict[str, Any],
    base_url: str | None,
    recrawl_after: str | None,
    console: Any,
    log_path: Any,
    watch: bool = False,
) -> None:
    """``crawl --due``: exit 0 (done, or "nothing is due"), 1 (a crawl failed), 3 (locked)."""
    from datetime import UTC

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
                console=console,
                watch=watch,
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
    if report.watch is not None:
        from newscrawler.cli.watch import watch_summary

        for line in watch_summary(report.watch):
            click.echo(line)
    _report([(r.site, {**r.stats, "finish_reason": r.reason}) for r in report.results], log_path)


def _check_duration(value: str) -> None:
    _duration_seconds(value, "--recrawl-after")


def _duration_seconds(value: str, option: str) -> float:
    from newscrawler.sites import parse_duration

    try:
        return parse_duration(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint=option) from exc


def _check_targets(targets: tuple[str, ...], base_url: str | None) -> None:
    """One-line errors before anything starts: a URL Scrapy cannot fetch, an unknown site, a site whose
    profile needs ``--base-url``."""
    from newscrawler.sites import ProfileError

    for target in targets:
        scheme, sep, _ = target.partition("://")
        if sep and not is_url(target):
            raise click.UsageError(f"unsupported URL scheme {scheme!r} in {target}: crawl takes http:// or "
                                   "https:// URLs, or site names")
    names = [t for t in targets if not is_url(t)]
    if not names:
        return
    configured = profiles()
    unknown = [n for n in names if n not in configured]
    if unknown:
        raise click.ClickException(
            f"unknown site {unknown[0]!r}; configured sites: {', '.join(sorted(configured))}"
        )
    for name in names:
        try:
            configured[name].resolved(base_url)
        except ProfileError as exc:
            raise click.ClickException(str(exc)) from exc


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
@click.option("--watch/--no-watch", "watch", default=True, show_default=True,
              help="After each check, re-visit the watched articles that are due (newscrawler watch).")
def serve_command(db_url: str, every: int, watch: bool) -> None:
    """Run until SIGTERM/SIGINT, crawling the due sites (as crawl --due does, in a subprocess) every SECONDS,
    then re-visiting the due watched articles (as newscrawler watch does; --no-watch: not).

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
    database_call(lambda: serve(db_url, every, stop, watch=watch), db_url)


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
@click.option("--serve", "serve_only", is_flag=True,
              help="Only serve the demo portal until Ctrl-C, for crawl demo --base-url or scrapy crawl.")
@click.option("--port", type=click.IntRange(0, 65535), default=None, metavar="PORT",
              help="Port of 127.0.0.1 to serve on (default 8642; the same port keeps the article URLs the same).")
@console_options
def demo_command(db_url: str, serve_only: bool, port: int | None, verbose: bool, log_level: str | None) -> None:
    """Crawl the offline demo portal (data/demo, served on 127.0.0.1:8642) into the archive and show the result.

    A second run finds the articles archived and adds nothing. With --serve, only serve the portal:

    Example: newscrawler demo
    Example: newscrawler demo --serve   (then: newscrawler crawl demo --base-url http://127.0.0.1:8642)
    """
    from newscrawler.demo import DEMO_PORT, serve

    chosen = DEMO_PORT if port is None else port
    try:
        server = serve(port=chosen)
        base = server.__enter__()
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from exc
    except OSError as exc:
        raise click.ClickException(f"cannot serve the demo portal on 127.0.0.1:{chosen}: {exc.strerror or exc} "
                                   "(another newscrawler demo --serve?): give --port") from exc
    try:
        if serve_only:
            _serve_until_stopped(base)
            return
        _prepare_archive(db_url)
        click.echo(f"serving the demo portal at {base}; crawling it into {safe_url(db_url)}", err=True)
        settings: dict[str, Any] = {"NEWSCRAWLER_DATABASE_URL": db_url, "NEWSCRAWLER_PROGRESS_INTERVAL": 0}
        console, log_path = _console(settings, db_url, verbose, log_level)
        from newscrawler.crawl import run_crawl

        stats = run_crawl(["demo"], settings=settings, base_url=base, console=console)[0]
    finally:
        server.__exit__(None, None, None)
    try:
        _report([("demo", stats)], log_path)
    finally:
        _after_demo(db_url, stats)


def _after_demo(db_url: str, stats: dict[str, Any]) -> None:
    """The newest articles, and a plain word when the run added nothing because the demo is archived."""
    new = int(stats.get("newscrawler/store/new") or 0)
    archived = int(stats.get("newscrawler/crawl/skipped_archived") or 0) + int(
        stats.get("newscrawler/store/unchanged") or 0)
    if not new and archived:
        click.echo("\nnothing new: every demo article is already in the archive (from an earlier run)")
    _show_latest(db_url, 5)
    from newscrawler import settings as project

    db = "" if db_url == project.NEWSCRAWLER_DATABASE_URL else f" --db {safe_url(db_url)}"
    click.echo(f"\nnext: newscrawler search 经济{db}  ·  newscrawler quotes{db}  ·  newscrawler --help")


def _serve_until_stopped(base: str) -> None:
    """Block until SIGINT or SIGTERM, saying how to crawl the portal being served."""
    import signal
    import threading

    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    click.echo(f"serving the demo portal at {base} (Ctrl-C stops)\n"
               f"  newscrawler crawl demo --base-url {base}\n"
               f"  scrapy crawl portal -a site=demo -a base_url={base}")
    while not stop.wait(0.5):
        pass


def _show_latest(db_url: str, n: int) -> None:
    """Print the newest archived articles, one line each."""
    from pipelines.storage import latest_articles

    rows = session_call(db_url, lambda session: latest_articles(session, n))
    click.echo("\nlatest archived articles:")
    for row in rows:
        when = row.publish_date.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M") if row.publish_date else "?"
        click.echo(f"  {when}  {row.title}  [{row.source or '-'}; {', '.join(row.author) or '-'}]"
                   f"  {len(row.body)} chars  {row.canonical_url}")
