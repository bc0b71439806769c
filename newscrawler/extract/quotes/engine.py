"""The engine: from prepared blocks and their triggers to the ``Quote`` records.

``extract_quotes`` prepares the blocks and runs ``_Engine``: it finds the
triggers, registers speakers and names, indexes mentions, then per block
settles zero subjects, content ends, nesting and relay frames, resolves each
speaker (pronouns, short forms, titles inherited from the first mention) and
emits the records; interview transcripts (``记者：`` / ``张三：``) get a record
per answer.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Protocol, cast

from newscrawler.extract.quotes.blocks import (
    CLAUSE_DELIM,
    CLOSERS,
    HAN,
    HAN_ONLY,
    OPENERS,
    PUNCT_IN_QUOTE,
    Text,
    prepare,
)
from newscrawler.extract.quotes.cues import (
    ARTICLE_REF,
    CHANNEL_HEAD,
    COMPANY_END,
    CUE_RE,
    HUI_NOUN,
    ISSUER_ONLY,
    MEDIA_ONLY,
    PROVISION,
    RULE_SUBJECT,
    SCREEN,
    ZERO_SUBJECT_OK,
    after_study,
    cue_base,
)
from newscrawler.extract.quotes.entities import (
    TIME_AFTER_NAME,
    Entity,
    Registry,
    index_mentions,
    resolve,
    scan_fallback_names,
    scan_names,
    scan_repeated_names,
)
from newscrawler.extract.quotes.fold import fold
from newscrawler.extract.quotes.lexicon import (
    ABSTRACT_NOUNS,
    ANON,
    BARE_SOURCE,
    CHANGE_END,
    DEMONSTRATIVE,
    DOC,
    KIN_ONE,
    NAME_CHARS,
    NAME_STOP,
    NAME_SUFFIX,
    NUMCLS,
    ORG_SHORT,
    ORG_SUFFIX,
    POSSESSED_PERSON,
    PRONOUN_OWNS,
    PRONOUNS,
    ROLE_END,
    SURNAMES_1,
    SURNAMES_2,
    THERE_IS_ALONE,
    TITLE_RE,
    TITLE_WORDS,
)
from newscrawler.extract.quotes.phrases import NP, is_name, is_surname_name, parse_np, split_title
from newscrawler.extract.quotes.record import Position, Quote, QuoteType, SpeakerType
from newscrawler.extract.quotes.speaker_span import existential, np_rejected, strip_lead, strip_tail
from newscrawler.extract.quotes.triggers import Trig, find_triggers

_QA_QUESTION = re.compile(r"^\s*(?:记者|问|Q|主持人|本报记者|本报|提问|新京报|澎湃新闻|南方周末|中新网|中新社)\s*[:]")
_QA_LABEL = re.compile(r"^\s*([^\s:,。!?“”「」\"]{1,12})\s*:\s*")
_UI_LINE = re.compile(
    r"\s*[【\[(（]?\s*(?:相关(?:新闻|阅读|链接|报道|文章|专题)|相關(?:新聞|閱讀|鏈接|連結|報導|文章|專題)|延伸阅读|延伸閱讀|"
    r"推荐阅读|推薦閱讀|原标题|原標題|原题|原題|热点推荐|熱點推薦|点击|點擊|分享到|责任编辑|責任編輯|责编|責編|来源|來源|"
    r"免责声明|免責聲明|版权声明|版權聲明)\s*[】\])）]?\s*[:：]|\s*(?:图为|圖為|图注|圖注)"
)
"""A related-link, source, editor or caption line: page furniture, read for context, never a quote."""
_ASKER = re.compile(r"(?:记者|编者|主持人|编辑)$")


_ASKER_TAIL = re.compile(r"(?:的)?(?:记者|采访|专访)$")
"""记者 / 采访 ending an addressee: what is left is the outlet."""
_THIS_ONE = re.compile(r"这位|这名|该名|该位")


def _lv(f: str) -> str:
    """The label view of folded text, same length: ``【记者】`` reads as ``记者:``, a leading bullet (■ ●) as a space."""
    return f.translate(_LABEL_VIEW) if ("【" in f or f[:2].strip()[:1] in _BULLETS) else f


def _answer_label(label: str) -> str:
    """``刘明答`` → ``刘明``: the answerer's label without its 答/说."""
    return label[:-1] if len(label) > 2 and label[-1] in "答说" else label


_BULLETS = "■●▲◆★△□○◎◇"
_LABEL_VIEW = str.maketrans({"【": " ", "】": ":", **{b: " " for b in _BULLETS}})


_BYLINE_REST = re.compile(r"[^,;。!?“”「」\"]{0,24}")
"""What follows ``记者：`` in a byline (张小明, 张小明 通讯员 李红): names and roles, no sentence, no question; spec §2
lists bylines among the metadata lines a body may keep."""


def _is_question(f: str) -> bool:
    """An interviewer's turn: ``记者：`` / ``问：`` / ``新京报记者：``, or any label that is no name before a question."""
    f = _lv(f)
    if ":" not in f:
        return False  # (every turn's label ends in a colon; 】 reads as one in the label view)
    if (qm := _QA_QUESTION.match(f)) is not None:
        return not _BYLINE_REST.fullmatch(f, qm.end())  # (记者：张小明 is a byline, no turn)
    m = _QA_LABEL.match(f)
    if m is None or m.group(1) in ("答", "A"):
        return False
    label = m.group(1)
    if (_ASKER.search(label) or label.endswith("问")) and len(label) <= 10 and not CUE_RE.search(label):
        return True  # 记者问： (王明告诉记者：“…” is a source speaking to the reporter, no interviewer's turn)
    return f.rstrip().endswith("?") and len(label) <= 8 and not is_name(label, titled=False) \
        and label[:1] not in SURNAMES_1  # 南都：…？ (刘：…？ is the interviewee asking back)
_QA_INTRO = re.compile(r"专访|采访|对话|访谈")
_SPEAKER_LABEL = re.compile(r"^\s*([^\s:,;。!?“”「」\"()]{2,12}?)\s*(?:\(([^()]{0,40})\))?\s*:\s*")
"""``林秀英（東城區醫院兒科主任）：`` or ``赵小川（15岁）：answer`` on folded text: a speaker label."""
_ROLE_NAME_LINE = re.compile(
    r"^\s*([^\s:,;。!?“”「」\"]{2,30}?)\s*:\s*([A-Z][a-zA-Z'\-]+(?: [A-Z][a-zA-Z'\-]+){0,3}|[\u4e00-\u9fff·]{2,8})\s*$"
)
"""``西川基金首席投资官：Peter Brown`` alone on its line: a panel section whose answers follow (role, then name)."""
_BYLINE_ROLE = re.compile(r"记者|编辑|主编|通讯员|摄影|作者|来源|责编|校对|撰文|主持人|翻译|编译|口述|整理")
"""Byline and host roles: ``记者：王明`` names the writer, ``主持人：…`` the host; neither labels answers."""
_SENT_END = frozenset("。!?")
_POST_INDIRECT_CUES = frozenset("说 表示 称 指出 透露 介绍 认为 强调 补充 解释 坦言 说道".split())
_SPEECH_VERB = re.compile(r"总结|举例|解释|补充|回忆|感叹|调侃|打趣|笑|叹|强调|指出|透露|介绍|分析|报道|认为|表示|坦言|说|称"
                          r"|威胁|警告|安慰|抱怨|反驳|批评|回应|重申|辟谣|否认|质疑|呼吁|提醒")
"""Verbs that stand before 说/称 (总结说, 报道举例称, 威胁称): a phrase containing one is not a name."""
_AGE_OF = re.compile(r"(?:今年)?\d{1,3}岁的")
"""An age before a name (72岁的徐阿婆): the name follows it."""
_DATE_LEAD = re.compile(r"\s*(?:(?:\d{4}年)?\d{1,2}月)?\d{1,2}日(?:晚间|晚上|上午|下午|早间|凌晨|晚)?\s*")
"""A date before an unlisted name (7月3日东岭汇通发公告称): the name still opens its clause."""
_NOT_ORG = re.compile(r"^[他她我你这那该此其]|[很都才就也还又再曾便却并仍已正将要会能]|一直|突然|连忙|时候")
"""Pronouns and adverbs: a phrase with one is a clause, not a name."""
_TOPIC_SHIFT = re.compile(r",(?=[^,;:。!?“”「」\"]{2,12}?(?<![否规原法准细实总守])则(?!是)|至于"
                          r"|(?:这一|这番|此番|该)(?:迟来的|最新的)?(?:表态|说法|言论|讲话|表述|发言|回应)|这番话)")
"""``X称A，青禾书社则…`` / ``X说A，至于B，…``: a contrasted subject or a new topic is no longer X's content;
``X称A，这一表态…``: the statement itself talked about is the reporter's comment."""
_ORG_HEAD = re.compile(
    r"(?:评级|资讯|智库|咨询|科技|网络|软件|汽车|能源|电子|传媒|控股|资本|投资|地产|置业|航空|电信|通信|移动|联通|药业|医药|"
    r"物流|快递|财经|研究所|研究院|事务所|律所|工作室|俱乐部|联合会|促进会|国际|保险|人寿|财险)$"
)
"""Heads of organisation names that no suffix list holds (惠远评级, 易观智库): one mention suffices."""
_SIGN = re.compile(r"告示|标语|横幅|条幅|字样|牌子|招牌|海报|写着|印着|刻着|贴着|挂着|显示屏|屏幕上")
"""Signs and inscriptions before a colon: the quotation is their text, not anyone's speech."""
_ADJUNCT_CLAUSE = re.compile(
    r"(?:对于|对|针对|面对|关于|除了)[^,;:。!?“”「」]{1,30},\s*|说(?:这|此|这番|这句|这些)话(?:时|的时候)?,\s*"
    r"|(?:说起|谈起|提起|聊起|说到|谈到|提到)[^,;:。!?]{1,16},\s*"
)
_WHO_SAID = re.compile(r"\s*说(?:这|此|这番|这句|上面这番|上面这句)话的(?:是)?([^,;:。!?“”是]{2,16}?)(?:是|,|。)")
"""``说这话的大叔阿强是…``: the paragraph after a quotation names who said it."""
_VERB_START = frozenset(
    "停说笑点想接看走站坐拿摇叹沉顿转补又也还则随便就再先却已在对向把被将曾都很最一充感认透介坦直告解称谈讲问答喊叫哭听读写打"
    "给让使要会能这那如只"
)
"""Characters that open a verb or an adverb right after a subject (李明|停顿了一下, 李明|充满信心)."""
_MANNER_ANAPHOR = re.compile(r"(?:如是|这样|这么|那样)$")
_WORD_FIRST = frozenset("那这和于曾都从向与对在将把被为以及同")
"""Surname characters that open a window across words far more often than a name (那样, 和心理, 曾和): an
unlisted name opening with one is not taken from a clause front."""
_NOT_NAME_START = frozenset("一两几数每向于和但及从对把被将为以因由与在自那这都")
"""Numerals, prepositions and conjunctions that are also surnames: a clause opening with one is not opened by a name."""
_MEDIA_CUES = tuple(sorted(MEDIA_ONLY))
_KANA = re.compile(r"[\u3040-\u30ff]")
_VERB_WORDS = frozenset("希望 期望 盼望 期待 要求 决定 准备 打算 计划 继续 开始 同时 随后 然后 最后 目前 现在 今后 此外 另外 "
                        "温馨 友情 特别 郑重 再次 最新".split())
