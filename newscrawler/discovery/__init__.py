"""Discovery: where the portal spider finds article URLs. Pure: no network, no crawler, no database.

- ``links``: the links of a page (``extract_links``) and what each points at (``classify_link``:
  article, list or other; a site profile's patterns take precedence);
- ``pagination``: the next page of a list (``next_list_page``) and the remaining pages of an
  article split over pages (``article_continuations``);
- ``feeds``: RSS/Atom feeds (``parse_feed``), sitemaps, sitemap indexes and news sitemaps
  (``parse_sitemap``), and date filtering (``recent``).
"""

from .feeds import (
    MAX_XML_BYTES,
    FeedEntry,
    FeedError,
    Sitemap,
    SitemapURL,
    UnsafeXMLError,
    parse_date,
    parse_feed,
    parse_sitemap,
    recent,
)
from .links import LinkClass, cjk_count, classify_link, extract_links, link_text_hint
from .pagination import (
    article_continuations,
    continuations_from_links,
    may_continue,
    next_list_page,
    page_number,
    page_stem,
)

__all__ = [
    "MAX_XML_BYTES",
    "FeedEntry",
    "FeedError",
    "LinkClass",
    "Sitemap",
    "SitemapURL",
    "UnsafeXMLError",
    "article_continuations",
    "cjk_count",
    "classify_link",
    "continuations_from_links",
    "extract_links",
    "link_text_hint",
    "may_continue",
    "next_list_page",
    "page_number",
    "page_stem",
    "parse_date",
    "parse_feed",
    "parse_sitemap",
    "recent",
]
