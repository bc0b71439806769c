"""The pattern vocabulary of extraction: every label, phrase, name list and class-name pattern the
passes match against, in one module, by the field it serves.

Fixing a wrong author, date, notice or kind of page usually means a word missing here or a word too
many; the pass that uses a pattern is named in its section. Lines are matched on a folded copy
(``text.fold``: half-width ASCII, the Traditional characters of labels as Simplified), so a Simplified
pattern also matches its Traditional spelling where the section says so. The date *grammar* (how a date
is written: ``2012年1月17日``, ``17-01-2012``, ``3小时前``) stays in ``dates``, with its parser;
thresholds (lengths, shares, counts) are in ``options``.
"""

from __future__ import annotations

import re
from typing import Literal

from newscrawler.items import DisclaimerKind

# ---- Bylines: labels, names, outlets, datelines (``bylines``)

BylineField = Literal["source", "author", "editor", "original_title", "date", "other"]

BYLINE_LABELS: dict[BylineField, tuple[str, ...]] = {
    "source": (
        "文章来源", "本文来源", "新闻来源", "消息来源", "信息来源", "内容来源", "稿件来源", "来源于",
        "来源", "稿源", "转载自", "转自", "摘自", "出处", "来自",
    ),
    "author": (
        "特约记者", "实习记者", "首席记者", "本报记者", "本刊记者", "记者", "通讯员", "实习生", "作者", "撰文",
        "撰稿", "编译", "口述", "整理", "文字", "图文", "原创", "执笔人", "执笔", "文",
    ),
    "editor": (
        "责任编辑", "值班编辑", "网络编辑", "实习编辑", "本文编辑", "核稿编辑", "编辑", "责编", "编审", "审核", "审校",
        "校对", "终审", "初审", "复审", "二审", "三审",
    ),
    "original_title": ("原文标题", "原标题", "原题为", "原题"),
    "date": (
        "发布时间", "发布日期", "发表时间", "发表日期", "更新时间", "最后更新", "更新于", "发稿时间", "录入时间",
        "上载时间", "时间", "日期", "发表于", "发布于", "发布",
    ),
    "other": (
        "浏览次数", "浏览量", "浏览", "阅读量", "阅读数", "阅读", "点击数", "点击量", "点击率", "点击", "字号",
        "分享到", "分享至", "分享", "评论", "参与", "打印", "关闭", "纠错", "所属栏目", "栏目", "频道",
        "关键词", "关键字", "标签", "Tags", "TAG", "发布者", "监制", "主编", "美编", "摄影", "视频",
    ),
}

BYLINE_LABEL_FIELD = {label: fld for fld, labels in BYLINE_LABELS.items() for label in labels}

BYLINE_ALL_LABELS = sorted(BYLINE_LABEL_FIELD, key=len, reverse=True)

# A label needs a separator after it (colon, slash, bar or space), so prose such
# as 记者从…获悉 or 来源于生活 is never split. 文 needs a colon or slash.
BYLINE_GLUED_OK = "来源|作者|责任编辑|编辑|责编|记者|原标题|阅读|浏览|点击"

# Labels are not split out of words (报名时间, 记者从…), except the common byline labels followed by a
# colon, which adjacent <span>s glue to the previous value (来源：北方商报作者：刘洋).
BYLINE_LABEL = re.compile(
    r"(?:(?<![\u4e00-\u9fff])(?:(?:本报|新华社|中新社|中新网|人民网|央视网|[\u4e00-\u9fff]{2,6}?)(?=记者|通讯员|实习生))?"
    r"|(?=(?:" + BYLINE_GLUED_OK + r")\s*[:：]))"
    r"(?P<label>" + "|".join(map(re.escape, BYLINE_ALL_LABELS)) + r")"
    r"(?P<sep>\s*[:：]\s*|\s*[/／|｜]\s*|\s+|(?=《)|(?=[\u4e00-\u9fff]{2,4}(?:[\s）)】\]、，,/／]|$)))",
)

BYLINE_MAX_PREFIX = 6
"""Longest text ``BYLINE_LABEL`` matches before its label (the 2-6 characters of an outlet or place before 记者)."""

BYLINE_ANY_LABEL = re.compile("|".join(map(re.escape, BYLINE_ALL_LABELS)))
"""A label word, wherever it stands: a plain alternation, which the regex engine scans for quickly."""

BYLINE_BRACKETS = "()（）[]【】〔〕<>「」"

BYLINE_STAFF_CODE = re.compile(r"(?:[_＿\s]|(?<=[\u4e00-\u9fff]))[A-Z]{1,4}\d{2,6}$")

BYLINE_BARE_CODE = re.compile(r"^[A-Z]{1,4}\d{2,6}$")

BYLINE_DIGITISH = re.compile(r"\d{2,}|[:：]\d")

BYLINE_CHROME_WORDS = frozenset(
    ["举报", "分享", "收藏", "打印", "关闭", "纠错", "评论", "大", "中", "小", "字号", "我要纠错", "手机看", "扫一扫", "返回", "原创", "转载", "独家", "置顶", "关注", "+关注", "已关注"]
)

BYLINE_DATELINE_REPORTERS = re.compile(
    r"^.{0,40}?(?:电|讯|报道)\s*[（(【]\s*(?:[\u4e00-\u9fff]{0,6}?(?:记者|通讯员))?\s*([^）)】]{2,40})[）)】]"
)

BYLINE_PAREN_REPORTER = re.compile(r"^[（(【]\s*(?:[\u4e00-\u9fff]{0,6}?)(?:记者|通讯员)\s*([^）)】]{2,40})[）)】]$")

BYLINE_OPENING_REPORTER = re.compile(
    r"^[（(【〔\[]\s*(?:[\u4e00-\u9fff]{0,6}?)(?:记者|記者|通讯员|通訊員)\s*([^（(）)】〔〕\[\]]{2,40}?)[）)】〕\]]\s*\S")
"""A paragraph opening with its reporters in brackets: ``（记者 张三）昨天…``, Taiwan's ``〔記者王某／台北報導〕…``
(the place and 報導 after the slash are not a name: ``BYLINE_PLACE_CREDIT``); only names that look like
people count (``（记者手记）`` names no one)."""

BYLINE_PLACE_CREDIT = re.compile(r"\s*[/／]\s*[\u4e00-\u9fff]{1,10}?\s*(?:[0-9０-９]{1,2}日)?\s*(?:報導|報道|报导|报道|電|电)")
"""The ``／台北報導`` or ``／台北17日電`` after a reporter's name (Taiwan and Hong Kong bylines)."""

BYLINE_UNKNOWN_LABEL = re.compile(r"\s[\u4e00-\u9fff]{2,6}\s*[:：]")

BYLINE_ALIAS = re.compile(r"(\S)\s*([（(][^()（）]{1,40}[)）])")

