"""Watching the archive (issue 16): the schedule, verdicts and paragraph diff as pure functions, the
exactly-once record on real databases, and re-visits through Scrapy of a real local portal that edits
and takes down articles between visits (SQLite and PostgreSQL), with an injected clock."""

from __future__ import annotations

import dataclasses
import json
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from newscrawler.extract import extract
from newscrawler.watch.diff import Content, changed, content_diff, summary
from newscrawler.watch.schedule import MAX_FAILURES, WatchSchedule, parse_ages
from newscrawler.watch.verdicts import (
    deletion_phrase,
    judge_page,
    judge_status,
    same_article_url,
    target_kind,
)
from pipelines.db import watch as watch_db
from pipelines.db.engine import make_engine, session_factory
from pipelines.db.migrate import upgrade
from pipelines.db.models import Article, ArticleVersion, WatchEvent, WatchObservation, WatchState
from pipelines.syndication import content_hash
from pipelines.warc import WarcWriter

from .conftest import REPO
from .portal_server import PortalServer, portal
from .watch_portal import (
    HTML,
    SITE,
    T0,
    Story,
    archive,
    archive_into,
    article_page,
    deleted_page,
    home_page,
    stories,
)

HOUR = timedelta(hours=1)


# --------------------------------------------------------------------------- schedule


def test_default_schedule_follows_the_news_cycle() -> None:
    schedule = WatchSchedule.parse(None)
    assert schedule.ages(None) == (3600, 21600, 86400, 259200, 604800, 2592000)
    assert schedule.enrol("x", T0) == (0, T0 + HOUR)
    # a visit moves to the first age still ahead; a late run skips the ages it missed
    assert schedule.after_visit("x", T0, T0 + HOUR) == (1, T0 + 6 * HOUR)
    assert schedule.after_visit("x", T0, T0 + 30 * HOUR) == (3, T0 + timedelta(days=3))
    assert schedule.after_visit("x", T0, T0 + timedelta(days=31)) == (6, None)
    # an edit restarts the schedule from the edit
    assert schedule.after_edit("x", T0 + 5 * HOUR) == (T0 + 5 * HOUR, 0, T0 + 6 * HOUR)


def test_unreachable_retries_back_off_and_end() -> None:
    schedule = WatchSchedule.parse("10m,1h,2h")
    assert schedule.after_failure(None, 0, 1, T0) == T0 + timedelta(minutes=10)
    assert schedule.after_failure(None, 0, 3, T0) == T0 + timedelta(minutes=40)
    assert schedule.after_failure(None, 0, 7, T0) == T0 + 2 * HOUR  # capped at the last age
    assert schedule.after_failure(None, 0, MAX_FAILURES, T0) is None


def test_per_site_intervals_and_bad_values() -> None:
    schedule = WatchSchedule.parse("2h,1d; people=30m,2h")
    assert schedule.ages("people") == (1800, 7200)
    assert schedule.ages("sina") == (7200, 86400)
    with pytest.raises(ValueError, match="increase"):
        parse_ages("6h,1h")
    with pytest.raises(ValueError):
        WatchSchedule.parse("people=soon")


# --------------------------------------------------------------------------- verdicts and diff


def test_statuses() -> None:
    for status in (404, 410, 451):
        judged = judge_status(status)
        assert judged is not None and judged.verdict == "removed"
    for status in (500, 503, 429, 403):
        judged = judge_status(status)
        assert judged is not None and judged.verdict == "unreachable"
    assert judge_status(200) is None


def test_deletion_pages_simplified_and_traditional() -> None:
    assert deletion_phrase("提示", "抱歉，您访问的页面不存在") == "页面不存在"
    assert deletion_phrase("該文章已被刪除") is not None
    assert deletion_phrase("东川新区三条公交线路下月调整") is None
    page = extract(deleted_page(), "http://x.cn/news/2026/12/01/a1.html", T0, {"Content-Type": HTML})
    judged = judge_page(page)
    assert judged is not None and judged.verdict == "removed_soft"
    assert judged.evidence["page_kind"] == page.kind
    live = extract(article_page(stories(1)[0]), "http://x.cn/news/2026/12/01/a0.html", T0, {"Content-Type": HTML})
    assert live.is_article and judge_page(live) is None
    listing = extract(home_page(stories(12)), "http://x.cn/news/2026/12/01/a0.html", T0, {"Content-Type": HTML})
    judged = judge_page(listing)
    assert judged is not None and judged.verdict == "not_article"  # no deletion wording: no takedown claimed


