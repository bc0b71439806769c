"""Mojibake is repaired or refused: never garbage as an article (issue 12, item 4).

The pages are built here from invented Chinese text, then mis-decoded the way real archives were
(GBK or Big5 bytes read as Latin-9, cp1252 or Latin-1 and stored as UTF-8, once or twice).
"""

from __future__ import annotations

import pytest

from newscrawler.extract import extract
from newscrawler.extract.decode import decode_mixed, looks_like_mojibake, looks_misdecoded, repair_mojibake

from .conftest import FETCHED_AT

SIMPLIFIED = "记者从市交通局获悉，今年春运期间全市共发送旅客三百万人次，比去年同期增长百分之五。"
TRADITIONAL = "記者從市交通局獲悉，今年春運期間全市共發送旅客三百萬人次，比去年同期增長百分之五。"
READERS = ("iso8859-15", "cp1252", "latin-1")
_CP1252_HOLES = (0x81, 0x8D, 0x8F, 0x90, 0x9D)


def misread(raw: bytes, reader: str) -> str:
    """``raw`` as a browser or a tool reading it with ``reader`` shows it (cp1252 holes pass through)."""
    if reader == "cp1252":
        return "".join(chr(b) if b in _CP1252_HOLES else bytes([b]).decode("cp1252") for b in raw)
    return raw.decode(reader)


CASES = [(text, codec, reader) for text, codec in ((SIMPLIFIED, "gb18030"), (TRADITIONAL, "big5hkscs"),
                                                   (SIMPLIFIED, "utf-8"))
         for reader in READERS]


@pytest.mark.parametrize(("text", "codec", "reader"), CASES)
def test_one_layer_is_undone(text: str, codec: str, reader: str) -> None:
    garbage = misread(text.encode(codec), reader)
    assert looks_like_mojibake(garbage)
    repaired = repair_mojibake(garbage)
    assert repaired is not None and repaired.text == text
    assert repaired.layers[-1].endswith(">" + codec)


@pytest.mark.parametrize(("text", "codec", "reader"), CASES)
@pytest.mark.parametrize("outer", READERS)
def test_two_layers_are_undone(text: str, codec: str, reader: str, outer: str) -> None:
    twice = misread(misread(text.encode(codec), reader).encode("utf-8"), outer)
    repaired = repair_mojibake(twice)
    assert repaired is not None and repaired.text == text
    assert len(repaired.layers) == 2


def test_real_characters_beside_the_mojibake_are_kept() -> None:
    garbage = "【快讯】" + misread(SIMPLIFIED.encode("gb18030"), "iso8859-15")
    repaired = repair_mojibake(garbage)
    assert repaired is not None and repaired.text == "【快讯】" + SIMPLIFIED


@pytest.mark.parametrize("text", ["Café crème brûlée, très élégant à Paris", "plain ascii", "",
                                  "ÄÖÜ äöü ß Größe Übermaß"])
def test_latin_text_is_not_repaired(text: str) -> None:
    assert repair_mojibake(text) is None


@pytest.mark.parametrize(("text", "expected"), [
    (SIMPLIFIED * 3, False),
    ("Café crème brûlée, très élégant à Paris, déjà vu, naïve façade", False),
    (SIMPLIFIED * 3 + "\ufffd\ufffd", False),  # a damaged emoji in a long article
    (misread(SIMPLIFIED.encode("gb18030"), "iso8859-15"), True),
    ("记者" + "\ufffd" * 12 + "获悉", True),
    (SIMPLIFIED.encode("utf-8").decode("gb18030", "replace"), True),  # UTF-8 read as GBK
])
def test_looks_misdecoded(text: str, expected: bool) -> None:
    assert looks_misdecoded(text) is expected


PARAGRAPHS = [
    "本报讯 记者从市园林局获悉，今年秋季全市新建口袋公园二十处，主要分布在老城区的街巷之间。",
    "这些口袋公园面积不大，最小的只有三百平方米，但配备了座椅、步道和儿童游乐设施。",
    "市园林局有关负责人表示，明年还将继续推进口袋公园建设，力争让市民出门五分钟就能见到绿地。",
    "附近居民王女士说，以前带孩子只能去很远的大公园，现在楼下就有地方玩，方便多了。",
]
HEADLINE = "本市今年新建口袋公园二十处"
TRAD_PARAGRAPHS = [
    "本報訊 記者從市園林局獲悉，今年秋季全市新建口袋公園二十處，主要分佈在老城區的街巷之間。",
    "這些口袋公園面積不大，最小的只有三百平方米，但配備了座椅、步道和兒童遊樂設施。",
    "市園林局有關負責人表示，明年還將繼續推進口袋公園建設，力爭讓市民出門五分鐘就能見到綠地。",
    "附近居民王女士說，以前帶孩子只能去很遠的大公園，現在樓下就有地方玩，方便多了。",
]
TRAD_HEADLINE = "本市今年新建口袋公園二十處"


