"""The cue lexicon: which verbs report speech, and which of their occurrences do not.

Strong cues (``表示``, ``称``), weak ones that need their comma or colon
(``认为``, ``预计``), document-only cues (``显示``, ``表明``) and channel cues
(``发布声明称``) make up ``CUE_RE``. ``blocked`` rejects false friends
(``称为``, ``号称``, ``说了什么``, ``表示感谢``, ``所说``); ``cue_base`` strips a
speech suffix to the cue's verb (``透露称`` → ``透露``).
"""

from __future__ import annotations

import re

from newscrawler.extract.quotes.lexicon import DOC, alternatives

_STRONG = (
    "说 表示 称 声称 宣称 指出 透露 披露 强调 坦言 直言 证实 承认 否认 宣布 警告 提醒 呼吁 笑称 戏称 笑言 写道 坦承 坦陈 "
    "重申 确认 指称 辩称 坚称 认为 回应 答复 回答 补充 解释 介绍 告诉 提到 谈到 表态 问道 直指 吐槽 爆料 曝出 透露说 "
    "报道 报导 建议 奉劝 告诫 指控 得出结论 笑道 叹道 答道 回道 喊道 问道 提及"
).split()
_WEAK = "自称 回复 直呼 汇报 要求 承诺 发声 释疑 说明 反映 形容 评价 哭诉 嘟囔 嘀咕 认定 指 猜测 推测 称赞 总结 举例 评论 觉得 相信 分析 判断 预计 估计 预测 预期 担心 担忧 希望 期望 期待 回忆 感叹 感慨 抱怨 质疑 反驳 驳斥 批评 谴责 抨击 观察到".split()
DOC_ONLY = "显示 表明 揭示 发现 提出 载明 规定 明确 明确规定 明确提出 统计".split()
"""Document cues (spec §1.5 group C, 发现/提出/明确, and 规定 of a law or rule: see ``blocked`` for the noun 规定;
统计 with its comma: 市水务局统计，… states an office's figures, 统计局/统计数据 are nouns)."""
_CHANNEL = ("通报 辟谣 发布公告 发布声明 发表声明 发公告 发声明 发布消息 发布通报 发表文章 刊文 发微博 发布微博 发文 发帖 跟帖 撰文 留言 "
            "报道 报导 致信 发布预警 发出预警 发布提示 发出提示 发布通知 发出通知 发布倡议 发出倡议 发布报告 发布公报").split()
NO_DELIM_OK = frozenset(
    "说 表示 称 声称 宣称 指出 透露 披露 强调 坦言 直言 证实 承认 否认 警告 提醒 呼吁 笑称 戏称 笑言 写道 坦承 坦陈 "
    "重申 确认 指称 辩称 坚称 认为 显示 表明 发现 提出 规定 载明 明确 告诉 曝出 爆料 指控 直指 建议 奉劝 告诫 抱怨 质疑".split()
)
"""Cues that report without a comma or colon. Not 宣布: 宣布，… reports a statement, 宣布成立…/宣布对…实行改革
announce an act."""
ZERO_SUBJECT_OK = frozenset(
    "说 表示 称 声称 宣称 指出 透露 披露 强调 坦言 直言 证实 承认 否认 宣布 警告 提醒 呼吁 重申 补充 解释 回应 "
    "坦承 表态 指称 辩称 坚称 透露说 告诉 直指 指控 认为 奉劝 评价 指 笑言".split()
)
_SUFFIX = "(?:道|称|说|表示|指出|指(?=[,:])|过(?=[,:]))?"
"""Speech suffixes (分析道, 透露称, 补充说); Hong Kong papers add 指 before a comma (批評指，, 回應指，); 过 before a comma
reports what was once said (他曾说过，…: 说过的话 and 说过了 stay none)."""
MEDIA_ONLY = frozenset("报道 报导".split())
"""Cues only an outlet speaks with (东岭电视台报道，…): a person or a document before them is no speaker."""
ISSUER_ONLY = frozenset(["公布"])
"""An institution making something public, as 宣布 announces, bare and with its comma only (东岭客运公司本周公布，…):
a document or figures before it are what was published (成绩公布，/ 结果公布，), no speaker."""
NEEDS_DELIM = frozenset("揭示 发现 提出 规定 明确 明确规定 明确提出 载明 统计".split())
_STUDY_BEFORE = re.compile(
    r"(?:整理|调查|研究|统计|分析|检测|抽查|抽检|调研|梳理|监测|追踪|比对|普查)[^,;:。!?“”「」]{0,24},$"
)
"""The clause right before a cue is a study or a compilation (卫生局整理了外卖资讯，发现…)."""


