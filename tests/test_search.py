"""Chinese full-text search: every word length, mixed terms, filters, ranking, sync, and hostile queries.

Runs on SQLite (FTS5 over bigram tokens) and PostgreSQL (GIN tsvector over the same tokens); the
articles are the project's own sentences, stored through the real write path.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import delete, event, func, insert, select, text
from sqlalchemy.orm import Session, sessionmaker

from newscrawler.cli import main
from newscrawler.items import Article as ArticleRecord
from newscrawler.items import ArticleItem
from pipelines.db import models
from pipelines.db.engine import make_engine, session_factory
from pipelines.db.filters import ArticleFilter
from pipelines.db.migrate import upgrade
from pipelines.db.repository import save_article
from pipelines.db.search import (
    SearchQueryError,
    fts5_match,
    index_text,
    parse_query,
    pg_tsquery,
    search,
    snippet,
    tokens,
)

NOW = datetime(2024, 6, 1, tzinfo=UTC)

TEXTS = {
    "economy": ("一季度国民经济运行总体平稳", "国务院新闻办公室今天举行发布会，介绍一季度国民经济运行情况。"
                "发言人表示，消费对经济增长的贡献继续提高。", "people", "新华社", "财经", datetime(2024, 4, 16, 2)),
    "ai": ("人工智能企业发布新一代模型", "人工智能公司X.AI本周发布新一代大模型，并称GPT-5发布时间尚未确定。"
           "业内人士认为，端侧部署是下一个竞争焦点。", "sina", "科技日报", "科技", datetime(2024, 5, 20, 9)),
    "chess": ("围棋联赛收官", "本赛季围棋联赛昨天收官，卫冕冠军在最后一轮逆转取胜，夺得本赛季冠军。",
              "sina", "体育周报", "体育", datetime(2024, 5, 28, 12)),
    "plain": ("城市公园改造完成", "市区三座公园改造完成后重新开放，新增步道和儿童游乐设施，"
              "发言人说经济型的改造方案节省了投资。", "people", "本报", "社会", datetime(2024, 3, 1, 8)),
}


def _item(slug: str) -> ArticleItem:
    title, body, site, source, channel, when = TEXTS[slug]
    url = f"https://{site}.example.cn/2024/{slug}.html"
    record = ArticleRecord(url=url, canonical_url=url, title=title, body=body,
                           publish_date=when.replace(tzinfo=UTC), source=source, channel=channel,
                           extractor_version="test")
    return ArticleItem(article=record, site=site)


@pytest.fixture
def sessions(db_url: str) -> Iterator[sessionmaker[Session]]:
    upgrade(db_url)
    engine = make_engine(db_url)
    factory = session_factory(engine)
    with factory.begin() as s:
        for slug in TEXTS:
            save_article(s, _item(slug), NOW)
    yield factory
    engine.dispose()


def _slugs(factory: sessionmaker[Session], query: str, where: ArticleFilter | None = None,
           order: str = "relevance") -> list[str]:
    with factory() as s:
        return [h.canonical_url.rsplit("/", 1)[1].removesuffix(".html") for h in search(s, query, where, order=order)]


@pytest.mark.parametrize(("query", "expected"), [
    ("棋", {"chess"}),                       # one character
    ("经济", {"economy", "plain"}),          # two characters, the common case
    ("发布会", {"economy"}),                 # three
    ("人工智能", {"ai"}),                    # four
    ("国民经济运行", {"economy"}),           # a phrase across word boundaries
    ("经济 发布会", {"economy"}),            # all words required
    ("发布 -经济", {"ai"}),                  # -word excludes
    ("X.AI", {"ai"}),                        # mixed Latin terms
    ("x.ai", {"ai"}),
    ("GPT-5", {"ai"}),
    ("ＧＰＴ－５", {"ai"}),                   # full-width forms are the same characters
    ("GPT-5发布", {"ai"}),
    ("经发", set()),                          # characters that never stand together
    ("冠军 人工智能", set()),
])
def test_words_of_every_length_match_where_they_stand_together(sessions: sessionmaker[Session], query: str,
                                                               expected: set[str]) -> None:
    assert set(_slugs(sessions, query)) == expected


def test_title_hits_rank_first_and_newest_order(sessions: sessionmaker[Session]) -> None:
    assert _slugs(sessions, "经济")[0] == "economy"  # in the title and three times in the body
    assert _slugs(sessions, "发言人", order="newest") == ["economy", "plain"]


def test_filters_narrow_the_results(sessions: sessionmaker[Session]) -> None:
    assert _slugs(sessions, "发布", ArticleFilter(site="sina")) == ["ai"]
    assert _slugs(sessions, "经济", ArticleFilter(since=datetime(2024, 4, 1, tzinfo=UTC))) == ["economy"]
    assert _slugs(sessions, "经济", ArticleFilter(until=datetime(2024, 4, 1, tzinfo=UTC))) == ["plain"]
    assert _slugs(sessions, "经济", ArticleFilter(source="新华")) == ["economy"]
    assert _slugs(sessions, "冠军", ArticleFilter(channel="体")) == ["chess"]
    assert _slugs(sessions, "冠军", ArticleFilter(channel="财经")) == []


def test_snippets_highlight_the_words() -> None:
    body = "人工智能公司X.AI本周发布新一代大模型。" * 3
    marked = snippet(body, parse_query("x.ai 发布"), width=30)
    assert "【X.AI】" in marked and "【发布】" in marked
    assert marked.endswith("…") and len(marked) < 45


def test_changed_and_deleted_articles_leave_the_index(sessions: sessionmaker[Session]) -> None:
    changed = _item("chess")
    changed.article.title = "象棋联赛收官"
    changed.article.body = "本赛季象棋联赛昨天收官，卫冕冠军在最后一轮逆转取胜。"
    with sessions.begin() as s:
        save_article(s, changed, NOW)
    assert _slugs(sessions, "象棋") == ["chess"]
    assert _slugs(sessions, "围棋") == []
    with sessions.begin() as s:
        s.execute(delete(models.Article).where(models.Article.canonical_url.like("%/chess.html")))
    assert _slugs(sessions, "冠军") == []
    assert _slugs(sessions, "棋") == []


def test_upgrading_an_older_archive_indexes_what_it_holds(db_url: str) -> None:
    upgrade(db_url, "0002")
    engine = make_engine(db_url)
    with engine.begin() as c:
        c.execute(text("INSERT INTO article (canonical_url, title, body, blocks, author, editor, breadcrumb, tags, "
                       "extractor_version, content_hash, signature, version, first_seen, last_seen) VALUES "
                       "('https://a.example.cn/1.html', '旧档案', '升级之前存档的文章也能搜索到。', '[]', '[]', '[]', "
                       "'[]', '[]', 'old', 'h', '[]', 1, :t, :t)"), {"t": NOW.isoformat()})
    upgrade(db_url)
    with session_factory(engine)() as s:
        assert [h.title for h in search(s, "存档")] == ["旧档案"]
    engine.dispose()


def test_tokens_and_query_syntax_are_built_from_characters_only() -> None:
    assert tokens("中国经济 GPT-5") == ["中国", "国经", "经济", "济", "gpt", "5"]
    assert fts5_match('经 "X.AI" -广告') == '("经" * AND "x ai") NOT "广告"'
    assert pg_tsquery("经济学 -广告") == "('经济' <-> '济学') & !('广告')"
    with pytest.raises(SearchQueryError, match="nothing to search"):
        parse_query("“”《》！？ --")
    with pytest.raises(SearchQueryError, match="at least one word"):
        parse_query("-广告")
    with pytest.raises(SearchQueryError, match="too long"):
        parse_query("经" * 1001)


HOSTILE = [
    '"', "'", "'; DROP TABLE article; --", '经济" OR "1"="1', "NEAR(经济 发布)", "title:经济", "经济*", "^经济",
    "AND", "OR NOT", "(((", ")", "{body}: 经济", "%", "_", "\\", "经济\x00发布", "\x07\x1b[31m", "\u202e经济",
    "😀 经济", "a" * 999, "经济 " * 300, "SELECT * FROM article", "1=1", "-", "--", "*",
]


def _fingerprint(factory: sessionmaker[Session]) -> str:
    with factory() as s:
        rows = s.execute(select(models.Article.id, models.Article.title, models.Article.body)
                         .order_by(models.Article.id)).all()
        tokens_ = s.execute(select(models.SearchDocument.article_id, models.SearchDocument.body)
                            .order_by(models.SearchDocument.article_id)).all()
        count = s.scalar(select(func.count()).select_from(models.Site))
    return hashlib.sha256(repr((rows, tokens_, count)).encode()).hexdigest()


def test_hostile_queries_return_results_or_a_message_and_change_nothing(sessions: sessionmaker[Session]) -> None:
    before = _fingerprint(sessions)
    for query in [*HOSTILE, "x" * 10_000]:
        with sessions() as s:
            try:
                hits = search(s, query, ArticleFilter(source=query[:50], channel=query[:20]))
            except SearchQueryError as exc:
                assert str(exc) and "\n" not in str(exc)
            else:
                assert isinstance(hits, list)
    assert _fingerprint(sessions) == before


def test_hostile_queries_through_the_command_are_one_line(sessions: sessionmaker[Session], db_url: str) -> None:
    before = _fingerprint(sessions)
    for query in [*HOSTILE, "x" * 10_000]:
        for extra in ([], ["--source", query[:30]], ["--site", query[:30]]):
            result = CliRunner().invoke(main, ["search", "--db", db_url, *extra, "--", query])
            assert result.exit_code in (0, 1), (query, result.output)
            assert result.exception is None or isinstance(result.exception, SystemExit), (query, result.exception)
            if result.exit_code == 1:
                assert result.stderr.strip().startswith("Error:") and len(result.stderr.strip().splitlines()) == 1
    assert _fingerprint(sessions) == before


def test_search_command_formats(sessions: sessionmaker[Session], db_url: str) -> None:
    import csv
    import io
    import json

    out = CliRunner().invoke(main, ["search", "经济", "--db", db_url, "--format", "json"])
    assert out.exit_code == 0, out.output
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert rows[0]["title"] == "一季度国民经济运行总体平稳"
    assert rows[0]["publish_date"] == "2024-04-16T10:00:00+08:00" and "【经济】" in rows[0]["snippet"]
    table = CliRunner().invoke(main, ["search", "经济", "--db", db_url, "--site", "people", "--since", "2024-04-01"])
    assert table.exit_code == 0 and "2024-04-16  一季度国民经济运行总体平稳" in table.stdout
    as_csv = CliRunner().invoke(main, ["search", "冠军", "--db", db_url, "--format", "csv"])
    assert next(csv.DictReader(io.StringIO(as_csv.stdout)))["title"] == "围棋联赛收官"
    none = CliRunner().invoke(main, ["search", "不存在的词", "--db", db_url])
    assert none.exit_code == 0 and "no article matches" in none.stderr


def test_newest_first_with_filters_and_no_planner_setting_changed(sessions: sessionmaker[Session]) -> None:
    assert _slugs(sessions, "冠军 -象棋", ArticleFilter(site="sina"), order="newest") == ["chess"]
    assert _slugs(sessions, "发", ArticleFilter(since=datetime(2024, 4, 1, tzinfo=UTC)),
                  order="newest") == ["ai", "economy"]
    with sessions() as s:
        search(s, "经济", ArticleFilter(source="新华"))
        if s.get_bind().dialect.name == "postgresql":  # no planner switch (issue 17): plans by statistics
            assert s.scalar(text("SELECT current_setting('enable_seqscan')")) == "on"


def test_count_matches_is_what_search_finds_without_a_limit(sessions: sessionmaker[Session], db_url: str) -> None:
    from pipelines.db.search import ORDERS, count_matches, search_counted

    for query, where in (("发", None), ("冠军 -象棋", ArticleFilter(site="sina")),
                         ("发", ArticleFilter(since=datetime(2024, 4, 1, tzinfo=UTC))), ("不存在的词", None)):
        for order in ORDERS:
            with sessions() as s:
                every = search(s, query, where, limit=1000, order=order)
                assert count_matches(s, query, where) == len(every), query
                for limit in (1, 2, 1000):
                    hits, total = search_counted(s, query, where, limit=limit, order=order)
                    assert (hits, total) == (every[:limit], len(every)), (query, order, limit)
    found = len(_slugs(sessions, "发"))
    assert found > 1
    cut = CliRunner().invoke(main, ["search", "发", "--db", db_url, "--limit", "1", "--format", "json"])
    assert cut.exit_code == 0 and len(cut.stdout.splitlines()) == 1
    assert cut.stderr == f"showing 1 of {found} articles (--limit {found} shows all)\n"


def test_an_excluded_word_drops_an_older_title_candidate_and_scores_the_rest_alike(db_url: str) -> None:
    """More matches than the body candidates (500 newest), so the newest title matches are candidates too:
    an older article with the word in its title is a hit unless its body holds the excluded word. On SQLite
    the candidates are scored by the words to find alone (an excluded word adds nothing to bm25 of an
    article without it, but weighing it reads its whole doclist): the same scores as the whole query's."""
    upgrade(db_url)
    engine = make_engine(db_url)
    articles, documents = [], []
    older = {1: ("天气预报第一期", "明天有暴雨。"), 2: ("天气预报第二期", "明天多云。"), 3: ("天气预报第三期", "今晚有暴雨。")}
    for i in range(1, 524):
        title, body = older.get(i, (f"本地新闻第{i}期", "今天天气晴朗，适合出行。"))
        when = NOW.replace(tzinfo=UTC)
        articles.append({"id": i, "canonical_url": f"https://site.example.cn/{i}.html", "title": title, "body": body,
                         "blocks": [], "publish_date": when, "author": [], "editor": [], "breadcrumb": [],
                         "tags": [], "extractor_version": "test", "content_hash": f"h{i}", "signature": [],
                         "version": 1, "first_seen": when, "last_seen": when})
        documents.append({"article_id": i, "title": index_text(title), "body": index_text(body)})
    with engine.begin() as c:
        c.execute(insert(models.Article), articles)
        c.execute(insert(models.SearchDocument), documents)
    matches: list[Any] = []

    def capture(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool) -> None:
        if "bm25(" in statement:
            matches.extend(value for value in parameters if isinstance(value, str) and value.startswith("("))
        if "FROM article_title_fts" in statement:
            matches.append("title candidates")

    event.listen(engine, "before_cursor_execute", capture)
    try:
        with session_factory(engine)() as s:
            hits = {hit.article_id: hit.score for hit in search(s, "天气 -暴雨")}
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    assert 2 in hits and 1 not in hits and 3 not in hits
    assert max(hits, key=lambda article_id: hits[article_id] or 0.0) == 2  # the title hit weighs most
    if engine.dialect.name == "sqlite":
        # the title candidates were looked for (500 body candidates are not every match), then the whole
        # set scored without the excluded word
        assert matches == ["title candidates", fts5_match("天气")], matches
        with engine.connect() as c:
            scored = c.execute(text("SELECT rowid, -bm25(article_fts, 4.0, 1.0) FROM article_fts "
                                    "WHERE article_fts MATCH :m"), {"m": fts5_match("天气 -暴雨")}).all()
        whole: dict[int, float] = {int(rowid): float(score) for rowid, score in scored}
        assert all(hits[article_id] == whole[article_id] for article_id in hits)
    engine.dispose()


def test_sqlite_connections_keep_a_page_cache_that_holds_a_common_words_doclist(tmp_path: Any) -> None:
    """Best first reads a common word's doclist twice in one statement (its candidates, then bm25's count of
    its documents): SQLite's default 2 MB cache holds less than that at a million articles, so every
    connection of an archive asks for ``SQLITE_CACHE_KIB`` (negative cache_size: KiB, not pages)."""
    from pipelines.db.engine import SQLITE_CACHE_KIB

    engine = make_engine(f"sqlite:///{tmp_path / 'archive.db'}")
    with engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA cache_size").scalar() == -SQLITE_CACHE_KIB
    engine.dispose()