"""Words that stand alone before a cue without naming anyone (温馨提醒: the page's own friendly reminder)."""
_PREPOSITION = re.compile(r"[对向在于把被从给为]")
_ORG_LIKE = re.compile(r"(?:[A-Za-z][A-Za-z&.\-]{1,15})?[\u4e00-\u9fff]{2,8}|[A-Za-z][A-Za-z&.\-]{1,15}")
"""An unlisted name standing alone before a strong cue and its comma (惠誉评级, 标普, Analysys易观智库):
read as an organisation. No particle (的, 了, 在 …) may occur in it (the phrase rules reject those)."""
_ADJUNCT = re.compile(r"\s*(?:(?:针对|对于|关于|就|面对|在|当地时间|据悉)[^。!?]{0,40}?|[^,。!?]{0,12}?)?,?\s*")
"""What may stand between a 据X报道 frame and the attribution it relays: an adjunct clause or nothing."""
_STATES = frozenset("表示 称 说 指出 强调 透露 认为".split())
"""Statement verbs: after a 据X报道 frame, their zero subject is the clause subject the report names."""
_HYPOTHETICAL = re.compile(r"\s*(?:而|但|可|那么)?(?:如果|假如|假若|假使|倘若|倘使|要是|若是|若(?!干)|万一|除非|即使|即便|哪怕|就算|一旦|只要)")
"""A conditional or concessive conjunction opening the cue's clause: the speech is hypothetical."""
_MALE_NAME = re.compile(r"先生|大爷|大哥|爷爷|(?:父亲|爸爸|外公|姥爷|丈夫|老公|儿子|哥哥|弟弟)$")
_FEMALE_NAME = re.compile(r"女士|小姐|阿姨|大妈|大姐|奶奶|(?:母亲|妈妈|外婆|姥姥|妻子|老婆|女儿|姐姐|妹妹)$")
_PREDICATE_START = frozenset(_VERB_START | set("曾已是于和与跟有正深打也还在将又便就都则却一从常作"))
"""Characters that may open the predicate after a clause's subject phrase (a place to try its end)."""
_OBJECT_VERB = re.compile(
    r"(?:敦促|督促|要求|会见|会晤|接见|约见|邀请|呼吁|致电|致信|陪同|批评|指责|感谢|任命|拜访|采访|询问|劝说|提醒|委托|授权|聘请|"
    r"推荐|起诉|控告|状告|弹劾|罢免|质问|请求|请)"
)
"""Verbs whose object a title and name may be (敦促首相X, 会见院长Y): what follows them is no clause subject."""
_KIN_OF_PRONOUN = re.compile(
    r"(他|她|其)的?(母亲|父亲|妈妈|爸爸|奶奶|爷爷|外婆|外公|姥姥|姥爷|妻子|丈夫|老公|老婆|儿子|女儿|哥哥|姐姐|弟弟|妹妹|老伴|"
    r"未婚妻|未婚夫|女友|男友|家人|家属)"
)
"""``他的妻子`` / ``其丈夫``: a relative named through a pronoun; the speaker is written as the relative of the person
the pronoun resolves to (李强妻子), as the gold writes 小林母亲."""
_KIN_LAST = frozenset("亲妈爸奶爷婆公姥子夫儿哥姐弟妹伴妻友人属")
"""The last characters of the kinship words: a phrase ending otherwise is no relative (a cheap test first)."""
_KIN_OF_NAME = re.compile(_KIN_OF_PRONOUN.pattern.replace("(他|她|其)", "([\u4e00-\u9fff·]{2,8}?)", 1))
"""``李明的母亲`` / ``小林母亲``: a relative named through a person's name."""
_FEMALE_KIN = re.compile(r"母亲|妈妈|奶奶|外婆|姥姥|妻子|老婆|女儿|姐姐|妹妹|未婚妻|女友")
_MALE_KIN = re.compile(r"父亲|爸爸|爷爷|外公|姥爷|丈夫|老公|儿子|哥哥|弟弟|未婚夫|男友")
_OFFICE = re.compile(
    r"(?:副)?(?:局长|院长|校长|董事长|总经理|行长|市长|县长|省长|区长|镇长|村长|厅长|部长|处长|所长|馆长|社长|台长|厂长|会长|"
    r"主席|总裁|总监|书记|主任|首席执行官|CEO|总统|总理|首相)"
)
"""An office one person holds at a time: a bare 局长 after 局长刘明 is that person, while a bare 专家 or 医生 may be
anyone."""
_POSTPOSED_ROLE = re.compile(r"(?:医生|医师|老师|教师|教授|律师|博士|院士|护士|教练|法官|警官|研究员|工程师)$")
"""Roles written after a person's name (陈红医生, 周杰律师); 发言人 or 负责人 after a name is an organisation's."""
_UNIT_END = frozenset("科室部院所组处局厅站队")
_NUMERAL_CHARS = frozenset("第一二三四五六七八九十百千几次0123456789")
_ADJUNCT_OPEN = re.compile(r"对于|关于|针对|对|当|随着|在|从|为了|据|按照|根据|由于|因为|如果|虽然|尽管|和|跟|与|同|像|如同|正如|除了|比|被|把|让|给")
"""Prepositions and conjunctions opening a clause: what follows is an adjunct, not the clause's subject."""
_CONTRAST = re.compile(r"然而|但是|不过|可是|但|另外|此外|同时|与此同时")
_REPORTER_CLAUSE = re.compile(r",\s*(?=(?:截至|截止)(?:记者|本报)?发稿|记者(?:了解到|注意到|发现|查询|查阅|看到))")
"""``…，截至发稿，X未回复`` / ``…，记者注意到…``: the newsroom speaking again, no longer the source."""
_TIME_CLAUSE = re.compile(r"[^,;:。!?“”]{1,7}?(?:后|时|前|之际|期间|之后|以后)")
"""``“Q。”昨天收盘后，X感慨…``: a short time clause between a quotation and its speaker."""
_TITLED_OUTLET = re.compile(r"《([^《》]{1,12}(?:日报|晚报|早报|时报|商报|报|周刊|杂志|新闻))》")
"""A newspaper or magazine written as a title (《世界报》): an outlet a later 报道称 may refer to."""
_AFTER_NAME = frozenset("曾在是也还已于将又便就都患")
"""Words that follow a name (西尔斯|曾…), though some are also transliteration syllables."""
_NAMING_VERB = re.compile(r"(?:叫做|叫作|称为|称作|称之为|名为|定义为|概括为|总结为|形容为|比作|视为|叫)$")
_ADVERB_OPEN = frozenset("都也还就又便才却")
"""Adverbs that open a clause whose subject is the previous clause's (…，都大声叫好：)."""
_CONJ_END = re.compile(r"(?:但|而|且|并|但是|而且|不过)$")
_HABITUAL = re.compile(r"(?:都会|总会|总是|往往|常常|每每|动辄|每次都|应该|应当|理应|必须|不妨|可以)$")
"""A habit or a duty before the cue (部门每年都会说…, 投资者应该质疑…): what someone would or should say, not a
report of what was said."""
_SUBJECT_END = re.compile(
    r"一边|边|正在|一面|首先|首次|再次|依旧|仍然|已经|目前|则|却|也|还|曾|均|都|随即|当即|随后|接着|对此|对|向|在|于|与|跟|就"
    r"|昨日|今日|昨天|今天|当天|日前|近日|倒")
"""Where a clause's subject phrase ends (an adverb after it): 超市店员则不以为然，表示…"""
_HEARD_OR_READ = re.compile(r"问|听|信|写|读|念|喊|叫|日记|纸条|字条|朋友圈|微博|留言|短信|微信|遗言|对[^,。]{1,6}说")
"""A sentence where someone hears, asks or reads: a first-person quotation after it may be someone else's words."""
_ORG_ACT = re.compile(r"召开|举行|举办|发布|发表|公布|整理|开展|印发|下发|出台|欢迎"
                      r"|将|把|提起|起诉|作出|做出|递交|提交|致函|发函|诉至|告至|上诉")
"""An institution's act after its name (东岭银行召开会议，表示…): the name is the clause subject, when it is an
organisation's (a person before 发布 is found as a name; 继…公开发布 is a frame, not a subject). Legal and
formal acts count too (东岭公司将某集团起诉至法院，指控…; 东岭集团提起反诉，称…): the act's subject goes on to speak."""


class _BlockLike(Protocol):
    """Anything with ``type`` and ``text`` (``newscrawler.items.Block``), read only."""

    @property
    def type(self) -> str: ...

    @property
    def text(self) -> str: ...


def _blocks(blocks: Sequence[tuple[str, str]] | Sequence[_BlockLike]) -> Iterable[tuple[str, str]]:
    for b in blocks:
        if isinstance(b, tuple):
            yield str(b[0]), str(b[1])
        else:
            yield str(b.type), str(b.text)


def _fragments(t: Text, a: int, b: int) -> list[tuple[int, int]]:
    """Quoted fragments (speaker's own words) inside content ``[a, b)``; scare quotes and terms left out."""
    out: list[tuple[int, int]] = []
    f = t.f
    for qa, qb in t.quotes_within(a, b):
        if qb >= b:
            continue
        inner = f[qa + 1 : qb]
        short = len(inner) <= 8 and not PUNCT_IN_QUOTE.search(inner)
        prev = f[qa - 1] if qa > 0 else ""
        nxt = f[qb + 1] if qb + 1 < len(f) else ""
        if short and (prev in "的为作是叫名谓当称把列入" or nxt in "的之等" or (len(inner) <= 4 and HAN.match(nxt or " "))):
            continue
        out.append((qa, qb))
    return out


def _may_end_in_name(p: str) -> bool:
    """Does a name end ``p``: two to five characters that ``is_surname_name`` reads as one, or a dotted name?

    ``subject_name`` takes a prefix's parse only when it is a person whose name ends the prefix and is such a
    name, so a prefix that fails this test is not parsed (a parse costs some fifty pattern tests)."""
    return "·" in p or any(is_surname_name(p[-k:]) for k in range(2, 6))


def _introduced_name(np: NP) -> bool:
    """A person's name introduced by what stands before it in the phrase (a title, 英国某大学的): not a bare
    window that only looks like a name (修改公), nor the reporter (记者第一次), nor a time (第一次)."""
    if np.kind != "person" or not np.name or np.name in PRONOUNS or len(np.text) <= len(np.name):
        return False
    if not (is_name(np.name, titled=False) or (bool(np.titles) and len(np.name) >= 3
                                                and is_name(np.name, titled=True) and not NAME_STOP.intersection(np.name))):
        return False  # (titled transliterations with no listed surname: 投资人奥斯特维克)
    last_title = np.titles[-1] if np.titles else ""
    return not (_ASKER.search(np.name) or len(last_title) == 1 or (_ASKER.search(last_title) and not np.affiliation)
                or _NUMERAL_CHARS.intersection(np.name))


def _personal(r: Quote) -> bool:
    """A record whose speaker a 他/她 may stand for: a person, or a three-character name read as an organisation
    only for want of a listed surname (习近平说…)."""
    sp = r.speaker or ""
    return r.speaker_type == "person" or (r.speaker_type == "organization" and len(sp) == 3
                                          and HAN_ONLY.fullmatch(sp) is not None and not ORG_SUFFIX.search(sp)
                                          and not _ORG_HEAD.search(sp))


_ONE_SOURCE = re.compile(r"^(?:一位|一名|某位|某名|上述|前述|该)|(?:一位|一名)|某(?![些种类])")
_MANY = re.compile(r"们|等|多位|多名|部分|不少|一些|众多|各|多数|许多|很多|大批|一批|诸多")


def _one_source(r: Quote) -> bool:
    """An anonymous source that is one person (一位…专家, 上述…人士): a 他/她 may stand for them."""
    sp = r.speaker_mention or r.speaker or ""
    return r.speaker_type == "anonymous" and not r.coref and bool(_ONE_SOURCE.search(sp)) and not _MANY.search(sp)


_PEOPLE_OF = re.compile(r"(?<!负责|发言|代理|当事|经纪|代言|知情|举报|目击|见证|创始|合伙|介绍|联系|候选|主持|报案|受害|"
                        r"嫌疑|监护|委托)人$")
"""蒙古人, 年轻人, 美国人: a people or a kind of person, a group (人士, 负责人, 发言人, 知情人, 举报人 are one
source: a role one person has in the story)."""


def _lone_source(r: Quote, block: int) -> bool:
    """An unnamed source quoted in paragraph ``block`` itself, with no mark of a group (业内人士认为…。他说…): the
    nearest speaker a singular 他/她 of the same paragraph stands for."""
    sp = r.speaker_mention or r.speaker or ""
    return r.speaker_type == "anonymous" and r.block_index == block and not r.coref and not _MANY.search(sp) \
        and not _PEOPLE_OF.search(sp)


def _bare(name: str) -> str:
    """``name`` without a leading numeral and classifier (一位专家 → 专家), unless only one character is left (两人)."""
    b = NUMCLS.sub("", name)
    return b if len(b) > 1 else name


def _looks_spoken(inner: str) -> bool:
    """A quotation that reads as words said: punctuation inside or longer than a label."""
    return bool(PUNCT_IN_QUOTE.search(inner)) or len(inner) > 8


def _near(recs: list[Quote], pos: int, k: int = 4) -> list[Quote]:
    """The last ``k`` records (sorted by start) that start before ``pos``: those that can reach it.

    Records of one block barely overlap, so a few suffice; this keeps the pass linear on a giant block."""
    i = bisect_left(recs, pos, key=lambda r: r.start)
    return recs[max(0, i - k):i]


def _post_posed(t: Text, q: tuple[int, int], comma: bool, closes: bool = False) -> bool:
    """Can quotation ``q`` be the post-posed quote of the speaker clause after it?

    Not when a colon introduced it (``X表示：“Q”`` belongs to X), and, with no comma between the
    closing mark and the speaker, only when the quotation ends like a sentence (``“Q。”X说``):
    ``“2030城市宜居指数”报告指出`` is a name, not a quote.
    """
    f = t.f
    inner = f[q[0] + 1:q[1]]
    if not _looks_spoken(inner) and not (comma and closes and len(HAN.findall(inner)) >= 4):
        return False  # (“这是我们的责任”，李明表示。: a short quotation whose speaker clause ends the sentence)
    k = q[0] - 1
    while k >= 0 and f[k] == " ":
        k -= 1
    if k >= 0 and f[k] == ":":
        return False
    return comma or (bool(inner) and inner[-1] in "。!?,…;~")


@dataclass(slots=True)
class _Who:
    """A resolved speaker and the attribution's side fields."""

    speaker: str | None
    mention: str | None
    type: str
    titles: list[str] = field(default_factory=list)
    affiliation: str | None = None
    inherited: bool = False
    coref: bool = False
    start: int | None = None
    end: int | None = None
    relayed_by: str | None = None
    addressee: str | None = None
    outlet: str | None = None


_WORDS = re.compile(r"[A-Za-z0-9]+")
_WORD_OR_HAN = re.compile(HAN.pattern + "|" + _WORDS.pattern)
"""A Han character or an ASCII word: the units ``content_ok`` counts (the two classes never overlap)."""


