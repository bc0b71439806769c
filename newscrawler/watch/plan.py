"""Which articles a watch run visits: enrol archived articles into the schedule, then pick the due ones.

The composition root between the spider and the storage layer (``pipelines.db.watch``). A subset is
chosen with the same filters as the reading commands (site, publication dates, source, channel), a
keyword search (``newscrawler search`` syntax) or explicit article ids; enrolment never exceeds
``max_per_site`` watched articles per site, a run never more than ``max_visits`` visits.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from newscrawler.watch.schedule import WatchSchedule
from pipelines import storage as watch_db
from pipelines.storage import ArticleFilter, DueVisit, make_engine, search, session_factory, upgrade

SEARCH_MOST = 10_000
"""Most articles a keyword subset takes (the newest matches)."""


@dataclass(frozen=True, slots=True)
class Subset:
    """What to watch: sites, an article filter, a keyword query, article ids (all optional, combined)."""

    sites: tuple[str, ...] = ()
    where: ArticleFilter = field(default_factory=ArticleFilter)
    query: str | None = None
    article_ids: tuple[int, ...] | None = None


@dataclass(frozen=True, slots=True)
class Plan:
    """A watch run's work: articles enrolled now, and the visits due (at most the run's cap)."""

    enrolled: int
    due: list[DueVisit]
    due_total: int


def plan_visits(db_url: str, now: datetime, schedule: WatchSchedule, subset: Subset | None = None, *,
                max_per_site: int | None = None, site_caps: Mapping[str, int] | None = None,
                max_visits: int = 1000, enrol: bool = True, migrate: bool = True) -> Plan:
    """Enrol the subset's unwatched articles, then return the due visits (most overdue first).
    ``site_caps`` are the sites' own caps (profiles' ``[watch] max_articles``) over ``max_per_site``."""
    subset = subset or Subset()
    if migrate:
        upgrade(db_url)
    engine = make_engine(db_url)
    try:
        sessions = session_factory(engine)
        ids: Sequence[int] | None = subset.article_ids
        with sessions.begin() as session:
            if subset.query:
                hits = search(session, subset.query, subset.where, limit=SEARCH_MOST, order="newest")
                found = [hit.article_id for hit in hits]
                ids = [i for i in found if ids is None or i in ids]
            enrolled = 0
            if enrol:
                sites = subset.sites or (None,)
                for site in sites:
                    where = subset.where if site is None else _with_site(subset.where, site)
                    enrolled += watch_db.enrol(session, schedule.enrol, where=where, article_ids=ids,
                                               max_per_site=max_per_site, site_caps=site_caps)
        with sessions() as session:
            due = watch_db.due_visits(session, now, limit=max_visits, sites=subset.sites or None, article_ids=ids,
                                      where=subset.where)
            total = watch_db.count_due(session, now, subset.sites or None)
        return Plan(enrolled, due, total)
    finally:
        engine.dispose()


def _with_site(where: ArticleFilter, site: str) -> ArticleFilter:
    return ArticleFilter(site=site, since=where.since, until=where.until, source=where.source, channel=where.channel)
