"""Kinds found by layout perturbation (issue 12: sites never seen): pages we read right, rewritten into
layouts small sites use (text in ``<br>`` runs or table cells, renamed classes, a sidebar of related
summaries, comments after the article, the headline only in ``<title>``, other encodings), keeping the
article's text. The layouts that lost text or let other text in are written here as invented pages.
Every page and line here is invented."""

from __future__ import annotations

import pytest

from newscrawler.extract import extract

from .conftest import FETCHED_AT

URL = "https://town.example.cn/news/2021/0412/17.html"
TITLE = "河边步道完成夜间照明改造"
PARAS = [
    "城南河边步道的夜间照明改造工程上周全部完工，沿岸新装的两百多盏路灯在傍晚准时亮起。",
    "以往这段步道一到晚上就黑漆漆的，附近居民散步只能带着手电筒，不少老人干脆不敢出门。",
    "施工方介绍，新路灯采用了节能光源，亮度比原来提高了一倍，耗电量却下降了将近三成。",
    "住在河对岸的一位居民说，现在每天吃完晚饭都会和老伴沿着步道走上一圈，心里踏实多了。",
    "管理部门表示，后续还将在步道沿线增设几处休息座椅和饮水点，方便夜间锻炼的市民。",
]
TEASERS = [
    ("老街菜市场完成屋顶翻修", "老街菜市场的屋顶翻修工程近日结束，摊主们终于不用在雨天里搬着货架躲漏雨了，顾客也比以前多了不少。"),
    ("社区食堂推出老人午餐", "城西一家社区食堂从本月起为七十岁以上的老人提供平价午餐，每天中午排队的人从门口一直排到了街角。"),
    ("公园湖面冬季禁止滑冰", "由于今年气温偏高，湖面冰层厚度不足，公园管理处提醒市民不要上冰，并在岸边拉起了警戒线和提示牌。"),
    ("小学开设周末陶艺课", "一所小学利用闲置教室开设了周末陶艺课，孩子们亲手捏出的碗和杯子摆满了整整两排架子，家长们都很惊喜。"),
    ("公交新线路串起三个村", "新开通的一条公交线路把三个村子和县城连了起来，村民进城看病买菜再也不用一大早去路口等顺路车了。"),
]


def page(inner: str) -> bytes:
    return ("<html><head><meta charset='utf-8'><title>" + TITLE + "_某某网</title></head><body>"
            "<div class='c1'><a href='/'>首页</a> <a href='/n'>本地</a> <a href='/s'>社会</a></div>"
            f"{inner}<div class='c9'><a href='/about.html'>关于我们</a> | <a href='/contact.html'>联系方式</a></div>"
            "</body></html>").encode()


def paras(items: list[str]) -> str:
    return "".join(f"<p>{p}</p>" for p in items)


def article(extra_after: str = "", extra_before: str = "") -> str:
    return f"{extra_before}<div class='c2'><h1>{TITLE}</h1><div class='c3'>{paras(PARAS)}</div></div>{extra_after}"


def body_of(html: str) -> list[str]:
    result = extract(page(html), URL, FETCHED_AT, raise_errors=True)
    assert result.is_article
    return result.body.splitlines()


def related_list(heading: str = "相关阅读", n: int = 5) -> str:
    items = "".join(f"<li><a href='/news/{i}.html'>{t}</a><p>{s}</p></li>" for i, (t, s) in enumerate(TEASERS[:n]))
    return f"<div class='c4'><div>{heading}</div><ul>{items}</ul></div>" if heading else f"<div class='c4'><ul>{items}</ul></div>"


def teaser_divs(n: int = 5) -> str:
    items = "".join(f"<div><a href='/news/{i}.html'>{t}</a><div>{s}<a href='/news/{i}.html'>[详细]</a></div></div>"
                    for i, (t, s) in enumerate(TEASERS[:n]))
    return f"<div class='c5'>{items}</div>"


# --------------------------------------------------------------------------- a list of teasers is no text