BYLINE_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔"
    "钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛"
    "邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝"
    "路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全"
    "佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝萧"
    # Traditional forms (Taiwan, Hong Kong)
    "陳劉張楊黃趙吳鄭孫馬羅謝韓馮鄧蕭葉蘇呂盧鐘鍾譚陸範賈韋鄒閆龍賀顧龔萬錢嚴湯溫齊喬龐顏莊聶魯歐關蘭寧紀"
    "畢單駱藍鮑華饒陽時農繆簡車項連蘆麥婁竇黨宮費衛應閔鄔邊師欒榮叢鞏遲鄺許蔣餘"
)

BYLINE_GLUED_LINK = re.compile(r"返回\S{1,8}?[，,]\s*查看更多")
"""A site's back link glued to the last line of the text or of a byline (``…张三 李四返回某某，查看更多``:
the link's words are no name and no text; chinese-news-spec §22)."""

BYLINE_AMPERSAND = re.compile(r"[&＆]")
"""Where two writers' names are joined (``胡某&李某某``; ``bylines._split_ampersands`` splits only people)."""

BYLINE_LATIN_HANDLE = re.compile(r"^[A-Za-z][A-Za-z0-9_.\-]{2,30}$")

BYLINE_NAME_OUTLET = re.compile(r"^([\u4e00-\u9fff]{2,4})\s*[/／|｜]\s*([\u4e00-\u9fff·]{2,20})$")

BYLINE_OUTLET_NAME = re.compile(r"^([\u4e00-\u9fff·]{2,12})[/／]([\u4e00-\u9fff]{2,4})$")
"""The other order, on a dated line of Taiwan's portals: the outlet, a slash and its reporter (``某某快訊／王小明``)."""

BYLINE_NOT_A_NAME = frozenset("导读 摘要 提要 简介 正文 原文 视频 图片 专题 评论 阅读 推荐 热门 快讯 声明 编者按 核心提示 更多 首页".split())

BYLINE_PLACEHOLDERS = frozenset(
    "佚名 未知 不详 匿名 暂无 无 网络 网友 互联网 网络整理 本站 本网 小编 管理员 系统管理员 admin Admin ADMIN administrator"
    " 未知作者 作者不详 不詳 網絡 網路 網友".split())
"""What a CMS prints in the author field when it has no writer (``作者：佚名``, ``作者：未知``, ``作者：网络整理``,
``作者：admin``): no one's name."""

BYLINE_DATE_SHAPE = re.compile(
    r"(?:(?:19|20)\d\d\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}日?"
    r"|民[國国]\s*\d{2,3}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"  # 民國101年1月12日 (Taiwan)
    r"|(?<![\w/.-])(?:[012]?\d|3[01])([-/])(?:0?\d|1[0-2])\1(?:19|20)\d\d(?![\d/.-]))"  # 17-01-2012 (Hong Kong)
    r"(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?"
)

BYLINE_COUNTERS = re.compile(
    r"\d+\s*人(?:参与|跟贴|评论|阅读)[^\s]*|(?:我要|发表|參與|参与)?(?:阅读|浏览|评论|評論|点击|点赞|收藏)"
    r"\s*(?:[:：(（]?\s*\d+\s*[)）]?|[(（]\s*[)）])|"
    r"星期[一二三四五六日天]|周[一二三四五六日]"
)

"""Counters and weekdays cut out of an unlabelled date line: a counter word needs its number or an empty
pair of brackets (``阅读:12``, ``我要评论(0)``, ``评论（）``), so words opening with one (``阅读日报``, ``评论员``)
stay whole."""

BYLINE_OUTLET = re.compile(r"(?:网|报|社|新闻|日报|晚报|时报|电视台|广播|频道|杂志|周刊|客户端|APP|财经|资讯|在线|中心)$")

BYLINE_CLOCK_OR_ZONE = re.compile(
    r"^(?:\d{1,2}[:：]\d{2}(?:[:：]\d{2})?|HKT|CST|GMT|UTC|TST|AM|PM|am|pm|[上下]午|北京时间|北京時間)$")

_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
BYLINE_WESTERN_DATE = re.compile(
    r"^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
    rf"(?:{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS},?)\s+(?:19|20)\d\d"
    r"(?:,?\s*(?:at\s*|@\s*)?\d{1,2}:\d\d(?::\d\d)?\s*(?:am|pm)?)?$",
    re.I)
"""A line that is nothing but a date written the Western way (``Saturday, September 10th, 2005 10:56 am``,
``10 Sep 2005``): a blog's dateline, not text."""

BYLINE_CLOCK = re.compile(r"\d{1,2}[:：]\d{2}")
"""A clock time inside a date (``2019-09-08 11:42``): a time stamp, never a notice's signature (``bylines.info_line``)."""

BYLINE_YEARLESS_STAMP = re.compile(r"^\d{1,2}\s*月\s*\d{1,2}\s*日\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?$")

BYLINE_WIRE_DATELINE = re.compile(r"^[（(]\s*([\u4e00-\u9fff]{2,6}?)\s*(?:記者|记者)[\u4e00-\u9fff]{2,10}?\d{1,2}\s*日\s*[電电]\s*[）)]$")
"""A wire dateline on a line of its own: ``（中央社記者某某台北12日電）`` (the outlet is the source; the
reporter's name runs into the place, so it is not split)."""

BYLINE_OUTLET_CREDIT = re.compile(r"^[（(【\[]\s*(?!本)([\u4e00-\u9fff]{2,8}?)\s*(?:報道|报道|專訊|专讯|訊|讯|綜合|综合)\s*[）)】\]]$")
"""A Hong Kong paper's credit on a line of its own: ``（星島日報報道）``, ``【大公報訊】``."""

BYLINE_FORUM_POSTER = re.compile(
    r"(?:本贴|本帖|此贴|该贴)由\s*(\S{1,20}?)\s*于\s*\d{4}\s*[-年/]|^由\s*(\S{1,20}?)\s*(?:张贴|发表|发布)\s*[@于]"
    r"|^(\S{2,20}?)\s*发表于\s*\d{4}\s*[-年/]|\d{1,2}:\d{2}(?::\d{2})?\s+by\s+([A-Za-z0-9_.\-\u4e00-\u9fff]{2,20})"
)

BYLINE_AGENCY_DATELINE = re.compile(
    r"^[（(]\s*[\u4e00-\u9fff]{2,6}?(?:記者|记者)\s*((?:[\u4e00-\u9fff]{2,4}[、，,]\s*)*)"
    r"([\u4e00-\u9fff]{4,10}?)\s*[0-9０-９]{1,2}\s*日\s*(?:電|电)\s*[）)]"
)
"""Taiwan's agency dateline: ``（中央社記者林明台北17日電）``, the last name glued to the place."""

