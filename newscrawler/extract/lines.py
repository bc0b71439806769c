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
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from newscrawler.extract.budget import Budget
from newscrawler.extract.options import DEFAULT_OPTIONS, Options
from newscrawler.extract.text import collapse_ws, has_full_stop
from newscrawler.extract.vocabulary import (
    CLASS_CAPTION_CLASS,
    CLASS_COMMENT_NAME,
    CLASS_NOISE_SUBSTR,
    CLASS_NOISE_TOKEN,
    CLASS_SUBHEADING_CLASS,
)

BLOCK_TAGS = frozenset(
    ["address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "thead", "tfoot", "td", "th", "tr", "ul", "caption"]
)
"""Elements that start and end a line of text."""

DROP_TAGS = frozenset(
    ["script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas", "select", "option", "textarea", "button", "input", "map", "audio", "video", "source", "track", "head", "title", "link", "meta", "base"]
)
"""Elements whose content is never visible article text."""

HEADING_TAGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])

_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)

LINK_LINE_SHARE = 0.5
"""A line whose ``link_density`` is above this is a link line (a menu entry, a headline link), at or under
it text: the one definition every pass compares against (not an option: the passes' other thresholds were
tuned on it)."""


@dataclass(slots=True, eq=False)
class Line:
    """One visible line of the page.

    ``order`` is the walk index of ``block`` (preorder over the elements the
    walk visits; a subtree read as one line counts once); ``chars`` counts non-space
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
    centered: bool = False
    """The line sits in a centred element (``<center>``, ``align=center``, ``text-align:center``)."""
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
    """The linearised page: lines in order plus each visited element's span of walk indices."""

    lines: list[Line]
    span: dict[etree._Element, tuple[int, int]]
    """element -> (its walk index, one past its last visited descendant's index)."""

    def lines_within(self, element: etree._Element) -> list[Line]:
        """The lines whose block lies inside ``element`` (inclusive)."""
        start, end = self.span.get(element, (0, 0))
        return [ln for ln in self.lines if start <= ln.order < end]


def is_noise_node(element: etree._Element) -> bool:
    """True when the element's tag, class or id marks page chrome rather than content."""
    return _is_noise(element.tag, element.get("class"), element.get("id"))


def _is_noise(tag: object, cls: str | None, ident: str | None) -> bool:
    """``is_noise_node`` on values already read (the walk has the tag and class at hand)."""
    if tag in ("nav", "footer", "aside"):
        return True
    if not cls and not ident:
        return False
    return _noise_names(f"{cls or ''} {ident or ''}")


def _comment_named(el: etree._Element) -> bool:
    """Whether an element's class or id names readers' comments or replies (``CLASS_COMMENT_NAME``)."""
    return bool(CLASS_COMMENT_NAME.search(f"{el.get('class') or ''} {el.get('id') or ''}"))


@functools.lru_cache(maxsize=4096)
def _noise_names(names: str) -> bool:
    """Class/id strings repeat across a page and across pages of a site: match each once."""
    return bool(CLASS_NOISE_TOKEN.search(names) or CLASS_NOISE_SUBSTR.search(names))


@functools.lru_cache(maxsize=4096)
def _caption_class(cls: str) -> bool:
    return bool(CLASS_CAPTION_CLASS.search(cls))


@functools.lru_cache(maxsize=4096)
def _subheading_class(cls: str) -> bool:
    return CLASS_SUBHEADING_CLASS.search(cls) is not None


def is_hidden(element: etree._Element) -> bool:
    """True for elements a browser would not show (``hidden``, ``display:none``)."""
    if element.get("hidden") is not None:
        return True
    style = element.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


_HIDDEN_CANDIDATES = etree.XPath("(//@hidden|//@style)/..")
"""Elements with a ``hidden`` or ``style`` attribute, in document order (selecting the attributes and
their parents is about a third faster in libxml2 than testing both attributes on every element)."""


