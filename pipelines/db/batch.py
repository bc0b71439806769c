"""Saving a store batch: articles at new URLs in a few statements for the whole batch.

``repository.save_article`` handles one article with the ORM: about fifteen statements and the unit of
work's bookkeeping for a new URL, which made storing the most expensive step of a crawl after extraction.
Most of a crawl's articles are at URLs the archive has never seen, so ``save_articles`` inserts those
together, in this order, inside a savepoint:

1. one query for which canonical URLs of the batch are archived already;
2. the copy links, computed before anything is written: one query for archived rows with the same
   content hashes (exact copies), one for archived articles sharing an LSH band key with any of the
   batch and one for those candidates' signatures (near copies); earlier articles of the same batch
   count as archived, as they do when each is saved in turn;
3. one multi-row INSERT … RETURNING for the article rows, then one executemany each for the copy links
   (they need the new ids), LSH band keys, search tokens, disclaimers, images and quotes.

The result is what ``save_article`` called on each item in turn would store (tests check both give the
same rows). Articles at archived URLs, a URL that comes twice in the batch, and the whole batch when a
concurrent writer inserts one of its URLs first (the savepoint rolls back on the unique-key error) go
through ``save_article`` one by one: archived-URL updates before the new rows, repeats after them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar
from urllib.parse import urlsplit

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from newscrawler.items import ArticleItem
from pipelines.db.models import Article, Disclaimer, Image, LshBand, Quote, table_of
from pipelines.db.repository import (
    MAX_CANDIDATES,
    Copy,
    SaveResult,
    article_key,
    article_values,
    nearest_copy,
    save_article,
    site_id,
)
from pipelines.db.search import index_text, search_upsert
from pipelines.syndication import band_keys, content_hash, minhash

__all__ = ["save_articles"]


_ARTICLE = table_of(Article)

_T = TypeVar("_T")
_IN_CHUNK = 500
"""Most values bound in one ``IN (…)`` list (SQLite allows 32,766 variables per statement; batches can be large)."""


@dataclass(slots=True)
class _New:
    """One article at a new URL, on its way into the archive."""

    index: int
    """Position in the batch (results are returned in batch order)."""
    item: ArticleItem
    canonical: str
    digest: str
    signature: list[int]
    keys: list[str]
    seen_at: datetime
    site_id: int | None
    id: int = 0
    duplicate_of: int | None = None
    group: int | None = None
    similarity: float | None = None
    candidates: set[int] = field(default_factory=set)


def save_articles(session: Session, items: Sequence[ArticleItem], now: datetime) -> list[SaveResult]:
    """Insert or update the articles of ``items`` (each keyed by its canonical URL), results in item order.

    The same rows as ``repository.save_article`` on each item in turn, in far fewer statements when most
    URLs are new (see the module docstring). The caller owns the transaction.
    """
    canonicals = [_canonical(item) for item in items]
    archived: set[str] = set()
    for chunk in _chunks(sorted(set(canonicals))):
        archived.update(session.scalars(select(Article.canonical_url).where(Article.canonical_url.in_(chunk))))
    results: list[SaveResult | None] = [None] * len(items)
    fresh: list[int] = []
    repeats: list[int] = []
    first_seen: set[str] = set()
    for index, canonical in enumerate(canonicals):
        if canonical in archived:
            results[index] = save_article(session, items[index], now)
        elif canonical in first_seen:
            repeats.append(index)
        else:
            first_seen.add(canonical)
            fresh.append(index)
    if fresh:
        saved = _insert_fresh(session, [(index, items[index], canonicals[index]) for index in fresh], now)
        for index in fresh:
            results[index] = saved[index] if saved is not None else save_article(session, items[index], now)
    for index in repeats:
        results[index] = save_article(session, items[index], now)
    done = [result for result in results if result is not None]
    assert len(done) == len(items), "every item is saved by one of the paths above"
    return done


def _canonical(item: ArticleItem) -> str:
    return article_key(item)


def _insert_fresh(session: Session, batch: list[tuple[int, ArticleItem, str]],
                  now: datetime) -> dict[int, SaveResult] | None:
    """Insert the articles at new URLs; None when another writer inserted one of them first (nothing written)."""
    new = [_prepare(session, index, item, canonical, now) for index, item, canonical in batch]
    exact = _archived_exact_copies(session, {n.digest for n in new if n.item.article.body})
    near = _archived_band_matches(session, new, exact)
    try:
        with session.begin_nested():
            _insert_rows(session, new)
            _link(session, new, exact, near)
            _write_dependents(session, new)
    except IntegrityError:
        return None
    return {n.index: SaveResult(n.id, "new", _copy_kind(n), n.duplicate_of) for n in new}


def _prepare(session: Session, index: int, item: ArticleItem, canonical: str, now: datetime) -> _New:
    record = item.article
    signature = item.signature or minhash(record.body)
    host = urlsplit(canonical).hostname
    return _New(index=index, item=item, canonical=canonical, digest=item.content_hash or content_hash(record.body),
                signature=signature, keys=band_keys(signature),
                seen_at=item.fetch.fetched_at if item.fetch else now,
                site_id=site_id(session, item.site or host, host))


def _archived_exact_copies(session: Session, digests: set[str]) -> dict[str, tuple[int, int | None]]:
    """Content hash -> (id, syndication group) of the earliest archived article with a body and that hash."""
    found: dict[str, tuple[int, int | None]] = {}
    for chunk in _chunks(sorted(digests)):
        query = select(Article.content_hash, Article.id, Article.syndication_group).where(
            Article.content_hash.in_(chunk), Article.body != "")
        for digest, article_id, group in session.execute(query):
            if digest not in found or article_id < found[digest][0]:
                found[digest] = (article_id, group)
    return found


@dataclass(frozen=True, slots=True)
class _Archived:
    """An archived near-copy candidate: its signature and syndication group."""

    signature: list[int]
    group: int | None


def _archived_band_matches(session: Session, new: list[_New],
                           exact: dict[str, tuple[int, int | None]]) -> dict[int, _Archived]:
    """Fill each new article's ``candidates`` (archived ids sharing a band key; only for those without an
    archived exact copy) and return those candidates' signatures and groups."""
    wanted = [n for n in new if n.item.article.body and n.digest not in exact and n.keys]
    by_key: dict[str, set[int]] = {}
    for key_chunk in _chunks(sorted({key for n in wanted for key in n.keys})):
        for key, article_id in session.execute(select(LshBand.band_key, LshBand.article_id)
                                               .where(LshBand.band_key.in_(key_chunk))):
            by_key.setdefault(key, set()).add(article_id)
    for n in wanted:
        ids = set().union(*(by_key.get(key, ()) for key in n.keys))
        n.candidates = set(sorted(ids)[:MAX_CANDIDATES])
    found: dict[int, _Archived] = {}
    for chunk in _chunks(sorted(set().union(*(n.candidates for n in wanted)))):
        query = select(Article.id, Article.signature, Article.syndication_group).where(Article.id.in_(chunk))
        for article_id, signature, group in session.execute(query):
            found[article_id] = _Archived(list(signature or []), group)
    return found


