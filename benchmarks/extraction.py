#!/usr/bin/env python3
"""Benchmark newscrawler's article extractor on the shared Chinese news corpus.

    python benchmarks/extraction.py [--corpus ../shared/corpus] [--only SET[,SET]]
                                    [--compare trafilatura,readability] [--json OUT]
                                    [--second-opinion-below C]

Every ``<id>.html`` of every dataset folder is read as raw bytes and given to
``newscrawler.extract.extract(body, url, FETCHED_AT, None)`` in this process, one
timed call per page after one untimed warm-up call. Scores come from the shared
scorers, imported at run time from ``<corpus>/../tools``: ``evalx`` (body
character/bigram P/R/F1, title, date day, author, snippets, marker/garbled/empty)
and ``barcheck`` (date minute, source, editor, disclaimers, headings, clean,
complete). Nothing here re-implements a metric.

``--compare`` runs evalx's adapters for other extractors (when installed) on the
same pages, given the page decoded by ``evalx.harness_decode`` as in
``shared/docs/anchors.md``; their timing includes that decode.

Where the extractor asked its second opinion (``Article.second_opinion``), the page is timed
again with it on and off (CPU time, best of three each) so the generality tables can say what it
costs; ``--second-opinion-below 0`` runs the extractor without it, for a side-by-side run.

This is a measurement script, not a test: numbers vary with the machine.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import importlib
import json
import resource
import statistics
import sys
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
FETCHED_AT = datetime(2026, 11, 29, 12, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
OURS = "newscrawler"
PORTAL_SETS = ("portals-labelled", "gne-tests-unlabelled", "cx163-unlabelled")
MARKER_SETS = ("gne-tests-unlabelled", "cx163-unlabelled")
PRED_KEYS = ("title", "body", "publish_date", "author", "source", "editor", "disclaimers",
             "is_article", "reason", "encoding", "kind", "confidence", "second_opinion")
TAIL_F1 = 0.5
"""A page whose body char F1 is under this is lost to a reader: the tail counts them."""
WORST_N = 5
MAX_ERRORS_SHOWN = 20

ExtractFn = Callable[..., Any]
"""``extract(body, url, fetched_at, headers, **options)``."""
Row = dict[str, Any]
Summary = dict[str, Any]
Results = dict[str, list[Row]]  # dataset name -> page rows


class SetupError(Exception):
    """A missing corpus, scorer or extractor: reported in one line."""


# ---------------------------------------------------------------------------
# scorers and extractors


@dataclass(frozen=True)
class Scorers:
    evalx: ModuleType
    barcheck: ModuleType


def load_scorers(corpus: Path) -> Scorers:
    """Import evalx and barcheck from the tools folder beside the corpus."""
    for tools in (corpus.resolve().parent / "tools", REPO.parent / "shared" / "tools"):
        if (tools / "evalx.py").exists() and (tools / "barcheck.py").exists():
            sys.path.insert(0, str(tools))
            return Scorers(importlib.import_module("evalx"), importlib.import_module("barcheck"))
    raise SetupError(f"evalx.py/barcheck.py not found in {corpus.resolve().parent / 'tools'}")


def load_extract() -> ExtractFn:
    sys.path.insert(0, str(REPO))
    try:
        module = importlib.import_module("newscrawler.extract")
        fn: ExtractFn = module.extract
    except Exception as e:  # an import failure is reported, not raised
        raise SetupError(f"cannot import newscrawler.extract.extract: {type(e).__name__}: {e}") from e
    return fn


@dataclass(frozen=True)
class Engine:
    """An extractor under test: ``call`` is timed, ``convert`` (result -> prediction dict) is not."""

    name: str
    call: Callable[[bytes, str | None], Any]
    convert: Callable[[Any], dict[str, Any]]
    without_second: Callable[[bytes, str | None], Any] | None = None
    """The same extractor with its second opinion off: on the pages where the second opinion was
    asked, both are timed again (``paired_cost``), so its cost is a paired difference."""


def article_to_pred(article: Any) -> dict[str, Any]:
    """``Article.to_json()`` restricted to the fields the scorers read (author stays a list)."""
    data = article.to_json()
    return {k: data.get(k) for k in PRED_KEYS}


def newscrawler_engine(extract_fn: ExtractFn, second_opinion_below: float | None = None) -> Engine:
    """Our extractor; ``second_opinion_below`` (when given) overrides its second-opinion threshold."""
    options = {} if second_opinion_below is None else {"second_opinion_below": second_opinion_below}

    def call(body: bytes, url: str | None) -> Any:
        return extract_fn(body, url, FETCHED_AT, None, **options)

    def without_second(body: bytes, url: str | None) -> Any:
        return extract_fn(body, url, FETCHED_AT, None, second_opinion_below=0.0)

    return Engine(OURS, call, article_to_pred, without_second)


def plain_pred(result: Any) -> dict[str, Any]:
    """An evalx adapter's dict with non-JSON values (dates …) as strings."""
    return {k: v if v is None or isinstance(v, str | int | float | list) else str(v)
            for k, v in dict(result or {}).items()}


