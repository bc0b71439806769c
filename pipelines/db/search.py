"""Full-text search that works for Chinese: overlapping character bigrams.

Most Chinese words are two characters, and neither SQLite FTS5's tokenizers nor
PostgreSQL's parser split a run of Han characters into words. So the storage
layer writes a token text next to every article (table ``article_search``):
each Han run becomes its overlapping bigrams plus its last character
(``中国经济`` → ``中国 国经 经济 济``), each Latin/digit run one lowercase token
(NFKC first, so full-width ``ＧＰＴ`` is ``gpt``). SQLite indexes it with FTS5
(``article_fts``, external content, kept in sync by triggers); PostgreSQL with a
GIN index over a generated ``tsvector`` column (config ``simple``).

A query is words separated by spaces, all required; ``-word`` excludes. Each
word is matched as a phrase of its tokens, so 1-, 2-, 3- and 4-character words,
phrases and mixed terms (``X.AI``, ``GPT-5发布``) find exactly the articles that
contain them, wherever the word boundaries fall: search behaves like a
substring match, ranked. A one-character word ends in a prefix token (``经*``).
User text never reaches the FTS or tsquery syntax: both are built from tokens.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast
from zoneinfo import ZoneInfo

from sqlalchemy import (
    Column,
    ColumnElement,
    Integer,
    MetaData,
    Select,
    Table,
    Text,
    and_,
    bindparam,
    column,
    func,
    literal_column,
    select,
    table,
    text,
)
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import BindParameter
from sqlalchemy.sql.expression import TableClause
from sqlalchemy.types import UserDefinedType

from pipelines.db.filters import ArticleFilter
from pipelines.db.models import Article, SearchDocument, Site
from pipelines.db.sqlalchemy_internals import bound_values

MAX_QUERY_CHARS = 1000
SHANGHAI = ZoneInfo("Asia/Shanghai")  # dates in results are shown in China's time zone
TITLE_WEIGHT = 4.0  # a hit in the title counts this many times a hit in the body (SQLite bm25)

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
_RUNS = re.compile(f"([{_CJK}]+)|([^\\W_{_CJK}]+)")
_SEPARATOR = f"[^0-9a-z{_CJK}]*"


class SearchQueryError(ValueError):
    """A query that cannot be searched (empty, only punctuation, too long); the message says why."""


def normalise(text_: str) -> str:
    """NFKC and lower case: the form both documents and queries are tokenised in."""
    return unicodedata.normalize("NFKC", text_).lower()


def tokens(text_: str) -> list[str]:
    """The index tokens of ``text_`` (see the module docstring)."""
    out: list[str] = []
    for han, word in _RUNS.findall(normalise(text_)):
        if word:
            out.append(word)
        elif len(han) == 1:
            out.append(han)
        else:
            out.extend(map(operator.add, han, han[1:]))  # overlapping bigrams, pairs made in C
            out.append(han[-1])
    return out


def index_text(text_: str | None) -> str:
    """The token text stored in ``article_search``: tokens separated by spaces."""
    return " ".join(tokens(text_ or ""))


@dataclass(frozen=True, slots=True)
class Term:
    """One query word: its tokens in order, whether the last is a prefix, whether it excludes."""

    surface: str
    tokens: tuple[str, ...]
    prefix: bool
    exclude: bool


def parse_query(query: str) -> list[Term]:
    """Split a query into terms; raise SearchQueryError when nothing in it can be searched."""
    if len(query) > MAX_QUERY_CHARS:
        raise SearchQueryError(f"query too long ({len(query)} characters; at most {MAX_QUERY_CHARS})")
    terms: list[Term] = []
    for word in normalise(query).split():
        exclude = word.startswith("-") and len(word) > 1
        runs = _RUNS.findall(word[1:] if exclude else word)
        if not runs:
            continue
        out: list[str] = []
        prefix = False
        for i, (han, latin) in enumerate(runs):
            last = i == len(runs) - 1
            if latin:
                out.append(latin)
            elif len(han) == 1:
                out.append(han)
                prefix = last
            else:
                out.extend(han[j:j + 2] for j in range(len(han) - 1))
                if not last:
                    out.append(han[-1])
        terms.append(Term(word, tuple(out), prefix, exclude))
    if not terms:
        raise SearchQueryError(f"nothing to search for in {query[:40]!r}: give words, not only punctuation")
    if all(t.exclude for t in terms):
        raise SearchQueryError("a query needs at least one word to find, not only -excluded words")
    return terms


def fts5_match(query: str, *, exclusions: bool = True) -> str:
    """The SQLite FTS5 MATCH expression for ``query`` (built from tokens only); ``exclusions=False`` leaves
    the excluded words out (to score articles known to meet the whole query: see ``_ranked_ids``)."""
    terms = parse_query(query)

    def phrase(term: Term) -> str:
        return '"' + " ".join(term.tokens) + '"' + (" *" if term.prefix else "")

    found = " AND ".join(phrase(t) for t in terms if not t.exclude)
    excluded = "".join(f" NOT {phrase(t)}" for t in terms if t.exclude) if exclusions else ""
    return f"({found}){excluded}"


def fts5_title_match(query: str) -> str:
    """An FTS5 MATCH expression for the articles whose title holds every word of ``query`` that is not
    excluded (the title candidates of the ranking; the whole query is checked on them afterwards)."""
    terms = parse_query(query)
    return " AND ".join('title : "' + " ".join(t.tokens) + '"' + (" *" if t.prefix else "")
                        for t in terms if not t.exclude)


def pg_tsquery(query: str) -> str:
    """The PostgreSQL tsquery text (for ``to_tsquery('simple', …)``) for ``query``."""
    terms = parse_query(query)

    def phrase(term: Term) -> str:
        last = len(term.tokens) - 1
        return "(" + " <-> ".join(f"'{tok}'" + (":*" if term.prefix and i == last else "")
                                  for i, tok in enumerate(term.tokens)) + ")"

    return " & ".join(("!" if t.exclude else "") + phrase(t) for t in terms)


def pg_candidate_tsquery(query: str, *, positive_only: bool = False) -> str:
    """A tsquery that the GIN index answers without reading any row and that every match of ``query``
    also matches: each phrase becomes the AND of its tokens (GIN stores no positions, so ``<->`` makes
    PostgreSQL recheck, i.e. read the tsvector of, every row that holds all the tokens), and an excluded
    phrase is dropped (an excluded single token stays: GIN decides it exactly). The real query is then
    checked on the few candidates kept. ``positive_only`` drops every excluded word (for the title
    index: a word excluded from the article may still be absent from its title)."""
    terms = parse_query(query)

    def loose(term: Term) -> str:
        last = len(term.tokens) - 1
        return "(" + " & ".join(f"'{tok}'" + (":*" if term.prefix and i == last else "")
                                for i, tok in enumerate(term.tokens)) + ")"

    return " & ".join(("!" if t.exclude else "") + loose(t) for t in terms
                      if not t.exclude or (len(t.tokens) == 1 and not positive_only))


def index_article(session: Session, article_id: int, title: str | None, body: str | None) -> None:
    """Write (or rewrite) the search tokens of one article; the caller owns the transaction."""
    values = {"article_id": article_id, "title": index_text(title), "body": index_text(body)}
    session.execute(search_upsert(session.get_bind().dialect.name), [values])


_PG_SEARCH = Table("article_search", MetaData(), Column("article_id", Integer, primary_key=True),
                   Column("title", Text), Column("body", Text), Column("document", TSVECTOR))
"""article_search as PostgreSQL has it: ``document`` is written by a trigger (migration 0008)."""


def search_upsert(dialect: str) -> Any:
    """The statement that writes ``{article_id, title, body}`` token rows (one or many), replacing an
    article's earlier tokens.

    On PostgreSQL a trigger turns the title and body tokens into ``document`` and stores ``body`` empty
    (migration 0008); the proposed row has been through it when ON CONFLICT updates, so its ``document``
    is carried over too (its ``body`` is already empty there)."""
    if dialect == "postgresql":
        pg = pg_insert(_PG_SEARCH)
        return pg.on_conflict_do_update(index_elements=["article_id"], set_={
            "title": pg.excluded.title, "body": pg.excluded.body, "document": pg.excluded.document})
    lite = sqlite_insert(SearchDocument)
    return lite.on_conflict_do_update(index_elements=["article_id"],
                                      set_={"title": lite.excluded.title, "body": lite.excluded.body})


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One search result."""

    article_id: int
    canonical_url: str
    title: str | None
    site: str | None
    publish_date: datetime | None
    source: str | None
    channel: str | None
    score: float | None
    """Higher is better, comparable within one result list only; None when ordered by date."""
    snippet: str
    kind: str = "article"
    """``article``, or the kind of a kept non-article page (``pipelines.db.pages``: then ``article_id`` is the
    page's id and ``publish_date`` when it was last fetched)."""

    def to_json(self) -> dict[str, Any]:
        return {"id": self.article_id, "url": self.canonical_url, "title": self.title, "site": self.site,
                "publish_date": self.publish_date.astimezone(SHANGHAI).isoformat() if self.publish_date else None,
                "source": self.source, "channel": self.channel, "score": None if self.score is None else round(self.score, 4),
                "snippet": self.snippet, "kind": self.kind}