def after_study(f: str, s: int) -> bool:
    """``X整理…资讯，发现…``: a 发现 whose clause follows a study clause states its findings (no comma needed
    after it, and the study's subject speaks); 赶到现场，发现… (an act, no study) stays no attribution."""
    return f.startswith("发现", s) and _STUDY_BEFORE.search(f, max(0, s - 26), s) is not None


CHANNEL_HEAD = re.compile("|".join(alternatives(_CHANNEL, "")))
"""The channel noun at the front of a channel cue (通报|称): after 的 it is a noun (发布的通报称), and the
speech verb after it is the cue."""
CUE_RE = re.compile(
    "|".join(alternatives(_CHANNEL, "(?:称|说|表示|指出|写道)") + alternatives(_STRONG + _WEAK + DOC_ONLY, _SUFFIX)
             + alternatives(ISSUER_ONLY, "(?=[,:])"))
)
"""Channel cues (with their speech verb), then plain cues (with an optional speech suffix), as one flat
alternation of literal-initial words: see ``lexicon.alt`` for why it is flat."""


# a cue preceded by one of these is not a speech act: nominal (所说), light-verb object (作出回应), negation
_PRE_BLOCK2 = frozenset("作出 做出 给出 予以 进行 发出 有所 没有 并未 拒绝 无法 不愿 不便 不肯 未曾 难以 不再 不要 不能 不会 不敢".split())
_PRE_BLOCK1 = frozenset("所未没不被勿")
_POST_BLOCK1 = frozenset("的者了过着")
_SAY_PRE_BLOCK = ("结论", "来", "上", "据", "听", "虽", "再", "却", "小", "传", "演", "游", "学", "解", "话", "比如", "可以", "应该",
                  "不好", "好",
                  "只能", "不用", "不得", "就是", "换句", "所", "人家", "难", "别", "想")
HUI_NOUN = frozenset("协学商工委金究联大议社总分年例全峰农教茶舞晚宴酒博展盛庙集约开")
"""Before 会: the characters that make it a noun (协会, 工会, 委员会, 大会) or 开会, not the modal."""
_SAY_POST_BLOCK = frozenset("明法服话出起到了过着得清好不唱实谎辞教笑书客情理")
_CHENG_PRE_BLOCK = frozenset("号堪俗简名职昵统合通尊谦别之对相自被可爱美或")
_CHENG_POST_BLOCK = frozenset("为作之号霸王心得职重谓道赞颂呼誉")
_BIAOSHI_OBJECTS = re.compile(
    r"(?:沉痛|深切|深深|诚挚|衷心|热烈|强烈|高度|严重|极大|由衷|真诚|坚决|充分)?的?(?:感谢|祝贺|欢迎|慰问|哀悼|遗憾|歉意|同情|敬意|感激|支持|反对|赞同|赞赏|理解|关注|关切|不满|抗议|谴责|同意|认可|"
    r"肯定|热烈|衷心|诚挚|钦佩|惋惜|震惊|愤慨|满意|祝福|哀思|致敬)"
)
_AT_EVENT = re.compile(
    r"在[^,;:。!?“”在]{1,20}(?<!意义)(?<!角度)(?<!程度)(?<!层面)(?<!本质)(?<!事实)(?<!理论)(?<!总体)(?<!表面)(?<!原则)"
    r"(?<!基本)(?<!客观)(?<!实际)(?<!某种)(?<!一定)上$"
)
"""``在例行记者会上`` before 说: where it was said, not a framing (``在某种意义上说``)."""
_ADVICE_GIVEN = re.compile(r"(?:提出|给予|给|作出|做出|提供|采纳|听取|接受|合理|意见|遵循|遵从|听从|遵照)[^,;:。!?“”]*$")
_ROLE_REN = frozenset("发言人 负责人 当事人 代理人 创始人 投资人 经纪人 主持人 候选人 知情人 举报人 起诉人 申请人 受害人 监护人 证明人 介绍人 联系人 带头人 接班人 领路人 掌门人".split())
_BY_RULE = re.compile(r"(?:根据|依据|按照|依照|遵照|按)[^,;:。!?]*$")
MANNER_DE = re.compile(
    r"(?:兴奋|高兴|激动|无奈|感慨|自豪|骄傲|认真|坚定|笑眯眯|笑呵呵|笑嘻嘻|乐呵呵|气愤|愤怒|伤心|难过|开心|得意|平静|淡定|"
    r"坦然|动情|哽咽|委屈|焦急|着急|紧张|惊讶|惊喜|欣慰|诚恳|严肃|幽默|坦率|轻松|小声|大声|悄悄)$"
)
_SAID_TO = frozenset(("记者", "笔者", "本报", "媒体", "大家", "我们", "他们", "她们"))
"""兴奋的告诉记者: 的 written for the adverbial 地 after a manner word, the cue is a verb (with its addressee)."""
_AT_REQUEST = re.compile(r"(?:^|[,;:。!?(（])\s*应[^,;:。!?]{1,12}$")
_LE_CLAUSE_CUES = frozenset("强调 表示 透露 承认 否认 坦言 指出 重申 证实 表态 声称 宣称".split())
_LE_CLAUSE = re.compile(r"[^,;:。!?“”]{1,10}?(?:不|没有|没|未|并未|并非|已经|正在|仍然|仍)[\u4e00-\u9fff][^。!?]{2,}")
"""After 了: a clause with its own subject and a negated or aspect-marked verb (女儿不在家中), not a noun object."""
_LE_QUOTED = re.compile(r"[“「][^“”「」,;:。!?]{6,}[。!?]?[”」](?=[,;。!?]|$)")
"""After 了: a whole quotation of a sentence, then the clause ends (证实了“这种鞋对脚踝有害”。): the words stated, not a
label before a noun (强调了“安全第一”的原则, 表示了“遗憾”)."""
_NAMING = re.compile(r"[^,;:。!?“”\"「」]{0,12}?为(?=[“\"「『])|其为|之为")


