"""``newscrawler stats``: crawl health per site and per run, warnings, articles per day (text, JSON, PNG)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from newscrawler.cli.common import (
    Column,
    db_option,
    dumps,
    emit_rows,
    output_options,
    profiles,
    session_call,
    site_option,
)

CSV_COLUMNS = tuple(Column(name) for name in (
    "site", "runs", "last_run_started", "last_run_status", "pages", "article_pages", "new", "updated", "unchanged",
    "copies", "not_articles", "failed", "failures", "archived", "newest_article", "newest_article_age_days",
    "warnings"))


@click.command("stats")
@db_option
@site_option
@click.option("--runs", type=click.IntRange(min=1), default=5, show_default=True,
              help="How many of each site's newest runs to list.")
@click.option("--days", type=click.IntRange(min=1, max=3660), default=14, show_default=True,
              help="How many days (Asia/Shanghai, ending today) the articles-per-day chart covers.")
@click.option("--plot", "plot_path", type=click.Path(path_type=Path), metavar="FILE.png",
              help="Also draw articles per day per site into this PNG.")
@click.option("--force", is_flag=True, help="Let --plot overwrite an existing file.")
@output_options(limit=None)
def stats_command(db_url: str, site: str | None, runs: int, days: int, plot_path: Path | None, force: bool,
                  fmt: str) -> None:
    """Crawl health: per site and per run, pages, articles, failures by reason, warnings when a site's
    yield drops or its newest article grows old, and articles archived per day.

    \b
    Example: newscrawler stats
    Example: newscrawler stats --site people --runs 10 --days 30 --plot people.png
    Example: newscrawler stats --format json      (one JSON document, for cron and scripts)
    Example: newscrawler stats --format csv       (one row per site)
    """
    from newscrawler.health import UnknownSiteError, collect
    from newscrawler.health_text import EMPTY_ARCHIVE, render
    from newscrawler.plot import PlotError, check_target, write_png

    if plot_path is not None:
        try:
            check_target(plot_path, force=force)
        except PlotError as exc:
            raise click.ClickException(str(exc)) from exc
    intervals = _intervals()
    now = datetime.now(UTC)

    def work(session: Any) -> Any:
        return collect(session, now=now, site=site, runs=runs, days=days, intervals=intervals)

    try:
        report = session_call(db_url, work)
    except UnknownSiteError as exc:
        raise click.ClickException(str(exc)) from exc
    if plot_path is not None and not report.sites:
        raise click.ClickException(f"nothing to plot: {EMPTY_ARCHIVE}")
    if fmt == "csv":
        emit_rows([_csv_row(site) for site in report.to_json()["sites"]], CSV_COLUMNS, fmt)
    else:
        click.echo(dumps(report.to_json()) if fmt == "json" else render(report))
    if plot_path is None:
        return
    try:
        write_png({s.name: s.per_day for s in report.sites}, plot_path,
                  title=f"articles archived per day (Asia/Shanghai), last {days} days", force=force)
    except PlotError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"chart written to {plot_path}", err=True)


def _csv_row(site: dict[str, Any]) -> dict[str, Any]:
    """One site of the JSON report as a flat CSV row: the totals over all runs and the last run."""
    last = site["last_run"] or {}
    totals = {key: value for key, value in site["totals"].items() if key not in ("yield", "repeats")}
    return {**site, **totals, "last_run_started": last.get("started_at"), "last_run_status": last.get("status"),
            "warnings": "\n".join(site["warnings"]) or None}


def _intervals() -> dict[str, float]:
    """Each scheduled site's crawl interval in seconds; unreadable profiles only skip the staleness rule.

    Sites whose profile needs a run-time base URL (the demo portal) are crawled only when named, never
    on a schedule, so their newest article's age says nothing about the crawl."""
    try:
        return {name: float(profile.interval) for name, profile in profiles().items() if not profile.needs_base_url}
    except click.ClickException as exc:
        click.echo(f"note: {exc.message}; newest-article ages are not judged", err=True)
        return {}