ORDERS = ("relevance", "newest")


def search(session: Session, query: str, where: ArticleFilter | None = None, *, limit: int = 20,
           order: str = "relevance", marks: tuple[str, str] = ("【", "】")) -> list[SearchHit]:
    """Articles matching ``query`` (and ``where``), best first or newest first, with highlighted snippets.

    Two steps: the ids (and scores) of the best ``limit`` matches come from the index and the filter's
    indexes alone, then only those rows are read. Reading every matching row to filter it would cost
    ~2 µs per match on SQLite (the body sits before the filter columns): 140 ms for a common word.
    """
    if order not in ORDERS:
        raise SearchQueryError(f"unknown order {order!r}: use one of {', '.join(ORDERS)}")
    terms = parse_query(query)
    ranked = _ranked_ids(session, query, (where or ArticleFilter()).resolved(session), limit, order)
    if not ranked:
        return []
    columns = (Article.id, Article.canonical_url, Article.title, Site.name, Article.publish_date, Article.source,
               Article.channel, Article.body)
    statement = (select(*columns).outerjoin(Site, Site.id == Article.site_id)
                 .where(Article.id.in_([article_id for article_id, _ in ranked])))
    session.flush()  # as session.execute would; the rows are read as Core rows (no ORM row loading)
    rows = {row[0]: row for row in session.connection().execute(statement)}
    return [SearchHit(i, rows[i][1], rows[i][2], rows[i][3], rows[i][4], rows[i][5], rows[i][6], score,
                      snippet(rows[i][7] or "", terms, marks=marks))
            for i, score in ranked if i in rows]


def search_counted(session: Session, query: str, where: ArticleFilter | None = None, *, limit: int = 20,
                   order: str = "relevance", marks: tuple[str, str] = ("【", "】")) -> tuple[list[SearchHit], int]:
    """``search`` and the number of articles that match in all (for "showing 20 of 1,234").

    The count is a second query, made only when the page is full, that reads the index alone
    (``count_matches``). At 100,000 articles it adds 4–50 ms on SQLite and 25–70 ms on PostgreSQL for
    one- and two-character words; counting inside the ranking query (``count(*) OVER ()``) was slower
    on PostgreSQL (1-character word: 1,074 ms against 785 + 70 ms), as it turns the top-20 sort into a
    sort of every match.
    """
    hits = search(session, query, where, limit=limit, order=order, marks=marks)
    return hits, len(hits) if len(hits) < limit else count_matches(session, query, where, cap=count_cap(query))


COUNT_CAP = 10_000
"""``search_counted`` counts at most this many matches and one more ("more than 10,000"): a common word
then stops counting early instead of visiting every match (605 ms for 的 on PostgreSQL at 100,000)."""

COSTLY_COUNT_CAP = 1_000
"""The cap instead of ``COUNT_CAP`` for a query whose matches must each be read to be counted on
PostgreSQL (``count_cap``): counting 10,000 of them read 10,000 ``tsvector``s, 0.2-0.9 s at a million
articles. Both databases use the same cap, so that they give the same answer."""


def count_cap(query: str) -> int:
    """How far ``search_counted`` counts the matches of ``query``: ``COSTLY_COUNT_CAP`` when a word is a
    prefix (one character: GIN would union the postings of every token it begins, so the newest articles
    are tested one by one) or a phrase (three or more characters: GIN holds no word order, so each
    candidate is checked against the phrase), else ``COUNT_CAP``."""
    costly = any(term.prefix or len(term.tokens) > 1 for term in parse_query(query))
    return COSTLY_COUNT_CAP if costly else COUNT_CAP


def count_matches(session: Session, query: str, where: ArticleFilter | None = None, *,
                  cap: int | None = None) -> int:
    """How many articles match ``query`` (and ``where``): what ``search`` finds without a limit, or
    ``cap + 1`` when there are more than ``cap``.

    Counted from the index alone (plus the filter's ids), never reading article rows.
    """
    where = (where or ArticleFilter()).resolved(session)
    if session.get_bind().dialect.name == "postgresql" and cap is not None and has_window_indexes(session):
        return len(_pg_counted(session, query, where, cap + 1))
    if session.get_bind().dialect.name == "postgresql":
        tsquery = func.to_tsquery(literal_column("'simple'"), pg_tsquery(query))
        document: ColumnElement[Any] = literal_column("article_search.document")
        guard: ColumnElement[Any] = SearchDocument.__table__.c.article_id
        matching = select(guard).select_from(SearchDocument).where(document.bool_op("@@")(tsquery))
    else:
        fts = table("article_fts", column("rowid"))
        guard = literal_column("+article_fts.rowid")
        matching = select(literal_column("article_fts.rowid")).select_from(fts).where(
            text("article_fts MATCH :match").bindparams(match=fts5_match(query)))
    if where.active:
        matching = matching.where(guard.in_(where.apply(select(Article.id))))
        if session.get_bind().dialect.name != "postgresql":
            # the filter's id range as rowid bounds, as in the ranking: FTS5 then walks only that part of each
            # doclist, not every match of a common word (1-character word, last 30 days, at a million
            # articles: p95 541 ms without them, measured under load)
            span = cast(Select[Any], select(func.min(Article.id), func.max(Article.id)))
            low, high = _core(session, where.apply(span)).one()
            if low is None:
                return 0
            rowid: ColumnElement[Any] = literal_column("article_fts.rowid")
            matching = matching.where(rowid >= int(low), rowid <= int(high))
    if cap is not None:
        matching = matching.limit(cap + 1)
    counted = select(func.count()).select_from(matching.subquery())
    if session.get_bind().dialect.name == "postgresql":
        return int(_execute(session, counted)[0][0])
    return int(_core(session, counted).scalar() or 0)


def _document_matches(docs: Any, tsquery_text: str) -> ColumnElement[Any]:
    """``document @@ to_tsquery('simple', tsquery_text)`` over ``docs`` (``article_search``)."""
    return cast(ColumnElement[Any],
                docs.c.document.bool_op("@@")(func.to_tsquery(literal_column("'simple'"), tsquery_text)))


def _passing(session: Session, docs: Any, condition: ColumnElement[Any], ids: list[int]) -> set[int]:
    """Which of ``ids`` meet ``condition`` (the exact query of a phrase), tested by key: the condition is a
    column, not a WHERE clause, so the planner cannot answer it through GIN (every holder of the bigrams)."""
    if not ids:
        return set()
    return {article_id for article_id, hit in _execute(
        session, select(docs.c.article_id, condition).where(_id_in(docs.c.article_id, ids))) if hit}


