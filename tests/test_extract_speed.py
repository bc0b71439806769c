"""The extraction's caches and fast paths give the answers of the code they stand for.

Speed work keeps the output identical (checked on every corpus page before each commit); these tests pin
the behaviour of each cache or shortcut it added, on invented lines: a cached answer depends on every
threshold it was computed with, and a fast path agrees with the full computation. No timing here.
"""

from __future__ import annotations

from dataclasses import replace

from newscrawler.common.fold import FOLD_CACHED_CHARS
from newscrawler.extract import clutter
from newscrawler.extract.options import DEFAULT_OPTIONS

TOOL_ROW = "页面功能 【推荐】【字体：大 中 小】【打印】"
"""Chrome only as a row of tools: the row patterns are tried on lines of ``chrome_row_max`` characters at most."""


def test_chrome_cache_is_keyed_by_its_threshold() -> None:
    narrow = replace(DEFAULT_OPTIONS, chrome_row_max=5)
    assert clutter.is_chrome(TOOL_ROW)
    assert not clutter.is_chrome(TOOL_ROW, narrow)  # asked again with another threshold: not the cached answer
    assert clutter.is_chrome(TOOL_ROW)


def test_chrome_cache_agrees_with_the_uncached_rule() -> None:
    lines = [TOOL_ROW, "分享到：", "返回顶部", "（完）", "本市今年共完成老旧小区改造项目一百二十个。", "阅读 (4)", ""]
    for line in lines:
        for opts in (DEFAULT_OPTIONS, replace(DEFAULT_OPTIONS, chrome_row_max=5)):
            assert clutter.is_chrome(line, opts) is clutter._chrome(line, opts.chrome_row_max)


