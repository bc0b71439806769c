"""A second opinion on where the article is: DOM scoring in the readability family, written here.

The first method (``body.rank_container``) weighs every *line* and takes the element whose
lines add up to the most prose. This one scores *paragraph parents* instead, as the readability
family does: every paragraph of running text gives points (one, plus one per clause mark, plus
its length) to the element around it and half as many to the one above that; each element
starts from what its tag and its class/id names say (``content``, ``article`` up, ``comment``,
``nav`` down); the sum is discounted by the element's link density. The best element, joined by
siblings that score close to it or are plain paragraphs, is the proposed body.

It is asked when the first method is unsure: ``Article.confidence`` under ``SECOND_OPINION_BELOW``;
or a body that would leave the page a non-article (no paragraph, a list's pattern); or a body
opening or ending with an edge scrap (``ragged``); or running text left just outside the body
(``left_outside``) — on the tuning half about one page in two, at a median of a few tenths of a
millisecond. ``pick`` then decides between the two bodies by a fixed rule (a trim of edge scraps,
paragraphs added at the edges, or a much fuller body, is taken). Both methods read the same lines
(``lines.Page``), so the second costs one pass over them.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from datetime import UTC, datetime

from lxml import etree

from newscrawler.extract.budget import Budget
from newscrawler.extract.dates import search_date
from newscrawler.extract.lines import LINK_LINE_SHARE, Line, Page
from newscrawler.extract.options import DEFAULT_OPTIONS, Options
from newscrawler.extract.text import clause_commas, has_full_stop
from newscrawler.extract.vocabulary import (
    SECOND_BAD_NAMES,
    SECOND_GOOD_NAMES,
)

SECOND_OPINION_BELOW = DEFAULT_OPTIONS.second_opinion_below
"""Confidence under which the second opinion is asked (``0`` never asks it): ``Options.second_opinion_below``."""

_MIN_PARAGRAPH = 15
"""Characters a line needs to count as a paragraph (Chinese: about one clause)."""
_CLAUSE_MARKS = re.compile(r"[，,、；;。！？!?]")
_CHARS_PER_POINT = 60
_MAX_LENGTH_POINTS = 3.0
_TEXT_HOLDERS = frozenset(["div", "td", "section", "article", "main", "body", "center", "font", "span", "dd"])
"""Block tags that hold text directly (``<div>`` with ``<br>`` lines): the paragraph is the element."""
_TAG_START = {
    "div": 5.0, "article": 8.0, "main": 5.0, "section": 3.0, "td": 3.0, "pre": 3.0, "blockquote": 3.0,
    "center": 2.0, "address": -3.0, "ol": -3.0, "ul": -3.0, "dl": -3.0, "dd": -3.0, "dt": -3.0, "li": -3.0,
    "form": -3.0, "h1": -5.0, "h2": -5.0, "h3": -5.0, "h4": -5.0, "h5": -5.0, "h6": -5.0, "th": -5.0,
}
_NAME_POINTS = 25.0
_SIBLING_SHARE = 0.2
_SIBLING_FLOOR = 10.0
_SIBLING_PARAGRAPH = 60
_MAX_LINK_DENSITY = 0.25


@dataclass(slots=True)
class Proposal:
    """The second method's body: its lines in page order and the element around them."""

    lines: list[Line]
    container: etree._Element


def _name_points(el: etree._Element) -> float:
    names = f"{el.get('class') or ''} {el.get('id') or ''}"
    if not names.strip():
        return 0.0
    return _names_points(names)


@functools.lru_cache(maxsize=4096)
def _names_points(names: str) -> float:
    """``_name_points`` of a class and id string: they repeat across a page's elements and a site's pages, so
    each is matched once."""
    points = 0.0
    if SECOND_GOOD_NAMES.search(names):
        points += _NAME_POINTS
    if SECOND_BAD_NAMES.search(names):
        points -= _NAME_POINTS
    return points


class _Density:
    """Link density of any element's lines from prefix sums over the page's lines (by walk order)."""

    def __init__(self, page: Page) -> None:
        self.orders = [ln.order for ln in page.lines]
        self.chars = [0]
        self.links = [0]
        for ln in page.lines:
            self.chars.append(self.chars[-1] + ln.chars)
            self.links.append(self.links[-1] + ln.link_chars)
        self.span = page.span

    def of(self, el: etree._Element) -> float:
        start, end = self.span.get(el, (0, 0))
        i, j = bisect.bisect_left(self.orders, start), bisect.bisect_left(self.orders, end)
        chars = self.chars[j] - self.chars[i]
        return (self.links[j] - self.links[i]) / chars if chars else 0.0


