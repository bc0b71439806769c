"""The ``newscrawler`` command: thin click commands over library functions.

Library errors become one-line messages on stderr and a non-zero exit status;
no command prints a traceback for a bad input.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from datetime import datetime
from importlib import resources
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


@main.command("demo")
def demo_command() -> None:
    """Run the offline demo: extract the bundled sample pages and print the articles.

    Example: newscrawler demo
    """
    samples = sorted(
        (p for p in resources.files("newscrawler.samples").iterdir() if p.name.endswith(".html")),
        key=lambda p: p.name,
    )
    if not samples:
        raise click.ClickException("no sample pages are installed (newscrawler/samples is empty)")
    moment = datetime(2023, 4, 17, 12, 0, tzinfo=SHANGHAI)
    for sample in samples:
        article = extract(sample.read_bytes(), None, moment)
        click.echo(f"# {sample.name}: {article.title} ({article.encoding}, {len(article.body)} characters)",
                   err=True)
        click.echo(_dumps(article.to_json()))
