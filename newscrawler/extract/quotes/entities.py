"""The entity registry: who and what the article names, where, and pronoun resolution.

``Registry`` holds persons (with their titles, affiliation and short aliases
such as ``韦伯`` for ``马克·韦伯``), organisations, media and documents.
``scan_names`` registers persons introduced by a title anywhere
(``院长杨秀英``) and named documents; ``index_mentions`` lists every mention
in text order, marking the subject-like ones; ``resolve`` picks the nearest
compatible antecedent for a pronoun or short form (他, 她, 该人士, 文件).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from newscrawler.extract.quotes.blocks import HAN, Text
from newscrawler.extract.quotes.cues import CUE_RE
from newscrawler.extract.quotes.lexicon import (
    DOC_HEADS,
    LATIN_NAME,
    NAME_STOP,
    NUMCLS,
    POSSESSED_PERSON,
    SURNAMES_1,
    TITLE_RE,
    alt,
    title_matches,
)
from newscrawler.extract.quotes.phrases import is_surname_name, parse_np, split_title
from newscrawler.extract.quotes.speaker_span import strip_lead

_CAPTION = re.compile(r"\s*[\[(【（]?\s*(?:图为|图注|图片说明)")
"""A photo caption (图为…, 图注：…, 圖注 folded): page furniture set between paragraphs (spec §2, item 16: kept out of
the running text), so a name in it is no antecedent of the next paragraph's 他 or 该人士."""
_DOC_DETERMINER = re.compile(r"^(?:[一这该此那][封份项篇则条]|上述|该)")


@dataclass(slots=True)
class Entity:
    name: str  # canonical, as written (raw text)
    key: str  # folded name
    kind: str
    titles: list[str] = field(default_factory=list)
    affiliation: str | None = None
    aliases: set[str] = field(default_factory=set)  # folded


MAX_ENTITIES = 2000
"""At most this many speakers are registered per article (real articles name a few dozen): the
registry, the mention index and every lookup stay bounded on a hostile or giant page."""
MAX_MENTIONS_PER_KEY_BLOCK = 64
"""At most this many mentions of one name are indexed per block (a name repeated thousands of times
in one block adds nothing to antecedent search)."""
RESOLVE_WINDOW = 64
"""Antecedent search looks at most this many mentions back (besides the four-block limit)."""


def _subject_like(t: Text, i: int, length: int) -> bool:
    """Does the mention ``t.f[i:i + length]`` open its clause (after connectives and dates) or follow a title?"""
    f = t.f
    cs = t.clause_start(i, max(0, i - 80))
    lead = strip_lead(f, cs, i)
    return (lead == i or (_TITLE_BEFORE.search(f, max(lead, i - 16), i) is not None
                          and _TITLE_RUN.fullmatch(f, lead, i) is not None)) and \
        not POSSESSED_PERSON.match(f, i + length)  # 郑主任的助理何先生: the possessor is no subject


class SubjectLike:
    """A mention's subject-likeness (``_subject_like``), worked out the first time it is read as a truth value.

    Every mention carries one, but antecedent search reads few of them (about one in ten), so the
    clause look-back is paid only for those; the block text never changes, so the answer is the same
    whenever it is asked."""

    __slots__ = ("_length", "_pos", "_text", "_value")

    def __init__(self, t: Text, i: int, length: int) -> None:
        self._text, self._pos, self._length = t, i, length
        self._value: bool | None = None

    def __bool__(self) -> bool:
        if self._value is None:
            self._value = _subject_like(self._text, self._pos, self._length)
        return self._value


Mention = tuple[int, int, Entity, SubjectLike]
"""``(block, offset, entity, subject-like)``: one mention in the registry's index."""


