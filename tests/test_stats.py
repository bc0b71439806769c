"""``newscrawler stats``: crawl health read from real crawl runs of the demo portal on SQLite and
PostgreSQL, checked against the database; the warning rules on the numbers they judge; the
articles-per-day sparkline and PNG chart; one-line errors."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result
from sqlalchemy import func, select, update

from newscrawler.cli import main
from newscrawler.health import Counts, stale_warning, yield_warning
from newscrawler.health import request_warning as request_rule
from newscrawler.health_text import sparkline
from pipelines.db import models
from pipelines.db.engine import make_engine, session_factory
from pipelines.db.migrate import upgrade
from pipelines.db.repository import finish_run, save_article, start_run

from .conftest import REPO, SHANGHAI
from .portal_server import PortalServer, portal
from .test_store import item_for

ARTICLE = re.compile(r"^/news/\d{4}/\d{2}/\d{2}/[a-z]+\.html$")


def _crawl(state: PortalServer, db_url: str, tmp_path: Path, *, recrawl: bool = False) -> None:
    """One real crawl of the demo portal (``scrapy crawl portal -a site=demo``) into ``db_url``."""
    cmd = [sys.executable, "-m", "scrapy", "crawl", "portal", "-a", "site=demo", "-a", f"base_url={state.base}",
           "-s", f"NEWSCRAWLER_DATABASE_URL={db_url}", "-s", f"NEWSCRAWLER_WARC_DIR={tmp_path / 'warc'}",
           "-s", "NEWSCRAWLER_PROGRESS_INTERVAL=0", "-s", "LOG_LEVEL=WARNING"]
    if recrawl:
        cmd += ["-a", "recrawl_after=1s"]
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]


def _stats(db_url: str, *args: str) -> Result:
    return CliRunner().invoke(main, ["stats", "--db", db_url, *args])


def _json(db_url: str, *args: str) -> dict[str, Any]:
    result = _stats(db_url, "--format", "json", *args)
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def _one_line_error(result: Result, text: str) -> None:
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and text in result.output, result.output
    assert "Traceback" not in result.output


def test_real_crawls_are_counted_as_the_archive_holds_them_and_a_collapse_is_named(db_url: str,
                                                                                  tmp_path: Path) -> None:
    engine = make_engine(db_url)
    sessions = session_factory(engine)
    with portal() as state:
        _crawl(state, db_url, tmp_path)
        with sessions.begin() as s:  # three earlier runs of the site that went the same way
            first = s.scalars(select(models.CrawlRun)).one()
            for hours in (9, 6, 3):
                run = start_run(s, "portal", first.settings, first.started_at - timedelta(hours=hours), site="demo")
                finish_run(s, run, "finished", dict(first.stats), first.started_at - timedelta(hours=hours - 1))

        healthy = _json(db_url)
        assert [site["site"] for site in healthy["sites"]] == ["demo"]
        # the demo articles were published in 2023, but the demo is crawled only when named, never on a
        # schedule: the age of its newest article says nothing, and a healthy run has no warning
        assert healthy["warnings"] == []
        assert "article pages" not in _stats(db_url).stdout

        # the site "changes its layout": every article page now looks like a channel page; one is gone
        articles = sorted(p for p in state.headers if ARTICLE.match(p))
        listing, ctype = state.content("/channel/finance/") or (b"", "")
        for path in articles[1:]:
            state.faults[path] = ("page", listing, ctype)
        state.faults[articles[0]] = ("status", 404, 99)
        with sessions.begin() as s:  # every archived article was last seen a day ago: due for --recrawl-after 1s
            s.execute(update(models.Article).values(last_seen=datetime.now(UTC) - timedelta(days=1)))
        _crawl(state, db_url, tmp_path, recrawl=True)
    with sessions.begin() as s:
        running = start_run(s, "portal", {}, datetime.now(UTC), site="demo")  # a run still going (or killed)

    report = _json(db_url, "--runs", "3")
    site = report["sites"][0]
    with sessions() as s:
        runs = list(s.scalars(select(models.CrawlRun).order_by(models.CrawlRun.started_at.desc())))
        stored = list(s.scalars(select(models.Article)))
        fetches = Counter(s.scalars(select(models.FetchRecord.crawl_run_id)))
        newest = s.scalar(select(func.max(models.Article.publish_date)))
    engine.dispose()

    def total(key: str) -> int:
        return sum(int(r.stats.get(key, 0)) for r in runs)

    assert site["runs"] == len(runs) == 6
    totals = site["totals"]
    assert totals["pages"] == total("response_received_count") > 0
    assert totals["new"] == total("newscrawler/store/new") == 4 * len(stored)  # the real first run and 3 like it
    assert site["archived"] == len(stored)
    assert totals["unchanged"] == total("newscrawler/store/unchanged")
    assert totals["not_articles"] == sum(v for r in runs for k, v in r.stats.items()
                                         if k.startswith("newscrawler/store/not_article/")) > 0
    assert totals["failures"]["HTTP 404"] == total("newscrawler/crawl/failed/HTTP 404") == 1
    assert site["newest_article"] == newest.astimezone(SHANGHAI).isoformat(timespec="seconds")
    per_day = {d["date"]: d["articles"] for d in site["archived_per_day"] if d["articles"]}
    assert per_day == {day.isoformat(): n for day, n in
                       Counter(a.first_seen.astimezone(SHANGHAI).date() for a in stored).items()}

    assert site["last_run"]["id"] == running and site["last_run"]["counts"] is None
    shown = site["recent_runs"]
    assert [r["id"] for r in shown] == [r.id for r in runs[:3]]
    broken = shown[1]
    assert broken["status"] == "finished" and broken["fetch_rows"] == fetches[broken["id"]]
    counts = broken["counts"]
    assert counts["new"] == counts["updated"] == counts["unchanged"] == 0
    assert counts["article_pages"] == len(articles) - 1 == counts["not_articles"]
    assert set(counts["failures"]) - {"HTTP 404"} and all(
        k.startswith("not an article: ") for k in set(counts["failures"]) - {"HTTP 404"})

    collapse = [w for w in report["warnings"] if "article pages" in w]
    assert collapse == [
        f"demo: 0 articles per 100 article pages vs median 100 in the previous 4 runs (mostly "
        f"{next(iter(counts['failures']))}: {len(articles) - 1}) — did the site change its layout?"]

    table = _stats(db_url, "--runs", "3")
    assert table.exit_code == 0, table.output
    assert f"WARNING {collapse[0]}" in table.stdout
    assert f"run {running}: no counts stored (killed, or still running); 0 page(s) recorded in fetch" in table.stdout
    row = next(line for line in table.stdout.splitlines() if line.startswith("demo "))
    assert row.split()[1:2] == ["6"] and row.split()[-1] == str(len(stored))
    assert "failures: " in table.stdout and "HTTP 404 1" in table.stdout


def _stored_on(sessions: Any, slug: str, site: str, seen: datetime) -> None:
    item = item_for(slug, url=f"https://{site}.example.cn/{slug}.html", fetched_at=seen)
    item.site = site
    with sessions.begin() as s:
        save_article(s, item, seen)


def test_articles_per_day_sparkline_json_and_png(db_url: str, tmp_path: Path) -> None:
    upgrade(db_url)
    engine = make_engine(db_url)
    sessions = session_factory(engine)
    midnight = datetime.now(SHANGHAI).replace(hour=0, minute=0, second=0, microsecond=0)
    plan = [  # (slug, site, first seen): days counted in Asia/Shanghai, not UTC
        ("finance", "people", midnight + timedelta(minutes=1)),  # today (still yesterday in UTC)
        ("tech", "people", midnight - timedelta(minutes=1)),  # yesterday
        ("notice", "people", midnight - timedelta(hours=2)),
        ("local", "people", midnight - timedelta(days=3) + timedelta(hours=12)),
        ("wire", "people", midnight - timedelta(days=3) + timedelta(hours=13)),
        ("hant", "people", midnight - timedelta(days=3) + timedelta(hours=14)),
        ("sports", "people", midnight - timedelta(days=20)),  # outside a 7-day window
        ("weather", "sina", midnight - timedelta(days=1) + timedelta(hours=10)),
    ]
    for slug, site, seen in plan:
        _stored_on(sessions, slug, site, seen)
    engine.dispose()

    table = _stats(db_url, "--days", "7")
    assert table.exit_code == 0, table.output
    rows = {line.split()[0]: line for line in table.stdout.splitlines()[-3:]}
    assert rows["people"].split()[1:3] == ["···█·▆▃", "6"]  # 3 on day -3, 2 yesterday, 1 today
    assert rows["sina"].split()[1:3] == ["·····█·", "1"]
    assert "no article with a publication date" not in table.stdout  # the fixture articles carry dates
    assert "WARNING" not in table.stdout  # no crawl runs, no profile: nothing to judge

    report = _json(db_url, "--days", "30", "--site", "people")
    days = report["sites"][0]["archived_per_day"]
    assert len(days) == 30 and days[-1] == {"date": midnight.date().isoformat(), "articles": 1}
    assert {d["date"]: d["articles"] for d in days if d["articles"]} == {
        (midnight - timedelta(days=20)).date().isoformat(): 1, (midnight - timedelta(days=3)).date().isoformat(): 3,
        (midnight - timedelta(days=1)).date().isoformat(): 2, midnight.date().isoformat(): 1}
    assert report["sites"][0]["runs"] == 0 and report["sites"][0]["last_run"] is None

    chart = tmp_path / "per-day.png"
    made = _stats(db_url, "--plot", str(chart))
    assert made.exit_code == 0, made.output
    data = chart.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 10_000
    _one_line_error(_stats(db_url, "--plot", str(chart)), "exists: give --force to overwrite it")
    assert chart.read_bytes() == data
    assert _stats(db_url, "--plot", str(chart), "--force", "--days", "30").exit_code == 0
    assert chart.read_bytes() != data and chart.read_bytes().startswith(b"\x89PNG")
    _one_line_error(_stats(db_url, "--plot", str(tmp_path / "missing" / "c.png")),
                    f"directory {tmp_path / 'missing'} does not exist")
    _one_line_error(_stats(db_url, "--plot", str(tmp_path / "c.jpg")), "give a file name ending in .png")
    assert not (tmp_path / "c.jpg").exists()


def test_empty_archive_unknown_site_and_missing_archive(db_url: str, tmp_path: Path) -> None:
    upgrade(db_url)
    empty = _stats(db_url)
    assert empty.exit_code == 0 and empty.stdout.startswith("the archive holds no crawl runs and no articles yet")
    assert _json(db_url)["sites"] == []
    _one_line_error(_stats(db_url, "--plot", str(tmp_path / "c.png")), "nothing to plot")
    _one_line_error(_stats(db_url, "--site", "nosuchsite"), "unknown site 'nosuchsite'; sites in the archive: none")
    _one_line_error(_stats(f"sqlite:///{tmp_path / 'absent.db'}"), "holds no archive yet")


# -- the rules, on the numbers they judge ------------------------------------------------------------

def _run(stored: int = 0, not_article: int = 0, no_body: int = 0, timeouts: int = 0, pages: int = 40) -> Counts:
    """The counts of one run whose crawl stats hold these outcomes."""
    return Counts.from_stats({
        "response_received_count": pages,
        "newscrawler/validate/ok": stored, "newscrawler/validate/not_article": not_article,
        "newscrawler/validate/missing_body": no_body, "newscrawler/store/new": stored,
        "newscrawler/store/not_article/list page": not_article, "newscrawler/crawl/failed/timeout": timeouts,
    })


def test_yield_rule_needs_enough_pages_and_history_and_a_real_drop() -> None:
    usual = [_run(stored=12, not_article=8), _run(stored=14, not_article=6), _run(stored=11, not_article=9)]
    assert yield_warning("people", _run(stored=7, not_article=13), usual) is None  # 35 % ≥ half of 60 %
    message = yield_warning("people", _run(stored=5, not_article=15), usual)
    assert message == ("people: 25 articles per 100 article pages vs median 60 in the previous 3 runs "
                       "(mostly not an article: list page: 15) — did the site change its layout?")
    assert yield_warning("people", _run(stored=0, not_article=20), usual[:2]) is None  # 2 earlier runs only
    assert yield_warning("people", _run(stored=0, not_article=9), usual) is None  # 9 article pages only
    small = [_run(stored=9), _run(stored=8), _run(stored=9)]
    assert yield_warning("people", _run(stored=0, not_article=20), small) is None  # earlier runs too small


def test_extraction_failure_rule_is_for_sites_that_used_to_extract_cleanly() -> None:
    clean = [_run(stored=19, no_body=1), _run(stored=20), _run(stored=18, not_article=2)]
    assert yield_warning("sina", _run(stored=12, no_body=8), clean) == (
        "sina: no article from 8 of 20 article pages (40%) vs median 5% in the previous 3 runs "
        "(mostly extraction: no body: 8) — did the site change its layout?")
    assert yield_warning("sina", _run(stored=15, no_body=5), clean) is None  # 25 % is not > 30 %
    listy = [_run(stored=16, not_article=4), _run(stored=15, not_article=5), _run(stored=17, not_article=3)]
    assert yield_warning("sina", _run(stored=12, not_article=8), listy) is None  # 20 % was usual


def test_request_failure_rule() -> None:
    usual = [_run(stored=10, timeouts=1), _run(stored=10), _run(stored=10)]
    assert request_rule("xinhua", _run(stored=10, timeouts=30, pages=40), usual) == (
        "xinhua: 30 of 70 requests failed (43%) vs median 0% in the previous 3 runs (mostly timeout: 30) "
        "— is the site down or refusing the crawler?")
    assert request_rule("xinhua", _run(stored=10, timeouts=10, pages=40), usual) is None


def test_staleness_rule() -> None:
    now = datetime(2024, 5, 10, 12, tzinfo=UTC)
    hourly = 3600.0
    assert stale_warning("people", now - timedelta(days=3), now - timedelta(hours=1), hourly, now) == (
        "people: newest article published 2024-05-07 20:00 (3 d ago) although the site is crawled every 1 h "
        "and last ran 2024-05-10 19:00 — are its new articles still found?")
    assert stale_warning("people", now - timedelta(days=1), now, hourly, now) is None  # under the 2-day floor
    assert stale_warning("weekly", now - timedelta(days=20), now, 7 * 86400, now) is None  # under 4 intervals
    assert stale_warning("people", now - timedelta(days=30), now - timedelta(days=29), hourly, now) is None
    assert stale_warning("people", now - timedelta(days=30), now, None, now) is None  # no profile


def test_sparkline_scales_to_the_busiest_day() -> None:
    assert sparkline([0, 1, 2, 3, 8]) == "·▁▂▃█"
    assert sparkline([0, 0, 0]) == "···"
    assert sparkline([1, 100]) == "▁█"


def test_chart_labels_never_need_a_cjk_font() -> None:
    import warnings
    from datetime import date

    from newscrawler.plot import ascii_label, render_png

    assert ascii_label("people") == "people"
    assert ascii_label("人民网") == "\\u4eba\\u6c11\\u7f51"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")  # matplotlib warns "Glyph … missing from font(s)" for CJK labels
        data = render_png({"人民网": [(date(2024, 5, 1), 3), (date(2024, 5, 2), 0)]}, "每日文章")
    assert data.startswith(b"\x89PNG")
    assert not [w for w in caught if "missing from font" in str(w.message)]
