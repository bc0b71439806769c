"""Links of a page, and what each one points at: an article, a list page, or something else.

``classify_link`` reads the URL's shape (date paths, content ids, ``.shtml``, list and index names,
paging parameters, log-in/tag/comment/share/download pages, file types) and, when the shape is
ambiguous, the anchor text. A site profile's own patterns take precedence for URLs on that site.
Pure: no network, no crawler.
"""

from __future__ import annotations

import re
from typing import Literal
from urllib.parse import parse_qsl, unquote, urldefrag, urljoin, urlsplit

from newscrawler.extract.document_end import ends_early, without_document_end
from newscrawler.sites.profile import SiteProfile

__all__ = ["LinkClass", "cjk_count", "classify_link", "extract_links", "link_text_hint"]

LinkClass = Literal["article", "list", "other"]

# --------------------------------------------------------------------------- vocabularies

_OTHER_EXTS = frozenset(
    "jpg jpeg png gif webp bmp svg ico tif tiff avif css js mjs json xml rss atom txt csv pdf doc docx xls "
    "xlsx ppt pptx wps rtf zip rar 7z gz tgz bz2 tar apk ipa exe msi dmg bin iso mp3 mp4 m4a m4v wav "
    "flv f4v avi wmv mov mkv swf m3u8 ts woff woff2 ttf eot otf".split()
)
_PAGE_EXTS = frozenset("html htm shtml shtm xhtml phtml php asp aspx jsp jspx do action cgi".split())

# First host label (digits dropped) that marks a service, not content: log-in, mail, comments, tags,
# search, shop and payment, downloads, user centres, market quotes.
_OTHER_HOSTS = frozenset(
    "login passport sso auth account accounts reg register signup i my user users member members ucenter "
    "mail email vipmail comment comments tie tag tags search so sou pay mall shop store download dl "
    "help kefu service quote quotes hq share".split()
)
# Path words (whole tokens of a segment split on ./_-) that mark a service page, whatever else the
# URL says (a share or log-in endpoint often carries an article URL in its query) …
_OTHER_WORDS = frozenset(
    "login logon logout signin signup register reg passport sso oauth account u user users member members "
    "ucenter usercenter profile search tag tags keyword keywords comment comments reply share sharer "
    "download downloads app apps client redirect cart checkout".split()
)
# … and words that mark a site-chrome page unless a date or content id says it is an article.
_CHROME_WORDS = frozenset(
    "about aboutus contact contactus copyright privacy legal disclaimer feedback help job jobs joinus "
    "advertise".split()
)
_TRACKING_KEYS = frozenset("from f fr _fr_ ref refer referer source src spm vendor tc wt.mc_id".split())
_LIST_STEM = re.compile(
    r"(?:index|default|list|lists|more|node|channel|column|lanmu|roll|newslist|news_list|articlelist|archive|archives|"
    r"article_list|main|home|category|catalog|class|section)(?:[_-]?\d{1,12})?",
    re.I,
)
_LIST_SEGMENT = frozenset(
    "channel channels list lists column columns lanmu node category categories catalog class section "
    "roll gundong".split()
)
_ID_QUERY_KEYS = frozenset(
    "id aid articleid article_id newsid news_id docid doc_id contentid content_id itemid item_id infoid "
    "info_id postid post_id tid serialno sn p".split()
)
_PAGE_QUERY_KEYS = frozenset("page pageno page_no pagenum pageindex pn curpage cur_page pageid".split())
_LIST_QUERY_KEYS = frozenset(
    "catid cat_id cateid categoryid category cat classid class_id typeid columnid column_id channelid "
    "channel_id nodeid node_id".split()
)

# Date in a path: /2023/0417/, /2023-04/17/, /20230417/, /2023/04/17/, /2023-04-17/, /202304/17/,
# t20230417_123, 2019_09_07_516923 …; and 163's two-digit year /23/0417/.
_DATE = re.compile(
    r"(?<!\d)(?:19|20)\d{2}[/_-]?(?:0[1-9]|1[0-2])[/_-]?(?:0[1-9]|[12]\d|3[01])(?!\d)"
    r"|/\d{2}/(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])/"
)
_MONTH = re.compile(r"(?:19|20)\d{2}[_-]?(?:0[1-9]|1[0-2])")
_ID_WORD = re.compile(
    r"(?:^|[_-])(?:c|content|article|detail|details|news|newsdetail|show|view|info|doc|a|p|post|story|"
    r"art|item|forward|read)[_-]?\d{3,}",
    re.I,
)
_LONG_DIGITS = re.compile(r"\d{5,}")
_TOKEN = re.compile(r"[A-Za-z0-9]+")
_SECTION = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,39}|\d{1,4}")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+){3,}", re.I)

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LIST_TEXT = re.compile(
    r"^(?:更多|查看更多|更多新闻|更多内容|更多资讯|more|下一页|上一页|下页|上页|前一页|后一页|首页|尾页|末页|"
    r"返回首页|网站首页|频道首页|next|prev|previous|[<>«»‹›]+|第?\s*\d{1,3}\s*页?|\[\d{1,3}\])"
    r"\s*[<>«»‹›]*$",
    re.I,
)
_LIST_TEXT_WORDS = ("更多", "频道", "栏目", "专题", "列表", "滚动", "下一页", "上一页", "网站地图", "导航")
_CHROME_TEXT = (
    "登录", "登陆", "注册", "退出", "下载", "客户端", "APP", "App", "订阅", "分享", "举报", "评论", "跟贴",
    "跟帖", "收藏", "打印", "关闭", "纠错", "投稿", "广告", "招聘", "联系我们", "关于我们", "版权", "隐私",
    "免责", "帮助", "反馈", "充值", "购买", "客服", "邮箱", "微博", "微信", "QQ空间", "扫一扫", "二维码",
    "返回顶部", "设为首页", "加入收藏",
)


