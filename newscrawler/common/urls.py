"""The one canonical spelling of a URL: the key an article is archived under and looked up by.

Used by the normalise stage and the repository (through ``pipelines.identity``, which adds the rule for
when a page's declared canonical is believed), by incremental crawls (which skip what the archive
already holds) and by extraction. Standard library only.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

__all__ = ["TRACKING_PARAMS", "canonical_url"]

TRACKING_PARAMS = re.compile(
    r"^(?:utm_\w+|spm|from|share_token|share_source|scene|srcid|ref|referer|wfr|s_trackid|_hsenc|_hsmi|fbclid|gclid)$",
    re.I,
)
"""Query parameters that say how a reader arrived, never which page: dropped by :func:`canonical_url`."""


def canonical_url(url: str) -> str:
    """``url`` in its one canonical spelling: scheme and host lower-cased, default port, fragment and
    tracking parameters (``utm_*``, ``spm``, ``from`` …) removed, an empty path as ``/``."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    netloc = host if port is None or (scheme, port) in (("http", 80), ("https", 443)) else f"{host}:{port}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if not TRACKING_PARAMS.match(k)])
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))
