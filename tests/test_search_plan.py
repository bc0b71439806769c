"""The PostgreSQL search plans (issue 17): which indexes the planner picks on a small archive.

Ranking reads an article's whole tsvector (several TOAST pages), so the plans must keep that to a bounded
set: candidates come from the GIN indexes or the primary key, never from a sequential scan of
``article_search`` that tests every row's tsvector, and a phrase reaches the GIN index as the AND of its tokens (no recheck of every
candidate). The archive is 20,000 invented articles (at 2,000 the planner rightly reads the small table
whole), bulk-inserted and analysed; the statements are the
ones ``search`` sends (captured), explained with FORMAT JSON. No timings are asserted.

On SQLite (same archive) a site + date filter must be answered by one range of the
``(site_id, publish_date)`` index, index-only (migration 0007): with one index per column SQLite read
every article row of the window to test the site; and FTS5 must get the filter's id range as rowid
bounds (it then skips the matches outside the filter instead of testing each).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, event, insert, select, text

from pipelines.db.engine import make_engine, session_factory
from pipelines.db.filters import ArticleFilter
from pipelines.db.migrate import upgrade
from pipelines.db.models import Article, SearchDocument, Site
from pipelines.db.search import (
    COUNT_CAP,
    ORDERS,
    Span,
    count_matches,
    fts5_match,
    has_window_indexes,
    index_text,
    search,
)

from .conftest import _postgres_database

N = 20_000
NOW = datetime(2024, 6, 1, tzinfo=UTC)
COMMON = "今天的天气很好，市民在公园里散步。"  # in every article
RARE = "城市轨道交通新线路开通运营"  # in every 100th article (one title in 400)
FILLER = ("会议讨论了明年的工作安排。", "记者从有关部门获悉这一消息。", "专家表示还需要进一步观察。",
          "附近居民对此表示欢迎。", "相关工作正在有序推进。")


def _load(engine: Engine) -> None:
    """The invented articles, bulk-inserted, then analysed."""
    with engine.begin() as c:
        c.execute(insert(Site), [{"id": i + 1, "name": f"site{i}", "domain": f"site{i}.example.cn"}
                                 for i in range(4)])
        articles, documents = [], []
        for i in range(1, N + 1):
            title = f"{'城市轨道交通新线路' if i % 400 == 0 else '本地新闻'}第{i}期"
            body = COMMON + "".join(FILLER[(i + k) % 5] for k in range(3)) + (RARE if i % 100 == 0 else "")
            when = NOW - timedelta(hours=N - i)
            articles.append({"id": i, "canonical_url": f"https://site{i % 4}.example.cn/{i}.html",
                             "site_id": i % 4 + 1, "title": title, "body": body, "blocks": [],
                             "publish_date": when, "author": [], "editor": [], "breadcrumb": [], "tags": [],
                             "extractor_version": "test", "content_hash": f"h{i}", "signature": [],
                             "version": 1, "first_seen": when, "last_seen": when})
            documents.append({"article_id": i, "title": index_text(title), "body": index_text(body)})
        c.execute(insert(Article), articles)
        c.execute(insert(SearchDocument), documents)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        # as autovacuum would on PostgreSQL (GIN pending list merged, statistics); ANALYZE on SQLite
        c.execute(text("VACUUM ANALYZE" if engine.dialect.name == "postgresql" else "ANALYZE"))


@pytest.fixture(scope="module")
def engine() -> Iterator[Engine]:
    for url in _postgres_database():
        upgrade(url)
        engine = make_engine(url)
        _load(engine)
        yield engine
        engine.dispose()


@pytest.fixture(scope="module")
def sqlite_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    url = f"sqlite:///{tmp_path_factory.mktemp('plan') / 'archive.db'}"
    upgrade(url)
    engine = make_engine(url)
    _load(engine)
    yield engine
    engine.dispose()


def _sent(engine: Engine, query: str, order: str, where: ArticleFilter | None, table_: str) -> list[tuple[str, Any]]:
    """The statements (and parameters) ``search`` sends that read ``table_``."""
    sent: list[tuple[str, Any]] = []

    def capture(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool) -> None:
        if table_ in statement:
            sent.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", capture)
    try:
        with session_factory(engine)() as s:
            assert search(s, query, where, order=order)
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    return sent


def _plans(engine: Engine, query: str, order: str, where: ArticleFilter | None = None) -> list[dict[str, Any]]:
    """The JSON plans of the statements ``search`` sends that read article_search."""
    sent = [statement for statement, _ in _sent(engine, query, order, where, "article_search")
            if "to_regclass" not in statement]  # has_window_indexes
    with engine.connect() as c:
        return [_json(c.exec_driver_sql("EXPLAIN (FORMAT JSON) " + statement).scalar_one())[0]["Plan"]
                for statement in sent]


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def _nodes(plan: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield plan
    for child in plan.get("Plans", []):
        yield from _nodes(child)


def _uses(plans: list[dict[str, Any]]) -> set[str]:
    return {node["Index Name"] for plan in plans for node in _nodes(plan) if "Index Name" in node}


def _never_scans_the_tsvectors(plans: list[dict[str, Any]]) -> None:
    for plan in plans:
        for node in _nodes(plan):
            reads_every_row = node["Node Type"] == "Seq Scan" and "document" in node.get("Filter", "")
            assert not (reads_every_row and node.get("Relation Name") == "article_search"), node
            assert "<->" not in node.get("Index Cond", "") + node.get("Recheck Cond", ""), node


def _ranks_only_candidates(plans: list[dict[str, Any]]) -> None:
    """The real query and ts_rank_cd run on the candidates' ids only, found by key, never through a GIN
    index (which for a phrase would read the tsvector of every article holding its bigrams)."""
    scoring = [plan for plan in plans
               if any(node.get("Relation Name") == "article_search"
                      and "ANY" in node.get("Index Cond", "") + node.get("Filter", "") for node in _nodes(plan))]
    assert len(scoring) == 1, plans
    assert not any((node.get("Index Name") or "").startswith("ix_article_search") for node in _nodes(scoring[0]))


RARE_TITLE = "交通新线路第"  # in one title in 400 (the body phrase 城市轨道交通新线路开通运营 goes on 开通)


WINDOW_INDEXES = {"ix_article_search_window", "ix_article_search_title_window"}


def _windows_come_from_the_gin_indexes(plans: list[dict[str, Any]]) -> None:
    """Every statement that looks for matches (not the scoring of the candidates by key) reads a GIN index
    with the article id beside the tokens, and no statement walks the primary key testing tsvectors."""
    for plan in plans:
        for node in _nodes(plan):
            walks_the_key = node.get("Index Name") == "pk_article_search" and "document" in node.get("Filter", "")
            assert not walks_the_key, node
    assert _uses(plans) >= WINDOW_INDEXES
    windows = [node for plan in plans for node in _nodes(plan)
               if node.get("Index Name") in WINDOW_INDEXES and "(article_id + 0)" in node.get("Index Cond", "")]
    assert windows, plans


@pytest.mark.parametrize("order", ORDERS)
@pytest.mark.parametrize("where", [None, ArticleFilter(site="site0", since=NOW - timedelta(days=30))])
def test_a_rare_phrase_is_found_through_the_gin_indexes(engine: Engine, order: str,
                                                        where: ArticleFilter | None) -> None:
    """Best first: the candidates come from the GIN indexes, a window of the newest ids first (the id is a
    column of the index, migration 0011), then every match at once (a MATERIALIZED CTE) when the window
    promises few; the phrase reaches GIN as the AND of its bigrams. Newest first: the matches from GIN."""
    plans = _plans(engine, RARE_TITLE, order, where)
    _never_scans_the_tsvectors(plans)
    if order == "relevance":
        _ranks_only_candidates(plans)
        _windows_come_from_the_gin_indexes(plans)
        assert any(node["Node Type"] == "CTE Scan" for plan in plans for node in _nodes(plan))
    else:
        assert "ix_article_search_window" in _uses(plans)


@pytest.mark.parametrize("order", ORDERS)
@pytest.mark.parametrize("query", ["天气", "公园 -轨道"])
def test_a_common_word_reads_a_window_of_the_newest_ids(engine: Engine, order: str, query: str) -> None:
    """Best first: one window of the newest ids answered by GIN, then the candidates scored by key. Newest
    first: the newest dated ids from the date index alone and one GIN window from the lowest of them; no
    statement tests the tsvector of any of the newest articles (one disk read each when not cached): GIN
    decides a word and an exclusion alike."""
    if order == "relevance":
        plans = _plans(engine, query, order)
        _never_scans_the_tsvectors(plans)
        _ranks_only_candidates(plans)
        _windows_come_from_the_gin_indexes(plans)
        return
    plans = _dated_plans(engine, query)
    _never_scans_the_tsvectors(plans)
    _reads_dated_ids_then_one_window(plans)
    assert not _tested_by_key(plans), plans


def test_a_character_walks_a_date_filter_by_key_from_the_primary_key(engine: Engine) -> None:
    """Best first, a one-character word in ~60 % of the articles, the last 30 days: the body candidates take
    two steps of the filter's newest articles. Each step goes on below the last step's lowest id (with OFFSET
    each step tested every row of the steps before it again) and reads its ids in a CTE of their own (joined
    to article_search directly, the planner sorted every id of a 30-day window of a million articles to
    merge the two keys: ~20 ms)."""
    last_month = ArticleFilter(since=NOW - timedelta(days=30))
    walks = [statement for statement, _ in _sent(engine, "会", "relevance", last_month, "article_search")
             if " AS hit" in statement and "ts_rank_cd" not in statement]  # not the scoring of the candidates
    assert len(walks) >= 2, walks
    assert not any("OFFSET" in statement for statement in walks), walks
    assert all("article.id <" in statement for statement in walks[1:]), walks
    # the ids of each step are a statement of their own: the planner then walks the primary key backwards for
    # them (at a million articles; on this small archive sorting the window's 720 ids is as cheap)
    assert all(statement.startswith("WITH newest AS MATERIALIZED") for statement in walks), walks


@pytest.mark.parametrize("order", ORDERS)
def test_a_common_character_walks_the_newest_articles_by_key(engine: Engine, order: str) -> None:
    """A one-character word is a prefix (天*): GIN would union the postings of every token it begins before
    any window, so the body candidates come from the newest articles by key, each tsvector tested; the
    title candidates (short postings) still come from a window of the title index."""
    plans = _plans(engine, "天", order)
    _never_scans_the_tsvectors(plans)
    if order == "relevance":
        _ranks_only_candidates(plans)
        assert "ix_article_search_title_window" in _uses(plans) and "ix_article_search_window" not in _uses(plans)
        assert "pk_article_search" in _uses(plans)
    else:
        assert len(plans) == 1 and any(name.startswith("ix_article_publish_date") for name in _uses(plans))


@pytest.mark.parametrize("query", ["天", "天气", RARE_TITLE, "公园 -轨道"])
@pytest.mark.parametrize("where", [None, ArticleFilter(site="site0", since=NOW - timedelta(days=30))])
def test_the_capped_count_reads_windows_of_the_gin_index(engine: Engine, query: str,
                                                         where: ArticleFilter | None) -> None:
    """The "showing 20 of N" count: windows of the GIN index too (a one-character word: the newest
    articles by key), never a scan testing every tsvector (the planner's choice for a common word and a
    date filter, 2.7 s at a million articles); the same number as the uncapped count, up to the cap (1,000
    here, so that the first window is a part of the 20,000 articles, as the CLI's 10,000 is of a large
    archive)."""
    cap = 1000
    sent: list[str] = []

    def capture(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool) -> None:
        if "article_search" in statement:
            sent.append(statement)

    event.listen(engine, "before_cursor_execute", capture)
    try:
        with session_factory(engine)() as s:
            capped = count_matches(s, query, where, cap=cap)
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    with engine.connect() as c:
        plans = [_json(c.exec_driver_sql("EXPLAIN (FORMAT JSON) " + statement).scalar_one())[0]["Plan"]
                 for statement in sent if "to_tsquery" in statement]
    _never_scans_the_tsvectors(plans)
    if query == "天":
        assert "ix_article_search_window" not in _uses(plans), plans
    else:
        assert "ix_article_search_window" in _uses(plans), plans
    with session_factory(engine)() as s:
        assert capped == min(count_matches(s, query, where), cap + 1) > 0


def test_without_btree_gin_search_keeps_its_single_column_indexes() -> None:
    """An archive whose PostgreSQL could not create btree_gin stays at the single-column indexes (migration
    0011 leaves them): search then takes its older steps and finds the same articles."""
    for url in _postgres_database():
        upgrade(url, "0010")  # the schema as 0011 leaves it without the extension
        older = make_engine(url)
        _load(older)
        try:
            with session_factory(older)() as s:
                assert not has_window_indexes(s)
                for query in ("天气", RARE_TITLE):
                    for order in ORDERS:
                        plans = _plans(older, query, order)
                        assert not _uses(plans) & WINDOW_INDEXES
                        assert [hit.article_id for hit in search(s, query, order=order)], query
                assert count_matches(s, RARE_TITLE, cap=COUNT_CAP) == count_matches(s, RARE_TITLE) == N // 400
        finally:
            older.dispose()


SITE_AND_DATE = ArticleFilter(site="site0", since=NOW - timedelta(days=30))


@pytest.mark.parametrize("query", ["天", "天气", "城市轨道交通", "公园 -轨道"])
def test_sqlite_site_and_date_read_one_range_of_the_composite_index(sqlite_engine: Engine, query: str) -> None:
    """Best first: the filter's span and id list (built for the body and the title candidates, a quarter of
    the ids in its span: not dense) are index-only; the candidates are scored in one statement."""
    sent = _sent(sqlite_engine, query, "relevance", SITE_AND_DATE, "article_fts")
    assert sent
    with sqlite_engine.connect() as c:
        details = [[str(row[-1]) for row in c.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)]
                   for statement, parameters in sent]
    article_steps = [d for plan in details for d in plan if d.startswith(("SEARCH article ", "SCAN article "))]
    # the body candidates read article (the filter holds fewer matches than the candidates asked for, so
    # they are every match and no title candidates are looked for); the scoring of the candidates does not
    assert len([plan for plan in details if any(d.startswith(("SEARCH article ", "SCAN article "))
                                                for d in plan)]) == 1, details
    # every read of article is index-only through the composite index, with both conditions on it
    assert all("USING COVERING INDEX ix_article_site_id_publish_date (site_id=? AND publish_date>?)" in d
               for d in article_steps), details
    # the body candidates and their scoring: FTS5 walks only an id range (rowid > and < constraints handed
    # to it: the filter's, then the candidates'), not every match of the word
    bounded = [d for plan in details for d in plan
               if d.startswith("SCAN article_fts VIRTUAL TABLE INDEX") and d.split(":", 1)[1].endswith("><")]
    assert len(bounded) == 2, details


@pytest.mark.parametrize(("query", "where", "titles_sought"), [
    ("天气", None, True),  # in every article: the 500 newest matches are not all, older titles may compete
    (RARE_TITLE, None, False),  # in one title in 400: fewer matches than candidates, every one a candidate
    ("天气", SITE_AND_DATE, False),  # 180 articles in the filter: every match is a candidate
])
def test_sqlite_title_candidates_are_sought_only_when_the_body_candidates_are_not_every_match(
        sqlite_engine: Engine, query: str, where: ArticleFilter | None, titles_sought: bool) -> None:
    """A title match that meets the whole query is a match: when the body candidates stopped short of their
    number they hold every match of the filter, and a second walk of the word's doclist for the newest title
    matches would find nothing new. Title matches come from the titles' own FTS5 index (migration 0012). The
    hits are those of a ranking of every match by bm25."""
    sent = _sent(sqlite_engine, query, "relevance", where, "_fts")
    title_matches = [statement for statement, parameters in sent
                     if any(str(value).startswith("title : ") for value in parameters)]
    assert bool(title_matches) is titles_sought, sent
    # from the titles' own index (migration 0012), not article_fts, whose doclists hold the bodies too
    assert all("FROM article_title_fts" in statement and "article_fts" not in statement
               for statement in title_matches), title_matches
    with session_factory(sqlite_engine)() as s:
        hits = search(s, query, where)
    if not titles_sought:
        everything = (where or ArticleFilter()).apply(select(Article.id)).where(
            text("article.id IN (SELECT rowid FROM article_fts WHERE article_fts MATCH :m)"))
        with sqlite_engine.connect() as c:
            ids = [article_id for article_id, in c.execute(everything, {"m": fts5_match(query)})]
            scored = c.execute(text("SELECT rowid, -bm25(article_fts, 4.0, 1.0) AS score FROM article_fts "
                                    "WHERE article_fts MATCH :m"), {"m": fts5_match(query)}).all()
        best = sorted(((score, rowid) for rowid, score in scored if rowid in set(ids)), reverse=True)[:20]
        assert [hit.article_id for hit in hits] == [rowid for _, rowid in best]


@pytest.mark.parametrize("query", ["天", "城市轨道交通"])
def test_sqlite_newest_first_with_site_and_date_never_scans_article(sqlite_engine: Engine, query: str) -> None:
    """Newest first: a range of an index with the date condition (the date index walked newest first, which
    stops at the limit for a common word, or the composite one); never a scan of the whole table. A common
    word is found among the newest articles: FTS5 walks only their id range (rowid bounds), never every
    match of the word."""
    sent = [(statement, parameters) for statement, parameters in _sent(sqlite_engine, query, "newest",
                                                                         SITE_AND_DATE, "article")
            if "JOIN site" not in statement]  # not the rows of the hits, read by id
    with sqlite_engine.connect() as c:
        plan = [str(row[-1]) for statement, parameters in sent
                for row in c.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)]
    article_steps = [d for d in plan if d.startswith(("SEARCH article ", "SCAN article "))]
    assert article_steps and all(d.startswith("SEARCH article USING") and "publish_date>?" in d
                                 for d in article_steps), plan
    fts = [d for d in plan if d.startswith("SCAN article_fts VIRTUAL TABLE INDEX")]
    if query == "天":
        assert fts and all(d.split(":", 1)[1].endswith("><") for d in fts), plan


@pytest.mark.parametrize("where", [None, SITE_AND_DATE])
def test_sqlite_newest_first_of_a_common_word_reads_only_the_newest_ids(sqlite_engine: Engine,
                                                                       where: ArticleFilter | None) -> None:
    """Without a filter too: the date index gives the newest ids, FTS5 checks only their id range."""
    sent = _sent(sqlite_engine, "天气", "newest", where, "article_fts")
    with sqlite_engine.connect() as c:
        plan = [str(row[-1]) for statement, parameters in sent
                for row in c.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)]
    fts = [d for d in plan if d.startswith("SCAN article_fts VIRTUAL TABLE INDEX")]
    assert len(sent) == 1 and fts and all(d.split(":", 1)[1].endswith("><") for d in fts), plan


def test_sqlite_a_dense_date_filter_is_checked_match_by_match(sqlite_engine: Engine) -> None:
    """Best first with the last 30 days of an archive whose ids follow the dates: every id of the filter's
    span is in it, so the body and title candidates check each match by key (a correlated lookup that stops
    with the newest matches) instead of building the list of the window's ids for each statement."""
    last_month = ArticleFilter(since=NOW - timedelta(days=30))
    sent = _sent(sqlite_engine, "天气", "relevance", last_month, "_fts")
    with sqlite_engine.connect() as c:
        details = [[str(row[-1]) for row in c.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)]
                   for statement, parameters in sent]
    candidates = [plan for plan in details if any("article" in d and "article_fts" not in d for d in plan)]
    assert len(candidates) == 2, details
    for plan in candidates:
        assert not any(d.startswith("LIST SUBQUERY") for d in plan), plan
        assert any(d.startswith("CORRELATED SCALAR SUBQUERY") for d in plan), plan
        assert any(d.startswith("SEARCH article USING INTEGER PRIMARY KEY (rowid=?)") for d in plan), plan
    with session_factory(sqlite_engine)() as s:
        hits = search(s, "天气", last_month)
    assert len(hits) == 20 and all(hit.publish_date and hit.publish_date >= NOW - timedelta(days=30) for hit in hits)


