"""End tags of ``<html>`` and ``<body>`` in the middle of a page, which libxml2 stops at.

libxml2 (2.14, under lxml) stops reading at the first ``</html>``: a page that includes a header fragment
with its own ``</body></html>`` (a server-side include) lost all its text and links after it. Browsers
ignore both tags (what follows is still body), so the extractor and link discovery remove them before
parsing when markup follows the first of them.
"""

from __future__ import annotations

import re

_DOCUMENT_END = re.compile(r"</(?:html|body)\s*>", re.I)
_DOCUMENT_END_BYTES = re.compile(rb"</(?:html|body)\s*>", re.I)
TRAILING_MARKUP = 1024
"""Bytes (or characters) after the first ``</body>``/``</html>`` from which the tags are removed before
parsing: fewer are the page's own closing tags and a tracking script (removing them costs half a
millisecond on a page of Chinese text, the search a tenth of one)."""


def ends_early(page: bytes | str) -> bool:
    """Whether the page's first ``</body>`` or ``</html>`` has ``TRAILING_MARKUP``+ bytes (characters) after it."""
    match = (_DOCUMENT_END_BYTES.search(page) if isinstance(page, bytes)
             else _DOCUMENT_END.search(page))
    return match is not None and len(page) - match.start() >= TRAILING_MARKUP


def without_document_end(text: str) -> str:
    """``text`` without its ``</html>`` and ``</body>`` end tags."""
    return _DOCUMENT_END.sub("", text)