def cjk_count(text: str) -> int:
    """Number of CJK ideographs in ``text``."""
    return len(_CJK.findall(text))


def link_text_hint(text: str) -> LinkClass | None:
    """What the anchor text alone suggests, or None when it says nothing.

    Paging and navigation texts (更多, 下一页, 首页, 1 2 3 …) suggest a list; service texts
    (登录, 下载, 分享 … in a short text or at its start) suggest "other"; a headline-like text (at
    least 8 CJK characters otherwise) suggests an article.
    """
    text = " ".join(text.split())
    if not text:
        return None
    if _LIST_TEXT.match(text):
        return "list"
    # A service word counts in a short text or at the start ("下载新浪财经客户端"), not inside a
    # headline ("举报噪音扰民的她后来怎样了").
    if any(word in text[:12] if len(text) <= 12 else text.startswith(word) for word in _CHROME_TEXT):
        return "other"
    if cjk_count(text) >= 8:
        return "article"
    if len(text) <= 12 and any(word in text for word in _LIST_TEXT_WORDS):
        return "list"
    return None


# --------------------------------------------------------------------------- the classifier


def classify_link(url: str, text: str = "", profile: SiteProfile | None = None) -> LinkClass:
    """Classify a link as ``"article"``, ``"list"`` or ``"other"``.

    ``profile``'s patterns decide first for URLs on that profile's site (an excluded URL is "other");
    otherwise generic rules read the URL's shape, and ``text`` (the anchor text) breaks ties when
    the shape is ambiguous.
    """
    url = url.strip()
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
    except ValueError:
        return "other"
    if parts.scheme.lower() not in ("http", "https") or not host:
        return "other"
    if profile is not None and profile.is_on_site(url):
        verdict = profile.classify(url)
        if verdict == "excluded":
            return "other"
        if verdict is not None:
            return verdict
    return _generic(host, parts.path, parts.query, text)


def _tokens(segment: str) -> list[str]:
    return [t.lower() for t in re.split(r"[._\-~+,;]+", segment) if t]


def _is_hash_id(segment: str) -> bool:
    """A long opaque id: 163's ATMJ3T4K00254R91, ifeng's 7rtKNyg6PU9, a 32-digit hex digest …"""
    for token in _TOKEN.findall(segment):
        if len(token) >= 10:
            digits = sum(c.isdigit() for c in token)
            mixed_case = token != token.lower() and token != token.upper()
            if (digits >= 2 and len(token) - digits >= 2) or (digits and mixed_case):
                return True
    return False


