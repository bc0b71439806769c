"""Helpers shared by the ``newscrawler`` commands: options, dates, one-line database errors."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import click

SHANGHAI = ZoneInfo("Asia/Shanghai")


def dumps(data: dict[str, Any]) -> str:
    """One JSON object on one line, UTF-8 characters kept (no \\u escapes)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def parse_datetime(value: str | None) -> datetime:
    """An ISO 8601 date or date-time; naive values are Asia/Shanghai; None is now."""
    if value is None:
        return datetime.now(SHANGHAI)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"not an ISO 8601 date-time: {value!r}") from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=SHANGHAI)


def is_url(target: str) -> bool:
    return target.startswith(("http://", "https://"))


def db_option(function: Any) -> Any:
    from newscrawler import settings

    return click.option(
        "--db",
        "db_url",
        default=settings.NEWSCRAWLER_DATABASE_URL,
        show_default=True,
        help="Archive database as a SQLAlchemy URL (also NEWSCRAWLER_DATABASE_URL).",
    )(function)


def safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return url


def database_call(call: Any, db_url: str) -> Any:
    """Run a database operation; turn its failures into one-line errors."""
    from sqlalchemy.exc import SQLAlchemyError

    from pipelines.db.engine import DatabaseURLError

    try:
        return call()
    except DatabaseURLError as exc:
        raise click.ClickException(str(exc)) from exc
    except SQLAlchemyError as exc:
        first = str(getattr(exc, "orig", exc) or exc).strip().splitlines()[0]
        raise click.ClickException(f"database {safe_url(db_url)}: {first}") from exc


def profiles() -> dict[str, Any]:
    """The configured site profiles; a broken profile file is a one-line error."""
    import os

    from newscrawler.sites import ProfileError, load_profiles, split_sites_dirs

    try:
        return dict(load_profiles(split_sites_dirs(os.environ.get("NEWSCRAWLER_SITES_DIR"))))
    except ProfileError as exc:
        raise click.ClickException(str(exc)) from exc


def filter_options(function: Any) -> Any:
    """The article filter options every analyst command shares: --site --since --until --source --channel."""
    options = [
        click.option("--site", help="Only articles of this site (profile name or host)."),
        click.option("--since", metavar="DATE", help="Only articles published on or after DATE (ISO 8601)."),
        click.option("--until", metavar="DATE", help="Only articles published before DATE (ISO 8601; a date "
                     "alone means the start of that day)."),
        click.option("--source", help="Only articles whose source (来源) contains this text."),
        click.option("--channel", help="Only articles whose channel contains this text."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def article_filter(site: str | None, since: str | None, until: str | None, source: str | None,
                   channel: str | None) -> Any:
    """An ``ArticleFilter`` from the shared options; a bad date is a one-line usage error."""
    from pipelines.db.filters import ArticleFilter

    since_at = _option_date(since, "--since")
    until_at = _option_date(until, "--until")
    if since_at and until_at and until_at <= since_at:
        raise click.BadParameter(f"{until} is not after {since}", param_hint="--until")
    return ArticleFilter(site=site, since=since_at, until=until_at, source=source, channel=channel)


def _option_date(value: str | None, hint: str) -> datetime | None:
    if value is None:
        return None
    try:
        return parse_datetime(value)
    except click.BadParameter as exc:
        raise click.BadParameter(exc.message, param_hint=hint) from exc


def session_call(db_url: str, work: Any) -> Any:
    """Run ``work(session)`` on the archive at ``db_url`` (read-only use); failures are one-line errors."""
    from pipelines.db.engine import make_engine, session_factory

    def call() -> Any:
        require_archive(db_url)
        engine = make_engine(db_url)
        try:
            with session_factory(engine)() as session:
                return work(session)
        finally:
            engine.dispose()

    return database_call(call, db_url)


def require_archive(db_url: str) -> None:
    """Fail in one line when ``db_url`` holds no archive or an older schema (never create one by reading)."""
    from sqlalchemy.engine import make_url

    from pipelines.db.migrate import current_revision, head_revision

    parsed = make_url(db_url)
    missing = f"{safe_url(db_url)} holds no archive yet: crawl into it (newscrawler demo, newscrawler crawl)"
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        from pathlib import Path

        if not parsed.database.startswith("file:") and not Path(parsed.database).expanduser().is_file():
            raise click.ClickException(missing)
    revision = current_revision(db_url)
    if revision is None:
        raise click.ClickException(missing)
    if revision != head_revision():
        raise click.ClickException(f"{safe_url(db_url)} is at schema revision {revision}, this newscrawler needs "
                                   f"{head_revision()}: run newscrawler db upgrade --db {safe_url(db_url)}")
