"""Byline and info lines: 来源, 作者/记者/文, 责任编辑/编辑, 原标题, 发布时间.

Chinese portals print these as short labelled lines near the title or after
the text (``2023-04-17 09:12 来源：北京商报 作者：张三``, ``（责编：袁勃、赵欣悦）``,
``【责任编辑:周某】``). ``parse_byline`` splits a line at its labels and returns
the fields; ``looks_like_byline`` says whether the whole line is such an info
line (and so is not body text). Datelines inside the first paragraph
(``新华社北京4月17日电（记者张三）``) stay in the body; ``dateline_reporters``
reads their reporters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from newscrawler.extract.lines import Line
from newscrawler.extract.text import SENTENCE_END, fold, split_names

Field = Literal["source", "author", "editor", "original_title", "date", "other"]

_LABELS: dict[Field, tuple[str, ...]] = {
    "source": (
        "文章来源", "本文来源", "新闻来源", "消息来源", "信息来源", "内容来源", "稿件来源", "来源于",
        "来源", "稿源", "转载自", "转自", "摘自", "出处", "来自",
    ),
    "author": (
        "特约记者", "实习记者", "首席记者", "本报记者", "本刊记者", "记者", "通讯员", "实习生", "作者", "撰文",
        "撰稿", "编译", "口述", "整理", "文字", "图文", "原创", "执笔人", "执笔", "文",
    ),
    "editor": (
        "责任编辑", "值班编辑", "网络编辑", "实习编辑", "本文编辑", "核稿编辑", "编辑", "责编", "编审", "审核", "审校",
        "校对", "终审", "初审", "复审", "二审", "三审",
    ),
    "original_title": ("原文标题", "原标题", "原题为", "原题"),
    "date": (
        "发布时间", "发布日期", "发表时间", "发表日期", "更新时间", "最后更新", "更新于", "发稿时间", "录入时间",
        "上载时间", "时间", "日期", "发表于", "发布于", "发布",
    ),
    "other": (
        "浏览次数", "浏览量", "浏览", "阅读量", "阅读数", "阅读", "点击数", "点击量", "点击率", "点击", "字号",
        "分享到", "分享至", "分享", "评论", "参与", "打印", "关闭", "纠错", "所属栏目", "栏目", "频道",
        "关键词", "关键字", "标签", "Tags", "TAG", "发布者", "监制", "主编", "美编", "摄影", "视频",
    ),
}
_LABEL_FIELD = {label: fld for fld, labels in _LABELS.items() for label in labels}
_ALL_LABELS = sorted(_LABEL_FIELD, key=len, reverse=True)
# A label needs a separator after it (colon, slash, bar or space), so prose such
# as 记者从…获悉 or 来源于生活 is never split. 文 needs a colon or slash.
_GLUED_OK = "来源|作者|责任编辑|编辑|责编|记者|原标题|阅读|浏览|点击"
# Labels are not split out of words (报名时间, 记者从…), except the common byline labels followed by a
# colon, which adjacent <span>s glue to the previous value (来源：北方商报作者：刘洋).
_LABEL_RE = re.compile(
    r"(?:(?<![\u4e00-\u9fff])(?:(?:本报|新华社|中新社|中新网|人民网|央视网|[\u4e00-\u9fff]{2,6}?)(?=记者))?"
    r"|(?=(?:" + _GLUED_OK + r")\s*[:：]))"
    r"(?P<label>" + "|".join(map(re.escape, _ALL_LABELS)) + r")"
    r"(?P<sep>\s*[:：]\s*|\s*[/／|｜]\s*|\s+|(?=《)|(?=[\u4e00-\u9fff]{2,4}(?:[\s）)】\]、，,/／]|$)))",
)
_MAX_PREFIX = 6
"""Longest text ``_LABEL_RE`` matches before its label (the 2-6 characters of an outlet or place before 记者)."""
_ANY_LABEL = re.compile("|".join(map(re.escape, _ALL_LABELS)))
"""A label word, wherever it stands: a plain alternation, which the regex engine scans for quickly."""
_BRACKETS = "()（）[]【】〔〕<>「」"
_STAFF_CODE = re.compile(r"(?:[_＿\s]|(?<=[\u4e00-\u9fff]))[A-Z]{1,4}\d{2,6}$")
_BARE_CODE = re.compile(r"^[A-Z]{1,4}\d{2,6}$")
_DIGITISH = re.compile(r"\d{2,}|[:：]\d")
_CHROME_WORDS = frozenset(
    ["举报", "分享", "收藏", "打印", "关闭", "纠错", "评论", "大", "中", "小", "字号", "我要纠错", "手机看", "扫一扫", "返回", "原创", "转载", "独家", "置顶", "关注", "+关注", "已关注"]
)
_DATELINE_REPORTERS = re.compile(
    r"^.{0,40}?(?:电|讯|报道)\s*[（(【]\s*(?:[\u4e00-\u9fff]{0,6}?(?:记者|通讯员))?\s*([^）)】]{2,40})[）)】]"
)
_PAREN_REPORTER = re.compile(r"^[（(【]\s*(?:[\u4e00-\u9fff]{0,6}?)(?:记者|通讯员)\s*([^）)】]{2,40})[）)】]$")


@dataclass(slots=True)
class Byline:
    """Fields read from one info line; empty where the line has no such label."""

    source: str | None = None
    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    original_title: str | None = None
    date_text: str | None = None
    labels: int = 0
    leftover: str = ""
    """Text of the line that no label claimed (used to judge whether the line is pure metadata)."""


def clean_person(name: str) -> str | None:
    """A person's name without staff code (``杨倩_NF4425`` -> ``杨倩``); a bare code is kept."""
    name = name.strip(_BRACKETS + " ·.。:：")
    if not name:
        return None
    if _BARE_CODE.match(name):
        return name
    name = _STAFF_CODE.sub("", name).strip("_＿ ")
    if not name or len(name) > 24 or _DIGITISH.search(name) or name in _CHROME_WORDS:
        return None
    if any(ch in name for ch in "，。！？；"):
        return None
    return name


