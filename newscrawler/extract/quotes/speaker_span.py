"""The speaker phrase inside the clause before a cue.

``strip_lead`` peels connectives, dates and datelines off the front of the
clause; ``strip_tail`` peels adverbs, times, places, topics and interview
frames off its end, recording an addressee (``对北京商报记者``) on the
trigger; ``np_rejected`` turns down what cannot be a speaker (a clause, a
framing, the reporter, I or we).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newscrawler.adapters.sre import end_filter, start_filter
from newscrawler.extract.quotes.cues import MANNER_DE
from newscrawler.extract.quotes.lexicon import DOC, FIRST_PERSON, PRONOUNS, REPORTER
from newscrawler.extract.quotes.phrases import is_surname_name, parse_np

if TYPE_CHECKING:  # the annotations only: triggers imports this module
    from newscrawler.extract.quotes.triggers import Trig

_LEAD_STRIP = re.compile(
    r"(?:而且?|以及|但是?|不过|可是|然而|比如|例如|正如|如(?![果何此同])|因为|结果|虽然|尽管|同时|此外|另外|对此|随后|其中|并且|于是|因此|所以|此前|日前|近日|近期|目前|如今|"
    r"最后|最终|另一方面|与此同时|其后|紧接着|接着|然后|继而|事实上|实际上|其实|后来|当时|之后|此后|据此|赛后|会后|会上|当晚|当天|当日|昨天|今天|"
    r"昨日|今日|明天|今年|去年|本周|上周|上月|本月|日前|早前|并且?|当地时间[^,]{0,8}?日|\d{1,2}月\d{1,2}日|\d{1,2}日|"
    r"[上下本]?周[一二三四五六日天]|[早晚]些时候|另据|另|根据|依据|据(?![此点])|\s+|\((?:\d{1,2}月)?\d{1,2}日\)|"
    r"[\u4e00-\u9fff]{2,12}?\d{1,2}月\d{1,2}日电(?:\([^)]{0,24}\))?|"
    r"[A-Za-z0-9\u4e00-\u9fff]{1,12}?\d{1,2}月\d{1,2}日消息\s+|[\u4e00-\u9fff]{2,8}(?:\d{1,2}月\d{1,2}日)?讯\s+|"
    r"【[^【】,。]{1,20}(?:报道|报导|讯|消息|电)】\s*|"
    r"(?:[\u4e00-\u9fff]{2,8}讯\s*)?\((?:本报|本台|本刊|[\u4e00-\u9fff]{2,6}?)?(?:特约)?记者[^()]{1,40}\)\s*|"
    r"记者[^\s,;:。!?/]{1,12}/[^\s,;:。!?/]{1,8}报[导道]\s+|\([^()]{2,12}(?:报道|报导|专讯)\)\s*|[\u4e00-\u9fff]{2,8}讯\s*\([^()]{2,12}\)\s*|(?<=讯 )\([^()]{2,12}\)\s*|"
    r"(?:《[^《》]{1,12}》|本报|本台|本刊)?记者(?:采访|走访|联系|询问)了?)+"
)
_TAIL_STRIP = re.compile(
    r"(?:进一步|还|也|则|首次|同时|此前|再次|更是|均|都|亦|又|便|就|立即|(?<=[\u4e00-\u9fff]{2})即|曾经?|多次|一再|反复|明确|公开|直接|私下|甚至|"
    r"早前|近日|日前|近期|当天|当日|当晚|昨天|今天|昨日|今日|随后|最后|最终|(?<!的)最新|特别|普遍|一致|纷纷|集体|联合|共同|一同|一起|一道|一齐|齐声|坦率地|笑着|笑|仅|"
    r"只是|只|对此|已经|已|先后|当庭|不久前|大多|大都|多|继续|持续|一直|始终|依然|依旧|续|"
    r"常常|经常|时常|(?<=[\u4e00-\u9fff]{2})(?:常|(?<![老副])总是?)|一向|向来|往往|屡屡|屡次|频频|不时|当年|当时|那时|彼时|此时|这时|后来|一方面|另一方面|甚至|竟然|居然|(?:昨|今|当)(?:晚|夜|晨|早)|\d{1,2}点(?:\d{1,2}分)?|(?<=[\u4e00-\u9fff]{2})[\u4e00-\u9fff]{2}的|通过[^,的]{1,12}|(?:访问|出席|参加|会见|视察|考察|发表|召开|举行|做客|到访)[^,]{1,16}?时|"
    r"(?:召开|举行|举办)(?:记者会|新闻发布会|发布会|记者招待会|新闻会|座谈会)|单方面|单方|分析|昨|(?<=[\u4e00-\u9fff])(?:很|非常|十分|颇为|格外|略显|略带|略微|稍显|稍微|有些|有点|显得|颇)?[\u4e00-\u9fff]{2}地|言之[凿确]凿地|一(?:次次|遍遍|回回)地|一边|边|并且?|而|且|当即|随即|不禁|更|却|但|也曾|还曾|则是|一再|同样|还特别|也特别|当场|此间|"
    r"向媒体|对媒体|对外|向外界|对外界|在会上|在现场|现场|受访时|在受访时|答记者问时|(?<=[\u4e00-\u9fff]{2})网上|"
    r"(?:当地时间)?(?:\d{1,2}月)?\d{1,2}日(?:上午|下午|晚间|晚上|凌晨|早上|中午|傍晚|晚|早)?|[上下本]?周[一二三四五六日天]|"
    r"(?:今|昨|前)天|(?:上|下)午|晚间|当地时间|(?:上|本|下)(?:周|月|个月)|(?:去|今|前)年|年初|年底|月初|月底|\([^()]{1,16}\)|回(?:应|复)(?:[^,]{0,12}?时)?|"
    r"[今昨前明]\(\d{1,2}\)日|透过[^,的]{1,12}|受访(?:时)?|(?:致词|致辞|发言|讲话|演讲|演说)(?:时)?|"
    r"作出|做出|给出|予以|发出|(?<=[\u4e00-\u9fff]{2})发表|(?:经|经过)(?:审理|调查|核实|查明|鉴定|研究|分析)后?|审理后?|(?<=[\u4e00-\u9fff]{2})(?:如是|这样|这么|那样)|(?<=[者们人士家师板闆则也还都就])(?:会|將|将|要|能|可能|可以|应该|愿意))$"
)


_TAIL_STRIP_ENDS = end_filter(_TAIL_STRIP)
"""What a ``_TAIL_STRIP`` match can end with (it ends the segment): a segment whose last character is none of
them, holding none of the literals its open-ended alternatives (通过…, 透过…) begin with, is not searched (the
search tries some 150 alternatives at every position; most speaker phrases end in a name that ends none)."""


def _tail_filter() -> tuple[frozenset[str], re.Pattern[str]] | None:
    """``_TAIL_ANY``: what ``strip_tail`` can peel at all, from every rule of its loop."""
    flt = end_filter(_TAIL_INTERVIEW, _TAIL_ADDRESSEE, _TAIL_LOC, _TAIL_MOOD_MEANS, _TAIL_PUBLISH, _TAIL_DUI,
                     _TAIL_DUI_PEOPLE, _TAIL_CALL, _TAIL_DOC_IN, _TAIL_STRIP)
    if flt is None:
        return None
    ends = flt[0] | _DOC_PLACE | _TAIL_LAST | {"的", "\n"}  # (the rules written without a regex; ``$`` before a newline)
    return ends, re.compile("|".join(re.escape(w) for w in sorted(flt[1], key=len, reverse=True)) or "(?!)")


def _tail_strip(seg: str) -> re.Match[str] | None:
    """``_TAIL_STRIP.search(seg)``, the same match, skipped when ``_TAIL_STRIP_ENDS`` rules one out."""
    flt = _TAIL_STRIP_ENDS
    if flt is None or seg[-1:] in flt[0] or seg.endswith("\n"):
        return _TAIL_STRIP.search(seg)
    for w in flt[1]:
        if w in seg:
            return _TAIL_STRIP.search(seg)
    return None



_TAIL_LOC = re.compile(r"在([^在]{1,28}?)(?:上|中|时|里|内|后|前|期间|之际|现场|区|间)$|在([^在的]{1,6})$")
_TAIL_MOOD_MEANS = re.compile(
    r"[\u4e00-\u9fff]{2}之余$|(?<=[\u4e00-\u9fff])(?:用(?![户品地电水工])|通过|借助|利用)[^,;:。!?“”「」用的]{1,10}$"
)
"""Where or when it was said (在发布会上, 在现场), its mood (惊讶之余) or its means (用扩音喇叭, 通过微博): never the speaker.
用户/用品/用地… are nouns (南岭表用户运营总监刘佳宁), not the means 用."""
_TAIL_PIECE = re.compile(r"的(?:一篇|这篇|一则|这则|相关|最新)?$")
_TAIL_INTERVIEW = re.compile(r"(?:在)?(?:接受|面对)([^在]{0,24}?)(?:的)?(?:专访|采访|访问|提问|连线)时?$")
_TAIL_ADDRESSEE = re.compile(
    r"(?:对|向|跟|同|回应|回答|答复|回复|(?<![作成称因认以])为)([^对向,]{0,16}?(?:记者|媒体|本报|本台|本刊|笔者|外界|公众|通讯社|社|日报|报|电视台|台|网|杂志|周刊)|他|她|他们|我们|笔者)$"
)
_TAIL_PUBLISH = re.compile(
    r"(?:发布|发表|发出|出具|公布|刊发|刊登|下发|印发)了?(?:一份|一则|一篇|一封|一条)?(?:(?!的)[\u4e00-\u9fff]){0,4}?"
    r"(?:声明|公告|报告|通报|文章|博文|论文|消息|公开信|说明|公报|通知|白皮书|年报|财报|社论|评论|评论员文章|讲话|谈话)$"
    r"|(?:发布|发表|公布|刊发|刊登)了?(?:一份|一则|一篇)?《[^《》]{1,40}》$"
)
_TAIL_DUI = re.compile(r"(?:针对|对于|对|就(?![业医诊读职餐任]))[^对就,的]{1,16}$|向[^对就向,了是把被在过着的]{1,10}$")
"""对棱镜 / 就此事 / 向消费者 before the cue: an addressee or a topic (向 only before a short phrase with no verb;
never across a 的, whose head speaks: 向记者出示的合同显示)."""
_TAIL_DUI_PEOPLE = re.compile(
    r"(?:对|向|跟)[^对向跟,;:。!?“”]{1,20}的[\u4e00-\u9fff]{0,4}?(?:记者|观众|来宾|学生|患者|病人|市民|群众|游客|网友|员工|朋友|"
    r"家属|代表|官员|孩子|村民|居民|顾客|听众|读者|乘客|同学|家长|老人|志愿者|工作人员|人们|大家|众人)$"
)
"""对前来咨询的观众 / 向到场的企业代表: an addressee whose head people a relative clause describes (对此事的调查 is no
addressee: its head is no people)."""
_TAIL_CALL = re.compile(r"(?:致电|打电话给|来电|致函)[^,]{1,20}$|(?<=》)(?:发表|刊发)?(?:评论|社论|文章)$")
"""``有乘客致电本报热线称``, ``《人民日报》评论认为``: the channel, not the speaker."""
_TAIL_DOC_IN = re.compile(r"(?<=信|件|告|明|告|报|书|南|案|文|据|究|查|道|导|》)[中里]$")
"""报告中 / 《…规范》中 before a cue: the document speaks, 中/里 is where in it."""
_DOC_PLACE = frozenset("中里上")
"""After a document head (通知中, 意见里, 资料上): where in the document, not part of its name."""
_FRAMING_NP = re.compile(
    r"地$|时候$|^(?:照理|按理|按说|或者|应该|严格|准确|简单|老实|坦白|总的来|一般来|换言之|也就是|这样|那样|这么|那么|这里|那里|"
    r"此处|这儿|那儿|如此|俗话|常言|古人|老话|可以|也可以|不妨|毫不|毫不夸张|不夸张|毫无疑问|客观|平心而论|那些|这些|有些|那个|这个)$"
)
_BAD_NP = re.compile(r"了(?!解)|[把是让]|应当|我(?![省市国区县校院司厂局])|^不(?![少愿同])|既有|已经|实际上|很少|没有|听说|听到|得知|获悉|据说|被(?![告访害调查])"
                     r"|获得|得到|受到|赢得|遭到|需要|必须|进行|违反|违背|遵守|符合|超出|取出")
"""A clause, not a phrase: a perfective or copula, a passive, 获得…称赞 (praise received), 需要 (a modal verb),
a verb with its object (进行谈话提醒, 违反政府规定, 超出市场预期)."""
_FRAME_NP = re.compile(r"^(?:通过|经过|依据|基于|从|对于|关于|针对|围绕|按照|依照|随着|为了|除了|由于|因为|如果|虽然|尽管|至于|相比|作为|就)"
                       r"|^(?:根据|据)(?:统计|估计|测算|初步统计)$")
"""A preposition opening the phrase: a frame, not a speaker, unless a 的 makes it a relative clause with a head
(通过网络借贷买房的李先生)."""


def strip_tail(f: str, s: int, e: int, trig: Trig) -> int:
    """Peel adverbs, times, places, addressees and interview frames off the end of ``f[s:e]``; new end.

    An addressee (``对北京商报记者``, ``在接受本报记者采访时``) is recorded on ``trig``.
    """
    if f[e:e + 2] in ("报道", "报导", "声明", "公告") and (m0 := _TAIL_PIECE.search(f, s, e)) is not None \
            and m0.start() > s:
        e = m0.start()  # 东岭晚报的一篇报道称 / 据东岭公司的声明，: the outlet's report, the company's statement
    while e > s:
        seg = f[s:e]
        if _TAIL_ANY is not None and seg[-1] not in _TAIL_ANY[0] and _TAIL_ANY[1].search(seg) is None:
            break  # no rule below can peel anything: the segment ends in none of their last characters and
            # holds none of the words their open-ended alternatives need (most phrases end in a name)
        m = _TAIL_INTERVIEW.search(seg)
        if m:
            g = m.group(1)
            if g and trig.addr_s < 0:
                gs = s + m.start(1)
                trig.addr_s, trig.addr_e = gs, gs + len(g)
            e = s + m.start()
            continue
        m = _TAIL_ADDRESSEE.search(seg)
        if m and m.start() > 0 and not seg.endswith("对此") and len(m.group(1)) > 1:  # (共同社: 同|社 is no addressee)
            if trig.addr_s < 0:
                trig.addr_s, trig.addr_e = s + m.start(1), s + m.end(1)
            e = s + m.start()
            continue
        m = _TAIL_LOC.search(seg) if "在" in seg else None
        if m is None and (seg.endswith("之余") or "用" in seg or "通过" in seg or "借助" in seg):
            m = _TAIL_MOOD_MEANS.search(seg)
        if m:
            e = s + m.start()
            continue
        m = _TAIL_PUBLISH.search(seg)
        if m and m.start() > 0:  # 清水源发布澄清声明称 / 机构发布一份报告称: the publisher speaks
            e = s + m.start()
            continue
        m = _TAIL_DUI.search(seg) or (_TAIL_DUI_PEOPLE.search(seg) if "的" in seg and ("对" in seg or "向" in seg
                                                                                      or "跟" in seg) else None)
        if m is not None and seg.rfind("《", 0, m.start()) > seg.rfind("》", 0, m.start()):
            m = None  # 《东岭对外贸易报告》显示: a word inside a title, no topic
        if m and m.start() > 0:  # 对棱镜表示 / 就此事表示: addressee or topic, never the speaker
            e = s + m.start()
            continue
        if m and seg[:1] in "对向" and seg[:2] not in ("对此", "对于", "对方", "向来"):
            return s  # 收下了礼物，对邻居说: only an addressee, the subject is the previous clause's (zero)
        m = _TAIL_CALL.search(seg)
        if m and m.start() > 0:
            e = s + m.start()
            continue
        m = _TAIL_DOC_IN.search(seg)
        if m:
            e = s + m.start()
            continue
        if seg[-1:] in _DOC_PLACE and len(seg) > 2 and DOC.search(seg, 0, len(seg) - 1):
            e -= 1  # 卫生局通知中规定 / 药盒资料上说: the document speaks
            continue
        if seg.endswith("的") and (m := MANNER_DE.search(seg, 0, len(seg) - 1)) is not None and m.start() > 0:
            e = s + m.start()  # 他兴奋的(告诉记者): the manner, with 的 written for 地
            continue
        k = _tail_word(seg) if seg[-1:] in _TAIL_LAST else 0
        if k:
            e -= k
            continue
        k = _long_manner(seg) if seg[-1:] == "地" and len(seg) >= 5 else 0
        if k:
            e -= k
            continue
        m = _tail_strip(seg)
        if m:
            e = s + m.start()
            continue
        break
    return e


_TAIL_WORDS = ("深感", "深表", "颇感", "倍感", "略感", "深深", "赛后", "会后", "事后", "课后", "节后",
               "质询时", "答询时", "视察时", "考察时", "巡视时", "开会时", "座谈时", "采访时")
"""Feelings before an emotion cue (深感|担忧), times (李强赛后…说) and occasions (質詢時表示) that end a speaker
phrase: fixed words, tested with ``endswith`` (cheaper than more alternatives in ``_TAIL_STRIP``)."""
_MANNER_ZHE = frozenset("哭喊叹摇含红流抹笑")
_TAIL_LAST = frozenset("感表深后时着头泪眼说")
"""The last characters of ``_TAIL_WORDS`` and of a manner V+着(+头/泪/眼/说): only then is ``_tail_word`` asked."""


def _tail_word(seg: str) -> int:
    """The length of a fixed tail word or a manner V+着(+头/泪/眼/说) ending ``seg`` (哭着, 摇着头), else 0;
    at least two characters are left before it."""
    if seg.endswith(_TAIL_WORDS):
        k = next(len(w) for w in _TAIL_WORDS if seg.endswith(w))
        return k if len(seg) > k else 0
    k = 3 if seg[-1:] in "头泪眼说" and seg[-2:-1] == "着" else 2 if seg[-1:] == "着" else 0
    return k if k and len(seg) - k >= 2 and seg[-k] in _MANNER_ZHE else 0  # (length first: 着说 alone has no seg[-3])


_MANNER_3 = frozenset("开玩笑 很坚定 很无奈 很肯定 很认真 很自豪 很激动 很平静".split())
"""Three-character manners before 地 that are no reduplication (笑眯眯, 慢悠悠 are read by their form)."""
_SPEAKER_KINDS = frozenset("person anonymous short organization media media_unnamed".split())
_DEGREE = frozenset("很挺颇更最太极略稍")
"""A degree word second in four characters before 地 (王强华很高兴地): a name's last character, then the
manner (很高兴), not a four-character idiom."""


def _long_manner(seg: str) -> int:
    """The length of a three- or four-character manner and its 地 ending ``seg`` (王强语重心长地, 她开玩笑地,
    李明华笑眯眯地), when what precedes it is a person or a pronoun and the two-character reading (a name that
    swallowed the manner's first half: 王强语重) is none; else 0. Two-character manners are ``_TAIL_STRIP``'s."""
    body = seg[:-1]
    three = body[-3:]
    order = (4,) if not (three[1] == three[2] or three in _MANNER_3) else (4, 3) if body[-4:-3] == "半" else (3, 4)
    for k in order:
        head, manner = body[:-k], body[-k:]
        if not head:
            continue
        if head in PRONOUNS:
            return k + 1
        kind = parse_np(head).kind
        if kind not in _SPEAKER_KINDS or (k == 4 and kind == "person" and manner[1] in _DEGREE) \
                or (kind == "anonymous" and "有" in head):
            continue  # (有许多…的人七嘴八舌地议论说: a crowd the narrator sums up, left as it was)
        if k == 3:
            return k + 1
        two = parse_np(body[:-2])  # the two-character reading (…人士|无奈地) is a speaker: that one; 王强语重 is none
        if two.kind not in _SPEAKER_KINDS or (two.kind == "person" and not is_surname_name(two.name)):
            return k + 1
    return 0


_EXISTENTIAL = re.compile(
    r"[^,;:。!?“”\"「」]{0,12}?(?<!没)有(?=(?:一|两|几|多|数|某)?(?:位|名|个|项|項|份|篇|家)[^,]{1,12}$)|(?:曾|也|还|另|更|就|又)有(?=[^关些的人]{2})"
)
"""``门诊中就有一名家长(说)``: an existential clause; the speaker is what 有 introduces (not after 没有)."""


def existential(f: str, s: int, e: int) -> int:
    """Where the speaker of an existential clause ``f[s:e]`` (``门诊中就有一名家长``) starts; ``s`` if none."""
    if f.find("有", s, e) < 0:
        return s
    x = _EXISTENTIAL.match(f, s, e)
    if x is None:
        return s
    k = x.end()
    return k + 1 if f[k:k + 1] in ("位", "名", "个", "项", "項", "份", "篇", "家") else k  # 有项研究: the classifier too


def strip_lead(f: str, s: int, e: int) -> int:
    """Peel connectives, dates, datelines and an existential ``…有`` off the front of ``f[s:e]``; new start."""
    x = existential(f, s, e)
    if x > s:
        return x
    flt = _LEAD_ANY
    if flt is None or f[s:s + 1] in flt[0] or flt[1].search(f, s, e) is not None:
        m = _LEAD_STRIP.match(f, s, e)
    else:
        m = None  # (the phrase starts with no connective, date or dateline, and holds none of their marks)
    if m and m.end() < e:
        return existential(f, m.end(), e)  # 今日(12月28日)有网友爆料: the dateline, then 有
    if m and m.end() == e:
        return e
    return s


_INFERENCE_NP = re.compile(r"显示|表明|说明|意味着|证明|反映出|[-+*/=<>|~^&%#@]")
"""What opens a clause that infers (显示出X认为) or a phrase broken off at a symbol (+什么似乎): no speaker."""
_BY_FIGURES = re.compile(r"(?:^|[^数證证依占单票收论字凭盘割])[据據]|^(?:经|經|依照|按照|依据|依據|按)")
"""Before 统计: 据/根据/经 make the phrase a frame (according to the figures), not an office stating them."""
_TITLE_BODY = re.compile(r"《[^《》]*》")
_RELATIVE_VERBS = frozenset("进行 获得 得到".split())
"""Verbs of ``_BAD_NP`` that open a relative clause before a document head (X进行的调查, X获得的数据)."""
_PERSON_HEAD = re.compile(r"^(?:一位|一名|一个)?(?:人|人士|男子|女子|员工|职工|工人|男士|女士|市民|居民|网友|业内人士|知情人士)$")


def np_rejected(np_text: str, tr: Trig | None) -> bool:
    """A phrase that cannot be a speaker: a clause (has 了/把/被/是), a framing (从…上), the reporter, I/we."""
    bad = _BAD_NP.search(np_text) if np_text else None
    if bad is not None and bad.group() == "是" and "的" in np_text[bad.end():] \
            and _PERSON_HEAD.search(np_text.rsplit("的", 1)[1]) and not _BAD_NP.search(np_text, bad.end()):
        bad = None  # 自称是东岭公司员工的人: a relative clause before its head, the person speaks
    if bad is not None and bad.group() in _RELATIVE_VERBS and "的" in np_text[bad.end():] \
            and DOC.search(head := np_text.rsplit("的", 1)[1]) and not _BAD_NP.search(head):
        bad = None  # 卫生局所进行的视力调查(显示): a relative clause before a document, the document speaks
    if not np_text or (len(np_text) > 40 and len(_TITLE_BODY.sub("《》", np_text)) > 40) \
            or bad is not None or np_text in FIRST_PERSON \
            or (_FRAME_NP.match(np_text) and not ("的" in np_text[2:] and len(np_text.rsplit("的", 1)[1]) >= 2)):
        return True  # (a long 《…》 title counts as one word: X发布的《…年度市场观察简报》显示)
    if tr is not None and tr.cue in ("统计", "統計") and _BY_FIGURES.search(np_text):
        return True  # 经初步统计，… / 根据行情数据统计，…: by the figures, no one states them
    if len(np_text) == 1 and np_text not in PRONOUNS and np_text != "信":
        return True  # 莫说, 若说, 据显示
    if _FRAMING_NP.search(np_text):
        return True  # 严格地说, 照理说, 他走的时候说: a manner, a frame or a time, not a speaker
    if np_text.endswith(("迹象", "跡象", "种种迹象")):
        return True  # 种种迹象表明: signs, not a source
    if _INFERENCE_NP.match(np_text):
        return True  # …，显示出公司高管认为，…: an inference verb or a symbol opens a clause, not a speaker
    # the reporter (记者走访发现, 本报记者注意到) is never a source, but 据随队记者透露 names one
    head = np_text.rsplit("的", 1)[-1]  # 记者接触的医改专家: the experts speak, not the reporter
    return bool(REPORTER.search(head)) and not (tr is not None and tr.pattern == "ju" and np_text.endswith("记者") and len(np_text) > 2)


_TAIL_ANY = _tail_filter()
"""The characters a segment must end with, or a pattern of the words it must hold, for any rule of ``strip_tail``
to peel something (read from the patterns at import, so it follows their edits); None: no filter."""
_LEAD_ANY = start_filter(_LEAD_STRIP)
"""What a ``_LEAD_STRIP`` match can start with, and a pattern of the marks (月, 日, 讯, ``(``) that its alternatives
opening with any Han character hold: a phrase with neither is not matched (read from the pattern at import)."""
