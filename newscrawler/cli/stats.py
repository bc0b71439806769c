"""``newscrawler stats``: crawl health per site and per run, warnings, articles per day (text, JSON, PNG)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from newscrawler.cli.common import db_option, dumps, profiles, session_call


@click.command("stats")
@db_option
@click.option("--site", help="Only this site (profile name or host).")
@click.option("--runs", type=click.IntRange(min=1), default=5, show_default=True,
              help="How many of each site's newest runs to list.")
@click.option("--days", type=click.IntRange(min=1, max=3660), default=14, show_default=True,
              help="How many days (Asia/Shanghai, ending today) the articles-per-day chart covers.")
@click.option("--plot", "plot_path", type=click.Path(path_type=Path), metavar="FILE.png",
              help="Also draw articles per day per site into this PNG.")
@click.option("--force", is_flag=True, help="Let --plot overwrite an existing file.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="table: text for people; json: one UTF-8 JSON document for scripts.")
def stats_command(db_url: str, site: str | None, runs: int, days: int, plot_path: Path | None, force: bool,
                  fmt: str) -> None:
    """Crawl health: per site and per run, pages, articles, failures by reason, warnings when a site's
    yield drops or its newest article grows old, and articles archived per day.

    Example: newscrawler stats
    Example: newscrawler stats --site people --runs 10 --days 30 --plot people.png
    Example: newscrawler stats --format json      (for cron and scripts)
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
    click.echo(dumps(report.to_json()) if fmt == "json" else render(report))
    if plot_path is None:
        return
    try:
        write_png({s.name: s.per_day for s in report.sites}, plot_path,
                  title=f"articles archived per day (Asia/Shanghai), last {days} days", force=force)
    except PlotError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"chart written to {plot_path}", err=True)


def _intervals() -> dict[str, float]:
    """Each configured site's crawl interval in seconds; unreadable profiles only skip the staleness rule."""
    try:
        return {name: float(profile.interval) for name, profile in profiles().items()}
    except click.ClickException as exc:
        click.echo(f"note: {exc.message}; newest-article ages are not judged", err=True)
        return {}
