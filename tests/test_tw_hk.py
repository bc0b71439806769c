"""Traditional-Chinese (Taiwan, Hong Kong) portals as first-class pages (issue 12, item 5)."""

from __future__ import annotations

from datetime import datetime

import pytest

from newscrawler.extract import extract
from newscrawler.extract.bylines import looks_like_byline, parse_byline
from newscrawler.extract.clutter import is_chrome
from newscrawler.extract.dates import parse_date, search_date
from newscrawler.extract.disclaimers import as_disclaimer

from .conftest import FETCHED_AT, SHANGHAI


@pytest.mark.parametrize(("line", "authors", "editors", "source"), [
    ("記者 王小明／台北報導", ["王小明"], [], None),
    ("【記者陳大文／綜合報導】", ["陳大文"], [], None),
    ("（中央社記者林明／台北17日電）", ["林明"], [], None),
    ("記者王小明、陳大文／台北報導", ["王小明", "陳大文"], [], None),
    ("記者：王小明 攝影：李大同", ["王小明"], [], None),
    ("實習編輯 賈淼", [], ["賈淼"], None),
    ("責任編輯：張三", [], ["張三"], None),
    ("來源：中央社", [], [], "中央社"),
    ("（星島日報報道）", [], [], "星島日報"),
    ("【大公報訊】", [], [], "大公報"),
])
def test_traditional_bylines(line: str, authors: list[str], editors: list[str], source: str | None) -> None:
    byline = parse_byline(line, unlabelled=True)
    assert looks_like_byline(line, byline)
    assert byline is not None
    assert (byline.authors, byline.editors, byline.source) == (authors, editors, source)


def test_original_title_in_traditional() -> None:
    byline = parse_byline("原標題：市府推動新政")
    assert byline is not None and byline.original_title == "市府推動新政"


@pytest.mark.parametrize(("text", "expected", "raw"), [
    ("民國101年1月17日", datetime(2012, 1, 17, tzinfo=SHANGHAI), "民國101年1月17日"),
    ("發佈日期：中華民國100年12月15日 下午3:20", datetime(2011, 12, 15, 15, 20, tzinfo=SHANGHAI),
     "中華民國100年12月15日 下午3:20"),
    ("民国99年5月1日", datetime(2010, 5, 1, tzinfo=SHANGHAI), "民国99年5月1日"),
    ("2011/12/15 10:20", datetime(2011, 12, 15, 10, 20, tzinfo=SHANGHAI), "2011/12/15 10:20"),
])
def test_roc_and_slash_dates(text: str, expected: datetime, raw: str) -> None:
    for parse in (search_date, parse_date):
        found = parse(text, FETCHED_AT)
        assert found is not None and found.value == expected and found.raw == raw


@pytest.mark.parametrize("line", ["(AFP) – 11 小時前", "http://www.example.com.hk", "www.example.com/news/"])
def test_timestamp_and_address_lines_are_chrome(line: str) -> None:
    assert is_chrome(line)


def test_a_sentence_with_an_address_is_not_chrome() -> None:
    assert not is_chrome("詳情可瀏覽 http://www.example.com.hk 網站。")


def test_traditional_copyright_notice_is_a_disclaimer() -> None:
    notice = as_disclaimer("如因作品內容、版權和其它問題需要同本網聯係的，請在30日內進行。")
    assert notice is not None and notice.kind == "copyright"


PARAS = [
    "香港特區政府今日公布，明年起將增加公共圖書館的開放時間，每週開放時數由六十小時增至七十小時。",
    "政府發言人表示，新安排旨在方便上班人士及學生使用圖書館設施，有關開支已納入明年財政預算。",
    "多個地區團體歡迎政府的決定，並希望當局同時增加館藏，特別是兒童圖書和電子資源。",
]


def page(header: str, after: str = "") -> bytes:
    body = "".join(f"<p>{p}</p>" for p in PARAS)
    return (f"<html><head><meta charset='utf-8'><title>圖書館延長開放時間_港聞</title></head><body>"
            f"<div class='main'><h1>圖書館延長開放時間</h1>{header}<div class='text'>{body}</div>{after}</div>"
            "</body></html>").encode()


def test_hk_byline_and_timestamp_lines_stay_out_of_the_body() -> None:
    article = extract(page("<p>記者 王小明／香港報導</p><p>(AFP) – 11 小時前</p><p>http://www.example.com.hk</p>"),
                      "https://news.example.com.hk/a/1.html", FETCHED_AT, raise_errors=True)
    assert article.is_article and article.body.splitlines() == PARAS
    assert article.author == ["王小明"]


def test_a_relative_date_does_not_beat_the_printed_date() -> None:
    article = extract(page("<p>更新時間：1小時前</p><p>發佈時間：2011/12/15 10:20</p>"),
                      "https://news.example.com.hk/a/1.html", datetime(2011, 12, 16, 9, tzinfo=SHANGHAI),
                      raise_errors=True)
    assert article.publish_date == datetime(2011, 12, 15, 10, 20, tzinfo=SHANGHAI)