def comparison_engine(name: str, evalx: ModuleType) -> Engine:
    """evalx's built-in adapter for ``name``, fed the harness-decoded page (raises ImportError)."""
    if name not in evalx.BUILTINS:
        raise SetupError(f"unknown --compare extractor {name!r}; evalx has: {', '.join(evalx.BUILTINS)}")
    adapter = evalx.BUILTINS[name]()

    def call(body: bytes, url: str | None) -> Any:
        return adapter(body, evalx.harness_decode(body), url)

    return Engine(name, call, plain_pred)


# ---------------------------------------------------------------------------
# running and scoring


def evalx_view(pred: Mapping[str, Any]) -> dict[str, Any]:
    """The prediction as evalx reads it: author list joined into one string."""
    view = dict(pred)
    if isinstance(view.get("author"), list):
        view["author"] = " ".join(str(a) for a in view["author"])
    return view


def timed(fn: Callable[[bytes, str | None], Any], body: bytes, url: str | None) -> tuple[Any, float, float]:
    """``fn``'s result, wall ms and CPU ms (this thread's: what the call itself cost, which other processes'
    load on a shared machine does not inflate, as it does the wall clock)."""
    t0, c0 = time.perf_counter(), time.thread_time()
    out = fn(body, url)
    return out, (time.perf_counter() - t0) * 1000, (time.thread_time() - c0) * 1000


PAIRED_RUNS = 3


def cpu_ms(fn: Callable[[bytes, str | None], Any], body: bytes, url: str | None) -> float:
    t0 = time.thread_time()
    fn(body, url)
    return (time.thread_time() - t0) * 1000


def paired_cost(with_it: Callable[[bytes, str | None], Any], without: Callable[[bytes, str | None], Any],
                body: bytes, url: str | None) -> float:
    """CPU ms that ``with_it`` costs over ``without`` on one page: each timed ``PAIRED_RUNS`` times,
    interleaved, best of each (CPU time of this thread, so other processes' load does not count)."""
    best_with = best_without = float("inf")
    for _ in range(PAIRED_RUNS):
        best_with = min(best_with, cpu_ms(with_it, body, url))
        best_without = min(best_without, cpu_ms(without, body, url))
    return best_with - best_without


def run_page(engine: Engine, page_id: str, body: bytes, gold: dict[str, Any],
             scorers: Scorers, timeout: float) -> Row:
    """One timed call; an exception (or timeout) is an error row scored like an empty prediction."""
    row: Row = {"id": page_id, "ms": None, "error": None, "site": site_of(page_id, gold)}
    pred: dict[str, Any] = {}
    try:
        url = gold.get("url")
        result, row["ms"], row["cpu_ms"] = scorers.evalx.call_with_timeout(timed, timeout, engine.call, body, url)
        pred = engine.convert(result)
        if engine.without_second is not None and pred.get("second_opinion"):
            row["second_ms"] = paired_cost(engine.call, engine.without_second, body, url)
            if pred.get("second_opinion") == "taken":
                alone = engine.convert(engine.without_second(body, url))
                row["scores_without_second"] = scorers.evalx.score_page(evalx_view(alone), gold)
    except Exception as e:  # an extractor failure is a result, not a crash of the benchmark
        row["error"] = f"{type(e).__name__}: {e}"[:300]
    row["pred"] = pred
    row["scores"] = scorers.evalx.score_page(evalx_view(pred), gold)
    row["fields"] = scorers.barcheck.score(pred, gold)
    return row


def warm_up(engine: Engine, body: bytes, url: str | None, scorers: Scorers, timeout: float) -> None:
    with contextlib.suppress(Exception):  # the timed call reports it
        scorers.evalx.call_with_timeout(engine.call, timeout, body, url)


def run_engine(engine: Engine, datasets: Sequence[tuple[str, Path]], scorers: Scorers,
               timeout: float) -> Results:
    results: Results = {}
    warmed = False
    for name, folder in datasets:
        pages = scorers.evalx.load_pages(folder)
        print(f"… {engine.name}: {name} ({len(pages)} pages)", file=sys.stderr, flush=True)
        rows = []
        for page_id, html_path, gold in pages:
            body = html_path.read_bytes()
            if not warmed:
                warm_up(engine, body, gold.get("url"), scorers, timeout)
                warmed = True
            rows.append(run_page(engine, page_id, body, gold, scorers, timeout))
        results[name] = rows
    return results


