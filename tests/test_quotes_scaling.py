"""Quote extraction grows linearly with page size (issue 18, point 5), checked without a clock.

The work is counted, not timed: every line the quote package executes is counted with
``sys.settrace`` while it extracts a synthetic page of 8 KB and one of 64 KB (invented text from
``newscrawler.extract.quotes.synthetic``, a new titled speaker in every paragraph). Linear work
grows about 8 times; the quadratic mention index (one ``find`` pass per registered name and block,
antecedent search over every mention) grew it 14 times on many blocks and 44 times on one giant
block. The count is deterministic, so the test never depends on the machine's speed.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

import newscrawler.extract.quotes as quotes_pkg
from newscrawler.extract.quotes import extract_quotes
from newscrawler.extract.quotes.synthetic import person_name, synthetic_blocks

PACKAGE = str(Path(quotes_pkg.__file__).parent)


def lines_executed(blocks: Sequence[tuple[str, str]]) -> tuple[int, int]:
    """(lines the quote package executes to extract ``blocks``, quotes found)."""
    count = 0

    def local(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return local

    def calls(frame: FrameType, event: str, arg: Any) -> Any:
        return local if frame.f_code.co_filename.startswith(PACKAGE) else None

    previous = sys.gettrace()
    sys.settrace(calls)
    try:
        found = len(extract_quotes(blocks))
    finally:
        sys.settrace(previous)
    return count, found


def one_block(blocks: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The same text as one giant paragraph (a page whose body has no paragraph breaks)."""
    return [("p", "".join(text for kind, text in blocks if kind == "p"))]


@pytest.mark.parametrize("shape", ["paragraphs", "one block"])
def test_work_grows_linearly_with_page_size(shape: str) -> None:
    small, large = synthetic_blocks(8 * 1024), synthetic_blocks(64 * 1024)
    if shape == "one block":
        small, large = one_block(small), one_block(large)
    work_small, found_small = lines_executed(small)
    work_large, found_large = lines_executed(large)
    assert found_small > 20 and found_large >= 7 * found_small  # the pages do give quotes, in proportion
    ratio = work_large / work_small
    assert ratio <= 10.0, f"8x the text cost {ratio:.1f}x the work ({work_small} -> {work_large} lines)"


def test_synthetic_pages_are_deterministic_and_sized() -> None:
    a, b = synthetic_blocks(32 * 1024), synthetic_blocks(32 * 1024)
    assert a == b
    size = sum(len(text.encode("utf-8")) for _, text in a)
    assert 32 * 1024 <= size < 32 * 1024 + 1024
    paragraphs = [text for kind, text in a if kind == "p"]
    assert len({person_name(i) for i in range(20_000)}) == 20_000  # a new speaker in every paragraph
    assert all(person_name(i) in text for i, text in enumerate(paragraphs))
