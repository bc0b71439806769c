"""Page chrome recognised line by line: share bars, print/close links, prev/next,
counters, app promotions, footers, related-list headings and truncated copies.

These rules apply to every candidate body line, including lines inside the
chosen content container (portals put app promotions and share bars there).
"""

from __future__ import annotations

import functools

from newscrawler.common.fold import FOLD_CACHED_CHARS, fold_t2s
from newscrawler.extract.options import DEFAULT_OPTIONS, Options
from newscrawler.extract.text import fold, nospace
from newscrawler.extract.vocabulary import (
    CLUTTER_AGENCY_STAMP,
    CLUTTER_CHROME,
    CLUTTER_CHROME_ANYWHERE,
    CLUTTER_COMMENT,
    CLUTTER_COUNTER,
    CLUTTER_EMPTY_COUNTER,
    CLUTTER_END_MARKER,
    CLUTTER_KEYED_CHROME,
    CLUTTER_MOOD,
    CLUTTER_PHOTO_CREDIT,
    CLUTTER_RELATED,
    CLUTTER_SHORT_CHROME,
    CLUTTER_SITE_FOOTER,
    CLUTTER_SITE_WATERMARK,
    CLUTTER_SIZE_BAR,
    CLUTTER_SOCIAL_ONLY,
    CLUTTER_TAG_ROW,
    CLUTTER_TOOL_ALONE,
    CLUTTER_TOOL_ROW,
    CLUTTER_TOOL_WORD,
    CLUTTER_TOOLS_ONLY,
    CLUTTER_URL_ONLY,
    CLUTTER_WRITER_NOTE,
    SHORT_CHROME_MAX,
)


@functools.lru_cache(maxsize=1024)
def _folded_line(text: str) -> str:
    return fold_t2s(fold(text))


def _folded(text: str) -> str:
    """The matching copy of a line: ``fold`` (widths, label characters), then every Traditional character
    as Simplified (``fold_t2s``), so a Hong Kong or Taiwan page's chrome (字體, 關鍵詞, 客戶端, 瀏覽次數) meets
    the same patterns as a mainland one's. Same length as ``fold``'s copy; lines (not whole texts) are
    cached, as ``fold`` caches them: several checks fold the same line."""
    return _folded_line(text) if len(text) <= FOLD_CACHED_CHARS else fold_t2s(fold(text))


def is_writer_note(text: str, options: Options = DEFAULT_OPTIONS) -> bool:
    """A note about the writer (作者为某报评论员…, （实习生某对此文亦有贡献）; ``options.writer_note_max``
    characters at most): byline matter, not text."""
    return len(text) <= options.writer_note_max and bool(CLUTTER_WRITER_NOTE.search(_folded(text)))


def is_chrome(text: str, options: Options = DEFAULT_OPTIONS) -> bool:
    """True for a line that is page chrome (share, print, prev/next, counters, promos, footers); the row
    patterns (tools, mood vote) are tried on lines of ``options.chrome_row_max`` characters at most.

    Lines (not whole texts, ``FOLD_CACHED_CHARS``) are answered from a cache keyed by the line and that
    threshold: the second opinion routes the same lines again, and pages of one site repeat their chrome."""
    if len(text) <= FOLD_CACHED_CHARS:
        return _chrome_line(text, options.chrome_row_max)
    return _chrome(text, options.chrome_row_max)


@functools.lru_cache(maxsize=4096)
def _chrome_line(text: str, chrome_row_max: int) -> bool:
    return _chrome(text, chrome_row_max)


def _chrome(text: str, chrome_row_max: int) -> bool:
    """``is_chrome`` itself (``chrome_row_max``: ``Options.chrome_row_max``)."""
    text = _folded(text)
    if CLUTTER_CHROME.match(text) or CLUTTER_CHROME_ANYWHERE.search(text):
        return True
    if len(text) <= SHORT_CHROME_MAX and CLUTTER_SHORT_CHROME.match(text):
        return True
    for words, pattern in CLUTTER_KEYED_CHROME:  # each pattern only on a line holding one of its words
        for word in words:
            if word in text:
                if pattern.match(text):
                    return True
                break
    compact = nospace(text)
    if CLUTTER_TAG_ROW.match(text):
        return True  # 20190926|国贸|增长率|全球经济: a tag row
    stripped = text.strip()
    if len(compact) <= chrome_row_max and _tool_or_mood_row(compact, stripped):
        return True
    return bool(
        CLUTTER_COUNTER.match(compact) or CLUTTER_EMPTY_COUNTER.match(compact) or CLUTTER_TOOL_ALONE.match(compact) or CLUTTER_SIZE_BAR.match(compact) or CLUTTER_SOCIAL_ONLY.match(stripped)
        or CLUTTER_END_MARKER.match(compact) or CLUTTER_URL_ONLY.match(stripped) or CLUTTER_AGENCY_STAMP.match(stripped)
        or CLUTTER_PHOTO_CREDIT.match(stripped) or CLUTTER_SITE_WATERMARK.match(compact)
    )


def _tool_or_mood_row(compact: str, stripped: str) -> bool:
    """A row of bracketed tools (``[推荐] [收藏] [打印]``: ``CLUTTER_TOOL_ROW``), of nothing but tools
    (``缩小字体 放大字体 收藏 分享``: ``CLUTTER_TOOLS_ONLY``, on the stripped line) or a mood vote and its
    counts (``CLUTTER_MOOD``); ``compact`` is the folded line with its spaces removed."""
    if ("【" in compact or "[" in compact) and CLUTTER_TOOL_ROW.match(compact) and CLUTTER_TOOL_WORD.search(compact):
        return True
    return CLUTTER_TOOLS_ONLY.match(stripped) is not None or CLUTTER_MOOD.match(compact) is not None


def chrome_inside_at(text: str) -> int | None:
    """Where chrome words that may stand anywhere in a line (``返回…首页``, ``点击这里``,
    ``CLUTTER_CHROME_ANYWHERE``) begin in ``text``; None when there are none (or folding changed its length)."""
    folded = _folded(text)
    if len(folded) != len(text):
        return None
    match = CLUTTER_CHROME_ANYWHERE.search(folded)
    return match.start() if match else None


def is_related_heading(text: str, options: Options = DEFAULT_OPTIONS) -> bool:
    """True for a short heading (``options.related_heading_max`` characters at most) that opens a
    related/hot/latest/comment list."""
    return len(text) <= options.related_heading_max and bool(CLUTTER_RELATED.match(_folded(text)))


def is_comment_heading(text: str, options: Options = DEFAULT_OPTIONS) -> bool:
    """True for a related-list heading that opens readers' comments (``CLUTTER_COMMENT``: 网友评论,
    最新评论（共3条）), ``options.related_heading_max`` characters at most."""
    return len(text) <= options.related_heading_max and bool(CLUTTER_COMMENT.match(_folded(text)))


def is_truncated_copy(short: str, full: str, options: Options = DEFAULT_OPTIONS) -> bool:
    """True when ``short`` is ``full`` cut to a fixed length (the related-list "title, then truncated copy"
    pattern), of ``options.truncated_copy_min`` characters at least."""
    s = short.rstrip(".…。 ")
    return options.truncated_copy_min <= len(s) < len(full) and full.startswith(s)


def is_site_footer(text: str) -> bool:
    """True for the page footer's copyright/licence line: nothing after it belongs to the article."""
    return bool(CLUTTER_SITE_FOOTER.search(text))
