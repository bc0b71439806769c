"""The "showing N of M" count stops at its cap: a common word is not counted to the last match."""

from __future__ import annotations

from pipelines.db.engine import make_engine, session_factory
from pipelines.db.migrate import upgrade
from pipelines.db.repository import save_article
from pipelines.db.search import count_matches

from .test_store import T0, item_for


def test_count_matches_stops_one_past_its_cap(db_url: str) -> None:
    upgrade(db_url)
    engine = make_engine(db_url)
    with session_factory(engine).begin() as s:
        for n, slug in enumerate(("finance", "tech", "sports")):
            save_article(s, item_for(slug, url=f"https://a.example/{n}.html"), T0)
    with session_factory(engine)() as s:
        every = count_matches(s, "的")
        capped = count_matches(s, "的", cap=1)
        roomy = count_matches(s, "的", cap=100)
    engine.dispose()
    assert every == 3 and capped == 2 and roomy == 3


def test_a_phrase_or_a_character_is_counted_to_the_smaller_cap(db_url: str) -> None:
    """A one-character word (a prefix) and a phrase (three or more characters) are counted to
    ``COSTLY_COUNT_CAP`` on both databases, a two-character word to ``COUNT_CAP``: on PostgreSQL each
    match of the first two must be read to be counted. 1,005 invented articles hold the phrase."""
    from sqlalchemy import insert

    from pipelines.db.models import Article, SearchDocument
    from pipelines.db.search import COSTLY_COUNT_CAP, COUNT_CAP, count_cap, index_text, search_counted

    assert count_cap("的") == count_cap("轨道交通") == count_cap("公司 -轨道交通") == COSTLY_COUNT_CAP
    assert count_cap("公司") == count_cap("公司 -中国") == count_cap("GPT") == COUNT_CAP
    upgrade(db_url)
    engine = make_engine(db_url)
    body = "城市轨道交通新线路今天开通，市民乘车出行。"
    with engine.begin() as c:
        c.execute(insert(Article), [
            {"id": i, "canonical_url": f"https://a.example/{i}.html", "title": f"第{i}期", "body": body,
             "blocks": [], "publish_date": T0, "author": [], "editor": [], "breadcrumb": [], "tags": [],
             "extractor_version": "test", "content_hash": f"h{i}", "signature": [], "version": 1,
             "first_seen": T0, "last_seen": T0} for i in range(1, COSTLY_COUNT_CAP + 6)])
        c.execute(insert(SearchDocument), [{"article_id": i, "title": index_text(f"第{i}期"), "body": index_text(body)}
                                           for i in range(1, COSTLY_COUNT_CAP + 6)])
    with session_factory(engine)() as s:
        assert search_counted(s, "轨道交通")[1] == COSTLY_COUNT_CAP + 1  # "more than 1,000"
        assert search_counted(s, "市民")[1] == COSTLY_COUNT_CAP + 5  # counted exactly: under COUNT_CAP
    engine.dispose()