def _insert_rows(session: Session, new: list[_New]) -> None:
    """One multi-row INSERT of the article rows; their ids, in order, onto ``new``."""
    rows = []
    for n in new:
        row = article_values(n.item.article)
        row.update(canonical_url=n.canonical, site_id=n.site_id, content_hash=n.digest, signature=n.signature,
                   first_seen=n.seen_at, last_seen=n.seen_at, warc=n.item.warc, version=1)
        rows.append(row)
    statement = insert(_ARTICLE).returning(_ARTICLE.c.id, sort_by_parameter_order=True)
    for n, article_id in zip(new, session.execute(statement, rows).scalars(), strict=True):
        n.id = article_id


def _link(session: Session, new: list[_New], exact: dict[str, tuple[int, int | None]],
          near: dict[int, _Archived]) -> None:
    """Point each new article at the earliest copy of its story (archived, or earlier in this batch)."""
    by_digest: dict[str, _New] = {}
    by_key: dict[str, list[_New]] = {}
    for n in new:
        match: tuple[int, int | None, float] | None = None  # (id, group, similarity)
        if n.item.article.body:
            if n.digest in exact:
                found_id, group = exact[n.digest]
                match = (found_id, group, 1.0)
            elif n.digest in by_digest:
                earlier = by_digest[n.digest]
                match = (earlier.id, earlier.group, 1.0)
            else:
                match = _nearest(n, near, by_key)
        if match is None:
            n.group = n.id
        else:
            found_id, group, similarity = match
            n.duplicate_of = n.group = group or found_id
            n.similarity = similarity
        if n.item.article.body:
            by_digest.setdefault(n.digest, n)
        for key in n.keys:
            by_key.setdefault(key, []).append(n)
    session.execute(update(_ARTICLE).where(_ARTICLE.c.id == bindparam("row_id")).values(
        duplicate_of_id=bindparam("duplicate_of"), syndication_group=bindparam("group"), similarity=bindparam("similarity")),
        [{"row_id": n.id, "duplicate_of": n.duplicate_of, "group": n.group, "similarity": n.similarity}
         for n in new])