@pytest.mark.parametrize("box", [
    related_list(),
    related_list(heading=""),
    teaser_divs(),
], ids=["headed-list", "bare-list", "divs-with-more-links"])
def test_a_box_of_teasers_after_the_article_stays_out(box: str) -> None:
    """Other stories' headline links, each with its summary under it, after the article: a related box,
    with or without a heading (its summaries read as a sidebar story's paragraphs before)."""
    assert body_of(article(extra_after=box)) == PARAS


def test_a_box_of_teasers_inside_the_article_element_stays_out() -> None:
    """The same box placed inside the article's own element, after its paragraphs."""
    html = (f"<div class='c2'><h1>{TITLE}</h1><div class='c3'>{paras(PARAS)}{related_list()}</div></div>")
    assert body_of(html) == PARAS


def test_a_sidebar_of_teasers_in_a_table_cell_beside_the_article_stays_out() -> None:
    """A table layout under the headline: the left cell a sidebar of summaries, the right cell the text."""
    html = (f"<h1>{TITLE}</h1><table><tr><td width='240'>{related_list()}</td>"
            f"<td><div class='c3'>{paras(PARAS)}</div></td></tr></table>")
    assert body_of(html) == PARAS


def test_guard_a_roundup_written_among_the_articles_paragraphs_stays_text() -> None:
    """Guard: linked headlines with their summaries among the article's own paragraphs (a roundup the
    editor wrote into the text, in the same element) stay text."""
    roundup = "".join(f"<p><a href='/news/{i}.html'>{t}</a></p><p>{s}</p>" for i, (t, s) in enumerate(TEASERS[:4]))
    html = f"<div class='c2'><h1>{TITLE}</h1><div class='c3'>{paras(PARAS[:2])}{roundup}</div></div>"
    body = body_of(html)
    assert [s for _, s in TEASERS[:4]] == [ln for ln in body if ln not in PARAS]
    assert body[:2] == PARAS[:2]


def test_guard_a_digest_of_nothing_but_linked_items_keeps_them() -> None:
    """Guard: a page whose text is nothing but linked items with their summaries (a digest) keeps them."""
    items = "".join(f"<li><a href='/news/{i}.html'>{t}</a><p>{s}</p></li>" for i, (t, s) in enumerate(TEASERS))
    html = f"<div class='c2'><h1>{TITLE}</h1><ul>{items}</ul></div>"
    result = extract(page(html), URL, FETCHED_AT, raise_errors=True)
    assert [s for _, s in TEASERS] == [ln for ln in result.body.splitlines() if ln in {s for _, s in TEASERS}]


def test_guard_a_sidebar_story_under_a_related_heading_stays_text() -> None:
    """Guard: a related heading over paragraphs with no headline links (a print package's sidebar story)
    is still read as text, as before."""
    story = "<div>相关新闻</div>" + paras([s for _, s in TEASERS[:3]])
    body = body_of(f"<div class='c2'><h1>{TITLE}</h1><div class='c3'>{paras(PARAS)}{story}</div></div>")
    assert body[:len(PARAS)] == PARAS
    assert TEASERS[0][1] in body


def test_guard_two_linked_items_in_the_text_stay_text() -> None:
    """Guard: two linked items with summaries between the article's paragraphs (its own element) are
    too few for a list and stay text."""
    items = "".join(f"<p><a href='/news/{i}.html'>{t}</a></p><p>{s}</p>" for i, (t, s) in enumerate(TEASERS[:2]))
    html = f"<div class='c2'><h1>{TITLE}</h1><div class='c3'>{paras(PARAS[:3])}<div>{items}</div>{paras(PARAS[3:])}</div></div>"
    body = body_of(html)
    assert TEASERS[0][1] in body and TEASERS[1][1] in body


# --------------------------------------------------------------------------- a chrome-named layout wrapper


NAV = "".join(f"<a href='/c/{i}.html'>{n}</a> | " for i, n in enumerate(
    ["首页", "本地新闻", "国内新闻", "国际新闻", "财经频道", "体育频道", "文化频道", "教育频道", "健康频道", "旅游频道",
     "图片频道", "视频频道", "专题频道", "评论频道", "招聘信息", "房产频道", "汽车频道", "联系我们", "网站地图", "广告服务"]))