def test_long_texts_are_not_cached() -> None:
    long_text = "市场回暖，成交量连续三周上升。" * (FOLD_CACHED_CHARS // 10)
    before = clutter._chrome_line.cache_info().currsize
    assert not clutter.is_chrome(long_text)
    assert clutter._chrome_line.cache_info().currsize == before


def _lines(html: str) -> list[str]:
    from lxml import etree

    from newscrawler.extract.lines import linearise, prune

    root = etree.fromstring(html, parser=etree.HTMLParser())
    hidden = prune(root)
    return [ln.text for ln in linearise(root, hidden=hidden).lines]


def test_stylesheet_hidden_names_are_whole_class_names_or_ids() -> None:
    html = ("<html><head><style>.wm { display:none } #tag9 { display:none }</style></head><body>"
            "<p>春风吹过河岸<span class='note wm'>某某网</span>柳枝轻摇</p>"
            "<p>夜雨敲打窗台<span class='wmx'>留下</span>灯火微明</p>"
            "<p>山路弯弯向前<i id='tag9'>某某网</i>云雾缭绕</p></body></html>")
    assert _lines(html) == ["春风吹过河岸柳枝轻摇", "夜雨敲打窗台留下灯火微明", "山路弯弯向前云雾缭绕"]


def test_document_elements_is_what_xpath_selects() -> None:
    from lxml import etree

    from newscrawler.extract.lines import document_elements

    html = ("<html><head><style>.a{color:red}</style></head><body><div><noscript><p>北岸灯塔</p></noscript>"
            "<font color='#fff'>小字</font><video></video></div></body></html>"
            "<html><body><style>.b{display:none}</style><font>无色</font></body></html>")
    root = etree.fromstring(html, parser=etree.HTMLParser())
    for tags in (("style",), ("noscript", "font"), ("video", "style", "noscript", "font")):
        query = etree.XPath("|".join(f"//{t}" for t in tags))
        assert document_elements(root, *tags) == query(root)


def test_prune_reads_every_stylesheet_and_only_fonts_still_on_the_page() -> None:
    from lxml import etree

    from newscrawler.extract.lines import prune

    # a second <html> holds a stylesheet hiding a class: read as //style/text() reads it
    root = etree.fromstring("<html><body><p>青石小巷</p></body></html><html><head><style>.wm9 { display:none }"
                            "</style></head></html>", parser=etree.HTMLParser())
    assert prune(root).classes == frozenset({"wm9"})
    # white scraps inside running text go; one inside a <noscript> goes with it, or (revealed) on its own
    page = ("<html><body><p>远山含黛，近水含烟，渔舟唱晚<font color='#ffffff'>某某网</font>，归鸟投林。</p>"
            "<noscript><p>晨雾弥漫，炊烟袅袅<font color='white'>某某网</font>，犬吠声声。</p></noscript></body></html>")
    for reveal, kept in ((False, ["远山含黛，近水含烟，渔舟唱晚，归鸟投林。"]),
                         (True, ["远山含黛，近水含烟，渔舟唱晚，归鸟投林。", "晨雾弥漫，炊烟袅袅，犬吠声声。"])):
        root = etree.fromstring(page, parser=etree.HTMLParser())
        prune(root, reveal=reveal)
        assert ["".join(p.itertext()) for p in root.iter("p")] == kept


def test_notice_verdicts_are_cached_per_limits_and_each_call_gets_its_own_record() -> None:
    from newscrawler.extract.disclaimers import as_disclaimer

    line = "此稿仅代表撰稿者个人看法，与本刊无涉。"
    first = as_disclaimer(line)
    assert first is not None and first.kind == "views"
    assert as_disclaimer(line, replace(DEFAULT_OPTIONS, notice_max=5)) is None  # other limits: judged again
    first.text = "（改过）"
    again = as_disclaimer(line)
    assert again is not None and again is not first and again.text == line


def test_mojibake_markers_are_han_characters() -> None:
    """``looks_like_mojibake`` counts the Han characters of its sample only when it found two markers (UTF-8 read
    as GBK): that is the old answer because every marker is itself a Han character, so none means no Han needed."""
    from newscrawler.extract import decode

    markers = decode._UTF8_AS_GBK.decode(decode._GB18030)
    assert markers and all(decode._han_count(ch) == 1 for ch in markers)
    assert all(decode._UTF8_AS_GBK_RE.fullmatch(ch) for ch in markers)
    assert not decode.looks_like_mojibake("Latin text with no Han at all, 2 euros €.")


def test_full_stops_and_clause_commas_agree_with_the_one_pattern() -> None:
    """``has_full_stop``, ``full_stops`` and ``clause_commas`` find their two kinds with two patterns that open with
    a character (fast scans): the answers of the single lookbehind patterns, on texts mixing every case."""
    import random
    import re

    from newscrawler.extract import text

    stop = re.compile(r"[。！？!?]|(?<=[\u3400-\u4dbf\u4e00-\u9fff])\.(?![0-9A-Za-z.])")
    comma = re.compile(r"，|(?<=[\u3400-\u4dbf\u4e00-\u9fff]),")
    alphabet = ["河", "㐀", "。", "！", "？", "!", "?", ".", ",", "，", "3", "a", "Z", " ", "…", "”"]
    rng = random.Random(12)
    samples = ["", "水位上涨.", "水位上涨.5", "水位上涨...", "价格3.5元", "山,水,", "山，水", "Mr. Li."]
    samples += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 12))) for _ in range(3000)]
    for s in samples:
        assert text.has_full_stop(s) is (stop.search(s) is not None), s
        assert text.full_stops(s) == len(stop.findall(s)), s
        assert text.clause_commas(s) == len(comma.findall(s)), s


def test_notice_phrase_search_tries_only_its_first_characters() -> None:
    """``disclaimers._has_phrase`` tries ``NOTICE_PHRASES`` only where one of its first characters stands
    (``adapters.sre.start_chars``): the answer of the plain search, on lines mixing the pattern's pieces."""
    import random

    from newscrawler.adapters.sre import start_chars
    from newscrawler.extract import disclaimers
    from newscrawler.extract.vocabulary import NOTICE_PHRASES

    assert disclaimers._PHRASE_START is not None  # the filter is on (CPython's parser read the pattern)
    starts = start_chars(NOTICE_PHRASES)
    assert starts is not None
    pieces = ["不代表", "本站", "观点", "转载", "注明", "未经", "授权", "不得", "版权", "所有", "侵权", "删", "凡", "来源",
              "互联网", "联系", "投资", "建议", "不得转载", "如有侵权", "风险自担", "，", "。", "的", "山", "水", " ", "3", *sorted(starts)]
    rng = random.Random(7)
    lines = ["".join(rng.choice(pieces) for _ in range(rng.randrange(1, 9))) for _ in range(4000)]
    lines += ["此篇只代表写者自己的看法，不代表本台观点。", "未经本站书面授权，不得转载。", "山水之间有一座桥。", ""]
    found = 0
    for line in lines:
        expected = NOTICE_PHRASES.search(line) is not None
        assert disclaimers._has_phrase(line) is expected, line
        found += expected
    assert 200 < found < len(lines) - 200  # both answers were asked


