"""``extract``: page bytes in, ``Article`` out. Pure: no network, no files, no Scrapy, no SQL.

Extraction is a fixed sequence of named passes over one ``PageState`` (``PASSES``, in order):

==================  =====================================================================
``decode``          bytes to text, mojibake repaired where it can be (``decode``)
``parse``           the tree, head metadata, canonical URL; invisible nodes pruned (``metadata``)
``cut_lines``       the page as visible lines (``lines``)
``headline``        the headline and its line (``title``)
``container``       the element holding the article, its confidence, its lines routed into body
                    blocks, info lines, notices, captions and chrome (``body``)
``second_opinion``  when the container is unsure, an independent body finder and a rule (``second``)
``standfirst``      a labelled summary (``摘要：``) between headline and text opens the body (``body``)
``announced_table`` a table the text announces, kept (``body``)
``surroundings``    the header and footer lines around the text
``bylines``         authors, editors, source, original title (``bylines``: the one place)
``disclaimers``     the notices (``disclaimers``: the one place)
``dates``           the publication date (``dates``)
``crumbs``          breadcrumb, channel, tags
``language``        the text's language (``language``)
``page_kind``       article, photo news, or a non-article with the evidence for it
``quotes``          quotations and their speakers (``quotes``)
==================  =====================================================================

A pass reads what the passes before it left in the state and adds its own; one that finds the page is
no article returns the reason, and the record is then a non-article (its text kept in ``page_text``).
Thresholds are in one ``Options`` object (``options``), the pattern vocabulary in ``vocabulary``.

Every pass is bounded: the tree walks are iterative (any nesting depth; pages deeper than the
parser allows are flattened, ``depth``), the work is linear in the page, and a per-page CPU
budget (``budget``) is checked between the passes and inside the long loops.
"""

from __future__ import annotations

import functools
import gc
import itertools
import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime

from lxml import etree

from newscrawler.common.urls import canonical_url
from newscrawler.extract.body import (
    Choice,
    Sorted,
    add_announced_table,
    add_standfirst,
    drop_dangling_lead_in,
    is_breadcrumb_line,
    parse_breadcrumb,
    rank_container,
    sort_lines,
)
from newscrawler.extract.budget import Budget, ExtractionTimeout
from newscrawler.extract.bylines import Byline, credits, info_line, surrounding_bylines
from newscrawler.extract.clutter import is_chrome, is_related_heading, is_site_footer
from newscrawler.extract.dates import DateWitnesses, publication_date, search_date
from newscrawler.extract.decode import (
    decode_body,
    decode_mixed,
    looks_binary,
    looks_like_mojibake,
    looks_misdecoded,
    mixed_if_better,
    repair_mojibake,
)
from newscrawler.extract.depth import flatten_nesting
from newscrawler.extract.disclaimers import as_disclaimer
from newscrawler.extract.disclaimers import collect as collect_disclaimers
from newscrawler.extract.document_end import ends_early, without_document_end
from newscrawler.extract.language import detect_language
from newscrawler.extract.lines import (
    HEADING_TAGS,
    LINK_LINE_SHARE,
    PRUNE_TAGS,
    Hidden,
    Line,
    Page,
    document_elements,
    linearise,
    prune,
)
from newscrawler.extract.metadata import PageMeta, read_cms_comment, read_meta
from newscrawler.extract.options import DEFAULT_OPTIONS, Options
from newscrawler.extract.quotes import extract_quotes
from newscrawler.extract.second import left_outside, pick, propose, prose_chars, ragged
from newscrawler.extract.selectors import select_first, select_text
from newscrawler.extract.text import (
    clause_commas,
    collapse_ws,
    ends_sentence,
    full_stops,
    has_full_stop,
    nospace,
)
from newscrawler.extract.title import choose_title, printed_title, title_segment
from newscrawler.extract.vocabulary import (
    PAGE_CRUMB_CLASS,
    PAGE_CUT_SUMMARY,
    PAGE_ERROR_PAGE,
    PAGE_ERROR_WORDED,
    PAGE_NOT_CHANNEL,
    PAGE_TITLEISH_CLASS,
    PAGE_UTILITY_LINE,
    PAGE_UTILITY_TEXT,
    PAGE_UTILITY_TITLE,
)
from newscrawler.items import Article, Block, Quote

EXTRACTOR_VERSION = "0.4.34"
"""Bumped whenever extraction output can change, so archived pages can be re-extracted."""

log = logging.getLogger(__name__)

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)


def extract(
    body: bytes,
    url: str | None,
    fetched_at: datetime,
    headers: Mapping[str, str | bytes] | None = None,
    *,
    encoding: str | None = None,
    selectors: Mapping[str, str] | None = None,
    raise_errors: bool = False,
    time_budget: float | None = None,
    second_opinion_below: float | None = None,
    options: Options | None = None,
    _reveal: bool = False,
) -> Article:
    """Extract one page.

    ``fetched_at`` is the base for relative dates (``3小时前``, ``昨天``); a naive
    value is read as Asia/Shanghai wall time. ``headers`` are the HTTP response
    headers (only ``Content-Type`` is used). ``encoding`` overrides every
    declaration. ``selectors`` are a site profile's overrides (``title``, ``body``,
    ``date``: CSS or XPath) for sites where the generic rules are wrong. Never
    raises for any input unless ``raise_errors`` is set (tests use it): a failure
    becomes ``is_article=False`` with the reason. ``options`` are the thresholds (``Options``,
    default ``DEFAULT_OPTIONS``); ``time_budget`` and ``second_opinion_below``, when given, replace
    theirs: the CPU seconds the page may take (``budget``; past it the record is
    ``is_article=False``, reason ``extraction timeout``, with the visible text read so far in
    ``page_text``, whatever ``raise_errors`` says) and the ``confidence`` under which the second
    body finder is asked (``second``; 0 never asks it, above 1 always does).
    """
    opts = options or DEFAULT_OPTIONS
    if time_budget is not None:
        opts = replace(opts, time_budget=time_budget)
    if second_opinion_below is not None:
        opts = replace(opts, second_opinion_below=second_opinion_below)
    state = PageState(body=body, url=url, fetched_at=fetched_at, headers=headers, encoding=encoding,
                      selectors=selectors or {}, options=opts, budget=Budget(opts.time_budget),
                      article=Article(url=url, extractor_version=EXTRACTOR_VERSION), reveal=_reveal)
    pause_gc = len(body) >= _GC_PAUSE_BYTES and gc.isenabled()
    if pause_gc:
        gc.disable()
    try:
        article = run_passes(state)
        if not _reveal and _revealable(state):
            # dropped for want of text, with text the page hides from view: read it as a script shows it,
            # in the CPU time the first reading left (one page never takes more than its budget)
            revealed = extract(body, url, fetched_at, headers, encoding=encoding, selectors=selectors,
                               raise_errors=raise_errors, options=replace(opts, time_budget=state.budget.left()),
                               _reveal=True)
            if revealed.is_article:
                return revealed
        return article
    except ExtractionTimeout:
        log.warning("extraction of %s took more than %g s of CPU: stopped", url, opts.time_budget)
        article = Article(url=url, extractor_version=EXTRACTOR_VERSION)
        article.encoding = state.article.encoding
        article.canonical_url = state.article.canonical_url
        article.body = _text_so_far(state)
        return _not_article(article, "extraction timeout")
    except Exception as exc:
        if raise_errors:
            raise
        log.warning("extraction failed for %s: %s: %s", url, type(exc).__name__, exc)
        return Article(url=url, is_article=False, reason=f"extraction failed: {type(exc).__name__}",
                       kind="invalid", extractor_version=EXTRACTOR_VERSION)
    finally:
        if pause_gc:
            gc.enable()


