"""Quote attribution on third-party pages: the corpus gold of ``benchmarks/quote_gold`` (issue 14).

The gold holds offsets only; the text is the label body of each page in ``../shared/corpus``,
read here at test time (skipped when absent, failed with NEWSCRAWLER_REQUIRE_CORPUS=1). The
pages are split by SHA-1 into a tuning half and a test half (``benchmarks/quote_gold/README.md``);
the floors below are regression guards a little under the figures measured when they were set,
not the issue's targets (``benchmarks/quotes.py`` prints those).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from .conftest import CORPUS, require_shared
from .test_quotes import _prf, score

GOLD = Path(__file__).resolve().parents[1] / "benchmarks" / "quote_gold" / "corpus-gold.jsonl"
FLOORS = {"tuning": 0.92, "test": 0.78}
"""Span+speaker F1 (lenient) floors per half: measured 0.939 and 0.796 when set (the tuning half includes the 39
pages of its second batch)."""

Record = dict[str, Any]


def _half(page: str) -> str:
    return "tuning" if int(hashlib.sha1(page.encode("utf-8")).hexdigest()[:8], 16) % 2 == 0 else "test"


def _pages() -> dict[str, tuple[list[tuple[str, str]], list[Record], list[Record]]]:
    """page -> (blocks, gold, optional), text read from the corpus now."""
    corpus = require_shared(CORPUS)
    out: dict[str, tuple[list[tuple[str, str]], list[Record], list[Record]]] = {}
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if rec["kind"] == "page":
            label = json.loads((corpus / f"{rec['page']}.json").read_text(encoding="utf-8"))
            body = str(label["body"])
            assert hashlib.sha1(body.encode("utf-8")).hexdigest() == rec["body_sha1"], rec["page"]
            heads = set(label.get("headings") or [])
            blocks = [("h" if ln.strip() and ln in heads else "p", ln) for ln in body.split("\n")]
            assert len(blocks) == rec["paragraphs"], rec["page"]
            out[rec["page"]] = (blocks, [], [])
        else:
            blocks, gold, optional = out[rec["page"]]
            s, e = rec["quote_span"]
            assert 0 <= s < e <= len(blocks[rec["para_idx"]][1]), rec
            (optional if rec.get("optional") else gold).append(rec)
    return out


def test_corpus_gold_is_offsets_only_and_split_in_two() -> None:
    """No page text in the file; both halves have at least 20 pages and 150 required records."""
    text = GOLD.read_text(encoding="utf-8")
    assert "quote_text" not in text
    pages = _pages()
    assert len(pages) >= 40
    for half in ("tuning", "test"):
        mine = [p for p in pages if _half(p) == half]
        assert len(mine) >= 20, half
        assert sum(len(pages[p][1]) for p in mine) >= 150, half


@pytest.mark.parametrize("half", ["tuning", "test"])
def test_corpus_half_span_speaker_f1(half: str) -> None:
    tp = npred = ngold = 0
    for page, (blocks, gold, optional) in _pages().items():
        if _half(page) != half:
            continue
        sc = score(page, blocks, gold, [], optional)
        tp, npred, ngold = tp + sc.tp, npred + len(sc.preds), ngold + len(sc.gold)
    p, r, f1 = _prf(tp, npred, ngold)
    assert f1 >= FLOORS[half], f"{half}: span+speaker P={p:.3f} R={r:.3f} F1={f1:.3f}"
