"""Table-driven tests for newscrawler.extract.decode (all texts written for these tests)."""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field

import pytest

from newscrawler.extract.decode import Decoded, decode_body, looks_binary, looks_like_mojibake

# GBK-only characters (not in GB2312): 镕 喆 昇. "€" is written as the lone byte 0x80 below.
GBK_ONLY = "镕喆昇"
SENT_GBK = "朱镕基与王喆在昇平路看望了社区志愿者。"
SENT = "市气象台今天发布天气预报，预计明天有小到中雨，气温略有下降。"
PARAS = [
    SENT,
    "本地交通部门提醒市民，雨天出行注意安全，合理安排行程，尽量乘坐公共交通工具。",
    "据了解，今年以来全市新建公园十二个，绿地面积比去年增加了百分之八。",
    "专家表示，城市更新应当兼顾历史文化保护与居民生活质量的提升。",
    "下一步，有关部门将继续推进老旧小区改造工作，让更多群众受益。",
]
TRAD = "臺北市政府今天宣佈，將在明年擴大公共運輸補助，讓更多民眾受惠。"
TRAD_PARAS = [
    TRAD,
    "據了解，這項計畫預計投入新臺幣十億元，並與各縣市政府合作推動。",
    "學者認為，長期來看，這對減少空氣污染與交通壅塞都有幫助。",
]
NAV = "".join(f'<li><a href="/news/{i}.html">{i}</a></li>' for i in range(40))
SCRIPT = "<script>var cfg = {id: 12345, path: '/static/js/main.js', debug: false};</script>"


def page(paras: list[str], meta: str | None = None, title: str = "新闻", head: str = "") -> str:
    """A realistic small page: head, optional meta charset, nav, scripts, paragraphs."""
    meta_tag = f'<meta http-equiv="Content-Type" content="text/html; charset={meta}">' if meta else ""
    body = "".join(f"<p>{p}</p>" for p in paras)
    return (
        f"<!DOCTYPE html><html><head>{head}{meta_tag}<title>{title}</title>{SCRIPT}</head>"
        f'<body><ul class="nav">{NAV}</ul><div id="content">{body}</div>{SCRIPT}</body></html>'
    )


def gbk_with_euro(html: str) -> bytes:
    """GBK bytes with a lone 0x80 (euro sign in cp936/browsers) where the text says {EURO}."""
    left, right = html.split("{EURO}")
    return left.encode("gbk") + b"\x80" + right.encode("gbk")


GBK_PAGE = page([SENT_GBK + "门票{EURO}5。", *PARAS[:2]], meta="gb2312")
GBK_PAGE_BYTES = gbk_with_euro(GBK_PAGE)
LONG_SCRIPT = "<script>" + "var x = 1; // padding for the scan\n" * 150 + "</script>"


@dataclass
class Case:
    id: str
    body: bytes
    encoding: str
    source: str
    contains: list[str] = field(default_factory=list)
    text: str | None = None  # exact decoded text when given
    headers: dict[str, str | bytes] | None = None
    override: str | None = None
    declared: str | None = None
    errors: int | None = 0  # None: only "> 0" is asserted


