"""Structured metadata a page states about itself: ``<meta>``, Open Graph, JSON-LD, canonical link.

Read before the page is pruned (pruning removes ``<head>`` and scripts). All
values are raw strings; dates are parsed later by ``dates.parse_date``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

from lxml import etree

from newscrawler.extract.text import collapse_ws

DATE_META_NAMES = (
    "article:published_time",
    "article:publish_time",
    "og:published_time",
    "og:release_date",
    "og:pubdate",
    "og:time",
    "rnews:datepublished",
    "datepublished",
    "originalpublicationdate",
    "article_date_original",
    "apub:time",
    "publication_date",
    "publishdate",
    "publish-date",
    "published-date",
    "pubdate",
    "pubtime",
    "_pubtime",
    "weibo:article:create_at",
    "dc.date.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "parsely-pub-date",
    "date_published",
    "published_at",
    "bt:pubdate",
    "sailthru.date",
)
"""``<meta name|property|itemprop>`` keys that carry a publication date, most trusted first."""

DATE_MODIFIED_NAMES = frozenset(
    ["article:modified_time", "og:updated_time", "datemodified", "dateupdate", "dateupdated", "lastmod",
     "last-modified", "modified", "updated_time"])
"""``<meta>`` keys of the date a page was last changed: never its publication date, but a year-less visible date
(``发布时间：10-08 12:00``) on the same month and day takes its year (``dates.publication_date``)."""

_ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "blogposting", "analysisnewsarticle"}


@dataclass(slots=True)
class PageMeta:
    """What the page's head and structured data say (raw strings)."""

    html_title: str | None = None
    og_title: str | None = None
    og_type: str | None = None
    site_name: str | None = None
    canonical: str | None = None
    description: str | None = None
    keywords: list[str] = field(default_factory=list)
    language: str | None = None
    dates: list[tuple[str, str]] = field(default_factory=list)
    """(origin, raw value) pairs: ``("jsonld", …)`` first, then ``("meta:<name>", …)``."""
    authors: list[str] = field(default_factory=list)
    """Author names from JSON-LD or ``<meta name=author>``."""
    source: str | None = None
    """``<meta name=source>`` style outlet credit, when present."""
    modified: list[str] = field(default_factory=list)
    """Raw dates of the last change (``DATE_MODIFIED_NAMES``, JSON-LD ``dateModified``): a year witness only."""
    headline: str | None = None
    """JSON-LD ``headline``."""


def _absolute(url: str, base: str | None) -> str:
    joined = urljoin(base, url) if base else url
    parts = urlsplit(joined)
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))


_JSONLD_MAX_ITEMS = 10_000
"""Values ``_jsonld_objects``/``_names`` look at, at most (a hostile JSON-LD block cannot make them
walk without end)."""


def _jsonld_objects(data: Any) -> list[dict[str, Any]]:
    """The objects of a JSON-LD value in document order: lists flattened, ``@graph`` opened.
    Iterative, so nesting of any depth costs no recursion."""
    out: list[dict[str, Any]] = []
    stack: list[Any] = [data]
    seen = 0
    while stack and seen < _JSONLD_MAX_ITEMS:
        item = stack.pop()
        seen += 1
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            if "@graph" in item:
                stack.append(item["@graph"])
            else:
                out.append(item)
    return out


def _names(value: Any) -> list[str]:
    """Names in a JSON-LD person value: a string, ``{"name": …}``, or lists of those (iterative)."""
    out: list[str] = []
    stack: list[Any] = [value]
    seen = 0
    while stack and seen < _JSONLD_MAX_ITEMS:
        item = stack.pop()
        seen += 1
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict):
            stack.append(item.get("name"))
        elif isinstance(item, list):
            stack.extend(reversed(item))
    return out