@dataclass(frozen=True, slots=True)
class Hidden:
    """Class names and ids that the page's own ``<style>`` hides (``.wm3k7q { display:none; }``):
    ``linearise`` skips a short element carrying one (``Options.scrap_max``), keeping its tail."""

    classes: frozenset[str] = frozenset()
    ids: frozenset[str] = frozenset()
    concealed: int = 0
    """Characters of text in the hidden elements and ``<noscript>`` blocks removed: what a reading
    with them revealed (``prune(reveal=True)``) could add."""


PRUNE_TAGS = ("style", "noscript", "font")
"""The elements ``prune`` reads (stylesheets, ``<noscript>`` blocks, coloured ``<font>``): ``document_elements``
finds them in one walk, together with whatever else its caller needs from the unpruned tree."""


def document_elements(root: etree._Element, *tags: str) -> list[etree._Element]:
    """The elements named ``tags`` anywhere in ``root``'s document, in document order: what ``//tag`` selects
    (the top-level siblings of the document's root element included: a page may hold two ``<html>``
    elements). One walk in C for every tag at once (an XPath query per tag costs a walk and its own set-up)."""
    top = root.getroottree().getroot()
    found = list(top.iter(*tags))
    for sibling in top.itersiblings():
        found.extend(sibling.iter(*tags))
    return found


def _in_document(el: etree._Element, tops: tuple[etree._Element, ...]) -> bool:
    """Whether ``el`` is still in the document (under one of its top-level elements ``tops``), not in a subtree
    that pruning removed."""
    node: etree._Element | None = el
    while node is not None:
        if any(node is top for top in tops):
            return True
        node = node.getparent()
    return False


def prune(root: etree._Element, reveal: bool = False, options: Options = DEFAULT_OPTIONS,
          found: list[etree._Element] | None = None) -> Hidden:
    """Remove invisible and non-text elements in place (scripts, styles, hidden nodes, comments);
    return the class names and ids the page's stylesheet hides, for the walk to skip.

    ``strip_elements`` removes the tag set in one C-level pass and keeps each
    element's tail text; hidden nodes are then removed the same way, and short white text inside a
    line of other text (``_white_scrap``, ``options.scrap_max`` characters at most). Elements hidden
    by a class rule are left to the walk, which reads every element's class anyway (a query for them
    here costs a millisecond a page).

    ``reveal`` keeps what a script would show: elements hidden by their style and ``<noscript>``
    blocks (a page about to be dropped for want of text is read again so, ``article.extract``).

    ``found``: the document's ``PRUNE_TAGS`` elements (any others are ignored) as ``document_elements`` lists
    them, when the caller walked the tree for them already; else they are found here.
    """
    if found is None:
        found = document_elements(root, *PRUNE_TAGS)
    classes, ids = _hidden_by_stylesheet([css for el in found if el.tag == "style" for css in _TEXT_NODES(el)])
    concealed = 0
    if reveal:
        etree.strip_elements(root, etree.Comment, etree.ProcessingInstruction, *_DROP_UNLESS_REVEALED,
                             with_tail=False)
    else:
        for el in found:
            if el.tag == "noscript":
                concealed += _chars(el)
        etree.strip_elements(root, etree.Comment, etree.ProcessingInstruction, *DROP_TAGS, with_tail=False)
    for el in _HIDDEN_CANDIDATES(root):
        if _white_scrap(el, el.get("style") or "", options):
            _drop_keeping_tail(el)
        elif is_hidden(el) and not reveal:
            concealed += _chars(el)
            _drop_keeping_tail(el)
    top = root.getroottree().getroot()
    tops = (top, *top.itersiblings())
    fonts = [el for el in found if el.tag == "font" and el.get("color") is not None and _in_document(el, tops)]
    for el in fonts:  # ``//font[@color]`` of the tree as pruned so far
        if _white_scrap(el, "color:" + (el.get("color") or ""), options):
            _drop_keeping_tail(el)
    return Hidden(frozenset(classes), frozenset(ids), concealed)


_DROP_UNLESS_REVEALED = DROP_TAGS - {"noscript"}


