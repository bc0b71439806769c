"""Where the article text starts and ends: small pages written for one rule each."""

from __future__ import annotations

from newscrawler.extract import extract

from .conftest import FETCHED_AT

PARAS = [
    "今年以来，本市持续推进老旧小区改造，累计完成项目一百二十个，惠及居民两万余户，群众满意度明显提升。",
    "市住建局有关负责人表示，下一步将把加装电梯、完善无障碍设施作为重点，同步推进管线更新和停车位改造。",
    "据介绍，改造资金由财政补助、居民自筹和社会资本共同承担，其中财政补助比例约为百分之六十。",
    "不少居民表示，改造后小区环境焕然一新，出行更加方便，也希望后续管理能够跟上，避免出现反弹。",
]


def page(inner: str, title: str = "本市老旧小区改造提速") -> bytes:
    html = (f"<html><head><meta charset='utf-8'><title>{title}_本地_某某网</title></head>"
            f"<body><div class='main'><h1>{title}</h1>{inner}</div></body></html>")
    return html.encode("utf-8")


def paras(items: list[str] = PARAS) -> str:
    return "".join(f"<p>{p}</p>" for p in items)


def run(inner: str) -> list[str]:
    article = extract(page(inner), "https://news.example.cn/2023/0417/1.html", FETCHED_AT, raise_errors=True)
    assert article.is_article, article.reason
    return article.body.splitlines()


def test_related_list_after_the_text_is_cut() -> None:
    related = "<h3>相关新闻</h3><ul>" + "".join(f"<li><a href='/a/{i}'>相关标题第{i}条：某区启动改造</a></li>"
                                             for i in range(6)) + "</ul>"
    assert run(paras() + related) == PARAS


def test_prose_after_a_related_heading_is_a_sidebar_story() -> None:
    sidebar = "<p>相关新闻</p><p>邻区同步启动改造</p>" + paras(PARAS[:2])
    lines = run(paras(PARAS[2:]) + sidebar)
    assert lines[-2:] == PARAS[:2] and "相关新闻" in lines


def test_title_copy_and_truncated_copy_pairs_are_dropped() -> None:
    pairs = "".join(f"<p><a href='/b/{i}'>某区启动第{i}批老旧小区改造工程</a></p><p><a href='/b/{i}'>某区启动第{i}批老旧</a></p>"
                    for i in range(3))
    assert run(paras() + pairs) == PARAS


def test_labelled_notice_closes_the_article() -> None:
    tail = "<p>声明：本文仅代表作者观点，不代表本网立场。</p><p>一、本网欢迎转载，请注明出处和作者。</p>"
    article = extract(page(paras() + tail), None, FETCHED_AT, raise_errors=True)
    assert article.body.splitlines() == PARAS
    assert [d.text for d in article.disclaimers] == ["声明：本文仅代表作者观点，不代表本网立场。"]


def test_writer_note_and_trailing_credit_are_bylines() -> None:
    article = extract(page(paras() + "<p>（张明 李华）</p><p>作者为本报特约评论员。</p>"), None, FETCHED_AT,
                      raise_errors=True)
    assert article.body.splitlines() == PARAS
    assert article.author == ["张明", "李华"]


def test_credit_at_the_end_of_the_last_paragraph_stays_in_the_text() -> None:
    last = PARAS[-1] + "（王强）"
    article = extract(page(paras([*PARAS[:-1], last])), None, FETCHED_AT, raise_errors=True)
    assert article.body.splitlines()[-1] == last
    assert article.author == ["王强"]


def test_forum_thread_keeps_the_first_post() -> None:
    rule = "<p>------------------------------</p>"
    thread = paras(PARAS[:2]) + rule + "<p>楼主说得对，我们小区也在改。</p>" + rule + "<p>顶一下，希望早日完工。</p>"
    assert run(thread) == PARAS[:2]


def test_blog_archive_keeps_the_first_post() -> None:
    def post(n: int, body: list[str]) -> str:
        return (f"<div class='post'><h2>第{n}篇随笔</h2>{paras(body)}"
                f"<p class='post-footer'>由某某张贴 @ 2005-06-1{n} 03:25:55 ({n}7) 共 {n} 篇评论</p></div>")

    article = extract(page(post(1, PARAS[:2]) + post(2, PARAS[2:])), None, FETCHED_AT, raise_errors=True)
    assert article.body.splitlines()[-1] == PARAS[1]
    assert PARAS[2] not in article.body
    assert article.author == ["某某"]


def test_comment_thread_inside_the_container_is_dropped() -> None:
    comments = ("<div class='comment-list'>" + "".join(f"<p>网友{i}：这篇报道写得很详细，希望政府继续加大投入，让更多小区受益。</p>"
                                                      for i in range(3)) + "</div>")
    assert run(paras() + comments) == PARAS