def test_redirect_targets() -> None:
    def on_site(url: str) -> bool:
        return "x.cn" in url

    def classify(url: str) -> str:
        return "list" if url.endswith("/society/") else "article" if url.endswith(".html") else "other"

    article = "http://www.x.cn/news/2026/12/01/a1.html"
    assert same_article_url("https://x.cn/news/2026/12/01/a1.html", article)
    assert not same_article_url("http://x.cn/news/2026/12/01/a2.html", article)
    assert target_kind("http://x.cn/", article, on_site, classify) == "home"
    assert target_kind("http://x.cn/index.shtml", article, on_site, classify) == "home"
    assert target_kind("http://x.cn/society/", article, on_site, classify) == "channel"
    assert target_kind("http://x.cn/news/2026/12/02/b.html", article, on_site, classify) == "article"
    assert target_kind("http://y.cn/", article, on_site, classify) == "other site"


def test_paragraph_diff() -> None:
    old = Content("标题一", "第一段。\n第二段说的是旧的数字：三百万元。\n第三段。", None)
    assert not changed(old, Content("标题一", "第一段。\n 第二段说的是旧的数字：三百万元。 \n\n第三段。", None))
    new = Content("标题二", "第一段。\n第二段说的是新的数字：两百万元。\n第三段。\n第四段是新加的。", None)
    diff = content_diff(old, new)
    assert diff["title"] == ["标题一", "标题二"]
    assert diff["publish_date"] is None
    assert (diff["added"], diff["removed"], diff["changed"]) == (1, 0, 1)
    assert {"op": "changed", "at": 1, "old": "第二段说的是旧的数字：三百万元。",
            "new": "第二段说的是新的数字：两百万元。"} in diff["paragraphs"]
    line = summary(diff)
    assert line.startswith("title: 标题一 → 标题二") and "~¶2:" in line and "+¶4:" in line
    gone = content_diff(old, Content("标题一", "第一段。\n第三段。", None))
    assert gone["paragraphs"] == [{"op": "removed", "at": 1, "old": "第二段说的是旧的数字：三百万元。"}]
    dated = content_diff(old, Content("标题一", old.body, T0))
    assert dated["publish_date"] == [None, T0.isoformat()]


# --------------------------------------------------------------------------- the record, exactly once


def test_enrol_caps_and_record_visit_exactly_once(db_url: str, tmp_path: Path) -> None:
    upgrade(db_url)
    engine = make_engine(db_url)
    sessions = session_factory(engine)
    schedule = WatchSchedule.parse(None)
    try:
        with sessions.begin() as session:
            ids = archive(session, "http://127.0.0.1:9", stories(5), None)
        with sessions.begin() as session:
            assert watch_db.enrol(session, schedule.enrol, max_per_site=3) == 3
            assert watch_db.enrol(session, schedule.enrol, max_per_site=3) == 0  # the site's cap is reached
        with sessions() as session:
            assert watch_db.due_visits(session, T0 + HOUR - timedelta(seconds=1), limit=10) == []
            due = watch_db.due_visits(session, T0 + HOUR, limit=2)
        assert len(due) == 2 and {d.article_id for d in due} <= set(ids.values())
        visit = due[0]
        observation = {"observed_at": T0 + HOUR, "status": 404, "final_url": visit.url, "verdict": "removed",
                       "evidence": {"status": 404}, "warc": None, "content_hash": None, "crawl_run_id": None}
        event = {"kind": "removed", "observed_at": T0 + HOUR, "last_alive": None, "version": None, "diff": None,
                 "evidence": {"status": 404}}
        state = {"last_status": "removed", "last_visit": T0 + HOUR, "step": 1, "next_visit": T0 + 6 * HOUR}
        for attempt in range(2):  # the same planned visit twice (a second watch run, a replay): recorded once
            with sessions.begin() as session:
                recorded = watch_db.record_visit(session, article_id=visit.article_id, planned_visits=visit.visits,
                                                 observation=observation, state=state, event=event)
            assert (recorded is not None) == (attempt == 0)
        with sessions() as session:
            assert session.scalar(select(func.count()).select_from(WatchObservation)) == 1
            assert session.scalar(select(func.count()).select_from(WatchEvent)) == 1
            row = session.get(WatchState, visit.article_id)
            assert row is not None and row.visits == 1 and row.next_visit == T0 + 6 * HOUR
            events, total = watch_db.find_events(session, kinds=["removed"])
            assert total == 1 and events[0].status == 404 and events[0].site == SITE
            assert watch_db.event_counts(session) == [(SITE, "2026-12-01", "removed", 1)]
            from newscrawler.health import collect

            health = collect(session, now=T0 + 2 * HOUR, days=3)
            site = next(s for s in health.sites if s.name == SITE)
            assert site.events == {"removed": 1}  # stats counts the events per site and day
            assert site.to_json(T0)["watch_events_per_day"][0]["kind"] == "removed"
    finally:
        engine.dispose()


