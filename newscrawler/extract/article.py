"""``extract``: page bytes in, ``Article`` out. Pure: no network, no files, no Scrapy, no SQL.

The passes, in order: decode the bytes (``decode``), read head metadata
(``metadata``), prune invisible nodes and cut the page into lines (``lines``),
pick the headline (``title``), find the article container and sort its lines
(``body``), and when that choice is unsure ask an independent body finder
(``second``), read bylines and dates around it (``bylines``, ``dates``), then
decide whether the page is an article at all.

Every pass is bounded: the tree walks are iterative (any nesting depth; pages deeper than the
parser allows are flattened, ``depth``), the work is linear in the page, and a per-page CPU
budget (``budget``) is checked between the passes and inside the long loops.
"""

from __future__ import annotations

import gc
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from urllib.parse import urlsplit, urlunsplit

from lxml import etree

from newscrawler.extract.body import (
    Choice,
    Sorted,
    add_announced_table,
    is_breadcrumb_line,
    parse_breadcrumb,
    rank_container,
    sort_lines,
)
from newscrawler.extract.budget import EXTRACTION_BUDGET_S, Budget, ExtractionTimeout
from newscrawler.extract.bylines import (
    Byline,
    clean_person,
    dateline_reporters,
    forum_poster,
    looks_like_byline,
    parse_byline,
)
from newscrawler.extract.clutter import is_site_footer
from newscrawler.extract.dates import ParsedDate, date_from_url, parse_date, search_date
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
from newscrawler.extract.language import detect_language
from newscrawler.extract.lines import HEADING_TAGS, Line, Page, linearise, prune
from newscrawler.extract.metadata import PageMeta, read_cms_comment, read_meta
from newscrawler.extract.quotes import extract_quotes
from newscrawler.extract.second import SECOND_OPINION_BELOW, pick, propose
from newscrawler.extract.selectors import select_first, select_text
from newscrawler.extract.text import collapse_ws, nospace, split_names
from newscrawler.extract.title import choose_title, printed_title, title_segment
from newscrawler.items import Article, Block, Disclaimer, Quote

EXTRACTOR_VERSION = "0.4.0"
"""Bumped whenever extraction output can change, so archived pages can be re-extracted."""

log = logging.getLogger(__name__)

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_ERROR_404 = (r"(?<![\d.#№第])(?<!No\.)(?<!No\. )(?<!No)(?<!No )404(?![\d.])"
              r"(?!\s*(?!错误|錯誤|页面|頁面|未找到|找不到|啦|了)[\u3400-\u9fff])")
_ERROR_WORDS = r"页面不存在|页面未找到|找不到(?:该|此|您要的)?页面|页面已删除|内容不存在|Not Found|访问的页面"
_ERROR_PAGE = re.compile(f"{_ERROR_404}|{_ERROR_WORDS}", re.I)
"""A 404/deletion wording: ``404`` standing alone as a status (``404 Not Found``, ``404错误``), never
part of a number or an ordinal (``第404号``, ``No.404``, ``404名学生``, ``404號``: a following Chinese
character other than an error word makes it a count or a serial), 页面不存在, Not Found …"""
_ERROR_WORDED = re.compile(_ERROR_WORDS, re.I)
"""The worded part of ``_ERROR_PAGE``: a headline saying 页面不存在 needs no further evidence; a bare
``404`` one (a film, a code, a number the rule above did not see as one) also needs the text to be
no more than the apology."""
_TITLEISH_CLASS = re.compile(r"title|headline|biaoti|tit\b|hd\b", re.I)
_CRUMB_CLASS = re.compile(r"crumb|position|location|daohang|dqwz|mbx|where|path|channel-?nav|currentpos", re.I)
_NOT_CHANNEL = {"首页", "正文", "返回首页", "主页", "网站首页", "本站首页", "内容", "文章", "详情", "正文内容", "新闻中心"}
_MIN_BODY_CHARS = 30
_HEADER_BEFORE = 10
_HEADER_AFTER = 30
_FOOTER_AFTER = 50


