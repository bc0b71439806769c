"""Speaker phrases: person names and the parse of a phrase into name, titles and affiliation.

``is_name`` and ``is_surname_name`` recognise Chinese, transliterated
(``马克·韦伯``) and Latin names; ``split_title`` splits ``东岭科技研究院院长``
into the title and the affiliation; ``parse_np`` classifies a whole phrase as
a person, organisation, media outlet, document, anonymous source, pronoun or
short form (``该人士``, ``张院长``). Parses are cached: phrases repeat.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from newscrawler.extract.quotes.blocks import HAN, HAN_ONLY
from newscrawler.extract.quotes.lexicon import (
    ANON,
    DEMONSTRATIVE,
    DOC,
    DOC_HEADS,
    LATIN_NAME,
    MEDIA,
    MEDIA_UNNAMED,
    NAME_CHARS,
    NAME_STOP,
    NAME_SUFFIX,
    NOT_LATIN_PERSON,
    NUMCLS,
    ORG_SHORT,
    ORG_SUFFIX,
    PERSON_COUNT,
    PRONOUNS,
    ROLE_END,
    SPEAKERLESS,
    SURNAMES_1,
    SURNAMES_2,
    TITLE_ENDS,
    TITLE_MOD,
    TITLE_RE,
    TITLE_WORDS,
    UNIT_WORDS,
    title_matches,
)

_CHANNEL_END = re.compile(r"(?:微博|官微|公众号|官网|网站|帖子|博文|推文)$")
_NICKNAME = re.compile(r"[\u4e00-\u9fff]{1,6}[“\"「]([^“”\"「」]{1,12})[”\"」]|(?:网友|博主|用户|读者)([A-Za-z0-9_\-]{2,20})")
_PAREN_MID = re.compile(r"\s*[(（]\s*微博\s*[)）]\s*")
"""``王立新 ( 微博 )``: a portal's link label glued to a name."""
_MEDIA_NAME = re.compile(
    r"^(?:路透|彭博|美联(?!储)|法新|共同社|塔斯|韩联|合众|安莎|埃菲)|(?:通讯社|新闻社|日报|晚报|早报|时报|商报|周刊|杂志|电视台|电台|卫视)$"
)
"""An outlet by its agency name or its two-character head: never read as a person (路|透社)."""
_MODAL_END = re.compile(r"(?:则|也|还|都|就)?(?:会|将|要|能|可能|可以|应该|愿意)$")
_XIAO_LAO_WORDS = frozenset(
    "小区 小学 小时 小组 小说 小吃 小米 小麦 小孩 小伙 小型 小额 小镇 小城 小店 小编 小商 小贩 小事 小康 小微 小品 小姐 "
    "小心 小于 小写 小费 小票 小国 小车 小路 小河 小狗 小猫 小鸟 小鱼 小数 小姑 小妹 小弟 小儿 小将 小队 小号 小生 小巷 "
    "老师 老板 老人 老家 老婆 老公 老年 老区 老城 老街 老乡 老兵 老总 老大 老外 老鼠 老虎 老化 老旧 老字 老式 老百".split()
)
_SURNAME_WORDS = frozenset(
    "原本 原来 原先 成功 成为 初步 初期 安慰 安全 安排 温馨 方面 方式 方法 方向 高度 高兴 明显 明确 明年 平时 平均 同时 "
    "同样 同意 全部 全面 全国 全体 连续 连忙 和平 关于 关键 向来 应该 应当 常常 常规 时候 时间 时期 单位 单独 相关 相信 "
    "相当 相对 相比 包括 华人 曾经 都是 将来 将会 管理 司机 任何 任务 习惯 信息 信心 林业 金融 金额 石油 "
    "毛病 文化 文件 于是 万一 万元 余额 余下 严重 严格 许多 许可 何时 何况 何必 宁可 宁愿 尚未 尚且 能够 童年 童话 "
    "计划 计算 范围 程度 谢谢 经济 经过 经验 车主 车辆 车上 江湖 路上 路过 游客 游戏 席位 景区 景点 "
    "公告 公报 公函 公示 公文 公开 公司 通报 通告 通知 申明 声明 回复 答复 回应 章程 文章 方案 "
    "解决 解释 解除 解读 解答 相处 相互 相继 相同 相似 相识 相遇 相应 "
    "干部 党员 农民 商贩 和尚 向导 房客 宗亲 渔民 牧民 包工 毕业 应届 信贷 支部 项目 车间 区域 门店 宣传 房产 国际"
    .split()
)
"""Common two-character words that open with a surname character (原|本, 成|功): never a name on their own."""
_LATIN_TAIL = re.compile(r"[A-Z][a-zA-Z'\-]+(?: [A-Z][a-zA-Z'\-]+){0,3}$")
_ORG_HUI = re.compile(r"(?:委员|协|学|商|工|议|联合|基金|监|委|理事|董事|大|常委|年|峰|总)会$")
"""A body named ``…会`` (银保监会, 常委会): not a name and a modal."""
_HONORIFICS = frozenset("先生 女士 小姐".split())
_NOT_IN_NAME = re.compile(r"[的了着过们么吗呢吧啊地在是说就还将把被对到有忙昨之]|(?<=[那这当])时")
"""Function characters that never occur inside a Chinese given name (position 1 on)."""
_LATIN_GLOSS = re.compile(r"([\u4e00-\u9fff·]{2,24})\s*\([A-Z][A-Za-z .'\-]{1,40}\)\s*([\u4e00-\u9fff]{0,4})$")
"""A name in Chinese, its original spelling in brackets, then at most a title: the name is a person's."""
_ONE_PERSON = re.compile(r".(?:一|两|二|三|几|多|数|某)(?:位|名)[\u4e00-\u9fff]{1,4}$")
"""An institution or place, then a numeral and 位/名 (people's classifiers) and a noun: someone unnamed."""
_ISSUED_BY = re.compile(r"(?:公告|声明|答复|回复|回应|公函|复函)(?<!的..)$|回复函(?<!的...)$")
"""A statement an organisation issues, written right after its name (东岭公司声明称): the organisation is the
speaker, as the gold names it (东岭公司的通报 stays the document phrase). The 的 test follows the word, so a search
skips at once the starts where no word opens."""
_OFFICE_END = frozenset("局署部厅委处办司")
_OUTLET_SITE = ("网站", "官网")
"""An outlet's website (《纽约时报》网站, 东岭日报网站): the outlet speaking, not a document."""
_DOC_HEAD_WORDS = frozenset(DOC_HEADS)
"""Document heads (白皮书, 公报…): never a surname and a given name."""
"""Characters that end an office's name (卫生局) and no given name."""
_PAREN_TAIL = re.compile(r"[(（][^()（）]{0,20}[)）]$")
_DEPARTMENT = re.compile(r"^(?:向|到|在)?(?:眼|皮肤|外|内|儿|骨|牙|妇|产|神经|精神|急|门|耳鼻喉|心内|心外|泌尿|肿瘤|胸|肝胆)(?:科|诊)$")