_PLACE_CREDIT = re.compile(r"\s*[/／]\s*[\u4e00-\u9fff]{1,10}?\s*(?:[0-9０-９]{1,2}日)?\s*(?:報導|報道|报导|报道|電|电)")
"""The ``／台北報導`` or ``／台北17日電`` after a reporter's name (Taiwan and Hong Kong bylines)."""
_UNKNOWN_LABEL = re.compile(r"\s[\u4e00-\u9fff]{2,6}\s*[:：]")
_ALIAS = re.compile(r"(\S)\s*([（(][^()（）]{1,40}[)）])")


def _people(value: str) -> list[str]:
    """Names in a byline value; stops at an unknown label (``访问统计：``), keeps ``周某 (Joel X)`` whole."""
    cut = _UNKNOWN_LABEL.search(value)
    if cut:
        value = value[: cut.start()]
    value = value.strip()
    aliases: list[str] = []

    def protect(m: re.Match[str]) -> str:
        aliases.append(m.group(2))
        return f"{m.group(1)}\x00{len(aliases) - 1}\x00"

    value = _ALIAS.sub(protect, value)
    value = _PLACE_CREDIT.split(value)[0]  # 王小明／台北報導, 林明／台北17日電: the place is not a name
    value = re.split(r"[/／]\s*文|供图|供圖|摄影|攝影|摄|攝", value)[0]  # 马某/文 受访者供图: the credit ends the names
    value = re.sub(r"(?<=[\u4e00-\u9fff])(?:编译|整理|撰文|报道)(?=\s|$)", "", value)  # 路某编译 -> 路某
    names: list[str] = []
    for raw in split_names(value):
        alias = ""
        marker = re.search(r"\x00(\d+)\x00", raw)
        if marker:
            alias = " " + aliases[int(marker.group(1))]
            raw = raw[: marker.start()]
        name = clean_person(raw)
        if name is None:
            continue
        name += alias
        if _BARE_CODE.match(name) and names:
            continue  # 李倩 SF069: the staff code of the name before it
        names.append(name)
    return names


def _source(value: str) -> str | None:
    value = value.strip(_BRACKETS + " ")
    if not value:
        return None
    token = value.split()[0]
    for opener in ("(", "（"):
        cut = token.find(opener)
        if cut >= 2:  # 新京报(北京) -> 新京报: the place is not part of the outlet's name
            token = token[:cut]
    token = token.strip(_BRACKETS + "|｜")
    if not token or token in _CHROME_WORDS or len(token) > 40:
        return None
    if re.fullmatch(r"[\d\-/:.年月日]+", token):
        return None
    return token