@dataclass(slots=True)
class Registry:
    by_key: dict[str, Entity] = field(default_factory=dict)
    by_alias: dict[str, list[Entity]] = field(default_factory=dict)
    """Folded alias -> entities carrying it (so ``add`` and ``person`` never scan the registry)."""
    mentions: list[Mention] = field(default_factory=list)
    """(block, offset, entity, subject-like) in text order."""
    positions: list[tuple[int, int]] = field(default_factory=list)
    """``(block, offset)`` of ``mentions``, for bisection."""
    at: dict[tuple[int, int], list[Entity]] = field(default_factory=dict)
    """Entities mentioned at ``(block, offset)``."""
    first: dict[int, tuple[int, int]] = field(default_factory=dict)
    """``id(entity)`` -> its first mention ``(block, offset)``."""

    def _alias(self, ent: Entity, alias: str) -> None:
        ent.aliases.add(alias)
        self.by_alias.setdefault(alias, []).append(ent)

    def add(self, key: str, raw: str, kind: str, titles: list[str] | None = None,
            affiliation: str | None = None) -> Entity:
        ent = self.by_key.get(key)
        if ent is None:
            ent = next((e for e in self.by_alias.get(key, ()) if e.kind == kind), None)
        if ent is None:
            ent = Entity(raw, key, kind)
            if len(self.by_key) >= MAX_ENTITIES:
                return ent  # resolvable where it stands, never indexed
            self.by_key[key] = ent
            if kind == "person":
                if "·" in key:
                    self._alias(ent, key.rsplit("·", 1)[1])
                elif " " in key and LATIN_NAME.fullmatch(key):
                    self._alias(ent, key.rsplit(" ", 1)[1])
        if titles and not ent.titles:
            ent.titles = list(titles)
            ent.affiliation = affiliation
        return ent

    def person(self, key: str) -> Entity | None:
        """The person registered under ``key`` or with ``key`` as an alias (``韦伯`` for ``马克·韦伯``)."""
        ent = self.by_key.get(key)
        if ent is not None and ent.kind == "person":
            return ent
        return next((e for e in self.by_alias.get(key, ()) if e.kind == "person"), None)

    def in_block(self, block: int) -> list[Mention]:
        """The mentions of one block, in text order."""
        lo = bisect_left(self.positions, (block, -1))
        hi = bisect_left(self.positions, (block + 1, -1))
        return self.mentions[lo:hi]


_DOC_HEAD_RE = re.compile(alt([h for h in DOC_HEADS if h != "信"] + ["来信", "信函", "邮件"]) + r"(?![员院所生机组团中心人局处科室司厅署站委会])")
_DOC_LEFT = re.compile(r"(?:(?![的了是在和与对把被将及等为])[A-Za-z\u4e00-\u9fff《》·]){0,10}$")
_PLACE_END = frozenset("县市省区镇村乡路街州岛")
_PREPOSITION_SURNAMES = frozenset("向对在于从被把将为给跟以同")
"""Surnames that are also prepositions: right after a role word they mostly open a phrase (患者向…)."""
_FUNCTION_SURNAMES = frozenset("曾和都于从向与对在将把被为以及同")
"""Surnames that are far more often function words (曾|和记者说): no repeated window starting with one is a name."""
_SENTENCE_SUBJECT_NAME = re.compile(
    r"(?:^|[。!?][”」』]?)\s*([\u4e00-\u9fff]{2,3}?)"
    r"(?=曾|在|是|也|还|已|于|将|又|便|就|都|今年|去年|昨天|今天|当时|从小|毕业|自称|没有|一直|告诉|坦言|表示)"
)
"""A three-character name opening a sentence before an adverb or a time: a person later pronouns may refer to."""
_PERSON_INTRO = re.compile(r"(?:今年|现年)?(?:\d{1,3}|[一二三四五六七八九十]{1,3})岁|(?:今年|现年)?是(?:一名|一位)")
"""``张伟今年45岁`` / ``李明是一名…``: a sentence that introduces a person by age or role."""
_AGED_NAME = re.compile(r"(?:\d{1,3}|[一二三四五六七八九十]{1,3})岁的([\u4e00-\u9fff]{2,3})")
"""``58岁的周大勇``: an age, then the name of the person it describes."""
_ORG_WORD = re.compile(r"(?:股份有限公司|有限公司|公司|集团|银行|证券|基金)(?=[\u4e00-\u9fff])")
_ORG_NAME_CHARS = re.compile(r"(?:[A-Za-z][A-Za-z0-9&.\-]{0,15})?[\u4e00-\u9fff]{1,10}")
_CLAUSE_DELIM_RE = re.compile(r"[,;:。!?]\s*")


