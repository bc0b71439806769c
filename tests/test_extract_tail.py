"""Where the text ends (issue 12: sites never seen). Every page here is invented."""

from __future__ import annotations

import pytest

from newscrawler.extract import extract

from .conftest import FETCHED_AT

URL = "https://news.example.cn/2023/0417/6.html"
PARAS = [
    "记者从市交通局获悉，本市将于下月起调整部分公交线路，涉及城东和城南的十二条线路。",
    "据介绍，调整后的线路将更好地衔接地铁站点，方便市民换乘，高峰时段发车间隔也将缩短。",
    "交通部门提醒，市民可通过政务热线或官方应用查询调整后的线路走向和首末班时间。",
]
PROMO = ["扫描下方二维码关注我们", "1、回复【公交】查看最新线路", "2、回复【地铁】查看换乘指南", "点击菜单栏【便民服务】获取更多服务"]


def page(body: str) -> bytes:
    return ("<html><head><meta charset='utf-8'><title>本市调整公交线路_某某网</title></head><body>"
            f"<div class='main'><h1>本市调整公交线路</h1><div class='text'>{body}</div></div></body></html>").encode()


def test_the_editors_credit_closes_the_text_and_the_accounts_promo_after_it_is_not_body() -> None:
    """A reprinted account post: text, the credits (编辑|, 责编|, 校对|), then the account's own promo
    lines in the same ``<br>`` block: the credit ends the text."""
    lines = [*PARAS, "编辑|王小明", "责编|李小红", "校对|赵小刚", *PROMO]
    article = extract(page("<br>".join(lines)), URL, FETCHED_AT, raise_errors=True)
    assert article.body.splitlines() == PARAS
    assert article.editor == ["王小明", "李小红", "赵小刚"]


def test_an_editor_line_near_the_headline_does_not_end_the_text() -> None:
    """Before three blocks of text an editor line stands in the header: the text goes on."""
    body = f"<p>{PARAS[0]}</p><p>责任编辑：王小明</p>" + "".join(f"<p>{p}</p>" for p in PARAS[1:])
    article = extract(page(body), URL, FETCHED_AT, raise_errors=True)
    assert article.body.splitlines() == PARAS
    assert article.editor == ["王小明"]


def test_a_short_line_under_a_photo_that_the_text_goes_on_from_is_text_not_a_caption() -> None:
    """A ``<br>``-separated text (a reprinted account post): a photo in its own element, then a short
    subheading and the text's next lines in the text's element. A caption under a photo in an
    element of its own stays a caption."""
    last = ("新线路将于下月一日起试运行，为期一个月，试运行期间市民可通过热线反映乘车体验和改进建议。"
            "交通部门将根据客流数据和市民意见，对发车间隔和站点设置作进一步优化，力争年底前完成全部调整。")
    body = (f"{PARAS[0]}<br>{PARAS[1]}<div><img src='/p/1.jpg'></div>线路怎么调<br>{PARAS[2]}<br>"
            f"<p><img src='/p/2.jpg'><br>城东公交枢纽站</p><p>{last}</p>")
    article = extract(page(body), URL, FETCHED_AT, raise_errors=True)
    assert article.body.splitlines() == [PARAS[0], PARAS[1], "线路怎么调", PARAS[2], last]
    assert "城东公交枢纽站" in [i.caption for i in article.images]


def test_a_line_of_nothing_but_replacement_characters_is_not_body() -> None:
    body = "".join(f"<p>{p}</p><p>\ufffd\ufffd\ufffd</p>" for p in PARAS)
    article = extract(page(body), URL, FETCHED_AT, raise_errors=True)
    assert article.body.splitlines() == PARAS


def test_a_sites_promo_and_a_lead_in_over_a_widget_are_trimmed_from_the_end() -> None:
    for tail in ("（更多内容请继续关注 某某网 www.example.cn）", "欢迎访问某某网官方APP", "行情数据："):
        body = "".join(f"<p>{p}</p>" for p in PARAS) + f"<p>{tail}</p>"
        article = extract(page(body), URL, FETCHED_AT, raise_errors=True)
        assert article.body.splitlines() == PARAS, tail


