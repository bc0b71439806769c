"""The ``newscrawler`` command: thin click commands over library functions.

Library errors become one-line messages on stderr and a non-zero exit status;
no command prints a traceback for a bad input.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import click

from newscrawler import __version__
from newscrawler.extract import extract
from newscrawler.items import Article

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _dumps(data: dict[str, Any]) -> str:
    """One JSON object on one line, UTF-8 characters kept (no \\u escapes)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _parse_fetched_at(value: str | None) -> datetime:
    if value is None:
        return datetime.now(SHANGHAI)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"not an ISO 8601 date-time: {value!r}") from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=SHANGHAI)


def _is_url(target: str) -> bool:
    return target.startswith(("http://", "https://"))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newscrawler")
def main() -> None:
    """Crawl Chinese news portals, extract clean articles, archive them."""


@main.command("extract")
@click.argument("targets", nargs=-1, required=True, metavar="PATH_OR_URL...")
@click.option("--url", "page_url", help="The URL a local file was fetched from (for relative links and URL dates).")
@click.option("--fetched-at", help="When the page was fetched (ISO 8601; default now, Asia/Shanghai). "
              "Relative dates such as 3小时前 are resolved against it.")
@click.option("--encoding", help="Decode the bytes with this codec, overriding every declaration.")
def extract_command(targets: tuple[str, ...], page_url: str | None, fetched_at: str | None,
                    encoding: str | None) -> None:
    """Extract articles from saved pages or URLs; print one JSON object per input.

    Example: newscrawler extract page.html --url https://news.example.cn/a/1.html

    Objects come in input order, one per line. An input that cannot be read
    gives a one-line error on stderr; the others are still processed and the
    exit status is 1. URLs are fetched through Scrapy with the project's crawl
    settings (user agent, robots.txt, retries).
    """
    moment = _parse_fetched_at(fetched_at)
    if encoding:
        _check_codec(encoding)
    results: dict[int, Article | str] = {}
    urls = [(i, t) for i, t in enumerate(targets) if _is_url(t)]
    for i, target in enumerate(targets):
        if _is_url(target):
            continue
        try:
            body = Path(target).read_bytes()
        except OSError as exc:
            results[i] = f"{target}: cannot read: {exc.strerror or exc}"
            continue
        results[i] = extract(body, page_url, moment, None, encoding=encoding)
    if urls:
        from newscrawler.fetch import fetch_articles  # Scrapy is imported only when a URL is given

        fetched = fetch_articles([u for _, u in urls], encoding=encoding)
        for (i, target), outcome in zip(urls, fetched, strict=True):
            results[i] = outcome if isinstance(outcome, Article) else f"{target}: {outcome}"
    _emit(results[i] for i in range(len(targets)))


def _check_codec(name: str) -> None:
    import codecs

    try:
        codecs.lookup(name)
    except LookupError as exc:
        raise click.BadParameter(f"unknown encoding: {name}", param_hint="--encoding") from exc


def _emit(outcomes: Iterable[Article | str]) -> None:
    failed = False
    for outcome in outcomes:
        if isinstance(outcome, str):
            click.echo(f"error: {outcome}", err=True)
            failed = True
        else:
            click.echo(_dumps(outcome.to_json()))
    if failed:
        sys.exit(1)


def _db_option(function: Any) -> Any:
    from newscrawler import settings

    return click.option("--db", "db_url", default=settings.NEWSCRAWLER_DATABASE_URL, show_default=True,
                        help="Archive database as a SQLAlchemy URL (also NEWSCRAWLER_DATABASE_URL).")(function)


@main.group("db")
def db_group() -> None:
    """Manage the archive database schema."""


@db_group.command("upgrade")
@_db_option
def db_upgrade_command(db_url: str) -> None:
    """Apply the schema migrations to the archive (creates it when empty).

    Example: newscrawler db upgrade --db postgresql://user@localhost/news
    """
    from pipelines.db.migrate import upgrade

    revision = _database_call(lambda: upgrade(db_url), db_url)
    click.echo(f"{_safe_url(db_url)} is at schema revision {revision}")