def timings(rows: Iterable[Row], key: str = "ms") -> list[float]:
    """Wall ms (``ms``) or CPU ms (``cpu_ms``) of the pages that gave a result."""
    return [r[key] for r in rows if not r["error"] and r.get(key) is not None]


def speed(ms: list[float], evalx: ModuleType) -> dict[str, float | None]:
    if not ms:
        return {"median_ms": None, "p95_ms": None, "pages_per_s": None}
    total = sum(ms)
    return {"median_ms": statistics.median(ms), "p95_ms": evalx.pct(ms, 0.95),
            "pages_per_s": len(ms) / (total / 1000) if total else None}


def field_means(rows: Iterable[Row]) -> dict[str, tuple[float, int]]:
    """barcheck's per-page field scores averaged over the pages that have them."""
    per_key: dict[str, list[float]] = {}
    for r in rows:
        for k, v in r["fields"].items():
            per_key.setdefault(k, []).append(v)
    return {k: (statistics.fmean(v), len(v)) for k, v in per_key.items()}


def summarise(rows: list[Row], evalx: ModuleType) -> Summary:
    summary: Summary = evalx.aggregate(rows)
    summary.update(speed(timings(rows), evalx))
    cpu = timings(rows, "cpu_ms")
    summary["median_cpu_ms"] = statistics.median(cpu) if cpu else None
    summary["fields"] = field_means(rows)
    return summary


# ---------------------------------------------------------------------------
# generality: tail, dropped articles, and a split by site that is never tuned on

_SECOND_LEVEL = {"com", "net", "org", "gov", "edu", "ac"}


def site_of(page_id: str, gold: Mapping[str, Any]) -> str | None:
    """The registrable domain of a page (``huanqiu.com``, ``sina.com.hk``), from the label's
    ``domain`` or ``url``, else the ``site__n`` prefix of the page id; None when unknown."""
    host = gold.get("domain") or (urlsplit(str(gold["url"])).hostname if gold.get("url") else None)
    if not host and "__" in page_id:
        host = page_id.split("__", 1)[0]
    if not host:
        return None
    labels = str(host).lower().strip(".").split(".")
    keep = 3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2 else 2
    return ".".join(labels[-keep:])


def half_of(site: str | None) -> str | None:
    """``tune`` or ``held`` by the parity of sha1(site): fixed before any result was looked at.
    Tune on ``tune`` pages only; ``held`` is printed, never read page by page."""
    if site is None:
        return None
    return "tune" if hashlib.sha1(site.encode("utf-8")).digest()[0] % 2 == 0 else "held"


def generality(rows: Sequence[Row]) -> dict[str, Any]:
    """Body-labelled pages only: mean char F1, tail share (F1 < TAIL_F1), labelled articles given
    is_article=false, second-opinion share (where the extractor reports one) and how often its body
    was taken, median ms of all pages and of those where the second opinion was asked."""
    scored = [r for r in rows if "char_f1" in r["scores"]]
    if not scored:
        return {"n": 0}
    f1 = [r["scores"]["char_f1"] for r in scored]
    ms = timings(scored)
    second = [r for r in scored if r["pred"].get("second_opinion") is not None]
    titles = [r["scores"]["title_ok"] for r in scored if "title_ok" in r["scores"]]
    return {
        "title": statistics.fmean(titles) if titles else None,
        "n": len(scored),
        "f1": statistics.fmean(f1),
        "tail": sum(v < TAIL_F1 for v in f1) / len(f1),
        "dropped": sum(r["pred"].get("is_article") is False for r in scored),
        "reasons": dropped_reasons(scored),
        "second": (sum(bool(r["pred"]["second_opinion"]) for r in second) / len(second)) if second else None,
        "taken": sum(r["pred"].get("second_opinion") == "taken" for r in second),
        "won": sum(_second_delta(r) > 0 for r in second),
        "lost": sum(_second_delta(r) < 0 for r in second),
        "ms": statistics.median(ms) if ms else None,
        "ms_asked": statistics.median(asked) if (asked := timings(r for r in second if r["pred"]["second_opinion"]))
        else None,
        "ms_second": statistics.median(cost) if (cost := [r["second_ms"] for r in scored if "second_ms" in r])
        else None,
    }