def _unwrap(value: str) -> str:
    """Drop brackets left over from a wrapper such as ``（原标题：…）`` but keep balanced ones."""
    value = value.strip()
    pairs = {"）": "（", ")": "(", "】": "【", "]": "["}
    while value and value[-1] in pairs and value.count(pairs[value[-1]]) < value.count(value[-1]):
        value = value[:-1].rstrip()
    return value


def _original_title(value: str) -> str | None:
    value = _unwrap(value)
    if value.startswith("《") and value.endswith("》"):
        value = value[1:-1]
    elif value.startswith("《") and "》" in value:
        value = value[1 : value.index("》")]
    return value.strip() or None


_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔"
    "钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛"
    "邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝"
    "路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全"
    "佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
    # Traditional forms (Taiwan, Hong Kong)
    "陳劉張楊黃趙吳鄭孫馬羅謝韓馮鄧蕭葉蘇呂盧鐘鍾譚陸範賈韋鄒閆龍賀顧龔萬錢嚴湯溫齊喬龐顏莊聶魯歐關蘭寧紀"
    "畢單駱藍鮑華饒陽時農繆簡車項連蘆麥婁竇黨宮費衛應閔鄔邊師欒榮叢鞏遲鄺許蔣餘"
)
_LATIN_HANDLE = re.compile(r"^[A-Za-z][A-Za-z0-9_.\-]{2,30}$")


def looks_like_person(token: str) -> bool:
    """A 2-4 character Chinese name starting with a common surname, or a Latin user handle."""
    if token in _CHROME_WORDS:
        return False
    if _LATIN_HANDLE.match(token):
        return True
    return 2 <= len(token) <= 4 and token[0] in _SURNAMES and all("\u4e00" <= ch <= "\u9fff" for ch in token)


def _name_like(token: str) -> bool:
    """Next to a date in an info line, a 2-3 character word or a handle is a writer's name."""
    if token in _CHROME_WORDS:
        return False
    if _LATIN_HANDLE.match(token) or looks_like_person(token):
        return True
    return 2 <= len(token) <= 3 and all("\u4e00" <= ch <= "\u9fff" for ch in token)


_NAME_OUTLET = re.compile(r"^([\u4e00-\u9fff]{2,4})\s*[/／|｜]\s*([\u4e00-\u9fff·]{2,20})$")


_NOT_A_NAME = frozenset("导读 摘要 提要 简介 正文 原文 视频 图片 专题 评论 阅读 推荐 热门 快讯 声明 编者按 核心提示 更多 首页".split())


def looks_like_pen_name(token: str) -> bool:
    """A bare 2-3 character word or handle alone under a headline: a writer's (pen) name."""
    return token not in _NOT_A_NAME and _name_like(token)


def parse_byline(text: str, *, unlabelled: bool = False) -> Byline | None:
    """Split an info line at its labels; None when the line carries no byline label.

    With ``unlabelled`` (only for lines between the headline and the text), a
    short line made of a date and at most one name also counts.
    """
    folded = fold(text)
    if len(folded) != len(text):  # NFKC changed lengths: match on the original
        folded = text
    matches = _label_matches(folded)
    if not matches:
        if not unlabelled:
            return None
        pair = _NAME_OUTLET.match(text.strip())
        if pair and looks_like_person(pair.group(1)) and _OUTLET.search(pair.group(2)):
            return Byline(authors=[pair.group(1)], source=pair.group(2), labels=0, date_text=None)
        return _unlabelled_info(text)
    out = Byline(labels=len(matches))
    leftover = [folded[: matches[0].start()]]
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(folded)
        value = text[m.end() : end]
        fld = _LABEL_FIELD[m.group("label")]
        if fld == "original_title":
            if out.original_title is None:
                out.original_title = _original_title(text[m.end() :] if i + 1 == len(matches) else value)
            if i + 1 < len(matches) and _LABEL_FIELD[matches[i + 1].group("label")] != "original_title":
                # titles may contain words that look like labels: take the rest of the line
                out.original_title = _original_title(text[m.end() :])
                break
        elif fld == "source":
            out.source = out.source or _source(value)
        elif fld == "author":
            out.authors.extend(_people(value))
        elif fld == "editor":
            out.editors.extend(_people(value))
        elif fld == "date":
            out.date_text = out.date_text or value.strip() or None
        else:
            leftover.append("")
    out.leftover = "".join(leftover).strip(_BRACKETS + " |｜")
    return out