@main.command("reextract")
@_db_option
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

    since_at = _parse_fetched_at(since) if since else None
    root = warc_dir or settings.NEWSCRAWLER_WARC_DIR
    with click.progressbar(length=1, label="re-extracting", file=sys.stderr) as bar:
        def progress(done: int, total: int) -> None:
            bar.length = total
            bar.update(done - bar.pos)

        counts = _database_call(lambda: reextract(db_url, root, site=site, since=since_at, progress=progress),
                                db_url)
    summary = ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "nothing to re-extract"
    click.echo(summary)


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return url


def _database_call(call: Any, db_url: str) -> Any:
    """Run a database operation; turn its failures into one-line errors."""
    from sqlalchemy.exc import SQLAlchemyError

    from pipelines.db.engine import DatabaseURLError

    try:
        return call()
    except DatabaseURLError as exc:
        raise click.ClickException(str(exc)) from exc
    except SQLAlchemyError as exc:
        first = str(getattr(exc, "orig", exc) or exc).strip().splitlines()[0]
        raise click.ClickException(f"database {_safe_url(db_url)}: {first}") from exc


@main.command("quotes")
@_db_option
@click.option("--speaker", help="Only quotes whose speaker contains this text (e.g. a surname).")
@click.option("--type", "speaker_type",
              type=click.Choice(["person", "organization", "media", "media_unnamed", "anonymous", "document",
                                 "unspecified"]), help="Only speakers of this kind.")
@click.option("--site", help="Only articles of this site.")
@click.option("--since", help="Only articles published on or after this date (ISO 8601).")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per quote instead of a table.")
def quotes_command(db_url: str, speaker: str | None, speaker_type: str | None, site: str | None, since: str | None,
                   limit: int, as_json: bool) -> None:
    """List quoted sources in the archive: who said what, where and how.

    Example: newscrawler quotes --type anonymous --since 2023-04-01
    """
    from pipelines.db import repository
    from pipelines.db.engine import make_engine, session_factory

    since_at = _parse_fetched_at(since) if since else None

    def query() -> list[tuple[Any, Any]]:
        engine = make_engine(db_url)
        try:
            with session_factory(engine)() as session:
                return repository.find_quotes(session, speaker=speaker, speaker_type=speaker_type, site=site,
                                              since=since_at, limit=limit)
        finally:
            engine.dispose()

    for quote, article in _database_call(query, db_url):
        if as_json:
            click.echo(_dumps({**quote.record, "article_url": article.canonical_url, "article_title": article.title}))
            continue
        when = article.publish_date.astimezone(SHANGHAI).strftime("%Y-%m-%d") if article.publish_date else "?"
        who = quote.speaker or "(unresolved)"
        click.echo(f"{when}  {who} [{quote.speaker_type}] {quote.cue or ''}: {quote.text[:80]}  — {article.title}")


@main.command("crawl")
@click.argument("targets", nargs=-1, metavar="SITE_OR_URL...")
@_db_option
@click.option("--max-pages", type=click.IntRange(min=1), help="Stop after this many responses.")
@click.option("--depth", type=click.IntRange(min=0), help="How many list pages deep to follow from a start page.")
@click.option("--recrawl-after", metavar="DURATION", help="Fetch archived articles again when older than this (7d, 12h).")
@click.option("--job-dir", type=click.Path(file_okay=False), help="Scrapy job directory: a killed crawl resumes from it.")
@click.option("--base-url", help="Address of a site whose profile uses relative URLs (the demo portal).")
@click.option("--due", is_flag=True, help="Crawl only the configured sites (all, or the SITEs named) whose "
              "interval has elapsed since their last successful run; exit 3 if another crawl holds the lock.")