BYLINE_AUTHOR_CLASS = re.compile(
    r"author|writer|byline|zuozhe|editor-name|(?:^|[\s_-])(?:name|nickname|username|uname)(?:$|[\s_-])", re.I
)

BYLINE_SOURCED_LEAD = re.compile(r"^(?:本文)?(?:来源|來源|转载|轉載)(?:于|於|自)?[:：]?")
"""``本文来源于《某网》`` before an outlet on an unlabelled date line: the outlet is the source."""

BYLINE_REPORTED = re.compile(
    r"(?:(?<=\s)\S{0,4}?(?:报道|報道|報導|报导)|(?<=[\s\u4e00-\u9fff])(?:编译|編譯|整理|整合|综合|綜合|撰文|报道|報道|報導|报导))(?=\s|$)")
"""A reporting verb after the names: glued to the last name (``路某编译``, ``李某整理``: the verb alone goes) or a
token of its own; a report's verb also takes the place it was filed from with it (``陳某 報道``, ``陳某 台北報導``):
not a name."""

BYLINE_CREDIT_CUT = re.compile(r"[/／]\s*文|供图|供圖|摄影|攝影|摄|攝")
"""Where the names of a byline value end: a writing credit (``马某/文``) or a photo credit (``受访者供图``, ``摄``)."""

BYLINE_DATELINE_ROLES = re.compile(r"(?:摄影?|报道|通讯员|通訊員|实习生|實習生|记者|記者)")
"""Role words between the reporters' names of a dateline (``记者张三 通讯员李四``): blanked before the names
are split."""

# ---- Body lines: captions, breadcrumbs, notices' words, rules, credits, announced tables (``body``)

BODY_CAPTION_TEXT = re.compile(
    r"^(?:图为|图片为|▲|△|↑|上图|下图|左图|右图|资料图|图片来源|图源|图/|图：|图:|图说|摄影|（?图片由|\(图片由)|"
    r"(?:摄|供图|资料图片?|视觉中国|图虫创意|新华社发|IC photo|视频截图|截图)\s*(?:资料)?\s*[）)]?$|[/／]摄"
)

BODY_DATELINE_ALONE = re.compile(
    r"^[\u4e00-\u9fffA-Za-z]{0,12}\s*(?:\d{1,2}\s*月\s*)?\d{1,2}\s*日\s*(?:电|電|讯|訊|报道|報道|報導|消息)$")
"""A dateline on a line of its own (``新华社天津3月14日电``, ``某某中文站 3月14日报道``, ``本报讯 3月14日消息``), matched
on the folded line: under the article's first photo it opens the text, it is no caption (``body._is_caption``)."""

BODY_TITLE_BADGE = re.compile(r"[【\[]?(?:原创|独家|首发|置顶|推荐|精选|热门|转载)[】\]]?")
"""A badge printed before the headline's words in the text's element (``原创``, ``【独家】``; ``fullmatch`` on what
stands before them): that line is the headline repeated, not the text's first line."""

BODY_BREADCRUMB_LEAD = re.compile(r"^(?:您的位置|你的位置|当前位置|您现在的位置|现在位置|所在位置|位置)\s*[:：]?\s*")

BODY_CRUMB_SPLIT = re.compile(r"\s*(?:>>|>|»|›|→|＞|/|\\|＞＞)\s*")

BODY_NOTICE_HINT = re.compile("声明|聲明|代表|转载|轉載|授权|授權|版权|版權|侵权|侵權|著作权|著作權|存储|存儲|投资|投資|风险|風險"
                          "|本网|本網|转发|轉發|联系|聯係|聯繫|稿件|建议|建議|提示|注明|公告|条款|條款|更正|平台|传递|傳遞|赞同|證實|证实"
                          "|标明|標明|标注|署名|Notice|Disclaimer")
"""Words every notice phrase holds (``disclaimers``); a line with none of them skips the full test."""

BODY_SEPARATOR = re.compile(r"^[-_=—*~－＿＝]{10,}$")

BODY_DATE_STAMP = re.compile(r"(?:19|20)\d\d\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}")

BODY_LABELLED_FIELD = re.compile(r"^\D{1,8}[:：]")
"""A line opening with a label (``发行日期：…``, ``来源：…``): a field of the text or a byline, which may
recur with other dates (a discography), not a comment's or post's stamp (``网友某某 2012-01-10 10:20``)."""

_STAMP_COUNTER = r"(?:阅读|閱讀|浏览|瀏覽|点击|點擊|评论|評論|回复|回覆|引用|收藏|人气|人氣)"
_STAMP_TOKENS = (
    r"(?:(?:19|20)?\d\d\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?|\d{1,2}[:：]\d{2}(?:[:：]\d{2})?"
    rf"|已被|已有|共|\d+(?!\d)(?:\s*(?:次|条|條|件|人))?|{_STAMP_COUNTER}|星期[一二三四五六日天]|周[一二三四五六日]|[上下]午|[ap]m"
    r"|by\s+[A-Za-z0-9_.\-\u4e00-\u9fff]{1,20}|(?:来源|來源|作者|分类|分類)\s*[:：]?[^|｜;；,，\s]{1,20}|[\s\-|｜;；,，、·•/()（）\[\]【】:：.。])*$"
)
BODY_POST_STAMP = re.compile(
    r"^[（(\[]?\s*(?:本文|此文|该文|本帖|本贴|本篇|該文|本篇文章)?(?:发表于|發表於|发布于|發佈於|写于|寫於|posted\s*(?:@|on|at)?)\s*[:：]?\s*"
    rf"(?:(?:19|20)?\d\d\s*[-/.年]\s*\d{{1,2}}\s*[-/.月]\s*\d{{1,2}}\s*日?|.{{0,40}}?{_STAMP_COUNTER}\D{{0,6}}\d){_STAMP_TOKENS}"
    r"|^(?:本|此|该|該)[贴帖文](?:最后|最後)?由\s*\S{1,30}?\s*[于於]\s*\d{4}",
    re.I)
"""A blog's or forum's post stamp (``发表于 2004年12月27日 12:40 (阅读:37)``, ``(本文发表于某栏目, 已被阅读178次)``,
``本贴由某某于2005年8月12日…发表``): not
text; after the text it closes the post (comments, replies and board rules follow). After 发表于 and its date
or read count only date, clock and counter tokens (and a ``来源X``/``作者X`` credit) may follow to the line's
end (``_STAMP_TOKENS``), so a
sentence opening with ``发布于2019年的报告显示…`` is text."""

BODY_CREDIT = re.compile(r"^[（(]\s*([^（）()]{2,30}?)\s*[)）]$")

BODY_ROLE_WORDS = re.compile(r"[\u4e00-\u9fff]{0,4}(?:记者|通讯员|实习生|评论员)")

BODY_INLINE_CREDIT = re.compile(r"[。！？”]\s*[（(]\s*([^（）()]{2,14}?)\s*[)）]$")