def test_data_table_rows_become_tab_joined_blocks() -> None:
    table = "<table><tr><th>区</th><th>项目数</th></tr><tr><td>东城</td><td>40</td></tr><tr><td>西城</td><td>35</td></tr></table>"
    article = extract(page(paras(PARAS[:2]) + table + paras(PARAS[2:])), None, FETCHED_AT, raise_errors=True)
    tables = [b.text for b in article.blocks if b.type == "table"]
    assert tables == ["区\t项目数", "东城\t40", "西城\t35"]


def test_unpunctuated_blog_prose_is_text() -> None:
    lines = [f"第{i}天 清晨溪谷霧氣繚繞林間 沿著碎石步道緩緩下行約半小時便到溪邊 滿山楓葉紅黃交錯" for i in range(8)]
    article = extract(page(paras(lines), title="東岭溪谷賞楓記"), None, FETCHED_AT, raise_errors=True)
    assert article.is_article
    assert article.body.splitlines() == lines
    assert article.language == "zh-Hant"


def test_a_recommended_box_inside_the_text_does_not_end_it() -> None:
    box = ("<p>推荐阅读</p>" + "".join(f"<p><a href='/r/{i}'>某区推荐阅读标题第{i}条</a></p>" for i in range(3)))
    lines = run(paras(PARAS[:2]) + box + paras(PARAS[2:]))
    assert lines[:2] == PARAS[:2] and lines[-2:] == PARAS[2:]


def test_a_related_list_at_the_end_still_ends_the_text() -> None:
    related = ("<p>推荐阅读</p>" + "".join(f"<p><a href='/r/{i}'>某区推荐阅读标题第{i}条</a></p>" for i in range(3))
               + "<p>本站声明：转载请注明出处。</p>")
    assert run(paras() + related) == PARAS


BLOG_LINES = [
    ["清晨的山路上雾气还没有散开 车子沿着溪谷慢慢往上开", "转过几道弯之后 远处的村落和梯田一下子出现在眼前"],
    ["村口那棵老樟树据说已经有三百多年 树下总坐着乘凉的老人", "他们用方言聊着今年的收成 偶尔抬头看看来往的游客"],
    ["傍晚的炊烟一缕缕升起 晚霞把整片山谷染成了橘红色", "我们在溪边的石头上坐了很久 直到天色完全暗下来"],
]


def test_a_blog_passage_that_follows_a_photo_is_text_not_its_caption() -> None:
    """Photo blogs put a passage of short unpunctuated lines under each photo: its first line is
    text (the lines after it are the same kind), while a lone short line under a photo is a caption."""
    inner = "".join(f"<p><img src='/p/{i}.jpg'></p>" + "".join(f"<p>{t}</p>" for t in lines)
                    for i, lines in enumerate(BLOG_LINES))
    body = run(inner)
    assert body == [t for lines in BLOG_LINES for t in lines]
    caption = "<p><img src='/p/9.jpg'></p><p>村口的老樟树和树下乘凉的老人</p>"
    article = extract(page(paras(PARAS[:2]) + caption + paras(PARAS[2:])), None, FETCHED_AT, raise_errors=True)
    assert [img.caption for img in article.images] == ["村口的老樟树和树下乘凉的老人"]
    subheading = "<p><strong>改造后的小区迎来第一个春天 居民纷纷走出家门</strong></p>"
    caption = "<p><img src='/p/9.jpg'></p><p>改造后的小区里 居民在新建的凉亭下休息</p>"
    article = extract(page(paras(PARAS[:2]) + caption + subheading + paras(PARAS[2:])), None, FETCHED_AT,
                      raise_errors=True)
    assert [img.caption for img in article.images] == ["改造后的小区里 居民在新建的凉亭下休息"]


def test_a_table_the_text_announces_is_part_of_the_article() -> None:
    """A notice ending in ``附：…一览`` (or ``如下：``) is followed by the data it announces: the table
    right after the text block is kept, though its short cells score as furniture."""
    cells = [("东城区", "和平里社区", "四十二"), ("西城区", "德胜门社区", "三十五"), ("朝阳区", "安贞社区", "二十八"),
             ("海淀区", "学院路社区", "三十一"), ("丰台区", "方庄社区", "二十六")]
    table = ("<table><tr><td><div>区名</div></td><td><div>社区</div></td><td><div>楼栋数</div></td></tr>"
             + "".join(f"<tr><td><div>{a}</div></td><td><div>{b}<br>（改造中）</div></td><td><div>{c}</div></td></tr>"
                       for a, b, c in cells) + "</table>")
    inner = f"<div class='text'>{paras()}<p>附：首批改造社区一览</p></div>{table}"
    lines = run(inner)
    assert lines[: len(PARAS) + 1] == [*PARAS, "附：首批改造社区一览"]
    kept = "\n".join(lines)
    assert all(a in kept and b in kept for a, b, _ in cells)
    # without the announcement the table stays out
    assert "和平里社区" not in "\n".join(run(f"<div class='text'>{paras()}</div>{table}"))
    links = ("<table>" + "".join(f"<tr><td><div><a href='/n/{i}'>某区老旧小区改造工程第{i}批项目开工</a></div></td>"
                                 f"<td><div>2023-04-1{i}</div></td></tr>"
                                 for i in range(5)) + "</table>")
    assert "2023-04-11" not in "\n".join(run(f"<div class='text'>{paras()}<p>附：相关报道</p></div>{links}"))