_WHEN_CLAUSE = re.compile(
    r"(?:[为成出在于][^,;:。!?“”「」]{1,10}?|(?:不|未|没有)?[\u4e00-\u9fff]{1,2})(?:之时|的时候|时)(?=,)"
)
"""A predicate with no subject of its own up to 时 and its comma right after a cue (显示异常时，/ 显示为红色时，/
显示在屏幕上时，): the cue's clause is a time condition. A clause with its own subject (报告显示经济下行时，…) is
what the report shows."""
_SHOWN_AT = re.compile(r"[在于][^,;:。!?“”「」]{1,12}?(?:上|中|里|处|角|位置|一栏)(?=[;。!?]|$)")
"""显示在屏幕的右上角。/ 显示于首页中。: a place the sentence ends on, where something is displayed (数据显示在过去十年里，… goes on: a report)."""
PROVISION = re.compile(r"的,(?:[^,;。!?]{0,8}?)(?:可以|应当|不得|依法)")
"""A condition closed by 的 and a rule (主管部门认为…的，可以…): a legal provision's case, nobody's statement."""
RULE_SUBJECT = re.compile(r"(?:部门|机关|委员会|仲裁委|法院|检察院|政府|局|厅|署|条例|法|规定|办法|细则)$")
"""A speaker phrase that can be a provision's subject: an office, a court or a law itself (主管部门认为…的，可以…)."""
ARTICLE_REF = re.compile(r"第[\d十百零〇九八七六五四三二一]+条")
"""An article reference (第十二条): the paragraph is statute text, where any body's 认为…的，可以… is a provision."""
COMPANY_END = re.compile(r"(?:公司|集团|企业|银行|厂|店)$")
"""A company: it states policy, never sits as a provision's subject (X公司表示对…的，可以…)."""
SCREEN = re.compile(
    r"(?:页面|頁面|网页|網頁|屏幕|螢幕|界面|介面|提示框|窗口|弹窗|彈窗|系统提示|系統提示|屏|显示器|顯示器|仪表盘|儀表盤|仪表|儀表|"
    r"温度计|溫度計|体温计|體溫計|计时器|計時器|记分牌|記分牌|计分板|計分板|电子秤|電子秤)(?:上|中|里|裡)?$"
)
"""A screen, a page or a device: what it shows (页面显示“订货成功”, 仪表盘上显示…) is its display, nobody's statement."""
_ISSUED_NOUNS = frozenset("警告 提醒 建议 呼吁".split())
_ISSUED = re.compile(r"(?:发出|作出|做出|给出|下达|收到|接到|发布|予以|给予)[^,;:。!?“”\"「」]{1,4}$")
_MEETS = frozenset("面对 面临 遭到 受到 遭受 引发 引起 招致 回应 针对 对于 不顾 顶着 平息 化解 消除 无视 听到 听取".split())
_ANSWER_WHOM = re.compile(r"(?:本报|本台)?(?:记者|媒体|外界|网友|提问)(?:的提问|提问)?(?:时)?(?:说|称|表示|指出)")