class _IdList(UserDefinedType[list[int]]):
    """The type of a list of article ids written into the SQL as ``(1, 2, 3)`` (``_id_in``)."""

    cache_ok = True

    def literal_processor(self, dialect: Any) -> Callable[[list[int]], str]:
        def process(value: list[int]) -> str:
            return "(" + ", ".join(map(str, map(int, value))) + ")"
        return process


def _id_in(key: ColumnElement[Any], ids: Sequence[int]) -> ColumnElement[Any]:
    """``key IN (ids)``, the list written into the SQL by one ``str.join`` (``_IdList``). On PostgreSQL
    (``_execute``) the same SQL as ``key.in_(ids)`` renders there, where SQLAlchemy rendered each value as a
    literal of its own (~2 µs an id: ~1.3 ms for the 600 candidates ranked and the ids a phrase checks); on
    SQLite the ids are numbers in the SQL where ``in_`` made a ``?`` parameter of each (~3 µs an id: 2,000
    in ``_sqlite_walk``), the same plan (EXPLAIN QUERY PLAN: a list of constants either way)."""
    if not ids:
        return key.in_([])
    # the precedence of SQLAlchemy's own IN (5, above AND's 3): no parentheses in an AND, as ``in_`` renders
    return cast(ColumnElement[Any], key.op("IN", precedence=5, is_comparison=True)(
        bindparam(None, list(ids), type_=_IdList(), literal_execute=True)))


def _pg_counted(session: Session, query: str, where: ArticleFilter, size: int) -> list[int]:
    """Up to ``size`` ids matching ``query`` (and ``where``), from the windows of ``_pg_window_matches``:
    a common word stops after a window or two instead of the planner's scan testing every ``tsvector``
    (up to 2.7 s for a 1-character word and the last 30 days at a million articles). A phrase's GIN
    candidates (the AND of its bigrams) are checked against the phrase by key, a chunk at a time."""
    docs = table("article_search", column("article_id"), column("title"), column("document"))
    exact_text, loose_text = pg_tsquery(query), pg_candidate_tsquery(query)
    loose, exact = _document_matches(docs, loose_text), _document_matches(docs, exact_text)
    if any(term.prefix for term in parse_query(query)):  # see _pg_ranked_ids: the newest articles one by one
        return _pg_newest_matches(session, docs, exact, where, size, COUNT_WALK_MAX)
    verify = None
    if exact_text != loose_text:

        def verify(ids: list[int]) -> list[int]:
            passed = _passing(session, docs, exact, ids)
            return [article_id for article_id in ids if article_id in passed]
    return _pg_window_matches(session, docs, loose, body_key(docs), where, _pg_span(session, where), size, verify)


def _ranked_ids(session: Session, query: str, where: ArticleFilter, limit: int,
                order: str) -> list[tuple[int, float | None]]:
    """(article id, score) of the best ``limit`` matches; newest first has no score."""
    sqlite = session.get_bind().dialect.name != "postgresql"
    if not sqlite:
        return _pg_ranked_ids(query, where, limit, order, session)
    fts = table("article_fts", column("rowid"))
    matches = select(fts.c.rowid).where(text("article_fts MATCH :match").bindparams(match=fts5_match(query)))
    if order == "newest":
        walked = _sqlite_walk(session, query, where, limit)
        if walked is not None:
            return [(article_id, None) for article_id in walked]
        # walk the publish_date index backwards (plain DESC puts undated articles last there) and check each
        # id against the matches, stopping at ``limit``; unary + keeps SQLite from looking up every match's
        # row to sort them (2 µs each)
        newest = (where.apply(select(Article.id)).where(literal_column("+article.id").in_(matches))
                  .order_by(Article.publish_date.desc(), Article.id.desc()).limit(limit))
        return [(article_id, None) for article_id, in _core(session, newest).all()]
    # the same bounded candidates as on PostgreSQL (see CANDIDATES): bm25 of every match of a common word
    # took 50–160 ms at 100,000 articles, of the newest 500 (FTS5's own rowid order) 2–4 ms
    bounds: tuple[int, int] | None = None
    dense = False
    if where.active:
        # the filter's lowest and highest id (index-only on the filter's index): FTS5 then walks only the
        # part of each doclist between them (a rowid range is a seek for it), not every match of a common
        # word, most of them outside a narrow filter; every match the filter keeps lies in that range.
        # Site + 30 days best first at 100,000 articles, p95: 48-103 → 32-51 ms (benchmarks/README.md)
        span = cast(Select[Any], select(func.min(Article.id), func.max(Article.id), func.count()))
        low, high, kept = _core(session, where.apply(span)).one()
        if low is None:
            return []
        bounds = (int(low), int(high))
        # a filter that keeps most ids of its range (a date window where ids follow the dates) is checked
        # on each match instead: FTS5 stops at the newest matches, and building the list of its ids cost
        # ~9 ms per statement for the last 30 days of a million articles (82,000 ids)
        dense = kept >= DENSE_FILTER * (bounds[1] - bounds[0] + 1)

    def narrowed(statement: Select[Any], name: str) -> Select[Any]:
        if bounds is None:
            return statement
        rowid: ColumnElement[Any] = literal_column(f"{name}.rowid")
        statement = statement.where(rowid >= bounds[0], rowid <= bounds[1])
        if dense:
            return statement.where(where.apply(select(Article.id)).where(Article.id == rowid).exists())
        # unary + keeps SQLite from handing the id list to FTS5 as rowid lookups (one seek per id:
        # seconds); the filter's ids then become one in-memory index that every match is checked against
        return statement.where(literal_column(f"+{name}.rowid").in_(where.apply(select(Article.id))))

    full = fts5_match(query)
    body_ids = [article_id for article_id, in _core(session, narrowed(select(fts.c.rowid).where(
        text("article_fts MATCH :match_body").bindparams(match_body=full)),
        "article_fts").order_by(fts.c.rowid.desc()).limit(max(CANDIDATES, limit))).all()]
    title_ids: list[int] = []
    if len(body_ids) == max(CANDIDATES, limit):
        # fewer body candidates than asked for are every match of the filter: a title match that meets the
        # whole query is among them already (one that does not is dropped when scored). The title matches
        # come from the titles' own index (migration 0012): through article_fts, FTS5 walked the word's
        # whole doclist, bodies included (a phrase in many bodies and no title: 9-26 ms at a million)
        titles = table("article_title_fts", column("rowid"))
        title_ids = [article_id for article_id, in _core(session, narrowed(select(titles.c.rowid).where(
            text("article_title_fts MATCH :match_title").bindparams(match_title=fts5_title_match(query))),
            "article_title_fts").order_by(titles.c.rowid.desc()).limit(TITLE_CANDIDATES)).all()]
    ranking = full
    positive = fts5_match(query, exclusions=False)
    if positive != full and not any(term.prefix for term in parse_query(query)):
        # bm25() weighs every phrase of the expression, an excluded one too, by a pass over its whole doclist
        # (``-中国``: ~10 ms at a million articles) though it adds nothing to the score of an article without
        # it; so candidates that meet the whole query are scored by the words to find alone (the same
        # scores). The body candidates met it; the title ones that are not among them are checked by id
        # (FTS5 seeks each: ~2 ms for 100; a prefix it would expand for each id, so a query with one keeps
        # the whole expression)
        extras = sorted(set(title_ids) - set(body_ids))
        if extras:
            title_ids = list(_core(session, select(fts.c.rowid).where(
                text("article_fts MATCH :match_extra").bindparams(match_extra=full),
                _id_in(fts.c.rowid, extras))).scalars().all())
        ranking = positive
    candidates = sorted(set(body_ids) | set(title_ids))
    if not candidates:
        return []
    # one statement scores every candidate: bm25() computes each phrase's IDF from its whole doclist on its
    # first call in a statement (15-45 ms for a common word at a million articles, whatever the rows
    # scored), so the body and the title candidates are scored together, not each in a statement of its
    # own. FTS5 answers ``rowid = ?`` by running the whole query again (a prefix: ~5 ms per id), so the
    # candidates are picked out of one pass over the matches between the lowest and the highest of them.
    score: ColumnElement[Any] = literal_column(f"-bm25(article_fts, {TITLE_WEIGHT}, 1.0)")
    rowid: ColumnElement[Any] = literal_column("article_fts.rowid")
    best = (select(fts.c.rowid.label("id"), score.label("score"))
            .where(text("article_fts MATCH :match_rank").bindparams(match_rank=ranking),
                   rowid >= candidates[0], rowid <= candidates[-1],
                   _id_in(literal_column("+article_fts.rowid"), candidates))
            .order_by(literal_column("score").desc(), literal_column("id").desc()).limit(limit))
    return [(article_id, float(value)) for article_id, value in _core(session, best).all()]