def _generic(host: str, raw_path: str, query: str, text: str) -> LinkClass:
    path = unquote(raw_path)
    segments = [s for s in path.split("/") if s]
    last = segments[-1] if segments else ""
    stem, dot, ext = last.rpartition(".")
    ext = ext.lower()
    if not dot:
        stem, ext = last, ""
    if ext in _OTHER_EXTS:
        return "other"
    is_file = ext in _PAGE_EXTS
    if not is_file:
        stem = last  # a dotted directory name ("v1.2") is not a file

    first_label = re.sub(r"\d+$", "", host.split(".", 1)[0])
    if first_label in _OTHER_HOSTS and host.count(".") >= 2:
        return "other"
    words = {t for s in segments for t in _tokens(s)}
    if words & _OTHER_WORDS:
        return "other"

    params = {k.lower(): v for k, v in parse_qsl(query, keep_blank_values=True)}
    has_id_param = any(
        (k in _ID_QUERY_KEYS and re.fullmatch(r"\d{2,}|[A-Za-z0-9]{8,}", v))
        or (k.endswith("id") and k not in _LIST_QUERY_KEYS and re.fullmatch(r"\d{3,}", v))
        for k, v in params.items()
    )
    has_page_param = any(k in _PAGE_QUERY_KEYS and v.isdigit() for k, v in params.items())
    list_stem = bool(_LIST_STEM.fullmatch(stem))

    # Home pages.
    if not segments:
        return "article" if has_id_param else "list"

    # Dates in the path: a file or a further segment after the date is an article; a bare date is a
    # day's archive list, and so is an index page under a date.
    date = _DATE.search(path)
    if date is not None:
        rest = [s for s in path[date.end():].split("/") if s]
        return "article" if rest and not list_stem else "list"

    if words & _CHROME_WORDS:
        return "other"
    # List names and paging.
    if list_stem or (has_page_param and not has_id_param):
        return "list"

    # Content ids.
    if has_id_param or _ID_WORD.search(stem) or _is_hash_id(stem):
        return "article"
    digits = max((len(m) for m in _LONG_DIGITS.findall(stem)), default=0)
    if digits >= (5 if is_file else 6):
        parent = segments[-2].lower() if len(segments) >= 2 else ""
        return "list" if parent in _LIST_SEGMENT else "article"
    if _SLUG.fullmatch(stem) and len(stem) >= 20:
        return "article"
    if is_file and re.search(r"\d{3,}", stem) and any(_MONTH.fullmatch(s) for s in segments[:-1]):
        return "article"  # /200502/article/2005-07/4651.htm: a numbered page in a month folder

    # List shapes: category parameters, list-word segments, page numbers, bare section paths.
    if params.keys() & _LIST_QUERY_KEYS or any(s.lower() in _LIST_SEGMENT for s in segments):
        return "list"
    if is_file and re.fullmatch(r"\d{1,3}", stem):
        # /news/2.html is page 2 of a list, but /book/1097399113_x/41.html a page of one work
        return "article" if any(_LONG_DIGITS.search(s) or _is_hash_id(s) for s in segments[:-1]) else "list"
    bare_query = all(k in _TRACKING_KEYS or k.startswith("utm_") for k in params)
    if not is_file and bare_query and len(segments) <= 3 and all(_SECTION.fullmatch(s) for s in segments):
        return "list"  # a bare section path: /politics/, /news/china/, /GB/1024/

    # Ambiguous shape: the anchor text decides, else a page file is "other" and a directory a list.
    hint = link_text_hint(text)
    if hint is not None:
        return hint
    return "other" if is_file else "list"


# --------------------------------------------------------------------------- link extraction

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>", re.I)
_SKIP_SCHEMES = ("javascript:", "mailto:", "tel:", "sms:", "data:", "about:", "vbscript:")


def _requestable(url: str) -> bool:
    """False for a URL no request can be made of: a host that ends in a number but is no IPv4 address
    (``www.127.0.0.1``, ``1.2.3.4.5``), which w3lib (2.6 on, as browsers do) refuses, so that a Request of
    it raises and takes the rest of its list page's links with it. Only such hosts are checked (cheap)."""
    host = (urlsplit(url).hostname or "").rstrip(".")
    last = host.rsplit(".", 1)[-1]
    if not (last.isdigit() or last.lower().startswith("0x")):
        return True
    from w3lib.url import safe_url_string

    try:
        safe_url_string(url)
    except ValueError:
        return False
    return True


def extract_links(html: bytes | str, base_url: str, *, encoding: str | None = None) -> list[tuple[str, str]]:
    """The page's ``<a href>`` (and ``<area href>``) links as ``(absolute URL, anchor text)``.

    URLs are resolved against ``<base href>`` or ``base_url``, lose their fragment, and keep only
    http(s) ones (``javascript:``, ``mailto:`` and in-page ``#`` anchors are skipped). The list is
    de-duplicated in document order; a URL keeps the first non-empty text it is linked with (an
    image link's text is its ``alt`` or ``title``). Bytes are decoded like the extractor decodes
    pages (``encoding`` overrides every declaration).
    """
    from lxml import etree
    from lxml import html as lxml_html

    if isinstance(html, bytes):
        from newscrawler.extract.decode import decode_body

        html = decode_body(html, None, encoding).text
    html = _XML_DECL.sub("", html, count=1)
    if not html.strip():
        return []
    if ends_early(html):  # libxml2 would stop at an included header's own </html>
        html = without_document_end(html)
    try:
        doc = lxml_html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return []
    base = base_url
    for node in doc.iter("base"):
        href = (node.get("href") or "").strip()
        if href:
            base = urljoin(base_url, href)
            break
    found: dict[str, str] = {}
    for anchor in doc.iter("a", "area"):
        href = re.sub(r"[\t\n\r]", "", anchor.get("href") or "").strip()
        if not href or href.startswith("#") or href.lower().startswith(_SKIP_SCHEMES):
            continue
        try:
            url = urldefrag(urljoin(base, href)).url
            scheme = urlsplit(url).scheme.lower()
        except ValueError:
            continue
        if scheme not in ("http", "https") or not _requestable(url):
            continue
        text = " ".join(anchor.text_content().split()) if anchor.tag == "a" else ""
        if not text:
            text = (anchor.get("title") or anchor.get("alt") or "").strip()
        if not text:
            img = next(iter(anchor.iter("img")), None)
            if img is not None:
                text = (img.get("alt") or img.get("title") or "").strip()
        if url not in found or (not found[url] and text):
            found[url] = text
    return list(found.items())
