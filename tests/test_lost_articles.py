"""Real articles are never dropped for lack of a long paragraph (issue 12, item 2).

Each page is invented and written for one kind of failure seen on sites the extractor was not
built against.
"""

from __future__ import annotations

import pytest

from newscrawler.extract import extract

from .conftest import FETCHED_AT

PARAS = [
    "记者从市气象台获悉，受冷空气南下作用，本周末起全市气温陡降，最低气温可降至零下五摄氏度。",
    "气象专家提醒，降温期间早晚温差较大，市民出行要注意添衣保暖，老人和儿童尤其要防范感冒。",
    "据介绍，本次冷空气过程将持续三天左右，周末起气温逐步回升，下周初天气以晴好为主。",
    "交通部门表示，已提前做好道路除冰准备，各主要桥梁和高架路段均安排了值守人员和融雪物资。",
    "供暖企业也已进入应急状态，将根据气温变化及时调整供热参数，确保居民室内温度达标。",
]
NAV = "<div class='topnav'>" + "".join(f"<a href='/c/{i}'>频道{i}新闻</a> " for i in range(30)) + "</div>"
TITLE = "本周后期全市将明显降温"
TEASERS = "".join(
    f"<p>【本周{n}：专家做客演播室谈城市交通】“近期地铁高峰客流明显增加，我们正在研究加开列车 ...... "
    f"<a href='/t/{i}'>[详情]</a></p>" for i, n in enumerate(("话题", "访谈", "直播")))
URL = "https://news.example.cn/2023/0417/1.html"


def html(body: str, title: str = TITLE) -> bytes:
    return (f"<html><head><meta charset='utf-8'><title>{title}_新闻_某某网</title></head>"
            f"<body>{body}</body></html>").encode()


def test_a_comment_link_among_the_header_fragments_does_not_end_the_article() -> None:
    header = ("<ul><li>http://www.example.cn</li><li>2023-04-17 10:20</li><li>某某在线论坛</li>"
              "<li><a href='/comment'>我要评论</a></li></ul>"
              "<div class='pages'><a href='/2'>1</a><a href='/2'>2</a><a href='/3'>3</a><a href='/2'>下一页</a></div>")
    page = html(f"<div class='main'><h1>{TITLE}</h1>{header}<div class='text'>"
                + "".join(f"<p>{p}</p>" for p in PARAS) + "</div></div>")
    article = extract(page, URL, FETCHED_AT, raise_errors=True)
    assert article.is_article, article.reason
    assert article.body.splitlines() == PARAS


@pytest.mark.parametrize("headline", ["<h1>{title}</h1>", "<div class='big'><font>{title}</font></div>"],
                         ids=["h1", "plain markup"])
def test_a_chrome_named_layout_table_around_the_headline_is_walked(headline: str) -> None:
    """A chrome-named table holding the page's own headline and its text is a layout wrapper, not chrome:
    with the headline in an ``<h1>`` or printed in plain markup (the ``<title>``'s first segment as a text
    node of its own)."""
    links = "".join(f"<tr><td><a href='/n/{i}'>本市其他新闻标题第{i}条：某区开展城市清洁行动</a></td></tr>"
                    for i in range(40))
    page = html(f"<table class='left_bottom'><tr><td>{headline.format(title=TITLE)}"
                + "".join(f"<p class='content_p'>{p}</p>" for p in PARAS)
                + f"</td></tr><tr><td><table>{links}</table></td></tr></table>")
    article = extract(page, URL, FETCHED_AT, raise_errors=True)
    assert article.is_article, article.reason
    assert article.body.splitlines() == PARAS


def test_photo_news_under_the_headline_beats_teasers_in_a_sidebar() -> None:
    sentence = "受冷空气影响，本市今晨出现大雾天气，部分路段能见度不足一百米，交警部门提醒驾驶员减速慢行。"
    page = html(f"{NAV}<div class='left'><div class='title'><h1>实拍今晨大雾中的城市</h1></div>"
                "<div class='info'>2023-04-17 08:10 来源：某某网</div>"
                "<div class='show'><p align='center'><img src='/p/1.jpg'></p>"
                "<p align='center'>图为今晨大雾中的市中心街道。</p>"
                f"<p>{sentence}</p></div></div>"
                f"<div class='right'><h4><a href='/studio'>做客演播室</a></h4>{TEASERS}</div>",
                title="实拍今晨大雾中的城市")
    article = extract(page, URL, FETCHED_AT, raise_errors=True)
    assert article.is_article, article.reason
    assert sentence in article.body
    assert "演播室谈城市交通" not in article.body


