"""Crawl-health queries: what ``newscrawler stats`` reads from ``crawl_run``, ``fetch``, ``article`` and ``site``.

Sites are named as the crawl names them: ``crawl_run.site`` (the profile name) and ``site.name``
(the same name, or the host of an article stored outside a profile crawl). Counters come from
``crawl_run.stats``, the crawler's stats stored when a run closes (``newscrawler/<stage>/<outcome>``,
``newscrawler/crawl/failed/<reason>``, ``response_received_count`` …): totals are summed by the
database over every run (``json_each``, on SQLite and PostgreSQL alike), so the whole history is
never loaded; only the few recent runs shown are read whole. A run that never closed (killed, or
still running) has empty stats; ``fetch`` still tells how many pages it recorded.

Days are Asia/Shanghai calendar days (UTC+8 all year: China has had no daylight saving since 1991).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Numeric, Text, case, cast, func, or_, select, true, union
from sqlalchemy.orm import Session

from pipelines.db.models import Article, CrawlRun, FetchRecord, Site, SiteDay
from pipelines.db.tallies import as_date, day_of

COUNTER_PREFIX = "newscrawler/"
"""Stats keys summed over runs: the project's own counters (per-site copies excluded) …"""
SCRAPY_COUNTERS = ("response_received_count",)
"""… and these of Scrapy's."""


@dataclass(frozen=True, slots=True)
class RunRow:
    """One crawl run: its ``crawl_run`` row and how many ``fetch`` rows (of which articles) it recorded."""

    id: int
    site: str
    spider: str
    started_at: datetime
    finished_at: datetime | None
    status: str
    stats: dict[str, Any]
    fetch_rows: int
    article_fetch_rows: int


def site_names(session: Session) -> list[str]:
    """Every site with a crawl run or an archived article, sorted."""
    runs = select(CrawlRun.site.label("name")).where(CrawlRun.site.is_not(None))
    stored = select(Site.name.label("name")).where(Site.id.in_(select(SiteDay.site_id)))
    return sorted({name for name in session.scalars(select(union(runs, stored).subquery().c.name)) if name})


def resolve_site(session: Session, name: str) -> str | None:
    """The site called ``name`` (a profile name or a host, as ``--site`` takes it), or None."""
    name = name.replace("\x00", "")
    if session.scalar(select(CrawlRun.id).where(CrawlRun.site == name).limit(1)) is not None:
        return name
    return session.scalar(select(Site.name).where(or_(Site.name == name, Site.domain == name))
                          .order_by(Site.name != name, Site.id).limit(1))


def run_counts(session: Session, sites: Iterable[str]) -> dict[str, int]:
    """Number of crawl runs per site."""
    query = select(CrawlRun.site, func.count()).where(CrawlRun.site.in_(list(sites))).group_by(CrawlRun.site)
    return {site: int(n) for site, n in session.execute(query) if site}


def counter_totals(session: Session, sites: Iterable[str]) -> dict[str, dict[str, int | float]]:
    """Per site, every numeric counter of :data:`COUNTER_PREFIX` and :data:`SCRAPY_COUNTERS` summed over
    all its runs (the database expands the stats JSON; nothing is summed in Python)."""
    names = list(sites)
    value: ColumnElement[Any]
    if session.get_bind().dialect.name == "postgresql":
        entries = func.json_each(CrawlRun.stats).table_valued("key", "value").render_derived("entry")
        numeric = func.json_typeof(entries.c.value) == "number"
        value = cast(cast(entries.c.value, Text), Numeric)
    else:
        entries = func.json_each(CrawlRun.stats).table_valued("key", "value", "type").alias("entry")
        numeric = entries.c.type.in_(("integer", "real"))
        value = entries.c.value
    wanted = or_(entries.c.key.in_(SCRAPY_COUNTERS),
                 entries.c.key.startswith(COUNTER_PREFIX, autoescape=True)
                 & ~entries.c.key.startswith(COUNTER_PREFIX + "site/", autoescape=True))
    query = (select(CrawlRun.site, entries.c.key, func.sum(value))
             .select_from(CrawlRun).join(entries, true())
             .where(CrawlRun.site.in_(names), numeric, wanted)
             .group_by(CrawlRun.site, entries.c.key))
    totals: dict[str, dict[str, int | float]] = {}
    for site, key, total in session.execute(query):
        totals.setdefault(site, {})[key] = _number(total)
    return totals


