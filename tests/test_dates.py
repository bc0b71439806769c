"""Tests for newscrawler/extract/dates.py.

The base instant is the one of the spec's §3.1 table: 2023-04-17 12:00 Asia/Shanghai, a Monday.
Every expectation is a literal; nothing depends on the wall clock.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pytest

from newscrawler.extract.dates import (
    DEFAULT_TZ,
    ParsedDate,
    date_from_url,
    normalise_date_text,
    parse_date,
    search_date,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
BASE = datetime(2023, 4, 17, 12, 0)  # naive: wall time in Asia/Shanghai
BASE_UTC = datetime(2023, 4, 17, 4, 0, tzinfo=UTC)  # the same instant, aware
BASE_NEW_YORK = datetime(2023, 4, 17, 0, 0, tzinfo=ZoneInfo("America/New_York"))  # same instant again
EIGHT_HOURS = timedelta(hours=8)

_FORMATS = {7: "%Y-%m", 10: "%Y-%m-%d", 16: "%Y-%m-%d %H:%M", 19: "%Y-%m-%d %H:%M:%S"}


def wall(value: datetime, expected: str) -> str:
    """The value's local wall time at the precision the expected string is written in."""
    return value.strftime(_FORMATS[len(expected)])


def assert_shanghai(result: ParsedDate | None, expected: str) -> ParsedDate:
    assert result is not None
    assert result.value.tzinfo is not None
    assert result.value.utcoffset() == EIGHT_HOURS
    assert wall(result.value, expected) == expected
    return result


# --------------------------------------------------------------------------- spec §3.1, all 65 rows

SPEC_ROWS: list[tuple[int, str, str]] = [
    (1, "2023年3月9日", "2023-03-09"),
    (2, "2023年04月17日", "2023-04-17"),
    (3, "2023年4月17日 09:12", "2023-04-17 09:12"),
    (4, "2023年04月17日 09:12:33", "2023-04-17 09:12"),
    (5, "2023年4月17日09:12", "2023-04-17 09:12"),
    (6, "2023年4月17日 09时12分", "2023-04-17 09:12"),
    (7, "2023年4月17日上午9:12", "2023-04-17 09:12"),
    (8, "2023年4月17日下午3:05", "2023-04-17 15:05"),
    (9, "2023-04-17 下午 03:05", "2023-04-17 15:05"),
    (10, "2023-04-17 09:12:33", "2023-04-17 09:12"),
    (11, "2023-04-17 09:12", "2023-04-17 09:12"),
    (12, "2023-04-17", "2023-04-17"),
    (13, "2023-4-17 9:12", "2023-04-17 09:12"),
    (14, "2023/4/17", "2023-04-17"),
    (15, "2023/04/17 09:12", "2023-04-17 09:12"),
    (16, "2023.04.17", "2023-04-17"),
    (17, "2023.4.17 09:12", "2023-04-17 09:12"),
    (18, "20230417", "2023-04-17"),
    (19, "２０２３－０４－１７　０９：１２", "2023-04-17 09:12"),
    (20, "04-17 09:12", "2023-04-17 09:12"),
    (21, "04月17日 09:12", "2023-04-17 09:12"),
    (22, "4月17日", "2023-04-17"),
    (23, "今年3月9日", "2023-03-09"),
    (24, "发布时间:2023-04-17 09:12:33", "2023-04-17 09:12"),
    (25, "发布时间：2023-04-17 09:12:33", "2023-04-17 09:12"),
    (26, "发布日期：2023年04月17日", "2023-04-17"),
    (27, "发布于 2023-04-17", "2023-04-17"),
    (28, "时间：2023-04-17 09:12 来源：北京商报", "2023-04-17 09:12"),
    (29, "2023年04月17日 09:12 来源：北京商报", "2023-04-17 09:12"),
    (30, "2023-04-17 09:12:33 来源: 新华网 作者: 张三 责任编辑: 李四", "2023-04-17 09:12"),
    (31, "2023年04月17日\u237d09:12", "2023-04-17 09:12"),  # the spec renders the no-break space as U+237D
    (32, "2023年4月17日 星期一", "2023-04-17"),
    (33, "2023年4月17日 周一", "2023-04-17"),
    (34, "2023-04-17 星期一 09:12", "2023-04-17 09:12"),
    (35, "二〇二三年四月十七日", "2023-04-17"),
    (36, "四月十七日", "2023-04-17"),
    (37, "二零二三年三月九日", "2023-03-09"),
    (38, "刚刚", "2023-04-17 12:00"),
    (39, "30分钟前", "2023-04-17 11:30"),
    (40, "半小时前", "2023-04-17 11:30"),
    (41, "3小时前", "2023-04-17 09:00"),
    (42, "1小时前", "2023-04-17 11:00"),
    (43, "2天前", "2023-04-15"),
    (44, "一周前", "2023-04-10"),
    (45, "今天 08:15", "2023-04-17 08:15"),
    (46, "昨天 10:30", "2023-04-16 10:30"),
    (47, "前天 08:00", "2023-04-15 08:00"),
    (48, "上周四", "2023-04-13"),
    (49, "周四", "2023-04-13"),
    (50, "星期一", "2023-04-17"),  # a weekday equal to the base's weekday is that same day
    (51, "当地时间15日", "2023-04-15"),
    (52, "15日", "2023-04-15"),
    (53, "北京时间4月16日凌晨", "2023-04-16"),
    (54, "16:30", "2023-04-17 16:30"),  # a bare clock time is today's, as the table says
    (55, "去年12月", "2022-12"),
    (56, "2023-04-17T09:12:33+08:00", "2023-04-17 09:12"),
    (57, "2023-04-17T01:12:33Z", "2023-04-17 09:12"),
    (58, "2023-04-17T09:12:33.000+0800", "2023-04-17 09:12"),
    (59, "Mon, 17 Apr 2023 01:12:33 GMT", "2023-04-17 09:12"),
    (60, "1681693953", "2023-04-17 09:12"),
    (61, "礼拜三", "2023-04-12"),
    (62, "周日", "2023-04-16"),
    (63, "2023-04-17 09:12 CST", "2023-04-17 09:12"),
    (64, "2023年4月17日 星期一 09:12", "2023-04-17 09:12"),
    (65, "17/04/2023", "2023-04-17"),
]