_REVEALABLE = frozenset(["list page", "no article text", "video page", "gallery"])
"""Non-article verdicts given for want of text, which text hidden from view may answer."""


def _revealable(state: PageState) -> bool:
    """The page was dropped for want of text (``_REVEALABLE``) and holds running text out of view: in
    elements hidden by their style or in ``<noscript>`` (a script shows it; ``lines.prune``), or
    sentences inside links (a photo story linked to its next slide; read as text, ``lines.linearise``). It is then read
    again with that text revealed, and the second reading is kept when it finds an article."""
    if state.article.is_article or state.article.reason not in _REVEALABLE:
        return False
    opts = state.options
    if state.hidden.concealed >= opts.reveal_min_chars:
        return True
    lines = state.page.lines if state.page is not None else []
    return any(ln.link_density > LINK_LINE_SHARE and ln.chars >= opts.paragraph_min and has_full_stop(ln.text) for ln in lines)


_GC_PAUSE_BYTES = 1 << 20
"""Pages from this size on are extracted with Python's cycle collector paused (and restored after).

A huge page keeps hundreds of thousands of element proxies and lines alive at once; the collector
then rescans them again and again as the walk allocates, which made the walk of an 8 MB page three
times slower per MB than that of a 1 MB page. Extraction makes no reference cycles of its own, so
nothing waits for the pause to end but the caller's garbage, collected as soon as it is restored."""


_KIND_OF_REASON = {
    "list page": "list", "video page": "video", "gallery": "gallery", "error page": "error",
    "no article text": "empty", "mis-encoded": "mis-encoded", "extraction timeout": "timeout",
}


@dataclass(slots=True, eq=False)
class PageState:
    """One page on its way through the passes: the call's inputs, the record being filled, and what
    each pass read for the passes after it (``None``/empty until the pass that fills it has run)."""

    body: bytes
    url: str | None
    fetched_at: datetime
    headers: Mapping[str, str | bytes] | None
    encoding: str | None
    """The caller's encoding override (the one found is ``article.encoding``)."""
    selectors: Mapping[str, str]
    options: Options
    budget: Budget
    article: Article
    text: str = ""
    """The decoded (and repaired) page."""
    utf8: bytes | None = None
    """``body`` when ``text`` is its UTF-8 reading exactly (valid UTF-8, nothing repaired): parsed as it is."""
    root: etree._Element | None = None
    meta: PageMeta = field(default_factory=PageMeta)
    has_video: bool = False
    hidden: Hidden = field(default_factory=Hidden)
    """What the page's own stylesheet hides (``lines.prune``), skipped by the walk."""
    reveal: bool = False
    """Read the page with what a script would show (``lines.prune``, ``lines.linearise``): the second
    reading of a page dropped for want of text (``_revealable``)."""
    page: Page | None = None
    title_line: Line | None = None
    chosen: etree._Element | None = None
    """The element a profile's body selector names (trusted as it is: no second opinion)."""
    container: etree._Element | None = None
    choice: Choice = field(default_factory=lambda: Choice(None))
    index: dict[int, int] = field(default_factory=dict)
    """``id(line)`` -> its position in ``page.lines``."""
    lines: list[Line] = field(default_factory=list)
    """The container's lines after the headline."""
    found: Sorted = field(default_factory=Sorted)
    """The container's lines routed (``body.sort_lines``)."""
    anchor: int = 0
    """Position of the headline line (of the text's first line when the headline is not on the page)."""
    header: list[Line] = field(default_factory=list)
    footer: list[Line] = field(default_factory=list)
    seen: set[int] = field(default_factory=set)
    """``id`` of the lines some field claimed (body, info lines): the others may still be read."""
    bylines: list[tuple[Line, Byline]] = field(default_factory=list)
    body_text: str | None = None
    """The article's text once the page is known to be one (kept when the quotes pass times out)."""


Pass = Callable[[PageState], "str | None"]
"""A pass: reads and extends the state; returns the reason when the page is no article."""


def run_passes(state: PageState) -> Article:
    """Run ``PASSES`` in order, checking the time budget before each from the third on (decoding and
    parsing are bounded by the page's size, and a page that times out keeps its tree's text)."""
    for i, step in enumerate(PASSES):
        if i >= _CHECKED_FROM:
            state.budget.check()
        reason = step(state)
        if reason is not None:
            if not state.article.body and reason != "mis-encoded":
                state.article.body = _visible_text(state)
            return _not_article(state.article, reason)
    state.article.is_article = True
    return state.article


_CHECKED_FROM = 2