def _clause_orgs(f: str) -> list[tuple[int, int]]:
    """``(start, end)`` of organisation names (…公司/集团/银行/证券/基金) that open a clause and precede its verb."""
    out = []
    starts = [0] + [d.end() for d in _CLAUSE_DELIM_RE.finditer(f)]
    for st in starts:
        o = _ORG_WORD.search(f, st, st + 18)
        if o is not None and o.start() > st and _ORG_NAME_CHARS.fullmatch(f, st, o.start()):
            out.append((st, o.end()))
    return out

_ORG_REF = re.compile(
    r"该(?:公司|集团|行|银行|机构)|(?:公司|集团)(?:方面)?(?:[还也则亦又]|在[^,;:。!?“”]{1,8}?[中上])?"
    r"(?:表示|称|认为|指出|透露|解释|回应|强调|介绍|披露|说明|坦言|否认|证实|承认)"
)
"""A short form that refers back to an organisation (该公司, or 公司 before its cue: 公司在年报中解释称): only then are
clause-opening organisations registered."""


def _openers(rx: re.Pattern[str], f: str) -> list[re.Match[str]]:
    """Matches of the phrase of ``rx`` (group 1) at the start of ``f`` and after each delimiter of ``rx``.

    The delimiters are found by one C-level scan and the phrase is tried only there, not at every position."""
    phrase, delim = _OPENER_PARTS.get(id(rx)) or (_PHRASE_AT_START[rx], _DELIM_OF[rx])
    out = []
    m = phrase.match(f)
    if m is not None:
        out.append(m)
    for d in delim.finditer(f):
        m = phrase.match(f, d.end())
        if m is not None:
            out.append(m)
    return out


_PHRASE_AT_START = {
    _SENTENCE_SUBJECT_NAME: re.compile(_SENTENCE_SUBJECT_NAME.pattern.replace("[。!?]", "", 1)),
}
"""The phrase patterns without their leading delimiter (``\\s*`` then the phrase as group 1)."""
_DELIM_OF = {_SENTENCE_SUBJECT_NAME: re.compile(r"[。!?]")}
_OPENER_PARTS = {id(rx): (phrase, _DELIM_OF[rx]) for rx, phrase in _PHRASE_AT_START.items()}
"""Both by the pattern's id: hashing a compiled pattern hashes its whole code (some 0.4 µs a lookup, every block)."""
_ORG_TAIL = re.compile(r"(?:股份有限公司|有限公司|公司|集团)$")
_NOT_ORG_NAME = re.compile(r"[的了是在和与对把被将及等为这那该其此我你他她它们]|^(?:本|各|多|每|某|一|几)")
_PUBLISHED = re.compile(r"(?:发布|公布|发表|出具|刊发|印发|下发|发出|作出|做出|提交|递交)(?:了|的)?(?:一份|一则|一篇|一封)?")
_CLAUSE_ORG = re.compile(
    r"[A-Z][A-Za-z0-9.\-]*(?=[是的在于和与])|[\u4e00-\u9fff]{2,12}?(?:公司|集团|银行|大学|研究院|协会|基金会|组织|俱乐部)"
)
_VERB_AFTER_NAME = re.compile(alt(
    "出席 出任 出访 出面 参加 参与 来到 前往 主持 会见 带领 率领 陪同 视察 调研 考察 走访 发表 作出 做出 提出 签署 宣布 "
    "回应 回答 接受 担任 当选 获得 表示 指出 认为 介绍 透露 强调 坦言 直言 告诉 带队 亲自 现场 随后 一行 近日 日前 "
    "走进 走上 走出 走到 走向 赶到 赶来 赶往 抵达 到达 回到 坐在 站在 拿着 拿出 指着 看着 笑着 握着 听到 看到 得知 接过 "
    "手持 身穿 长期 长年 常年 多年 近年 一直 多次 曾经 已经 正在 现在 目前 首次 再次 专门 特地 始终 依然 仍然 经常 "
    "常常 连续 先后".split()))
