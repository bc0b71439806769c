"""Kinds of byline and chrome failure found by reading the extractor's output on pages of sites it was
never tuned on (issue 12): words that are no one's name taken as authors, credits of correspondents and
interns, a site's back link glued to the text, tip-off hotline words inside a sentence. Every page and
line here is invented."""

from __future__ import annotations

import pytest

from newscrawler.extract import extract
from newscrawler.extract.bylines import dateline_reporters, info_line, looks_like_pen_name
from newscrawler.extract.clutter import is_chrome

from .conftest import FETCHED_AT

URL = "https://news.example.cn/2019/0911/5.html"
TEXT = [
    "本市今年春季植树活动于上周六在城东湿地公园启动，数百名志愿者带着铁锹和水桶来到现场栽下新苗。",
    "园林部门负责人介绍说，今年选用的树种以本地耐寒品种为主，既能熬过北方冬季，又能在夏季遮阴。",
    "一位退休教师告诉记者，她已经连续八年参加这项活动，每年都带着孙子一起来，希望孩子懂得爱护环境。",
]


def page(info: str, paragraphs: list[str], after: str = "") -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return ("<html><head><meta charset='utf-8'><title>湿地公园植树活动启动_某某网</title></head><body>"
            f"<div class='main'><h1>湿地公园植树活动启动</h1>{info}"
            f"<div id='text'>{body}{after}</div></div></body></html>").encode()


@pytest.mark.parametrize(("line", "authors", "editors"), [
    ("作者：佚名", [], []),
    ("作者：未知 责任编辑：王某某", [], ["王某某"]),
    ("作者：网络整理", [], []),
    ("作者：admin", [], []),
    ("作者：张某某", ["张某某"], []),
], ids=["anonymous", "unknown", "from-the-net", "cms-account", "a-name"])
def test_a_placeholder_in_the_author_field_names_no_one(line: str, authors: list[str], editors: list[str]) -> None:
    """A CMS prints 佚名, 未知, 网络整理 or its account's name when it has no writer: no author."""
    byline = info_line(line, zone="header")
    assert byline is not None
    assert (byline.authors, byline.editors) == (authors, editors)


@pytest.mark.parametrize(("line", "authors"), [
    ("本报通讯员 张小明", ["张小明"]),
    ("本报实习生 李华", ["李华"]),
    ("本报记者 张三 本报通讯员 李四", ["张三", "李四"]),
    ("记者 王五 通讯员 赵六", ["王五", "赵六"]),
], ids=["correspondent", "intern", "reporter-and-correspondent", "unprefixed"])
def test_correspondents_and_interns_of_the_paper_are_credited(line: str, authors: list[str]) -> None:
    byline = info_line(line, zone="header")
    assert byline is not None and byline.authors == authors


@pytest.mark.parametrize(("paragraph", "authors"), [
    ("本报讯（记者张三 通讯员李四 实习生王五）昨天上午，市里举行了植树大会。", ["张三", "李四", "王五"]),
    ("某某网10月4日讯（记者陈某 整合） 国庆长假过半，游客仍然很多。", ["陈某"]),
    ("〔記者王小明／台北報導〕交通部昨日宣布了新的票價方案。", ["王小明"]),
    ("（记者 张三）昨天上午，植树大会在城东召开。", ["张三"]),
    ("（记者手记）今天的风很大，志愿者们却都很高兴。", []),
], ids=["intern-in-dateline", "compiled-by", "taiwan-bracket", "opening-bracket", "no-name"])
def test_reporters_opening_a_paragraph(paragraph: str, authors: list[str]) -> None:
    assert dateline_reporters(paragraph) == authors


@pytest.mark.parametrize("token", ["分享到", "facebook", "Facebook", "微博", "打印", "佚名"])
def test_a_share_button_or_label_alone_under_the_headline_is_no_pen_name(token: str) -> None:
    assert not looks_like_pen_name(token)


def test_pen_names_still_count() -> None:
    assert looks_like_pen_name("张三") and looks_like_pen_name("maomaobear")


def test_share_buttons_under_the_headline_are_not_authors() -> None:
    info = "<div class='info'>2019年09月11日 10:20</div>"
    article = extract(page(info, ["分享到", "facebook", *TEXT]), URL, FETCHED_AT, raise_errors=True)
    assert article.author == []
    assert article.body.splitlines() == TEXT