def propose(page: Page, budget: Budget | None = None) -> Proposal | None:
    """The readability-family body of ``page``, or None when no paragraph of text is found."""
    points: dict[etree._Element, float] = {}
    for n, line in enumerate(page.lines):
        if line.chars < _MIN_PARAGRAPH or line.link_density > LINK_LINE_SHARE:
            continue
        if budget is not None and not n % 4096:
            budget.check()
        score = 1.0 + len(_CLAUSE_MARKS.findall(line.text)) + min(line.chars / _CHARS_PER_POINT, _MAX_LENGTH_POINTS)
        block = line.block
        parent = block if block.tag in _TEXT_HOLDERS else block.getparent()
        if parent is None:
            continue
        grand = parent.getparent()
        for el, share in ((parent, 1.0), (grand, 0.5)):
            if el is None:
                continue
            if el not in points:
                points[el] = _TAG_START.get(str(el.tag), 0.0) + _name_points(el)
            points[el] += score * share
    if not points:
        return None
    density = _Density(page)
    final = {el: p * (1.0 - density.of(el)) for el, p in points.items()}
    top = max(final, key=lambda el: final[el])
    if final[top] <= 0:
        return None
    chosen = [top]
    parent = top.getparent()
    if parent is not None:
        chosen = []
        bar = max(_SIBLING_FLOOR, _SIBLING_SHARE * final[top])
        for sib in parent:
            if sib is top or final.get(sib, 0.0) >= bar or _plain_paragraph(sib, page, density):
                chosen.append(sib)
    lines = _lines_of(page, chosen)
    if not lines:
        return None
    return Proposal(lines, parent if len(chosen) > 1 and parent is not None else top)


def _plain_paragraph(el: etree._Element, page: Page, density: _Density) -> bool:
    """A sibling ``<p>`` of running text with few links joins the body (readability's rule)."""
    if el.tag != "p" or el not in page.span:
        return False
    text = "".join(el.itertext())
    return len(text.strip()) >= _SIBLING_PARAGRAPH and "。" in text and density.of(el) < _MAX_LINK_DENSITY


def _lines_of(page: Page, elements: list[etree._Element]) -> list[Line]:
    spans = sorted(page.span[el] for el in elements if el in page.span)
    orders = [ln.order for ln in page.lines]
    out: list[Line] = []
    for start, end in spans:
        i, j = bisect.bisect_left(orders, start), bisect.bisect_left(orders, end)
        out.extend(page.lines[i:j])
    return out


def prose_chars(lines: list[Line], prose_min: int = DEFAULT_OPTIONS.prose_min) -> int:
    """Characters in lines of running text: ``prose_min`` (``Options.prose_min``)+ characters, a full
    stop or two commas, few links."""
    return sum(ln.chars for ln in lines
               if ln.chars >= prose_min and ln.link_density < 0.3
               and (has_full_stop(ln.text) or clause_commas(ln.text) >= 2))


_CLOSED = "。！？!?；;”」』"
"""A line ending in one of these is a sentence of the text (however short), never an edge scrap."""


_ANY_DAY = datetime(2100, 1, 1, tzinfo=UTC)
"""A base for ``search_date`` after any page's date (it refuses dates after its base): only whether a
line states a date is asked, not which."""


def edge_scrap(line: Line, prose_min: int = DEFAULT_OPTIONS.prose_min) -> bool:
    """A line that may be left at the edge of a body by a container one level too wide: not running
    text (``prose_chars`` would not count it), not closed like a sentence, and stating no date (a
    source's name, a reader's name, an address line, a headline repeated as a link). A dated line
    stays where the first method put it: moved out of the body it would become a witness of the
    publication date (``dates``) that no test of the second method has weighed."""
    return (not prose_chars([line], prose_min) and not line.text.rstrip().endswith(tuple(_CLOSED))
            and search_date(line.text, _ANY_DAY) is None)


def ragged(lines: list[Line], prose_min: int = DEFAULT_OPTIONS.prose_min) -> bool:
    """Whether a body opens or ends with an edge scrap, beside running text: its container may be
    wider than the article (the confidence of the container cannot tell, being about the block's
    rivals), so the second opinion is asked."""
    if len(lines) < 2 or not prose_chars(lines, prose_min):
        return False
    return edge_scrap(lines[0], prose_min) or edge_scrap(lines[-1], prose_min)