# --------------------------------------------------------------------------- re-visits of a live portal


@pytest.fixture
def watched(db_url: str, tmp_path: Path) -> Iterator[tuple[PortalServer, str, dict[str, Story], dict[str, int]]]:
    """A portal serving nine articles, archived at T0 (raw pages in WARC); one more archived by an
    older extractor that read it differently."""
    names = ("gone404", "gone410", "home", "soft", "flaky", "busy", "chrome", "para", "title", "stable", "older")
    items = {name: story for name, story in zip(names, stories(len(names)), strict=True)}
    for name, story in items.items():
        story.slug = name
    pages = {story.path: (article_page(story), HTML) for story in items.values()}
    pages["/"] = (home_page(list(items.values())), HTML)
    with portal(pages=pages) as state:
        upgrade(db_url)
        engine = make_engine(db_url)
        try:
            with session_factory(engine).begin() as session, WarcWriter(tmp_path / "warc") as warc:
                ids = archive(session, state.base, [s for n, s in items.items() if n != "older"], warc)
                ids |= archive(session, state.base, [items["older"]], warc, extractor_version="0.0-older")
                stored = session.get(Article, ids["older"])
                assert stored is not None
                stored.body = stored.body + "\n旧版抽取器多读进来的一行：相关阅读"
                stored.content_hash = content_hash(stored.body)
        finally:
            engine.dispose()
        yield state, db_url, items, ids


def _watch_cmd(db_url: str, tmp_path: Path, now: datetime, *settings: str) -> list[str]:
    """``scrapy crawl watch`` at the moment ``now``, fast: no politeness delay, one quick retry."""
    cmd = [sys.executable, "-m", "scrapy", "crawl", "watch", "-a", f"now={now.isoformat()}",
           "-s", f"NEWSCRAWLER_DATABASE_URL={db_url}", "-s", f"NEWSCRAWLER_WARC_DIR={tmp_path / 'warc'}",
           "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_TIMEOUT=2",
           "-s", "RETRY_TIMES=1", "-s", "NEWSCRAWLER_RETRY_BACKOFF=0.05", "-s", "NEWSCRAWLER_PROGRESS_INTERVAL=0",
           "-s", "LOG_LEVEL=INFO"]
    for setting in settings:
        cmd += ["-s", setting]
    return cmd


