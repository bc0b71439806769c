"""Scrapy extensions of the project (one module each)."""
