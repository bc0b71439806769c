"""A site profile's selector overrides replace the generic choice of title, body container and date."""

from __future__ import annotations

from newscrawler.extract import extract

from .conftest import FETCHED_AT

PAGE = """<html><head><meta charset="utf-8"><title>门户首页</title></head><body>
<div class="promo"><p>本站推出全新会员服务，注册即送三个月免费阅读权限，欢迎广大读者踊跃参与体验，名额有限，先到先得，详情请咨询客服人员。</p>
<p>会员可享受无广告阅读、离线下载和专属活动等多项权益，每月还将抽取幸运读者赠送精美礼品，活动最终解释权归本站所有。</p></div>
<div class="story"><span class="hd">社区食堂开进老街区</span><em class="when">发布于 2023年04月16日 11:20</em>
<p>老街区的第一家社区食堂本周正式营业，午餐时段接待了三百多位居民。</p></div>
</body></html>""".encode()


def test_generic_choice_goes_wrong_on_this_page() -> None:
    article = extract(PAGE, None, FETCHED_AT, raise_errors=True)
    assert "会员" in article.body and article.title != "社区食堂开进老街区"


def test_css_and_xpath_overrides() -> None:
    selectors = {"title": ".story .hd", "body": "//div[@class='story']", "date": "em.when"}
    article = extract(PAGE, None, FETCHED_AT, selectors=selectors, raise_errors=True)
    assert article.title == "社区食堂开进老街区"
    assert article.body == "老街区的第一家社区食堂本周正式营业，午餐时段接待了三百多位居民。"
    assert article.publish_date is not None and article.publish_date.isoformat() == "2023-04-16T11:20:00+08:00"


def test_a_selector_that_matches_nothing_or_does_not_parse_falls_back() -> None:
    generic = extract(PAGE, None, FETCHED_AT, raise_errors=True)
    for bad in ({"body": ".nothing-here"}, {"body": "div[[["}, {"title": "//*["}):
        assert extract(PAGE, None, FETCHED_AT, selectors=bad, raise_errors=True).body == generic.body