_TIMEOUT_TEXT_MAX = 2_000_000
"""Characters of a timed-out page's text kept in ``page_text`` (search needs no more)."""


def _text_so_far(state: PageState) -> str:
    """The visible text of a timed-out page: its lines when it was cut into lines, else the text
    of the pruned tree (one C-level pass); the body when it was found; capped at ``_TIMEOUT_TEXT_MAX`` characters."""
    if state.body_text is not None:
        text = state.body_text
    elif state.page is not None:
        text = "\n".join(ln.text for ln in state.page.lines if ln.text and not ln.noise)
    elif state.root is not None:
        text = collapse_ws(" ".join(state.root.itertext()))
    else:
        return ""
    return text[:_TIMEOUT_TEXT_MAX]


def _visible_text(state: PageState) -> str:
    """The text a non-article with no body keeps in ``page_text`` (nothing fetched disappears from
    search): the visible lines of its container (a list's headlines, a gallery's captions), else of
    the whole page; capped at ``_TIMEOUT_TEXT_MAX`` characters."""
    if state.page is None:
        return ""
    lines = state.lines or state.page.lines
    text = "\n".join(ln.text.strip() for ln in lines if ln.text.strip() and not ln.noise)
    if not text and state.lines:
        text = "\n".join(ln.text.strip() for ln in state.page.lines if ln.text.strip() and not ln.noise)
    return text[:_TIMEOUT_TEXT_MAX]


def _not_article(article: Article, reason: str) -> Article:
    """Mark the record a non-article: the body moves to ``page_text`` (unless garbled), blocks go."""
    article.is_article = False
    article.reason = reason
    article.kind = _KIND_OF_REASON.get(reason, "invalid")
    article.page_text = article.body if reason != "mis-encoded" else ""
    article.body = ""
    article.blocks = []
    article.quotes = []
    return article


# --------------------------------------------------------------------------- decode, parse, cut lines

def decode_pass(state: PageState) -> str | None:
    """Bytes to text. Bytes decoded wrongly before they were stored (GBK read as Latin-9, saved as
    UTF-8) or part UTF-8, part GBK are undone where they can be; what stays garbled is refused by
    ``page_kind``."""
    body = state.body
    if not body or not body.strip():
        return "empty response"
    if looks_binary(body):
        return "not html"
    decoded = decode_body(body, state.headers, state.encoding)
    state.article.encoding = decoded.encoding
    text = decoded.text
    if looks_like_mojibake(text):
        repaired = repair_mojibake(text)
        mixed = decode_mixed(body) if repaired is None and decoded.encoding in ("utf-8", "gb18030") else None
        if repaired is not None:
            text = repaired.text
        elif mixed is not None:
            text = mixed
    else:
        # part UTF-8, part GBK where the wrong part is too small to look like mojibake overall
        text = mixed_if_better(body, decoded) or text
    state.text = text
    if (text is decoded.text and decoded.encoding == "utf-8" and decoded.source != "bom" and type(body) is bytes
            and "\ufffd" not in text):  # no U+FFFD: the whole body decoded without a replacement
        state.utf8 = body
    return None


def parse_pass(state: PageState) -> str | None:
    """The tree and what the head says; the canonical URL; invisible nodes pruned."""
    root = _parse_html(state.text, ends_early(state.body), state.utf8, ids=bool(state.selectors))
    if root is None:
        return "not parseable"
    meta = state.meta = read_meta(root, state.url)
    read_cms_comment(state.text, meta)
    state.article.canonical_url = _canonical(meta, state.url)
    found = document_elements(root, "video", *PRUNE_TAGS)  # one walk for the video test and ``prune``
    state.has_video = (any(el.tag == "video" and root in el.iterancestors() for el in found)
                       or (meta.og_type or "").startswith("video"))
    state.hidden = prune(root, reveal=state.reveal, options=state.options, found=found)
    state.root = root
    return None


def cut_lines_pass(state: PageState) -> str | None:
    """The page as visible lines (``lines.linearise``)."""
    assert state.root is not None
    page = state.page = linearise(state.root, state.budget, state.hidden, reveal=state.reveal,
                                  headline=title_segment(state.meta.html_title), options=state.options)
    state.index = {id(line): i for i, line in enumerate(page.lines)}
    return None


def _canonical(meta: PageMeta, url: str | None) -> str | None:
    if meta.canonical and meta.canonical.startswith(("http://", "https://")):
        return meta.canonical
    return canonical_url(url) if url else None


_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True, no_network=True)
"""Plain lxml elements (no lxml.html class lookup per node, which costs a third of the walk)."""
_UTF8_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True, no_network=True,
                                encoding="utf-8")
"""``_PARSER`` for the text encoded as UTF-8 (``_parse_text``)."""
_UTF8_PARSER_NO_IDS = etree.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True, no_network=True,
                                       encoding="utf-8", collect_ids=False)
"""``_UTF8_PARSER`` without libxml2's table of ``id`` attributes, which only XPath's ``id()`` reads (a tenth of
the parse): for pages read with no site profile's selectors (the extractor's own queries never call it)."""


_NUL = re.compile("\x00")
"""A NUL character. ``str.replace``/``in`` look for it slowly in non-Latin-1 text (their byte-wise
fast path trips over every zero byte of a wide character); the regex engine's plain loop does not."""


def _parse_html(text: str, ends_early: bool = False, utf8: bytes | None = None,
                ids: bool = True) -> etree._Element | None:
    """The page's tree (None when there is none). ``utf8``: the text's UTF-8 bytes when the caller has them (the
    body it was decoded from), used when the text goes to the parser unchanged; ``ids``: XPath's ``id()`` must
    find elements (a site profile's selector may call it)."""
    given = text
    text = _XML_DECL.sub("", text, count=1)
    if ends_early:
        text = without_document_end(text)
    if _NUL.search(text):
        text = text.replace("\x00", "")
    if not text or text.isspace():
        return None
    try:
        root, parser = _parse_text(text, utf8 if text is given else None, ids)
        last = parser.error_log.last_error  # the depth error is fatal: parsing stops there
        if last is not None and last.type == _TOO_DEEP:
            # nested deeper than libxml2 allows: it kept next to nothing, so flatten and parse again
            root, _ = _parse_text(flatten_nesting(text), None, ids)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None
    return root if root is not None and isinstance(root.tag, str) else None


