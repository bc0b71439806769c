"""Pages nested deeper than the HTML parser allows: flatten the excess nesting and parse again.

libxml2 refuses a document nested more than 2,048 elements deep (256 without ``huge_tree``) and
then returns almost nothing of it, so such a page would lose its article. ``flatten_nesting``
rewrites the markup so that no element opens deeper than ``MAX_NESTING``: the tags that would go
deeper are dropped (block tags become ``<br>``, so their text still breaks into lines) together
with their matching end tags; all text stays. It is a plain scan over the tags, linear in the
page, and runs only after the parser has reported excessive depth.
"""

from __future__ import annotations

import re

MAX_NESTING = 1000
"""Deepest element kept by ``flatten_nesting`` (well under libxml2's limit: the scan's view of
HTML's implied end tags is approximate)."""

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)\b[^<>]*?(/?)>")
_VOID = frozenset(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                   "source", "track", "wbr", "keygen", "command"])
_SELF_CLOSING_SIBLINGS = frozenset(["p", "li", "dt", "dd", "tr", "td", "th", "option"])
"""Elements whose end tag HTML lets authors leave out: a new one closes the open one."""
_BLOCKS = frozenset(["div", "p", "section", "article", "table", "tr", "td", "th", "ul", "ol", "li", "dl", "dt",
                     "dd", "blockquote", "center", "form", "main", "header", "footer", "aside", "nav",
                     "h1", "h2", "h3", "h4", "h5", "h6", "pre", "figure", "figcaption", "tbody", "thead"])
_MATCH_WINDOW = 8
"""How far back an end tag looks for its start tag (further: a stray end tag, left as it is)."""


def flatten_nesting(html: str, limit: int = MAX_NESTING) -> str:
    """``html`` with every start tag deeper than ``limit`` (and its end tag) removed, text kept."""
    stack: list[tuple[str, bool]] = []
    out: list[str] = []
    pos = 0
    for m in _TAG.finditer(html):
        closing, name, self_closed = m.group(1), m.group(2).lower(), m.group(3)
        if name in _VOID or self_closed:
            continue
        keep = True
        if not closing:
            if name in _SELF_CLOSING_SIBLINGS and stack and stack[-1][0] == name:
                stack.pop()
            keep = len(stack) < limit
            stack.append((name, keep))
        else:
            for k in range(len(stack) - 1, max(-1, len(stack) - 1 - _MATCH_WINDOW), -1):
                if stack[k][0] == name:
                    keep = stack[k][1]
                    del stack[k:]
                    break
        if not keep:
            out.append(html[pos : m.start()])
            out.append("<br>" if name in _BLOCKS else "")
            pos = m.end()
    if not out:
        return html
    out.append(html[pos:])
    return "".join(out)
