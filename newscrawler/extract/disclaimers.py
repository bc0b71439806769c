"""Article notices (声明, 免责声明, 版权声明, 风险提示 …): find them and type them.

A notice is kept verbatim in ``Article.disclaimers`` and never in the body.
Labelled notices (``声明：…``) are recognised by their label; unlabelled ones
(``本文仅代表作者观点，不代表网易立场``) by phrases that only notices use. Site
footers (``版权所有``, ICP numbers) are page chrome, not notices: see ``clutter``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from newscrawler.adapters.sre import start_chars
from newscrawler.common.fold import FOLD_CACHED_CHARS
from newscrawler.extract.options import DEFAULT_OPTIONS, Options
from newscrawler.extract.text import fold
from newscrawler.extract.vocabulary import (
    NOTICE_CLOSING,
    NOTICE_HEADING,
    NOTICE_KIND_RULES,
    NOTICE_LABEL,
    NOTICE_PHRASES,
)
from newscrawler.items import Disclaimer, DisclaimerKind


def closes_article(notice: Disclaimer) -> bool:
    """A labelled 声明/免责声明/版权声明, or the heading of a box of them (``某某网版权与免责声明：``), after the
    text ends the article (what follows is site matter)."""
    folded = fold(notice.text)
    return bool(NOTICE_CLOSING.match(folded) or NOTICE_HEADING.match(folded))


def disclaimer_kind(text: str) -> DisclaimerKind:
    """Type a notice by what it says (first matching rule wins)."""
    for kind, rule in NOTICE_KIND_RULES:
        if rule.search(text):
            return kind
    return "other"


def as_disclaimer(text: str, options: Options = DEFAULT_OPTIONS) -> Disclaimer | None:
    """The line as a typed notice, or None when it is not one.

    Long lines are only notices when labelled (``options.notice_max``), so a paragraph that merely
    mentions 观点 or 转载 stays in the body.
    """
    if not text or len(text) > options.notice_max * 2:
        return None
    limits = (options.notice_max, options.notice_heading_max, options.short_notice_max, options.notice_phrase_chars)
    # a line's verdict is cached (the routing, the container's line weights and the second opinion's routing
    # ask about the same lines); the record is built anew each time
    kind = _line_notice_kind(text, *limits) if len(text) <= FOLD_CACHED_CHARS else _notice_kind(text, *limits)
    return None if kind is None else Disclaimer(kind=kind, text=text)


def _notice_kind(text: str, notice_max: int, heading_max: int, short_max: int, phrase_chars: int) -> DisclaimerKind | None:
    """``as_disclaimer``'s verdict: the notice's kind, or None (the limits are ``Options.notice_max``,
    ``notice_heading_max``, ``short_notice_max`` and ``notice_phrase_chars``)."""
    folded = fold(text)
    if NOTICE_LABEL.match(folded) or (len(text) <= heading_max and NOTICE_HEADING.match(folded)):
        return disclaimer_kind(folded)
    if len(text) <= notice_max and _has_phrase(folded) and _notice_shaped(folded, short_max, phrase_chars):
        return disclaimer_kind(folded)
    return None


_line_notice_kind = functools.lru_cache(maxsize=4096)(_notice_kind)


_PHRASE_STARTS = start_chars(NOTICE_PHRASES)
_PHRASE_START = (re.compile("[" + "".join(map(re.escape, sorted(_PHRASE_STARTS))) + "]")
                 if _PHRASE_STARTS is not None else None)
"""The characters a notice phrase may open with (read from ``NOTICE_PHRASES`` by ``adapters.sre``), or None."""


def _has_phrase(folded: str) -> bool:
    """``NOTICE_PHRASES.search(folded)`` found something: the pattern is tried only where one of its first
    characters stands (a search tries each of its few dozen alternatives at every position of the line)."""
    if _PHRASE_START is None:
        return NOTICE_PHRASES.search(folded) is not None
    return any(NOTICE_PHRASES.match(folded, m.start()) for m in _PHRASE_START.finditer(folded))


def _notice_shaped(text: str, short_max: int, phrase_chars: int) -> bool:
    """Unlabelled notices are short (``options.short_notice_max``), or are made mostly of notice
    phrases: one in each sentence up to two, holding ``options.notice_phrase_chars`` characters."""
    if len(text) <= short_max:
        return True
    hits = sum(len(m.group(0)) for m in NOTICE_PHRASES.finditer(text))
    sentences = max(1, len(re.findall(r"[。！？]", text)))
    return len(NOTICE_PHRASES.findall(text)) >= min(2, sentences) and hits >= phrase_chars


def collect(routed: list[Disclaimer], footer: Iterable[str], options: Options = DEFAULT_OPTIONS) -> list[Disclaimer]:
    """The page's notices: those met while routing the article's lines (``body.sort_lines``, in order,
    as printed), then those among the footer's lines (``footer``: the texts no other field claimed),
    each footer notice once."""
    notices = list(routed)
    for text in footer:
        notice = as_disclaimer(text, options)
        if notice is not None and all(d.text != notice.text for d in notices):
            notices.append(notice)
    return notices