def _core(session: Session, statement: Any) -> Any:
    """The result of ``statement`` (a SQLite search statement) as Core rows, on the session's connection: the
    ORM's execution and row loading cost ~0.5 ms a statement more (a search runs 3-6). Read its rows with
    ``.all()`` (one ``fetchall``): iterated, a SQLite result fetches row by row (~4 µs a row, 2,000 ids)."""
    session.flush()  # as session.execute would
    return session.connection().execute(statement)


def _sqlite_walk(session: Session, query: str, where: ArticleFilter, limit: int) -> list[int] | None:
    """Newest first on SQLite for a word that is common among recent articles: the ``limit`` newest
    matches among the ``WALK`` (then ``WALK_FAR``) newest dated articles of the filter, or None.

    Checking every id of the date index against the matches (the general plan) makes SQLite collect
    every match first: all the articles for a 1-character word, ~10 ms per 100,000. Here FTS5 walks only
    the id range of the newest articles (rowid bounds), so the cost does not grow with the archive. When
    the newest dated articles hold ``limit`` matches they are the answer (undated articles come last)."""
    fts = table("article_fts", column("rowid"))
    dated = (where.apply(select(Article.id)).where(Article.publish_date.is_not(None))
             .order_by(Article.publish_date.desc(), Article.id.desc()))
    for size in (max(WALK, limit), max(WALK_FAR, limit)):
        recent = [article_id for article_id, in _core(session, dated.limit(size)).all()]
        if len(recent) < limit:
            return None
        rowid: ColumnElement[Any] = literal_column("article_fts.rowid")
        found = set(_core(session, select(fts.c.rowid).where(
            text("article_fts MATCH :match_walk").bindparams(match_walk=fts5_match(query)),
            rowid >= min(recent), rowid <= max(recent),
            _id_in(literal_column("+article_fts.rowid"), recent))).scalars().all())
        kept = [article_id for article_id in recent if article_id in found][:limit]
        if len(kept) == limit:
            return kept
        if len(recent) < size:
            return None
    return None


DENSE_FILTER = 0.9
"""A filter holding at least this share of the ids between its lowest and highest is checked match by
match on SQLite (see ``_ranked_ids``), a sparser one through the list of its ids."""

CANDIDATES = 500
"""PostgreSQL ranks at most this many of the newest matches, plus ``TITLE_CANDIDATES`` title matches.

``ts_rank_cd`` reads (detoasts) an article's whole tsvector, ~5 TOAST pages: ranking every match of a
common word took 0.4–1.5 s at 100,000 articles. The candidates come from the GIN indexes and the primary
key (newest first, the order ids give for free) with ``pg_candidate_tsquery``, which GIN answers without
reading a tsvector; only the kept candidates are checked against the real query and ranked. Up to
``CANDIDATES`` matches the ranking is exact (the same as ranking every match); above, an article that is
neither among the newest matches nor among the newest title matches is not shown. SQLite takes the same
candidates (FTS5 gives matches in rowid order; bm25 of them only), so both backends rank the same set."""

TITLE_CANDIDATES = 100
"""How many of the newest title matches PostgreSQL adds to the candidates, so that an older article
with the words in its title still competes (a title hit weighs 1.0 in ``ts_rank_cd``, a body hit 0.4)."""


def _pg_ranked_ids(query: str, where: ArticleFilter, limit: int, order: str,
                   session: Session) -> list[tuple[int, float | None]]:
    """The PostgreSQL ranking: bounded candidates, then ``ts_rank_cd`` on those only (see CANDIDATES)."""
    docs = table("article_search", column("article_id"), column("title"), column("document"))
    if order == "newest":
        return _pg_newest(session, docs, query, where, limit)
    tsquery = func.to_tsquery(literal_column("'simple'"), pg_tsquery(query))

    # the title candidates: the newest title matches, from the expression index ix_article_search_title
    # (migration 0006); the planner may also walk the primary key backwards and tokenise titles (~4 µs each)
    # until it has enough, which is why it keeps fewer
    in_title = func.to_tsquery(literal_column("'simple'"), pg_candidate_tsquery(query, positive_only=True))
    in_titles = func.to_tsvector(literal_column("'simple'"), docs.c.title).bool_op("@@")(in_title)
    loose = func.to_tsquery(literal_column("'simple'"), pg_candidate_tsquery(query))
    in_bodies = docs.c.document.bool_op("@@")(loose)
    if has_window_indexes(session):
        span = _pg_span(session, where)
        prefix = any(term.prefix for term in parse_query(query))
        # a prefix's GIN scan first unions the postings of every title token it begins (~15 ms for ``的`` at a
        # million articles, whatever the window), so its first window is wide enough to be the only one: the
        # filter's newest PREFIX_TITLE_WINDOW articles, however many ids of the archive that takes
        title_ids = _pg_window_matches(session, docs, in_titles, title_key(docs), where, span, TITLE_CANDIDATES,
                                       first=span.widened(PREFIX_TITLE_WINDOW) if prefix and span else None)
        if prefix:
            # a one-character word is a prefix (``经*``): GIN unions the postings of every token it begins
            # (``经济``, ``经营``…) before it can intersect them with a window, 10-20 MB of postings for
            # ``的`` at a million articles, so the newest articles are tested one by one instead (a common
            # character is in nearly every one; a rare one ends in the union, which is short for it)
            body_ids = _pg_newest_matches(session, docs, in_bodies, where, max(CANDIDATES, limit), BODY_WALK_MAX)
        else:
            body_ids = _pg_window_matches(session, docs, in_bodies, body_key(docs), where, span,
                                          max(CANDIDATES, limit))
    else:
        title_ids = _pg_newest_matches(session, docs, in_titles, where, TITLE_CANDIDATES)
        body_ids = _pg_newest_matches(session, docs, in_bodies, where, max(CANDIDATES, limit), BODY_WALK_MAX)
    candidates = sorted(set(title_ids) | set(body_ids))
    if not candidates:
        return []
    # the real query and the score of the candidates only, found by primary key: as a condition on
    # ``document`` the planner may answer the query with the GIN index instead and, for a phrase, read the
    # tsvector of every article holding its bigrams (20,819 for a 6-character phrase at a million)
    scored = _execute(session, select(docs.c.article_id, docs.c.document.bool_op("@@")(tsquery).label("hit"),
                                      func.ts_rank_cd(docs.c.document, tsquery).label("score"))
                      .where(_id_in(docs.c.article_id, candidates)))
    ranked: list[tuple[int, float | None]] = [(int(article_id), float(score))
                                              for article_id, hit, score in scored if hit]
    ranked.sort(key=lambda pair: (-(pair[1] or 0.0), -pair[0]))
    return ranked[:limit]


def body_key(docs: Any) -> ColumnElement[Any]:
    """The article id as ``ix_article_search_window`` holds it beside the body tokens (migration 0011)."""
    return cast(ColumnElement[Any], docs.c.article_id + 0)


def title_key(docs: Any) -> ColumnElement[Any]:
    """The article id as ``ix_article_search_title_window`` holds it beside the title tokens."""
    return cast(ColumnElement[Any], docs.c.article_id * 1)


