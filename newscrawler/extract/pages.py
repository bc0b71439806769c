"""One article from the pages it is split over (下一页, ``_2.html``, ``index_1.html``, ``?page=2``).

``join_pages(first, later)`` takes the articles extracted from each page, in page order, and returns the
first with what the later pages add: body blocks not seen yet, images, notices and editors (each once).
The body and the quotes are then derived again from the joined blocks, so a quote on page two is found,
and its block index and offsets point into the whole article, as for a one-page article.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from newscrawler.extract.quotes import extract_quotes
from newscrawler.items import Article

__all__ = ["join_pages"]


def join_pages(first: Article, later: Sequence[Article]) -> Article:
    """A copy of ``first`` extended by the ``later`` pages (see the module docstring); ``first`` itself
    when it is not an article or has no later pages."""
    if not later or not first.is_article:
        return first
    joined = replace(first, blocks=list(first.blocks), images=list(first.images),
                     disclaimers=list(first.disclaimers), editor=list(first.editor))
    for page in later:
        known = {block.text for block in joined.blocks}
        joined.blocks += [block for block in page.blocks if block.text not in known]
        joined.images += [image for image in page.images if image not in joined.images]
        joined.disclaimers += [notice for notice in page.disclaimers if notice not in joined.disclaimers]
        joined.editor += [name for name in page.editor if name not in joined.editor]
    joined.body = "\n".join(block.text for block in joined.blocks)
    joined.quotes = extract_quotes(joined.blocks)
    return joined