CASES = [
    Case("utf8-meta", page(PARAS, meta="utf-8").encode(), "utf-8", "meta", text=page(PARAS, meta="utf-8"),
         declared="utf-8"),
    Case("utf8-undeclared", page(PARAS).encode(), "utf-8", "detected", text=page(PARAS)),
    Case("utf8-bom", codecs.BOM_UTF8 + page(PARAS).encode(), "utf-8", "bom", text=page(PARAS)),
    Case("utf16le-bom", codecs.BOM_UTF16_LE + page(PARAS).encode("utf-16-le"), "utf-16", "bom",
         text=page(PARAS)),
    Case("utf16be-bom", codecs.BOM_UTF16_BE + page(PARAS).encode("utf-16-be"), "utf-16", "bom",
         text=page(PARAS)),
    Case("gbk-declared-gb2312-meta", GBK_PAGE_BYTES, "gb18030", "meta",
         text=GBK_PAGE.replace("{EURO}", "€"), declared="gb2312"),
    Case("gbk-declared-gb2312-header", gbk_with_euro(page([SENT_GBK + "{EURO}"])), "gb18030", "header",
         contains=[SENT_GBK + "€"], headers={"Content-Type": "text/html; charset=gb2312"}, declared="gb2312"),
    Case("header-utf8-meta-gbk-body-gbk", page(PARAS, meta="gbk").encode("gbk"), "gb18030", "meta",
         text=page(PARAS, meta="gbk"), headers={"Content-Type": "text/html; charset=utf-8"}, declared="gbk"),
    Case("header-utf8-no-meta-body-gbk", page(PARAS).encode("gbk"), "gb18030", "detected", text=page(PARAS),
         headers={"content-type": "text/html; charset=UTF-8"}, declared="utf-8"),
    Case("meta-gb2312-body-utf8", page(PARAS, meta="gb2312").encode(), "utf-8", "detected",
         text=page(PARAS, meta="gb2312"), declared="gb2312"),
    Case("undeclared-gbk-short", page([SENT]).encode("gbk"), "gb18030", "detected", text=page([SENT])),
    Case("undeclared-gbk-long", page(PARAS * 3).encode("gbk"), "gb18030", "detected", text=page(PARAS * 3)),
    Case("undeclared-big5-short", page([TRAD], title="新聞").encode("big5"), "big5hkscs", "detected",
         text=page([TRAD], title="新聞")),
    Case("undeclared-big5-long", page(TRAD_PARAS * 3, title="新聞").encode("big5"), "big5hkscs", "detected",
         text=page(TRAD_PARAS * 3, title="新聞")),
    Case("meta-after-4kb-script", page(PARAS, meta="gbk", head=LONG_SCRIPT).encode("gbk"), "gb18030", "meta",
         text=page(PARAS, meta="gbk", head=LONG_SCRIPT), declared="gbk"),
    Case("commented-out-meta", page(PARAS, meta="gbk", head='<!-- <meta charset="utf-8"> -->').encode("gbk"),
         "gb18030", "meta", text=page(PARAS, meta="gbk", head='<!-- <meta charset="utf-8"> -->'),
         declared="gbk"),
    Case("text-wrapper-gb2312",
         ('<text id="http://news.example.cn/2004/a.htm" title="天气预报>今日" encoding="gb2312">\n'
          + page(PARAS[:1])).encode("gbk"),
         "gb18030", "meta", contains=['title="天气预报>今日"', SENT], declared="gb2312"),
    Case("text-wrapper-unset", ('<text id="u" title="t" encoding="unset">\n' + page([SENT])).encode("gbk"),
         "gb18030", "detected", contains=[SENT], declared=None),
    Case("override-wins", page(PARAS, meta="utf-8").encode("gbk"), "gb18030", "override",
         text=page(PARAS, meta="utf-8"), override="GBK", declared="utf-8",
         headers={"Content-Type": "text/html; charset=utf-8"}),
    Case("override-wins-over-bom", codecs.BOM_UTF8 + "café".encode(), "cp1252", "override",
         text="ï»¿cafÃ©", override="latin-1"),
    Case("unknown-override-falls-through", page(PARAS).encode("gbk"), "gb18030", "detected",
         text=page(PARAS), override="x-nonsense"),
    Case("invalid-bytes-declared", page(PARAS, meta="gb2312").encode("gbk").replace(b"</p>", b"\xff</p>"),
         "gb18030", "meta", contains=[SENT, PARAS[1]], declared="gb2312", errors=None),
    Case("invalid-bytes-undeclared", page(PARAS * 2).encode("gbk").replace(b"</p>", b"\xff\xfe</p>", 3),
         "gb18030", "detected", contains=[SENT, PARAS[3]], errors=None),
    Case("damaged-utf8-behind-gb2312-meta", page(PARAS, meta="gb2312").encode().replace(
        "今天".encode(), b"\xe4\xbb"), "utf-8", "detected", contains=PARAS[1:], declared="gb2312", errors=1),
    Case("meta-big5-body-gbk", page(PARAS, meta="big5").encode("gbk"), "gb18030", "detected",
         text=page(PARAS, meta="big5"), declared="big5"),
    Case("unknown-charset-utf8-body", page(PARAS, meta="x-foo").encode(), "utf-8", "detected",
         text=page(PARAS, meta="x-foo"), declared="x-foo"),
    Case("unknown-charset-gbk-body", page(PARAS, meta="x-foo").encode("gbk"), "gb18030", "detected",
         text=page(PARAS, meta="x-foo"), declared="x-foo"),
    Case("header-charset-list", page(PARAS).encode(), "utf-8", "header", text=page(PARAS),
         headers={"Content-Type": "text/html; charset=utf-8,gbk"}, declared="utf-8"),
    Case("bytes-header-quoted-upper", page(PARAS).encode("gbk"), "gb18030", "header", text=page(PARAS),
         headers={"CONTENT-TYPE": b'text/html; Charset="GBK"'}, declared="gbk"),
    Case("latin1-header-gbk-body", page(PARAS).encode("gbk"), "gb18030", "detected", text=page(PARAS),
         headers={"Content-Type": "text/html; charset=ISO-8859-1"}, declared="iso-8859-1"),
    Case("latin1-header-gbk-meta", page(PARAS, meta="gbk").encode("gbk"), "gb18030", "meta",
         text=page(PARAS, meta="gbk"), headers={"Content-Type": "text/html; charset=iso-8859-1"},
         declared="gbk"),
    Case("latin1-header-french", "<p>Le café était déjà fermé à midi, hélas.</p>".encode("cp1252"), "cp1252",
         "header", text="<p>Le café était déjà fermé à midi, hélas.</p>",
         headers={"Content-Type": "text/html; charset=latin-1"}, declared="latin-1"),
    Case("shift-jis-meta", '<meta charset="Shift_JIS"><p>東京で雨が降りました。</p>'.encode("cp932"), "cp932",
         "meta", text='<meta charset="Shift_JIS"><p>東京で雨が降りました。</p>', declared="shift_jis"),
    Case("xml-declaration", ('<?xml version="1.0" encoding="GB2312"?><p>' + SENT + "</p>").encode("gbk"),
         "gb18030", "meta", contains=[SENT], declared="gb2312"),
    Case("header-list-value-bytes-key", page(PARAS).encode("gbk"), "gb18030", "header", text=page(PARAS),
         headers={b"Content-Type": [b"text/html; charset=gbk"]}, declared="gbk"),  # type: ignore[dict-item]
    Case("empty", b"", "utf-8", "detected", text=""),
]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_decode_body(case: Case) -> None:
    result = decode_body(case.body, case.headers, case.override)
    assert isinstance(result, Decoded)
    if case.text is not None:
        assert result.text == case.text
    for snippet in case.contains:
        assert snippet in result.text
    assert (result.encoding, result.source) == (case.encoding, case.source)
    assert result.declared == case.declared
    if case.errors is None:
        assert result.errors > 0
        assert not looks_like_mojibake(result.text)
    else:
        assert result.errors == case.errors


