"""Stage 1, validate: refuse items that break the contract, before anything is written.

Outcomes: ``ok``; ``not_article`` (passed on: its fetch is still recorded and its
raw page archived, then the store stage drops it with its reason); drops named
``not_an_item`` (something other than an ``ArticleItem``), ``missing_url``,
``missing_title``, ``missing_body``.
"""

from __future__ import annotations

from newscrawler.items import ArticleItem
from pipelines.stage import Stage


class ValidateArticle(Stage):
    """Drop items that lack a URL, a title or a body; never let half a record through."""

    name = "validate"

    def process_item(self, item: object) -> ArticleItem:
        if not isinstance(item, ArticleItem):
            raise self.drop("not_an_item", f"not an article item: {type(item).__name__}")
        article = item.article
        if not (article.canonical_url or article.url):
            raise self.drop("missing_url", "article without URL")
        if not article.is_article:
            self.count("not_article")
            return item
        if not (article.title or "").strip():
            raise self.drop("missing_title", f"article without title: {article.url}")
        if not article.body.strip():
            raise self.drop("missing_body", f"article without body: {article.url}")
        self.count("ok")
        return item
