"""Downloader middlewares of the project (one module each)."""
