"""Titles: site suffixes removed, the visible heading preferred when it agrees with <title>."""

from __future__ import annotations

import pytest

from newscrawler.extract import extract
from newscrawler.extract.title import strip_site_suffix

from .conftest import FETCHED_AT

SUFFIXES = [
    ("法国全国大罢工再次严重影响交通-新华网", "法国全国大罢工再次严重影响交通"),
    ("女儿出嫁，郑板桥画了几笔兰花当嫁妆--文化--人民网", "女儿出嫁，郑板桥画了几笔兰花当嫁妆"),
    ("埃洛普离职：微软卧底成弃儿？_网易财经", "埃洛普离职：微软卧底成弃儿？"),
    ("公开抵制转身就重金加码——“双面”马斯克搞AI|焦点新闻|某某网", "公开抵制转身就重金加码——“双面”马斯克搞AI"),
    ("GPT-5 发布在即_科技_新浪网", "GPT-5 发布在即"),
    ("马斯克的X-AI公司成立", "马斯克的X-AI公司成立"),
    ("共享单车涨价：是收割还是理性_10%公司_澎湃新闻-The Paper", "共享单车涨价：是收割还是理性"),
    ("山西品牌丝路行正式启动 - 山西省人民政府门户网站", "山西品牌丝路行正式启动"),
    ("中华人民共和国监察法-纪检", "中华人民共和国监察法"),
    ("短", "短"),
]


@pytest.mark.parametrize(("raw", "expected"), SUFFIXES)
def test_strip_site_suffix(raw: str, expected: str) -> None:
    assert strip_site_suffix(raw) == expected


def _page(title: str, body_html: str) -> bytes:
    return f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>{body_html}</body></html>".encode()


PARAS = "".join(
    f"<p>第{i}段：今年以来，本市各区持续推进老旧小区改造工作，累计完成改造项目{i * 7}个，惠及居民上万户，群众满意度明显提升。</p>"
    for i in range(1, 6)
)


def test_logo_heading_loses_to_the_headline() -> None:
    html = _page("本市老旧小区改造提速_本地新闻_某某网",
                 f"<h1><a href='/'>某某网</a></h1><div class='article'><h1>本市老旧小区改造提速</h1>{PARAS}</div>")
    article = extract(html, "https://news.example.cn/a/1.html", FETCHED_AT, raise_errors=True)
    assert article.title == "本市老旧小区改造提速"
    assert "本市老旧小区改造提速" not in article.body.splitlines()


def test_title_without_heading_falls_back_to_stripped_title() -> None:
    html = _page("本市老旧小区改造提速_本地新闻_某某网", f"<div class='article'>{PARAS}</div>")
    article = extract(html, None, FETCHED_AT, raise_errors=True)
    assert article.title == "本市老旧小区改造提速"