def _second_delta(row: Row) -> float:
    """Body char F1 with the second opinion's body minus without it (0 unless its body was taken)."""
    alone = row.get("scores_without_second")
    if not alone or "char_f1" not in alone or "char_f1" not in row["scores"]:
        return 0.0
    delta: float = row["scores"]["char_f1"] - alone["char_f1"]
    return delta if abs(delta) > 1e-9 else 0.0


def dropped_reasons(rows: Iterable[Row]) -> dict[str, int]:
    """Labelled article pages given is_article=false, counted by the extractor's reason (most first)."""
    counts: dict[str, int] = {}
    for r in rows:
        if r["pred"].get("is_article") is False:
            reason = str(r["pred"].get("reason") or "?")
            counts[reason] = counts.get(reason, 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def reasons_cell(g: Mapping[str, Any]) -> str:
    """``2 list page, 1 gallery``; ``–`` when nothing was dropped."""
    return ", ".join(f"{n} {reason}" for reason, n in g.get("reasons", {}).items()) or "–"


def generality_table(all_results: Mapping[str, Results]) -> str:
    """Per labelled set and pooled, for every engine run: the figures issue 12 is judged on."""
    headers = ["dataset", "extractor", "pages", "body F1", f"tail (F1<{TAIL_F1:g})", "dropped articles",
               "second opinion", "2nd taken", "median ms", "median ms asked", "2nd opinion ms"]
    rows: list[list[str]] = []
    for engine, results in all_results.items():
        pooled_rows: list[Row] = []
        for name, set_rows in results.items():
            g = generality(set_rows)
            if not g["n"]:
                continue
            pooled_rows += set_rows
            rows.append(gen_cells(name, engine, g))
        if pooled_rows:
            rows.append(gen_cells("(pooled)", engine, generality(pooled_rows)))
    if not rows:
        return ""
    return ("\n## Generality (body-labelled pages)\n"
            "tail = share of pages with body char F1 < 0.5; dropped = labelled article pages given "
            "is_article=false; second opinion = share of pages where it was asked (when reported), 2nd taken = "
            "pages whose body it gave; median ms asked = median time of the pages where it was asked; 2nd "
            "opinion ms = median extra CPU ms it cost them (paired: best of 3 with it, best of 3 without)\n\n"
            + render(headers, rows))


def pct(v: float | None) -> str:
    return "–" if v is None else f"{100 * v:.1f} %"


def gen_cells(name: str, engine: str, g: Mapping[str, Any]) -> list[str]:
    return [name, engine, str(g["n"]), fmt(g["f1"]), pct(g["tail"]), str(g["dropped"]), pct(g["second"]),
            str(g["taken"]) if g["second"] is not None else "–", fmt(g["ms"], 1), fmt(g["ms_asked"], 1),
            fmt(g["ms_second"], 1)]


def split_table(results: Results) -> str:
    """Tuning half and never-tuned half (by site hash) side by side, per set with sites and pooled."""
    headers = ["dataset", "sites tune/held", "n tune", "F1 tune", "tail tune", "dropped tune", "title tune",
               "2nd tune", "2nd taken tune", "2nd ms tune", "ms tune", "n held", "F1 held", "tail held",
               "dropped held", "title held", "2nd held", "2nd taken held", "2nd ms held", "ms held",
               "F1 held − tune"]
    reason_rows: list[list[str]] = []
    rows: list[list[str]] = []
    pooled_rows: dict[str, list[Row]] = {"tune": [], "held": []}
    for name, set_rows in [*results.items(), ("(pooled)", None)]:
        if set_rows is None:
            halves = pooled_rows
        else:
            halves = {h: [r for r in set_rows if half_of(r.get("site")) == h] for h in ("tune", "held")}
            for h in halves:
                pooled_rows[h] += halves[h]
        g = {h: generality(halves[h]) for h in halves}
        if not g["tune"]["n"] or not g["held"]["n"]:
            continue
        sites = "/".join(str(len({r["site"] for r in halves[h] if "char_f1" in r["scores"]})) for h in halves)
        cells = [name, sites]
        for h in ("tune", "held"):
            taken = f"{g[h]['taken']} (+{g[h]['won']}/−{g[h]['lost']})" if g[h]["second"] is not None else "–"
            cells += [str(g[h]["n"]), fmt(g[h]["f1"]), pct(g[h]["tail"]), str(g[h]["dropped"]), fmt(g[h]["title"]),
                      pct(g[h]["second"]), taken, fmt(g[h]["ms_second"], 1), fmt(g[h]["ms"], 1)]
        cells.append(f"{g['held']['f1'] - g['tune']['f1']:+.3f}")
        rows.append(cells)
        reason_rows.append([name, reasons_cell(g["tune"]), reasons_cell(g["held"])])
    if not rows:
        return ""
    return (f"\n## Tuning half vs never-tuned half ({OURS})\n"
            "sites split by the parity of sha1(registrable domain), fixed before results were seen; "
            "pages with no known site are in neither half. Never tune on the held half. 2nd = share of pages "
            "where the second opinion was asked, 2nd taken = pages whose body it gave (+won/−lost: body F1 "
            "higher/lower than the first method's alone on them), 2nd ms = its median paired CPU cost there, "
            "ms = median ms.\n\n"
            + render(headers, rows, left=1)
            + "\n\nLabelled articles dropped (is_article=false), by the extractor's reason (counts only):\n\n"
            + render(["dataset", "dropped tune", "dropped held"], reason_rows, left=3))


# ---------------------------------------------------------------------------
# tables


def fmt(v: float | None, digits: int = 3) -> str:
    return "–" if v is None else f"{v:.{digits}f}"


def with_n(v: float | None, n: int, digits: int = 2) -> str:
    return "–" if v is None or not n else f"{v:.{digits}f} ({n})"


def acc(s: Summary, name: str) -> str:
    """An evalx accuracy with its page count, '–' when the set has no such label."""
    return with_n(s[f"{name}_acc"], s[f"{name}_n"])


def fld(s: Summary, key: str) -> str:
    """A barcheck field mean with its page count."""
    mean, n = s["fields"].get(key, (None, 0))
    return with_n(mean, n)


def body_f(key: str) -> Callable[[Summary], str]:
    return lambda s: fmt(s[key]) if s["body_n"] else "–"


Column = tuple[str, Callable[[Summary], str]]

BODY_COLUMNS: list[Column] = [
    ("pages", lambda s: str(s["pages"])),
    ("body n", lambda s: str(s["body_n"]) if s["body_n"] else "–"),
    ("char F1", body_f("char_f1")),
    ("char P", body_f("char_p")),
    ("char R", body_f("char_r")),
    ("bigram F1", body_f("bigram_f1")),
    ("snippets", lambda s: fmt(s["snippets_acc"], 2) if s["snippets_n"] else "–"),
]
META_COLUMNS: list[Column] = [
    ("title", lambda s: acc(s, "title")),
    ("date day", lambda s: acc(s, "date")),
    ("date minute", lambda s: fld(s, "date_minute")),
    ("author", lambda s: acc(s, "author")),
    ("source", lambda s: fld(s, "source")),
    ("editor", lambda s: fld(s, "editor")),
    ("no author ok", lambda s: fld(s, "author_none")),
    ("no source ok", lambda s: fld(s, "source_none")),
    ("no editor ok", lambda s: fld(s, "editor_none")),
]
HYGIENE_COLUMNS: list[Column] = [
    ("disclaimers", lambda s: fld(s, "disclaimers")),
    ("discl. not in body", lambda s: fld(s, "disclaimer_out_of_body")),
    ("headings", lambda s: fld(s, "headings")),
    ("clean", lambda s: fld(s, "clean")),
    ("complete", lambda s: fld(s, "complete")),
    ("marker %", lambda s: fmt(s["marker_pct"], 0)),
    ("garbled %", lambda s: fmt(s["garbled_pct"], 1)),
    ("empty %", lambda s: fmt(s["empty_pct"], 1)),
]


def speed_columns(ours: dict[str, Summary]) -> list[Column]:
    """Speed columns; ``ours`` maps a row's dataset to our summary, for the ratio column."""

    def ratio(s: Summary) -> str:
        base = ours.get(s["_dataset"], {}).get("median_ms")
        if s["_engine"] == OURS or not base or s["median_ms"] is None:
            return "–"
        return f"{s['median_ms'] / base:.1f}×"

    return [
        ("pages", lambda s: str(s["pages"])),
        ("errors", lambda s: str(s["errors"])),
        ("median ms", lambda s: fmt(s["median_ms"], 1)),
        ("median CPU ms", lambda s: fmt(s.get("median_cpu_ms"), 1)),
        ("p95 ms", lambda s: fmt(s["p95_ms"], 1)),
        ("pages/s", lambda s: fmt(s["pages_per_s"], 0)),
        ("median vs ours", ratio),
    ]


def render(headers: Sequence[str], rows: Sequence[Sequence[str]], left: int = 2,
           left_after: int | None = None) -> str:
    """A markdown table padded to aligned columns: the first ``left`` columns (and those from
    ``left_after`` on) left-aligned, the others right-aligned."""

    def is_left(i: int) -> bool:
        return i < left or (left_after is not None and i >= left_after)

    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]

    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(c.ljust(w) if is_left(i) else c.rjust(w)
                                 for i, (c, w) in enumerate(zip(cells, widths, strict=True))) + " |"

    rule = "|" + "|".join("-" * (w + 1) + ("-" if is_left(i) else ":") for i, w in enumerate(widths)) + "|"
    return "\n".join([line(headers), rule, *(line(r) for r in rows)])