def _nearest(n: _New, near: dict[int, _Archived],
             by_key: dict[str, list[_New]]) -> tuple[int, int | None, float] | None:
    """The most similar earlier article sharing a band key, at or above the threshold (ties: the earliest)."""
    signatures = {article_id: near[article_id].signature for article_id in n.candidates if article_id in near}
    groups = {article_id: near[article_id].group for article_id in signatures}
    for key in n.keys:
        for earlier in by_key.get(key, ()):
            signatures[earlier.id], groups[earlier.id] = earlier.signature, earlier.group
    found, score = nearest_copy(n.signature, signatures)
    return None if found is None else (found, groups[found], score)


def _write_dependents(session: Session, new: list[_New]) -> None:
    """Band keys, search tokens, disclaimers, images and quotes of the new rows: one executemany each."""
    _insert_many(session, LshBand, [{"band_key": key, "article_id": n.id} for n in new for key in n.keys])
    tokens = [{"article_id": n.id, "title": index_text(n.item.article.title), "body": index_text(n.item.article.body)}
              for n in new]
    session.execute(search_upsert(session.get_bind().dialect.name), tokens)
    _insert_many(session, Disclaimer, [{"article_id": n.id, "position": i, "kind": d.kind, "text": d.text}
                                       for n in new for i, d in enumerate(n.item.article.disclaimers)])
    _insert_many(session, Image, [{"article_id": n.id, "position": i, "src": im.src, "caption": im.caption}
                                  for n in new for i, im in enumerate(n.item.article.images)])
    _insert_many(session, Quote, [
        {"article_id": n.id, "position": i, "speaker": q.speaker, "speaker_type": q.speaker_type, "cue": q.cue,
         "quote_type": q.quote_type, "text": q.quote_text, "record": q.to_json()}
        for n in new for i, q in enumerate(n.item.article.quotes)])


def _insert_many(session: Session, model: Any, rows: list[dict[str, Any]]) -> None:
    if rows:
        session.execute(insert(table_of(model)), rows)


def _copy_kind(n: _New) -> Copy:
    if n.duplicate_of is None:
        return "original"
    return "exact_copy" if (n.similarity or 0) >= 1.0 else "near_copy"


def _chunks(values: Iterable[_T]) -> Iterator[list[_T]]:
    chunk: list[_T] = []
    for value in values:
        chunk.append(value)
        if len(chunk) == _IN_CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