def test_a_roc_date_under_the_title_is_the_publication_date() -> None:
    article = extract(page("<p>發佈日期：民國100年12月15日</p>"), "https://news.example.com.tw/a/1.html",
                      FETCHED_AT, raise_errors=True)
    assert article.publish_date == datetime(2011, 12, 15, tzinfo=SHANGHAI)


@pytest.mark.parametrize("line", ["2012-01-17 HKT 10:20", "01月17日 10:20", "最後更新: 2012年1月17日 下午3:20",
                                  "上載時間：2012-01-17"])
def test_hk_timestamp_lines_are_info_lines(line: str) -> None:
    byline = parse_byline(line, unlabelled=True)
    assert looks_like_byline(line, byline)
    assert byline is not None and byline.date_text


@pytest.mark.parametrize("line", ["【本報訊】", "最后更新了三次", "更新于昨日"])
def test_not_info_lines(line: str) -> None:
    assert not looks_like_byline(line, parse_byline(line, unlabelled=True))


def test_an_hkt_stamp_under_the_title_is_the_date_and_not_body() -> None:
    article = extract(page("<p>2011-12-15 HKT 16:53</p>"), "https://news.example.com.hk/a/1.html", FETCHED_AT,
                      raise_errors=True)
    assert article.body.splitlines() == PARAS
    assert article.publish_date == datetime(2011, 12, 15, 16, 53, tzinfo=SHANGHAI)


@pytest.mark.parametrize("line", ["推薦閱讀", "相關報導", "為你推薦", "更多報導", "熱門點閱", "相關影音"])
def test_traditional_related_headings(line: str) -> None:
    from newscrawler.extract.clutter import is_related_heading

    assert is_related_heading(line)


@pytest.mark.parametrize("line", ["列印", "列印本文", "關閉視窗", "回上一頁", "上一則", "字級："])
def test_traditional_chrome(line: str) -> None:
    assert is_chrome(line)


def test_a_sentence_starting_like_chrome_is_text() -> None:
    assert not is_chrome("列印機銷量大增，廠商表示明年還會成長。")


@pytest.mark.parametrize(("line", "expected"), [("（圖／翻攝自臉書）", True), ("【影／記者王小明】", True),
                                                ("(图：新华社记者某某摄)", True), ("（图为市民在排队）", False)])
def test_photo_credit_lines(line: str, expected: bool) -> None:
    assert is_chrome(line) is expected


@pytest.mark.parametrize("line", ["轉載請註明出處", "未經許可，不得轉載", "投資有風險，入市需謹慎"])
def test_traditional_notices(line: str) -> None:
    assert as_disclaimer(line) is not None


def test_proofreading_editor() -> None:
    byline = parse_byline("核稿編輯：陳大文")
    assert byline is not None and byline.editors == ["陳大文"]


@pytest.mark.parametrize(("text", "expected"), [
    ("17-01-2012 15:20", datetime(2012, 1, 17, 15, 20, tzinfo=SHANGHAI)),
    ("17/01/2012", datetime(2012, 1, 17, tzinfo=SHANGHAI)),
    ("香港電台網站 17-01-2012 10:20", datetime(2012, 1, 17, 10, 20, tzinfo=SHANGHAI)),
])
def test_day_first_dates_are_read_and_are_info_lines(text: str, expected: datetime) -> None:
    found = search_date(text, FETCHED_AT)
    assert found is not None and found.value == expected
    assert looks_like_byline(text, parse_byline(text, unlabelled=True))


@pytest.mark.parametrize("text", ["v1.2.2012", "13/13/2012"])
def test_version_numbers_are_not_info_lines(text: str) -> None:
    assert not looks_like_byline(text, parse_byline(text, unlabelled=True))


@pytest.mark.parametrize(("paragraph", "names"), [
    ("（中央社記者林明台北17日電）行政院今天表示，明年起調整電價。", ["林明"]),
    ("（中央社記者王小明台北17日電）行政院今天表示。", ["王小明"]),
    ("（中央社記者林明、王小明台北17日電）行政院今天表示。", ["林明", "王小明"]),
    ("(中央社記者陳大文洛杉磯16日電)美國今天宣布。", ["陳大文"]),
    ("（中央社台北17日電）行政院今天表示。", []),
])
def test_agency_dateline_reporters(paragraph: str, names: list[str]) -> None:
    from newscrawler.extract.bylines import dateline_reporters

    assert dateline_reporters(paragraph) == names


def test_traditional_surnames_make_names() -> None:
    from newscrawler.extract.bylines import looks_like_person

    assert all(looks_like_person(n) for n in ("陳大文", "黃美玲", "劉德明", "鄭小華"))


def test_a_tu_shuo_caption_is_a_caption() -> None:
    long_paras = PARAS * 2
    html = ("<html><head><meta charset='utf-8'><title>圖書館延長開放時間</title></head><body><div>"
            "<h1>圖書館延長開放時間</h1><p><img src='/a.jpg'></p><p>圖說：市民在圖書館閱讀。</p>"
            + "".join(f"<p>{p}{i}</p>" for i, p in enumerate(long_paras)) + "</div></body></html>").encode()
    article = extract(html, None, FETCHED_AT, raise_errors=True)
    assert article.kind == "article" and "圖說" not in article.body
    assert [img.caption for img in article.images] == ["圖說：市民在圖書館閱讀。"]
