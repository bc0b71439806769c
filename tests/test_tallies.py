"""The tallies of migration 0010 (``site_day``, ``speaker_day``, kept by triggers) on SQLite and PostgreSQL.

Each check compares what the reading commands answer from the tallies with what they answer counting
``quote`` and ``article`` directly (``ranked_speakers(tallied=False)``, a GROUP BY over the articles):
after the storage layer's inserts, a re-extraction that replaces an article's quotes and moves it to
another day, raw multi-row statements (several quotes of one speaker inserted or deleted by one
statement), an article deleted through the ORM and one deleted by SQL (its quotes cascade), a quote
whose speaker is rewritten. Then the migration itself: an archive at 0009 with articles and quotes
is upgraded with small batches, interrupted after two of them, resumed, and must count the same.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from pipelines.db.backfill import BATCH_ENV
from pipelines.db.engine import make_engine, session_factory
from pipelines.db.filters import ArticleFilter
from pipelines.db.health import archived_counts, archived_per_day, site_names
from pipelines.db.migrate import current_revision, upgrade
from pipelines.db.models import Article
from pipelines.db.quote_queries import count_quotes, find_quotes, ranked_speakers
from pipelines.db.repository import save_article
from pipelines.db.tallies import SHANGHAI, day_start

from .fixtures.articles import ARTICLES
from .test_store import T0, item_for

BIG = 3_000_000
DAY = day_start(T0.astimezone(SHANGHAI).date())
FILTERS = [
    ArticleFilter(),
    ArticleFilter(site="north"),
    ArticleFilter(since=DAY - timedelta(days=400)),
    ArticleFilter(until=DAY + timedelta(days=3)),
    ArticleFilter(site="south", since=DAY - timedelta(days=2000), until=DAY + timedelta(days=10)),
]
# invented speakers for the raw rows: titles repeated, tied and given twice in one list
RAW = [
    ("河西区气象台", "organization", ["预报员"], "河西区"),
    ("河西区气象台", "organization", ["首席", "预报员"], None),
    ("气象台", "organization", [], None),
    ("苗青禾", "person", ["站长", "技师", "站长"], "东岭观测站"),
    ("苗青禾", "person", ["技师"], "东岭观测站"),
    ("苗青禾", None, [], None),
]


def _save(engine: sa.Engine, items: list) -> None:  # type: ignore[type-arg]
    with session_factory(engine).begin() as s:
        for item in items:
            save_article(s, item, T0)


def _raw_quotes(conn: sa.Connection, article_id: int) -> None:
    """The ``RAW`` quotes into one article by one INSERT … SELECT (one statement, several rows)."""
    conn.execute(sa.text("CREATE TEMPORARY TABLE raw_quote (n integer, speaker text, speaker_type text, "
                         "record text)"))
    conn.execute(sa.text("INSERT INTO raw_quote VALUES (:n, :speaker, :kind, :record)"), [
        {"n": n, "speaker": speaker, "kind": kind,
         "record": json.dumps({"speaker_title": titles, "speaker_affiliation": affiliation}, ensure_ascii=False)}
        for n, (speaker, kind, titles, affiliation) in enumerate(RAW)])
    record = "CAST(r.record AS json)" if conn.dialect.name == "postgresql" else "r.record"
    conn.execute(sa.text(
        "INSERT INTO quote (article_id, position, speaker, speaker_type, cue, quote_type, text, record) "
        f"SELECT :article, 100 + r.n, r.speaker, r.speaker_type, '说', 'direct', '一句编写的话', {record} "
        "FROM raw_quote r ORDER BY r.n"), {"article": article_id})
    conn.execute(sa.text("DROP TABLE raw_quote"))


def _same(engine: sa.Engine) -> None:
    """Every reading of the tallies equals the direct count."""
    with Session(engine) as session:
        for where in FILTERS:
            for kind in (None, "person", "organization"):
                tallied = ranked_speakers(session, where, speaker_type=kind, limit=1000)
                direct = ranked_speakers(session, where, speaker_type=kind, limit=1000, tallied=False)
                assert tallied == direct, (where, kind)
        assert ranked_speakers(session)[1] > 0
        _same_sites(session)


def _same_sites(session: Session) -> None:
    articles = session.execute(sa.select(Article.site_id, Article.first_seen)).all()
    names = {site: name for site, name in session.execute(sa.text("SELECT id, name FROM site"))}
    per_day = Counter((names[site], seen.astimezone(SHANGHAI).date()) for site, seen in articles if site)
    sites = site_names(session)
    assert sites == sorted({name for name, _ in per_day})
    assert archived_counts(session, sites) == dict(Counter(name for name, _ in per_day.elements()))
    since = DAY - timedelta(days=5000)
    assert archived_per_day(session, sites, since) == {
        name: {d: n for (other, d), n in per_day.items() if other == name} for name in sites}


@pytest.fixture
def engine(db_url: str) -> Iterator[sa.Engine]:
    engine = loaded_archive(db_url)
    yield engine
    engine.dispose()


def loaded_archive(db_url: str) -> sa.Engine:
    """The archive of these tests (and of ``test_recount_tallies``): the fixture articles of two sites
    stored, raw multi-row quotes into the first two, and a copy of the first with an id past 2**31 / 10000."""
    upgrade(db_url)
    engine = make_engine(db_url)
    items = []
    for n, fixture in enumerate(ARTICLES):
        item = item_for(fixture.slug)
        item.site = ("north", "south")[n % 2]
        items.append(item)
    _save(engine, items)
    with engine.begin() as conn:
        first = conn.execute(sa.text("SELECT min(id) FROM article")).scalar_one()
        _raw_quotes(conn, first)
        _raw_quotes(conn, first + 1)
        # an article id past 2**31 / 10000: the tie-break keys must not overflow a 32-bit integer
        columns = ", ".join(c.name for c in Article.__table__.columns if c.name not in ("id", "canonical_url"))
        conn.execute(sa.text(f"INSERT INTO article (id, canonical_url, {columns}) SELECT {BIG}, "
                             f"canonical_url || '?copy', {columns} FROM article WHERE id = :first"), {"first": first})
        _raw_quotes(conn, BIG)
    return engine


def test_the_tallies_equal_the_direct_counts_after_inserts_and_raw_statements(engine: sa.Engine) -> None:
    _same(engine)
    with Session(engine) as session:
        top = ranked_speakers(session, limit=50)[0]
        person = next(s for s in top if s.speaker == "苗青禾" and s.speaker_type == "person")
        assert person.titles == ["站长", "技师"]  # 2 each: 站长 was given first
        assert person.affiliations == ["东岭观测站"]
        station = next(s for s in top if s.speaker == "河西区气象台")
        assert station.aliases == ["气象台"] and station.titles == ["预报员", "首席"]
        assert any(s.speaker == "苗青禾" and s.speaker_type is None for s in top)


def test_re_extraction_moving_an_article_and_rewritten_speakers_keep_the_tallies_exact(engine: sa.Engine) -> None:
    weather = item_for("weather")
    weather.site = "south"
    assert weather.article.publish_date is not None
    weather.article.publish_date += timedelta(days=40)  # re-crawled: another day, another site
    weather.article.quotes = weather.article.quotes[1:]  # and one quote fewer
    weather.article.body += "\n补充一句编写的说明。"
    _save(engine, [weather])
    _same(engine)
    with engine.begin() as conn:  # one statement rewrites several quotes, another deletes several
        conn.execute(sa.text("UPDATE quote SET speaker = '苗青禾', speaker_type = 'person' "
                             "WHERE speaker = '气象台'"))
        conn.execute(sa.text("UPDATE article SET publish_date = NULL WHERE id = (SELECT max(id) FROM article)"))
        conn.execute(sa.text("UPDATE article SET first_seen = :t WHERE id = (SELECT min(id) FROM article)"),
                     {"t": T0 + timedelta(days=2)})
    _same(engine)
    with engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM quote WHERE position >= 100 AND position < 103"))
    _same(engine)


def test_a_quote_moved_within_its_article_moves_its_tie_break(engine: sa.Engine) -> None:
    """The ranking breaks ties by the first quote's place (article, position): a position rewritten by SQL
    is followed, so equally quoted speakers keep the direct count's order (review: UPDATE OF position)."""
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE quote SET position = position + 50 WHERE position = 100"))
    _same(engine)


