"""Golden checks on the third-party corpus in ../shared/corpus (read at test time, never copied).

The labels are the expected values and are never edited. Each labelled set has floors a little under
what the extractor reached when they were set, kept in ``tests/corpus_baseline.json`` with the content
hash of the files they were measured on (``tests/corpus_baseline.py`` says how; ``python -m
tests.corpus_baseline --write`` re-keys a set whose files changed). A regression fails here; a changed
set fails with a message saying so, never against floors set on other files. The per-field figures and
timings are printed by ``benchmarks/extraction.py``. Skips with a reason when ../shared is absent, fails
instead when NEWSCRAWLER_REQUIRE_CORPUS=1 (CI).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from . import corpus_baseline as baseline
from .conftest import CORPUS, SHARED, require_shared

SETS: dict[str, dict[str, Any]] = baseline.load()["sets"]
LABELLED = sorted(name for name, entry in SETS.items() if "floors" in entry)
UNLABELLED = sorted(name for name, entry in SETS.items() if "ceilings" in entry)


def _current(dataset: str) -> dict[str, Any]:
    """The set's baseline entry, once the set is present and its files are the ones the floors were set on."""
    require_shared(CORPUS / dataset)
    entry = SETS[dataset]
    why = baseline.stale(dataset, entry)
    if why is not None:
        pytest.fail(why)
    return entry


def _tool(name: str) -> Any:
    require_shared(SHARED / "tools")
    return baseline.tool(name)


def _extracted(dataset: str) -> list[tuple[str, Any, dict[str, Any]]]:
    return baseline.extracted(dataset)


@pytest.mark.parametrize("dataset", LABELLED)
def test_labelled_set_stays_above_its_floors(dataset: str) -> None:
    floors = _current(dataset)["floors"]
    _tool("barcheck")
    means = baseline.labelled_means(dataset)
    short = {k: round(means.get(k, 0.0), 3) for k, floor in floors.items() if means.get(k, 0.0) < floor}
    assert not short, f"{dataset} fell below its floors: {short} (floors {floors})"


@pytest.mark.parametrize("dataset", UNLABELLED)
def test_unlabelled_portal_bodies_carry_little_boilerplate(dataset: str) -> None:
    ceiling = _current(dataset)["ceilings"]["boilerplate_share"]
    _tool("evalx")
    share, dirty = baseline.boilerplate_share(dataset)
    assert share <= ceiling, dirty


def test_a_changed_set_is_reported_not_compared(tmp_path: Path) -> None:
    """Floors keyed by the files' hash: any edit, addition or removal of a page says so, with the command."""
    (tmp_path / "made-up").mkdir()
    for stem, body in (("a", "<p>one invented page</p>"), ("b", "<p>another invented page</p>")):
        (tmp_path / "made-up" / f"{stem}.html").write_text(body, encoding="utf-8")
        (tmp_path / "made-up" / f"{stem}.json").write_text(json.dumps({"title": stem}), encoding="utf-8")
    (tmp_path / "made-up" / "c.json").write_text("{}", encoding="utf-8")  # no page: not read, not hashed
    entry = {"content_hash": baseline.content_hash("made-up", tmp_path), "pages": 2}
    assert baseline.stale("made-up", entry, tmp_path) is None
    (tmp_path / "made-up" / "c.json").write_text('{"x": 1}', encoding="utf-8")
    assert baseline.stale("made-up", entry, tmp_path) is None
    (tmp_path / "made-up" / "b.html").write_text("<p>another invented page, edited</p>", encoding="utf-8")
    why = baseline.stale("made-up", entry, tmp_path)
    assert why is not None and "made-up changed" in why and "python -m tests.corpus_baseline --write" in why
    (tmp_path / "made-up" / "b.html").unlink()
    assert "1 page(s) now, 2 then" in (baseline.stale("made-up", entry, tmp_path) or "")


def test_every_floor_in_the_baseline_is_a_number_between_0_and_1() -> None:
    assert LABELLED and UNLABELLED
    for name, entry in SETS.items():
        limits = entry.get("floors") or entry.get("ceilings")
        assert limits and len(entry["content_hash"]) == 64 and entry["pages"] > 0, name
        assert all(0.0 <= value <= 1.0 for value in limits.values()), name


def test_no_page_is_garbled_and_every_non_article_says_why() -> None:
    require_shared(CORPUS)
    evalx = _tool("evalx")
    datasets = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())
    garbled, silent = [], []
    for dataset in datasets:
        for pid, article, _ in _extracted(dataset):
            if evalx.looks_garbled(article.body) or evalx.looks_garbled(article.title or ""):
                garbled.append(f"{dataset}/{pid}")
            if not article.is_article and not article.reason:
                silent.append(f"{dataset}/{pid}")
    assert not garbled
    assert not silent


def test_lying_meta_pages_are_decoded_as_utf8() -> None:
    """The gmw and fundus pages declare gb2312 but their bytes are UTF-8."""
    require_shared(CORPUS)
    for dataset in ("readability-testpages-zh", "fundus-zh"):
        for pid, article, gold in _extracted(dataset):
            if (gold.get("encoding") or {}).get("actual") == "utf-8":
                assert article.encoding == "utf-8", f"{dataset}/{pid}"


def test_titles_carry_no_site_suffix() -> None:
    require_shared(CORPUS)
    for pid, article, gold in _extracted("trafilatura-eval-zh"):
        assert article.title == gold["title"], pid


def _seed_path() -> Path:
    return require_shared(SHARED / "seed")