def test_a_last_line_announcing_a_table_is_not_trimmed_as_a_lead_in() -> None:
    rows = "".join(f"<tr><td>第{i}路</td><td>城东站</td><td>城南站</td></tr>" for i in range(1, 6))
    body = "".join(f"<p>{p}</p>" for p in PARAS) + "<p>附：调整线路一览</p>"
    html = ("<html><head><meta charset='utf-8'><title>本市调整公交线路_某某网</title></head><body>"
            f"<div class='main'><h1>本市调整公交线路</h1><div class='text'>{body}</div><table>{rows}</table></div>"
            "</body></html>").encode()
    article = extract(html, URL, FETCHED_AT, raise_errors=True)
    assert article.body.splitlines()[:4] == [*PARAS, "附：调整线路一览"]


def test_a_posts_stamp_closes_the_post_and_is_not_text() -> None:
    """A blog's or forum's stamp after the text (``发表于 <date> (阅读:N)``, ``本贴由X于<date>…发表``)
    closes the post: the board's rules and replies after it are not body. Before the text, it is a
    dateline, not body."""
    for stamp in ("发表于 2005年3月8日 12:40 - (阅读:372;评论:6)", "本贴由小明于2005年3月8日12:40:21在〖城市生活〗发表."):
        body = ("".join(f"<p>{p}</p>" for p in PARAS) + f"<p>{stamp}</p><p>郑 重 声 明</p>"
                "<p>1. 任何言论纯属作者个人观点，与本论坛无关；</p><p>我也说两句 小红 09:02:51 3/9/05 (无内容)</p>")
        article = extract(page(body), URL, FETCHED_AT, raise_errors=True)
        assert article.body.splitlines() == PARAS, stamp
    body = "<p>发表于2014-08-24 21:30| 1164次阅读| 来源某某博客| 0 条评论| 作者小明</p>" + "".join(f"<p>{p}</p>" for p in PARAS)
    article = extract(page(body), URL, FETCHED_AT, raise_errors=True)
    assert article.body.splitlines() == PARAS
    assert article.publish_date is not None and article.publish_date.date().isoformat() == "2014-08-24"


def test_a_box_of_notices_under_its_own_heading_closes_the_text() -> None:
    """``某某网版权与免责声明：`` and numbered items after the text, in a box no class name marks: the
    heading is a notice that ends the article."""
    items = ["① 凡本网注明“来源：某某网”的稿件，版权均属某某网所有。", "② 本网转载稿件出于传递更多信息之目的，并不意味着赞同其观点。",
             "③ 如本网转载稿涉及版权等问题，请作者在两周内与本网联系。"]
    body = "".join(f"<p>{p}</p>" for p in PARAS) + "<p>某某网版权与免责声明：</p>" + "".join(f"<p>{i}</p>" for i in items)
    article = extract(page(body), URL, FETCHED_AT, raise_errors=True)
    assert article.body.splitlines() == PARAS
    assert "某某网版权与免责声明：" in [d.text for d in article.disclaimers]


def test_a_promo_with_a_bracketed_call_to_click_and_a_stamp_with_a_read_count_are_not_text() -> None:
    body = ("<p>“最美社区评选”正在进行！【点击投票】为你喜爱的社区助力</p>" + "".join(f"<p>{p}</p>" for p in PARAS)
            + "<p>(本文发表于城市生活栏目, 已被阅读2046次)</p><p>《本市调整公交线路》已有3件评论</p>"
            "<p>网友小明：线路调整后换乘方便多了，希望早日实施。</p>")
    article = extract(page(body), URL, FETCHED_AT, raise_errors=True)
    assert article.body.splitlines() == PARAS