_PRECISIONS_FOR = {7: {"month"}, 10: {"day"}, 16: {"second", "minute", "hour"}}


def test_spec_table_has_65_rows() -> None:
    assert [row for row, _, _ in SPEC_ROWS] == list(range(1, 66))


@pytest.mark.parametrize(("row", "text", "expected"), SPEC_ROWS, ids=[f"row{r}" for r, _, _ in SPEC_ROWS])
def test_spec_table(row: int, text: str, expected: str) -> None:
    result = assert_shanghai(parse_date(text, BASE), expected)
    assert result.precision in _PRECISIONS_FOR[len(expected)]
    if result.precision in ("day", "month"):
        assert (result.value.hour, result.value.minute, result.value.second) == (0, 0, 0)


@pytest.mark.parametrize(("row", "text", "expected"), SPEC_ROWS, ids=[f"row{r}" for r, _, _ in SPEC_ROWS])
def test_spec_table_same_for_aware_and_naive_fetched_at(row: int, text: str, expected: str) -> None:
    naive = parse_date(text, BASE)
    assert naive is not None
    assert parse_date(text, BASE_UTC) == naive
    assert parse_date(text, BASE_NEW_YORK) == naive


# --------------------------------------------------------------------------- precision and raw

@pytest.mark.parametrize(
    ("text", "precision", "expected"),
    [
        ("2023-04-17T09:12:33.250+08:00", "second", "2023-04-17 09:12:33"),
        ("2023-04-17 09:12", "minute", "2023-04-17 09:12"),
        ("3小时前", "hour", "2023-04-17 09:00"),
        ("30分钟前", "minute", "2023-04-17 11:30"),
        ("刚刚", "minute", "2023-04-17 12:00"),
        ("10秒前", "minute", "2023-04-17 11:59"),
        ("2023-04-17", "day", "2023-04-17"),
        ("2天前", "day", "2023-04-15"),
        ("去年12月", "month", "2022-12"),
        ("2023年4月", "month", "2023-04"),
        ("3个月前", "month", "2023-01"),
        ("2023年", "year", "2023-01-01"),
        ("2年前", "year", "2021-01-01"),
    ],
)
def test_precision(text: str, precision: str, expected: str) -> None:
    result = assert_shanghai(parse_date(text, BASE), expected)
    assert result.precision == precision


