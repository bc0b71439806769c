"""Paging: the next page of a list, and the remaining pages of an article split over pages.

List pages: ``next_list_page`` follows a 下一页/下页/›/» link, else the next URL in the page's own
numbering (``index.html`` → ``index_1.html``/``index_2.html``, ``list_2`` → ``list_3``, ``?page=2`` →
``?page=3``) when the page links to it, else the link whose text is the next page number.

Articles: ``article_continuations`` lists the URLs of the pages after the current one, in order,
restricted to the same article: same host and the same path once the page suffix is removed
(``c_1129527383_2.htm`` and ``c1001-32665511-2.html`` belong to ``c_1129527383.htm`` and
``c1001-32665511.html``; ``index_1.html`` to ``index.html``; ``?page=2`` to the bare URL).
Pure: no network, no crawler.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from .links import extract_links

__all__ = ["article_continuations", "next_list_page", "page_number", "page_stem"]

_NEXT_TEXT = re.compile(
    r"^(?:下一页|下页|后一页|下一頁|下頁|next(?:\s*page)?|[›»>]{1,2}|>|&gt;)\s*[›»>]*$|^[›»>]*\s*(?:下一页|下页|后页)\s*[›»>]*$",
    re.I,
)
_PAGE_KEYS = ("page", "pageno", "page_no", "pagenum", "pageindex", "pn", "p", "curpage")
# A page suffix on the last path segment: stem + ("_" or "-") + number, then the extension.
_SUFFIX = re.compile(r"^(?P<stem>.+?)(?P<sep>[_-])(?P<num>\d{1,3})(?P<ext>\.[A-Za-z]{2,5})?$")
_INDEX = re.compile(r"^(?P<stem>index|list|default)(?P<ext>\.[A-Za-z]{2,5})$", re.I)
_NUMBER_TEXT = re.compile(r"^\[?\s*第?\s*(\d{1,3})\s*页?\s*\]?$")


def _split(url: str) -> tuple[str, str, str, str]:
    parts = urlsplit(url)
    return parts.scheme.lower(), (parts.hostname or "").lower(), parts.path or "/", parts.query


def _query_page(query: str) -> tuple[str, int | None]:
    """The query without its page parameter, and that page number (None when absent)."""
    pairs = parse_qsl(query, keep_blank_values=True)
    number = None
    kept = []
    for key, value in pairs:
        if key.lower() in _PAGE_KEYS and value.isdigit() and number is None:
            number = int(value)
        else:
            kept.append((key, value))
    return urlencode(kept), number


def page_stem(url: str) -> tuple[str, str, str]:
    """``(host, path without page suffix, query without page parameter)``: one value per article.

    ``/a/c_123_2.htm`` → ``/a/c_123.htm``; ``/a/index_1.html`` → ``/a/index.html``;
    ``/a/c1001-4-3.html`` → ``/a/c1001-4.html``; ``/a/123/2.html``→ ``/a/123``; ``?page=2`` dropped.
    """
    _, host, path, query = _split(url)
    query, _ = _query_page(query)
    head, _, last = path.rpartition("/")
    match = _SUFFIX.match(last)
    if match and not _looks_like_date_tail(last):
        last = match.group("stem") + (match.group("ext") or "")
    elif re.fullmatch(r"\d{1,3}\.[A-Za-z]{2,5}", last) and head:
        return host, head, query
    return host, f"{head}/{last}", query


def _looks_like_date_tail(segment: str) -> bool:
    # 2019_09_07_516923.shtml ends in "_516923": more than three digits, so _SUFFIX never takes it;
    # but 2023-04-17.html would lose its day: keep dates whole.
    return bool(re.search(r"(?:19|20)\d{2}[_-]\d{2}[_-]\d{2}(?:\.[A-Za-z]+)?$", segment))


def page_number(url: str) -> int:
    """The page of an article or list the URL is: 1 for the bare URL.

    ``_2``/``-2`` suffixes and ``?page=2`` give 2; ``index_1.html`` (TRS-style numbering, where
    ``index.html`` is the first page) gives 2.
    """
    _, _, path, query = _split(url)
    _, number = _query_page(query)
    if number is not None:
        return max(number, 1)
    last = path.rpartition("/")[2]
    match = _SUFFIX.match(last)
    if match and not _looks_like_date_tail(last):
        n = int(match.group("num"))
        return n + 1 if match.group("stem").lower() in ("index", "list", "default") else n
    bare = re.fullmatch(r"(\d{1,3})\.[A-Za-z]{2,5}", last)
    if bare:
        return int(bare.group(1))
    return 1


def _same_site(a: str, b: str) -> bool:
    return _split(a)[1] == _split(b)[1]


def _next_candidates(url: str) -> list[str]:
    """URLs that would be the next page in the page's own numbering, most likely first."""
    parts = urlsplit(url)
    path, query = parts.path or "/", parts.query
    out: list[str] = []
    head, _, last = path.rpartition("/")

    def build(new_path: str, new_query: str) -> str:
        return urlunsplit((parts.scheme, parts.netloc, new_path, new_query, ""))

    keys = "|".join(_PAGE_KEYS)
    numbered = re.search(rf"(?:^|&)(?:{keys})=(\d+)", query, re.I)
    if numbered:
        following = str(int(numbered.group(1)) + 1)
        out.append(build(path, query[: numbered.start(1)] + following + query[numbered.end(1) :]))
        return out
    match = _SUFFIX.match(last)
    index = _INDEX.match(last)
    if match and not _looks_like_date_tail(last):
        n = int(match.group("num"))
        out.append(build(f"{head}/{match.group('stem')}{match.group('sep')}{n + 1}{match.group('ext') or ''}", query))
    elif index:
        stem, ext = index.group("stem"), index.group("ext")
        out += [build(f"{head}/{stem}_1{ext}", query), build(f"{head}/{stem}_2{ext}", query)]
    elif last == "":
        out += [build(f"{path}index_1.html", query), build(f"{path}index_2.html", query)]
    elif re.fullmatch(r"\d{1,3}\.[A-Za-z]{2,5}", last):
        number, ext = last.split(".")
        out.append(build(f"{head}/{int(number) + 1}.{ext}", query))
    elif "." in last:
        stem, ext = last.rsplit(".", 1)
        out += [build(f"{head}/{stem}_2.{ext}", query), build(f"{head}/{stem}-2.{ext}", query)]
    for key in ("page", "p", "pn"):
        sep = "&" if query else ""
        out.append(build(path, f"{query}{sep}{key}=2"))
    return out