def _wraps_prose(el: etree._Element, prose_link: int) -> bool:
    """A link around running text: ``prose_link``+ characters (``Options.prose_link``) holding a full stop."""
    text = "".join(el.itertext())
    return len(text) >= prose_link and has_full_stop(text)


def _chars(el: etree._Element) -> int:
    return len("".join("".join(el.itertext()).split()))


def _drop_keeping_tail(el: etree._Element) -> None:
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail and tail.strip():
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


_TEXT_NODES = etree.XPath("text()", smart_strings=False)
"""An element's text nodes, each on its own (a stylesheet's text as ``//style/text()`` gives it)."""
_TEXT_LENGTH = etree.XPath("string-length(translate(normalize-space(.), ' ', ''))")
"""An element's text length without its spaces, counted in libxml2."""
_SIMPLE_SELECTOR = re.compile(r"^[a-z0-9]*([.#])([\w-]+)$", re.I)
_WHITE = re.compile(r"c(?<![\w-]c)olor\s*:\s*(?:#f{3}\b|#f{6}\b|white\b)", re.I)
r"""``color`` (not ``background-color``, not a longer word) set to white. The lookbehind sits after the ``c``
(it reads the character before it, as ``(?<![\w-])color`` would): a pattern opening with a lookbehind is
tried at every position three times as slowly."""


def _hidden_by_stylesheet(stylesheets: list[str]) -> tuple[set[str], set[str]]:
    """Class names and ids that the page's own ``<style>`` texts (``stylesheets``) hide with a one-name rule
    (``.wm3k7q { display:none; }``, ``#x{visibility:hidden}``)."""
    classes: set[str] = set()
    ids: set[str] = set()
    for css in stylesheets:
        if "none" not in css and "hidden" not in css:
            continue
        for at in _hiding_declarations(css):  # from each hiding declaration back to its rule's selectors
            brace = css.rfind("{", 0, at)
            if brace < 0 or css.rfind("}", 0, at) > brace:
                continue
            start = max(css.rfind("}", 0, brace), css.rfind("{", 0, brace), css.rfind(";", 0, brace)) + 1
            for sel in css[start:brace].split(","):
                m = _SIMPLE_SELECTOR.match(sel.strip())
                if m:
                    (classes if m.group(1) == "." else ids).add(m.group(2))
    return classes, ids


def _hiding_declarations(css: str) -> Iterator[int]:
    """Where ``display:none`` or ``visibility:hidden`` stand in a stylesheet: found by ``str.find``
    for the value (lower or upper case), then the property checked just before it (a case-insensitive
    regex, or lowering, over a stylesheet of hundreds of kilobytes costs milliseconds)."""
    for value in ("none", "hidden", "NONE", "HIDDEN"):
        at = css.find(value)
        while at >= 0:
            before = css[max(0, at - 24):at].rstrip().lower()
            if before.endswith(":") and before[:-1].rstrip().endswith(("display", "visibility")):
                yield at
            at = css.find(value, at + 4)


def _short_text(el: etree._Element, scrap_max: int) -> bool:
    """The element's text is a scrap (``scrap_max`` characters at most: ``Options.scrap_max``): a
    watermark an anti-copy script slips into the text (``某某网,www.example.com``), not a section a
    script reveals (a folded rest of the article)."""
    return len("".join("".join(el.itertext()).split())) <= scrap_max


def _white_scrap(el: etree._Element, style: str, options: Options) -> bool:
    """White text (``color:#fff``) of at most ``options.scrap_max`` characters inside a line of other text
    (``options.scrap_context_min`` characters of it around): invisible on the page, a watermark slipped
    into a paragraph (on a coloured bar, white text stands alone in its element and is kept)."""
    if not _WHITE.search(style) or not _short_text(el, options.scrap_max):
        return False
    parent = el.getparent()
    if parent is None:
        return False
    own = len("".join("".join(el.itertext()).split()))
    return len("".join("".join(parent.itertext()).split())) - own >= options.scrap_context_min