def test_precision_truncates_the_base_seconds_and_day_precision_is_midnight() -> None:
    base = datetime(2023, 4, 17, 12, 34, 56, 789)
    minute = parse_date("30分钟前", base)
    day = parse_date("2天前", base)
    month = parse_date("去年12月", base)
    assert minute is not None and minute.value == datetime(2023, 4, 17, 12, 4, tzinfo=SHANGHAI)
    assert day is not None and day.value == datetime(2023, 4, 15, tzinfo=SHANGHAI)
    assert month is not None and month.value == datetime(2022, 12, 1, tzinfo=SHANGHAI)


def test_second_precision_keeps_fraction() -> None:
    result = parse_date("2023-04-17T09:12:33.250+08:00", BASE)
    assert result is not None
    assert result.value == datetime(2023, 4, 17, 9, 12, 33, 250000, tzinfo=SHANGHAI)


@pytest.mark.parametrize(
    ("text", "raw"),
    [
        ("发布时间：2023-04-17 09:12:33", "2023-04-17 09:12:33"),
        ("时间：2023-04-17 09:12 来源：北京商报", "2023-04-17 09:12"),
        ("  2023-04-17  ", "2023-04-17"),
        ("２０２３－０４－１７　０９：１２", "２０２３－０４－１７　０９：１２"),  # as given, not folded
        ("【发布时间】2023年04月17日 09:12 | 人民网", "2023年04月17日 09:12"),
        ("3小时前", "3小时前"),
    ],
)
def test_parse_raw_is_the_date_part_as_given(text: str, raw: str) -> None:
    result = parse_date(text, BASE)
    assert result is not None
    assert result.raw == raw


# --------------------------------------------------------------------------- time-only, two-digit years

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("11:59", "2023-04-17 11:59"),
        ("00:05", "2023-04-17 00:05"),
        ("12:05", "2023-04-17 12:05"),  # within the few minutes of clock skew tolerated
        ("12:15", "2023-04-17 12:15"),
        ("16:30", "2023-04-17 16:30"),
        ("23:59", "2023-04-17 23:59"),
        ("9:12 PM", "2023-04-17 21:12"),
    ],
)
def test_time_only_is_today(text: str, expected: str) -> None:
    assert_shanghai(parse_date(text, BASE), expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("18-03-08", "2018-03-08"),
        ("发布时间：18-03-08", "2018-03-08"),
        ("18/03/08", "2018-03-08"),
        ("15/07/14 08:10", "2015-07-14 08:10"),
        ("98-03-08", "1998-03-08"),
        ("31-12-22", "2022-12-31"),  # YY-MM-DD would be 1931, so DD-MM-YY
        ("17/04/2023", "2023-04-17"),
        ("04/03/2023", "2023-03-04"),  # DD/MM/YYYY when ambiguous
        ("12/25/2022", "2022-12-25"),  # MM/DD/YYYY when only that is possible
    ],
)
def test_two_digit_years_and_day_month_order(text: str, expected: str) -> None:
    assert_shanghai(parse_date(text, BASE), expected)


