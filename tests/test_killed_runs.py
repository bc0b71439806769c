"""A run left ``running`` by a crawl process that died (kill -9, power cut) is marked ``killed`` when the next
crawl of its site opens; runs of live processes, of other machines and of other sites are left alone."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from datetime import UTC, datetime

from scrapy import Spider, signals
from scrapy.utils.test import get_crawler
from sqlalchemy import select

from pipelines.db import models, repository
from pipelines.db.engine import make_engine, session_factory
from pipelines.db.migrate import upgrade
from pipelines.store import StoreArticle


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_dead_processs_running_run_is_marked_killed_by_the_next_crawl(db_url: str) -> None:
    upgrade(db_url)
    engine = make_engine(db_url)
    sessions = session_factory(engine)
    host = socket.gethostname()
    started = datetime(2024, 5, 1, tzinfo=UTC)
    with sessions.begin() as s:
        dead = repository.start_run(s, "portal", {"_host": host, "_pid": _dead_pid()}, started, site="a")
        live = repository.start_run(s, "portal", {"_host": host, "_pid": os.getpid()}, started, site="a")
        remote = repository.start_run(s, "portal", {"_host": "elsewhere", "_pid": 1}, started, site="a")
        unknown = repository.start_run(s, "portal", {}, started, site="a")
        other_site = repository.start_run(s, "portal", {"_host": host, "_pid": _dead_pid()}, started, site="b")

    crawler = get_crawler(Spider, settings_dict={"NEWSCRAWLER_DATABASE_URL": db_url})
    spider = Spider.from_crawler(crawler, name="portal")
    spider.profile = type("Profile", (), {"name": "a"})()  # type: ignore[attr-defined]
    crawler.spider = spider
    store = StoreArticle.from_crawler(crawler)
    store.open_spider()
    store.close_spider()
    crawler.signals.send_catch_log(signals.spider_closed, spider=spider, reason="finished")

    with sessions() as s:
        status = dict(s.execute(select(models.CrawlRun.id, models.CrawlRun.status)).all())
    engine.dispose()
    assert status[dead] == "killed"
    assert status[live] == status[remote] == status[unknown] == status[other_site] == "running"
    assert status[store.run_id] == "finished"  # type: ignore[index]
