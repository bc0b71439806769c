"""The corpus floors of ``tests/test_corpus.py``, kept beside it in ``tests/corpus_baseline.json``.

Each corpus set the test measures has an entry keyed by the set's name holding

- ``content_hash``: SHA-256 over the files the test reads (every ``*.json`` label that has its ``.html``
  page, in name order: the name, then the SHA-256 of each file's bytes), and ``pages``, how many pairs;
- ``floors`` (labelled sets: metric -> lowest allowed mean of ``barcheck.score``) or ``ceilings``
  (unlabelled sets: ``boilerplate_share``, the highest allowed share of bodies carrying a boilerplate
  marker of ``evalx``);
- ``measured``: what the extractor reached when the entry was written (for the reader; never compared).

The floors were set on those exact files. When a set's files change, its hash no longer matches and the
test says so instead of comparing the new files against floors set on others.

Regenerate (from the repository root, with ../shared present)::

    python -m tests.corpus_baseline            # show each set: hash current or not, measured vs floors
    python -m tests.corpus_baseline --write    # re-key changed or new sets: floors = measured - margin

``--write`` keeps the floors of every set whose files are unchanged (floors never move silently on the same
data); for a changed or new set it measures the extractor and writes floors ``MARGIN`` under each measured
mean (rounded down to 0.005) and ceilings at ``CEILING`` or above. ``--write --all`` re-derives every set.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import importlib.util
import json
import math
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

BASELINE = Path(__file__).with_name("corpus_baseline.json")
MARGIN = 0.02
"""How far under the measured mean a newly written floor sits."""
CEILING = 0.05
"""The boilerplate share an unlabelled set may reach, unless it already measures more (then measured + 0.02)."""
DEFAULT_METRICS = ("body_f1",)
"""Metrics floored for a labelled set the baseline does not know yet."""


def _repo() -> Path:
    return Path(__file__).resolve().parent.parent


def shared() -> Path:
    return _repo().parent / "shared"


def corpus() -> Path:
    return shared() / "corpus"


def pairs(dataset: str, root: Path | None = None) -> list[tuple[Path, Path]]:
    """The (label, page) files of a corpus set (under ``root``, default ../shared/corpus) the test reads, in
    name order."""
    folder = (root or corpus()) / dataset
    return [(label, label.with_suffix(".html")) for label in sorted(folder.glob("*.json"))
            if label.with_suffix(".html").exists()]


def content_hash(dataset: str, root: Path | None = None) -> str:
    """SHA-256 over the names and bytes' SHA-256 of the files :func:`pairs` lists."""
    digest = hashlib.sha256()
    for label, page in pairs(dataset, root):
        for path in (label, page):
            digest.update(path.name.encode("utf-8") + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).hexdigest().encode("ascii") + b"\n")
    return digest.hexdigest()


def load() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(BASELINE.read_text(encoding="utf-8"))
    return data


def stale(dataset: str, entry: dict[str, Any], root: Path | None = None) -> str | None:
    """Why the entry's floors do not apply to the set's files today (None: they do)."""
    now = content_hash(dataset, root)
    if now == entry["content_hash"]:
        return None
    return (f"corpus set {dataset} changed since its floors were set: content hash {now[:12]} (recorded "
            f"{entry['content_hash'][:12]}, {len(pairs(dataset, root))} page(s) now, {entry['pages']} then); its floors "
            f"apply to other files. Re-key it: python -m tests.corpus_baseline --write (see tests/corpus_baseline.py)")


# --------------------------------------------------------------------------- measuring