_NAME_AFTER_TITLE = re.compile(
    r"\s?([A-Z][a-zA-Z'\-]+(?: [A-Z][a-zA-Z'\-]+){0,3}|"
    r"[\u4e00-\u9fff]{1,4}·(?:(?![在是说表认也还对把被将的和与等称指透直介强告坦回补解分向于则就都])[\u4e00-\u9fff]){1,5}|"
    r"[\u4e00-\u9fff]{2,3})"
)
_TITLE_RUN = re.compile(r"(?:(?![是与和于在对把被将了其及等为向从让给跟同由见])[A-Za-z0-9\u4e00-\u9fff、·\s]){0,24}")
"""A title phrase running from the clause start to the name: 教授李明 opens the clause, 李明与学生张华 does not."""
_SURNAMED_ROLE = re.compile(
    r"[\u4e00-\u9fff]姓(?:[\u4e00-\u9fff]{0,3}?)(?:男子|女子|妇女|妇人|老人|老翁|老妇|男童|女童|少年|少女|司机|医师|医生|护士|"
    r"建筑师|工程师|老师|教师|学生|村民|居民|市民|患者|病人|网友|店主|老板|员工|女士|先生|小姐|嫌犯|嫌疑人|警员|律师|"
    r"乘客|旅客|游客|男|女)"
)
"""``顾姓建筑师``, ``陈姓妇女``: a person named by surname and role (Taiwan and Hong Kong papers)."""
TIME_AFTER_NAME = frozenset("昨天 昨日 昨晚 明天 前天 当天 当日 当晚 近日 近期 日前 上午 下午 晚上 凌晨 早上 今晨 昨晨 "
                             "赛后 会后 事后 课后 节后 眼里 眼中 心里 心中 脸上 手里 身上 显得 看来".split())
"""Words that follow a two-character name (李强|赛后, 李强|眼里, 李强|显得): the name is not three characters."""
_KIN_NAME = re.compile(
    alt("儿子 女儿 妻子 丈夫 母亲 父亲 老伴 弟弟 哥哥 姐姐 妹妹 孙子 孙女 助理 秘书 律师 同事 朋友 同学".split()) + r"([\u4e00-\u9fff]{2,3})"
)
"""A relative or an associate, then a name (the words as a prefix tree: this scan runs over every block)."""
_CLASSIFIERS = frozenset("位名个")
_NUMERALS = frozenset("一两二三几每这那该某多数")
_NOT_SURNAME_BEFORE_MOU = frozenset("但和及并而又也还都就才曾将被把对向在于从给让为以因由与或")
_SOME_NOUN = re.compile(r"报社|报|公司|医院|学校|大学|单位|部门|网站|机构|银行|工厂|企业|小区|地|市|县|村|镇|省|国|品牌|平台|商场")
_HONORIFIC = re.compile(alt("女士 小姐 先生 阿姨 大爷 大妈 大姐 大哥 师傅 奶奶 爷爷 某某 某".split()))
_TITLE_BEFORE = re.compile(r"(?:" + TITLE_RE.pattern + r")\s?$")
_TITLE_PHRASE_CHAR = re.compile(r"(?:(?![是与和于在对把被将了其及等为向从让给跟同由])[A-Za-z0-9\u4e00-\u9fff、·]){0,24}")


def _run_before(f: str, end: int) -> int:
    """How many characters before ``end`` (24 at most) may belong to a title phrase (no particle, preposition or
    copula among them): one match on the reversed window, not a search that retries every start."""
    m = _TITLE_PHRASE_CHAR.match(f[max(0, end - 24):end][::-1])
    return m.end() if m else 0