def _watch(state: PortalServer, db_url: str, tmp_path: Path, now: datetime, *settings: str) -> str:
    proc = subprocess.run(_watch_cmd(db_url, tmp_path, now, *settings), cwd=REPO, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc.stderr


def test_edits_and_takedowns_are_found_once_each(
        watched: tuple[PortalServer, str, dict[str, Story], dict[str, int]], tmp_path: Path) -> None:
    state, db_url, items, ids = watched
    base = state.base
    assert state.pages is not None
    # between archiving and the first re-visit the portal edits and takes down articles
    state.faults[items["gone404"].path] = ("status", 404, 10**6)
    state.faults[items["gone410"].path] = ("status", 410, 10**6)
    state.faults[items["home"].path] = ("redirect", base + "/")
    state.pages[items["soft"].path] = (deleted_page(), HTML)
    state.faults[items["flaky"].path] = ("reset", 10**6)  # unreachable for this visit only
    state.faults[items["busy"].path] = ("status", 503, 10**6)  # overloaded: 503 after every retry
    state.pages[items["chrome"].path] = (article_page(items["chrome"], nav=("首页", "要闻", "视频"),
                                                      hot=("今日天气晴转多云", "一周热点回顾")), HTML)
    para = items["para"]
    edited = Story(para.slug, para.title, [*para.paragraphs], para.published)
    edited.paragraphs[2] = edited.paragraphs[2].replace("，", "，据最新通报，", 1)
    state.pages[para.path] = (article_page(edited), HTML)
    retitled = Story("title", items["title"].title + "（更新）", items["title"].paragraphs, items["title"].published)
    state.pages[items["title"].path] = (article_page(retitled), HTML)

    first = T0 + HOUR + timedelta(minutes=1)
    _watch(state, db_url, tmp_path, first)
    engine = make_engine(db_url)
    try:  # an edit restarts the schedule from the edit: 1 h after it, where an untouched article waits for 6 h
        with session_factory(engine)() as session:
            for name in ("para", "title"):
                edited_state = session.get(WatchState, ids[name])
                assert edited_state is not None
                assert (edited_state.anchor, edited_state.step, edited_state.next_visit) == (first, 0, first + HOUR)
            untouched = session.get(WatchState, ids["stable"])
            assert untouched is not None
            assert (untouched.anchor, untouched.step, untouched.next_visit) == (T0, 1, T0 + 6 * HOUR)
    finally:
        engine.dispose()
    state.faults.pop(items["flaky"].path)  # the host answers again
    state.faults.pop(items["busy"].path)
    _watch(state, db_url, tmp_path, T0 + 7 * HOUR)  # every article is due again: nothing new happened
    _watch(state, db_url, tmp_path, T0 + 7 * HOUR)  # nothing due: nothing visited

    engine = make_engine(db_url)
    try:
        with session_factory(engine)() as session:
            events = {e.article_id: e for e in session.scalars(select(WatchEvent))}
            kinds = {name: events[ids[name]].kind for name in items if ids[name] in events}
            assert kinds == {"gone404": "removed", "gone410": "removed", "home": "redirected",
                             "soft": "removed_soft", "para": "edited", "title": "edited"}
            assert session.scalar(select(func.count()).select_from(WatchEvent)) == 6  # exactly once each
            assert events[ids["gone404"]].evidence["status"] == 404
            assert events[ids["gone410"]].evidence["status"] == 410
            moved = events[ids["home"]].evidence
            assert moved["target"] == base + "/" and moved["target_kind"] == "home" and moved["status"] == 301
            soft = events[ids["soft"]].evidence
            assert soft["phrase"] in ("页面不存在", "已被删除") and soft["status"] == 200
            diff = events[ids["para"]].diff
            assert diff is not None and diff["title"] is None
            assert [(op["op"], op["at"]) for op in diff["paragraphs"]] == [("changed", 2)]
            assert "据最新通报" in diff["paragraphs"][0]["new"]
            title_diff = events[ids["title"]].diff
            assert title_diff is not None and title_diff["title"] == [items["title"].title, retitled.title]
            assert title_diff["paragraphs"] == []
            # an edit makes exactly one new version, the old text kept
            for name in ("para", "title"):
                row = session.get(Article, ids[name])
                assert row is not None and row.version == 2 and events[ids[name]].version == 2
                kept = session.scalars(select(ArticleVersion).where(ArticleVersion.article_id == ids[name])).all()
                assert len(kept) == 1 and kept[0].version == 1
            # nothing for the chrome, the unreachable period, the untouched and the re-extracted article
            for name in ("chrome", "stable", "flaky", "busy", "older"):
                row = session.get(Article, ids[name])
                assert row is not None and (row.version == 1 or name == "older"), name
            flaky = [o.verdict for o in watch_db.observations(session, ids["flaky"])]
            assert flaky == ["unreachable", "alive"]
            busy = watch_db.observations(session, ids["busy"])
            assert [(o.verdict, o.status) for o in busy] == [("unreachable", 503), ("alive", 200)]
            assert busy[0].evidence["error"] == "HTTP 503"
            older = [o.verdict for o in watch_db.observations(session, ids["older"])]
            assert older[0] == "reextracted"
            assert session.scalar(select(func.count()).select_from(ArticleVersion)
                                  .where(ArticleVersion.article_id == ids["older"])) == 1
            # every answer is in the WARC archive, every visit of the two runs recorded once
            assert session.scalar(select(func.count()).select_from(WatchObservation)) == 2 * len(items)
            removed = watch_db.observations(session, ids["gone404"])
            assert [o.verdict for o in removed] == ["removed", "removed"] and all(o.warc for o in removed)
            assert removed[0].observed_at == first
    finally:
        engine.dispose()


def test_a_killed_watch_resumes_without_losing_or_repeating_a_visit(
        watched: tuple[PortalServer, str, dict[str, Story], dict[str, int]], tmp_path: Path) -> None:
    state, db_url, items, ids = watched
    for name in ("gone404", "gone410"):
        state.faults[items[name].path] = ("status", 404, 10**6)
    state.faults[items["stable"].path] = ("hold",)  # stays in flight until the process is killed
    cmd = _watch_cmd(db_url, tmp_path, T0 + 2 * HOUR, "CONCURRENT_REQUESTS_PER_DOMAIN=4")
    proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    engine = make_engine(db_url)
    try:
        sessions = session_factory(engine)
        deadline = time.monotonic() + 120
        recorded = 0
        while recorded < len(items) - 1 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.2)
            with sessions() as session:
                recorded = session.scalar(select(func.count()).select_from(WatchObservation)) or 0
        assert recorded == len(items) - 1
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        state.faults.pop(items["stable"].path)
        state.release.set()
        _watch(state, db_url, tmp_path, T0 + 2 * HOUR)  # the same moment: only the visit that was cut short
        with sessions() as session:
            per_article = dict(session.execute(select(WatchObservation.article_id, func.count())
                                               .group_by(WatchObservation.article_id)).all())
            assert per_article == {article_id: 1 for article_id in ids.values()}
            kinds = sorted(session.scalars(select(WatchEvent.kind)))
            assert kinds == ["removed", "removed"]
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        engine.dispose()


