"""Storage stages: everything after an article item exists.

Stages are referenced from ``ITEM_PIPELINES`` by dotted path and import nothing
from ``newscrawler`` except the item contract (``newscrawler.items``).
The stages (validate -> normalise -> deduplicate -> archive -> store) are filled
in by the archive work; this package ships from day one so the layout is stable.
"""