def _clean(text: str) -> str:
    return " ".join(text.split())


def next_list_page(links: Sequence[tuple[str, str]], current_url: str) -> str | None:
    """The next page of the list at ``current_url``, from that page's links, or None.

    ``links`` are ``(absolute URL, anchor text)`` pairs as :func:`extract_links` returns them. Only
    links on the same host count, and never the current page itself.
    """
    current = current_url.split("#", 1)[0]
    usable = [(u, _clean(t)) for u, t in links if u != current and _same_site(u, current)]
    for url, text in usable:
        if text and _NEXT_TEXT.match(text):
            return url
    present = {u for u, _ in usable}
    for candidate in _next_candidates(current):
        if candidate in present:
            return candidate
    wanted = page_number(current) + 1
    for url, text in usable:
        number = _NUMBER_TEXT.match(text)
        if number and int(number.group(1)) == wanted:
            return url
    return None


def article_continuations(html: bytes | str, url: str, *, encoding: str | None = None) -> list[str]:
    """URLs of the pages after ``url`` of the same article, in page order (empty for one-page articles).

    Candidates are the page's links that lead to the same article (same host, same path stem, see
    :func:`page_stem`): the 下一页 link, the page-number links (2 3 …) and any link in the article's
    own page-URL shape. Pages at or before the current one are left out; both numberings are
    understood (``_2`` as the second page, and TRS's ``index_1``/``t…_1`` as the second page).
    """
    return continuations_from_links(extract_links(html, url, encoding=encoding), url)