_COUNTED_NOT_ONE = re.compile(r"[、\d]")
"""In a counted phrase, stacked titles (、) or a date: a phrase the parse could not read, no unnamed person."""
_HOLDING = re.compile(r"^(?:现任|时任|前任|曾任|担任|身为|作为)")
_LATIN_PREFIX = re.compile(r"[A-Za-z][A-Za-z0-9 .&\-]*")
_THERE_IS = re.compile(r"^(?:也|还|另|更)?有(?=[^关])")

_NAME_FIRST = SURNAMES_1 | frozenset("小老")
"""What a name opens with, besides a compound surname (``SURNAMES_2``)."""


def is_surname_name(s: str) -> bool:
    """A Chinese personal name: surname + 1-2 characters (or 小/老 + surname, or surname + 女士/先生…).

    Two to five characters (李某, 欧阳娜娜, 诸葛亮先生) that open with a surname, 小 or 老: anything else is no name,
    and is answered first (every rule below that says yes asks for one of them)."""
    if not 2 <= len(s) <= 5 or (s[0] not in _NAME_FIRST and s[:2] not in SURNAMES_2):
        return False
    if not HAN.match(s[0]) or s in TITLE_WORDS or ANON.fullmatch(s) or ORG_SHORT.fullmatch(s) \
            or s in _DOC_HEAD_WORDS:
        return False  # 官员, 代表: a role word that starts with a surname character (白皮书: a document)
    if NAME_SUFFIX.search(s) and 2 <= len(s) <= 5:
        head = NAME_SUFFIX.sub("", s)
        return len(head) <= 3 and bool(head) and (head[0] in SURNAMES_1 or head[:2] in SURNAMES_2)
    if (len(s) == 2 and (s in _XIAO_LAO_WORDS or s in _SURNAME_WORDS)) or (len(s) == 3 and s[:2] in _SURNAME_WORDS):
        return False  # 小区, 老师, 原本, 成功, 成功|赴(港): words, not 小 + surname, a nickname or a surname and a given name
    if len(s) in (2, 3) and s[0] in "小老" and s[1] in SURNAMES_1:
        return len(s) == 2
    if len(s) == 2 and s[0] == "小" and HAN.match(s[1]) and s[1] not in NAME_STOP:
        return True  # 小刚, 小花: the nickname news gives a child or an anonymised person
    if _NOT_IN_NAME.search(s, 1) or s[1:] in TITLE_WORDS or (s[2:] in TITLE_WORDS and s[:2] in SURNAMES_2):
        return False  # 简单的, 付之一(笑): a function word; 王局长, 孙教授: a surname and a title (a short form)
    if len(s) == 3 and s[2] in _OFFICE_END:
        return False  # 卫生局, 林务局, 卫生署: an office, not 卫 + a given name
    if len(s) == 3 and s[1] == "某" and s[2] != "某":
        return False  # 孙某|惊(问): an anonymised surname (孙某, 孙某某) takes no third character
    if s[:2] in SURNAMES_2:
        return 3 <= len(s) <= 4
    return s[0] in SURNAMES_1 and 2 <= len(s) <= 3 and HAN_ONLY.fullmatch(s) is not None