def _label_matches(folded: str) -> list[re.Match[str]]:
    """The accepted matches of ``_LABEL_RE.finditer(folded)``, trying the pattern only near label words.

    A match starts at most ``_MAX_PREFIX`` characters before its label, so only those positions in
    front of a label word can start one. Trying them leftmost first, and going on after each match as
    ``finditer`` does, gives the same matches without running the (slow) pattern at every position of a
    paragraph; most lines hold no label word at all.
    """
    matches: list[re.Match[str]] = []
    pos = 0
    while (word := _ANY_LABEL.search(folded, pos)) is not None:
        found = None
        for start in range(max(pos, word.start() - _MAX_PREFIX), word.start() + 1):
            found = _LABEL_RE.match(folded, start)
            if found is not None:
                break
        if found is None:
            pos = word.start() + 1
            continue
        if _accept(found, folded):
            matches.append(found)
        pos = found.end()
    return matches


_DATE_SHAPE = re.compile(
    r"(?:(?:19|20)\d\d\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}日?"
    r"|(?<![\w/.-])(?:[012]?\d|3[01])([-/])(?:0?\d|1[0-2])\1(?:19|20)\d\d(?![\d/.-]))"  # 17-01-2012 (Hong Kong)
    r"(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?"
)
_COUNTERS = re.compile(
    r"\d+\s*人(?:参与|跟贴|评论|阅读)[^\s]*|(?:阅读|浏览|评论|点击|点赞|收藏)\s*[:：(（]?\s*\d+[)）]?|"
    r"星期[一二三四五六日天]|周[一二三四五六日]"
)
_OUTLET = re.compile(r"(?:网|报|社|新闻|日报|晚报|时报|电视台|广播|频道|杂志|周刊|客户端|APP|财经|资讯|在线|中心)$")


_CLOCK_OR_ZONE = re.compile(
    r"^(?:\d{1,2}[:：]\d{2}(?:[:：]\d{2})?|HKT|CST|GMT|UTC|TST|AM|PM|am|pm|[上下]午|北京时间|北京時間)$")
_YEARLESS_STAMP = re.compile(r"^\d{1,2}\s*月\s*\d{1,2}\s*日\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?$")
_OUTLET_CREDIT = re.compile(r"^[（(【\[]\s*(?!本)([\u4e00-\u9fff]{2,8}?)\s*(?:報道|报道|專訊|专讯|訊|讯|綜合|综合)\s*[）)】\]]$")
"""A Hong Kong paper's credit on a line of its own: ``（星島日報報道）``, ``【大公報訊】``."""


def _unlabelled_info(text: str) -> Byline | None:
    """A short line made of a date plus at most one name, e.g. ``maomaobear 2015-06-19 11:20:11 0人参与评论``;
    also a date with its clock and zone (``2012-01-17 HKT 10:20``), a year-less ``01月17日 10:20`` stamp,
    and an outlet credit such as ``（星島日報報道）``."""
    if len(text) > 60 or "。" in text or "，" in text:
        return None
    stripped = text.strip()
    credit = _OUTLET_CREDIT.match(stripped)
    if credit:
        return Byline(source=credit.group(1), labels=0, date_text=None)
    if _YEARLESS_STAMP.match(stripped):
        return Byline(labels=0, date_text=stripped)
    m = _DATE_SHAPE.search(text)
    if not m:
        return None
    rest = _COUNTERS.sub(" ", text[: m.start()] + " " + text[m.end() :])
    tokens = [t.strip(_BRACKETS + "|｜/") for t in rest.split()]
    tokens = [t for t in tokens if t and t not in _CHROME_WORDS]
    if tokens and all(_CLOCK_OR_ZONE.match(t) for t in tokens):
        tokens = []  # 2012-01-17 HKT 10:20: the clock and zone are part of the date
    out = Byline(labels=0, date_text=m.group(0), leftover=" ".join(tokens))
    if len(tokens) == 1 and clean_person(tokens[0]):
        if _name_like(tokens[0]) and not _OUTLET.search(tokens[0]):
            out.authors.append(tokens[0])
        else:
            out.source = tokens[0]
    elif len(tokens) > 1:
        return None
    return out


