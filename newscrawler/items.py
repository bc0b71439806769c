"""The article contract: what extraction produces and what pipelines consume.

``Article`` is a plain dataclass (Scrapy accepts dataclass items), so the
extractor, the spiders, the storage stages and the CLI all share one typed
record. ``Article.to_json()`` gives the wire format that ``newscrawler extract``
prints and that exports use: dates as ISO 8601 strings in the page's local time
with their offset, everything else as JSON scalars, lists and objects.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from datetime import datetime
from typing import Any, Literal

SpeakerType = Literal["person", "organization", "media", "media_unnamed", "anonymous", "document", "unspecified"]
QuoteType = Literal["direct", "indirect", "mixed"]
Position = Literal["pre", "post", "split", "none"]


@dataclass(slots=True)
class Quote:
    """One attribution: who (``speaker``) said what (``quote_text``), where.

    Offsets are Python code-point indices, half-open, into
    ``blocks[block_index].text``: ``start``/``end`` for the content (for a direct
    quote, the text between the outer quotation marks), ``speaker_start``/
    ``speaker_end`` for the surface mention (None when the subject is implicit),
    ``cue_start``/``cue_end`` for the cue. ``speaker`` is canonical: a person's
    name (the full form, e.g. ``马克·韦伯`` for a later ``韦伯``), otherwise the
    phrase (``知情人士``, ``媒体``, ``内华达州备案文件``); None when it cannot be
    resolved or for speaker-less hearsay (``据悉``, type ``unspecified``).
    ``parent`` is the index, in the returned list, of the enclosing record.
    """

    speaker: str | None
    speaker_mention: str | None
    speaker_type: SpeakerType
    quote_text: str
    quote_type: QuoteType
    block_index: int
    start: int
    end: int
    cue: str | None = None
    speaker_title: list[str] = field(default_factory=list)
    speaker_affiliation: str | None = None
    title_inherited: bool = False
    direct_fragments: list[str] = field(default_factory=list)
    relayed_by: str | None = None
    addressee: str | None = None
    addressee_outlet: str | None = None
    parent: int | None = None
    attribution_position: Position = "pre"
    coref: bool = False
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue_start: int | None = None
    cue_end: int | None = None

    def to_json(self) -> dict[str, object]:
        """The record as JSON-ready data (lists copied, every field present)."""
        return {
            "speaker": self.speaker,
            "speaker_mention": self.speaker_mention,
            "speaker_type": self.speaker_type,
            "speaker_title": list(self.speaker_title),
            "speaker_affiliation": self.speaker_affiliation,
            "title_inherited": self.title_inherited,
            "cue": self.cue,
            "quote_type": self.quote_type,
            "quote_text": self.quote_text,
            "direct_fragments": list(self.direct_fragments),
            "relayed_by": self.relayed_by,
            "addressee": self.addressee,
            "addressee_outlet": self.addressee_outlet,
            "parent": self.parent,
            "attribution_position": self.attribution_position,
            "coref": self.coref,
            "block_index": self.block_index,
            "start": self.start,
            "end": self.end,
            "speaker_start": self.speaker_start,
            "speaker_end": self.speaker_end,
            "cue_start": self.cue_start,
            "cue_end": self.cue_end,
        }


BlockType = Literal["p", "h", "li", "table", "quote"]
"""Kinds of body block: paragraph, in-body subheading, list item, table row text, block quote."""

DisclaimerKind = Literal[
    "reprint",  # 转载 / 凡本网注明来源 … 不代表本网观点: the site reprints without endorsement
    "platform",  # 网易号/搜狐号/百家号 … 仅提供信息存储服务: user-generated content hosting
    "views",  # 仅代表作者本人观点: the views are the author's
    "investment",  # 不构成投资建议 / 风险提示: investment or risk warning
    "copyright",  # 未经授权不得转载 / 转载请注明出处: reprint rights
    "correction",  # 更正 / 更正声明
    "other",  # a 声明/提示 the catalogue does not type
]


@dataclass(slots=True)
class Block:
    """One body block in reading order.

    ``type`` is one of ``p`` (paragraph), ``h`` (in-body subheading), ``li``
    (list item), ``table`` (one table row, cells joined by a tab), ``quote``
    (a block quotation). ``text`` is whitespace-collapsed, with the page's own
    characters (full-width punctuation kept).
    """

    type: BlockType
    text: str


@dataclass(slots=True)
class Disclaimer:
    """A notice attached to the article (声明, 免责声明, 版权声明 …), verbatim.

    ``kind`` types it (see ``DisclaimerKind``); ``text`` is the notice as printed,
    label included (``声明:本网转发此文章…``).
    """

    kind: DisclaimerKind
    text: str


@dataclass(slots=True)
class Image:
    """An image inside the article: absolute ``src`` and its caption (or None)."""

    src: str
    caption: str | None = None


@dataclass(slots=True)
class Article:
    """One extracted page. Only ``url`` and ``is_article`` are always meaningful.

    When ``is_article`` is False, ``reason`` says why (``"empty body"``,
    ``"list page"``, ``"not html"`` …) and the content fields stay empty: the
    extractor never makes up a body (the text it did find is in ``page_text``).
    """

    url: str | None
    """The URL the page was fetched from (after redirects), or None for a local file."""

    canonical_url: str | None = None
    """``<link rel=canonical>`` or ``og:url`` made absolute, else ``url`` without fragment."""

    title: str | None = None
    """The headline, without the site suffix (``_网易财经``, ``-新华网``, ``--时政--人民网``)."""

    body: str = ""
    """Article text: the blocks' texts in reading order joined by ``"\\n"``.

    In-body subheadings are their own lines. Bylines, captions, disclaimers and
    page chrome are never part of it."""

    blocks: list[Block] = field(default_factory=list)
    """The body as typed blocks (``p``, ``h``, ``li``, ``table``, ``quote``)."""

    publish_date: datetime | None = None
    """Publication time, timezone-aware, in the page's local zone (Asia/Shanghai
    unless the page states another offset). Day-precision dates are midnight."""

    publish_date_raw: str | None = None
    """The string the publication date was read from, as found on the page."""

    source: str | None = None
    """The outlet the article is credited to (来源/稿源/转自), e.g. ``北京商报``."""

    author: list[str] = field(default_factory=list)
    """Writers and reporters (作者, 记者, 文/), in page order. Never an editor."""

    editor: list[str] = field(default_factory=list)
    """责任编辑/编辑/责编 names, staff codes such as ``_NF4425`` removed."""

    original_title: str | None = None
    """The 原标题 of a reprint, when printed."""

    channel: str | None = None
    """The section (栏目/频道): the last breadcrumb item other than 首页/正文."""

    breadcrumb: list[str] = field(default_factory=list)
    """Breadcrumb items in order, e.g. ``["首页", "焦点新闻"]``."""

    tags: list[str] = field(default_factory=list)
    """Keywords/tags (关键词, ``<meta name=keywords>``), the title itself excluded."""

    disclaimers: list[Disclaimer] = field(default_factory=list)
    """Article-level notices, typed; never site-wide ICP or copyright footers."""

    images: list[Image] = field(default_factory=list)
    """Images inside the article body with their captions."""

    language: str | None = None
    """BCP 47 tag of the text: ``zh-Hans``, ``zh-Hant``, or another when clearly not Chinese."""

    encoding: str | None = None
    """The codec the bytes were decoded with (``utf-8``, ``gb18030``, ``big5hkscs`` …)."""

    is_article: bool = False
    """True when the page is a single article with a body."""

    reason: str | None = None
    """Why ``is_article`` is False (``"list page"``, ``"empty body"``, ``"not html"`` …)."""

    kind: str | None = None
    """What the page is. For an article: ``article``, or ``photo`` for photo news (one or a few
    photos, their captions and a sentence or two; the captions are then the start of the body).
    For a non-article: ``list``, ``video``, ``gallery``, ``error``, ``empty`` (no article text),
    ``mis-encoded``, ``timeout`` (the page's time budget ran out) or ``invalid`` (not HTML, not
    parseable, empty response). None only on records
    made before the field existed."""

    page_text: str = ""
    """For a page that is not an article: the text that was found, lines joined by ``"\\n"``, kept
    so nothing fetched disappears from search (empty for articles, whose text is ``body``, and for
    pages with no readable text: binary, empty or mis-encoded)."""

    extractor_version: str = ""
    """Version of the extraction code that produced this record (for re-extraction)."""

    quotes: list[Quote] = field(default_factory=list)
    """Quoted sources, one record per attribution (who said what, direct/indirect, cue, title,
    relay, addressee), with block index and code-point offsets into that block's text."""

    confidence: float | None = None
    """How sure the extractor is that ``body`` is the page's article text, 0..1: the margin of the
    chosen block over its best rival block, its share of the page's prose, less its link density
    (``extract.body.Choice``), capped by the share of the block's running text kept as body
    (``extract.article._kept_share``); 0 when no block holds prose. None for records made before the field
    existed, pages that were never read (binary, empty, unparseable) and a profile's body selector."""

    second_opinion: str = ""
    """Whether the independent body finder (``extract.second``) was asked, because ``confidence``
    was low: ``""`` not asked, ``agreed`` (it found the same text), ``kept`` (it proposed other text
    and the first was kept) or ``taken`` (its text is the body). See ``extract.second.pick``."""

    def to_json(self) -> dict[str, Any]:
        """The record as JSON-ready data: datetimes as ISO 8601 with offset."""
        data = asdict(self)
        if self.publish_date is not None:
            data["publish_date"] = self.publish_date.isoformat()
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Article:
        """The article ``to_json`` gave (fields it does not know are ignored, missing ones take defaults)."""
        known = {f.name for f in fields(cls)}
        quote_fields = {f.name for f in fields(Quote)}
        values = {name: value for name, value in data.items() if name in known}
        values["blocks"] = [Block(b["type"], b["text"]) for b in data.get("blocks", [])]
        values["disclaimers"] = [Disclaimer(d["kind"], d["text"]) for d in data.get("disclaimers", [])]
        values["images"] = [Image(i["src"], i.get("caption")) for i in data.get("images", [])]
        values["quotes"] = [Quote(**{k: v for k, v in q.items() if k in quote_fields}) for q in data.get("quotes", [])]
        if data.get("publish_date"):
            values["publish_date"] = datetime.fromisoformat(data["publish_date"])
        return cls(**values)


