"""Datelines and bylines of portals never seen, Traditional Chinese ones first-class (issue 12,
item 5). Every line here is invented."""

from __future__ import annotations

import pytest

from newscrawler.extract import extract
from newscrawler.extract.bylines import info_line

from .conftest import FETCHED_AT

URL = "https://news.example.tw/a/1.html"
PARAS = [
    "市政府今日公布，明年起將調整部分公共交通票價，涉及巴士及渡輪等多項服務，市民反應不一。",
    "交通局發言人表示，調整方案已諮詢議會交通委員會，並會在實施前一個月在各站張貼告示。",
    "有市民認為票價調整幅度合理，但亦有團體批評當局未有充分考慮基層市民的負擔能力，要求重新檢討。",
]


@pytest.mark.parametrize(("line", "authors", "source", "date"), [
    ("記者 陳小文 報道", ["陳小文"], None, None),
    ("記者 陳小文 林小美 台北報導", ["陳小文", "林小美"], None, None),
    ("记者 王小明 李华整理", ["王小明", "李华"], None, None),
    ("記者 陳小文 林小美編譯", ["陳小文", "林小美"], None, None),
    ("（中央社記者陳小文台北12日電）", [], "中央社", None),
    ("民國101年1月12日", [], None, "民國101年1月12日"),
    ("某某電子報 2012年1月12日 上午 10:20", [], "某某電子報", "2012年1月12日"),
    ("本文来源于《某某网》 2012年01月12日 18:49 我要评论（0）", [], "某某网", "2012年01月12日 18:49"),
    ("【北京时间 2012年01月17日 15:33】 我要评论(0)", [], None, "2012年01月17日 15:33"),
    ("阅读日报 2012-01-12", [], "阅读日报", "2012-01-12"),
    ("点击率周刊 2012年1月12日 评论（）", [], "点击率周刊", "2012年1月12日"),
])
def test_an_info_line_is_read_as_one(line: str, authors: list[str], source: str | None, date: str | None) -> None:
    byline = info_line(line, zone="text")
    assert byline is not None
    assert (byline.authors, byline.source, byline.date_text) == (authors, source, date)


@pytest.mark.parametrize(("line", "day"), [
    ("民國101年1月12日", "2012-01-12"),
    ("某某電子報 2012年1月12日 上午 10:20", "2012-01-12"),
    ("（中央社記者陳小文台北12日電）", None),
])
def test_a_dateline_under_the_headline_is_not_text_and_gives_its_date(line: str, day: str | None) -> None:
    page = ("<html><head><meta charset='utf-8'><title>公共交通票價明年調整_某某網</title></head><body>"
            f"<div class='main'><h1>公共交通票價明年調整</h1><p>{line}</p>" + "".join(f"<p>{p}</p>" for p in PARAS)
            + "</div></body></html>").encode()
    article = extract(page, URL, FETCHED_AT, raise_errors=True)
    assert article.body.splitlines() == PARAS
    if day is not None:
        assert article.publish_date is not None and article.publish_date.date().isoformat() == day


def test_a_counter_word_opening_a_title_is_not_cut_out_of_it() -> None:
    """``评论员``, ``阅读日报``: a counter word with no number after it is part of the word."""
    byline = info_line("评论员王明 2012-01-12 10:20", zone="text")
    assert byline is None or all(not a.startswith("员") for a in byline.authors)
    assert byline is None or byline.leftover == "评论员王明"