def is_name(s: str, titled: bool) -> bool:
    """A person's name as it follows a title (``titled``) or stands alone."""
    if not s:
        return False
    if LATIN_NAME.fullmatch(s):
        return titled or not NOT_LATIN_PERSON.search(s)
    if "·" in s or "•" in s:
        return all(HAN.match(c) or c in "·•-－ " for c in s) and 3 <= len(s) <= 15 and " " not in s.replace("· ", "")
    if is_surname_name(s):
        return True
    if titled and 5 <= len(s) <= 8 and all(c in NAME_CHARS for c in s):
        return True  # 总理安东尼奥斯卡拉马诺斯: a transliterated name written without its dot
    return titled and 2 <= len(s) <= 4 and HAN_ONLY.fullmatch(s) is not None and s[-1] not in NAME_STOP and "的" not in s \
        and not ORG_SUFFIX.search(s) and not ORG_SHORT.fullmatch(s) and not DOC.fullmatch(s) \
        and not any(len(m.group()) > 1 for m in TITLE_RE.finditer(s, 1))  # 中国铁路总|公司, 大使|馆发言人: no name


_OUTLET_PIECE = re.compile(r"((?:《[^《》]{1,20}》|[^的《》]{2,12}))的(?:一篇|这篇|相关)?(?:文章|报道|报导|社论|评论|评论员文章|专栏|头版文章)$")
_BOOK_NOUN = re.compile(r"《([^《》]{1,40})》(?:一书|这本书|该书|书中|一文|文中|一文中)$")
_KIN_NAME = re.compile(r"的(老公|老婆|丈夫|妻子|儿子|女儿|父亲|母亲|哥哥|姐姐|弟弟|妹妹|男友|女友|经纪人)(.{2,4})$")
_FIRM_END = re.compile(r"(?:证券|银行|基金|公司|集团|研究院|研究所|研究中心|大学|学院|智库|资本|投资|咨询|期货|信托|保险)$")
"""Institutions whose people are quoted by name right after them (东岭证券王建国)."""
_SURNAME_HONORIFIC = re.compile(r"(?<![先女小])[\u4e00-\u9fff](?:先生|女士)$")