def _parse_text(text: str, utf8: bytes | None = None,
                ids: bool = True) -> tuple[etree._Element | None, etree.HTMLParser]:
    """``etree.fromstring(text, parser=_PARSER)`` and the parser used: the same tree, parsed from the text's
    UTF-8 bytes, which libxml2 reads as they are (a ``str`` is handed over as UTF-16 or UCS-4 and converted
    to UTF-8 first: a tenth of the parse, more than the encoding costs). A text that cannot be encoded (a lone
    surrogate) or that opens with an XML declaration (refused in a ``str``: lxml raises ``ValueError``)
    is parsed as the ``str`` it is. ``utf8``: the text's UTF-8 bytes, when the caller has them; ``ids``: keep
    libxml2's table of ``id`` attributes (``_UTF8_PARSER_NO_IDS``)."""
    if not text.startswith("<?xml"):
        data = utf8 if utf8 is not None else _encoded(text)
        if data is not None:
            parser = _UTF8_PARSER if ids else _UTF8_PARSER_NO_IDS
            return etree.fromstring(data, parser=parser), parser
    return etree.fromstring(text, parser=_PARSER), _PARSER


def _encoded(text: str) -> bytes | None:
    """The text in UTF-8, None when it holds a lone surrogate."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return None


_TOO_DEEP = etree.ErrorTypes.ERR_RESOURCE_LIMIT
"""The error libxml2 reports for a document nested over its depth limit (2,048 with ``huge_tree``)."""


# --------------------------------------------------------------------------- headline and body

def headline_pass(state: PageState) -> str | None:
    """The headline (``title.choose_title``) and its line; a profile's title selector wins."""
    assert state.page is not None
    meta, page = state.meta, state.page
    title, title_line = choose_title(meta.html_title, meta.og_title, meta.headline, _heading_lines(page, state.options),
                                     state.options)
    if title_line is None:
        on_page = printed_title(meta.html_title, page.lines, state.options)
        if on_page is not None:
            # the whole headline on one line names it; the last of two lines names only its subtitle
            title = on_page.text if nospace(on_page.text) == nospace(title_segment(meta.html_title)) else title
            title_line = on_page
    if state.selectors.get("title"):
        assert state.root is not None
        title = select_text(state.root, state.selectors["title"]) or title
    state.article.title = title
    state.title_line = title_line
    return None


def _heading_lines(page: Page, opts: Options) -> list[Line]:
    """Heading candidates in page order: real headings first, then title-classed blocks of
    ``titled_line_min`` to ``titled_line_max`` characters."""
    heads = [ln for ln in page.lines if (ln.heading or ln.tag in HEADING_TAGS) and not ln.noise]
    titled = (
        ln for ln in page.lines[:400]
        if not ln.heading and opts.titled_line_min <= ln.chars <= opts.titled_line_max and not ln.noise
        and _titleish((ln.block.get("class") or "") + " " + (ln.block.get("id") or ""))
    )
    return heads[:40] + list(itertools.islice(titled, 20))


@functools.lru_cache(maxsize=4096)
def _titleish(names: str) -> bool:
    """A block's class and id name a title (``PAGE_TITLEISH_CLASS``): they repeat across a page's lines and a
    site's pages, so each is matched once."""
    return PAGE_TITLEISH_CLASS.search(names) is not None


def container_pass(state: PageState) -> str | None:
    """The element holding the article (a profile's body selector, else ``body.rank_container``) and
    its lines after the headline, routed (``body.sort_lines``)."""
    assert state.page is not None and state.root is not None
    page, selectors = state.page, state.selectors
    chosen = select_first(state.root, selectors["body"]) if selectors.get("body") else None
    state.budget.check()
    if chosen is not None and chosen in page.span:
        choice = Choice(chosen)
    else:
        choice = rank_container(page, state.title_line, state.budget, state.options)
    state.chosen, state.choice, state.container = chosen, choice, choice.container
    state.budget.check()
    if state.container is not None:
        state.lines = _after_title(page.lines_within(state.container), state.title_line, state.index, state.options)
        state.found = _route(state, state.lines, state.container)
    if chosen is None:  # a profile's body selector is trusted as it is
        state.article.confidence = round(min(choice.confidence, _kept_share(state)), 3)
    return None


def _kept_share(state: PageState) -> float:
    """The share of the container's running text (``second.prose_chars``) that routing kept as body:
    1 when it kept it all; low when the element that reads like the article lost its text to the
    routing (a player's caption kept, the story read as chrome), which the container's own margin
    cannot tell. A container holding no running text at all scores 0 unless captions are its text
    (photo news)."""
    prose_min = state.options.prose_min
    within = prose_chars(state.lines, prose_min)
    if not within:
        return 1.0 if state.found.captions else 0.0
    return min(1.0, prose_chars(state.found.body_lines, prose_min) / within)


def _route(state: PageState, lines: list[Line], container: etree._Element | None) -> Sorted:
    return sort_lines(lines, state.title_line, state.article.title, state.url, container, state.options)


def _after_title(lines: list[Line], title_line: Line | None, index: dict[int, int],
                 options: Options) -> list[Line]:
    """The lines after the headline when the headline is among them (else all of them).

    A headline opens its article: when the running text (``second.prose_chars``) stands before the
    line read as the headline and next to none after it (``options.repeat_ratio`` times less), that
    line repeats the headline under the text (a print box, a share bar, a comment form's heading)
    and the lines before it are the article."""
    if title_line is None or not lines or id(title_line) not in index:
        return lines
    at = index[id(title_line)]
    after = [ln for ln in lines if index[id(ln)] > at]
    if not after:
        return lines
    before = [ln for ln in lines if index[id(ln)] < at]
    if before and prose_chars(after, options.prose_min) * options.repeat_ratio < prose_chars(before, options.prose_min):
        return before
    return after