BODY_ANNOUNCES = re.compile(r"^附(?:表|件|录)?\s*[0-9一二三四五六七八九十]*\s*[:：]|[:：]$|如下表|见下表|見下表|下表所示")
"""A last line that announces what follows: ``附：招生专业一览``, ``附表1：``, ``…如下：``."""

BODY_STANDFIRST = re.compile(
    r"^[【\[]?\s*(?:摘要|导读|導讀|核心提示|内容提要|內容提要|提要|编者按|編者按)\s*[】\]]?\s*[:：]")
"""The label of a standfirst (``摘要：…``, ``导读：…``, ``核心提示：…``), the editors' summary printed between the
headline and the text: it opens the body (``body.add_standfirst``)."""

# ---- Notices: labels, phrases, kinds (``disclaimers``)

NOTICE_LABEL = re.compile(
    r"^[\s【\[（(]*(?:免责声明|特别声明|郑重声明|平台声明|版权声明|著作权声明|法律声明|重要声明|更正声明|声明|风险提示|"
    r"反侵权公告|版权公告|侵权公告|"
    r"免责条款|特别提示|温馨提示|提示|更正|注|Notice|Disclaimer)[】\]）)]?\s*[:：]"
    r"|^\s*[【\[]\s*(?:免责声明|特别声明|郑重声明|平台声明|版权声明|著作权声明|法律声明|重要声明|风险提示|免责条款)\s*[】\]]",
    re.I,
)
"""A notice's label: followed by a colon (``声明：``, ``【免责声明】：``), or in 【】 without one (``【免责声明】本文…``)."""

NOTICE_PHRASES = re.compile(
    r"不代表[^，。]{0,12}(?:观点|立场|意见)|仅代表[^，。]{0,10}(?:个人|本人|自己)?[^，。]{0,4}(?:观点|看法)|"
    r"转载(?:时|请|须|需|务必|必须)+注明|未经[^，。]{0,8}(?:授权|许可|同意)[^。]{0,8}(?:不得|禁止|严禁|请勿)[^。]{0,6}(?:转载|使用|复制)|"
    r"不得转载|严禁转载|禁止转载|转载请联系|版权归[^，。]{0,12}所有|如有侵权|侵权[^，。]{0,4}删|"
    r"仅提供信息(?:存储|发布)|信息存储空间服务|信息发布平台|"
    r"不构成(?:任何)?[^，。]{0,6}(?:投资|买卖|操作)[^，。]{0,4}建议|投资有风险|入市需谨慎|风险自担|"
    r"转载目的在于传递|并不代表本网|凡本网注明|本网转发|独家稿件|原创稿件|需要[同与和]本网联系|"
    r"凡[^，。]{0,4}(?:注明|标明|標明|标注|署名)[为是]?[^，。]{0,16}(?:来源|來源|出处|出處|的(?:稿件|作品|文章))|"
    r"转载自其[它他](?:媒体|网站|网络媒体)|轉載自其[它他](?:媒體|網站)|"
    r"[转轉来來][载載源]?[于於自]?(?:互联网|网络|網路|網絡)[^。]{0,24}(?:版权|版權|侵权|侵權|侵犯|删除|刪除|联系|聯繫)|"
    r"传递更多信息之目的|傳遞更多信息之目的|出于传递更多信息|并不意味着[^，。]{0,6}赞同其(?:观点|立场)|证实其描述|"
    r"[本此该]文系转载|系转载(?:文章|稿件|作品)|(?:不代表本[网站]|本[网站]不)对其真实性负责|"
    r"(?:版权|作品内容)[^。]{0,20}请在\s*\d+\s*日内",
)
"""Phrases only notices use, in the wordings of many portals (reprint notices: 凡注明/标明…来源的作品,
转载自其它媒体, 出于传递更多信息之目的, 并不意味着赞同其观点, 本文系转载, 转载自网络…如有侵权). Every
alternative starts with a literal character (or a class of them), which lets the regex
engine skip to where one may start (a group in front of an alternative would hide that)."""

NOTICE_KIND_RULES: tuple[tuple[DisclaimerKind, re.Pattern[str]], ...] = (
    ("correction", re.compile(r"^[\s【\[（(]*更正")),
    ("platform", re.compile(r"仅提供信息(?:存储|发布)|信息存储空间|信息发布平台|自媒体平台|uploaded and posted", re.I)),
    ("reprint", re.compile(r"本网转发|转载目的|转载自其[它他]媒体|凡本网注明|转载于|系转载")),
    ("investment", re.compile(r"投资建议|投资有风险|入市需谨慎|风险自担|风险提示|不构成[^，。]{0,6}建议")),
    ("views", re.compile(r"观点|立场|意见|看法")),
    ("copyright", re.compile(r"转载|授权|版权|侵权|独家|原创")),
)

NOTICE_HEADING = re.compile(r"^\S{0,16}?(?:版权|免责|法律|郑重|特别|重要)(?:与|和|及|、)?(?:版权|免责|法律)?声明\s*[:：]?$")
"""The heading of a box of notices (``某某网版权与免责声明：``, ``本站免责声明``; the items follow on their own
lines): a notice that closes the article (``disclaimers.closes_article``)."""

NOTICE_CLOSING = re.compile(
    r"^[\s【\[（(]*(?:免责声明|特别声明|郑重声明|平台声明|版权声明|著作权声明|法律声明|重要声明|声明|反侵权公告|版权公告|"
    r"侵权公告)"
)

# ---- Clutter: chrome lines, related-list headings, footers (``clutter``)