@dataclass(slots=True)
class Fetch:
    """One HTTP exchange as downloaded: the evidence an article was extracted from.

    ``body`` is the raw response body (original encoding); ``headers`` are the
    response headers as text (repeated headers joined by ``", "``); ``url`` is
    the requested URL and ``final_url`` the one after redirects; ``fetched_at``
    is timezone-aware.
    """

    url: str
    final_url: str
    status: int
    headers: dict[str, str]
    body: bytes
    fetched_at: datetime
    request_headers: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class ArticleItem:
    """What spiders yield and pipelines consume: the extracted article, the fetch it came from, its site.

    ``fetch`` is the exchange of the article's first page. Pipelines add what they
    compute without touching the article: ``content_hash``
    (SHA-256 of the normalised body), ``signature`` (MinHash of the body's
    character 4-grams, for near-copy detection) and ``warc`` (where the raw
    exchange was archived: ``file#offset``).
    """

    article: Article
    fetch: Fetch | None = None
    site: str | None = None
    more_pages: list[Fetch] = field(default_factory=list)
    """The later pages of an article split over several pages, in order (the body joins them all)."""
    content_hash: str | None = None
    signature: list[int] = field(default_factory=list)
    warc: str | None = None
    site_domains: tuple[str, ...] = ()
    """The domains the site profile lists (``people.com.cn`` …): a canonical URL the page declares on one of
    them counts as on the page's own site (see ``pipelines.identity``)."""
    canonical_claim: str | None = None
    """The canonical URL the page declared when it was refused as its identity (another site, the home or
    a list page, or shared with a different page of the same crawl); the fetched URL is then the key."""
