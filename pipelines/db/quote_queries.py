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

from sqlalchemy import BigInteger, Select, cast, func, select
from sqlalchemy.orm import Session

from pipelines.db.filters import ArticleFilter
from pipelines.db.models import Article, Quote, Site
from pipelines.db.tallies import (
    answerable,
    as_date,
    day_of,
    day_start,
    label_rows,
    speaker_names,
    speaker_rows,
)


@dataclass(slots=True)
class SpeakerCount:
    """One speaker: how often quoted, in how many articles, first and last publication (None if undated)."""

    speaker: str
    speaker_type: str | None
    quotes: int
    articles: int
    first: datetime | None
    """The day of the first publication quoting the speaker, as its Beijing midnight (None if undated)."""
    last: datetime | None
    titles: list[str] = field(default_factory=list)
    affiliations: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    """Short forms counted under this name (see the module docstring)."""
    first_key: int = 0
    """Where this name is first quoted in the archive, ``article id × 10000 + position``: the tie-break of
    the ranking (a re-extraction giving an article the same quotes leaves it unchanged)."""


def top_speakers(session: Session, where: ArticleFilter | None = None, *, speaker_type: str | None = None,
                 limit: int = 20) -> list[SpeakerCount]:
    """The most quoted speakers in the matching articles: most quotes first, then most articles.

    Ties go to the speaker quoted first in the archive's order (lowest article id, then position), the
    same order on every backend.
    """
    return ranked_speakers(session, where, speaker_type=speaker_type, limit=limit)[0]


def ranked_speakers(session: Session, where: ArticleFilter | None = None, *, speaker_type: str | None = None,
                    limit: int = 20, tallied: bool = True) -> tuple[list[SpeakerCount], int]:
    """``top_speakers`` and how many speakers the whole ranking holds (``count_speakers``), from one ranking.

    The counts come from the ``speaker_day`` tallies when they answer the filter (``tallies.answerable``;
    ``tallied`` False never: the tests compare both), else from the quotes themselves.
    """
    use_tallies = tallied and answerable(where)
    ranked = _ranked(session, where, speaker_type, use_tallies)  # grouping can lift any name: rank them all
    speakers = ranked[:limit]
    if speakers:
        names = sorted({name for s in speakers for name in (s.speaker, *s.aliases)})
        if use_tallies:
            _add_tallied_titles(session, speakers, label_rows(where, names))
        else:
            _add_titles(session, speakers, _quoted(
                where, speaker_type, Quote.speaker, Quote.speaker_type,
                Quote.record["speaker_title"].label("title"),
                Quote.record["speaker_affiliation"].as_string().label("affiliation"),
            ).where(Quote.speaker.in_(names)).order_by(Quote.article_id, Quote.position))
    return speakers, len(ranked)