CLUTTER_CHROME = re.compile(
    r"^[【\[(（]?\s*(?:支持[键鍵][盘盤]翻[页頁]|分享到|分享至|分享给|分享让更多的?人|一键分享|分享：|分享:|分享$|转发到|扫一扫|“扫一扫”即可|微信扫|扫描二维码|扫码|用微信扫|长按识别|长按二维码|"
    r"上一篇|下一篇|上一条|下一条|上一页|下一页|上一则|下一则|回上一页|返回列表|返回首页|返回顶部|回到顶部|返回搜狐|"
    r"列印(?:本[文页]|$)|关闭视窗|字级[:：]?|"
    r"打印本页|关闭窗口|【打印】|【关闭】|【纠错】|\[打印\]|\[关闭\]|我要纠错|字号[:：]?|收藏本文|"
    r"点击查看|点击进入|点击阅读|点击下载|点此查看|阅读原文|查看原文|查看更多|展开全文|加载更多|更多精彩|"
    r"下载客户端|打开APP|打开客户端|下载APP|安装.{0,8}客户端|关注.{0,12}公众号|"
    r"我来说两句|发表评论|网友评论|查看评论|已有\d+人|\d+人参与|评论\s*[(（]?\d|参与讨论|"
    r"您的浏览器不支持|当前浏览器不支持|(?:Copyright|copyright|COPYRIGHT)|©|版权所有|"
    r"违法和不良信息|举报电话|举报邮箱|互联网新闻信息服务许可|网络传播视听节目许可|"
    r"(?:本文)?标签[:：]|关键[词字][:：]|Tags?[:：]|TAG[:：]|回复【|申请加入|本文图片|文中图片|"
    r"(?=[^。！？]{0,40}$)(?:(?:推荐|发送|转发)给(?:朋友|好友)|(?:Email|E-mail|邮件)推荐|复制(?:本文)?(?:地址|网址|链接)"
    r"|进入(?:论坛|博客)|加入收藏|设为首页|收藏(?:本页|此页|此文)|打印(?:本文|此文|该文|此页|该页)|顶一下|踩一下)|"
    r"本文(?:链接|网址|地址|永久链接)[:：]|原文(?:链接|地址|网址)[:：]|"
    r"手机(?:看|读)新闻[^。！？]{0,20}$|(?:订阅|定制)[^。！？]{0,12}手机报[^。！？]{0,30}$|"
    r"(?:下载|安装)[^。！？，,]{0,12}客户端[^。！？]{0,16}$|"
    r"(?=[^。！？]{0,60}$)(?:新闻|频道|广告|客服|服务|读者|报料|爆料)\S{0,6}热线(?:电话)?\s*[:：]?\s*[\d(（]|"
    r"(?=[^。！？]{0,60}$)爆料(?:热线|电话|邮箱)\s*[:：]|"
    r"推荐到[:：]|(?:所有|全部|以上)?评论仅代表|本文共\s*\d+\s*页|(?:验证码|用户名|登录名|密码|昵称)\s*[:：]?\s*$|匿名发表(?:评论)?$|"
    r"第\s*\d{1,3}\s*页$)",
)

CLUTTER_SHORT_CHROME = re.compile(
    r"^[【\[(（]?\s*(?:"
    r"(?=[^。！？]{0,30}[。！？]?$)(?:本文)?(?:图片|配图)(?:均|皆|都|部分)?(?:来自|来源于?|源自|取自|转自)于?\s*[:：]?\s*(?:网络|互联网)|"
    r"(?=[^。！？]{0,30}$)进入【[^】]{1,20}】|(?=[^。！？，,]{0,12}$)查看(?:全部|所有|更多)?评论|"
    r"(?=[^。！？，,]{0,30}$)(?:[【\[]专题[】\]]|专题\s*[:：]|(?:进入专题|参与投票|我要投票|查看(?:投票)?结果|投票结果)\s*$)|"
    r"(?=[^。！？]{0,40}$)[^，,。\s]{1,10}?(?:APP|App|app)[，,\s][^。！？]{0,30}?(?:满足(?:您|你)|尽在|立即下载|下载体验|品味|精彩不断|随时随地)|"
    r"(?=[^。！？，,]{0,20}$)(?:上一张|下一张|上一组|下一组|上一幅|下一幅|(?:点击)?查看原图|全屏(?:查看|浏览|观看))[\s>»<«]*$|"
    r"(?=[^。！？，,]{0,16}$)(?:回上页|回首页|回到顶端|回到页首|回顶端|回页首|友善列印|转寄(?:好友|给朋友|本文|此文)|"
    r"加入书签|加到我的最爱|加入我的最爱|订阅电子报|加入LINE好友|按赞加入\S{0,8}|(?:请)?继续(?:往下|向下)阅读|广告[）)】\]]?)[\s>»]*$|"
    # a video player's autoplay switch, alone or before the video's title (no sentence, no comma)
    r"(?=[^。！？，,]{0,40}$)自动播放(?:\s+\S[^。！？，,]*)?$)"
)
"""Chrome that only a short line is (its own length guard inside, the longest 40 characters: ``clutter.is_chrome``
tries it on lines of ``SHORT_CHROME_MAX`` characters at most, so long lines never pay for it): photo notes
(``图片均来自网络``), forum, topic and vote links, a site's app promo, photo-set and Taiwan page tools."""

SHORT_CHROME_MAX = 48
"""The longest line ``CLUTTER_SHORT_CHROME`` can match, as far as it matters: its longest guard (40 characters)
after its lead (a bracket and a few spaces); a pattern constant, like the lengths inside the other chrome
patterns."""

CLUTTER_KEYED_CHROME: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...] = (
    (("报料", "新闻热线"), re.compile(r"^[【\[(（]?\s*(?=[^。！？]{0,60}$)[^。！？]{0,24}?(?:报料(?:热线|电话|邮箱|[:：])|新闻热线)")),
    (("下载", "安装"), re.compile(
        r"^[【\[(（]?\s*(?=[^。？?]{0,90}$)[^。？?]{0,60}?(?:下载|安装)[^。！？，,]{0,12}(?:客户端|APP|App)[^。？?]{0,30}?"
        r"(?:福利|惊喜|精彩|尽在|随时随地|抢先)[^。？?！!]{0,4}[！!]*$")),
)
"""Chrome patterns tried only on a line holding one of their words (a tip-off hotline line of 60 characters at
most with no sentence end, an app promo sentence of 90 at most whose promise ends it: ``…领福利！``, where a
sentence about an app, ``下载某某App后即可随时随地办理…！``, goes on after the words): patterns that cannot start
from a literal."""

CLUTTER_CHROME_ANYWHERE = re.compile(
    r"ICP备|ICP证|公网安备|版权所有[，,\s]*(?:未经|不得|©)|海量资讯、精准解读|尽在新浪财经APP|"
    r"APP阅读全文|客户端阅读全文|更多精彩内容|扫码下载|微信扫一扫|二维码分享|分享到[:：]?\s*(?:微信|微博|QQ)|"
    r"加载中|点击加载更多|点击这里|正文已结束|返回\S{0,8}首页|" + BYLINE_GLUED_LINK.pattern + "|"
    r"【点击[^】]{1,6}】|已有\d+(?:件|条|篇)评论",
)

CLUTTER_TOOL_ALONE = re.compile(r"^(?:举报|收藏|点赞|纠错|提交|重置|打印|列印|关闭|转寄|推到(?:[A-Za-z][A-Za-z+]{1,11}|脸书|推特|噗浪)|\+1|图集|\+关注|已关注|[（(]?\d{1,3}/\d{1,3}[)）]?|共\d{1,3}张)$")
"""One page tool alone on a line (a like button's ``+1``, ``举报``, a gallery link's ``图集``, a photo set's counter
``(1/5)`` or ``共8张``; matched on the line with its spaces removed): the tool row of
``CLUTTER_TOOLS_ONLY`` with a single item, for the unambiguous tools only (``关注`` or ``评论`` alone may head a
section of a round-up)."""