def _accept(m: re.Match[str], text: str) -> bool:
    label, sep = m.group("label"), m.group("sep")
    if label == "文" and not sep.strip():
        return False
    if label in ("时间", "日期", "发表于", "发布于", "发布", "最后更新", "更新于") \
            and not re.match(r"\s*[\d０-９一二〇零]", text[m.end() :]):
        return False  # 发布于：山东省 is an IP location, not a date
    if label in ("来自", "原创") and ":" not in sep and "：" not in sep:
        return False  # ordinary words (来自, 原创 as a badge); only 来自：X / 原创：X credit someone
    if not sep and label.startswith("原题"):
        return True
    if not sep:  # glued form such as （记者张三）: only reporters and editors, only on short lines
        return label in ("记者", "责编", "责任编辑", "编辑", "通讯员") and len(text) <= 30
    return True


def looks_like_byline(text: str, byline: Byline | None) -> bool:
    """True when the line is an info/byline line rather than a sentence of the article."""
    if byline is None:
        return False
    if byline.labels == 0:  # a date line, a name with its outlet, or an outlet's credit line
        return byline.date_text is not None or bool(byline.source)
    if len(text) > 160 and byline.original_title is None:
        return False
    if "。" in text and byline.original_title is None and len(text) > 60:
        return False
    stripped = text.strip(_BRACKETS + " ")
    first = _LABEL_RE.match(fold(stripped))
    starts_with_label = first is not None and _accept(first, fold(stripped))
    if first is not None and not first.group("sep").strip() and len(stripped) > 24:
        return False  # 记者了解到，… is a sentence; glued or space-separated labels only make short lines
    has_value = bool(byline.source or byline.authors or byline.editors or byline.original_title
                     or byline.date_text)
    if byline.labels and len(text) <= 80 and "。" not in text and _DATE_SHAPE.search(text):
        return True  # 报纸网 |发布: 2021-1-29 13:18|点击: 313: a dated info line
    if not has_value:
        return starts_with_label and len(stripped) <= 20
    if starts_with_label:
        return sum(text.count(c) for c in SENTENCE_END) <= 1 or byline.original_title is not None
    if "。" in text:
        return False  # a sentence that merely contains a label word
    return byline.labels >= 2 or len(text) <= 60


_FORUM_POSTER = re.compile(
    r"(?:本贴|本帖|此贴|该贴)由\s*(\S{1,20}?)\s*于\s*\d{4}\s*[-年/]|^由\s*(\S{1,20}?)\s*(?:张贴|发表|发布)\s*[@于]"
    r"|^(\S{2,20}?)\s*发表于\s*\d{4}\s*[-年/]|\d{1,2}:\d{2}(?::\d{2})?\s+by\s+([A-Za-z0-9_.\-\u4e00-\u9fff]{2,20})"
)


def forum_poster(line: str) -> str | None:
    """The poster named in a forum line such as ``本贴由大卫于2005年8月12日…发表``."""
    m = _FORUM_POSTER.search(line)
    if not m:
        return None
    return clean_person(next(g for g in m.groups() if g))


_AGENCY_DATELINE = re.compile(
    r"^[（(]\s*[\u4e00-\u9fff]{2,6}?(?:記者|记者)\s*((?:[\u4e00-\u9fff]{2,4}[、，,]\s*)*)"
    r"([\u4e00-\u9fff]{4,10}?)\s*[0-9０-９]{1,2}\s*日\s*(?:電|电)\s*[）)]"
)
"""Taiwan's agency dateline: ``（中央社記者林明台北17日電）``, the last name glued to the place."""


def _name_before_place(glued: str) -> str | None:
    """``王小明台北`` -> ``王小明``, ``林明台北`` -> ``林明``: a 2-3 character name leaving a place of 2+."""
    for size in (3, 2):
        name, place = glued[:size], glued[size:]
        if len(place) >= 2 and looks_like_person(name):
            return name
    return None


def dateline_reporters(paragraph: str) -> list[str]:
    """Reporters named in a dateline at the start of a paragraph (``…电（记者张三 李四）``,
    ``（中央社記者林明台北17日電）``)."""
    agency = _AGENCY_DATELINE.match(paragraph)
    if agency:
        names = [n for n in re.split(r"[、，,\s]+", agency.group(1)) if n]
        last = _name_before_place(agency.group(2))
        return [n for n in [*names, last] if n and looks_like_person(n)]
    m = _DATELINE_REPORTERS.match(paragraph) or _PAREN_REPORTER.match(paragraph)
    if not m:
        return []
    names = _people(re.sub(r"(?:摄影?|报道|通讯员|记者)", " ", m.group(1)))
    return [n for n in names if looks_like_person(n) or len(n) <= 4]