def recent_runs(session: Session, sites: Iterable[str], limit: int,
                statuses: tuple[str, ...] | None = None, status_prefixes: tuple[str, ...] = ()) -> dict[str, list[RunRow]]:
    """Per site, its ``limit`` newest runs (newest first), optionally only those whose status is one of
    ``statuses`` or starts with one of ``status_prefixes``."""
    names = list(sites)
    if not names or limit < 1:
        return {}
    rank = func.row_number().over(partition_by=CrawlRun.site,
                                  order_by=(CrawlRun.started_at.desc(), CrawlRun.id.desc())).label("rank")
    inner = select(CrawlRun.id, rank).where(CrawlRun.site.in_(names))
    if statuses is not None:
        inner = inner.where(or_(CrawlRun.status.in_(statuses),
                                *(CrawlRun.status.startswith(p, autoescape=True) for p in status_prefixes)))
    ranked = inner.subquery()
    rows = list(session.scalars(select(CrawlRun).join(ranked, ranked.c.id == CrawlRun.id)
                                .where(ranked.c.rank <= limit)
                                .order_by(CrawlRun.site, CrawlRun.started_at.desc(), CrawlRun.id.desc())))
    fetches = _fetch_counts(session, [r.id for r in rows])
    runs: dict[str, list[RunRow]] = {}
    for row in rows:
        total, articles = fetches.get(row.id, (0, 0))
        runs.setdefault(row.site or "", []).append(RunRow(
            id=row.id, site=row.site or "", spider=row.spider, started_at=row.started_at,
            finished_at=row.finished_at, status=row.status, stats=dict(row.stats or {}),
            fetch_rows=total, article_fetch_rows=articles))
    return runs


def _fetch_counts(session: Session, run_ids: list[int]) -> dict[int, tuple[int, int]]:
    if not run_ids:
        return {}
    query = (select(FetchRecord.crawl_run_id, func.count(),
                    func.coalesce(func.sum(case((FetchRecord.is_article.is_(True), 1), else_=0)), 0))
             .where(FetchRecord.crawl_run_id.in_(run_ids)).group_by(FetchRecord.crawl_run_id))
    return {int(run): (int(n), int(articles)) for run, n, articles in session.execute(query) if run is not None}


def archived_counts(session: Session, sites: Iterable[str]) -> dict[str, int]:
    """Articles in the archive per site (summed from the ``site_day`` tally, not counted)."""
    query = (select(Site.name, func.sum(SiteDay.articles)).join(SiteDay, SiteDay.site_id == Site.id)
             .where(Site.name.in_(list(sites))).group_by(Site.name))
    return {name: int(n) for name, n in session.execute(query) if n}


def newest_published(session: Session, sites: Iterable[str], not_after: datetime) -> dict[str, datetime]:
    """Per site, the latest ``publish_date`` not after ``not_after`` (later ones are misread dates): one
    step down the (site_id, publish_date) index per site."""
    newest = (select(func.max(Article.publish_date)).where(Article.site_id == Site.id,
                                                          Article.publish_date <= not_after)
              .scalar_subquery())
    query = select(Site.name, newest).where(Site.name.in_(list(sites)))
    return {name: _aware(value) for name, value in session.execute(query) if value is not None}


def archived_per_day(session: Session, sites: Iterable[str], since: datetime) -> dict[str, dict[date, int]]:
    """Per site, articles first archived (``first_seen``) on each Asia/Shanghai day, from the day of
    ``since`` on (``since`` is a Beijing midnight), read from the ``site_day`` tally."""
    query = (select(Site.name, SiteDay.day, SiteDay.articles).join(SiteDay, SiteDay.site_id == Site.id)
             .where(Site.name.in_(list(sites)), SiteDay.day >= day_of(since), SiteDay.articles > 0))
    counts: dict[str, dict[date, int]] = {}
    for name, when, n in session.execute(query):
        counts.setdefault(name, {})[as_date(when) or date.min] = int(n)
    return counts


def _aware(value: Any) -> datetime:
    """A timestamp from a scalar subquery (untyped: SQLite gives the stored text) as an aware UTC datetime."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return datetime.fromisoformat(str(value)).replace(tzinfo=UTC)


def _number(value: Any) -> int | float:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value if isinstance(value, int | float) else float(value)
