"""Paragraph-level differences between two contents of an article (pure).

A content is its title, its body (paragraphs one per line, as stored) and its publication time. The
diff is JSON-ready and stored with an ``edited`` event:

``{"title": [old, new] | None, "publish_date": [old ISO, new ISO] | None,
"paragraphs": [{"op": "added"|"removed"|"changed", "at": i, "old": …, "new": …}, …],
"added": n, "removed": n, "changed": n}``

``at`` is the paragraph's index in the new body (in the old one for ``removed``). Paragraphs are
matched by ``difflib.SequenceMatcher`` over whole lines; inside a replaced run, old and new paragraphs
are paired in order as ``changed`` when they share most of their characters (ratio ≥ 0.5), the rest are
removed or added. Lines are compared after whitespace is collapsed, so re-wrapped text is no edit.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

_SPACE = re.compile(r"\s+")
SIMILAR = 0.5
"""Character ratio at or above which a replaced paragraph counts as changed rather than removed + added."""


@dataclass(frozen=True, slots=True)
class Content:
    """What an edit is judged on: title, body lines, publication time."""

    title: str | None
    body: str
    publish_date: datetime | None

    def lines(self) -> list[str]:
        return [line for line in (_norm(x) for x in self.body.split("\n")) if line]


def _norm(text: str | None) -> str:
    return _SPACE.sub(" ", text or "").strip()


def same_date(a: datetime | None, b: datetime | None) -> bool:
    if a is None or b is None:
        return a is b
    return a == b


def changed(old: Content, new: Content) -> bool:
    """True when the text, the title or the publication time differ (whitespace aside)."""
    return (_norm(old.title) != _norm(new.title) or not same_date(old.publish_date, new.publish_date)
            or old.lines() != new.lines())


def content_diff(old: Content, new: Content) -> dict[str, Any]:
    """The diff of two contents (format in the module docstring)."""
    ops: list[dict[str, Any]] = []
    a, b = old.lines(), new.lines()
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if tag == "delete":
            ops += [{"op": "removed", "at": i, "old": a[i]} for i in range(i1, i2)]
        elif tag == "insert":
            ops += [{"op": "added", "at": j, "new": b[j]} for j in range(j1, j2)]
        else:
            ops += _pair(a, b, i1, i2, j1, j2)
    counts = {kind: sum(1 for op in ops if op["op"] == kind) for kind in ("added", "removed", "changed")}
    title = [old.title, new.title] if _norm(old.title) != _norm(new.title) else None
    date = None
    if not same_date(old.publish_date, new.publish_date):
        date = [d.isoformat() if d else None for d in (old.publish_date, new.publish_date)]
    return {"title": title, "publish_date": date, "paragraphs": ops, **counts}


def _pair(a: list[str], b: list[str], i1: int, i2: int, j1: int, j2: int) -> list[dict[str, Any]]:
    """A replaced run: old and new paragraphs paired in order while they are similar."""
    ops: list[dict[str, Any]] = []
    i, j = i1, j1
    while i < i2 and j < j2:
        ratio = difflib.SequenceMatcher(a=a[i], b=b[j], autojunk=False).ratio()
        if ratio >= SIMILAR:
            ops.append({"op": "changed", "at": j, "old": a[i], "new": b[j]})
            i, j = i + 1, j + 1
        elif i2 - i > j2 - j:
            ops.append({"op": "removed", "at": i, "old": a[i]})
            i += 1
        else:
            ops.append({"op": "added", "at": j, "new": b[j]})
            j += 1
    ops += [{"op": "removed", "at": k, "old": a[k]} for k in range(i, i2)]
    ops += [{"op": "added", "at": k, "new": b[k]} for k in range(j, j2)]
    return ops


def summary(diff: dict[str, Any], width: int = 60) -> str:
    """One line for a report: the title change, then each paragraph change shortened (``~`` changed,
    ``+`` added, ``-`` removed)."""
    parts: list[str] = []
    if diff.get("title"):
        old, new = diff["title"]
        parts.append(f"title: {old} → {new}")
    if diff.get("publish_date"):
        old, new = diff["publish_date"]
        parts.append(f"date: {old} → {new}")
    for op in diff.get("paragraphs", []):
        if op["op"] == "changed":
            parts.append(f"~¶{op['at'] + 1}: {_changed_span(op['old'], op['new'], width)}")
        elif op["op"] == "added":
            parts.append(f"+¶{op['at'] + 1}: {_short(op['new'], width)}")
        else:
            parts.append(f"-¶{op['at'] + 1}: {_short(op['old'], width)}")
    return "; ".join(parts)


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _changed_span(old: str, new: str, width: int) -> str:
    """The part of a changed paragraph that differs, ``old → new`` (a few characters of context)."""
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    blocks = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    if not blocks:
        return _short(new, width)
    i1, i2, j1, j2 = blocks[0][1], blocks[-1][2], blocks[0][3], blocks[-1][4]
    before, after = old[max(0, i1 - 4): i2 + 4], new[max(0, j1 - 4): j2 + 4]
    return f"{_short(before, width // 2)} → {_short(after, width // 2)}"
