#!/usr/bin/env python3
"""How quote extraction time grows with page size (issue 18, point 5).

    python benchmarks/quotes_scaling.py [--sizes 0.125,1,8] [--runs 1]

Builds a synthetic article of about N MB of invented Chinese news text (the
same generator as ``tests/test_quotes_scaling.py``: paragraphs with titled
names, pronouns, documents, anonymous sources, cues and quotations; every
paragraph names a new person, so the speaker registry grows with the page, as
on a huge real page) and times ``extract_quotes`` on its blocks. Linear
extraction keeps ms per 100 KB about constant from size to size; the
quadratic mention index made it grow with the size (1 MB 1.2 s, 8 MB 24 s in
the issue's measurement of the whole extraction).

A measurement script, not a test: timings vary with the machine.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from newscrawler.extract.quotes import extract_quotes  # noqa: E402
from newscrawler.extract.quotes.synthetic import synthetic_blocks  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="0.125,1,8", help="page sizes in MB (UTF-8), comma-separated")
    ap.add_argument("--runs", type=int, default=1, help="timed calls per size (the best is reported)")
    a = ap.parse_args(argv)
    print("| size | blocks | characters | quotes | seconds | ms per 100 KB |")
    print("|---|---|---|---|---|---|")
    for size in (float(x) for x in a.sizes.split(",")):
        blocks = synthetic_blocks(int(size * 1024 * 1024))
        chars = sum(len(t) for _, t in blocks)
        nbytes = sum(len(t.encode("utf-8")) for _, t in blocks)
        best = float("inf")
        found = 0
        for _ in range(a.runs):
            t0 = time.perf_counter()
            found = len(extract_quotes(blocks))
            best = min(best, time.perf_counter() - t0)
        print(f"| {size:g} MB | {len(blocks)} | {chars} | {found} | {best:.2f} | {best * 1000 / (nbytes / 102400):.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
