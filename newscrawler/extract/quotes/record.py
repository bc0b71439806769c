"""The ``Quote`` record: one attribution as the extractor returns and the archive stores it.

It is part of the item contract (``newscrawler.items``), so the storage and export code can name the
record and its literal types without the rules; this module re-exports it for the quote engine.
"""

from __future__ import annotations

from newscrawler.items import Position, Quote, QuoteType, SpeakerType

__all__ = ["Position", "Quote", "QuoteType", "SpeakerType"]
