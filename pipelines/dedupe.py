"""Stage 3, deduplicate: fingerprint each article and drop repeats within one crawl.

Computes ``item.content_hash`` (exact copies) and ``item.signature`` (MinHash of
character 4-grams, near copies) for the store stage, unless the spider's extraction
worker has set them already (they depend on the body alone), which links copies across
the whole archive (they are kept, never dropped: who reprints whom is data).
What this stage drops is the same page arriving twice in one crawl under one canonical
URL (two links to one page): outcome ``repeat_in_crawl``. Two pages with *different*
bodies that declare the same canonical URL are not one page: the claim is false (a
template naming one URL on every article), so the later page is keyed by the URL it
was fetched from, its claim kept in ``item.canonical_claim`` (outcome
``canonical_refused/shared``). Other outcomes: ``first``, ``not_article``.
"""

from __future__ import annotations

from scrapy.crawler import Crawler

from newscrawler.items import ArticleItem
from pipelines.identity import canonical_url
from pipelines.stage import Stage
from pipelines.syndication import content_hash, minhash


class FingerprintArticle(Stage):
    """Attach content hash and MinHash signature; drop a page seen earlier in this crawl."""

    name = "dedupe"

    def __init__(self, crawler: Crawler | None = None) -> None:
        super().__init__(crawler)
        self.seen: dict[str, str | None] = {}
        """Canonical URL -> content hash of the page first stored under it in this crawl."""

    def process_item(self, item: ArticleItem) -> ArticleItem:
        article = item.article
        if not article.is_article:
            self.count("not_article")
            return item
        if item.content_hash is None:  # a crawl's extraction workers may have computed both already
            item.content_hash = content_hash(article.body)
            item.signature = minhash(article.body)
        key = article.canonical_url or article.url or ""
        if key in self.seen and self.seen[key] != item.content_hash and article.url:
            own = canonical_url(article.url)
            if own != key:  # another page's body under the same claimed URL: key this one by its own URL
                item.canonical_claim = item.canonical_claim or article.canonical_url
                article.canonical_url = key = own
                self.count("canonical_refused/shared")
        if key in self.seen:
            raise self.drop("repeat_in_crawl", f"already stored in this crawl: {key}", expected=True)
        self.seen[key] = item.content_hash
        self.count("first")
        return item
