"""Per-site watch intervals and caps in site profiles (issue 16): the ``[watch]`` table is validated with a
one-line error, its ages replace the setting's for the site (a ``site=`` entry of the setting replaces them),
its cap limits enrolment, a real watch run of a local portal follows the profile's schedule, and the per-run cap
leaves the rest due for the next run."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from newscrawler.sites import ProfileError, SiteProfile, load_profile, profile_from_dict
from newscrawler.watch.schedule import WatchSchedule
from pipelines.db import watch as watch_db
from pipelines.db.engine import make_engine, session_factory
from pipelines.db.migrate import upgrade
from pipelines.db.models import WatchObservation, WatchState

from .conftest import REPO
from .portal_server import portal
from .watch_portal import HTML, SITE, T0, archive, archive_into, article_page, stories

BASE = {"name": "dongchuan", "domains": ["127.0.0.1"], "start_urls": ["http://127.0.0.1/"]}


def test_the_watch_table_is_read() -> None:
    profile = profile_from_dict({**BASE, "watch": {"intervals": ["30m", "2h", "1d"], "max_articles": 500}})
    assert profile.watch_intervals == (1800, 7200, 86400) and profile.watch_max_articles == 500
    assert profile_from_dict({**BASE, "watch": {"intervals": "30m, 2h"}}).watch_intervals == (1800, 7200)
    plain = profile_from_dict(BASE)
    assert plain.watch_intervals == () and plain.watch_max_articles is None


@pytest.mark.parametrize(("table", "message"), [
    ({"interval": ["1h"]}, "sites/d.toml: unknown key 'watch.interval' (did you mean 'watch.intervals'?)"),
    ({"intervals": ["6h", "1h"]}, "sites/d.toml: key 'watch.intervals': expected increasing durations, got ['6h', '1h']"),
    ({"intervals": ["soon"]}, "sites/d.toml: key 'watch.intervals': expected a duration such as '30m', '2h' or '1d', "
                              "got 'soon'"),
    ({"intervals": []}, "sites/d.toml: key 'watch.intervals': expected durations such as [\"1h\", \"6h\", \"24h\"], "
                        "got []"),
    ({"max_articles": 0}, "sites/d.toml: key 'watch.max_articles': expected an integer >= 1, got 0"),
    ({"max_articles": "many"}, "sites/d.toml: key 'watch.max_articles': expected an integer >= 1, got 'many'"),
    ("1h", "sites/d.toml: key 'watch': expected a table with keys intervals, max_articles, got '1h'"),
])
def test_a_bad_watch_table_is_one_line_naming_the_key(table: object, message: str) -> None:
    with pytest.raises(ProfileError) as caught:
        profile_from_dict({**BASE, "watch": table}, "sites/d.toml")
    assert str(caught.value) == message


def test_a_toml_file_with_a_watch_table(tmp_path: Path) -> None:
    path = tmp_path / "d.toml"
    path.write_text('name = "d"\ndomains = ["d.cn"]\nstart_urls = ["https://d.cn/"]\n\n'
                    '[watch]\nintervals = ["1h", "1d", "7d"]\nmax_articles = 200\n', encoding="utf-8")
    profile = load_profile(path)
    assert profile.watch_intervals == (3600, 86400, 604800) and profile.watch_max_articles == 200


def test_profile_ages_replace_the_default_and_a_site_entry_replaces_them() -> None:
    fast = SiteProfile(name="fast", domains=("f.cn",), watch_intervals=(600.0, 3600.0))
    named = SiteProfile(name="named", domains=("n.cn",), watch_intervals=(600.0, 3600.0))
    plain = SiteProfile(name="plain", domains=("p.cn",))
    schedule = WatchSchedule.parse("2h,1d; named=5m,1h").with_profiles([fast, named, plain])
    assert schedule.ages("fast") == (600, 3600)  # the profile's own, over the setting's bare list
    assert schedule.ages("named") == (300, 3600)  # the setting named the site: it wins
    assert schedule.ages("plain") == (7200, 86400)
    assert schedule.enrol("fast", T0) == (0, T0 + timedelta(minutes=10))


def test_a_sites_own_cap_limits_its_enrolment(db_url: str) -> None:
    upgrade(db_url)
    engine = make_engine(db_url)
    try:
        sessions = session_factory(engine)
        with sessions.begin() as session:
            archive(session, "http://127.0.0.1:9", stories(6), None)
        schedule = WatchSchedule.parse(None)
        with sessions.begin() as session:
            assert watch_db.enrol(session, schedule.enrol, max_per_site=5, site_caps={SITE: 2}) == 2
        with sessions.begin() as session:  # the global cap does not lift the site's own
            assert watch_db.enrol(session, schedule.enrol, max_per_site=5, site_caps={SITE: 2}) == 0
            assert watch_db.enrol(session, schedule.enrol, max_per_site=5, site_caps={"other": 1}) == 3
    finally:
        engine.dispose()


def test_a_watch_run_follows_the_sites_profile(tmp_path: Path) -> None:
    """Archived at T0, visited at T0 + 15 min: due only under the profile's 10-minute first age (the
    setting's default is 1 h); its cap of 2 enrols two of the three articles."""
    db_url = f"sqlite:///{tmp_path / 'news.db'}"
    items = stories(3)
    pages = {story.path: (article_page(story), HTML) for story in items}
    sites = tmp_path / "sites"
    sites.mkdir()
    with portal(pages=pages) as state:
        archive_into(db_url, state.base, items)
        (sites / f"{SITE}.toml").write_text(
            f'name = "{SITE}"\ndomains = ["127.0.0.1"]\nstart_urls = ["{state.base}/"]\ndelay = 0\n\n'
            '[watch]\nintervals = ["10m", "2h"]\nmax_articles = 2\n', encoding="utf-8")
        cmd = [sys.executable, "-m", "scrapy", "crawl", "watch", "-a", f"now={(T0 + timedelta(minutes=15)).isoformat()}",
               "-s", f"NEWSCRAWLER_DATABASE_URL={db_url}", "-s", f"NEWSCRAWLER_SITES_DIR={sites}",
               "-s", f"NEWSCRAWLER_WARC_DIR={tmp_path / 'warc'}", "-s", "NEWSCRAWLER_PROGRESS_INTERVAL=0",
               "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "LOG_LEVEL=INFO"]
        proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, proc.stderr[-3000:]
        hits = sum(state.hits[story.path] for story in items)
    engine = make_engine(db_url)
    try:
        with session_factory(engine)() as session:
            assert session.scalar(select(func.count()).select_from(WatchObservation)) == 2
            states = session.execute(select(WatchState.next_visit)).scalars().all()
            assert sorted(states) == [T0 + timedelta(hours=2)] * 2  # the profile's second age
    finally:
        engine.dispose()
    assert hits == 2


def test_the_per_run_cap_leaves_the_rest_due_for_the_next_run(tmp_path: Path) -> None:
    """``newscrawler watch --max-visits 2`` of three due articles visits two of the three it reports due; the
    next run at the same moment visits the third, and a third run nothing: each visited once."""
    db_url = f"sqlite:///{tmp_path / 'news.db'}"
    items = stories(3)
    with portal(pages={story.path: (article_page(story), HTML) for story in items}) as state:
        archive_into(db_url, state.base, items)
        outputs = []
        for _ in range(3):
            proc = subprocess.run([sys.executable, "-c", "from newscrawler.cli import main; main()", "watch", "--db",
                                   db_url, "--now", (T0 + timedelta(hours=2)).isoformat(), "--max-visits", "2"],
                                  cwd=tmp_path, capture_output=True, text=True, timeout=300)
            assert proc.returncode == 0, proc.stderr[-3000:]
            outputs.append(proc.stdout.splitlines()[0])
        hits = [state.hits[story.path] for story in items]
    assert outputs == ["watch: finished: 3 enrolled, 3 due, 2 visited (alive 2), 1 left for the next run (--max-visits)",
                       "watch: finished: 0 enrolled, 1 due, 1 visited (alive 1)",
                       "watch: finished: 0 enrolled, 0 due, 0 visited"], outputs
    assert hits == [1, 1, 1]