def crawl_command(targets: tuple[str, ...], db_url: str, max_pages: int | None, depth: int | None,
                  recrawl_after: str | None, job_dir: str | None, base_url: str | None, due: bool) -> None:
    """Crawl configured sites (by name) or any portal (by URL) into the archive.

    Example: newscrawler crawl people sina --max-pages 500
    Example: newscrawler crawl https://news.example.cn/ --depth 1
    Example: newscrawler crawl --due          (from cron: exit 0 done or nothing due, 1 a crawl failed, 3 locked)
    """
    if not targets and not due:
        ctx = click.get_current_context()
        raise click.MissingParameter(ctx=ctx, param=next(p for p in ctx.command.params if p.name == "targets"))
    if due and any(_is_url(t) for t in targets):
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


def _crawl_due(names: tuple[str, ...], db_url: str, settings: dict[str, Any], base_url: str | None,
               recrawl_after: str | None) -> None:
    """``crawl --due``: exit 0 (done, or "nothing is due"), 1 (a crawl closed for an error reason), 3 (locked)."""
    from datetime import UTC

    from newscrawler.extensions.report import progress_line, site_table
    from newscrawler.schedule import LockHeld, run_due
    from newscrawler.sites import ProfileError

    try:
        report = _database_call(lambda: run_due(db_url, datetime.now(UTC), names=list(names) or None,
                                                settings=settings, profiles=_profiles(), base_url=base_url,
                                                recrawl_after=recrawl_after), db_url)
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
    names = [t for t in targets if not _is_url(t)]
    if not names:
        return
    profiles = _profiles()
    unknown = [n for n in names if n not in profiles]
    if unknown:
        raise click.ClickException(f"unknown site {unknown[0]!r}; configured sites: {', '.join(sorted(profiles))}")


def _profiles() -> dict[str, Any]:
    import os

    from newscrawler.sites import ProfileError, load_profiles, split_sites_dirs

    try:
        return dict(load_profiles(split_sites_dirs(os.environ.get("NEWSCRAWLER_SITES_DIR"))))
    except ProfileError as exc:
        raise click.ClickException(str(exc)) from exc


@main.command("serve")
@_db_option
@click.option("--every", "every", type=click.IntRange(min=1), default=300, show_default=True, metavar="SECONDS",
              help="How often to check for due sites.")
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
    _database_call(lambda: serve(db_url, every, stop), db_url)


@main.command("sites")
def sites_command() -> None:
    """List the configured sites: shipped profiles plus those in NEWSCRAWLER_SITES_DIR.

    Example: newscrawler sites
    """
    for name, profile in sorted(_profiles().items()):
        start = ", ".join(profile.start_urls[:2]) + (" …" if len(profile.start_urls) > 2 else "")
        click.echo(f"{name:<10} {profile.title:<8} {', '.join(profile.domains):<28} {start}")


@main.command("demo")
@_db_option
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
        click.echo(f"serving the demo portal at {base}; crawling it into {_safe_url(db_url)}", err=True)
        settings = {"NEWSCRAWLER_DATABASE_URL": db_url, "LOG_LEVEL": "WARNING", "NEWSCRAWLER_PROGRESS_INTERVAL": 0}
        stats = run_crawl(["demo"], settings=settings, base_url=base)[0]
    finally:
        server.__exit__(None, None, None)
    click.echo(f"{stats.get('finish_reason', 'finished')}: {progress_line(stats)}")
    click.echo(site_table(stats))
    _show_latest(db_url, 5)


def _show_latest(db_url: str, n: int) -> None:
    """Print the newest archived articles, one line each."""
    from sqlalchemy import select

    from pipelines.db.engine import make_engine, session_factory
    from pipelines.db.models import Article

    engine = make_engine(db_url)
    with session_factory(engine)() as session:
        rows = session.scalars(select(Article).order_by(Article.publish_date.desc()).limit(n))
        click.echo("\nlatest archived articles:")
        for row in rows:
            when = row.publish_date.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M") if row.publish_date else "?"
            click.echo(f"  {when}  {row.title}  [{row.source or '-'}; {', '.join(row.author) or '-'}]"
                       f"  {len(row.body)} chars  {row.canonical_url}")
    engine.dispose()
