"""Page chrome recognised line by line: share bars, print/close links, prev/next,
counters, app promotions, footers, related-list headings and truncated copies.

These rules apply to every candidate body line, including lines inside the
chosen content container (portals put app promotions and share bars there).
"""

from __future__ import annotations

import re

from newscrawler.extract.text import fold, nospace

_CHROME = re.compile(
    r"^(?:分享到|分享至|分享给|一键分享|分享：|分享:|分享$|转发到|扫一扫|微信扫|扫描二维码|扫码|用微信扫|长按识别|长按二维码|"
    r"上一篇|下一篇|上一条|下一条|上一页|下一页|上一则|下一则|回上一页|返回列表|返回首页|返回顶部|回到顶部|返回搜狐|"
    r"列印(?:本[文页]|$)|关闭视窗|字级[:：]?|"
    r"打印本页|关闭窗口|【打印】|【关闭】|【纠错】|\[打印\]|\[关闭\]|我要纠错|字号[:：]?|收藏本文|"
    r"点击查看|点击进入|点击阅读|点击下载|点此查看|阅读原文|查看原文|查看更多|展开全文|加载更多|更多精彩|"
    r"下载客户端|打开APP|打开客户端|下载APP|安装.{0,8}客户端|关注.{0,12}公众号|"
    r"我来说两句|发表评论|网友评论|查看评论|已有\d+人|\d+人参与|评论\s*[(（]?\d|参与讨论|"
    r"您的浏览器不支持|当前浏览器不支持|(?:Copyright|copyright|COPYRIGHT)|©|版权所有|"
    r"违法和不良信息|举报电话|举报邮箱|互联网新闻信息服务许可|网络传播视听节目许可|"
    r"(?:本文)?标签[:：]|关键[词字][:：]|Tags?[:：]|TAG[:：]|回复【|申请加入|本文图片|文中图片|图片来源于网络)",
)
_CHROME_ANYWHERE = re.compile(
    r"ICP备|ICP证|公网安备|版权所有[，,\s]*(?:未经|不得|©)|海量资讯、精准解读|尽在新浪财经APP|"
    r"APP阅读全文|客户端阅读全文|更多精彩内容|扫码下载|微信扫一扫|二维码分享|分享到[:：]?\s*(?:微信|微博|QQ)|"
    r"报料(?:热线|电话|邮箱|[:：])|新闻热线|加载中|点击加载更多|点击这里|正文已结束|返回\S{0,8}首页",
)
_COUNTER = re.compile(r"^(?:阅读|浏览|点击|点赞|收藏|评论|转发|喜欢|在看)\s*[:：(（]?\s*\d[\d,.万]*\s*[)）]?(?:次)?$")
_SIZE_BAR = re.compile(r"^(?:字号|字体)?[:：]?\s*[大中小](?:\s*[大中小]){1,2}$")
_END_MARKER = re.compile(r"^[（(【\[-]*\s*(?:完|全文完|END|end|本文完)\s*[）)】\]-]*$")
_URL_ONLY = re.compile(r"^(?:https?://|www\.)[\w.\-/:?=&%#~+]+$", re.I)
"""A line that is nothing but a web address (a portal prints its own under the headline)."""
_PHOTO_CREDIT = re.compile(r"^[（(【\[]\s*(?:图|影|图文|图片|照片)\s*[/:：][^（）()【】\[\]]{1,30}[）)】\]]$")
"""A photo or video credit alone on a line: ``（圖／翻攝自臉書）``, ``（图：某某摄）``."""
_AGENCY_STAMP = re.compile(r"^[(（]?\s*[A-Za-z]{2,10}\s*[)）]?\s*[-–—]\s*\d{1,2}\s*(?:分钟|小时|天)前$")
"""A wire credit and relative timestamp such as ``(AFP) – 11 小時前`` (news aggregators, HK portals)."""
_SOCIAL_ONLY = re.compile(r"^(?:(?:微信|微博|朋友圈|QQ空间|QQ好友|腾讯微博|新浪微博|人人网|豆瓣|QQ|空间|分享|更多)[\s|｜、/]*)+$")

RELATED_HEADINGS = (
    "相关文章", "相关阅读", "相关新闻", "相关链接", "相关报道", "相关专题", "相关推荐", "相关资讯",
    "热门推荐", "热点推荐", "热门文章", "热门新闻", "热门阅读", "热点阅读", "热点新闻", "热门评论",
    "最新动态", "最新文章", "最新新闻", "最新资讯", "猜你喜欢", "延伸阅读", "推荐阅读", "精彩推荐",
    "今日推荐", "为你推荐", "大家都在看", "24小时热文", "排行榜", "阅读排行", "点击排行", "新闻排行",
    "图片新闻", "更多新闻", "更多阅读", "往期回顾", "编辑推荐", "热门视频", "相关视频", "精彩图片",
    "网友评论", "热门跟帖", "我要评论", "评论列表", "全部评论", "最新评论",
    # Taiwan and Hong Kong portals (matched on the folded text: 相關報導 -> 相关报导)
    "相关报导", "更多报导", "推荐新闻", "热门点阅", "相关影音", "热门话题", "最新消息", "看更多", "延伸阅读",
)
"""Short lines that open a related/hot/comment list: once the article has begun, they end it."""
_RELATED = re.compile(
    r"^[\s【\[「>■●▌|｜]*(?:" + "|".join(RELATED_HEADINGS) + r")[\s】\]」:：>»更多…\.|｜]*$"
)


_TAG_ROW = re.compile(r"^[^。，！？\s|]{1,12}(?:\s*[|｜]\s*[^。，！？\s|]{1,12}){3,}$")
_WRITER_NOTE = re.compile(
    r"^[（(]?\s*(?:本文)?作者(?:为|是|系|简介)|^作者\S{1,20}[，,]\s*(?:为|是|系)|^[（(].{0,24}(?:亦有贡献|参与采写|对此文|对本文)"
)


def is_writer_note(text: str) -> bool:
    """A note about the writer (作者为专栏作家…, （实习生某对此文亦有贡献）): byline matter, not text."""
    return len(text) <= 100 and bool(_WRITER_NOTE.search(fold(text)))


def is_chrome(text: str) -> bool:
    """True for a line that is page chrome (share, print, prev/next, counters, promos, footers)."""
    text = fold(text)
    if _CHROME.match(text) or _CHROME_ANYWHERE.search(text):
        return True
    compact = nospace(text)
    if _TAG_ROW.match(text):
        return True  # 20190926|国贸|增长率|全球经济: a tag row
    return bool(
        _COUNTER.match(compact) or _SIZE_BAR.match(compact) or _SOCIAL_ONLY.match(text) or _END_MARKER.match(compact)
        or _URL_ONLY.match(text.strip()) or _AGENCY_STAMP.match(text.strip()) or _PHOTO_CREDIT.match(text.strip())
    )


def is_related_heading(text: str) -> bool:
    """True for a short heading that opens a related/hot/latest/comment list."""
    return len(text) <= 16 and bool(_RELATED.match(fold(text)))


def is_truncated_copy(short: str, full: str) -> bool:
    """True when ``short`` is ``full`` cut to a fixed length (the related-list "title, then truncated copy" pattern)."""
    s = short.rstrip(".…。 ")
    return 4 <= len(s) < len(full) and full.startswith(s)


_SITE_FOOTER = re.compile(r"©|Copyright|ICP备|公网安备|版权所有", re.I)


def is_site_footer(text: str) -> bool:
    """True for the page footer's copyright/licence line: nothing after it belongs to the article."""
    return bool(_SITE_FOOTER.search(text))
