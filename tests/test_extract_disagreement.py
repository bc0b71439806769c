"""Kinds found by disagreement mining (issue 12: sites never seen): lines that two independent
extractors keep and we dropped, or that we kept and neither of them did, read by eye on the corpus and
written here as invented pages. Every page and line here is invented."""

from __future__ import annotations

import pytest

from newscrawler.extract import extract

from .conftest import FETCHED_AT

URL = "https://news.example.cn/2019/0908/5.html"
TITLE = "湿地公园植树活动启动"
PARAS = [
    "本市今年春季植树活动于上周六在城东湿地公园启动，数百名志愿者带着铁锹和水桶来到现场栽下新苗。",
    "园林部门负责人介绍说，今年选用的树种以本地耐寒品种为主，既能熬过北方冬季，又能在夏季遮阴。",
    "一位退休教师告诉记者，她已经连续八年参加这项活动，每年都带着孙子一起来，希望孩子懂得爱护环境。",
    "据了解，湿地公园去年新增绿地约十二公顷，园方计划在秋季再组织一次补植，并邀请附近学校的学生参加。",
    "活动结束后，志愿者们还一起清理了湖边步道上的落叶和垃圾，不少游客也主动加入进来帮忙。",
    "园林部门表示，新栽的树苗将由专人负责浇水养护，成活率有望达到九成以上，明年春天就能长出新叶。",
]
PHOTO = "<p><img src='/img/a1.jpg'></p>"


def page(inner: str) -> bytes:
    return ("<html><head><meta charset='utf-8'><title>" + TITLE + "_某某网</title></head><body>"
            "<div class='nav'><a href='/'>首页</a> <a href='/n'>新闻</a></div>"
            f"<div class='main'>{inner}</div></body></html>").encode()


def paras(items: list[str]) -> str:
    return "".join(f"<p>{p}</p>" for p in items)


def body_of(inner: str) -> list[str]:
    article = extract(page(inner), URL, FETCHED_AT, raise_errors=True)
    assert article.is_article
    return article.body.splitlines()


# --------------------------------------------------------------------------- a line under a photo that is text


@pytest.mark.parametrize("line", [
    "从现场照片能看到这样几点：",
    "园方列出了今年的三项安排:",
], ids=["full-width-colon", "ascii-colon"])
def test_a_line_under_a_photo_announcing_what_follows_is_text(line: str) -> None:
    """A short line under a photo that ends with a colon announces the list or paragraph after it: a
    caption never leads on to the text."""
    inner = (f"<h1>{TITLE}</h1><div class='text'>{paras(PARAS[:2])}{PHOTO}<p>{line}</p>"
             "<ol><li>新苗大多栽在湖边的缓坡上</li><li>每棵树旁都立了写有树名的标牌</li></ol>"
             f"{paras(PARAS[2:])}</div>")
    assert line in body_of(inner)


@pytest.mark.parametrize("line", [
    "某某中文站 3月14日报道",
    "新华社天津3月14日电",
    "本报讯 3月14日消息",
], ids=["site-reported", "wire", "paper"])
def test_a_dateline_under_the_opening_photo_opens_the_text(line: str) -> None:
    """A dateline on a line of its own under the article's first photo opens the text; it is not
    that photo's caption."""
    inner = f"<h1>{TITLE}</h1><div class='text'>{PHOTO}<p>{line}</p>{paras(PARAS)}</div>"
    assert body_of(inner)[:2] == [line, PARAS[0]]


@pytest.mark.parametrize("line", [
    "志愿者在湖边栽下新苗",
    "现场：志愿者在湖边栽下新苗",
    "图：志愿者在湖边栽下新苗",
], ids=["plain", "colon-inside", "worded"])
def test_guard_a_caption_under_a_photo_stays_a_caption(line: str) -> None:
    """Guard: a short plain line under a photo, with or without a colon inside it, stays its caption."""
    inner = f"<h1>{TITLE}</h1><div class='text'>{paras(PARAS[:2])}{PHOTO}<p>{line}</p>{paras(PARAS[2:])}</div>"
    assert body_of(inner) == PARAS


def test_guard_a_heading_over_links_under_a_photo_stays_out() -> None:
    """Guard: a related-list heading ending with a colon under a photo, links after it, is no text."""
    inner = (f"<h1>{TITLE}</h1><div class='text'>{PHOTO}<p><strong>相关报道：</strong></p>"
             "<p><a href='/n/1.html'>城西公园下周开放新的观鸟步道</a></p>"
             "<p><a href='/n/2.html'>去年秋季补植的树苗长势良好</a></p>"
             f"{paras(PARAS)}</div>")
    assert body_of(inner) == PARAS


# --------------------------------------------------------------------------- chrome kept as text


def test_a_bare_date_and_time_after_the_text_is_no_text() -> None:
    """A stamp line (date and clock time, nothing else) after the text is the page's time stamp."""
    inner = (f"<h1>{TITLE}</h1><div class='text'>{paras(PARAS)}"
             "<div class='act'><span class='time'>2019-09-08 11:42:03</span></div></div>")
    article = extract(page(inner), URL, FETCHED_AT, raise_errors=True)
    assert article.body.splitlines() == PARAS
    assert article.publish_date is not None and article.publish_date.strftime("%Y-%m-%d %H:%M") == "2019-09-08 11:42"


def test_guard_a_bare_date_closing_a_notice_stays() -> None:
    """Guard: a bare date (no clock time) closing the text is a notice's signature, and stays."""
    inner = f"<h1>{TITLE}</h1><div class='text'>{paras(PARAS)}<p>2019年9月8日</p></div>"
    assert body_of(inner) == [*PARAS, "2019年9月8日"]