def read_meta(root: etree._Element, url: str | None) -> PageMeta:
    """Collect title, canonical URL, dates, keywords and authors from head and JSON-LD."""
    meta = PageMeta()
    title_el = root.find(".//title")
    if title_el is not None and title_el.text:
        meta.html_title = collapse_ws(title_el.text) or None
    html_el = root if root.tag == "html" else root.find(".//html")
    if html_el is not None:
        meta.language = html_el.get("lang") or html_el.get("xml:lang")
    dates: dict[str, str] = {}
    for el in root.iter("meta", "link", "script"):
        tag = el.tag
        if tag == "link":
            rel = (el.get("rel") or "").lower()
            href = el.get("href")
            if href and "canonical" in rel.split() and not meta.canonical:
                meta.canonical = _absolute(href.strip(), url)
        elif tag == "script":
            if (el.get("type") or "").lower() == "application/ld+json" and el.text:
                _read_jsonld(el.text, meta)
        else:
            _read_meta_tag(el, meta, dates, url)
    for name in DATE_META_NAMES:
        if name in dates:
            meta.dates.append((f"meta:{name}", dates[name]))
    return meta


def _read_meta_tag(el: etree._Element, meta: PageMeta, dates: dict[str, str], url: str | None) -> None:
    """One ``<meta>``: the first value of each field wins (``og:type`` the last); dates by name into ``dates``."""
    key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
    content = el.get("content")
    if not key or content is None:
        return
    value = collapse_ws(content)
    if not value:
        return
    if key == "og:title" and not meta.og_title:
        meta.og_title = value
    elif key == "og:type":
        meta.og_type = value.lower()
    elif key == "og:site_name":
        meta.site_name = value
    elif key == "og:url" and not meta.canonical:
        meta.canonical = _absolute(value, url)
    elif key in ("description", "og:description") and not meta.description:
        meta.description = value
    elif key in ("keywords", "news_keywords") and not meta.keywords:
        meta.keywords = [k for k in (x.strip() for x in _split_keywords(value)) if k]
    elif key in ("author", "article:author") and not meta.authors and not value.startswith("http"):
        meta.authors = [value]
    elif key in ("source", "mediaid", "article:source") and not meta.source:
        meta.source = value
    elif key in DATE_META_NAMES and key not in dates:
        dates[key] = value
    elif key in DATE_MODIFIED_NAMES:
        meta.modified.append(value)


def _split_keywords(value: str) -> list[str]:
    for sep in (",", "，", ";", "；", "、", "|"):
        if sep in value:
            return value.split(sep)
    return value.split()


def _read_jsonld(text: str, meta: PageMeta) -> None:
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):  # not JSON, or nested deeper than the decoder goes
        return
    for obj in _jsonld_objects(data):
        kind = obj.get("@type")
        kinds = {k.lower() for k in kind} if isinstance(kind, list) else {str(kind).lower()}
        if not kinds & _ARTICLE_TYPES:
            continue
        published = obj.get("datePublished")
        if isinstance(published, str) and published.strip():
            meta.dates.insert(0, ("jsonld", published.strip()))
        modified = obj.get("dateModified")
        if isinstance(modified, str) and modified.strip():
            meta.modified.append(modified.strip())
        headline = obj.get("headline")
        if isinstance(headline, str) and not meta.headline:
            meta.headline = collapse_ws(headline)
        if not meta.authors:
            meta.authors = [collapse_ws(n) for n in _names(obj.get("author")) if n.strip()]


_ENP_BLOCK = re.compile(r"<!--\s*enpproperty(.{0,4000}?)/enpproperty\s*-->", re.S | re.I)
_ENP_FIELD = re.compile(r"<(title|date)>([^<]{1,300})</\1>", re.I)


def read_cms_comment(text: str, meta: PageMeta) -> None:
    """Fields of the ``<!--enpproperty <date>…</date><author>…</author><title>…</title> /enpproperty-->``
    record that a widespread newspaper CMS writes at the top of its pages (where ``<title>`` often
    names only the site): the headline becomes the title when ``<title>`` does not contain it, and
    the date joins the structured dates. Reads the first 4 KB only.
    """
    head = text[:4096]
    if "enpproperty" not in head:
        return
    block = _ENP_BLOCK.search(head)
    if block is None:
        return
    for m in _ENP_FIELD.finditer(block.group(1)):
        name, value = m.group(1).lower(), " ".join(m.group(2).split())
        if not value or value.lower() == "null":
            continue
        if name == "title" and (not meta.html_title or value not in meta.html_title):
            meta.html_title = value
        elif name == "date":
            meta.dates.append(("cms", value))