def test_a_short_item_with_related_links_in_its_element_beats_teasers_with_summaries() -> None:
    """A one-paragraph item under the headline, the site's related links inside the same element
    after it, and a box of teasers (a headline link and a summary each) beside it: the links must not
    sink the item's element below the teasers' prose (the element under the headline is weighed by
    the prose it holds), and the second opinion must not add the teasers to the item as if its text
    went on after the links (they repeat a list's pattern)."""
    item = ("记者从市气象台获悉，受北方寒流南下作用，本周末起全市气温陡降，最低气温可降至零下五摄氏度。"
            "气象部门请市民添衣保温，开车放慢车速，供暖企业也已进入应急状态，确保居民室内温度达标。")
    related = "".join(f"<p><a href='/r/{i}'>本市第{i}场寒潮预警发布 多部门联合应对</a></p>" for i in range(8))
    teasers = "".join(f"<div><a href='/y/{k}'>某区第{k}期民生工程进展</a><p>据了解，该区今年第{k}批民生工程已全部"
                      "开工，预计年底前完工，将惠及沿线数万居民，受到群众普遍欢迎。</p></div>" for k in range(3))
    page = html(f"{NAV}<div class='main'><h1>{TITLE}</h1><div class='text'><p>{item}</p>{related}</div></div>"
                f"<div class='col2'>{teasers}</div>")
    article = extract(page, URL, FETCHED_AT, raise_errors=True)
    assert article.is_article, article.reason
    assert article.body.split("\n") == [item]


def test_photo_news_body_is_its_caption_and_sentence_and_its_kind_is_photo() -> None:
    caption = "图为今晨大雾中的市中心街道，车辆开启雾灯缓慢通行。"
    sentence = "受冷空气影响，本市今晨出现大雾天气，部分路段能见度不足一百米。"
    page = html(f"<div class='main'><h1>实拍今晨大雾</h1><div class='text'><p><img src='/p/1.jpg'></p>"
                f"<p class='pictext'>{caption}</p><p>{sentence}</p></div></div>", title="实拍今晨大雾")
    article = extract(page, URL, FETCHED_AT, raise_errors=True)
    assert article.is_article and article.kind == "photo"
    assert article.body.splitlines() == [caption, sentence]


def test_a_photo_with_only_a_caption_is_photo_news_not_an_empty_page() -> None:
    caption = "图为今晨大雾中的市中心街道，车辆开启雾灯缓慢通行，行人纷纷戴上口罩出行。"
    page = html(f"<div class='main'><h1>实拍今晨大雾</h1><div class='text'><p><img src='/p/1.jpg'></p>"
                f"<p class='pictext'>{caption}</p></div></div>", title="实拍今晨大雾")
    article = extract(page, URL, FETCHED_AT, raise_errors=True)
    assert article.is_article and article.kind == "photo"
    assert article.body == caption


def test_an_ordinary_article_is_kind_article_and_keeps_captions_out() -> None:
    page = html(f"<div class='main'><h1>{TITLE}</h1><p><img src='/p/1.jpg'></p><p class='pictext'>图为气象台值班室</p>"
                + "".join(f"<p>{p}</p>" for p in PARAS) + "</div>")
    article = extract(page, URL, FETCHED_AT, raise_errors=True)
    assert article.kind == "article" and article.body.splitlines() == PARAS
    assert article.page_text == ""