def scan_names(texts: list[Text], reg: Registry) -> None:
    """Register persons introduced by a title anywhere (``院长杨秀英``, ``CEO Sam Altman``) and documents.

    Organisations that open a clause are registered only when a short form (该公司, 该行) may refer
    to one; the weaker person antecedents wait for ``scan_fallback_names``."""
    org_refs = any(("该" in t.f or "公司" in t.f or "集团" in t.f) and _ORG_REF.search(t.f) for t in texts)
    joined = "\x00".join(t.f for t in texts)  # (neither pattern reads past a NUL: a block has a match if this has one)
    kin_any = _KIN_NAME.search(joined) is not None
    honorific_any = _HONORIFIC.search(joined) is not None
    for t in texts:
        f = t.f
        for m in title_matches(f):
            nm = _NAME_AFTER_TITLE.match(f, m.end())
            if nm is None or t.inq[m.start()]:
                continue
            name = nm.group(1)
            if HAN.match(name[0]) and "·" not in name:
                if len(name) == 3 and (name[2] in NAME_STOP or _VERB_AFTER_NAME.match(f, nm.start(1) + 2)
                                       or f[nm.start(1) + 2:nm.start(1) + 4] in TIME_AFTER_NAME):
                    name = name[:2]  # 市长李明昨天…: a two-character name, then a time word
                if not is_surname_name(name) or CUE_RE.fullmatch(name) or name[0] in "和与及":
                    continue  # 主任解释说: a cue, not a name; 讲师和营养(顾问): titles joined, no name
                if name[0] in _PREPOSITION_SURNAMES and sum(x.f.count(name) for x in texts) < 2:
                    continue  # 患者向眼科(医师求救): a preposition after the role, no name (a real 向X recurs)
            known = reg.by_key.get(name)
            if known is not None and known.titles:
                continue  # named with a title before: ``reg.add`` would keep those titles, so no parse is needed
            ps = m.start() - _run_before(f, m.start())  # the title phrase before: 24 characters at most
            phrase = f[ps:m.start()] + m.group()
            ns = nm.start(1)
            parsed = parse_np(phrase + name)
            if parsed.kind == "person" and parsed.name == name:
                titles, affiliation = list(parsed.titles), parsed.affiliation
            else:
                titles, affiliation = split_title(phrase)
            if affiliation is None and ps > 0 and f[ps - 1] == "其":  # OpenAI是…与其现任CEO Sam Altman…
                cs = strip_lead(f, t.clause_start(ps), ps)
                org = _CLAUSE_ORG.match(f, cs, ps)
                affiliation = t.raw[org.start():org.end()] if org else None
            reg.add(name, t.raw[ns:ns + len(name)], "person", titles, affiliation)
        for m in (_SURNAMED_ROLE.finditer(f) if "姓" in f else ()):  # 一名旅美的顾姓建筑师…，他认为: a person
            if not t.inq[m.start()] and m.group()[0] in SURNAMES_1:
                reg.add(m.group(), t.raw[m.start():m.end()], "person")
        for m in (_KIN_NAME.finditer(f) if kin_any else ()):  # 李明的儿子李小明也在现场。他说…: a relative named by relation
            name = m.group(1)
            if len(name) == 3 and (name[2] in NAME_STOP or _VERB_AFTER_NAME.match(f, m.start(1) + 2)):
                name = name[:2]
            if not t.inq[m.start()] and is_surname_name(name) and not CUE_RE.fullmatch(name):
                reg.add(name, t.raw[m.start(1):m.start(1) + len(name)], "person")
        for m in (_HONORIFIC.finditer(f) if honorific_any else ()):
            ns = m.start() - 1
            if m.group() == "某" and (_SOME_NOUN.match(f, m.end()) or f[ns:ns + 1] in _NOT_SURNAME_BEFORE_MOU):
                continue  # 济南某报社, 但某…: 某 is "a certain", not a surname's honorific
            if ns >= 0 and not t.inq[ns] and is_surname_name(f[ns:m.end()]) and f[ns - 1:ns] not in ("小", "老") \
                    and not (f[ns] in _CLASSIFIERS and f[ns - 1:ns] in _NUMERALS):
                reg.add(f[ns:m.end()], t.raw[ns:m.end()], "person")  # (小花奶奶 is little Hua's grandmother;
                # 一位女士 is a woman, not 位女士)
        for st, ke in (_clause_orgs(f) if org_refs and _ORG_WORD.search(f) else ()):  # 蓝星公司…。该公司指控…
            s0 = strip_lead(f, st, ke)
            key = f[s0:ke]
            if t.inq[s0] or len(key) < 3 or _NOT_ORG_NAME.search(key):
                continue
            ent = reg.add(key, t.raw[s0:ke], "organization")
            short = _ORG_TAIL.sub("", key)
            if len(short) >= 2 and short != key and ent.kind == "organization" and short not in reg.by_key:
                reg._alias(ent, short)  # 蓝星公司 is also 蓝星
        for m in _DOC_HEAD_RE.finditer(f):
            if t.inq[m.start()]:
                continue
            left = _DOC_LEFT.search(f, max(0, m.start() - 10), m.start())
            gs = left.start() if left else m.start()
            if gs < m.start():  # 其实调查显示: connectives and dates before the document are no part of it
                gs = min(strip_lead(f, gs, m.start()), m.start())
                by = _BY_LEAD.match(f, gs, m.start())
                if by is not None:
                    gs = by.end()  # 据报告显示: 据 frames the document, it is no part of its name
                pub = _PUBLISHED.search(f, gs, m.start())
                if pub is not None:  # 东岭公司发布公告。公告称: the document, not its publisher's act
                    gs = pub.end()
            opened = f.rfind("《", max(0, m.start() - 40), m.start()) if f.startswith("》", m.end()) else -1
            if opened >= 0 and "》" not in f[opened:m.start()]:
                gs = opened + 1  # 《2025年东岭就业质量报告》: the whole title, digits and all
            g = f[gs:m.end()]
            g2 = NUMCLS.sub("", _DOC_DETERMINER.sub("", g))
            gs += len(g) - len(g2)
            if len(g2) < 2 or (g2 in DOC_HEADS and g2 not in ("公开信", "联名信")):
                continue
            reg.add(g2, t.raw[gs:m.end()].replace("《", "").replace("》", ""), "document")


