"""Find the article text among the page's lines and sort every nearby line into its place.

1. ``choose_container``: every line gets a weight (prose is positive, link
   lists, chrome and short fragments negative); each element scores the sum over
   the lines inside it, and the best-scoring element holds the article. This is
   text-density scoring (CETD, GNE) done on lines, counting characters, so it
   works for Chinese without word segmentation.
2. ``sort_lines``: walks the container's lines in order and routes each one:
   byline lines to fields, notices to ``disclaimers``, captions to images,
   chrome away, a related-list heading ends the text, and what is left are body
   blocks.
"""

from __future__ import annotations

import heapq
import re
from dataclasses import dataclass, field
from itertools import pairwise
from urllib.parse import urljoin

from lxml import etree

from newscrawler.extract.budget import Budget
from newscrawler.extract.bylines import Byline, info_line, looks_like_person
from newscrawler.extract.clutter import (
    chrome_inside_at,
    is_chrome,
    is_comment_heading,
    is_related_heading,
    is_truncated_copy,
    is_writer_note,
)
from newscrawler.extract.disclaimers import as_disclaimer, closes_article
from newscrawler.extract.lines import LINK_LINE_SHARE, Line, Page, is_noise_node
from newscrawler.extract.options import DEFAULT_OPTIONS, Options
from newscrawler.extract.text import (
    SENTENCE_END,
    collapse_ws,
    fold,
    has_full_stop,
    nospace,
    punct_count,
    punct_count_upto,
    split_names,
)
from newscrawler.extract.vocabulary import (
    BODY_ANNOUNCES,
    BODY_BREADCRUMB_LEAD,
    BODY_CAPTION_TEXT,
    BODY_CREDIT,
    BODY_CRUMB_SPLIT,
    BODY_DATE_STAMP,
    BODY_DATELINE_ALONE,
    BODY_INLINE_CREDIT,
    BODY_LABELLED_FIELD,
    BODY_NOTICE_HINT,
    BODY_POST_STAMP,
    BODY_PROMO_TAIL,
    BODY_ROLE_WORDS,
    BODY_SEPARATOR,
    BODY_STANDFIRST,
    BODY_TITLE_BADGE,
    BYLINE_OUTLET,
)
from newscrawler.items import Block, BlockType, Disclaimer, Image


@dataclass(slots=True)
class Sorted:
    """The outcome of sorting the lines around the article."""

    blocks: list[Block] = field(default_factory=list)
    body_lines: list[Line] = field(default_factory=list)
    bylines: list[Byline] = field(default_factory=list)
    info_lines: list[Line] = field(default_factory=list)
    """The lines that were read as bylines, in order (dates are searched in them)."""
    disclaimers: list[Disclaimer] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    breadcrumb: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    credited: list[str] = field(default_factory=list)
    """Writers credited at the end of the last paragraph (``…举行。（张巨峰）``), which stays text."""
    captions: list[str] = field(default_factory=list)
    """Every caption line met, in order (also those with no image in the container to attach to)."""
    interleaved_links: int = 0
    """Link lines dropped between kept blocks: many of them mean a list page, not an article."""
    linked_gaps: int = 0
    """Gaps between kept blocks holding such link lines: a list repeats link, summary, link, summary;
    an article's related box inside the text is one gap, however many links it holds."""


def line_weight(line: Line, options: Options = DEFAULT_OPTIONS) -> float:
    """How much a line looks like article prose (positive) or page furniture (negative); a notice
    (``options.notice_min``+ characters) weighs as furniture."""
    chars = line.chars
    if not chars:
        return 0.0
    if line.noise:
        return -chars * 0.8
    ld = line.link_density
    if ld > 0.5:
        return -chars * 1.0
    text = line.text
    punct = punct_count_upto(text, 2)  # (only 0, 1 or 2+ matters)
    if chars >= 10 and punct >= 1 and ld < 0.3:
        if (chars >= options.notice_min and BODY_NOTICE_HINT.search(text)
                and as_disclaimer(text, options) is not None):
            return -chars * 0.5  # a 版权/著作权声明 reads like prose but is never the article
        ends = text[-1] in SENTENCE_END or text[-1] in "”」』)）"
        return chars * (1.0 - ld) * (1.0 if punct >= 2 or ends else 0.6)
    if chars >= 40 and ld < 0.3:
        return chars * 0.5
    if chars >= 20 and ld < 0.1:
        return chars * 0.3  # unpunctuated prose (blogs that separate clauses with spaces)
    return -min(chars, 20) * 0.5


def _subtree_scores(page: Page, weights: list[float], budget: Budget | None = None) -> dict[etree._Element, float]:
    """Every element holding a weighted line -> the sum of the weights of the lines inside it.

    ``weights`` are the lines' ``line_weight``, in page order. Each element is visited once (its total is added to its parent's, deepest elements first),
    so the cost is linear in the page, however deep it is nested; adding every line's weight to
    all its ancestors cost lines x depth. The dict is ordered as that simpler sum would fill it
    (by the first weighted line inside, then innermost first), so ties go the same way: to the
    innermost element around the earliest text.
    """
    direct: dict[etree._Element, float] = {}
    first: dict[etree._Element, int] = {}
    for i, line in enumerate(page.lines):
        w = weights[i]
        if not w:
            continue
        block = line.block
        if block in direct:
            direct[block] += w
        else:
            direct[block] = w
            first[block] = i
    span = page.span
    totals: dict[etree._Element, float] = {}
    # a max-heap on walk order: an element's descendants come out before it
    heap = [(-span.get(el, (-1, 0))[0], id(el), el) for el in direct]
    heapq.heapify(heap)
    queued = set(direct)
    outside = -1  # ancestors above the walk's start (``<html>``) are ordered before it
    steps = 0
    while heap:
        _, _, el = heapq.heappop(heap)
        total = totals.get(el, 0.0)
        own = direct.get(el)
        totals[el] = own if el not in totals and own is not None else total + (own or 0.0)
        parent = el.getparent()
        steps += 1
        if budget is not None and not steps % 4096:
            budget.check()
        if parent is None:
            continue
        totals[parent] = totals[parent] + totals[el] if parent in totals else totals[el]
        first_el = first[el]
        first_parent = first.get(parent)
        if first_parent is None or first_el < first_parent:  # the earlier of the two
            first[parent] = first_el
        if parent not in queued:
            queued.add(parent)
            order = span[parent][0] if parent in span else outside
            if parent not in span:
                outside -= 1
            heapq.heappush(heap, (-order, id(parent), parent))
    unwalked = (-1 - len(span), 0)
    ranked = sorted(totals, key=lambda el: (first[el], -span.get(el, unwalked)[0]))
    return {el: totals[el] for el in ranked}


