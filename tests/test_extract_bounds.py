"""Extraction is bounded: any nesting depth, a per-page time budget, huge bodies read in slices.

All pages here are written for these tests (invented text). No test measures time: the budget is
exercised with a zero budget, which is spent at the first check.
"""

from __future__ import annotations

import gc
import sys

from newscrawler.errors import NotAnArticle
from newscrawler.extract import extract
from newscrawler.extract.depth import flatten_nesting
from newscrawler.extract.quotes.synthetic import paragraph

from .conftest import FETCHED_AT

PARAGRAPHS = "".join(
    f"<p>记者从市交通委获悉，今年本市将新开通第{i}批地铁线路，总里程超过{i * 10}公里，沿线居民出行将更加便捷。</p>"
    for i in range(1, 7)
)
TITLE = "本市今年新开三条地铁线路"


def _nested(depth: int) -> bytes:
    """An article whose headline and paragraphs sit ``depth`` ``<div>``s deep."""
    return ("<html><head><meta charset='utf-8'><title>" + TITLE + "_本地_某某网</title></head><body>"
            "<div class='nav'><a href='/'>首页</a><a href='/bd/'>本地</a></div>"
            + "<div>" * depth + "<h1>" + TITLE + "</h1>" + PARAGRAPHS + "</div>" * depth
            + "</body></html>").encode("utf-8")


def test_an_article_nested_a_thousand_elements_deep_is_extracted() -> None:
    assert sys.getrecursionlimit() <= 1000 * 3  # a recursive walk would overflow at this depth
    for depth in (1000, 1500):
        article = extract(_nested(depth), "https://news.example.cn/a/1.html", FETCHED_AT, raise_errors=True)
        assert article.is_article, (depth, article.reason)
        assert article.title == TITLE
        assert article.body.count("记者从市交通委获悉") == 6


def test_a_spent_budget_gives_extraction_timeout_and_keeps_the_text() -> None:
    for raise_errors in (False, True):
        article = extract(_nested(3), "https://news.example.cn/a/1.html", FETCHED_AT,
                          raise_errors=raise_errors, time_budget=0.0)
        assert article.is_article is False
        assert article.reason == "extraction timeout"
        assert article.reason in NotAnArticle.REASONS
        assert article.kind == "timeout"
        assert article.body == "" and article.blocks == [] and article.quotes == []
        assert "记者从市交通委获悉" in article.page_text  # nothing fetched disappears from search
        assert article.encoding == "utf-8"


def test_an_ample_budget_changes_nothing() -> None:
    body = _nested(3)
    default = extract(body, "https://news.example.cn/a/1.html", FETCHED_AT, raise_errors=True)
    unbounded = extract(body, "https://news.example.cn/a/1.html", FETCHED_AT, raise_errors=True,
                        time_budget=float("inf"))
    assert default.to_json() == unbounded.to_json()
    assert default.is_article


def test_quotes_of_a_huge_body_index_the_whole_body() -> None:
    """A body longer than one quote slice is read in slices; offsets still point into its blocks."""
    html = ("<html><head><meta charset='utf-8'><title>年度报告发布</title></head><body><div class='content'>"
            "<h1>年度报告发布</h1>" + "".join(f"<p>{paragraph(i)}</p>" for i in range(720)) + "</div></body></html>")
    article = extract(html.encode("utf-8"), "https://news.example.cn/a/2.html", FETCHED_AT, raise_errors=True,
                      time_budget=float("inf"))
    assert article.is_article
    assert sum(len(b.text) for b in article.blocks) > 120_000
    indices = {q.block_index for q in article.quotes}
    assert max(indices) > len(article.blocks) // 2  # quotes from the later slices too
    for q in article.quotes:
        assert 0 <= q.start < q.end <= len(article.blocks[q.block_index].text)
        if q.parent is not None:
            assert article.quotes[q.parent].block_index == q.block_index
    late = [q for q in article.quotes if q.block_index >= 650 and q.quote_type == "direct"]
    assert any(article.blocks[q.block_index].text[q.start:q.end] == "我们会把每一笔资金都用在刀刃上。"
               or "刀刃" in article.blocks[q.block_index].text[q.start:q.end] for q in late)


def test_an_article_nested_deeper_than_the_parser_allows_is_extracted() -> None:
    """libxml2 stops at 2,048 levels and keeps next to nothing: the excess nesting is flattened."""
    article = extract(_nested(3000), "https://news.example.cn/a/1.html", FETCHED_AT, raise_errors=True)
    assert article.is_article, article.reason
    assert article.title == TITLE
    assert article.body.count("记者从市交通委获悉") == 6


def test_flatten_nesting_keeps_the_text_and_caps_the_depth() -> None:
    html = "<div>" * 50 + "<p>正文一</p><p>正文二<br>第二行</p>" + "</div>" * 50 + "<p>尾</p>"
    flat = flatten_nesting(html, limit=10)
    assert flat.count("<div>") == 10 and flat.count("</div>") == 10
    assert all(t in flat for t in ("正文一", "正文二", "第二行", "尾"))
    assert flatten_nesting("<div><p>浅</p></div>", limit=10) == "<div><p>浅</p></div>"


def test_the_cycle_collector_is_restored_after_a_large_page() -> None:
    """Large pages are read with the cycle collector paused; the caller's setting always comes back."""
    big = _nested(3).replace(b"</body>", b"<div class='nav'>" + "<a href='/x'>导航</a>".encode() * 60_000
                             + b"</div></body>")
    assert len(big) > 1 << 20
    assert gc.isenabled()
    assert extract(big, "https://news.example.cn/a/1.html", FETCHED_AT).is_article
    assert gc.isenabled()
    gc.disable()
    try:
        extract(big, "https://news.example.cn/a/1.html", FETCHED_AT, time_budget=0.0)
        assert not gc.isenabled()
    finally:
        gc.enable()


def _with_jsonld(jsonld: str) -> bytes:
    return _nested(3).replace(b"</title>", b"</title><script type='application/ld+json'>" + jsonld.encode()
                              + b"</script>")


def test_deeply_nested_json_ld_does_not_lose_the_article() -> None:
    for depth in (900, 5000, 100_000):
        for jsonld in ("[" * depth + "{}" + "]" * depth, '{"@graph":' * depth + "{}" + "}" * depth):
            article = extract(_with_jsonld(jsonld), "https://news.example.cn/a/1.html", FETCHED_AT, raise_errors=True)
            assert article.is_article, (depth, article.reason)
            assert article.body.count("记者从市交通委获悉") == 6


def test_json_ld_in_nested_lists_and_graphs_is_still_read() -> None:
    jsonld = ('[[{"@graph": [[{"@type": "NewsArticle", "datePublished": "2023-04-16T08:30:00+08:00",'
              ' "author": [[{"name": "王明华"}], "李静"]}]]}]]')
    article = extract(_with_jsonld(jsonld), "https://news.example.cn/a/1.html", FETCHED_AT, raise_errors=True)
    assert article.is_article
    assert article.publish_date is not None and article.publish_date.day == 16
