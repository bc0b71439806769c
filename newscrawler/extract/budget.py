"""A per-page time budget for extraction, checked cooperatively.

Extraction runs inside crawl worker processes, so it cannot be bounded with threads or signals
(``SIGALRM`` would interrupt Twisted's reactor, a watchdog thread cannot stop C code). Instead the
passes ask ``Budget.check`` between themselves and every few thousand steps of their long loops;
once the page's CPU time is spent, ``check`` raises ``ExtractionTimeout`` and ``extract`` returns
``is_article=False`` with reason ``extraction timeout`` (the page's visible text, when it was
already read, is kept in ``page_text``). The clock is the calling thread's CPU time, so a busy
machine or a pause of the process does not fail a page, and other threads' work is not counted.
"""

from __future__ import annotations

import time

EXTRACTION_BUDGET_S = 5.0
"""Default CPU seconds one page may take. A 20 MB page extracts in about 2 s (see
``benchmarks/large_pages.py``); only a pathological page reaches this."""


class ExtractionTimeout(Exception):
    """The page's time budget is spent (raised by ``Budget.check``, caught by ``extract``)."""


class Budget:
    """``seconds`` of the current thread's CPU time from now; ``check`` raises once they are spent.

    A zero budget is spent at the first check (tests use it to reach the timeout path)."""

    __slots__ = ("deadline", "seconds")

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.deadline = time.thread_time() + seconds

    def left(self) -> float:
        """CPU seconds still to spend (0 once the budget is spent)."""
        return max(0.0, self.deadline - time.thread_time())

    def expired(self) -> bool:
        return time.thread_time() >= self.deadline

    def check(self) -> None:
        """Raise ``ExtractionTimeout`` when the budget is spent."""
        if time.thread_time() >= self.deadline:
            raise ExtractionTimeout(f"extraction took more than {self.seconds:g} s of CPU")