def extract(
    body: bytes,
    url: str | None,
    fetched_at: datetime,
    headers: Mapping[str, str | bytes] | None = None,
    *,
    encoding: str | None = None,
    selectors: Mapping[str, str] | None = None,
    raise_errors: bool = False,
    time_budget: float = EXTRACTION_BUDGET_S,
    second_opinion_below: float = SECOND_OPINION_BELOW,
) -> Article:
    """Extract one page.

    ``fetched_at`` is the base for relative dates (``3小时前``, ``昨天``); a naive
    value is read as Asia/Shanghai wall time. ``headers`` are the HTTP response
    headers (only ``Content-Type`` is used). ``encoding`` overrides every
    declaration. ``selectors`` are a site profile's overrides (``title``, ``body``,
    ``date``: CSS or XPath) for sites where the generic rules are wrong. Never
    raises for any input unless ``raise_errors`` is set (tests use it): a failure
    becomes ``is_article=False`` with the reason. ``time_budget`` is the CPU seconds the page may
    take (``budget``); past it the record is ``is_article=False``, reason ``extraction timeout``,
    with the visible text read so far in ``page_text`` (``raise_errors`` does not change that).
    ``second_opinion_below``: the ``confidence`` under which the second body finder is asked
    (``second``; 0 never asks it, above 1 always does).
    """
    state = _State(Budget(time_budget), second_below=second_opinion_below)
    pause_gc = len(body) >= _GC_PAUSE_BYTES and gc.isenabled()
    if pause_gc:
        gc.disable()
    try:
        return _extract(body, url, fetched_at, headers, encoding, selectors or {}, state)
    except ExtractionTimeout:
        log.warning("extraction of %s took more than %g s of CPU: stopped", url, time_budget)
        article = Article(url=url, extractor_version=EXTRACTOR_VERSION)
        article.encoding = state.encoding
        article.canonical_url = state.canonical_url
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


@dataclass(slots=True)
class _State:
    """What ``_extract`` has read so far, so a timeout can still keep the page's text and encoding."""

    budget: Budget
    encoding: str | None = None
    canonical_url: str | None = None
    root: etree._Element | None = None
    page: Page | None = None
    body: str | None = None
    second_below: float = SECOND_OPINION_BELOW


_TIMEOUT_TEXT_MAX = 2_000_000
"""Characters of a timed-out page's text kept in ``page_text`` (search needs no more)."""


def _text_so_far(state: _State) -> str:
    """The visible text of a timed-out page: its lines when it was cut into lines, else the text
    of the pruned tree (one C-level pass); the body when it was found; capped at ``_TIMEOUT_TEXT_MAX`` characters."""
    if state.body is not None:
        text = state.body
    elif state.page is not None:
        text = "\n".join(ln.text for ln in state.page.lines if ln.text and not ln.noise)
    elif state.root is not None:
        text = collapse_ws(" ".join(state.root.itertext()))
    else:
        return ""
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


def _canonical(meta: PageMeta, url: str | None) -> str | None:
    if meta.canonical and meta.canonical.startswith(("http://", "https://")):
        return meta.canonical
    if not url:
        return None
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, ""))


_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True, no_network=True)
"""Plain lxml elements (no lxml.html class lookup per node, which costs a third of the walk)."""


_NUL = re.compile("\x00")
"""A NUL character. ``str.replace``/``in`` look for it slowly in non-Latin-1 text (their byte-wise
fast path trips over every zero byte of a wide character); the regex engine's plain loop does not."""


