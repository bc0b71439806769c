"""``newscrawler extract``: run the pure extractor on saved pages or URLs."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

import click

from newscrawler.cli.common import dumps, is_url, parse_datetime
from newscrawler.extract import extract
from newscrawler.items import Article


@click.command("extract")
@click.argument("targets", nargs=-1, required=True, metavar="PATH_OR_URL...")
@click.option(
    "--url", "page_url", help="The URL a local file was fetched from (for relative links and URL dates)."
)
@click.option(
    "--fetched-at",
    help="When the page was fetched (ISO 8601; default now, Asia/Shanghai). "
    "Relative dates such as 3小时前 are resolved against it.",
)
@click.option("--encoding", help="Decode the bytes with this codec, overriding every declaration.")
def extract_command(
    targets: tuple[str, ...], page_url: str | None, fetched_at: str | None, encoding: str | None
) -> None:
    """Extract articles from saved pages or URLs; print one JSON object per input.

    Example: newscrawler extract page.html --url https://news.example.cn/a/1.html

    Objects come in input order, one per line. An input that cannot be read
    gives a one-line error on stderr; the others are still processed and the
    exit status is 1. URLs are fetched through Scrapy with the project's crawl
    settings (user agent, robots.txt, retries).
    """
    moment = parse_datetime(fetched_at)
    if encoding:
        _check_codec(encoding)
    results: dict[int, Article | str] = {}
    urls = [(i, t) for i, t in enumerate(targets) if is_url(t)]
    for i, target in enumerate(targets):
        if is_url(target):
            continue
        try:
            body = _read_page(Path(target))
        except OSError as exc:
            results[i] = f"{target}: cannot read: {exc.strerror or exc}"
            continue
        except ValueError as exc:
            results[i] = f"{target}: {exc}"
            continue
        results[i] = extract(body, page_url, moment, None, encoding=encoding)
    if urls:
        from newscrawler.fetch import fetch_articles  # Scrapy is imported only when a URL is given

        fetched = fetch_articles([u for _, u in urls], encoding=encoding,
                                 notify=lambda line: click.echo(f"warning: {line}", err=True))
        for (i, target), outcome in zip(urls, fetched, strict=True):
            results[i] = outcome if isinstance(outcome, Article) else f"{target}: {outcome}"
    _emit(results[i] for i in range(len(targets)))


def _read_page(path: Path) -> bytes:
    """The file's bytes, at most ``DOWNLOAD_MAXSIZE`` of them, as a crawl would take them (a device such
    as /dev/zero or a huge file is refused, not read without end). Raises ``OSError``, ``ValueError``."""
    from newscrawler import settings

    limit = int(settings.DOWNLOAD_MAXSIZE)
    with path.open("rb") as file:
        body = file.read(limit + 1)
    if len(body) > limit:
        raise ValueError(f"larger than {limit // 2**20} MiB (DOWNLOAD_MAXSIZE): not a web page")
    return body


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
            click.echo(dumps(outcome.to_json()))
    if failed:
        sys.exit(1)