# --------------------------------------------------------------------------- Traditional, relative forms

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2分鐘前", "2023-04-17 11:58"),
        ("3小時前", "2023-04-17 09:00"),
        ("2個月前", "2023-02"),
        ("昨日", "2023-04-16"),
        ("昨日 10:30", "2023-04-16 10:30"),
        ("上週四", "2023-04-13"),
        ("週日", "2023-04-16"),
        ("星期三", "2023-04-12"),
        ("禮拜三", "2023-04-12"),
        ("剛剛", "2023-04-17 12:00"),
        ("發佈時間：2023年04月17日 09:12", "2023-04-17 09:12"),
        ("二〇二三年四月十七日 下午三點", "2023-04-17 15:00"),
    ],
)
def test_traditional_forms(text: str, expected: str) -> None:
    assert_shanghai(parse_date(text, BASE), expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("两天前", "2023-04-15"),
        ("一个半小时前", "2023-04-17 10:30"),
        ("大前天", "2023-04-14"),
        ("昨天下午3点", "2023-04-16 15:00"),
        ("上上周一", "2023-04-03"),
        ("这周一", "2023-04-17"),
        ("星期天", "2023-04-16"),
        ("上个月15日", "2023-03-15"),
        ("本月3日", "2023-04-03"),
        ("31日", "2023-03-31"),  # later than today's day number: last month
        ("4月18日", "2022-04-18"),  # a year-less date after the fetch is last year's
        ("2023年4月17日 晚上11点", "2023-04-17 23:00"),
        ("2023年4月17日 凌晨1点30分", "2023-04-17 01:30"),
        ("2023年4月17日 中午12:30", "2023-04-17 12:30"),
        ("2023-04-17 09:12 GMT+8", "2023-04-17 09:12"),
        ("202304170912", "2023-04-17 09:12"),
        ("1681693953000", "2023-04-17 09:12"),
        ("Mon Apr 17 09:12:33 CST 2023", "2023-04-17 09:12"),  # Java Date.toString()
        ("April 17, 2023", "2023-04-17"),
        ("17 April 2023 09:12", "2023-04-17 09:12"),
    ],
)
def test_more_chinese_and_absolute_forms(text: str, expected: str) -> None:
    assert_shanghai(parse_date(text, BASE), expected)


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("3 hours ago", "2023-04-17 09:00", "hour"),
        ("5 minutes ago", "2023-04-17 11:55", "minute"),
        ("yesterday", "2023-04-16", "day"),
        ("last month", "2023-03", "month"),
        ("上周", "2023-04-10", "day"),
    ],
)
def test_dateparser_fallback(text: str, expected: str, precision: str) -> None:
    # These shapes have no regex of their own; they pin how the installed dateparser treats the base.
    for fetched_at in (BASE, BASE_UTC, BASE_NEW_YORK):
        result = assert_shanghai(parse_date(text, fetched_at), expected)
        assert result.precision == precision


# --------------------------------------------------------------------------- zones

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-04-17 09:12 CST", "2023-04-17 09:12"),  # China Standard Time, not US Central
        ("2023-04-17 09:12:33 CST", "2023-04-17 09:12"),
        ("2023-04-17T01:12:33Z", "2023-04-17 09:12"),
        ("2023-04-17 09:12 UTC", "2023-04-17 17:12"),
        ("2023-04-17 09:12:33 +0000", "2023-04-17 17:12"),
        ("2023-04-17T09:12:33-05:00", "2023-04-17 22:12"),
        ("2023-04-17T10:12:33+09:00", "2023-04-17 09:12"),
        ("Mon, 17 Apr 2023 01:12:33 GMT", "2023-04-17 09:12"),
        ("2023年4月17日 09:12 EDT", "2023-04-17 21:12"),
    ],
)
def test_explicit_zones_are_converted_to_the_page_zone(text: str, expected: str) -> None:
    assert_shanghai(parse_date(text, BASE), expected)


def test_page_zone_other_than_shanghai() -> None:
    london = parse_date("2023-04-17 09:12", BASE_UTC, tz="Europe/London")
    assert london is not None
    assert london.value == datetime(2023, 4, 17, 9, 12, tzinfo=ZoneInfo("Europe/London"))
    assert london.value.utcoffset() == timedelta(hours=1)  # BST
    tokyo = parse_date("北京时间 2023-04-17 09:12", BASE_UTC, tz="Asia/Tokyo")
    assert tokyo is not None
    assert tokyo.value.utcoffset() == timedelta(hours=9)
    assert wall(tokyo.value, "2023-04-17 10:12") == "2023-04-17 10:12"
    relative = parse_date("3小时前", BASE_UTC, tz="Asia/Tokyo")  # 13:00 in Tokyo at the fetch
    assert relative is not None
    assert relative.value == datetime(2023, 4, 17, 10, 0, tzinfo=ZoneInfo("Asia/Tokyo"))


