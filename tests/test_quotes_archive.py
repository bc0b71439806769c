"""Quotes travel from the extractor into the archive's quote table and out through ``newscrawler quotes``."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import select

from newscrawler.cli import main
from pipelines.db import models
from pipelines.db.engine import make_engine, session_factory
from pipelines.db.migrate import upgrade
from pipelines.db.repository import save_article

from .test_store import T0, item_for


def test_quotes_are_stored_and_listed(db_url: str, tmp_path: Path) -> None:
    upgrade(db_url)
    item = item_for("finance", url="https://news.example.cn/q/1.html")
    assert item.article.quotes, "the fixture article quotes people"
    engine = make_engine(db_url)
    with session_factory(engine).begin() as s:
        save_article(s, item, T0)
    with session_factory(engine)() as s:
        rows = list(s.scalars(select(models.Quote).order_by(models.Quote.position)))
    engine.dispose()
    assert [r.text for r in rows] == [q.quote_text for q in item.article.quotes]
    assert rows[0].record["block_index"] == item.article.quotes[0].block_index

    person = next(q for q in item.article.quotes if q.speaker_type == "person" and q.speaker)
    result = CliRunner().invoke(main, ["quotes", "--db", db_url, "--speaker", person.speaker[:2], "--json"])
    assert result.exit_code == 0, result.output
    listed = [json.loads(line) for line in result.stdout.splitlines()]
    assert listed and all(person.speaker[:2] in (q["speaker"] or "") for q in listed)
    assert listed[0]["article_url"] == "https://news.example.cn/q/1.html"
    anonymous = CliRunner().invoke(main, ["quotes", "--db", db_url, "--type", "anonymous"])
    assert anonymous.exit_code == 0
    kinds = {q.speaker_type for q in item.article.quotes}
    assert bool(anonymous.stdout.strip()) == ("anonymous" in kinds)