def left_outside(near: list[Line], claimed: set[int], prose_min: int = DEFAULT_OPTIONS.prose_min) -> bool:
    """Whether running text with no link stands among ``near`` (the lines between the headline and
    a body, and a few just after it) claimed by no field (``claimed``: ids of body, info and headline
    lines): a standfirst or a lede the container left out, which the second method's element may
    hold (``extends``)."""
    return any(id(ln) not in claimed and ln.link_chars == 0 and not ln.noise and ln.chars >= prose_min
               and prose_chars([ln], prose_min) == ln.chars for ln in near)


def trims(first: list[Line], second: list[Line], prose_min: int = DEFAULT_OPTIONS.prose_min) -> bool:
    """Whether ``second`` is ``first`` less some edge scraps only: every line of ``second`` is in
    ``first``, the lines it leaves out all stand before its first or after its last line, and each
    of them is an ``edge_scrap``. The second method's tighter element then marks where the
    article begins and ends."""
    if not second or len(second) >= len(first):
        return False
    kept = {id(ln) for ln in second}
    if len(kept & {id(ln) for ln in first}) != len(kept):
        return False
    positions = [i for i, ln in enumerate(first) if id(ln) in kept]
    lo, hi = positions[0], positions[-1]
    if hi - lo + 1 != len(positions):
        return False  # it leaves out lines in the middle of the text: not a trim
    return all(edge_scrap(ln, prose_min) for ln in first[:lo] + first[hi + 1:])


def extends(first: list[Line], second: list[Line], options: Options = DEFAULT_OPTIONS) -> bool:
    """Whether ``second`` is ``first`` with paragraphs added at its edges only: it holds every line
    of ``first`` in one unbroken run, and each line it adds before or after that run is running text
    of its own (``prose_chars``) with next to no link in it (``options.second_added_links``: a keyword
    linked inside a paragraph; a standfirst or a lede the first method's element left outside; a teaser
    or a call to vote is a link). After paragraphs added at the end, up to ``options.second_closing_lines`` short link-free
    lines may close it (a signature and its date under a notice or a letter whose second half the
    first method's element left outside)."""
    if len(second) <= len(first) or not first:
        return False
    ids = [id(ln) for ln in second]
    try:
        start = ids.index(id(first[0]))
    except ValueError:
        return False
    if ids[start:start + len(first)] != [id(ln) for ln in first]:
        return False
    prose_min, added_links = options.prose_min, options.second_added_links
    after = second[start + len(first):]
    last_prose = max((i for i, ln in enumerate(after) if _plain_prose(ln, prose_min, added_links)), default=-1)
    closing = after[last_prose + 1:] if last_prose >= 0 else []
    if len(closing) > options.second_closing_lines or not all(ln.link_chars == 0 and ln.chars < prose_min for ln in closing):
        closing = []
    added = second[:start] + after[:len(after) - len(closing)]
    return all(_plain_prose(ln, prose_min, added_links) for ln in added)


def _plain_prose(line: Line, prose_min: int, added_links: float) -> bool:
    """A line of running text of its own (``prose_chars``) with at most ``added_links`` of it link text."""
    return line.link_density <= added_links and prose_chars([line], prose_min) == line.chars


def pick(first: list[Line], second: list[Line], options: Options = DEFAULT_OPTIONS) -> bool:
    """Whether the second body replaces the first (both as the lines kept after sorting).

    The rule, in order:

    1. **Trim**: the second is the first less edge scraps (``trims``): taken. The first method
       sums lines, so a source line, a reader's name or an address just outside the article's own
       element is often inside the element it picks; the second scores paragraph parents and
       stops at the article's element.
       **Extension** (1b): the second is the first with link-free paragraphs added at its edges
       (``extends``): taken — a standfirst or lede kept apart from the text by a photo strip.
    2. **Fuller**: the second holds at least ``options.second_take_ratio`` times the first's running text
       (``prose_chars``) and keeps at least half of the first's running-text lines — a body that
       adds the paragraphs the first one missed, not a different block of similar size: taken.
    3. Otherwise the first is kept: it reads bylines, notices and chrome line by line and is the
       better judge when both found the same amount of text.
    """
    prose_min = options.prose_min
    if trims(first, second, prose_min) or extends(first, second, options):
        return True
    a, b = prose_chars(first, prose_min), prose_chars(second, prose_min)
    if b < options.second_take_ratio * max(a, 1):
        return False
    if not a:
        return True
    kept = {id(ln) for ln in second}
    shared = sum(ln.chars for ln in first if id(ln) in kept and ln.chars >= prose_min)
    return shared * 2 >= a