def family_table(title: str, note: str, columns: Sequence[Column], summaries: Sequence[Summary],
                 always: int = 0) -> str:
    """One row per (dataset, extractor); rows whose metric cells (after the first ``always``
    columns) are all '–' are left out and their datasets named below the table."""
    headers = ["dataset", "extractor", *(c[0] for c in columns)]
    rows, unlabelled = [], []
    for s in summaries:
        cells = [c[1](s) for c in columns]
        if all(c == "–" for c in cells[always:]):
            if s["_dataset"] not in unlabelled:
                unlabelled.append(s["_dataset"])
            continue
        rows.append([s["_dataset"], s["_engine"], *cells])
    table = render(headers, rows) if rows else "(no dataset here has these labels)"
    rest = f"\n\nnot labelled for these metrics: {', '.join(unlabelled)}" if unlabelled else ""
    return f"\n## {title}\n{note}\n\n{table}{rest}"


def page_note(row: Row) -> str:
    """Why a page may have scored badly: an exception, or the extractor's own 'not an article'."""
    if row["error"]:
        return str(row["error"])[:60]
    if row["pred"].get("is_article") is False:
        return f"is_article=False: {row['pred'].get('reason')}"
    return ""


def worst_pages(results: Results) -> str:
    """The WORST_N lowest body F1 pages of every body-labelled set, in one table."""
    table = []
    for name, rows in results.items():
        scored = sorted((r for r in rows if "char_f1" in r["scores"] and half_of(r.get("site")) != "held"),
                        key=lambda r: r["scores"]["char_f1"])
        for r in scored[:WORST_N]:
            f1, p, r_ = (fmt(r["scores"][k]) for k in ("char_f1", "char_p", "char_r"))
            table.append([name, r["id"], f1, p, r_, page_note(r)])
    if not table:
        return ""
    headers = ["dataset", "page", "char F1", "P", "R", "note"]
    return (f"\n## Worst body F1 ({OURS}, {WORST_N} per labelled set)\n"
            f"low P = clutter kept, low R = text lost; pages of the never-tuned half are not listed\n\n"
            f"{render(headers, table, left_after=5)}")


