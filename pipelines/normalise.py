"""Stage 2, normalise: one spelling for the values that key and group records.

- canonical URL: the page's declared canonical (``<link rel=canonical>``, ``og:url``) only when
  ``pipelines.identity.claim_refusal`` accepts it (on the page's own site, not its home or a list
  page), else the fetched URL; refused claims are kept in ``item.canonical_claim`` and counted as
  ``canonical_refused/<reason>``. Then scheme and host lower-cased, default port, fragment and
  tracking parameters (``utm_*``, ``spm``, ``from`` …) removed, so one article is one row whatever
  link led to it;
- names (author, editor, tags) stripped and de-duplicated in order;
- title and source whitespace-collapsed.
Outcomes: ``changed`` or ``unchanged``.
"""

from __future__ import annotations

import re

from newscrawler.common.urls import TRACKING_PARAMS, canonical_url
from newscrawler.items import ArticleItem
from pipelines.identity import claim_refusal
from pipelines.stage import Stage

__all__ = ["TRACKING_PARAMS", "NormaliseArticle", "canonical_url"]

_WS = re.compile(r"\s+")


def _names(values: list[str]) -> list[str]:
    out: list[str] = []
    for value in values:
        value = _WS.sub(" ", value).strip()
        if value and value not in out:
            out.append(value)
    return out


class NormaliseArticle(Stage):
    """Choose and canonicalise the article's key URL and tidy the name lists of each item (in place)."""

    name = "normalise"

    def process_item(self, item: ArticleItem) -> ArticleItem:
        article = item.article
        before = (article.canonical_url, article.author, article.editor, article.tags, article.title, article.source)
        fetched = article.url or (item.fetch.final_url if item.fetch is not None else None)
        source_url = article.canonical_url or article.url
        if fetched and article.canonical_url:
            refusal = claim_refusal(fetched, article.canonical_url, item.site_domains)
            if refusal is not None:
                item.canonical_claim = article.canonical_url
                source_url = fetched
                self.count(f"canonical_refused/{refusal}")
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
