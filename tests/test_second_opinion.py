"""Issue 12 item 3: every extraction carries a confidence; under a threshold an independent body
finder (``extract.second``, readability-family DOM scoring) is asked and a fixed rule picks.

All pages are written for these tests (invented text).
"""

from __future__ import annotations

from dataclasses import replace

from lxml import etree

from newscrawler.extract import extract
from newscrawler.extract.lines import Line
from newscrawler.extract.options import DEFAULT_OPTIONS
from newscrawler.extract.second import SECOND_OPINION_BELOW, pick, prose_chars, ragged

from .conftest import FETCHED_AT

URL = "https://news.example.cn/a/1.html"
PARAS = [
    "记者从市交通委获悉，今年本市将新开通三条地铁线路，总里程超过一百公里，沿线居民出行将更加便捷。",
    "据介绍，新线路串联起城东的居住区和城西的产业园区，早晚高峰的通勤时间预计可以缩短二十分钟左右。",
    "市交通委有关负责人表示，新线开通后，将同步优化沿线公交线路，做好地铁站与公交站之间的接驳。",
    "按照计划，三条线路将在年底前完成全部设备调试，并经过三个月的试运行后正式载客运营。",
]
TEASERS = "".join(f"<li><a href='/n/{i}.html'>城东新区第{i}批保障房开始配租</a></li>" for i in range(12))


def _page(wrapper_class: str, rival: str = "") -> bytes:
    body = "".join(f"<p>{p}</p>" for p in PARAS)
    return ("<html><head><meta charset='utf-8'><title>本市今年新开三条地铁线路_某某网</title></head><body>"
            "<div class='nav'><a href='/'>首页</a><a href='/bd/'>本地</a></div>"
            "<div class='main'><div id='artical'><h1>本市今年新开三条地铁线路</h1>"
            f"<div class='{wrapper_class}'><div id='main_content'>{body}</div></div></div>"
            f"<div class='list'><ul>{TEASERS}</ul></div>{rival}</div></body></html>").encode()


def test_a_clear_article_is_confident_and_asks_nobody() -> None:
    article = extract(_page("text"), URL, FETCHED_AT, raise_errors=True)
    assert article.is_article
    assert article.confidence is not None and article.confidence >= 0.8
    assert article.second_opinion == ""
    assert article.to_json()["confidence"] == article.confidence


def test_a_rival_block_of_prose_lowers_the_confidence() -> None:
    rival = "<div class='story'>" + "".join(f"<p>{p}</p>" for p in PARAS[:3]) + "</div>"
    clear = extract(_page("text"), URL, FETCHED_AT, raise_errors=True)
    rivalled = extract(_page("text", rival), URL, FETCHED_AT, raise_errors=True, second_opinion_below=0)
    assert rivalled.confidence is not None and clear.confidence is not None
    assert rivalled.confidence < clear.confidence - 0.3


def test_an_article_in_a_chrome_named_wrapper_is_rescued_by_the_second_opinion() -> None:
    """A script hook class (``js_img_share_area``) names the article's wrapper like a share bar, so
    the first method reads its paragraphs as chrome: unsure, it asks, and the second body is taken."""
    alone = extract(_page("js_img_share_area"), URL, FETCHED_AT, raise_errors=True, second_opinion_below=0)
    assert alone.confidence is not None and alone.confidence < SECOND_OPINION_BELOW
    assert alone.second_opinion == ""
    assert not alone.is_article or PARAS[1] not in alone.body
    helped = extract(_page("js_img_share_area"), URL, FETCHED_AT, raise_errors=True)
    assert helped.second_opinion == "taken"
    assert helped.is_article
    assert helped.body.split("\n") == PARAS


def test_asking_always_changes_nothing_on_a_clear_article() -> None:
    first = extract(_page("text"), URL, FETCHED_AT, raise_errors=True, second_opinion_below=0)
    asked = extract(_page("text"), URL, FETCHED_AT, raise_errors=True, second_opinion_below=2)
    assert asked.second_opinion in ("agreed", "kept")
    assert asked.body == first.body and asked.blocks == first.blocks


def _line(text: str, links: int = 0) -> Line:
    chars = len(text.replace(" ", ""))
    return Line(text=text, block=etree.Element("p"), order=0, chars=chars, link_chars=links, tag="p")