def error_list(results: Results) -> str:
    errors = [(name, r["id"], r["error"]) for name, rows in results.items() for r in rows if r["error"]]
    if not errors:
        return f"\n{OURS}: no exception escaped extract(), no timeout."
    shown = "\n".join(f"- {name}/{pid}: {err}" for name, pid, err in errors[:MAX_ERRORS_SHOWN])
    more = f"\n… and {len(errors) - MAX_ERRORS_SHOWN} more" if len(errors) > MAX_ERRORS_SHOWN else ""
    return (f"\n## Exceptions escaping {OURS}'s extract(), and timeouts ({len(errors)})\n"
            f"an exception is a bug; PageTimeout = over --timeout\n\n{shown}{more}")


# ---------------------------------------------------------------------------
# targets


@dataclass(frozen=True)
class Target:
    label: str
    threshold: float
    at_most: bool  # True: value must be <= threshold
    measure: Callable[[Results, Scorers], tuple[float | None, int]]  # (value, pages behind it)
    digits: int = 3

    @property
    def goal(self) -> str:
        if self.at_most and self.threshold == 0:
            return "= 0"
        return f"{'≤' if self.at_most else '≥'} {self.threshold:g}"

    def verdict(self, value: float | None) -> str:
        if value is None:
            return "n/a"
        ok = value <= self.threshold if self.at_most else value >= self.threshold
        return "PASS" if ok else "MISS"


def set_summary(results: Results, name: str, scorers: Scorers) -> Summary | None:
    return summarise(results[name], scorers.evalx) if name in results else None


def body_f1(name: str) -> Callable[[Results, Scorers], tuple[float | None, int]]:
    def measure(results: Results, scorers: Scorers) -> tuple[float | None, int]:
        s = set_summary(results, name, scorers)
        return (s["char_f1"], s["body_n"]) if s else (None, 0)
    return measure


def pooled(key: str) -> Callable[[Results, Scorers], tuple[float | None, int]]:
    """An evalx per-page boolean (date_ok, author_ok, title_ok) pooled over every set run."""
    def measure(results: Results, scorers: Scorers) -> tuple[float | None, int]:
        vals = [r["scores"][key] for rows in results.values() for r in rows if key in r["scores"]]
        return (sum(vals) / len(vals), len(vals)) if vals else (None, 0)
    return measure