_LINK, _BOLD, _HEADING, _CAPTION, _NOISE, _LIST, _CENTER = (1 << i for i in range(7))
_CENTER_STYLE = re.compile(r"text-align\s*:\s*center", re.I)
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|[6-9]00)", re.I)
_COUNTED = _LINK | _BOLD
"""Contexts whose text length the walk counts (link and bold characters of the current line)."""
_FLAGS = {
    "a": _LINK, "strong": _BOLD, "b": _BOLD, "figcaption": _CAPTION, "li": _LIST,
    **{h: _HEADING for h in HEADING_TAGS},
}
"""Per-tag context flags the walk tracks, so most elements need no checks at all."""


_NOT_IN_DATA_CELL = frozenset(["table", "div", "ul", "ol", "li", "br", "h1", "h2", "h3", "h4", "h5", "h6", "form", "section", "article", "blockquote"])


def _data_row_cells(row: etree._Element, options: Options) -> list[str] | None:
    """The cell texts of a table row of short cells (``options.data_row_max`` characters in all) without
    block structure (data, not page layout), or None for any other row. A leaf cell's text is its
    ``.text``: no text iterator."""
    cells = [c for c in row if c.tag in ("td", "th")]
    if len(cells) < 2:
        return None
    texts: list[str] = []
    total = 0
    for cell in cells:
        if len(cell):
            for el in cell.iterdescendants():
                if el.tag in _NOT_IN_DATA_CELL:
                    return None
            text = "".join(cell.itertext())
        else:
            text = cell.text or ""
        total += len(text.strip())
        texts.append(text)
    return texts if total <= options.data_row_max else None


def _link_chars(el: etree._Element) -> int:
    """Stripped text length of every ``<a href>`` in the subtree (nested links count twice).

    A leaf link's text is its ``.text``: no text iterator for the common case."""
    total = 0
    for a in el.iter("a"):
        if a.get("href") is not None:
            total += len(("".join(a.itertext()) if len(a) else a.text or "").strip())
    return total


_HOLDING_TEXT = etree.XPath("//text()[normalize-space(.)=$h]/..")
"""The elements holding a text node that is ``$h`` (spaces collapsed): one query in libxml2."""


def _headline_holders(root: etree._Element, headline: str) -> set[etree._Element]:
    """Every element that holds the headline: an ``<h1>`` below it, or (on a page with no ``<h1>``) a
    text node that is exactly ``headline`` (the ``<title>``'s first segment printed in a plain
    element). Found once per page, so the walk asks a set, not a query per chrome-named element."""
    holders: set[etree._Element] = set()
    starts: list[etree._Element] = [h.getparent() for h in root.iter("h1") if h.getparent() is not None]
    if headline and not starts:  # the query reads every text node: only for pages with no <h1>
        starts = _HOLDING_TEXT(root, h=headline)
    for el in starts:
        while el is not None and el not in holders:
            holders.add(el)
            el = el.getparent()
    return holders


def _wraps_article(el: etree._Element, holders: set[etree._Element], wrapped_text_min: int) -> bool:
    """A chrome-named element that holds the headline (``holders``: an ``<h1>``, or the ``<title>``'s
    first segment as a text node of its own) and ``wrapped_text_min`` characters of plain text
    (``Options.wrapped_text_min``: a few hundred) is a layout wrapper (``<table class="left_bottom">``
    around a whole page), not chrome."""
    if el not in holders:
        return False
    plain = sum(len(t.strip()) for t in el.itertext()) - _link_chars(el)
    return plain >= wrapped_text_min


_AS_NOISE, _COLLAPSED, _LAYOUT = 0, 1, 2
"""What the walk does with the outermost chrome-named element: walk it with its lines marked as chrome,
read it as one chrome line (``_Walker._collapse_chrome``), or walk it as a layout wrapper (plain lines)."""

_CHECK_EVERY = 2048
"""Elements walked between two looks at the time budget (a look costs well under a microsecond)."""


_Frame = tuple[etree._Element, int, bool, int, Iterator[etree._Element]]
"""An element the walk is inside: the element, its walk index, whether it is a block, the context
before it, and the iterator over its children (the walk's position within it)."""