def test_a_non_article_keeps_its_text_with_kind_and_reason() -> None:
    items = "".join(f"<li><a href='/n/{i}'>本市新闻标题第{i}条：某区开展城市清洁行动</a><span>今天</span></li>"
                    for i in range(30))
    page = html(f"<div class='main'><h1>本地新闻</h1><ul>{items}</ul></div>", title="本地新闻")
    article = extract(page, URL, FETCHED_AT, raise_errors=True)
    assert not article.is_article and article.reason and article.kind in ("list", "empty")
    assert article.body == "" and article.blocks == []
    assert "本市新闻标题第29条：某区开展城市清洁行动" in article.page_text  # the list's text stays searchable


def test_a_gallery_of_captioned_photos_keeps_its_captions_as_page_text() -> None:
    photos = "".join(f"<p><img src='/p/{i}.jpg'></p><p>图为城东公园第{i}号展区</p>" for i in range(6))
    page = html(f"<div class='main'><h1>城东公园花展开幕</h1><div class='pics'>{photos}</div></div>",
                title="城东公园花展开幕")
    article = extract(page, URL, FETCHED_AT, raise_errors=True)
    assert not article.is_article and article.reason
    assert "图为城东公园第5号展区" in article.page_text


NOTICE = [
    "著作权声明：本网站所刊登的各种新闻、信息和各种专题专栏资料，均为本网版权所有，未经协议授权，禁止下载使用。",
    "本网站的全部内容，包括文字、图片、音频、视频、软件、程序以及版面设计，均受著作权法和国际公约的保护。",
    "任何单位和个人以复制、转载、链接、镜像等方式使用上述内容的，应当事先取得本网书面许可，并注明出处。",
    "对于违反本声明的行为，本网将依法追究其法律责任，并保留向有关部门举报和提起诉讼的权利。",
    "凡本网注明来源为其他媒体的稿件，均为转载稿，本网转载出于传递更多信息之目的，并不意味着赞同其观点或证实其内容的真实性。",
    "如其他媒体、网站或个人从本网下载使用，必须保留本网注明的稿件来源，并自负版权等法律责任。",
    "本网所刊登的部分图片来自互联网，如有侵权请来信告知，我们将及时删除，感谢您的理解与支持。",
]


def test_a_long_copyright_notice_never_outweighs_a_short_article() -> None:
    short = PARAS[:2]
    page = html(f"<div class='a'><h1>{TITLE}</h1>" + "".join(f"<p>{p}</p>" for p in short) + "</div>"
                "<div class='b'>" + "".join(f"<p>{p}</p>" for p in NOTICE) + "</div>")
    article = extract(page, URL, FETCHED_AT, raise_errors=True)
    assert article.is_article and article.body.splitlines() == short


def test_a_short_news_item_with_a_video_is_an_article() -> None:
    sentence = "今天上午，本市在市民广场举行消防演练，三百余名市民参与，现场演示了火灾逃生和灭火器使用方法。"
    page = html(f"<div class='main'><h1>本市举行消防演练</h1><video src='/v/1.mp4'></video><p>{sentence}</p></div>",
                title="本市举行消防演练")
    article = extract(page, URL, FETCHED_AT, raise_errors=True)
    assert article.is_article and article.body == sentence


def test_a_player_with_no_text_is_a_video_page_and_keeps_what_text_it_has() -> None:
    page = html("<div class='main'><h1>消防演练视频</h1><video src='/v/1.mp4'></video>"
                "<p>时长 03:15</p><p>播放次数 1200</p><p>来自 某某视频</p></div>", title="消防演练视频")
    article = extract(page, URL, FETCHED_AT, raise_errors=True)
    assert not article.is_article and article.reason in ("video page", "no article text")
    assert article.body == ""


def test_many_photos_with_a_paragraph_are_an_article() -> None:
    photos = "".join(f"<p><img src='/p/{i}.jpg'></p><p>演练现场{i}</p>" for i in range(6))
    sentence = "今天上午，本市在市民广场举行消防演练，三百余名市民参与。"
    page = html(f"<div class='main'><h1>图集：消防演练</h1><p>{sentence}</p>{photos}</div>", title="图集：消防演练")
    article = extract(page, URL, FETCHED_AT, raise_errors=True)
    assert article.is_article and sentence in article.body


