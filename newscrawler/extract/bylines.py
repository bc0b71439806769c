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

from newscrawler.adapters.sre import needed_literals
from newscrawler.extract.lines import LINK_LINE_SHARE, Line
from newscrawler.extract.options import DEFAULT_OPTIONS, Options
from newscrawler.extract.text import SENTENCE_END, fold, split_names
from newscrawler.extract.vocabulary import (
    BYLINE_AGENCY_DATELINE,
    BYLINE_ALIAS,
    BYLINE_ALL_LABELS,
    BYLINE_AMPERSAND,
    BYLINE_AUTHOR_CLASS,
    BYLINE_BARE_CODE,
    BYLINE_BRACKETS,
    BYLINE_CHROME_WORDS,
    BYLINE_CLOCK,
    BYLINE_CLOCK_OR_ZONE,
    BYLINE_COUNTERS,
    BYLINE_CREDIT_CUT,
    BYLINE_DATE_SHAPE,
    BYLINE_DATELINE_REPORTERS,
    BYLINE_DATELINE_ROLES,
    BYLINE_DIGITISH,
    BYLINE_FORUM_POSTER,
    BYLINE_GLUED_LINK,
    BYLINE_LABEL,
    BYLINE_LABEL_FIELD,
    BYLINE_LATIN_HANDLE,
    BYLINE_MAX_PREFIX,
    BYLINE_NAME_OUTLET,
    BYLINE_NOT_A_NAME,
    BYLINE_OPENING_REPORTER,
    BYLINE_OUTLET,
    BYLINE_OUTLET_CREDIT,
    BYLINE_OUTLET_NAME,
    BYLINE_PAREN_REPORTER,
    BYLINE_PLACE_CREDIT,
    BYLINE_PLACEHOLDERS,
    BYLINE_REPORTED,
    BYLINE_SOURCED_LEAD,
    BYLINE_STAFF_CODE,
    BYLINE_SURNAMES,
    BYLINE_TOOL_NAME,
    BYLINE_UNKNOWN_LABEL,
    BYLINE_WESTERN_DATE,
    BYLINE_WIRE_DATELINE,
    BYLINE_YEARLESS_STAMP,
)


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
    name = name.strip(BYLINE_BRACKETS + " ·.。:：")
    if not name:
        return None
    if BYLINE_BARE_CODE.match(name):
        return name
    name = BYLINE_STAFF_CODE.sub("", name).strip("_＿ ")
    if (not name or len(name) > 24 or BYLINE_DIGITISH.search(name) or name in BYLINE_CHROME_WORDS
            or name in BYLINE_PLACEHOLDERS):
        return None  # a placeholder (佚名, 未知, admin) names no one
    if any(ch in name for ch in "，。！？；"):
        return None
    return name


def _people(value: str) -> list[str]:
    """Names in a byline value; stops at an unknown label (``访问统计：``), keeps ``周某 (Joel X)`` whole."""
    cut = BYLINE_UNKNOWN_LABEL.search(value)
    if cut:
        value = value[: cut.start()]
    glued = BYLINE_GLUED_LINK.search(value)  # 张三 李四返回某某，查看更多: a link glued to the last name
    if glued:
        value = value[: glued.start()]
    value = value.strip()
    aliases: list[str] = []

    def protect(m: re.Match[str]) -> str:
        aliases.append(m.group(2))
        return f"{m.group(1)}\x00{len(aliases) - 1}\x00"

    value = BYLINE_ALIAS.sub(protect, value)
    value = BYLINE_PLACE_CREDIT.split(value)[0]  # 王小明／台北報導, 林明／台北17日電: the place is not a name
    value = BYLINE_CREDIT_CUT.split(value)[0]  # 马某/文 受访者供图: the credit ends the names
    value = BYLINE_REPORTED.sub("", value)  # 路某编译 -> 路某, 陳某 報道 -> 陳某
    names: list[str] = []
    for raw in _split_ampersands(split_names(value)):
        alias = ""
        marker = re.search(r"\x00(\d+)\x00", raw)
        if marker:
            alias = " " + aliases[int(marker.group(1))]
            raw = raw[: marker.start()]
        name = clean_person(raw)
        if name is None:
            continue
        name += alias
        if BYLINE_BARE_CODE.match(name) and names:
            continue  # 李倩 SF069: the staff code of the name before it
        names.append(name)
    return names


