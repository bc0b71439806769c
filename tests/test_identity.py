"""Which URL an article is archived under: a declared canonical is believed only on the page's own site and
never when it names the home or a list page; a page from another site never replaces an archived article,
on either backend and on every path into the archive (the pipeline stages, ``save_article``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from scrapy import signals
from scrapy.utils.test import get_crawler
from sqlalchemy import select

from newscrawler.items import ArticleItem
from pipelines.archive import ArchiveRawPage
from pipelines.db import models
from pipelines.db.engine import make_engine, session_factory
from pipelines.db.migrate import upgrade
from pipelines.db.repository import save_article
from pipelines.dedupe import FingerprintArticle
from pipelines.identity import claim_refusal, registrable_domain
from pipelines.normalise import NormaliseArticle
from pipelines.store import StoreArticle
from pipelines.validate import ValidateArticle

from .fixtures.templates import sina
from .test_store import T0, item_for


@pytest.mark.parametrize(("host", "domain"), [
    ("news.people.com.cn", "people.com.cn"), ("www.163.com", "163.com"), ("finance.sina.com.cn", "sina.com.cn"),
    ("www.gd.gov.cn", "gd.gov.cn"), ("news.sz.gd.cn", "sz.gd.cn"), ("127.0.0.1", "127.0.0.1"),
    ("localhost", "localhost"), ("hk.on.cc", "on.cc"), ("www.bbc.co.uk", "bbc.co.uk"),
])
def test_registrable_domain(host: str, domain: str) -> None:
    assert registrable_domain(host) == domain


@pytest.mark.parametrize(("fetched", "declared", "domains", "refusal"), [
    ("https://news.a.com.cn/2023/1.html", "https://www.a.com.cn/2023/1.html", (), None),
    ("https://news.a.com.cn/2023/1.html?utm_source=x", "https://news.a.com.cn/2023/1.html", (), None),
    ("https://news.a.com.cn/2023/1.html", "https://news.b.com.cn/2023/1.html", (), "other site"),
    ("https://news.a.com.cn/2023/1.html", "https://a.cn/2023/1.html", ("a.com.cn", "a.cn"), None),
    ("https://news.a.com.cn/2023/1.html", "https://news.a.com.cn/", (), "home or list page"),
    ("https://news.a.com.cn/2023/1.html", "https://news.a.com.cn/index.shtml", (), "home or list page"),
    ("https://a.com.cn/channel/fin/2023/1.html", "https://a.com.cn/channel/fin/", (), "home or list page"),
    ("https://a.com.cn/2023/slug/amp/", "https://a.com.cn/2023/slug/", (), None),
    ("http://127.0.0.1:8000/news/1.html", "http://localhost:8000/news/1.html", ("127.0.0.1",), "other site"),
])
def test_claim_refusal(fetched: str, declared: str, domains: tuple[str, ...], refusal: str | None) -> None:
    assert claim_refusal(fetched, declared, domains) == refusal


ORIGINAL = "https://news.home.com.cn/2023/04/17/finance.html"
FOREIGN = "https://copycat.example.com/p/99.html"


def _claiming(slug: str, url: str, claim: str) -> ArticleItem:
    item = item_for(slug, sina, url=url)
    item.article.canonical_url = claim  # what the page's <link rel=canonical> said
    return item


def _row(db_url: str) -> tuple[str, str, int]:
    engine = make_engine(db_url)
    try:
        with session_factory(engine)() as s:
            row = s.scalars(select(models.Article).where(models.Article.canonical_url == ORIGINAL)).one()
            return row.title or "", row.body, row.version
    finally:
        engine.dispose()


def test_an_off_site_canonical_never_changes_an_archived_row(db_url: str, tmp_path: Path) -> None:
    crawler = get_crawler(settings_dict={
        "NEWSCRAWLER_DATABASE_URL": db_url, "NEWSCRAWLER_WARC_DIR": str(tmp_path / "warc"),
        "NEWSCRAWLER_SPOOL_DIR": str(tmp_path / "unsaved"), "NEWSCRAWLER_BATCH_SIZE": 1})
    stages = [cls.from_crawler(crawler) for cls in
              (ValidateArticle, NormaliseArticle, FingerprintArticle, ArchiveRawPage, StoreArticle)]
    for stage in stages:
        getattr(stage, "open_spider", lambda: None)()
    for item in (item_for("finance", sina, url=ORIGINAL), _claiming("tech", FOREIGN, ORIGINAL)):
        for stage in stages:
            item = stage.process_item(item)
    for stage in stages:
        getattr(stage, "close_spider", lambda: None)()
    crawler.signals.send_catch_log(signals.spider_closed, spider=None, reason="finished")
    before = _row(db_url)
    assert before[2] == 1 and "华岳" in before[0]
    engine = make_engine(db_url)
    with session_factory(engine).begin() as s:  # the storage layer holds to it without the stages too
        save_article(s, _claiming("local", FOREIGN.replace("99", "100"), ORIGINAL), T0)
        urls = set(s.scalars(select(models.Article.canonical_url)))
    engine.dispose()
    assert _row(db_url) == before  # title, body and version untouched
    assert urls == {ORIGINAL, FOREIGN, FOREIGN.replace("99", "100")}  # the foreign pages under their own URLs
    assert crawler.stats.get_value("newscrawler/normalise/canonical_refused/other site") == 1


def test_pages_sharing_a_false_canonical_are_each_stored(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'a.db'}"
    upgrade(db_url)
    crawler = get_crawler(settings_dict={"NEWSCRAWLER_DATABASE_URL": db_url, "NEWSCRAWLER_ARCHIVE_RAW": False,
                                         "NEWSCRAWLER_SPOOL_DIR": str(tmp_path / "unsaved")})
    stages = [cls.from_crawler(crawler) for cls in (NormaliseArticle, FingerprintArticle)]
    claim = "https://news.home.com.cn/special/latest.html"  # on the site, not a list by its shape
    kept = []
    for n, slug in enumerate(("finance", "tech", "local")):
        item = _claiming(slug, f"https://news.home.com.cn/2023/04/17/{n}.html", claim)
        for stage in stages:
            item = stage.process_item(item)
        kept.append((item.article.canonical_url, item.canonical_claim))
    assert kept == [(claim, None), ("https://news.home.com.cn/2023/04/17/1.html", claim),
                    ("https://news.home.com.cn/2023/04/17/2.html", claim)]


def test_a_later_crawls_page_claiming_an_archived_article_it_shares_no_text_with_is_stored_apart(
        db_url: str) -> None:
    """Across crawls (the in-crawl rule cannot see it): a page of the same site that claims an archived
    article's URL but shares not even a near copy's text with it keeps its own URL; the archived article is
    untouched. A page fetched at the article's own URL still updates it."""
    upgrade(db_url)
    engine = make_engine(db_url)
    claimed = "https://news.home.com.cn/2023/04/17/finance.html"
    with session_factory(engine).begin() as s:
        first = save_article(s, item_for("finance", sina, url=claimed), T0)
    with session_factory(engine).begin() as s:
        other = _claiming("tech", "https://news.home.com.cn/2023/04/18/tech.html", claimed)
        result = save_article(s, other, T0)
        assert result.outcome == "new" and result.article_id != first.article_id
        assert other.canonical_claim == claimed
    with session_factory(engine).begin() as s:
        same_url = item_for("finance", sina, url=claimed, body_edit=lambda raw: raw.replace("华岳".encode("gbk"),
                                                                                            "华山".encode("gbk")))
        assert save_article(s, same_url, T0).outcome in ("updated", "unchanged")
        rows = {a.canonical_url: a.version for a in s.scalars(select(models.Article))}
    engine.dispose()
    assert rows[claimed] in (1, 2) and rows["https://news.home.com.cn/2023/04/18/tech.html"] == 1