def _ordinal(url: str) -> int:
    """Sort key of a page within its article: 0 for the bare URL, then in numbering order.

    A path suffix counts as itself (163's ``_2`` is the second page, TRS's ``_1`` is: both sort
    after the bare URL), a query page number as one less (``?page=1`` is the bare page).
    """
    _, _, path, query = _split(url)
    _, number = _query_page(query)
    if number is not None:
        return max(number - 1, 0)
    last = path.rpartition("/")[2]
    match = _SUFFIX.match(last)
    if match and not _looks_like_date_tail(last):
        return int(match.group("num"))
    bare = re.fullmatch(r"(\d{1,3})\.[A-Za-z]{2,5}", last)
    return max(int(bare.group(1)) - 1, 0) if bare else 0


def continuations_from_links(links: Iterable[tuple[str, str]], url: str) -> list[str]:
    """:func:`article_continuations` for links already extracted."""
    current = url.split("#", 1)[0]
    _, host, path, query = _split(current)
    whole = (host, path, _query_page(query)[0])  # the current URL read as the first page
    stem = page_stem(current)  # … or read as a numbered page ("story-9.htm" may be either)
    here = _ordinal(current)
    pages: dict[int, str] = {}
    for link, _text in links:
        if link == current or _split(link)[0] not in ("http", "https"):
            continue
        link_stem = page_stem(link)
        if link_stem == whole and whole != stem:
            after = 0
        elif link_stem == stem:
            after = here
        else:
            continue
        order = _ordinal(link)
        if order > after and order not in pages:
            pages[order] = link
    return [pages[n] for n in sorted(pages)]


_MAY_CONTINUE = (
    b"_1.htm", b"_2.htm", b"_1.shtm", b"_2.shtm", b"index_1.", b"-2.htm", b"-2.shtm",
    b"?page=2", b"&page=2", b"?p=2", b"&p=2",
    "下一页".encode(), "下一页".encode("gbk"),
)
"""Byte strings every split article carries (下一页 in UTF-8 or GBK, ``_2.html``, ``index_1.html``,
``?page=2``, ``-2.htm``): pages without any of them are not searched for continuation pages. Plain
``in`` tests: about twice as fast as one regular expression of the same alternatives on a 100 kB page."""


_QUERY_ONLY_HREF = re.compile(rb"""href\s*=\s*["']?\?""", re.I)
"""A link that is only a query (``href="?page=2"``): it names a page of the same path without the file name."""


def may_continue(body: bytes, url: str | None = None) -> bool:
    """Cheap byte test before ``article_continuations``: False means the page cannot be split over pages.

    With the page's ``url``, also False when no link in the page can name a later page of this article:
    such a link carries the page's own file name stem (``c_123`` of ``c_123.htm`` in ``c_123_2.htm``)
    unless it is only a query (``href="?page=2"``), so a page whose bytes have neither is not parsed
    again (most 下一页/``_2.html`` hits are list or gallery links to other pages). Directory-numbered
    pages (``/123/1.html`` → ``2.html``) and non-ASCII file names are not narrowed.
    """
    if not any(pattern in body for pattern in _MAY_CONTINUE):
        return False
    stem = _file_stem(url) if url else None
    return stem is None or stem in body or _QUERY_ONLY_HREF.search(body) is not None


def _file_stem(url: str) -> bytes | None:
    """The last path segment without extension and page suffix, as bytes; None when that cannot narrow."""
    last = urlsplit(url).path.rpartition("/")[2]
    match = _SUFFIX.match(last)
    if match and not _looks_like_date_tail(last):
        last = match.group("stem")
    stem = last.rpartition(".")[0] if "." in last else last
    if not stem or (stem.isdigit() and len(stem) <= 3) or not stem.isascii() or "%" in stem:
        return None
    return stem.encode("ascii")