CLUTTER_EMPTY_COUNTER = re.compile(r"^(?:阅读|浏览|点击|点阅|评论|人气)(?:人次|次数|数|量)\s*[:：]\s*$")
"""A counter whose number a script fills in (``点击数：``), matched on the line with its spaces removed."""

CLUTTER_COUNTER = re.compile(
    r"^(?:阅读|浏览|点击|点阅|点赞|收藏|评论|转发|喜欢|在看|人气)(?:人次|次数|数|量)?\s*[:：(（]?\s*\d[\d,.万]*\s*[)）]?(?:次)?$")

CLUTTER_TOOL_ROW = re.compile(r"^[^【\[。，,]{0,6}(?:[【\[][^】\]。，,]{1,10}[】\]][^【\[。，,]{0,8}){2,}$")
"""A row of bracketed page tools (``【打印】【关闭】``, ``页面功能 【推荐】【字体：大 中 小】【打印】``,
``[推荐] [收藏] [打印] Email推荐``), matched on the line with its spaces removed; chrome when one
item names a tool (``CLUTTER_TOOL_WORD``)."""

CLUTTER_TOOL_WORD = re.compile(
    r"打印|列印|关闭|推荐|收藏|评论|说两句|纠错|揪错|投稿|分享|复制|订阅|论坛|字体|字号|返回|回页|上一|下一|转发|转寄|E-?mail|邮件",
    re.I)

_MOOD_WORDS = (r"(?:感动|同情|无聊|愤怒|搞笑|难过|高兴|路过|震惊|开心|给力|雷人|鸡冻|惊讶|新奇|喜欢|支持|反对|悲伤|担忧|"
               r"气愤|好笑|感人|囧|顶|踩)")
CLUTTER_MOOD = re.compile(
    r"^(?=[^。！？]{0,30}$)(?:您)?(?:看|读|阅读)完(?:此|这|本|该)?(?:篇|条)?(?:新闻|文章|本文|此文)?(?:后)?的?(?:心情|感受)"
    rf"|^(?:{_MOOD_WORDS}[(（]?\d+(?:票|%|人)?[)）]?){{2,}}$|^{_MOOD_WORDS}[(（]\d+票[)）]$")
"""A mood vote under the text (``您看完此新闻的心情是：``, ``读完这篇的感受：``: a short line with no sentence
end, so a sentence of a review opening with 看完后的心情… stays text) and its counts (``感动0高兴2难过0``,
``给力(0票)``), matched on the line with its spaces removed."""

CLUTTER_SIZE_BAR = re.compile(r"^(?:字号|字体)?[:：]?\s*[大中小](?:\s*[大中小]){1,2}$")

CLUTTER_END_MARKER = re.compile(r"^[（(【\[-]*\s*(?:完|全文完|END|end|本文完)\s*[）)】\]-]*$")

BODY_PROMO_TAIL = re.compile(
    r"^[（(【\[]?\s*(?:更多(?:内容|精彩|资讯|新闻|信息)[^。]{0,12}(?:请|敬请|欢迎)?(?:继续)?(?:关注|访问|登录|浏览|下载)"
    r"|(?:敬请|欢迎|请)(?:继续)?(?:关注|访问|登录)[^。]{0,20}(?:网|APP|客户端|公众号|微博|www\.))"
)
"""A site's promo closing the text (``（更多内容请继续关注 某某网 www.example.cn）``, ``欢迎访问某某网``):
trimmed from the end of the body (``body._trim_tail``)."""

CLUTTER_URL_ONLY = re.compile(r"^(?:https?://|www\.)[\w.\-/:?=&%#~+]+$", re.I)
"""A line that is nothing but a web address (a portal prints its own under the headline)."""

CLUTTER_PHOTO_CREDIT = re.compile(r"^[（(【\[]\s*(?:图|影|图文|图片|照片)\s*[/:：][^（）()【】\[\]]{1,30}[）)】\]]$")
"""A photo or video credit alone on a line: ``（圖／翻攝自臉書）``, ``（图：某某摄）``."""

CLUTTER_AGENCY_STAMP = re.compile(r"^[(（]?\s*[A-Za-z]{2,10}\s*[)）]?\s*[-–—]\s*\d{1,2}\s*(?:分钟|小时|天)前$")
"""A wire credit and relative timestamp such as ``(AFP) – 11 小時前`` (news aggregators, HK portals)."""

CLUTTER_SOCIAL_ONLY = re.compile(
    r"^(?:(?:微信|微博|朋友圈|QQ空间|QQ好友|腾讯微博|新浪微博|人人网|豆瓣|QQ|空间|分享|更多"
    r"|[腾騰][讯訊](?:微博|空[间間]|QQ)|[开開]心[网網]|人人[网網]|脸书|臉書|推特|噗浪|(?i:facebook|twitter|plurk|line|google\+))"
    r"[\s|｜、/]*)+$")
"""A row of social networks' names (a share bar), matched on the stripped line; Traditional names spelled out
(the label fold converts only some of their characters)."""

_TOOL_ITEMS = (
    r"打印|友善列印|列印|字体|字型大小|字型|字级|字号|放大(?:字体)?|缩小(?:字体)?|正常|默认|预设|[大中小]|收藏|分享|转发|"
    r"转寄(?:好友)?|推荐|评论|回复|纠错|关闭|返回|顶部|保存|复制链接|举报|赞|踩|顶|电邮|邮件|E-?mail|推到\S{1,12}|"
    r"微信|微博|朋友圈|QQ空间|QQ|空间|豆瓣|人人网|开心网|Facebook|Twitter|Plurk|噗浪|脸书|推特|LINE|Google\+|"
    r"[^\s|｜、/·•:：]{0,8}(?:APP|App|客户端)")
CLUTTER_TOOLS_ONLY = re.compile(
    rf"^(?:(?:{_TOOL_ITEMS})[\s|｜、/·•:：]*(?:\d[\d,]*\s*)?){{2,}}$", re.I)
"""A row of nothing but page tools and networks' names, two or more (``缩小字体 放大字体 收藏 微博 分享 106``,
``打印 字体： 放大 正常 缩小 分享``, ``推到Facebook 推到Plurk``, a comment's ``回复 踩0 赞12 收藏``), a count
allowed after each, matched on the stripped line folded to Simplified."""

BYLINE_TOOL_NAME = re.compile(_TOOL_ITEMS, re.I)
"""One page tool or network's name (``fullmatch``): a share button's ``facebook`` or ``微博`` alone on a line under
the headline is no pen name (``bylines.looks_like_pen_name``)."""

CLUTTER_SITE_WATERMARK = re.compile(
    r"^(?:[^,，|｜:：。！？]{1,12}[,，|｜])?(?:[A-Za-z0-9-]+\.)+(?:com|net|org|cn|hk|tw|ca|us|uk|au|sg|my)/?$", re.I)