def test_deleted_articles_take_their_counts_with_them(engine: sa.Engine) -> None:
    with session_factory(engine).begin() as s:  # the ORM deletes the quotes, then the article
        s.delete(s.scalars(sa.select(Article).order_by(Article.id).limit(1)).one())
    _same(engine)
    with engine.begin() as conn:  # SQL: the quotes go by the cascade
        conn.execute(sa.text("DELETE FROM article WHERE id = (SELECT min(id) FROM article)"))
    _same(engine)
    with engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM article"))
        assert conn.execute(sa.text("SELECT count(*) FROM speaker_day")).scalar_one() == 0
        assert conn.execute(sa.text("SELECT count(*) FROM site_day")).scalar_one() == 0


def test_quotes_come_newest_first_and_are_counted_without_the_article_join(engine: sa.Engine) -> None:
    with engine.begin() as conn:  # an undated article with a quote: listed after every dated one
        conn.execute(sa.text("UPDATE article SET publish_date = NULL WHERE id = (SELECT min(id) FROM article)"))
    with Session(engine) as session:
        everything = find_quotes(session, limit=None)
        dates = [q.publish_date for q in everything]
        dated = [d for d in dates if d is not None]
        assert dated == sorted(dated, reverse=True) and dates[len(dated):] == [None] * (len(dates) - len(dated))
        assert len(everything) == count_quotes(session)
        assert find_quotes(session, limit=7) == everything[:7]
        mine = find_quotes(session, speaker="青禾", limit=None)
        assert {q.speaker for q in mine} == {"苗青禾"} and len(mine) == count_quotes(session, speaker="青禾") == 9
        assert count_quotes(session, speaker="青禾", speaker_type="person") == 6
        assert count_quotes(session, speaker="%") == 0 and find_quotes(session, speaker="%") == []