def page(charset: str, headline: str = HEADLINE, paragraphs: list[str] = PARAGRAPHS) -> str:
    inner = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<html><head><meta charset='{charset}'><title>{headline}_本地</title></head><body>"
            f"<h1>{headline}</h1><div class='content'>{inner}</div></body></html>")


@pytest.mark.parametrize(("codec", "reader"), [("gb18030", "iso8859-15"), ("gb18030", "cp1252"),
                                               ("big5hkscs", "latin-1")])
def test_a_stored_mojibake_page_is_extracted_repaired(codec: str, reader: str) -> None:
    trad = codec == "big5hkscs"
    html = page("big5", TRAD_HEADLINE, TRAD_PARAGRAPHS) if trad else page("gbk")
    stored = misread(html.encode(codec), reader).encode("utf-8")
    article = extract(stored, "https://news.example.cn/a/1.html", FETCHED_AT, raise_errors=True)
    assert article.is_article, article.reason
    assert not looks_misdecoded(article.body) and not looks_misdecoded(article.title or "")
    assert article.title == (TRAD_HEADLINE if trad else HEADLINE)
    assert (TRAD_PARAGRAPHS if trad else PARAGRAPHS)[1] in article.body


def test_unrepairable_mojibake_is_refused_as_mis_encoded() -> None:
    # Latin-looking runs that no Chinese codec turns into Chinese: random Latin-1 letters.
    garbage = "".join(chr(0xC0 + (i * 7) % 60) for i in range(60))
    html = (f"<html><head><meta charset='utf-8'><title>{garbage[:20]}</title></head><body>"
            + "".join(f"<p>{garbage}{i}</p>" for i in range(6)) + "</body></html>")
    article = extract(html.encode("utf-8"), None, FETCHED_AT, raise_errors=True)
    assert article.is_article is False
    assert article.reason == "mis-encoded"
    assert not looks_misdecoded(article.body) and not looks_misdecoded(article.title or "")


def test_half_utf8_half_gbk_page_is_never_a_garbled_article() -> None:
    html = page("utf-8")
    middle = html.index("<p>", html.index("<p>") + 1)
    body = html[:middle].encode("utf-8") + html[middle:].encode("gb18030")
    article = extract(body, None, FETCHED_AT, raise_errors=True)
    assert not looks_like_mojibake(article.body) and not looks_misdecoded(article.title or "")
    assert article.is_article and article.title == HEADLINE
    assert article.body.splitlines() == PARAGRAPHS


def test_half_utf8_half_gbk_page_is_never_a_garbled_article_whichever_half_is_first() -> None:
    html = page("gbk")
    middle = html.index("<p>", html.index("<p>") + 1)
    body = html[:middle].encode("gb18030") + html[middle:].encode("utf-8")
    article = extract(body, None, FETCHED_AT, raise_errors=True)
    assert not looks_like_mojibake(article.body) and not looks_misdecoded(article.title or "")
    assert article.is_article and article.body.splitlines() == PARAGRAPHS


@pytest.mark.parametrize("run", [b"\xe0\x80\x80", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xc0\xaf"])
def test_mixed_decoding_survives_utf8_shaped_invalid_bytes(run: bytes) -> None:
    body = ("记者从市交通局获悉".encode() + b" " + run + b" " + "今年春运".encode("gb18030")) * 4
    text = decode_mixed(body)
    assert text is None or "记者从市交通局获悉" in text
    extract(body, None, FETCHED_AT, raise_errors=True)


def test_repair_never_raises_on_odd_text() -> None:
    for text in ("\ud800abc" * 10, "ÖÐ" * 3 + "\x00", "Ž" * 50, "€" * 40 + "中"):
        repair_mojibake(text)
        looks_misdecoded(text)


@pytest.mark.parametrize("reader", READERS)
def test_a_long_page_misread_twice_is_repaired(reader: str) -> None:
    """Longer than one sample (``decode._sample`` joins chunks cut at fixed places, through characters):
    the first layer's few errors at the cuts must not hide the second layer."""
    paragraphs = [f"{p}（第{i}段）" for i in range(12) for p in PARAGRAPHS]
    html = page("gbk", HEADLINE, paragraphs)
    stored = misread(misread(html.encode("gb18030"), reader).encode("utf-8"), "latin-1").encode("utf-8")
    article = extract(stored, "https://news.example.cn/a/1.html", FETCHED_AT, raise_errors=True)
    assert article.is_article, article.reason
    assert article.title == HEADLINE
    assert article.body.splitlines() == paragraphs