def _split_ampersands(names: list[str]) -> list[str]:
    """``胡某&李某某`` is two writers when both sides look like people; a handle such as ``放飞&心情`` stays whole."""
    out: list[str] = []
    for name in names:
        parts = [p for p in BYLINE_AMPERSAND.split(name) if p]
        out += parts if len(parts) > 1 and all(looks_like_person(p) for p in parts) else [name]
    return out


def _source(value: str) -> str | None:
    value = value.strip(BYLINE_BRACKETS + " ")
    if not value:
        return None
    token = value.split()[0]
    for opener in ("(", "（"):
        cut = token.find(opener)
        if cut >= 2:  # 新京报(北京) -> 新京报: the place is not part of the outlet's name
            token = token[:cut]
    token = token.strip(BYLINE_BRACKETS + "|｜")
    if not token or token in BYLINE_CHROME_WORDS or len(token) > 40:
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


def looks_like_person(token: str) -> bool:
    """A 2-4 character Chinese name starting with a common surname, or a Latin user handle."""
    if token in BYLINE_CHROME_WORDS:
        return False
    if BYLINE_LATIN_HANDLE.match(token):
        return True
    return 2 <= len(token) <= 4 and token[0] in BYLINE_SURNAMES and all("\u4e00" <= ch <= "\u9fff" for ch in token)


def _name_like(token: str) -> bool:
    """Next to a date in an info line, a 2-3 character word or a handle is a writer's name."""
    if token in BYLINE_CHROME_WORDS:
        return False
    if BYLINE_LATIN_HANDLE.match(token) or looks_like_person(token):
        return True
    return 2 <= len(token) <= 3 and all("\u4e00" <= ch <= "\u9fff" for ch in token)


def looks_like_pen_name(token: str) -> bool:
    """A bare 2-3 character word or handle alone under a headline: a writer's (pen) name; never a label
    word (``分享到``), a page tool or a network's name (``facebook``: a share button) or a placeholder."""
    return (token not in BYLINE_NOT_A_NAME and token not in BYLINE_LABEL_FIELD and token not in BYLINE_PLACEHOLDERS
            and not BYLINE_TOOL_NAME.fullmatch(token) and _name_like(token))


def parse_byline(text: str, *, unlabelled: bool = False, options: Options = DEFAULT_OPTIONS) -> Byline | None:
    """Split an info line at its labels; None when the line carries no byline label.

    With ``unlabelled`` (only for lines between the headline and the text), a
    short line (``options.short_info_max``) made of a date and at most one name also counts.
    """
    folded = fold(text)
    if len(folded) != len(text):  # NFKC changed lengths: match on the original
        folded = text
    matches = _label_matches(folded, options)
    if not matches:
        if not unlabelled:
            return None
        pair = BYLINE_NAME_OUTLET.match(text.strip())
        if pair and looks_like_person(pair.group(1)) and BYLINE_OUTLET.search(pair.group(2)):
            return Byline(authors=[pair.group(1)], source=pair.group(2), labels=0, date_text=None)
        return _unlabelled_info(text, options)
    out = Byline(labels=len(matches))
    leftover = [folded[: matches[0].start()]]
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(folded)
        value = text[m.end() : end]
        fld = BYLINE_LABEL_FIELD[m.group("label")]
        if fld == "original_title":
            if out.original_title is None:
                out.original_title = _original_title(text[m.end() :] if i + 1 == len(matches) else value)
            if i + 1 < len(matches) and BYLINE_LABEL_FIELD[matches[i + 1].group("label")] != "original_title":
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
    out.leftover = "".join(leftover).strip(BYLINE_BRACKETS + " |｜")
    return out


def _starts_of(words: list[str]) -> re.Pattern[str]:
    """A pattern whose matches start exactly where one of ``words`` starts (only the start is read): a word that
    opens with a shorter one is left out, the others grouped by first character (a search tries one branch per
    first character, not one per word)."""
    unique = sorted(set(words))
    kept = [w for w in unique if not any(v != w and w.startswith(v) for v in unique)]
    groups: dict[str, list[str]] = {}
    for word in kept:
        groups.setdefault(word[0], []).append(word[1:])
    singles = sorted(first for first, rests in groups.items() if rests == [""])
    parts = ["[" + "".join(map(re.escape, singles)) + "]"] if singles else []
    parts += [re.escape(first) + "(?:" + "|".join(map(re.escape, rests)) + ")"
              for first, rests in sorted(groups.items()) if rests != [""]]
    return re.compile("|".join(parts))


