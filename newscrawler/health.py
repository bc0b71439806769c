"""Crawl health: counts per site and per run from the stored crawl stats, and the warnings about them.

Counts (:class:`Counts`, from a run's ``crawl_run.stats`` or their sum over a site's runs):

- ``pages``: responses received (Scrapy's ``response_received_count``: list pages, feeds, articles …);
- ``article_pages``: pages fetched as articles that reached the pipelines (every item the validate
  stage saw, ``newscrawler/validate/*``; an article split over pages counts once);
- ``new``, ``updated``, ``unchanged``: articles stored (``newscrawler/store/*``); ``copies``: of those,
  reprints of an archived story (exact or near); ``repeats``: the same article twice in one crawl;
- ``not_articles``: article pages the extractor judged not to be articles (list page, gallery …);
- ``failures``: every failure by name: ``robots.txt``, ``timeout``, ``HTTP error`` … (requests),
  ``extraction: no body``/``no title`` (dropped by validation), ``not an article: <reason>``,
  ``database unavailable``; ``failed`` is their total without the not-an-article ones.

Warnings (:func:`site_warnings`; each names its numbers), judged on the site's latest *finished* run
(status ``finished`` or ``closespider_…``; interrupted, failed and running runs are never judged)
against up to :data:`HISTORY` finished runs before it. A run counts only with at least
:data:`MIN_PAGES` pages of the kind measured, and a rule needs :data:`MIN_HISTORY` such earlier runs,
so a handful of pages never raises an alarm:

- yield: articles stored (new, updated or unchanged) per article page below :data:`YIELD_DROP` (50 %)
  of the median of the earlier runs. Stored, not only new, articles: a re-crawl with
  ``--recrawl-after`` fetches known articles again, which is no sign of a broken extractor;
- extraction failures: over :data:`FAILURE_NOW` (30 %) of the article pages not articles or dropped
  for a missing body/title, when the earlier runs' median was under :data:`FAILURE_BEFORE` (10 %);
- request failures: the same thresholds for failed requests per request made (responses plus
  requests that got none: timeouts, robots.txt, DNS …);
- staleness: the newest article (by publication date) was published more than
  :data:`STALE_FACTOR` × the site's crawl interval (at least :data:`STALE_MIN`) before the start of
  its latest finished run: the crawl runs but finds nothing new.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from statistics import median
from typing import Any
from zoneinfo import ZoneInfo

from pipelines import storage
from pipelines.storage import Session

SHANGHAI = ZoneInfo("Asia/Shanghai")
FINISHED = ("finished",)
FINISHED_PREFIXES = ("closespider_",)
"""Close reasons of runs that ended normally (``--max-pages`` and the like end as ``closespider_…``)."""
MIN_PAGES = 10
HISTORY = 10
MIN_HISTORY = 3
YIELD_DROP = 0.5
FAILURE_NOW = 0.30
FAILURE_BEFORE = 0.10
STALE_FACTOR = 4
STALE_MIN = timedelta(days=2)

_EXTRACTION = {"missing_body": "extraction: no body", "missing_title": "extraction: no title",
               "missing_url": "extraction: no URL", "not_an_item": "not an item"}
_NOT_ARTICLE = "not an article: "
LAYOUT = "did the site change its layout?"


class UnknownSiteError(ValueError):
    """``--site`` names no site of the archive."""


@dataclass(frozen=True, slots=True)
class Counts:
    """What one run (or all runs of a site) did; see the module docstring for each count."""

    pages: int = 0
    article_pages: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    copies: int = 0
    repeats: int = 0
    not_articles: int = 0
    failures: dict[str, int] = field(default_factory=dict)

    @classmethod
    def from_stats(cls, stats: Mapping[str, Any]) -> Counts:
        """Counts from crawl stats (``newscrawler/<stage>/<outcome>`` keys and ``response_received_count``)."""
        def get(key: str) -> int:
            value = stats.get(key, 0)
            return int(value) if isinstance(value, int | float) else 0

        failures: dict[str, int] = {}
        for key, value in stats.items():
            if not isinstance(value, int | float) or not value:
                continue
            name = _failure_name(key)
            if name:
                failures[name] = failures.get(name, 0) + int(value)
        article_pages = sum(int(v) for k, v in stats.items()
                            if k.startswith("newscrawler/validate/") and isinstance(v, int | float))
        not_articles = sum(n for k, n in failures.items() if k.startswith(_NOT_ARTICLE))
        return cls(pages=get("response_received_count"), article_pages=article_pages,
                   new=get("newscrawler/store/new"), updated=get("newscrawler/store/updated"),
                   unchanged=get("newscrawler/store/unchanged"),
                   copies=get("newscrawler/store/exact_copy") + get("newscrawler/store/near_copy"),
                   repeats=get("newscrawler/dedupe/repeat_in_crawl"), not_articles=not_articles,
                   failures=dict(sorted(failures.items(), key=lambda kv: (-kv[1], kv[0]))))

    @property
    def stored(self) -> int:
        return self.new + self.updated + self.unchanged

    @property
    def failed(self) -> int:
        """Failures other than pages that were not articles."""
        return sum(n for k, n in self.failures.items() if not k.startswith(_NOT_ARTICLE))

    @property
    def extraction_failures(self) -> int:
        """Article pages that gave no article: not articles, or no body/title."""
        return self.not_articles + self.failures.get(_EXTRACTION["missing_body"], 0) + \
            self.failures.get(_EXTRACTION["missing_title"], 0)

    @property
    def request_failures(self) -> int:
        return sum(n for k, n in self.failures.items() if not k.startswith(_NOT_ARTICLE)
                   and k not in _EXTRACTION.values() and not k.startswith("database"))

    @property
    def requests(self) -> int:
        """Requests made: responses plus failed requests that got none (an HTTP error is a response)."""
        return self.pages + sum(n for k, n in self.failures.items() if not k.startswith(_NOT_ARTICLE)
                                and k not in _EXTRACTION.values() and not k.startswith(("HTTP", "database")))

    @property
    def yield_(self) -> float | None:
        """Articles stored per article page (None without article pages)."""
        return self.stored / self.article_pages if self.article_pages else None

    def to_json(self) -> dict[str, Any]:
        return {"pages": self.pages, "article_pages": self.article_pages, "new": self.new,
                "updated": self.updated, "unchanged": self.unchanged, "copies": self.copies,
                "repeats": self.repeats, "not_articles": self.not_articles, "failed": self.failed,
                "failures": self.failures,
                "yield": None if self.yield_ is None else round(self.yield_, 4)}


def _failure_name(key: str) -> str | None:
    """The failure a stats key counts, by name, or None when it counts no failure."""
    for prefix in ("newscrawler/crawl/failed/", "newscrawler/fetch/failed/"):
        if key.startswith(prefix):
            return key.removeprefix(prefix)
    if key.startswith("newscrawler/store/not_article/"):
        return _NOT_ARTICLE + key.removeprefix("newscrawler/store/not_article/")
    if key.startswith("newscrawler/validate/"):
        return _EXTRACTION.get(key.removeprefix("newscrawler/validate/"))
    if key == "newscrawler/store/spooled":
        return "database unavailable (spooled)"
    return None


@dataclass(frozen=True, slots=True)
class RunHealth:
    """One run: when, how it ended, its counts (None when it never closed: killed or still running)."""

    id: int
    started_at: datetime
    finished_at: datetime | None
    status: str
    counts: Counts | None
    fetch_rows: int
    """Pages the run recorded in ``fetch`` (article pages, with their continuation pages)."""

    @classmethod
    def from_row(cls, row: storage.RunRow) -> RunHealth:
        return cls(id=row.id, started_at=row.started_at, finished_at=row.finished_at, status=row.status,
                   counts=Counts.from_stats(row.stats) if row.stats else None, fetch_rows=row.fetch_rows)

    @property
    def duration(self) -> timedelta | None:
        return self.finished_at - self.started_at if self.finished_at else None

    def to_json(self) -> dict[str, Any]:
        duration = self.duration
        return {"id": self.id, "started_at": local_iso(self.started_at),
                "finished_at": local_iso(self.finished_at) if self.finished_at else None,
                "duration_seconds": round(duration.total_seconds(), 3) if duration is not None else None,
                "status": self.status, "counts": self.counts.to_json() if self.counts else None,
                "fetch_rows": self.fetch_rows}


@dataclass(frozen=True, slots=True)
class SiteHealth:
    """One site: all its runs summed, its newest runs, its archive, articles per day, warnings."""

    name: str
    runs: int
    totals: Counts
    last_run: RunHealth | None
    recent: list[RunHealth]
    archived: int
    newest: datetime | None
    per_day: list[tuple[date, int]]
    warnings: list[str]
    events: dict[str, int] = field(default_factory=dict)
    """Watch events (``newscrawler watch``) observed in the window, by kind: edited, removed …"""
    events_per_day: list[tuple[date, str, int]] = field(default_factory=list)
    """``(day, kind, events)`` in the window, Beijing days, oldest first."""

    def to_json(self, now: datetime) -> dict[str, Any]:
        return {"site": self.name, "runs": self.runs,
                "last_run": self.last_run.to_json() if self.last_run else None,
                "totals": self.totals.to_json(), "archived": self.archived,
                "newest_article": local_iso(self.newest) if self.newest else None,
                "newest_article_age_days": round((now - self.newest).total_seconds() / 86400, 2)
                if self.newest else None,
                "archived_per_day": [{"date": d.isoformat(), "articles": n} for d, n in self.per_day],
                "recent_runs": [r.to_json() for r in self.recent], "warnings": self.warnings,
                "watch_events": dict(self.events),
                "watch_events_per_day": [{"date": d.isoformat(), "kind": k, "events": n}
                                         for d, k, n in self.events_per_day]}


@dataclass(frozen=True, slots=True)
class HealthReport:
    """Every site's health at ``generated_at``; ``days`` of articles per day, ``runs`` runs per site."""

    generated_at: datetime
    days: int
    runs: int
    sites: list[SiteHealth]

    @property
    def warnings(self) -> list[str]:
        return [w for s in self.sites for w in s.warnings]

    def to_json(self) -> dict[str, Any]:
        """The report as one JSON-ready document (times ISO 8601 in Asia/Shanghai, with the offset)."""
        return {"generated_at": local_iso(self.generated_at), "timezone": "Asia/Shanghai", "days": self.days,
                "runs_per_site": self.runs, "sites": [s.to_json(self.generated_at) for s in self.sites],
                "warnings": self.warnings}


