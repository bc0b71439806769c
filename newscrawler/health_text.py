"""The crawl-health report as terminal text: a site table, a table of recent runs per site, a
sparkline of articles archived per day, and the warnings (one ``WARNING`` line each).

Times are Asia/Shanghai. The sparkline has one character per day, oldest first: ``·`` for a day
without articles, else one of ``▁▂▃▄▅▆▇█`` scaled to the site's busiest day in the window
(``ceil(8 × n / max)``, so any day with an article shows at least ``▁`` and the busiest ``█``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime

from newscrawler.health import Counts, HealthReport, SiteHealth, age, local_minute

BLOCKS = "▁▂▃▄▅▆▇█"
EMPTY_DAY = "·"
COUNT_HEADERS = ("pages", "art.pages", "new", "updated", "unchanged", "copies", "non-art", "failed")
EMPTY_ARCHIVE = "the archive holds no crawl runs and no articles yet: crawl into it (newscrawler crawl, newscrawler demo)"


def sparkline(values: Sequence[int]) -> str:
    """One character per value: ``·`` for 0, else a block scaled to the largest value."""
    top = max(values, default=0)
    return "".join(EMPTY_DAY if v <= 0 else BLOCKS[min(len(BLOCKS), math.ceil(len(BLOCKS) * v / top)) - 1]
                   for v in values)


def render(report: HealthReport) -> str:
    """The whole report as text (no trailing newline)."""
    if not report.sites:
        return EMPTY_ARCHIVE
    parts = [f"crawl health at {local_minute(report.generated_at)} (Asia/Shanghai); totals over all runs",
             site_table(report.sites, report.generated_at)]
    for site in report.sites:
        if site.recent:
            parts.append(run_table(site))
    parts.append(day_chart(report))
    if report.warnings:
        parts.append("\n".join(f"WARNING {w}" for w in report.warnings))
    return "\n\n".join(parts)


def _counts(counts: Counts | None) -> list[str]:
    if counts is None:
        return ["-"] * len(COUNT_HEADERS)
    return [str(v) for v in (counts.pages, counts.article_pages, counts.new, counts.updated, counts.unchanged,
                             counts.copies, counts.not_articles, counts.failed)]


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], left: set[int]) -> list[str]:
    """Fixed-width rows: the columns in ``left`` left-aligned, the others right-aligned."""
    widths = [max(len(r[i]) for r in [headers, *rows]) for i in range(len(headers))]
    return ["  ".join(cell.ljust(w) if i in left else cell.rjust(w)
                      for i, (cell, w) in enumerate(zip(row, widths, strict=True))).rstrip()
            for row in [headers, *rows]]


def site_table(sites: Sequence[SiteHealth], now: datetime) -> str:
    """One row per site (all runs summed), each followed by its newest article and failures by reason."""
    headers = ("site", "runs", "last run", "status", *COUNT_HEADERS, "archived")
    rows = []
    for s in sites:
        last = s.last_run
        rows.append([s.name, str(s.runs), local_minute(last.started_at) if last else "-", last.status if last else "-",
                     *_counts(s.totals if s.runs else None), str(s.archived)])
    lines = _table(headers, rows, {0, 2, 3})
    out = [lines[0]]
    for s, line in zip(sites, lines[1:], strict=True):
        out.append(line)
        detail = (f"newest article {local_minute(s.newest)} ({age(now - s.newest)} ago)" if s.newest
                  else "no article with a publication date")
        if s.totals.failures:
            detail += "; failures: " + ", ".join(f"{k} {n}" for k, n in s.totals.failures.items())
        if s.events:
            detail += "; watch events: " + ", ".join(f"{k} {n}" for k, n in s.events.items())
        out.append("  " + detail)
    return "\n".join(out)


def run_table(site: SiteHealth) -> str:
    """The site's newest runs, newest first, with each run's yield (articles stored per article page)."""
    headers = ("run", "started", "duration", "status", *COUNT_HEADERS, "yield")
    rows = []
    notes = []
    for run in site.recent:
        duration = age(run.duration) if run.duration is not None else "-"
        share = run.counts.yield_ if run.counts else None
        rows.append([str(run.id), local_minute(run.started_at), duration, run.status, *_counts(run.counts),
                     f"{share:.0%}" if share is not None else "-"])
        if run.counts is None:
            notes.append(f"  run {run.id}: no counts stored (killed, or still running); "
                         f"{run.fetch_rows} page(s) recorded in fetch")
    title = f"{site.name}: last {len(site.recent)} of {site.runs} run(s), newest first"
    return "\n".join([title, *_table(headers, rows, {1, 3}), *notes])


def day_chart(report: HealthReport) -> str:
    """Per site, a sparkline of articles first archived on each of the report's days."""
    first, last = report.sites[0].per_day[0][0], report.sites[0].per_day[-1][0]
    width = max(len(s.name) for s in report.sites)
    lines = [f"articles archived per day, {first} … {last} ({EMPTY_DAY} none; █ the site's busiest day)"]
    for s in report.sites:
        values = [n for _, n in s.per_day]
        total = sum(values)
        summary = f"{total} in {len(values)} days"
        if total:
            busiest_day, busiest = max(s.per_day, key=lambda dn: (dn[1], dn[0]))
            summary += f", most {busiest} on {busiest_day:%m-%d}"
        lines.append(f"{s.name.ljust(width)}  {sparkline(values)}  {summary}")
    return "\n".join(lines)
