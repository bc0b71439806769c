"""SQL of the watch (``newscrawler watch``, ``newscrawler changes``): enrolment, due visits, recording a
visit exactly once, and reading events back.

Rows: ``watch`` (one per watched article: schedule state), ``watch_observation`` (one per re-visit),
``watch_event`` (one per change found). Scheduling decisions are the caller's (``newscrawler.watch``):
this module takes them as values or callables, so the storage layer never imports the crawler.

Exactly once: :func:`record_visit` writes the observation, its event and the new schedule state in the
caller's transaction, and only if the ``watch`` row still holds the visit count the visit was planned
with (an optimistic check): a visit recorded by another watch run meanwhile, or replayed after a crash,
changes nothing. A visit cut short by a crash before its commit is simply due again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from pipelines.db.filters import ArticleFilter
from pipelines.db.models import Article, Site, WatchEvent, WatchObservation, WatchState, table_of

PRESENT_VERDICTS = ("alive", "edited", "reextracted")
"""Verdicts that saw the article as it is (for ``last_alive``)."""


@dataclass(frozen=True, slots=True)
class DueVisit:
    """A watched article due for a re-visit, with what the visit is judged against."""

    article_id: int
    url: str
    canonical_url: str
    site: str | None
    title: str | None
    body: str
    publish_date: datetime | None
    extractor_version: str
    warc: str | None
    first_seen: datetime
    anchor: datetime
    step: int
    visits: int
    failures: int
    last_status: str | None


def enrol(session: Session, plan: Callable[[str | None, datetime], tuple[int, datetime]], *,
          where: ArticleFilter | None = None, article_ids: Sequence[int] | None = None,
          max_per_site: int | None = None, site_caps: Mapping[str, int] | None = None) -> int:
    """Start watching archived articles not watched yet (the newest archived first), at most
    ``max_per_site`` watched per site (counting those watched already, finished schedules aside; a
    site in ``site_caps`` has its own cap); ``plan(site, first_seen) -> (step, next_visit)`` places each
    in its schedule. Returns how many. An article enrolled meanwhile by a concurrent run is skipped
    (``ON CONFLICT DO NOTHING``), so several planners may enrol at once."""
    where = where or ArticleFilter()
    watched = select(WatchState.article_id)
    base: Any = (select(Article.id, Site.name, Article.first_seen).outerjoin(Site, Site.id == Article.site_id)
                         .where(Article.id.not_in(watched)))
    candidates = where.apply(base)
    if article_ids is not None:
        candidates = candidates.where(Article.id.in_(list(article_ids)))
    sites = [name for (name,) in session.execute(candidates.with_only_columns(Site.name).distinct())]
    added = 0
    for site in sites:
        query = candidates.where(Site.name == site) if site is not None else candidates.where(Site.name.is_(None))
        cap = (site_caps or {}).get(site or "", max_per_site)
        if cap is not None:
            active = session.scalar(select(func.count()).select_from(WatchState)
                                    .where(WatchState.site == site, WatchState.next_visit.is_not(None))) or 0
            room = cap - active
            if room <= 0:
                continue
            query = query.limit(room)
        rows = []
        for article_id, name, first_seen in session.execute(query.order_by(Article.first_seen.desc(),
                                                                           Article.id.desc())):
            step, next_visit = plan(name, first_seen)
            rows.append({"article_id": article_id, "site": name, "anchor": first_seen, "step": step,
                         "next_visit": next_visit, "visits": 0, "failures": 0})
        if rows:
            table = table_of(WatchState)
            statement = (pg_insert(table) if session.get_bind().dialect.name == "postgresql"
                         else sqlite_insert(table)).on_conflict_do_nothing(index_elements=["article_id"])
            added += len(session.execute(statement.returning(table.c.article_id), rows).all())
    return added


def due_visits(session: Session, now: datetime, *, limit: int, sites: Iterable[str] | None = None,
               article_ids: Sequence[int] | None = None, where: ArticleFilter | None = None) -> list[DueVisit]:
    """Watched articles whose next visit is at or before ``now`` (of ``sites``, ``article_ids``, ``where``
    when given), most overdue first, at most ``limit``."""
    query: Any = (select(Article.id, Article.url, Article.canonical_url, WatchState.site, Article.title, Article.body,
                    Article.publish_date, Article.extractor_version, Article.warc, Article.first_seen,
                    WatchState.anchor, WatchState.step, WatchState.visits, WatchState.failures,
                    WatchState.last_status)
             .join(WatchState, WatchState.article_id == Article.id)
             .where(WatchState.next_visit.is_not(None), WatchState.next_visit <= now))
    chosen = list(sites or [])
    if chosen:
        query = query.where(WatchState.site.in_(chosen))
    if article_ids is not None:
        query = query.where(Article.id.in_(list(article_ids)))
    if where is not None and where.active:
        query = where.apply(query)
    query = query.order_by(WatchState.next_visit, Article.id).limit(limit)
    return [DueVisit(article_id=r[0], url=r[1] or r[2], canonical_url=r[2], site=r[3], title=r[4], body=r[5] or "",
                     publish_date=r[6], extractor_version=r[7], warc=r[8], first_seen=r[9], anchor=r[10], step=r[11],
                     visits=r[12], failures=r[13], last_status=r[14]) for r in session.execute(query)]


def count_due(session: Session, now: datetime, sites: Iterable[str] | None = None) -> int:
    """How many watched articles are due at ``now``."""
    query = select(func.count()).select_from(WatchState).where(WatchState.next_visit.is_not(None),
                                                               WatchState.next_visit <= now)
    chosen = list(sites or [])
    if chosen:
        query = query.where(WatchState.site.in_(chosen))
    return session.scalar(query) or 0


def last_alive(session: Session, article_id: int) -> datetime | None:
    """The latest observation that saw the article present (alive, edited or re-extracted), or None."""
    return session.scalar(select(func.max(WatchObservation.observed_at))
                          .where(WatchObservation.article_id == article_id,
                                 WatchObservation.verdict.in_(PRESENT_VERDICTS)))


def record_visit(session: Session, *, article_id: int, planned_visits: int, observation: dict[str, Any],
                 state: dict[str, Any], event: dict[str, Any] | None = None,
                 seen_at: datetime | None = None) -> int | None:
    """Record one visit in the caller's transaction; return the observation id, or None (and write nothing)
    when the watch row no longer holds ``planned_visits`` (the visit was recorded already).

    ``observation``: the ``watch_observation`` columns but ids; ``state``: the new ``watch`` columns
    (``visits`` is incremented here); ``event``: the ``watch_event`` columns but ids, or None; ``seen_at``:
    moves ``article.last_seen`` forward (the page was seen as archived)."""
    moved = session.execute(update(WatchState)
                            .where(WatchState.article_id == article_id, WatchState.visits == planned_visits)
                            .values(**state, visits=planned_visits + 1))
    if moved.rowcount != 1:  # type: ignore[attr-defined]
        return None
    observation_id = session.execute(insert(WatchObservation).values(article_id=article_id, **observation)
                                     .returning(WatchObservation.id)).scalar_one()
    if event is not None:
        session.execute(insert(WatchEvent).values(article_id=article_id, observation_id=observation_id, **event))
    if seen_at is not None:
        session.execute(update(Article).where(Article.id == article_id, Article.last_seen < seen_at)
                        .values(last_seen=seen_at))
    return observation_id


@dataclass(frozen=True, slots=True)
class EventRow:
    """One event with its article, for reports."""

    id: int
    kind: str
    observed_at: datetime
    last_alive: datetime | None
    article_id: int
    url: str
    title: str | None
    site: str | None
    first_seen: datetime
    publish_date: datetime | None
    version: int | None
    diff: dict[str, Any] | None
    evidence: dict[str, Any]
    status: int | None
    final_url: str | None
    warc: str | None


def find_events(session: Session, *, site: str | None = None, since: datetime | None = None,
                until: datetime | None = None, kinds: Sequence[str] | None = None,
                limit: int | None = None) -> tuple[list[EventRow], int]:
    """Events observed in ``[since, until)`` (of ``site``, of ``kinds``), newest first, at most ``limit``;
    and how many match without the limit."""
    query = (select(WatchEvent.id, WatchEvent.kind, WatchEvent.observed_at, WatchEvent.last_alive, Article.id,
                    Article.canonical_url, Article.title, Site.name, Article.first_seen, Article.publish_date,
                    WatchEvent.version, WatchEvent.diff, WatchEvent.evidence, WatchObservation.status,
                    WatchObservation.final_url, WatchObservation.warc)
             .join(Article, Article.id == WatchEvent.article_id)
             .join(WatchObservation, WatchObservation.id == WatchEvent.observation_id)
             .outerjoin(Site, Site.id == Article.site_id))
    if site:
        query = query.where((Site.name == site) | (Site.domain == site))
    if since is not None:
        query = query.where(WatchEvent.observed_at >= since)
    if until is not None:
        query = query.where(WatchEvent.observed_at < until)
    if kinds:
        query = query.where(WatchEvent.kind.in_(list(kinds)))
    total = session.scalar(query.with_only_columns(func.count()).order_by(None)) or 0
    query = query.order_by(WatchEvent.observed_at.desc(), WatchEvent.id.desc())
    if limit is not None:
        query = query.limit(limit)
    names = [f.name for f in fields(EventRow)]
    return [EventRow(**dict(zip(names, row, strict=True))) for row in session.execute(query)], total


def event_times(session: Session, since: datetime | None = None) -> list[tuple[str | None, datetime, str]]:
    """``(site, observed at (aware UTC), kind)`` of every watch event observed at or after ``since``."""
    query = (select(Site.name, WatchEvent.observed_at, WatchEvent.kind)
             .join(Article, Article.id == WatchEvent.article_id).outerjoin(Site, Site.id == Article.site_id))
    if since is not None:
        query = query.where(WatchEvent.observed_at >= since)
    return [(name, observed if observed.tzinfo else observed.replace(tzinfo=UTC), kind)
            for name, observed, kind in session.execute(query)]


def event_counts(session: Session, since: datetime | None = None) -> list[tuple[str | None, str, str, int]]:
    """``(site, UTC day YYYY-MM-DD, kind, events)`` for every day with events (for ``stats``)."""
    query = (select(Site.name, WatchEvent.observed_at, WatchEvent.kind)
             .join(Article, Article.id == WatchEvent.article_id).outerjoin(Site, Site.id == Article.site_id))
    if since is not None:
        query = query.where(WatchEvent.observed_at >= since)
    counts: dict[tuple[str | None, str, str], int] = {}
    for name, observed, kind in session.execute(query):
        key = (name, observed.date().isoformat(), kind)
        counts[key] = counts.get(key, 0) + 1
    return [(*key, n) for key, n in sorted(counts.items(), key=lambda kv: (kv[0][0] or "", kv[0][1], kv[0][2]))]


def observations(session: Session, article_id: int) -> list[WatchObservation]:
    """Every observation of one article, oldest first (the article's status history)."""
    return list(session.scalars(select(WatchObservation).where(WatchObservation.article_id == article_id)
                                .order_by(WatchObservation.observed_at, WatchObservation.id)))
