"""Extraction's thresholds live in one ``Options`` object, passed through the passes (issue 12, item 6)."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from newscrawler.extract import extract
from newscrawler.extract.article import PASSES
from newscrawler.extract.options import DEFAULT_OPTIONS, Options

from .conftest import FETCHED_AT

URL = "https://news.example.cn/2023/0417/2.html"
PAGE = ("<html><head><meta charset='utf-8'><title>城东公园荷花盛开_某某网</title></head><body><div class='main'>"
        "<h1>城东公园荷花盛开</h1><p>城东公园荷花盛开，游人如织</p></div></body></html>").encode()


def test_a_threshold_given_in_options_is_the_one_the_page_kind_pass_uses() -> None:
    default = extract(PAGE, URL, FETCHED_AT, raise_errors=True)
    assert default.is_article and default.body == "城东公园荷花盛开，游人如织"  # a clause under its headline
    strict = Options(story_min_chars=20)
    short = extract(PAGE, URL, FETCHED_AT, raise_errors=True, options=strict)
    assert not short.is_article and short.reason == "no article text"
    assert short.page_text == "城东公园荷花盛开，游人如织"
    lenient = extract(PAGE, URL, FETCHED_AT, raise_errors=True, options=dataclasses.replace(strict, min_body_chars=10))
    assert lenient.is_article and lenient.body == "城东公园荷花盛开，游人如织"


def test_the_keyword_arguments_replace_their_options() -> None:
    article = extract(PAGE, URL, FETCHED_AT, options=Options(time_budget=100.0), time_budget=0.0)
    assert article.reason == "extraction timeout"
    asked = extract(PAGE, URL, FETCHED_AT, options=Options(second_opinion_below=0.0), second_opinion_below=2.0)
    assert asked.second_opinion is not None


def test_options_are_frozen_and_default_to_the_tuned_values() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        DEFAULT_OPTIONS.min_body_chars = 1  # type: ignore[misc]
    assert Options() == DEFAULT_OPTIONS


def test_the_passes_run_in_the_documented_order() -> None:
    names = [p.__name__.removesuffix("_pass") for p in PASSES]
    order = ["container", "second_opinion", "bylines", "dates", "page_kind", "quotes"]
    assert [n for n in names if n in order] == order
    assert names[:3] == ["decode", "parse", "cut_lines"]


# -- every threshold is read from the options object (one invented page per field; issue 12)

_P1 = "<p>今年夏天城东公园的荷花比往年开得更早，不少市民清晨就来到湖边拍照留念。</p>"
_P2 = "<p>公园管理处表示，为了方便游客观赏，园内新增了三条木栈道和多处休息座椅。</p>"
_P3 = "<p>据介绍，荷花的最佳观赏期将持续到八月中旬，周末还会举办摄影比赛。</p>"
_P4 = "<p>附近居民说，每天傍晚散步时都能闻到淡淡的荷香，心情格外舒畅。</p>"
_P5 = "<p>城东公园的荷花节从本周六开幕，园方准备了灯光秀和民乐演出，荷花池边还设置了科普展板，介绍荷花的品种和栽培历史。</p>"
_P6 = "<p>游客可以在入口处领取导览地图，沿着指示牌游览全园；园内禁止采摘荷花和莲蓬，违者将被劝离。</p>"
_TEXT = [_P1[3:-4], _P2[3:-4], _P3[3:-4], _P4[3:-4]]
_H1 = "<h1>城东公园荷花盛开</h1>"
_CHROME_GLUED = ("点击进入>>城东公园的荷花节从本周六开幕，园方准备了灯光秀和民乐演出。荷花池边还设置了科普展板，"
                 "介绍荷花的品种和栽培历史。游客可以在入口处领取导览地图，沿着指示牌游览全园。")
_LINKED_STORY = ("今年夏天城东公园的荷花比往年开得更早，不少市民清晨就来到湖边拍照留念，"
                 "公园管理处表示园内新增了三条木栈道和多处休息座椅。")
_NOTICE = "本网声明：本文系转载，刊登它只为让读者多一个消息来源，文中观点属于作者，本网不对其真实性负责。"
_PLACES = "".join(f"<tr><td><a href='/p/{i}'>{a}</a></td><td><a href='/q/{i}'>{a}街道{b}</a></td></tr>"
                  for i, (a, b) in enumerate([("东湖", "荷花池"), ("西岸", "观景台"), ("南门", "停车场")]))
_MORE = "".join(f"<li><a href='/city/{i}.html'>城东街道第{i}期社区文化活动报名通知发布</a></li>" for i in range(6))
_SUMMARIES = ["城东公园荷花盛开，游人如织。", "东湖步道今日开放，欢迎前往", "西岸夜市本周恢复，摊位新增", "南门广场新增座椅，方便休息"]
_DIGEST = "".join(f"<p>{s}</p>" + "".join(f"<p><a href='/city/{n}{i}.html'>城东街道第{n}{i}期社区活动通知</a></p>"
                                          for i in range(4 if n < 3 else 0))
                  for n, s in enumerate(_SUMMARIES))


_PHOTO = "<p><img src='/img/lotus.jpg'></p>"
_POOL = "城东公园荷花池畔"
_SHOT = "图为城东公园荷花池畔的游客"
_SUBHEAD = "<p><b>一、荷花节开幕</b></p>"
_CRUMB = "<div><a href='/'>首页</a> &gt; <a href='/city/'>城市新闻</a> &gt; 正文</div>"
_PROMO = "（更多内容请继续关注城东晚报客户端）"
_REMNANT = "<p>城东新闻请看<a href='/city/more.html'>更多报道</a></p>"
_TWO_LINKS = ("<p><a href='/city/1.html'>城东街道社区文化活动报名通知发布</a></p>"
              "<p><a href='/city/2.html'>城东公园夜间开放时间延长至十点</a></p>")
_RELATED = "<p>相关新闻</p>" + _TWO_LINKS
_SHORT_LINKS = "".join(f"<p><a href='/c/{i}.html'>城东第{i}期活动</a></p>" for i in range(15))
_LONG_TITLE = "城东公园荷花盛开游人如织_某某网"
_LONG_INFO = ("城东晚报新媒体中心城东公园荷花节专题报道组城东晚报新媒体中心城东公园荷花节专题报道组"
              " 发布：2023-04-16 10:20")
_SHORT_NOTICE = "城东公园荷花节的图片由读者提供，如有侵权，我们将及时处理。"
_LONG_NOTICE = ("本文系转载，刊登它只为让读者多一个消息来源，文中观点属于作者，本网不对其真实性负责，如有侵权请来信告知，"
                "编辑部核实后会尽快撤下，谢谢城东晚报的读者多年来一直陪着我们，也欢迎大家继续提出意见。")
_UNTITLED = f"<div class='main'>{_P1}{_P2}{_P3}</div>"
_STAMPS = ("<p>张贴于 2023-04-17 10:20 阅读(3)</p>", "<p>张贴于 2023-04-16 09:00 阅读(5)</p>")

_MENU = "".join(f"<a href='/c/{i}.html'>{n}频道</a> | " for i, n in enumerate(
    ["新闻", "财经", "体育", "文化", "教育", "健康", "旅游", "图片", "视频", "专题", "评论", "房产", "汽车", "招聘"]))
_TEASER_SUMMARY = "西岸夜市本周末恢复营业，新增的摊位以本地小吃为主，管理方提醒游客注意保管随身物品。"
_TEASERS = "<div class='box_7'>" + "".join(
    f"<div><a href='/city/t{i}.html'>城东街道第{i}期社区文化活动开幕</a></div><div>{s}</div>"
    for i, s in enumerate([_TEASER_SUMMARY, "南门广场新增了一批休息座椅和遮阳棚，附近的老人傍晚常在这里下棋聊天。",
                           "东湖步道经过两个月的整修重新开放，路面换成了防滑材料，雨天行走更加安全。",
                           "城东图书馆的少儿阅览室延长了开放时间，暑假期间每天晚上八点才闭馆。"])) + "</div>"


def _page(body: str, title: str = "城东公园荷花盛开_某某网", head: str = "") -> bytes:
    return (f"<html><head><meta charset='utf-8'><title>{title}</title>{head}</head>"
            f"<body>{body}</body></html>").encode()


_NO_SECOND = Options(second_opinion_below=0.0)
"""For the fields whose effect the second opinion would otherwise repair (it finds the text again)."""

# field, changed value, page, base options, extract() keywords, (default, changed) -> None
_THRESHOLD_CASES: list[tuple[str, object, bytes, Options, dict[str, object], object]] = [
    ("scrap_max", 5,
     _page(f"<div class='main'>{_H1}<p>今年夏天城东公园的荷花<span style='color:#fff'>某某网www.example.cn</span>"
           f"比往年开得更早，不少市民清晨就来到湖边拍照。</p>{_P2}{_P3}</div>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: ("example.cn" not in d.body, "某某网www.example.cn" in c.body)),
    ("prose_link", 500,
     _page(f"<div class='main'>{_H1}<p><a href='/city/3.html'>{_LINKED_STORY}</a></p></div>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.is_article and d.body == _LINKED_STORY, not c.is_article)),
    ("wrapped_text_min", 1000,
     _page(f"<div class='nav'>{_H1}{_P1}{_P2}{_P3}{_P4}{_P5}{_P6}</div>"),
     _NO_SECOND, {},
     lambda d, c: (d.is_article and d.body.startswith(_TEXT[0]), not c.is_article and c.reason == "no article text")),
    ("notice_min", 10_000,
     _page(f"<div class='main'>{_H1}{_P1}{_P2}</div><div class='other'><p>{_NOTICE}</p><p>{_NOTICE}</p></div>"),
     _NO_SECOND, {},
     lambda d, c: (d.body == c.body == "\n".join(_TEXT[:2]), c.confidence < d.confidence)),
    ("repeat_ratio", 1.0,
     _page(f"<div class='main'>{_P1}{_P2}{_H1}{_P3}</div>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.body == _TEXT[2], c.body == "\n".join(_TEXT[:2]))),
    ("post_stamp_max", 5,
     _page(f"<div class='main'>{_H1}{_P1}{_P2}<p>本文发表于 2023-04-17 10:20</p>{_P3}{_P4}</div>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.body == "\n".join(_TEXT[:2]), c.body == "\n".join(_TEXT))),
    ("credits_close_after", 10,
     _page(f"<div class='main'>{_H1}{_P1}{_P2}{_P3}<p>责任编辑：王小明</p>{_P4}</div>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.body == "\n".join(_TEXT[:3]), c.body == "\n".join(_TEXT))),
    ("long_prose_min", 60,
     _page(f"<div class='main'>{_H1}{_P1}<p>{_CHROME_GLUED}</p>{_P2}{_P3}</div>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (_CHROME_GLUED not in d.body, _CHROME_GLUED in c.body)),
    ("label_cell_max", 0,
     _page(f"<div class='main'>{_H1}{_P1}{_P2}<p>观赏地点</p><table>{_PLACES}</table>{_P3}</div>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.body.endswith(_TEXT[2]), c.body == "\n".join(_TEXT[:2]))),
    ("lead_in_max", 3,
     _page(f"<div class='main'>{_H1}{_P1}{_P2}{_P3}<p>票价信息：</p></div>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.body == "\n".join(_TEXT[:3]), c.body == "\n".join([*_TEXT[:3], "票价信息："]))),
    ("notice_max", 10,
     _page(f"<div class='main'>{_H1}{_P1}{_P2}{_P3}<p>本文仅代表作者本人观点，不代表本站立场。</p></div>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: ([n.kind for n in d.disclaimers] == ["views"], not c.disclaimers and c.body.endswith("不代表本站立场。"))),
    ("notice_heading_max", 3,
     _page(f"<div class='main'>{_H1}{_P1}{_P2}{_P3}<p>某某网版权与免责声明</p>{_P4}</div>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.body == "\n".join(_TEXT[:3]) and len(d.disclaimers) == 1,
                   not c.disclaimers and c.body.endswith(_TEXT[3]))),
    ("site_name_max", 3,
     _page(f"<div class='main'>{_H1}{_P1}{_P2}{_P3}</div>", title="城东晚报-首页"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.title == "城东公园荷花盛开", c.title == "城东晚报")),
    ("printed_title_min", 20,
     _page("<div class='main'><div>城东公园荷花盛开</div><p>城东公园荷花盛开，游人如织</p></div>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.is_article and d.body == "城东公园荷花盛开，游人如织", not c.is_article)),
    ("outside_reach", 0,
     _page(f"<div class='main'>{_H1}{_P1}{_P2}{_P3}{_P4}</div><div class='more'>{_P5}</div><ul>{_MORE}</ul>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.second_opinion == "taken" and d.body.endswith(_P5[3:-4]),
                   c.second_opinion == "" and c.body == "\n".join(_TEXT))),
    ("meta_source_max", 2,
     _page(f"<div class='main'>{_H1}{_P1}{_P2}{_P3}</div>", head="<meta name='source' content='城东晚报'>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.source == "城东晚报", c.source is None)),
    ("dated_line_max", 5,  # a date line above the headline is read before the URL's date, when short enough
     _page(f"<p>2023年4月16日 星期日 晴</p>{_H1}{_P1}{_P2}{_P3}"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.publish_date is not None and d.publish_date.date().isoformat() == "2023-04-16",
                   c.publish_date is not None and c.publish_date.date().isoformat() == "2023-04-17")),
    ("prompt_max", 5,
     _page(f"<div class='main'>{_H1}<p>欢迎访问本频道！这里每天更新城东公园的花讯。</p></div>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (not d.is_article, c.is_article and c.body == "欢迎访问本频道！这里每天更新城东公园的花讯。")),
    ("headline_link_min", 100,
     _page(f"<h1>城东新闻汇总</h1><p><a href='/city/top.html'>城东公园荷花盛开游人如织</a></p>"
           f"<div class='main'>{_DIGEST}</div>", title="城东新闻汇总_某某网"),
     DEFAULT_OPTIONS, {"selectors": {"body": "div.main"}},
     lambda d, c: (d.reason == "list page", c.is_article and c.body == "\n".join(_SUMMARIES))),
    # -- captions and subheadings under a photo (``body._is_caption``, ``body._subheading_over_text``)
    ("caption_max", 5,
     _page(f"<div class='main'>{_H1}{_P1}{_PHOTO}<p>{_SHOT}</p>{_P2}{_P3}</div>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.images[0].caption == _SHOT, c.images[0].caption is None and _SHOT in c.body)),
    ("worded_caption_max", 3,
     _page(f"<div class='main'>{_H1}{_P1}<p><img src='/img/lotus.jpg'>{_SHOT}</p>{_P2}{_P3}</div>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.images[0].caption == _SHOT, c.images[0].caption is None and _SHOT in c.body)),
    ("photo_line_text_max", 1,
     _page(f"<div class='main'>{_H1}{_P1}<p><img src='/img/lotus.jpg'>图一</p><p>{_POOL}</p>{_P2}{_P3}</div>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.images[0].caption == _POOL, c.images[0].caption is None and _POOL in c.body)),
    ("plain_caption_max", 3,
     _page(f"<div class='main'>{_H1}{_P1}{_PHOTO}<p>{_POOL}</p>{_P2}{_P3}</div>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.images[0].caption == _POOL, c.images[0].caption is None and _POOL in c.body)),
    ("subheading_text_ratio", 100.0,
     _page(f"<div class='main'>{_H1}{_P1}{_PHOTO}{_SUBHEAD}{_P2}{_P3}</div>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: ([b.type for b in d.blocks] == ["p", "h", "p", "p"] and d.images[0].caption is None,
                   c.images[0].caption == "一、荷花节开幕")),
    ("subheading_text_links", 0.0,
     _page(f"<div class='main'>{_H1}{_P1}{_PHOTO}{_SUBHEAD}{_P2}{_P3}</div>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: ([b.type for b in d.blocks] == ["p", "h", "p", "p"], c.images[0].caption == "一、荷花节开幕")),
    ("subheading_paragraph_min", 1000,
     _page(f"<div class='main'>{_H1}{_P1}<p style='text-align:center'>荷花节安排</p>{_P2}{_P3}</div>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: ([b.type for b in d.blocks] == ["p", "h", "p", "p"], [b.type for b in c.blocks] == ["p"] * 4)),
    # -- breadcrumbs (``body.is_breadcrumb_line``, ``body.parse_breadcrumb``, ``article._find_breadcrumb``)
    ("crumb_line_max", 5,
     _page(f"{_CRUMB}<div class='main'>{_H1}{_P1}{_P2}{_P3}</div>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.breadcrumb == ["首页", "城市新闻", "正文"] and d.channel == "城市新闻", c.breadcrumb == [])),
    ("crumb_trail_item_max", 3,
     _page(f"{_CRUMB}<div class='main'>{_H1}{_P1}{_P2}{_P3}</div>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.breadcrumb == ["首页", "城市新闻", "正文"], c.breadcrumb == [])),
    ("crumb_item_max", 3,
     _page(f"{_CRUMB}<div class='main'>{_H1}{_P1}{_P2}{_P3}</div>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.breadcrumb == ["首页", "城市新闻", "正文"], c.breadcrumb == ["首页", "正文"] and c.channel is None)),
    ("crumb_trailing_max", 1,
     _page(f"{_CRUMB}<div class='main'>{_H1}{_P1}{_P2}{_P3}</div>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.breadcrumb == ["首页", "城市新闻", "正文"], c.breadcrumb == ["首页", "城市新闻"])),
    ("crumb_reach", 1,
     _page(f"{_CRUMB}<p>城东晚报</p><p>城东晚报</p><div class='main'>{_H1}{_P1}{_P2}{_P3}</div>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.breadcrumb == ["首页", "城市新闻", "正文"], c.breadcrumb == [])),
    # -- where the text ends (``body._Router._boundary``, ``body._trim_tail``)
    ("link_list_heading_max", 2,
     _page(f"<div class='main'>{_H1}{_P1}{_P2}<p>城东要闻</p>{_TWO_LINKS}{_P3}{_P4}</div>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.body == "\n".join(_TEXT[:2]), c.body == "\n".join([*_TEXT[:2], "城东要闻", *_TEXT[2:]]))),
    ("resume_paragraph_min", 1000,
     _page(f"<div class='main'>{_H1}{_P1}{_P2}{_RELATED}{_P5}{_P6}</div>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.body.endswith(_P6[3:-4]), c.body == "\n".join(_TEXT[:2]))),
    ("resume_paragraph_links", 0.0,
     _page(f"<div class='main'>{_H1}{_P1}{_P2}{_RELATED}{_P5}{_P6}</div>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.body.endswith(_P6[3:-4]), c.body == "\n".join(_TEXT[:2]))),
    ("related_story_lines", 2,
     _page(f"<div class='main'>{_H1}{_P1}{_P2}<p>相关新闻</p><p><a href='/city/1.html'>城东街道社区文化活动报名通知发布</a></p>"
           f"{_P5}<p><a href='/city/2.html'>城东公园夜间开放时间延长至十点</a></p>{_P6}</div>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.body.endswith(_P6[3:-4]), c.body == "\n".join(_TEXT[:2]))),
    ("kept_text_min", 3,  # a header fragment is no text: the related list after it does not end the article
     _page(f"<div class='main'>{_H1}<p>荷花节特刊</p>{_RELATED}{_P3}{_P4}</div>"),
     DEFAULT_OPTIONS, {"selectors": {"body": "div.main"}},
     lambda d, c: (d.body == "\n".join(_TEXT[2:]), not c.is_article)),
    ("kept_sentence_min", 3,
     _page(f"<div class='main'>{_H1}<p>荷花盛开，</p>{_RELATED}{_P3}{_P4}</div>"),
     DEFAULT_OPTIONS, {"selectors": {"body": "div.main"}},
     lambda d, c: (d.body == "\n".join(_TEXT[2:]), not c.is_article)),
    ("stamp_line_max", 5,
     _page(f"<div class='main'>{_H1}{_P1}{_P2}{_STAMPS[0]}{_P3}{_P4}{_STAMPS[1]}</div>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: ("张贴于 2023-04-16" not in d.body, c.body == "\n".join(_TEXT))),
    ("post_footer_after", 1000,
     _page(f"<div class='main'>{_H1}{_P1}{_P2}{_STAMPS[0]}{_P3}{_P4}{_STAMPS[1]}</div>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: ("张贴于 2023-04-16" not in d.body, c.body.endswith("张贴于 2023-04-16 09:00 阅读(5)"))),
    ("tail_promo_max", 5,
     _page(f"<div class='main'>{_H1}{_P1}{_P2}{_P3}<p>{_PROMO}</p></div>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.body == "\n".join(_TEXT[:3]), c.body == "\n".join([*_TEXT[:3], _PROMO]))),
    ("tail_remnant_max", 5,
     _page(f"<div class='main'>{_H1}{_P1}{_P2}{_P3}{_REMNANT}</div>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.body == "\n".join(_TEXT[:3]), c.body.endswith("城东新闻请看更多报道"))),
    ("tail_remnant_links", 0.9,
     _page(f"<div class='main'>{_H1}{_P1}{_P2}{_P3}{_REMNANT}</div>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.body == "\n".join(_TEXT[:3]), c.body.endswith("城东新闻请看更多报道"))),
    # -- the reason a page without text is dropped (``article._why_not``) and headline candidates
    ("error_page_max_lines", 1,
     _page("<h1>404 页面不存在</h1><p>请返回首页</p>", title="页面不存在"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.reason == "error page", c.reason == "no article text")),
    ("error_probe_lines", 0,
     _page("<p>请返回首页</p><p>404 页面不存在</p>", title="某某网"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.reason == "error page", c.reason == "no article text")),
    ("dropped_list_link_lines", 100,
     _page(f"<div class='main'>{_H1}</div><div>{_SHORT_LINKS}</div>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.reason == "list page", c.reason == "no article text")),
    ("dropped_list_link_min", 20,
     _page(f"<div class='main'>{_H1}</div><div>{_SHORT_LINKS}</div>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.reason == "list page", c.reason == "no article text")),
    ("titled_line_max", 5,
     _page(f"<div class='title'>城东公园荷花盛开</div><div class='main'>{_P1}{_P2}</div>", title=_LONG_TITLE),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.title == "城东公园荷花盛开", c.title == "城东公园荷花盛开游人如织")),
    ("titled_line_min", 20,
     _page(f"<div class='title'>城东公园荷花盛开</div><div class='main'>{_P1}{_P2}</div>", title=_LONG_TITLE),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.title == "城东公园荷花盛开", c.title == "城东公园荷花盛开游人如织")),
    # -- info (byline) lines (``bylines.info_line``, ``bylines.looks_like_byline``)
    ("short_info_max", 5,
     _page(f"<div class='main'>{_H1}<p>2023-04-16 10:20 城东晚报</p>{_P1}{_P2}{_P3}</div>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.source == "城东晚报" and d.body == "\n".join(_TEXT[:3]),
                   c.source is None and c.body.startswith("2023-04-16 10:20 城东晚报"))),
    ("dated_names_max", 1,
     _page(f"<div class='main'>{_H1}<p>2023-04-16 10:20 王小明 李大伟</p>{_P1}{_P2}{_P3}</div>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.author == ["王小明", "李大伟"] and d.body == "\n".join(_TEXT[:3]),
                   not c.author and c.body.startswith("2023-04-16 10:20 王小明 李大伟"))),
    ("byline_line_max", 10,
     _page(f"<div class='main'>{_H1}<p>来源：城东晚报 作者：王小明 阅读：123</p>{_P1}{_P2}{_P3}</div>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.source == "城东晚报" and d.author == ["王小明"], c.source is None and not c.author)),
    ("spaced_label_max", 3,
     _page(f"<div class='main'>{_H1}<p>记者 王小明</p>{_P1}{_P2}{_P3}</div>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.author == ["王小明"], not c.author and c.body.startswith("记者 王小明"))),
    ("dated_info_max", 5,
     _page(f"<div class='main'>{_H1}<p>{_LONG_INFO}</p>{_P1}{_P2}{_P3}</div>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.body == "\n".join(_TEXT[:3]), c.body.startswith(_LONG_INFO))),
    ("bare_label_max", 2,
     _page(f"<div class='main'>{_H1}{_P1}<p>责任编辑：</p>{_P2}{_P3}</div>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.body == "\n".join(_TEXT[:3]), c.body == "\n".join([_TEXT[0], "责任编辑：", *_TEXT[1:3]]))),
    ("glued_credit_max", 3,
     _page(f"<div class='main'>{_H1}<p>（记者王小明）</p>{_P1}{_P2}{_P3}</div>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.body == "\n".join(_TEXT[:3]), c.body.startswith("（记者王小明）"))),
    ("early_date_blocks", 0,
     _page(f"<div class='main'>{_H1}{_P1}<p>2023-04-16</p>{_P2}{_P3}</div>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.body == "\n".join(_TEXT[:3]), c.body == "\n".join([_TEXT[0], "2023-04-16", *_TEXT[1:3]]))),
    ("author_element_max", 2,
     _page(f"{_H1}<p class='author'>王小明</p><div class='main'>{_P1}{_P2}{_P3}</div>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.author == ["王小明"], not c.author)),
    ("linked_author_max", 2,
     _page(f"{_H1}<p class='author'><a href='/u/1'>王小明</a></p><div class='main'>{_P1}{_P2}{_P3}</div>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.author == ["王小明"], not c.author)),
    # -- notices' shape (``disclaimers._notice_shaped``) and chrome lines (``clutter``)
    ("short_notice_max", 3,
     _page(f"<div class='main'>{_H1}{_P1}{_P2}{_P3}<p>{_SHORT_NOTICE}</p></div>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: ([n.kind for n in d.disclaimers] == ["copyright"], not c.disclaimers and c.body.endswith(_SHORT_NOTICE))),
    ("notice_phrase_chars", 100,
     _page(f"<div class='main'>{_H1}{_P1}{_P2}{_P3}<p>{_LONG_NOTICE}</p></div>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: ([n.kind for n in d.disclaimers] == ["reprint"], not c.disclaimers and c.body.endswith(_LONG_NOTICE))),
    ("chrome_row_max", 3,
     _page(f"<div class='main'>{_H1}{_P1}{_P2}<p>[推荐] [收藏] [打印]</p>{_P3}</div>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.body == "\n".join(_TEXT[:3]), "[推荐] [收藏] [打印]" in c.body)),
    ("related_heading_max", 2,
     _page(f"<div class='main'>{_H1}{_P1}{_P2}<p>相关新闻</p>{_P3}{_P4}</div>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.body == "\n".join(_TEXT[:2]), c.body.endswith(_TEXT[3]))),
    ("writer_note_max", 3,
     _page(f"<div class='main'>{_H1}{_P1}{_P2}{_P3}<p>（实习生王小明对此文亦有贡献）</p></div>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.body == "\n".join(_TEXT[:3]), c.body.endswith("（实习生王小明对此文亦有贡献）"))),
    ("truncated_copy_min", 100,
     _page(f"<div class='main'>{_H1}{_P1}<p>今年夏天城东公园的荷花比往年开得更早…</p>{_P2}{_P3}</div>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (len(d.blocks) == 2, len(c.blocks) == 4)),
    # -- the headline (``title.strip_site_suffix``, ``title.choose_title``, ``title._agreement``)
    ("headline_min", 5,
     _page(_UNTITLED, title="城东公园_荷花盛开"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.title == "城东公园", c.title == "城东公园_荷花盛开")),
    ("site_suffix_max", 5,
     _page(_UNTITLED, title="城东公园荷花盛开_城东公园荷花节专题网"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.title == "城东公园荷花盛开", c.title == "城东公园荷花盛开_城东公园荷花节专题网")),
    ("channel_suffix_max", 2,
     _page(_UNTITLED, title="城东公园荷花盛开_荷花专题"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.title == "城东公园荷花盛开", c.title == "城东公园荷花盛开_荷花专题")),
    ("weak_suffix_max", 1,
     _page(_UNTITLED, title="城东公园荷花盛开-专题"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.title == "城东公园荷花盛开", c.title == "城东公园荷花盛开-专题")),
    ("heading_link_max", 1.0,
     _page(f"<h1><a href='/x.html'>城东公园荷花盛开游人如织</a></h1>{_UNTITLED}"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.title == "城东公园荷花盛开", c.title == "城东公园荷花盛开游人如织")),
    ("title_core_share", 0.2,
     _page(f"<h1>城东公园</h1>{_UNTITLED}", title=_LONG_TITLE),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.title == "城东公园荷花盛开游人如织", c.title == "城东公园")),
    ("title_part_min", 7,
     _page(f"<h1>荷花盛开游人</h1>{_UNTITLED}", title=_LONG_TITLE),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.title == "荷花盛开游人", c.title == "城东公园荷花盛开游人如织")),
    # -- the walk (``lines``) and the language
    ("scrap_context_min", 1000,
     _page(f"<div class='main'>{_H1}<p>今年夏天城东公园的荷花<span style='color:#fff'>某某网www.example.cn</span>"
           f"比往年开得更早，不少市民清晨就来到湖边拍照。</p>{_P2}{_P3}</div>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: ("example.cn" not in d.body, "某某网www.example.cn" in c.body)),
    ("data_row_max", 5,
     _page(f"<div class='main'>{_H1}{_P1}{_P2}<p>附：开放信息如下</p><table><tr><td>开放时间</td><td>每天六点至二十二点</td>"
           f"</tr><tr><td>门票价格</td><td>免费开放</td></tr></table>{_P3}</div>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: ("开放时间\t每天六点至二十二点" in d.body, "table" not in {b.type for b in c.blocks}
                   and "开放时间\n每天六点至二十二点" in c.body)),
    ("chrome_link_share", 0.0,  # a chrome-named wrapper of plain text is walked line by line, not collapsed
     _page(f"<div class='nav'>{_H1}{_P1}{_P2}{_P3}{_P4}</div>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (len(d.blocks) == 4, len(c.blocks) == 1)),
    ("chinese_min", 100_000,
     _page(f"<div class='main'>{_H1}{_P1}{_P2}{_P3}</div>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.language == "zh-Hans", c.language is None)),
    # -- the headline repeated, the standfirst, the tags
    ("title_repeat_blocks", 0,
     _page(f"<div class='main'>{_H1}{_P1}<p>城东公园荷花盛开</p>{_P2}{_P3}</div>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.body == "\n".join(_TEXT[:3]), c.body == "\n".join([_TEXT[0], "城东公园荷花盛开", *_TEXT[1:3]]))),
    ("standfirst_link_max", 0.0,
     _page(f"{_H1}<p>摘要：城东公园荷花盛开，<a href='/x.html'>游人</a>如织，园方新增三条木栈道。</p>"
           f"<div class='main'>{_P1}{_P2}{_P3}</div>"),
     DEFAULT_OPTIONS, {"selectors": {"body": "div.main"}},
     lambda d, c: (d.body.startswith("摘要："), c.body == "\n".join(_TEXT[:3]))),
    ("max_tags", 1,
     _page(f"<div class='main'>{_H1}{_P1}{_P2}{_P3}</div>", head="<meta name='keywords' content='荷花,城东公园,夏天'>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.tags == ["荷花", "城东公园", "夏天"], c.tags == ["荷花"])),
    ("wrapper_page_share", 1.5,  # a chrome-named table around the whole page, no headline element in it
     _page(f"<table class='left_bottom'><tr><td>{_MENU * 12}</td></tr><tr><td>{_P1}{_P2}{_P3}{_P4}{_P5}{_P6}</td></tr>"
           f"<tr><td>{_MENU * 3}</td></tr></table>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.is_article and d.body.startswith(_TEXT[0]), not c.is_article)),
    ("standfirst_lookback", 0,  # no headline line: a labelled summary in the header box, right before the text
     _page(f"<div class='top'>{_MENU}<div>2023-04-17 08:00</div><div>摘要：城东公园的荷花今年提前开放，园方新增了木栈道。</div>"
           f"</div><div class='main'>{_P1}{_P2}{_P3}</div>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.body.startswith("摘要："), c.body == "\n".join(_TEXT[:3]))),
    # -- a box of teasers after the text (``body._teaser_lines``)
    ("teaser_run_min", 5,
     _page(f"<div class='main'>{_H1}{_P1}{_P2}{_P3}{_TEASERS}</div>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.body == "\n".join(_TEXT[:3]), _TEASER_SUMMARY in c.body)),
    ("teaser_summary_min", 100,
     _page(f"<div class='main'>{_H1}{_P1}{_P2}{_P3}{_TEASERS}</div>"),
     DEFAULT_OPTIONS, {},
     lambda d, c: (d.body == "\n".join(_TEXT[:3]), _TEASER_SUMMARY in c.body)),
]


@pytest.mark.parametrize(("field", "value", "page", "base", "kwargs", "check"), _THRESHOLD_CASES,
                         ids=[case[0] for case in _THRESHOLD_CASES])
def test_each_threshold_is_read_from_the_options(field: str, value: object, page: bytes, base: Options,
                                                 kwargs: dict[str, Any], check: Any) -> None:
    """The default value gives one outcome on the page and the changed field another: the pass that
    owns the threshold reads it from the ``Options`` given to ``extract``."""
    assert getattr(DEFAULT_OPTIONS, field) != value
    default = extract(page, URL, FETCHED_AT, raise_errors=True, options=base, **kwargs)
    changed_options: Any = {field: value}  # a field of its own type, named at run time
    changed = extract(page, URL, FETCHED_AT, raise_errors=True, options=dataclasses.replace(base, **changed_options),
                      **kwargs)
    as_default, as_changed = check(default, changed)
    assert as_default, f"{field} at its default: {default}"
    assert as_changed, f"{field}={value!r}: {changed}"