_BY_LEAD = re.compile(r"根据|依据|依照|按照|据")
"""A frame word before a document mention (据报告, 根据数据): not part of the document's name."""


def scan_fallback_names(texts: list[Text], reg: Registry) -> None:
    """Register untitled names that open a sentence and recur (``罗红艳去年曾…。她建议…``).

    The weakest antecedents: looked for only when a pronoun resolves to nobody, so an article whose
    pronouns resolve without them pays nothing.
    """
    for t in texts:
        f = t.f
        for m in _openers(_SENTENCE_SUBJECT_NAME, f):  # 罗红艳去年曾到山区义诊。她建议…: a sentence opened by a name
            s0 = m.start(1)
            name = m.group(1)
            if not t.inq[s0] and is_surname_name(name) and name not in reg.by_key and not reg.by_alias.get(name) \
                    and not NAME_STOP.intersection(name[1:]) \
                    and (_PERSON_INTRO.match(f, s0 + len(name)) or sum(x.f.count(name) for x in texts) >= 2):
                reg.add(name, t.raw[s0:s0 + len(name)], "person")  # (named twice, or introduced with an age or a
                # role, 张伟今年45岁: a word that only looks like a name is neither)
        for m in (_AGED_NAME.finditer(f) if "岁的" in f else ()):  # 今年58岁的周大勇是…: a person by age
            s0 = m.start(1)
            name = m.group(1)
            if len(name) == 3 and (name[2] in NAME_STOP or _VERB_AFTER_NAME.match(f, s0 + 2)):
                name = name[:2]
            if not t.inq[s0] and is_surname_name(name) and name not in reg.by_key and not reg.by_alias.get(name) \
                    and not NAME_STOP.intersection(name[1:]) and not CUE_RE.fullmatch(name) \
                    and not POSSESSED_PERSON.search(name) and not TITLE_RE.search(name):
                reg.add(name, t.raw[s0:s0 + len(name)], "person")  # (90岁的母亲, 80岁的老人: no name)