def test_a_back_link_glued_to_the_last_paragraph_and_byline_is_cut() -> None:
    """The ``返回某某，查看更多`` link a portal's template glues into the last ``<p>`` (chinese-news-spec §22)."""
    last = TEXT[-1] + "<a href='/'>返回某某，查看更多</a>"
    after = "<p>作者：余某某 向某某<a href='/'>返回某某，查看更多</a></p>"
    article = extract(page("<div class='info'>2019年09月11日 10:20</div>", [*TEXT[:-1], last], after), URL,
                      FETCHED_AT, raise_errors=True)
    assert article.body.splitlines() == TEXT
    assert article.author == ["余某某", "向某某"]


@pytest.mark.parametrize("line", [
    "市民如发现类似情况，可拨打本报新闻热线反映，记者将跟进报道。",
    "对此，不少读者通过报料电话反映了自己的遭遇，希望有关部门尽快处理。",
])
def test_hotline_words_inside_a_sentence_are_text(line: str) -> None:
    assert not is_chrome(line)
    article = extract(page("<div class='info'>2019年09月11日 10:20</div>", [*TEXT, line]), URL, FETCHED_AT,
                      raise_errors=True)
    assert article.body.splitlines() == [*TEXT, line]


@pytest.mark.parametrize("line", ["新闻热线：2345 6789", "本报报料热线 12345678", "欢迎报料：tips@example.cn",
                                  "新聞熱線：2345 6789"])
def test_a_hotline_line_is_still_chrome(line: str) -> None:
    assert is_chrome(line)


def test_a_commentators_closing_credit_names_the_writers() -> None:
    last = TEXT[-1] + "（评论员 罗某某 萧某某）"
    article = extract(page("<div class='info'>2019年09月11日 10:20</div>", [*TEXT[:-1], last]), URL, FETCHED_AT,
                      raise_errors=True)
    assert article.author == ["罗某某", "萧某某"]


def test_a_date_line_with_its_writers_names_is_a_byline() -> None:
    """``2020-06-05 20:35 某某姐 胡某 李小某`` under the headline: the date and its writers, not text."""
    info = "<div class='info'><span>2019-09-11 10:20</span> <span>叨某姐</span> <span>胡一某</span></div>"
    article = extract(page(info, TEXT), URL, FETCHED_AT, raise_errors=True)
    assert article.author == ["叨某姐", "胡一某"]
    assert article.body.splitlines() == TEXT
    assert info_line("2012-01-17 国际 财经", zone="text") is None  # channel words are no names


@pytest.mark.parametrize("after", [
    "<p>图片皆来自网络</p>",
    "<p>本文配图来源：互联网</p>",
    "<p>+1</p>",
    "<p>举报</p>",
    "<p>（作者曾任某某大学教授，现为某研究所顾问）</p>",
    "<p>上一张</p><p>下一张</p>",
    "<p>（1/5）</p>",
    "<p>查看原图</p>",
], ids=["photos-from-the-net", "illustrations", "like-button", "report-button", "writer-note", "prev-next-photo",
        "photo-counter", "full-size"])
def test_notes_and_lone_tools_after_the_text_are_not_text(after: str) -> None:
    article = extract(page("<div class='info'>2019年09月11日 10:20</div>", TEXT, after), URL, FETCHED_AT,
                      raise_errors=True)
    assert article.body.splitlines() == TEXT


@pytest.mark.parametrize("line", [
    "他说这些图片皆来自网上流传的旧照，并非本人拍摄，请大家注意辨别真伪。",
    "上一张照片里的人是他的父亲，这一张才是他的母亲。",
])
def test_tool_words_inside_a_sentence_are_text(line: str) -> None:
    assert not is_chrome(line)


def test_an_outlets_closing_credit_names_its_reporter() -> None:
    """``（某某财经 张某某）`` closing the text: the outlet and its reporter, a byline."""
    article = extract(page("<div class='info'>2019年09月11日 10:20</div>", TEXT, "<p>（某某财经 张某某）</p>"), URL,
                      FETCHED_AT, raise_errors=True)
    assert article.body.splitlines() == TEXT
    assert article.author == ["张某某"]