@dataclass(slots=True)
class Choice:
    """The article container and how sure the choice is.

    ``margin``: 1 - (score of the best element apart from the container, neither inside nor around
    it) / (the container's score): 1 when nothing else on the page reads like prose, 0 when a
    rival block scores as high. ``share``: the container's score over the page's total positive
    line weight (prose spread over many blocks lowers it). ``link_density``: link characters over
    all characters of the container's lines. ``confidence`` = min(margin, share) x (1 - link_density),
    in 0..1 (0 when there is no container).
    """

    container: etree._Element | None
    confidence: float = 0.0
    margin: float = 0.0
    share: float = 0.0
    link_density: float = 0.0


def choose_container(page: Page, title_line: Line | None = None,
                     budget: Budget | None = None) -> etree._Element | None:
    """The element whose lines add up to the most prose (None when the page has no prose)."""
    return rank_container(page, title_line, budget).container


def rank_container(page: Page, title_line: Line | None = None, budget: Budget | None = None,
                   options: Options = DEFAULT_OPTIONS) -> Choice:
    """The element whose lines add up to the most prose, with the confidence of that choice.

    A teaser list's items (``_teaser_lines``: a headline link and its summary) weigh nothing together:
    they make no element the text, nor count against the one that holds them.
    When the headline is known and the best element lies apart from it (teasers in a sidebar),
    the text right under the headline wins if it scores at least ``options.near_title_share`` of the
    best: a photo-news page's caption and sentence are short, but they are the article.
    """
    weights = [line_weight(line, options) for line in page.lines]
    for k in _teaser_lines(page.lines, options):
        j = k - 1
        while j > 0 and not page.lines[j].chars:
            j -= 1
        weights[k] = -weights[j]  # a teaser and its headline link weigh nothing together: no prose of the page's own
    scores = _subtree_scores(page, weights, budget)
    best: etree._Element | None = None
    best_score = 0.0
    for el, score in scores.items():
        if score > best_score and not (is_noise_node(el) and el.tag not in ("body", "html")):
            best, best_score = el, score
    if best is None:
        return Choice(None)
    if title_line is not None:
        near = _under_title(page, title_line, best, options)
        if near is not None and _prose_within(page, weights, near) >= options.near_title_share * best_score:
            best = near
    return _confidence(page, weights, scores, _paragraph_parent(page, weights, best))


def _paragraph_parent(page: Page, weights: list[float], best: etree._Element) -> etree._Element:
    """The element around a paragraph (``<p>``) that won as the container when the text goes on in that
    element: the nearest line with text before or after the paragraph lies inside its parent and is prose
    (positive weight, not noise). A short article whose element also holds a box of links after its two
    or three paragraphs (an app promo, topic links) sums to less than its longest paragraph, which alone
    is not the article; the routing leaves those links out. A paragraph whose neighbours are links or
    chrome stays the container (a one-paragraph article beside its element's link box). Lines are in reading
    order, not sorted by ``order`` (a tail's text follows its element's lines), so the paragraph's lines are
    found by a scan, which only this rare case (a ``<p>`` container) pays."""
    parent = best.getparent()
    if best.tag != "p" or parent is None or parent not in page.span or best not in page.span:
        return best
    start, end = page.span[best]
    low, high = page.span[parent]
    lines = page.lines
    inside = [i for i, ln in enumerate(lines) if start <= ln.order < end]  # a rare case: one scan
    if not inside:
        return best
    before = next((i for i in range(inside[0] - 1, -1, -1) if lines[i].chars), None)
    after = next((i for i in range(inside[-1] + 1, len(lines)) if lines[i].chars), None)
    for i in (before, after):
        if i is not None and low <= lines[i].order < high and weights[i] > 0 and not lines[i].noise:
            return parent
    return best


def _prose_within(page: Page, weights: list[float], el: etree._Element) -> float:
    """The positive line weight inside ``el``: the prose it holds, whatever boxes of links follow it
    there (a related list inside the text's element must not sink the text under the headline)."""
    start, end = page.span.get(el, (0, 0))
    return sum(w for line, w in zip(page.lines, weights, strict=True) if w > 0 and start <= line.order < end)


def _confidence(page: Page, weights: list[float], scores: dict[etree._Element, float],
                chosen: etree._Element) -> Choice:
    """``Choice`` for ``chosen``: margin over the best disjoint rival, share of the page's prose, link density."""
    span = page.span
    own = scores.get(chosen, 0.0)
    start, end = span.get(chosen, (0, 0))
    rival = 0.0
    for el, score in scores.items():
        if score <= rival or el not in span:
            continue
        s, e = span[el]
        if (e <= start or s >= end) and not (is_noise_node(el) and el.tag not in ("body", "html")):
            rival = score
    positive = 0.0
    chars = links = 0
    for line, w in zip(page.lines, weights, strict=True):
        if w > 0:
            positive += w
        if start <= line.order < end:
            chars += line.chars
            links += line.link_chars
    if own <= 0 or positive <= 0:
        return Choice(chosen)
    margin = max(0.0, 1.0 - rival / own)
    share = min(1.0, own / positive)
    density = links / chars if chars else 0.0
    return Choice(chosen, round(min(margin, share) * (1.0 - density), 3), margin, share, density)


def _contains(page: Page, el: etree._Element, order: int) -> bool:
    start, end = page.span.get(el, (0, 0))
    return start <= order < end


def _under_title(page: Page, title_line: Line, best: etree._Element, options: Options) -> etree._Element | None:
    """The text block under the headline when it is apart from ``best``: the widest ancestor of
    the first prose line (within ``options.near_title_lines`` lines) after the headline that does not
    hold the headline itself; None when that prose is inside ``best`` (or ``best`` inside it), i.e.
    when there is no disagreement."""
    try:
        start = page.lines.index(title_line)
    except ValueError:
        return None
    prose = next((ln for ln in page.lines[start + 1 : start + 1 + options.near_title_lines]
                  if not ln.noise and ln.chars >= options.near_title_prose_min and line_weight(ln, options) > 0
                  and _CLAUSE_MARK.search(ln.text)),
                 None)
    if prose is None or _contains(page, best, prose.order):
        return None
    near = prose.block
    for el in prose.block.iterancestors():
        if _contains(page, el, title_line.order):
            break
        near = el
    if _contains(page, near, page.span.get(best, (-1, 0))[0]):
        return None
    return near