def test_the_migration_counts_an_existing_archive_in_resumable_batches(db_url: str,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(BATCH_ENV, "4")
    assert upgrade(db_url, "0009") == "0009"
    engine = make_engine(db_url)
    items = [item_for(fixture.slug) for fixture in ARTICLES]
    for n, item in enumerate(items):
        item.site = ("north", "south")[n % 2]
    _save(engine, items)
    with engine.begin() as conn:
        _raw_quotes(conn, conn.execute(sa.text("SELECT min(id) FROM article")).scalar_one())
    seen: list[int] = []

    def stop_after_two(revision: str, done: int, total: int) -> None:
        seen.append(done)
        if len(seen) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        upgrade(db_url, "0010", progress=stop_after_two)
    assert current_revision(db_url) == "0009" and seen == [4, 8]
    resumed: list[int] = []
    assert upgrade(db_url, "0010", progress=lambda _r, done, _t: resumed.append(done)) == "0010"
    assert resumed[0] == 12 and resumed[-1] == len(ARTICLES)
    _same(engine)
    with Session(engine) as session:
        assert ranked_speakers(session)[1] == ranked_speakers(session, tallied=False)[1] > 10
    engine.dispose()


def test_a_filter_that_is_not_whole_days_is_counted_from_the_quotes(engine: sa.Engine) -> None:
    from pipelines.db.tallies import answerable

    assert answerable(ArticleFilter(site="north", since=DAY, until=DAY + timedelta(days=1)))
    assert not answerable(ArticleFilter(since=DAY + timedelta(hours=3)))
    assert not answerable(ArticleFilter(source="新华"))
    noon = datetime.combine(date(2023, 4, 17), datetime.min.time(), UTC)  # 08:00 in Beijing
    with Session(engine) as session:
        where = ArticleFilter(since=noon - timedelta(days=3650))
        assert ranked_speakers(session, where) == ranked_speakers(session, where, tallied=False)