def wrapped(cls: str, headline: str = "") -> bytes:
    """The whole page in one chrome-named layout table: a menu row, then the text (its headline only in
    ``<title>``, or in a plain cell with other words)."""
    return ("<html><head><meta charset='utf-8'><title>" + TITLE + "_某某网</title></head><body><div id='w'>"
            f"<table class='{cls}'><tr><td>{NAV * 5}</td></tr><tr><td>{headline}"
            f"{paras(PARAS)}</td></tr><tr><td>{NAV * 3}</td></tr></table></div></body></html>").encode()


@pytest.mark.parametrize("cls", ["left_bottom", "nav_wrap"])
def test_a_chrome_named_table_around_the_whole_page_is_a_layout_wrapper(cls: str) -> None:
    """A layout table named like chrome (``left_bottom``) around the whole page, its menus included, with
    no headline element inside it: it was read as one chrome line and the page lost its text."""
    result = extract(wrapped(cls), URL, FETCHED_AT, raise_errors=True)
    assert result.is_article
    assert result.body.splitlines() == PARAS


def test_a_chrome_named_table_with_the_headline_in_a_cell_still_reads() -> None:
    """Guard: the same table with the headline alone in a cell of its own was read before (a headline
    holder marks it) and still is."""
    result = extract(wrapped("left_bottom", f"<div>{TITLE}</div>"), URL, FETCHED_AT, raise_errors=True)
    assert result.is_article and result.body.splitlines() == PARAS


def test_guard_a_comment_box_beside_the_article_stays_chrome() -> None:
    """Guard: a chrome-named box of long comments that holds less than most of the page stays chrome."""
    comments = "".join(f"<div><span>网友{i}</span><p>{s}</p></div>" for i, (_, s) in enumerate(TEASERS[:3]))
    html = article(extra_after=f"<div class='comment'>{comments}</div>")
    assert body_of(html) == PARAS


# --------------------------------------------------------------------------- readers' comments under a heading


COMMENTS = [
    "看完以后挺有感触，我们那边的河边也是一到晚上就没有灯，希望有关部门也能过去看一看。",
    "路灯是装好了，可是步道上的几处台阶还是太陡，老人走起来不方便，建议顺便一起修一修。",
    "每天晚上都在这里跑步，现在亮堂多了，就是希望以后的维护也能跟上，别过两年又坏了。",
]


@pytest.mark.parametrize("heading", ["网友评论", "最新评论（共3条）"], ids=["plain", "counted"])
def test_comments_under_their_heading_after_the_article_stay_out(heading: str) -> None:
    """Readers' comments under their heading after the text, each under its writer's name and no date:
    the prose under the heading read as a sidebar story printed in full, and the comments came in."""
    comments = "".join(f"<div><div>网友{i}号</div><div>{c}</div></div>" for i, c in enumerate(COMMENTS))
    html = article(extra_after=f"<div class='c8'><div>{heading}</div>{comments}</div>")
    assert body_of(html) == PARAS


def test_guard_a_comments_heading_before_the_text_leaves_the_text_whole() -> None:
    """Guard: a comments heading in the header, before the text starts, takes nothing from the text."""
    html = f"<div class='c2'><h1>{TITLE}</h1><div>网友评论</div><div class='c3'>{paras(PARAS)}</div></div>"
    assert body_of(html) == PARAS


# --------------------------------------------------------------------------- the headline only in <title>


STANDFIRST = "摘要：城南河边步道装上了两百多盏新路灯，居民夜间散步不再摸黑。"


def untitled(before_text: str) -> str:
    """A page whose headline is only in ``<title>``: a menu and a date line in a header box with what
    ``before_text`` adds, then the text in a box of its own."""
    return (f"<div class='c2'>{NAV}<div class='c6'>2021-04-12 09:30 来源：某某网</div>{before_text}</div>"
            f"<div class='c3'>{paras(PARAS)}</div>")