def _is_caption(line: Line, previous: Line | None, following: Line | None = None, punctuated: bool = True,
                options: Options = DEFAULT_OPTIONS, after: Line | None = None) -> bool:
    """A caption: marked as one (unless it is a question the text goes on from: ``_asks_into_text``), or
    worded as one (图为, 摄), or a short unpunctuated line right
    under a photo (a line holding a full stop, a question or an exclamation is a sentence of the text; a
    bold or heading line there over a paragraph is a subheading: ``_subheading_over_text``). That last one is text instead when ``following`` (the next line with text) is a
    line of the same kind (a photo blog's passage of short lines under each photo), or when the
    text around is not ``punctuated`` (written without full stops, so a plain line under a photo
    does not differ from the text), or when it opens a run of short plain lines (``_opens_short_run``: text
    written in short lines, a line under each photo) or a two-line subheading (a title and its ``——`` author line,
    both bold, over the text: ``after`` is the line after ``following``). Lengths: ``caption_max``,
    ``worded_caption_max``, ``photo_line_text_max``, ``plain_caption_max`` (``Options``)."""
    if line.caption:
        return not _asks_into_text(line, following)
    if len(line.text) > options.caption_max:
        return False
    folded = fold(line.text)
    after_image = previous is not None and bool(previous.images) and previous.chars <= options.photo_line_text_max
    if line.images and line.chars <= options.worded_caption_max and BODY_CAPTION_TEXT.search(folded):
        return True
    if not after_image:
        return False
    if BODY_CAPTION_TEXT.search(folded):
        return True
    return (punctuated and line.chars <= options.plain_caption_max and not has_full_stop(line.text)
            and not _leads_into_text(folded, following)
            and not _subheading_over_text(line, following, options)
            and not (following is not None and (following.bold or following.heading) and line.bold
                     and _subheading_over_text(following, after, options))
            and not _opens_passage(line, following, options.passage_line)
            and not _opens_short_run(line, following, after, options.passage_line)
            and not _text_goes_on(line, previous, following))


def _asks_into_text(line: Line, following: Line | None) -> bool:
    """A question in a photo's caption box that the text goes on from (a line with text, no photo and
    no link list after it: ``…最容易犯哪些错误呢？`` over a subheading): the text's lead-in. A question
    with another photo after it (a quiz under each photo), or in a ``<figcaption>`` (the caption's own markup),
    stays a caption."""
    return (line.text.rstrip()[-1:] in "？?" and line.tag != "figcaption" and following is not None and not following.images
            and bool(following.text) and following.link_density <= LINK_LINE_SHARE and not following.caption)


def _leads_into_text(folded: str, following: Line | None) -> bool:
    """A line under a photo that leads into the text after it (a line with text and no photo follows): it
    ends with a colon (``…以下几点：``, announcing a list or a paragraph: a caption leads on to nothing; a
    link line after it is no text), or it
    is a dateline (``BODY_DATELINE_ALONE``: ``新华社天津3月14日电`` under the opening photo). ``folded`` is the
    line's ``fold``."""
    if following is None or following.images or not following.text or following.link_density > LINK_LINE_SHARE:
        return False  # a heading over links (相关新闻：) announces no text
    return folded.rstrip()[-1:] in ":：" or BODY_DATELINE_ALONE.match(folded.strip()) is not None


def _subheading_over_text(line: Line, following: Line | None, options: Options) -> bool:
    """A bold or heading line right over a paragraph of text (a line with a full stop, links under
    ``subheading_text_links``, ``subheading_text_ratio`` times as long): the text's next subheading
    (``一、…``), not the photo's caption, when it stands under a photo."""
    return ((line.bold or line.heading) and following is not None and not following.images
            and following.link_density < options.subheading_text_links
            and following.chars >= options.subheading_text_ratio * line.chars
            and has_full_stop(following.text))


def _text_goes_on(line: Line, previous: Line | None, following: Line | None) -> bool:
    """A short plain line under a photo that the text goes on from within one ``<br>``-separated
    element (the photo in an element of its own before it, the next line of text in the line's own
    element): a subheading or the text's next line, not a caption (a caption closes its element)."""
    return (following is not None and previous is not None and following.block is line.block
            and previous.block is not line.block
            and not following.images and following.chars >= line.chars)


_STOPS = re.compile(r"[。！？!?]|\.(?:\s|$)")


def _is_punctuated(lines: list[Line], options: Options) -> bool:
    """Whether the text is written with full stops (Chinese, or a Western ``.`` before a space or the
    end): at least ``unpunctuated_share`` of its lines of ``passage_line``+ characters hold one (True
    when there are no such lines)."""
    long = [ln for ln in lines if ln.chars >= options.passage_line and ln.link_density < LINK_LINE_SHARE]
    if not long:
        return True
    return sum(1 for ln in long if _STOPS.search(ln.text)) >= options.unpunctuated_share * len(long)


def _opens_passage(line: Line, following: Line | None, passage: int) -> bool:
    """Whether ``line`` and the next text line are two plain lines of one passage: same tag, no
    photo, no link, no bold or heading (a subheading after a caption), no caption wording, both 15+
    characters and without a full stop."""
    return (following is not None and not following.images and not following.caption
            and not following.bold and not following.heading and not line.bold
            and line.chars >= passage and following.chars >= passage
            and following.tag == line.tag and line.link_density == 0 and following.link_density == 0
            and "。" not in following.text and not BODY_CAPTION_TEXT.search(fold(following.text)))