def _dated_plans(engine: Engine, query: str) -> list[dict[str, Any]]:
    """The JSON plans of the statements a newest-first search sends, but the rows of the hits (read by id)."""
    sent = [statement for statement, _ in _sent(engine, query, "newest", None, "article")
            if "JOIN site" not in statement and "to_regclass" not in statement]
    with engine.connect() as c:
        return [_json(c.exec_driver_sql("EXPLAIN (FORMAT JSON) " + statement).scalar_one())[0]["Plan"]
                for statement in sent]


def _tested_by_key(plans: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The statements that test a list of ids against the query by key (reading their tsvectors)."""
    return [plan for plan in plans if any(node.get("Index Name") == "pk_article_search"
                                          and "ANY" in node.get("Index Cond", "") for node in _nodes(plan))]


def _reads_dated_ids_then_one_window(plans: list[dict[str, Any]]) -> None:
    """The newest dated ids come from the date index alone (index-only: it holds the id), which of them
    match from a GIN window of the id-bearing index, and nothing sorts matches by date."""
    nodes = [node for plan in plans for node in _nodes(plan)]
    assert any(node["Node Type"] == "Index Only Scan" and node.get("Index Name") == "ix_article_publish_date_id"
               for node in nodes), plans
    assert any(node.get("Index Name") == "ix_article_search_window" and "(article_id + 0)" in node.get("Index Cond", "")
               for node in nodes), plans
    assert not any(node["Node Type"] == "Sort" for node in nodes), plans
    walks = [node for node in nodes if node.get("Index Name") == "pk_article_search"
             and "recent" in node.get("Index Cond", "")]
    assert not walks, plans  # no join of the newest ids (subquery ``recent``) with their tsvectors


def test_newest_first_of_a_middling_word_reads_dated_ids_then_one_gin_window(engine: Engine,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """A phrase in one article in 400: 5 among the 2,000 newest (fewer than a page of 20), so the newest
    dated ids come from the date index alone (it holds the id: index-only), a chunk sized from those 5 at a
    time, and one GIN window from the lowest of them says which match: no sort of every match by date (one
    article lookup each). The result is the brute-force answer: the matching articles, newest first.
    (Its 50 matches in all are fewer than such a chunk is worth, so sorting them wins here: the price of a
    match is raised to keep this test on the chunks; the next test takes the default.)"""
    import pipelines.db.search as search_module

    monkeypatch.setattr(search_module, "MATCH_SORT_COST", 10**6)
    plans = _dated_plans(engine, RARE_TITLE)
    _never_scans_the_tsvectors(plans)
    _reads_dated_ids_then_one_window(plans)
    assert _tested_by_key(plans), plans  # the phrase's word order, on its GIN candidates only
    with session_factory(engine)() as s:
        found = [hit.article_id for hit in search(s, RARE_TITLE, order="newest")]
    assert found == [i for i in range(N, 0, -1) if i % 400 == 0][:20]


def test_newest_first_of_a_word_with_few_matches_in_all_sorts_them_by_date(engine: Engine) -> None:
    """The same phrase at the default price: after the 2,000 newest dated ids its rate asks for a chunk of
    ~9,000 more, and GIN says it has no more than 450 matches in all (it has 50), so they are sorted by
    date instead (one article row each), with the same answer."""
    plans = _dated_plans(engine, RARE_TITLE)
    _never_scans_the_tsvectors(plans)
    nodes = [node for plan in plans for node in _nodes(plan)]
    assert any(node["Node Type"] == "Sort" and "article.publish_date DESC NULLS LAST" in " ".join(node["Sort Key"])
               for node in nodes), plans
    with session_factory(engine)() as s:
        found = [hit.article_id for hit in search(s, RARE_TITLE, order="newest")]
    assert found == [i for i in range(N, 0, -1) if i % 400 == 0][:20]


def test_newest_first_sorting_a_filters_few_matches_reads_them_from_its_lowest_id_up(engine: Engine) -> None:
    """The last 2,000 hours hold five articles with the phrase, fewer than a page: the dated ids run out and
    the matches are sorted by date. Only those from the filter's lowest id up are read (GIN decides that by
    the id beside the tokens), not every match of the archive, each an ``article_search`` heap visit and an
    ``article`` lookup (a cold million-article archive: 458 ms for 3,841 of them); the same answer."""
    recent = ArticleFilter(since=NOW - timedelta(hours=2000))
    sent = [statement for statement, _ in _sent(engine, RARE_TITLE, "newest", recent, "article")
            if "NULLS LAST" in statement]
    assert len(sent) == 1, sent
    with engine.connect() as c:
        plan = _json(c.exec_driver_sql("EXPLAIN (FORMAT JSON) " + sent[0]).scalar_one())[0]["Plan"]
    assert any(node.get("Index Name") == "ix_article_search_window" and "(article_id + 0) >=" in node.get("Index Cond", "")
               for node in _nodes(plan)), plan
    with session_factory(engine)() as s:
        found = [hit.article_id for hit in search(s, RARE_TITLE, recent, order="newest")]
    assert found == [20000, 19600, 19200, 18800, 18400, 18000]


def test_a_role_that_may_not_create_btree_gin_keeps_the_old_indexes(caplog: pytest.LogCaptureFixture) -> None:
    """Migration 0011 run by a role without CREATE on the database (so it may not create even a trusted
    extension): a warning that names btree_gin and gives the statements for later, the single-column search
    indexes kept, the id-bearing B-trees built, the archive at the head revision, and search working."""
    import uuid

    import psycopg
    from sqlalchemy.engine import make_url

    from pipelines.db.migrate import current_revision, head_revision

    from .conftest import POSTGRES_ADMIN_URL

    role = f"nc_noext_{uuid.uuid4().hex[:8]}"
    try:
        for url in _postgres_database():
            database = make_url(url).database
            with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
                admin.execute(f'CREATE ROLE "{role}" LOGIN')
                admin.execute(f'REVOKE CREATE ON DATABASE "{database}" FROM PUBLIC')
                admin.execute(f'GRANT CONNECT, TEMPORARY ON DATABASE "{database}" TO "{role}"')
            with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True) as owner:
                owner.execute(f'GRANT USAGE, CREATE ON SCHEMA public TO "{role}"')
            limited = make_url(url).set(username=role).render_as_string(hide_password=False)
            with caplog.at_level("WARNING"):
                upgrade(limited)
            assert current_revision(limited) == head_revision()
            assert any("btree_gin" in r.getMessage() and "CREATE INDEX" in r.getMessage() for r in caplog.records)
            older = make_engine(limited)
            try:
                with older.connect() as c:
                    indexes = set(c.execute(text("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'"))
                                  .scalars())
                assert {"ix_article_search_document", "ix_article_search_title", "ix_article_publish_date_id",
                        "ix_article_site_date_id"} <= indexes
                assert not indexes & WINDOW_INDEXES
                with session_factory(older)() as s:
                    assert not has_window_indexes(s) and search(s, "天气") == []
            finally:
                older.dispose()
    finally:
        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP ROLE IF EXISTS "{role}"')


def test_newest_first_finds_an_old_article_with_a_recent_date_below_the_window(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The GIN window of a chunk of dated ids starts at most ``WINDOW_SPREAD`` times the chunk below its
    highest id; an id under it (the archive's first article, dated last: a backlog or a corrected date)
    is tested by key instead, and still comes first. With the spread at 1, the chunk of the 200 newest
    dated ids (300 down to 102, and 1) has a window from 100 up, so article 1 is below it."""
    import pipelines.db.search as search_module

    monkeypatch.setattr(search_module, "WINDOW_SPREAD", 1)
    for url in _postgres_database():
        upgrade(url)
        engine = make_engine(url)
        try:
            with engine.begin() as c:
                c.execute(insert(Site), [{"id": 1, "name": "site0", "domain": "site0.example.cn"}])
                articles, documents = [], []
                for i in range(1, 301):
                    when = NOW + timedelta(days=1) if i == 1 else NOW - timedelta(hours=300 - i)
                    body = COMMON + (RARE if i % 3 == 1 else FILLER[i % 5])
                    articles.append({"id": i, "canonical_url": f"https://site0.example.cn/{i}.html", "site_id": 1,
                                     "title": f"第{i}期", "body": body, "blocks": [], "publish_date": when,
                                     "author": [], "editor": [], "breadcrumb": [], "tags": [],
                                     "extractor_version": "test", "content_hash": f"h{i}", "signature": [],
                                     "version": 1, "first_seen": when, "last_seen": when})
                    documents.append({"article_id": i, "title": index_text(f"第{i}期"), "body": index_text(body)})
                c.execute(insert(Article), articles)
                c.execute(insert(SearchDocument), documents)
            with session_factory(engine)() as s:
                assert has_window_indexes(s)
                found = [hit.article_id for hit in search(s, RARE, order="newest")]
                word = [hit.article_id for hit in search(s, "轨道", order="newest")]
        finally:
            engine.dispose()
        expected = [1, *[i for i in range(300, 1, -1) if i % 3 == 1][:19]]
        assert found == expected and word == expected