def second_opinion_pass(state: PageState) -> str | None:
    """When the container is unsure (``confidence`` under ``options.second_opinion_below``), ask the
    independent body finder (``second``) and keep the body ``second.pick`` chooses;
    ``article.second_opinion`` records the outcome."""
    article = state.article
    if state.chosen is not None or not _unsure(state):
        return None
    assert state.page is not None
    proposal = propose(state.page, state.budget)
    if proposal is None:
        article.second_opinion = "agreed"  # it finds no paragraph at all: nothing to weigh
        return None
    other = _after_title(proposal.lines, state.title_line, state.index, state.options)
    if {id(ln) for ln in other} == {id(ln) for ln in state.lines}:
        article.second_opinion = "agreed"
        return None
    state.budget.check()
    alternative = _route(state, other, _holder(state, other, proposal.container))
    if pick(state.found.body_lines, alternative.body_lines, state.options):
        article.second_opinion = "taken"
        state.found = alternative
        return None
    article.second_opinion = "kept"
    return None


def _holder(state: PageState, lines: list[Line], container: etree._Element) -> etree._Element:
    """The element the second body is routed within: the innermost one holding all its lines of
    running text (inside ``container``, the second method's element). The second method scores
    paragraphs whatever their wrappers' class names say; routed within a wider element, a wrapper
    named like chrome (a share widget's hook class on the text's ``div``) would make its
    paragraphs chrome again. One walk up from the first such line (spans are walk-order intervals)."""
    assert state.page is not None
    prose = [ln for ln in lines if prose_chars([ln], state.options.prose_min)]
    if not prose:
        return container
    span = state.page.span
    low, high = min(ln.order for ln in prose), max(ln.order for ln in prose)
    el: etree._Element | None = prose[0].block
    while el is not None and el is not container:
        start, end = span.get(el, (0, -1))
        if start <= low and high < end:
            return el
        el = el.getparent()
    return container


def _unsure(state: PageState) -> bool:
    """Whether the second opinion is asked: the container's ``confidence`` is under
    ``options.second_opinion_below``, or (when it is asked at all) the routed body would make the
    page a non-article for want of text or by its links (no paragraph nor caption, or a list's
    pattern): before a page is dropped, an independent finder must also find no article on it; or
    the body opens or ends with an edge scrap (``second.ragged``): its container may be wider than
    the article, which the container's confidence (about rival blocks) cannot tell."""
    opts = state.options
    if (state.article.confidence or 0.0) < opts.second_opinion_below:
        return True
    if opts.second_opinion_below <= 0:
        return False
    found = state.found
    chars = sum(len(nospace(b.text)) for b in found.blocks)
    no_text = not _has_paragraph(found.blocks, opts) and not found.captions  # photo news has its captions
    if no_text or _list_like(found, chars, opts) or ragged(found.body_lines, opts.prose_min):
        return True
    if not found.body_lines or state.page is None:
        return False
    lines, index = state.page.lines, state.index
    first, last = index[id(found.body_lines[0])], index[id(found.body_lines[-1])]
    title = index.get(id(state.title_line), -1) if state.title_line is not None else -1
    reach = opts.outside_reach
    start = title + 1 if 0 <= title < first else first - reach
    near = lines[max(start, first - opts.header_after, 0):first]
    near += [ln for ln in lines[last + 1:last + 1 + 3 * reach] if ln.chars][:reach]
    # past a box of links after the body (a related list between two halves of the text), the text may go on
    near += [ln for ln in lines[last + 1:last + 1 + opts.resume_window]
             if ln.chars and ln.link_density <= opts.resume_link_density and not ln.noise][:reach]
    claimed = {id(ln) for ln in found.body_lines} | {id(ln) for ln in found.info_lines}
    return left_outside(near, claimed, opts.prose_min)


def standfirst_pass(state: PageState) -> str | None:
    """A standfirst between the headline and the text (labelled ``摘要：…``, or repeated whole by the page's
    description) opens the body (``body.add_standfirst``)."""
    assert state.page is not None
    add_standfirst(state.page, state.title_line, state.found, state.options, state.meta.description)
    return None


def announced_table_pass(state: PageState) -> str | None:
    """A table the text announces as its last line, right after the container (``body.add_announced_table``),
    else no dangling lead-in (``body.drop_dangling_lead_in``); then the routed body blocks and photos
    become the record's."""
    if state.article.second_opinion != "taken":
        assert state.page is not None
        add_announced_table(state.page, state.container, state.found, state.options)
    drop_dangling_lead_in(state.found, state.options)
    article, found = state.article, state.found
    article.blocks = found.blocks
    article.body = "\n".join(b.text for b in found.blocks)
    article.images = found.images
    return None


# --------------------------------------------------------------------------- fields around the text

def surroundings_pass(state: PageState) -> str | None:
    """The header (lines above the text, around the headline) and the footer (lines after the text, up
    to the site's copyright line), where bylines, dates and notices are read."""
    assert state.page is not None
    lines, index, found, opts = state.page.lines, state.index, state.found, state.options
    first = index[id(found.body_lines[0])] if found.body_lines else len(lines)
    last = index[id(found.body_lines[-1])] if found.body_lines else len(lines)
    title_line = state.title_line
    state.anchor = index[id(title_line)] if title_line is not None and id(title_line) in index else first
    start = max(0, min(state.anchor, first) - opts.header_before)
    state.header = lines[start:first][: opts.header_before + opts.header_after]
    for ln in lines[last + 1 : last + 1 + opts.footer_after]:
        if is_site_footer(ln.text):
            break
        state.footer.append(ln)
    state.seen = {id(ln) for ln in found.body_lines} | {id(ln) for ln in found.info_lines}
    return None


def bylines_pass(state: PageState) -> str | None:
    """Authors, editors, source and original title (``bylines``): the info lines met while routing, and
    those of the header and footer, in page order."""
    found, article = state.found, state.article
    bylines = list(zip(found.info_lines, found.bylines, strict=True))
    bylines += surrounding_bylines(state.header, state.footer, state.seen, state.options)
    bylines.sort(key=lambda pair: state.index.get(id(pair[0]), 0))
    state.bylines = bylines
    people = credits(bylines, state.header, found.body_lines, state.footer, found.credited, state.seen,
                     state.meta.source, state.options)
    article.author, article.editor = people.authors, people.editors
    article.source, article.original_title = people.source, people.original_title
    return None