def test_default_tz_and_unknown_tz() -> None:
    assert DEFAULT_TZ == "Asia/Shanghai"
    with pytest.raises(ZoneInfoNotFoundError):
        parse_date("2023-04-17", BASE, tz="Mars/Olympus_Mons")


@pytest.mark.parametrize(
    "text", ["3小时前", "昨天 10:30", "16:30", "上周四", "15日", "4月17日", "2023-04-17 09:12"]
)
def test_fetched_at_aware_utc_equals_naive_shanghai(text: str) -> None:
    naive = parse_date(text, BASE)
    aware = parse_date(text, BASE_UTC)
    assert naive is not None
    assert aware == naive


# --------------------------------------------------------------------------- sanity window

@pytest.mark.parametrize(
    "text",
    [
        "2099-01-01",  # a 2023 fetch cannot see 2099
        "2099-01-01 08:00:00",
        "1985-05-05",
        "1989-12-31",
        "2023-04-19",  # more than a day after the fetch
        "下周一",
        "今年12月",
        "2023-02-29",  # impossible
    ],
)
def test_sanity_rejections(text: str) -> None:
    assert parse_date(text, BASE) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1990-01-01", "1990-01-01"),
        ("2023-04-18 08:00", "2023-04-18 08:00"),  # within fetched_at + 1 day
        ("今天 16:30", "2023-04-17 16:30"),  # an explicit 今天 is not moved back
    ],
)
def test_sanity_window_edges_are_accepted(text: str, expected: str) -> None:
    result = parse_date(text, BASE)
    assert result is not None
    assert wall(result.value, expected) == expected


# --------------------------------------------------------------------------- search_date

@pytest.mark.parametrize(
    ("line", "expected", "raw"),
    [
        ("来源：新华网 | 2023年04月17日 09:12 | 作者：张三", "2023-04-17 09:12", "2023年04月17日 09:12"),
        ("2015-07-14 08:10:41\u3000来源: 中国证券网", "2015-07-14 08:10", "2015-07-14 08:10:41"),
        ("发布时间：2023-04-17 09:12 浏览：1234", "2023-04-17 09:12", "2023-04-17 09:12"),
        ("昨天 10:30 来源：X", "2023-04-16 10:30", "昨天 10:30"),
        ("04-17 09:12", "2023-04-17 09:12", "04-17 09:12"),
        ("张三 发布于 2023-04-10 阅读(455)", "2023-04-10", "2023-04-10"),
        ("发布时间:2021-11-24 10:27:05 所属栏目:优化 来源:互联网", "2021-11-24 10:27", "2021-11-24 10:27:05"),
        ("新闻来源: 金融时报 于2023-02-16 16:59:14", "2023-02-16 16:59", "2023-02-16 16:59:14"),
        ("北京商报记者 张三 2小时前", "2023-04-17 10:00", "2小时前"),
        ("2023年4月17日 星期一 来源：人民网", "2023-04-17", "2023年4月17日 星期一"),
        ("【纠错】 2023-04-17 09:12:33 【打印】", "2023-04-17 09:12", "2023-04-17 09:12:33"),
        (
            "时间：２０２３－０４－１７　０９：１２　来源：人民网",
            "2023-04-17 09:12",
            "２０２３－０４－１７　０９：１２",
        ),
        ("15/07/14 08:10 网易财经", "2015-07-14 08:10", "15/07/14 08:10"),
        ("Posted on April 17, 2023 by admin", "2023-04-17", "April 17, 2023"),
        ("发布时间：18-03-08 来源：X", "2018-03-08", "18-03-08"),
        ("二〇二三年四月十七日 来源：人民日报", "2023-04-17", "二〇二三年四月十七日"),
        # an impossible date is skipped
        ("2023-13-45 09:12 更新 2023-04-16 08:00", "2023-04-16 08:00", "2023-04-16 08:00"),
        ("<time>2023-04-17T09:12:33+08:00</time>", "2023-04-17 09:12", "2023-04-17T09:12:33+08:00"),
        ("2023年04月17日 09时12分 来源：中国新闻网", "2023-04-17 09:12", "2023年04月17日 09时12分"),
        ("x" * 10_000 + " 2023-04-17", "2023-04-17", "2023-04-17"),
    ],
)
def test_search_date(line: str, expected: str, raw: str) -> None:
    result = assert_shanghai(search_date(line, BASE), expected)
    assert result.raw == raw
    assert result.raw in line


