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


def fold(text: str) -> str:
    """Width-folded copy for pattern matching (full-width ASCII to half-width), NFKC."""
    return unicodedata.normalize("NFKC", text)


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
