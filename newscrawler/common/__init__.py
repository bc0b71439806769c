"""Pure helpers that both halves of the crawler may import: the extraction side (``newscrawler.extract``,
the spiders' workers) and the storage side (``pipelines``).

Pure means: the standard library only (no Scrapy, Twisted, SQLAlchemy, Alembic, no I/O), so importing a
module here never drags a framework into a worker process or into the pipelines.
``tests/test_layout.py`` checks it.

- ``urls``: the one canonical spelling of a URL (``canonical_url``) and the tracking parameters it drops;
- ``fingerprints``: the content hash and one-permutation MinHash of an article body, and their LSH keys;
- ``fold``: width folding and Traditional→Simplified conversion.
"""