def scan_repeated_names(texts: list[Text], reg: Registry) -> int:
    """Register three-character names the article repeats at least three times, wherever they stand
    (彭静旋没有…, 虽说彭静旋…), once opening a clause; the number registered.

    The last resort for a pronoun nobody else answers: run only then, so most articles never pay for it."""
    n0 = len(reg.by_key)
    counts: dict[str, int] = {}
    opening: dict[str, tuple[Text, int]] = {}
    ended: set[str] = set()
    for t in texts:
        f = t.f
        for i in range(len(f) - 2):
            if f[i] in SURNAMES_1 and not t.inq[i]:
                w = f[i:i + 3]
                counts[w] = counts.get(w, 0) + 1
                if i == 0 or not ("\u4e00" <= f[i - 1] <= "\u9fff"):
                    opening.setdefault(w, (t, i))  # (at least once it opens a clause: 小花母亲 never does)
                nx = f[i + 3:i + 4]
                if not nx or nx in _AFTER_REPEATED or not ("\u4e00" <= nx <= "\u9fff") or TITLE_RE.match(f, i + 3):
                    ended.add(w)  # (at least once a verb, an adverb or a mark follows it: 修改公|告 never ends there)
    for w, (t, i) in opening.items():
        if counts[w] >= 3 and w in ended and w not in reg.by_key and not reg.by_alias.get(w) and not NAME_STOP.intersection(w[1:]) \
                and w[2] not in _PLACE_END and w[0] not in _FUNCTION_SURNAMES and is_surname_name(w) \
                and not CUE_RE.search(w):
            reg.add(w, t.raw[i:i + 3], "person")
    return len(reg.by_key) - n0


_AFTER_REPEATED = frozenset("说表称认指在是也还曾已将又便就都对向和与跟的等则却并答问笑坦直透介强回补解分没不很一再亲把被从")
"""What follows a name at least once in an article: a verb, an adverb, a preposition or a particle (or a title)."""
_DIRECT_SCAN_WORK = 2_000_000
"""Below this many (characters x keys), each key is found with ``str.find`` (no regex to compile);
above it, one prefix-table scan per block keeps the work linear in the text."""


def _keys(reg: Registry) -> list[tuple[str, Entity]]:
    """Every key and alias with its entity, in registry order (the order ties keep)."""
    return [(key, ent) for ent in reg.by_key.values() for key in (ent.key, *ent.aliases) if key]


def _starts_joined(texts: list[Text], keys: list[tuple[str, Entity]]) -> dict[int, list[tuple[int, str, Entity]]]:
    """Where each key starts, per block: each key is found in the blocks joined by a NUL (which no key holds, so
    no match spans two blocks), one ``find`` loop per key instead of one per key and block; per block the keys
    keep registry order, each key's offsets ascend, at most ``MAX_MENTIONS_PER_KEY_BLOCK`` of them."""
    joined = "\x00".join(t.f for t in texts)
    offs: list[int] = []
    o = 0
    for t in texts:
        offs.append(o)
        o += len(t.f) + 1
    per: dict[int, list[tuple[int, str, Entity]]] = {}
    for key, ent in keys:
        i = joined.find(key)
        counts: dict[int, int] = {}
        while i >= 0:
            k = bisect_right(offs, i) - 1
            n = counts.get(k, 0)
            if n < MAX_MENTIONS_PER_KEY_BLOCK:
                per.setdefault(k, []).append((i - offs[k], key, ent))
                counts[k] = n + 1
            i = joined.find(key, i + len(key))
    return per


def _starts_by_table(f: str, table: dict[str, list[tuple[str, Entity]]], firsts: re.Pattern[str],
                     one_char: bool) -> list[tuple[int, str, Entity]]:
    out = []
    seen: dict[str, int] = {}
    for m in firsts.finditer(f):
        i = m.start()
        cands = table.get(f[i:i + 2], [])
        if one_char:
            cands = cands + table.get(f[i], [])
        for key, ent in cands:
            if f.startswith(key, i) and seen.get(key, 0) < MAX_MENTIONS_PER_KEY_BLOCK:
                seen[key] = seen.get(key, 0) + 1
                out.append((i, key, ent))
    return out


