"""Stage 2, normalise: one spelling for the values that key and group records.

- canonical URL: scheme and host lower-cased, default port, fragment and
  tracking parameters (``utm_*``, ``spm``, ``from`` …) removed, so one article is
  one row whatever link led to it;
- names (author, editor, tags) stripped and de-duplicated in order;
- title and source whitespace-collapsed.
Outcomes: ``changed`` or ``unchanged``.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from newscrawler.items import ArticleItem
from pipelines.stage import Stage

TRACKING_PARAMS = re.compile(
    r"^(?:utm_\w+|spm|from|share_token|share_source|scene|srcid|ref|referer|wfr|s_trackid|_hsenc|_hsmi|fbclid|gclid)$",
    re.I,
)
_WS = re.compile(r"\s+")


def canonical_url(url: str) -> str:
    """``url`` in its one canonical spelling (see module docstring)."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    netloc = host if port is None or (scheme, port) in (("http", 80), ("https", 443)) else f"{host}:{port}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if not TRACKING_PARAMS.match(k)])
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


def _names(values: list[str]) -> list[str]:
    out: list[str] = []
    for value in values:
        value = _WS.sub(" ", value).strip()
        if value and value not in out:
            out.append(value)
    return out


class NormaliseArticle(Stage):
    """Canonicalise the URL and tidy the name lists of each item (in place)."""

    name = "normalise"

    def process_item(self, item: ArticleItem) -> ArticleItem:
        article = item.article
        before = (article.canonical_url, article.author, article.editor, article.tags, article.title, article.source)
        source_url = article.canonical_url or article.url
        if source_url:
            article.canonical_url = canonical_url(source_url)
        article.author = _names(article.author)
        article.editor = _names(article.editor)
        article.tags = _names(article.tags)
        if article.title:
            article.title = _WS.sub(" ", article.title).strip()
        if article.source:
            article.source = _WS.sub(" ", article.source).strip()
        after = (article.canonical_url, article.author, article.editor, article.tags, article.title, article.source)
        self.count("changed" if after != before else "unchanged")
        return item
