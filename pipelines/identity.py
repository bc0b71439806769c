"""An article's identity: the canonical spelling of a URL, and when a page's declared canonical is believed.

A page names its own canonical URL (``<link rel=canonical>``, ``og:url``). Templates get it wrong (every
article of a site naming the home page) and other sites can name anyone's URL, so the claim becomes the
archive key only when it is

- on the page's own site: the same registrable domain as the URL the page was fetched from, or under a
  domain the site profile lists (``ArticleItem.site_domains``), and
- not the site's home page, nor a folder above the page itself (``/channel/finance/`` for
  ``/channel/finance/2023/1.html``), which are list pages, never one article (a view one step below its
  article, ``/2023/slug/amp/`` naming ``/2023/slug/``, may name it).

Otherwise the fetched URL is the identity and the refused claim rides along in
``ArticleItem.canonical_claim`` (the raw page keeps it too, in the WARC record).

This module imports neither Scrapy nor SQLAlchemy: the storage layer applies the same rule when it keys a
row, so no path into the archive (a re-extraction, a replayed spool) lets one site's page replace
another site's article.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from newscrawler.common.urls import TRACKING_PARAMS, canonical_url

__all__ = ["TRACKING_PARAMS", "canonical_url", "claim_refusal", "on_same_site", "registrable_domain"]

_SECOND_LEVEL = frozenset({
    "com", "net", "org", "gov", "edu", "ac", "co", "mil", "int", "idv", "info", "biz", "nom", "ltd", "plc",
    "sch", "ne", "or", "go", "gen", "web", "firm", "ind", "res",
})
"""Second-level labels under a two-letter country domain that are public suffixes themselves
(``com.cn``, ``gov.cn``, ``com.hk``, ``idv.tw``, ``co.uk`` …)."""

_CN_PROVINCES = frozenset({
    "bj", "sh", "tj", "cq", "he", "sx", "nm", "ln", "jl", "hl", "js", "zj", "ah", "fj", "jx", "sd", "ha",
    "hb", "hn", "gd", "gx", "hi", "sc", "gz", "yn", "xz", "sn", "gs", "qh", "nx", "xj", "tw", "hk", "mo",
})
"""China's provincial second-level domains (``bj.cn``, ``gd.cn`` …): CNNIC registers names under them."""

_HOME = re.compile(r"^/*(?:(?:index|default|home|main)\.(?:s?html?|php|aspx?|jsp))?$", re.I)


def _host(url: str) -> str:
    try:
        return (urlsplit(url.strip()).hostname or "").rstrip(".").lower()
    except ValueError:
        return ""


def registrable_domain(host: str) -> str:
    """The part of ``host`` a registrant owns: ``news.people.com.cn`` -> ``people.com.cn``,
    ``www.163.com`` -> ``163.com``; an IP address or a one-label name is itself.

    A small rule instead of the whole Public Suffix List: generic top-level domains take two labels;
    two-letter country domains take three when the second level is a public one (``com.cn``, ``gov.cn``,
    ``bj.cn``, ``com.hk``, ``co.uk`` …). Enough to tell one news site from another; a suffix it does not
    know only makes it stricter (two sites are then never taken for one)."""
    host = host.rstrip(".").lower()
    try:
        ipaddress.ip_address(host.strip("[]"))
        return host
    except ValueError:
        pass
    labels = host.split(".")
    if len(labels) <= 2:
        return host
    tld, second = labels[-1], labels[-2]
    if len(tld) == 2 and (second in _SECOND_LEVEL or (tld == "cn" and second in _CN_PROVINCES)):
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def _under(host: str, domain: str) -> bool:
    domain = domain.rstrip(".").lower()
    return bool(host) and (host == domain or host.endswith("." + domain))


def on_same_site(url: str, other: str, site_domains: Iterable[str] = ()) -> bool:
    """True when ``other`` is on ``url``'s site: the same registrable domain, or both hosts under one of
    the profile's ``site_domains``."""
    a, b = _host(url), _host(other)
    if not a or not b:
        return False
    if registrable_domain(a) == registrable_domain(b):
        return True
    domains = list(site_domains)
    return any(_under(a, d) for d in domains) and any(_under(b, d) for d in domains)


def claim_refusal(fetched: str, declared: str, site_domains: Iterable[str] = ()) -> str | None:
    """Why the page at ``fetched`` may not take ``declared`` as its identity (None: it may).

    Reasons: ``other site`` and ``home or list page`` (see the module docstring)."""
    if canonical_url(declared) == canonical_url(fetched):
        return None
    if not on_same_site(fetched, declared, site_domains):
        return "other site"
    path = urlsplit(declared.strip()).path
    if _HOME.match(path) and not urlsplit(declared.strip()).query:
        return "home or list page"
    own = urlsplit(fetched.strip()).path
    if path.endswith("/") and own.startswith(path):
        rest = own[len(path):].strip("/")  # an AMP or print view one step below its article (``amp/``) is no list
        if "/" in rest or "." in rest.rsplit("/", 1)[-1]:
            return "home or list page"
    return None