def _ranked(session: Session, where: ArticleFilter | None, speaker_type: str | None,
            use_tallies: bool) -> list[SpeakerCount]:
    """The whole ranking, short forms grouped; first and last are publication days (Beijing midnight)."""
    speakers: list[SpeakerCount] = []
    if use_tallies:
        for row in session.execute(speaker_rows(where, speaker_type)):
            first, last = as_date(row.first), as_date(row.last)
            speakers.append(SpeakerCount(row.speaker, row.speaker_type or None, int(row.quotes), int(row.articles),
                                         day_start(first) if first else None, day_start(last) if last else None,
                                         first_key=int(row.first_key) // 1000))
    else:
        counted = (
            _quoted(where, speaker_type, Quote.speaker, Quote.speaker_type, func.count(Quote.id).label("quotes"),
                    func.count(func.distinct(Quote.article_id)).label("articles"),
                    func.min(Article.publish_date).label("first"), func.max(Article.publish_date).label("last"),
                    func.min(cast(Quote.article_id, BigInteger) * 10000 + Quote.position).label("first_key"))
            .group_by(Quote.speaker, Quote.speaker_type)
        )
        speakers = [SpeakerCount(row.speaker, row.speaker_type, row.quotes, row.articles, _day_of(row.first),
                                 _day_of(row.last), first_key=row.first_key) for row in session.execute(counted)]
    speakers.sort(key=lambda s: (-s.quotes, -s.articles, s.first_key))
    return _group_short_forms(session, where, speaker_type, speakers)


def _day_of(moment: datetime | None) -> datetime | None:
    """The Beijing midnight that starts the day of ``moment``."""
    return day_start(day_of(moment)) if moment is not None else None


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
        short.first, short.last = (_day_of(min(days)), _day_of(max(days))) if days else (None, None)
    kept = [s for s in speakers if s.quotes > 0]
    return sorted(kept, key=lambda s: (-s.quotes, -s.articles, s.first_key))


def count_speakers(session: Session, where: ArticleFilter | None = None, *, speaker_type: str | None = None) -> int:
    """How many speakers ``top_speakers`` would rank without a limit (short forms grouped as there)."""
    return ranked_speakers(session, where, speaker_type=speaker_type, limit=0)[1]


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

    A page of the whole archive (no speaker) walks the articles newest first down the publish_date
    index and stops at the ``limit``-th article holding a matching quote (the page's quotes lie in
    those articles): a join of every quote sorted by date took 1.8 s at 500,000 quotes on PostgreSQL,
    5 s on SQLite. A speaker's quotes are few enough to be found by name and sorted.
    """
    where = where or ArticleFilter()
    query = _quotes(session, where, speaker, speaker_type).add_columns(
        Quote.record, Quote.speaker, Quote.speaker_type, Quote.cue, Quote.text, Article.id, Article.canonical_url,
        Article.title, Site.name, Article.publish_date,
    ).outerjoin(Site, Site.id == Article.site_id)
    postgres = session.get_bind().dialect.name == "postgresql"
    newest = Article.publish_date.desc().nulls_last() if postgres else Article.publish_date.desc()  # SQLite: NULL last
    if limit is None or speaker:
        return _rows(session, query.order_by(newest, Quote.article_id, Quote.position), limit)
    quoted = select(Quote.id).where(Quote.article_id == Article.id)
    if speaker_type:
        quoted = quoted.where(Quote.speaker_type == speaker_type)
    articles = where.apply(select(Article.id)).where(quoted.exists())
    if postgres:
        # DESC NULLS LAST is not the order of PostgreSQL's index: the dated articles by a backward walk,
        # then the undated ones if the page is not full
        ids = list(session.scalars(articles.where(Article.publish_date.is_not(None))
                                   .order_by(Article.publish_date.desc(), Article.id).limit(limit)))
        if len(ids) < limit:
            ids += session.scalars(articles.where(Article.publish_date.is_(None)).order_by(Article.id)
                                   .limit(limit - len(ids)))
    else:
        ids = list(session.scalars(articles.order_by(newest, Article.id).limit(limit)))
    return _rows(session, query.where(Article.id.in_(ids)).order_by(newest, Quote.article_id, Quote.position),
                 limit)


def _rows(session: Session, query: Select[Any], limit: int | None) -> list[QuoteRow]:
    if limit is not None:
        query = query.limit(limit)
    return [QuoteRow(dict(row[0] or {}), *row[1:]) for row in session.execute(query)]


def count_quotes(session: Session, where: ArticleFilter | None = None, *, speaker: str | None = None,
                 speaker_type: str | None = None) -> int:
    """How many quotes ``find_quotes`` would list without a limit."""
    return int(session.scalar(_quotes(session, where, speaker, speaker_type, joined=False).add_columns(
        func.count(Quote.id))) or 0)


NAMES_AT_MOST = 1000
"""A ``--speaker`` fragment matching at most this many names is looked up by name (the index on
``quote.speaker``); one matching more is matched against every quote."""


def _quotes(session: Session, where: ArticleFilter | None, speaker: str | None, speaker_type: str | None,
            *, joined: bool = True) -> Select[Any]:
    """An empty select over the quotes (joined to their articles when ``joined`` or when ``where`` has a
    condition: every quote has its article) that match every condition."""
    query = select().select_from(Quote)
    if joined or (where is not None and where.active):
        query = (where or ArticleFilter()).apply(query.join(Article, Article.id == Quote.article_id))
    if speaker:
        fragment = speaker.replace("\x00", "")
        names = list(session.scalars(speaker_names(fragment).limit(NAMES_AT_MOST + 1)))
        if len(names) <= NAMES_AT_MOST:
            query = query.where(Quote.speaker.in_(names))
        else:
            query = query.where(Quote.speaker.contains(fragment, autoescape=True))
    if speaker_type:
        query = query.where(Quote.speaker_type == speaker_type)
    return query


def _quoted(where: ArticleFilter | None, speaker_type: str | None, *columns: Any) -> Select[Any]:
    """``columns`` of the resolved quotes (of ``speaker_type``, if given) in the matching articles."""
    query = (where or ArticleFilter()).apply(
        select(*columns).join(Article, Article.id == Quote.article_id).where(Quote.speaker.is_not(None))
    )
    return query.where(Quote.speaker_type == speaker_type) if speaker_type else query


def _add_tallied_titles(session: Session, speakers: list[SpeakerCount], rows: Select[Any]) -> None:
    """Fill titles and affiliations from the tallied label ``rows`` of the listed speakers (and their
    aliases): most quotes first, ties to the one quoted first (as ``_add_titles`` counts them)."""
    group_of = {(alias, s.speaker_type or ""): (s.speaker, s.speaker_type or "") for s in speakers
                for alias in s.aliases}
    found: dict[tuple[tuple[str, str], str], dict[str, list[int]]] = defaultdict(dict)
    for row in session.execute(rows):
        key = group_of.get((row.speaker, row.speaker_type), (row.speaker, row.speaker_type))
        entry = found[(key, row.kind)].setdefault(row.label, [0, int(row.first_key)])
        entry[0] += int(row.quotes)
        entry[1] = min(entry[1], int(row.first_key))
    for speaker in speakers:
        key = (speaker.speaker, speaker.speaker_type or "")
        for kind in ("title", "affiliation"):
            labels = found.get((key, kind), {})
            ordered = [label for label, _ in sorted(labels.items(), key=lambda item: (-item[1][0], item[1][1]))]
            if kind == "title":
                speaker.titles = ordered
            else:
                speaker.affiliations = ordered


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

