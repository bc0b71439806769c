"""CPython's regular-expression parser (``re._parser``, ``re._constants``: private modules, CPython 3.11–3.14).

The quote extractor skips a costly search when a text cannot hold a match: which characters a pattern's match
may start or end with, and which literals its open-ended alternatives need, are read from the parsed pattern
at import (``speaker_span``), so the filters follow every edit of the patterns. The standard library has no
public parser; this module is the only one that reads it, and ``check()`` verifies the shape it uses. Where the
parser is gone or answers in another shape, ``end_filter`` and ``start_filter`` return None: no filter, the
full search runs (slower, the same answer).
"""

from __future__ import annotations

import importlib
import re
import sys
from typing import Any

from newscrawler.adapters import InternalChanged

DISTRIBUTION = "python"

try:
    _parser: Any = importlib.import_module("re._parser")
    _constants: Any = importlib.import_module("re._constants")
except ImportError:  # pragma: no cover  (CPython 3.11+ has both)
    _parser = _constants = None

SPACES = frozenset(chr(i) for i in range(0x3001) if chr(i).isspace())
"""The characters ``\\s`` matches in a str pattern (Unicode whitespace, none above U+3000)."""


def _parse(rx: re.Pattern[str]) -> list[Any] | None:
    """The top-level items ``(opcode, argument)`` of ``rx`` as the parser gives them; None without a parser."""
    if _parser is None or rx.flags & re.IGNORECASE:  # (the filters read literals as written: no case folding)
        return None
    try:
        return list(_parser.parse(rx.pattern, rx.flags).data)
    except (AttributeError, TypeError, ValueError):  # pragma: no cover  (a parser of another shape)
        return None


def _edge_chars(items: Any, last: bool) -> tuple[set[str] | None, bool]:
    """The characters a match of the parsed regex sequence ``items`` may start with (``last``: end with; None: any
    character, or too many to list), and whether it may match empty. Lookarounds and anchors are zero-width;
    ``\\s`` is the whitespace characters (all below U+3001); a class with another category, a negation or a
    range over 256 characters counts as any character, as does a case-insensitive group."""
    c = _constants
    out: set[str] = set()
    for op, av in (reversed(list(items)) if last else items):
        nullable = False
        if op == c.LITERAL:
            edge: set[str] | None = {chr(av)}
        elif op == c.IN:
            edge = set()
            for o, a in av:
                if o == c.LITERAL:
                    edge.add(chr(a))
                elif o == c.RANGE and a[1] - a[0] < 256:
                    edge.update(chr(x) for x in range(a[0], a[1] + 1))
                elif o == c.CATEGORY and a in (c.CATEGORY_SPACE, c.CATEGORY_UNI_SPACE):
                    edge |= SPACES
                else:
                    edge = None
                    break
        elif op == c.SUBPATTERN:
            edge, nullable = (None, False) if av[1] & re.IGNORECASE else _edge_chars(av[3], last)
        elif op == c.BRANCH:
            edge = set()
            for b in av[1]:
                got, n = _edge_chars(b, last)
                nullable = nullable or n
                if got is None:
                    edge = None
                    break
                edge |= got
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            edge, nullable = _edge_chars(av[2], last)
            nullable = nullable or av[0] == 0
        elif op in (c.ASSERT, c.ASSERT_NOT, c.AT):
            edge, nullable = set(), True
        else:
            edge = None
        if edge is None:
            return None, False
        out |= edge
        if not nullable:
            return out, False
    return out, True


def _leads(items: Any) -> list[str] | None:
    """Literals one of which a match of the parsed sequence ``items`` holds (the literal run it opens with, or each
    alternative's, after zero-width assertions and optional items); None when it opens otherwise."""
    c = _constants
    items = list(items)
    for k, (op, av) in enumerate(items):
        if op in (c.ASSERT, c.ASSERT_NOT, c.AT) or (op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] == 0):
            continue
        if op == c.LITERAL:
            lead = ""
            for o, a in items[k:]:
                if o != c.LITERAL:
                    break
                lead += chr(a)
            return [lead]
        if op == c.IN and all(o == c.LITERAL for o, _ in av):
            return [chr(a) for _, a in av]  # [对向]: one of the characters
        if op == c.SUBPATTERN:
            return None if av[1] & re.IGNORECASE else _leads(list(av[3]))
        if op == c.BRANCH:
            out: list[str] = []
            for b in av[1]:
                got = _leads(list(b))
                if not got:
                    return None
                out += got
            return out
        return None
    return None