@pytest.mark.parametrize("line", [
    "自动播放 植树现场：志愿者栽下新苗",
    "自动播放",
], ids=["with-title", "alone"])
def test_a_players_autoplay_switch_is_chrome(line: str) -> None:
    """A video player's autoplay switch, alone or before the video's title, is the player's chrome."""
    inner = f"<h1>{TITLE}</h1><div class='text'><div class='video'><span>{line}</span></div>{paras(PARAS)}</div>"
    assert body_of(inner) == PARAS


def test_guard_a_sentence_about_autoplay_stays() -> None:
    inner = (f"<h1>{TITLE}</h1><div class='text'>{paras(PARAS)}"
             "<p>自动播放 功能默认开启，不少用户反映流量消耗过快。</p></div>")
    assert body_of(inner)[-1] == "自动播放 功能默认开启，不少用户反映流量消耗过快。"


@pytest.mark.parametrize("badge", ["原创", "独家", "【原创】", "置顶"])
def test_the_headline_with_a_badge_before_it_is_no_text(badge: str) -> None:
    """The headline repeated in the text's element with a badge glued before it (``原创``) is the
    headline, not the text's first line."""
    inner = f"<div class='text'><h2><span>{badge}</span>{TITLE}</h2>{paras(PARAS)}</div>"
    assert body_of(inner) == PARAS


def test_guard_a_line_that_goes_on_after_the_headline_stays() -> None:
    """Guard: a line that only holds the headline's words among others stays text."""
    line = "独家专访：" + TITLE + "背后的故事"
    inner = f"<div class='text'><h2>{TITLE}</h2><p>{line}</p>{paras(PARAS)}</div>"
    assert line in body_of(inner)


# --------------------------------------------------------------------------- a short text beside a box of links

SHORT = [
    "市气象台今天下午说，一股北方寒流正在南下，本周末全市气温会大幅走低，夜里最冷或到零下五度。",
    "气象专家提醒，市民外出时注意添衣保暖，驾车出行的司机要留意路面结冰，尽量放慢车速。",
]
PROMO = ("<table><tr><td><p><a href='/app'>某某资讯手机版下载安装</a></p><p><a href='/app2'>看天气用某某天气应用</a></p></td>"
         "<td><p><a href='/s1'>本周热门专题推荐合集</a></p><p><a href='/s2'>冬季出行安全指南大全</a></p></td>"
         "<td><p><a href='/s3'>全国各地降温情况汇总</a></p><p><a href='/s4'>最新空气质量实时查询</a></p></td></tr></table>")
FORM = ("<div class='post-box'><div>网友留言 0人参与 | 注册</div><div>文明上网，登录发言</div>"
        "<div>留言只代表发言者本人，与本站无关。</div></div>")


LEAD_LINKED = "本网讯 <a href='/tag/qx'>市气象台</a>今天发布了一则降温预报。"


@pytest.mark.parametrize(("markup", "text"), [
    (paras(SHORT), SHORT),
    (f"<p>{LEAD_LINKED}</p><p>{SHORT[0]}</p>", ["本网讯 市气象台今天发布了一则降温预报。", SHORT[0]]),
], ids=["first-paragraph-won", "second-paragraph-won"])
def test_a_short_text_beside_a_box_of_links_in_its_element_is_read_whole(markup: str, text: list[str]) -> None:
    """A short article whose element also holds a box of links after its text (an app promo, topic
    links) scores below its own longest paragraph; that paragraph alone is not the article when the
    text goes on before or after it in that element."""
    inner = f"<h1>本周末全市将明显降温</h1><div id='text'>{markup}{PROMO}</div>{FORM}"
    assert body_of(inner) == text


def test_guard_a_one_paragraph_text_beside_a_box_of_links_stays_one_paragraph() -> None:
    """Guard: a one-paragraph article beside a box of links in its element keeps that paragraph alone."""
    inner = f"<h1>本周末全市将明显降温</h1><div id='text'><p>{SHORT[0]}</p>{PROMO}</div>{FORM}"
    assert body_of(inner) == [SHORT[0]]


# --------------------------------------------------------------------------- a caption-classed question over the text


def test_a_question_in_a_caption_box_over_the_text_is_text() -> None:
    """A question set in the photo's caption box that the text goes on to answer (a subheading and
    paragraphs follow, no other photo) is the text's lead-in, not the photo's caption."""
    line = "春季植树时，新手最容易犯哪些错误呢？"
    inner = (f"<h1>{TITLE}</h1><div class='text'>{paras(PARAS[:2])}{PHOTO}"
             f"<p class='pictext'><strong>{line}</strong></p><p><strong>一、坑挖得太浅</strong></p>{paras(PARAS[2:])}</div>")
    assert line in body_of(inner)


@pytest.mark.parametrize(("line", "after"), [
    ("志愿者在湖边栽下新苗", paras(PARAS[2:])),
    ("你能认出照片里的这种树吗？", PHOTO + "<p class='pictext'>志愿者在湖边栽下新苗</p>" + paras(PARAS[2:])),
], ids=["plain", "question-over-a-photo"])
def test_guard_a_caption_box_stays_a_caption(line: str, after: str) -> None:
    """Guard: a caption box's plain line, or its question when another photo follows, stays a caption."""
    inner = f"<h1>{TITLE}</h1><div class='text'>{paras(PARAS[:2])}{PHOTO}<p class='pictext'>{line}</p>{after}</div>"
    assert line not in body_of(inner)


def test_guard_a_question_in_a_figcaption_stays_a_caption() -> None:
    line = "这片湖边为何年年都要补种新苗？"
    inner = (f"<h1>{TITLE}</h1><div class='text'>{paras(PARAS[:2])}<figure><img src='/img/a2.jpg'>"
             f"<figcaption>{line}</figcaption></figure>{paras(PARAS[2:])}</div>")
    assert line not in body_of(inner)