_LABEL_START = _starts_of(BYLINE_ALL_LABELS)
"""Where ``BYLINE_ANY_LABEL`` finds a label word (the same starts), searched faster."""


def _label_matches(folded: str, options: Options) -> list[re.Match[str]]:
    """The accepted matches of ``BYLINE_LABEL.finditer(folded)``, trying the pattern only near label words.

    A match starts at most ``BYLINE_MAX_PREFIX`` characters before its label, so only those positions in
    front of a label word can start one. Trying them leftmost first, and going on after each match as
    ``finditer`` does, gives the same matches without running the (slow) pattern at every position of a
    paragraph; most lines hold no label word at all.
    """
    matches: list[re.Match[str]] = []
    pos = 0
    while (word := _LABEL_START.search(folded, pos)) is not None:
        found = None
        for start in range(max(pos, word.start() - BYLINE_MAX_PREFIX), word.start() + 1):
            found = BYLINE_LABEL.match(folded, start)
            if found is not None:
                break
        if found is None:
            pos = word.start() + 1
            continue
        if _accept(found, folded, options):
            matches.append(found)
        pos = found.end()
    return matches


def _unlabelled_info(text: str, options: Options) -> Byline | None:
    """A short line made of a date plus at most one name, e.g. ``maomaobear 2015-06-19 11:20:11 0人参与评论``;
    also a date with its clock and zone (``2012-01-17 HKT 10:20``), a year-less ``01月17日 10:20`` stamp,
    and an outlet credit such as ``（星島日報報道）``; ``options.short_info_max`` characters at most."""
    if len(text) > options.short_info_max or "。" in text or "，" in text:
        return None
    stripped = text.strip()
    credit = BYLINE_OUTLET_CREDIT.match(stripped) or BYLINE_WIRE_DATELINE.match(stripped)
    if credit:
        return Byline(source=credit.group(1), labels=0, date_text=None)
    if BYLINE_YEARLESS_STAMP.match(stripped) or BYLINE_WESTERN_DATE.match(stripped):
        return Byline(labels=0, date_text=stripped)
    m = BYLINE_DATE_SHAPE.search(text)
    if not m:
        return None
    rest = BYLINE_COUNTERS.sub(" ", text[: m.start()] + " " + text[m.end() :])
    tokens = [t.strip(BYLINE_BRACKETS + "|｜/－—-_") for t in rest.split()]
    # 2012-01-17 HKT 10:20, 2012年1月12日 上午 10:20: the clock and zone are part of the date
    tokens = [t for t in tokens if t and t not in BYLINE_CHROME_WORDS and not BYLINE_CLOCK_OR_ZONE.match(t)]
    out = Byline(labels=0, date_text=m.group(0), leftover=" ".join(tokens))
    pair = _outlet_and_name(tokens[0]) if len(tokens) == 1 else None
    if pair is not None:
        out.source, out.authors = pair[0], [pair[1]]
    elif len(tokens) == 1 and clean_person(tokens[0]):
        if _name_like(tokens[0]) and not BYLINE_OUTLET.search(tokens[0]):
            out.authors.append(tokens[0])
        else:
            out.source = BYLINE_SOURCED_LEAD.sub("", tokens[0]).strip("《》") or tokens[0]
    elif len(tokens) > 1:
        if not _dated_names(tokens, options):
            return None
        out.authors.extend(tokens)  # 2020-06-05 20:35 张三 李小明: the writers under the date
    return out


def _outlet_and_name(token: str) -> tuple[str, str] | None:
    """(outlet, reporter) of ``某某快訊／王小明`` or ``王小明／某某日報`` on a dated line; None for any other token."""
    pair = BYLINE_OUTLET_NAME.match(token)
    if pair and looks_like_person(pair.group(2)) and not looks_like_person(pair.group(1)):
        return pair.group(1), pair.group(2)
    pair = BYLINE_NAME_OUTLET.match(token)
    if pair and looks_like_person(pair.group(1)) and not looks_like_person(pair.group(2)):
        return pair.group(2), pair.group(1)
    return None