@pytest.mark.parametrize(
    "line",
    [
        "",
        "来源：新华网 作者：张三 责任编辑：李四",
        "发布于：山东省",  # Sohu's IP location, not a date
        "浏览：1234 评论：56",
        "联系电话：010-65123456 手机：13912345678",
        "文章编号：20230417091233",
        "ID: 2023-0417-88",
        "编号 18-03-08",  # NN-NN-NN without a clock or a date label
        "ISBN 978-7-02-000220-7",
        "版本 2.0.1 更新说明",
        "第3期 共12页",
        "2099-01-01 08:00 来源：未来网",  # outside the sanity window
    ],
)
def test_search_date_none(line: str) -> None:
    assert search_date(line, BASE) is None


def test_parse_date_falls_back_to_search_for_mixed_lines() -> None:
    result = parse_date("来源：新华网 | 2023年04月17日 09:12 | 作者：张三", BASE)
    assert_shanghai(result, "2023-04-17 09:12")
    assert result is not None and result.raw == "2023年04月17日 09:12"


# --------------------------------------------------------------------------- date_from_url

@pytest.mark.parametrize(
    ("url", "expected", "raw"),
    [
        ("http://www.xinhuanet.com/politics/2023-04/17/c_1129530434.htm", "2023-04-17", "2023-04/17"),
        ("https://www.example.com/news/2023-04-17/abc.html", "2023-04-17", "2023-04-17"),
        ("https://www.example.com/a/20230417/123.html", "2023-04-17", "20230417"),
        ("http://www.gov.cn/zhengce/202304/t20230417_1.htm", "2023-04-17", "t20230417"),
        ("http://politics.people.com.cn/n1/2023/0417/c1001-32666666.html", "2023-04-17", "2023/0417"),
        ("https://www.example.com/2023/0417/x.html", "2023-04-17", "2023/0417"),
        ("https://www.example.com/2023/04/17/slug/", "2023-04-17", "2023/04/17"),
        ("https://www.example.com/news/201507/14/1234.html", "2015-07-14", "201507/14"),
        ("https://money.163.com/15/0714/08/AUS1V5UD00253B0H.html", "2015-07-14", "15/0714"),
        ("https://finance.sina.com.cn/stock/2015-07-14/doc-ifxesfty1234.shtml", "2015-07-14", "2015-07-14"),
        ("/2023-04/17/c_1.htm", "2023-04-17", "2023-04/17"),
    ],
)
def test_date_from_url(url: str, expected: str, raw: str) -> None:
    result = assert_shanghai(date_from_url(url), expected)
    assert result.precision == "day"
    assert result.value == datetime.strptime(expected, "%Y-%m-%d").replace(tzinfo=SHANGHAI)
    assert result.raw == raw


@pytest.mark.parametrize(
    "url",
    [
        "https://www.example.com/2023/9999/x.html",
        "https://www.example.com/a/123456789.html",
        "https://www.example.com/p/12345678.html",
        "https://www.example.com/doc-imyqxxrc1234567.shtml",
        "https://www.example.com/20231345/",
        "https://www.example.com/2023-02-30/x",
        "https://www.example.com/1985/01/01/x",
        "https://www.example.com/2101/01/01/x",
        "https://www.163.com/dy/article/I2ABCDEF0512B07B.html",
        "https://www.example.com/?date=2023-04-17",  # only the path is read
        "",
        "not a url",
    ],
)
def test_date_from_url_none(url: str) -> None:
    assert date_from_url(url) is None


