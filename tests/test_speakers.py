"""``newscrawler speakers`` on a SQLite file and a fresh PostgreSQL database: the most quoted speakers of
the project's fixture articles, counted independently from the extracted quotes and compared."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newscrawler.cli import main
from newscrawler.items import ArticleItem
from pipelines.db.engine import make_engine, session_factory
from pipelines.db.migrate import upgrade
from pipelines.db.repository import save_article

from .conftest import SHANGHAI
from .fixtures.articles import ARTICLES
from .test_store import T0, item_for

Keep = Callable[[ArticleItem], bool]


@dataclass
class Archive:
    db_url: str
    items: list[ArticleItem]  # in storage order


@pytest.fixture
def archive(db_url: str) -> Iterator[Archive]:
    """Every fixture article, alternately on sites north and south, and a reprint of the weather story
    three days later (so one speaker is quoted in two articles on different days)."""
    upgrade(db_url)
    items = []
    for n, fixture in enumerate(ARTICLES):
        item = item_for(fixture.slug)
        item.site = ("north", "south")[n % 2]
        items.append(item)
    reprint = item_for("weather", url="https://mirror.example.cn/2023/weather.html")
    assert reprint.article.publish_date is not None
    reprint.article.publish_date += timedelta(days=3)
    reprint.site = "mirror"
    items.append(reprint)
    engine = make_engine(db_url)
    with session_factory(engine).begin() as s:
        for item in items:
            save_article(s, item, T0)
    engine.dispose()
    yield Archive(db_url, items)


def expected(archive: Archive, *, speaker_type: str | None = None, keep: Keep = lambda item: True,
             ) -> list[dict[str, Any]]:
    """The ranking counted in Python from the extracted quotes: most quotes, most articles, first quoted."""
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for item in archive.items:
        if not keep(item):
            continue
        assert item.article.publish_date is not None
        day = item.article.publish_date.astimezone(SHANGHAI).date().isoformat()
        for quote in item.article.quotes:
            if quote.speaker is None or (speaker_type and quote.speaker_type != speaker_type):
                continue
            entry = found.setdefault((quote.speaker, quote.speaker_type), {
                "order": len(found), "quotes": 0, "articles": set(), "days": [],
                "titles": Counter(), "affiliations": Counter()})
            entry["quotes"] += 1
            entry["articles"].add(item.article.canonical_url)
            entry["days"].append(day)
            entry.setdefault("per_article", Counter())[item.article.canonical_url] += 1
            entry.setdefault("day_of", {})[item.article.canonical_url] = day
            entry["titles"].update(quote.speaker_title)
            entry["affiliations"].update([quote.speaker_affiliation] if quote.speaker_affiliation else [])
    _group_short_forms(found)
    found = {key: e for key, e in found.items() if e["quotes"]}
    ranked = sorted(found.items(), key=lambda kv: (-kv[1]["quotes"], -len(kv[1]["articles"]), kv[1]["order"]))
    return [{"speaker": speaker, "speaker_type": kind, "quotes": e["quotes"], "articles": len(e["articles"]),
             "first": min(e["days"]), "last": max(e["days"]),
             "titles": [t for t, _ in e["titles"].most_common()],
             "affiliations": [a for a, _ in e["affiliations"].most_common()], "aliases": e.get("aliases", [])}
            for (speaker, kind), e in ranked]


def _group_short_forms(found: dict[tuple[str, str], dict[str, Any]]) -> None:
    """The documented rule, written again: an organisation/outlet/document short form's quotes go to the
    longest fuller name ending with it in each article where both are quoted."""
    kinds = ("organization", "media", "document")
    for (short, kind), entry in sorted(found.items(), key=lambda kv: len(kv[0][0])):
        if kind not in kinds or len(short) < 2:
            continue
        fuller = sorted((k for k in found if k[1] == kind and k[0] != short and k[0].endswith(short)),
                        key=lambda k: -len(k[0]))
        for url in sorted(entry["articles"]):
            target = next((k for k in fuller if url in found[k]["articles"]), None)
            if target is None:
                continue
            moved = entry["per_article"][url]
            found[target]["quotes"] += moved
            entry["quotes"] -= moved
            entry["articles"].discard(url)
            entry["days"] = [entry["day_of"][u] for u in entry["articles"]]
            aliases = found[target].setdefault("aliases", [])
            if short not in aliases:
                aliases.append(short)


def speakers(archive: Archive, *args: str) -> list[dict[str, Any]]:
    result = CliRunner().invoke(main, ["speakers", "--db", archive.db_url, "--format", "json", *args])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_the_most_quoted_come_first_with_titles_and_affiliations(archive: Archive) -> None:
    listed = speakers(archive, "--limit", "10000")
    assert listed == expected(archive)
    top = listed[0]
    assert top == {"speaker": "龚海峰", "speaker_type": "person", "quotes": 6, "articles": 2, "first": "2023-04-15",
                   "last": "2023-04-18", "titles": ["首席预报员"], "affiliations": ["省气象台"], "aliases": []}
    official = next(s for s in listed if s["speaker"] == "石红梅")
    assert official["titles"] == ["处长"] and official["affiliations"] == ["东川市教育局体育卫生与艺术教育处"]
    both = next(s for s in listed if s["speaker"] == "业内人士")
    assert both["speaker_type"] == "anonymous" and both["articles"] == 2
    quoted = sum(1 for item in archive.items for q in item.article.quotes if q.speaker)
    unresolved = sum(1 for item in archive.items for q in item.article.quotes if q.speaker is None)
    assert unresolved, "the fixture articles hold hearsay without a speaker"
    assert sum(s["quotes"] for s in listed) == quoted  # every resolved quote counted once, no unresolved one
    assert all(s["speaker"] and s["speaker_type"] != "unspecified" for s in listed)


@pytest.mark.parametrize(("options", "kind", "keep"), [
    (("--type", "person"), "person", lambda item: True),
    (("--type", "anonymous"), "anonymous", lambda item: True),
    (("--site", "north"), None, lambda item: item.site == "north"),
    (("--since", "2023-04-16", "--until", "2023-04-17"), None,
     lambda item: item.article.publish_date.astimezone(SHANGHAI).date().isoformat() == "2023-04-16"),
    (("--source", "晚报"), None, lambda item: "晚报" in (item.article.source or "")),
    (("--channel", "天气"), None, lambda item: item.article.channel == "天气"),
    (("--type", "organization", "--site", "south"), "organization", lambda item: item.site == "south"),
])
def test_type_and_article_filters(archive: Archive, options: tuple[str, ...], kind: str | None, keep: Keep) -> None:
    want = expected(archive, speaker_type=kind, keep=keep)
    assert 0 < len(want) < len(expected(archive))
    assert speakers(archive, "--limit", "10000", *options) == want


def test_limit_keeps_the_top(archive: Archive) -> None:
    assert speakers(archive, "--limit", "3") == expected(archive)[:3]
    assert len(speakers(archive)) == 20


def test_the_table_reads_as_a_ranking(archive: Archive) -> None:
    result = CliRunner().invoke(main, ["speakers", "--db", archive.db_url, "--type", "person", "--limit", "40"])
    assert result.exit_code == 0, result.output
    header, *rows = result.stdout.splitlines()
    assert header.split() == ["quotes", "articles", "first", "last", "speaker", "[type]", "affiliation", "titles"]
    assert rows[0] == "     6        2  2023-04-15 – 2023-04-18  龚海峰 [person]  省气象台 首席预报员"
    assert "     3        1  2023-04-14 – 2023-04-14  石红梅 [person]  东川市教育局体育卫生与艺术教育处 处长" in rows
    assert len(rows) == len(expected(archive, speaker_type="person")[:40])


def test_nothing_quoted_is_said_on_stderr(archive: Archive) -> None:
    result = CliRunner().invoke(main, ["speakers", "--db", archive.db_url, "--site", "nowhere", "--type", "media"])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "no quoted speaker of type media in the archive (site=nowhere)\n"


def test_a_missing_archive_is_a_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["speakers", "--db", f"sqlite:///{tmp_path / 'none.db'}"])
    assert result.exit_code == 1 and "holds no archive yet" in result.stderr and result.stderr.count("\n") == 1
    assert not (tmp_path / "none.db").exists()


def test_a_short_form_is_counted_under_the_full_name_in_articles_that_name_both(db_url: str) -> None:
    """国家统计局 and 统计局 in one article are one speaker; 统计局 alone elsewhere stays itself."""
    import dataclasses

    from newscrawler.items import Quote
    from pipelines.db.quote_queries import count_speakers, top_speakers

    def org(name: str, index: int) -> Quote:
        return Quote(speaker=name, speaker_mention=name, speaker_type="organization", quote_text=f"数据{index}",
                     quote_type="indirect", block_index=0, start=0, end=2, cue="表示")

    upgrade(db_url)
    engine = make_engine(db_url)
    with session_factory(engine).begin() as s:
        both = item_for("finance", url="https://a.example/both.html")
        both.article = dataclasses.replace(both.article, quotes=[org("国家统计局", 1), org("统计局", 2)])
        alone = item_for("tech", url="https://a.example/alone.html")
        alone.article = dataclasses.replace(alone.article, quotes=[org("统计局", 3)])
        for item in (both, alone):
            save_article(s, item, T0)
    with session_factory(engine)() as s:
        ranked = {(r.speaker, r.quotes, r.articles, tuple(r.aliases)) for r in top_speakers(s, limit=10)}
        total = count_speakers(s)
    engine.dispose()
    assert ranked == {("国家统计局", 2, 1, ("统计局",)), ("统计局", 1, 1, ())}
    assert total == 2
