"""Folding: a same-length matching copy of a block's text.

Full-width ASCII becomes half-width (``，：？！；（）`` to ``,:?!;()``) and
Traditional characters become Simplified, always one code point for one, so
every offset found in the folded copy indexes the stored text unchanged. The
other modules match their lexicons against this copy only.
"""

from __future__ import annotations

import re

from newscrawler.common.fold import T2S_FOLD

_FOLD = T2S_FOLD
"""Full-width ASCII, name dots and Traditional to Simplified (the table lives in ``newscrawler.common.fold``)."""
_FOLDED = {chr(src): chr(dst) for src, dst in _FOLD.items()}
_FOLDABLE = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_FOLD)) + "]")
"""Any character ``_FOLD`` maps: a regex finds them faster than ``str.translate`` looks up every character."""


_FREQUENT = tuple((src, dst) for src, dst in _FOLDED.items() if src == "，" and dst not in _FOLDED)
"""The full-width comma, half of all folded characters, replaced by ``str.replace`` before the regex pass, which
then calls back only for the rest; its target is no source, so the two steps give the one-pass result."""


def _fold_char(match: re.Match[str]) -> str:
    return _FOLDED[match.group()]


def fold(text: str) -> str:
    """Matching copy, same length as ``text``: ``，：？！；（）`` to ASCII, Traditional to Simplified.

    Same result as ``text.translate(_FOLD)``; only the mapped characters are visited."""
    for src, dst in _FREQUENT:
        if src in text:
            text = text.replace(src, dst)
    return _FOLDABLE.sub(_fold_char, text)