def collect(session: Session, *, now: datetime, site: str | None = None, runs: int = 5, days: int = 14,
            intervals: Mapping[str, float] | None = None) -> HealthReport:
    """The health of every site of the archive (or of ``site``, a name or host) at ``now``.

    ``intervals`` are the sites' crawl intervals in seconds (from their profiles) for the staleness
    rule; sites without one are not judged stale. Raises :class:`UnknownSiteError`.
    """
    if site is not None:
        found = storage.resolve_site(session, site)
        if found is None:
            known = ", ".join(storage.site_names(session)) or "none"
            raise UnknownSiteError(f"unknown site {site!r}; sites in the archive: {known}")
        names = [found]
    else:
        names = storage.site_names(session)
    first_day = now.astimezone(SHANGHAI).date() - timedelta(days=days - 1)
    since = datetime.combine(first_day, datetime.min.time(), SHANGHAI)
    counts = storage.run_counts(session, names)
    totals = storage.counter_totals(session, names)
    recent = storage.recent_runs(session, names, runs)
    judged = storage.recent_runs(session, names, HISTORY + 1, FINISHED, FINISHED_PREFIXES)
    archived = storage.archived_counts(session, names)
    newest = storage.newest_published(session, names, now)
    per_day = storage.archived_per_day(session, names, since)
    events = _watch_events(session, since)
    sites = []
    for name in names:
        shown = [RunHealth.from_row(r) for r in recent.get(name, [])]
        finished = [RunHealth.from_row(r) for r in judged.get(name, [])]
        days_of = per_day.get(name, {})
        sites.append(SiteHealth(
            name=name, runs=counts.get(name, 0), totals=Counts.from_stats(totals.get(name, {})),
            last_run=shown[0] if shown else None, recent=shown, archived=archived.get(name, 0),
            newest=newest.get(name),
            per_day=[(d, days_of.get(d, 0)) for d in (first_day + timedelta(days=i) for i in range(days))],
            warnings=site_warnings(name, finished, newest.get(name), (intervals or {}).get(name), now),
            events=_sum_kinds(events.get(name, [])), events_per_day=events.get(name, [])))
    return HealthReport(generated_at=now, days=days, runs=runs, sites=sites)


