"""Triggers: one per attribution found in a block, before any speaker is resolved.

``find_triggers`` finds the frames first (speaker-less hearsay ``据悉``,
``据X透露``, ``X援引Y称``, ``在X看来``), then the plain cues of ``CUE_RE``
outside quotations and book titles. A ``Trig`` holds the spans the engine
needs next: the cue, the speaker phrase, the clause and where the content starts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newscrawler.extract.quotes.blocks import CLOSERS, CONTENT_DELIM, OPENERS, Text
from newscrawler.extract.quotes.cues import (
    CHANNEL_HEAD,
    CUE_RE,
    DOC_ONLY,
    NEEDS_DELIM,
    NO_DELIM_OK,
    after_study,
    blocked,
    cue_base,
)
from newscrawler.extract.quotes.lexicon import MEDIA, OWN_OUTLET
from newscrawler.extract.quotes.phrases import parse_np
from newscrawler.extract.quotes.speaker_span import strip_lead, strip_tail

_CONNECTIVES = re.compile(r"(?:而|但|不过|可是|可|另|又|此外|同时|并|且|也|还)*")


@dataclass(slots=True)
class Trig:
    block: int
    cue_s: int
    cue_e: int
    cue: str
    np_s: int  # speaker phrase span (np_s == np_e: zero subject)
    np_e: int
    region_s: int  # clause start of the attribution
    content_s: int  # first content character (after the cue and its delimiter)
    delim: bool
    pattern: str  # plain | ju | relay | kanlai | qa | speakerless
    strong: bool = True
    relay_s: int = -1
    relay_e: int = -1
    addr_s: int = -1
    addr_e: int = -1
    post_quote: tuple[int, int] | None = None
    content_e: int = -1
    parent: Trig | None = None
    speakerless: bool = False
    doc_only: bool = False
    drop: bool = False
    inherit: Trig | None = None
    """Zero subject continuing an earlier attribution of the sentence (``信中呼吁…,称其…``)."""
    zero: bool = False
    """Zero subject whose speaker phrase was taken from an earlier clause (``np_s:np_e``)."""
    emitted: int = -1
    """Index in the engine's output of this trigger's last record (-1: none)."""
    who: object = None
    """The engine's resolved speaker, kept from the block filter for the emission (computed once)."""


# Each alternative starts with a literal so the regex engine can skip to where one may start (see
# ``lexicon.alt``); "据 not preceded by 数/证/…" is written as a lookbehind just after the 据.
_LEARNT = r"(?:了解到|获悉|从[^,。]{1,20}?(?:了解到|获悉|得知))(?=,)"
_LEARNT_WHEN = r"(?:日前|近日|近期|今天|昨天|今日|昨日|\d{1,2}日)?"
"""记者日前从X获悉: a time word between the reporter and the source."""
# 据统计/据估计/据测算 state figures, not anyone's words: no record (spec §1.5 group E lists hearsay only)
_JU_SPEAKERLESS = re.compile(
    r"据(?<![数证依占单票收论字凭盘割根]据)(?:悉|了解|说|介绍|透露|报道|报导|称|传|闻)(?=[,:]|$)"
    r"|记者" + _LEARNT_WHEN + _LEARNT + r"|本报" + _LEARNT_WHEN + _LEARNT
)
_FROM_SOURCE = re.compile(r"从([^,。]{2,20}?)(?:处|那里|方面)?(?:了解到|获悉|得知)")
"""``记者从X获悉``: X (an office, a company, a person) is the source."""
_JU_FRAME = re.compile(
    r"(?:根(?<![数证依占单票收论字凭盘割根]根)据|据(?<![数证依占单票收论字凭盘割根]据))(?P<np>(?:(?!援引|引述|转引|援用)[^,;:。!?“”「」\"]){1,30}?)"
    r"(?:可以|可)?(?P<cue>报道|报导|透露|介绍|披露|指出|表示|显示|统计|分析|曝出|爆料|证实|通报|公布|发布|称|说|消息|声明|公告|预报|通知"
    r"|发现到|发现(?=[,:]))"
    r"(?![局部处所厅署站院会科室组员]|人士|来源|源|灵通|的[^,;:。!?“”「」]{1,12}(?:书|告|件|报|知|要|据),)(?<!布(?=的[^,;:。!?“”]{1,24}?(?:显示|表明)))(?:的)?(?:消息|报道|说法|数据|介绍|信息)?(?:称|说|指出|表示)?(?P<d>[,:])?"
)
_BARE_FIGURES = frozenset("统计 数据 资料 调查 分析 观察 比较 对比".split())
"""据统计发现，…: figures nobody is named for frame the clause (as 据统计 does); 根据X的年报发现 names a source."""
_REPORT_HEAD = (r"(?:报告|调查结果|调查|研究结果|研究|统计数据|数据|白皮书|蓝皮书|公报|年报|财报|季报|研报|资料|判决书|裁定书|起诉书"
                r"|招股书|说明书|通知|文件|纪要)")