def test_a_western_dateline_over_a_blog_post_is_its_date_not_text() -> None:
    body = "<p>Saturday, March 5th, 2005 10:56 am</p>" + "".join(f"<p>{p}</p>" for p in PARAS)
    article = extract(page(body), URL, FETCHED_AT, raise_errors=True)
    assert article.body.splitlines() == PARAS
    assert article.publish_date is not None and article.publish_date.date().isoformat() == "2005-03-05"


def test_a_long_paragraph_opening_with_chrome_words_is_text() -> None:
    """``点击进入>>`` glued before a paragraph of running text (one ``<br>`` block): the line is text."""
    long = "".join(PARAS) + "".join(PARAS)
    body = f"<p>点击进入>> {long}</p><p>{PARAS[0]}</p>"
    article = extract(page(body), URL, FETCHED_AT, raise_errors=True)
    assert article.body.splitlines() == [f"点击进入>> {long}", PARAS[0]]


def test_a_reprint_notice_without_a_label_is_a_notice_not_text() -> None:
    notice = ("• 本页部分资讯由合作媒体提供，刊登它们是为了让读者看到更多信息，本站不对其真实性负责。"
              "读者对稿件如有疑问，欢迎来电告知，我们会尽快核实处理。")
    body = "<br>".join([*PARAS, notice, "电话：010-12345678 传真：010-12345679"])
    article = extract(page(body), URL, FETCHED_AT, raise_errors=True)
    assert article.body.splitlines()[:3] == PARAS and notice not in article.body
    assert notice in [d.text for d in article.disclaimers]


def test_a_paragraph_opening_with_a_publishing_verb_and_a_year_is_text_not_a_stamp() -> None:
    """``发布于2019年的…白皮书显示，…！`` opens like a post stamp but goes on with words: it is text."""
    lines = [PARAS[0], "发布于2019年的《城市慢行交通白皮书》显示，全市共享单车日均骑行量已突破百万人次！", *PARAS[1:]]
    article = extract(page("".join(f"<p>{p}</p>" for p in lines)), URL, FETCHED_AT, raise_errors=True)
    assert article.body.splitlines() == lines


@pytest.mark.parametrize("notice", [
    "某某在线登载此文出于传递更多信息之目的，并不意味着赞同其观点或证实其描述。",
    "凡标明来源为“某某晨报”的作品，均系合作媒体授权刊发。",
    "本页图文转载自网络，若侵犯了您的权益请来信，我们将及时删除。",
    "本文系转载，文中观点仅供读者参考。",
])
def test_reprint_notices_in_other_portals_wording_are_notices(notice: str) -> None:
    body = "<br>".join([*PARAS, notice])
    article = extract(page(body), URL, FETCHED_AT, raise_errors=True)
    assert article.body.splitlines() == PARAS, notice
    assert notice in [d.text for d in article.disclaimers]


@pytest.mark.parametrize("stamp", ["本帖最后由 小明 于 2012-1-12 10:20 编辑", "本篇文章发表于 2012-01-12 10:20 | 阅读(56)",
                                   "写于2012年1月12日 22:30"])
def test_other_boards_post_stamps_close_the_post(stamp: str) -> None:
    body = "".join(f"<p>{p}</p>" for p in PARAS) + f"<p>{stamp}</p><p>网友小红：说得对，支持楼主的看法，希望有关部门尽快落实。</p>"
    article = extract(page(body), URL, FETCHED_AT, raise_errors=True)
    assert article.body.splitlines() == PARAS, stamp


def test_a_chrome_link_glued_to_the_last_paragraph_goes_and_the_paragraph_stays() -> None:
    """The site's 返回…首页 link printed inside the text's last ``<p>``: the line reads as chrome, but the
    sentence before the link is the text's end. A promo with words of its own after its link stays out."""
    body = ("".join(f"<p>{p}</p>" for p in PARAS[:2])
            + f"<p>{PARAS[2]}<a href='/'><img src='/i.png'><span>返回某某网首页&gt;&gt;</span></a></p>"
            + "<p>本市交通大调查正在进行！【<a href='/vote'>点击这里</a>】说出你的出行心声</p>")
    article = extract(page(body), URL, FETCHED_AT, raise_errors=True)
    assert article.body.splitlines() == PARAS