def test_gbk_only_characters_are_not_gb2312() -> None:
    """The fixture really needs GB18030: Python's gb2312 codec cannot encode it."""
    with pytest.raises(UnicodeEncodeError):
        GBK_ONLY.encode("gb2312")


def test_lone_0x80_is_euro_and_other_bad_bytes_count() -> None:
    assert decode_body(b"<meta charset=gbk>\x80").text.endswith("€")
    result = decode_body(b"<meta charset=gbk>a\xffb\x80")
    assert result.text.endswith("a\ufffdb€")
    assert result.errors == 1


def test_preexisting_replacement_characters_are_not_errors() -> None:
    result = decode_body(("<p>" + SENT + "\ufffd</p>").encode())
    assert (result.encoding, result.errors) == ("utf-8", 0)


@pytest.mark.parametrize(
    "body",
    [b"\xff" * 50, bytes(range(256)) * 4, b"\x80\x81\x82" * 30, b"<meta charset=utf-16>\x00\x00"],
    ids=["ff", "all-bytes", "c1-bytes", "meta-utf16"],
)
def test_decode_body_never_raises(body: bytes) -> None:
    result = decode_body(body, {"Content-Type": "text/html; charset=utf-16"})
    assert isinstance(result.text, str)


MOJIBAKE = [
    ("clean-chinese", "".join(PARAS), False),
    ("clean-traditional", "".join(TRAD_PARAS), False),
    ("clean-english", "The city weather office expects light rain tomorrow, with cooler air.", False),
    ("clean-french", "Le café était déjà fermé à midi, hélas ; l'été sera meilleur.", False),
    ("clean-names-with-dot", "让-雅克·卢梭与玛丽·居里的故事。" * 3, False),
    ("utf8-read-as-gb18030", "".join(PARAS).encode().decode("gb18030", "replace"), True),
    ("utf8-title-read-as-gbk", "市气象台发布天气预报".encode().decode("gbk", "replace"), True),
    ("gbk-read-as-cp1252", "".join(PARAS).encode("gbk").decode("cp1252", "replace"), True),
    ("utf8-read-as-cp1252", "".join(PARAS).encode().decode("cp1252", "replace"), True),
    ("kun-jin-kao", "本站消息" + "锟斤拷" * 2 + "。", True),
    ("replacement-heavy", SENT + "\ufffd" * 3, True),
    ("two-replacements-in-a-long-page", "".join(PARAS) * 20 + "\ufffd\ufffd", False),
    ("latin-pairs", "CafÃ© crÃ¨me, dÃ©jÃ  vu", True),
    ("empty", "", False),
]