def test_names_joined_by_an_ampersand_are_two_names() -> None:
    byline = info_line("执笔/某某姐、胡一某&李小某", zone="header")
    assert byline is not None and byline.authors == ["某某姐", "胡一某", "李小某"]
    handle = info_line("作者：放飞&心情", zone="header")  # a forum handle, not two names
    assert handle is not None and handle.authors == ["放飞&心情"]


@pytest.mark.parametrize("notice", ["本文经作者授权某某网刊发，转载须注明作者与来源。", "转载务必注明来源及作者。"])
def test_a_reprint_notice_worded_with_must_is_a_notice(notice: str) -> None:
    """``转载须注明…`` (must) is worded like ``转载请注明…`` (please): a copyright notice, not text."""
    article = extract(page("<div class='info'>2019年09月11日 10:20</div>", [*TEXT, notice]), URL, FETCHED_AT,
                      raise_errors=True)
    assert article.body.splitlines() == TEXT
    assert [d.text for d in article.disclaimers] == [notice]


TRADITIONAL = [
    "本市今年春季植樹活動於上週六在城東濕地公園啟動，數百名志願者帶著鐵鍬和水桶來到現場栽下新苗。",
    "園林部門負責人介紹說，今年選用的樹種以本地耐寒品種為主，既能熬過北方冬季，又能在夏季遮蔭。",
    "一位退休教師告訴記者，她已經連續八年參加這項活動，每年都帶著孫子一起來，希望孩子懂得愛護環境。",
]


@pytest.mark.parametrize("tool", [
    "回上頁", "回首頁", "回到頂端", "友善列印", "轉寄好友", "加入書籤", "加到我的最愛", "推到Facebook", "訂閱電子報",
    "加入LINE好友", "按讚加入粉絲團", "請繼續向下閱讀", "（廣告）", "點閱數：123", "瀏覽人次：456", "人氣：88", "列印",
])
def test_taiwan_and_hong_kong_page_tools_are_chrome(tool: str) -> None:
    """The tools of a Taiwan or Hong Kong portal, spelt in Traditional characters, alone on a line."""
    assert is_chrome(tool)
    article = extract(page("<div class='info'>2019年09月11日 10:20</div>", [*TRADITIONAL[:2], tool, TRADITIONAL[2]]),
                      URL, FETCHED_AT, raise_errors=True)
    assert article.body.splitlines() == TRADITIONAL


@pytest.mark.parametrize("line", [
    "廣告主表示，今年的投放預算會增加。",
    "請繼續向下閱讀本報告全文，就能看出問題。",
    "回首頁面看看，這座城市變了很多。",
])
def test_taiwan_tool_words_opening_a_sentence_are_text(line: str) -> None:
    assert not is_chrome(line)


@pytest.mark.parametrize("promo", [
    "新品抢先免费体验，达人分享生活心得，快来某某众测吧~！安装某某APP领取惊喜礼包！",
    "下载某某新闻客户端，精彩内容随时看",
])
def test_an_app_promo_sentence_over_the_text_is_chrome(promo: str) -> None:
    """A portal's app promotion (chinese-news-spec §22) worded as a sentence, with the download word inside it."""
    assert is_chrome(promo)
    article = extract(page("<div class='info'>2019年09月11日 10:20</div>", [promo, *TEXT]), URL, FETCHED_AT,
                      raise_errors=True)
    assert article.body.splitlines() == TEXT


def test_news_about_downloading_an_app_is_text() -> None:
    assert not is_chrome("用户可以下载客户端体验新功能，据介绍新版本修复了多处问题。")


@pytest.mark.parametrize(("line", "source", "authors"), [
    ("某某快訊／范姜小明 2020年03月12日 20:19:00", "某某快訊", ["范姜小明"]),
    ("2019-01-02 王小明／某某日報", "某某日報", ["王小明"]),
    ("某某行情分析--2019年8月19日", "某某行情分析", []),
], ids=["outlet-then-reporter", "reporter-then-outlet", "trailing-dashes"])
def test_an_outlet_and_its_reporter_on_a_dated_line(line: str, source: str, authors: list[str]) -> None:
    """Taiwan's portals print ``outlet／reporter`` beside the date: the source and the author, not one source."""
    byline = info_line(line, zone="header")
    assert byline is not None and (byline.source, byline.authors) == (source, authors)


