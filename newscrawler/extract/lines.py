"""Turn a parsed page into lines: the unit every later pass works on.

A *line* is the visible text between two block boundaries (block elements and
``<br>``), whitespace-collapsed, with what the later passes need to judge it:
the block element that holds it, how much of it is link text, whether it sits
in a heading, a caption or a node whose class/id says "navigation/share/
comment…". Lines keep document order, so "the lines after the title" and "the
lines inside this element" are cheap questions.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from lxml import etree

from newscrawler.extract.text import collapse_ws

BLOCK_TAGS = frozenset(
    ["address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "thead", "tfoot", "td", "th", "tr", "ul", "caption"]
)
"""Elements that start and end a line of text."""

DROP_TAGS = frozenset(
    ["script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas", "select", "option", "textarea", "button", "input", "map", "audio", "video", "source", "track", "head", "title", "link", "meta", "base"]
)
"""Elements whose content is never visible article text."""

HEADING_TAGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])

_NOISE_TOKEN = re.compile(
    r"(?:^|[\s_\-])(?:nav|navbar|menu|topbar|ad|ads|adv|advert|banner|hot|hots|rank|side|sidebar|"
    r"footer|foot|bottom|crumb|breadcrumb|share|sharebar|bdshare|comment|comments|reply|recommend|"
    r"related|relate|xgxw|xgyd|tuijian|copyright|gotop|backtop|login|weixin|qrcode|erweima|"
    r"jiathis|download|toolbar|pager|pagination)(?:$|[\s_\-\d])",
    re.I,
)
_NOISE_SUBSTR = re.compile(
    r"breadcrumb|comment|share|recommend|related|sidebar|footer|advert|copyright|hotnews|"
    r"hot_news|hotlist|rank_list|ranklist|morenews|more_news|latest|newslist|news_list|relnews",
    re.I,
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_CAPTION_CLASS = re.compile(r"caption|pic_?txt|pictext|img_?desc|imgtxt|picinfo|pic_?note|illustrat", re.I)


@dataclass(slots=True, eq=False)
class Line:
    """One visible line of the page.

    ``order`` is the preorder index of ``block``; ``chars`` counts non-space
    characters and ``link_chars`` those inside ``<a href>``. ``heading`` is set
    when the whole line is heading markup (``<h1>``–``<h6>``, or a paragraph
    made only of ``<strong>``/``<b>``); ``caption`` when it is inside
    ``<figcaption>`` or a caption-classed node; ``noise`` when an ancestor's
    class/id names page chrome (nav, share, comment, related …).
    """

    text: str
    block: etree._Element
    order: int
    chars: int
    link_chars: int
    tag: str
    heading: bool = False
    bold: bool = False
    caption: bool = False
    noise: bool = False
    in_list: bool = False
    in_table: bool = False
    images: list[etree._Element] = field(default_factory=list)

    @property
    def link_density(self) -> float:
        """Share of the line's characters that are link text (0..1)."""
        return self.link_chars / self.chars if self.chars else 0.0


@dataclass(slots=True)
class Page:
    """The linearised page: lines in order plus each element's preorder span."""

    lines: list[Line]
    span: dict[etree._Element, tuple[int, int]]
    """element -> (first preorder index, one past its last descendant's index)."""

    def lines_within(self, element: etree._Element) -> list[Line]:
        """The lines whose block lies inside ``element`` (inclusive)."""
        start, end = self.span.get(element, (0, 0))
        return [ln for ln in self.lines if start <= ln.order < end]


def is_noise_node(element: etree._Element) -> bool:
    """True when the element's tag, class or id marks page chrome rather than content."""
    if element.tag in ("nav", "footer", "aside"):
        return True
    cls, ident = element.get("class"), element.get("id")
    if not cls and not ident:
        return False
    return _noise_names(f"{cls or ''} {ident or ''}")