class _Walker:
    """Depth-first walk that cuts text into lines at block boundaries.

    ``context`` is the OR of the context flags (link, bold, heading …) of the
    elements around the walk's position: entering an element ORs its flags in,
    leaving restores the saved value.
    """

    def __init__(self, budget: Budget | None = None, hidden: Hidden | None = None, reveal: bool = False,
                 options: Options = DEFAULT_OPTIONS) -> None:
        self.budget = budget
        self.reveal = reveal
        self.options = options
        self.holders: set[etree._Element] = set()
        """The elements holding the headline (``_headline_holders``), for ``_wraps_article``."""
        self.start: etree._Element | None = None
        """Where the walk starts (``<body>``), whose text ``_page_chars`` counts."""
        self.page_chars: int | None = None
        self.hidden = hidden if hidden is not None and (hidden.classes or hidden.ids) else None
        self.lines: list[Line] = []
        self.span: dict[etree._Element, tuple[int, int]] = {}
        self.counter = 0
        self.parts: list[str] = []
        self.link_len = 0
        self.bold_len = 0
        self.images: list[etree._Element] = []
        self.blocks: list[tuple[etree._Element, int]] = []
        self.context = 0

    def add(self, text: str) -> None:
        """Append a text piece to the open line, counting link and bold characters."""
        if not self.parts and text.isspace():
            return  # leading whitespace collapses away and counts no characters
        self.parts.append(text)
        if self.context & _COUNTED:
            self._count(text)

    def _count(self, text: str) -> None:
        """Count a piece's characters as link and/or bold text (the context holds ``_LINK`` or ``_BOLD``)."""
        n = len(text.strip())
        context = self.context
        if context & _LINK:
            self.link_len += n
        if context & _BOLD:
            self.bold_len += n

    def flush(self) -> None:
        """Close the open line (if it has text or images) as a line of the innermost block."""
        if not self.parts and not self.images:
            return
        text = collapse_ws("".join(self.parts))
        block, order = self.blocks[-1] if self.blocks else (None, 0)
        if (text or self.images) and block is not None:
            chars = len(text) - text.count(" ")
            context = self.context
            link_len = self.link_len
            self.lines.append(
                Line(  # positional, in field order: text, block, order, chars, link_chars, tag, heading, bold,
                    # centered, caption, noise, in_list, in_table, images
                    text, block, order, chars, link_len if link_len < chars else chars, block.tag,
                    bool(context & _HEADING), chars > 0 and self.bold_len >= chars * 0.9, bool(context & _CENTER),
                    bool(context & _CAPTION), bool(context & _NOISE), bool(context & _LIST), False, list(self.images),
                )
            )
        self.parts.clear()
        self.images.clear()
        self.link_len = 0
        self.bold_len = 0

    def walk(self, root: etree._Element) -> None:
        """Walk ``root`` and its subtree (not its tail), adding lines and spans.

        Iterative (an explicit stack of open elements), so a page nested thousands of elements deep
        is read like any other instead of overflowing Python's recursion limit. ``budget`` (when set)
        is checked every ``_CHECK_EVERY`` elements."""
        stack: list[_Frame] = []
        frame = self._enter(root)
        if frame is None:
            return
        stack.append(frame)
        enter, add, budget, span, blocks, parts = self._enter, self.add, self.budget, self.span, self.blocks, self.parts
        checked = _CHECK_EVERY
        while stack:
            if budget is not None and self.counter >= checked:
                checked = self.counter + _CHECK_EVERY
                budget.check()
            top = stack[-1]
            for child in top[4]:  # resumes where the previous pass over this element stopped
                opened = enter(child)
                if opened is not None:
                    stack.append(opened)
                    break
                if budget is not None and self.counter >= checked:  # a long run of rows read whole
                    checked = self.counter + _CHECK_EVERY
                    budget.check()
                tail = child.tail
                if tail and (parts or not tail.isspace()):  # ``add``, inline
                    parts.append(tail)
                    if self.context & _COUNTED:
                        self._count(tail)
            else:
                stack.pop()
                # leave the element: end its line (inside its own context: li, h2, figcaption …), restore
                # the context around it, record its span
                el, order, is_block, saved, _ = top
                if is_block:
                    if self.parts or self.images:
                        self.flush()
                    blocks.pop()
                self.context = saved
                span[el] = (order, self.counter)
                if stack:  # the root's tail is not part of the walk
                    tail = el.tail
                    if tail:
                        add(tail)

    def _enter(self, el: etree._Element) -> _Frame | None:
        """Open ``el``: count it, cut the line at a block boundary, read its flags and text. Returns
        the frame whose children the walk visits next, or None when the element was read whole
        (a data row, collapsed chrome, a leaf: left here at once, with no frame or child iterator to set up)
        or is not an element (a comment or entity)."""
        tag = el.tag
        if not isinstance(tag, str):
            return None
        order = self.counter
        self.counter = order + 1
        is_block = tag in BLOCK_TAGS
        if (is_block or tag == "br") and (self.parts or self.images):
            self.flush()
        if tag == "tr":
            cells = _data_row_cells(el, self.options)
            if cells is not None:
                self._table_row(el, order, cells)
                return None
        flags = _FLAGS.get(tag, 0)
        if is_block and (tag == "center" or el.get("align") in ("center", "CENTER", "Center")):
            flags |= _CENTER
        style = el.get("style")
        if style:
            if _CENTER_STYLE.search(style):
                flags |= _CENTER
            if _BOLD_STYLE.search(style):
                flags |= _BOLD
        cls = el.get("class")
        hidden = self.hidden
        if hidden is not None and (cls or hidden.ids) and self._hidden(el, cls):
            return None  # a watermark the page's stylesheet hides: skipped, its tail read
        if cls and _caption_class(cls):
            flags |= _CAPTION
        elif cls and not is_block and _subheading_class(cls):
            flags |= _BOLD  # <span class="…-h3">: a subheading marked by its class
        if is_block and _is_noise(tag, cls, el.get("id")):
            verdict = _AS_NOISE
            if not self.context & _NOISE:  # the outermost chrome-named element
                verdict = _LAYOUT if _wraps_article(el, self.holders, self.options.wrapped_text_min) \
                    else self._collapse_chrome(el, order)
            if verdict == _COLLAPSED:
                return None
            if verdict == _AS_NOISE:
                flags |= _NOISE
            # _LAYOUT: a layout wrapper with a chrome-like name: its lines are judged one by one
        if tag == "a" and (el.get("href") is None or (self.reveal and _wraps_prose(el, self.options.prose_link))):
            flags &= ~_LINK
        saved = self.context
        self.context = saved | flags
        if is_block:
            self.blocks.append((el, order))
        if tag == "img":
            self.images.append(el)
        text = el.text
        if text and (self.parts or not text.isspace()):  # ``add``, inline: leading whitespace counts nothing
            self.parts.append(text)
            if self.context & _COUNTED:
                self._count(text)
        if len(el):
            return (el, order, is_block, saved, iter(el))
        # a leaf: left at once (as ``walk`` leaves an element), its tail read by the caller
        if is_block:
            if self.parts or self.images:
                self.flush()
            self.blocks.pop()
        self.context = saved
        self.span[el] = (order, self.counter)
        return None

    def _hidden(self, el: etree._Element, cls: str | None) -> bool:
        """A short element carrying a class or id the page's stylesheet hides (``Hidden``): one of its class
        names (a set test on the split attribute, not a substring test per hidden name) or its id."""
        hidden = self.hidden
        assert hidden is not None
        if (cls and not hidden.classes.isdisjoint(cls.split())) or (hidden.ids and el.get("id") in hidden.ids):
            return _short_text(el, self.options.scrap_max)
        return False

    def _collapse_chrome(self, el: etree._Element, order: int) -> int:
        """Turn a chrome subtree made mostly of links (menus, related and hot lists) into one line
        (``_COLLAPSED``).

        Four fifths of a portal page's elements sit in chrome-classed subtrees;
        reading the link-dominated ones (``options.chrome_link_share``) in C keeps the walk fast. Subtrees with
        mostly plain text (article footers with editor and notice lines, an
        article in an oddly named wrapper) are walked normally, as chrome (``_AS_NOISE``). One that holds
        nearly all of the page's text, ``wrapped_text_min`` characters of it plain, is a layout wrapper
        (``_LAYOUT``: ``<table class="left_bottom">`` around a page whose headline no element holds alone).
        Called right after a block boundary, so no line is open.
        """
        pieces = list(el.itertext())
        total = sum(map(len, map(str.strip, pieces)))
        links = _link_chars(el)
        if (total - links >= self.options.wrapped_text_min
                and total >= self.options.wrapper_page_share * self._page_chars()
                and not _comment_named(el) and not self._prose_outside(el)):
            return _LAYOUT
        if links < total * self.options.chrome_link_share:
            return _AS_NOISE  # mostly plain text (an article footer with editor and notice lines): walk it
        text = collapse_ws(" ".join(pieces))
        chars = len(text) - text.count(" ")
        if chars:
            self.lines.append(Line(text=text, block=el, order=order, chars=chars, link_chars=min(links, chars),
                                   tag=el.tag, noise=True))
        self.span[el] = (order, self.counter)
        return _COLLAPSED

    def _prose_outside(self, el: etree._Element) -> bool:
        """Whether the page holds a piece of prose outside ``el`` (a run of unlinked text of
        ``options.resume_paragraph_min`` characters at least with a full stop): then ``el`` is not the only
        place the text can be, and no layout wrapper. One pass over the page, paid only by a chrome-named
        element that holds most of its text."""
        if self.start is None:
            return False
        least = self.options.resume_paragraph_min
        inside = list(el.iter())  # kept alive: lxml gives one proxy per element while one lives
        ids = {id(x) for x in inside}
        ids.discard(id(el))
        for node in self.start.iter():
            if id(node) in ids:
                continue
            text = node.text if node is not el and isinstance(node.tag, str) and node.tag != "a" else None
            for piece in (text, node.tail):
                if piece and len(piece) >= least and "。" in piece and len("".join(piece.split())) >= least:
                    return True
        return False

    def _page_chars(self) -> int:
        """Characters of the whole walk's text (spaces left out), counted once, on first need."""
        if self.page_chars is None:
            self.page_chars = int(_TEXT_LENGTH(self.start)) if self.start is not None else 0
        return self.page_chars

    def _table_row(self, row: etree._Element, order: int, texts: list[str]) -> None:
        """A row of a data table becomes one line, its cells (``texts``) joined by a tab."""
        cells = [collapse_ws(t) for t in texts]
        text = "\t".join(cells)
        chars = sum(len(c.replace(" ", "")) for c in cells)
        links = _link_chars(row)
        if chars:
            self.lines.append(
                Line(text=text, block=row, order=order, chars=chars, link_chars=min(links, chars), tag="tr",
                     noise=bool(self.context & _NOISE), in_table=True)
            )
        self.span[row] = (order, self.counter)


def linearise(root: etree._Element, budget: Budget | None = None, hidden: Hidden | None = None,
              reveal: bool = False, headline: str = "", options: Options = DEFAULT_OPTIONS) -> Page:
    """Cut the (pruned) document into lines in reading order (``budget``: checked during the walk;
    ``hidden``: what the page's stylesheet hides, as ``prune`` found it; ``reveal``: a link wrapping
    running text (``_wraps_prose``: a photo story linked to its next slide) is read as text;
    ``headline``: the ``<title>``'s first segment, which marks a chrome-named layout wrapper;
    ``options``: the thresholds of scraps, prose links and layout wrappers)."""
    walker = _Walker(budget, hidden, reveal, options)
    walker.holders = _headline_holders(root, " ".join(headline.split())
                                       if len(headline.strip()) >= options.headline_min else "")
    body = root.find("body")
    start = body if body is not None else root
    walker.start = start
    walker.walk(start)
    walker.flush()
    return Page(lines=walker.lines, span=walker.span)