"""A site's watermark line between paragraphs, spaces removed: a web address's host alone (``i a s k . c a``)
or after a short name and a comma or bar (``某某家园,www.example.ca``). A line saying where to look
(``报名网址：www.example.cn``) is text."""

CLUTTER_RELATED_HEADINGS = (
    "相关文章", "相关阅读", "相关新闻", "相关链接", "相关报道", "相关专题", "相关推荐", "相关资讯",
    "热门推荐", "热点推荐", "热门文章", "热门新闻", "热门阅读", "热点阅读", "热点新闻", "热门评论",
    "最新动态", "最新文章", "最新新闻", "最新资讯", "猜你喜欢", "延伸阅读", "推荐阅读", "精彩推荐",
    "今日推荐", "为你推荐", "大家都在看", "24小时热文", "排行榜", "阅读排行", "点击排行", "新闻排行",
    "图片新闻", "更多新闻", "更多阅读", "往期回顾", "编辑推荐", "热门视频", "相关视频", "精彩图片",
    "网友评论", "热门跟帖", "我要评论", "评论列表", "全部评论", "最新评论",
    "网友留言", "读者留言", "发表留言", "我要留言", "网友回应", "读者回应", "网友跟帖", "评论区", "留言区",
    "热点专题", "热门专题", "更多相关新闻", "图片推荐", "视频推荐", "网友热议", "本周热点", "本月热点", "一周排行",
    "24小时排行", "滚动新闻", "频道精选", "热门关键词", "热门标签", "网友调查", "在线调查", "相关调查", "更多专题",
    # Taiwan and Hong Kong portals (matched on the folded text: 相關報導 -> 相关报导)
    "相关报导", "更多报导", "推荐新闻", "热门点阅", "相关影音", "热门话题", "最新消息", "看更多", "延伸阅读",
)
"""Short lines that open a related/hot/comment list: once the article has begun, they end it. A comment
list's heading may carry its count (``热门评论 10条``, ``最新评论（共3条）``)."""


def _heading_line(words: tuple[str, ...]) -> re.Pattern[str]:
    """A line that is only one of ``words`` as a box heading: bullets or brackets around it, a trailing
    colon, 更多 or », and a count (（共12条）)."""
    return re.compile(r"^[\s【\[「>■●▌|｜]*(?:" + "|".join(words) + r")[\s】\]」:：>»更多…\.|｜]*"
                      r"(?:[(（]?\s*(?:共\s*)?\d+\s*条\s*[)）]?\s*)?$")


CLUTTER_RELATED = _heading_line(CLUTTER_RELATED_HEADINGS)

CLUTTER_COMMENT_HEADINGS = (
    "网友评论", "热门跟帖", "评论列表", "全部评论", "最新评论", "热门评论", "网友留言", "读者留言",
    "网友跟帖", "评论区", "留言区",
)
"""The related-list headings (``CLUTTER_RELATED_HEADINGS``) that open readers' comments: prose under them is
the comments, never a sidebar story printed in full (a call to comment, 我要评论, heads no list: not here).
Words a reporter also puts over the article's own paragraphs (网友热议, 网友回应, 读者回应: what readers said)
are not here: they stay plain related headings."""

CLUTTER_COMMENT = _heading_line(CLUTTER_COMMENT_HEADINGS)

CLUTTER_TAG_ROW = re.compile(r"^[^。，！？\s|]{1,12}(?:\s*[|｜]\s*[^。，！？\s|]{1,12}){3,}$")

CLUTTER_WRITER_NOTE = re.compile(
    r"^[（(]?\s*(?:本文)?作者(?:为|是|系|简介|曾任)|^[（(]\s*(?:本文)?作者(?:曾就职|现任|现为|现是)|^作者\S{1,20}[，,]\s*(?:为|是|系)|^[（(].{0,24}(?:亦有贡献|参与采写|对此文|对本文)"
)
"""A note about the writer (``作者为某报评论员…``, ``作者曾任…``, ``（作者现为…）``): the verbs a book review's sentence
about its author also opens with (现为, 曾在) count only inside brackets."""

CLUTTER_SITE_FOOTER = re.compile(r"©|Copyright|ICP备|公网安备|版权所有", re.I)

# ---- Class and id names of page furniture and captions (``lines``)

CLASS_NOISE_TOKEN = re.compile(
    r"(?:^|[\s_\-])(?:nav|navbar|menu|topbar|ad|ads|adv|advert|banner|hot|hots|rank|side|sidebar|"
    r"footer|foot|bottom|crumb|breadcrumb|share|sharebar|bdshare|comment|comments|reply|recommend|"
    r"related|relate|xgxw|xgyd|tuijian|copyright|gotop|backtop|login|weixin|qrcode|erweima|"
    r"jiathis|download|toolbar|pager|pagination)(?:$|[\s_\-\d])",
    re.I,
)

CLASS_NOISE_SUBSTR = re.compile(
    r"breadcrumb|comment|share|recommend|related|sidebar|footer|advert|copyright|hotnews|"
    r"hot_news|hotlist|rank_list|ranklist|morenews|more_news|latest|newslist|news_list|relnews",
    re.I,
)

CLASS_COMMENT_NAME = re.compile(r"comment|repl(?:y|ies)|pinglun|gentie|liuyan", re.I)
"""A class or id naming readers' comments or replies: such an element is never a layout wrapper around the
text, however much of the page it holds (``lines._Walker._collapse_chrome``)."""

CLASS_SUBHEADING_CLASS = re.compile(r"(?:^|[\s_-])(?:h[2-6]|subtitle|sub-title|subhead(?:ing)?)(?:$|[\s_-])", re.I)
"""A class that marks an inline element as a subheading (``<span class="bjh-h3">``): its text counts as bold, so
that under a photo it is the text's next subheading, not the photo's caption (``body._subheading_over_text``)."""

CLASS_CAPTION_CLASS = re.compile(r"caption|pic_?txt|pictext|img_?desc|imgtxt|picinfo|pic_?note|illustrat", re.I)

# ---- Page kinds and page parts: 404 wording, headline and breadcrumb classes (``article``)

PAGE_ERROR_404 = (r"(?<![\d.#№第])(?<!No\.)(?<!No\. )(?<!No)(?<!No )404(?![\d.])"
              r"(?!\s*(?!错误|錯誤|页面|頁面|未找到|找不到|啦|了)[\u3400-\u9fff])")

PAGE_ERROR_WORDS = r"页面不存在|页面未找到|找不到(?:该|此|您要的)?页面|页面已删除|内容不存在|Not Found|访问的页面"

PAGE_ERROR_PAGE = re.compile(f"{PAGE_ERROR_404}|{PAGE_ERROR_WORDS}", re.I)
"""A 404/deletion wording: ``404`` standing alone as a status (``404 Not Found``, ``404错误``), never
part of a number or an ordinal (``第404号``, ``No.404``, ``404名学生``, ``404號``: a following Chinese
character other than an error word makes it a count or a serial), 页面不存在, Not Found …"""

