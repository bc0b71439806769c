"""One body block prepared for matching, and the punctuation classes the rules share.

``prepare`` folds a block (``fold``) and finds, in one pass over its marks,
the top-level quotation spans, the ``《…》`` titles and the sentence
boundaries; ``Text`` answers where a sentence or clause starts and ends and
which quotation opens or closes at a position.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from newscrawler.extract.quotes.fold import fold

_OPEN_CLOSE = {"“": "”", "「": "」", "『": "』", "‘": "’", "﹁": "﹂", "﹃": "﹄"}
CLOSERS = frozenset(_OPEN_CLOSE.values())
OPENERS = frozenset(_OPEN_CLOSE)
_SENT_END = frozenset("。!?")
CLAUSE_DELIM = frozenset(",;:。!?")
CONTENT_DELIM = ",:"
PUNCT_IN_QUOTE = re.compile(r"[,;:。!?、…]")
HAN = re.compile(r"[\u3400-\u9fff]")
HAN_ONLY = re.compile(r"[\u3400-\u9fff]*")
"""``HAN_ONLY.fullmatch(s)``: every character of ``s`` is Han (as ``all(HAN.match(c) for c in s)``, in one call)."""


@dataclass(slots=True)
class Text:
    """One block prepared for matching: the folded copy, quote spans, sentence and clause ends."""

    index: int
    raw: str
    f: str
    kind: str
    quotes: list[tuple[int, int]]
    """Top-level quotation spans ``(open, close)``; ``close == len`` when unclosed."""
    inq: bytearray
    """1 where the position is inside (or is) a top-level quotation mark pair."""
    books: list[tuple[int, int]]
    """``《…》`` spans: a cue inside a title (``《…信息披露管理办法》``) is part of a name."""

    sent_ends: list[tuple[int, int]]
    """Sentence boundaries ``(end, next_start)``: ``end`` excludes a final 。！？, keeps a closing mark."""
    end_pos: list[int] = field(init=False)
    """The ``end`` of each ``sent_ends`` entry (ascending), for bisection: lookups are O(log n), so a
    giant block with thousands of sentences and cues stays linear overall."""
    by_open: dict[int, tuple[int, int]] = field(init=False)
    by_close: dict[int, tuple[int, int]] = field(init=False)
    quote_opens: list[int] = field(init=False)
    """Opening offsets of ``quotes`` (ascending)."""

    def __post_init__(self) -> None:
        # (the derived fields have no default: ``__init__`` leaves them to this, so each is built once per block)
        self.end_pos = [e for e, _ in self.sent_ends]
        by_open: dict[int, tuple[int, int]] = {}
        by_close: dict[int, tuple[int, int]] = {}
        for q in self.quotes:
            by_open.setdefault(q[0], q)
            by_close.setdefault(q[1], q)
        self.by_open = by_open
        self.by_close = by_close
        self.quote_opens = [q[0] for q in self.quotes]

    def in_book(self, pos: int) -> bool:
        k = bisect_right(self.books, (pos, len(self.f) + 1)) - 1
        return k >= 0 and self.books[k][0] <= pos < self.books[k][1]

    def sentence_end(self, pos: int) -> int:
        k = bisect_left(self.end_pos, pos)
        return self.end_pos[k] if k < len(self.end_pos) else len(self.f)

    def sentence_start(self, pos: int) -> int:
        k = bisect_left(self.end_pos, pos)
        return self.sent_ends[k - 1][1] if k > 0 else 0

    def quote_at_close(self, close: int) -> tuple[int, int] | None:
        return self.by_close.get(close)

    def quote_at_open(self, open_: int) -> tuple[int, int] | None:
        return self.by_open.get(open_)

    def quotes_within(self, a: int, b: int) -> list[tuple[int, int]]:
        """The quotations that open in ``[a, b)``, in order."""
        return self.quotes[bisect_left(self.quote_opens, a):bisect_left(self.quote_opens, b)]

    def clause_start(self, pos: int, floor: int = 0) -> int:
        """Start of the clause containing ``pos``: after the last delimiter or quotation mark before it."""
        f, inq = self.f, self.inq
        i = pos - 1
        while i >= floor:
            ch = f[i]
            if not inq[i] and ch in CLAUSE_DELIM:
                return i + 1
            if inq[i] and (ch in CLOSERS or ch == '"') and (i + 1 >= len(f) or not inq[i + 1]):
                q = self.by_close.get(i)
                if q is not None and q[0] > floor and HAN.match(f[q[0] - 1]) and not inq[q[0] - 1] \
                        and i - q[0] <= 9 and not PUNCT_IN_QUOTE.search(f, q[0] + 1, i):
                    i = q[0] - 1  # 网友“晨光小鹿”发微博说: a quoted name inside the phrase
                    continue
                return i + 1
            i -= 1
        return floor


_BOOK = re.compile(r"《[^《》]{1,60}》")
_MARKS = re.compile('[“”「」『』‘’﹁﹂﹃﹄"。!?]')


def prepare(index: int, kind: str, raw: str) -> Text:
    """Fold ``raw`` and find its top-level quotations and sentence boundaries (one regex pass over marks)."""
    f = fold(raw)
    n = len(f)
    quotes: list[tuple[int, int]] = []
    stack: list[str] = []
    top_open = -1
    enders: list[int] = []
    for m in _MARKS.finditer(f):
        i = m.start()
        ch = f[i]
        if ch in _SENT_END:
            if not stack:
                enders.append(i)
            elif i + 1 < n and f[i + 1] == stack[0] and len(stack) == 1:
                enders.append(-(i + 2))  # 。” closes a sentence inside a quotation: boundary after the mark
            continue
        if ch in OPENERS and not (ch == "‘" and not stack):
            if not stack:
                top_open = i
            stack.append(_OPEN_CLOSE[ch])
        elif ch == '"':
            if stack and stack[-1] == '"':
                stack.pop()
                if not stack:
                    quotes.append((top_open, i))
            else:
                if not stack:
                    top_open = i
                stack.append('"')
        elif stack and ch == stack[-1]:
            stack.pop()
            if not stack:
                quotes.append((top_open, i))
        elif ch in CLOSERS and ch in stack:
            while stack[-1] != ch:
                stack.pop()
            stack.pop()
            if not stack:
                quotes.append((top_open, i))
    if stack:
        quotes.append((top_open, n))
    inq = bytearray(n)
    for qa, qb in quotes:
        qb = min(qb + 1, n)
        inq[qa:qb] = b"\x01" * (qb - qa)
    ends: list[tuple[int, int]] = []
    for e in enders:
        if e < 0:
            ends.append((-e, -e))
        elif ends and ends[-1][1] == e:  # ”。 or !?: one boundary
            ends[-1] = (ends[-1][0], e + 1)
        else:
            ends.append((e, e + 1))
    books = [(m.start(), m.end()) for m in _BOOK.finditer(f)] if "《" in f else []
    return Text(index=index, raw=raw, f=f, kind=kind, quotes=quotes, inq=inq, books=books, sent_ends=ends)