PREFIX_TITLE_WINDOW = 10_000
"""The first window of title ids for a one-character word (a prefix) holds the filter's newest this many
articles (``Span.widened``: through a site of twenty, 200,000 ids of the archive): 10,000 ids cost 18 ms for
``的`` at a million articles against 15 ms for 200 (the union of its tokens' postings is the cost), and a
second window costs that union again (a character in one title of ten, through one site: 2-3 windows)."""

RARE_AFTER = 10_000
"""Ids of windows without a single match after which ``_pg_window_matches`` reads the rest at once."""

VERIFY_CHUNK = 1000
"""The most candidates checked against the exact query per statement when counting a phrase
(``count_matches``): each check reads the candidate's ``tsvector`` (~12 µs cached, a disk read when not)."""


def _verify_chunk(checked: dict[int, bool], size: int) -> int:
    """How many more candidates to check for ``size`` to pass: ``VERIFY_CHUNK`` before any was checked,
    then the number still missing at the share that passed so far, with a margin (a phrase whose every
    candidate passes needed its 1,001st after 1,000 checks: one more statement of 1,000 reads before)."""
    if not checked:
        return VERIFY_CHUNK
    passed = sum(checked.values())
    rate = max(passed, 1) / len(checked)
    return max(VERIFY_MIN, min(VERIFY_CHUNK, int((size - passed) / rate * VERIFY_MARGIN) + 1))


VERIFY_MIN = 50
"""The fewest candidates checked per statement after the first (a statement costs ~1 ms of its own)."""

VERIFY_MARGIN = 1.2
"""How many more candidates than the share seen so far promises are checked (a chunk too short costs a
statement more)."""


def has_window_indexes(session: Session) -> bool:
    """Whether the archive has the GIN indexes with the article id (migration 0011; it needs btree_gin).
    Asked once per session (kept in ``session.info``): a session lives for one command."""
    if "newscrawler_window_indexes" not in session.info:
        session.info["newscrawler_window_indexes"] = bool(session.execute(text(
            "SELECT to_regclass('ix_article_search_window') IS NOT NULL "
            "AND to_regclass('ix_article_search_title_window') IS NOT NULL")).scalar())
    return bool(session.info["newscrawler_window_indexes"])