def disclaimers_pass(state: PageState) -> str | None:
    """The notices (``disclaimers``): those met while routing, then the footer's unclaimed lines'."""
    footer = [ln.text for ln in state.footer if ln.text and id(ln) not in state.seen]
    state.article.disclaimers = collect_disclaimers(state.found.disclaimers, footer, state.options)
    return None


def dates_pass(state: PageState) -> str | None:
    """The publication date (``dates.publication_date``); a profile's date selector wins when it reads one."""
    article, index, anchor = state.article, state.index, state.anchor
    header_after = [ln.text for ln in state.header if index[id(ln)] > anchor]
    header_before = [ln.text for ln in state.header if index[id(ln)] < anchor]
    witnesses = DateWitnesses(
        info_after=[ln.text for ln, _ in state.bylines if index.get(id(ln), 0) > anchor],
        info_before=[ln.text for ln, _ in state.bylines if index.get(id(ln), 0) < anchor],
        header_after=header_after, header_before=header_before,
        footer=[ln.text for ln in state.footer], structured=[raw for _, raw in state.meta.dates], url=state.url,
        modified=state.meta.modified)
    date = publication_date(witnesses, state.fetched_at, state.options)
    if date is not None:
        article.publish_date, article.publish_date_raw = date.value, date.raw
    if state.selectors.get("date"):
        assert state.root is not None
        printed = select_text(state.root, state.selectors["date"])
        found = search_date(printed, state.fetched_at) if printed else None
        if found is not None:
            article.publish_date, article.publish_date_raw = found.value, found.raw
    return None


def crumbs_pass(state: PageState) -> str | None:
    """Breadcrumb, channel (its last item that is no home or 正文 link) and tags (the keywords, at most
    ``max_tags``)."""
    assert state.page is not None
    article, meta = state.article, state.meta
    crumbs = state.found.breadcrumb or _find_breadcrumb(state.page, state.anchor, state.options)
    article.breadcrumb = crumbs
    channel = [c for c in crumbs if c not in PAGE_NOT_CHANNEL and not c.endswith("首页")
               and nospace(c) != nospace(article.title or "")]
    article.channel = channel[-1] if channel else None
    title_ns = nospace(article.title or "")
    article.tags = [k for k in meta.keywords if nospace(k) != title_ns and k != meta.site_name][:state.options.max_tags]
    return None


def language_pass(state: PageState) -> str | None:
    state.article.language = detect_language((state.article.title or "") + state.article.body, state.meta.language,
                                             state.options)
    return None


# --------------------------------------------------------------------------- page kind

def page_kind_pass(state: PageState) -> str | None:
    """Article, photo news, or the non-article the evidence shows: garbled text (``mis-encoded``), no
    text, a 404, a list of headline links, a player or a photo set with no paragraph."""
    article, opts = state.article, state.options
    if looks_misdecoded(article.body) or looks_misdecoded(article.title or ""):
        article.title = None
        return "mis-encoded"
    article.kind = "article"
    body_ns = nospace(article.body)
    if _photo_news(article, state.found, opts, body_ns):
        article.kind = "photo"
        body_ns = nospace(article.body)  # the captions now open the body
    chars = len(body_ns)
    # Short text is still an article when it is a sentence (a 快讯, a photo's story): "no article
    # text" needs the absence of any sentence, an error page its 404 wording.
    prose = _has_paragraph(article.blocks, opts)
    if not article.blocks or (chars < opts.min_body_chars and (not prose or PAGE_ERROR_PAGE.search(article.body))):
        if not _short_story(state):
            return _why_not(state)
        if article.images and article.kind == "article":
            article.kind = "photo"  # a sentence beside a photo: the photo's story
    if _error_page(article, chars, opts):
        return "error page"
    if chars < opts.error_page_max_chars and all(_prompt(b.text, article.title, opts) for b in article.blocks):
        return _why_not(state)  # its only text talks to the visitor (a welcome line, a sign-in prompt)
    if _list_like(state.found, chars, opts) and not _opens_under_headline(state):
        return "list page"
    # A player or a photo set only makes a non-article when no paragraph of text goes with it.
    if state.has_video and chars < opts.video_max_chars and not prose:
        return "video page"
    if _gallery(article, chars, opts) and not prose:
        return "gallery"
    return None


def _error_page(article: Article, chars: int, opts: Options) -> bool:
    """A 404 headline over little text: a worded one (页面不存在) is enough; a bare 404 (a film, a code,
    a number the pattern did not see as one) also needs no paragraph but the apology."""
    title = article.title or ""
    if not (PAGE_ERROR_PAGE.search(title) and chars < opts.error_page_max_chars):
        return False
    return bool(PAGE_ERROR_WORDED.search(title)) or not _has_paragraph(
        [b for b in article.blocks if not PAGE_ERROR_PAGE.search(b.text)], opts)


def _gallery(article: Article, chars: int, opts: Options) -> bool:
    """Many photos, short blocks, little text in all (whether a paragraph goes with them is asked apart)."""
    longest = max(len(b.text) for b in article.blocks)
    return (len(article.images) >= opts.gallery_min_images and longest < opts.gallery_max_block
            and chars < min(opts.gallery_chars_per_image * len(article.images), opts.gallery_max_chars))


def _photo_news(article: Article, found: Sorted, opts: Options, body_ns: str) -> bool:
    """Photo news (图片新闻): a short text beside one to three captioned photos, or beside more
    photos whose captions tell the story (more than ``photo_story_share`` of them whole sentences: a
    photo story). The captions
    are the page's main text, so they open the body (as ``p`` blocks); returns whether that was done.

    Many photos captioned with labels (not sentences) and little text is a gallery, judged later. ``body_ns``:
    the body without its spaces (the caller has it)."""
    if len(body_ns) >= opts.photo_max_text:
        return False
    captions = [c for c in dict.fromkeys(found.captions)
                if len(nospace(c)) >= opts.photo_min_caption and nospace(c) not in body_ns
                and info_line(c, zone="elsewhere", options=opts) is None]
    if not captions:
        return False
    if len(article.images) > opts.photo_max_images or len(captions) > opts.photo_max_images:
        told = sum(1 for c in captions if _whole_sentence(c, opts))
        if told <= opts.photo_story_share * len(captions):
            return False
    article.blocks = [Block(type="p", text=c) for c in captions] + article.blocks
    article.body = "\n".join(b.text for b in article.blocks)
    return True