def test_a_table_of_contents_or_a_linked_data_table_inside_the_text_does_not_end_it() -> None:
    """Encyclopedia-style pages: a short name over rows of a data table whose values are links, and
    a 目录 over links to the page's own sections. Neither is a related-news list: the text goes on."""
    facts = ("<p>老街</p><table><tr><th>所在地</th><td><a href='/wiki/a'>某某省某某市</a></td></tr>"
             "<tr><td><a href='/wiki/c'>始建年代</a></td><td><a href='/wiki/b'>明代</a></td></tr></table>")
    toc = ("<h2>目录</h2><ul>" + "".join(f"<li><a href='#s{i}'>{i} 第{i}节概况</a></li>" for i in range(1, 20))
           + "</ul>")
    sections = "".join(f"<h2 id='s{i}'>第{i}节概况</h2><p>{p}</p>" for i, p in enumerate(PARAS[2:], 1))
    lines = run(facts + paras(PARAS[:1]) + "<p>老街至今仍有人居住。</p>" + toc + paras(PARAS[1:2]) + sections)
    assert [ln for ln in lines if ln in PARAS] == PARAS
    assert not any("第1节概况" in ln and len(ln) < 8 for ln in lines[:3])  # the contents are not text
    facts_inside = run(paras(PARAS[:1]) + facts + paras(PARAS[1:2]) + "<p>老街至今仍有人居住。</p>" + sections)
    assert [ln for ln in facts_inside if ln in PARAS] == PARAS
    # rows that start with a headline link (and give its date) still make a list that ends the text
    news = ("<p>区内要闻</p><table>" + "".join(f"<tr><td><a href='/n/{i}'>某区老旧小区改造工程第{i}批项目开工</a></td><td>2023-04-1{i}</td></tr>"
                                            for i in range(5)) + "</table>")
    teaser = "<p>某区召开专题会议研究部署下一阶段改造工作，会议要求各街道加快推进项目落地见效。</p>"
    assert run(paras() + news + teaser) == PARAS


def test_in_an_unpunctuated_text_a_plain_line_under_a_photo_is_text() -> None:
    """A blog written without full stops gives no contrast between its lines and a caption: a short
    plain line under a photo is text there; in punctuated text it stays the photo's caption."""
    inner = "<p><img src='/p/1.jpg'></p>" + "".join(f"<p>{t}</p>" for lines in BLOG_LINES for t in lines)
    inner += "<p><img src='/p/8.jpg'></p><p>晚饭是一锅热腾腾的砂锅鱼头</p><p><img src='/p/9.jpg'></p>"
    body = run(inner)
    assert body[-1] == "晚饭是一锅热腾腾的砂锅鱼头"
    assert body[:-1] == [t for lines in BLOG_LINES for t in lines]
    punctuated = extract(page(paras() + "<p><img src='/p/8.jpg'></p><p>晚饭是一锅热腾腾的砂锅鱼头</p>"
                              "<p><img src='/p/9.jpg'></p>"), None, FETCHED_AT, raise_errors=True)
    assert punctuated.body.splitlines()[-1] == PARAS[-1]
    assert punctuated.images[0].caption == "晚饭是一锅热腾腾的砂锅鱼头"


def test_a_headline_printed_on_two_lines_stays_out_of_the_body() -> None:
    """A headline and its subtitle printed as two plain lines (``主题`` / ``——副题``) that together read
    as ``<title>``'s headline are the headline, not the first paragraphs."""
    html = ("<html><head><meta charset='utf-8'><title>凝心聚力谱新篇——写在某某市老旧小区改造全面启动之际_某某市人民政府网"
            "</title></head><body><div class='nav'><a href='/'>首页</a> <a href='/a'>政务动态</a></div>"
            "<div class='article'><p class='t1'>凝心聚力谱新篇</p><div>——写在某某市老旧小区改造全面启动之际</div>"
            f"{paras()}</div></body></html>")
    article = extract(html.encode("utf-8"), None, FETCHED_AT, raise_errors=True)
    assert article.body.splitlines() == PARAS
    assert article.title == "凝心聚力谱新篇——写在某某市老旧小区改造全面启动之际"