_BY_DOC = re.compile(
    r"(?:根(?<![数证依占单票收论字凭盘割根]根)据|依(?<![数证依占单票收论字凭盘割根]依)据|据(?<![数证依占单票收论字凭盘割根]据))"
    r"(?P<np>[^,;:。!?“”「」\"《》]{1,24}?" + _REPORT_HEAD + r"|[^,;:。!?“”「」\"《》]{0,20}?《[^《》]{1,40}?" + _REPORT_HEAD + r"》)(?=,)"
)
"""根据X的数据，… / 据X发布的报告，… / 根据《X报告》，…: the report or figures someone published are the source, with
no speech verb (a law or a rule after 根据 frames the clause: 根据《X法》 and 根据X规定 stay no attribution)."""
_RELAY = re.compile(
    r"(?:援引|引述|引用|转引|援用|转述|转载)(?P<np>[^,;:。!?“”「」\"]{1,30}?)(?:的)?(?:话|说法|消息|表态|报道|报导|言论|观点|透露|介绍)?"
    r"(?P<cue>报道称|报导称|报道说|报导说|称|说|表示|指出|透露|报道|报导|说道)?(?P<d>[,:])"
)
_NEXT_JU = re.compile(r"\s+(?=根据|据)")
_AS_SAID = re.compile(
    r"(?:正如|诚如|就像|如同|恰如|如)(?P<np>[^,;:。!?“”「」\"]{2,20}?)所(?P<cue>说|言|指出|讲|述|说的那样|言那样)(?P<d>,)"
    r"|(?:借用|按照|依照|用|按|照|依)(?P<np2>[^,;:。!?“”「」\"]{2,20}?)的(?:话|说法)(?:来)?(?P<cue2>说|讲)?(?P<d2>,)"
)
"""正如X所说，… / 用X的话说，… / 按X的说法，…: X's words frame the clause that follows."""
_AS_SAID_HINT = re.compile(r"所(?:说|言|指出|讲|述)|的话|的说法")
"""What every ``_AS_SAID`` match contains: its alternatives of two groups scan every position, so it runs only
where this one (literal-initial, fast) finds its words."""
_KANLAI = re.compile(r"在(?P<np>[^,;:。!?“”「」\"在]{1,25}?)(?:看来|(?<!的)(?:眼里|眼中|心里|心中)(?=,))(?P<d>[,:])?")
"""在X看来，… / 在他眼里，…: X's view frames the clause (眼里/心中 only before a comma, never 在大家的眼里)."""
_ZHI_OBJECT = frozenset("向出定着挥示引责导点明正控称代")
"""After 指 these make a verb of its own (指向, 指出, 指定, 指责…): 又指 + one of them is no Hong Kong 指 (= said)."""
_MENTION_CUES = frozenset("谈到 提到 提及 談到".split())
_MENTIONED_CLAUSE = re.compile(
    r"(?![了过这那此该其自])[^,;:。!?“”「」\"]{1,8}?(?:要(?![求素点闻])|应该|应当|需要|必须|将会|已经|正在|已"
    r"|将(?![来军近])|应(?![用对邀聘急])|会(?![议谈见面计员场上]))|有(?=[\d一二三四五六七八九十两几多数百千万近逾超])")
