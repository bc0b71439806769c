"""Migration 0004 recomputes every article's signature and LSH bands with one-permutation MinHash.

An archive is built at revision 0003 with signatures and bands of the old 128-permutation kind (made-up
values of its range: the old algorithm is gone), then upgraded; SQLite and PostgreSQL.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import command

from pipelines.db.engine import make_engine
from pipelines.db.migrate import alembic_config, current_revision, head_revision, upgrade
from pipelines.syndication import NUM_PERM, band_keys, estimate_jaccard, is_near_copy, minhash

T0 = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)
STORY = ("青川市沿江绿道日前完成最后一段施工，将于本月底全线向市民开放。绿道串联起老城区的码头遗址、城东湿地公园"
         "和新区的体育中心，沿途新设驿站9处、观景平台14个。园林部门还在绿道沿线补种了乌桕、水杉和芦苇等本地植物，"
         "既能固土护坡，也为鸟类提供了栖息空间。")
COPY = "来源：青川日报\n" + STORY.replace("，", "，\n") + "\n（责任编辑：李明远）"
OTHER = ("石门县第二中学的机器人社团在全省青少年机器人挑战赛上获得高中组一等奖，队员们利用周末和晚自习后的时间"
         "练习编程、调试电机，先后修改了十几版机械爪的结构。")
FILLERS = 520
"""Enough articles to cross the migration's batch boundary (500)."""


def _old_signature(rng: random.Random) -> list[int]:
    """A stand-in for a 128-permutation signature: values below 2**61 - 1, as the old algorithm stored."""
    return [rng.randrange((1 << 61) - 1) for _ in range(NUM_PERM)]


def _article(n: int, body: str, signature: list[int], **extra: Any) -> dict[str, Any]:
    return {"canonical_url": f"https://a.example.cn/{n}.html", "title": f"t{n}", "body": body, "blocks": [],
            "author": [], "editor": [], "breadcrumb": [], "tags": [], "extractor_version": "old",
            "content_hash": f"h{n}", "signature": signature, "version": 1, "first_seen": T0, "last_seen": T0,
            **extra}


def _build_0003_archive(db_url: str) -> dict[str, int]:
    """Articles at revision 0003 with old-style signatures and bands; returns ids by name."""
    assert upgrade(db_url, "0003") == "0003"
    rng = random.Random(3)
    engine = make_engine(db_url)
    meta = sa.MetaData()
    with engine.begin() as c:
        article = sa.Table("article", meta, autoload_with=c)  # the 0003 schema, whatever the models say later
        band = sa.Table("lsh_band", meta, autoload_with=c)
        named = {"story": STORY, "copy": COPY, "other": OTHER, "empty": ""}
        rows = [_article(i, body, _old_signature(rng) if body else []) for i, body in enumerate(named.values())]
        for i in range(FILLERS):  # bodies at the start and across the batch boundary, the rest empty (cheap)
            body = f"第{i}号快讯：{OTHER[i % 40 : i % 40 + 30]}" if i % 50 == 0 or i > 480 else ""
            rows.append(_article(100 + i, body, _old_signature(rng) if body else []))
        c.execute(article.insert(), rows)
        url = article.c.canonical_url
        ids = {name: c.execute(sa.select(article.c.id).where(url == f"https://a.example.cn/{i}.html")).scalar_one()
               for i, name in enumerate(named)}
        c.execute(article.update().where(article.c.id == ids["copy"])
                  .values(duplicate_of_id=ids["story"], syndication_group=ids["story"], similarity=0.8))
        stored = c.execute(sa.select(article.c.id, article.c.signature)).all()
        bands = [{"band_key": key, "article_id": i} for i, sig in stored for key in band_keys(list(sig))]
        bands.append({"band_key": "0:0000000000000000", "article_id": ids["empty"]})  # stale: must go
        c.execute(band.insert(), bands)
    engine.dispose()
    return ids


def _state(db_url: str) -> tuple[dict[int, tuple[str, list[int]]], dict[int, set[str]], dict[int, tuple[Any, ...]]]:
    """Bodies and signatures, band keys, and the copy links of every article."""
    engine = make_engine(db_url)
    meta = sa.MetaData()
    with engine.connect() as c:
        article = sa.Table("article", meta, autoload_with=c)
        band = sa.Table("lsh_band", meta, autoload_with=c)
        rows = c.execute(sa.select(article.c.id, article.c.body, article.c.signature, article.c.duplicate_of_id,
                                   article.c.syndication_group, article.c.similarity)).all()
        keys: dict[int, set[str]] = {}
        for key, article_id in c.execute(sa.select(band.c.band_key, band.c.article_id)):
            keys.setdefault(article_id, set()).add(key)
    engine.dispose()
    return ({r.id: (r.body, list(r.signature)) for r in rows}, keys,
            {r.id: (r.duplicate_of_id, r.syndication_group, r.similarity) for r in rows})


def _assert_recomputed(db_url: str) -> None:
    signatures, keys, _ = _state(db_url)
    assert len(signatures) == 4 + FILLERS
    for article_id, (body, signature) in signatures.items():
        assert signature == minhash(body)
        assert keys.get(article_id, set()) == set(band_keys(signature))


def test_upgrade_recomputes_signatures_and_bands_from_the_bodies(db_url: str) -> None:
    ids = _build_0003_archive(db_url)
    before, old_keys, links = _state(db_url)
    assert before[ids["story"]][1] != minhash(STORY) and old_keys[ids["empty"]]

    assert upgrade(db_url) == head_revision()
    _assert_recomputed(db_url)
    after, keys, links_after = _state(db_url)
    assert after[ids["empty"]][1] == [] and ids["empty"] not in keys
    assert all(len(sig) == NUM_PERM for body, sig in after.values() if body)
    # the copy is found again through the new bands; the unrelated article is not
    story, copy, other = (after[ids[name]][1] for name in ("story", "copy", "other"))
    assert keys[ids["story"]] & keys[ids["copy"]] and is_near_copy(story, copy)
    assert not keys[ids["story"]] & keys[ids["other"]] and estimate_jaccard(story, other) < 0.2
    assert links_after == links  # which copies were found before is kept
    assert links_after[ids["copy"]] == (ids["story"], ids["story"], 0.8)


def test_downgrade_keeps_the_new_signatures_and_a_second_upgrade_recomputes_them(db_url: str) -> None:
    _build_0003_archive(db_url)
    upgrade(db_url)
    command.downgrade(alembic_config(db_url), "0003")
    assert current_revision(db_url) == "0003"
    _assert_recomputed(db_url)  # the documented no-op: nothing to restore the old kind from

    engine = make_engine(db_url)
    with engine.begin() as c:  # code of revision 0003 stores a signature of its own kind meanwhile
        c.execute(sa.text("UPDATE article SET signature = '[1, 2, 3]' WHERE body != ''"))
    engine.dispose()
    assert upgrade(db_url) == head_revision()
    _assert_recomputed(db_url)
