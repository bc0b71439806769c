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