"""After 谈到/提到/提及 with no comma, what opens as a clause (陈某还谈到平台要…, 提及有30多家工厂…) is what was said;
a topic (谈到教育问题时, 提到自己的家乡) is not (``_MENTION_TOPIC`` checks the clause end)."""
_MENTION_TOPIC = re.compile(r"(?:时|时候|之际|问题|情况|话题|方面|事情|的事|这些|一事)$")
_ZHI_SOURCE = re.compile(r"(?:来源|消息|报道|报导|人士|警方|官员|言人|责人|当局|官方)$")
"""A source head right before a Hong Kong 指 (= said) with no comma after it (消息来源指…, 警方指…, 有报道指…)."""
_WARN = frozenset("提醒 警告 告诫 忠告 呼吁 劝告 奉劝 叮嘱 嘱咐 建议".split())
_WARN_WHOM = re.compile(
    r"([^,:;。!?“”\"「」的]{1,6}?|[^,:;。!?“”\"「」的]{1,8}的[^,:;。!?“”\"「」的]{0,3}(?:者|民|人|们|家长|群众|朋友|游客|乘客|司机|车主))(?=[,:])"
)
"""提醒/警告/呼吁 + the people addressed (up to six characters, or a 的 phrase ending in people: 刚入门的爱好者)
+ comma: the content follows the comma."""
_TELL_ANY = re.compile(r"([^,:;。!?“”\"「」]{1,12}?)(?=[,:])")
"""告诉 + an addressee that a comma or colon closes: the content starts after it."""
_AFTER_TELL = re.compile(r"([^,:。!?“”\"「」]{0,16}?(?:记者|媒体|本报|笔者|他们|她们|我们|他|她|大家|外界))(?!记者)(?=[,:]|$|[^\s])")


def mentioned_clause(f: str, e: int) -> bool:
    """A clause, not a topic, right after a mention cue at ``e`` (see ``_MENTIONED_CLAUSE``)."""
    if _MENTIONED_CLAUSE.match(f, e) is None:
        return False
    end = e
    while end < len(f) and f[end] not in ",;:。!?“”「」\"":
        end += 1
    return end - e >= 6 and _MENTION_TOPIC.search(f, e, end) is None


