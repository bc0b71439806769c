"""Article notices (声明, 免责声明, 版权声明, 风险提示 …): find them and type them.

A notice is kept verbatim in ``Article.disclaimers`` and never in the body.
Labelled notices (``声明：…``) are recognised by their label; unlabelled ones
(``本文仅代表作者观点，不代表网易立场``) by phrases that only notices use. Site
footers (``版权所有``, ICP numbers) are page chrome, not notices: see ``clutter``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newscrawler.extract.text import fold
from newscrawler.items import Disclaimer, DisclaimerKind

_LABEL = re.compile(
    r"^[\s【\[（(]*(?:免责声明|特别声明|郑重声明|平台声明|版权声明|著作权声明|法律声明|重要声明|更正声明|声明|风险提示|"
    r"反侵权公告|版权公告|侵权公告|"
    r"免责条款|特别提示|温馨提示|提示|更正|注|Notice|Disclaimer)[】\]）)]?\s*[:：]",
    re.I,
)
_PHRASES = re.compile(
    r"不代表[^，。]{0,12}(?:观点|立场|意见)|仅代表[^，。]{0,10}(?:个人|本人|自己)?[^，。]{0,4}(?:观点|看法)|"
    r"转载请注明|未经[^，。]{0,8}(?:授权|许可|同意)[^。]{0,8}(?:不得|禁止|严禁|请勿)[^。]{0,6}(?:转载|使用|复制)|"
    r"不得转载|严禁转载|禁止转载|转载请联系|版权归[^，。]{0,12}所有|如有侵权|侵权[^，。]{0,4}删|"
    r"仅提供信息(?:存储|发布)|信息存储空间服务|信息发布平台|"
    r"不构成(?:任何)?[^，。]{0,6}(?:投资|买卖|操作)[^，。]{0,4}建议|投资有风险|入市需谨慎|风险自担|"
    r"转载目的在于传递|并不代表本网|凡本网注明|本网转发|独家稿件|原创稿件|需要[同与和]本网联系|"
    r"(?:版权|作品内容)[^。]{0,20}请在\s*\d+\s*日内",
)
"""Phrases only notices use. Every alternative starts with a literal character, which lets the regex
engine skip to where one may start (a group in front of an alternative would hide that)."""
_KIND_RULES: tuple[tuple[DisclaimerKind, re.Pattern[str]], ...] = (
    ("correction", re.compile(r"^[\s【\[（(]*更正")),
    ("platform", re.compile(r"仅提供信息(?:存储|发布)|信息存储空间|信息发布平台|自媒体平台|uploaded and posted", re.I)),
    ("reprint", re.compile(r"本网转发|转载目的|转载自其[它他]媒体|凡本网注明|转载于|系转载")),
    ("investment", re.compile(r"投资建议|投资有风险|入市需谨慎|风险自担|风险提示|不构成[^，。]{0,6}建议")),
    ("views", re.compile(r"观点|立场|意见|看法")),
    ("copyright", re.compile(r"转载|授权|版权|侵权|独家|原创")),
)
_MAX_LEN = 400


_CLOSING = re.compile(
    r"^[\s【\[（(]*(?:免责声明|特别声明|郑重声明|平台声明|版权声明|著作权声明|法律声明|重要声明|声明|反侵权公告|版权公告|"
    r"侵权公告)"
)


def closes_article(notice: Disclaimer) -> bool:
    """A labelled 声明/免责声明/版权声明 after the text ends the article (what follows is site matter)."""
    return bool(_CLOSING.match(fold(notice.text)))


def disclaimer_kind(text: str) -> DisclaimerKind:
    """Type a notice by what it says (first matching rule wins)."""
    for kind, rule in _KIND_RULES:
        if rule.search(text):
            return kind
    return "other"


def as_disclaimer(text: str) -> Disclaimer | None:
    """The line as a typed notice, or None when it is not one.

    Long lines are only notices when labelled, so a paragraph that merely
    mentions 观点 or 转载 stays in the body.
    """
    if not text or len(text) > _MAX_LEN * 2:
        return None
    folded = fold(text)
    if _LABEL.match(folded):
        return Disclaimer(kind=disclaimer_kind(folded), text=text)
    if len(text) <= _MAX_LEN and _PHRASES.search(folded) and _notice_shaped(folded):
        return Disclaimer(kind=disclaimer_kind(folded), text=text)
    return None


def _notice_shaped(text: str) -> bool:
    """Unlabelled notices are short, or are made mostly of notice phrases."""
    if len(text) <= 80:
        return True
    hits = sum(len(m.group(0)) for m in _PHRASES.finditer(text))
    sentences = max(1, len(re.findall(r"[。！？]", text)))
    return len(_PHRASES.findall(text)) >= min(2, sentences) and hits >= 6


def collect(routed: list[Disclaimer], footer: Iterable[str]) -> list[Disclaimer]:
    """The page's notices: those met while routing the article's lines (``body.sort_lines``, in order,
    as printed), then those among the footer's lines (``footer``: the texts no other field claimed),
    each footer notice once."""
    notices = list(routed)
    for text in footer:
        notice = as_disclaimer(text)
        if notice is not None and all(d.text != notice.text for d in notices):
            notices.append(notice)
    return notices