def _dated_names(tokens: list[str], options: Options) -> bool:
    """Several words after an unlabelled date are its writers' names: ``options.dated_names_max`` at most,
    each name-like and no outlet, at least half of them starting with a surname (channel words such as
    ``国际 财经`` do not)."""
    if len(tokens) > options.dated_names_max:
        return False
    if not all(_name_like(t) and clean_person(t) == t and not BYLINE_OUTLET.search(t) for t in tokens):
        return False
    return sum(looks_like_person(t) for t in tokens) >= options.dated_names_person_share * len(tokens)


def _accept(m: re.Match[str], text: str, options: Options) -> bool:
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
        return label in ("记者", "责编", "责任编辑", "编辑", "通讯员") and len(text) <= options.glued_credit_max
    return True


def looks_like_byline(text: str, byline: Byline | None, options: Options = DEFAULT_OPTIONS) -> bool:
    """True when the line is an info/byline line rather than a sentence of the article (lengths:
    ``byline_line_max``, ``short_info_max``, ``spaced_label_max``, ``dated_info_max``, ``bare_label_max``)."""
    if byline is None:
        return False
    if byline.labels == 0:  # a date line, a name with its outlet, or an outlet's credit line
        return byline.date_text is not None or bool(byline.source)
    if len(text) > options.byline_line_max and byline.original_title is None:
        return False
    if "。" in text and byline.original_title is None and len(text) > options.short_info_max:
        return False
    stripped = text.strip(BYLINE_BRACKETS + " ")
    first = BYLINE_LABEL.match(fold(stripped))
    starts_with_label = first is not None and _accept(first, fold(stripped), options)
    if first is not None and not first.group("sep").strip() and len(stripped) > options.spaced_label_max:
        return False  # 记者了解到，… is a sentence; glued or space-separated labels only make short lines
    has_value = bool(byline.source or byline.authors or byline.editors or byline.original_title
                     or byline.date_text)
    if byline.labels and len(text) <= options.dated_info_max and "。" not in text and BYLINE_DATE_SHAPE.search(text):
        return True  # 报纸网 |发布: 2021-1-29 13:18|点击: 313: a dated info line
    if not has_value:
        return starts_with_label and len(stripped) <= options.bare_label_max
    if starts_with_label:
        return sum(text.count(c) for c in SENTENCE_END) <= 1 or byline.original_title is not None
    if "。" in text:
        return False  # a sentence that merely contains a label word
    return byline.labels >= 2 or len(text) <= options.short_info_max


def forum_poster(line: str) -> str | None:
    """The poster named in a forum line such as ``本贴由大卫于2005年8月12日…发表``."""
    if _POSTER_WORDS is not None and not any(word in line for word in _POSTER_WORDS):
        return None  # none of the words every match holds: no search (the article's paragraphs are read)
    m = BYLINE_FORUM_POSTER.search(line)
    if not m:
        return None
    return clean_person(next(g for g in m.groups() if g))


_POSTER_WORDS = needed_literals(BYLINE_FORUM_POSTER)
"""Words one of which every forum-poster line holds (read from the pattern by ``adapters.sre``), or None."""


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
    agency = BYLINE_AGENCY_DATELINE.match(paragraph)
    if agency:
        names = [n for n in re.split(r"[、，,\s]+", agency.group(1)) if n]
        last = _name_before_place(agency.group(2))
        return [n for n in [*names, last] if n and looks_like_person(n)]
    m = BYLINE_DATELINE_REPORTERS.match(paragraph) or BYLINE_PAREN_REPORTER.match(paragraph)
    if not m:
        opening = BYLINE_OPENING_REPORTER.match(paragraph)  # （记者 张三）昨天…, 〔記者王某／台北報導〕…
        names = _people(BYLINE_DATELINE_ROLES.sub(" ", opening.group(1))) if opening else []
        return [n for n in names if looks_like_person(n)]
    names = _people(BYLINE_DATELINE_ROLES.sub(" ", m.group(1)))
    return [n for n in names if looks_like_person(n) or len(n) <= 4]


InfoZone = Literal["text", "header", "elsewhere"]


