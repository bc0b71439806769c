"""Adapters: the only modules that touch another project's internals, one module per dependency.

Where a dependency has no public API for what newscrawler needs, the access is written once here,
next to a ``check()`` that verifies every internal still has the shape used. ``tests/test_adapters.py``
runs each ``check()``, so a release that moves one fails the test run with a message naming the
dependency and its version (:class:`InternalChanged`) instead of breaking a crawl later.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version


class InternalChanged(RuntimeError):
    """An internal of a dependency that an adapter uses is gone or changed shape."""

    def __init__(self, distribution: str, what: str) -> None:
        try:
            found = version(distribution)
        except PackageNotFoundError:
            found = "not installed"
        super().__init__(f"{distribution} {found}: {what} (newscrawler.adapters needs updating)")
