"""Small text helpers shared by the extraction passes.

Everything here works on already-decoded ``str`` and keeps the page's own
characters: only whitespace is collapsed. Matching helpers fold widths on a
copy, never on stored text.
"""

from __future__ import annotations

import re
import unicodedata

_WS = re.compile(r"[\s\u3000\u00a0\u200b\u200c\u200d\u2060\ufeff]+")
_EDGE_WS = "\u3000\u00a0\u200b\u200c\u200d\u2060\ufeff \t\r\n\f\v"

SENTENCE_END = "。！？!?…；;"
"""Characters that close a sentence in Chinese (and Latin) prose."""

PROSE_PUNCT = frozenset("，。！？、；：“”‘’《》（）,.!?;:%")
"""Punctuation typical of running text; nav items and titles carry little of it."""


def collapse_ws(text: str) -> str:
    """Collapse every whitespace run (incl. U+3000, NBSP, zero-width) to one space; strip ends."""
    return _WS.sub(" ", text).strip(_EDGE_WS)


_HANT_LABEL_CHARS = str.maketrans(
    "來責編輯記者標題發佈時間聞譯審對觀點轉載權聲導覽頁關閱讀熱門參與條網訊電報導圖攝區縣價習"
    "專欄較書寫連結開啟僅儲劃機構資訊經濟險議據稱說應復執談論歡禮貿聯顯據內廣東華灣亞擊幣腦產張陳劉鄭楊黃趙吳週",
    "来责编辑记者标题发布时间闻译审对观点转载权声导览页关阅读热门参与条网讯电报导图摄区县价习"
    "专栏较书写连结开启仅储划机构资讯经济险议据称说应复执谈论欢礼贸联显据内广东华湾亚击币脑产张陈刘郑杨黄赵吴周",
)
"""Traditional forms of the characters that byline, notice and chrome labels use, mapped one to one
(so offsets stay valid) to their Simplified forms: 來源 and 责任编辑 match the same patterns."""


def fold(text: str) -> str:
    """Copy for pattern matching: full-width ASCII to half-width (NFKC) and Traditional label characters
    to Simplified. Same length as the input whenever NFKC keeps lengths (it does for CJK text)."""
    return unicodedata.normalize("NFKC", text).translate(_HANT_LABEL_CHARS)


def nospace(text: str) -> str:
    """The text with all whitespace removed (for comparisons across layouts)."""
    return _WS.sub("", text)


def count_cjk(text: str) -> int:
    """Number of CJK unified ideographs (basic block and extension A)."""
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf")


def punct_count(text: str) -> int:
    """Number of prose punctuation characters in ``text``."""
    return sum(1 for ch in text if ch in PROSE_PUNCT)


def split_names(value: str) -> list[str]:
    """Split a name list (``张三、李四``, ``张三 李四``, ``张三，李四``, ``张三/李四``) into names."""
    parts = re.split(r"[、，,;；/|｜\s]+", value.strip())
    return [p for p in (x.strip("()（）[]【】<>《》:：") for x in parts) if p]