def test_the_body_is_parsed_as_it_is_only_when_the_text_is_its_utf8_reading() -> None:
    import codecs
    from datetime import datetime

    from lxml import etree

    from newscrawler.extract import article
    from newscrawler.extract.budget import Budget
    from newscrawler.items import Article

    page = "<html><body><p>春风吹过河岸，柳枝轻摇。</p></body></html>"
    gbk = page.replace("<html>", "<html><head><meta charset='gbk'></head>")
    cases = [(page.encode("utf-8"), True), (codecs.BOM_UTF8 + page.encode("utf-8"), False),
             (gbk.encode("gb18030"), False), (page.encode("utf-8") + b"\xff", False),
             (page.replace("。", "\ufffd").encode("utf-8"), False)]
    for body, parsed_as_is in cases:
        state = article.PageState(body=body, url=None, fetched_at=datetime(2031, 5, 6), headers=None, encoding=None,
                                  selectors={}, options=DEFAULT_OPTIONS, budget=Budget(60.0), article=Article(url=None))
        assert article.decode_pass(state) is None
        assert (state.utf8 is body) is parsed_as_is
        tree = article._parse_html(state.text, False, state.utf8)
        assert tree is not None
        assert etree.tostring(tree) == etree.tostring(article._parse_html(state.text))


def test_has_cjk_is_the_count_compared() -> None:
    """``language.detect_language`` asks ``has_cjk``, which stops reading once enough characters are found."""
    from newscrawler.extract.text import count_cjk, has_cjk

    texts = ["", "abc", "山", "山 水 abc 河㐀", "x" * 50 + "云" * 3, "雨" * 12 + " " + "风" * 12]
    for text in texts:
        for least in (-1, 0, 1, 2, 3, 4, 10, 24, 25, 100):
            assert has_cjk(text, least) is (count_cjk(text) >= least), (text, least)


def test_white_text_pattern_is_the_lookbehind_first_one() -> None:
    """``lines._WHITE`` reads the character before ``color`` after matching the ``c``: the answers of the pattern
    that opens with the lookbehind, on styles mixing the cases (start of text, a hyphen, a letter, upper case)."""
    import random
    import re

    from newscrawler.extract import lines

    first = re.compile(r"(?<![\w-])color\s*:\s*(?:#f{3}\b|#f{6}\b|white\b)", re.I)
    pieces = ["color", "COLOR", "Color", "background-", "x", "-", ";", " ", ":", "#fff", "#FFFFFF", "#ffff", "white",
              "WHITE", "whitesmoke", "c", "olor", "_", "1", "\u00a0", "ıt"]
    rng = random.Random(5)
    styles = ["".join(rng.choice(pieces) for _ in range(rng.randrange(1, 8))) for _ in range(5000)]
    styles += [rng.choice(["", "x", "-", ";", " "]) + rng.choice(["color", "COLOR", "Color"]) + rng.choice(["", " "])
               + ":" + rng.choice(["", " "]) + rng.choice(["#fff", "#FFFFFF", "#ffff", "white", "WHITE", "whitesmoke"])
               + rng.choice(["", ";", "x", " "]) for _ in range(2000)]
    hits = 0
    for style in styles:
        expected = first.search(style) is not None
        assert (lines._WHITE.search(style) is not None) is expected, style
        hits += expected
    assert 100 < hits < len(styles) - 100


