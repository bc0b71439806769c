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


def _last_chars(items: Any) -> tuple[frozenset[str] | None, bool]:
    """The characters a match of the parsed regex sequence ``items`` may end with (None: any character), and
    whether it may match empty. Lookarounds and anchors are zero-width; a class with a category, a negation or a
    range over 256 characters counts as any character."""
    c = _constants
    out: set[str] = set()
    for op, av in reversed(list(items)):
        nullable = False
        if op == c.LITERAL:
            last: set[str] | None = {chr(av)}
        elif op == c.IN:
            last = set()
            for o, a in av:
                if o == c.LITERAL:
                    last.add(chr(a))
                elif o == c.RANGE and a[1] - a[0] < 256:
                    last.update(chr(x) for x in range(a[0], a[1] + 1))
                else:
                    last = None
                    break
        elif op == c.SUBPATTERN:
            got, nullable = (None, False) if av[1] & re.IGNORECASE else _last_chars(av[3])
            last = None if got is None else set(got)
        elif op == c.BRANCH:
            last = set()
            for b in av[1]:
                got, n = _last_chars(b)
                nullable = nullable or n
                if got is None:
                    last = None
                    break
                last |= got
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            got, nullable = _last_chars(av[2])
            nullable = nullable or av[0] == 0
            last = None if got is None else set(got)
        elif op in (c.ASSERT, c.ASSERT_NOT, c.AT):
            last, nullable = set(), True
        else:
            last = None
        if last is None:
            return None, False
        out |= last
        if not nullable:
            return frozenset(out), False
    return frozenset(out), True


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
            last, nullable = _last_chars(alt[:-1])
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


def _first_chars(items: Any) -> tuple[set[str] | None, bool]:
    """The characters a match of the parsed sequence ``items`` may start with (None: any, or too many to list),
    and whether it may match empty; ``\\s`` is the whitespace characters (all below U+3001)."""
    c = _constants
    out: set[str] = set()
    for op, av in items:
        nullable = False
        if op == c.LITERAL:
            first: set[str] | None = {chr(av)}
        elif op == c.IN:
            first = set()
            for o, a in av:
                if o == c.LITERAL:
                    first.add(chr(a))
                elif o == c.RANGE and a[1] - a[0] < 256:
                    first.update(chr(x) for x in range(a[0], a[1] + 1))
                elif o == c.CATEGORY and a in (c.CATEGORY_SPACE, c.CATEGORY_UNI_SPACE):
                    first |= SPACES
                else:
                    first = None
                    break
        elif op == c.SUBPATTERN:
            first, nullable = (None, False) if av[1] & re.IGNORECASE else _first_chars(av[3])
        elif op == c.BRANCH:
            first = set()
            for b in av[1]:
                got, n = _first_chars(b)
                nullable = nullable or n
                if got is None:
                    first = None
                    break
                first |= got
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            first, nullable = _first_chars(av[2])
            nullable = nullable or av[0] == 0
        elif op in (c.ASSERT, c.ASSERT_NOT, c.AT):
            first, nullable = set(), True
        else:
            first = None
        if first is None:
            return None, False
        out |= first
        if not nullable:
            return out, False
    return out, True


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
        first, nullable = _first_chars(alt)
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