def index_mentions(texts: list[Text], reg: Registry) -> None:
    """List every mention of a registered key or alias, in text order, marking the subject-like ones.

    Linear in the text and bounded: on a big page one scan per block finds every key (a class of
    the keys' first characters jumps to candidate positions, a table of two-character prefixes picks
    the few keys to compare there) instead of one ``find`` pass per key and block; the look back for
    the clause start and for a title before the name is bounded; at most
    ``MAX_MENTIONS_PER_KEY_BLOCK`` mentions of one key are kept per block. A mention is
    subject-like when it opens its clause (after connectives and dates) or follows a title word.
    """
    keys = _keys(reg)
    out: list[Mention] = []
    table: dict[str, list[tuple[str, Entity]]] = {}
    firsts: re.Pattern[str] | None = None
    one_char = False
    if keys and sum(len(t.f) for t in texts) * len(keys) > _DIRECT_SCAN_WORK:
        for key, ent in keys:
            table.setdefault(key[:2], []).append((key, ent))
        one_char = any(len(p) == 1 for p in table)
        firsts = re.compile("[" + "".join(re.escape(c) for c in sorted({p[0] for p in table})) + "]")
    joined = _starts_joined(texts, keys) if keys and firsts is None else {}
    for k, t in enumerate(texts if keys else ()):
        f = t.f
        if t.kind == "h" and _CAPTION.match(f):
            continue  # a caption's names are context, never an antecedent
        starts = _starts_by_table(f, table, firsts, one_char) if firsts is not None else joined.get(k, ())
        for i, key, ent in starts:
            out.append((t.index, i, ent, SubjectLike(t, i, len(key))))
    out.sort(key=lambda x: (x[0], x[1]))
    reg.mentions = out
    reg.positions = [(b, o) for b, o, _, _ in out]
    reg.at = {}
    reg.first = {}
    for b, o, ent, _ in out:
        reg.at.setdefault((b, o), []).append(ent)
        reg.first.setdefault(id(ent), (b, o))


def resolve(reg: Registry, block: int, pos: int, want: str, head: str = "", gender: str = "",
            skip: Callable[[int, int], bool] | None = None) -> Entity | None:
    """Nearest compatible antecedent before (block, pos): a subject-like mention first, within 4 blocks.

    ``skip(block, offset)`` leaves out mentions the caller knows are no antecedent (inside reported words)."""
    best_any: Entity | None = None
    hi = bisect_left(reg.positions, (block, pos))
    for k in range(hi - 1, max(-1, hi - 1 - RESOLVE_WINDOW), -1):
        b, o, ent, subj = reg.mentions[k]
        if block - b > 4:
            break
        if skip is not None and skip(b, o):
            continue
        if want == "person" and ent.kind != "person":
            continue
        if want == "person" and gender:
            if gender == "f" and _MALE_KEY.search(ent.key):
                continue
            if gender == "m" and _FEMALE_KEY.search(ent.key):
                continue
        if want != "person" and ent.kind != want:
            continue
        if head and not (ent.key.replace("《", "").replace("》", "").endswith(head)
                         or any(tt.endswith(head) for tt in ent.titles)):
            continue
        if gender == "f" and _FEMALE.search(ent.key) and b == block:
            return ent  # 她 after 杜女士 in the same paragraph: the marked woman, even as no subject
        if subj and gender == "f" and b == block and not _FEMALE.search(ent.key):
            marked = next((e for bb, _, e, _ in reversed(reg.mentions[max(0, k - 16):k])
                           if bb == block and e.kind == "person" and _FEMALE.search(e.key)), None)
            if marked is not None:
                return marked  # 李明和赵女士…。李明认为…。她则认为: the woman the paragraph marks, not the nearer name
        if subj:
            return ent
        if best_any is None:
            best_any = ent
    return best_any


_FEMALE = re.compile(r"女士|小姐|阿姨|大妈|大姐|奶奶|姑娘|女$|(?:母亲|妈妈|外婆|姥姥|妻子|老婆|女儿|姐姐|妹妹)$")
_MALE_KEY = re.compile(r"先生|大爷|大哥|爷爷|(?:父亲|爸爸|外公|姥爷|丈夫|老公|儿子|哥哥|弟弟)$")
_FEMALE_KEY = re.compile(r"女士|阿姨|大妈|大姐|奶奶|(?:母亲|妈妈|外婆|姥姥|妻子|老婆|女儿|姐姐|妹妹)$")
