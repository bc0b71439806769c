"""Read queries over the archive's quotes: who said what, who is quoted most, with titles and affiliations.

A speaker is the pair (``quote.speaker``, ``quote.speaker_type``): the extractor's
canonical name (a person's full name, or the phrase naming an organisation,
outlet, document or anonymous source) and its kind. Quotes whose speaker could
not be resolved (``speaker`` NULL: hearsay such as 据悉, an unresolved pronoun)
are left out. Titles (``speaker_title``, a list) and affiliation come from the
stored quote record as printed in each article, so one speaker may carry
several; they are listed most frequent first.

Short forms are grouped with their full name: an organisation, outlet or document
named ``统计局`` is counted under ``国家统计局`` when the full name ends with the short one
and both are quoted in at least one same article (one article calling it both ways
is the evidence: a short form alone could be any city's bureau). The short forms a
group took in are its ``aliases``. A person is already one full name (the extractor
resolves ``付凌晖`` after ``国家统计局新闻发言人付凌晖``); the title and affiliation stay
separate fields.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from pipelines.db.filters import ArticleFilter
from pipelines.db.models import Article, Quote, Site


@dataclass(slots=True)
class SpeakerCount:
    """One speaker: how often quoted, in how many articles, first and last publication (None if undated)."""

    speaker: str
    speaker_type: str | None
    quotes: int
    articles: int
    first: datetime | None
    last: datetime | None
    titles: list[str] = field(default_factory=list)
    affiliations: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    """Short forms counted under this name (see the module docstring)."""
    first_quote: int = 0
    """The id of this name's first archived quote: the tie-break of the ranking."""


def top_speakers(session: Session, where: ArticleFilter | None = None, *, speaker_type: str | None = None,
                 limit: int = 20) -> list[SpeakerCount]:
    """The most quoted speakers in the matching articles: most quotes first, then most articles.

    Ties go to the speaker archived first (lowest quote id), the same order on every backend.
    """
    speakers = _ranked(session, where, speaker_type, None)[:limit]  # grouping can lift any name: rank them all
    if speakers:
        names = sorted({name for s in speakers for name in (s.speaker, *s.aliases)})
        _add_titles(session, speakers, _quoted(
            where, speaker_type, Quote.speaker, Quote.speaker_type, Quote.record["speaker_title"].label("title"),
            Quote.record["speaker_affiliation"].as_string().label("affiliation"),
        ).where(Quote.speaker.in_(names)).order_by(Quote.id))
    return speakers


def _ranked(session: Session, where: ArticleFilter | None, speaker_type: str | None,
            fetch: int | None) -> list[SpeakerCount]:
    """The ranking of the first ``fetch`` names (all when None), short forms grouped."""
    counted = (
        _quoted(where, speaker_type, Quote.speaker, Quote.speaker_type, func.count(Quote.id).label("quotes"),
                func.count(func.distinct(Quote.article_id)).label("articles"),
                func.min(Article.publish_date).label("first"), func.max(Article.publish_date).label("last"),
                func.min(Quote.id).label("first_quote"))
        .group_by(Quote.speaker, Quote.speaker_type)
        .order_by(func.count(Quote.id).desc(), func.count(func.distinct(Quote.article_id)).desc(),
                  func.min(Quote.id))
    )
    if fetch is not None:
        counted = counted.limit(fetch)
    speakers = [SpeakerCount(row.speaker, row.speaker_type, row.quotes, row.articles, row.first, row.last,
                             first_quote=row.first_quote) for row in session.execute(counted)]
    return _group_short_forms(session, where, speaker_type, speakers)


GROUPED_TYPES = ("organization", "media", "document")
"""Speaker kinds whose short forms are grouped under a full name (persons are resolved by the extractor)."""


def _group_short_forms(session: Session, where: ArticleFilter | None, speaker_type: str | None,
                       speakers: list[SpeakerCount]) -> list[SpeakerCount]:
    """``speakers`` with each short form's quotes moved to the full name it ends, in the articles that name
    both (elsewhere the short form stays itself); re-ranked (most quotes, then most articles; stable)."""
    names = {(s.speaker, s.speaker_type) for s in speakers if s.speaker_type in GROUPED_TYPES}
    paired = {(name[i:], kind) for name, kind in names for i in range(1, len(name) - 1)} & names
    paired |= {(name, kind) for name, kind in names
               if any((name[i:], kind) in paired for i in range(1, len(name) - 1))}
    grouped = [s for s in speakers if (s.speaker, s.speaker_type) in paired]  # short forms and their full names
    if len(grouped) < 2:
        return speakers
    per_article: dict[tuple[str, str | None], dict[int, int]] = defaultdict(dict)
    published: dict[int, datetime | None] = {}
    rows = _quoted(where, speaker_type, Quote.speaker, Quote.speaker_type, Quote.article_id,
                   func.count(Quote.id), func.max(Article.publish_date)).where(
        Quote.speaker.in_(sorted({s.speaker for s in grouped}))).group_by(
        Quote.speaker, Quote.speaker_type, Quote.article_id)
    for name, kind, article_id, quotes, day in session.execute(rows):
        per_article[(name, kind)][article_id] = int(quotes)
        published[article_id] = day
    for short in sorted(grouped, key=lambda s: len(s.speaker)):
        if len(short.speaker) < 2:
            continue
        fuller = sorted((s for s in grouped if s.speaker_type == short.speaker_type and s.speaker != short.speaker
                         and s.speaker.endswith(short.speaker)), key=lambda s: -len(s.speaker))
        mine = per_article[(short.speaker, short.speaker_type)]
        for article_id in sorted(mine):
            target = next((s for s in fuller if article_id in per_article[(s.speaker, s.speaker_type)]), None)
            if target is None:
                continue
            moved = mine.pop(article_id)
            target.quotes += moved
            short.quotes -= moved
            short.articles -= 1
            if short.speaker not in target.aliases:
                target.aliases.append(short.speaker)
        days = [d for d in (published[a] for a in mine) if d is not None]
        short.first, short.last = (min(days), max(days)) if days else (None, None)
    kept = [s for s in speakers if s.quotes > 0]
    return sorted(kept, key=lambda s: (-s.quotes, -s.articles, s.first_quote))


