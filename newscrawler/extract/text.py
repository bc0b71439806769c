"""Small text helpers shared by the extraction passes.

Everything here works on already-decoded ``str`` and keeps the page's own
characters: only whitespace is collapsed. Matching helpers fold widths on a
copy, never on stored text.
"""

from __future__ import annotations

import functools
import re
import unicodedata

_WS = re.compile(r"[\s\u3000\u00a0\u200b\u200c\u200d\u2060\ufeff]+")
_EDGE_WS = "\u3000\u00a0\u200b\u200c\u200d\u2060\ufeff \t\r\n\f\v"
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
"""The characters of ``_WS`` that ``str.split()`` does not split on (every other one is ``str.isspace``,
exactly like the regex ``\\s``): without them, ``split`` gives the same runs in a single C pass."""

SENTENCE_END = "。！？!?…；;"
"""Characters that close a sentence in Chinese (and Latin) prose."""

PROSE_PUNCT = frozenset("，。！？、；：“”‘’《》（）,.!?;:%")
"""Punctuation typical of running text; nav items and titles carry little of it."""

_CJK_RUNS = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]+")
_PROSE_PUNCT_CHAR = re.compile("[" + "".join(map(re.escape, sorted(PROSE_PUNCT))) + "]")


def collapse_ws(text: str) -> str:
    """Collapse every whitespace run (incl. U+3000, NBSP, zero-width) to one space; strip ends."""
    if _ZERO_WIDTH.search(text) is None:
        return " ".join(text.split())
    return _WS.sub(" ", text).strip(_EDGE_WS)


_HANT_LABEL_CHARS = str.maketrans(
    "來責編輯記者標題發佈時間聞譯審對觀點轉載權聲導覽頁關閱讀熱門參與條網訊電報導圖攝區縣價習"
    "專欄較書寫連結開啟僅儲劃機構資訊經濟險議據稱說應復執談論歡禮貿聯顯據內廣東華灣亞擊幣腦產張陳劉鄭楊黃趙吳週"
    "實係請進問處評與於為這從後載薦閉視則級話類註許風謹個",
    "来责编辑记者标题发布时间闻译审对观点转载权声导览页关阅读热门参与条网讯电报导图摄区县价习"
    "专栏较书写连结开启仅储划机构资讯经济险议据称说应复执谈论欢礼贸联显据内广东华湾亚击币脑产张陈刘郑杨黄赵吴周"
    "实系请进问处评与于为这从后载荐闭视则级话类注许风谨个",
)
"""Traditional forms of the characters that byline, notice and chrome labels use, mapped one to one
(so offsets stay valid) to their Simplified forms: 來源 and 责任编辑 match the same patterns."""
_HANT_LABEL_CHAR = re.compile("[" + "".join(chr(cp) for cp in sorted(_HANT_LABEL_CHARS)) + "]")
"""Any character ``_HANT_LABEL_CHARS`` maps: mainland text has none, and then needs no ``translate``
(which looks every character up in a dict)."""


_WIDE_CHAR = re.compile("[\u3000\uff01-\uff5e]")
_NARROW = {chr(cp): chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)} | {"\u3000": " "}
"""Full-width ASCII and the ideographic space, and their NFKC forms (one ASCII character each)."""


def _narrow(match: re.Match[str]) -> str:
    return _NARROW[match.group()]


_FOLD_CACHED_CHARS = 2000
"""Longest text ``fold`` keeps in its cache: lines, not whole pages, so the cache stays a few MB."""


def fold(text: str) -> str:
    """Copy for pattern matching: full-width ASCII to half-width (NFKC) and Traditional label characters
    to Simplified. Same length as the input whenever NFKC keeps lengths (it does for CJK text).

    Texts up to ``_FOLD_CACHED_CHARS`` are cached (1024 of them, more than a page's lines): the line
    passes (caption, notice, byline, chrome, related-heading checks) fold the same line several times.
    """
    return _fold_cached(text) if len(text) <= _FOLD_CACHED_CHARS else _fold(text)


def _fold(text: str) -> str:
    """``fold`` itself. Full-width ASCII (``，：（）``) is narrowed first by a regex that touches only those
    characters; NFKC maps them to exactly the same ASCII, so the result does not change, but Chinese text
    then usually passes NFKC's quick check instead of being fully normalised."""
    folded = unicodedata.normalize("NFKC", _WIDE_CHAR.sub(_narrow, text))
    return folded.translate(_HANT_LABEL_CHARS) if _HANT_LABEL_CHAR.search(folded) else folded


_fold_cached = functools.lru_cache(maxsize=1024)(_fold)


def nospace(text: str) -> str:
    """The text with all whitespace removed (for comparisons across layouts)."""
    if _ZERO_WIDTH.search(text) is None:
        return "".join(text.split())
    return _WS.sub("", text)


def count_cjk(text: str) -> int:
    """Number of CJK unified ideographs (basic block and extension A), counted by the regex engine
    (a Python loop per character costs three times as much)."""
    return sum(map(len, _CJK_RUNS.findall(text)))


def punct_count(text: str) -> int:
    """Number of prose punctuation characters in ``text`` (regex-counted, see ``count_cjk``)."""
    return len(_PROSE_PUNCT_CHAR.findall(text))


def split_names(value: str) -> list[str]:
    """Split a name list (``张三、李四``, ``张三 李四``, ``张三，李四``, ``张三/李四``) into names."""
    parts = re.split(r"[、，,;；/|｜\s]+", value.strip())
    return [p for p in (x.strip("()（）[]【】<>《》:：") for x in parts) if p]