def _outlet(title: str) -> bool:
    """An outlet's name, unless a document head that holds the outlet's head ends it: 《东岭日报》 is an outlet,
    《东岭统计公报》 and 《关于…的通报》 are documents (公报 and 通报 end in 报, a paper's head)."""
    m = MEDIA.search(title)
    if m is None:
        return False
    d = DOC.search(title)
    return d is None or d.start() >= m.start()


@dataclass(slots=True)
class NP:
    """A parsed speaker phrase: the name (for persons) or the phrase, with titles and affiliation."""

    text: str
    kind: str  # person | organization | media | media_unnamed | anonymous | document | unspecified | pronoun | short
    name: str
    titles: list[str] = field(default_factory=list)
    affiliation: str | None = None


def split_title(phrase: str) -> tuple[list[str], str | None]:
    """``东岭科技研究院院长`` → (["院长"], "东岭科技研究院"); ``独立宏观经济研究员`` → (["独立宏观经济研究员"], None)."""
    phrase = phrase.strip()
    if "的" in phrase:
        phrase = phrase.rsplit("的", 1)[1]
    phrase = _HOLDING.sub("", phrase)
    if not phrase:
        return [], None
    m = _title_at_end(phrase)
    if m is None:
        return [phrase], None
    start = m.start()
    mod = TITLE_MOD.search(phrase[:start])
    if mod:
        start = mod.start()
    prefix = phrase[:start]
    if prefix and (ORG_SUFFIX.search(prefix) or _LATIN_PREFIX.fullmatch(prefix)):
        return [phrase[start:]], prefix
    return [phrase], None


def _title_at_end(phrase: str) -> re.Match[str] | None:
    """The title word that ends ``phrase`` (the last ``TITLE_RE`` match, if it reaches the end).

    Most phrases end in a name, no title: their last character ends no title word, and no scan is needed."""
    if phrase[-1:] not in TITLE_ENDS:
        return None
    return next((x for x in title_matches(phrase) if x.end() == len(phrase)), None)


