"""Titles: site suffixes removed, the visible heading preferred when it agrees with <title>."""

from __future__ import annotations

import pytest

from newscrawler.extract import extract
from newscrawler.extract.title import strip_site_suffix

from .conftest import FETCHED_AT

SUFFIXES = [
    ("东岭港口工人罢工致航运中断-新华网", "东岭港口工人罢工致航运中断"),
    ("老街重开，书法家题写了新的匾额--文化--人民网", "老街重开，书法家题写了新的匾额"),
    ("新品延期：手机厂商陷入两难？_网易财经", "新品延期：手机厂商陷入两难？"),
    ("口头叫停转身就追加投资——“双面”车企押注AI|焦点新闻|某某网", "口头叫停转身就追加投资——“双面”车企押注AI"),
    ("GPT-5 发布在即_科技_新浪网", "GPT-5 发布在即"),
    ("马斯克的X-AI公司成立", "马斯克的X-AI公司成立"),
    ("景区门票上调：是逐利还是无奈_10%公司_澎湃新闻-The Paper", "景区门票上调：是逐利还是无奈"),
    ("东岭特产展销周正式启动 - 山西省人民政府门户网站", "东岭特产展销周正式启动"),
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


def _title_of(head_title: str, body: str) -> str | None:
    from newscrawler.extract import extract

    from .conftest import FETCHED_AT

    paras = "".join(f"<p>{p}</p>" for p in (
        "市交通委今天宣布，下月起全市公交线路将统一调整首末班时间，方便早出晚归的市民出行。",
        "据介绍，调整涉及线路一百余条，具体时刻表将在各站点和官方网站同步公布，市民可提前查询。"))
    page = f"<html><head><title>{head_title}</title></head><body>{body}<div>{paras}</div></body></html>"
    return extract(page.encode(), None, FETCHED_AT, raise_errors=True).title


def test_a_title_that_names_only_the_site_yields_to_the_h1() -> None:
    assert _title_of("某某衛視-某某新聞", "<h1>公交線路統一調整首末班時間</h1>") == "公交線路統一調整首末班時間"


def test_the_title_prefix_printed_in_a_plain_block_is_the_headline() -> None:
    body = "<div class='top'>公交线路统一调整首末班时间</div>"
    assert _title_of("公交线路统一调整首末班时间-本地-某某网滨海频道站", body) == "公交线路统一调整首末班时间"


def test_a_domain_in_the_last_segment_is_a_site_suffix() -> None:
    assert strip_site_suffix("公交線路統一調整首末班時間 - example.com香港版") == "公交線路統一調整首末班時間"


def test_a_newspaper_cms_record_names_the_headline_when_title_names_the_site() -> None:
    from newscrawler.extract import extract

    from .conftest import FETCHED_AT

    record = ("<!--enpproperty <date>2011-12-08</date><author>记者 某某</author>"
              "<title>公交线路统一调整首末班时间</title> /enpproperty-->")
    paras = "".join(f"<p>{p}</p>" for p in (
        "市交通委今天宣布，下月起全市公交线路将统一调整首末班时间，方便早出晚归的市民出行。",
        "据介绍，调整涉及线路一百余条，具体时刻表将在各站点和官方网站同步公布，市民可提前查询。"))
    page = f"{record}<html><head><title>某某参考网</title></head><body><div>{paras}</div></body></html>"
    article = extract(page.encode(), None, FETCHED_AT, raise_errors=True)
    assert article.title == "公交线路统一调整首末班时间"
    assert article.publish_date is not None and article.publish_date.date().isoformat() == "2011-12-08"


@pytest.mark.parametrize("suffix", [" - NOWnews 今日新聞網", " | 某某新聞網 即時新聞", " - 某某電視台新聞頻道"])
def test_traditional_site_suffixes(suffix: str) -> None:
    assert strip_site_suffix("市府推動新政 提升效率" + suffix) == "市府推動新政 提升效率"
