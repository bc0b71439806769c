"""Spiders: they navigate and call the pure extractor; they never parse article fields themselves."""
