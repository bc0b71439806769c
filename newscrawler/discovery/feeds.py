"""RSS/Atom feeds and XML sitemaps (indexes, gzip, Google News) as lists of URLs with dates.

Parsing goes through ``defusedxml``: a body with a DOCTYPE, entity declarations or external
references is refused with :class:`UnsafeXMLError` before anything is expanded (no "billion laughs",
no external fetches), and a gzip body may not inflate beyond :data:`MAX_XML_BYTES`. Dates come back
timezone-aware; a date or time written without a zone is read as China time (Asia/Shanghai), the
zone of the sites this project crawls. Pure: no network, no crawler.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar
from urllib.parse import urljoin, urlsplit
from xml.etree.ElementTree import Element, ParseError
from zoneinfo import ZoneInfo

from defusedxml import DefusedXmlException  # type: ignore[import-untyped, unused-ignore]
from defusedxml import ElementTree as SafeET  # type: ignore[import-untyped, unused-ignore]

from newscrawler.extract.dates import parse_date as parse_page_date

__all__ = [
    "MAX_XML_BYTES",
    "FeedEntry",
    "FeedError",
    "Sitemap",
    "SitemapURL",
    "UnsafeXMLError",
    "parse_date",
    "parse_feed",
    "parse_sitemap",
    "recent",
]

CHINA = ZoneInfo("Asia/Shanghai")
MAX_XML_BYTES = 64 * 1024 * 1024
"""Largest feed or sitemap accepted, after gzip (the sitemap protocol's limit is 50 MB)."""


class FeedError(ValueError):
    """The body is not a readable feed or sitemap (malformed XML, wrong root element, too large)."""


class UnsafeXMLError(FeedError):
    """The XML declares a DOCTYPE, entities or external references; it is refused, never expanded."""


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One item of an RSS or Atom feed: absolute URL, title, publication time (aware) or None."""

    url: str
    title: str
    published: datetime | None = None


@dataclass(frozen=True, slots=True)
class SitemapURL:
    """One ``<url>`` of a sitemap: ``lastmod`` and the Google News ``publication_date`` (aware)."""

    url: str
    lastmod: datetime | None = None
    news_publication_date: datetime | None = None
    news_title: str | None = None

    @property
    def date(self) -> datetime | None:
        """The publication date when the news extension gives one, else ``lastmod``."""
        return self.news_publication_date or self.lastmod


@dataclass(frozen=True, slots=True)
class Sitemap:
    """A parsed sitemap: its page URLs, and the child sitemaps a sitemap index points to."""

    urls: list[SitemapURL] = field(default_factory=list)
    children: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- bytes to elements


def _inflate(body: bytes) -> bytes:
    """Un-gzip a body that starts with the gzip magic bytes, bounded by MAX_XML_BYTES."""
    if not body.startswith(b"\x1f\x8b"):
        if len(body) > MAX_XML_BYTES:
            raise FeedError(f"larger than {MAX_XML_BYTES // (1024 * 1024)} MB")
        return body
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        data = inflater.decompress(body, MAX_XML_BYTES + 1)
    except zlib.error as exc:
        raise FeedError(f"broken gzip body: {exc}") from None
    if len(data) > MAX_XML_BYTES or inflater.unconsumed_tail:
        raise FeedError(f"gzip body inflates beyond {MAX_XML_BYTES // (1024 * 1024)} MB")
    return data


def _text_of(body: bytes | str) -> str:
    if isinstance(body, str):
        return body
    from newscrawler.extract.decode import decode_body

    return decode_body(_inflate(body)).text


def _parse_xml(text: str) -> Element:
    text = text.lstrip("\ufeff \t\r\n")
    try:
        root: Element = SafeET.fromstring(text, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise UnsafeXMLError(f"refused: the XML declares a DOCTYPE, entities or external references ({exc!r})") from None
    except ParseError as exc:
        raise FeedError(f"malformed XML: {exc}") from None
    return root


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _children(node: Element, name: str) -> Iterator[Element]:
    return (child for child in node if _local(child.tag) == name)


def _child(node: Element, *names: str) -> Element | None:
    for name in names:
        found = next(_children(node, name), None)
        if found is not None:
            return found
    return None


def _child_text(node: Element, *names: str) -> str:
    found = _child(node, *names)
    return " ".join("".join(found.itertext()).split()) if found is not None else ""


def _absolute(url: str, base_url: str) -> str | None:
    url = re.sub(r"\s+", "", url)
    if not url:
        return None
    url = urljoin(base_url, url) if base_url else url
    return url if urlsplit(url).scheme in ("http", "https") else None


# --------------------------------------------------------------------------- dates


def parse_date(text: str, now: datetime | None = None) -> datetime | None:
    """An RSS (RFC 822) or Atom/sitemap (W3C, ISO 8601) date as an aware datetime, or None.

    Read by the extractor's one date entry point (``newscrawler.extract.dates.parse_date``), so a feed and
    the page it lists agree: a date without a zone, or with ``CST``, is China time; partial W3C dates
    (``2023-04``) are the first day of that period; a date more than a day after ``now`` (default: the
    current time) is no date. The bare year W3C also allows (``2023``), never a page's date, is 1 January.
    """
    text = " ".join(text.split())
    if _BARE_YEAR.fullmatch(text):
        return datetime(int(text), 1, 1, tzinfo=CHINA)
    found = parse_page_date(text, now or datetime.now(UTC))
    return found.value if found is not None else None


_BARE_YEAR = re.compile(r"[12][0-9]{3}")


# --------------------------------------------------------------------------- feeds


def parse_feed(body: bytes | str, base_url: str = "") -> list[FeedEntry]:
    """The entries of an RSS 2.0 / RSS 1.0 (RDF) / Atom feed, in feed order, de-duplicated by URL.

    Links are made absolute against ``base_url``; an RSS item without ``<link>`` uses a permalink
    ``<guid>``; an Atom entry uses its ``rel="alternate"`` link. Raises :class:`FeedError` for a
    body that is not a feed and :class:`UnsafeXMLError` for one with a DOCTYPE or entities.
    """
    root = _parse_xml(_text_of(body))
    kind = _local(root.tag)
    if kind == "rss":
        channel = _child(root, "channel")
        items = list(_children(channel, "item")) if channel is not None else []
        entries = (_rss_item(item, base_url) for item in items)
    elif kind == "rdf":
        entries = (_rss_item(item, base_url) for item in _children(root, "item"))
    elif kind == "feed":
        entries = (_atom_entry(entry, base_url) for entry in _children(root, "entry"))
    else:
        raise FeedError(f"not an RSS or Atom feed: root element <{kind}>")
    out: dict[str, FeedEntry] = {}
    for entry in entries:
        if entry is not None and entry.url not in out:
            out[entry.url] = entry
    return list(out.values())


def _rss_item(item: Element, base_url: str) -> FeedEntry | None:
    url = _absolute(_child_text(item, "link"), base_url)
    if url is None:
        guid = _child(item, "guid")
        if guid is not None and (guid.get("isPermaLink") or "true").lower() != "false":
            url = _absolute("".join(guid.itertext()), base_url)
    if url is None:
        return None
    published = parse_date(_child_text(item, "pubdate", "date", "published", "updated"))
    return FeedEntry(url, _child_text(item, "title"), published)


def _atom_entry(entry: Element, base_url: str) -> FeedEntry | None:
    href = None
    for link in _children(entry, "link"):
        rel = (link.get("rel") or "alternate").lower()
        if rel == "alternate" and link.get("href"):
            href = link.get("href")
            break
    url = _absolute(href or "", base_url)
    if url is None:
        identifier = _child_text(entry, "id")
        url = _absolute(identifier, "") if identifier.startswith(("http://", "https://")) else None
    if url is None:
        return None
    published = parse_date(_child_text(entry, "published", "issued", "updated", "modified"))
    return FeedEntry(url, _child_text(entry, "title"), published)


# --------------------------------------------------------------------------- sitemaps


def parse_sitemap(body: bytes | str, base_url: str = "") -> Sitemap:
    """A sitemap (``<urlset>``), a sitemap index (``<sitemapindex>``) or a plain-text sitemap.

    A plain-text sitemap is one absolute http(s) URL a line (other lines are ignored).
    Gzip bodies are recognised by their magic bytes. Google News entries (``<news:news>``) give
    ``news_publication_date`` and ``news_title``. Raises :class:`FeedError` /
    :class:`UnsafeXMLError` as :func:`parse_feed` does.
    """
    text = _text_of(body).lstrip("\ufeff \t\r\n")
    if text and not text.startswith("<"):
        lines = (line.strip() for line in text.splitlines())
        return Sitemap(urls=[SitemapURL(u) for u in dict.fromkeys(u for u in lines if re.match(r"https?://\S+$", u))])
    root = _parse_xml(text)
    kind = _local(root.tag)
    if kind == "sitemapindex":
        children = (_absolute(_child_text(node, "loc"), base_url) for node in _children(root, "sitemap"))
        return Sitemap(children=list(dict.fromkeys(c for c in children if c)))
    if kind != "urlset":
        raise FeedError(f"not a sitemap: root element <{kind}>")
    urls: dict[str, SitemapURL] = {}
    for node in _children(root, "url"):
        url = _absolute(_child_text(node, "loc"), base_url)
        if url is None or url in urls:
            continue
        news = _child(node, "news")
        urls[url] = SitemapURL(
            url,
            lastmod=parse_date(_child_text(node, "lastmod")),
            news_publication_date=parse_date(_child_text(news, "publication_date")) if news is not None else None,
            news_title=(_child_text(news, "title") or None) if news is not None else None,
        )
    return Sitemap(urls=list(urls.values()))


# --------------------------------------------------------------------------- filtering

Dated = TypeVar("Dated", FeedEntry, SitemapURL)


def recent(entries: Iterable[Dated], since: datetime, *, keep_undated: bool = True) -> list[Dated]:
    """The entries published (feeds, news sitemaps) or modified (``lastmod``) at or after ``since``.

    ``since`` must be timezone-aware. Entries without any date are kept unless ``keep_undated`` is
    False: nothing says they are old.
    """
    if since.tzinfo is None or since.utcoffset() is None:
        raise ValueError("recent(): 'since' must be a timezone-aware datetime")
    out = []
    for entry in entries:
        when = entry.published if isinstance(entry, FeedEntry) else entry.date
        if (when is None and keep_undated) or (when is not None and when >= since):
            out.append(entry)
    return out