def test_a_short_question_under_a_photo_is_text_and_a_short_label_there_a_caption() -> None:
    """Each photo in a ``<p>`` of its own, then a short line in the next ``<p>``: a question asked
    there (a subheading of the text) is text; a plain label is the photo's caption."""
    more = ("新线路将于下月一日起试运行，为期一个月，试运行期间市民可通过热线反映乘车体验和改进建议。"
            "交通部门将根据客流数据和市民意见，对发车间隔和站点设置作进一步优化。")  # no photo news: 200+ characters
    body = (f"<p>{PARAS[0]}</p><p>{more}</p><p><img src='/p/1.jpg'></p><p>线路调整会带来哪些变化？</p>"
            f"<p>{PARAS[1]}</p><p><img src='/p/2.jpg'></p><p>城东公交枢纽站</p><p>{PARAS[2]}</p>")
    article = extract(page(body), URL, FETCHED_AT, raise_errors=True)
    assert article.body.splitlines() == [PARAS[0], more, "线路调整会带来哪些变化？", PARAS[1], PARAS[2]]
    assert "城东公交枢纽站" in [i.caption for i in article.images]


def test_a_bold_line_under_a_photo_over_a_paragraph_is_a_subheading_not_a_caption() -> None:
    """A photo, then a bold line, then the text goes on: the bold line is the text's next subheading.
    A bold line under a photo with no paragraph after it (a box's heading) stays out."""
    more = ("新线路将于下月一日起试运行，为期一个月，试运行期间市民可通过热线反映乘车体验和改进建议。"
            "交通部门将根据客流数据和市民意见，对发车间隔和站点设置作进一步优化。")
    body = (f"<p>{PARAS[0]}</p><p>{more}</p><p><img src='/p/1.jpg'></p><p><strong>二、换乘更方便</strong></p>"
            f"<p>{PARAS[1]}</p><p>{PARAS[2]}</p><p><img src='/p/2.jpg'></p><p><strong>热点推荐</strong></p>"
            "<p><a href='/n/1'>本市新开一条夜间公交线路</a></p>")
    article = extract(page(body), URL, FETCHED_AT, raise_errors=True)
    assert article.body.splitlines() == [PARAS[0], more, "二、换乘更方便", PARAS[1], PARAS[2]]
    assert [b.type for b in article.blocks][2] == "h"


def test_comments_after_the_text_end_it_even_where_their_stamps_read_as_bylines() -> None:
    """A list of readers' comments right after the text, in unnamed elements: each opens with a stamp
    (a reader's name, a date and a time) that recurs with only its numbers changed. The first stamp
    after the text ends it, though such a line also reads as a byline; a labelled line recurring with
    other dates (发行日期：…) is a field of the text, not a stamp."""
    more = ("新线路将于下月一日起试运行，为期一个月，试运行期间市民可通过热线反映乘车体验和改进建议。"
            "交通部门将根据客流数据和市民意见，对发车间隔和站点设置作进一步优化。")
    comments = "".join(f"<div><span>网友{k}号 2023-04-1{k} 10:2{k}</span><p>线路调整得很及时，希望早晚高峰"
                       f"再多加几班车，我们上班的人都很支持第{k}条建议。</p></div>" for k in range(6))
    body = f"<div>{''.join(f'<p>{p}</p>' for p in [*PARAS, more])}</div><div>{comments}</div>"
    article = extract(page(body), URL, FETCHED_AT, raise_errors=True)
    assert article.body.splitlines() == [*PARAS, more]
    fields = "".join(f"<p>发行日期：2023年4月1{k}日</p><p>第{k}期线路图发布，市民可在各站领取。</p>" for k in range(3))
    article = extract(page("".join(f"<p>{p}</p>" for p in PARAS) + fields), URL, FETCHED_AT, raise_errors=True)
    assert "第2期线路图发布，市民可在各站领取。" in article.body.splitlines()
