"""The fast paths of search's client side give what the plain ones gave (issue 17, client CPU).

- ``_normalise_quickly`` is ``normalise`` (NFKC of a text whose compatibility characters were first
  replaced by their NFKD forms);
- ``_normal_with_origin`` (``range`` origins, ``str.translate`` for a body whose length the normalisation
  changes) gives the text and origins of the step-per-character version it replaced;
- ``_literal_values`` (binds marked in place) sends the SQL that cloning the statement sent, and
  ``_id_in`` the SQL of ``in_``.
The text here is invented: random characters, and short phrases written for these tests.
"""

from __future__ import annotations

import random
import re
import unicodedata
from datetime import UTC, datetime

import pytest
from sqlalchemy import column, func, select, table
from sqlalchemy.dialects import postgresql
from sqlalchemy.sql import visitors
from sqlalchemy.sql.elements import BindParameter

from pipelines.db import search
from pipelines.db.filters import ArticleFilter
from pipelines.db.models import Article

ALPHABET = ([chr(c) for c in range(0x20, 0x7F)] + [chr(c) for c in range(0xA0, 0x250)]
            + [chr(c) for c in range(0x300, 0x370)] + [chr(c) for c in range(0x1100, 0x1180)]
            + [chr(c) for c in range(0x2000, 0x2070)] + [chr(c) for c in range(0x2460, 0x2480)]
            + [chr(c) for c in range(0x3000, 0x3040)] + [chr(c) for c in range(0x3300, 0x3320)]
            + [chr(c) for c in range(0xAC00, 0xAC20)] + [chr(c) for c in range(0xF900, 0xF920)]
            + [chr(c) for c in range(0xFB00, 0xFB08)] + [chr(c) for c in range(0xFF00, 0xFF70)]
            + list("春风吹绿柳岸边花开鸟鸣山水间") + ["\u03a3", "\u0130", "\u1e9e", "\u212b", "\u2026"])


def old_normal_with_origin(body: str) -> tuple[str, list[int]]:
    """The version before issue 17's client-CPU work: one Python step per character."""
    normal = search.normalise(body)
    if len(normal) == len(body):
        return normal, list(range(len(body)))
    chars: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(body):
        piece = search.normalise(ch) if not ch.isascii() or ch.isupper() else ch
        chars.append(piece)
        origin.extend([i] * len(piece))
    return "".join(chars), origin


def random_texts(count: int, longest: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, longest))) for _ in range(count)]


def test_normalise_quickly_is_normalise() -> None:
    cases = ["春风吹，绿柳岸！", "ＡＢＣ，ｄｅｆ：１２３", "Ｅ\u0301 and e\u0301", "花开……鸟鸣", "ﬁne ﬂow",
             "\u3000山水\u3000", "ΟΔΟΣ ΟΔΟΣ", "\u1100\u1161\u11a8", "\u212b\u0301", "㍻元年", ""]
    for text_ in cases + random_texts(3000, 40, 1):
        assert search._normalise_quickly(text_) == unicodedata.normalize("NFKC", text_).lower(), repr(text_)


def test_normal_with_origin_as_before() -> None:
    cases = ["春风吹，绿柳岸……花开", "ﬁrst ﬂow…", "山水㍻间", "ＡＢ…ＣＤ", "plain ascii", ""]
    for body in cases + random_texts(3000, 60, 2):
        normal, origin = search._normal_with_origin(body)
        assert (normal, list(origin)) == old_normal_with_origin(body), repr(body)


def test_snippet_of_a_body_that_changes_length() -> None:
    # the ellipsis becomes three dots and the ligature two letters: the hit's place is mapped back
    body = "春风吹……绿柳岸，ﬁne 花开鸟鸣"
    assert len(search.normalise(body)) != len(body)
    terms = search.parse_query("花开 fine")
    assert search.snippet(body, terms) == "春风吹……绿柳岸，【ﬁne】 【花开】鸟鸣"
    assert search.snippet("ＡＢ，花开", search.parse_query("ab")) == "【ＡＢ】，花开"


def old_literal(statement: object) -> object:
    """The marking before: a clone of the statement with every bind replaced by a literal_execute copy."""
    def literal(element: object, **_: object) -> object:
        if isinstance(element, BindParameter) and not element.literal_execute:
            inlined = element._clone()
            inlined.literal_execute = True
            return inlined
        return None
    return visitors.replacement_traverse(statement, {}, literal)


def rendered(statement: object) -> str:
    compiled = statement.compile(dialect=postgresql.psycopg.dialect(),  # type: ignore[attr-defined]
                                 compile_kwargs={"render_postcompile": True})
    return str(compiled)


def window_statement(ids: list[int]) -> object:
    docs = table("article_search", column("article_id"), column("title"), column("document"))
    where = ArticleFilter(site_id_values=(3, 4), since=datetime(2026, 1, 1, tzinfo=UTC), source="社")
    matches = select(docs.c.article_id).where(search._document_matches(docs, "'春风'"), search.body_key(docs) >= 10) \
        .cte("matches").prefix_with("MATERIALIZED")
    kept = where.apply(select(Article.id)).where(Article.id >= 10).subquery("kept")
    below = select(func.count()).select_from(matches).where(matches.c.article_id < 50).scalar_subquery()
    return (select(matches.c.article_id, below).join(kept, kept.c.id == matches.c.article_id)
            .where(matches.c.article_id.in_(ids)).order_by(matches.c.article_id.desc()).limit(20).offset(5))


def test_literal_values_sends_what_the_clone_sent() -> None:
    before = rendered(old_literal(window_statement([7, 3, 11])))
    statement = window_statement([7, 3, 11])
    search._literal_values(statement)
    after = rendered(statement)
    assert after == before
    compiled = statement.compile(dialect=postgresql.psycopg.dialect())  # type: ignore[attr-defined]
    assert all(bind.literal_execute for bind in compiled.binds.values())
    assert not re.search(r"%\(\w+\)s", after) and "'社'" in after and "IN (7, 3, 11)" in after


def test_id_in_renders_as_in() -> None:
    docs = table("article_search", column("article_id"))
    for ids in ([5, 1, 3], [42], []):
        plain = select(docs.c.article_id).where(docs.c.article_id > 0, docs.c.article_id.in_(ids))
        quick = select(docs.c.article_id).where(docs.c.article_id > 0, search._id_in(docs.c.article_id, ids))
        search._literal_values(plain)
        search._literal_values(quick)
        assert rendered(quick) == rendered(plain)


def test_literal_values_without_a_cache_key_walks_the_statement(monkeypatch: pytest.MonkeyPatch) -> None:
    # a statement holding an element SQLAlchemy cannot cache has no cache key: its binds are found by a walk
    before = rendered(old_literal(window_statement([2, 9])))
    statement = window_statement([2, 9])
    monkeypatch.setattr(type(statement), "_generate_cache_key", lambda self: None)
    search._literal_values(statement)
    monkeypatch.undo()
    assert rendered(statement) == before