def test_a_count_of_404_in_the_headline_is_not_an_error_page() -> None:
    sentence = "今年全市共有404名学生获得市级奖学金，比去年增加六十人，获奖学生名单已在教育局网站公示。"
    page = html(f"<div class='main'><h1>全市404名学生获奖学金</h1><p>{sentence}</p></div>", title="全市404名学生获奖学金")
    article = extract(page, URL, FETCHED_AT, raise_errors=True)
    assert article.is_article and article.body == sentence


def test_a_numbered_announcement_404_in_the_headline_is_not_an_error_page() -> None:
    sentence = "市交通运输局今日发布公告，自下月起调整部分公交线路的首末班时间。"
    for headline in ("交通运输局第404號公告", "第404期：公交线路调整", "No.404 公交线路调整公告"):
        page = html(f"<div class='main'><h1>{headline}</h1><p>{sentence}</p></div>", title=headline)
        article = extract(page, URL, FETCHED_AT, raise_errors=True)
        assert article.is_article and article.body == sentence, (headline, article.reason)


def test_a_404_headline_over_an_apology_sentence_is_an_error_page() -> None:
    page = html("<div class='main'><h1>404 错误</h1><p>抱歉，您访问的页面不存在，可能已被删除或移动，请返回首页继续浏览。</p>"
                "<p><a href='/'>返回首页</a></p></div>", title="404 错误")
    article = extract(page, URL, FETCHED_AT, raise_errors=True)
    assert not article.is_article and article.reason == "error page"


def test_a_404_page_is_an_error_page() -> None:
    page = html("<div class='main'><h1>404 Not Found</h1><p>您访问的页面不存在或已被删除。</p>"
                "<p><a href='/'>返回首页</a></p></div>", title="404 页面不存在")
    article = extract(page, URL, FETCHED_AT, raise_errors=True)
    assert not article.is_article and article.reason == "error page"


TURNS = [
    "主持人：各位听众大家好，欢迎收听今天的节目，今天我们请到了市交通研究中心的专家。",
    "专家：大家好，很高兴和大家聊一聊早晚高峰的出行问题。",
    "主持人：最近不少听众反映，地铁早高峰越来越挤，您怎么看？",
    "专家：这和新区人口增长有关，我们建议错峰出行，也在研究加开区间车。",
    "主持人：那么公交方面有什么新的安排吗？",
    "专家：下个月将新开三条社区接驳线，方便居民换乘地铁。",
]


def _with_links(text: str, i: int) -> str:
    return f"<p>{text}</p><p><a href='/k/{i}a'>相关节目第{i}期回顾</a></p><p><a href='/k/{i}b'>本期嘉宾介绍第{i}条</a></p>"


def test_a_transcript_with_links_between_turns_is_not_a_list() -> None:
    page = html(f"<div class='main'><h1>早晚高峰怎么出行</h1>{''.join(_with_links(t, i) for i, t in enumerate(TURNS))}"
                "</div>", title="早晚高峰怎么出行")
    article = extract(page, URL, FETCHED_AT, raise_errors=True)
    assert article.is_article, article.reason
    assert article.body.splitlines() == TURNS


def test_headlines_with_cut_summaries_are_a_list() -> None:
    items = "".join(f"<p><a href='/n/{i}'>本市新闻标题第{i}条：某区开展城市清洁行动</a></p>"
                    f"<p><a href='/m/{i}'>某区新闻标题第{i}条</a></p><p>记者从某区获悉，本周该区将开展……[详细]</p>"
                    for i in range(8))
    page = html(f"<div class='main'><h1>本地新闻</h1>{items}</div>", title="本地新闻")
    article = extract(page, URL, FETCHED_AT, raise_errors=True)
    assert not article.is_article and article.reason == "list page"


NOTICE_ITEMS = [
    "一、自下月起，全市公共停车场实行分时段收费，具体标准以现场公示为准；",
    "二、夜间二十二时至次日七时，路内停车位免费开放；",
    "三、新能源车辆首小时停车费减半收取；",
    "四、违规占用消防通道的车辆将依法拖移；",
    "五、市民可通过政务热线反映收费问题；",
    "六、本办法自公布之日起施行，由市交通局负责解释。",
]


