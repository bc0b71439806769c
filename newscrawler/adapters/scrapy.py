"""Scrapy internals (tested with Scrapy 2.19; the dependency is capped below 3).

* ``RobotsTxtMiddleware._parsers``: the parsed robots.txt per host. Scrapy 2.19 hands the parser of a
  robots.txt still downloading to the first waiter only (``newscrawler.middlewares.robots``); the
  others look it up here.
* ``ExecutionEngine._slot.inprogress`` / ``.nextcall`` / ``.closing``: the requests the engine is still
  working on (from download until their callback's output is handled), its wake-up call, and whether
  the spider is closing; the distributed frontier acknowledges a lease only once its request has left
  that set, and wakes the engine when the shared queue may have work; a retry stops waiting once the
  spider closes. Scrapy has no public signal for these moments.

``engine.downloader.slots`` (the per-site download slots AutoThrottle also adjusts) is a public
attribute, read here so that every reach into the engine sits in one module.
"""

from __future__ import annotations

from typing import Any

from scrapy import Request

from newscrawler.adapters import InternalChanged

DISTRIBUTION = "scrapy"


def robots_parser(middleware: Any, netloc: str) -> Any | None:
    """The finished robots.txt parser ``middleware`` holds for ``netloc`` (None while it downloads)."""
    from twisted.internet.defer import Deferred

    stored = getattr(middleware, "_parsers", {}).get(netloc)
    return None if stored is None or isinstance(stored, Deferred) else stored


def _engine(crawler: Any) -> Any | None:
    """The crawler's engine, None before the crawl starts (Scrapy raises on access then)."""
    try:
        return crawler.engine
    except (AttributeError, RuntimeError):
        return None


def download_slot(crawler: Any, request: Request) -> Any | None:
    """The download slot ``request`` went through (its ``delay`` can be raised), or None."""
    engine = _engine(crawler)
    slots = engine.downloader.slots if engine is not None else {}
    return slots.get(request.meta.get("download_slot"))


def in_progress(crawler: Any) -> set[Request]:
    """The requests the engine is still processing (empty before the spider opens)."""
    slot = getattr(_engine(crawler), "_slot", None)
    return set(slot.inprogress) if slot is not None else set()


def wake_engine(crawler: Any) -> None:
    """Ask the engine to look at its scheduler now rather than at its next 5 s heartbeat."""
    slot = getattr(_engine(crawler), "_slot", None)
    if slot is not None:
        slot.nextcall.schedule()


def is_stopping(crawler: Any) -> bool:
    """True once the crawl is shutting down (a stop signal: ``engine.running`` is public) or its spider is
    closing (a CLOSESPIDER limit: the engine slot's ``closing``)."""
    engine = _engine(crawler)
    if engine is None:
        return False
    slot = getattr(engine, "_slot", None)
    return not engine.running or (slot is not None and slot.closing is not None)


def check() -> None:
    """Raise :class:`InternalChanged` when an internal used above is gone or changed."""
    import inspect

    from scrapy.core import engine
    from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware

    if "self._parsers" not in inspect.getsource(RobotsTxtMiddleware.__init__):
        raise InternalChanged(DISTRIBUTION, "RobotsTxtMiddleware no longer keeps its parsers in _parsers")
    slot_class = getattr(engine, "_Slot", None)
    if slot_class is None or "self._slot" not in inspect.getsource(engine.ExecutionEngine):
        raise InternalChanged(DISTRIBUTION, "ExecutionEngine no longer has a _slot of class _Slot")
    source = inspect.getsource(slot_class.__init__)
    for attribute in ("self.inprogress", "self.nextcall", "self.closing"):
        if attribute not in source:
            raise InternalChanged(DISTRIBUTION, f"the engine's _Slot has no {attribute.removeprefix('self.')}")
