"""Pure article extraction: ``extract(body, url, fetched_at, headers) -> Article``.

Imports neither Scrapy nor SQLAlchemy, does no I/O, so it runs the same in a
spider, in the CLI, in tests and when re-extracting archived pages.
"""

from newscrawler.extract.article import EXTRACTOR_VERSION, extract

__all__ = ["EXTRACTOR_VERSION", "extract"]