def marker_pct(name: str) -> Callable[[Results, Scorers], tuple[float | None, int]]:
    def measure(results: Results, scorers: Scorers) -> tuple[float | None, int]:
        s = set_summary(results, name, scorers)
        return (s["marker_pct"], s["pages"]) if s else (None, 0)
    return measure


def count_all(predicate: Callable[[Row], bool]) -> Callable[[Results, Scorers], tuple[float | None, int]]:
    def measure(results: Results, scorers: Scorers) -> tuple[float | None, int]:
        rows = [r for rs in results.values() for r in rs]
        return (float(sum(map(predicate, rows))), len(rows)) if rows else (None, 0)
    return measure


def portal_median(key: str) -> Callable[[Results, Scorers], tuple[float | None, int]]:
    """The median wall (``ms``) or CPU (``cpu_ms``) time per page over the portal sets."""
    def measure(results: Results, scorers: Scorers) -> tuple[float | None, int]:
        ms = [m for name in PORTAL_SETS if name in results for m in timings(results[name], key)]
        return (statistics.median(ms), len(ms)) if ms else (None, 0)
    return measure


TARGETS = [
    Target("cwced body char F1", 0.93, False, body_f1("cwced")),
    Target("portals-labelled body char F1", 0.95, False, body_f1("portals-labelled")),
    Target("date same day (labelled sets pooled)", 0.95, False, pooled("date_ok")),
    Target("author (labelled sets pooled)", 0.80, False, pooled("author_ok")),
    Target("title exact (title-labelled sets pooled)", 0.95, False, pooled("title_ok")),
    *(Target(f"marker % on {name}", 5.0, True, marker_pct(name), 1) for name in MARKER_SETS),
    Target("garbled pages, all sets", 0.0, True, count_all(lambda r: bool(r["scores"].get("garbled"))), 0),
    Target("median CPU ms on portal sets (pooled)", 10.0, True, portal_median("cpu_ms"), 1),
    Target("exceptions or timeouts, all sets", 0.0, True, count_all(lambda r: bool(r["error"])), 0),
]


def targets_table(all_results: Mapping[str, Results], scorers: Scorers) -> tuple[str, list[dict[str, Any]]]:
    others = [name for name in all_results if name != OURS]
    headers = ["target", "goal", OURS, "n", "result", *others]
    rows, records = [], []
    for t in TARGETS:
        value, n = t.measure(all_results[OURS], scorers)
        theirs = [t.measure(all_results[o], scorers)[0] for o in others]
        rows.append([t.label, t.goal, fmt(value, t.digits), str(n), t.verdict(value),
                     *(fmt(v, t.digits) for v in theirs)])
        records.append({"target": t.label, "goal": t.goal, "value": value, "n": n, "result": t.verdict(value),
                        **{o: v for o, v in zip(others, theirs, strict=True)}})
    note = "\nother extractors' values are for reference only\n" if others else ""
    return f"\n## Targets ({OURS})\n{note}\n{render(headers, rows)}", records


# ---------------------------------------------------------------------------
# main


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                    help=f"corpus root or one dataset folder (default {DEFAULT_CORPUS})")
    ap.add_argument("--only", action="append", default=[], metavar="SET",
                    help="only these datasets (repeatable or comma-separated)")
    ap.add_argument("--compare", default="", metavar="NAMES",
                    help="comma-separated evalx built-ins to run alongside, e.g. trafilatura,readability")
    ap.add_argument("--json", type=Path, metavar="OUT", help="write summaries and per-page results here")
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds per page; a timeout is an error")
    ap.add_argument("--second-opinion-below", type=float, default=None, metavar="C",
                    help="ask the second body finder under this confidence (0 = never; default: the extractor's)")
    return ap.parse_args(argv)


def select_datasets(corpus: Path, only: Sequence[str], evalx: ModuleType) -> list[tuple[str, Path]]:
    datasets: list[tuple[str, Path]] = evalx.find_datasets(corpus)
    wanted = {n.strip() for item in only for n in item.split(",") if n.strip()}
    unknown = wanted - {name for name, _ in datasets}
    if unknown:
        raise SetupError(f"unknown dataset(s) {', '.join(sorted(unknown))}; corpus has: "
                         f"{', '.join(name for name, _ in datasets)}")
    chosen = [d for d in datasets if not wanted or d[0] in wanted]
    if not chosen:
        raise SetupError(f"no <id>.html/<id>.json pairs under {corpus}")
    return chosen