@functools.lru_cache(maxsize=4096)
def _noise_names(names: str) -> bool:
    """Class/id strings repeat across a page and across pages of a site: match each once."""
    return bool(_NOISE_TOKEN.search(names) or _NOISE_SUBSTR.search(names))


@functools.lru_cache(maxsize=4096)
def _caption_class(cls: str) -> bool:
    return bool(_CAPTION_CLASS.search(cls))


def is_hidden(element: etree._Element) -> bool:
    """True for elements a browser would not show (``hidden``, ``display:none``)."""
    if element.get("hidden") is not None:
        return True
    style = element.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


_HIDDEN_CANDIDATES = etree.XPath("//*[@hidden or @style]")


def prune(root: etree._Element) -> None:
    """Remove invisible and non-text elements in place (scripts, styles, hidden nodes, comments).

    ``strip_elements`` removes the tag set in one C-level pass and keeps each
    element's tail text; hidden nodes are then removed the same way.
    """
    etree.strip_elements(root, etree.Comment, etree.ProcessingInstruction, *DROP_TAGS, with_tail=False)
    for el in _HIDDEN_CANDIDATES(root):
        if is_hidden(el):
            parent = el.getparent()
            if parent is None:
                continue
            tail = el.tail
            if tail and tail.strip():
                prev = el.getprevious()
                if prev is not None:
                    prev.tail = (prev.tail or "") + tail
                else:
                    parent.text = (parent.text or "") + tail
            parent.remove(el)


_LINK, _BOLD, _HEADING, _CAPTION, _NOISE, _LIST = (1 << i for i in range(6))
_FLAGS = {
    "a": _LINK, "strong": _BOLD, "b": _BOLD, "figcaption": _CAPTION, "li": _LIST,
    **{h: _HEADING for h in HEADING_TAGS},
}
"""Per-tag context flags the walk tracks (depth counters), so most elements need no checks at all."""


_NOT_IN_DATA_CELL = frozenset(["table", "div", "ul", "ol", "li", "br", "h1", "h2", "h3", "h4", "h5", "h6", "form", "section", "article", "blockquote"])


def _is_data_row(row: etree._Element) -> bool:
    """A table row of short cells without block structure: data, not page layout."""
    cells = [c for c in row if c.tag in ("td", "th")]
    if len(cells) < 2:
        return False
    for cell in cells:
        for el in cell.iterdescendants():
            if el.tag in _NOT_IN_DATA_CELL:
                return False
    return sum(len("".join(c.itertext()).strip()) for c in cells) <= 300