def test_a_linked_headline_and_date_beside_the_article_is_no_byline() -> None:
    """The previous article's link (``上一篇 : 某某--2019年8月19日``) in a side bar is not the page's source."""
    side = "<ul class='leftbar'><li><div>上一篇 :</div><a href='/a/1.html'>某某行情分析--2019年8月19日</a></li></ul>"
    html = page("<div class='info'>发布时间： 2019-09-26 10:09:11</div>", TEXT).replace(b"<div class='main'>",
                                                                               f"{side}<div class='main'>".encode())
    article = extract(html, URL, FETCHED_AT, raise_errors=True)
    assert article.source is None
    assert article.publish_date is not None and article.publish_date.date().isoformat() == "2019-09-26"


@pytest.mark.parametrize("head", [
    "<meta itemprop='dateUpdate' content='2019-10-08 12:00:57'>",
    "<meta property='article:modified_time' content='2019-10-08T12:30:00+08:00'>",
    "<script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"dateModified\": \"2019-10-08T12:30:00+08:00\"}"
    "</script>",
], ids=["item-update", "og-modified", "jsonld-modified"])
def test_a_year_less_date_takes_its_year_from_the_last_change(head: str) -> None:
    """``发布时间：10-08 12:00`` printed without a year: the date the page was last changed, on the same month and
    day, names the year (the fetch time only guesses it)."""
    html = page("<div class='info'>发布时间：10-08 12:00</div>", TEXT).replace(b"</head>", f"{head}</head>".encode())
    article = extract(html, URL, FETCHED_AT, raise_errors=True)
    assert article.publish_date is not None
    assert article.publish_date.isoformat().startswith("2019-10-08T12:00")


def test_a_last_change_on_another_day_lends_no_year() -> None:
    html = page("<div class='info'>发布时间：10-08 12:00</div>", TEXT).replace(
        b"</head>", b"<meta itemprop='dateUpdate' content='2019-10-09 12:00:57'></head>")
    article = extract(html, URL, FETCHED_AT, raise_errors=True)
    assert article.publish_date is not None and article.publish_date.year != 2019  # the fetch time's guess


def test_a_title_naming_only_channel_and_site_yields_to_a_minor_heading() -> None:
    """``<title>新闻动态--某某学会官网</title>`` names no story; the headline is the page's ``<h5>``, and the site's
    name in a footer heading (a part of ``<title>``) is not it."""
    html = ("<html><head><meta charset='utf-8'><title>新闻动态--城东园林学会官网</title></head><body>"
            "<div class='news'><h5>城东湿地公园春季植树活动顺利举行</h5><div class='ly'>发布时间：2019-05-18</div>"
            + "".join(f"<p>{p}</p>" for p in TEXT) +
            "</div><div class='foot'><h4>联系我们</h4><h5>城东园林学会</h5></div></body></html>").encode()
    article = extract(html, URL, FETCHED_AT, raise_errors=True)
    assert article.title == "城东湿地公园春季植树活动顺利举行"
    assert article.body.splitlines() == TEXT


@pytest.mark.parametrize("chrome", [
    "“扫一扫”即可将本页分享至朋友圈。",
    "分享让更多的人知道",
    "微博 微信 分享 腾讯QQ QQ空间",
    "某某网app，满足你对资讯的全部想象",
    "进入【某某财经股吧】讨论",
    "点击数：",
    "某某财经APP 缩小字体 放大字体 收藏",
], ids=["scan-to-share", "share-more", "networks-row", "site-app", "enter-forum", "empty-counter", "app-and-tools"])
def test_the_specs_chrome_kinds_are_chrome(chrome: str) -> None:
    """The chrome kinds chinese-news-spec lists (rows 11, 12, 22, 23), in wordings of their own."""
    assert is_chrome(chrome)
    article = extract(page("<div class='info'>2019年09月11日 10:20</div>", [*TEXT[:2], chrome, TEXT[2]]), URL,
                      FETCHED_AT, raise_errors=True)
    assert article.body.splitlines() == TEXT