def comparison_engines(names: str, evalx: ModuleType) -> tuple[list[Engine], list[str]]:
    engines, notes = [], []
    for name in (n.strip() for n in names.split(",") if n.strip()):
        try:
            engines.append(comparison_engine(name, evalx))
        except ImportError as e:
            notes.append(f"--compare {name}: skipped, not installed ({e})")
    return engines, notes


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def report(all_results: Mapping[str, Results], scorers: Scorers) -> tuple[str, list[dict[str, Any]]]:
    summaries: list[Summary] = []
    for engine, results in all_results.items():
        for name, rows in results.items():
            summaries.append({**summarise(rows, scorers.evalx), "_engine": engine, "_dataset": name})
    summaries.sort(key=lambda s: (list(all_results[OURS]).index(s["_dataset"]), s["_engine"] != OURS))
    ours = {s["_dataset"]: s for s in summaries if s["_engine"] == OURS}
    n = "(n) = pages with that label; '–' = not labelled in this set."
    parts = [
        family_table("Body text", "evalx: character and bigram F1/P/R after NFKC, whitespace and punctuation "
                     "removed, macro average; snippets = body_must_contain found and body_must_not_contain "
                     "absent.", BODY_COLUMNS, summaries, always=1),
        family_table("Metadata", "title exact, date same day, author (every labelled name): evalx. date "
                     "minute, source, editor, 'no X ok' (label says none, none returned): barcheck. " + n,
                     META_COLUMNS, summaries),
        family_table("Body hygiene", "disclaimers (as a field), headings (as body lines), clean (no "
                     "body_must_not_contain), complete: barcheck. marker / garbled / empty % of all pages: "
                     "evalx. " + n, HYGIENE_COLUMNS, summaries),
        family_table("Robustness and speed", "one call per page after one warm-up, time.perf_counter (wall) and time.thread_time "
                     "(CPU: the call's own cost, not inflated by other processes on the machine; the median ms "
                     "target reads it); "
                     "errors = exceptions or timeouts; median vs ours = their median / ours on the same set.",
                     speed_columns(ours), summaries),
        generality_table(all_results),
        split_table(all_results[OURS]),
        worst_pages(all_results[OURS]),
        error_list(all_results[OURS]),
    ]
    targets_text, target_records = targets_table(all_results, scorers)
    parts.append(targets_text)
    return "\n".join(parts), target_records


def write_json(out: Path, all_results: Mapping[str, Results], targets: list[dict[str, Any]],
               scorers: Scorers, extra: dict[str, Any]) -> None:
    data = {
        "fetched_at": FETCHED_AT.isoformat(),
        **extra,
        "targets": targets,
        "engines": {engine: {name: {"summary": summarise(rows, scorers.evalx), "pages": rows}
                             for name, rows in results.items()}
                    for engine, results in all_results.items()},
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(data, ensure_ascii=False, indent=1, default=str), encoding="utf-8")


def main(argv: Sequence[str] | None = None, extract_fn: ExtractFn | None = None) -> int:
    """Run the benchmark; ``extract_fn`` replaces newscrawler's extract (for trying the script out)."""
    args = parse_args(argv)
    try:
        if not args.corpus.is_dir():
            raise SetupError(f"corpus not found at {args.corpus} (give --corpus DIR)")
        scorers = load_scorers(args.corpus)
        datasets = select_datasets(args.corpus, args.only, scorers.evalx)
        engine = newscrawler_engine(extract_fn or load_extract(), args.second_opinion_below)
        others, notes = comparison_engines(args.compare, scorers.evalx)
    except SetupError as e:
        print(f"extraction.py: {e}", file=sys.stderr)
        return 2

    all_results: dict[str, Results] = {OURS: run_engine(engine, datasets, scorers, args.timeout)}
    rss_ours = peak_rss_mib()
    for other in others:
        all_results[other.name] = run_engine(other, datasets, scorers, args.timeout)
    rss_all = peak_rss_mib()

    text, targets = report(all_results, scorers)
    print(f"# Extraction benchmark: {args.corpus.resolve()}  (fetched_at {FETCHED_AT.isoformat()})")
    for note in notes:
        print(note)
    print(text)
    rss = f"peak memory (max RSS of this process): {rss_ours:.0f} MiB after {OURS}"
    print("\n" + rss + (f", {rss_all:.0f} MiB after the comparisons" if others else ""))
    if args.json:
        write_json(args.json, all_results, targets, scorers,
                   {"corpus": str(args.corpus.resolve()), "skipped": notes,
                    "peak_rss_mib": {OURS: rss_ours, "all": rss_all}})
        print(f"per-page results: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