def test_watch_and_changes_commands(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from newscrawler.cli import main

    db_url = f"sqlite:///{tmp_path / 'news.db'}"
    items = stories(3)
    pages = {story.path: (article_page(story), HTML) for story in items}
    with portal(pages=pages) as state:
        assert state.pages is not None
        archive_into(db_url, state.base, items)
        state.faults[items[0].path] = ("status", 410, 10**6)
        edited = Story(items[1].slug, items[1].title, [*items[1].paragraphs[:3]], items[1].published)
        state.pages[items[1].path] = (article_page(edited), HTML)
        proc = subprocess.run([sys.executable, "-c", "from newscrawler.cli import main; main()", "watch", "--db",
                               db_url, "--now", (T0 + 2 * HOUR).isoformat()],
                              cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "3 enrolled, 3 due, 3 visited (alive 1, edited 1, removed 1)" in proc.stdout
    assert "events: edited 1, removed 1" in proc.stdout
    runner = CliRunner()
    table = runner.invoke(main, ["changes", "--db", db_url])
    assert table.exit_code == 0, table.output
    lines = table.stdout.splitlines()
    assert lines[0].split()[:4] == ["observed", "(Beijing)", "site", "kind"]
    assert any("removed" in line and "HTTP 410" in line for line in lines[1:])
    assert any("edited" in line and "-¶4:" in line for line in lines[1:])
    as_json = runner.invoke(main, ["changes", "--db", db_url, "--kind", "edited", "--format", "json"])
    rows = [json.loads(line) for line in as_json.stdout.splitlines()]
    assert [r["kind"] for r in rows] == ["edited"]
    assert rows[0]["diff"]["removed"] == 1 and rows[0]["first_seen"] == T0.isoformat()
    assert rows[0]["warc"] is not None  # the evidence is archived
    as_csv = runner.invoke(main, ["changes", "--db", db_url, "--format", "csv", "--kind", "removed", "--site", SITE])
    assert as_csv.stdout.splitlines()[0] == "observed,site,kind,title,first_seen,change,url"
    assert len(as_csv.stdout.splitlines()) == 2
    none = runner.invoke(main, ["changes", "--db", db_url, "--since", "2027-01-01"])
    assert none.exit_code == 0 and none.stdout == "" and "no change found" in none.stderr
    # stats counts the events per site (table) and per site and day (json); the window reaches back to 1 December
    health = runner.invoke(main, ["stats", "--db", db_url, "--days", "3660"])
    assert health.exit_code == 0, health.output
    assert "watch events: edited 1, removed 1" in health.stdout
    health_json = runner.invoke(main, ["stats", "--db", db_url, "--days", "3660", "--format", "json"])
    site = next(s for s in json.loads(health_json.stdout)["sites"] if s["site"] == SITE)
    assert site["watch_events"] == {"edited": 1, "removed": 1}
    assert sorted((d["date"], d["kind"], d["events"]) for d in site["watch_events_per_day"]) == [
        ("2026-12-01", "edited", 1), ("2026-12-01", "removed", 1)]
    # the Datasette canned queries read the same events
    import sqlite3

    from pipelines.db.canned import CANNED_QUERIES, register_functions

    with sqlite3.connect(tmp_path / "news.db") as connection:
        register_functions(connection)
        taken = connection.execute(CANNED_QUERIES["taken_down"].sql, {"site": ""}).fetchall()
        assert [(row[2], row[6]) for row in taken] == [("removed", 410)]
        assert connection.execute(CANNED_QUERIES["taken_down"].sql, {"site": "elsewhere"}).fetchall() == []
        edits = connection.execute(CANNED_QUERIES["edited"].sql, {"site": SITE}).fetchall()
        assert len(edits) == 1 and edits[0][8] == 1 and json.loads(edits[0][9])["removed"] == 1


def test_each_change_of_state_is_one_event(db_url: str, tmp_path: Path) -> None:
    """The pipeline of the watch spider fed one article's visits: a removal seen again after a page that says
    nothing (not_article) and an unreachable visit is still one removal; a return is ``restored``; the
    schedule ends after the last age."""
    from scrapy.utils.test import get_crawler

    from newscrawler.items import Fetch
    from newscrawler.spiders.watch import WatchSpider
    from newscrawler.watch.record import RecordVisit, WatchVisit
    from newscrawler.watch.verdicts import Judgement

    upgrade(db_url)
    engine = make_engine(db_url)
    sessions = session_factory(engine)
    story = stories(1)[0]
    base = "http://127.0.0.1:9"
    with sessions.begin() as session:
        article_id = archive(session, base, [story], None)[story.slug]
    crawler = get_crawler(WatchSpider, {"NEWSCRAWLER_DATABASE_URL": db_url, "NEWSCRAWLER_ARCHIVE_RAW": False})
    record = RecordVisit(crawler)
    record.open_spider()
    url = base + story.path
    listing = extract(home_page(stories(12)), url, T0, {"Content-Type": HTML})
    live = extract(article_page(story), url, T0, {"Content-Type": HTML})
    plan: list[tuple[timedelta, int, Judgement | None]] = [
        (HOUR, 404, Judgement("removed", {"status": 404})),
        (6 * HOUR, 200, judge_page(listing)),
        (24 * HOUR, 404, Judgement("removed", {"status": 404})),
        (timedelta(days=3), 0, Judgement("unreachable", {"error": "timeout"})),
        (timedelta(days=3) + HOUR, 200, None),
        (timedelta(days=7), 302, Judgement("redirected", {"status": 302, "target": base + "/", "target_kind": "home"})),
        (timedelta(days=30), 302, Judgement("redirected", {"status": 302, "target": base + "/", "target_kind": "home"})),
    ]
    try:
        for offset, status, judgement in plan:
            if offset == HOUR:  # enrolment comes first
                with sessions.begin() as writing:
                    watch_db.enrol(writing, WatchSchedule.parse(None).enrol)
            with sessions() as session:
                due = watch_db.due_visits(session, T0 + offset, limit=5)
            assert [d.article_id for d in due] == [article_id], offset
            answers = [] if status == 0 else [Fetch(url=url, final_url=url, status=status, headers={}, body=b"",
                                                    fetched_at=T0 + offset)]
            record.process_item(WatchVisit(due=due[0], observed_at=T0 + offset, answers=answers,
                                           article=live if judgement is None else listing, judgement=judgement))
        record.spider_closed(None, "finished")
        engine.dispose()
        engine = make_engine(db_url)
        with session_factory(engine)() as session:
            kinds = list(session.scalars(select(WatchEvent.kind).order_by(WatchEvent.observed_at)))
            assert kinds == ["removed", "restored", "redirected"]
            verdicts = [o.verdict for o in watch_db.observations(session, article_id)]
            assert verdicts == ["removed", "not_article", "removed", "unreachable", "alive", "redirected", "redirected"]
            restored = session.scalars(select(WatchEvent).where(WatchEvent.kind == "restored")).one()
            assert restored.last_alive is None and restored.diff is None
            moved = session.scalars(select(WatchEvent).where(WatchEvent.kind == "redirected")).one()
            assert moved.last_alive == T0 + timedelta(days=3) + HOUR
            state = session.get(WatchState, article_id)
            assert state is not None and state.next_visit is None and state.visits == len(plan)
            assert state.last_status == "redirected" and state.failures == 0
    finally:
        engine.dispose()


def test_subsets_choose_what_is_enrolled_and_visited(db_url: str) -> None:
    from newscrawler.watch.plan import Subset, plan_visits
    from pipelines.db.filters import ArticleFilter

    items = stories(8)
    for story in items[:2]:
        story.published = "2026-11-20 08:00"
    upgrade(db_url)
    engine = make_engine(db_url)
    try:
        with session_factory(engine).begin() as session:
            ids = archive(session, "http://127.0.0.1:9", items, None)
    finally:
        engine.dispose()
    schedule = WatchSchedule.parse(None)
    later = T0 + 2 * HOUR
    library = {ids[s.slug] for s in items if "图书馆" in s.title}
    assert len(library) == 2
    found = plan_visits(db_url, later, schedule, Subset(query="图书馆"))
    assert found.enrolled == 2 and {d.article_id for d in found.due} == library
    early = plan_visits(db_url, later, schedule, Subset(where=ArticleFilter(until=datetime.fromisoformat(
        "2026-11-21T00:00:00+08:00"))))
    assert early.enrolled == 1  # a1 is about the library too: watched already
    assert {d.article_id for d in early.due} == {ids["a0"], ids["a1"]}
    capped = plan_visits(db_url, later, schedule, Subset(sites=(SITE,)), max_visits=3, max_per_site=6)
    assert capped.enrolled == 3  # 3 watched already, 6 at most for the site
    assert len(capped.due) == 3 and capped.due_total == 6
    assert plan_visits(db_url, later, schedule, Subset(sites=("elsewhere",))).due == []


def test_an_edit_judged_against_an_older_extractor_without_raw_page_says_so() -> None:
    from newscrawler.watch.record import content_verdict

    story = stories(1)[0]
    url = "http://127.0.0.1:9" + story.path
    page = extract(article_page(story), url, T0, {"Content-Type": HTML})
    due = watch_db.DueVisit(article_id=1, url=url, canonical_url=url, site=SITE, title=page.title,
                            body=page.body, publish_date=page.publish_date, extractor_version=page.extractor_version,
                            warc=None, first_seen=T0, anchor=T0, step=0, visits=0, failures=0, last_status=None)
    assert content_verdict(due, page, None).verdict == "alive"
    older = dataclasses.replace(due, body=due.body + "\n相关阅读", extractor_version="0.0-older")
    judged = content_verdict(older, page, None)
    assert judged.verdict == "edited" and "older extractor" in judged.evidence["compared"]
    assert judged.evidence["diff"]["removed"] == 1


def test_a_url_robots_txt_forbids_is_unreachable_and_never_fetched(tmp_path: Path) -> None:
    """Re-visits obey robots.txt like crawls: an article the portal's robots.txt now disallows is not fetched;
    its visit is ``unreachable`` (robots named in the evidence), never a removal, and no event."""
    db_url = f"sqlite:///{tmp_path / 'news.db'}"
    items = stories(2)
    pages = {story.path: (article_page(story), HTML) for story in items}
    pages["/robots.txt"] = (f"User-agent: *\nDisallow: {items[1].path}\n".encode(), "text/plain")
    with portal(pages=pages) as state:
        ids = archive_into(db_url, state.base, items)
        _watch(state, db_url, tmp_path, T0 + 2 * HOUR)
        hits = dict(state.hits)
    assert hits.get(items[0].path) == 1 and hits.get("/robots.txt") == 1
    assert items[1].path not in hits
    engine = make_engine(db_url)
    try:
        with session_factory(engine)() as session:
            assert [o.verdict for o in watch_db.observations(session, ids["a0"])] == ["alive"]
            forbidden = watch_db.observations(session, ids["a1"])
            assert [(o.verdict, o.status) for o in forbidden] == [("unreachable", None)]
            assert "robots" in str(forbidden[0].evidence.get("error", "")).lower(), forbidden[0].evidence
            assert session.scalar(select(func.count()).select_from(WatchEvent)) == 0
    finally:
        engine.dispose()