def test_an_article_of_short_items_with_a_related_box_inside_is_not_a_list() -> None:
    """Short numbered items (no full stop until the last) and one box of a dozen related links
    between them: many links, but all in one gap — no list pattern, so the article stays."""
    related = "".join(f"<p><a href='/r/{i}'>本市停车收费调整相关解读第{i}篇</a></p>" for i in range(12))
    items = [f"<p>{t}</p>" for t in NOTICE_ITEMS]
    page = html("<div class='main'><h1>本市调整停车收费办法</h1>" + "".join(items[:3]) + related
                + "".join(items[3:]) + "</div>", title="本市调整停车收费办法")
    article = extract(page, URL, FETCHED_AT, raise_errors=True)
    assert article.is_article, article.reason
    assert article.body.splitlines() == NOTICE_ITEMS


def test_short_paragraphs_closed_by_a_credit_between_links_are_sentences_not_summaries() -> None:
    """Paragraphs whose last character is a credit's bracket (``…。（李明）``) are whole sentences;
    with a link under every one of them the page is still a story, not a list."""
    paras = [f"第{n}站：今天上午，志愿者在社区服务站为老人测量血压。（李明）" for n in "一二三四五六"]
    body = "".join(f"<p>{p}</p><p><a href='/s/{i}'>查看第{i}站的更多照片</a></p>"
                   f"<p><a href='/v/{i}'>观看第{i}站的现场视频</a></p>" for i, p in enumerate(paras))
    page = html(f"<div class='main'><h1>志愿服务走进社区</h1>{body}</div>", title="志愿服务走进社区")
    article = extract(page, URL, FETCHED_AT, raise_errors=True)
    assert article.is_article, article.reason
    assert article.body.splitlines() == paras


def test_headlines_with_summaries_cut_after_a_full_stop_are_a_list() -> None:
    items = "".join(f"<p><a href='/n/{i}'>本市新闻标题第{i}条：某区开展城市清洁行动</a></p>"
                    f"<p><a href='/m/{i}'>某区新闻标题第{i}条</a></p>"
                    f"<p>记者从某区获悉，本周该区第{i}街道将开展清洁行动。活动期间……【全文】</p>" for i in range(8))
    page = html(f"<div class='main'><h1>本地新闻</h1>{items}</div>", title="本地新闻")
    article = extract(page, URL, FETCHED_AT, raise_errors=True)
    assert not article.is_article and article.reason == "list page"
    assert "清洁行动" in article.page_text


def test_a_short_story_without_final_full_stops_between_two_link_boxes_is_not_a_list() -> None:
    """Three paragraphs that leave out their final full stop (as many mobile and Hong Kong texts
    do) with two boxes of links between them: two linked gaps are no list's repeated pattern, and
    a block of two clauses is text."""
    paras = ["记者从市园林局获悉，市民公园的樱花进入盛开期，预计花期将持续到本月底",
             "园方提醒，赏花高峰期园内人流较大，请游客错峰入园，文明赏花",
             "公园开放时间为每日六时至二十二时，节假日延长至二十三时，请游客合理安排行程"]

    def box(k: str) -> str:
        return "".join(f"<p><a href='/r/{k}{i}'>樱花观赏地点推荐第{k}{i}处详细介绍</a></p>" for i in range(6))

    page = html(f"<div class='main'><h1>市民公园樱花盛开</h1><p>{paras[0]}</p>{box('a')}<p>{paras[1]}</p>"
                f"{box('b')}<p>{paras[2]}</p></div>", title="市民公园樱花盛开")
    article = extract(page, URL, FETCHED_AT, raise_errors=True)
    assert article.is_article, article.reason
    assert article.body.splitlines() == paras