def _opens_short_run(line: Line, following: Line | None, after: Line | None, passage: int) -> bool:
    """Whether ``line`` opens a run of short plain lines (text written a phrase per line, a line under each
    photo): the next two text lines are plain too (no photo, caption, bold, heading or link, no caption
    wording), each without a full stop or shorter than ``passage`` characters (a phrase closing a sentence:
    ``日后更安全、更畅通。``), the first of them in ``line``'s tag (or its ``<br>`` element)."""
    def plain(ln: Line | None) -> bool:
        return (ln is not None and not ln.images and not ln.caption and not ln.bold and not ln.heading
                and ln.link_density == 0 and (ln.chars < passage or not has_full_stop(ln.text))
                and not BODY_CAPTION_TEXT.search(fold(ln.text)))
    return (not line.bold and not line.heading and line.link_density == 0 and plain(following) and plain(after)
            and following is not None and (following.tag == line.tag or following.block is line.block))


def _repeats_title(compact: str, title_ns: str) -> bool:
    """Whether a line (``compact``: its text without spaces) is the headline again: the same words, or the
    same words after a badge (``原创``, ``【独家】``: ``BODY_TITLE_BADGE``)."""
    if compact == title_ns:
        return True
    return (len(compact) > len(title_ns) and compact.endswith(title_ns)
            and BODY_TITLE_BADGE.fullmatch(compact[: len(compact) - len(title_ns)]) is not None)


def _next_text(lines: list[Line], i: int) -> Line | None:
    """The first line after ``lines[i]`` that has text or a photo (None at the end)."""
    at = _next_text_at(lines, i)
    return lines[at] if at is not None else None


def _next_text_at(lines: list[Line], i: int) -> int | None:
    """The position of ``_next_text``'s line (None at the end)."""
    for at in range(i + 1, min(i + 4, len(lines))):
        if lines[at].text or lines[at].images:
            return at
    return None


def parse_breadcrumb(text: str, block: etree._Element | None = None, options: Options = DEFAULT_OPTIONS) -> list[str]:
    """Items of a breadcrumb line such as ``您的位置:首页 >焦点新闻 >``.

    When the line's element holds two or more links, the link texts are the
    items (plus a trailing plain item such as 正文), which keeps slogans and
    separators out. Items longer than ``options.crumb_item_max`` are dropped.
    """
    text = BODY_BREADCRUMB_LEAD.sub("", text)
    items = [x.strip() for x in BODY_CRUMB_SPLIT.split(text)]
    items = [x for x in items if x and len(x) <= options.crumb_item_max]
    if block is not None:
        links = [collapse_ws("".join(a.itertext())) for a in block.iter("a")]
        links = [x for x in links if x and len(x) <= options.crumb_item_max]
        if len(links) >= 2:
            trailing = (items[-1] if items and items[-1] not in links and len(items[-1]) <= options.crumb_trailing_max
                        else None)
            return [*links, trailing] if trailing else links
    return items


def is_breadcrumb_line(line: Line, options: Options = DEFAULT_OPTIONS) -> bool:
    """A 您的位置/当前位置 line, or a short ``A > B > C`` trail of short unpunctuated items
    (``crumb_line_max``, ``crumb_trail_item_max``)."""
    text = line.text
    if BODY_BREADCRUMB_LEAD.match(text) and (">" in text or "»" in text or "＞" in text or line.link_density > 0.3):
        return True
    if line.chars > options.crumb_line_max or line.link_density < LINK_LINE_SHARE or punct_count(text.replace(">", "")) > 0:
        return False
    items = [x for x in BODY_CRUMB_SPLIT.split(text) if x.strip()]
    return (text.count(">") + text.count("»") >= 1 and len(items) >= 2
            and all(len(x) <= options.crumb_trail_item_max for x in items))


_LEADS_ON = "：:，,、"


def _block_type(line: Line) -> BlockType:
    text = line.text
    if line.tag in ("h2", "h3", "h4", "h5", "h6") or line.heading:
        return "h"
    if line.bold and len(text) <= 40 and text[-1] not in SENTENCE_END:
        return "h"
    if line.tag == "blockquote":
        return "quote"
    if line.in_list:
        return "li"
    if line.in_table:
        return "table"
    return "p"


def _image(el: etree._Element, base_url: str | None) -> Image | None:
    src = el.get("data-original") or el.get("data-src") or el.get("src") or ""
    src = src.strip()
    if not src or src.startswith("data:"):
        return None
    return Image(src=urljoin(base_url, src) if base_url else src)


def sort_lines(lines: list[Line], title_line: Line | None, title: str | None, base_url: str | None,
               container: etree._Element | None = None, options: Options = DEFAULT_OPTIONS) -> Sorted:
    """Route the container's lines into body blocks, bylines, notices, captions and chrome."""
    return _Router(lines, title_line, title, base_url, container, options).run()


_SKIP = 1
"""A routing rule took the line (it is not body text): go on with the next one."""
_STOP = 2
"""A routing rule says the article ends before this line."""