@functools.lru_cache(maxsize=4096)
def parse_np(np: str) -> NP:
    """Classify a speaker phrase (already stripped of adverbs and adjuncts; folded text)."""
    if np in PRONOUNS:
        return NP(np, "pronoun", np)
    gloss = _LATIN_GLOSS.search(np) if "(" in np else None
    if gloss is not None:  # 负责实验的卡洛斯(Carlos M.)博士: a transliterated name, glossed in Latin
        han, title = gloss.group(1).rsplit("的", 1)[-1], gloss.group(2)
        if len(han) >= 2 and all(c in NAME_CHARS or c == "·" for c in han) and (not title or title in TITLE_WORDS):
            return NP(np, "person", han, [title] if title else [])
    core = _PAREN_MID.sub("", np) if "微博" in np else np  # (each pattern runs only where its words can be)
    core = _PAREN_TAIL.sub("", core) if ")" in core or "）" in core else core
    core = core.lstrip("的") or np  # …管理办法（征求意见稿） / 的…
    issued = _ISSUED_BY.search(core)
    if issued is not None and issued.start() >= 2:  # 东岭公司(的)公告称: the company speaks through it
        issuer = parse_np(core[:issued.start()])
        if issuer.kind == "organization":
            return NP(np, "organization", issuer.name)
    if _DEPARTMENT.match(core):
        return NP(np, "organization", core)  # 门诊, 皮肤科: a hospital department, no surname and given name
    counted = PERSON_COUNT.match(core) is not None  # 一位经销商: someone unnamed, whatever the noun
    uncounted = core if is_surname_name(core) else NUMCLS.sub("", core)
    if len(uncounted) > 1:
        core = uncounted  # (两人 stays: a lone 人 says nothing)
    if SPEAKERLESS.search(np) or SPEAKERLESS.search(core):
        return NP(np, "unspecified", "")
    if core == "人士":
        return NP(np, "short", core)  # (其中)一位人士: one of the sources just named, never a source of its own
    core = _THERE_IS.sub("", core)
    if core.endswith("们") and len(core) > 2 and (ANON.search(core[:-1]) or ROLE_END.search(core[:-1])):
        core = core[:-1]  # 店主们: a group of anonymous speakers
    if len(core) > 3 and core.endswith(("本人", "自己")):  # 李明本人则表示: the person himself
        himself = parse_np(core[:-2])
        if himself.kind == "person":  # (他们自己 stays as it was: a pronoun is resolved elsewhere)
            return NP(np, "person", himself.name, himself.titles, himself.affiliation)
    if core in ("有关方面", "相关方面", "各方面", "有关部门方面"):
        return NP(np, "anonymous", core)  # 据有关方面透露: unnamed officials, no organisation called 有关
    side = core.endswith("方面") and len(core) > 2  # 星锐方面: the organization's side
    if side:
        core = core[:-2]
    if core.endswith("等") or core.endswith("等人"):  # 李明等人表示: the first of them is named
        head = core[:-2] if core.endswith("等人") else core[:-1]
        if "、" in head:  # 局长王建国、副局长李明等人: the first named
            head = head.split("、", 1)[0]
        inner = parse_np(head) if len(head) >= 2 else None
        if inner is not None and inner.kind == "person":
            return NP(np, "person", inner.name, inner.titles, inner.affiliation)
    modal = _MODAL_END.search(core) if core[-1:] in "会将要能以该意" and not _ORG_HUI.search(core) else None
    if modal is not None and modal.start() >= 2 and is_surname_name(core[:modal.start()]):
        return NP(np, "person", core[:modal.start()])  # 郭荣梅(则)会建议: a name and a modal verb
    nick = _NICKNAME.fullmatch(core)
    if nick:  # 网友“晨光小鹿”: a role and a quoted name
        quoted = nick.group(1) or nick.group(2)
        if nick.group(1) and (MEDIA.search(quoted) or _MEDIA_NAME.search(quoted)):
            return NP(np, "media", quoted)  # 台湾“联合报”: an outlet the paper writes in quotation marks
        return NP(np, "person", quoted)
    # stacked titles: 天使投资人、资深材料专家田立新 / 华联新能源董事长、总裁刘振邦
    parts = [p for p in core.split("、") if p]
    last = parts[-1] if parts else core
    titles: list[str] = []
    affiliation: str | None = None
    for p in parts[:-1]:
        t, a = split_title(p)
        titles += t
        affiliation = affiliation or a
    name = ""
    outlet_piece = _OUTLET_PIECE.search(last) if "的" in last else None
    if outlet_piece is not None and MEDIA.search(outlet_piece.group(1)):  # 《东岭杂志》的文章, 东岭晚报的报道: the outlet
        return NP(np, "media", outlet_piece.group(1).replace("《", "").replace("》", ""))
    for m in title_matches(last if not _CHANNEL_END.search(last) else ""):  # 交警官方微博: a channel
        rest = last[m.end():].strip()
        if rest.startswith("的") and len(rest) > 2:
            rest = rest[1:]  # 现为议员的何俊仁: the title, 的, then the name
        if TITLE_RE.match(rest) and not is_surname_name(rest):
            continue  # 城管|队员李明: another title follows, the name comes after it
        if rest.endswith("人士"):
            continue  # 东岭市官|方人士: 官方人士 is the head, no title and name
        tk = next((k for k in (2, 3, 4) if len(rest) >= k + 2 and rest[-k:] in TITLE_WORDS), 0)
        if tk and is_surname_name(rest[:-tk]):  # 主任胡豫教授: title, name, title
            t, a = split_title(last[: m.end()])
            titles += [*t, rest[-tk:]]
            affiliation = affiliation or a
            name = rest[:-tk]
            break
        if is_name(rest, titled=True):
            t, a = split_title(last[: m.end()])
            titles += t
            affiliation = affiliation or a
            name = rest
            break
    if not name:  # an institution and a name, no title: 东岭证券王建国
        for k in (3, 2):
            head, rest = last[:-k], last[-k:]
            if len(head) >= 3 and _FIRM_END.search(head) and is_surname_name(rest) and not ORG_SUFFIX.search(rest):
                affiliation = affiliation or head
                name = rest
                break
    if not name:  # an unlisted role word before a name: 审判长宋建华, 主刀医生李强, 消防员弗朗切斯科
        for k in (6, 5, 4):
            head, rest = last[:-k], last[-k:]
            if len(head.rsplit("的", 1)[-1]) >= 2 and head[-1] in "长员师家官手人者医生士任" \
                    and all(c in NAME_CHARS for c in rest) and not ORG_SUFFIX.search(rest):
                t, a = split_title(head)
                titles += t
                affiliation = affiliation or a
                name = rest
                break
    if not name:
        for k in (3, 2):
            head, rest = last[:-k], last[-k:]
            if len(head) >= 2 and head[-1] in "长员师家官手人者医生士任农民户警儿子妻夫亲理商" and is_surname_name(rest) \
                    and not rest.endswith("人士") and rest not in UNIT_WORDS \
                    and len(head.rsplit("的", 1)[-1]) >= 2 \
                    and not _CHANNEL_END.search(last):  # 交警官方微博 is no 方微博
                t, a = split_title(head)
                titles += t
                affiliation = affiliation or a
                name = rest
                break
    # read only while no name is found (every use is ``not name and … lexical``)
    lexical = not name and bool(DOC.search(last) or ANON.search(last) or MEDIA_UNNAMED.search(last)
                                or ORG_SHORT.match(last)
                                or _MEDIA_NAME.search(last)
                                or last in DOC_HEADS or (ORG_SUFFIX.search(last) and len(last) > 3))
    if not name and not lexical and is_name(last, titled=False):
        name = last
    if not name and "的" in last and is_name(last.rsplit("的", 1)[1], titled=False):
        name = last.rsplit("的", 1)[1]  # 在巷口经营糖水铺十多年的刘阿姨
    kin = _KIN_NAME.search(last) if not name and "的" in last else None
    if kin is not None and is_name(kin.group(2), titled=True):
        return NP(np, "person", kin.group(2), [kin.group(1)])  # 王芳的老公李建国: the relative, by name
    if not name and len(last) > 3 and _SURNAME_HONORIFIC.search(last) and not lexical:
        if last[-3] in "位名个":
            return NP(np, "anonymous", last)  # 中心的一位女士: someone unnamed
        name = last[-3:]  # 资深中介洪先生, 在银行供职的80后孙先生: a surname and 先生/女士 end a description
    if not name and not lexical:
        # a title after the name: 李志强委员, 研究所的吴昊教授, 院长李志强委员 (the titles join)
        tail = _title_at_end(last)
        if tail and tail.start() >= 2 and not TITLE_MOD.fullmatch(last[: tail.start()].rstrip()):
            head = last[: tail.start()].rstrip()  # (高级编辑: 高级 modifies the title, it is no name)
            inner = parse_np(head)
            if inner.kind in ("person", "person?") and inner.name and head.endswith(inner.name):
                return NP(np, "person", inner.name, titles + inner.titles + [tail.group()],
                          affiliation or inner.affiliation)
    book_of = _BOOK_NOUN.search(last) if not name and "》" in last else None
    if book_of is not None:  # 《东岭往事》一书 / 该文: the work speaks
        return NP(np, "media" if _outlet(book_of.group(1)) else "document", book_of.group(1))
    if not name and "的《" in last and last.endswith("》"):
        # 美国心理医师协会颁布的《心理疾病诊断与统计手册》: the titled work speaks
        book = last[last.rindex("《") + 1 : -1]
        return NP(np, "media" if _outlet(book) else "document", book)
    if not name:
        # surname + title: 张院长, 王局长
        m2 = TITLE_RE.search(last) if last[-1:] in TITLE_ENDS else None  # (no title can end it otherwise)
        if m2 and m2.end() == len(last) and 1 <= m2.start() <= 2 and (last[0] in SURNAMES_1 or last[:2] in SURNAMES_2):
            return NP(np, "short", last, [m2.group()], None)
    if not name:  # 大叔John Smith, 设计师Louis Fishauf: Han words before a Latin name
        lm = _LATIN_TAIL.search(last)
        if lm is not None and lm.start() > 0 and HAN.match(last[lm.start() - 1]) \
                and not NOT_LATIN_PERSON.search(lm.group()):
            t, a = split_title(last[:lm.start()])
            titles += t
            affiliation = affiliation or a
            name = lm.group()
    if not name and ("·" in last or "•" in last):  # 首席技术官玛丽娜·科斯塔: a role, then a dotted name
        k = max(last.rfind("·"), last.rfind("•"))
        j = k
        while j > 0 and last[j - 1] in NAME_CHARS:
            j -= 1
        if 0 < j < k and is_name(last[j:], titled=True):
            t, a = split_title(last[:j])
            titles += t
            affiliation = affiliation or a
            name = last[j:]
    if not name and not lexical:  # 东岭大学李明教授: an affiliation, a name, a title
        tail2 = _title_at_end(last)
        if tail2 is not None:
            for k in (3, 2):
                cand = last[max(0, tail2.start() - k):tail2.start()]
                pre = last[:tail2.start() - k]
                if len(cand) == k and is_surname_name(cand) and pre and ORG_SUFFIX.search(pre):
                    return NP(np, "person", cand, [*titles, tail2.group()], affiliation or pre)
    if name:
        h = NAME_SUFFIX.search(name)
        if h is not None and h.group() in _HONORIFICS and h.start() >= 2 and is_surname_name(name[:h.start()]):
            name = name[:h.start()]  # 陈得芝先生 is 陈得芝 (王先生 keeps its honorific: it is all the name there is)
        elif h is not None and h.group() in ("老师", "医生") and h.start() >= 2 and is_surname_name(name[:h.start()]) \
                and name[:h.start()] not in SURNAMES_2:
            titles = [*titles, h.group()]  # 东岭医院的陈红医生 is 陈红, a doctor (张医生 keeps its title: a short form)
            name = name[:h.start()]
        return NP(np, "person", name, titles, affiliation)
    bare = core
    plain = bare.replace("《", "").replace("》", "")
    if side:
        return NP(np, "organization", plain)
    if DEMONSTRATIVE.match(bare) or bare in DOC_HEADS or ORG_SHORT.match(bare):
        return NP(np, "short", bare)
    if MEDIA_UNNAMED.search(plain):
        return NP(np, "media_unnamed", bare)
    if plain.endswith(_OUTLET_SITE) and (MEDIA.search(plain[:-2]) or "》" in bare[-4:]):
        return NP(np, "media", plain)  # 美国《纽约时报》网站: the outlet's site reports, as the outlet
    if "《" in bare and bare.endswith("》") and (_outlet(plain) or MEDIA.search(bare[:bare.index("《")])):
        return NP(np, "media", plain)  # 东岭之声《早间新闻》: a station's programme reports
    if (DOC.search(plain) or DOC.search(bare)) and not ANON.search(plain):
        return NP(np, "document", bare)
    if MEDIA.search(plain):
        return NP(np, "media", plain)
    if ANON.search(plain) or ROLE_END.search(plain):
        t, a = split_title(bare)
        return NP(np, "anonymous", bare, [], a)
    if counted and not _COUNTED_NOT_ONE.search(plain):
        return NP(np, "anonymous", bare)  # 一位经销商, 一名快递小哥: a person counted, named by an unlisted noun
    if ORG_SUFFIX.search(plain):
        return NP(np, "organization", bare)
    if _title_at_end(plain) is not None and not _CHANNEL_END.search(plain):
        return NP(np, "anonymous", bare)  # 一位资深编辑, 高级工程师: a person named by role only
    if _ONE_PERSON.search(plain):
        return NP(np, "anonymous", bare)  # 东岭大学一位女生: 位 and 名 count people, whoever the noun
    if LATIN_NAME.fullmatch(bare) and not NOT_LATIN_PERSON.search(bare):
        return NP(np, "person", bare)
    if 2 <= len(bare) <= 6 and all(c in NAME_CHARS for c in bare):
        return NP(np, "person?", bare)  # 马斯克, 卡拉马诺斯
    after_de = bare.rsplit("的", 1)[1] if "的" in bare else ""
    if 2 <= len(after_de) <= 4 and all(c in NAME_CHARS for c in after_de):
        return NP(np, "person?", after_de)  # 现年52岁的考顿  # 马斯克, 拜登: a transliterated name, unless registered otherwise
    return NP(np, "unknown", bare)
