"""newscrawler: crawl Chinese news portals, extract clean articles, archive them.

The package holds everything up to the moment an article item exists (spiders,
the pure extractor, the item contract, the CLI); storage stages live in the
top-level ``pipelines`` package.
"""

__version__ = "0.1.0"
