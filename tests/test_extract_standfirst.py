"""A labelled standfirst (摘要：…, 导读：…) printed between the headline and the text opens the body,
also when the page keeps it apart from the text's element (issue 12: text lost on unseen sites)."""

from __future__ import annotations

from newscrawler.extract import extract

from .conftest import FETCHED_AT

URL = "https://news.example.cn/2023/0417/3.html"
PARAS = [
    "市气象台今天上午发布消息，受北方寒流南下作用，本周末起全市气温陡降，最低气温可降至零下五摄氏度。",
    "气象专家提醒，降温期间早晚温差较大，市民出行要注意添衣保暖，老人和儿童尤其要防范感冒。",
    "交通部门表示，已提前做好道路除冰准备，各主要桥梁和高架路段均安排了值守人员和融雪物资。",
]


def page(standfirst: str) -> bytes:
    return ("<html><head><meta charset='utf-8'><title>本周后期全市明显降温_某某网</title></head><body>"
            "<div class='nav'><a href='/'>首页</a> <a href='/n'>新闻</a></div>"
            "<h1>本周后期全市明显降温</h1><ul><li>2023-04-17 09:48</li><li>某某网</li></ul>"
            f"<div class='lead'>{standfirst}</div>"
            "<div class='text'>" + "".join(f"<p>{p}</p>" for p in PARAS) + "</div>"
            "<div class='links'>" + "".join(f"<p><a href='/n/{i}'>本市第{i}期民生新闻汇总</a></p>" for i in range(12))
            + "</div></body></html>").encode()


def test_a_standfirst_outside_the_text_element_opens_the_body() -> None:
    lead = "摘要：受北方寒流南下作用，本周末起全市气温陡降，市民出行需注意保暖。"
    article = extract(page(lead), URL, FETCHED_AT, raise_errors=True)
    assert article.is_article
    assert article.body.split("\n") == [lead, *PARAS]
    assert article.publish_date is not None and article.publish_date.day == 17


def test_a_label_with_no_sentence_after_it_stays_out() -> None:
    for line in ("导读：降温", "摘要：本周后期全市明显降温相关图片"):
        article = extract(page(line), URL, FETCHED_AT, raise_errors=True)
        assert article.body.split("\n") == PARAS, line


def test_an_unlabelled_standfirst_the_pages_description_repeats_opens_the_body() -> None:
    lead = "[受北方寒流南下作用，本周末起全市气温陡降，市民出行需注意保暖]"
    with_meta = page(lead).replace(b"<title>", f"<meta name='description' content='{lead}'><title>".encode(), 1)
    article = extract(with_meta, URL, FETCHED_AT, raise_errors=True)
    assert article.body.split("\n") == [lead, *PARAS]
    cut = lead[:31] + "..."  # a description cut short still names the line it opens
    article = extract(page(lead).replace(b"<title>", f"<meta name='description' content='{cut}'><title>".encode(), 1),
                      URL, FETCHED_AT, raise_errors=True)
    assert article.body.split("\n") == [lead, *PARAS]
    # without a description repeating it, an unlabelled line there stays out (it may be a deck or a promo)
    assert extract(page(lead), URL, FETCHED_AT, raise_errors=True).body.split("\n") == PARAS