def test_date_from_url_page_zone() -> None:
    result = date_from_url("http://www.xinhuanet.com/politics/2023-04/17/c_1.htm", tz="Asia/Taipei")
    assert result is not None
    assert result.value == datetime(2023, 4, 17, tzinfo=ZoneInfo("Asia/Taipei"))


# --------------------------------------------------------------------------- normaliser

@pytest.mark.parametrize(
    ("text", "normalised"),
    [
        ("发布时间：2023-04-17 09:12:33", "2023-04-17 09:12:33"),
        ("2023年04月17日 09:12 来源：北京商报", "2023年04月17日 09:12"),
        ("２０２３－０４－１７　０９：１２", "2023-04-17 09:12"),
        ("今年3月9日", "2023年3月9日"),
        ("去年12月", "2022年12月"),
        ("上周四", "2023-04-13"),
        ("星期一", "2023-04-17"),
        ("4月17日", "2023年4月17日"),
        ("15日", "2023年4月15日"),
        ("当地时间15日", "2023年4月15日"),
        ("04-17 09:12", "2023-04-17 09:12"),
        ("20230417", "2023-04-17"),
        ("2023-04-17 09:12 CST", "2023-04-17 09:12 +08:00"),
        ("北京时间 2023-04-17 09:12", "2023-04-17 09:12 +08:00"),
        ("北京时间4月16日凌晨", "2023年4月16日"),
        ("二〇二三年四月十七日", "2023年4月17日"),
        ("一周前", "1周前"),
        ("半小时前", "30分钟前"),
        ("2023年4月17日下午3:05", "2023年4月17日 15:05"),
        ("2023年4月17日 09时12分", "2023年4月17日 09:12"),
        ("2023年4月17日 星期一", "2023年4月17日"),
        ("昨天 10:30", "2023-04-16 10:30"),
    ],
)
def test_normalise_date_text(text: str, normalised: str) -> None:
    assert normalise_date_text(text, BASE) == normalised


def test_normaliser_rolls_back_across_year_and_month_ends() -> None:
    january = datetime(2023, 1, 5, 9, 0)
    assert normalise_date_text("12月30日", january) == "2022年12月30日"
    assert normalise_date_text("12-30 08:00", january) == "2022-12-30 08:00"
    assert normalise_date_text("31日", datetime(2023, 3, 5)) == "2023年1月31日"  # February has no 31st
    assert normalise_date_text("上周一", january) == "2022-12-26"


# --------------------------------------------------------------------------- garbage never raises

GARBAGE = [
    "",
    " ",
    "\x00\x01\x02\x1f\x7f",
    "\ud800",  # lone surrogate
    "\u200b\ufeff",
    "0",
    "-1",
    "1e10",
    "NaN",
    "None",
    "1234567",
    "12345678901",
    "99:99",
    "25:61",
    "2023-00-00",
    "0000-00-00 00:00:00",
    "2023-02-30",
    "9999-99-99T99:99:99+99:99",
    "星期八",
    "十十十年",
    "月日",
    "前前前",
    "年年年年",
    "23年",
    "1709周",
    "CST",
    "GMT+99",
    "上周五上周五上周五",
    "<script>alert(1)</script>",
    "%s%n%x{}[]",
    "💥🔥",
    "9" * 10_000,
    "a" * 10_000,
    "年" * 10_000,
    "：" * 10_000,
    "12:" * 3_400,
    "二" * 5_000 + "年",
    "2023-13-45 " * 1_000,
]


@pytest.mark.parametrize("text", GARBAGE, ids=[f"garbage{i}" for i in range(len(GARBAGE))])
def test_garbage_gives_none(text: str) -> None:
    assert parse_date(text, BASE) is None
    assert search_date(text, BASE) is None
    assert date_from_url(text) is None
    assert isinstance(normalise_date_text(text, BASE), str)