def test_a_site_filter_reads_the_newest_of_its_own_site_from_the_site_date_index(engine: Engine) -> None:
    """The site is looked up once (``ArticleFilter.resolved``) and reaches the statements as its id, so the
    newest dated ids of one site come from its own range of ``(site_id, publish_date, id)``, index-only;
    with the lookup inside the statement (a semi-join) PostgreSQL walked the date index of every site and
    tested each row's site. An unknown site finds nothing."""
    where = ArticleFilter(site="site1.example.cn", since=NOW - timedelta(days=30))
    sent = [statement for statement, _ in _sent(engine, "天气", "newest", where, "article")
            if "article_search" not in statement and "ORDER BY article.publish_date DESC" in statement]
    assert sent and all("FROM site" not in statement for statement in sent), sent
    with engine.connect() as c:
        plans = [_json(c.exec_driver_sql("EXPLAIN (FORMAT JSON) " + statement).scalar_one())[0]["Plan"]
                 for statement in sent]
    assert any(node["Node Type"] == "Index Only Scan" and node.get("Index Name") == "ix_article_site_date_id"
               for plan in plans for node in _nodes(plan)), plans
    with session_factory(engine)() as s:
        assert not search(s, "天气", ArticleFilter(site="nowhere.example.cn"), order="newest")
        assert count_matches(s, "天气", ArticleFilter(site="nowhere.example.cn"), cap=COUNT_CAP) == 0