@dataclass(frozen=True, slots=True)
class Span:
    """The lowest and highest id of a filter's articles, and how many it keeps (None: no filter, every id)."""

    low: int
    high: int
    kept: int | None = None

    def widened(self, ids: int) -> int:
        """A window of the filter's newest ``ids`` articles, in ids of the archive: ``ids`` over the share of
        the span the filter keeps (a site of twenty: twenty times as wide), at most the whole span."""
        width = self.high - self.low + 1
        if not self.kept:
            return min(ids, width)
        return min(width, ids * width // self.kept)


def _pg_span(session: Session, where: ArticleFilter) -> Span | None:
    """The lowest and highest id of the filter's articles and their number (None when it has none).

    ``min(id + 0)``, not ``min(id)``: for ``min(id)`` PostgreSQL walks the primary key from its first id
    and tests each row against the filter (300 ms for the last 30 days of a million articles: 918,000
    rows before the first one of the window); for an expression it reads the filter's own index, which
    holds the id (migration 0011: ``(publish_date, id)``, ``(site_id, publish_date, id)``), index-only:
    14 ms for those 30 days, 1 ms with a site; counting them in the same read costs next to nothing.
    Without a filter, the primary key's two ends (the number is not needed: every id counts)."""
    if not where.active:
        low, high = _execute(session, select(func.min(Article.__table__.c.id), func.max(Article.__table__.c.id)))[0]
        return None if low is None else Span(int(low), int(high))
    key: ColumnElement[Any] = Article.id + 0
    low, high, kept = _execute(session, where.apply(cast(Select[Any], select(func.min(key), func.max(key),
                                                                             func.count()))))[0]
    return None if low is None else Span(int(low), int(high), int(kept))


def _pg_window_matches(session: Session, docs: Any, condition: ColumnElement[Any], key: ColumnElement[Any],
                       where: ArticleFilter, span: Span | None, size: int,
                       verify: Callable[[list[int]], list[int]] | None = None, first: int | None = None) -> list[int]:
    """The ids of the ``size`` newest articles of the filter (whose ids lie in ``span``) that meet
    ``condition`` (a match of the body or the title tokens, which GIN decides without reading a row),
    newest first. With ``verify`` (``count_matches``: the exact check of a phrase on its GIN candidates)
    only the candidates it keeps count.

    The GIN indexes of migration 0011 hold the article id beside the tokens, as ``key`` spells it
    (``body_key``, ``title_key``: an expression only that index has), so one index scan answers "the
    matches from id ``low`` up": GIN intersects the tokens' postings with the ids and returns the
    matches only, no ``tsvector`` read (testing the newest articles one by one read a ~13 KB
    ``tsvector`` each: 50 ms for 2,000 at a million articles, and the planner takes that test for free).
    The first window is the ``2 * size`` newest ids of the span (or ``first``); each next one is sized from
    the rate of matches seen so far, until ``size`` are found or the span is read. Each scan is a ``MATERIALIZED``
    CTE, so the planner keeps it whole instead of turning it into a walk that tests rows one by one."""
    if span is None:
        return []
    bottom, top = span.low, span.high

    built: dict[bool, Any] = {}  # the two statements of ``newest``, built once per call: only ``low`` changes
    low_value = bindparam("window_low", type_=Integer)

    def newest(low: int) -> list[int]:
        """Every match from ``low`` up (of the filter), newest first: one GIN scan whose id condition is a
        lower bound only (btree_gin answers ``<=`` by reading the index from its first id). From the
        archive's first id on, no id condition at all: the word's own postings are the shorter read."""
        whole = low == bottom and not where.active
        if whole not in built:
            gin = (select(docs.c.article_id).where(condition) if whole else
                   select(docs.c.article_id).where(condition, key >= low_value)).cte("matches") \
                .prefix_with("MATERIALIZED")
            ids = select(gin.c.article_id)
            if where.active:
                kept = where.apply(select(Article.id)).where(Article.id >= low_value).subquery("kept")
                ids = ids.join(kept, kept.c.id == gin.c.article_id)
            ids = ids.order_by(gin.c.article_id.desc())
            built[whole] = ids if verify else ids.limit(size)
        return [article_id for article_id, in _execute(session, built[whole], {"window_low": low})]

    checked: dict[int, bool] = {}  # with ``verify``: the candidates checked so far, and whether they passed
    width = first or max(2 * size, 200)
    while True:
        low = max(bottom, top - width + 1)
        ids = newest(low)
        if verify is not None:
            fresh = [article_id for article_id in ids if article_id not in checked]
            while fresh and sum(checked.values()) < size:
                step = _verify_chunk(checked, size)
                chunk, fresh = fresh[:step], fresh[step:]
                kept_ids = set(verify(chunk))
                checked.update((article_id, article_id in kept_ids) for article_id in chunk)
            ids = [article_id for article_id in ids if checked.get(article_id)]
        if len(ids) >= size or low == bottom:
            return ids[:size]
        # the next window holds ``size`` matches at the rate seen so far (with a margin), at least twice the
        # last; none seen yet: eight times, or, past ``RARE_AFTER`` ids, the rest. A window of half the
        # span or more becomes the rest: a word that rare is read faster from its own postings than
        # through a long range of ids (819,200 ids of btree_gin entries: 37 ms; the postings: 0.5 ms)
        span_ids = top - bottom + 1
        if ids:
            width = max(2 * width, int(size / (len(ids) / (top - low + 1)) * 1.25) + 1)
        else:
            width = span_ids if width >= RARE_AFTER else 8 * width
        if 2 * width >= span_ids:
            width = span_ids


COUNT_WALK_MAX = 25_000
"""The longest walk of the newest articles when counting a one-character word (``_pg_counted``)."""

BODY_WALK_MAX = 10_000
"""The longest walk ``_pg_newest_matches`` makes (a word in ~5 % of the articles); rarer words come from
the GIN index."""


def _pg_newest_matches(session: Session, docs: Any, condition: ColumnElement[Any], where: ArticleFilter,
                       size: int, longest: int | None = None) -> list[int]:
    """The ids of the ``size`` newest articles (of the filter) that meet ``condition`` (a GIN-indexed match,
    of the body tokens or of the title): the candidates of the PostgreSQL ranking, in steps decided here,
    each reading a bounded number of rows.

    1. The newest ids are checked one by one (a primary-key lookup and one tsvector each), ``size`` and a
       third of it at first (at most ``WALK_FAR``): a frequent word has its ``size`` newest matches there. If their share of matches promises
       ``size`` within ``longest`` rows (``BODY_WALK_MAX`` for the body), the walk goes on that far.
    2. Otherwise every GIN match (no tsvector read) is collected first (a MATERIALIZED CTE: the planner
       cannot turn it into a walk of the primary key), then the newest ``size`` of them kept.
    Left to the planner, "the newest 500 matches" was a backward walk of the primary key testing every
    tsvector for any word it did not know (73,000 rows, 373 ms, for a word in 0.7 % of a million
    articles), or a hash of every GIN match against a date filter's ids (287,722 for a 1-character word):
    reading a TOASTed tsvector is not in its cost model. Titles alike: 317 ms for a 1-character word in
    the last 30 days."""
    loose = condition

    def walk(below: int | None, step: int) -> list[Any]:
        """The next ``step`` articles of the filter below id ``below``, newest first, and whether each meets
        the condition. A step goes on from the last one's lowest id: with OFFSET each step read and tested
        the rows of every step before it again (one tsvector each). The filter's ids are a MATERIALIZED CTE
        of their own (the primary key walked backwards, ~1 ms): joined with article_search, the planner
        sorted every id of a 30-day window (82,000 at a million articles: ~20 ms) to merge the two keys."""
        if where.active:
            ids = where.apply(select(Article.id))
            if below is not None:
                ids = ids.where(Article.id < below)
            newest = ids.order_by(Article.id.desc()).limit(step).cte("newest").prefix_with("MATERIALIZED")
            # an outer join: an article without its search row (none should lack one) is a row of the step
            # that does not match, not one missing from it (a short step means the filter ran out)
            return _execute(session, select(newest.c.id, loose.label("hit"))
                            .outerjoin(docs, docs.c.article_id == newest.c.id).order_by(newest.c.id.desc()))
        statement = select(docs.c.article_id, loose.label("hit")).order_by(docs.c.article_id.desc())
        if below is not None:
            statement = statement.where(docs.c.article_id < below)
        return _execute(session, statement.limit(step))

    found: list[int] = []
    walked = 0
    below: int | None = None
    step = min(WALK_FAR, size + size // 3)  # a character in nearly every article ends here (~40 µs a row)
    while True:
        rows = walk(below, step)
        if rows:
            below = rows[-1][0]
        walked += len(rows)
        found += [article_id for article_id, hit in rows if hit]
        if len(found) >= size or len(rows) < step:
            return found[:size]  # enough, or every article of the filter checked
        need = (size - len(found)) * walked // max(len(found), 1) + WALK_FAR // 10
        if not found or walked + need > (longest or WALK_FAR):
            break
        step = need
    matches = select(docs.c.article_id).where(loose).cte("matches").prefix_with("MATERIALIZED")
    newest_matches = select(matches.c.article_id)
    if where.active:
        newest_matches = newest_matches.where(matches.c.article_id.in_(where.apply(select(Article.id))))
    return [article_id for article_id, in _execute(
        session, newest_matches.order_by(matches.c.article_id.desc()).limit(size))]


WALK = 200
"""Newest first: the first chunk of the newest dated articles (after the filter) whose matches are looked
for before the word is taken for rare (``_pg_newest_dated``: by a GIN window; a one-character word, or an
archive before migration 0011, tests them one by one: ``_pg_newest_walked``); SQLite checks their id
range (``_sqlite_walk``)."""

WALK_FAR = 2000
"""Newest first: how far the first chunks reach (a word in 1–10 % of the articles) before a word without a
match among them is taken for rare and its matches are sorted by date (one article lookup per match,
100,000 of them at a million for a common word)."""


def _pg_newest(session: Session, docs: Any, query: str, where: ArticleFilter,
               limit: int) -> list[tuple[int, float | None]]:
    """Newest first on PostgreSQL, in steps that each read few tsvectors whatever the word.

    1. The newest dated ids of the filter, a chunk at a time, say which articles come first; which of
       them match is decided by the GIN index (``_pg_newest_dated``: no ``tsvector`` read but for the
       word order of a phrase or an exclusion, checked on the GIN candidates only). Before 0011, or for a
       one-character word (a prefix, whose GIN postings are the union of every token it begins), the
       ``WALK`` then ``WALK_FAR`` newest dated articles are tested one by one instead (a primary-key
       lookup and one tsvector each: ~10 ms for 200 when they are cached, one disk read each when not).
    2. Otherwise (the newest ``WALK_FAR`` hold no match, the word has fewer matches in all than the next
       chunk is worth, step 1 found too few, or the dated articles ran out) its matches come from the GIN
       index with ``pg_candidate_tsquery`` (no tsvector read), sorted by date (undated last), and are
       checked against the real query a page at a time, only when they differ (a phrase).
    The planner's estimate for a prefix or a phrase can be off by 50× (bigrams of a word come
    together, it assumes they do not), so the order of the steps is decided here, not by it.
    """
    exact_text, loose_text = pg_tsquery(query), pg_candidate_tsquery(query)
    exact = _document_matches(docs, exact_text)
    loose = _document_matches(docs, loose_text)
    if has_window_indexes(session) and not any(term.prefix for term in parse_query(query)):
        chunked = _pg_newest_dated(session, docs, loose, exact if loose_text != exact_text else None, where, limit)
        if chunked is not None:
            return [(article_id, None) for article_id in chunked]
    else:
        walked = _pg_newest_walked(session, docs, exact, where, limit)
        if walked is not None:
            return [(article_id, None) for article_id in walked]
    matching = select(docs.c.article_id).where(loose)
    if where.active and has_window_indexes(session):
        # only the matches from the filter's lowest id up, which GIN decides by itself (the id-bearing index,
        # migration 0011): a word's matches across the archive each cost an ``article_search`` heap visit and
        # an ``article`` lookup to be told apart by site and date (3,841 for a 4-character word at a million
        # articles: 458 ms when read from disk), those of a 30-day filter's ids a tenth of that
        span = _pg_span(session, where)
        if span is None:
            return []
        matching = matching.where(body_key(docs) >= span.low)
    ordered = (where.apply(select(Article.id)).where(Article.id.in_(matching))
               .order_by(Article.publish_date.desc().nulls_last(), Article.id.desc()))
    if loose_text == exact_text:
        return [(article_id, None) for article_id, in _execute(session, ordered.limit(limit))]
    page = max(4 * limit, 100)
    kept: list[tuple[int, float | None]] = []
    for offset in itertools.count(0, page):
        ids = [article_id for article_id, in _execute(session, ordered.limit(page).offset(offset))]
        verified = _passing(session, docs, exact, ids)
        kept += [(article_id, None) for article_id in ids if article_id in verified][:limit - len(kept)]
        if len(kept) == limit or len(ids) < page:
            break
    return kept


def _pg_newest_walked(session: Session, docs: Any, exact: ColumnElement[Any], where: ArticleFilter,
                      limit: int) -> list[int] | None:
    """The ``limit`` newest matches among the ``WALK`` (then ``WALK_FAR``) newest dated articles of the
    filter, each tested against the query by key (one tsvector read each), or None when they hold fewer
    than ``limit`` (undated articles come last, so such a walk is the answer when it is full)."""
    dated = cast(Select[Any], select(Article.id, Article.publish_date))
    for size in (max(WALK, limit), max(WALK_FAR, limit)):
        recent = (where.apply(dated).where(Article.publish_date.is_not(None))
                  .order_by(Article.publish_date.desc(), Article.id.desc()).limit(size).subquery("recent"))
        # the match is a column, filtered here, not a condition: as a condition on ``document`` the planner
        # may answer it with the GIN index, and for a phrase that means reading every candidate's tsvector
        walked = (select(recent.c.id, exact.label("hit")).join(docs, docs.c.article_id == recent.c.id)
                  .order_by(recent.c.publish_date.desc(), recent.c.id.desc()))
        rows = _execute(session, walked)
        found = [article_id for article_id, hit in rows if hit][:limit]
        if len(found) == limit:
            return found
        if len(rows) < size or len(found) * WALK_FAR < limit * size:
            return None  # every dated article of the filter was checked, or too few matches to expect enough
    return None


DATED_CHUNK_MAX = 50_000
"""The most dated ids ``_pg_newest_dated`` takes at once."""

MATCH_SORT_COST = 20
"""Reading one GIN match's article row to sort it by date costs about as much as reading this many dated
ids of the date index (a rare phrase at a million articles: its 1,234 matches sorted in 24 ms, the 50,000
dated ids that held its 20 newest read in two statements of ~18 ms)."""

WINDOW_SPREAD = 100
"""A chunk of ``n`` dated ids is matched through one GIN window of at most ``WINDOW_SPREAD * n`` ids
(``_pg_newest_dated``); its ids below that window (an old article with a recent date) are tested by key."""


def _pg_newest_dated(session: Session, docs: Any, loose: ColumnElement[Any], exact: ColumnElement[Any] | None,
                     where: ArticleFilter, limit: int) -> list[int] | None:
    """The ``limit`` newest matches of the filter, by date: its newest dated ids from the date index alone
    (it holds the id, migration 0011), ``WALK`` of them, then up to ``WALK_FAR``, then chunks sized from the
    rate of matches seen (at most ``DATED_CHUNK_MAX``, or ``limit`` when that is more); for each chunk one
    GIN window from its lowest id up
    says which match (no ``tsvector`` read; a phrase's word order or an exclusion is then checked on those
    candidates only, by key). Testing each of the newest articles against the query instead read one
    ~13 KB ``tsvector`` each (2,200 for a word found a few times among them: 111–124 ms at p95 at a million
    articles, a disk read each when not cached), and sorting every GIN match by date meant one ``article``
    lookup per match (9,365 for a 2-character word: 119 ms). A chunk's ids stay in the database (two or
    three statements each read them again from the index): fetching 50,000 ids into Python cost ~50 ms.
    Returns None when the newest ``WALK_FAR`` hold no match or the word has fewer matches in all than the
    next chunk is worth (``MATCH_SORT_COST``): the caller sorts its matches by date; or when the dated ids
    run out before ``limit`` (the caller's general step then adds the undated matches, last)."""
    dated = (where.apply(cast(Select[Any], select(Article.id, Article.publish_date)))
             .where(Article.publish_date.is_not(None)).order_by(Article.publish_date.desc(), Article.id.desc()))
    both = loose if exact is None else and_(loose, exact)
    kept: list[int] = []
    offset, size, asked = 0, max(WALK, limit), False
    # the statements of a chunk, built once: each chunk runs them again with its own values (by name)
    chunk = dated.limit(bindparam("chunk_size", type_=Integer)).offset(bindparam("chunk_offset", type_=Integer)) \
        .cte("chunk").prefix_with("MATERIALIZED")
    # how many ids the chunk holds and where its GIN window starts: ``WINDOW_SPREAD`` ids per id of the
    # chunk below its highest; ids under that (an old article with a recent date) are tested by key
    span = select(func.count().label("n"), (func.max(chunk.c.id) - WINDOW_SPREAD * func.count()).label("floor")) \
        .select_from(chunk).cte("span")
    spread = select(span.c.n, span.c.floor,
                    select(func.min(chunk.c.id)).where(chunk.c.id >= span.c.floor).scalar_subquery(),
                    select(func.count()).select_from(chunk).where(chunk.c.id < span.c.floor).scalar_subquery())
    floor_value = bindparam("chunk_floor", type_=Integer)
    window = select(docs.c.article_id).where(loose, body_key(docs) >= bindparam("window_low", type_=Integer)) \
        .cte("matches").prefix_with("MATERIALIZED")
    in_window = select(chunk.c.id, chunk.c.publish_date).join(window, window.c.article_id == chunk.c.id) \
        .where(chunk.c.id >= floor_value)
    under = select(chunk.c.id, chunk.c.publish_date, both).join(docs, docs.c.article_id == chunk.c.id) \
        .where(chunk.c.id < floor_value)
    while True:
        values = {"chunk_size": size, "chunk_offset": offset}
        got, floor, low, below = _execute(session, spread, values)[0]
        offset += got
        if not got:
            return None
        values |= {"chunk_floor": floor, "window_low": low}
        found = _execute(session, in_window, values)
        if exact is not None and found:  # a phrase or an exclusion: checked on the GIN candidates only, by key
            passed = _passing(session, docs, exact, [article_id for article_id, _ in found])
            found = [row for row in found if row[0] in passed]
        if below:
            found += [(article_id, published) for article_id, published, hit in _execute(session, under, values)
                      if hit]
        found.sort(key=lambda row: (row[1], row[0]), reverse=True)
        # an article archived meanwhile shifts the chunks by one row (they are read by offset): never twice
        kept += [article_id for article_id, _ in found if article_id not in kept][:limit - len(kept)]
        if len(kept) == limit:
            return kept
        if got < size or (not kept and offset >= WALK_FAR):
            return None
        if offset < WALK_FAR:
            size = WALK_FAR - offset
            continue
        # the next chunk holds the rest at the rate seen (with a margin); when the word has fewer matches in
        # all than a chunk that long is worth (``MATCH_SORT_COST``), sorting them by date is the cheaper read
        size = (limit - len(kept)) * offset * 3 // (2 * len(kept)) + 1
        if not asked:  # asked once: the answer does not change from one chunk to the next
            asked = True
            if _pg_at_most(session, docs, loose, min(size, DATED_CHUNK_MAX) // MATCH_SORT_COST):
                return None
        size = min(DATED_CHUNK_MAX, size)


def _pg_at_most(session: Session, docs: Any, loose: ColumnElement[Any], count: int) -> bool:
    """Whether ``loose`` has at most ``count`` matches in the archive (read from GIN, stopping at one more)."""
    some = select(docs.c.article_id).where(loose).limit(count + 1).subquery("some")
    return int(_execute(session, select(func.count()).select_from(some))[0][0]) <= count


def _execute(session: Session, statement: Any, values: dict[str, Any] | None = None) -> list[Any]:
    """Run a PostgreSQL search statement with its values written into the SQL.

    psycopg prepares a statement on the server after five runs on a connection, and PostgreSQL then may
    plan it once for any value (a generic plan): one plan for ``的`` and for a rare phrase, a 30-day
    window and a year. The plan of a search depends on exactly these values (10× at 100,000 articles),
    so they are rendered as literals by SQLAlchemy (quoted and escaped by the dialect; the tsquery text
    is built from tokens only): every bound value of the statement is marked ``literal_execute``
    (``_literal_values``), those named in ``values`` too (a statement run again with another value)."""
    _literal_values(statement)
    # on the session's connection, not through the ORM: its row loading cost ~1 µs an id, 50 ms for the
    # 50,000 dated ids of a chunk (``_pg_newest_dated``), where Core rows are ~20× cheaper
    session.flush()  # Core on the session's connection does not autoflush as session.execute would
    return list(session.connection().execute(statement, values,
                                             execution_options={"compiled_cache": _LITERAL_COMPILED}).all())


class _CompiledCache(dict[Any, Any]):
    """SQLAlchemy's ``compiled_cache`` for the statements ``_execute`` runs, apart from the engine's, emptied when
    it holds ``LITERAL_COMPILED_MAX`` forms. A statement's cache key is computed before its values are marked
    literal (``_literal_values``) and does not change with the marks: in the engine's cache, a statement of the
    same shape compiled unmarked elsewhere would be reused and send its values as parameters again."""

    def __setitem__(self, key: Any, value: Any) -> None:
        if len(self) >= LITERAL_COMPILED_MAX:
            self.clear()
        super().__setitem__(key, value)


LITERAL_COMPILED_MAX = 1000
"""The most compiled search statements kept (a search's shapes number in the tens; the engine's own cache: 500)."""

_LITERAL_COMPILED = _CompiledCache()


def _literal_values(statement: Any) -> None:
    """Mark every bound value of ``statement`` ``literal_execute``, in place: SQLAlchemy then renders it
    into the SQL when the statement runs (its compiled form is cached without the values, as before).

    The bound values are those its cache key lists (``sqlalchemy_internals.bound_values``: what SQLAlchemy
    itself takes a cached statement's values from), found by walking the statement when it has no cache key. Marking copies instead
    (``visitors.replacement_traverse``, a clone of the whole statement tree) cost ~40 % of a search's
    client CPU on PostgreSQL. In place is safe here: the statements of this module are built for one search
    and run only through ``_execute`` (a part shared by two statements, a CTE, is marked by the first)."""
    binds = bound_values(statement)
    if binds is not None:
        for bind in binds:
            bind.literal_execute = True
        return
    seen: set[int] = set()
    stack = [statement]
    while stack:
        element = stack.pop()
        if id(element) in seen:
            continue
        seen.add(id(element))
        if isinstance(element, BindParameter):
            element.literal_execute = True
        elif not isinstance(element, TableClause):
            stack.extend(element.get_children())


def snippet(body: str, terms: Sequence[Term], *, width: int = 80, marks: tuple[str, str] = ("【", "】")) -> str:
    """About ``width`` characters of ``body`` around the first hit, every hit in it wrapped in ``marks``.

    Only the first hit of each word is looked for in the whole body, then the hits inside the window: a
    one-character word has hundreds of hits in a long body (~1 ms a snippet when each was collected)."""
    normal, origin = _normal_with_origin(body)
    patterns = []
    for term in terms:
        if not term.exclude:
            pieces = [m.group(0) for m in _RUNS.finditer(term.surface)]
            patterns.append(re.compile(_SEPARATOR.join(re.escape(p) for p in pieces)))
    firsts = [origin[match.start()] for pattern in patterns
              if (match := next((m for m in pattern.finditer(normal) if m.end() > m.start()), None))]
    start = max(0, min(firsts) - width // 4) if firsts else 0
    end = min(len(body), start + width)
    low, high = bisect.bisect_left(origin, start), bisect.bisect_left(origin, end)
    spans = sorted((origin[match.start()], origin[match.end() - 1] + 1)
                   for pattern in patterns for match in pattern.finditer(normal, low, high)
                   if match.end() > match.start())
    out, cursor = [], start
    for left, right in spans:
        if left < cursor or right > end:
            continue
        out += [body[cursor:left], marks[0], body[left:right], marks[1]]
        cursor = right
    out.append(body[cursor:end])
    text_ = "".join(out).replace("\n", " ")
    return ("…" if start > 0 else "") + text_ + ("…" if end < len(body) else "")


def _normal_with_origin(body: str) -> tuple[str, Sequence[int]]:
    """``normalise(body)`` with, for every normalised character, the index of the character it came from.

    A body whose length the normalisation keeps maps each character to one (``range``: nothing built). One
    it changes (a full-width ellipsis, a ligature) is normalised character by character, as one string by
    ``str.translate`` (every character's form is looked up once per process, ``_normal_table``); its
    origins are runs of consecutive indices broken only at the characters whose form is not one character
    long (found by ``str.find``): ~20× cheaper than a Python step per character, the same text and origins."""
    normal = _normalise_quickly(body)
    if len(normal) == len(body):  # the usual case: every character maps to one character
        return normal, range(len(body))
    table, longer = _normal_table(body)
    starts = sorted(i for ch in longer for i in _occurrences(body, ch))
    origin: list[int] = []
    done = 0
    for i in starts:
        origin.extend(range(done, i))
        origin.extend([i] * len(table[ord(body[i])]))
        done = i + 1
    origin.extend(range(done, len(body)))
    return body.translate(table), origin


_UNUSUAL = re.compile("[^\x00-\x7f\u3400-\u4dbf\u4e00-\u9fff]")
"""A character other than ASCII and the common Han blocks: one of them may have a compatibility form."""
_NFKD_FORMS: dict[str, str] = {}
"""Every character ``_UNUSUAL`` found so far, and the form ``_normalise_quickly`` gives it first: itself when
it is NFKC-normalised alone, else its NFKD decomposition."""


def _normalise_quickly(text_: str) -> str:
    """``normalise(text_)``, the same string, ~7× faster for Chinese text (100 → 15 µs for 670 characters).

    NFKC of a text holding one character that is not NFKC-normalised (a full-width comma ``，``, in nearly
    every Chinese sentence) runs the whole decomposition and composition over every character. So each
    such character is first replaced by its NFKD form (``str.replace``, a few distinct ones a body), and
    NFKC then usually finds the text normalised by its quick check alone. The result is the same: NFKC(s) is
    the composition of NFKD(s), and NFKD(s) is unchanged when characters of ``s`` are replaced by their own
    NFKD forms (decomposition is applied character by character, then one canonical reordering of the
    whole sequence); a character NFKC leaves alone may stay (tested on random text, tests/test_search_snippet.py)."""
    for ch in set(_UNUSUAL.findall(text_)):
        form = _NFKD_FORMS.get(ch)
        if form is None:
            if len(_NFKD_FORMS) >= _NORMAL_SEEN_MAX:
                _NFKD_FORMS.clear()
            form = ch if unicodedata.is_normalized("NFKC", ch) else unicodedata.normalize("NFKD", ch)
            _NFKD_FORMS[ch] = form
        if form != ch:
            text_ = text_.replace(ch, form)
    return unicodedata.normalize("NFKC", text_).lower()


_NORMAL_STATE: tuple[dict[int, str], set[str], set[str]] = ({}, set(), set())
"""``str.translate``'s table (code point → form, for every character seen whose ``_normal_char`` differs from it),
the characters looked up so far, and those whose form is not one character long. Replaced whole when full,
never cleared in place: a thread still holding the old one (Datasette runs snippets in several SQL threads)
keeps a consistent table; a character is marked seen only after its entries are in."""
_NORMAL_SEEN_MAX = 1 << 16


def _normal_table(body: str) -> tuple[dict[int, str], set[str]]:
    """The translation table for ``body``'s characters and those of them whose form is not one character."""
    global _NORMAL_STATE
    table, seen, longer = _NORMAL_STATE
    chars = set(body)
    fresh = chars - seen
    if fresh:
        if len(seen) + len(fresh) > _NORMAL_SEEN_MAX:  # bounded, as the lru_cache it replaces
            table, seen, longer = _NORMAL_STATE = ({}, set(), set())
            fresh = chars
        for ch in fresh:
            piece = _normal_char(ch)
            if piece != ch:
                table[ord(ch)] = piece
            if len(piece) != 1:
                longer.add(ch)
        seen.update(fresh)
    return table, chars & longer


def _occurrences(text_: str, ch: str) -> list[int]:
    """Every index of ``ch`` in ``text_``."""
    found: list[int] = []
    i = text_.find(ch)
    while i >= 0:
        found.append(i)
        i = text_.find(ch, i + 1)
    return found


def _normal_char(ch: str) -> str:
    """``normalise`` of one character (``ch`` itself for an ASCII character that is not upper case)."""
    return normalise(ch) if not ch.isascii() or ch.isupper() else ch