class _Router:
    """One walk over the container's lines in order (``sort_lines``).

    Every line with text meets the rules in this order, and the first that claims it decides:
    ``_before_text`` (the headline again, a caption), ``_info`` (a notice, a byline: ``disclaimers``,
    ``bylines``), ``_boundary`` (where the text ends: a related list, a forum rule, a repeated post
    footer), ``_furniture`` (chrome, breadcrumbs, links, bullets) and ``_repeat`` (a truncated or
    repeated copy); a line no rule claims is a body block."""

    __slots__ = ("base_url", "chrome_inside", "container", "lines", "options", "out", "pending_links",
                 "previous", "punctuated", "repeated", "separators", "started", "teasers", "title_line",
                 "title_ns")

    def __init__(self, lines: list[Line], title_line: Line | None, title: str | None, base_url: str | None,
                 container: etree._Element | None, options: Options) -> None:
        self.lines = lines
        self.title_line = title_line
        self.title_ns = nospace(title) if title else ""
        self.base_url = base_url
        self.container = container
        self.options = options
        self.out = Sorted()
        self.previous: Line | None = None
        self.started = False
        self.pending_links = 0
        self.chrome_inside: dict[etree._Element, bool] = {}
        self.repeated = _repeated_stamps(lines, options)
        self.separators = sum(1 for ln in lines if BODY_SEPARATOR.match(ln.text))
        self.punctuated = _is_punctuated(lines, options)
        self.teasers = _teaser_lines(lines, options, container)

    def run(self) -> Sorted:
        out = self.out
        for i, line in enumerate(self.lines):
            for img_el in line.images:
                img = _image(img_el, self.base_url)
                if img is not None:
                    out.images.append(img)
            verdict = self._before_text(line, i)
            self.previous = line
            if verdict is None:
                verdict = self._info(line) or self._boundary(line, i) or self._furniture(line) or self._repeat(line)
            if verdict == _STOP:
                break
            if verdict is None:
                self._keep(line)
        _trim_tail(out, self.options)
        _trailing_credit(out)
        _unstyled_subheadings(out, self.options)
        return out

    def _before_text(self, line: Line, i: int) -> int | None:
        """A line without text, the headline repeated, a caption (kept with its photo)."""
        text = line.text
        if not text:
            return _SKIP
        if line is self.title_line or (len(self.out.blocks) < self.options.title_repeat_blocks and self.title_ns
                                       and _repeats_title(nospace(text), self.title_ns)):
            return _SKIP
        at = _next_text_at(self.lines, i)
        following = self.lines[at] if at is not None else None
        after = _next_text(self.lines, at) if at is not None and self.previous is not None and self.previous.images \
            else None  # the line after next matters only under a photo
        if _is_caption(line, self.previous, following, self.punctuated, self.options, after):
            _attach_caption(self.out.images, text)
            self.out.captions.append(text)
            return _SKIP
        return None

    def _info(self, line: Line) -> int | None:
        """A notice (``disclaimers``; a labelled one after the text closes the article) or an info line
        (``bylines.info_line``, which decides what counts as one where)."""
        out, text = self.out, line.text
        if (self.started and self.repeated and _stamp_signature(text) in self.repeated
                and not BODY_LABELLED_FIELD.match(text)):
            return None  # a stamp that recurs (each comment's or post's): where the text ends, ``_boundary``
        notice = as_disclaimer(text, self.options)
        if notice is not None:
            out.disclaimers.append(notice)
            return _STOP if self.started and len(out.blocks) >= 2 and closes_article(notice) else _SKIP
        if self.started and _post_stamp(line, self.options):
            return None  # a post's stamp after the text (本文发表于 <date>) closes the post: ``_boundary``
        byline = info_line(text, zone="text", text_started=self.started, blocks=len(out.blocks),
                           options=self.options)
        if byline is not None:
            out.bylines.append(byline)
            out.info_lines.append(line)
            if (byline.editors and self.started and len(out.blocks) >= self.options.credits_close_after
                    and _has_prose(out, self.options)):
                return _STOP  # the editors' credit closes the text: what follows is the outlet's own
            return _SKIP
        return None

    def _boundary(self, line: Line, i: int) -> int | None:
        """Where the text ends: a related-list heading or the heading of a link list (unless the text
        resumes after it), a forum's rule between posts, the footer of the first of several posts; a
        note about the writer is dropped."""
        out, text, lines = self.out, line.text, self.lines
        if self.teasers and i in self.teasers:
            return _SKIP  # a teaser's summary: a list of other stories beside or after the text
        related = is_related_heading(text, self.options)
        # a comments heading ends the text whatever follows only as a comment box's line or outside the
        # element of the text so far; inside it, it may head the article's own paragraphs (what readers said)
        comments = (related and is_comment_heading(text, self.options)
                    and (line.noise or not out.body_lines
                         or not _within(line.block, out.body_lines[-1].block.getparent())))
        if ((related and (comments or not _prose_follows(lines, i, self.options, self.teasers)))
                or _opens_link_list(lines, i, self.options)):
            if self.started and _has_prose(out, self.options):
                if comments:
                    return _STOP  # readers' comments follow the text: what they say is never its text
                # a 推荐阅读 box inside the text: the article goes on after its links
                return _SKIP if _prose_resumes(lines, i, self.options) else _STOP
            if self.started:  # only fragments so far (a site URL, an outlet name): the text starts later
                out.blocks.clear()
                out.body_lines.clear()
                self.started = False
            return _SKIP
        if _post_stamp(line, self.options):
            return _STOP if self.started and _has_prose(out, self.options) else _SKIP  # a post's stamp closes the post
        if not self.started:
            return None
        if is_writer_note(text, self.options):
            return _SKIP
        if self.separators >= 2 and BODY_SEPARATOR.match(text):
            return _STOP  # a forum thread: the first post ends at the first rule between replies
        if (self.repeated and _stamp_signature(text) in self.repeated
                and sum(b.chars for b in out.body_lines) >= self.options.post_footer_after):
            return _STOP  # the footer of the first of several posts (blog archive pages): the article ends here
        return None

    def _furniture(self, line: Line) -> int | None:
        """Chrome and breadcrumbs, chrome-classed boxes inside the container, bullets, link lines."""
        text = line.text
        crumbs = is_breadcrumb_line(line, self.options)
        chrome = not crumbs and is_chrome(text, self.options)
        if chrome:
            head = _text_before_chrome_link(line, self.options)
            if head is not None:  # a paragraph with the site's chrome link glued at its end
                self._keep(line, head)
                return _SKIP
        if (chrome and not _long_prose(line, self.options)) or crumbs:
            if crumbs and not self.out.breadcrumb:
                self.out.breadcrumb = parse_breadcrumb(text, line.block, self.options)
            return _SKIP
        if line.noise and _chrome_between(line.block, self.container, self.chrome_inside):
            return _SKIP  # inside a comment box, share bar or related list within the article's container
        if line.chars <= 1 and not text.isdigit():
            return _SKIP  # vertical menu letters, bullets and separators
        if "\ufffd" in text and not text.replace("\ufffd", "").strip():
            return _SKIP  # nothing but replacement characters: a symbol the page's encoding lost
        if line.link_density > LINK_LINE_SHARE and "。" not in text:
            if self.started and line.chars >= self.options.headline_link_min:
                self.pending_links += 1
            return _SKIP
        return None

    def _repeat(self, line: Line) -> int | None:
        """A truncated copy replaces nothing (the shorter previous block goes); a repeated line is dropped."""
        out = self.out
        if not out.body_lines:
            return None
        if is_truncated_copy(line.text, out.body_lines[-1].text, self.options):
            out.body_lines.pop()
            out.blocks.pop()
            return _SKIP
        if nospace(line.text) == nospace(out.body_lines[-1].text):
            return _SKIP
        return None

    def _keep(self, line: Line, text: str | None = None) -> None:
        """Keep the line as a body block (``text``: its text less a chrome link glued at its end)."""
        out = self.out
        out.body_lines.append(line)
        out.blocks.append(Block(type=_block_type(line), text=line.text if text is None else text))
        out.interleaved_links += self.pending_links
        out.linked_gaps += self.pending_links > 0
        self.pending_links = 0
        self.started = True