def _parse_html(text: str) -> etree._Element | None:
    text = _XML_DECL.sub("", text, count=1)
    if _NUL.search(text):
        text = text.replace("\x00", "")
    if not text.strip():
        return None
    try:
        root = etree.fromstring(text, parser=_PARSER)
        last = _PARSER.error_log.last_error  # the depth error is fatal: parsing stops there
        if last is not None and last.type == _TOO_DEEP:
            # nested deeper than libxml2 allows: it kept next to nothing, so flatten and parse again
            root = etree.fromstring(flatten_nesting(text), parser=_PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None
    return root if root is not None and isinstance(root.tag, str) else None


_TOO_DEEP = etree.ErrorTypes.ERR_RESOURCE_LIMIT
"""The error libxml2 reports for a document nested over its depth limit (2,048 with ``huge_tree``)."""


def _extract(
    body: bytes,
    url: str | None,
    fetched_at: datetime,
    headers: Mapping[str, str | bytes] | None,
    encoding: str | None,
    selectors: Mapping[str, str],
    state: _State,
) -> Article:
    budget = state.budget
    article = Article(url=url, extractor_version=EXTRACTOR_VERSION)
    if not body or not body.strip():
        return _not_article(article, "empty response")
    if looks_binary(body):
        return _not_article(article, "not html")
    decoded = decode_body(body, headers, encoding)
    article.encoding = state.encoding = decoded.encoding
    text = decoded.text
    if looks_like_mojibake(text):
        # Bytes decoded wrongly before they were stored (GBK read as Latin-9, saved as UTF-8) or
        # part UTF-8, part GBK: undo what can be undone; what stays garbled is refused below.
        repaired = repair_mojibake(text)
        mixed = decode_mixed(body) if repaired is None and decoded.encoding in ("utf-8", "gb18030") else None
        if repaired is not None:
            text = repaired.text
        elif mixed is not None:
            text = mixed
    else:
        # part UTF-8, part GBK where the wrong part is too small to look like mojibake overall
        text = mixed_if_better(body, decoded) or text
    root = _parse_html(text)
    if root is None:
        return _not_article(article, "not parseable")
    meta = read_meta(root, url)
    read_cms_comment(text, meta)
    article.canonical_url = state.canonical_url = _canonical(meta, url)
    has_video = root.find(".//video") is not None or (meta.og_type or "").startswith("video")
    prune(root)
    state.root = root
    budget.check()
    page = state.page = linearise(root, budget)
    budget.check()

    title, title_line = choose_title(meta.html_title, meta.og_title, meta.headline, _heading_lines(page))
    if title_line is None:
        on_page = printed_title(meta.html_title, page.lines)
        if on_page is not None:
            # the whole headline on one line names it; the last of two lines names only its subtitle
            title = on_page.text if nospace(on_page.text) == nospace(title_segment(meta.html_title)) else title
            title_line = on_page
    if selectors.get("title"):
        title = select_text(root, selectors["title"]) or title
    article.title = title
    chosen = select_first(root, selectors["body"]) if selectors.get("body") else None
    budget.check()
    choice = Choice(chosen) if chosen is not None and chosen in page.span else rank_container(page, title_line, budget)
    container = choice.container
    budget.check()
    index = {id(line): i for i, line in enumerate(page.lines)}
    sorted_lines = Sorted()
    lines: list[Line] = []
    if container is not None:
        lines = _after_title(page.lines_within(container), title_line, index)
        sorted_lines = sort_lines(lines, title_line, title, url, container)
    if chosen is None:  # a profile's body selector is trusted as it is
        article.confidence = choice.confidence
        if choice.confidence < state.second_below:
            sorted_lines = _second_opinion(article, page, lines, sorted_lines, title_line, title, url, index, budget)
    if article.second_opinion != "taken":
        add_announced_table(page, container, sorted_lines)

    budget.check()
    _fill_fields(article, page, index, sorted_lines, title_line, meta, url, fetched_at)
    if selectors.get("date"):
        printed = select_text(root, selectors["date"])
        found = search_date(printed, fetched_at) if printed else None
        if found is not None:
            article.publish_date, article.publish_date_raw = found.value, found.raw
    article.language = detect_language((title or "") + article.body, meta.language)

    if looks_misdecoded(article.body) or looks_misdecoded(title or ""):
        article.title = None
        return _not_article(article, "mis-encoded")
    article.kind = "article"
    if _photo_news(article, sorted_lines):
        article.kind = "photo"
    chars = len(nospace(article.body))
    # Short text is still an article when it is a sentence (a 快讯, a photo's story): "no article
    # text" needs the absence of any sentence, an error page its 404 wording.
    prose = _has_paragraph(article.blocks)
    if not article.blocks or (chars < _MIN_BODY_CHARS and (not prose or _ERROR_PAGE.search(article.body))):
        return _not_article(article, _why_not(article, meta, page, has_video, chars))
    if _ERROR_PAGE.search(title or "") and chars < 300 and (_ERROR_WORDED.search(title or "") or not _has_paragraph(
            [b for b in article.blocks if not _ERROR_PAGE.search(b.text)])):
        # positive evidence only: the 404 wording, little text, and no paragraph but the apology
        return _not_article(article, "error page")
    if _list_like(sorted_lines, chars):
        return _not_article(article, "list page")
    # A player or a photo set only makes a non-article when no paragraph of text goes with it.
    if has_video and chars < 120 and not prose:
        return _not_article(article, "video page")
    longest = max(len(b.text) for b in article.blocks)
    if (len(article.images) >= 4 and longest < 60 and chars < min(40 * len(article.images), 400)
            and not prose):
        return _not_article(article, "gallery")
    budget.check()
    state.body = article.body
    article.quotes = _quotes(article.blocks, budget)
    article.is_article = True
    return article


_QUOTE_SLICE_CHARS = 100_000
"""Body characters given to the quote engine at a time. An article is far shorter and is read in
one call; a body of megabytes (a whole book or forum dump on one page) is read in slices of whole
blocks, with a look at the time budget between them, so it cannot overrun the budget by more than
one slice's time (a speaker named in one slice is not known in the next)."""


def _quotes(blocks: list[Block], budget: Budget) -> list[Quote]:
    """``extract_quotes`` over the body, in slices of ``_QUOTE_SLICE_CHARS`` when it is longer;
    block indices and parent links are shifted back to the whole body's."""
    if sum(len(b.text) for b in blocks) <= _QUOTE_SLICE_CHARS:
        return extract_quotes(blocks)
    found: list[Quote] = []
    start = 0
    while start < len(blocks):
        end, size = start, 0
        while end < len(blocks) and (end == start or size + len(blocks[end].text) <= _QUOTE_SLICE_CHARS):
            size += len(blocks[end].text)
            end += 1
        base = len(found)
        for q in extract_quotes(blocks[start:end]):
            found.append(replace(q, block_index=q.block_index + start,
                                 parent=None if q.parent is None else q.parent + base))
        budget.check()
        start = end
    return found


_PHOTO_TEXT = 200
_PHOTO_MAX_IMAGES = 3
_MIN_CAPTION = 6


def _photo_news(article: Article, found: Sorted) -> bool:
    """Photo news (图片新闻): a short text beside one to three captioned photos. The captions are the
    page's main text, so they open the body (as ``p`` blocks); returns whether that was done.

    Many captioned photos with little text is a gallery, judged later."""
    body_ns = nospace(article.body)
    if len(body_ns) >= _PHOTO_TEXT or len(article.images) > _PHOTO_MAX_IMAGES:
        return False
    captions = [c for c in dict.fromkeys(found.captions)
                if len(nospace(c)) >= _MIN_CAPTION and nospace(c) not in body_ns
                and not looks_like_byline(c, parse_byline(c))]
    if not 1 <= len(captions) <= _PHOTO_MAX_IMAGES:
        return False
    article.blocks = [Block(type="p", text=c) for c in captions] + article.blocks
    article.body = "\n".join(b.text for b in article.blocks)
    return True


_PARAGRAPH_MIN = 20
_SENTENCE = re.compile(r"[。！？!?]")


def _has_paragraph(blocks: list[Block]) -> bool:
    """A body block of running text: 20+ characters holding a full stop or two clauses (captions
    are not body blocks)."""
    return any(b.type == "p" and len(b.text) >= _PARAGRAPH_MIN
               and (_SENTENCE.search(b.text) is not None or b.text.count("，") >= 2)
               for b in blocks)


def _list_like(found: Sorted, chars: int) -> bool:
    """Headline links interleaved with short summaries: a channel page, not an article.

    Summaries are cut short (``…``, ``[详细]``) or are fragments; when most kept blocks are whole
    sentences (a transcript's turns, a story with many inline links) the page is text, not a list."""
    links, blocks = found.interleaved_links, len(found.blocks)
    if not (links >= 10 and links >= 1.5 * blocks and chars / max(blocks, 1) < 100):
        return False
    sentences = sum(1 for b in found.blocks if b.text[-1] in "。！？!?”」" and len(b.text) >= _PARAGRAPH_MIN)
    return sentences * 2 < blocks


def _why_not(article: Article, meta: PageMeta, page: Page, has_video: bool, chars: int) -> str:
    probe = " ".join([article.title or "", meta.html_title or ""] + [ln.text for ln in page.lines[:80]])
    if _ERROR_PAGE.search(probe) and len(page.lines) < 200:
        return "error page"
    if has_video:
        return "video page"
    if len(article.images) >= 3:
        return "gallery"
    link_lines = sum(1 for ln in page.lines if ln.link_density > 0.5 and ln.chars >= 6)
    if link_lines >= 15:
        return "list page"
    return "no article text"


def _after_title(lines: list[Line], title_line: Line | None, index: dict[int, int]) -> list[Line]:
    """The lines after the headline when the headline is among them (else all of them)."""
    if title_line is None or not lines or id(title_line) not in index:
        return lines
    after = [ln for ln in lines if index[id(ln)] > index[id(title_line)]]
    return after if after else lines


def _second_opinion(article: Article, page: Page, lines: list[Line], first: Sorted, title_line: Line | None,
                    title: str | None, url: str | None, index: dict[int, int], budget: Budget) -> Sorted:
    """Ask the independent body finder (``second``) and keep the body ``second.pick`` chooses;
    ``article.second_opinion`` records the outcome."""
    proposal = propose(page, budget)
    if proposal is None:
        article.second_opinion = "agreed"  # it finds no paragraph at all: nothing to weigh
        return first
    other = _after_title(proposal.lines, title_line, index)
    if {id(ln) for ln in other} == {id(ln) for ln in lines}:
        article.second_opinion = "agreed"
        return first
    budget.check()
    alternative = sort_lines(other, title_line, title, url, proposal.container)
    if pick(first.body_lines, alternative.body_lines):
        article.second_opinion = "taken"
        return alternative
    article.second_opinion = "kept"
    return first


def _heading_lines(page: Page) -> list[Line]:
    """Heading candidates in page order: real headings first, then title-classed blocks."""
    heads = [ln for ln in page.lines if (ln.heading or ln.tag in HEADING_TAGS) and not ln.noise]
    titled = [
        ln for ln in page.lines[:400]
        if not ln.heading and ln.chars >= 4 and ln.chars <= 80 and not ln.noise
        and _TITLEISH_CLASS.search((ln.block.get("class") or "") + " " + (ln.block.get("id") or ""))
    ]
    return heads[:40] + titled[:20]


def _fill_fields(
    article: Article,
    page: Page,
    index: dict[int, int],
    found: Sorted,
    title_line: Line | None,
    meta: PageMeta,
    url: str | None,
    fetched_at: datetime,
) -> None:
    article.blocks = found.blocks
    article.body = "\n".join(b.text for b in found.blocks)
    article.images = found.images
    disclaimers: list[Disclaimer] = list(found.disclaimers)

    body_ids = {id(ln) for ln in found.body_lines}
    first = index[id(found.body_lines[0])] if found.body_lines else len(page.lines)
    last = index[id(found.body_lines[-1])] if found.body_lines else len(page.lines)
    anchor = index[id(title_line)] if title_line is not None and id(title_line) in index else first
    seen_ids = body_ids | {id(ln) for ln in found.info_lines}

    header = page.lines[max(0, min(anchor, first) - _HEADER_BEFORE) : first][: _HEADER_BEFORE + _HEADER_AFTER]
    header_after = [ln for ln in header if index[id(ln)] > anchor]
    header_before = [ln for ln in header if index[id(ln)] < anchor]
    footer: list[Line] = []
    for ln in page.lines[last + 1 : last + 1 + _FOOTER_AFTER]:
        if is_site_footer(ln.text):
            break
        footer.append(ln)

    bylines: list[tuple[Line, Byline]] = list(zip(found.info_lines, found.bylines, strict=True))
    header_ids = {id(ln) for ln in header}
    for ln in header + footer:
        if id(ln) in seen_ids or not ln.text:
            continue
        by = parse_byline(ln.text, unlabelled=id(ln) in header_ids and len(ln.text) <= 60)
        if looks_like_byline(ln.text, by):
            assert by is not None
            bylines.append((ln, by))
            seen_ids.add(id(ln))
        elif ln in footer:
            notice = as_disclaimer(ln.text)
            if notice is not None and all(d.text != notice.text for d in disclaimers):
                disclaimers.append(notice)
    bylines.sort(key=lambda pair: index.get(id(pair[0]), 0))
    article.disclaimers = disclaimers

    authors: list[str] = []
    editors: list[str] = []
    for _, by in bylines:
        article.source = article.source or by.source
        article.original_title = article.original_title or by.original_title
        authors += [a for a in by.authors if a not in authors]
        editors += [e for e in by.editors if e not in editors]
    for ln in header:
        if id(ln) not in seen_ids and _is_author_element(ln):
            authors += [a for a in split_names(ln.text) if clean_person(a) and a not in authors]
    for ln in found.body_lines:
        authors += [a for a in dateline_reporters(ln.text) if a not in authors]
    authors += [a for a in found.credited if a not in authors]
    if not authors:
        for ln in header + found.body_lines + footer[:10]:
            poster = forum_poster(ln.text)
            if poster:
                authors.append(poster)
                break
    article.author = authors
    article.editor = editors
    if article.source is None and meta.source and len(meta.source) <= 30:
        article.source = meta.source

    date = _choose_date(bylines, header_after, header_before, footer, meta, url, fetched_at, anchor, index)
    if date is not None and not _YEAR.search(date.raw):
        date = _with_year_from(date, meta, url, fetched_at)
    if date is not None:
        article.publish_date = date.value
        article.publish_date_raw = date.raw

    crumbs = found.breadcrumb or _find_breadcrumb(page, anchor)
    article.breadcrumb = crumbs
    channel = [c for c in crumbs if c not in _NOT_CHANNEL and not c.endswith("首页")
               and nospace(c) != nospace(article.title or "")]
    article.channel = channel[-1] if channel else None
    title_ns = nospace(article.title or "")
    article.tags = [k for k in meta.keywords if nospace(k) != title_ns and k != meta.site_name][:30]


_ABSOLUTE = re.compile(r"\d{4}|\d{1,2}\s*[-/月]\s*\d{1,2}")
"""A date written out (year, or month and day): unlabelled lines near the headline only count with one,
so 四年前 in a headline or 3天前 in a teaser is never read as the publication date."""

_GLUED = re.compile(r"(?<!\d)(\d{1,2}-\d{2})([0-2]\d:[0-5]\d)")


def _unglue(text: str) -> str:
    """Separate a month-day glued to a clock time (``09-3022:46`` -> ``09-30 22:46``)."""
    return _GLUED.sub(r"\1 \2", text)


_YEAR = re.compile(r"(?:19|20)\d\d|\b\d\d[-/.]\d{1,2}[-/.]\d{1,2}|民[國国]\s*\d")


def _with_year_from(date: ParsedDate, meta: PageMeta, url: str | None, fetched_at: datetime) -> ParsedDate:
    """A year-less visible date (``04-14 16:08``) takes its year from the URL path or structured data when
    they name the same month and day: the fetch time only guesses the year, the page states it."""
    witnesses = [date_from_url(url) if url else None]
    witnesses += [parse_date(raw, fetched_at) for _, raw in meta.dates[:3]]
    for witness in witnesses:
        if witness is None:
            continue
        day = witness.value.date()
        if (day.month, day.day) == (date.value.month, date.value.day) and day.year != date.value.year:
            return replace(date, value=date.value.replace(year=day.year))
    return date


def _choose_date(
    bylines: list[tuple[Line, Byline]],
    header_after: list[Line],
    header_before: list[Line],
    footer: list[Line],
    meta: PageMeta,
    url: str | None,
    fetched_at: datetime,
    anchor: int,
    index: dict[int, int],
) -> ParsedDate | None:
    """The publication date, most trusted visible source first.

    Order: an info line after the headline with an absolute date; a short dated line
    after it; structured data (JSON-LD, ``<meta>``); a dated line just above the
    headline (only when structured data is silent or agrees, since portals print
    today's date in their top bar); an info line with a relative date (``1小时前``,
    which comments also print); the URL path; an info line before the headline or after the text.
    """
    after_title = [ln for ln, _ in bylines if index.get(id(ln), 0) > anchor]
    relative: ParsedDate | None = None
    for ln in after_title:
        found = search_date(_unglue(ln.text), fetched_at)
        if found is not None and _ABSOLUTE.search(found.raw):
            return found
        relative = relative or found
    for ln in header_after:
        if len(ln.text) <= 80:
            found = search_date(ln.text, fetched_at)
            if found is not None and _ABSOLUTE.search(found.raw):
                return found
    structured: ParsedDate | None = None
    for _, raw in meta.dates:
        structured = parse_date(raw, fetched_at)
        if structured is not None:
            break
    for ln in reversed(header_before):
        if len(ln.text) <= 80:
            found = search_date(ln.text, fetched_at)
            if (found is not None and _ABSOLUTE.search(found.raw)
                    and (structured is None or found.value.date() == structured.value.date())):
                return found
    if structured is not None:
        return structured
    if relative is not None:
        return relative  # 3小时前: only when nothing on the page states the date outright
    from_url = date_from_url(url) if url else None
    if from_url is not None:
        return from_url
    for ln in [ln for ln, _ in bylines if index.get(id(ln), 0) < anchor] + footer:
        if len(ln.text) <= 80:
            found = search_date(ln.text, fetched_at)
            if found is not None:
                return found
    return None


_AUTHOR_CLASS = re.compile(
    r"author|writer|byline|zuozhe|editor-name|(?:^|[\s_-])(?:name|nickname|username|uname)(?:$|[\s_-])", re.I
)


def _is_author_element(line: Line) -> bool:
    """A short unlabelled line whose element is classed as the author (``<p class="author-name">``)."""
    if line.chars > 30 or line.chars < 2 or (line.link_density > 0.5 and line.chars > 20):
        return False
    names = (line.block.get("class") or "") + " " + (line.block.get("id") or "")
    return bool(_AUTHOR_CLASS.search(names)) and "tips" not in names and parse_byline(line.text) is None


def _find_breadcrumb(page: Page, anchor: int) -> list[str]:
    """Breadcrumb items from a 您的位置 line or a crumb-classed element above the headline."""
    before = page.lines[: max(anchor, 0) + 1][-60:]
    for ln in before:
        if is_breadcrumb_line(ln):
            return parse_breadcrumb(ln.text, ln.block)
    for ln in before:
        el: etree._Element | None = ln.block
        for _ in range(3):
            if el is None:
                break
            names = (el.get("class") or "") + " " + (el.get("id") or "")
            if _CRUMB_CLASS.search(names):
                items = parse_breadcrumb(collapse_ws(" > ".join(el.itertext())), el)
                if len(items) >= 2:
                    return items
                break
            el = el.getparent()
    return []