def _watch_events(session: Session, since: datetime) -> dict[str, list[tuple[date, str, int]]]:
    """Watch events since ``since`` per site: ``(Beijing day, kind, events)``, oldest first."""
    found: dict[str, dict[tuple[date, str], int]] = {}
    for site, observed, kind in storage.event_times(session, since):
        key = (observed.astimezone(SHANGHAI).date(), kind)
        per_site = found.setdefault(site or "", {})
        per_site[key] = per_site.get(key, 0) + 1
    return {site: [(d, k, n) for (d, k), n in sorted(days.items())] for site, days in found.items()}


def _sum_kinds(days: Sequence[tuple[date, str, int]]) -> dict[str, int]:
    total: dict[str, int] = {}
    for _, kind, n in days:
        total[kind] = total.get(kind, 0) + n
    return dict(sorted(total.items()))


def site_warnings(site: str, finished: Sequence[RunHealth], newest: datetime | None, interval: float | None,
                  now: datetime) -> list[str]:
    """The warnings of one site from its finished runs (newest first); see the module docstring."""
    with_counts = [r.counts for r in finished if r.counts is not None]
    warnings = []
    if with_counts:
        latest, earlier = with_counts[0], with_counts[1:HISTORY + 1]
        for rule in (yield_warning, request_warning):
            message = rule(site, latest, earlier)
            if message:
                warnings.append(message)
    stale = stale_warning(site, newest, finished[0].started_at if finished else None, interval, now)
    if stale:
        warnings.append(stale)
    return warnings