class _Walker:
    """Depth-first walk that cuts text into lines at block boundaries."""

    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.span: dict[etree._Element, tuple[int, int]] = {}
        self.counter = 0
        self.parts: list[str] = []
        self.link_len = 0
        self.bold_len = 0
        self.images: list[etree._Element] = []
        self.blocks: list[tuple[etree._Element, int]] = []
        self.link_depth = 0
        self.bold_depth = 0
        self.heading_depth = 0
        self.caption_depth = 0
        self.noise_depth = 0
        self.list_depth = 0

    def add(self, text: str) -> None:
        self.parts.append(text)
        if self.link_depth or self.bold_depth:
            n = len(text.strip())
            if self.link_depth:
                self.link_len += n
            if self.bold_depth:
                self.bold_len += n

    def flush(self) -> None:
        if not self.parts and not self.images:
            return
        raw = "".join(self.parts)
        text = collapse_ws(raw)
        block, order = self.blocks[-1] if self.blocks else (None, 0)
        if (text or self.images) and block is not None:
            chars = len(text.replace(" ", ""))
            bold = chars > 0 and self.bold_len >= chars * 0.9
            self.lines.append(
                Line(
                    text=text,
                    block=block,
                    order=order,
                    chars=chars,
                    link_chars=min(self.link_len, chars),
                    tag=block.tag,
                    heading=self.heading_depth > 0,
                    bold=bold,
                    caption=self.caption_depth > 0,
                    noise=self.noise_depth > 0,
                    in_list=self.list_depth > 0,
                    images=list(self.images),
                )
            )
        self.parts.clear()
        self.images.clear()
        self.link_len = 0
        self.bold_len = 0

    def walk(self, el: etree._Element) -> None:
        tag = el.tag
        if not isinstance(tag, str):
            return
        order = self.counter
        self.counter += 1
        is_block = tag in BLOCK_TAGS
        if is_block or tag == "br":
            self.flush()
        if tag == "tr" and _is_data_row(el):
            self._table_row(el, order)
            return
        flags = _FLAGS.get(tag, 0)
        cls = el.get("class")
        if cls and _caption_class(cls):
            flags |= _CAPTION
        if is_block and is_noise_node(el):
            if not self.noise_depth and self._collapse_chrome(el, order):
                return
            flags |= _NOISE
        if tag == "a" and el.get("href") is None:
            flags &= ~_LINK
        if is_block:
            self.blocks.append((el, order))
        if flags:
            self._enter(flags, 1)
        if tag == "img":
            self.images.append(el)
        text = el.text
        if text:
            self.add(text)
        for child in el:
            self.walk(child)
            tail = child.tail
            if tail:
                self.add(tail)
        if is_block:
            self.flush()  # inside the element's own context (li, h2, figcaption …)
            self.blocks.pop()
        if flags:
            self._enter(flags, -1)
        self.span[el] = (order, self.counter)

    def _collapse_chrome(self, el: etree._Element, order: int) -> bool:
        """Turn a chrome subtree made mostly of links (menus, related and hot lists) into one line.

        Four fifths of a portal page's elements sit in chrome-classed subtrees;
        reading the link-dominated ones in C keeps the walk fast. Subtrees with
        mostly plain text (article footers with editor and notice lines, an
        article in an oddly named wrapper) are walked normally.
        """
        pieces = [t for t in el.itertext()]
        total = sum(len(t.strip()) for t in pieces)
        links = sum(len("".join(a.itertext()).strip()) for a in el.iter("a") if a.get("href") is not None)
        if links < total * 0.6:
            return False  # mostly plain text (an article footer with editor and notice lines): walk it
        self.blocks.append((el, order))
        self.flush()
        text = collapse_ws(" ".join(pieces))
        chars = len(text.replace(" ", ""))
        if chars:
            self.lines.append(Line(text=text, block=el, order=order, chars=chars, link_chars=min(links, chars),
                                   tag=el.tag, noise=True))
        self.blocks.pop()
        self.counter += sum(1 for _ in el.iterdescendants())
        self.span[el] = (order, self.counter)
        return True

    def _table_row(self, row: etree._Element, order: int) -> None:
        """A row of a data table becomes one line, its cells joined by a tab."""
        cells = [collapse_ws("".join(c.itertext())) for c in row if c.tag in ("td", "th")]
        text = "\t".join(cells)
        chars = sum(len(c.replace(" ", "")) for c in cells)
        links = sum(len("".join(a.itertext()).strip()) for a in row.iter("a") if a.get("href") is not None)
        if chars:
            self.lines.append(
                Line(text=text, block=row, order=order, chars=chars, link_chars=min(links, chars), tag="tr",
                     noise=self.noise_depth > 0, in_table=True)
            )
        self.counter += sum(1 for _ in row.iter()) - 1
        self.span[row] = (order, self.counter)

    def _enter(self, flags: int, step: int) -> None:
        if flags & _LINK:
            self.link_depth += step
        if flags & _BOLD:
            self.bold_depth += step
        if flags & _HEADING:
            self.heading_depth += step
        if flags & _CAPTION:
            self.caption_depth += step
        if flags & _NOISE:
            self.noise_depth += step
        if flags & _LIST:
            self.list_depth += step


def linearise(root: etree._Element) -> Page:
    """Cut the (pruned) document into lines in reading order."""
    walker = _Walker()
    body = root.find("body")
    start = body if body is not None else root
    walker.walk(start)
    walker.flush()
    return Page(lines=walker.lines, span=walker.span)