@pytest.mark.parametrize(
    ("text", "expected"), [(t, e) for _, t, e in MOJIBAKE], ids=[i for i, _, _ in MOJIBAKE]
)
def test_looks_like_mojibake(text: str, expected: bool) -> None:
    assert looks_like_mojibake(text) is expected


BINARY = [
    ("png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 40, True),
    ("jpeg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", True),
    ("gif", b"GIF89a\x01\x00\x01\x00", True),
    ("pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", True),
    ("zip-docx", b"PK\x03\x04\x14\x00\x06\x00", True),
    ("gzip", b"\x1f\x8b\x08\x00\x00\x00\x00\x00", True),
    ("mp4", b"\x00\x00\x00\x18ftypmp42", True),
    ("webp", b"RIFF\x24\x00\x00\x00WEBPVP8 ", True),
    ("ico", b"\x00\x00\x01\x00\x01\x00\x10\x10", True),
    ("nul-laden", b"<html>" + b"\x00abc" * 100, True),
    ("control-bytes", bytes([1, 2, 3, 4, 5, 6, 7, 8]) * 50 + b"a" * 100, True),
    ("html", page(PARAS, meta="utf-8").encode(), False),
    ("gbk-html", GBK_PAGE_BYTES, False),
    ("utf16-with-bom", codecs.BOM_UTF16_LE + page(PARAS).encode("utf-16-le"), False),
    ("empty", b"", False),
]


@pytest.mark.parametrize(
    ("body", "expected"), [(b, e) for _, b, e in BINARY], ids=[i for i, _, _ in BINARY]
)
def test_looks_binary(body: bytes, expected: bool) -> None:
    assert looks_binary(body) is expected


def test_module_imports_only_stdlib_and_charset_normalizer() -> None:
    """The extractor must stay free of Scrapy, SQLAlchemy and w3lib."""
    import ast
    from pathlib import Path

    import newscrawler.extract.decode as module

    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    imported: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
    allowed = {"__future__", "codecs", "re", "collections", "dataclasses", "functools", "typing"}
    assert imported <= allowed | {"charset_normalizer"}