def test_a_photo_story_whose_captions_are_sentences_is_photo_news_not_a_gallery() -> None:
    """Four photos, each captioned with a sentence of the story, and no other text: the captions are
    the article (kind ``photo``), not a gallery's labels."""
    captions = [f"图为今晨第{n}号路口，交警在大雾中指挥车辆缓慢通行。" for n in "一二三四"]
    photos = "".join(f"<p><img src='/p/{i}.jpg'></p><p>{c}</p>" for i, c in enumerate(captions))
    page = html(f"<div class='main'><h1>实拍今晨大雾中的路口</h1>{photos}</div>", title="实拍今晨大雾中的路口")
    article = extract(page, URL, FETCHED_AT, raise_errors=True)
    assert article.is_article, article.reason
    assert article.kind == "photo"
    assert article.body.splitlines() == captions


def test_photos_captioned_with_labels_are_still_a_gallery() -> None:
    photos = "".join(f"<p><img src='/p/{i}.jpg'></p><p>城东公园第{i}号展区</p>" for i in range(6))
    page = html(f"<div class='main'><h1>城东公园花展开幕</h1>{photos}</div>", title="城东公园花展开幕")
    article = extract(page, URL, FETCHED_AT, raise_errors=True)
    assert not article.is_article and article.reason == "no article text"
    assert "城东公园第5号展区" in article.page_text


RELATED = "<div class='related'>" + "".join(
    f"<p><a href='/r/{i}'>本市其他新闻标题第{i}条：某区开展城市清洁行动</a></p>" for i in range(20)) + "</div>"


def test_a_one_sentence_item_beside_a_photo_on_a_portal_full_of_links_is_photo_news() -> None:
    """A sentence too short for a paragraph, told right under the page's headline, beside one photo:
    the menus and related links around it are no evidence of a list (issue 12: such pages were
    dropped as list pages)."""
    page = html(f"{NAV}<div class='main'><h1>{TITLE}</h1><div class='info'>2023-04-17 08:10 来源：某某网</div>"
                f"<p><img src='/p/1.jpg'></p><p>全市今晨普降小雪。</p></div>{RELATED}")
    article = extract(page, URL, FETCHED_AT, raise_errors=True)
    assert article.is_article, article.reason
    assert article.kind == "photo"
    assert article.body == "全市今晨普降小雪。"


def test_a_short_clause_under_the_headline_is_an_article() -> None:
    """Two clauses without a final full stop, under the headline: a 快讯, not a list."""
    text = "本周后期全市明显降温，最低气温零下五度"
    page = html(f"{NAV}<div class='main'><h1>{TITLE}</h1><p>{text}</p></div>{RELATED}")
    article = extract(page, URL, FETCHED_AT, raise_errors=True)
    assert article.is_article, article.reason
    assert article.kind == "article" and article.body == text


def test_a_short_text_under_a_dateline_is_an_article() -> None:
    text = "市区主要道路积雪已基本清除"
    page = html(f"{NAV}<div class='main'><h1>{TITLE}</h1><div class='info'>2023-04-17 08:10 来源：某某网</div>"
                f"<p>{text}</p></div>{RELATED}")
    article = extract(page, URL, FETCHED_AT, raise_errors=True)
    assert article.is_article, article.reason
    assert article.body == text


def test_a_short_sentence_away_from_the_headline_or_beside_a_player_or_many_photos_is_no_story() -> None:
    """The short story needs its headline above it and no positive evidence of another kind."""
    player = html(f"{NAV}<div class='main'><h1>{TITLE}</h1><video src='/v/1.mp4'></video>"
                  f"<p>全市今晨普降小雪。</p></div>{RELATED}")
    assert extract(player, URL, FETCHED_AT, raise_errors=True).reason == "video page"
    photos = "".join(f"<p><img src='/p/{i}.jpg'></p>" for i in range(5))
    gallery = html(f"{NAV}<div class='main'><h1>{TITLE}</h1>{photos}<p>全市今晨普降小雪。</p></div>{RELATED}")
    assert extract(gallery, URL, FETCHED_AT, raise_errors=True).reason == "no article text"
    no_headline = html(f"{NAV}<div class='main'><p>全市今晨普降小雪。</p></div>{RELATED}", title="某某网")
    assert not extract(no_headline, URL, FETCHED_AT, raise_errors=True).is_article


