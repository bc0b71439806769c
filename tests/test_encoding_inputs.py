"""Inputs that used to lose an article or pass garbage on (issue 18 point 7): a leading NUL byte,
UTF-16 without a byte-order mark, pages part UTF-8 and part GBK, and a wrong forced codec.

Each must come out as the article it is, or be refused as ``mis-encoded``: never garbled text with
``is_article=True``. All pages are written for these tests (invented text).
"""

from __future__ import annotations

import pytest

from newscrawler.extract import extract
from newscrawler.extract.decode import decode_body, looks_binary, utf16_without_bom

from .conftest import FETCHED_AT

URL = "https://news.example.cn/a/1.html"
TITLE = "本市今年新开三条地铁线路"
SENTENCE = "记者从市交通委获悉，今年本市将新开通第{i}批地铁线路，总里程超过{k}公里，沿线居民出行将更加便捷。"
PARAS = "".join("<p>" + SENTENCE.format(i=i, k=i * 10) + "</p>" for i in range(1, 7))
TRAD_TITLE = "臺北擴大公共運輸補助"
TRAD_PARAS = "".join(f"<p>臺北市政府今天宣佈，將在明年擴大公共運輸補助第{i}期，讓更多民眾受惠，預計投入新臺幣十億元。</p>"
                     for i in range(1, 7))


def page(meta: str = "", title: str = TITLE, paras: str = PARAS, trad: bool = False) -> str:
    site, home, editor = ("本地_某某網", "首頁", "編輯：王明") if trad else ("本地_某某网", "首页", "责任编辑：王明")
    return (f"<html><head>{meta}<title>{title}_{site}</title></head><body>"
            f"<div class='nav'><a href='/'>{home}</a><a href='/bd/'>本地</a></div><h1>{title}</h1>"
            f"<div class='content'>{paras}</div><p>{editor}</p></body></html>")


def _split_page(template_codec: str, text_codec: str) -> bytes:
    """The template (head, headline, nav, editor) in one encoding, the article paragraphs in another."""
    html = page(f"<meta charset='{template_codec}'>")
    before, rest = html.split("<div class='content'>")
    paras, after = rest.split("</div>", 1)
    return (before.encode(template_codec) + b"<div class='content'>" + paras.encode(text_codec) + b"</div>"
            + after.encode(template_codec))


GBK = page("<meta charset='gbk'>").encode("gbk")
UTF8 = page("<meta charset='utf-8'>").encode("utf-8")
BIG5 = page("<meta charset='big5'>", TRAD_TITLE, TRAD_PARAS, trad=True).encode("big5")

READABLE = {
    "leading NUL": (b"\x00" + UTF8, None),
    "three leading NULs": (b"\x00\x00\x00" + UTF8, None),
    "UTF-16LE without BOM": (page().encode("utf-16-le"), None),
    "UTF-16BE without BOM": (page().encode("utf-16-be"), None),
    "UTF-16LE without BOM, meta utf-16": (page("<meta charset='utf-16'>").encode("utf-16-le"), None),
    "UTF-8 template, GBK text": (_split_page("utf-8", "gbk"), None),
    "GBK template, UTF-8 text": (_split_page("gbk", "utf-8"), None),
    **{f"GBK forced {codec}": (GBK, codec)
       for codec in ("latin-1", "cp1252", "big5", "utf-8", "shift_jis", "euc-kr", "koi8-r", "iso8859-5", "utf-16")},
    **{f"UTF-8 forced {codec}": (UTF8, codec) for codec in ("gbk", "big5", "latin-1", "shift_jis", "utf-16")},
}


@pytest.mark.parametrize("name", sorted(READABLE))
def test_the_article_is_read_whatever_the_wrapping(name: str) -> None:
    body, forced = READABLE[name]
    article = extract(body, URL, FETCHED_AT, encoding=forced, raise_errors=True)
    assert article.is_article, (name, article.reason)
    assert article.title == TITLE
    assert article.body.split("\n") == [SENTENCE.format(i=i, k=i * 10) for i in range(1, 7)]


@pytest.mark.parametrize("codec", ["gbk", "utf-8", "latin-1", "koi8-r"])
def test_big5_forced_to_a_wrong_codec_is_read_as_big5(codec: str) -> None:
    article = extract(BIG5, URL, FETCHED_AT, encoding=codec, raise_errors=True)
    assert article.is_article and article.title == TRAD_TITLE
    assert article.encoding == "big5hkscs"
    assert "讓更多民眾受惠" in article.body


def test_a_correct_forced_codec_is_kept_even_when_not_chinese() -> None:
    """A Russian page forced to koi8-r is not 'repaired' into Chinese."""
    text = "Городской совет сообщил, что в следующем году откроются три новые линии метро. " * 5
    html = f"<html><head><title>Новые линии метро</title></head><body><h1>Новые линии метро</h1><p>{text}</p></body></html>"
    decoded = decode_body(html.encode("koi8-r"), None, "koi8-r")
    assert decoded.encoding == "koi8-r" and decoded.source == "override"
    assert text in decoded.text


def _random_han_page() -> bytes:
    """Markup around paragraphs of valid but random GBK characters: no codec reads it as prose."""
    pairs = bytes(b for i in range(900) for b in (0xB0 + (i * 7919) % 0x47, 0xA1 + (i * 104729) % 0x5D))
    paragraph = b"".join(b"<p>" + pairs[k : k + 150] + "。".encode("gbk") + b"</p>" for k in range(0, 1800, 150))
    return (b"<html><head><meta charset='gbk'><title>" + pairs[:24] + b"</title></head><body><h1>" + pairs[:24]
            + b"</h1><div class='content'>" + paragraph + b"</div></body></html>")


@pytest.mark.parametrize("forced", [None, "big5", "gbk"])
def test_text_with_no_clean_reading_is_refused_not_passed_on(forced: str | None) -> None:
    article = extract(_random_han_page(), URL, FETCHED_AT, encoding=forced, raise_errors=True)
    assert article.is_article is False
    assert article.reason == "mis-encoded"
    assert article.body == "" and article.page_text == ""


def test_utf16_without_bom_with_little_markup_is_read() -> None:
    """Long Chinese paragraphs and little markup: only a few % of the bytes are NULs."""
    texts = [SENTENCE.format(i=i, k=i * 10) * 4 for i in range(20)]
    html = "<html><body><h1>" + TITLE + "</h1>" + "".join(f"<p>{t}</p>" for t in texts) + "</body></html>"
    for codec in ("utf-16-le", "utf-16-be"):
        article = extract(html.encode(codec), URL, FETCHED_AT, raise_errors=True)
        assert article.is_article and article.encoding == codec
        assert article.body.split("\n") == texts


def test_utf16_without_bom_is_recognised_by_its_nul_pattern() -> None:
    assert utf16_without_bom(page().encode("utf-16-le")) == "utf-16-le"
    assert utf16_without_bom(page().encode("utf-16-be")) == "utf-16-be"
    assert utf16_without_bom(b"\x00" + UTF8) is None
    assert utf16_without_bom(GBK) is None
    assert not looks_binary(page().encode("utf-16-be"))
    assert not looks_binary(b"\x00" + UTF8)
    assert looks_binary(b"\x00" * 64 + UTF8)