def tool(name: str) -> ModuleType:
    """One of ../shared/tools' scorers (``evalx``, ``barcheck``), imported where it lies, never copied."""
    tools = shared() / "tools"
    if str(tools) not in sys.path:
        sys.path.insert(0, str(tools))
    spec = importlib.util.spec_from_file_location(name, tools / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@functools.cache
def extracted(dataset: str) -> list[tuple[str, Any, dict[str, Any]]]:
    """``(page id, Article, label)`` of every page of the set, extracted as the tests do."""
    from newscrawler.extract import extract

    from .conftest import FETCHED_AT

    out = []
    for label, page in pairs(dataset):
        gold = json.loads(label.read_text(encoding="utf-8"))
        out.append((label.stem, extract(page.read_bytes(), gold.get("url"), FETCHED_AT, raise_errors=True), gold))
    return out


def as_prediction(article: Any) -> dict[str, Any]:
    data: dict[str, Any] = article.to_json()
    data["author"] = " ".join(article.author)
    data["editor"] = " ".join(article.editor)
    return data


def labelled_means(dataset: str) -> dict[str, float]:
    """The mean of each ``barcheck.score`` metric over the set."""
    barcheck = tool("barcheck")
    totals: dict[str, list[float]] = {}
    for _, article, gold in extracted(dataset):
        for key, value in barcheck.score(as_prediction(article), gold).items():
            totals.setdefault(key, []).append(value)
    return {k: sum(v) / len(v) for k, v in totals.items()}


def boilerplate_share(dataset: str) -> tuple[float, list[str]]:
    """The share of the set's bodies that carry an ``evalx`` boilerplate marker, and those pages."""
    evalx = tool("evalx")
    results = extracted(dataset)
    dirty = [pid for pid, a, _ in results if any(m in a.body for m in evalx.BOILERPLATE_MARKERS)]
    return len(dirty) / len(results), dirty


# --------------------------------------------------------------------------- the command


def _down(value: float) -> float:
    return math.floor(value * 200 + 1e-9) / 200


def _entry(dataset: str, old: dict[str, Any] | None) -> dict[str, Any]:
    entry: dict[str, Any] = {"content_hash": content_hash(dataset), "pages": len(pairs(dataset))}
    if old is not None and "ceilings" in old:
        share, _ = boilerplate_share(dataset)
        entry["ceilings"] = {"boilerplate_share": max(CEILING, round(share + 0.02, 3))}
        entry["measured"] = {"boilerplate_share": round(share, 3)}
    else:
        means = labelled_means(dataset)
        metrics = sorted(old["floors"]) if old is not None else list(DEFAULT_METRICS)
        entry["floors"] = {m: _down(means.get(m, 0.0) - MARGIN) for m in metrics}
        entry["measured"] = {m: round(means.get(m, 0.0), 3) for m in metrics}
    return entry


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.corpus_baseline", description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="re-key changed or new sets in the baseline file")
    parser.add_argument("--all", action="store_true", help="with --write: re-derive every set's floors")
    parser.add_argument("--add", action="append", default=[], metavar="SET",
                        help="with --write: also floor this labelled corpus set (body_f1)")
    args = parser.parse_args(argv)
    if not corpus().is_dir():
        print(f"no corpus at {corpus()}", file=sys.stderr)
        return 2
    baseline = load()
    sets: dict[str, Any] = baseline["sets"]
    for name in args.add:
        sets.setdefault(name, None)
    changed = 0
    for name in sorted(sets):
        entry = sets[name]
        current = entry is not None and stale(name, entry) is None
        if args.write and (args.all or not current):
            sets[name] = _entry(name, entry)
            changed += 1
            print(f"{name}: written {json.dumps(sets[name], sort_keys=True)}")
            continue
        if entry is None:
            print(f"{name}: not in the baseline yet (--write adds it)")
            continue
        now = (labelled_means(name) if "floors" in entry
               else {"boilerplate_share": boilerplate_share(name)[0]})
        limits = entry.get("floors") or entry.get("ceilings")
        shown = ", ".join(f"{k} {now.get(k, 0.0):.3f} ({'≥' if 'floors' in entry else '≤'} {v})"
                          for k, v in sorted(limits.items()))
        print(f"{name}: {'current' if current else 'CHANGED'} {entry['content_hash'][:12]}; {shown}")
    if args.write and changed:
        BASELINE.write_text(json.dumps(baseline, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {BASELINE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
