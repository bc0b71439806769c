"""Stage 3, deduplicate: fingerprint each article and drop repeats within one crawl.

Computes ``item.content_hash`` (exact copies) and ``item.signature`` (MinHash of
character 4-grams, near copies) for the store stage, unless the spider's extraction
worker has set them already (they depend on the body alone), which links copies across
the whole archive (they are kept, never dropped: who reprints whom is data).
What this stage drops is the same canonical URL arriving twice in one crawl
(two links to one page): outcome ``repeat_in_crawl``. Other outcomes: ``first``,
``not_article``.
"""

from __future__ import annotations

from scrapy.crawler import Crawler

from newscrawler.items import ArticleItem
from pipelines.stage import Stage
from pipelines.syndication import content_hash, minhash


class FingerprintArticle(Stage):
    """Attach content hash and MinHash signature; drop a canonical URL seen earlier in this crawl."""

    name = "dedupe"

    def __init__(self, crawler: Crawler | None = None) -> None:
        super().__init__(crawler)
        self.seen: set[str] = set()

    def process_item(self, item: ArticleItem) -> ArticleItem:
        article = item.article
        if not article.is_article:
            self.count("not_article")
            return item
        key = article.canonical_url or article.url or ""
        if key in self.seen:
            raise self.drop("repeat_in_crawl", f"already stored in this crawl: {key}", expected=True)
        self.seen.add(key)
        if item.content_hash is None:  # a crawl's extraction workers may have computed both already
            item.content_hash = content_hash(article.body)
            item.signature = minhash(article.body)
        self.count("first")
        return item
