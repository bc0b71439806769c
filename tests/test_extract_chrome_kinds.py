"""Kinds of page chrome that generic news templates print inside the article's element, as text
rather than links, so neither link density nor the container leaves them out (issue 12: sites never
seen). Every page and line here is invented."""

from __future__ import annotations

import pytest

from newscrawler.extract import extract

from .conftest import FETCHED_AT

URL = "https://news.example.cn/2012/0112/8.html"
SIMPLIFIED = [
    "本市今年春季植树活动于上周六在城东湿地公园启动，数百名志愿者带着铁锹和水桶来到现场栽下新苗。",
    "园林部门负责人介绍说，今年选用的树种以本地耐寒品种为主，既能熬过北方冬季，又能在夏季遮阴。",
    "一位退休教师告诉记者，她已经连续八年参加这项活动，每年都带着孙子一起来，希望孩子懂得爱护环境。",
]
TRADITIONAL = [
    "本市今年春季植樹活動於上週六在城東濕地公園啟動，數百名志願者帶著鐵鍬和水桶來到現場栽下新苗。",
    "園林部門負責人介紹說，今年選用的樹種以本地耐寒品種為主，既能熬過北方冬季，又能在夏季遮蔭。",
    "一位退休教師告訴記者，她已經連續八年參加這項活動，每年都帶著孫子一起來，希望孩子懂得愛護環境。",
]


