"""Invisible watermarks an anti-copy script slips into the text are not body (issue 12: sites never
seen). Every page here is invented."""

from __future__ import annotations

from newscrawler.extract import extract

from .conftest import FETCHED_AT

URL = "https://news.example.cn/2023/0417/5.html"
PARAS = [
    "记者从市交通局获悉，本市将于下月起调整部分公交线路，涉及城东和城南的十二条线路。",
    "据介绍，调整后的线路将更好地衔接地铁站点，方便市民换乘，高峰时段发车间隔也将缩短。",
    "交通部门提醒，市民可通过政务热线或官方应用查询调整后的线路走向和首末班时间。",
]


def page(body: str, style: str = "") -> bytes:
    return (f"<html><head><meta charset='utf-8'><title>本市调整公交线路_某某网</title><style>{style}</style></head>"
            f"<body><div class='main'><h1>本市调整公交线路</h1><div class='text'>{body}</div></div></body></html>").encode()


def test_scraps_hidden_by_a_class_of_the_pages_stylesheet_are_dropped_and_the_text_around_kept() -> None:
    marks = ["某某网,www.example.cn", "e x a m p l e . c n", "某 某 网"]
    body = "".join(f"<p>{p[:10]}<span class='Qx81'>{m}</span>{p[10:]}</p>" for p, m in zip(PARAS, marks, strict=True))
    article = extract(page(body, ".nav{color:red} .Qx81 { display:none; } #ad1{visibility:hidden}"), URL,
                      FETCHED_AT, raise_errors=True)
    assert article.body.splitlines() == PARAS


def test_a_folded_rest_of_the_article_hidden_by_a_class_is_kept() -> None:
    """A long section a script reveals (展开全文) is text, not a watermark."""
    body = f"<p>{PARAS[0]}</p><div class='fold'><p>{PARAS[1]}</p><p>{PARAS[2]}</p></div>"
    article = extract(page(body, ".fold{display:none}"), URL, FETCHED_AT, raise_errors=True)
    assert article.body.splitlines() == PARAS


def test_white_text_inside_a_paragraph_is_dropped_but_white_text_standing_alone_is_kept() -> None:
    body = (f"<p>{PARAS[0]}<font color='#FFFFFF'>某某网</font></p>"
            f"<p>{PARAS[1]} <span style='color:#fff'>www.example.cn</span></p>"
            f"<p style='background:#036'><font color=white>一、线路调整</font></p><p>{PARAS[2]}</p>")
    article = extract(page(body), URL, FETCHED_AT, raise_errors=True)
    assert article.body.splitlines() == [PARAS[0], PARAS[1], "一、线路调整", PARAS[2]]