def test_text_typed_with_ascii_punctuation_is_running_text() -> None:
    """Chinese typed with half-width ``,`` and ``.`` (some overseas and Hong Kong sites): its blocks
    are sentences and paragraphs like those typed with ``，`` and ``。``, so a story with a link under
    each paragraph is no list."""
    from newscrawler.extract.article import _has_paragraph, _whole_sentence
    from newscrawler.extract.options import DEFAULT_OPTIONS
    from newscrawler.extract.text import clause_commas, ends_sentence, has_full_stop
    from newscrawler.items import Block

    text = "市政府今日宣布,明年起調整公共交通票價,市民反應不一."
    assert has_full_stop(text) and ends_sentence(text) and clause_commas(text) == 2
    assert _whole_sentence(text, DEFAULT_OPTIONS) and _has_paragraph([Block(type="p", text=text)], DEFAULT_OPTIONS)
    assert not has_full_stop("票價為3.5元") and not has_full_stop("未完待續...") and not ends_sentence("（李明）")
    assert clause_commas("1,000元") == 0


def test_a_headline_repeated_under_the_text_does_not_cut_the_text_away() -> None:
    """The headline printed as a bold line above the text and repeated as a heading under it (a print
    box): the heading is read as the headline, but the text before it is the article, not dropped."""
    page = html(f"{NAV}<div class='main'><div class='big'><b>{TITLE}</b></div>"
                + "".join(f"<p>{p}</p>" for p in PARAS)
                + f"<h3>{TITLE}</h3><p>打印本页 关闭窗口</p></div>{RELATED}")
    article = extract(page, URL, FETCHED_AT, raise_errors=True)
    assert article.is_article, article.reason
    assert article.body.splitlines() == PARAS


def _body() -> str:
    return "".join(f"<p>{p}</p>" for p in PARAS)


def test_an_article_a_script_shows_is_read_when_nothing_else_is_text() -> None:
    """The whole text in an element hidden by its style (a script reveals it after load), or in a
    ``<noscript>`` fallback of a page a script renders: dropped for want of text, the page is read
    again with that text revealed, and it is the article."""
    for wrapped in (f"<div id='c' style='display:none'>{_body()}</div>", f"<noscript>{_body()}</noscript>"):
        page = html(f"{NAV}<div class='main'><h1>{TITLE}</h1>{wrapped}</div>{RELATED}")
        article = extract(page, URL, FETCHED_AT, raise_errors=True)
        assert article.is_article, article.reason
        assert article.body.splitlines() == PARAS


def test_a_story_inside_a_link_to_the_next_slide_is_read_as_text() -> None:
    page = html(f"{NAV}<div class='main'><h1>{TITLE}</h1><a href='/2023/0417/1_2.html'>{_body()}</a></div>{RELATED}")
    article = extract(page, URL, FETCHED_AT, raise_errors=True)
    assert article.is_article, article.reason
    assert article.body.splitlines() == PARAS


def test_hidden_menus_do_not_make_a_list_page_an_article() -> None:
    """Revealing hidden elements is a second reading of a dropped page only: a list whose hidden
    drop-down menus hold a line of text is still a list."""
    items = "".join(f"<p><a href='/n/{i}'>本市新闻标题第{i}条：某区开展城市清洁行动</a></p>"
                    f"<p><a href='/m/{i}'>某区新闻标题第{i}条</a></p><p>记者从某区获悉，本周该区将开展……[详细]</p>"
                    for i in range(8))
    menu = "<div style='display:none'><p>欢迎访问本网站，请选择您所在的城市。</p></div>"
    page = html(f"{menu}<div class='main'><h1>本地新闻</h1>{items}</div>", title="本地新闻")
    article = extract(page, URL, FETCHED_AT, raise_errors=True)
    assert not article.is_article and article.reason == "list page"


