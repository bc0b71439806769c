#!/usr/bin/env python3
"""How whole-page extraction time grows with page size, and where the time goes (issue 18, point 5).

    python benchmarks/large_pages.py [--sizes 1,8,20] [--shapes article,portal,deep] [--profile]

Builds synthetic pages of about N MB (invented Chinese text only) in five shapes and times
``extract()`` on each, wall clock and the thread's CPU time (the clock the per-page budget uses):

- ``article``: one headline and N MB of paragraphs in one container (the quote engine's worst case);
- ``portal``: a short article inside N MB of menus, link lists, teasers and comment boxes;
- ``deep``: the article inside nested ``<div>``s, 1,000 levels, repeated to N MB;
- ``br``: one element of short ``<br>``-separated lines (a forum or log dump);
- ``table``: a short article above a data table of N MB.

Linear extraction keeps "ms per MB" about constant from size to size. A page over the time budget
(``EXTRACTION_BUDGET_S``) comes back as ``extraction timeout``: the table says so. ``--budget``
changes it (``inf`` to see the unbounded time); ``--profile`` prints the top functions per page.

A measurement script, not a test: timings vary with the machine.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from newscrawler.extract import extract  # noqa: E402
from newscrawler.extract.budget import EXTRACTION_BUDGET_S  # noqa: E402
from newscrawler.extract.quotes.synthetic import paragraph  # noqa: E402

FETCHED_AT = datetime(2026, 11, 29, 12, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
MB = 1024 * 1024
HEAD = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>清河新区今年建成三座公园_本地新闻_某某网</title>"
        "</head><body>")
TITLE = "<h1>清河新区今年建成三座公园</h1><div class='info'>2026-11-28 09:30 来源：某某日报 记者 王明华</div>"


def _fill(n_bytes: int, head: str, unit: Callable[[int], str], tail: str) -> bytes:
    parts = [head]
    size = len(head.encode())
    i = 0
    while size < n_bytes:
        piece = unit(i)
        parts.append(piece)
        size += len(piece.encode())
        i += 1
    parts.append(tail)
    return "".join(parts).encode("utf-8")


def article_page(n_bytes: int) -> bytes:
    return _fill(n_bytes, HEAD + "<div class='content'>" + TITLE, lambda i: f"<p>{paragraph(i)}</p>",
                 "</div></body></html>")


def _portal_unit(i: int) -> str:
    links = "".join(f"<li><a href='/n/{i}/{k}.html'>第{i}组第{k}条新闻标题示例</a></li>" for k in range(12))
    teaser = f"<div class='item'><h3><a href='/t/{i}.html'>专题报道第{i}期</a></h3><p>摘要：本期关注城市更新…</p></div>"
    comment = f"<div class='comment'><span>网友{i}</span><p>支持，希望早日建成。</p></div>"
    return f"<div class='nav'><ul>{links}</ul></div>{teaser}{comment}"


def portal_page(n_bytes: int) -> bytes:
    article = "<div class='article'>" + TITLE + "".join(f"<p>{paragraph(i)}</p>" for i in range(8)) + "</div>"
    return _fill(n_bytes, HEAD + article, _portal_unit, "</body></html>")


def deep_page(n_bytes: int) -> bytes:
    depth = 1000
    nested = ("<div>" * depth + TITLE + "".join(f"<p>{paragraph(i)}</p>" for i in range(6)) + "</div>" * depth)
    return _fill(n_bytes, HEAD, lambda i: nested, "</body></html>")


def br_page(n_bytes: int) -> bytes:
    return _fill(n_bytes, HEAD + TITLE + "<div class='content'>",
                 lambda i: f"第{i}条：{paragraph(i)[:40]}<br>" + ("<br>" if i % 5 == 4 else ""), "</div></body></html>")


def table_page(n_bytes: int) -> bytes:
    return _fill(n_bytes, HEAD + TITLE + "<p>" + paragraph(0) + "</p><table>",
                 lambda i: f"<tr><td>{i}</td><td>清河新区第{i}号地块</td><td>{i * 3 % 97}公顷</td><td>2026-11-{i % 28 + 1}</td></tr>",
                 "</table></body></html>")


SHAPES: dict[str, Callable[[int], bytes]] = {"article": article_page, "portal": portal_page, "deep": deep_page,
                                             "br": br_page, "table": table_page}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1,8,20", help="page sizes in MB, comma-separated")
    ap.add_argument("--shapes", default=",".join(SHAPES), help=f"comma-separated, of {', '.join(SHAPES)}")
    ap.add_argument("--budget", type=float, default=EXTRACTION_BUDGET_S, help="CPU seconds per page")
    ap.add_argument("--profile", action="store_true", help="print the 12 costliest functions per page")
    a = ap.parse_args(argv)
    print(f"budget {a.budget:g} s CPU per page")
    print("| shape | size | bytes | wall s | CPU s | ms per MB (CPU) | is_article | reason | body chars | quotes |")
    print("|---|---|---:|---:|---:|---:|---|---|---:|---:|")
    for shape in (s.strip() for s in a.shapes.split(",") if s.strip()):
        for size in (float(x) for x in a.sizes.split(",")):
            body = SHAPES[shape](int(size * MB))
            prof = cProfile.Profile() if a.profile else None
            t0, c0 = time.perf_counter(), time.thread_time()
            if prof is not None:
                prof.enable()
            art = extract(body, "https://news.example.cn/a/1.html", FETCHED_AT, time_budget=a.budget)
            if prof is not None:
                prof.disable()
            wall, cpu = time.perf_counter() - t0, time.thread_time() - c0
            print(f"| {shape} | {size:g} MB | {len(body)} | {wall:.2f} | {cpu:.2f} | {cpu * 1000 / (len(body) / MB):.0f} "
                  f"| {art.is_article} | {art.reason or ''} | {len(art.body)} | {len(art.quotes)} |", flush=True)
            if prof is not None:
                out = io.StringIO()
                pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(12)
                print(out.getvalue(), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