def _text_before_chrome_link(line: Line, options: Options) -> str | None:
    """The paragraph of a line that ends with a site's chrome link glued to it (``…将持续。返回某某网首页>>``
    inside the last ``<p>``): the text before the chrome words when it is running text closed by a
    sentence end (``options.prose_min``+ characters) and everything from the chrome words on is link
    text; else None (the line is chrome, or a promo with words of its own after the link)."""
    text = line.text
    at = chrome_inside_at(text)
    if at is None or not line.link_chars:
        return None
    head, tail = text[:at].rstrip(), text[at:]
    if not head or head[-1] not in SENTENCE_END + "”」』" or len(nospace(head)) < options.prose_min:
        return None
    if len(nospace(tail)) > line.link_chars or is_chrome(head, options):
        return None
    return head


def _unstyled_subheadings(out: Sorted, options: Options) -> None:
    """Subheadings that no heading or bold markup marks (``h`` blocks), both followed by a paragraph:
    a short centred line; and, in a ``<br>``-separated layout (several lines of one element), a
    short plain line between two paragraphs of that element. Neither ends in sentence punctuation,
    ：or ，(a salutation, a lead-in); a centred line closing the text is a signature."""
    lines = out.body_lines
    for i in range(len(lines) - 1):
        line, block = lines[i], out.blocks[i]
        text = block.text
        if (block.type != "p" or line.chars < 2 or line.link_density > 0 or text[-1] in SENTENCE_END
                or text[-1] in _LEADS_ON or "。" in text or text.isdigit()
                or not _is_paragraph_text(lines[i + 1], options)):
            continue
        centred = line.centered and line.chars <= options.centred_heading_max
        between = (i > 0 and line.chars <= options.subheading_max and lines[i - 1].block is line.block is lines[i + 1].block
                   and _is_paragraph_text(lines[i - 1], options))
        if centred or between:
            out.blocks[i] = Block(type="h", text=text)


def _post_stamp(line: Line, options: Options) -> bool:
    """A post's stamp line (``BODY_POST_STAMP``: ``本文发表于 <date>``) of at most ``options.post_stamp_max``
    characters and no full stop."""
    text = line.text
    return line.chars <= options.post_stamp_max and "。" not in text and BODY_POST_STAMP.match(text) is not None


def _is_paragraph_text(line: Line, options: Options) -> bool:
    """A paragraph around an unstyled subheading: ``subheading_paragraph_min``+ characters, ending a sentence."""
    return line.chars >= options.subheading_paragraph_min and line.text[-1] in SENTENCE_END + "”」』)）"


def _stamp_signature(text: str) -> str:
    return re.sub(r"\d+", "0", text)


def _repeated_stamps(lines: list[Line], options: Options) -> set[str]:
    """Dated non-prose lines (``stamp_line_max`` characters at most) that recur with only their numbers
    changed (``由某张贴 @ 2005-06-14 … (370) 共 11 篇评论``): per-post footers, so the container holds
    several posts."""
    seen: dict[str, int] = {}
    for line in lines:
        if line.chars <= options.stamp_line_max and "。" not in line.text and BODY_DATE_STAMP.search(line.text):
            sig = _stamp_signature(line.text)
            seen[sig] = seen.get(sig, 0) + 1
    return {sig for sig, n in seen.items() if n >= 2}


def _within(block: etree._Element, container: etree._Element | None) -> bool:
    """Whether a line's block is the container or sits inside it (False with no container)."""
    if container is None:
        return False
    return block is container or any(a is container for a in block.iterancestors())


def _chrome_between(block: etree._Element, container: etree._Element | None,
                    cache: dict[etree._Element, bool]) -> bool:
    """Whether a chrome-classed element sits between a line's block and the container (inclusive of the
    block). Chrome classes above the container (a page wrapped in ``<div id="main-app">``) do not count."""
    if container is None:
        return True
    if block in cache:
        return cache[block]
    found = False
    el: etree._Element | None = block
    while el is not None and el is not container:
        if is_noise_node(el):
            found = True
            break
        el = el.getparent()
    cache[block] = found
    return found


_CLAUSE_MARK = re.compile(r"[。！？，；,;!?]")


def _has_prose(out: Sorted, options: Options) -> bool:
    """Whether the blocks kept so far hold a sentence (a line of ``kept_sentence_min`` characters with a
    clause mark) or ``kept_text_min`` characters in all: a related-list heading ends an article only
    then; before it, what was kept are fragments of the header (a site URL, an outlet name)."""
    return any(ln.chars >= options.kept_sentence_min and _CLAUSE_MARK.search(ln.text) for ln in out.body_lines) or \
        sum(ln.chars for ln in out.body_lines) >= options.kept_text_min


def _is_paragraph(line: Line, options: Options) -> bool:
    """A paragraph past a related heading: ``resume_paragraph_min``+ characters with a full stop, links
    under ``resume_paragraph_links``."""
    return (not line.noise and line.link_density < options.resume_paragraph_links
            and line.chars >= options.resume_paragraph_min and "。" in line.text)


def _prose_resumes(lines: list[Line], i: int, options: Options) -> bool:
    """After the link list that a related heading opens, two paragraphs in a row follow within
    ``options.resume_window`` lines: the list was a box inside the article, not its end."""
    window = [ln for ln in lines[i + 1 : i + 1 + options.resume_window] if ln.chars]
    return any(_is_paragraph(a, options) and _is_paragraph(b, options) for a, b in pairwise(window))


def _prose_follows(lines: list[Line], i: int, options: Options, teasers: frozenset[int] = frozenset()) -> bool:
    """Paragraphs (not links) right after a 相关新闻 heading: a print package's sidebar story, which is
    text (two of the first ``related_story_lines`` lines with text, as ``_is_paragraph`` but noise allowed;
    a teaser's summary under its headline link (``teasers``, ``_teaser_lines``) is none)."""
    end = i + 2 * options.related_story_lines
    following = [k for k in range(i + 1, min(end, len(lines))) if lines[k].chars][:options.related_story_lines]
    prose = [k for k in following if k not in teasers and lines[k].link_density < options.resume_paragraph_links
             and lines[k].chars >= options.resume_paragraph_min and "。" in lines[k].text]
    return len(prose) >= 2


