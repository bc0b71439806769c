"""The archive's write and read operations: the only module that knows SQL semantics.

``save_article`` is an upsert keyed by canonical URL: a new URL inserts a row; an
unchanged re-crawl only moves ``last_seen``; a changed page copies its previous
content into ``article_version`` before the row is updated. Every saved article
is linked to the earliest archived copy of the same story, exact (same content
hash) or near (MinHash/LSH over character 4-grams), and nothing is ever dropped
for being a copy.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal
from urllib.parse import urlsplit

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from newscrawler.items import Article as ArticleRecord
from newscrawler.items import ArticleItem, Fetch
from pipelines.db.models import (
    Article,
    ArticleVersion,
    CrawlRun,
    Disclaimer,
    FetchRecord,
    Image,
    LshBand,
    Quote,
    Site,
    table_of,
)
from pipelines.db.search import index_article
from pipelines.identity import canonical_url, claim_refusal
from pipelines.syndication import NEAR_COPY_THRESHOLD, band_keys, content_hash, estimate_jaccard, minhash

Outcome = Literal["new", "updated", "unchanged"]
Copy = Literal["original", "exact_copy", "near_copy"]

_CONTENT_FIELDS = (
    "url", "title", "body", "blocks", "publish_date", "publish_date_raw", "source", "author", "editor",
    "original_title", "channel", "breadcrumb", "tags", "language", "encoding", "extractor_version",
)
MAX_CANDIDATES = 200
"""Most archived articles sharing a band key that a new article is compared with (the earliest ones)."""


@dataclass(frozen=True, slots=True)
class SaveResult:
    """What ``save_article`` did: ``outcome`` for the row, ``copy`` for its story link."""

    article_id: int
    outcome: Outcome
    copy: Copy
    duplicate_of: int | None


def article_values(record: ArticleRecord) -> dict[str, Any]:
    """The article row's content columns (lists copied; ``blocks`` as ``{"type", "text"}`` dicts).

    Built field by field: ``record.to_json()`` would also convert every quote record (``asdict`` of the
    whole article costs more than the row's INSERT)."""
    values = {name: getattr(record, name) for name in _CONTENT_FIELDS}
    values["blocks"] = [{"type": block.type, "text": block.text} for block in record.blocks]
    for name in ("author", "editor", "breadcrumb", "tags"):
        values[name] = list(values[name])
    return values


def site_id(session: Session, name: str | None, domain: str | None) -> int | None:
    """The id of site ``name`` (inserted if new), looked up once per transaction (kept in ``session.info``)."""
    if not name:
        return None
    transaction = session.get_transaction()
    cached = session.info.get("newscrawler_site_ids")
    if cached is None or cached[0] is not transaction:  # a new transaction: a rolled-back insert is gone
        cached = session.info["newscrawler_site_ids"] = (transaction, {})
    known: dict[str, int] = cached[1]
    found = known.get(name)
    if found is not None:
        return found
    found = session.scalar(select(Site.id).where(Site.name == name))
    if found is None:
        dialect = session.get_bind().dialect.name
        upsert = pg_insert if dialect == "postgresql" else sqlite_insert
        session.execute(upsert(Site).values(name=name, domain=domain).on_conflict_do_nothing(index_elements=["name"]))
        found = session.scalar(select(Site.id).where(Site.name == name))
    assert found is not None
    known[name] = found
    return found


def article_key(item: ArticleItem) -> str:
    """The URL ``item``'s article is archived under: its canonical URL, unless that is on another site than
    the page was fetched from (then the fetched URL), so no path into the archive lets a page replace
    another site's article (the normalise stage applies the full rule, ``pipelines.identity``)."""
    record = item.article
    fetched = record.url or (item.fetch.final_url if item.fetch is not None else None)
    canonical = record.canonical_url or fetched
    if not canonical:
        raise ValueError("an article without URL cannot be archived")
    if fetched and claim_refusal(fetched, canonical, item.site_domains) == "other site":
        return canonical_url(fetched)
    return canonical


def save_article(session: Session, item: ArticleItem, now: datetime) -> SaveResult:
    """Insert or update the article of ``item`` (keyed by ``article_key``) and link its copies.

    The caller owns the transaction (the store stage commits in batches).
    """
    record = item.article
    canonical = article_key(item)
    digest = item.content_hash or content_hash(record.body)
    signature = item.signature or minhash(record.body)
    host = urlsplit(canonical).hostname
    site = site_id(session, item.site or host, host)
    seen_at = item.fetch.fetched_at if item.fetch else now

    row = session.scalar(select(Article).where(Article.canonical_url == canonical))
    if row is not None and _false_claim(row, item, canonical, digest, signature):
        item.canonical_claim = item.canonical_claim or canonical
        canonical = canonical_url(record.url or canonical)
        row = session.scalar(select(Article).where(Article.canonical_url == canonical))
    if row is None:
        row, inserted = _insert(session, Article(canonical_url=canonical, site_id=site, content_hash=digest,
                                                 signature=signature, first_seen=seen_at, last_seen=seen_at,
                                                 warc=item.warc, version=1, **article_values(record)), record)
        if inserted:
            index_article(session, row.id, row.title, row.body)
            return SaveResult(row.id, "new", _link_copies(session, row, signature), row.duplicate_of_id)
    if row.content_hash == digest and not _meta_changed(row, record):
        row.last_seen = max(row.last_seen, seen_at)
        row.extractor_version = record.extractor_version  # same output from a newer extractor: no new version
        row.warc = item.warc or row.warc
        return SaveResult(row.id, "unchanged", _copy_kind(row), row.duplicate_of_id)
    _keep_version(session, row, seen_at)
    for name, value in article_values(record).items():
        setattr(row, name, value)
    row.content_hash, row.signature, row.site_id = digest, signature, site or row.site_id
    row.version += 1
    row.last_seen = max(row.last_seen, seen_at)
    row.warc = item.warc or row.warc
    row.disclaimers.clear()
    row.images.clear()
    row.quotes.clear()
    session.flush()
    _children(row, record)
    index_article(session, row.id, row.title, row.body)
    return SaveResult(row.id, "updated", _link_copies(session, row, signature), row.duplicate_of_id)


def _false_claim(row: Article, item: ArticleItem, canonical: str, digest: str, signature: list[int]) -> bool:
    """True when the page of ``item``, fetched elsewhere, claims the archived article ``row`` as its canonical
    URL but shares not even a near copy's text with it (a template naming one URL on every page, across
    crawls): it is then archived under the URL it was fetched from instead of replacing that article. A
    page fetched at the row's own URL, or one whose text is a near copy of it, updates the row as always."""
    fetched = item.article.url
    if not fetched or not row.url or not row.body or not item.article.body or row.content_hash == digest:
        return False
    own = canonical_url(fetched)
    if own == canonical or own == canonical_url(row.url):
        return False
    return estimate_jaccard(signature, list(row.signature or [])) < NEAR_COPY_THRESHOLD


def _insert(session: Session, fresh: Article, record: ArticleRecord) -> tuple[Article, bool]:
    """Insert a new article row: ``(row, True)``; if another worker inserted the same URL first,
    ``(their row, False)`` so the caller updates it instead."""
    _children(fresh, record)
    try:
        with session.begin_nested():
            session.add(fresh)
            session.flush()
        return fresh, True
    except IntegrityError:
        existing = session.scalar(select(Article).where(Article.canonical_url == fresh.canonical_url))
        if existing is None:
            raise
        return existing, False


def _meta_changed(row: Article, record: ArticleRecord) -> bool:
    values = article_values(record)
    return any(getattr(row, name) != values[name] for name in ("title", "publish_date", "source", "author",
                                                              "editor", "original_title"))


def _children(row: Article, record: ArticleRecord) -> None:
    row.disclaimers.extend(Disclaimer(position=i, kind=d.kind, text=d.text) for i, d in enumerate(record.disclaimers))
    row.images.extend(Image(position=i, src=im.src, caption=im.caption) for i, im in enumerate(record.images))
    row.quotes.extend(
        Quote(position=i, speaker=q.speaker, speaker_type=q.speaker_type, cue=q.cue, quote_type=q.quote_type,
              text=q.quote_text, record=q.to_json())
        for i, q in enumerate(record.quotes)
    )


def _keep_version(session: Session, row: Article, now: datetime) -> None:
    """Copy the row's current content into ``article_version`` before it is overwritten."""
    snapshot = {name: getattr(row, name) for name in _CONTENT_FIELDS}
    snapshot["publish_date"] = row.publish_date.isoformat() if row.publish_date else None
    snapshot["canonical_url"] = row.canonical_url
    snapshot["disclaimers"] = [{"kind": d.kind, "text": d.text} for d in row.disclaimers]
    snapshot["images"] = [{"src": i.src, "caption": i.caption} for i in row.images]
    valid_from = row.last_seen if row.version == 1 else _last_change(session, row) or row.first_seen
    session.add(ArticleVersion(article_id=row.id, version=row.version, title=row.title, body=row.body,
                               content_hash=row.content_hash, extractor_version=row.extractor_version,
                               record=snapshot, valid_from=min(valid_from, now), valid_to=now))


def _last_change(session: Session, row: Article) -> datetime | None:
    return session.scalar(select(func.max(ArticleVersion.valid_to)).where(ArticleVersion.article_id == row.id))


def _copy_kind(row: Article) -> Copy:
    if row.duplicate_of_id is None:
        return "original"
    return "exact_copy" if (row.similarity or 0) >= 1.0 else "near_copy"


def _write_bands(session: Session, row: Article, keys: list[str]) -> None:
    """Replace the LSH band rows of ``row`` (one multi-row INSERT; a row just inserted has none to delete)."""
    if row.version > 1:  # an update: the previous content's bands go
        session.execute(delete(LshBand).where(LshBand.article_id == row.id))
    if keys:
        session.execute(insert(LshBand), [{"band_key": k, "article_id": row.id} for k in keys])


def _link_copies(session: Session, row: Article, signature: list[int]) -> Copy:
    """Point ``row`` at the earliest archived copy of its story (or make it the root of its own group)."""
    keys = band_keys(signature)
    _write_bands(session, row, keys)
    match_id, similarity, match_group = None, 0.0, None
    if row.body:
        # no ORDER BY/LIMIT: PostgreSQL without statistics would walk the primary key instead of the hash index
        same = select(Article.id, Article.syndication_group).where(
            Article.content_hash == row.content_hash, Article.id != row.id, Article.body != "")
        exact = min(((found, group) for found, group in session.execute(same)), default=None)
        if exact is not None:
            (match_id, match_group), similarity = exact, 1.0
        elif keys:
            match_id, similarity = _nearest(session, row.id, keys, signature)
            if match_id is not None and match_id < row.id:
                match_group = session.scalar(select(Article.syndication_group).where(Article.id == match_id))
    if match_id is not None and match_id < row.id:
        root = match_group or match_id
        row.duplicate_of_id, row.syndication_group, row.similarity = root, root, similarity
        return "exact_copy" if similarity >= 1.0 else "near_copy"
    row.duplicate_of_id, row.similarity = None, None
    row.syndication_group = row.id
    if match_id is not None:  # an older row copies this one (an earlier version differed): join its group
        root = session.scalar(select(Article.syndication_group).where(Article.id == match_id))
        if root is not None and root > row.id:
            session.execute(update(Article).where(Article.syndication_group == root)
                            .values(syndication_group=row.id, duplicate_of_id=row.id))
    return "original"


def _nearest(session: Session, own_id: int, keys: list[str], signature: list[int]) -> tuple[int | None, float]:
    """The most similar earlier article sharing an LSH band key (ties: the earliest), if ≥ the threshold.

    Two plain lookups, no ORDER BY/LIMIT across the join: that shape made PostgreSQL (without statistics,
    or with a generic prepared plan) scan every band row, growing linearly with the archive."""
    ids = sorted(set(session.scalars(select(LshBand.article_id).where(LshBand.band_key.in_(keys),
                                                                       LshBand.article_id != own_id))))
    if not ids:
        return None, 0.0
    candidates = select(Article.id, Article.signature).where(Article.id.in_(ids[:MAX_CANDIDATES]))
    return nearest_copy(signature, {article_id: list(other or []) for article_id, other in session.execute(candidates)})


def nearest_copy(signature: list[int], candidates: dict[int, list[int]]) -> tuple[int | None, float]:
    """The rule both save paths link near copies by: among the earliest ``MAX_CANDIDATES`` candidate ids,
    the most similar signature at or above ``NEAR_COPY_THRESHOLD`` (ties: the earliest); ``(None, 0.0)``
    when none is."""
    best: tuple[int | None, float] = (None, 0.0)
    for article_id in sorted(candidates)[:MAX_CANDIDATES]:
        score = estimate_jaccard(signature, candidates[article_id])
        if score >= NEAR_COPY_THRESHOLD and score > best[1]:
            best = (article_id, score)
    return best


def fetch_row(fetch: Fetch, *, encoding: str | None, warc: str | None, is_article: bool, article_id: int | None,
              crawl_run_id: int | None, body_hash: str) -> dict[str, Any]:
    """The ``fetch`` row of one HTTP exchange (every fetched page, article or not), for ``record_fetches``."""
    return {"url": fetch.url, "final_url": fetch.final_url, "status": fetch.status, "headers": fetch.headers,
            "fetched_at": fetch.fetched_at, "encoding": encoding, "content_hash": body_hash, "warc": warc,
            "is_article": is_article, "article_id": article_id, "crawl_run_id": crawl_run_id}


def record_fetches(session: Session, rows: list[dict[str, Any]]) -> None:
    """Add ``fetch`` rows (from ``fetch_row``) in one executemany."""
    if rows:
        session.execute(insert(table_of(FetchRecord)), rows)


def start_run(session: Session, spider: str, settings: dict[str, Any], now: datetime, site: str | None = None) -> int:
    """Open a ``crawl_run`` row and return its id."""
    run = CrawlRun(spider=spider, site=site, started_at=now, status="running", settings=settings, stats={})
    session.add(run)
    session.flush()
    return run.id


def close_dead_runs(session: Session, site: str | None, host: str, alive: Callable[[int], bool],
                    now: datetime) -> list[int]:
    """Mark ``killed`` the runs of ``site`` still ``running`` that were started on ``host`` by a process
    that no longer exists (``alive(pid)`` is False; the run's settings record ``_host`` and ``_pid``).
    Runs of other hosts, or without that record, are left alone: nothing here can tell. Returns their ids."""
    runs = session.execute(select(CrawlRun.id, CrawlRun.settings).where(
        CrawlRun.status == "running", CrawlRun.site.is_(None) if site is None else CrawlRun.site == site)).all()
    dead = [run_id for run_id, settings in runs
            if isinstance(settings, dict) and settings.get("_host") == host
            and isinstance(settings.get("_pid"), int) and not alive(settings["_pid"])]
    if dead:
        session.execute(update(CrawlRun).where(CrawlRun.id.in_(dead)).values(status="killed", finished_at=now))
    return dead


def finish_run(session: Session, run_id: int, status: str, stats: dict[str, Any], now: datetime) -> None:
    """Close a ``crawl_run`` row with its outcome counts."""
    session.execute(update(CrawlRun).where(CrawlRun.id == run_id)
                    .values(finished_at=now, status=status, stats=stats))


def copies_of(session: Session, article_id: int) -> list[Article]:
    """Every archived copy of the story ``article_id`` belongs to, earliest first."""
    group = session.scalar(select(Article.syndication_group).where(Article.id == article_id))
    return list(session.scalars(select(Article).where(Article.syndication_group == group).order_by(Article.id)))


def articles_to_reextract(session: Session, site: str | None = None,
                          since: datetime | None = None) -> list[tuple[int, str, str, str]]:
    """(id, canonical URL, WARC location, site name) of archived articles with a raw page, oldest first."""
    query = (select(Article.id, Article.canonical_url, Article.warc, Site.name)
             .join(Site, Site.id == Article.site_id).where(Article.warc.is_not(None)))
    if site:
        query = query.where((Site.name == site) | (Site.domain == site))
    if since is not None:
        query = query.where(Article.last_seen >= since)
    return [(i, u, w, n) for i, u, w, n in session.execute(query.order_by(Article.id)) if w]


def archived_urls(session: Session, fresh_since: datetime | None = None) -> set[str]:
    """Canonical URLs already archived (seen at or after ``fresh_since`` when given: older ones are due)."""
    query = select(Article.canonical_url)
    if fresh_since is not None:
        query = query.where(Article.last_seen >= fresh_since)
    return set(session.scalars(query))


def find_quotes(session: Session, *, speaker: str | None = None, speaker_type: str | None = None,
                site: str | None = None, since: datetime | None = None, limit: int = 100) -> list[tuple[Quote, Article]]:
    """Quotes with their articles, newest articles first; ``speaker`` matches a substring of the speaker."""
    query = select(Quote, Article).join(Article, Article.id == Quote.article_id)
    if speaker:
        query = query.where(Quote.speaker.contains(speaker, autoescape=True))
    if speaker_type:
        query = query.where(Quote.speaker_type == speaker_type)
    if site:
        query = query.join(Site, Site.id == Article.site_id).where((Site.name == site) | (Site.domain == site))
    if since is not None:
        query = query.where(Article.publish_date >= since)
    query = query.order_by(Article.publish_date.desc().nulls_last(), Quote.article_id, Quote.position).limit(limit)
    return [(q, a) for q, a in session.execute(query)]


def finished_run_stats(session: Session, site: str, limit: int) -> list[dict[str, Any]]:
    """Stats of the site's newest ``limit`` finished runs, newest first."""
    query = (select(CrawlRun.stats).where(CrawlRun.site == site, CrawlRun.status == "finished")
             .order_by(CrawlRun.id.desc()).limit(limit))
    return [dict(stats or {}) for stats in session.scalars(query)]


def latest_articles(session: Session, limit: int) -> list[Article]:
    """The ``limit`` most recently published archived articles (undated ones last)."""
    return list(session.scalars(select(Article).order_by(Article.publish_date.desc().nulls_last(), Article.id.desc())
                                .limit(limit)))


def last_runs(session: Session) -> dict[str, CrawlRun]:
    """The latest successfully finished run of every site (for scheduling due crawls)."""
    latest: dict[str, CrawlRun] = {}
    query = select(CrawlRun).where(CrawlRun.site.is_not(None), CrawlRun.status == "finished").order_by(CrawlRun.id)
    for run in session.scalars(query):
        assert run.site is not None
        latest[run.site] = run
    return latest