class _Engine:
    def __init__(self, texts: list[Text]) -> None:
        self.texts = texts
        self.reg = Registry()
        self.out: list[Quote] = []
        self.block_trigs: list[Trig] = []
        """The triggers kept in the block being emitted."""
        self.fallback_done = False
        self.repeated_done = False
        """``scan_fallback_names`` has run (it runs once, on the first pronoun nobody answers)."""
        self.colon_end: dict[int, Quote] = {}
        """Blocks that end with ``X认为：``: the speaker whose words fill the next paragraph."""

    # -- subject phrase for a plain cue
    def subject(self, t: Text, tr: Trig, floor: int) -> None:
        """Set the speaker phrase of a plain cue: its clause, minus framing, adverbs, places and addressees."""
        f = t.f
        cs = t.clause_start(tr.cue_s, floor)
        tr.region_s = cs
        cs = existential(f, cs, tr.cue_s)  # 门诊中就有一名家长说: what 有 introduces speaks
        e = strip_tail(f, cs, tr.cue_s, tr)
        s = strip_lead(f, cs, e)
        while e > s and f[e - 1] == " ":
            e -= 1  # Flora 说: the space before the cue is no part of the name
        tr.np_s, tr.np_e = s, max(s, e)

    def run(self) -> list[Quote]:
        """Find triggers, register speakers and names, index mentions, then emit block by block."""
        texts = self.texts
        qa_mode = any(_is_question(t.f) for t in texts if t.kind != "h")
        all_trigs: list[tuple[Text, list[Trig]]] = []
        for t in texts:
            if t.kind == "h" or (qa_mode and (_is_question(t.f) or _QA_LABEL.match(_lv(t.f)))):
                all_trigs.append((t, []))
                continue
            trigs = find_triggers(t)
            floor_by_sentence: dict[int, int] = {}
            for tr in trigs:
                if tr.pattern == "plain":
                    ss = t.sentence_start(tr.cue_s)
                    floor = max(floor_by_sentence.get(ss, 0), 0)
                    self.subject(t, tr, floor)
                if tr.pattern in ("plain", "ju", "relay", "kanlai"):
                    ss = t.sentence_start(tr.cue_s)
                    floor_by_sentence[ss] = max(floor_by_sentence.get(ss, 0), tr.content_s if tr.delim else tr.cue_e)
            all_trigs.append((t, trigs))
        # register speakers from phrases, then titled names and documents anywhere
        for t, trigs in all_trigs:
            for tr in trigs:
                if tr.np_e > tr.np_s and not tr.speakerless:
                    self.register(t, tr.np_s, tr.np_e)
        scan_names(texts, self.reg)
        for t in texts:  # 西班牙《世界报》网站…发表…报道。报道称: an outlet named in a title, though it speaks no cue
            for tm in (_TITLED_OUTLET.finditer(t.f) if "《" in t.f else ()):
                if tm.group(1) not in self.reg.by_key:
                    self.reg.add(tm.group(1), t.raw[tm.start(1):tm.end(1)], "media")
        if any("他" in t.f or "她" in t.f for t in texts):  # pronouns ahead: the weakest antecedents now, so a
            scan_fallback_names(texts, self.reg)          # main character opening sentences outranks an older name
            self.fallback_done = True
        qa_people: list[Entity] = []
        if qa_mode:
            for t in texts:
                if t.kind == "h" or _is_question(t.f):
                    continue
                m = _QA_LABEL.match(_lv(t.f))
                if m and is_name(_answer_label(m.group(1)), titled=False):
                    name = _answer_label(m.group(1))
                    qa_people.append(self.reg.add(name, t.raw[m.start(1):m.start(1) + len(name)], "person"))
        answers = {} if qa_mode else self.speaker_labels(texts)
        index_mentions(texts, self.reg)
        interviewee = self.interviewee(texts) if qa_mode else None
        answering: Quote | None = None
        """In a transcript, the answer turn still open: its paragraphs run to the next question or heading."""
        for t, trigs in all_trigs:
            if qa_mode and (t.kind == "h" or _is_question(t.f)):
                answering = None
            if qa_mode and t.kind != "h" and not _is_question(t.f):
                m = _QA_LABEL.match(_lv(t.f))
                if m:
                    n_out = len(self.out)
                    self.qa_answer(t, m, interviewee)
                    answering = self.out[-1] if len(self.out) > n_out else None
                    continue
                if answering is not None and t.f.strip() and not any(
                        tr.np_e > tr.np_s and t.f[tr.np_s] != "我" for tr in trigs):
                    self.answer_goes_on(t, answering)  # (她说，… names a third person: narration after the turns)
                    continue
            if t.index in answers:
                self.labelled_answer(t, *answers[t.index])
                continue
            self.block(t, trigs)
        self.continuations(texts)
        return self.finish()

    def speaker_labels(self, texts: list[Text]) -> dict[int, tuple[Entity, int, int, int]]:
        """Blocks spoken under a speaker label: ``block -> (person, label start, label end, content start)``.

        A label alone on its line (``林秀英（…主任）：``) gives every following paragraph, up to the
        next label or heading, to that person; a label with a parenthesis before an answer on the
        same line (``赵小川（15岁）：…``) gives the rest of the line.
        """
        out: dict[int, tuple[Entity, int, int, int]] = {}
        current: tuple[Entity, int, int] | None = None
        panel = False  # the run opened by a panel's label line: its question lines are skipped, not answers
        for t in texts:
            has_colon = ":" in t.f  # (every label ends in one: the patterns below run only then)
            rn = _ROLE_NAME_LINE.match(t.f) if has_colon else None  # (a panel's label line may be set as a subheading)
            if rn is not None and is_name(rn.group(2), titled=True) \
                    and (TITLE_RE.search(rn.group(1)) or rn.group(1)[-1] in "官长员师") \
                    and not _BYLINE_ROLE.search(rn.group(1)) and not CUE_RE.search(rn.group(1)) \
                    and self.question_follows(texts, t.index):
                titles, affiliation = split_title(rn.group(1))  # 西川基金首席投资官：Peter Brown, then the answers
                ent = self.reg.add(rn.group(2), t.raw[rn.start(2):rn.end(2)], "person", titles, affiliation)
                current, panel = (ent, rn.start(2), rn.end(2)), True
                continue
            if t.kind == "h":
                current = None
                continue
            if current is not None and panel and (t.f.rstrip().endswith("?") or t.f.strip().isdigit()):
                continue  # the panel's question (or a section number) between the answers: no answer, the run goes on
            lv = _lv(t.f)
            m = _SPEAKER_LABEL.match(lv) if has_colon or ":" in lv else None
            rest = len(t.f.rstrip()) - (m.end() if m else 0)
            role = parse_np(m.group(1)) if m and not is_name(m.group(1), titled=False) else None
            if m is None or (role is not None and not (role.kind == "person" and role.titles and role.name
                                                       and not CUE_RE.search(m.group(1)))):
                role = None  # 市民王先生：…: a role and a name label the answer after them (李明表示： is a cue)
            if m and (role is not None or is_name(m.group(1), titled=False)) \
                    and (rest <= 0 or m.group(2) is not None or role is not None):
                if role is not None:
                    i = t.f.find(role.name, m.start(1), m.end(1))
                    ent = self.reg.add(role.name, t.raw[i:i + len(role.name)], "person", role.titles, role.affiliation)
                else:
                    ent = self.reg.add(m.group(1), t.raw[m.start(1):m.end(1)], "person")
                if rest <= 0:
                    current, panel = (ent, m.start(1), m.end(1)), False
                    continue
                out[t.index] = (ent, m.start(1), m.end(1), m.end())
                current = None
                continue
            line = t.f.strip()
            if current is not None and line and len(line) <= 20 and (line[0] in OPENERS or line[-1] in CLOSERS):
                current = None  # a pulled quote or quoted subheading ends the labelled run
            if current is not None and line:
                out[t.index] = (current[0], -1, -1, 0)
        return out

    def question_follows(self, texts: list[Text], i: int) -> bool:
        """The next non-empty paragraph after block ``i`` is a question (a panel's label, then its questions)."""
        for t in texts[i + 1:i + 4]:
            if t.f.strip():
                return t.kind != "h" and t.f.rstrip().endswith("?")
        return False

    def labelled_answer(self, t: Text, ent: Entity, ls: int, le: int, s: int) -> None:
        """The block (from ``s``) as a direct quote of the labelled speaker."""
        while s < len(t.raw) and t.raw[s].isspace():
            s += 1
        e = len(t.raw.rstrip())
        q = t.quote_at_open(s)
        if q is not None and q[1] >= e - 2:  # 陳美玲：「…」: the words between the marks
            s, e = s + 1, q[1]
        if e - s < 2:
            return
        self.out.append(Quote(
            speaker=ent.name, speaker_mention=t.raw[ls:le] if ls >= 0 else None, speaker_type="person",
            quote_text=t.raw[s:e], quote_type="direct", block_index=t.index, start=s, end=e,
            speaker_title=list(ent.titles), speaker_affiliation=ent.affiliation, title_inherited=bool(ent.titles),
            attribution_position="none" if ls < 0 else "pre", coref=ls < 0,
            speaker_start=ls if ls >= 0 else None, speaker_end=le if ls >= 0 else None,
        ))

    def continuations(self, texts: list[Text]) -> None:
        """Quotations no cue claimed, whose speaker is evident from the context (``cue`` None).

        A spoken quotation (punctuation inside, or longer than a label) that is a whole paragraph
        continues the attribution that ended the previous paragraph (a long quote over several
        paragraphs, each reopening with “); one that is a whole sentence continues the block's last
        attribution before it; one introduced by a colon (``周海平记忆深刻：“…”``) belongs to the
        person its sentence names first, or to a clause-initial pronoun's antecedent.
        """
        by_block: dict[int, list[Quote]] = {}
        for q in self.out:
            by_block.setdefault(q.block_index, []).append(q)
        prev: Text | None = None
        added: list[Quote] = []
        for t in texts:
            if t.kind == "h":
                prev = None
                continue
            if not t.f.strip():
                continue
            recs = sorted(by_block.get(t.index, []), key=lambda r: (r.start, r.end))
            intro = self.colon_end.get(prev.index) if prev is not None else None
            if intro is not None and not recs:  # 李志起认为：¶ his words fill this paragraph
                s, e = len(t.raw) - len(t.raw.lstrip()), len(t.raw.rstrip())
                oq = t.quote_at_open(s)
                direct = oq is not None and oq[1] >= e - 1
                a, b = (s + 1, oq[1]) if direct and oq is not None else (s, e)
                rec = Quote(
                    speaker=intro.speaker, speaker_mention=None, speaker_type=intro.speaker_type,
                    quote_text=t.raw[a:b], quote_type="direct" if direct else "indirect", block_index=t.index,
                    start=a, end=b, cue=intro.cue, speaker_title=list(intro.speaker_title),
                    speaker_affiliation=intro.speaker_affiliation, title_inherited=bool(intro.speaker_title),
                    attribution_position="pre", coref=True,
                )
                recs.append(rec)
                added.append(rec)
                by_block[t.index] = recs
                prev = t
                continue
            tail = self.closing_tail(t, prev, by_block) if prev is not None and not recs else None
            if tail is not None:  # …表示：“Q1。¶ Q2。”: the quotation left open closes in this paragraph
                recs.append(tail)
                added.append(tail)
            for qa, qb in t.quotes:
                qb_end = len(t.raw.rstrip()) if qb >= len(t.f) else qb
                inner = t.f[qa + 1:qb_end]
                if len(inner.strip()) < 4 or not (_looks_spoken(inner) or self.said_after_comma(t, qa, qb_end, inner)):
                    continue
                if qb >= len(t.f) and t.f.rstrip()[-1:] in ",;、":
                    continue  # an unclosed quotation cut at a comma: a wrapped line of layout, not a paragraph
                if (qb < len(t.f) and t.f[qb] in OPENERS) or (qb >= len(t.f) and qa != len(t.f) - len(t.f.lstrip())
                                                               and t.f[qa - 1:qa] != ":"):
                    continue  # “…“ or a mid-paragraph mark never closed: a typo'd pair whose extent cannot be trusted
                if any(r.start - 1 <= qa < r.end + 1 or qa <= r.start < qb_end for r in _near(recs, qb_end)):
                    continue
                whole = qa == len(t.f) - len(t.f.lstrip()) and qb_end >= len(t.f.rstrip()) - 1
                if whole and self.pulled(inner.strip(" 。!?…"), t.index):
                    continue  # a pulled quote: a paragraph that repeats words quoted elsewhere in the article
                if whole and len(inner.strip()) <= 20 and inner.rstrip()[-1:] not in "。!?…" and t.index > 0:
                    continue  # “小树不怕风，我也不怕风”: a quoted subheading (no sentence end), layout
                src = self.continued(t, qa, qb_end, recs, prev, by_block)
                if src is None:
                    continue
                q = Quote(
                    speaker=src.speaker, speaker_mention=None, speaker_type=src.speaker_type,
                    quote_text=t.raw[qa + 1:qb_end], quote_type="direct", block_index=t.index, start=qa + 1,
                    end=qb_end, speaker_title=list(src.speaker_title), speaker_affiliation=src.speaker_affiliation,
                    title_inherited=bool(src.speaker_title), attribution_position="none", coref=True,
                )
                insort(recs, q, key=lambda r: (r.start, r.end))
                added.append(q)
            by_block[t.index] = recs
            prev = t
        self.out.extend(added)

    def said_after_comma(self, t: Text, qa: int, qb: int, inner: str) -> bool:
        """A short quotation (5 to 8 characters, no punctuation) that ends its sentence right after a comma and a
        clause opened by a person (王芳笑了，“这倒是个好主意”): words said, not a scare-quoted term."""
        f = t.f
        if len(HAN.findall(inner)) < 5 or qa < 2 or f[qa - 1] != "," or (qb + 1 < len(f) and f[qb + 1] not in _SENT_END):
            return False
        s1 = strip_lead(f, t.clause_start(qa - 1, t.sentence_start(qa - 1)), qa - 1)
        if "把" in f[s1:qa - 1] or _NAMING_VERB.search(f, s1, qa - 1):
            return False  # 王明把这叫做，“城市病”: a name given, not words said
        return any(ent.kind == "person" and not POSSESSED_PERSON.match(f, s1 + len(ent.key))
                   for ent in self.reg.at.get((t.index, s1), ()))

    def closing_tail(self, t: Text, prev: Text, by_block: dict[int, list[Quote]]) -> Quote | None:
        """A paragraph that closes, with no opener of its own, the direct quotation the previous paragraph left open."""
        f = t.f
        pe = len(prev.raw.rstrip())
        last = max(by_block.get(prev.index, []), key=lambda r: r.end, default=None)
        if last is None or last.quote_type != "direct" or last.end < pe or not last.speaker \
                or prev.f[pe - 1:pe] not in "。!?…":
            return None  # a paragraph of a long quotation ends like a sentence (a line cut at a comma is layout)
        s = len(f) - len(f.lstrip())
        close = next((i for i, c in enumerate(f) if c in CLOSERS or c in OPENERS), -1)
        if close <= s + 1 or f[close] not in CLOSERS:
            return None
        return Quote(
            speaker=last.speaker, speaker_mention=None, speaker_type=last.speaker_type, quote_text=t.raw[s:close],
            quote_type="direct", block_index=t.index, start=s, end=close, speaker_title=list(last.speaker_title),
            speaker_affiliation=last.speaker_affiliation, title_inherited=bool(last.speaker_title),
            attribution_position="none", coref=True,
        )

    def resolve_person(self, block: int, pos: int, gender: str) -> Entity | None:
        """The person a 他/她 at (block, pos) refers to; the weakest antecedents are scanned for only on a miss.

        People named inside someone's reported words (``李明说，小林很懂事。他还说…``) are passed over
        first: the narrative's own mentions and speakers come before them.
        """
        spans: dict[int, list[tuple[int, int]]] = {}
        for r in self.out[-24:]:
            if block - 4 <= r.block_index <= block and r.quote_type != "direct":
                spans.setdefault(r.block_index, []).append((r.start, r.end))
        if spans:
            def inside(b: int, o: int) -> bool:
                sp = spans.get(b)
                return sp is not None and any(rs <= o < re_ for rs, re_ in sp)

            ent = resolve(self.reg, block, pos, "person", gender=gender, skip=inside)
            if ent is not None:
                return self.later_speaker(ent, block, pos, gender)
        ent = resolve(self.reg, block, pos, "person", gender=gender)
        if ent is not None:
            return self.later_speaker(ent, block, pos, gender)
        if ent is None and self.fallback():
            ent = resolve(self.reg, block, pos, "person", gender=gender)
        if ent is None and not self.repeated_done:
            self.repeated_done = True  # the last resort, once: names the article repeats, wherever they stand
            if scan_repeated_names(self.texts, self.reg):
                index_mentions(self.texts, self.reg)
                ent = resolve(self.reg, block, pos, "person", gender=gender)
        if ent is None:  # 东岭证券王建国指出，…。¶同时，他认为…: the last person quoted, when no name is listed
            last = next((r for r in reversed(self.out) if r.speaker and (_personal(r) or _one_source(r)
                                                                     or _lone_source(r, block))
                         and (r.block_index, r.start) < (block, pos)), None)  # (另一名员工也表示…。他说)
            if last is not None and block - last.block_index <= 1 and last.speaker is not None \
                    and not (gender == "f" and _MALE_NAME.search(last.speaker)) \
                    and not (gender == "m" and _FEMALE_NAME.search(last.speaker)):
                ent = Entity(last.speaker, fold(last.speaker), "person", list(last.speaker_title),
                             last.speaker_affiliation)
        return ent

    def nearer_subject(self, t: Text, pos: int, ent: Entity | None, gender: str) -> _Who | None:
        """A person opening a clause between ``ent``'s last mention and the pronoun at ``pos`` (this sentence or
        the one before; the previous paragraph's last sentence when the pronoun opens its paragraph), or None.

        ``李明说，…。另一位投资人王华也在增持…。他表示…``: 王华, whom no list names, is the subject just
        before the pronoun, so he is its antecedent, not the older 李明 (nor anyone when nothing resolved)."""
        ss = t.sentence_start(pos)
        windows = [(t, pos, t.sentence_start(ss - 1) if ss > 0 else 0)]
        if ss == 0 and t.index > 0:
            k = t.index - 1
            while k > 0 and not self.texts[k].f.strip():
                k -= 1
            prev = self.texts[k]
            end = len(prev.f.rstrip())
            if prev.kind != "h" and end > 0:
                windows.append((prev, end, prev.sentence_start(end - 1)))
        for w, wpos, lo in windows:
            bound = -1
            """The antecedent's last mention or the last speaker's mention in this paragraph: no clause at or
            before it is looked at (the antecedent is then as near as any subject)."""
            if ent is not None:
                mentions = self.reg.mentions
                hi = bisect_left(self.reg.positions, (w.index, wpos))
                for k in range(hi - 1, max(-1, hi - 65), -1):  # (the antecedent is mostly the nearest mention)
                    b, o, e, _ = mentions[k]
                    if b != w.index:
                        break
                    if e is ent:
                        bound = o
                        break
            for r in self.out[-8:]:
                at = r.speaker_start if r.speaker_start is not None else r.cue_start
                if r.block_index == w.index and at is not None and at < wpos and r.speaker_type in ("person", "anonymous"):
                    bound = max(bound, at)  # someone quoted there spoke last: later_speaker decides
            seg = w.f[max(lo, bound + 1):wpos]
            if "的" not in seg and "·" not in seg and not TITLE_RE.search(seg) and not _KIN_OF_PRONOUN.search(seg):
                continue  # no title, no 的-phrase, no relative: no unlisted person can open a clause there
            cs = w.clause_start(wpos, lo) if w is t else wpos
            tried = 0
            while cs > lo and tried < 4:
                cs = w.clause_start(cs - 1, lo)
                tried += 1
                if cs <= bound:
                    return None
                who = self.clause_person(w, cs, gender)
                if who is not None:
                    if ent is not None and (who.speaker == ent.name or fold(who.speaker or "") in (ent.key, *ent.aliases)):
                        return None
                    return who
        return None

    def clause_person(self, t: Text, cs: int, gender: str) -> _Who | None:
        """The person named (after a title or a 的-phrase) by the phrase that opens the clause at ``cs`` and is
        followed by a predicate; None otherwise."""
        f = t.f
        s = strip_lead(f, cs, min(len(f), cs + 40))
        if s >= len(f) or t.inq[s] or f[s] in OPENERS or _ADJUNCT_OPEN.match(f, s):
            return None  # (和X一样，: an adjunct, no subject)
        if any(r.block_index == t.index and r.start <= s < r.end for r in self.out[-8:]):
            return None  # inside someone's reported words
        kin = _KIN_OF_PRONOUN.match(f, s)
        if kin is not None and f[kin.end():kin.end() + 1] in _PREDICATE_START | {"今"}:
            kg = "f" if _FEMALE_KIN.search(kin.group(2)) else "m" if _MALE_KIN.search(kin.group(2)) else ""
            if not kg or (gender and gender != kg):
                return None  # 他的女儿…。他说: the daughter is no 他
            owner = self.resolve_person(t.index, s, PRONOUNS.get(kin.group(1), ""))
            return _Who(owner.name + kin.group(2), None, "person", coref=True) if owner is not None else None
        if f[s] in "他她其我你":
            return None  # 他表示…: a pronoun opens the clause, no new person
        tries = 0
        for e in range(s + 2, min(len(f), s + 40)):
            ch = f[e]
            if ch in CLAUSE_DELIM or ch in OPENERS or ch in CLOSERS:
                return None
            if ch not in _PREDICATE_START or not (is_surname_name(f[e - 3:e]) or is_surname_name(f[e - 2:e])
                                                   or "·" in f[s:e] or all(c in NAME_CHARS for c in f[e - 3:e])):
                continue  # (cheap: only where a name may end is the phrase parsed)
            tries += 1
            if tries > 8:
                return None
            np = parse_np(f[s:e])
            if not _introduced_name(np):
                continue
            if (gender == "f" and _MALE_NAME.search(np.name)) or (gender == "m" and _FEMALE_NAME.search(np.name)):
                return None
            i = f.find(np.name, s, e)
            raw = t.raw[i:i + len(np.name)] if i >= 0 else np.name
            known = self.reg.person(fold(raw))
            if known is not None:
                return _Who(known.name, None, "person", list(known.titles), known.affiliation, bool(known.titles), True)
            return _Who(raw, None, "person", list(np.titles), np.affiliation, bool(np.titles), True)
        return None

    def latter_former(self, block: int, pos: int, which: str) -> Entity | None:
        """后者 / 前者: the later or the earlier of the last two people named before ``pos`` (this block or the one
        before), subjects or not."""
        hi = bisect_left(self.reg.positions, (block, pos))
        people: list[Entity] = []
        for b, _, ent, _ in reversed(self.reg.mentions[max(0, hi - 16):hi]):
            if block - b > 1:
                break
            if ent.kind == "person" and all(ent is not p for p in people):
                people.append(ent)
            if len(people) == 2:
                break
        if len(people) < 2:
            return None
        return people[0] if which == "后者" else people[1]

    def later_speaker(self, ent: Entity, block: int, pos: int, gender: str) -> Entity:
        """``ent``, unless someone quoted after its last mention (and before the pronoun) is nearer.

        ``郭女士称，…。收藏家王先生强调，…。他说，…``: 王先生 was found as a zero subject and is no
        listed name, but he spoke last; the most recent speaker outranks an older mention."""
        last = next((r for r in reversed(self.out) if r.speaker and (r.speaker_type == "person" or _one_source(r)
                                                                     or _lone_source(r, block))
                     and (r.block_index, r.start) < (block, pos)), None)
        if last is not None and last.speaker_type != "person" and last.speaker is not None:
            if block - last.block_index > 1 or not self.spoke_after(ent, last, block, pos):
                return ent
            return Entity(last.speaker, fold(last.speaker), "anonymous")  # 上述人士介绍，…。他认为…: that source
        if gender == "f" and last is not None and last.speaker is not None and _FEMALE_NAME.search(ent.name) \
                and not _FEMALE_NAME.search(last.speaker):
            return ent  # 她 for the woman the text marks (赵女士), not a later speaker it does not mark
        if last is None or last.speaker is None or block - last.block_index > 1 or last.speaker == ent.name \
                or fold(last.speaker) in (ent.key, *ent.aliases) \
                or (gender == "f" and _MALE_NAME.search(last.speaker)) or (gender == "m" and _FEMALE_NAME.search(last.speaker)):
            return ent
        hi = bisect_left(self.reg.positions, (block, pos))
        seen = next(((b, o) for b, o, e, _ in reversed(self.reg.mentions[max(0, hi - 64):hi]) if e is ent), None)
        cue_at = (last.block_index, last.cue_start if last.cue_start is not None else last.start)
        if seen is None or cue_at <= seen:
            return ent
        return self.reg.person(fold(last.speaker)) or Entity(last.speaker, fold(last.speaker), "person",
                                                             list(last.speaker_title), last.speaker_affiliation)

    def spoke_after(self, ent: Entity, last: Quote, block: int, pos: int) -> bool:
        """Was ``last`` attributed after ``ent`` was last mentioned before (block, pos)?"""
        hi = bisect_left(self.reg.positions, (block, pos))
        seen = next(((b, o) for b, o, e, _ in reversed(self.reg.mentions[max(0, hi - 64):hi]) if e is ent), None)
        cue_at = (last.block_index, last.cue_start if last.cue_start is not None else last.start)
        return seen is not None and cue_at > seen

    def surname_before(self, name: str) -> bool:
        """Is ``name`` written somewhere right after a surname character (梁|思浩)?"""
        for o in self.texts:
            i = o.f.find(name, 1)
            while i > 0:
                if o.f[i - 1] in SURNAMES_1:
                    return True
                i = o.f.find(name, i + 1)
        return False

    def fallback(self) -> bool:
        """Register the weakest antecedents once (``scan_fallback_names``); True if that added any."""
        if self.fallback_done:
            return False
        self.fallback_done = True
        n = len(self.reg.by_key)
        scan_fallback_names(self.texts, self.reg)
        if len(self.reg.by_key) == n:
            return False
        index_mentions(self.texts, self.reg)
        return True

    def given_name(self, name: str) -> Entity | None:
        """The person whose given name ``name`` is (晓峰 for 陈晓峰, as Hong Kong and Taiwan papers write it)."""
        if len(name) != 2 or HAN_ONLY.fullmatch(name) is None:
            return None
        found = [e for e in self.reg.by_key.values() if e.kind == "person" and len(e.key) == 3 and e.key[1:] == name]
        if not found and self.surname_before(name) and self.fallback():
            found = [e for e in self.reg.by_key.values() if e.kind == "person" and len(e.key) == 3 and e.key[1:] == name]
        return found[0] if len(found) == 1 else None

    def dotted_name(self, name: str) -> str | None:
        """The full transliterated name (茉莉·西尔斯) whose first part ``name`` is, if the article writes one."""
        if not 2 <= len(name) <= 4 or HAN_ONLY.fullmatch(name) is None:
            return None
        for o in self.texts:
            i = o.f.find(name + "·")
            if i >= 0:
                j = i + len(name)
                while j < len(o.f) and (o.f[j] == "·" or (o.f[j] in NAME_CHARS and o.f[j] not in _AFTER_NAME)) \
                        and j - i < 16:
                    j += 1  # 西尔斯|患有: the part goes on while it reads as a transliteration
                if j > i + len(name) + 1:
                    return o.raw[i:j]
        return None

    def named_again(self, name: str) -> bool:
        """Does ``name`` occur twice in the article? An unlisted organisation is named more than once
        (惠誉评级 … 惠誉评级表示); a verb or adverb read as a subject (转身说, 一字一顿地说) seldom repeats."""
        n = 0
        for o in self.texts:
            n += o.f.count(name)
            if n >= 2:
                return True
        return False

    def pulled(self, inner: str, block: int) -> bool:
        """Does ``inner`` (eight characters or more) occur in another block of the article?"""
        return len(inner) >= 8 and any(inner in o.f for o in self.texts if o.index != block)

    def continued(self, t: Text, qa: int, qb: int, recs: list[Quote], prev: Text | None,
                  by_block: dict[int, list[Quote]]) -> Quote | None:
        """The record whose speaker says the quotation ``[qa, qb]`` of ``t``, or None."""
        f = t.f
        n = len(f.rstrip())
        after = qb + 1
        while after < n and f[after] in " ":
            after += 1
        ends_sentence = after >= n or f[after] in _SENT_END
        k = qa - 1
        while k >= 0 and f[k] == " ":
            k -= 1
        if k >= 0 and f[k] == ":":  # 周海平记忆深刻：“…”
            ss = t.sentence_start(k)
            lo = bisect_left(self.reg.positions, (t.index, ss))
            hi = bisect_left(self.reg.positions, (t.index, k))
            if _SIGN.search(f, ss, k) is not None:
                return None  # 门口贴着一张告示：“…”: the sign's words, no one's speech
            for _, o, ent, subj in self.reg.mentions[lo:hi]:
                if f[o + len(ent.key):o + len(ent.key) + 1] in ("的", "家"):
                    return None  # 李海东的女儿想了想：: someone the possessor's phrase names speaks, not the possessor
                if ent.kind == "person" and (subj or not t.inq[o]):
                    return Quote(ent.name, None, "person", "", "direct", t.index, 0, 0,
                                 speaker_title=list(ent.titles), speaker_affiliation=ent.affiliation)
            cs = strip_lead(f, t.clause_start(k, ss), k)
            if f[cs:cs + 1] in ("他", "她") and f[cs:cs + 2] not in ("他们", "她们", "他人"):
                ent2 = self.resolve_person(t.index, cs, PRONOUNS.get(f[cs], ""))
                if ent2 is not None:
                    return Quote(ent2.name, None, "person", "", "direct", t.index, 0, 0,
                                 speaker_title=list(ent2.titles), speaker_affiliation=ent2.affiliation)
            named = self.subject_name(t, cs, k)  # 老农吴大山回忆起当年的情景：“…”
            if named is not None:
                return named
            if f[cs:cs + 1] in _ADVERB_OPEN and cs - 1 > ss and f[cs - 1] == ",":
                group = self.group_subject(t, t.clause_start(cs - 1, ss), cs - 1)
                if group is not None:  # 游客们一走进…，都大声叫好：“…”: the previous clause's subject speaks
                    return group
            group = self.group_subject(t, cs, k)
            if group is not None:  # 东岭药业的投资者则留言：“…”: an unnamed group opening the clause
                return group
            before = [r for r in _near(recs, qa) if r.end <= qa and r.speaker]  # 同时明确了…：“Q”: the same speaker
            if before and t.sentence_start(t.sentence_start(k) - 1) <= max(r.end for r in before):
                return max(before, key=lambda x: x.end)
            return None
        if not ends_sentence:
            named = self.named_after(t, qa, qb)
            if named is None and f[qb - 1:qb] not in _SENT_END and f[after:after + 1] == "," and qa > 0 \
                    and f[qa - 1] in _SENT_END:
                # X认为，…。“Q”，…: a quotation opening the sentence right after X's attributed one, no one
                # named after it: X's words go on
                ss = t.sentence_start(qa)
                before = [r for r in _near(recs, qa) if r.end <= qa and r.speaker and r.cue]
                r = max(before, key=lambda x: x.end) if before else None
                if r is not None and r.end >= ss - 2 and r.start >= t.sentence_start(ss - 1):
                    return r
            if named is not None or f[qb - 1:qb] not in _SENT_END:
                return named
            # “Q。”然而，…: a quotation that is a sentence of its own, narration after it: read on
        if k >= 0 and f[k] == ",":  # 王建华在开幕仪式上作了简短致辞，“…”: the sentence's subject speaks
            ss = t.sentence_start(k)
            if not any(ss <= r.start < qa for r in _near(recs, qa)):
                s0 = strip_lead(f, ss, k)
                s1 = strip_lead(f, t.clause_start(k, ss), k)  # 作为…大使，姚明作了短暂讲话，“…”: the clause before it
                for sx in ((s1, s0) if s1 != s0 else (s0,)):
                    for ent in self.reg.at.get((t.index, sx), ()):
                        if ent.kind == "person" and not POSSESSED_PERSON.match(f, sx + len(ent.key)):
                            return Quote(ent.name, None, "person", "", "direct", t.index, 0, 0,
                                         speaker_title=list(ent.titles), speaker_affiliation=ent.affiliation)
                named = self.subject_name(t, s0, self.clause_end(t, s0))
                if named is None and s1 != s0:
                    named = self.subject_name(t, s1, k)  # (titled only: 费用平… merely looks like a name)
                    named = named if named is not None and named.speaker_title else None
                if named is not None:
                    return named
        lead = len(f) - len(f.lstrip())
        if qa == lead and qb >= len(f.rstrip()) - 1 and (not recs or recs[0].start >= qa):
            nxt = self.texts[t.index + 1] if t.index + 1 < len(self.texts) else None
            m = _WHO_SAID.match(nxt.f) if nxt is not None and nxt.kind != "h" else None
            if m is not None:  # “Q” ¶ 说这话的大叔阿强是…: the speaker is named right after the quotation
                np = parse_np(m.group(1))
                if np.kind == "person" and np.name:
                    return Quote(np.name, None, "person", "", "direct", t.index, 0, 0, speaker_title=list(np.titles))
        if qa == lead and prev is not None and (not recs or recs[0].start >= qa):
            # a whole paragraph: the speaker of the attribution that ended the previous paragraph
            last = by_block.get(prev.index, [])
            r = max(last, key=lambda x: x.end) if last else None
            pe = len(prev.raw.rstrip())
            if r is not None and r.speaker and (r.end >= pe - 2 or r.start >= prev.sentence_start(len(prev.f.rstrip()) - 1)
                                                or (r.cue_end is not None and r.cue_end >= pe - 2)):
                return r
            return None if last else self.focus(t, qa, prev)
        before = [r for r in _near(recs, qa) if r.end <= qa and r.speaker]
        at_start = qa == t.sentence_start(qa) or (qa > 0 and f[qa - 1] in _SENT_END)
        if before:
            r = max(before, key=lambda x: x.end)
            if r.speaker_type == "document" and at_start:
                people = [x for x in before if x.speaker_type in ("person", "anonymous")]
                if people:  # X说，…。其基金半年报显示，…。“Q”: a document does not talk; the person goes on
                    r = max(people, key=lambda x: x.end)
            # or after a comma, one sentence after the attribution: …。…，“这家医院负债…”。
            if at_start or t.sentence_start(t.sentence_start(qa) - 1) <= r.end:
                return r
        named = self.named_after(t, qa, qb)
        if named is None and at_start and not before and qa > lead:
            return self.focus(t, qa, None) or self.pronoun_focus(t, qa, qb)
        return named

    def pronoun_focus(self, t: Text, qa: int, qb: int) -> Quote | None:
        """A first-person quotation standing alone right after a sentence whose subject is 他/她
        (``后来，她不想再讲那天的事。“我讲过很多遍…”``): the person the pronoun resolves to, when the article
        quotes that person with a cue elsewhere."""
        f = t.f
        if "我" not in f[qa + 1:qb] or not _looks_spoken(f[qa + 1:qb]):
            return None
        ss = t.sentence_start(max(0, qa - 1))
        if ss >= qa - 1:
            return None
        pos = strip_lead(f, ss, qa - 1)
        comma = f.find(",", pos, qa - 1)
        if f[pos:pos + 1] not in ("他", "她") and 0 <= comma - pos <= 6:
            pos = strip_lead(f, comma + 1, qa - 1)  # 到后来，她…: a short time or place phrase first
        if f[pos:pos + 1] not in ("他", "她") or f[pos:pos + 2] in ("他们", "她们", "他人") \
                or _HEARD_OR_READ.search(f, pos, qa) is not None or _SIGN.search(f, pos, qa) is not None:
            return None  # (她拆开儿子的信。“我一切都好…”: the writer's words; 她问儿子…。“我…”: the answer)
        ent = self.resolve_person(t.index, pos, PRONOUNS.get(f[pos], ""))
        if ent is None or not any(q.cue and q.speaker == ent.name for q in self.out):
            return None
        return Quote(ent.name, None, "person", "", "direct", t.index, 0, 0,
                     speaker_title=list(ent.titles), speaker_affiliation=ent.affiliation)

    def focus(self, t: Text, qa: int, prev: Text | None) -> Quote | None:
        """The one person the narration around a free-standing quotation is about, if already quoted.

        A profile lets its subject's words stand alone (``…老师每天都在进步。¶“本来以为…”``): when
        the only person named in the previous paragraph and in this one before the quotation is
        someone the article quotes with a cue elsewhere, the quotation is theirs.
        """
        quoted = {q.speaker for q in self.out if q.cue and q.speaker_type == "person"}
        people: set[int] = set()
        found: Entity | None = None
        lo = 0 if prev is not None else t.sentence_start(max(0, qa - 1))
        mentions = [m for m in self.reg.in_block(t.index) if lo <= m[1] < qa]
        if prev is not None:
            mentions += self.reg.in_block(prev.index)
        elif not any(m[3] and m[2].name in quoted for m in mentions):
            return None  # inside a paragraph: the sentence just before must be about the speaker (its subject)
        for _, _, ent, subj in mentions:
            if ent.kind != "person":
                return None  # an organisation or a group in the narration: no single focus
            if ent.name in quoted:
                people.add(id(ent))
                found = ent
            elif subj:
                return None  # someone else the narration is about
        if found is None or len(people) != 1:
            return None
        return Quote(found.name, None, "person", "", "direct", t.index, 0, 0,
                     speaker_title=list(found.titles), speaker_affiliation=found.affiliation)

    def group_subject(self, t: Text, s: int, e: int) -> Quote | None:
        """An anonymous group or role opening ``f[s:e]`` before its verb (专家们|一看到…), as a speaker."""
        f = t.f
        s = strip_lead(f, s, e)
        for j in range(min(e, s + 20), s + 1, -1):
            if f[j:j + 1] not in _ADVERB_OPEN and f[j:j + 1] not in "一正在则":
                continue
            np = parse_np(f[s:j])
            if np.kind == "anonymous" and not np_rejected(np.text, None):
                return Quote(t.raw[s:j], None, "anonymous", "", "direct", t.index, 0, 0)
        return None

    def named_after(self, t: Text, qa: int, qb: int) -> Quote | None:
        """``“Q。”孙立群掰着手指…``: a sentence-like quotation right before a person who opens the clause."""
        f = t.f
        inner = f[qa + 1:qb]
        if not inner or inner[-1] not in "。!?…":
            return None
        k = qb + 1
        while k < len(f) and f[k] in ", ":
            k += 1
        adj = _ADJUNCT_CLAUSE.match(f, k)
        if adj is not None:  # “Q。”对这个认定，胡文博显得颇为惊讶: past a topic or exception adjunct
            k = adj.end()
        s = strip_lead(f, k, len(f))
        for ent in self.reg.at.get((t.index, s), ()):
            if ent.kind == "person":
                return Quote(ent.name, None, "person", "", "direct", t.index, 0, 0,
                             speaker_title=list(ent.titles), speaker_affiliation=ent.affiliation)
        return self.subject_name(t, s, self.clause_end(t, s))

    def subject_name(self, t: Text, cs: int, end: int) -> Quote | None:
        """A person named (three characters or more) at the front of ``f[cs:end]``: the longest that parses.

        ``老农吴大山回忆起…``, ``技术员何建明掰着手指…``. Two-character names are left out here:
        ``明確了…`` or ``资深工|程师`` only look like one.
        """
        f = t.f
        if f[cs:cs + 1] in _NOT_NAME_START:
            return None  # 一张小小的…: a numeral and its classifier; 向眼科医师…: a preposition
        if cs + 2 < end and is_surname_name(f[cs:cs + 2]) and f[cs + 2] in _VERB_START \
                and not CUE_RE.match(f, cs, cs + 2):
            return Quote(t.raw[cs:cs + 2], None, "person", "", "direct", t.index, 0, 0)  # 李明充满信心：“…”
        for j in range(min(end, cs + 24), cs + 2, -1):
            if not _may_end_in_name(f[cs:j]):
                continue  # (no name ends this prefix: its parse could give none of the persons read below)
            np = parse_np(f[cs:j])
            if np.kind != "person" or (len(np.name) < 3 and not np.titles) or not f[cs:j].endswith(np.name) \
                    or not (is_surname_name(np.name) or "·" in np.name):
                continue  # a prefix cut inside a verb (何建明掰) is no name
            if len(np.name) == 3 and "·" not in np.name and (np.name[2] in _VERB_START
                                                            or f[j - 1:j + 1] in TIME_AFTER_NAME):
                continue  # 李明充(满信心), 李强赛(后): a two-character name and a verb or a time
            if not self.plausible_unlisted(np) or _MANY.search(f, cs, j - len(np.name)):
                continue  # (大部分…的X基金经理: a group described, no one person)
            if not np_rejected(np.text, None):
                i = f.find(np.name, cs, j)
                name = t.raw[i:i + len(np.name)] if i >= 0 else np.name
                return Quote(name, None, "person", "", "direct", t.index, 0, 0,
                             speaker_title=list(np.titles), speaker_affiliation=np.affiliation)
        return None

    def plausible_unlisted(self, np: NP) -> bool:
        """Is the name ``np`` found at a clause front with no cue a person, not a window across words?

        A name the registry knows is; otherwise not one opened by a character that is far more often a
        function word (宇航员那样|漂浮, 讲师和营养|顾问), nor ``X某`` plus a verb (孙某|惊问), nor one after a
        one-character "title" (官|方开发组)."""
        if "·" in np.name or self.reg.person(np.name) is not None:
            return True
        if np.name[0] in _WORD_FIRST or (len(np.name) == 3 and np.name[1] == "某"):
            return False
        return not np.titles or len(np.titles[-1]) > 1

    def register(self, t: Text, s: int, e: int) -> None:
        """Add the speaker phrase ``f[s:e]`` to the registry (persons by name, other speakers by phrase)."""
        np = parse_np(t.f[s:e])
        if np.kind == "short" and np.titles and np.name[:1] in SURNAMES_1 and np.name[1:] == np.titles[0]:
            # 王局长 / 郑主任: an alias of the person with that surname and title, else a person of its own
            full = next((m[2] for m in reversed(self.reg.mentions) if m[2].kind == "person"
                         and m[2].key.startswith(np.name[0]) and any(x.endswith(np.titles[0]) for x in m[2].titles)),
                        None)
            if full is None:
                full = next((en for en in self.reg.by_key.values() if en.kind == "person" and en.key != np.name
                             and en.key.startswith(np.name[0])
                             and any(x.endswith(np.titles[0]) for x in en.titles)), None)
            if full is not None:
                self.reg._alias(full, np.name)
            else:
                i = t.f.find(np.name, s, e)
                self.reg.add(np.name, t.raw[i:i + len(np.name)] if i >= 0 else np.name, "person")
            return
        if np.kind == "person":
            i = t.f.find(np.name, s, e)
            raw = t.raw[i:i + len(np.name)] if i >= 0 else np.name
            self.reg.add(np.name, raw, "person", np.titles, np.affiliation)
        elif np.kind in ("document", "anonymous", "organization", "media", "media_unnamed") or (
                np.kind == "short" and ANON.search(np.name) and not DEMONSTRATIVE.match(np.name) and np.name != BARE_SOURCE):
            kind = "anonymous" if np.kind == "short" else np.kind  # 商场工作人员: a group 他们 may refer to
            if kind == "anonymous" and KIN_ONE.search(np.name) and len(np.name) > 3:
                kind = "person"  # 小林母亲: one relative, whom 她 may refer to
            key = _bare(np.name)
            i = t.f.find(key, s, e)
            if i >= 0:
                raw = t.raw[i:i + len(key)]
            else:  # 法國《星期評論》雜志: the key was read without its 《》
                bare = t.raw[s:e].replace("《", "").replace("》", "")
                j = fold(bare).find(key)
                raw = bare[j:j + len(key)] if j >= 0 else key
            self.reg.add(key, raw.replace("《", "").replace("》", ""), kind, np.titles, np.affiliation)

    def interviewee(self, texts: list[Text]) -> Entity | None:
        for t in texts:
            if _is_question(t.f):
                break
            if _QA_INTRO.search(t.f):
                people = [m for m in self.reg.in_block(t.index) if m[2].kind == "person"]
                if people:
                    return people[-1][2]
        # no introduction: the person the article names first, if any (问：/答： under a profile)
        return next((m[2] for m in self.reg.mentions if m[2].kind == "person"), None)

    def qa_answer(self, t: Text, m: re.Match[str], interviewee: Entity | None) -> None:
        label = _answer_label(m.group(1))
        ent: Entity | None = interviewee if label in ("答", "A") else self.reg.person(label)
        if (ent is None or ent.key == label) and interviewee is not None and label[:1] == interviewee.key[:1] \
                and (len(label) == 1 or label[1:] in TITLE_WORDS or NAME_SUFFIX.fullmatch(label[1:])):
            ent = interviewee  # 刘：… / 刘校长：… under an interview of 刘明
        if ent is None or ent.kind != "person":
            return
        s = m.end()
        e = len(t.raw.rstrip())
        if e - s < 2:
            return
        self.out.append(Quote(
            speaker=ent.name, speaker_mention=t.raw[m.start(1):m.end(1)], speaker_type="person",
            quote_text=t.raw[s:e], quote_type="direct", block_index=t.index, start=s, end=e,
            speaker_title=list(ent.titles), speaker_affiliation=ent.affiliation, title_inherited=bool(ent.titles),
            coref=label in ("答", "A"), speaker_start=m.start(1), speaker_end=m.end(1),
        ))

    def answer_goes_on(self, t: Text, turn: Quote) -> None:
        """A paragraph after an answer turn and before the next question: more of the same answer."""
        s = len(t.raw) - len(t.raw.lstrip())
        e = len(t.raw.rstrip())
        if e - s < 2:
            return
        self.out.append(Quote(
            speaker=turn.speaker, speaker_mention=None, speaker_type=turn.speaker_type, quote_text=t.raw[s:e],
            quote_type="direct", block_index=t.index, start=s, end=e, speaker_title=list(turn.speaker_title),
            speaker_affiliation=turn.speaker_affiliation, title_inherited=bool(turn.speaker_title),
            attribution_position="none", coref=True,
        ))

    # -- one block
    def block(self, t: Text, trigs: list[Trig]) -> None:
        """Emit one block's records: zero subjects, content ends, nesting and relay frames settled first."""
        f = t.f
        n = len(f)
        kept: list[Trig] = []
        unsaid_until = -1
        for tr in trigs:
            if tr.pattern == "plain" and (tr.cue_s < unsaid_until or _HYPOTHETICAL.match(f, tr.region_s, tr.cue_s)
                                          or _HABITUAL.search(f, max(tr.region_s, tr.cue_s - 4), tr.cue_s)
                                          or (f[tr.cue_s:tr.cue_e] == "说" and f[tr.cue_s - 1:tr.cue_s] == "会"
                                              and (f[tr.cue_s - 2:tr.cue_s - 1] not in HUI_NOUN
                                                   or self.conditional_before(t, tr.region_s)))):
                unsaid_until = max(unsaid_until, t.sentence_end(tr.cue_e))  # (what it "says" says nothing either)
                continue  # 如果有人说… / 除非两人当面说… / 每年都会说… / 很多人会说… / 如果你问他，他会说…: no speech made
            if tr.pattern == "plain" and tr.np_e > tr.np_s:
                if THERE_IS_ALONE.fullmatch(f, tr.np_s, tr.np_e) and f.startswith(_MEDIA_CUES, tr.cue_s):
                    tr.who = _Who(t.raw[tr.cue_s:tr.cue_s + 2], t.raw[tr.cue_s:tr.cue_s + 2], "media_unnamed",
                                  start=tr.cue_s, end=tr.cue_s + 2)  # 有报道称，…: an unnamed report speaks
                elif np_rejected(f[tr.np_s:tr.np_e], tr):
                    continue
                else:
                    tr.who = self.speaker_of(t, tr, phrase_checked=True)
                if tr.who is None:
                    continue  # no speaker: it neither speaks nor cuts the content before it (但由此就得出结论说)
            if tr.pattern == "plain" and tr.np_e <= tr.np_s and f[tr.cue_s:tr.cue_s + 2] in ("报道", "报导") \
                    and tr.cue_e - tr.cue_s > 2:
                tr.np_s, tr.np_e = tr.cue_s, tr.cue_s + 2  # 報導稱，…: the report of the outlet named before
            if tr.pattern == "plain" and tr.np_e <= tr.np_s and tr.region_s > 0 \
                    and cue_base(f[tr.cue_s:tr.cue_e]) in ("表示", "说明") \
                    and _HYPOTHETICAL.match(f, t.clause_start(tr.region_s - 1, t.sentence_start(tr.cue_s))):
                continue  # 若试纸变红，表示含有添加剂: after a condition and no subject, 表示 means "indicates"
            if tr.pattern == "plain" and tr.np_e <= tr.np_s and not self.zero_subject(t, tr, kept):
                continue
            kept.append(tr)
        # content extents: sentence end, cut before the next attribution, nesting
        for tr in kept:
            tr.content_e = t.sentence_end(tr.content_s) if tr.content_s < n else n
            if f[tr.content_s:tr.content_s + 1] not in OPENERS:  # indirect: a contrasted new topic ends it
                shift = _TOPIC_SHIFT.search(f, tr.content_s, tr.content_e)
                if shift is not None and not t.inq[shift.start()]:
                    tr.content_e = shift.start()
                desk = _REPORTER_CLAUSE.search(f, tr.content_s, tr.content_e) \
                    if ("发稿" in f or "记者" in f) else None
                if desk is not None and not t.inq[desk.start()]:
                    tr.content_e = desk.start()  # …，截至发稿，…: the reporter's own clause ends the content
        for i, tr in enumerate(kept):
            for nx in kept[i + 1:]:
                if nx.cue_s > tr.content_e:
                    k = tr.content_e - 1  # …，“Q。”Y称。: the quotation closing this content is Y's (post-posed)
                    pq = t.quote_at_close(k) if k > tr.content_s and f[k] in CLOSERS else None
                    if pq is not None and pq[0] > tr.content_s and nx.pattern == "plain" \
                            and tr.content_e <= nx.region_s <= tr.content_e + 1 and _post_posed(t, pq, False):
                        cut = pq[0]
                        while cut > tr.content_s and (f[cut - 1] in " ,;:" or _CONJ_END.search(f, tr.content_s, cut)):
                            cut -= 1
                        tr.content_e = cut
                    break  # its clause starts after this content ends (kept is in cue order)
                if nx.region_s < tr.content_s or nx.region_s >= tr.content_e:
                    continue
                start_of_next = nx.np_s if nx.np_e > nx.np_s else nx.cue_s
                reports = (tr.pattern == "ju" and f[tr.cue_s:tr.cue_e] in ("报道", "报导", "消息")) or (
                    tr.pattern == "plain" and cue_base(f[tr.cue_s:tr.cue_e]) in ("报道", "报导"))
                if reports and not nx.speakerless and _ADJUNCT.fullmatch(f[tr.content_s:nx.region_s]):
                    tr.drop = True  # 据某通讯社报道，针对外媒的报道，蓝星公司表示，…: the outlet relays
                    nx.relay_s, nx.relay_e = tr.np_s, tr.np_e
                    continue
                if reports and not nx.speakerless and nx.region_s > tr.content_s \
                        and f[nx.region_s - 1:nx.region_s] in CLOSERS \
                        and not any(f[i] in CLAUSE_DELIM and not t.inq[i] for i in range(tr.content_s, nx.region_s)):
                    tr.drop = True  # 据X报道，刚出炉的“Y”报告指出，…: a quotation mark split the clause; the outlet relays
                    nx.relay_s, nx.relay_e = tr.np_s, tr.np_e
                    continue
                if nx.region_s == tr.content_s or start_of_next == tr.content_s:
                    if reports:
                        tr.drop = True
                        nx.relay_s, nx.relay_e = tr.np_s, tr.np_e
                        continue
                    nx.parent = tr
                    nx.content_e = min(nx.content_e, self.clause_end(t, nx.content_s))
                    continue
                # a later attribution in the same sentence: stop before the delimiter preceding it
                cut = nx.region_s - 1
                while cut > tr.content_s and f[cut - 1] in " ":
                    cut -= 1
                k = cut if f[cut:cut + 1] in CLOSERS else cut - 1
                pq = t.quote_at_close(k) if k > tr.content_s and f[k] in CLOSERS else None
                if pq is not None and pq[0] > tr.content_s and nx.pattern == "plain" \
                        and _post_posed(t, pq, f[k + 1:k + 2] == ","):
                    cut = pq[0]  # X称，C，但“Q”，Y认为: the quotation is Y's (post-posed), X's content ends before it
                    while cut > tr.content_s and (f[cut - 1] in " ,;:" or _CONJ_END.search(f, tr.content_s, cut)):
                        cut -= 1
                semi = f.rfind(";", tr.content_s, cut)
                if semi > tr.content_s and strip_lead(f, semi + 1, cut) >= cut - 1:
                    cut = semi  # …将稳定运价；本周，Y发声：: the clause after ； holds only a time, Y's frame
                if cut > tr.content_s:
                    tr.content_e = min(tr.content_e, cut)
                break
        self.block_trigs = kept
        for tr in kept:
            if not tr.drop:
                self.emit(t, tr)

    def conditional_before(self, t: Text, pos: int) -> bool:
        """Does a clause of the sentence before ``pos`` open with 如果/要是…? (如果你问他，他会说…)"""
        f = t.f
        ss = t.sentence_start(pos)
        k = pos
        for _ in range(4):
            if k <= ss:
                return False
            cs = t.clause_start(k - 1, ss)
            if _HYPOTHETICAL.match(f, cs, pos):
                return True
            k = cs - 1
        return False

    def clause_end(self, t: Text, pos: int) -> int:
        """End of the clause starting at ``pos``: the next top-level delimiter (nested content stops there)."""
        f, inq = t.f, t.inq
        for i in range(pos, len(f)):
            if not inq[i] and f[i] in CLAUSE_DELIM:
                return i
        return len(f)

    def zero_subject(self, t: Text, tr: Trig, kept: list[Trig]) -> bool:
        """Give a subject-less cue the subject of an earlier clause of its sentence, if it has one."""
        base = cue_base(f_cue := t.f[tr.cue_s:tr.cue_e])
        if base not in ZERO_SUBJECT_OK and f_cue not in ZERO_SUBJECT_OK and not after_study(t.f, tr.cue_s):
            return False
        if tr.region_s == 0 or t.f[tr.region_s - 1] not in ",;":
            return False
        ss = t.sentence_start(tr.cue_s)
        for prev in reversed(kept):
            if prev.cue_s < ss:
                break  # kept is in cue order: the earlier ones are in earlier sentences
            if prev.pattern == "ju" and t.f[prev.cue_s:prev.cue_e] in ("报道", "报导", "消息") \
                    and base in _STATES and self.clause_subject_before(t, tr, prev.content_s):
                return True  # 据X报道，东岭公司召开发布会，称…: the company speaks (the outlet relays it, see block);
                # (据X报道，东岭公司起诉Y，指控…: an act the report tells, the report speaks)
            if not prev.speakerless:
                if self.person_subject_between(t, tr, prev.content_s):
                    return True  # 王警官介绍，徐阿婆到派出所报案，称…: the person told of reports, nested
                tr.inherit = prev
                return True
        return self.clause_subject_before(t, tr, ss) or self.lone_subject_clause(t, tr, ss, base)

    def lone_subject_clause(self, t: Text, tr: Trig, ss: int, base: str) -> bool:
        """The sentence's first clause is only a phrase naming someone by role, then the cue after its comma
        (当时接诊的东岭医院医生，表示愿意接受核查…): that phrase speaks. Only a person or an unnamed source (an
        organisation or a thing alone before a comma is a topic), only for a plain statement cue."""
        f = t.f
        pos = tr.region_s - 1
        if base not in _STATES or tr.cue_s != tr.region_s:
            return False
        s0 = strip_lead(f, ss, pos)
        if t.clause_start(pos, ss) > s0 or not 4 <= pos - s0 <= 30:
            return False
        phrase = f[s0:pos]
        if CUE_RE.search(phrase) or parse_np(phrase).kind not in ("person", "anonymous") or np_rejected(phrase, None):
            return False
        tr.np_s, tr.np_e = s0, pos
        tr.zero = True
        return True

    def named_opener(self, t: Text, s: int, e: int) -> tuple[int, int] | None:
        """An untitled name opening the clause (after an age: 72岁的徐阿婆), then a verb, a time or 由/到."""
        f = t.f
        s = strip_lead(f, s, e)
        age = _AGE_OF.match(f, s, e)
        if age is not None:
            s = age.end()
        for k in (3, 2):
            p, nxt = f[s:s + k], s + k
            if len(p) == k and nxt < e and is_surname_name(p) and p[0] not in _NOT_NAME_START \
                    and not CUE_RE.match(f, s, nxt) \
                    and (f[nxt] in _VERB_START or f[nxt] in "由到去来" or f[nxt:nxt + 2] in TIME_AFTER_NAME):
                return s, nxt
        return None

    def person_subject_between(self, t: Text, tr: Trig, floor: int) -> bool:
        """Inside an earlier content (from ``floor``), a clause whose subject is a named person other than that
        content's speaker: a subject-less cue after it is that person's (a report inside the report)."""
        pos = tr.region_s - 1
        while pos > floor:
            cs = t.clause_start(pos, floor)
            subj = self.clause_subject(t, cs, pos) or self.named_opener(t, cs, pos)
            if subj is not None:
                phrase = t.f[subj[0]:subj[1]]
                if phrase not in PRONOUNS and parse_np(phrase).kind == "person":
                    tr.np_s, tr.np_e = subj
                    tr.zero = True
                    return True
            pos = cs - 1
        return False

    def clause_subject_before(self, t: Text, tr: Trig, ss: int) -> bool:
        """The first subject-like clause after ``ss`` (the sentence start, or a report frame's content start)
        before ``tr`` becomes its speaker phrase (zero subject)."""
        pos = tr.region_s - 1
        while pos > ss:
            cs = t.clause_start(pos, ss)
            subj = self.clause_subject(t, cs, pos)
            if subj is not None:
                tr.np_s, tr.np_e = subj
                if cs > 0 and (t.f[cs - 1] in CLOSERS or t.f[cs - 1] == '"'):
                    q = t.quote_at_close(cs - 1)
                    if q and _post_posed(t, q, False):
                        tr.post_quote = q
                tr.zero = True
                return True
            pos = cs - 1
        return False

    def clause_subject(self, t: Text, s: int, e: int) -> tuple[int, int] | None:
        """The subject phrase at the start of clause ``f[s:e]``, when it names a known or titled person."""
        f = t.f
        s = strip_lead(f, s, e)
        if _OBJECT_VERB.match(f, s, e):
            return None  # 敦促首相马丁…: the clause opens with its verb; the person named is its object
        best: tuple[int, int] | None = None
        for ent in self.reg.at.get((t.index, s), ()):
            if POSSESSED_PERSON.match(f, s + len(ent.key)):
                continue  # 方琳的律师: a possessor, not the subject
            k = len(ent.key) if f.startswith(ent.key, s) else max(
                (len(a) for a in ent.aliases if f.startswith(a, s)), default=0)
            if k and (best is None or k > best[1] - best[0]):
                best = (s, s + k)
        if best:
            return best
        for m in TITLE_RE.finditer(f, s, min(e, s + 16)):  # 村民李海东收下了礼物: title phrase + registered name
            for ent in self.reg.at.get((t.index, m.end()), ()):
                if ent.kind == "person" and f.startswith(ent.key, m.end()) \
                        and not POSSESSED_PERSON.match(f, m.end() + len(ent.key)):
                    np = parse_np(f[s:m.end() + len(ent.key)])
                    if np.kind == "person" and np.name == ent.key:
                        return s, m.end() + len(ent.key)
        if f[s:s + 1] in ("他", "她") and f[s:s + 2] not in ("他们", "她们", "他人"):
            return s, s + 1  # 她还首度向记者自曝…，并称…: the pronoun, resolved like any other
        for k in (3, 2):  # 李明停顿了一下，接着说: an untitled name opening the clause, then its verb
            p = f[s:s + k]
            if len(p) == k and is_surname_name(p) and f[s + k:s + k + 1] in _VERB_START and p[0] not in _NOT_NAME_START \
                    and not (k == 3 and p[2] in _VERB_START) and not CUE_RE.match(f, s, s + k):
                return s, s + k  # (强调要…: a cue verb, not a name)
        for k, m in enumerate(_SUBJECT_END.finditer(f, s, e)):  # the first split that leaves a speaker
            if k >= 4:
                break
            if m.start() < s + 2 or (t.books and t.in_book(m.start())):
                continue  # (印发《关于…公司在建工程…》: no subject ends inside a title)
            np = parse_np(f[s:m.start()])
            if np.kind in ("person", "anonymous", "organization", "short") and not np_rejected(np.text, None):
                return s, m.start()
        am = _ORG_ACT.search(f, s + 2, e)
        if am is not None and am.start() - s <= 16:
            phrase = f[s:am.start()]
            if parse_np(phrase).kind == "organization" and not np_rejected(phrase, None) \
                    and not _PREPOSITION.search(phrase) and not _NOT_ORG.search(phrase):
                return s, am.start()
        de = f.rfind("的", s, e)
        if de >= 0 and 2 <= e - de - 1 <= 3 and e - s <= 40 and is_surname_name(f[de + 1:e]) \
                and not _NOT_ORG.search(f, de + 1, e) and not np_rejected(f[de + 1:e], None):
            return de + 1, e  # 五年前带领南岭药业上市的陈嘉禾，在股东会上表示: the head of the relative clause
        cm = CUE_RE.search(f, s + 2, e)  # 东岭公司表示理解，并称…: the subject of a blocked cue (表示理解)
        if cm is not None and cm.start() - s <= 12:
            phrase = f[s:cm.start()]
            np = parse_np(phrase)
            if np.kind in ("person", "anonymous", "organization", "media") and not np_rejected(phrase, None) \
                    and not _NOT_ORG.search(phrase) and not _PREPOSITION.search(phrase):
                return s, cm.start()
        return None

    def speaker_of(self, t: Text, tr: Trig, phrase_checked: bool = False) -> _Who | None:
        """Who speaks for trigger ``tr``; None when the phrase is not a plausible speaker (``phrase_checked``: the
        caller has just seen ``np_rejected`` pass its phrase)."""
        f, raw = t.f, t.raw
        if tr.speakerless:
            return _Who(None, None, "unspecified")
        if tr.inherit is not None:
            if tr.inherit.emitted < 0:
                return None
            src = self.out[tr.inherit.emitted]
            return _Who(src.speaker, None, src.speaker_type, list(src.speaker_title), src.speaker_affiliation,
                        bool(src.speaker_title), coref=True)
        np_text = f[tr.np_s:tr.np_e]
        if tr.pattern == "ju" and "记者" in np_text:  # 据新华社记者王小明报道: the outlet reports
            outlet = np_text[:np_text.index("记者")]
            if outlet and parse_np(outlet).kind == "media":
                i = f.find(outlet, tr.np_s, tr.np_e)
                return _Who(self.phrase(t, tr, outlet).replace("《", "").replace("》", ""), raw[i:i + len(outlet)],
                            "media", start=i, end=i + len(outlet))
        if not phrase_checked and np_rejected(np_text, tr):
            return None
        np = parse_np(np_text)
        if np.kind == "unspecified":
            tr.speakerless = True
            return _Who(None, None, "unspecified")
        res = self.resolve_np(t, tr, np)
        if res is None:
            return None
        who = res
        who.mention, who.start, who.end = raw[tr.np_s:tr.np_e], tr.np_s, tr.np_e
        if np.kind == "person" and np.titles:  # the mention is the name after the title phrase
            i = f.rfind(np.name, tr.np_s, tr.np_e)
            if i >= 0:
                who.mention, who.start, who.end = raw[i:i + len(np.name)], i, i + len(np.name)
        who.coref = who.coref or tr.zero
        return who

    def emit(self, t: Text, tr: Trig) -> None:
        """Turn a trigger into its records: a post-posed direct quote, and/or the content after the cue."""
        f, raw = t.f, t.raw
        n = len(f)
        who = cast(_Who, tr.who) if tr.who is not None and tr.inherit is None else self.speaker_of(t, tr)
        if who is not None and who.coref and tr.inherit is None and f[tr.np_s:tr.np_e] in ("他", "她") \
                and self.out and self.out[-1].block_index == t.index and self.out[-1].speaker != who.speaker:
            who = self.speaker_of(t, tr)  # a pronoun resolved again now: the records before it in this block count
        if who is None:
            return
        base = cue_base(f[tr.cue_s:tr.cue_e])  # folded: 發現 is 发现
        if base in MEDIA_ONLY and tr.pattern == "plain" and who.type not in ("media", "media_unnamed", "organization"):
            return  # 报道，… reports an outlet's story
        if base in ISSUER_ONLY and who.type not in ("organization", "person", "anonymous", "media", "media_unnamed"):
            return  # 东岭集团公布，…: an institution announces; 成绩公布，/ 结果公布，: what was published, no speaker
        if tr.doc_only and who.speaker and SCREEN.search(who.speaker):
            return  # 页面显示“订货成功”: what a screen shows is interface text, nobody's statement
        if tr.doc_only and who.type not in ("document", "organization", "media", "media_unnamed") \
                and not (tr.delim and base in ("发现", "提出", "表明") and who.type in ("person", "anonymous")):
            return  # 显示/表明/发现 report a document or data, never a person
        if tr.relay_s >= 0 and tr.relay_e > tr.relay_s:
            who.relayed_by = raw[tr.relay_s:tr.relay_e].replace("《", "").replace("》", "")
            if f[tr.relay_s:tr.relay_e] in ("报道", "报导", "该报道", "报道中", "该报", "该媒体"):
                ent = resolve(self.reg, t.index, tr.relay_s, "media")
                who.relayed_by = ent.name if ent else who.relayed_by
        if tr.addr_s >= 0 and tr.addr_e > tr.addr_s:
            who.addressee = raw[tr.addr_s:tr.addr_e]
            outlet = _ASKER_TAIL.sub("", who.addressee).replace("《", "").replace("》", "")
            who.outlet = outlet if outlet and outlet != who.addressee else None
        records: list[Quote] = []
        position: Position = "pre"
        # a post-posed direct quote: “C”X说 / “C1，”X说，“C2”
        post = tr.post_quote
        if post is None and tr.inherit is None and tr.region_s > 0 and tr.pattern == "plain":
            k = tr.region_s - 1
            comma = f[k] == ","
            if f[k] in ", " and k > 0:
                k -= 1
            if f[tr.region_s - 1] == "," and f[k] not in CLOSERS and f[k] != '"':  # “Q”昨日，X告诉记者
                cs2 = t.clause_start(k)
                if 0 < cs2 <= k and k - cs2 <= 8 and (strip_lead(f, cs2, k + 1) == k + 1 or _TIME_CLAUSE.fullmatch(f, cs2, k + 1)) \
                        and f[cs2 - 1] in CLOSERS \
                        and not _CONTRAST.match(f, cs2):  # (“Q。”然而，Y透露…: a turn to someone else)
                    k = cs2 - 1
            if f[k] in CLOSERS or f[k] == '"':
                q = t.quote_at_close(k)
                if q and _post_posed(t, q, comma, tr.cue_e >= n or f[tr.cue_e] in "。!?"):
                    post = q
        if post is not None and any(r.block_index == t.index and r.start == post[0] + 1 for r in self.out[-8:]):
            post = None  # “乙。”李四也说：…: the quotation is already the previous speaker's content
        if post is not None:
            records.append(self.make(t, tr, who, post[0] + 1, post[1], "direct", "post"))
            position = "split"
        # the content after the cue
        a = tr.content_s
        while a < n and f[a] == " ":
            a += 1
        b = tr.content_e if tr.content_e >= 0 else n
        while b > a and f[b - 1] in " ,;:":
            b -= 1
        q0 = t.quote_at_open(a)
        if q0 is not None and q0[1] + 2 < b and f[q0[1] + 1] == "," and (
                f[q0[1] + 2] in "并又还且也" or (tr.delim and f[tr.content_s - 1] == ":")):
            b = q0[1] + 1  # 表示“Q”，并向卡尔明确了…: the quotation, then the subject's next act
            # (说：“Q”，所谓…: after a colon the quotation is the words; the clause after it is narration)
        if b > a and self.content_ok(t, tr, a, b):
            q = t.quote_at_open(a)
            if q is not None and q[1] in (b - 1, b):
                records.append(self.make(t, tr, who, a + 1, min(q[1], n), "direct", position))
            else:
                frs = _fragments(t, a, b)
                records.append(self.make(t, tr, who, a, b, "mixed" if frs else "indirect", "pre",
                                         [raw[x + 1:y] for x, y in frs]))
        elif not records and b <= a and tr.delim and f[tr.content_s - 1] == ":" and who.speaker \
                and tr.content_s >= len(f.rstrip()):
            self.colon_end[t.index] = self.make(t, tr, who, tr.content_s, tr.content_s, "indirect", "pre")
        elif not records and b <= a and tr.pattern == "plain" and tr.inherit is None \
                and _MANNER_ANAPHOR.search(f, max(0, tr.cue_s - 2), tr.cue_s):
            # “Q！”在…现场，…，王建华如是说。: 如是/这样 points back to the quotation
            ss = t.sentence_start(tr.cue_s)
            back = [q for q in t.quotes if ss - 2 <= q[1] < tr.region_s  # (its 。” may end the sentence before)
                    and _looks_spoken(f[q[0] + 1:q[1]])]  # (a term quoted on the way, “NBA球星”, is not it)
            if not back:  # “Q！”在…现场，…，X如是说。: the quotation ends the sentence before the cue's
                pq = t.sentence_start(ss - 1) if ss > 0 else 0
                back = [q for q in t.quotes if pq <= q[0] and q[1] < ss and _looks_spoken(f[q[0] + 1:q[1]])]
            if back and _looks_spoken(f[back[-1][0] + 1:back[-1][1]]):
                qa_, qb_ = back[-1]
                records.append(self.make(t, tr, who, qa_ + 1, qb_, "direct", "post"))
        elif not records and b <= a and tr.pattern == "plain" and tr.inherit is None:
            # 今年的销售额增长了三成，王海说。: the content stands before ", X说" at the sentence end
            ss = t.sentence_start(tr.cue_s)
            cb = tr.region_s - 1
            if ss < cb and f[cb] == "," and cue_base(f[tr.cue_s:tr.cue_e]) in _POST_INDIRECT_CUES \
                    and not t.inq[ss] and len(HAN.findall(f, ss, cb)) >= 6 \
                    and not any(o.emitted >= 0 for o in self.block_trigs if ss <= o.cue_s < cb):
                frs = _fragments(t, ss, cb)
                records.append(self.make(t, tr, who, ss, cb, "mixed" if frs else "indirect", "post",
                                         [raw[x + 1:y] for x, y in frs]))
        if not records:
            return
        if tr.parent is not None and tr.parent.emitted >= 0:
            for r in records:
                r.parent = tr.parent.emitted
        tr.emitted = len(self.out) + len(records) - 1
        self.out.extend(records)

    def content_ok(self, t: Text, tr: Trig, a: int, b: int) -> bool:
        """Reported content, not a noun object: ``表示同意``, ``透露了``, a cue that ends its sentence."""
        f = t.f
        words = len(list(islice(_WORD_OR_HAN.finditer(f, a, b), 4)))  # counted up to 4: all it is compared with
        if words < 2:
            return False
        if len(_KANA.findall(f, a, b)) >= 2 and not _KANA.search(f, 0, max(0, a - 1)):
            return False  # 挥芯哟ビ肫し舨…: kana scattered in Chinese content is mis-decoded text
        if f[a] in OPENERS and (q := t.quote_at_open(a)) is not None and f[q[1] + 1:q[1] + 2] == "的" \
                and len(f[a + 1:q[1]]) <= 8 and f[q[1] + 2:q[1] + 3] in ("人", "占", "比", "受", ",", "。", ""):
            return False  # 表示“满意”的人数: those who said it (a relative clause), no statement
        if f[a] in OPENERS and (q := t.quote_at_open(a)) is not None and q[1] >= b - 1 \
                and len(f[a + 1:q[1]]) <= 4 and not PUNCT_IN_QUOTE.search(f[a + 1:q[1]]) \
                and not (tr.addr_s >= 0 and cue_base(f[tr.cue_s:tr.cue_e]) == "告诉"):
            return False  # 表示“怀疑”: a quoted word as the verb's object (告诉记者“不用急”: the words told)
        if not tr.delim and tr.pattern == "plain" and "的," in f[a:b] and PROVISION.search(f, a, b) \
                and self.provision_subject(t, f[tr.np_s:tr.np_e]):
            return False  # 主管部门认为…不齐全的，可以…: the case a rule provides for (a person's 是可行的，可以… is said)
        if tr.delim or tr.pattern != "plain":
            return True
        if f[a] in OPENERS or f[a] == '"':
            return True
        return tr.strong and words >= 4 and f[a] not in "了过着的"

    @staticmethod
    def provision_subject(t: Text, phrase: str) -> bool:
        """An office, a court or a law as a provision's subject, or any body in a paragraph citing an article;
        never a person, a pronoun, an unnamed source (律师认为…的，可以…) or a company: they state views."""
        if RULE_SUBJECT.search(phrase):
            return True
        return bool(ARTICLE_REF.search(t.f)) and not COMPANY_END.search(phrase) \
            and parse_np(phrase).kind not in ("person", "pronoun", "anonymous")

    def make(self, t: Text, tr: Trig, who: _Who, a: int, b: int, qtype: QuoteType, position: Position,
             fragments: list[str] | None = None) -> Quote:
        """One record with content ``raw[a:b]``."""
        return Quote(
            speaker=who.speaker, speaker_mention=who.mention, speaker_type=cast(SpeakerType, who.type),
            quote_text=t.raw[a:b], quote_type=qtype, block_index=t.index, start=a, end=b, cue=tr.cue,
            speaker_title=list(who.titles), speaker_affiliation=who.affiliation, title_inherited=who.inherited,
            direct_fragments=fragments or [], relayed_by=who.relayed_by, addressee=who.addressee,
            addressee_outlet=who.outlet, attribution_position=position, coref=who.coref,
            speaker_start=who.start, speaker_end=who.end, cue_start=tr.cue_s, cue_end=tr.cue_e,
        )

    def resolve_np(self, t: Text, tr: Trig, np: NP) -> _Who | None:
        """Canonical speaker, type, titles and affiliation for a parsed phrase; pronouns and short forms resolved."""
        raw, f = t.raw, t.f
        if np.kind == "pronoun":
            if np.name in ("他们", "她们"):  # a group: the nearest anonymous speakers, else unresolved
                grp = resolve(self.reg, t.index, tr.np_s, "anonymous")
                if grp is None:
                    return _Who(None, None, "unspecified", coref=True)
                return _Who(grp.name, None, "anonymous", coref=True)
            ent = self.latter_former(t.index, tr.np_s, np.name) if np.name in ("后者", "前者") else None
            ent = ent or self.resolve_person(t.index, tr.np_s, PRONOUNS.get(np.name, ""))
            if np.name in ("他", "她"):
                nearer = self.nearer_subject(t, tr.np_s, ent, PRONOUNS.get(np.name, ""))
                if nearer is not None:
                    return nearer
            if ent is None:
                return _Who(None, None, "person", coref=True)  # unresolved: counted as wrong, never guessed
            return _Who(ent.name, None, "person", list(ent.titles), ent.affiliation, bool(ent.titles), True)
        kin = _KIN_OF_PRONOUN.fullmatch(np.text) if np.text[-1:] in _KIN_LAST else None
        if kin is not None:  # 他的妻子说 / 其丈夫补充: the relative of the person the pronoun stands for
            owner = self.resolve_person(t.index, tr.np_s, PRONOUNS.get(kin.group(1), ""))
            if owner is not None:
                return _Who(owner.name + kin.group(2), None, "person", coref=True)
        kin = _KIN_OF_NAME.fullmatch(np.text) if kin is None and np.text[-1:] in _KIN_LAST else None
        if kin is not None and is_name(kin.group(1), titled=False):  # 李明的母亲说: 李明母亲, as the gold writes it
            named = self.reg.person(kin.group(1))
            possessor = named.name if named is not None else self.phrase(t, tr, kin.group(1))
            return _Who(possessor + kin.group(2), None, "person")
        if np.kind == "person":
            ent = self.reg.person(np.name)
            if ent is not None:
                alias = ent.key != np.name
                if np.titles:
                    inherited = not (ent.titles == np.titles and self.first_titled(ent, t.index, tr.np_s))
                    return _Who(ent.name, None, "person", list(np.titles), np.affiliation, inherited, alias)
                return _Who(ent.name, None, "person", list(ent.titles), ent.affiliation, bool(ent.titles), alias)
            i = f.find(np.name, tr.np_s, tr.np_e)
            name_raw = raw[i:i + len(np.name)] if i >= 0 else np.name
            return _Who(name_raw, None, "person", list(np.titles), np.affiliation)
        if np.name in ("报道", "报导", "该报道", "该报", "该媒体"):
            ent = resolve(self.reg, t.index, tr.np_s, "media")
            return _Who(ent.name, None, "media", coref=True) if ent else _Who("媒体", None, "media_unnamed", coref=True)
        if np.kind in ("short", "anonymous"):
            by_role = self.name_before_role(np.name)
            if by_role is not None:  # 陈红医生说 (陈红 named elsewhere): the person, with the role as a title
                return by_role
        if np.kind == "short":
            return self.resolve_short(t, tr, np)
        if np.kind in ("person?", "unknown"):
            ent = self.reg.person(np.name) or self.reg.by_key.get(np.name) or self.given_name(np.name)
            if ent is not None:
                return _Who(ent.name, None, ent.kind, list(ent.titles), ent.affiliation, bool(ent.titles))
            dotted = self.dotted_name(np.name)
            if dotted is not None:  # 茉莉说 after 茉莉·西尔斯: a transliterated name's first part
                return _Who(dotted, None, "person", coref=True)
            if tr.doc_only and len(np.name) <= 6 and not PRONOUN_OWNS.match(np.name) \
                    and not CHANGE_END.search(np.name):
                return _Who(self.phrase(t, tr, np.name), None, "document")  # 领英显示: a platform's data
            if np.kind == "unknown":
                for k in (4, 3, 2):  # 王建华一脸(严肃地说): a known person, then a manner or time adjunct
                    ent = self.reg.person(np.name[:k]) if len(np.name) - k <= 4 \
                        and not POSSESSED_PERSON.match(np.name, k) else None  # (小林母亲哭诉: the mother speaks)
                    if ent is not None and ent.kind == "person" and is_surname_name(np.name[:k]):
                        i = f.find(np.name[:k], tr.np_s, tr.np_e)
                        return _Who(ent.name, None, "person", list(ent.titles), ent.affiliation, bool(ent.titles),
                                    start=i if i >= 0 else None, end=i + k if i >= 0 else None)
                if _ORG_LIKE.fullmatch(np.name) and not _SPEECH_VERB.search(np.name) and np.name not in ABSTRACT_NOUNS \
                        and not CHANGE_END.search(np.name) \
                        and not _NOT_ORG.search(np.name) and tr.pattern == "plain" and tr.strong \
                        and (tr.delim or self.named_again(np.name) or CHANNEL_HEAD.match(t.f, tr.cue_s, tr.cue_e)) \
                        and tr.np_s >= tr.region_s \
                        and (not t.f[tr.region_s:tr.np_s].strip() or _DATE_LEAD.fullmatch(t.f, tr.region_s, tr.np_s)) \
                        and (self.named_again(np.name) or _ORG_HEAD.search(np.name) or _WORDS.search(np.name)
                             or (len(np.name) <= 4 and "一" not in np.name)) \
                        and np.name[0] not in _VERB_START and np.name not in _VERB_WORDS:  # (回来说, 希望: verbs)
                    return _Who(self.phrase(t, tr, np.name), None, "organization")  # 惠誉评级表示，…
                if tr.pattern == "ju" and tr.delim and len(np.name) <= 8 and _ORG_LIKE.fullmatch(np.name) \
                        and not np.name.startswith(("有关", "相关")) \
                        and (_ORG_HEAD.search(np.name) or self.named_again(np.name)) \
                        and not _SPEECH_VERB.search(np.name) and not _NOT_ORG.search(np.name) \
                        and not _PREPOSITION.search(np.name) and np.name[0] not in _VERB_START:
                    return _Who(self.phrase(t, tr, np.name), None, "organization")  # 据东岭评级统计，…: the source
                return None
            return _Who(self.phrase(t, tr, np.name), None, "organization" if tr.cue.startswith("发布") else "person")
        if np.kind == "anonymous" and _OFFICE.fullmatch(np.name):  # 刘明局长…。局长表示: the holder just named
            holder = resolve(self.reg, t.index, tr.np_s, "person", head=np.name)
            if holder is not None:
                return _Who(holder.name, None, "person", list(holder.titles), holder.affiliation, True, True)
        ent = self.reg.by_key.get(_bare(np.name))
        name = ent.name if ent else self.phrase(t, tr, np.name)
        kind = np.kind
        if kind == "organization" and tr.doc_only and DOC.search(np.name):
            kind = "document"
        return _Who(name, None, kind, list(np.titles), np.affiliation)

    def resolve_short(self, t: Text, tr: Trig, np: NP) -> _Who | None:
        """文件 / 该人士 / 这位专家 / 公司 / 张院长: the nearest earlier entity with the same head noun."""
        head = DEMONSTRATIVE.sub("", np.name)
        if head.endswith("中") and len(head) > 1:
            head = head[:-1]
        surname = ""
        if np.titles and head and head[0] in SURNAMES_1:  # 张院长
            surname, head = head[0], np.titles[0]
        for want in ("document", "anonymous", "person", "organization"):
            if want == "document" and not DOC.search(head):
                continue
            if want == "anonymous" and not (ANON.search(head) or ROLE_END.search(head)):
                continue
            if want == "person" and not (TITLE_RE.search(head) or ANON.search(head)):
                continue
            if want == "organization" and not ORG_SHORT.fullmatch(np.name):
                continue
            ent = resolve(self.reg, t.index, tr.np_s, want, head=head)
            if ent is None and want == "anonymous" and head == BARE_SOURCE:
                last = next((r for r in reversed(self.out) if r.speaker_type == "anonymous" and r.speaker
                             and t.index - r.block_index <= 2), None)
                if last is not None and last.speaker is not None:  # 社保部门相关专家表示…。¶该人士还透露: 人士 is any
                    return _Who(last.speaker, None, "anonymous", coref=True)  # unnamed source, the last one quoted
            if ent is None and want == "organization" and head in ("公司", "企业", "集团"):
                ent = resolve(self.reg, t.index, tr.np_s, want)  # 柯达…。该公司称: a company named without 公司
                last = next((r for r in reversed(self.out) if r.speaker_type == "organization" and r.speaker
                             and t.index - r.block_index <= 2), None) if ent is None else None
                if last is not None and last.speaker is not None:
                    return _Who(last.speaker, None, "organization", coref=True)  # the company quoted just before
            if ent is not None and (not surname or ent.key.startswith(surname)):
                return _Who(ent.name, None, ent.kind, list(ent.titles), ent.affiliation, bool(ent.titles), True)
        this_one = _THIS_ONE.match(np.name)
        if not surname and this_one and (TITLE_RE.search(head) or ANON.search(head)):
            ent = resolve(self.reg, t.index, tr.np_s, "person")  # 陈东说…。这位专家认为: the person just named
            if ent is not None:
                return _Who(ent.name, None, "person", list(ent.titles), ent.affiliation, bool(ent.titles), True)
        if not surname and np.name[:1] in "该这" and len(head) >= 2 and (TITLE_RE.search(head) or ANON.search(head)):
            unlisted = self.head_phrase_before(t, tr.np_s, head)
            if unlisted is not None:  # 南岭一家基金负责人深感担忧，“…”，该负责人表示: no cue registered it
                return unlisted
        kind = ("document" if DOC.search(head) else "organization" if ORG_SHORT.fullmatch(np.name)
                else "anonymous" if ANON.search(head) else "person")
        if kind == "person" and not tr.delim and not np.titles and not TITLE_RE.search(head) \
                and not ROLE_END.search(head):
            return None  # 这一举措表示…: a thing that indicates, no one speaking
        return _Who(self.phrase(t, tr, f"{np.name}"), None, kind, list(np.titles))

    def name_before_role(self, phrase: str) -> _Who | None:
        """``陈红医生`` / ``周杰律师`` / ``李晓明老师``: a name then a role the anonymous lexicon holds, when the
        article knows that name as a person or repeats a three-character one (a word before a role, 全科医生 or
        任课老师, is neither); None otherwise (张医生 stays a short form)."""
        role = _POSTPOSED_ROLE.search(phrase)
        if role is None:
            return None
        head = phrase[:role.start()].rsplit("的", 1)[-1]
        if len(head) < 2 or head in SURNAMES_2 or not is_surname_name(head) or head[-1] in _UNIT_END:
            return None  # (皮肤科医师: a department, no name)
        ent = self.reg.person(head)
        if ent is None and len(head) == 3 and is_surname_name(head) and self.named_again(head) \
                and sum(o.f.count(phrase) for o in self.texts) < sum(o.f.count(head) for o in self.texts):
            ent = Entity(head, head, "person")  # (named without the role elsewhere: 李晓明 … 李晓明老师)
        if ent is None:
            return None
        return _Who(ent.name, None, "person", [*ent.titles, role.group()] if role.group() not in ent.titles
                    else list(ent.titles), ent.affiliation)

    def head_phrase_before(self, t: Text, pos: int, head: str) -> _Who | None:
        """An anonymous phrase ending in ``head`` that opens a clause of this sentence or the one before, before
        ``pos`` (none registered it: it spoke no cue), as the speaker a 该/这 + ``head`` refers to."""
        f = t.f
        ss = t.sentence_start(pos)
        lo = t.sentence_start(ss - 1) if ss > 0 else 0
        i = f.rfind(head, lo, pos)
        while i > lo:
            cs = strip_lead(f, t.clause_start(i, lo), i)
            if not t.inq[i] and cs < i:
                np = parse_np(f[cs:i + len(head)])
                if np.kind == "anonymous" and np.name.endswith(head) and not DEMONSTRATIVE.match(np.name) \
                        and not _MANY.search(np.name):
                    return _Who(t.raw[cs:i + len(head)], None, "anonymous", coref=True)
            i = f.rfind(head, lo, i)
        return None

    def phrase(self, t: Text, tr: Trig, folded: str) -> str:
        """The raw text of ``folded`` inside the speaker span, without 《》 (a canonical phrase)."""
        i = t.f.find(folded, tr.np_s, tr.np_e)
        if i < 0:  # 法國《星期評論》雜志: the phrase was read without its 《》
            bare = t.raw[tr.np_s:tr.np_e].replace("《", "").replace("》", "")
            j = fold(bare).find(folded)
            return bare[j:j + len(folded)] if j >= 0 else folded
        return t.raw[i:i + len(folded)].replace("《", "").replace("》", "")

    def first_titled(self, ent: Entity, block: int, pos: int) -> bool:
        """True when the mention at (block, pos) is where ``ent`` is first met (its title is not inherited)."""
        first = self.reg.first.get(id(ent))
        if first is None:
            return True
        b, o = first
        return (b, o) >= (block, pos - 40) if b == block else b > block

    def finish(self) -> list[Quote]:
        order = sorted(range(len(self.out)), key=lambda i: (self.out[i].block_index, self.out[i].start, self.out[i].end))
        new_index = {old: new for new, old in enumerate(order)}
        result = [self.out[i] for i in order]
        for q in result:
            if q.parent is not None:
                q.parent = new_index.get(q.parent)
        return result