def test_pick_takes_only_a_body_with_much_more_running_text_that_keeps_the_first() -> None:
    a, b, c, d = (_line(p) for p in PARAS)
    menu = _line("首页 本地 国内 国际 财经", links=12)
    assert prose_chars([a, menu]) == a.chars
    assert pick([a], [a, b, c, d])  # the first missed paragraphs: taken
    assert pick([a, b], [a, b, c])  # a link-free paragraph added at the edge: taken (rule 1b)
    assert not pick([a, b, d], [a, b, c, d])  # only a little more, and not at an edge: kept
    assert pick([a, b, d], [a, b, c, d], replace(DEFAULT_OPTIONS, second_take_ratio=1.2))  # the option is the line
    assert not pick([a, b, c, d], [a, b])  # less: kept
    assert not pick([a], [b, c, d])  # a different block, not a fuller one: kept
    assert pick([menu], [a, b])  # the first holds no running text at all: taken
    short = _line("市交通委表示，将同步优化公交线路。")  # 17 characters: under Options.prose_min (20)
    assert prose_chars([short]) == 0
    assert prose_chars([short], prose_min=10) == short.chars  # Options.prose_min is the line
    clauses = _line("市交通委，公交集团，地铁公司联合发布")  # unclosed, two commas, 18 characters
    assert ragged([a, b, clauses]) and not ragged([a, b, clauses], prose_min=10)


def test_pick_takes_a_trim_of_edge_scraps_only() -> None:
    """Rule 1: the second body is the first less short unclosed lines at its edges (a source's name,
    an address) — taken; a dated line, a closed sentence or a line in the middle is not a scrap."""
    a, b, c = (_line(p) for p in PARAS[:3])
    source = _line("某某日报")
    address = _line("地址：某市某区某路88号 电话：010-12345678")
    dated = _line("2023年04月17日 10:20 某某日报")
    closing = _line("（完）。")
    assert pick([source, a, b, c, address], [a, b, c])
    assert not pick([dated, a, b, c], [a, b, c])
    assert not pick([a, b, c, closing], [a, b, c])
    assert not pick([a, source, b, c], [a, b, c])  # in the middle: not a trim
    assert not pick([source, a, b, c], [a, b])  # running text left out: not a trim
    assert not pick([a, b], [a, b])


def test_ragged_bodies_ask_for_a_second_opinion() -> None:
    a, b = (_line(p) for p in PARAS[:2])
    assert ragged([_line("某某日报"), a, b])
    assert ragged([a, b, _line("地址：某市某区某路88号")])
    assert not ragged([a, b])
    assert not ragged([_line("2023年04月17日 某某日报"), a, b])
    assert not ragged([_line("某某日报")])


def test_a_wide_container_is_trimmed_to_the_article_by_the_second_opinion() -> None:
    """A source name above the text and the site's address below it sit in the element the first
    method picks (a table cell around the article); the second method's element is the article's
    own ``div``, so the body loses the two scraps and keeps every paragraph."""
    paras = "".join(f"<p>{p}</p>" for p in PARAS)
    page = ("<html><head><meta charset='utf-8'><title>本市今年新开三条地铁线路_某某网</title></head><body>"
            "<div class='nav'><a href='/'>首页</a><a href='/bd/'>本地</a></div>"
            "<table><tr><td><h1>本市今年新开三条地铁线路</h1><div>某某日报</div>"
            f"<div class='content'>{paras}</div>"
            "<div>地址：某市某区某路88号 值班电话：010-12345678</div></td></tr></table>"
            f"<div class='list'><ul>{TEASERS}</ul></div></body></html>").encode()
    first = extract(page, URL, FETCHED_AT, raise_errors=True, second_opinion_below=0)
    assert "某某日报" in first.body.split("\n")  # the first method alone keeps the scraps
    article = extract(page, URL, FETCHED_AT, raise_errors=True)
    assert article.second_opinion == "taken"
    assert article.body.split("\n") == PARAS


def test_pick_takes_paragraphs_added_at_the_edges_without_links() -> None:
    """Rule 1b: the second body is the first with link-free running text added before or after it
    (a standfirst the first element left outside) — taken; an added line with a link is not."""
    a, b, c = (_line(p) for p in PARAS[:3])
    lede = _line("市交通委今天宣布，本市今年将新开通三条地铁线路，这是本市地铁建设史上一年开通线路最多的一次。")
    promo = _line("年度人物评选火热进行中，快来为你心目中的人物投票吧！【点击投票】", links=6)
    scrap = _line("图片中心")
    assert pick([b, c], [lede, b, c])
    assert pick([a, b], [a, b, lede])
    assert not pick([b, c], [promo, b, c])
    assert not pick([b, c], [scrap, b, c])
    assert not pick([a, b, c], [a, lede, b, c])  # added in the middle: the first's lines are not one run


LEDE = "市交通委今天宣布，本市今年将新开通三条地铁线路，这是本市地铁建设史上一年开通线路最多的一次，新线路将覆盖城东、城西和城北三个片区。"