def count_speakers(session: Session, where: ArticleFilter | None = None, *, speaker_type: str | None = None) -> int:
    """How many speakers ``top_speakers`` would rank without a limit (short forms grouped as there)."""
    return len(_ranked(session, where, speaker_type, None))


@dataclass(frozen=True, slots=True)
class QuoteRow:
    """One quote with the article it is in: the stored quote record and the article's identity."""

    record: dict[str, Any]
    speaker: str | None
    speaker_type: str | None
    cue: str | None
    text: str
    article_id: int
    article_url: str
    article_title: str | None
    site: str | None
    publish_date: datetime | None


def find_quotes(session: Session, where: ArticleFilter | None = None, *, speaker: str | None = None,
                speaker_type: str | None = None, limit: int | None = 50) -> list[QuoteRow]:
    """Quotes in the matching articles, newest article first, in reading order within an article.

    ``speaker`` matches a substring of the (resolved) speaker; unresolved quotes are listed unless a
    speaker is asked for. ``limit`` None lists them all.
    """
    query = _quotes(where, speaker, speaker_type).add_columns(
        Quote.record, Quote.speaker, Quote.speaker_type, Quote.cue, Quote.text, Article.id, Article.canonical_url,
        Article.title, Site.name, Article.publish_date,
    ).outerjoin(Site, Site.id == Article.site_id).order_by(
        Article.publish_date.desc().nulls_last(), Quote.article_id, Quote.position)
    if limit is not None:
        query = query.limit(limit)
    return [QuoteRow(dict(row[0] or {}), *row[1:]) for row in session.execute(query)]


def count_quotes(session: Session, where: ArticleFilter | None = None, *, speaker: str | None = None,
                 speaker_type: str | None = None) -> int:
    """How many quotes ``find_quotes`` would list without a limit."""
    return int(session.scalar(_quotes(where, speaker, speaker_type).add_columns(func.count(Quote.id))) or 0)


def _quotes(where: ArticleFilter | None, speaker: str | None, speaker_type: str | None) -> Select[Any]:
    """An empty select over the quotes (joined to their articles) that match every condition."""
    query = (where or ArticleFilter()).apply(select().select_from(Quote).join(Article, Article.id == Quote.article_id))
    if speaker:
        query = query.where(Quote.speaker.contains(speaker.replace("\x00", ""), autoescape=True))
    if speaker_type:
        query = query.where(Quote.speaker_type == speaker_type)
    return query


def _quoted(where: ArticleFilter | None, speaker_type: str | None, *columns: Any) -> Select[Any]:
    """``columns`` of the resolved quotes (of ``speaker_type``, if given) in the matching articles."""
    query = (where or ArticleFilter()).apply(
        select(*columns).join(Article, Article.id == Quote.article_id).where(Quote.speaker.is_not(None))
    )
    return query.where(Quote.speaker_type == speaker_type) if speaker_type else query


def _add_titles(session: Session, speakers: list[SpeakerCount], records: Select[Any]) -> None:
    """Fill titles and affiliations from the quote ``records`` of the listed speakers."""
    titles: dict[tuple[str, str | None], Counter[str]] = defaultdict(Counter)
    affiliations: dict[tuple[str, str | None], Counter[str]] = defaultdict(Counter)
    group_of = {(alias, s.speaker_type): (s.speaker, s.speaker_type) for s in speakers for alias in s.aliases}
    for row in session.execute(records):
        key = group_of.get((row.speaker, row.speaker_type), (row.speaker, row.speaker_type))
        titles[key].update(t for t in (row.title or []) if isinstance(t, str) and t)
        if row.affiliation:
            affiliations[key][row.affiliation] += 1
    for speaker in speakers:
        key = (speaker.speaker, speaker.speaker_type)
        speaker.titles = [t for t, _ in titles[key].most_common()]
        speaker.affiliations = [a for a, _ in affiliations[key].most_common()]