def info_line(text: str, *, zone: InfoZone, text_started: bool = False, blocks: int = 0,
              options: Options = DEFAULT_OPTIONS) -> Byline | None:
    """The one decision whether a line is an info (byline) line, and what it says; None when it is not.

    ``zone`` is where the line stands. ``text``: inside the article's container, walked in order
    (``text_started`` once a body block was kept, ``blocks`` kept so far): a short date or name line
    counts anywhere before the text, but after the text has begun only "date + outlet/name" lines
    (``2003-7-24 钱江晚报``), a bare date among the first blocks, or a bare date with a clock time (a time
    stamp: ``2019-09-08 11:42:03``) do (a bare date at the end is a notice's signature;
    ``options.early_date_blocks``); a bare 2-3 character name before the text is
    the writer's (pen) name. ``header``: the lines around the headline, where a short unlabelled date
    line (``options.short_info_max`` characters at most) counts. ``elsewhere`` (the footer, a caption): labelled lines only.
    """
    if zone == "text":
        byline = parse_byline(text, unlabelled=True, options=options)
        if (byline is not None and byline.labels == 0 and text_started
                and not (byline.source or byline.authors or blocks < options.early_date_blocks)
                and not (byline.date_text and not byline.leftover and BYLINE_CLOCK.search(byline.date_text))):
            byline = None
        if byline is None and not text_started and looks_like_pen_name(text):
            return Byline(authors=[text], labels=0)  # a bare name under the headline is its writer
    else:
        byline = parse_byline(text, unlabelled=zone == "header" and len(text) <= options.short_info_max,
                              options=options)
    return byline if looks_like_byline(text, byline, options) else None


def surrounding_bylines(header: list[Line], footer: list[Line], seen: set[int],
                        options: Options = DEFAULT_OPTIONS) -> list[tuple[Line, Byline]]:
    """Info lines among the header's and the footer's lines (``info_line``), skipping the lines in
    ``seen`` (body and routed info lines) and unlabelled dated lines that are links with words beside the date
    (a link to another article: ``上一篇：某某--2019年8月19日``); each line taken is added to ``seen``."""
    header_ids = {id(ln) for ln in header}
    found: list[tuple[Line, Byline]] = []
    for ln in header + footer:
        if id(ln) in seen or not ln.text:
            continue
        by = info_line(ln.text, zone="header" if id(ln) in header_ids else "elsewhere", options=options)
        if by is not None and by.labels == 0 and by.leftover and ln.link_density > LINK_LINE_SHARE:
            continue  # 某某分析--2019年8月19日 as a link: another article's headline and date (上一篇), no byline
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


def credits(bylines: list[tuple[Line, Byline]], header: list[Line], body_lines: list[Line], footer: list[Line],
            credited: list[str], seen: set[int], meta_source: str | None,
            options: Options = DEFAULT_OPTIONS) -> Credits:
    """The article's people and source, in order of trust: the info lines (in page order), an
    author-classed element in the header, reporters in a paragraph's dateline, a closing credit
    (``（张三）``, ``credited``), and only when none names a writer, a forum line's poster.
    The source falls back to the page's ``<meta>`` credit (``options.meta_source_max`` characters at most)."""
    out = Credits()
    for _, by in bylines:
        out.source = out.source or by.source
        out.original_title = out.original_title or by.original_title
        _add(out.authors, by.authors)
        _add(out.editors, by.editors)
    for ln in header:
        if id(ln) not in seen and _is_author_element(ln, options):
            _add(out.authors, [a for a in split_names(ln.text) if clean_person(a)])
    for ln in body_lines:
        _add(out.authors, dateline_reporters(ln.text))
    _add(out.authors, credited)
    if not out.authors:
        poster = next((p for p in map(forum_poster, (ln.text for ln in header + body_lines + footer[:10])) if p), None)
        if poster:
            out.authors.append(poster)
    if out.source is None and meta_source and len(meta_source) <= options.meta_source_max:
        out.source = meta_source
    return out


def _add(names: list[str], more: list[str]) -> None:
    """Append the names of ``more`` that ``names`` does not hold yet (all judged against ``names`` as it was)."""
    names += [name for name in more if name not in names]


def _is_author_element(line: Line, options: Options) -> bool:
    """A short unlabelled line (``author_element_max`` characters at most, ``linked_author_max`` when
    it is a link) whose element is classed as the author (``<p class="author-name">``)."""
    if (line.chars > options.author_element_max or line.chars < 2
            or (line.link_density > LINK_LINE_SHARE and line.chars > options.linked_author_max)):
        return False
    names = (line.block.get("class") or "") + " " + (line.block.get("id") or "")
    return (bool(BYLINE_AUTHOR_CLASS.search(names)) and "tips" not in names
            and parse_byline(line.text, options=options) is None)