def _has_paragraph(blocks: list[Block], opts: Options) -> bool:
    """A body block of running text: ``paragraph_min``+ characters holding a full stop or two clauses
    (captions are not body blocks)."""
    return any(b.type == "p" and len(b.text) >= opts.paragraph_min
               and (has_full_stop(b.text) or clause_commas(b.text) >= 2)
               for b in blocks)


def _list_like(found: Sorted, chars: int, opts: Options) -> bool:
    """Headline links interleaved with short summaries: a channel page, not an article.

    The verdict needs positive evidence of a list: many headline links, spread over the gaps between
    the kept blocks (at least ``list_linked_gaps`` of them: link, summary, link, summary …, not one
    related box inside the text), and blocks that are summaries (cut short with ``…``/``[详细]``, or
    fragments). When most kept blocks are whole sentences (a transcript's turns, a story with many
    inline links) the page is text, not a list."""
    links, blocks = found.interleaved_links, len(found.blocks)
    if not (links >= opts.list_min_links and links >= opts.list_links_per_block * blocks
            and chars / max(blocks, 1) < opts.list_max_chars_per_block
            and found.linked_gaps >= max(opts.list_min_linked_gaps, opts.list_linked_gaps * blocks)):
        return False
    sentences = sum(1 for b in found.blocks if _whole_sentence(b.text, opts))
    if sentences >= opts.list_sentence_share * blocks:
        return False
    # a paragraph of running text (a block of two sentences or clauses, not cut short like a summary)
    # is text the list's pattern does not explain: no list without positive evidence
    return not any(_running_text(b.text, opts) for b in found.blocks)


def _prompt(text: str, title: str | None, opts: Options) -> bool:
    """The text talks to the visitor: under a headline naming a site function (``PAGE_UTILITY_TITLE``)
    any prompt word does (``PAGE_UTILITY_TEXT``); elsewhere every line must be a short one
    (``opts.prompt_max`` characters at most) opening with a prompt (``PAGE_UTILITY_LINE``:
    ``欢迎访问本频道！``), so a news item mentioning 密码 or 欢迎来到 inside its sentences is no prompt."""
    if title and PAGE_UTILITY_TITLE.search(title):
        return PAGE_UTILITY_TEXT.search(text) is not None
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return bool(lines) and all(len(nospace(ln)) <= opts.prompt_max and PAGE_UTILITY_LINE.match(ln) for ln in lines)


def _opens_under_headline(state: PageState) -> bool:
    """The text opens right under the page's own headline (within ``header_after`` lines, no headline
    link between them) with a sentence (``_told``), or holds a paragraph (``_has_paragraph``): an
    article, whatever links follow its paragraphs. A list's first summary follows its own headline
    link, not the page's headline; a list verdict needs a list's pattern and no text under the
    headline."""
    found, index, opts = state.found, state.index, state.options
    head = index.get(id(state.title_line)) if state.title_line is not None else None
    if head is None or not found.body_lines or PAGE_UTILITY_TITLE.search(state.article.title or ""):
        return False
    if _prompt(found.blocks[0].text, None, opts):
        return False  # a channel's welcome line over its list
    if not (_told(found.blocks[0].text, opts) or _has_paragraph(found.blocks, opts)):
        return False
    assert state.page is not None
    first = index[id(found.body_lines[0])]
    if not 0 < first - head <= opts.header_after:
        return False
    return not any(ln.link_density > LINK_LINE_SHARE and ln.chars >= opts.headline_link_min
                   for ln in state.page.lines[head + 1:first])


def _running_text(text: str, opts: Options) -> bool:
    """A block of running text that no list summary is: ``list_max_chars_per_block``+ characters,
    two full stops or three clauses, not cut short (``…``/``[详细]``)."""
    if len(text) < opts.list_max_chars_per_block or PAGE_CUT_SUMMARY.search(text):
        return False
    return full_stops(text) >= 2 or clause_commas(text) >= 3



def _whole_sentence(text: str, opts: Options) -> bool:
    """A block that is a sentence of its own: ``paragraph_min``+ characters ending in sentence
    punctuation, or holding a full stop or two clauses (``，``; a text that leaves out its final
    full stop) and not cut short (a summary's ``…``/``[详细]``)."""
    if len(text) < opts.paragraph_min:
        return False
    if text[-1] in "。！？!?”」" or ends_sentence(text):
        return True
    return ((has_full_stop(text) or clause_commas(text) >= 2)
            and PAGE_CUT_SUMMARY.search(text) is None)


def _short_story(state: PageState) -> bool:
    """Whether a text too short for a paragraph is still an article: told right under the page's own
    headline (the headline line is on the page and the text starts within ``header_after`` lines of
    it), as a sentence (``_told``) or under a dateline or byline. A 快讯 or a photo's one-sentence story
    on a portal full of links is such a page: the links around it are no evidence of a list. When the
    container's body is no such text, the lines right under the headline are read (``_under_headline``:
    a line of a few characters weighs too little to make its element the container) and, when they
    tell one, they become the body. A page with positive evidence of another kind is no short story:
    a 404 wording, a player (a video page), more photos than photo news has (a gallery), a headline
    naming a site function or a text talking to the visitor (``PAGE_UTILITY_TITLE``/``_TEXT``: a
    sign-in, search or welcome page)."""
    article, opts, found = state.article, state.options, state.found
    head = state.index.get(id(state.title_line)) if state.title_line is not None else None
    if (state.has_video or len(article.images) > opts.photo_max_images
            or PAGE_ERROR_PAGE.search(" ".join([article.title or "", article.body]))
            or PAGE_UTILITY_TITLE.search(article.title or "")):
        return False
    if head is None:
        return False
    if found.body_lines and _told_under(state, head, found.body_lines, article.blocks):
        return not any(_prompt(b.text, None, opts) for b in article.blocks)
    lines, photos = _under_headline(state, head)
    blocks = [Block(type="p", text=ln.text) for ln in lines]
    if (not lines or photos > opts.photo_max_images or not _told_under(state, head, lines, blocks)
            or any(_prompt(b.text, None, opts) for b in blocks)):
        return False
    article.blocks = blocks
    article.body = "\n".join(b.text for b in blocks)
    if photos:
        article.kind = "photo"
    return True


