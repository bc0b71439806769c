"""extract() never raises and never makes up a body, whatever the bytes."""

from __future__ import annotations

import random
import subprocess
import sys

import pytest

from newscrawler.errors import NotAnArticle
from newscrawler.extract import extract

from .conftest import FETCHED_AT

PARAGRAPHS = "".join(
    f"<p>记者从市交通委获悉，今年本市将新开通第{i}批地铁线路，总里程超过{i * 10}公里，沿线居民出行将更加便捷。</p>"
    for i in range(1, 7)
)
ARTICLE = (
    "<html><head><meta charset='gbk'><title>本市今年新开三条地铁线路_本地_某某网</title></head><body>"
    "<h1>本市今年新开三条地铁线路</h1>" + PARAGRAPHS + "</body></html>"
).encode("gb18030")

rng = random.Random(20231017)
NASTY = {
    "empty": b"",
    "whitespace": b"   \n\t  ",
    "random-bytes": bytes(rng.randrange(256) for _ in range(4096)),
    "png": b"\x89PNG\r\n\x1a\n" + bytes(200),
    "pdf": b"%PDF-1.7\n" + b"x" * 300,
    "nul-bytes": b"<html>\x00\x00\x00<body>\x00</body></html>",
    "xml-declaration": b"<?xml version='1.0' encoding='utf-8'?><html><body><p>x</p></body></html>",
    "only-comment": b"<!-- nothing here -->",
    "unclosed-tags": b"<html><body><div><p><b><i>" * 200,
    "deep-nesting": b"<div>" * 5000 + "深".encode() + b"</div>" * 5000,
    "broken-charset": b"<meta charset='no-such-codec'><p>\xff\xfe\xfd</p>",
}


@pytest.mark.parametrize("name", sorted(NASTY))
def test_nasty_inputs_give_a_reasoned_non_article(name: str) -> None:
    article = extract(NASTY[name], "https://news.example.cn/x.html", FETCHED_AT)
    assert article.is_article is False
    assert article.reason, name
    assert article.body == "" and article.blocks == []


@pytest.mark.parametrize(("name", "reason"), [("empty", "empty response"), ("png", "not html"),
                                              ("pdf", "not html"), ("random-bytes", "not html")])
def test_named_reasons(name: str, reason: str) -> None:
    article = extract(NASTY[name], None, FETCHED_AT)
    assert article.reason == reason
    assert reason in NotAnArticle.REASONS


def test_truncated_article_keeps_what_arrived() -> None:
    article = extract(ARTICLE[: int(len(ARTICLE) * 0.8)], None, FETCHED_AT, raise_errors=True)
    assert article.is_article
    assert article.title == "本市今年新开三条地铁线路"
    assert article.body.count("记者从市交通委获悉") >= 3


def test_huge_page_is_extracted() -> None:
    filler = "<div class='nav'>" + "<a href='/x'>导航链接</a>" * 20000 + "</div>"
    body = ARTICLE.replace(b"</body>", (filler * 20).encode("gb18030") + b"</body>")
    assert len(body) > 10_000_000
    article = extract(body, None, FETCHED_AT, raise_errors=True)
    assert article.is_article
    assert "导航链接" not in article.body


def test_extraction_imports_neither_scrapy_nor_sqlalchemy() -> None:
    code = (
        "import sys, newscrawler.extract; "
        "bad = [m for m in ('scrapy', 'sqlalchemy', 'twisted', 'pipelines') if m in sys.modules]; "
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_text_after_an_included_headers_own_end_tags_is_read() -> None:
    # a server-side include pastes a header fragment with its own </body></html> before the article:
    # browsers ignore both tags, libxml2 stopped reading there and the article was dropped
    page = (
        "<html><head><title>本市今年新开三条地铁线路_本地_某某网</title></head><body>"
        "<div class='top'><a href='/'>首页</a></div></body></html>\n"
        "<div class='content'><h1>本市今年新开三条地铁线路</h1>" + PARAGRAPHS + "</div>"
        "<div class='footer'>" + "".join(f"<a href='/c/{i}'>频道{i}</a> " for i in range(20)) + "</div></body></html>"
    ).encode()
    article = extract(page, "https://news.example.cn/x.html", FETCHED_AT, raise_errors=True)
    assert article.is_article
    assert "第6批地铁线路" in article.body