@pytest.mark.parametrize("line", [
    "进入【决赛】的队伍将在周日比赛，对手尚未确定。",
    "“扫一扫”成了很多老人的难题，他们不知道如何操作手机。",
    "微信App，作为一款社交软件，近年来不断推出新功能。",
])
def test_sentences_with_the_same_words_are_text(line: str) -> None:
    assert not is_chrome(line)


@pytest.mark.parametrize("chrome", [
    "热点专题", "更多相关新闻", "滚动新闻", "推荐到: 微博 人人网 豆瓣", "查看所有评论", "验证码：", "用户名：", "匿名发表",
    "以上评论仅代表发帖人看法", "本文共2页", "第1页",
])
def test_portal_furniture_of_the_2010s_is_chrome(chrome: str) -> None:
    """Headings of hot and topic boxes, a share row labelled 推荐到, the comment form and the pagination line of
    the portals of the 2010s."""
    article = extract(page("<div class='info'>2019年09月11日 10:20</div>", TEXT, f"<p>{chrome}</p>"), URL, FETCHED_AT,
                      raise_errors=True)
    assert article.body.splitlines() == TEXT


@pytest.mark.parametrize("line", [
    "推荐到本地企业就业的学生达到三百人。", "密码学专家指出，这种算法存在漏洞。", "第1页的内容主要介绍了历史背景。",
    "匿名发表的文章越来越多，平台正在研究对策。",
])
def test_sentences_opening_with_furniture_words_are_text(line: str) -> None:
    assert not is_chrome(line)


@pytest.mark.parametrize("box", [
    "<p>网友调查</p><p>你是否支持这项规定？</p>", "<p>专题：某某春季植树</p>", "<p>【专题】城东湿地公园</p>",
    "<p>参与投票</p><p>查看结果</p>", "<p>提交</p>",
], ids=["survey", "topic-colon", "topic-brackets", "vote", "submit"])
def test_survey_and_topic_boxes_after_the_text_are_not_text(box: str) -> None:
    article = extract(page("<div class='info'>2019年09月11日 10:20</div>", TEXT, box), URL, FETCHED_AT,
                      raise_errors=True)
    assert article.body.splitlines() == TEXT


@pytest.mark.parametrize("line", ["专题组成员表示，调查将在月底完成。", "参与投票的居民超过八成，结果将于下周公布。"])
def test_sentences_about_topics_and_votes_are_text(line: str) -> None:
    assert not is_chrome(line)


IMG = "<p><img src='/img/1.jpg'></p>"


def test_a_subheading_marked_by_its_class_under_a_photo_is_text() -> None:
    """``<span class="xx-h3">`` under a photo, over a paragraph: the text's subheading, not the photo's caption."""
    paragraphs = [f"<p>{TEXT[0]}</p>", IMG, "<p><span class='art-h3'>湿地公园迎来新树苗</span></p>",
                  f"<p>{TEXT[1]}</p>", f"<p>{TEXT[2]}</p>"]
    html = page("<div class='info'>2019年09月11日 10:20</div>", []).replace(b"<div id='text'>",
                                                                        ("<div id='text'>" + "".join(paragraphs)).encode())
    article = extract(html, URL, FETCHED_AT, raise_errors=True)
    assert article.body.splitlines() == [TEXT[0], "湿地公园迎来新树苗", TEXT[1], TEXT[2]]


def test_a_two_line_subheading_under_a_photo_is_text() -> None:
    """A bold title and its bold ``——`` author line under a photo, over the text: a subheading of two lines."""
    paragraphs = [f"<p>{TEXT[0]}</p>", IMG, "<p><strong>《春日植树》</strong></p>", "<p><strong>——城东小学某某</strong></p>",
                  f"<p>{TEXT[1]}</p>", f"<p>{TEXT[2]}</p>"]
    html = page("<div class='info'>2019年09月11日 10:20</div>", []).replace(b"<div id='text'>",
                                                                        ("<div id='text'>" + "".join(paragraphs)).encode())
    article = extract(html, URL, FETCHED_AT, raise_errors=True)
    assert article.body.splitlines() == [TEXT[0], "《春日植树》", "——城东小学某某", TEXT[1], TEXT[2]]


