"""Browsing a SQLite archive in Datasette: metadata from the schema docs, canned queries, search functions.

``metadata`` builds Datasette's metadata (every table and column described, internal tables hidden,
the canned queries of ``pipelines.db.canned``); ``plugin`` is the Datasette plugin that adds the
archive's SQL functions and readable JSON cells; ``server`` runs Datasette in this process.
"""