def yield_warning(site: str, latest: Counts, earlier: Sequence[Counts]) -> str | None:
    """The yield rule, else the extraction-failure rule, on the latest finished run (None: no warning)."""
    before = _comparable(latest, earlier, lambda c: c.article_pages)
    if before is None:
        return None
    now_yield = latest.stored / latest.article_pages
    usual_yield = median(c.stored / c.article_pages for c in before)
    why = _main_reason(latest, extraction=True)
    if now_yield < YIELD_DROP * usual_yield:
        return (f"{site}: {_per100(now_yield)} articles per 100 article pages vs median {_per100(usual_yield)} "
                f"in the previous {len(before)} runs{why} — {LAYOUT}")
    now_share = latest.extraction_failures / latest.article_pages
    usual_share = median(c.extraction_failures / c.article_pages for c in before)
    if _failures_jumped(now_share, usual_share):
        return (f"{site}: no article from {latest.extraction_failures} of {latest.article_pages} article pages "
                f"({_per100(now_share)}%) vs median {_per100(usual_share)}% in the previous {len(before)} runs"
                f"{why} — {LAYOUT}")
    return None


def _comparable(latest: Counts, earlier: Sequence[Counts], size: Callable[[Counts], int]) -> list[Counts] | None:
    """The earlier runs a rule compares ``latest`` with (the newest ``HISTORY`` of at least ``MIN_PAGES``);
    None when ``latest`` is too small or fewer than ``MIN_HISTORY`` runs are comparable."""
    if size(latest) < MIN_PAGES:
        return None
    before = [c for c in earlier if size(c) >= MIN_PAGES][:HISTORY]
    return before if len(before) >= MIN_HISTORY else None


def _failures_jumped(now_share: float, usual_share: float) -> bool:
    """A failure share high now that was low before."""
    return now_share > FAILURE_NOW and usual_share < FAILURE_BEFORE


def request_warning(site: str, latest: Counts, earlier: Sequence[Counts]) -> str | None:
    """The request-failure rule on the latest finished run (None: no warning)."""
    before = _comparable(latest, earlier, lambda c: c.requests)
    if before is None:
        return None
    now_share = latest.request_failures / latest.requests
    usual_share = median(c.request_failures / c.requests for c in before)
    if _failures_jumped(now_share, usual_share):
        return (f"{site}: {latest.request_failures} of {latest.requests} requests failed ({_per100(now_share)}%) "
                f"vs median {_per100(usual_share)}% in the previous {len(before)} runs"
                f"{_main_reason(latest, extraction=False)} — is the site down or refusing the crawler?")
    return None


def stale_warning(site: str, newest: datetime | None, last_start: datetime | None, interval: float | None,
                  now: datetime) -> str | None:
    """The staleness rule: newest article older than the crawl interval suggests (None: no warning)."""
    if newest is None or last_start is None or not interval:
        return None
    limit = max(STALE_FACTOR * timedelta(seconds=interval), STALE_MIN)
    if last_start - newest <= limit:
        return None
    return (f"{site}: newest article published {local_minute(newest)} ({age(now - newest)} ago) although the "
            f"site is crawled every {age(timedelta(seconds=interval))} and last ran {local_minute(last_start)}"
            " — are its new articles still found?")


def _main_reason(counts: Counts, *, extraction: bool) -> str:
    extraction_names = set(_EXTRACTION.values())
    reasons = [(k, n) for k, n in counts.failures.items()
               if (k.startswith(_NOT_ARTICLE) or k in extraction_names) == extraction]
    if not reasons:
        return ""
    name, n = max(reasons, key=lambda kv: kv[1])
    return f" (mostly {name}: {n})"


def _per100(share: float) -> str:
    value = share * 100
    return f"{value:.0f}" if value >= 1 or value == 0 else f"{value:.1f}"


def local_iso(moment: datetime) -> str:
    """ISO 8601 in Asia/Shanghai with its offset, to the second."""
    return moment.astimezone(SHANGHAI).isoformat(timespec="seconds")


def local_minute(moment: datetime) -> str:
    return moment.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")


def age(span: timedelta) -> str:
    """A duration in its largest sensible unit: ``45 s``, ``12 min``, ``5 h``, ``958 d``."""
    seconds = span.total_seconds()
    if seconds < 0:
        return "in the future"
    for unit, size in (("d", 86400), ("h", 3600), ("min", 60)):
        if seconds >= size:
            value = seconds / size
            return f"{value:.0f} {unit}" if value >= 10 or value.is_integer() else f"{value:.1f} {unit}"
    return f"{seconds:.1f} s" if seconds < 10 else f"{seconds:.0f} s"