def end_filter(*patterns: re.Pattern[str]) -> tuple[frozenset[str], tuple[str, ...]] | None:
    """For patterns anchored at the end (``…$``, or alternatives each ending in ``$``): the characters a match may
    end with, and for the alternatives that may end with any character the literals one of which they hold. A
    text that ends in none of the characters and holds none of the literals has no match. None when a pattern
    has another shape, an alternative gives neither, or the parser is not available: no filter."""
    c = _constants
    ends: set[str] = set()
    opens: list[str] = []
    for rx in patterns:
        data = _parse(rx)
        if data is None:
            return None
        if data and data[-1][0] == c.BRANCH:  # A$|B$ (a prefix they share is read before the branch: 在X$|在Y$)
            alternatives = [[*data[:-1], *b] for b in data[-1][1][1]]
        elif data and data[-1] == (c.AT, c.AT_END):
            body = data[:-1]
            alternatives = [list(b) for b in body[0][1][1]] if len(body) == 1 and body[0][0] == c.BRANCH else [body]
            alternatives = [[*b, (c.AT, c.AT_END)] for b in alternatives]
        else:
            return None
        for alt in alternatives:
            if not alt or alt[-1] != (c.AT, c.AT_END):
                return None
            last, nullable = _edge_chars(alt[:-1], last=True)
            if nullable:
                return None
            if last is not None:
                ends |= last
                continue
            leads = _leads(alt[:-1])
            if not leads:
                return None
            opens += leads
    return frozenset(ends), tuple(dict.fromkeys(opens))


def start_filter(rx: re.Pattern[str]) -> tuple[frozenset[str], re.Pattern[str]] | None:
    """For ``(?:A|B|…)+`` read with ``match``: the characters a match may start with, and a pattern of the
    literals the alternatives that may start with any character hold (one of their non-optional items). A text
    that starts with none of the characters and holds none of the literals has no match. None: no filter."""
    c = _constants
    data = _parse(rx)
    if data is None:
        return None
    if len(data) != 1 or data[0][0] != c.MAX_REPEAT or data[0][1][0] < 1:
        return None
    body = list(data[0][1][2])
    alternatives = [list(b) for b in body[0][1][1]] if len(body) == 1 and body[0][0] == c.BRANCH else [body]
    starts: set[str] = set()
    needs: list[str] = []
    for alt in alternatives:
        first, nullable = _edge_chars(alt, last=False)
        if nullable:
            return None
        if first is not None:
            starts |= first
            continue
        lit = next((chr(av) for op, av in alt if op == c.LITERAL), None)  # (a top-level item is never optional)
        if lit is None:
            return None
        needs.append(lit)
    return frozenset(starts), re.compile("|".join(re.escape(w) for w in dict.fromkeys(needs)) or "(?!)")


def start_chars(rx: re.Pattern[str]) -> frozenset[str] | None:
    """The characters a match of ``rx`` may start with: a search need only try the positions holding one of them.
    None (no filter) when a match may start with any character (or too many to list) or be empty, for a
    case-insensitive pattern, or without the parser."""
    data = _parse(rx)
    if data is None:
        return None
    first, nullable = _edge_chars(data, last=False)
    return None if first is None or nullable or not first else frozenset(first)


def needed_literals(rx: re.Pattern[str]) -> tuple[str, ...] | None:
    """Strings one of which every match of ``rx`` holds: for each top-level alternative, its longest run of literal
    characters (a top-level item is never optional). A text holding none of them has no match. None (no filter)
    when an alternative has no literal of its own, for a case-insensitive pattern, or without the parser."""
    c = _constants
    data = _parse(rx)
    if data is None:
        return None
    alternatives = [list(b) for b in data[0][1][1]] if len(data) == 1 and data[0][0] == c.BRANCH else [data]
    needs: list[str] = []
    for alt in alternatives:
        best = run = ""
        for op, av in alt:
            run = run + chr(av) if op == c.LITERAL else ""
            if len(run) > len(best):
                best = run
        if not best:
            return None
        needs.append(best)
    return tuple(dict.fromkeys(needs))


def check() -> None:
    """Raise :class:`InternalChanged` when the parser is gone or no longer reads a pattern as used here."""
    where = f"(Python {sys.version.split()[0]})"
    if _parser is None or _constants is None:
        raise InternalChanged(DISTRIBUTION, f"re._parser / re._constants are gone {where}")
    if end_filter(re.compile(r"(?:甲乙|丙[丁戊]|通过[^,]{1,5})$")) != (frozenset("乙丁戊"), ("通过",)):
        raise InternalChanged(DISTRIBUTION, f"re._parser reads an end-anchored alternation in another shape {where}")
    got = start_filter(re.compile(r"(?:甲乙|[\u4e00-\u9fff]{2}丙|\s+)+"))
    if got is None or got[1].pattern != "丙" or not {"甲", " "} <= got[0]:
        raise InternalChanged(DISTRIBUTION, f"re._parser reads a repeated alternation in another shape {where}")
    if start_chars(re.compile(r"甲乙|(?<!丁)[丙戊]|(?:己|庚)?辛")) != frozenset("甲丙戊己庚辛"):
        raise InternalChanged(DISTRIBUTION, f"re._parser reads an alternation's first items in another shape {where}")
    if needed_literals(re.compile(r"甲乙\d丙|^\s*丁戊己(?:庚)?|辛")) != ("甲乙", "丁戊己", "辛"):
        raise InternalChanged(DISTRIBUTION, f"re._parser reads an alternation's literals in another shape {where}")
