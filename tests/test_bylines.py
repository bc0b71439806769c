"""Byline/info lines: which labels become which fields, and which sentences are left alone."""

from __future__ import annotations

import pytest

from newscrawler.extract.bylines import dateline_reporters, looks_like_byline, parse_byline

# (line, source, authors, editors, original_title)
LABELLED = [
    ("2023-04-17 09:12 来源：北京商报 作者：张三 责任编辑：李四", "北京商报", ["张三"], ["李四"], None),
    ("2015-07-14 08:10:41　来源: 中国证券网", "中国证券网", [], [], None),
    ("（责编：袁勃、赵欣悦）", None, [], ["袁勃", "赵欣悦"], None),
    ("【纠错】 【责任编辑:周楚卿】", None, [], ["周楚卿"], None),
    ("责任编辑：王敏_NF1234", None, [], ["王敏"], None),
    ("责任编辑：NF041", None, [], ["NF041"], None),
    ("本报记者 张三 通讯员 李四", None, ["张三", "李四"], [], None),
    ("文/安德鲁·希尔", None, ["安德鲁·希尔"], [], None),
    ("来源：新华网 | 2023年04月17日 09:12 | 作者：张三", "新华网", ["张三"], [], None),
    ("2015-07-04 02:37:29 来源: 新京报(北京)", "新京报", [], [], None),
    ("来源: 21世纪经济报道(广州)", "21世纪经济报道", [], [], None),
    ("原标题：[专栏] No.12 市场为何降温", None, [], [], "[专栏] No.12 市场为何降温"),
    ("（原标题：美国（加州）的新政策）", None, [], [], "美国（加州）的新政策"),
    ("（原题为《是“追涨”还是“回归理性”》）", None, [], [], "是“追涨”还是“回归理性”"),
    ("（记者 王五）", None, ["王五"], [], None),
]


@pytest.mark.parametrize(("line", "source", "authors", "editors", "original"), LABELLED, ids=[r[0][:16] for r in LABELLED])
def test_labelled_lines(line: str, source: str | None, authors: list[str], editors: list[str],
                        original: str | None) -> None:
    byline = parse_byline(line)
    assert byline is not None
    assert looks_like_byline(line, byline)
    assert byline.source == source
    assert byline.authors == authors
    assert byline.editors == editors
    assert byline.original_title == original


SENTENCES = [
    "记者从国家统计局获悉，今年以来经济运行稳中有进。",
    "记者了解到，该项目已于上月开工，预计明年投入使用，总投资约十亿元。",
    "这些数据来源于公开的年报，编辑部对其做了核对，并未发现明显差错，也没有人提出异议。",
    "发布于：山东省",
]


@pytest.mark.parametrize("line", SENTENCES)
def test_prose_is_not_a_byline(line: str) -> None:
    assert not looks_like_byline(line, parse_byline(line))


def test_unlabelled_info_line_only_when_allowed() -> None:
    line = "maomaobear 2015-06-19 11:20:11 0人参与评论"
    assert parse_byline(line) is None
    info = parse_byline(line, unlabelled=True)
    assert info is not None and looks_like_byline(line, info)
    assert info.authors == ["maomaobear"]
    assert info.date_text == "2015-06-19 11:20:11"


def test_unlabelled_outlet_is_a_source() -> None:
    info = parse_byline("2019年11月25日 18:57 参考消息", unlabelled=True)
    assert info is not None
    assert info.source == "参考消息" and info.authors == []


@pytest.mark.parametrize(
    ("paragraph", "reporters"),
    [
        ("新华社北京4月17日电（记者张三、李四）国务院新闻办公室17日举行发布会。", ["张三", "李四"]),
        ("本报讯 （记者梁某某）继上周发布声明后，公司今日再次回应。", ["梁某某"]),
        ("北京商报讯（赵某）今年一季度，全市社会消费品零售总额同比增长。", ["赵某"]),
        ("今年一季度（1-3月），全市社会消费品零售总额同比增长。", []),
    ],
)
def test_dateline_reporters(paragraph: str, reporters: list[str]) -> None:
    assert dateline_reporters(paragraph) == reporters