def test_a_standfirst_above_a_thumbnail_strip_is_joined_to_the_text() -> None:
    """A standfirst under the headline, a strip of a dozen photo links, then the text: the first
    method stops at the strip; asked because its body has running text left outside, the second
    method's element (the text's ``div`` and its plain-paragraph sibling) holds both."""
    paras = "".join(f"<p>{p}</p>" for p in PARAS)
    thumbs = "".join(f"<li><a href='/pic/{i}'>地铁建设现场图片第{i}张</a></li>" for i in range(12))
    page = ("<html><head><meta charset='utf-8'><title>本市今年新开三条地铁线路_某某网</title></head><body>"
            "<div class='nav'><a href='/'>首页</a><a href='/bd/'>本地</a></div>"
            f"<div class='article'><h1>本市今年新开三条地铁线路</h1><p class='summary'>{LEDE}</p>"
            f"<div class='gallery'><ul>{thumbs}</ul></div><div class='text'>{paras}</div></div>"
            f"<div class='list'><ul>{TEASERS}</ul></div></body></html>").encode()
    first = extract(page, URL, FETCHED_AT, raise_errors=True, second_opinion_below=0)
    assert first.body.split("\n") != [LEDE, *PARAS]
    article = extract(page, URL, FETCHED_AT, raise_errors=True)
    assert article.second_opinion == "taken"
    assert article.body.split("\n") == [LEDE, *PARAS]


def test_an_article_with_a_player_in_a_share_hooked_wrapper_is_not_a_video_page() -> None:
    """The text's wrapper carries a share widget's hook class (read as chrome) and a player sits
    above it: the first method is left with the headline alone, sure of it (no rival block), and
    would call the page a video page. Its body has no paragraph, so before the page is dropped the
    second method is asked; it finds the paragraphs and the article is kept."""
    paras = "".join(f"<p>{p}</p>" for p in PARAS)
    page = ("<html><head><meta charset='utf-8'><title>本市今年新开三条地铁线路_某某网</title></head><body>"
            "<div class='nav'><a href='/'>首页</a><a href='/bd/'>本地</a></div>"
            "<div class='main'><h1 id='artibodyTitle'>本市今年新开三条地铁线路</h1>"
            "<div class='player'><video src='/v/1.mp4'></video></div>"
            f"<div class='share_pop box' id='artibody'>{paras}</div></div>"
            f"<div class='list'><ul>{TEASERS}</ul></div></body></html>").encode()
    alone = extract(page, URL, FETCHED_AT, raise_errors=True, second_opinion_below=0)
    assert not alone.is_article
    article = extract(page, URL, FETCHED_AT, raise_errors=True)
    assert article.is_article, article.reason
    assert article.second_opinion == "taken"
    assert article.body.split("\n") == PARAS


def test_pick_takes_paragraphs_added_at_the_end_closed_by_a_signature() -> None:
    """Rule 1b: paragraphs the second body adds after the first may be closed by a few short link-free
    lines (a notice's signature and date); a keyword linked inside an added paragraph is no teaser."""
    a, b, c, d = (_line(p) for p in PARAS)
    sign, date = _line("某某市交通委员会"), _line("2023年4月17日")
    assert pick([a, b], [a, b, c, d, sign, date])
    assert not pick([a, b], [a, b, c, sign, date, _line("附件一"), _line("附件二")])  # more than a signature
    assert not pick([a, b], [a, b, sign, date])  # nothing but the signature added: no paragraph
    linked = _line(PARAS[2], links=2)  # 地铁 linked to a tag page inside the paragraph
    assert pick([a, b], [a, b, linked])
    assert not pick([a, b], [a, b, linked], replace(DEFAULT_OPTIONS, second_added_links=0.0))  # the option is the line
    assert pick([a, b, c], [a, b, c, d, sign, date])  # under 1.5x the text: the extension rule takes it
    assert not pick([a, b, c], [a, b, c, d, sign, date], replace(DEFAULT_OPTIONS, second_closing_lines=1))


def test_the_text_split_by_a_box_of_links_into_two_elements_is_joined() -> None:
    """The text's first paragraphs in one ``div``, a box of related links, the rest in a sibling
    ``div``: the first method takes the larger half; running text resumes past the box, so the
    second opinion is asked, and its body (both halves, not the box) extends the first: taken."""
    more = "据了解，新线路还将与城际铁路实现换乘，乘客在同一站台即可完成换乘，全程无需出站。"
    half1 = "".join(f"<p>{p}</p>" for p in PARAS)
    half2 = f"<p>{more}</p><p>{LEDE}</p>"
    box = "".join(f"<a href='/n/{i}.html'>城东新区第{i}批保障房开始配租</a><br>" for i in range(8))
    page = ("<html><head><meta charset='utf-8'><title>本市今年新开三条地铁线路_某某网</title></head><body>"
            "<div class='nav'><a href='/'>首页</a><a href='/bd/'>本地</a></div>"
            f"<div class='main'><h1>本市今年新开三条地铁线路</h1><div>{half1}</div><div>{box}</div>"
            f"<div>{half2}</div></div><div class='list'><ul>{TEASERS}</ul></div></body></html>").encode()
    alone = extract(page, URL, FETCHED_AT, raise_errors=True, second_opinion_below=0)
    assert alone.body.split("\n") == PARAS
    article = extract(page, URL, FETCHED_AT, raise_errors=True)
    assert article.second_opinion == "taken"
    assert article.body.split("\n") == [*PARAS, more, LEDE]