def _teaser_summary(line: Line, options: Options) -> bool:
    return (line.chars >= options.teaser_summary_min and line.link_density < options.resume_paragraph_links
            and _CLAUSE_MARK.search(line.text) is not None)


def _teaser_lines(lines: list[Line], options: Options, container: etree._Element | None = None) -> frozenset[int]:
    """The summaries of a teaser list: ``options.teaser_run_min`` or more items in a row, each a headline
    link line with a summary as the next line with text (a related-stories box after the article, a
    sidebar of summaries beside it). A run counts only in a box of its own: the element holding it holds
    no other line of prose (``_own_box``: a roundup the editor wrote among the article's paragraphs is
    text), nor, with the text's ``container`` known, inside it with the container's prose before and after
    it (a roundup boxed among the paragraphs); and only when prose outside every run remains (a digest of
    nothing but such items keeps them)."""
    link_min, summary_min, summary_links = options.headline_link_min, options.teaser_summary_min, options.resume_paragraph_links
    least = 2 * options.teaser_run_min
    runs: list[list[int]] = []
    run: list[int] = []
    pending = -1  # the line with text before, when it is a headline link line (an item's first line)
    for k, ln in enumerate(lines):
        chars = ln.chars
        if not chars:
            continue
        if pending >= 0:
            if chars >= summary_min and ln.link_chars < summary_links * chars and _CLAUSE_MARK.search(ln.text):
                run.extend((pending, k))  # an item: the link, then its summary
                pending = -1
                continue
            pending = -1
            if len(run) >= least:
                runs.append(run)
            run = []
        if chars >= link_min and ln.link_chars > LINK_LINE_SHARE * chars and "。" not in ln.text:  # a headline link line
            pending = k
        elif run:
            if len(run) >= least:
                runs.append(run)
            run = []
    if len(run) >= least:
        runs.append(run)
    found: set[int] = set()
    for run in runs:
        if _own_box(lines, run, options, container):
            found.update(run[1::2])
    if found and not any(k not in found and ln.chars and not ln.noise and _teaser_summary(ln, options)
                         for k, ln in enumerate(lines)):
        return frozenset()  # nothing but linked items with their summaries: a digest, whose items are its text
    return frozenset(found)


def _own_box(lines: list[Line], run: list[int], options: Options,
             container: etree._Element | None = None) -> bool:
    """Whether the element holding a run of lines (the nearest one around its first and last) holds no
    other line of prose (as a teaser's summary, ``_teaser_summary``, outside chrome); and, with the text's
    ``container`` known, does not lie inside it with prose of the container's before and after the run
    (a roundup the editor boxed between the article's paragraphs is text)."""
    first, last = lines[run[0]].block, lines[run[-1]].block
    around_last = list(last.iterancestors())  # kept alive: lxml gives one proxy per element while one lives
    ids = {id(a) for a in around_last}
    box = next((a for a in first.iterancestors() if id(a) in ids), None)
    if box is None:
        return False
    inside = set(run)
    before = after = False
    enclosed = container is not None and _within(box, container)
    for k, ln in enumerate(lines):
        if k in inside or ln.noise or not _teaser_summary(ln, options):
            continue
        if ln.block is box or any(a is box for a in ln.block.iterancestors()):
            return False
        if enclosed and _within(ln.block, container):
            if k < run[0]:
                before = True
            else:
                after = True
    return not (before and after)


def _opens_link_list(lines: list[Line], i: int, options: Options) -> bool:
    """A short (``link_list_heading_max`` characters at most) unpunctuated line followed by link lines is
    the heading of a link list (证券要闻, 重点推荐 …)."""
    line = lines[i]
    if line.chars > options.link_list_heading_max or line.link_density > LINK_LINE_SHARE or punct_count(line.text) or line.text[-1] in SENTENCE_END:
        return False
    following = [ln for ln in lines[i + 1 : i + 6] if ln.chars][:3]
    return len(following) >= 2 and all(ln.link_density > LINK_LINE_SHARE and _headline_link(ln, options)
                                       for ln in following[:2])


def _headline_link(line: Line, options: Options) -> bool:
    """Whether a link line can be an item of a headline list: not a row of a data table whose first
    cell is a label (plain, or a link of at most ``options.label_cell_max`` characters) and a later one a
    linked value (``所在地 | <a>某市</a>``; a headline row starts with its headline), and not a link to a section of the page itself (``href="#…"``: a table
    of contents)."""
    if line.in_table and "\t" in line.text:
        cells = [c for c in line.block if c.tag in ("td", "th")]
        if cells and (next(cells[0].iter("a"), None) is None
                      or len(nospace("".join(cells[0].itertext()))) <= options.label_cell_max):
            return False
    hrefs = [a.get("href") or "" for a in line.block.iter("a")]
    return not hrefs or not all(h.startswith("#") for h in hrefs)


def _attach_caption(images: list[Image], text: str) -> None:
    for img in reversed(images):
        if img.caption is None:
            img.caption = text
            return


def _trailing_credit(out: Sorted) -> None:
    """A closing ``（袁源）``, ``（张三 李四）`` or ``（某某财经 张三）`` (the outlet, then its reporter) names the
    reporters: a byline, not text."""
    if len(out.blocks) < 2:
        return
    last = out.blocks[-1].text
    m = BODY_CREDIT.match(last)
    if m:
        names = split_names(m.group(1))
        if len(names) > 1 and BYLINE_OUTLET.search(names[0]) and not looks_like_person(names[0]):
            names = names[1:]  # the outlet before its reporter's name
        if names and all(looks_like_person(n) and not n.isascii() for n in names):
            out.credited += names
            out.body_lines.pop()
            out.blocks.pop()
        return
    m = BODY_INLINE_CREDIT.search(last)
    if m:  # …先后在巴西举行。（张巨峰）: the credit stays in the text as printed, and names the writer
        credit = BODY_ROLE_WORDS.sub(" ", m.group(1))  # （总台记者 张倩）, （姚峰 上海报道）
        names = [n for n in split_names(credit) if not n.endswith("报道")]
        if names and all(looks_like_person(n) and not n.isascii() for n in names):
            out.credited += names


