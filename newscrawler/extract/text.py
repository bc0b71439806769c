"""Small text helpers shared by the extraction passes.

Everything here works on already-decoded ``str`` and keeps the page's own
characters: only whitespace is collapsed. Matching helpers fold widths on a
copy, never on stored text (``fold``; the tables live in ``newscrawler.common.fold``).
"""

from __future__ import annotations

import re

from newscrawler.common.fold import fold_labels

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


fold = fold_labels
"""Copy for pattern matching (``newscrawler.common.fold.fold_labels``): full-width ASCII to half-width
(NFKC) and Traditional label characters to Simplified; cached per line."""


def nospace(text: str) -> str:
    """The text with all whitespace removed (for comparisons across layouts)."""
    if _ZERO_WIDTH.search(text) is None:
        return "".join(text.split())
    return _WS.sub("", text)


def count_cjk(text: str) -> int:
    """Number of CJK unified ideographs (basic block and extension A), counted by the regex engine
    (a Python loop per character costs three times as much)."""
    return sum(map(len, _CJK_RUNS.findall(text)))


def has_cjk(text: str, least: int) -> bool:
    """``count_cjk(text) >= least``, reading the text only until that many are found (a page's first runs)."""
    found = 0
    for run in _CJK_RUNS.finditer(text):
        found += run.end() - run.start()
        if found >= least:
            return True
    return found >= least


_FULL_STOP = re.compile(r"[。！？!?]|(?<=[\u3400-\u4dbf\u4e00-\u9fff])\.(?![0-9A-Za-z.])")
_STOP_CHAR = re.compile(r"[。！？!?]")
_HAN_DOT = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]\.(?![0-9A-Za-z.])")
"""``_FULL_STOP``'s two kinds apart: a pattern opening with a lookbehind is tried at every position of the
text (the engine has no first character to look for), these two are found by a scan for their first character.
A match of ``_HAN_DOT`` is the Chinese character and the stop: one stop each, as ``_FULL_STOP`` counts them."""
_HAN_COMMA = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff],")
_CLOSERS = "”」』）)"


def has_full_stop(text: str) -> bool:
    """Whether ``text`` holds a full stop: ``。！？!?``, or a half-width ``.`` right after a Chinese
    character (texts typed with ASCII punctuation: ``…市民反應不一.``), not a decimal point or ``...``."""
    return _STOP_CHAR.search(text) is not None or ("." in text and _HAN_DOT.search(text) is not None)


def full_stops(text: str) -> int:
    """How many full stops ``text`` holds, in the sense of ``has_full_stop``."""
    return len(_STOP_CHAR.findall(text)) + (len(_HAN_DOT.findall(text)) if "." in text else 0)


def clause_commas(text: str) -> int:
    """Commas between clauses: ``，``, or a half-width ``,`` right after a Chinese character."""
    return text.count("，") + (len(_HAN_COMMA.findall(text)) if "," in text else 0)


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends a sentence: its last character (past closing quotes and brackets) is a
    full stop in the sense of ``has_full_stop``."""
    text = text.rstrip().rstrip(_CLOSERS)
    return bool(text) and _FULL_STOP.search(text, len(text) - 1) is not None


def punct_count(text: str) -> int:
    """Number of prose punctuation characters in ``text`` (regex-counted, see ``count_cjk``)."""
    return len(_PROSE_PUNCT_CHAR.findall(text))


def punct_count_upto(text: str, most: int) -> int:
    """``min(punct_count(text), most)``: the text is read only until ``most`` marks are found."""
    found = 0
    if most > 0:
        for _ in _PROSE_PUNCT_CHAR.finditer(text):
            found += 1
            if found >= most:
                break
    return found


def split_names(value: str) -> list[str]:
    """Split a name list (``张三、李四``, ``张三 李四``, ``张三，李四``, ``张三/李四``) into names."""
    parts = re.split(r"[、，,;；/|｜\s]+", value.strip())
    return [p for p in (x.strip("()（）[]【】<>《》:：") for x in parts) if p]