def _told_under(state: PageState, head: int, lines: list[Line], blocks: list[Block]) -> bool:
    """The text of ``lines`` starts within ``header_after`` lines under the headline (at ``head``) and
    holds a sentence, or sits under a dateline or byline."""
    opts, index = state.options, state.index
    first = index.get(id(lines[0]))
    if first is None or not 0 < first - head <= opts.header_after:
        return False
    if any(b.type == "p" and _told(b.text, opts) for b in blocks):
        return True
    dated = any(head < index.get(id(ln), -1) < first for ln, _ in state.bylines)
    return dated and sum(len(nospace(b.text)) for b in blocks) >= opts.story_min_chars


def _under_headline(state: PageState, head: int) -> tuple[list[Line], int]:
    """The lines of text right under the headline (within ``header_after`` lines), up to the first
    two link lines in a row or a related list's heading: no link lines, chrome, notices, bylines or
    dates; and the photos met up to the last of them."""
    assert state.page is not None
    out: list[Line] = []
    in_row = photos = seen = 0
    for ln in state.page.lines[head + 1 : head + 1 + state.options.header_after]:
        seen += len(ln.images)
        text = ln.text.strip()
        if not text:
            continue
        if ln.link_density > LINK_LINE_SHARE:
            in_row += 1
            if in_row >= 2 and out:
                break
            continue
        in_row = 0
        if is_related_heading(text, state.options):
            break
        if (ln.noise or is_chrome(text, state.options) or is_breadcrumb_line(ln, state.options) or as_disclaimer(text, state.options) is not None
                or info_line(text, zone="header", options=state.options) is not None):
            continue
        out.append(ln)
        photos = seen
    return out, photos


def _told(text: str, opts: Options) -> bool:
    """A short block that is a sentence: ``story_min_chars``+ characters ending in sentence punctuation
    or holding a clause's comma (not a summary cut short)."""
    if len(nospace(text)) < opts.story_min_chars or PAGE_CUT_SUMMARY.search(text):
        return False
    return text.rstrip()[-1] in "。！？!?”」" or ends_sentence(text) or clause_commas(text[:-1]) > 0


def _why_not(state: PageState) -> str:
    """The kind of a page with no article text: a 404, a player, photos, a list of links, or empty."""
    assert state.page is not None
    article, page = state.article, state.page
    opts = state.options
    probe = " ".join([article.title or "", state.meta.html_title or ""]
                     + [ln.text for ln in page.lines[:opts.error_probe_lines]])
    if PAGE_ERROR_PAGE.search(probe) and len(page.lines) < opts.error_page_max_lines:
        return "error page"
    if state.has_video:
        return "video page"
    if len(article.images) >= opts.dropped_gallery_images:
        return "gallery"
    link_lines = sum(1 for ln in page.lines if ln.link_density > LINK_LINE_SHARE and ln.chars >= opts.dropped_list_link_min)
    if link_lines >= opts.dropped_list_link_lines:
        return "list page"
    return "no article text"


# --------------------------------------------------------------------------- quotes

def quotes_pass(state: PageState) -> str | None:
    """Quotations and their speakers (``quotes.extract_quotes``) over the body."""
    state.body_text = state.article.body
    state.article.quotes = _quotes(state.article.blocks, state.budget, state.options.quote_slice_chars)
    return None


def _quotes(blocks: list[Block], budget: Budget, slice_chars: int) -> list[Quote]:
    """``extract_quotes`` over the body, in slices of ``slice_chars`` (``options.quote_slice_chars``)
    when it is longer; block indices and parent links are shifted back to the whole body's. An article
    is far shorter and is read in one call; a body of megabytes (a whole book or forum dump on one page)
    is read in slices of whole blocks, with a look at the time budget between them, so it cannot overrun
    the budget by more than one slice's time (a speaker named in one slice is not known in the next)."""
    if sum(len(b.text) for b in blocks) <= slice_chars:
        return extract_quotes(blocks)
    found: list[Quote] = []
    start = 0
    while start < len(blocks):
        end, size = start, 0
        while end < len(blocks) and (end == start or size + len(blocks[end].text) <= slice_chars):
            size += len(blocks[end].text)
            end += 1
        base = len(found)
        for q in extract_quotes(blocks[start:end]):
            found.append(replace(q, block_index=q.block_index + start,
                                 parent=None if q.parent is None else q.parent + base))
        budget.check()
        start = end
    return found


PASSES: tuple[Pass, ...] = (
    decode_pass,
    parse_pass,
    cut_lines_pass,
    headline_pass,
    container_pass,
    second_opinion_pass,
    standfirst_pass,
    announced_table_pass,
    surroundings_pass,
    bylines_pass,
    disclaimers_pass,
    dates_pass,
    crumbs_pass,
    language_pass,
    page_kind_pass,
    quotes_pass,
)
"""The passes of ``extract``, in order (see the module's docstring)."""


def _find_breadcrumb(page: Page, anchor: int, options: Options) -> list[str]:
    """Breadcrumb items from a 您的位置 line or a crumb-classed element in the ``crumb_reach`` lines
    above the headline."""
    before = page.lines[: max(anchor, 0) + 1][-options.crumb_reach:]
    for ln in before:
        if is_breadcrumb_line(ln, options):
            return parse_breadcrumb(ln.text, ln.block, options)
    for ln in before:
        el: etree._Element | None = ln.block
        for _ in range(3):
            if el is None:
                break
            names = (el.get("class") or "") + " " + (el.get("id") or "")
            if PAGE_CRUMB_CLASS.search(names):
                items = parse_breadcrumb(collapse_ws(" > ".join(el.itertext())), el, options)
                if len(items) >= 2:
                    return items
                break
            el = el.getparent()
    return []