PAGE_UTILITY_TITLE = re.compile(r"登录|登陆|注册|搜索|检索|找回密码|用户中心|会员中心|个人中心|购物车|留言板")
"""A headline naming a site's own function (sign-in, search, account): a short text under it is a
prompt, not a story (``article._short_story``)."""

PAGE_UTILITY_TEXT = re.compile(
    r"请输入|用户名|密码|验证码|找到\s*\d+\s*条|共\s*\d+\s*条(?:结果|记录)|欢迎(?:您|访问|光临|来到)|用户协议|"
    r"订阅成功|提交成功|操作成功|无权访问|权限不足|请先登录|请登录")
"""Words of a text that talks to the visitor (``请输入用户名和密码``, ``欢迎访问本频道``, ``共找到0条结果``):
under a headline naming a site function (``PAGE_UTILITY_TITLE``) such a text is a prompt, not a story."""

PAGE_UTILITY_LINE = re.compile(
    r"^\W{0,3}(?:请输入|请先?登录|欢迎(?:您|访问|光临|来到)|(?:共|为您)?找到\s*\d+\s*条|共\s*\d+\s*条(?:结果|记录)|"
    r"订阅成功|提交成功|操作成功|无权访问|权限不足|(?:用户名|密码|验证码)\s*[:：])")
"""A line that is itself a prompt, opening with its words (``欢迎访问本频道！``, ``请输入用户名和密码。``,
``共找到0条结果``): under any headline a short line of this kind talks to the visitor. A sentence of news
that only mentions the words (``…切勿透露密码和验证码``) is no prompt (``article._prompt``)."""

PAGE_ERROR_WORDED = re.compile(PAGE_ERROR_WORDS, re.I)
"""The worded part of ``PAGE_ERROR_PAGE``: a headline saying 页面不存在 needs no further evidence; a bare
``404`` one (a film, a code, a number the rule above did not see as one) also needs the text to be
no more than the apology."""

PAGE_CUT_SUMMARY = re.compile(r"(?:…|\.{3}|[\[【［][^\]】］]{1,4}[\]】］]|[(（](?:详细|全文|更多|详情|阅读全文)[)）]|>>|》》)\s*$")
"""The end of a summary cut short on a list page (``……``, ``...``, ``[详细]``, ``【全文】``, ``>>``)."""

PAGE_TITLEISH_CLASS = re.compile(r"title|headline|biaoti|tit\b|hd\b", re.I)

PAGE_CRUMB_CLASS = re.compile(r"crumb|position|location|daohang|dqwz|mbx|where|path|channel-?nav|currentpos", re.I)

PAGE_NOT_CHANNEL = {"首页", "正文", "返回首页", "主页", "网站首页", "本站首页", "内容", "文章", "详情", "正文内容", "新闻中心"}

# ---- Dates: the labels around a date, what makes a date absolute (``dates``)

DATE_LEAD_LABEL = re.compile(
    r"[\s\[【(<《|:]*+"
    r"(?:(?:最后|最後)?(?:发布|發佈|發布|发表|發表|更新|修改|录入|錄入|上传|上傳|创建|創建|出版|刊发|刊發|首发|首發"
    r"|撰写|撰寫|提交|编辑|編輯|发稿|發稿)\s*(?:时间|時間|日期|于|於)?"
    r"|时间|時間|日期"
    r"|(?i:published|updated|posted|date|time|last\s+modified)(?:\s+(?i:on|at))?)"
    r"\s*[:\]】)>》]?\s*"
)

DATE_TRAIL_LABEL = re.compile(
    r"\||来源|來源|稿源|出处|出處|作者|责任编辑|責任編輯|责编|責編|编辑|編輯|记者|記者|通讯员|通訊員"
    r"|浏览|瀏覽|阅读|閱讀|点击|點擊|字号|字號|分享|收藏|打印|评论|評論|所属栏目|栏目|欄目"
    r"|关键词|關鍵詞|关键字|标签|標籤|原标题|原標題|转载|轉載|发布|發佈|發布|发表|發表|更新|修改"
)

DATE_YY_LABEL = re.compile(r"(?:时间|時間|日期|于|於|发布|發佈|更新)\s*:?\s*$")

DATE_ABSOLUTE = re.compile(r"\d{4}|\d{1,2}\s*[-/月]\s*\d{1,2}")
"""A date written out (year, or month and day): unlabelled lines near the headline only count with one,
so 四年前 in a headline or 3天前 in a teaser is never read as the publication date."""

DATE_GLUED = re.compile(r"(?<!\d)(\d{1,2}-\d{2})([0-2]\d:[0-5]\d)")

DATE_YEAR = re.compile(r"(?:19|20)\d\d|\b\d\d[-/.]\d{1,2}[-/.]\d{1,2}|民[國国]\s*\d")

# ---- Headlines: site-name suffixes (``title``)

TITLE_SITEISH = re.compile(
    r"(?:网|网站|频道|新闻|资讯|财经|报|在线|中心|首页|门户|日报|晚报|官网|平台|\.com|\.cn|\.net"
    r"|網|網站|頻道|新聞|資訊|財經|報|線上|門戶|官網|電視台|电视台|電台|电台)$|^[A-Za-z][A-Za-z .]{1,24}$"
    r"|[A-Za-z0-9-]\.(?:com|net|org|cn|hk|tw)(?![A-Za-z])",
    re.I,
)

TITLE_SEPARATORS = re.compile(r"\s*(?:--|__|_|\||｜|\s-\s|\s—\s|\s:\s|(?P<weak>(?<![-\s])-(?![-\s])|(?<![—\s])—(?![—\s])))\s*")
"""Separators between a ``<title>``'s headline and its channel and site segments (``…_网易财经``, ``…--时政--人民网``);
group ``weak``: a hyphen or dash without spaces, which also occurs inside a headline (only a short tail is cut there)."""

TITLE_PREFIX_SEPARATOR = re.compile(r"\s+(?:»|›|>>|::)\s+")
"""A leading site trail's separator (``某站 » 标题``): the last segment is the headline."""

# ---- The second opinion's class and id names (``second``)

SECOND_GOOD_NAMES = re.compile(
    r"article|content|entry|main|post|story|text|body|detail|zhengwen|neirong|wenzhang|artibody|news_?txt|\bzw\b",
    re.I)

SECOND_BAD_NAMES = re.compile(
    r"comment|reply|footer|\bfoot|nav|menu|sidebar|\bside|share|related|relate|recommend|\bhot|rank|banner|"
    r"\bads?\b|advert|copyright|login|\btags?\b|breadcrumb|crumb|pager|pagination|tuijian|xgxw|link",
    re.I)
