"""The watch's item pipeline: judge each re-visit against the archive and record it exactly once.

``RecordVisit`` replaces the crawl's pipelines for the ``watch`` spider (its ``ITEM_PIPELINES``). For
each :class:`WatchVisit` it archives every answer in the WARC files (the evidence: the redirect, the
404, the deletion page, the edited article), decides the verdict of an article page against the archived
content (:func:`content_verdict`), and commits in one transaction the ``fetch`` rows, the observation,
its event, the new schedule state and, for an edit, the new article version (``repository.save_article``
keeps the previous content in ``article_version``). The WARC records are fsynced before the commit, so
an observation never names a record a power cut could lose. A visit recorded already (by another watch
run, or a crash between its commit and the spider's knowledge of it) is dropped without writing.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler

from newscrawler.items import Article, ArticleItem, Fetch
from newscrawler.sites import SiteProfile
from newscrawler.spiders.workers import continuations
from newscrawler.spiders.workers import extract_joined as join_pages
from newscrawler.watch.diff import Content, changed, content_diff
from newscrawler.watch.schedule import WatchSchedule
from newscrawler.watch.verdicts import PRESENT, TAKEDOWNS, Judgement
from pipelines import storage as repository
from pipelines import storage as watch_db
from pipelines.storage import (
    DEFAULT_WARC_DIR,
    SQLITE_BEGIN,
    ArticleRow,
    DueVisit,
    Engine,
    Session,
    WarcWriter,
    make_engine,
    read_following,
    read_record,
    session_factory,
    sessionmaker,
)

log = logging.getLogger(__name__)


@dataclass(slots=True)
class WatchVisit:
    """One re-visit as the spider saw it: the answers in order (redirects first, the page last), the
    extracted page (for a 200 answer), the later pages of a split article, the verdict the spider could
    decide alone (None: the page is an article, judged against the archive here) and when it was made."""

    due: DueVisit
    observed_at: datetime
    answers: list[Fetch] = field(default_factory=list)
    article: Article | None = None
    pages: list[Fetch] = field(default_factory=list)
    judgement: Judgement | None = None


class _Recorded(Exception):
    """The visit was recorded already: roll its transaction back."""


def content_verdict(due: DueVisit, article: Article, warc_root: str | Path | None,
                    profile: SiteProfile | None = None) -> Judgement:
    """``alive``, ``edited`` (with its diff) or ``reextracted`` for an article page.

    Only the text, the title and the publication time count (never the page chrome, which the extractor
    leaves out). When the archived content came from another extractor version, the archived raw page
    is read again with the current extractor first: if that reading equals the new page, the difference
    is the extractor's (``reextracted``), and an edit's diff is taken between the two readings."""
    stored = Content(due.title, due.body, due.publish_date)
    new = Content(article.title, article.body, article.publish_date)
    if not changed(stored, new):
        return Judgement("alive", {"status": 200})
    if due.extractor_version != article.extractor_version and due.warc and warc_root is not None:
        again = _read_again(due, warc_root, profile)
        if again is not None:
            reread = Content(again.title, again.body, again.publish_date)
            if not changed(reread, new):
                return Judgement("reextracted", {"status": 200, "extractor_version": [due.extractor_version,
                                                                                      article.extractor_version]})
            return Judgement("edited", {"status": 200, "diff": content_diff(reread, new),
                                        "compared": "archived page read again by the current extractor"})
    evidence: dict[str, Any] = {"status": 200, "diff": content_diff(stored, new)}
    if due.extractor_version != article.extractor_version:  # no raw page to read again: say so
        evidence["extractor_version"] = [due.extractor_version, article.extractor_version]
        evidence["compared"] = "archived text from an older extractor (its raw page could not be read again)"
    return Judgement("edited", evidence)


def _read_again(due: DueVisit, warc_root: str | Path, profile: SiteProfile | None) -> Article | None:
    try:
        first = read_record(warc_root, due.warc or "")
        following = continuations(first)
        pages = read_following(warc_root, due.warc or "", following)
    except (OSError, ValueError, KeyError):
        return None
    if len(pages) != len(following):
        return None
    article = join_pages(first, pages, profile.encoding if profile else None, profile.selectors if profile else None)
    return article if article.is_article else None


def _state(verdict: str | None) -> str:
    """The state a verdict leaves the article in: present, a takedown kind, or None (unknown: unchanged)."""
    if verdict is None or verdict in PRESENT:
        return "alive"
    return verdict


class RecordVisit:
    """Scrapy item pipeline of the ``watch`` spider (see the module docstring)."""

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.url = settings.get("NEWSCRAWLER_DATABASE_URL")
        self.warc_root = settings.get("NEWSCRAWLER_WARC_DIR", DEFAULT_WARC_DIR)
        self.archive_raw = settings.getbool("NEWSCRAWLER_ARCHIVE_RAW", True)
        self.schedule = WatchSchedule.parse(settings.get("NEWSCRAWLER_WATCH_INTERVALS"))
        self.engine: Engine | None = None
        self.sessions: sessionmaker[Session] | None = None
        self.writer: WarcWriter | None = None
        self.run_id: int | None = None
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RecordVisit:
        return cls(crawler)

    def open_spider(self) -> None:
        self.engine = make_engine(self.url).execution_options(**{SQLITE_BEGIN: "BEGIN IMMEDIATE"})
        self.sessions = session_factory(self.engine)
        profiles = getattr(self.crawler.spider, "profiles", None) or {}
        self.schedule = self.schedule.with_profiles(profiles.values())  # a site's own [watch] intervals
        if self.archive_raw:
            self.writer = WarcWriter(self.warc_root, sync_each=False)
        with self.sessions.begin() as session:
            self.run_id = repository.start_run(session, "watch", {"intervals": self.crawler.settings.get(
                "NEWSCRAWLER_WATCH_INTERVALS")}, datetime.now(UTC))

    def spider_closed(self, spider: object, reason: str) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None
        if self.sessions is not None and self.run_id is not None:
            stats = dict(self.crawler.stats.get_stats()) if self.crawler.stats else {}
            clean = {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in stats.items()
                     if isinstance(v, int | float | str | datetime)}
            clean["finish_reason"] = reason
            with self.sessions.begin() as session:
                repository.finish_run(session, self.run_id, reason, clean, datetime.now(UTC))
            self.run_id = None
        if self.engine is not None:
            self.engine.dispose()
            self.engine = None

    def _count(self, key: str) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(f"newscrawler/watch/{key}")

    def process_item(self, visit: WatchVisit) -> WatchVisit:
        assert self.sessions is not None
        locations = self._archive(visit)
        profile = getattr(self.crawler.spider, "profiles", {}).get(visit.due.site)
        judgement = visit.judgement
        if judgement is None:
            assert visit.article is not None
            judgement = content_verdict(visit.due, visit.article, self.warc_root if self.archive_raw else None,
                                        profile)
        try:
            with self.sessions.begin() as session:
                event = self._write(session, visit, judgement, locations)
        except _Recorded:
            self._count("already_recorded")
            return visit
        self._count(f"verdict/{judgement.verdict}")
        if event:
            self._count(f"event/{event}")
            log.info("%s: %s (%s)", event, visit.due.canonical_url, judgement.evidence.get("target")
                     or judgement.evidence.get("phrase") or judgement.evidence.get("status") or "")
        return visit

    def _archive(self, visit: WatchVisit) -> list[str | None]:
        """Write every answer and later page to the WARC files and make them durable; their locations."""
        if self.writer is None:
            return [None for _ in visit.answers]
        locations: list[str | None] = [str(self.writer.write(fetch)) for fetch in visit.answers]
        for page in visit.pages:
            self.writer.write(page)
        self.writer.sync()
        return locations

    def _write(self, session: Session, visit: WatchVisit, judgement: Judgement,
               locations: list[str | None]) -> str | None:
        due, now, verdict = visit.due, visit.observed_at, judgement.verdict
        evidence = dict(judgement.evidence)
        diff = evidence.pop("diff", None)
        first = visit.answers[0] if visit.answers else None
        final = visit.answers[-1] if visit.answers else None
        if final is not None and len(visit.answers) > 1:
            evidence.setdefault("final_warc", locations[-1])
        version: int | None = None
        seen_at: datetime | None = None
        if verdict in ("edited", "reextracted"):
            assert visit.article is not None and final is not None
            visit.article.canonical_url = due.canonical_url  # the article keeps its key
            item = ArticleItem(article=visit.article, fetch=replace(final, fetched_at=now), site=due.site,
                               more_pages=visit.pages, warc=locations[-1])
            saved = repository.save_article(session, item, now)
            version = session.get(ArticleRow, saved.article_id).version if verdict == "edited" else None  # type: ignore[union-attr]
        elif verdict == "alive":
            seen_at = now
        prev = _state(due.last_status)
        kind: str | None = None
        if verdict == "unreachable":
            failures = due.failures + 1
            state: dict[str, Any] = {"failures": failures, "last_visit": now,
                                     "next_visit": self.schedule.after_failure(due.site, due.step, failures, now)}
        else:
            state = {"failures": 0, "last_visit": now}
            if verdict != "not_article":  # says nothing of the article's state: the next verdict compares with the last
                state["last_status"] = verdict
            if verdict == "edited":
                anchor, step, next_visit = self.schedule.after_edit(due.site, now)
                state.update(anchor=anchor, step=step, next_visit=next_visit)
            else:
                step, next_after = self.schedule.after_visit(due.site, due.anchor, now)
                state.update(step=step, next_visit=next_after)
            now_state = _state(verdict) if verdict != "not_article" else prev
            if verdict in TAKEDOWNS and prev != verdict:
                kind = verdict
            elif verdict == "edited":
                kind = "restored" if prev in TAKEDOWNS else "edited"
            elif now_state == "alive" and prev in TAKEDOWNS:
                kind = "restored"
        event = None
        if kind is not None:
            event = {"kind": kind, "observed_at": now, "last_alive": watch_db.last_alive(session, due.article_id),
                     "version": version, "diff": diff, "evidence": evidence}
        observation = {"observed_at": now, "status": first.status if first else None,
                       "final_url": final.final_url if final else None, "verdict": verdict, "evidence": evidence,
                       "warc": locations[0] if locations else None,
                       "content_hash": hashlib.sha256(first.body).hexdigest() if first else None,
                       "crawl_run_id": self.run_id}
        if watch_db.record_visit(session, article_id=due.article_id, planned_visits=due.visits,
                                 observation=observation, state=state, event=event, seen_at=seen_at) is None:
            raise _Recorded
        fetch_rows = [repository.fetch_row(fetch, encoding=visit.article.encoding if visit.article else None,
                                           warc=location, is_article=verdict in PRESENT, article_id=due.article_id,
                                           crawl_run_id=self.run_id, body_hash=hashlib.sha256(fetch.body).hexdigest())
                      for fetch, location in zip(visit.answers, locations, strict=True)]
        repository.record_fetches(session, fetch_rows)
        return kind