def test_a_labelled_standfirst_right_before_the_text_opens_it_with_no_headline_line() -> None:
    """The headline only in ``<title>``: the labelled summary printed right before the text opens the
    body, as it does under a headline."""
    assert body_of(untitled(f"<div class='c7'>{STANDFIRST}</div>")) == [STANDFIRST, *PARAS]


def test_guard_an_unlabelled_line_before_the_text_stays_out_with_no_headline_line() -> None:
    """Guard: an unlabelled sentence right before the text (no 摘要 label) is not made a standfirst."""
    line = "城南河边步道装上了两百多盏新路灯，居民夜间散步不再摸黑。"
    assert line not in body_of(untitled(f"<div class='c7'><a href='/x.html'>{line}</a></div>"))


def test_a_sidebar_of_teasers_does_not_win_the_container_from_a_short_text() -> None:
    """A sidebar cell of summaries beside a short text that has a list of links under it, the headline
    only in ``<title>``: the teasers counted as prose, the sidebar alone won the container and the text
    was lost; a teaser with its headline link now weighs nothing."""
    more = "".join(f"<li><a href='/more/{i}.html'>城南街道第{i}期社区便民服务活动通知发布</a></li>" for i in range(12))
    html = (f"<table><tr><td width='240'>{related_list()}</td>"
            f"<td><div class='c3'>{paras(PARAS[:3])}</div><ul>{more}</ul></td></tr></table>")
    assert body_of(html) == PARAS[:3]


# --------------------------------------------------------------------------- review guards (rules narrowed)


def test_guard_a_reporting_subheading_on_readers_reactions_keeps_the_text_under_it() -> None:
    """Guard: a subheading in the text naming what readers said (网友热议) over the article's own
    paragraphs, in the same element, is a reporting subheading: the text under it stays."""
    more = [
        "消息发出后，不少住在附近的居民在社区群里纷纷表示，晚上带着孩子出门散步终于可以安心了许多。",
        "也有居民提出，步道尽头那段上坡路的灯光看起来还是有些偏暗，希望施工方能再来看看是否补装几盏。",
        "管理部门回复说，已经把居民们提出的这些意见逐条记录下来，下个月会安排人员到现场一一核实处理。",
    ]
    html = (f"<div class='c2'><h1>{TITLE}</h1><div class='c3'>{paras(PARAS[:3])}"
            f"<h3>网友热议</h3>{paras(more)}</div></div>")
    body = body_of(html)
    assert body[:3] == PARAS[:3]
    assert all(p in body for p in more)


@pytest.mark.parametrize("name", ["id='comments'", "class='side_box'"], ids=["comments", "other-chrome"])
def test_guard_a_comment_thread_holding_most_of_the_page_is_no_layout_wrapper(name: str) -> None:
    """Guard: a short article, then a chrome-named box of many plain comments that holds most of the
    page's text: the box is no layout wrapper around the text (it names comments, or the article's
    prose lies outside it), its comments stay out."""
    notes = [f"第{i}位网友：{COMMENTS[i % 3]}" for i in range(14)]
    html = (f"<div class='c2'><h1>{TITLE}</h1><div class='c3'>{paras(PARAS[:2])}</div></div>"
            f"<div {name}>{paras(notes)}</div>")
    assert body_of(html) == PARAS[:2]


def test_guard_a_roundup_in_its_own_box_between_the_articles_paragraphs_stays_text() -> None:
    """Guard: a roundup the editor wrote in a box of its own (linked headlines with their summaries),
    with the article's paragraphs before and after it in the same element, stays text."""
    roundup = "".join(f"<p><a href='/news/{i}.html'>{t}</a></p><p>{s}</p>" for i, (t, s) in enumerate(TEASERS[:4]))
    html = (f"<div class='c2'><h1>{TITLE}</h1><div class='content'><p>{PARAS[0]}</p>"
            f"<div class='roundup'>{roundup}</div><p>{PARAS[4]}</p></div></div>")
    body = body_of(html)
    assert body[0] == PARAS[0] and body[-1] == PARAS[4]
    assert all(s in body for _, s in TEASERS[:4])