def test_a_list_verdict_needs_no_block_of_running_text() -> None:
    """``_list_like`` on routed blocks: a list's pattern (many headline links in many gaps, short
    fragments) is a list until one block is running text (two full stops, not cut short)."""
    from newscrawler.extract.article import _list_like
    from newscrawler.extract.body import Sorted
    from newscrawler.extract.options import DEFAULT_OPTIONS
    from newscrawler.extract.text import nospace
    from newscrawler.items import Block

    fragments = [Block(type="p", text=f"某区第{i}街道开展清洁行动") for i in range(6)]
    found = Sorted(blocks=fragments, interleaved_links=18, linked_gaps=6)
    chars = sum(len(nospace(b.text)) for b in fragments)
    assert _list_like(found, chars, DEFAULT_OPTIONS)
    story = Block(type="p", text=PARAS[0] + PARAS[1] + PARAS[2])
    found = Sorted(blocks=[*fragments, story], interleaved_links=18, linked_gaps=6)
    assert not _list_like(found, chars + len(nospace(story.text)), DEFAULT_OPTIONS)
    cut = Block(type="p", text=PARAS[0] + PARAS[1] + "记者从某区获悉……[详细]")
    found = Sorted(blocks=[*fragments, cut], interleaved_links=18, linked_gaps=6)
    assert _list_like(found, chars + len(nospace(cut.text)), DEFAULT_OPTIONS)


def test_a_sign_in_search_or_welcome_prompt_under_a_headline_is_no_short_story() -> None:
    for title, text in (("用户登录", "请输入用户名和密码。"), ("搜索结果", "共找到0条相关结果。"),
                        ("本地新闻", "欢迎访问本地新闻频道！")):
        page = html(f"{NAV}<div class='main'><h1>{title}</h1><p>{text}</p></div>{RELATED}", title=title)
        assert not extract(page, URL, FETCHED_AT, raise_errors=True).is_article, title


def test_a_channels_welcome_line_over_its_list_does_not_make_it_an_article() -> None:
    items = "".join(f"<p><a href='/n/{i}'>本市新闻标题第{i}条：某区开展城市清洁行动</a></p>"
                    f"<p><a href='/m/{i}'>某区新闻标题第{i}条</a></p><p>记者从某区获悉，本周该区将开展……[详细]</p>"
                    for i in range(8))
    page = html(f"<div class='main'><h1>本地新闻</h1><p>欢迎访问本地新闻频道，这里有本市最新的新闻。</p>{items}</div>",
                title="本地新闻")
    article = extract(page, URL, FETCHED_AT, raise_errors=True)
    assert not article.is_article and article.reason == "list page"


def test_a_short_news_item_mentioning_passwords_or_a_welcome_is_an_article() -> None:
    """Prompt words inside a sentence of news (密码, 验证码, 欢迎来到) do not make the page a prompt."""
    for title, text in (("警方提醒谨防冒充客服诈骗", "市公安局昨日提醒市民，接到自称网店客服的来电时，切勿透露银行卡密码和短信验证码，"
                         "如有疑问请直接拨打官方电话核实。"),
                        ("湖滨公园灯会开幕", "昨晚，湖滨公园灯会正式开幕，园方在入口挂出“欢迎来到灯会”的彩灯，吸引数千名市民前来观赏。")):
        page = html(f"{NAV}<div class='main'><h1>{title}</h1><p>{text}</p></div>{RELATED}", title=title)
        article = extract(page, URL, FETCHED_AT, raise_errors=True)
        assert article.is_article, (title, article.reason)
        assert article.body == text



def test_the_second_reading_of_a_page_gets_only_the_time_left(monkeypatch: pytest.MonkeyPatch) -> None:
    """One page never takes more than its budget: the reading with hidden text revealed is given the
    CPU time the first reading left, not a budget of its own."""
    import newscrawler.extract.article as article_module
    from newscrawler.extract.budget import Budget

    given: list[float] = []

    class Recording(Budget):
        def __init__(self, seconds: float) -> None:
            given.append(seconds)
            super().__init__(seconds)

    monkeypatch.setattr(article_module, "Budget", Recording)
    page = html(f"{NAV}<div class='main'><h1>{TITLE}</h1><div style='display:none'>{_body()}</div></div>{RELATED}")
    article = extract(page, URL, FETCHED_AT, raise_errors=True, time_budget=60.0)
    assert article.is_article, article.reason
    assert len(given) == 2 and given[0] == 60.0 and 0 < given[1] < 60.0