def test_counting_a_phrase_checks_only_about_as_many_candidates_as_it_needs(
        engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    """The capped count of a phrase in every article: its GIN candidates are checked against the word order
    by key (one ``tsvector`` read each) until cap + 1 pass. After the first 1,000 all passed, the next check
    is sized from that share (a few dozen), not another 1,000 reads."""
    import pipelines.db.search as search_module

    checked: list[int] = []
    real = search_module._passing

    def counted(session: Any, docs: Any, condition: Any, ids: list[int]) -> set[int]:
        checked.append(len(ids))
        return real(session, docs, condition, ids)

    monkeypatch.setattr(search_module, "_passing", counted)
    with session_factory(engine)() as s:
        assert count_matches(s, "市民在公园", cap=1000) == 1001  # "more than 1,000"
    assert checked[0] == 1000 and sum(checked) <= 1100, checked


def test_a_characters_title_window_spans_the_filters_newest_articles(engine: Engine) -> None:
    """Best first, a one-character word in one title of 400 (all of them on site0), filtered to site0 (a
    quarter of the ids): GIN unions the postings of every title token the character begins for each window,
    so the first window holds the filter's 10,000 newest articles, which here is every id of its span: one
    window. 10,000 ids of the archive held 25 of its 100 title candidates, and the next window cost the
    union again."""
    site0 = ArticleFilter(site="site0")
    windows = [statement for statement, _ in _sent(engine, "线", "relevance", site0, "article_search")
               if "MATERIALIZED" in statement and "to_tsvector" in statement]
    assert len(windows) == 1, windows


@pytest.mark.parametrize(("span", "ids", "width"), [
    (Span(1, 1_000_000), 10_000, 10_000),  # no filter: every id counts
    (Span(900_001, 1_000_000, 5_000), 10_000, 100_000),  # a filter keeping one id in twenty: the whole span
    (Span(1, 1_000_000, 50_000), 10_000, 200_000),  # one in twenty over the archive: twenty times as wide
    (Span(1, 100, 100), 10_000, 100),  # never wider than the span
])
def test_a_window_of_the_filters_newest_articles_in_ids(span: Span, ids: int, width: int) -> None:
    assert span.widened(ids) == width