def extract_quotes(blocks: Sequence[tuple[str, str]] | Sequence[_BlockLike]) -> list[Quote]:
    """Every attribution in the body ``blocks`` (``(type, text)`` pairs or ``Block`` objects), in text order.

    Subheadings (type ``h``) are read for context (names, titles) but never give
    a quote. Offsets index the blocks' own texts.
    """
    pairs = list(_blocks(blocks))
    maps: dict[int, list[int]] = {}
    texts = []
    for i, (kind, text) in enumerate(pairs):
        spaced = _despace(text)
        if spaced is not None:
            text, maps[i] = spaced
        texts.append(prepare(i, "h" if _UI_LINE.match(text) else kind, text))
    out = _Engine(texts).run()
    for q in out:
        pos = maps.get(q.block_index)
        if pos is not None:
            _respace(q, pos, pairs[q.block_index][1])
    return out


_SPACED_GAP = re.compile(r"(?<=[^\x00-\x7f]) (?=\S)|(?<=\S) (?=[^\x00-\x7f])")
"""One space beside a CJK character or full-width mark: the gap of a spaced-out layout (``地 球 之 友 表 示 ，``)."""


def _despace(text: str) -> tuple[str, list[int]] | None:
    """A block laid out with a space after every character, closed up, with each kept character's offset.

    Some broadcasters' pages space every Han character; the cue and name rules read adjacent
    characters, so such a block is matched closed up and the records are mapped back. None for
    ordinary text (a block counts as spaced when most of its CJK characters are followed by a gap).
    """
    if text.count(" ") < 8:
        return None
    gaps = [m.start() for m in _SPACED_GAP.finditer(text)]
    cjk = sum(1 for c in text if c > "\x7f")
    if len(gaps) < 8 or len(gaps) * 2 < cjk:
        return None
    drop = set(gaps)
    keep = [i for i in range(len(text)) if i not in drop]
    return "".join(text[i] for i in keep), keep


def _respace(q: Quote, pos: list[int], raw: str) -> None:
    """Map a record found on the closed-up text back to the spaced block's offsets."""

    def end(e: int) -> int:
        return pos[e - 1] + 1 if e > 0 else 0

    s, e = pos[q.start] if q.start < len(pos) else len(raw), end(q.end)
    q.start, q.end, q.quote_text = s, max(s, e), raw[s:max(s, e)]
    if q.speaker_start is not None and q.speaker_end is not None:
        q.speaker_start, q.speaker_end = pos[q.speaker_start], end(q.speaker_end)
    if q.cue_start is not None and q.cue_end is not None:
        q.cue_start, q.cue_end = pos[q.cue_start], end(q.cue_end)