def find_triggers(t: Text) -> list[Trig]:
    f, inq = t.f, t.inq
    n = len(f)
    trigs: list[Trig] = []
    taken = bytearray(n + 1)  # 1 where a frame claimed the position: a check costs its span, not the frames

    def take(a: int, b: int) -> None:
        taken[a:b] = b"\x01" * (b - a)

    def free(a: int, b: int) -> bool:
        return taken.find(1, a, b) < 0

    def at_clause_start(pos: int) -> int | None:
        cs = t.clause_start(pos)
        lead = strip_lead(f, cs, pos)
        if lead == pos or _CONNECTIVES.fullmatch(f, lead, pos):
            return cs
        return None

    def spoken_at(e: int) -> bool:
        """A quotation opens at ``e`` that reads as words said (punctuation inside, or longer than a label)."""
        if e >= n or f[e] not in OPENERS:
            return False
        q = t.quote_at_open(e)
        if q is None:
            return False
        inner = f[e + 1:q[1]]
        return len(inner) > 8 or any(c in inner for c in ",。!?;")

    def after_quote(s: int, e: int) -> bool:
        """``“Q”X介绍。``: a cue that ends its sentence right after a post-posed quotation's speaker."""
        if e < n and f[e] not in "。!?":
            return False
        cs = t.clause_start(s)
        k = cs - 1
        if k > 0 and f[k] in ", ":
            k -= 1
        return k >= 0 and (f[k] in CLOSERS or f[k] == '"')

    def outlet_first(pos: int) -> bool:
        """``本报记者从X获悉`` / ``东岭晚报记者从X获悉``: the reporter's outlet opens the clause before 记者."""
        if not f.startswith("记者", pos):
            return False
        w = f[strip_lead(f, t.clause_start(pos), pos):pos]
        return w in OWN_OUTLET or (2 <= len(w) <= 12 and MEDIA.search(w) is not None)

    has_ju = "据" in f
    for m in (_JU_SPEAKERLESS.finditer(f) if has_ju or "记者" in f or "本报" in f else ()):
        if inq[m.start()] or (at_clause_start(m.start()) is None and not outlet_first(m.start())):
            continue
        d = m.end() < n and f[m.end()] in CONTENT_DELIM
        src = _FROM_SOURCE.search(f, m.start(), m.end())
        if src is not None:  # 记者从东岭市教育局获悉，…: the bureau is the source, not the reporter
            tr = Trig(t.index, src.end(1), m.end(), t.raw[src.end(1):m.end()], src.start(1), src.end(1),
                      m.start(), m.end() + (1 if d else 0), d, "ju")
        else:
            tr = Trig(t.index, m.start(), m.end(), t.raw[m.start():m.end()], m.start(), m.start(),
                      m.start(), m.end() + (1 if d else 0), d, "speakerless", speakerless=True)
            tr.drop = f[m.start():m.start() + 1] != "据"  # 记者了解到/本报获悉: the reporter is never a source
        trigs.append(tr)
        take(m.start(), m.end())
    for m in (_BY_DOC.finditer(f) if has_ju else ()):
        if inq[m.start()] or not free(m.start(), m.end()):
            continue
        cs = at_clause_start(m.start())
        if cs is None:
            continue
        np_s = strip_lead(f, m.start("np"), m.end("np"))
        if f[np_s:m.end("np")] in _BARE_FIGURES or f[np_s:np_s + 2] in ("有关", "相关", "上述", "这些", "以上"):
            continue  # 根据调查，… / 根据有关规定: figures or rules nobody is named for frame the clause
        c_s, c_e, np_e = m.start(), m.start("np"), m.end("np")
        if f.endswith(("报告", "通知"), np_s, np_e) and f[np_e - 3:np_e - 2] != "的" \
                and parse_np(f[np_s:np_e - 2]).kind in ("organization", "anonymous", "person", "media"):
            c_s, c_e, np_e = np_e - 2, np_e, np_e - 2  # 据东岭考察队报告/据X局通知，…: the verb, the body reports
        tr = Trig(t.index, c_s, c_e, t.raw[c_s:c_e], np_s, np_e, cs, m.end() + 1, True, "ju")
        trigs.append(tr)
        take(m.start(), m.end())
    chain: tuple[int, int, int, int] | None = None
    """A 据X报道 with no delimiter followed by another 据 frame (``據《東方晨報》報道 據《星期評論》報道，``):
    (where the next frame starts, clause start, relay span): the outlet relays the next frame."""
    for m in (_JU_FRAME.finditer(f) if has_ju else ()):
        if inq[m.start()] or not free(m.start(), m.end()):
            continue
        cs = chain[1] if chain is not None and chain[0] == m.start() else at_clause_start(m.start())
        if cs is None:
            continue
        if not m.group("d") and m.group("cue") in ("报道", "报导", "消息"):
            nxt = _NEXT_JU.match(f, m.end())
            if nxt:
                rs = strip_lead(f, m.start("np"), m.end("np"))
                chain = (nxt.end(), cs, rs, m.end("np"))
                take(m.start(), m.end())
                continue
        np_s, np_e = m.start("np"), m.end("np")
        np_s2 = strip_lead(f, np_s, np_e)
        tr = Trig(t.index, m.start("cue"), m.end("cue"), t.raw[m.start("cue"):m.end("cue")], np_s2, np_e,
                   cs, m.end(), bool(m.group("d")), "ju")
        tr.np_e = strip_tail(f, np_s2, np_e, tr)
        if tr.np_e <= tr.np_s or f[tr.np_s:tr.np_e] in ("此", "了解", "悉"):
            continue
        if m.group("cue").startswith("发现") and f[tr.np_s:tr.np_e] in _BARE_FIGURES:
            take(m.start(), m.end())  # (the plain 发现 inside is no cue either)
            continue
        if m.group("cue") in ("消息", "发布", "公布") and not m.group("d"):
            continue  # 据统计有数十家企业发布停牌公告 / 根据监管局发布的《…》: an act or a title, no content yet
        if f[tr.np_e - 1:tr.np_e] == "所" and tr.np_e - tr.np_s > 2 and f[m.end("cue"):m.end("cue") + 1] == "的":
            tr.np_e -= 1  # 根据座谈会所透露的情况，…: the meeting, not a 座谈会所
        if chain is not None and chain[0] == m.start():
            tr.relay_s, tr.relay_e = chain[2], chain[3]
        trigs.append(tr)
        take(m.start(), m.end())
    for m in (_RELAY.finditer(f) if "援" in f or "引" in f or "转述" in f or "转载" in f else ()):
        if inq[m.start()] or not free(m.start(), m.end()) or (f.startswith("转载", m.start()) and not m.group("cue")):
            continue  # (转载X的文章，引发…: a reprint, not speech, without its speech verb)
        cs = t.clause_start(m.start())
        tr = Trig(t.index, m.start("cue") if m.group("cue") else m.start(), m.end("cue") if m.group("cue") else m.start() + 2,
                   t.raw[m.start("cue"):m.end("cue")] if m.group("cue") else t.raw[m.start():m.start() + 2],
                   m.start("np"), m.end("np"), cs, m.end(), True, "relay")
        rs = strip_lead(f, cs, m.start())
        if f[rs:rs + 1] == "据" and rs + 1 < m.start():
            rs += 1  # 据新华社援引…: the outlet relays
        re_ = strip_tail(f, rs, m.start(), tr)
        if re_ > rs:
            tr.relay_s, tr.relay_e = rs, re_
        tr.np_s = strip_lead(f, tr.np_s, tr.np_e)
        trigs.append(tr)
        take(cs, m.end())
    for m in (_AS_SAID.finditer(f) if ("所" in f or "的话" in f or "的说法" in f) and _AS_SAID_HINT.search(f) else ()):
        if inq[m.start()] or not free(m.start(), m.end()):
            continue
        cs = at_clause_start(m.start())
        if cs is None:
            continue
        g = "np" if m.group("np") is not None else "np2"
        c = "cue" if g == "np" else ("cue2" if m.group("cue2") else "np2")
        c_s, c_e = (m.start(c), m.end(c)) if c != "np2" else (m.end("np2") + 1, m.end("np2") + 2)  # 的话/的说法
        tr = Trig(t.index, c_s, c_e, t.raw[c_s:c_e], m.start(g), m.end(g), cs, m.end(), True, "kanlai")
        trigs.append(tr)
        take(m.start(), m.end())
    for m in (_KANLAI.finditer(f) if ("看来" in f or "里," in f or "中," in f) else ()):
        if inq[m.start()] or not free(m.start(), m.end()):
            continue
        cs = at_clause_start(m.start())
        if cs is None:
            continue
        if f[m.end("np"):m.end("np") + 2] != "看来" and parse_np(m.group("np")).kind not in ("person", "pronoun"):
            continue  # 在城市里，… / 在过程中，…: a place or a time, not someone's view
        tr = Trig(t.index, m.end("np"), m.end("np") + 2, t.raw[m.end("np"):m.end("np") + 2], m.start("np"), m.end("np"),
                   cs, m.end(), bool(m.group("d")), "kanlai")
        trigs.append(tr)
        take(m.start(), m.end())

    for m in CUE_RE.finditer(f):
        s, e = m.start(), m.end()
        if inq[s] or not free(s, e) or (t.books and t.in_book(s)):
            continue
        cue = m.group()
        base = cue_base(cue)
        if base == "看来":
            continue
        if blocked(f, s, e, base):
            ch = CHANNEL_HEAD.match(cue)  # 发布的通报称: the noun 通报, then its verb 称
            if ch is None or ch.end() >= len(cue) or blocked(f, s + ch.end(), e, cue_base(cue[ch.end():])):
                continue
            s, cue = s + ch.end(), cue[ch.end():]
            base = cue_base(cue)
        strong = base in NO_DELIM_OK or cue != base or (base == "宣布" and f[e:e + 1] == "将") or (
            base in _MENTION_CUES and mentioned_clause(f, e)) or (
            cue == "指" and s > 0 and (f[s - 1] in "又并续另亦更" or _ZHI_SOURCE.search(f, max(0, s - 3), s) is not None)
            and f[e:e + 1] not in _ZHI_OBJECT)  # 他又指政府… / 消息来源指新店…
        # (宣布将…: a plan announced is a statement; 宣布成立 / 宣布对…实行 announce an act)
        delim = e < n and f[e] in CONTENT_DELIM
        if not delim and ((not strong and base != "告诉") or base in NEEDS_DELIM) and not after_quote(s, e) \
                and not (not strong and spoken_at(e)) and not after_study(f, s):
            continue  # a weak cue needs its comma or colon (分析人士, 预期效果) or a spoken quotation (担心“…”)
        if base == "发声" and not (f[e:e + 1] == ":" or spoken_at(e) or after_quote(s, e)):
            continue  # 集体发声：“…” speaks; 联合发声，表示…: the speech verb comes next
        doc_only = base in DOC_ONLY
        tr = Trig(t.index, s, e, t.raw[s:e], s, s, 0, e + (1 if delim else 0), delim, "plain",
                   strong=strong, doc_only=doc_only)
        if not delim and f[e:e + 1] == "了":  # 再次强调了女儿不在家中: the clause after 了
            tr.content_s = e + 1
        if base in _WARN and not delim:  # 警方提醒市民，谨防…: the people warned, then the content
            am = _WARN_WHOM.match(f, e)
            if am:
                tr.addr_s, tr.addr_e = am.start(1), am.end(1)
                tr.delim, tr.content_s = True, am.end() + 1
        if base == "告诉":  # 告诉记者，… / 告诉他吴昊…
            am = _AFTER_TELL.match(f, e) or _TELL_ANY.match(f, e)  # 告诉《城市观察》，…: any short addressee
            if am and am.end() > e:
                tr.addr_s, tr.addr_e = am.start(1), am.end(1)
                after = am.end()
                tr.delim = after < n and f[after] in CONTENT_DELIM
                tr.content_s = after + (1 if tr.delim else 0)
        trigs.append(tr)
    trigs.sort(key=lambda x: x.cue_s)
    return trigs