def test_a_run_of_short_lines_under_a_photo_is_text() -> None:
    """Text written a phrase per line: the first line under a photo opens the run, it is no caption."""
    short = ["五月启动：三条新线路同时开通", "目前湿地公园开通了", "前往东湖的观光线路三条", "游客可在入口处领取地图"]
    paragraphs = [f"<p>{TEXT[0]}</p>", IMG, "<div>" + "<br>".join(short) + "</div>", f"<p>{TEXT[1]}</p>"]
    html = page("<div class='info'>2019年09月11日 10:20</div>", []).replace(b"<div id='text'>",
                                                                        ("<div id='text'>" + "".join(paragraphs)).encode())
    article = extract(html, URL, FETCHED_AT, raise_errors=True)
    assert article.body.splitlines() == [TEXT[0], *short, TEXT[1]]


MORE = [
    "据统计，本次活动共栽下各类苗木两千余株，其中不少是由附近学校的师生认领的，每棵树上都挂着认养牌。",
    "主办方表示，今后每年春季都将举办类似活动，并邀请更多社区居民参与，让湿地公园的绿色不断延伸。",
]


def test_a_plain_caption_under_a_photo_is_still_a_caption() -> None:
    """A short plain line under a photo, over a paragraph (not over more short lines): the photo's caption."""
    paragraphs = [f"<p>{TEXT[0]}</p>", IMG, "<p>志愿者在湿地公园栽下新苗</p>",
                  *(f"<p>{p}</p>" for p in [*TEXT[1:], *MORE])]
    html = page("<div class='info'>2019年09月11日 10:20</div>", []).replace(b"<div id='text'>",
                                                                        ("<div id='text'>" + "".join(paragraphs)).encode())
    article = extract(html, URL, FETCHED_AT, raise_errors=True)
    assert article.body.splitlines() == [*TEXT, *MORE]
    assert [img.caption for img in article.images] == ["志愿者在湿地公园栽下新苗"]


def test_a_run_of_phrases_closing_with_a_full_stop_under_a_photo_is_text() -> None:
    """In text written a phrase per line, the line after next may close its sentence (``…更畅通。``): still a run."""
    short = ["植树活动会给大家带来不便，", "但短暂的忙碌换来的是", "日后的更美、更绿。"]
    paragraphs = [f"<p>{TEXT[0]}</p>", IMG, *(f"<p>{s}</p>" for s in short), f"<p>{TEXT[1]}</p>"]
    html = page("<div class='info'>2019年09月11日 10:20</div>", []).replace(b"<div id='text'>",
                                                                        ("<div id='text'>" + "".join(paragraphs)).encode())
    article = extract(html, URL, FETCHED_AT, raise_errors=True)
    assert article.body.splitlines() == [TEXT[0], *short, TEXT[1]]


@pytest.mark.parametrize("line", [
    "推到这一步，我们都没想到。",
    "作者曾在西北小镇生活了十年，书中的风物都有来处。",
    "作者现为一家医院的护士，她把夜班写进了小说。",
    "下一组数据更令人担忧",
    "上一张照片拍摄于三年前",
    "参与投票的村民超过八成",
    "健康App，让老人随时问诊",
    "微信App，下载量突破十亿",
    "据介绍，市民下载某某通App后即可随时随地办理社保业务！",
    "继续往下阅读的读者会发现结局并不圆满",
], ids=["push-to", "writer-lived", "writer-now", "next-set-heading", "prev-photo-heading", "vote-heading",
        "app-heading", "app-figures", "app-sentence", "read-on-heading"])
def test_words_of_the_new_chrome_kinds_in_text_stay_text(line: str) -> None:
    """Headings, short sentences and sentences ending in ！ that open with or hold the words of this round's chrome
    kinds are text (review: each was dropped by the first version of its pattern)."""
    assert not is_chrome(line)
    article = extract(page("<div class='info'>2019年09月11日 10:20</div>", [*TEXT[:2], line, TEXT[2]]), URL,
                      FETCHED_AT, raise_errors=True)
    assert article.body.splitlines() == [*TEXT[:2], line, TEXT[2]]