def test_pages_are_parsed_without_the_id_table_unless_a_profile_selects() -> None:
    """libxml2's table of ``id`` attributes serves only XPath's ``id()``: pages with no profile selectors are parsed
    without it (the same tree), and a profile's selector calling ``id()`` still finds its element."""
    from datetime import datetime

    from lxml import etree

    from newscrawler.extract import article

    page = ("<html><head><title>夜航</title></head><body><div id='hd'>江上渔火点点</div><div id='main'>"
            + "<p>晚风吹拂着码头，归来的渔船排成一行，船灯在水面上轻轻摇晃。</p>" * 6 + "</div></body></html>")
    plain = article._parse_html(page, ids=False)
    assert plain is not None
    assert etree.tostring(plain) == etree.tostring(article._parse_html(page))
    assert plain.xpath("id('hd')") == []  # why a profile's selectors get the table
    found = article.extract(page.encode("utf-8"), "https://news.example.com/a.html", datetime(2031, 5, 6),
                            selectors={"title": "(id('hd'))"}, raise_errors=True)
    assert found.title == "江上渔火点点"


def test_titleish_names_are_the_pattern_cached() -> None:
    from newscrawler.extract import article
    from newscrawler.extract.vocabulary import PAGE_TITLEISH_CLASS

    for names in ["", " ", "news-title ", "TITLE x", "bd hd", "hdx y", "tit", "tits", "main-biaoti", "subtitle", "x Headline"]:
        assert article._titleish(names) is (PAGE_TITLEISH_CLASS.search(names) is not None)


def test_forum_poster_skips_lines_without_the_words_every_match_holds() -> None:
    """``bylines.forum_poster`` searches only lines holding one of the words its pattern needs
    (``adapters.sre.needed_literals``): the answers of the plain search, on lines mixing the pattern's pieces."""
    import random

    from newscrawler.extract import bylines
    from newscrawler.extract.vocabulary import BYLINE_FORUM_POSTER

    assert bylines._POSTER_WORDS is not None
    pieces = ["本帖", "该贴", "由", "老周", "于", "2031", "年", "-", "发表于", "张贴", "@", "12:05", " ", "by",
              "reader_9", "，", "。", "湖边"]
    rng = random.Random(3)
    lines = ["".join(rng.choice(pieces) for _ in range(rng.randrange(1, 9))) for _ in range(4000)]
    lines += ["本帖由老周于2031-05-06发表", "老周 发表于 2031-05-06", "12:05 by reader_9", "湖边的风很轻。"]
    found = 0
    for line in lines:
        m = BYLINE_FORUM_POSTER.search(line)
        expected = bylines.clean_person(next(g for g in m.groups() if g)) if m else None
        assert bylines.forum_poster(line) == expected, line
        found += m is not None
    assert found > 30


def test_second_opinion_name_points_are_the_patterns_cached() -> None:
    from newscrawler.extract import second
    from newscrawler.extract.vocabulary import SECOND_BAD_NAMES, SECOND_GOOD_NAMES

    for names in ["article-body ", "comment-list x", "main nav", "Content", " side", "xyz abc", "zw", "hot-news main"]:
        good = 25.0 if SECOND_GOOD_NAMES.search(names) else 0.0
        bad = 25.0 if SECOND_BAD_NAMES.search(names) else 0.0
        assert second._names_points(names) == good - bad


def test_punct_count_upto_is_the_count_capped() -> None:
    from newscrawler.extract.text import punct_count, punct_count_upto

    for text in ["", "无标点的一行", "一，", "一，二。", "a,b.c!d?", "《书名》（注）", "“引号”：冒号；分号、顿号"]:
        for most in (0, 1, 2, 3, 50):
            assert punct_count_upto(text, most) == min(punct_count(text), most), (text, most)


def test_label_starts_are_where_the_label_alternation_finds_one() -> None:
    """``bylines._label_matches`` looks for label words with a pattern grouped by first character
    (``_starts_of``): it finds them where ``BYLINE_ANY_LABEL`` does, on lines mixing label words and other text."""
    import random
    import re

    from newscrawler.extract import bylines
    from newscrawler.extract.vocabulary import BYLINE_ALL_LABELS, BYLINE_ANY_LABEL

    def starts(rx: re.Pattern[str], text: str) -> list[int]:
        out, pos = [], 0
        while (m := rx.search(text, pos)) is not None:
            out.append(m.start())
            pos = m.start() + 1
        return out

    pieces = [*BYLINE_ALL_LABELS, "山", "水", "：", " ", "T", "Ta", "原", "发", "编", "2031"]
    rng = random.Random(11)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 7)))
        assert starts(bylines._LABEL_START, text) == starts(BYLINE_ANY_LABEL, text), text
