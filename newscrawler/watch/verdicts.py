"""What a re-visit's answer means (pure: decided from the answer and the extracted page alone).

Verdicts, in the order they are decided:

``unreachable``
    No usable answer: a network failure, a timeout, robots.txt forbidding the URL, or an error status
    other than the removal ones (5xx and 429 after the retries, 401, 403 …). Kept apart from removal:
    never an event by itself, retried (``schedule.WatchSchedule.after_failure``).
``removed``
    ``404 Not Found``, ``410 Gone`` or ``451 Unavailable For Legal Reasons``.
``redirected``
    A redirect that leaves the article: to the site's home page, to a channel (list) page, to another
    article, or to another site. A redirect to the same article under another spelling (``http`` →
    ``https``, ``www.``, a trailing slash), or to the same path on another host of the site (``m.``), is
    followed by the spider, and the page it leads to judged.
``removed_soft``
    A 200 page that says the article is gone: the extractor's page-kind verdict is ``error``, or the page
    is not an article (or one of few characters) and prints a deletion phrase (:data:`DELETION_PHRASES`,
    Simplified and Traditional).
``not_article``
    A 200 page that is no longer an article but says nothing of a deletion (a list page at the article's
    address, an empty page): recorded, no event (a layout the extractor cannot read looks the same).
``alive`` / ``edited`` / ``reextracted``
    An article: compared with the archived content by ``record`` (``edited`` when its text, title or
    publication date changed; ``reextracted`` when only a newer extractor reads the same page
    differently).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import urlsplit

from newscrawler.items import Article

Verdict = Literal["alive", "edited", "reextracted", "removed", "removed_soft", "redirected", "not_article",
                  "unreachable"]
EventKind = Literal["edited", "removed", "removed_soft", "redirected", "restored"]
TAKEDOWNS: tuple[str, ...] = ("removed", "removed_soft", "redirected")
"""Verdicts that say the article is gone: an event when the previous state was not the same."""
PRESENT: tuple[str, ...] = ("alive", "edited", "reextracted")
"""Verdicts that say the article is there."""

REMOVAL_STATUSES = (404, 410, 451)
REDIRECT_STATUSES = (301, 302, 303, 307, 308)

DELETION_PHRASES: tuple[str, ...] = (
    # Simplified
    "页面不存在", "网页不存在", "文章不存在", "内容不存在", "新闻不存在", "信息不存在", "稿件不存在",
    "内容已删除", "内容已被删除", "文章已删除", "文章已被删除", "该文章已被删除", "该内容已被删除",
    "已被删除", "已删除", "已被撤回", "已撤稿", "已下线", "内容已下线", "稿件已撤销",
    "您访问的页面不存在", "您访问的页面已删除", "您所访问的页面不存在", "找不到该页面", "页面未找到",
    "页面找不到", "该页面已失效", "链接已失效", "页面已失效", "无法找到该页", "访问的页面不存在",
    "内容无法显示", "根据相关法律法规", "因违反相关规定",
    # Traditional
    "頁面不存在", "網頁不存在", "文章不存在", "內容不存在", "新聞不存在", "內容已刪除", "內容已被刪除",
    "文章已刪除", "文章已被刪除", "該文章已被刪除", "已被刪除", "已刪除", "已下架", "您訪問的頁面不存在",
    "找不到該頁面", "頁面未找到", "頁面找不到", "連結已失效", "鏈接已失效", "頁面已失效",
    # English, on bilingual error pages
    "page not found", "has been deleted", "has been removed", "no longer available",
)
"""Phrases of deletion and error pages (matched in the page's title and text, case-folded)."""

SHORT_ARTICLE = 200
"""Characters of body below which an 'article' printing a deletion phrase is a deletion page."""


@dataclass(frozen=True, slots=True)
class Hop:
    """One answer on the way to the page: its status and URL, and where a redirect pointed."""

    status: int
    url: str
    location: str | None = None


@dataclass(slots=True)
class Judgement:
    """A verdict and its evidence (JSON-ready: what a researcher needs to check it)."""

    verdict: Verdict
    evidence: dict[str, Any] = field(default_factory=dict)


def deletion_phrase(*texts: str | None) -> str | None:
    """The first :data:`DELETION_PHRASES` entry found in ``texts`` (case-folded), or None."""
    folded = "\n".join(t for t in texts if t).casefold()
    if not folded:
        return None
    for phrase in DELETION_PHRASES:
        if phrase.casefold() in folded:
            return phrase
    return None


def judge_status(status: int) -> Judgement | None:
    """The verdict a status decides alone (removed, unreachable), or None (the page decides)."""
    if status in REMOVAL_STATUSES:
        return Judgement("removed", {"status": status})
    if status >= 400:
        return Judgement("unreachable", {"error": f"HTTP {status}", "status": status})
    return None


def judge_page(article: Article) -> Judgement | None:
    """The verdict of a 200 page that is not (or no longer) the article, or None when it is an article."""
    body = article.body if article.is_article else article.page_text
    phrase = deletion_phrase(article.title, body)
    evidence: dict[str, Any] = {"page_kind": article.kind, "reason": article.reason}
    if article.title:
        evidence["page_title"] = article.title
    if phrase is not None:
        evidence["phrase"] = phrase
        evidence["excerpt"] = _around(body or article.title or "", phrase)
    if article.is_article:
        if phrase is not None and len(article.body) < SHORT_ARTICLE:
            return Judgement("removed_soft", evidence)
        return None
    if article.kind == "error" or phrase is not None:
        return Judgement("removed_soft", evidence)
    return Judgement("not_article", evidence)


def _around(text: str, phrase: str, width: int = 40) -> str:
    at = text.casefold().find(phrase.casefold())
    if at < 0:
        return text[: 2 * width]
    return text[max(0, at - width): at + len(phrase) + width].replace("\n", " ")


def same_article_url(a: str, b: str) -> bool:
    """True when two URLs name the same page up to scheme, a leading ``www.``, default port and a trailing
    slash (a redirect between them is a move, not a takedown)."""
    def key(url: str) -> tuple[str, str, str]:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower().removeprefix("www.")
        port = parts.port if parts.port not in (None, 80, 443) else None
        return f"{host}:{port or ''}", parts.path.rstrip("/") or "/", parts.query

    return key(a) == key(b)


HOME_PATHS = ("/", "/index.html", "/index.htm", "/index.shtml", "/index.php", "/default.htm", "/default.aspx")


def target_kind(target: str, article_url: str, on_site: Callable[[str], bool],
                classify: Callable[[str], str]) -> str:
    """What a redirect leads to: ``home``, ``channel`` (a list page), ``article`` (another one), ``other``
    (another page of the site) or ``other site``. ``classify`` is the crawl's link classifier."""
    if not on_site(target):
        return "other site"
    path = urlsplit(target).path or "/"
    if path.lower() in HOME_PATHS:
        return "home"
    kind = classify(target)
    if kind == "list":
        return "channel"
    if kind == "article":
        return "article"
    return "other"