def add_standfirst(page: Page, title_line: Line | None, out: Sorted, options: Options = DEFAULT_OPTIONS,
                   description: str | None = None) -> None:
    """Open the body with the standfirst printed between the headline and the text when the container
    left it out: a labelled line (``摘要：…``, ``导读：…``: ``vocabulary.BODY_STANDFIRST``) of running text
    (``standfirst_min`` characters after its label, a clause mark), or an unlabelled one that the page's
    own summary (``description``: ``<meta name=description>``) repeats whole (``[…]`` around it
    aside), or opens with when cut short (``options.summary_prefix_min`` characters, ``…`` dropped):
    the editors' summary as the page prints it. Not links, not page furniture, not an info
    line (kept even when the text's first paragraph repeats it: the page prints both). On a page whose
    headline no line holds (only in ``<title>``), a labelled one among the ``options.standfirst_lookback``
    lines with text right before the text is its standfirst."""
    if not out.body_lines:
        return
    end = out.body_lines[0].order
    if title_line is None:
        before = [ln.order for ln in page.lines if ln.order < end and ln.chars]
        before = before[max(0, len(before) - options.standfirst_lookback):]
        if not before:
            return
        start, description = before[0] - 1, None  # labelled lines only
    elif title_line.order >= end:
        return
    else:
        start = title_line.order
    info = {id(ln) for ln in out.info_lines}
    summary_text = _summary_key(description.rstrip(" .…")) if description else ""
    for ln in page.lines:
        if ln.order <= start or id(ln) in info or ln.noise or ln.link_density >= options.standfirst_link_max:
            continue
        if ln.order >= end:
            return
        label = BODY_STANDFIRST.match(ln.text)
        if label is None:
            if len(summary_text) >= options.standfirst_min and _CLAUSE_MARK.search(summary_text) and (
                    _summary_key(ln.text) == summary_text
                    or (len(summary_text) >= options.summary_prefix_min and _summary_key(ln.text).startswith(summary_text))):
                out.body_lines.insert(0, ln)
                out.blocks.insert(0, Block(type="p", text=ln.text))
                return
            continue
        summary = nospace(ln.text[label.end():])
        if len(summary) >= options.standfirst_min and _CLAUSE_MARK.search(summary):
            out.body_lines.insert(0, ln)
            out.blocks.insert(0, Block(type="p", text=ln.text))
        return


def _summary_key(text: str) -> str:
    """A summary as compared with the page's description: spaces and the brackets around it dropped."""
    return nospace(text).strip("[]【】")


def add_announced_table(page: Page, container: etree._Element | None, out: Sorted,
                        options: Options = DEFAULT_OPTIONS) -> None:
    """Keep the table the text announces (``附：…一览`` as its last line) when that table comes right
    after the container: its short cells score as furniture, so the container stops before it,
    though the writer made it part of the article. Its lines become ``table`` blocks."""
    if container is None or container not in page.span or not out.body_lines:
        return
    if not _closes_with_announcement(page, container, out.body_lines[-1]):
        return
    table = _table_after(page, container, options.table_lookahead)
    if table is None:
        return
    t_start, t_end = page.span[table]
    inside = [ln for ln in page.lines if t_start <= ln.order < t_end and ln.text]
    chars = sum(ln.chars for ln in inside)
    if not chars or sum(ln.link_chars for ln in inside) > options.table_max_links * chars:
        return  # a table of links (headlines with their dates) is a list, whatever announced it
    for ln in inside:
        if ln.link_density <= LINK_LINE_SHARE and not ln.noise:
            out.body_lines.append(ln)
            out.blocks.append(Block(type="table", text=ln.text))


def _closes_with_announcement(page: Page, container: etree._Element, last: Line) -> bool:
    """Whether the text's last line announces what follows and no text follows it in the container."""
    if not BODY_ANNOUNCES.search(last.text):
        return False
    start, end = page.span[container]
    return not any(ln.order > last.order and ln.text for ln in page.lines if start <= ln.order < end)


def _table_after(page: Page, container: etree._Element, lookahead: int) -> etree._Element | None:
    """The outermost table (not around the container) holding the first text line after the container,
    when that line comes first among the next ``lookahead`` lines with text or a photo."""
    start, end = page.span[container]
    following = [ln for ln in page.lines if ln.order >= end and (ln.text or ln.images)][:lookahead]
    first = next((ln for ln in following if ln.text), None)
    if first is None or first is not following[0]:
        return None
    table: etree._Element | None = None
    for el in first.block.iterancestors():
        if el.tag == "table":
            if el in page.span and page.span[el][0] <= start < page.span[el][1]:
                break
            table = el
    return table if table is not None and table in page.span else None


def _long_prose(line: Line, options: Options) -> bool:
    """A line of ``options.long_prose_min``+ characters holding full stops and few links is text,
    whatever chrome words it opens with (``点击进入>>`` glued before a paragraph)."""
    return line.chars >= options.long_prose_min and line.link_density < 0.3 and line.text.count("。") >= 2


def _trim_tail(out: Sorted, options: Options) -> None:
    """Drop trailing fragments that are not prose: short link remnants after the last paragraph (links
    over ``tail_remnant_links``, under ``tail_remnant_max`` characters, no full stop), a site's promo
    (``BODY_PROMO_TAIL``, ``tail_promo_max`` characters at most)."""
    while len(out.body_lines) > 1:
        last = out.body_lines[-1]
        text = last.text.strip()
        if ((last.link_density > options.tail_remnant_links and last.chars < options.tail_remnant_max
             and "。" not in text)
                or (last.chars <= options.tail_promo_max and BODY_PROMO_TAIL.match(text))):
            out.body_lines.pop()
            out.blocks.pop()
            continue
        break


def drop_dangling_lead_in(out: Sorted, options: Options = DEFAULT_OPTIONS) -> None:
    """A short last line (``options.lead_in_max`` characters at most) ending in a colon whose
    announcement the body does not hold (``股价资料：``
    over a widget, ``以下为公告：`` over a scan) is dropped; run after ``add_announced_table``, which
    keeps the table such a line announces when there is one."""
    if len(out.body_lines) > 1:
        text = out.blocks[-1].text.strip()
        if out.blocks[-1].type != "table" and len(text) <= options.lead_in_max and text[-1] in "：:":
            out.body_lines.pop()
            out.blocks.pop()