def page(paragraphs: list[str], after: str) -> bytes:
    """A portal article: the text's paragraphs and then ``after`` in the same element."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return ("<html><head><meta charset='utf-8'><title>湿地公园植树活动启动_某某网</title></head><body>"
            "<div class='main'><h1>湿地公园植树活动启动</h1><div class='info'>2012年01月12日 10:20</div>"
            f"<div id='text'>{body}{after}</div></div></body></html>").encode()


def body_of(paragraphs: list[str], after: str) -> list[str]:
    return extract(page(paragraphs, after), URL, FETCHED_AT, raise_errors=True).body.splitlines()


@pytest.mark.parametrize("after", [
    "<p>關鍵詞：植樹 濕地 公園</p>",
    "<p>作者簡介：王五，某某大學環境學院教授，研究城市綠地。</p>",
    "<p>新聞熱線：2345 6789</p>",
    "<p>瀏覽次數：1234</p>",
    "<p>下載某某新聞手機客戶端，隨時隨地看新聞</p>",
], ids=["keywords", "writer-note", "hotline", "views", "app"])
def test_traditional_spellings_of_chrome_are_chrome(after: str) -> None:
    """A Hong Kong or Taiwan page's chrome, spelt in Traditional characters the label fold does not
    convert (鍵, 簡, 熱, 瀏, 戶), is matched like its Simplified spelling."""
    assert body_of(TRADITIONAL, after) == TRADITIONAL


@pytest.mark.parametrize("after", [
    "<p>【打印本页】 【关闭窗口】</p>",
    "<div>页面功能 【我来说两句】【推荐】【字体：大 中 小】【打印】</div>",
    "<div>[推荐] [收藏] [打印] Email推荐</div>",
    "<div>頁面功能 【推薦】【轉寄】【列印】【回頁頂】</div>",
], ids=["print-close", "page-tools", "square-brackets", "traditional"])
def test_a_row_of_bracketed_tools_is_chrome(after: str) -> None:
    assert body_of(SIMPLIFIED, after) == SIMPLIFIED


@pytest.mark.parametrize("after", [
    "<div>缩小字体 放大字体 收藏 微博 微信 分享 106</div>",
    "<div>字体： 放大 正常 缩小 收藏</div>",
    "<div>推到Facebook 推到Plurk 推到Twitter</div>",
    "<div>友善列印 轉寄好友 分享</div>",
], ids=["font-size", "font-only", "networks", "traditional"])
def test_a_row_of_nothing_but_tools_is_chrome(after: str) -> None:
    assert body_of(SIMPLIFIED, after) == SIMPLIFIED


@pytest.mark.parametrize("after", [
    "<div>您看完此新闻的心情是：</div><div>感动 0 高兴 2 难过 0 愤怒 1 搞笑 0</div>",
    "<div>读完此文的感受：</div><div>给力(0票)</div>",
], ids=["mood", "feeling"])
def test_a_mood_vote_under_the_text_is_chrome(after: str) -> None:
    assert body_of(SIMPLIFIED, after) == SIMPLIFIED


@pytest.mark.parametrize("after", [
    "<p>手机看新闻</p>",
    "<p>订阅某某晨报手机报：手机发XW到10650000</p>",
    "<p>下载某某新闻手机客户端</p>",
    "<p>频道热线：(024)12345678</p>",
    "<p>爆料邮箱：tips@example.cn</p>",
    "<p>爆料电话：010-12345678</p>",
    "<p>本文链接：http://news.example.cn/2012/0112/8.html</p>",
    "<div>推荐给朋友 打印此文 收藏此页</div>",
    "<div>加入收藏 设为首页</div>",
], ids=["mobile-news", "sms", "app", "hotline", "tip-off", "tip-off-phone", "page-url", "tell-a-friend", "bookmark"])
def test_promos_contacts_and_page_tools_are_chrome(after: str) -> None:
    assert body_of(SIMPLIFIED, after) == SIMPLIFIED


@pytest.mark.parametrize("line", [
    "有人在论坛爆料：那家超市的打折其实上个月底便已停止。",
    "下载该银行手机客户端的用户已超过一千万，比前年多出三成。",
    "市民可拨打服务热线反映问题，相关部门承诺在三个工作日内给予答复。",
    "感动、高兴和难过交织在一起，她说这一天她会永远记得。",
    "转发给好友的链接里藏着恶意程序，警方提醒市民不要随手点开。",
    "看完后的心情久久难以平复。",
    "订阅手机报的用户去年底已过三百万。",
    "服务热线12345自本月起全天候有人接听。",
    "家住城东的王女士昨天拨打本报爆料热线，说小区门口的路灯坏了半个月。",
    "他把照片发到了电视台的爆料邮箱，第二天记者就赶到了现场。",
], ids=["tip-off-in-prose", "app-in-prose", "hotline-in-prose", "moods-in-prose", "forward-in-prose", "mood-in-prose",
        "mobile-paper-in-prose", "hotline-number-in-prose", "tip-off-hotline-in-prose", "tip-off-mail-in-prose"])
def test_sentences_using_the_same_words_stay_text(line: str) -> None:
    assert body_of(SIMPLIFIED, f"<p>{line}</p>") == [*SIMPLIFIED, line]


COMMENTS = ("<div><span>网友：春天里</span> <span>2012-01-12 11:05</span><p>支持，明年我也带上孩子一起去种树。</p>"
            "<p>回复 踩0 赞12 收藏</p></div>"
            "<div><span>网友：老张</span> <span>2012-01-12 11:30</span><p>种下以后更要有人管，别只图个热闹。</p>"
            "<p>回复 踩1 赞3 收藏</p></div>")


@pytest.mark.parametrize("heading", ["热门评论 10条", "最新评论（共2条）", "网友留言", "讀者回應", "發表留言"],
                         ids=["hot-with-count", "latest-with-count", "messages", "traditional", "post-a-message"])
def test_a_comment_lists_heading_ends_the_text(heading: str) -> None:
    """Readers' comments under the text open with their section's heading, which may carry a count."""
    assert body_of(SIMPLIFIED, f"<div>{heading}</div>{COMMENTS}") == SIMPLIFIED


def test_a_comments_row_of_actions_and_counts_is_chrome() -> None:
    assert body_of(SIMPLIFIED, "<div>回复 踩0 赞12 收藏</div>") == SIMPLIFIED