InfoZone = Literal["text", "header", "elsewhere"]


def info_line(text: str, *, zone: InfoZone, text_started: bool = False, blocks: int = 0) -> Byline | None:
    """The one decision whether a line is an info (byline) line, and what it says; None when it is not.

    ``zone`` is where the line stands. ``text``: inside the article's container, walked in order
    (``text_started`` once a body block was kept, ``blocks`` kept so far): a short date or name line
    counts anywhere before the text, but after the text has begun only "date + outlet/name" lines
    (``2003-7-24 钱江晚报``), or a bare date among the first blocks, do (a bare date at the end is a
    notice's signature); a bare 2-3 character name before the text is the writer's (pen) name.
    ``header``: the lines around the headline, where a short unlabelled date line (60 characters at
    most) counts. ``elsewhere`` (the footer, a caption): labelled lines only.
    """
    if zone == "text":
        byline = parse_byline(text, unlabelled=True)
        if (byline is not None and byline.labels == 0 and text_started
                and not (byline.source or byline.authors or blocks < 3)):
            byline = None
        if byline is None and not text_started and looks_like_pen_name(text):
            return Byline(authors=[text], labels=0)  # a bare name under the headline is its writer
    else:
        byline = parse_byline(text, unlabelled=zone == "header" and len(text) <= 60)
    return byline if looks_like_byline(text, byline) else None


def surrounding_bylines(header: list[Line], footer: list[Line], seen: set[int]) -> list[tuple[Line, Byline]]:
    """Info lines among the header's and the footer's lines (``info_line``), skipping the lines in
    ``seen`` (body and routed info lines); each line taken is added to ``seen``."""
    header_ids = {id(ln) for ln in header}
    found: list[tuple[Line, Byline]] = []
    for ln in header + footer:
        if id(ln) in seen or not ln.text:
            continue
        by = info_line(ln.text, zone="header" if id(ln) in header_ids else "elsewhere")
        if by is not None:
            found.append((ln, by))
            seen.add(id(ln))
    return found


@dataclass(slots=True)
class Credits:
    """Who wrote, edited and first published the article, from every place the page names them."""

    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    source: str | None = None
    original_title: str | None = None


_META_SOURCE_MAX = 30
"""Characters of a ``<meta name=source>`` credit used when no line names the source (longer is a slogan)."""


def credits(bylines: list[tuple[Line, Byline]], header: list[Line], body_lines: list[Line], footer: list[Line],
            credited: list[str], seen: set[int], meta_source: str | None) -> Credits:
    """The article's people and source, in order of trust: the info lines (in page order), an
    author-classed element in the header, reporters in a paragraph's dateline, a closing credit
    (``（张三）``, ``credited``), and only when none names a writer, a forum line's poster.
    The source falls back to the page's ``<meta>`` credit."""
    out = Credits()
    authors, editors = out.authors, out.editors
    for _, by in bylines:
        out.source = out.source or by.source
        out.original_title = out.original_title or by.original_title
        authors += [a for a in by.authors if a not in authors]
        editors += [e for e in by.editors if e not in editors]
    for ln in header:
        if id(ln) not in seen and _is_author_element(ln):
            authors += [a for a in split_names(ln.text) if clean_person(a) and a not in authors]
    for ln in body_lines:
        authors += [a for a in dateline_reporters(ln.text) if a not in authors]
    authors += [a for a in credited if a not in authors]
    if not authors:
        for ln in header + body_lines + footer[:10]:
            poster = forum_poster(ln.text)
            if poster:
                authors.append(poster)
                break
    if out.source is None and meta_source and len(meta_source) <= _META_SOURCE_MAX:
        out.source = meta_source
    return out


_AUTHOR_CLASS = re.compile(
    r"author|writer|byline|zuozhe|editor-name|(?:^|[\s_-])(?:name|nickname|username|uname)(?:$|[\s_-])", re.I
)


def _is_author_element(line: Line) -> bool:
    """A short unlabelled line whose element is classed as the author (``<p class="author-name">``)."""
    if line.chars > 30 or line.chars < 2 or (line.link_density > 0.5 and line.chars > 20):
        return False
    names = (line.block.get("class") or "") + " " + (line.block.get("id") or "")
    return bool(_AUTHOR_CLASS.search(names)) and "tips" not in names and parse_byline(line.text) is None