def blocked(f: str, s: int, e: int, base: str) -> bool:
    """False-friend guards for the cue ``f[s:e]`` whose verb is ``base``."""
    nxt = f[e : e + 1]
    nxt2 = f[e : e + 2]
    prev = f[s - 1 : s] if s else ""
    prev2 = f[max(0, s - 2) : s]
    if nxt in _POST_BLOCK1 and not (nxt == "着" and base == "笑") \
            and not (nxt == "了" and base in _LE_CLAUSE_CUES
                     and (_LE_CLAUSE.match(f, e + 1) or _LE_QUOTED.match(f, e + 1))):
        return True  # (强调了女儿不在家中: a perfective cue before a whole clause still reports it)
    if prev2 in _PRE_BLOCK2 and not (e - s > len(base) and prev2 in ("作出", "做出", "给出", "予以", "发出")):
        return True  # 作出回应 is an act; 作出回应说，… still reports speech
    if prev in _PRE_BLOCK1 and not (prev == "所" and s >= 2 and f[s - 2] not in "的其他她我你们之,;:。 "
                                     and "\u4e00" <= f[s - 2] <= "\u9fff"):
        return True  # 所说/所表示 are nominal; 中心诊所表示 is an institution speaking
    if prev == "的" and prev2 != "目的" and not (MANNER_DE.search(f, max(0, s - 5), s - 1) and nxt2 in _SAID_TO):
        return True  # 这个并不坚决的表态，表明…: a cue after 的 is a noun (的表态, 的回应, 的介绍)
    if f[s:e] in ("说说", "谈谈", "说道说道"):
        return True
    if base == "说" or f[s:e] == "说":
        if prev == "上" and _AT_EVENT.search(f, max(0, s - 24), s):
            pass  # 在例行记者会上说，…: a place (从这个意义上说 stays a framing)
        elif prev == "上" and e - s == 1 and f[e:e + 1] in ",:" and DOC.search(f[max(0, s - 9):s - 1]) \
                and not f[max(0, s - 9):s - 1].endswith(("统计", "研究", "结果")):
            pass  # 药盒资料上说，… / 合同上说：…: what the document says (统计上说 stays a framing)
        elif prev2 in ("讲话", "谈话") and e - s == 1 and f[e:e + 1] in ",:":
            pass  # 发表讲话说，…: the speech made, then its words (换句话说 stays a framing)
        elif prev2 in ("一再", "特别", "分别", "再三") and e - s == 1:
            pass  # 一再说, 特别说: adverbs, not 再说 (besides) or 别说 (let alone)
        elif f.endswith(_SAY_PRE_BLOCK, 0, s):
            return True
        if nxt in _SAY_POST_BLOCK or nxt2 in ("什么", "是否", "一句", "两句", "几句", "一声", "一下", "来,"):
            return True
    if nxt in "书函稿信单" and base in ("呼吁", "建议", "声明", "倡议", "承诺", "说明", "介绍", "报告"):
        return True  # 呼吁书, 建议书, 介绍信: a document's name, not a cue
    if base in _ISSUED_NOUNS and _ISSUED.search(f, max(0, s - 8), s):
        return True  # 发出退市警告, 收到风险提醒, 作出的建议: the notice as the object of a verb, not speech
    if base == "说明" and (prev2 in ("上报", "情况", "特别", "予以", "加以", "以下", "如下", "详细", "相关", "书面", "文字")
                         or prev in "这此"):
        return True  # 上报说明, 特别说明: a note or a report, not a person explaining (这说明: "this shows")
    if base in ("质疑", "抱怨", "批评") and prev2 in _MEETS:
        return True  # 面对质疑，… / 遭到批评: the noun (what someone faced), not the act of questioning
    if base == "否认" and prev in "能是可与":
        return True  # 能否认同, 是否认为: 否 belongs to 能否/是否
    if base == "建议" and (nxt in "书稿案权时" or _ADVICE_GIVEN.search(f, max(0, s - 14), s)):
        return True  # 提出教育建议, 给别人建议时, 建议书: the noun, object of a verb of giving
    if base == "指" and e == s + 1 and (prev in "是意所手剑戒食拇屈首遥泛特专暗系乃即一" or not prev):
        return True  # 是指, 意指, 手指, 泛指: not the Hong Kong 指 (= said) of 分析指，/ 回应指，
    if base == "披露" and prev2 == "信息":
        return True
    if base == "称":
        if prev in _CHENG_PRE_BLOCK and prev2 != "有人":
            return True
        if prev2 in ("(下", "以下"):
            return True  # (下称“东岭评级”) / 以下称: hereinafter called
        if prev == "并" and nxt in "“「\"":
            return True  # 两人并称“双子星”: naming; 并称，… and 并称将… are speech
        if nxt in _CHENG_POST_BLOCK or _NAMING.match(f, e, min(len(f), e + 16)):
            return True
        if prev == "人" and prev2 != "有人" and nxt not in ",:" and f[max(0, s - 3):s] not in _ROLE_REN:
            return True  # 人称“飞人”: naming (发言人称，… / 负责人称… are a spokesman speaking)
    if base == "表示" and e == s + 2 and _BIAOSHI_OBJECTS.match(f, e):
        return True
    if base in ("规定", "明确规定") and (prev in "有的关守反合照据按依项条新旧" or prev2 in ("明确", "具体", "严格")):
        return True  # 遵守相关规定，/ 有明确规定，: the noun 规定 (a rule), not a document speaking
    if base == "要求" and (_BY_RULE.search(f, max(0, s - 64), s) or _AT_REQUEST.search(f, max(0, s - 16), s)):
        return True  # 按照上级通知要求，… / 应受访者要求，…: the request followed, not a demand made
    if base in ("规定", "明确规定") and prev2 in ("出台", "制定", "颁布", "印发", "修订", "发布", "通过", "废止"):
        return True  # 东岭市出台规定，要求…: the rule issued is a noun; 要求 is the cue
    if nxt2 == "自己" and base in ("告诉", "提醒") and f[e + 2:e + 3] in (",", ":", ""):
        return True  # 他告诉自己，…: what one tells oneself is no report
    if prev == "想" and prev2 not in ("设想", "思想", "理想", "感想", "构想", "幻想", "联想", "猜想"):
        return True  # 张华想告诉大家…: what one wants to say (想说 already), no report
    if base in ("规定", "明确规定") and _BY_RULE.search(f, max(0, s - 16), s):
        return True  # 根据交易所规定，…: "under the rules" frames the sentence
    if base in ("显示", "表明") and nxt in "屏器出":
        return True
    if base == "显示" and nxt in "在于" and _SHOWN_AT.match(f, e):
        return True  # 这条信息显示在屏幕的右上角: where it is displayed, no report
    if base in ("显示", "表明") and nxt not in ",:" and _WHEN_CLAUSE.match(f, e):
        return True  # 数据显示异常时，…: when the figures show something, a condition, not what they report
    if base in ("回应", "回答", "答复") and _ANSWER_WHOM.match(f, e):
        return True  # 回应记者说，…: the speech verb is 说; 回应记者 is its addressee
    if nxt2 == "后," or f[e:e + 3] in ("之后,", "以后,", "之前,", "以前,", "以来,"):
        return True  # 信息曝出后，… / 宣布之后，…: a time clause, not a report (说后天…, 表示后续… are content)
    return nxt2 in ("一下", "下来")  # 介绍一下, 说下来


def cue_base(cue: str) -> str:
    """The verb of a cue as ``CUE_RE`` matched it, without its speech suffix (``透露称`` → ``透露``)."""
    base = _BASE.get(cue)
    return base if base is not None else _cue_base(cue)


def _cue_base(cue: str) -> str:
    if cue.startswith("明确") and cue[2:] in ("表示", "指出", "称", "说"):
        return cue[2:]  # 明确表示: 明确 is the manner (clearly), the speech verb is 表示 (a person may speak so)
    for suf in ("道", "称", "说", "表示", "指出", "写道", "指", "过"):
        if cue.endswith(suf) and len(cue) > len(suf):
            stem = cue[: -len(suf)]
            if stem in _VERBS:
                return stem
    return cue


_VERBS = frozenset(_STRONG + _WEAK + DOC_ONLY + _CHANNEL + sorted(ISSUER_ONLY))
_BASE = {form: _cue_base(form) for w in _VERBS
         for form in (w, *(w + suf for suf in ("道", "称", "说", "表示", "指出", "写道", "指", "过")))}
"""Every form ``CUE_RE`` can match (a verb, bare or with a speech suffix) mapped to its verb once, at import:
``cue_base`` runs for every cue of every block."""
